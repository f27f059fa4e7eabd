"""Topics: how much each outlet stressed each theme, with uncertainty and prominence."""

import streamlit as st

from dashboard.analysis.evidence import Evidence
from dashboard.charts import topic_intervals
from dashboard.ui.context import how_to_read, page_context
from dashboard.ui.evidence import evidence_panel, pack_button, selectable_chart
from dashboard.ui.exports import csv_download
from dashboard.ui.shared import shared_figure, shared_table
from dashboard.ui.timeline import timeline_section
from dashboard.ui.widgets import url_choice

MEASURES = {"per1k": "Hits per 1,000 words", "share": "Share of sentences"}

ctx = page_context("topics")
st.title("Topic emphasis")
measure = url_choice(st.radio, "Measure", list(MEASURES), labels=MEASURES, key="measure", default="per1k", horizontal=True)
fig = shared_figure(("topic_intervals", *ctx.key, measure), lambda: topic_intervals(ctx.view.topics, ctx.colours, measure))
selectable_chart(fig, key="topics_intervals", kind="topic")
how_to_read("a dot is one outlet's emphasis on a topic; the whisker is its 95% interval. Overlapping whiskers mean the data cannot tell the outlets apart. Click a dot for its sentences.")
evidence_panel(ctx.full, ctx.state.ev, pooled=ctx.pooled, cache=ctx.key)

st.subheader("Prominence")


def positions() -> tuple:
    table = ctx.view.topics.copy()
    table["position"] = table.apply(
        lambda r: "headline" if r["in_headline"] else ("lede" if r["in_lede"] else ("body" if r["hits"] else "—")), axis=1
    )
    prominence = table.pivot(index="label", columns="outlet", values="position")[ctx.outlets]
    items = [Evidence("topic", r.topic, r.outlet) for r in table.itertuples() if r.hits]
    return table, prominence, table.drop(columns=["position"]), items


table, prominence, full, items = shared_table(("topic_positions", *ctx.key), positions)
st.dataframe(prominence, width="stretch")
how_to_read("where each outlet first raised a topic: in its headline, in its lede (first two paragraphs), only in the body, or not at all.")

timeline_section(ctx, "topic", {t.id: t.label for t in ctx.full.lexicon.topics})

with st.expander("Full topic table"):
    st.dataframe(full, hide_index=True, width="stretch")
    csv_download(full, "topics", key="csv_topics")
pack_button(ctx, "Topic emphasis", [fig], items)
