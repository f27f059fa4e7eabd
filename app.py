"""Framing Lens: entry point. Page config, shared sidebar, navigation."""

import streamlit as st

from dashboard.state import URL_PATHS
from dashboard.ui.context import base_url, current_state, load_analysis, outlet_filter, show_notices, source_path

st.set_page_config(page_title="Framing Lens", page_icon=":material/center_focus_strong:", layout="wide")

PAGES = {
    "overview": ("Overview", "dashboard/pages/overview.py",  ":material/home:"),
    "terms": ("Terms", "dashboard/pages/terms.py", ":material/text_fields:"),
    "actors": ("Actors", "dashboard/pages/actors.py", ":material/groups:"),
    "topics": ("Topics", "dashboard/pages/topics.py", ":material/category:"),
    "read": ("Read", "dashboard/pages/read.py", ":material/article:"),
    "compare": ("Compare", "dashboard/pages/compare.py", ":material/compare_arrows:"),
    "quotes": ("Quotes", "dashboard/pages/quotes.py", ":material/format_quote:"),
    "coverage": ("Coverage", "dashboard/pages/coverage.py", ":material/grid_on:"),
}

analysis = load_analysis(source_path())
incoming = current_state(analysis, "overview")
pages = {
    key: st.Page(path, title=title, icon=icon, url_path=URL_PATHS[key] or None, default=key == "overview")
    for key, (title, path, icon) in PAGES.items()
}
current = st.navigation(list(pages.values()))
st.sidebar.title("Framing Lens")
outlet_filter(analysis)
if len(analysis.outlets) < 2:
    st.sidebar.info("This corpus has one outlet: comparisons need at least two.")
show_notices(incoming)
current.run()

page = next(key for key, p in pages.items() if p.url_path == current.url_path)
st.sidebar.markdown("**Link to this view**")
st.sidebar.code(current_state(analysis, page).url(base_url()), language=None, wrap_lines=True)
st.sidebar.caption("Copy it to reopen exactly this page, filters and evidence.")
