"""Own corpora in real Chromium: upload a CSV and see it analysed; a hostile corpus stays inert."""

import re
from urllib.parse import urlencode

import pytest
from playwright.sync_api import expect

from dashboard.store import SEED_NAME, Store
from tests.conftest import TEST_DB_DIR
from tests.e2e.conftest import legend, screenshot, start_server, wait_for_app

BODY = ("Biden said on Wednesday that sending US troops to Ukraine was not on the table, and warned of severe "
        "economic sanctions if Russia invades. NATO allies would be reassured, officials said, and talks with "
        "Moscow would continue at a higher level later in the week, according to the White House. ")


def test_upload_a_csv_and_see_its_outlets_in_the_charts(server, page, tmp_path):
    csv = tmp_path / "my_articles.csv"
    csv.write_text("outlet,text,headline,published\n"
                   f'Daily Planet,"{BODY * 2}",Planet on troops,2021-12-08\n'
                   f'Gotham Gazette,"{BODY} Putin denied plans to invade.",Gazette on Putin,2021-12-09\n'
                   'Gotham Gazette,"x",bad,row,extra\n', encoding="utf-8")
    page.goto(server + "/import")
    wait_for_app(page)
    page.locator(".st-key-upload_files input[type=file]").set_input_files(str(csv))
    expect(page.get_by_text("my_articles.csv, line 4")).to_be_attached()  # the bad row, located …
    expect(page.get_by_text("has 5 fields, expected 4 (a stray comma or quote?)")).to_be_attached()  # … and explained
    page.locator(".st-key-upload_name input").fill("Browser upload")
    page.locator(".st-key-upload_name input").press("Enter")
    wait_for_app(page)
    go = page.locator(".st-key-upload_go button")
    expect(go).to_be_disabled()  # errors present: the user must confirm skipping them
    page.locator(".st-key-upload_confirm label").click()
    wait_for_app(page)
    expect(go).to_be_enabled()
    go.click()
    expect(page.get_by_text("Stored 2 articles.")).to_be_visible()
    screenshot(page, "import")
    page.goto(server + "/?" + urlencode({"corpus": "Browser upload"}))
    wait_for_app(page)
    assert legend(page) == ["Daily Planet", "Gotham Gazette"]
    expect(page.get_by_role("combobox", name="Corpus")).to_have_value("Browser upload")


HOSTILE = "<img src=x onerror=alert(1)>"
HOSTILE_TEXT = (f"{HOSTILE} <script>alert(2)</script> [click me](javascript:alert(3)) $x^2$ :red[boom] "
                "Biden said sanctions on Russia would follow if Putin invades Ukraine, and NATO allies agreed. ")


@pytest.fixture(scope="module")
def hostile_server():
    """A read-only server whose store holds a corpus and a lexicon version full of markup."""
    path = TEST_DB_DIR / "hostile.duckdb"
    store = Store(path)
    store.import_rows("<b>hostile</b>", [
        {"outlet": f"{HOSTILE} Outlet", "headline": "<script>alert(4)</script> headline", "text": HOSTILE_TEXT * 3,
         "url": "javascript:alert(5)"},
        {"outlet": "[Evil](javascript:alert(6)) :red[News]", "headline": "$\\frac{1}{2}$ headline", "text": HOSTILE_TEXT * 4},
    ])
    actors, topics = store.lexicon_yaml(SEED_NAME, None)
    topics = topics.replace("label: Sanctions and economic penalties", f"label: '{HOSTILE} sanctions'")
    store.save_lexicon("<b>hostile</b>", actors, topics.replace("sanction*", "'<script>x</script>'"))
    proc, url = start_server({"FRAMING_LENS_DB": str(path), "FRAMING_LENS_READONLY": "1"})
    yield url
    proc.terminate()
    proc.wait(timeout=20)


@pytest.mark.parametrize("path", ["/", "/terms", "/actors", "/topics", "/read", "/compare", "/quotes", "/coverage", "/lexicon"])
def test_hostile_corpus_is_shown_literally_everywhere(hostile_server, page, path):
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    query = urlencode({"corpus": "<b>hostile</b>", "lexicon": "1"})
    page.goto(f"{hostile_server}{path}?{query}")
    wait_for_app(page)
    main = page.locator("[data-testid='stMain']")
    assert main.locator("[data-testid='stException']").count() == 0
    assert page.locator("img[src='x']").count() == 0
    assert main.locator("script").count() == 0
    assert page.locator("a[href^='javascript']").count() == 0
    assert page.locator("[data-testid='stMarkdownContainer'] .katex").count() == 0  # no LaTeX rendered
    page.wait_for_timeout(300)
    assert dialogs == []
    if path == "/read":
        expect(main).to_contain_text(HOSTILE)  # the text itself, shown as text
    if path == "/":
        expect(page.locator(".js-plotly-plot").first).to_contain_text(HOSTILE + " Outlet")
        screenshot(page, "hostile-corpus")


def test_read_only_server_has_no_import_page(hostile_server, page):
    page.goto(hostile_server + "/import")
    wait_for_app(page)
    assert page.get_by_role("heading", name=re.compile("Import your own corpus")).count() == 0
    expect(page.locator("[data-testid='stSidebarNav']")).not_to_contain_text("Import")
    expect(page.locator("[data-testid='stSidebar']")).to_contain_text("Read-only dashboard")
