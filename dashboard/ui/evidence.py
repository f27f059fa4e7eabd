"""Click-through: a chart click becomes ``?ev=kind|key|outlet``, and the panel shows its sentences."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from urllib.parse import urlencode

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard.analysis import Analysis
from dashboard.analysis.evidence import Evidence, describe, evidence
from dashboard.evidence_pack import build_pack, sentences_html
from dashboard.render import escape_markdown
from dashboard.ui.context import base_url
from dashboard.ui.exports import csv_download, pack_download
from dashboard.ui.shared import shared_evidence

SHOWN = 200  # sentences drawn in the panel; a large corpus can have tens of thousands behind one number
SHOWN_LINKS = 30
PANEL_STYLE = (".fl-evidence .sent{margin:.5em 0;padding:.4em .7em;border-left:3px solid #0072B2;background:#f6f8fb}"
               ".fl-evidence .meta{color:#667;font-size:.85em}.fl-evidence mark{background:#ffe27a}")


def _on_select(chart_key: str, kind: str) -> None:
    points = st.session_state[chart_key].selection.points
    if points and points[0].get("customdata"):
        outlet, key = points[0]["customdata"][:2]
        st.query_params["ev"] = Evidence(kind, str(key), str(outlet)).encode()


def selectable_chart(fig: go.Figure, *, key: str, kind: str) -> None:
    """A Plotly chart whose clicked point (customdata = [outlet, key, …]) opens its evidence."""
    st.plotly_chart(fig, key=key, width="stretch", on_select=partial(_on_select, key, kind), selection_mode="points",
                    config={"displaylogo": False})


def clear_evidence() -> None:
    st.query_params.pop("ev", None)


def read_link(ev: Evidence, article: str) -> str:
    """Relative link to the Read page with this evidence highlighted in its article."""
    query = {"article": article, **({ev.kind: ev.key} if ev.kind in ("topic", "actor", "term") else {})}
    return "read?" + urlencode(query)


def _evidence_rows(analysis: Analysis, ev: Evidence, sourcing, pooled, members) -> tuple[pd.DataFrame, str, str]:
    """The rows behind a selection, the HTML of the first ``SHOWN`` and the "Open in context" links."""
    rows = evidence(analysis, ev, sourcing, pooled, members)
    shown = rows.head(SHOWN)
    articles = shown[["article", "headline"]].drop_duplicates()
    links = " · ".join(
        f"[{escape_markdown(str(h)[:60])} → read]({read_link(ev, a)})"
        for a, h in articles.head(SHOWN_LINKS).itertuples(index=False)
    ) + (" · …" if len(articles) > SHOWN_LINKS else "")
    return rows, sentences_html(shown), links


def evidence_panel(analysis: Analysis, ev: Evidence | None, *, key: str = "ev", sourcing=None,
                   pooled: list[str] = (), members: dict[str, list[str]] | None = None,
                   cache: tuple | None = None) -> None:
    """Every sentence behind the selected number, matches highlighted (escaped), with links to Read.

    ``pooled``: the outlets the "Other outlets" row stands for in this view; ``members``: each
    outlet group's outlets (``?groups=1``), whose sentences a group's number pools. ``cache``:
    what ``analysis`` and ``sourcing`` are a function of (a ``PageContext.key`` and the page's
    own choices); with it the rows are found once per server process, not on every rerun."""
    if ev is None or (ev.kind in ("quote", "claim") and sourcing is None):
        return

    def build() -> tuple[pd.DataFrame, str, str]:
        return _evidence_rows(analysis, ev, sourcing, pooled, members)

    groups = tuple((g, tuple(o)) for g, o in members.items()) if members else ()
    rows, body, links = build() if cache is None else shared_evidence(("panel", *cache, ev, tuple(pooled), groups), build)
    total = int(rows["matches"].sum()) if len(rows) else 0
    with st.container(border=True, key=f"evidence_panel_{key}"):
        head, close = st.columns([4, 1])
        head.markdown(f"#### Evidence · {escape_markdown(describe(analysis, ev))} · {escape_markdown(ev.outlet)}")
        close.button("Clear", icon=":material/close:", key=f"clear_{key}", on_click=clear_evidence)
        st.markdown(f"**{total} matches in {len(rows)} sentences**", help="The number you clicked is the match count.")
        if members and ev.outlet in members:
            st.caption(escape_markdown(f"{ev.outlet}: {', '.join(members[ev.outlet])} (their sentences pooled)"))
        if not len(rows):
            st.info("Nothing behind this number: the outlet never uses it.")
            return
        if len(rows) > SHOWN:
            st.caption(f"Showing the first {SHOWN:,} of {len(rows):,} sentences; the CSV below has them all.")
        st.html(f"<style>{PANEL_STYLE}</style><div class='fl-evidence'>{body}</div>")
        st.markdown(f"Open in context: {links}")
        csv_download(rows.drop(columns=["spans"]), f"evidence-{ev.kind}-{ev.key}-{ev.outlet}", key=f"csv_{key}")


def pack_button(ctx, title: str, figures: list[go.Figure], items: list[Evidence], *, cap: int = 20, sourcing=None,
                members: dict[str, list[str]] | None = None,
                rows_for: Callable[[Evidence], pd.DataFrame] | None = None) -> None:
    """Offer the page's evidence pack: the selection in full, then ``items`` (first ``cap`` sentences each).

    ``members``: outlet groups and their outlets (``?groups=1``), listed in the parameters and pooled
    in the evidence; ``rows_for``: the evidence rows of a selection the shared :func:`evidence` does
    not compute (frames)."""
    state = ctx.state
    link = state.url(base_url())
    parameters = {"page": state.page, "outlets": ", ".join(ctx.outlets), "corpus": ctx.full.stage.source}
    for key, value in state.to_query():
        if key != "outlet":
            parameters[key] = value
    if members:
        parameters["outlet groups"] = "; ".join(f"{g}: {', '.join(outlets)}" for g, outlets in members.items())
    chosen = [state.ev] if state.ev and (state.ev.kind not in ("quote", "claim") or sourcing is not None) else []

    def build() -> str:
        sections = []
        for ev in chosen + [i for i in items if i not in chosen]:
            rows = rows_for(ev) if rows_for else evidence(ctx.full, ev, sourcing, ctx.pooled, members)
            total = int(rows["matches"].sum()) if len(rows) else 0
            heading = f"{describe(ctx.full, ev)} · {ev.outlet}"
            if ev not in chosen and len(rows) > cap:
                heading, rows = f"{heading} (first {cap} sentences)", rows.head(cap)
            sections.append((heading, rows, total))
        return build_pack(title=f"Framing Lens — {title}", link=link, parameters=parameters, figures=figures,
                          sections=sections)

    pack_download(build, f"framing-lens-{state.page}")
