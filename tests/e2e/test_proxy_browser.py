"""Behind a reverse proxy under a path prefix: Debian's nginx, run as the current user on loopback
with a throwaway config, in front of `streamlit run --server.baseUrlPath lens`. Deep links, the
"Link to this view", chart clicks and both downloads work through it, and every link and every
request the browser makes carries the prefix (nginx's access log is the witness)."""

from __future__ import annotations

import os
import re
import time
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from playwright.sync_api import expect
from proxy import NGINX, nginx  # the proxy the load benchmark's replicas sit behind too

from tests.e2e.conftest import downloaded_text, legend, location, start_server, wait_for_app

PREFIX = "lens"
PANEL = "[class*='st-key-evidence_panel_ev']"


@pytest.fixture(scope="module")
def proxied(tmp_path_factory):
    """The app's URL through nginx (``http://127.0.0.1:<nginx port>/lens``) and nginx's access log."""
    if not Path(NGINX).exists():
        message = f"nginx not found at {NGINX} (apt-get install nginx; scripts/test.sh does)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    app, direct = start_server(prefix=PREFIX)
    try:
        with nginx(tmp_path_factory.mktemp("nginx"), [urlsplit(direct).port], PREFIX) as proxied:
            yield proxied
    finally:
        app.terminate()
        app.wait(timeout=20)


def sidebar_link(pg) -> str:
    return pg.locator("[data-testid='stSidebar'] [data-testid='stCode']").inner_text().strip()


def hrefs(pg) -> list[str]:
    """Every link on the page, resolved against the address bar as the browser would follow it."""
    here = location(pg)
    return [urljoin(here, h) for h in pg.locator("a[href]").evaluate_all("els => els.map(e => e.getAttribute('href'))")
            if not h.startswith(("#", "mailto:"))]


def test_deep_link_and_link_to_this_view_carry_the_prefix(proxied, page, analysis):
    url, _ = proxied
    page.goto(url + "/topics?outlet=CNN&outlet=VOA&measure=share&ev=topic|sanctions|CNN")
    wait_for_app(page)
    assert legend(page) == ["CNN", "VOA"]
    hits = analysis.topics.query("outlet == 'CNN' and topic == 'sanctions'")["hits"].item()
    expect(page.locator(PANEL)).to_contain_text(f"{hits} matches in")
    assert sidebar_link(page) == location(page)
    assert location(page).startswith(url + "/topics?")
    links = hrefs(page)
    assert links and all(urlsplit(h).path.startswith(f"/{PREFIX}/") for h in links if urlsplit(h).netloc == urlsplit(url).netloc)
    assert any("/lens/read?article=" in h for h in links)  # the evidence panel's links to the Read page


def test_chart_click_and_the_copied_link_work_through_the_proxy(proxied, page, browser):
    url, _ = proxied
    page.goto(url + "/actors?outlet=VOA&norm=raw")
    wait_for_app(page)
    page.locator(".st-key-actors_bars .js-plotly-plot .bars .point path").first.click(force=True)
    page.wait_for_function("() => window.location.search.includes('ev=')")
    wait_for_app(page)
    expect(page.locator(PANEL)).to_contain_text("matches in")
    code = page.locator("[data-testid='stSidebar'] [data-testid='stCode']")
    expect(code).to_contain_text("ev=actor")
    link = sidebar_link(page)
    assert link == location(page) and link.startswith(url + "/actors?")
    fresh = browser.new_context(viewport={"width": 1400, "height": 2200})
    other = fresh.new_page()
    other.goto(link)
    wait_for_app(other)
    expect(other.locator(PANEL)).to_contain_text("matches in")
    expect(other.locator(".st-key-outlet [data-tag]")).to_have_count(1)
    with fresh.expect_page() as opened:  # a Read link from the panel (Streamlit opens it in a new tab)
        other.get_by_role("link", name=re.compile("→ read")).first.click()
    read = opened.value
    read.wait_for_url(re.compile(rf"^{url}/read\?article="))
    wait_for_app(read)
    expect(read.locator("[data-testid='stMain'] mark").first).to_be_visible()
    fresh.close()


def test_downloads_work_through_the_proxy_and_every_request_has_the_prefix(proxied, page):
    url, access_log = proxied
    page.goto(url + "/topics?ev=topic|minsk|Al%20Mayadeen%20English")
    wait_for_app(page)
    html = downloaded_text(page, page.get_by_role("button", name=re.compile("Evidence pack")))
    assert f"{url}/topics?ev=topic%7Cminsk%7CAl+Mayadeen+English" in html  # the reopening link, with the prefix
    assert "Topic: Minsk agreements · Al Mayadeen English — 5 matches in 4 sentences" in html
    rows = downloaded_text(page, page.locator(".st-key-csv_ev button")).splitlines()
    assert rows[0].startswith("outlet,article,headline,sentence") and len(rows) == 1 + 4
    page.close()  # nginx logs the app's websocket when it closes
    deadline = time.monotonic() + 10
    while "/_stcore/stream" not in access_log.read_text() and time.monotonic() < deadline:
        time.sleep(0.2)
    requests = re.findall(r'"[A-Z]+ (\S+) HTTP', access_log.read_text())
    assert any("/_stcore/stream" in r for r in requests) and any("/media/" in r for r in requests)
    assert [r for r in requests if not r.startswith(f"/{PREFIX}/")] == []
