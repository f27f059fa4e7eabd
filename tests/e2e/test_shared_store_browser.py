"""One store, several processes: two `streamlit run` replicas on one DuckDB file both serve pages,
and `python -m dashboard ingest` succeeds while they run; the new corpus is listed on the next rerun."""

import os
import subprocess
import sys

import pytest
from playwright.sync_api import expect

from tests.conftest import ROOT, TEST_DB_DIR
from tests.e2e.conftest import start_server, wait_for_app

BODY = "Biden said sending US troops to Ukraine was not on the table, and NATO allies agreed with the plan. " * 3
STORE = {"FRAMING_LENS_DB": str(TEST_DB_DIR / "shared.duckdb"), "FRAMING_LENS_CACHE": str(TEST_DB_DIR / "shared-cache")}


@pytest.fixture(scope="module")
def replicas():
    started = [start_server(STORE) for _ in range(2)]
    yield [url for _, url in started]
    for proc, _ in started:
        proc.terminate()
        proc.wait(timeout=20)


def corpus_options(pg) -> list[str]:
    pg.locator("[data-testid='stSidebar'] [data-testid='stSelectbox']").first.click()
    options = pg.locator("[role='option']").all_inner_texts()
    pg.keyboard.press("Escape")
    return options


def test_two_replicas_serve_one_store_and_see_an_ingest_made_while_they_run(replicas, browser, tmp_path):
    pages = []
    for url in replicas:
        pg = browser.new_context(viewport={"width": 1400, "height": 2200}).new_page()
        pg.goto(url + "/actors")
        wait_for_app(pg)
        expect(pg.locator(".js-plotly-plot").first).to_be_visible()
        pages.append(pg)
    assert corpus_options(pages[0]) == ["Seeds: Biden rules out US troops (8 Dec 2021)"]
    articles = tmp_path / "shared.csv"
    articles.write_text(f'outlet,text\nPaper A,"{BODY}"\nPaper B,"{BODY} Putin denied it."\n', encoding="utf-8")
    ingest = subprocess.run([sys.executable, "-m", "dashboard", "ingest", str(articles), "--corpus", "Shared study"],
                            cwd=ROOT, env={**os.environ, **STORE}, capture_output=True, text=True, timeout=120)
    assert ingest.returncode == 0, ingest.stderr
    for pg in pages:
        pg.reload()  # the next rerun
        wait_for_app(pg)
        assert "Shared study" in corpus_options(pg)
    pages[1].goto(replicas[1] + "/actors?corpus=Shared%20study")  # the second replica analyses the new corpus
    wait_for_app(pages[1])
    expect(pages[1].locator(".st-key-outlet [data-tag]")).to_have_count(2)
    for pg in pages:
        pg.context.close()
