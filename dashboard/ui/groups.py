"""Outlet groups in the app: the "Compare outlet groups" switch (``?groups=1``, Frames and Compare),
the groups editor (Lexicon page) and Compare with two groups.

A group's numbers are computed in :mod:`dashboard.analysis.groups` from its outlets' counts; a
click on a group's number puts the group's name in the link (``?ev=term|russia|US outlets``), and
the evidence pools the sentences of its outlets.
"""

from __future__ import annotations

import hashlib

import pandas as pd
import streamlit as st

from dashboard.analysis.evidence import Evidence
from dashboard.analysis.groups import group_actors, group_members, group_terms, group_topics
from dashboard.charts import term_scatter, topic_intervals
from dashboard.framing_charts import GROUP_COLOURS, actor_intervals
from dashboard.groups import check_groups, dump_groups, save_groups
from dashboard.lexicons import LexiconError
from dashboard.render import escape_markdown
from dashboard.store import readonly_mode
from dashboard.ui.context import PageContext, cut_sentences, dataset_groups, how_to_read, load_analysis
from dashboard.ui.evidence import evidence_panel, pack_button, selectable_chart
from dashboard.ui.exports import csv_download
from dashboard.ui.shared import shared_figure, shared_table
from dashboard.ui.widgets import url_choice


def group_colours(names: list[str]) -> dict[str, str]:
    return {g: GROUP_COLOURS[i % len(GROUP_COLOURS)] for i, g in enumerate(names)}


def _sync_groups() -> None:
    """Groups on or off: the outlets or groups the link names (pair, evidence) mean nothing in the other mode."""
    for key in ("a", "b", "ev"):
        st.query_params.pop(key, None)
    if st.session_state["compare_groups"]:
        st.query_params["groups"] = "1"
    else:
        st.query_params.pop("groups", None)


def group_toggle(ctx: PageContext, groups: dict[str, str]) -> bool:
    """The "Compare outlet groups" checkbox, bound to ``?groups=1``; offered when the corpus has two
    groups or more. True when the page should compare groups."""
    members = group_members(groups, ctx.full.outlets)
    if len(members) < 2:
        if ctx.state.groups:
            st.info("Outlet groups need two groups with outlets in this view: set them on the Lexicon page.")
        return False
    return st.checkbox("Compare outlet groups", value=ctx.state.groups == "1", key="compare_groups", on_change=_sync_groups,
                       help="Pool the outlets into their groups (" + "; ".join(
                           f"{g}: {', '.join(o)}" for g, o in members.items()) + "). Set groups on the Lexicon page.")


# --- Compare: group A against group B ------------------------------------------------------------

def compare_groups(ctx: PageContext, groups: dict[str, str]) -> None:
    """Compare page with ``?groups=1``: the Scattertext-style plot and tables of group A against group
    B (log-odds over the pooled counts), topic and actor rates per group with intervals, evidence
    pooled from each group's outlets."""
    members = group_members(groups, ctx.full.outlets)
    names = list(members)
    left, right = st.columns(2)
    a = url_choice(left.selectbox, "Group A", names, key="a", default=names[0])
    b = url_choice(right.selectbox, "Group B", names, key="b", default=names[1])
    st.caption(escape_markdown(" · ".join(f"{g}: {', '.join(o)}" for g, o in members.items() if g in (a, b))))
    if a == b:
        st.warning("Pick two different groups.")
        return
    cut = (*ctx.key[:4], tuple(sorted(groups.items())))  # the cut analysis and the grouping
    terms = shared_table(("group_terms", *cut, a, b), lambda: group_terms(ctx.full.term_matrix, ctx.full.outlets, groups, a, b))
    scatter = shared_figure(("group_scatter", *cut, a, b), lambda: term_scatter(terms, a, b))
    selectable_chart(scatter, key="compare_scatter", kind="term")
    ma, mb = escape_markdown(a), escape_markdown(b)
    how_to_read(f"each dot is a term; further right = more used by {ma}, higher = more used by {mb} (per 1,000 terms, "
                f"each group's outlets pooled). Red leans to {ma}, blue to {mb}; the colour is the log-odds z of {ma} "
                f"against {mb}. Click a dot for its sentences in both groups.")

    ev = ctx.state.ev
    if ev and ev.kind == "term":
        col_a, col_b = st.columns(2)
        with col_a:
            evidence_panel(ctx.full, Evidence("term", ev.key, a), key="ev_a", members=members, cache=ctx.key[:4])
        with col_b:
            evidence_panel(ctx.full, Evidence("term", ev.key, b), key="ev_b", members=members, cache=ctx.key[:4])
    else:
        evidence_panel(ctx.full, ev, members=members, cache=ctx.key[:4])

    most_terms(terms, ma, mb)
    csv_download(terms.assign(group_a=a, group_b=b), f"compare-groups-terms-{a}-{b}", key="csv_compare_terms")

    pair = (a, b)
    colours = {g: c for g, c in group_colours(names).items() if g in pair}
    every = shared_table(("group_topics", *cut), lambda: group_topics(cut_sentences(ctx), ctx.full.matches,
                                                                       ctx.full.lexicon, groups))
    topics = every[every["group"].isin(pair)]
    topics_fig = shared_figure(("group_topics", *cut, a, b), lambda: topic_intervals(
        topics.rename(columns={"group": "outlet", "hit_sentences": "hits", "share": "sentence_share"}), colours, "share"))
    selectable_chart(topics_fig, key="compare_topics", kind="topic")
    how_to_read("each dot is a group's share of sentences with a hit on the topic (its outlets' sentences pooled), with the "
                "95% Wilson interval; overlapping whiskers mean no clear difference. Click a dot for the sentences.")
    every = shared_table(("group_actors", *cut), lambda: group_actors(ctx.full.articles, ctx.full.matches,
                                                                       ctx.full.lexicon, groups))
    actors = every[every["group"].isin(pair)].rename(columns={"group": "outlet"})
    actors_fig = shared_figure(("group_actors", *cut, a, b), lambda: actor_intervals(actors, colours))
    selectable_chart(actors_fig, key="compare_actors", kind="actor")
    how_to_read("mentions per 1,000 words of each actor in the two groups, with the exact Poisson 95% interval.")
    one, two = st.columns(2)
    with one:
        csv_download(topics, f"compare-groups-topics-{a}-{b}", key="csv_compare_group_topics")
    with two:
        csv_download(actors.rename(columns={"outlet": "group"}), f"compare-groups-actors-{a}-{b}",
                     key="csv_compare_group_actors")

    items = [Evidence("term", t, a) for t in terms["term"].head(5)] + [Evidence("term", t, b) for t in terms["term"].tail(5).iloc[::-1]]
    pack_button(ctx, f"{a} vs {b}", [scatter, topics_fig, actors_fig], items,
                members={g: members[g] for g in (a, b)})


# --- Lexicon page: the groups editor ------------------------------------------------------------

def _save(corpus: str, mapping: dict[str, str]) -> None:
    try:
        save_groups(corpus, mapping)
    except (LexiconError, OSError) as exc:
        st.session_state["_groups_message"] = ("error", str(exc))
        return
    count = len(set(mapping.values()))
    st.session_state["_groups_message"] = ("ok", f"Saved {count} group{'s' if count != 1 else ''}; every group "
                                                 "comparison (Frames, Compare with “Compare outlet groups”) now uses them.")


def groups_editor(ctx: PageContext) -> None:
    """Lexicon page: one row per outlet of the corpus with its group, checked, then saved to the
    corpus's groups file (off in read-only mode). A rejected edit stays in the table to fix."""
    st.subheader("Outlet groups")
    st.caption("Put outlets in groups (lean, country, ownership…) to compare groups on Frames and Compare "
               "(“Compare outlet groups”): distinctive terms group against group, topic, actor, frame and tone rates "
               "per group, evidence pooled from each group's outlets. Leave a group empty to keep an outlet out of "
               "group comparisons. A CSV or JSONL import with a group column sets them too.")
    corpus = ctx.dataset.corpus
    outlets = load_analysis(ctx.dataset).outlets  # every outlet of the corpus, whatever the story or dates
    stored = dataset_groups(ctx.dataset)
    locked = readonly_mode()
    digest = hashlib.sha1(f"{corpus}\n{dump_groups(stored)}".encode()).hexdigest()[:10]  # a save starts a fresh table
    edited = st.data_editor(pd.DataFrame({"outlet": outlets, "group": [stored.get(o, "") for o in outlets]}),
                            hide_index=True, width="stretch", key=f"groups_editor_{digest}",
                            disabled=True if locked else ["outlet"],
                            column_config={"group": st.column_config.TextColumn(
                                help="The outlet's group; empty = not in any group", max_chars=80)})
    mapping, problems = check_groups(edited.itertuples(index=False), outlets)
    for problem in problems:
        st.error(escape_markdown(problem + "; nothing is saved until it is fixed."))
    if not problems and len(set(mapping.values())) == 1:
        st.info("One group only: a group comparison needs two.")
    if message := st.session_state.pop("_groups_message", None):
        (st.error if message[0] == "error" else st.success)(escape_markdown(message[1]))
    kept = {o: g for o, g in stored.items() if o not in set(outlets)}  # outlets of the file the corpus no longer has
    wanted = {**kept, **mapping}
    st.button("Save groups", key="save_groups", type="primary", disabled=locked or bool(problems) or wanted == stored,
              on_click=_save, args=(corpus, wanted),
              help="Read-only dashboard" if locked else None)
    if locked:
        st.caption("Read-only dashboard: groups cannot be saved.")


def most_terms(terms, ma: str, mb: str, top: int = 10) -> None:
    """Side by side: the ``top`` terms most A's and most B's of an A-vs-B term table (outlets or groups)."""
    c1, c2 = st.columns(2)
    for column, name, other, rows in ((c1, ma, mb, terms.head(top)), (c2, mb, ma, terms.tail(top).iloc[::-1])):
        column.markdown(f"**Most {name}** (z vs {other})")
        column.dataframe(rows[["term", "count_a", "count_b", "z", "thin"]], hide_index=True, width="stretch")
