"""Coverage: which outlet carried which claim, what each left out, and how alike they are."""

import streamlit as st

from dashboard.analysis.coverage import MAX_CLAIM_SENTENCES, PARAPHRASE, POOLS
from dashboard.analysis.evidence import Evidence
from dashboard.charts import claims_map, similarity_heatmap
from dashboard.render import escape_markdown
from dashboard.ui.context import all_dates_note, how_to_read, load_sourcing, page_context, page_sourcing, story_label
from dashboard.ui.evidence import evidence_panel, pack_button, selectable_chart
from dashboard.ui.exports import csv_download
from dashboard.ui.shared import shared_figure, shared_table
from dashboard.ui.widgets import url_choice

SINGLE = {"0": "Claims carried by two or more outlets", "1": "All claims, including single-outlet ones"}

ctx = page_context("coverage")
st.title("Coverage and omissions")
stories = shared_table(("stories_by_id", ctx.dataset),
                       lambda: load_sourcing(ctx.dataset).stories.set_index("story", drop=False))
story = ctx.state.story or stories.index[0]  # claims are compared within one story: the largest by default
sourcing = page_sourcing(ctx, story if len(stories) > 1 else None)
view_key = (*ctx.key, story, ctx.state.primary)  # what ``sourcing`` is a function of
all_dates_note(ctx)
if not ctx.state.story and len(stories) > 1:
    st.info(f"Claims are compared within one story. Showing the one most outlets reported: "
            f"“{escape_markdown(story_label(stories.iloc[0]))}”. Choose another in the sidebar or on the Stories page.",
            icon=":material/newspaper:")
single = url_choice(st.radio, "Show", list(SINGLE), labels=SINGLE, key="single", default="0", horizontal=True)
claims = sourcing.claims
shown = claims if single == "1" else shared_table(("shared_claims", *view_key), lambda: claims[claims["outlets"].str.len() >= 2])
pool = stories.at[story, "claims_from"]
outlets = [o for o in ctx.outlets if o in stories.at[story, "outlet_list"]]  # the outlets that reported the story
if pool.startswith("none"):
    st.info(f"Claims are not computed for this story: even its articles' first sentences are more than "
            f"{MAX_CLAIM_SENTENCES:,}, and clustering them needs a dense matrix.")
elif pool and pool != POOLS[0]:
    st.caption(f"This story is long: its claims come from {pool} only.")
if shown.empty:
    st.info("No claim is shared by two outlets here; show all claims to see each outlet's own.")
else:
    fig = shared_figure(("claims_map", *view_key, single), lambda: claims_map(shown, outlets, ctx.colours))
    selectable_chart(fig, key="coverage_map", kind="claim")
    how_to_read("each row is a claim (near-equivalent sentences, or sentences quoting the same remark); a filled "
                "square means the outlet carried it, an open square that it said it in other words (its sentence holds at "
                f"least {PARAPHRASE:.0%} of the claim's weighted content words), a red ✕ that most outlets said it and "
                "nothing this outlet wrote comes close, a grey dot that it was not found. Click any cell for the sentence.")
evidence_panel(ctx.full, ctx.state.ev, sourcing=sourcing, cache=view_key)

st.subheader("What each outlet left out")


def omitted():
    omissions = claims.explode("omitted_by").dropna(subset=["omitted_by"])
    omissions = omissions[omissions["omitted_by"].isin(outlets)]
    table = omissions.rename(columns={"omitted_by": "outlet"})[["outlet", "claim", "text", "outlets", "closest"]]
    return table.assign(carried_by=table["outlets"].map(", ".join),
                        closest_sentence=[c[o]["sentence"] for c, o in zip(table["closest"], table["outlet"])],
                        closeness=[c[o]["score"] for c, o in zip(table["closest"], table["outlet"])]).drop(columns=["outlets", "closest"])


table = shared_table(("omissions", *view_key), omitted)
st.dataframe(table, hide_index=True, width="stretch")
csv_download(table, "omissions", key="csv_omissions")
how_to_read("a claim is an omission for an outlet when a majority of outlets carried or paraphrased it and nothing this "
            "outlet wrote comes close: its closest sentence and how much of the claim it holds are shown beside it.")

st.subheader("Shared passages")
st.caption("Sentences two or more outlets carry word for word or nearly (wire copy, pooled quotes). "
           "The Terms page can leave them out so that 'distinctive' means written by that outlet.")
passages = shared_table(("passages", *view_key), lambda: sourcing.shared.assign(
    outlets=lambda f: f["outlets"].map(", ".join))[["outlets", "text"]])
st.dataframe(passages, hide_index=True, width="stretch")
csv_download(passages, "shared-passages", key="csv_shared")

left, right = st.columns([3, 2])
with left:
    sim = shared_figure(("similarity", *view_key), lambda: similarity_heatmap(sourcing.similarity))
    st.plotly_chart(sim, key="coverage_similarity", width="stretch")
    how_to_read("1.0 = identical wording; outlets are ordered so that similar ones sit together.")
with right:
    st.subheader("Headline and lede vs body")
    prom = shared_table(("prominence", *view_key), lambda: sourcing.prominence.assign(position=sourcing.prominence.apply(
        lambda r: "headline" if r["headline"] else ("lede" if r["lede"] else "body only"), axis=1)))
    pick = st.selectbox("Outlet", outlets, key="prominence_outlet")
    st.dataframe(prom[prom["outlet"] == pick][["kind", "label", "position", "lede", "body"]], hide_index=True, width="stretch")
    how_to_read("what the outlet put up front (headline, first two paragraphs) versus only in the body.")
    csv_download(prom, "prominence", key="csv_prominence")

items = [Evidence("claim", str(r.claim), o) for r in shown.head(5).itertuples() for o in r.outlets]
pack_button(ctx, "Coverage and omissions", [fig, sim] if not shown.empty else [sim], items, sourcing=sourcing)
