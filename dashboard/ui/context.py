"""What every page needs: the cached analysis, the outlet filter and the view state.

This module and ``dashboard/pages`` are the only places that import Streamlit.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import streamlit as st

from dashboard.analysis import Analysis, analyse
from dashboard.analysis.sourcing import Sourcing, analyse_sourcing
from dashboard.charts import outlet_colours
from dashboard.corpus import load_source
from dashboard.lexicons import default_lexicon
from dashboard.render import escape_markdown
from dashboard.state import Choices, ViewState

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def source_path() -> str:
    """The corpus the app shows: ``FRAMING_LENS_SOURCE`` or the shipped seeds."""
    return os.environ.get("FRAMING_LENS_SOURCE") or str(SEEDS)


@st.cache_resource(show_spinner="Analysing the corpus…")
def load_analysis(source: str, exclude_shared: bool = False) -> Analysis:
    """Analyse a source once per server process; every session and rerun shares the result."""
    return analyse(load_source(source), default_lexicon(), exclude_shared=exclude_shared)


@st.cache_resource(show_spinner="Finding quotes, shared passages and claims…")
def load_sourcing(source: str, primary: str | None = None) -> Sourcing:
    """Quotes, claims and coverage for a source, once per server process and primary source."""
    return analyse_sourcing(load_analysis(source), primary=primary)


@dataclass(frozen=True)
class PageContext:
    full: Analysis  # all outlets (scores are always computed against the whole corpus)
    view: Analysis  # rows of the selected outlets only
    outlets: list[str]  # selected outlets, in corpus order
    colours: dict[str, str]
    state: ViewState  # what the URL says, validated


def choices(analysis: Analysis) -> Choices:
    return Choices(
        outlets=analysis.outlets,
        topics=[t.id for t in analysis.lexicon.topics],
        actors=[a.id for a in analysis.lexicon.actors],
        articles=list(analysis.articles["id"]),
    )


def query_mapping() -> dict[str, list[str]]:
    return {key: st.query_params.get_all(key) for key in st.query_params}


def show_notices(state: ViewState) -> None:
    for notice in state.notices:
        st.warning(escape_markdown(notice), icon="⚠️")


def outlet_filter(analysis: Analysis) -> list[str]:
    """Sidebar outlet multiselect bound to ``?outlet=…`` (absent from the URL when all are shown)."""
    selected = st.sidebar.multiselect(
        "Outlets", analysis.outlets, default=analysis.outlets, key="outlet", bind="query-params",
        help="Show only these outlets on every page. Scores stay computed against the whole corpus.",
    )
    return [o for o in analysis.outlets if o in selected]


def current_state(analysis: Analysis, page: str) -> ViewState:
    return ViewState.from_query(query_mapping(), choices(analysis), page)


def base_url() -> str:
    """Scheme, host and base path of the running app, for absolute links."""
    parts = urlsplit(st.context.url or "http://localhost:8501/")
    prefix = (st.get_option("server.baseUrlPath") or "").strip("/")
    return f"{parts.scheme}://{parts.netloc}" + (f"/{prefix}" if prefix else "")


def page_context(page: str) -> PageContext:
    """The shared context for a page run (the filter widget itself lives in app.py)."""
    full = load_analysis(source_path())
    selected = st.session_state.get("outlet") or full.outlets
    outlets = [o for o in full.outlets if o in selected]
    state = current_state(full, page)
    return PageContext(full, full.for_outlets(outlets), outlets, outlet_colours(full.outlets), state)


def how_to_read(text: str) -> None:
    """The one-line reading guide under every chart."""
    st.caption(f"**How to read this:** {text}")
