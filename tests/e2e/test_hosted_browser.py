"""Hosted mode in real Chromium: a failing page shows an error id, never a traceback or a file path;
the server log holds the traceback under the same id. The real app, hosted, still works and logs
each rerun's server time when asked."""

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from dashboard.ui.warm_up import warm
from tests.conftest import ROOT, TEST_DB_DIR
from tests.e2e.conftest import start_server, wait_for_app

SECRET = "/srv/newsroom/secret-folder/articles.db"
# A tiny app with the real error handling around a page that fails the way a bug would, with a file path
# in its message; ?sidebar=1 fails outside the page (where Streamlit's redaction has to do the job).
FAILING_APP = f'''
import streamlit as st
from dashboard.ui.errors import begin_rerun, run_page

begin_rerun()
if st.query_params.get("sidebar"):
    open({SECRET!r})


def broken():
    st.title("Broken page")
    open({SECRET!r})


current = st.navigation([st.Page(broken, title="Broken", url_path="broken", default=True)])
run_page(current)
'''


@pytest.fixture(scope="module")
def failing_server():
    script = TEST_DB_DIR / "failing_app.py"
    script.write_text(FAILING_APP, encoding="utf-8")
    proc, url = start_server({"FRAMING_LENS_READONLY": "1", "PYTHONPATH": str(ROOT)}, script=str(script))
    yield url, ROOT / ".artifacts" / f"streamlit-{urlsplit(url).port}.log"
    proc.terminate()
    proc.wait(timeout=20)


def test_a_failing_page_shows_an_error_id_and_the_log_has_the_traceback(failing_server, page):
    url, log = failing_server
    page.goto(url)
    wait_for_app(page)
    alert = page.locator("[data-testid='stAlert']")
    expect(alert).to_contain_text("Something went wrong on this page")
    error_id = re.search(r"error id ([0-9a-f]{8})", alert.inner_text()).group(1)
    shown = page.locator("[data-testid='stApp']").inner_text()
    for leak in (SECRET, "secret-folder", "Traceback", "FileNotFoundError", "failing_app.py", str(ROOT)):
        assert leak not in shown
    assert page.locator("[data-testid='stException']").count() == 0
    text = log.read_text(encoding="utf-8")
    entry = text[text.index(f"error {error_id} on page /"):]
    assert "Traceback (most recent call last)" in entry and f"FileNotFoundError: [Errno 2] No such file or directory: '{SECRET}'" in entry


def test_an_error_outside_the_page_is_redacted_too(failing_server, page):
    url, _ = failing_server
    page.goto(url + "?sidebar=1")
    page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']", state="attached")
    expect(page.locator("[data-testid='stException']")).to_contain_text("The original error message is redacted")
    shown = page.locator("[data-testid='stApp']").inner_text()
    assert SECRET not in shown and "Traceback" not in shown and "FileNotFoundError" not in shown


def test_the_real_app_hosted_works_and_logs_rerun_times(page, tmp_path):
    timing = tmp_path / "reruns.tsv"
    proc, url = start_server({"FRAMING_LENS_READONLY": "1", "FRAMING_LENS_TIMING": str(timing)})
    try:
        page.goto(url + "/actors")
        wait_for_app(page)
        expect(page.locator(".js-plotly-plot").first).to_be_visible()
        expect(page.locator("[data-testid='stSidebar']")).to_contain_text("Read-only dashboard")
        assert page.locator("[data-testid='stSidebarNav'] a[href$='/import']").count() == 0
        assert page.locator("[data-testid='stException']").count() == 0
        runs = [line.split("\t") for line in timing.read_text().splitlines()]
        assert runs and all(page_key == "actors" and 0 < float(cpu) <= float(seconds) + 0.01 < 60  # CPU: the script thread's
                            for _, page_key, seconds, cpu in runs)
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def test_the_script_health_check_runs_the_app_once_in_the_server(tmp_path):
    """The warm-up scripts/run.sh makes (and a host's readiness probe): no browser, one run of the
    default page in the server, so the first visitor finds the modules imported and the results read."""
    timing = tmp_path / "reruns.tsv"
    proc, url = start_server({"FRAMING_LENS_READONLY": "1", "FRAMING_LENS_TIMING": str(timing)})
    try:
        assert warm(url) == "ok"
        assert [line.split("\t")[1] for line in timing.read_text().splitlines()] == ["overview"]
    finally:
        proc.terminate()
        proc.wait(timeout=20)
