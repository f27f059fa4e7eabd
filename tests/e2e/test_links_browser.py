"""Shareable links, click-through evidence and exports, in real Chromium against `streamlit run`."""

import re
from urllib.parse import parse_qs, urlsplit

from playwright.sync_api import expect

from tests.e2e.conftest import downloaded_text, legend, location, screenshot, wait_for_app

PANEL = "[class*='st-key-evidence_panel_ev']"


def query(pg) -> dict[str, list[str]]:
    return parse_qs(urlsplit(location(pg)).query)


def test_deep_link_reproduces_page_filters_and_evidence(server, page, analysis):
    page.goto(server + "/topics?outlet=CNN&outlet=VOA&measure=share&ev=topic|sanctions|CNN")
    wait_for_app(page)
    expect(page.locator(".st-key-measure label:has(input:checked)")).to_have_text("Share of sentences")
    assert legend(page) == ["CNN", "VOA"]
    hits = analysis.topics.query("outlet == 'CNN' and topic == 'sanctions'")["hits"].item()
    panel = page.locator(PANEL)
    expect(panel).to_contain_text(f"{hits} matches in")
    expect(panel.locator("mark").first).to_be_visible()
    assert panel.locator(".sent").count() == analysis.topics.query("outlet == 'CNN' and topic == 'sanctions'")["hit_sentences"].item()
    screenshot(page, "evidence-panel")


def test_outlet_filter_change_updates_the_url(server, page):
    page.goto(server + "/terms")
    wait_for_app(page)
    assert "outlet" not in query(page)  # all outlets: nothing in the URL
    page.get_by_role("button", name="Remove VOA").click()
    expect(page.locator(".st-key-outlet [data-tag]")).to_have_count(4)
    page.wait_for_function("() => window.location.search.includes('outlet=')")
    wait_for_app(page)
    assert query(page)["outlet"] == ["Al Mayadeen English", "TRT World", "The Hill", "CNN"]
    expect(page.locator(".js-plotly-plot")).to_have_count(4)


def click_first_bar_and_read_panel(page):
    page.locator(".st-key-actors_bars .js-plotly-plot .bars .point path").first.click(force=True)
    page.wait_for_function("() => window.location.search.includes('ev=')")
    wait_for_app(page)
    return page.locator(PANEL)


def test_click_a_bar_shows_the_sentences_behind_it(server, page, analysis):
    page.goto(server + "/actors?outlet=VOA&norm=raw")
    wait_for_app(page)
    panel = click_first_bar_and_read_panel(page)
    kind, actor, outlet = query(page)["ev"][0].split("|")
    assert (kind, outlet) == ("actor", "VOA")
    row = analysis.actors.query("outlet == 'VOA' and actor == @actor").iloc[0]
    expected = int(row["named_mentions"] + row["role_mentions"])
    expect(panel).to_contain_text(f"{expected} matches in")
    expect(panel).to_contain_text(row["label"])
    sentences = panel.locator(".sent").all_inner_texts()
    m = analysis.matches.query("kind == 'actor' and key == @actor and outlet == 'VOA'")
    assert len(sentences) == m.drop_duplicates(["article", "sentence"]).shape[0]
    assert all("VOA" in s for s in sentences)


def test_copied_link_opens_the_same_view_in_a_new_browser(server, page, browser):
    page.goto(server + "/actors?outlet=VOA&norm=raw")
    wait_for_app(page)
    panel = click_first_bar_and_read_panel(page)
    page.locator(".st-key-csv_ev button").wait_for()
    panel_text = panel.inner_text()
    code = page.locator("[data-testid='stSidebar'] [data-testid='stCode']")
    expect(code).to_contain_text("ev=actor")  # the rerun that records the click has drawn the link
    link = code.inner_text().strip()
    assert link == location(page)  # the link shown is the address bar
    fresh = browser.new_context(viewport={"width": 1400, "height": 2200})
    other = fresh.new_page()
    other.goto(link)
    wait_for_app(other)
    # a generous wait: the new session's first run reads the link's evidence on a loaded machine (timed out at 5 s once)
    expect(other.locator(".st-key-norm label:has(input:checked)")).to_have_text("Raw counts", timeout=30_000)
    expect(other.locator(".st-key-outlet [data-tag]")).to_have_count(1)
    expect(other.locator(PANEL)).to_contain_text("matches in")
    other.locator(".st-key-csv_ev button").wait_for()
    # the same evidence, sentence for sentence (retried: the panel's sentences are drawn after its CSV button)
    expect(other.locator(PANEL)).to_have_text(" ".join(panel_text.split()), use_inner_text=True, timeout=30_000)
    fresh.close()


def test_evidence_pack_and_csv_download(server, page):
    page.goto(server + "/topics?ev=topic|minsk|Al%20Mayadeen%20English")
    wait_for_app(page)
    html = downloaded_text(page, page.get_by_role("button", name=re.compile("Evidence pack")))
    assert "It was said directly that Ukraine sabotages the <mark>Minsk</mark> implementation." in html
    assert "Topic: Minsk agreements · Al Mayadeen English — 5 matches in 4 sentences" in html
    assert "ev=topic%7Cminsk%7CAl+Mayadeen+English" in html  # the link that reopens the view
    assert 'src="https://' not in html and "Plotly.newPlot" in html  # charts inline, no network
    rows = downloaded_text(page, page.locator(".st-key-csv_ev button")).splitlines()
    assert rows[0].startswith("outlet,article,headline,sentence") and len(rows) == 1 + 4


def test_hostile_link_shows_notices_and_a_working_page(server, page):
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(server + "/topics?topic=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E&outlet=%3Cscript%3Ealert(2)%3C/script%3E"
              "&top=-5&ev=%3Cb%3Ex&measure=javascript:alert(3)")
    wait_for_app(page)
    alerts = page.locator("[data-testid='stAlert']")
    expect(alerts.filter(has_text="Unknown outlet")).to_have_count(1)
    expect(alerts.filter(has_text="Unknown topic “<img src=x onerror=alert(1)>”")).to_have_count(1)
    expect(alerts.filter(has_text="“top” must be a whole number")).to_have_count(1)
    expect(alerts.filter(has_text="evidence selection")).to_have_count(1)
    expect(alerts.filter(has_text="Unknown topic measure “javascript:alert(3)”")).to_have_count(1)
    assert page.locator("img[src='x']").count() == 0 and page.locator("b:text('x')").count() == 0
    expect(page.locator(".js-plotly-plot").first).to_be_visible()
    expect(page.locator(".st-key-measure label:has(input:checked)")).to_have_text("Hits per 1,000 words")
    page.wait_for_timeout(500)
    assert dialogs == []
    screenshot(page, "hostile-link")
