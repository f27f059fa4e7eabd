"""Framing Lens: entry point. Page config, shared sidebar, navigation."""

import streamlit as st

from dashboard.state import URL_PATHS, ViewState
from dashboard.ui.context import choices, load_analysis, outlet_filter, query_mapping, show_notices, source_path

st.set_page_config(page_title="Framing Lens", page_icon=":material/center_focus_strong:", layout="wide")

PAGES = {
    "overview": ("Overview", "dashboard/pages/overview.py",  ":material/home:"),
    "terms": ("Terms", "dashboard/pages/terms.py", ":material/text_fields:"),
    "actors": ("Actors", "dashboard/pages/actors.py", ":material/groups:"),
    "topics": ("Topics", "dashboard/pages/topics.py", ":material/category:"),
    "read": ("Read", "dashboard/pages/read.py", ":material/article:"),
}

analysis = load_analysis(source_path())
incoming = ViewState.from_query(query_mapping(), choices(analysis))
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
