"""Stories: the events of the corpus, which outlets reported each, and which did not."""

import streamlit as st

from dashboard.analysis.stories import THRESHOLD, WINDOW_DAYS
from dashboard.charts import missed_bars, story_coverage
from dashboard.render import escape_markdown
from dashboard.ui.context import how_to_read, load_sourcing, page_context
from dashboard.ui.exports import csv_download
from dashboard.ui.shared import shared_figure, shared_table
from dashboard.ui.widgets import url_choice

SHOWN = 40  # stories drawn in the coverage chart; the table lists them all
SINGLE = {"0": "Stories two or more outlets reported", "1": "All stories, including one outlet's"}

ctx = page_context("stories")
st.title("Stories")
st.caption(f"Articles published within {WINDOW_DAYS} days of each other whose headlines and openings are alike "
           f"(mean TF-IDF cosine ≥ {THRESHOLD}) form one story. Pick a story to cut every page to it.")
stories = load_sourcing(ctx.dataset).stories
single = url_choice(st.radio, "Show", list(SINGLE), labels=SINGLE, key="single", default="0", horizontal=True)
find = st.text_input("Search headlines and labels", key="find_story", placeholder="e.g. sanctions")
listing = (ctx.dataset, single, find)  # what the listed stories are a function of


def listed():
    shown = stories if single == "1" else stories[stories["outlets"] >= 2]
    if find:
        words = find.lower().split()
        text = (shown["headline"] + " " + shown["label"]).str.lower()
        shown = shown[text.map(lambda t: all(w in t for w in words))]
    table = shown.assign(outlet_list=shown["outlet_list"].map(", ".join), missing=shown["missing"].map(", ".join))
    return shown, table, int((stories["outlets"] >= 2).sum())


shown, table, several = shared_table(("stories", *listing), listed)
c1, c2, c3 = st.columns(3)
c1.metric("Stories", f"{len(stories):,}")
c2.metric("Reported by two or more outlets", f"{several:,}")
c3.metric("Shown", f"{len(shown):,}")
if shown.empty:
    st.info("No story matches: clear the search or show all stories.")
    st.stop()

event = st.dataframe(
    table[["headline", "label", "first", "last", "outlets", "articles", "outlet_list", "missing"]],
    hide_index=True, width="stretch", on_select="rerun", selection_mode="single-row", key="stories_table",
    column_config={"outlet_list": "reported by", "missing": st.column_config.TextColumn(
        "not reported by", help="Outlets that did not report a story at least half of the corpus's outlets reported")},
)
picked = event.selection.rows
if picked and (story := table.iloc[picked[0]]["story"]) != ctx.state.story:
    st.query_params["story"] = story
    st.session_state.pop("story", None)
    st.rerun()
csv_download(table.drop(columns=["representative"]), "stories", key="csv_stories")
how_to_read("select a row to cut every page (Terms, Actors, Topics, Quotes, Coverage, Read) to that story; the sidebar "
            "shows the chosen story and “All stories” goes back.")
if ctx.state.story:
    current = stories[stories["story"] == ctx.state.story].iloc[0]
    st.success(f"Every page now shows the story “{escape_markdown(current['headline'])}” "
               f"({current['outlets']} outlets, {current['articles']} articles).", icon=":material/filter_alt:")

top = shown.head(SHOWN)
outlets = tuple(ctx.outlets)
st.plotly_chart(shared_figure(("story_coverage", *listing, outlets), lambda: story_coverage(top, ctx.outlets, ctx.colours)),
                key="stories_coverage", width="stretch")
how_to_read(f"the {len(top)} stories most outlets reported, biggest first; a square means the outlet reported it, a red ✕ "
            "that it did not although at least half of the outlets did.")


def missed_counts():
    missed = shown.explode("missing").dropna(subset=["missing"])["missing"].value_counts()
    return missed[missed.index.isin(ctx.outlets)]


missed = shared_table(("stories_missed", *listing, outlets), missed_counts)
if len(missed):
    st.plotly_chart(shared_figure(("stories_missed", *listing, outlets), lambda: missed_bars(missed, ctx.colours)),
                    key="stories_missed", width="stretch")
    how_to_read("for each outlet, how many of the stories at least half of the outlets reported it did not report.")
