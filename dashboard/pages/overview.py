"""Overview: what is in the corpus, which topics each outlet stressed, whom it named."""

import streamlit as st

from dashboard.charts import actor_bars, topic_heatmap
from dashboard.ui.context import how_to_read, page_context

ctx = page_context()
st.title("How outlets framed the story")
articles = ctx.view.articles
c1, c2, c3 = st.columns(3)
c1.metric("Articles", len(articles))
c2.metric("Outlets", articles["outlet"].nunique())
c3.metric("Words (cleaned)", f"{articles['words'].sum():,}")

st.subheader("Corpus")
st.dataframe(
    articles[["outlet", "headline", "published", "words", "sentences", "removed"]],
    hide_index=True, width="stretch",
    column_config={"removed": st.column_config.NumberColumn("furniture removed", help="Page furniture pieces the cleaning rules cut (see Read)")},
)

if not len(articles):
    st.info("No outlet selected: pick at least one in the sidebar.")
    st.stop()

st.plotly_chart(topic_heatmap(ctx.view.topics, ctx.colours), key="overview_heatmap", width="stretch")
how_to_read("each cell is how often an outlet used a topic's lexicon terms, per 1,000 words of cleaned text; darker means more emphasis.")

st.plotly_chart(actor_bars(ctx.view.actors, ctx.colours, "per1k", top=8), key="overview_actors", width="stretch")
how_to_read("bar length is mentions (named and role references) per 1,000 words; compare outlets within one actor.")
