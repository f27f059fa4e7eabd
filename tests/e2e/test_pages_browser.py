"""Every page in headless Chromium against the real `streamlit run` server."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import legend, screenshot, wait_for_app

PAGES = {"overview": "/", "terms": "/terms", "actors": "/actors", "topics": "/topics", "read": "/read", "compare": "/compare", "quotes": "/quotes", "coverage": "/coverage"}
TITLES = {"overview": "How outlets framed the story", "terms": "Distinctive terms", "actors": "Actor mentions",
          "topics": "Topic emphasis", "read": "Read an article", "compare": "Compare two outlets", "quotes": "Who is quoted", "coverage": "Coverage and omissions"}


@pytest.mark.parametrize("name", list(PAGES))
def test_page_opens_without_exception(server, page, name):
    page.goto(server + PAGES[name])
    wait_for_app(page)
    page.get_by_role("heading", name=TITLES[name]).wait_for()
    assert page.locator("[data-testid='stException']").count() == 0
    if name != "read":
        page.locator(".js-plotly-plot").first.wait_for()
    path = screenshot(page, name)
    assert path.stat().st_size > 10_000


def test_deep_link_opens_the_view_it_encodes(server, page):
    page.goto(server + "/actors?norm=raw&outlet=CNN&outlet=VOA")
    wait_for_app(page)
    expect(page.locator(".st-key-norm label:has(input:checked)")).to_have_text("Raw counts")
    assert legend(page) == ["CNN", "VOA"]
