"""Framing Lens: entry point. Page config, corpus and lexicon choice, outlet filter, navigation."""

import streamlit as st

from dashboard.render import escape_markdown
from dashboard.state import URL_PATHS
from dashboard.store import StoreError, readonly_mode
from dashboard.ui.context import (
    Dataset,
    base_url,
    current_state,
    date_filter,
    default_corpus,
    ensure_analysed,
    get_store,
    load_analysis,
    outlet_filter,
    show_notices,
    stored_corpora,
    stored_lexicon_versions,
    story_filter,
    warm_cuts,
)
from dashboard.ui.errors import begin_rerun, log_rerun, run_page
from dashboard.ui.framing import lexicon_notice
from dashboard.ui.widgets import url_choice

started = begin_rerun()

st.set_page_config(page_title="Framing Lens", page_icon=":material/center_focus_strong:", layout="wide")

PAGES = {
    "overview": ("Overview", "dashboard/pages/overview.py", ":material/home:"),
    "stories": ("Stories", "dashboard/pages/stories.py", ":material/newspaper:"),
    "terms": ("Terms", "dashboard/pages/terms.py", ":material/text_fields:"),
    "actors": ("Actors", "dashboard/pages/actors.py", ":material/groups:"),
    "topics": ("Topics", "dashboard/pages/topics.py", ":material/category:"),
    "read": ("Read", "dashboard/pages/read.py", ":material/article:"),
    "compare": ("Compare", "dashboard/pages/compare.py", ":material/compare_arrows:"),
    "quotes": ("Quotes", "dashboard/pages/quotes.py", ":material/format_quote:"),
    "coverage": ("Coverage", "dashboard/pages/coverage.py", ":material/grid_on:"),
    "frames": ("Frames", "dashboard/pages/frames.py", ":material/filter_frames:"),
    "lexicon": ("Lexicon", "dashboard/pages/lexicon.py", ":material/edit_note:"),
    "import": ("Import", "dashboard/pages/import_corpus.py", ":material/upload_file:"),
}
HIDDEN_WHEN_READONLY = {"import"}

try:
    get_store()
except StoreError as exc:
    st.error(escape_markdown(str(exc)))
    st.stop()

pages = {
    key: st.Page(path, title=title, icon=icon, url_path=URL_PATHS.get(key, key) or None, default=key == "overview")
    for key, (title, path, icon) in PAGES.items()
    if not (readonly_mode() and key in HIDDEN_WHEN_READONLY)
}
current = st.navigation(list(pages.values()))
page = next(key for key, p in pages.items() if p.url_path == current.url_path)

st.sidebar.title("Framing Lens")
corpora = stored_corpora()  # read again only when the store file changed
names = [c.name for c in corpora]
corpus = url_choice(st.sidebar.selectbox, "Corpus", names, key="corpus", default=default_corpus(names),
                    then=lambda: st.session_state.pop("outlet", None))
info = next(c for c in corpora if c.name == corpus)
versions = {"0": "default (shipped)", **{str(v): f"v{v} · {created:%Y-%m-%d %H:%M}" + (f" · {note}" if note else "")
                                          for v, created, note in stored_lexicon_versions(corpus)}}
lexicon = url_choice(st.sidebar.selectbox, "Lexicon version", list(versions), labels=versions, key="lexicon", default="0")
st.session_state["_dataset"] = dataset = Dataset(corpus, info.revision, int(lexicon))

ensure_analysed(dataset)
analysis = load_analysis(dataset)
incoming = current_state(analysis, page, names, list(versions))
story_filter(dataset)
outlet_filter(analysis)
date_filter(dataset, incoming)
if len(analysis.outlets) < 2:
    st.sidebar.info("This corpus has one outlet: comparisons need at least two.")
if readonly_mode():
    st.sidebar.caption("Read-only dashboard: importing, renaming, deleting and saving lexicons are off.")
show_notices(incoming)
if page in ("overview", "actors", "topics"):
    lexicon_notice(analysis, dataset)
run_page(current)

st.sidebar.markdown("**Link to this view**")
st.sidebar.code(current_state(analysis, page, names, list(versions)).url(base_url()), language=None, wrap_lines=True)
st.sidebar.caption("Copy it to reopen exactly this page, corpus, lexicon, filters and evidence.")
log_rerun(page, started)
warm_cuts(analysis)
