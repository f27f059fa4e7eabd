"""Quotes and coverage pages in real Chromium: variants, and clicking a claim cell for its sentences."""

import csv
import io
from urllib.parse import parse_qs, urlsplit

from playwright.sync_api import expect

from tests.e2e.conftest import downloaded_text, location, screenshot, wait_for_app

PANEL = "[class*='st-key-evidence_panel_ev']"


def test_claim_cell_click_opens_its_sentences(server, page, analysis):
    page.goto(server + "/coverage")
    wait_for_app(page)
    page.locator(".st-key-coverage_map .js-plotly-plot .scatterlayer .trace").first.locator("path.point").first.click(force=True)
    page.wait_for_function("() => window.location.search.includes('ev=claim')")
    wait_for_app(page)
    kind, claim, outlet = parse_qs(urlsplit(location(page)).query)["ev"][0].split("|")
    assert kind == "claim" and claim.isdigit()
    panel = page.locator(PANEL)
    expect(panel).to_contain_text(f"Claim {claim}")
    sentences = panel.locator(".sent").all_inner_texts()
    assert sentences and all(outlet in s for s in sentences)
    screenshot(page, "coverage-map")


def test_quote_variant_shows_the_cards_wording(server, page):
    page.goto(server + "/quotes")
    wait_for_app(page)
    page.get_by_text("The idea the United States is going to unilaterally use force").first.click()
    row = page.locator(".fl-diff p", has_text="Al Mayadeen English")
    expect(row.locator("ins")).to_have_text("on")
    expect(row.locator("del")).to_have_text("in")
    screenshot(page, "quotes")


def test_all_quotes_download_is_read_when_clicked(server, page, analysis):
    """The quotes CSV is made by a function run on the click (the table is not read on every open)."""
    page.goto(server + "/quotes")
    wait_for_app(page)
    rows = list(csv.DictReader(io.StringIO(downloaded_text(page, page.locator(".st-key-csv_quotes button")))))
    assert len(rows) == len(analysis.quotes) > 10
    assert {"outlet", "speaker", "text"} <= set(rows[0])
