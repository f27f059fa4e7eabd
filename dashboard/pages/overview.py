"""Overview: what is in the corpus, which topics each outlet stressed, whom it named."""

import pyarrow as pa
import streamlit as st

from dashboard.analysis.evidence import Evidence
from dashboard.charts import actor_bars, topic_heatmap
from dashboard.ui.context import how_to_read, page_context
from dashboard.ui.evidence import evidence_panel, pack_button, selectable_chart
from dashboard.ui.exports import csv_download
from dashboard.ui.shared import shared_figure, shared_table

MAX_ROWS = 1000

ctx = page_context("overview")
st.title("How outlets framed the story")
articles = ctx.view.articles
outlets, words, table = shared_table(("overview", *ctx.key), lambda: (
    articles["outlet"].nunique(), articles["words"].sum(),  # as Arrow once, not converted from pandas per visitor
    pa.Table.from_pandas(articles[["outlet", "headline", "published", "words", "sentences", "removed"]].iloc[:MAX_ROWS],
                         preserve_index=False)))
c1, c2, c3 = st.columns(3)
c1.metric("Articles", len(articles))
c2.metric("Outlets", outlets)
c3.metric("Words (cleaned)", f"{words:,}")

st.subheader("Corpus")
if len(articles) > MAX_ROWS:  # every rerun sends the table to the browser: a 10k corpus would be megabytes per visitor
    st.caption(f"The first {MAX_ROWS:,} of {len(articles):,} articles; the CSV below has them all.")
st.dataframe(
    table,
    hide_index=True, width="stretch",
    column_config={"removed": st.column_config.NumberColumn("cuts", help="Pieces of page furniture the cleaning rules removed (see Read)")},
)
csv_download(lambda: articles.drop(columns=["id"]), "corpus", key="csv_corpus")  # the copy is made only when clicked
if not len(articles):
    st.info("No outlet selected: pick at least one in the sidebar.")
    st.stop()

heatmap = shared_figure(("topic_heatmap", *ctx.key), lambda: topic_heatmap(ctx.view.topics, ctx.colours))
selectable_chart(heatmap, key="overview_heatmap", kind="topic")
how_to_read("each cell is how often an outlet used a topic's lexicon terms, per 1,000 words of cleaned text; darker means more emphasis. Click a cell for its sentences.")
actors = shared_figure(("actor_bars", *ctx.key, "per1k", 8), lambda: actor_bars(ctx.view.actors, ctx.colours, "per1k", top=8))
selectable_chart(actors, key="overview_actors", kind="actor")
how_to_read("bar length is mentions (named and role references) per 1,000 words; compare outlets within one actor. Click a bar for its sentences.")
evidence_panel(ctx.full, ctx.state.ev, pooled=ctx.pooled, cache=ctx.key)


def top_topics() -> list[Evidence]:
    top = ctx.view.topics.sort_values("per_1k_words", ascending=False).groupby("outlet").head(1)
    return [Evidence("topic", r.topic, r.outlet) for r in top.itertuples() if r.hits]


pack_button(ctx, "Overview", [heatmap, actors], shared_table(("overview_pack", *ctx.key), top_topics))
