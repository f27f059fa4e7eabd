"""Actors: who each outlet names, how often, and how it spells them."""

import streamlit as st

from dashboard.analysis.evidence import Evidence
from dashboard.charts import actor_bars
from dashboard.ui.context import how_to_read, page_context
from dashboard.ui.evidence import evidence_panel, pack_button, selectable_chart
from dashboard.ui.exports import csv_download
from dashboard.ui.framing import tone_section
from dashboard.ui.shared import shared_figure, shared_table
from dashboard.ui.timeline import timeline_section
from dashboard.ui.widgets import url_choice

NORM_LABELS = {"per1k": "Per 1,000 words", "raw": "Raw counts"}

ctx = page_context("actors")
st.title("Actor mentions")
norm = url_choice(st.radio, "Scale", list(NORM_LABELS), labels=NORM_LABELS, key="norm", default="per1k", horizontal=True)
fig = shared_figure(("actor_bars", *ctx.key, norm, 17), lambda: actor_bars(ctx.view.actors, ctx.colours, norm, top=17))
selectable_chart(fig, key="actors_bars", kind="actor")
how_to_read("each bar is one outlet's mentions of an actor; role references (\"the Russian president\") are included and listed apart below. Per 1,000 words corrects for article length. Click a bar for its sentences.")
evidence_panel(ctx.full, ctx.state.ev, pooled=ctx.pooled, cache=ctx.key)

st.subheader("Mentions, positions and spellings")


def mentions() -> tuple:
    table = ctx.view.actors
    table = table[table["named_mentions"] + table["role_mentions"] > 0].copy()
    table["spellings"] = table["variants"].map(lambda v: ", ".join(f"{k} ×{n}" for k, n in v.items()))
    shown = table[["outlet", "label", "kind", "named_mentions", "role_mentions", "per_1k_words", "first_sentence",
                   "in_headline", "in_lede", "spellings"]]
    ranked = table.assign(total=table["named_mentions"] + table["role_mentions"]).sort_values("total", ascending=False)
    return shown, [Evidence("actor", r.actor, r.outlet) for r in ranked.groupby("outlet").head(3).itertuples()]


shown, items = shared_table(("actor_mentions", *ctx.key), mentions)
st.dataframe(
    shown, hide_index=True, width="stretch",
    column_config={"per_1k_words": st.column_config.NumberColumn(format="%.2f"),
                   "first_sentence": st.column_config.NumberColumn(help="Index of the first body sentence naming the actor (0 = first)")},
)
csv_download(shown, "actors", key="csv_actors")
how_to_read("named mentions use the actor's name in any listed spelling; role mentions are references like \"his Russian counterpart\"; lede = first two paragraphs.")
timeline_section(ctx, "actor", {a.id: a.label for a in ctx.full.lexicon.actors})
tone_section(ctx)
pack_button(ctx, "Actor mentions", [fig], items)
