"""Compare: outlet A against outlet B on terms, topics and actors (or group against group, ``?groups=1``)."""

import streamlit as st

from dashboard.analysis.compare import compare_terms
from dashboard.analysis.evidence import Evidence
from dashboard.charts import actor_bars, term_scatter, topic_intervals
from dashboard.render import escape_markdown
from dashboard.ui.context import dataset_groups, how_to_read, page_context
from dashboard.ui.evidence import evidence_panel, pack_button, selectable_chart
from dashboard.ui.exports import csv_download
from dashboard.ui.groups import compare_groups, group_toggle, most_terms
from dashboard.ui.shared import shared_figure, shared_table
from dashboard.ui.widgets import url_choice

ctx = page_context("compare")
st.title("Compare two outlet groups" if ctx.state.groups else "Compare two outlets")
groups = dataset_groups(ctx.dataset)
if group_toggle(ctx, groups):
    compare_groups(ctx, groups)
    st.stop()
outlets = ctx.full.outlets
if len(outlets) < 2:
    st.info("This corpus has one outlet: comparisons need at least two.")
    st.stop()
left, right = st.columns(2)
a = url_choice(left.selectbox, "Outlet A", outlets, key="a", default=outlets[0])
b = url_choice(right.selectbox, "Outlet B", outlets, key="b", default=outlets[1])
if a == b:
    st.warning("Pick two different outlets.")
    st.stop()

cut = ctx.key[:4]  # dataset, story, dates: what ``ctx.full`` is a function of
terms = shared_table(("compare_terms", *cut, a, b), lambda: compare_terms(ctx.full, a, b))
scatter = shared_figure(("term_scatter", *cut, a, b), lambda: term_scatter(terms, a, b))
selectable_chart(scatter, key="compare_scatter", kind="term")
ma, mb = escape_markdown(a), escape_markdown(b)
how_to_read(f"each dot is a term; further right = more used by {ma}, higher = more used by {mb} (per 1,000 terms). "
            f"Red leans to {ma}, blue to {mb}; the colour is the log-odds z of {ma} against {mb}. Click a dot for its sentences in both outlets.")

ev = ctx.state.ev
if ev and ev.kind == "term":
    col_a, col_b = st.columns(2)
    with col_a:
        evidence_panel(ctx.full, Evidence("term", ev.key, a), key="ev_a", cache=cut)
    with col_b:
        evidence_panel(ctx.full, Evidence("term", ev.key, b), key="ev_b", cache=cut)
else:
    evidence_panel(ctx.full, ev, cache=cut)

most_terms(terms, ma, mb)
csv_download(terms, f"compare-terms-{a}-{b}", key="csv_compare_terms")

topics_fig = shared_figure(("compare_topics", *cut, a, b), lambda: topic_intervals(
    ctx.full.for_outlets([a, b]).topics, ctx.colours, "per1k"))
selectable_chart(topics_fig, key="compare_topics", kind="topic")
how_to_read("each dot is an outlet's hits per 1,000 words on a topic with its 95% interval; overlapping whiskers mean no clear difference.")
actors_fig = shared_figure(("compare_actors", *cut, a, b), lambda: actor_bars(
    ctx.full.for_outlets([a, b]).actors, ctx.colours, "per1k", top=12))
selectable_chart(actors_fig, key="compare_actors", kind="actor")
how_to_read("mentions per 1,000 words of each actor in the two outlets.")

items = [Evidence("term", t, a) for t in terms["term"].head(5)] + [Evidence("term", t, b) for t in terms["term"].tail(5).iloc[::-1]]
pack_button(ctx, f"{a} vs {b}", [scatter, topics_fig, actors_fig], items)
