"""Real-browser fixtures: a `streamlit run` server on a free port and headless Debian Chromium.

Learned from Streamlit's own e2e suite: start the real server, poll /_stcore/health, and wait
for the app to report ``data-test-script-state='notRunning'`` before asserting anything.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from proxy import free_port

from dashboard.ui.warm_up import wait_until_up
from tests.conftest import ROOT, TEST_DB_DIR

CHROMIUM = os.environ.get("FRAMING_LENS_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = ROOT / ".artifacts" / "e2e"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]


def start_server(env_extra: dict[str, str] | None = None, *, script: str = "app.py",
                 prefix: str = "") -> tuple[subprocess.Popen, str]:
    """Start `streamlit run app.py` (or ``script``) with its own database file (unless ``env_extra``
    names one), served under the path ``prefix`` if given; returns the process and its base URL."""
    port = free_port()
    env = {**os.environ, "FRAMING_LENS_DB": str(TEST_DB_DIR / f"server-{port}.duckdb"), **(env_extra or {})}
    log = open(ROOT / ".artifacts" / f"streamlit-{port}.log", "w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", script, "--server.headless", "true", "--server.port", str(port),
         "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false", "--server.baseUrlPath", prefix],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}" + (f"/{prefix}" if prefix else "")
    if wait_until_up(url, 60, alive=lambda: proc.poll() is None):
        return proc, url
    proc.kill()
    raise RuntimeError(f"streamlit did not start; see {log.name}")


@pytest.fixture(scope="session")
def server():
    (ROOT / ".artifacts").mkdir(exist_ok=True)
    proc, url = start_server()
    yield url
    proc.terminate()
    proc.wait(timeout=20)


@pytest.fixture(scope="session")
def browser():
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        message = f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 2200}, accept_downloads=True)
    pg = context.new_page()
    pg.set_default_timeout(45_000)
    yield pg
    context.close()


def wait_for_app(pg) -> None:
    """Wait until a script run has drawn the page title and the app is idle again."""
    pg.locator("[data-testid='stMain'] h1").first.wait_for()
    pg.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']", state="attached")
    pg.wait_for_timeout(300)
    pg.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']", state="attached")


def location(pg) -> str:
    """The address bar as the user sees it (Streamlit updates it with the History API)."""
    return pg.evaluate("window.location.href")


def downloaded_text(pg, trigger) -> str:
    """The text of the file the browser downloads when ``trigger`` (a locator) is clicked."""
    with pg.expect_download() as info:
        trigger.click()
    return Path(info.value.path()).read_text(encoding="utf-8")


def screenshot(pg, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    pg.screenshot(path=str(path), full_page=True)
    return path


def legend(pg) -> list[str]:
    """Distinct legend entries of the page's Plotly charts, sorted."""
    pg.locator(".js-plotly-plot .legendtext").first.wait_for()
    return sorted(pg.locator(".js-plotly-plot .legendtext").evaluate_all("els => [...new Set(els.map(e => e.textContent))]"))
