"""Cached framing tables (frame cues, tone, actor suggestions, groups) and the sections that show them.

The tables come from the pure functions in ``dashboard/analysis/{frames,tone,discover,groups}.py``,
computed once per dataset (and date range) per server process; pages call the sections here.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st
import yaml

from dashboard.analysis import Analysis
from dashboard.analysis.discover import lexicon_entries, suggest_actors, word_casing
from dashboard.analysis.evidence import COLUMNS, Evidence
from dashboard.analysis.frames import FRAMES_FILE, Frame, default_frames, frame_evidence, frame_table
from dashboard.analysis.framing import FramingStage, with_texts
from dashboard.analysis.groups import group_actors, group_names, group_terms, group_topics
from dashboard.analysis.tone import actor_tone, tone_evidence
from dashboard.evidence_pack import sentences_html
from dashboard.framing_charts import tone_intervals
from dashboard.render import escape_markdown
from dashboard.results import stored_framing
from dashboard.store import readonly_mode
from dashboard.ui.context import Dataset, PageContext, cut_sentences, get_store, how_to_read, load_analysis
from dashboard.ui.evidence import PANEL_STYLE, clear_evidence, pack_button, selectable_chart
from dashboard.ui.exports import csv_download
from dashboard.ui.shared import shared_evidence, shared_figure, shared_table

SHOWN = 200
VADER_NOTE = ("VADER is a general-purpose sentiment lexicon (Hutto & Gilbert 2014, built on social-media text): it "
              "scores the whole sentence, not the attitude toward the actor, and knows nothing of the story. Read the "
              "differences between outlets, not the absolute values.")


@st.cache_resource(show_spinner="Reading stored tone and frame scores…", max_entries=16)
def load_framing(dataset: Dataset, frames_signature: tuple) -> FramingStage:
    """The corpus's stored tone and frame-cue scores (for the frames file as it is now)."""
    return stored_framing(get_store(), dataset.corpus, dataset.revision, dataset.lexicon)


def _frames_signature() -> tuple:
    stat = FRAMES_FILE.stat()
    return stat.st_mtime_ns, stat.st_size


def _view_rows(ctx: PageContext, method: str) -> pd.DataFrame:
    """A stored framing table's rows among the view's sentences (its story's or date range's, every
    outlet's), by ``FramingStage.<method>``: cut once per server process and cut, each table alone."""
    return shared_table((method, *ctx.key[:4], _frames_signature()),
                        lambda: getattr(load_framing(ctx.dataset, _frames_signature()), method)(cut_sentences(ctx)))


def view_cues(ctx: PageContext) -> pd.DataFrame:
    """The frame cues of the view's sentences (Frames page)."""
    return _view_rows(ctx, "cues_in")


def _whole_summary(ctx: PageContext) -> pd.DataFrame | None:
    """The stored tone summary when the view is the whole corpus (no story, no date range), else None."""
    if ctx.state.story or ctx.state.date_from or ctx.state.date_to:
        return None
    return load_framing(ctx.dataset, _frames_signature()).summary


def view_scored(ctx: PageContext) -> pd.DataFrame:
    """The scored actor sentences of the view (Actors page): the Frames page never reads the tone rows."""
    return _view_rows(ctx, "scored_in")


@st.cache_resource(show_spinner=False, max_entries=4)
def load_casing(dataset: Dataset):
    return word_casing(load_analysis(dataset).sentences["text"])


@st.cache_data(show_spinner="Finding the people and organisations this corpus names…", max_entries=16)
def load_suggestions(dataset: Dataset, articles: tuple[str, ...] | None, top: int = 40) -> pd.DataFrame:
    """Suggested actors of a dataset (or of some of its articles), marked against its lexicon."""
    analysis = load_analysis(dataset)
    return suggest_actors(analysis.sentences, articles=articles, lexicon=analysis.lexicon, top=top,
                          casing=load_casing(dataset))


def shipped_frames() -> tuple[Frame, ...]:
    """The shipped frames, parsed once per server process (again when frames.yaml is edited)."""
    return shared_table(("frames", _frames_signature()), default_frames)


def frames_for(ctx: PageContext) -> tuple[tuple[Frame, ...], pd.DataFrame]:
    """The frames and the cues found in the view's sentences."""
    return shipped_frames(), view_cues(ctx)


def _groups_key(groups: dict[str, str] | None) -> tuple:
    return tuple(sorted(groups.items())) if groups else ()


def frame_rows(ctx: PageContext, groups: dict[str, str] | None = None) -> pd.DataFrame:
    """The frame table of the shown outlets (or, with ``groups``, of the groups), once per server
    process and view (shared: do not change it)."""
    def build() -> pd.DataFrame:
        return frame_table(cut_sentences(ctx), view_cues(ctx), shipped_frames(), groups=groups)

    table = shared_table(("frame_table", *ctx.key[:4], _groups_key(groups)), build)  # every outlet's (or group's)
    if groups:
        return table
    return shared_table(("frame_rows", *ctx.key), lambda: table[table["outlet"].isin(ctx.outlets)])


def _panel(title: str, rows: pd.DataFrame, *, key: str, note: str = "") -> None:
    with st.container(border=True, key=f"evidence_panel_{key}"):
        head, close = st.columns([4, 1])
        head.markdown(f"#### Evidence · {escape_markdown(title)}")
        close.button("Clear", icon=":material/close:", key=f"clear_{key}", on_click=clear_evidence)
        st.markdown(f"**{len(rows)} sentences**" + (f" · {note}" if note else ""))
        if not len(rows):
            st.info("Nothing behind this number.")
            return
        if len(rows) > SHOWN:
            st.caption(f"Showing the first {SHOWN:,} of {len(rows):,} sentences; the CSV below has them all.")
        st.html(f"<style>{PANEL_STYLE}</style><div class='fl-evidence'>{sentences_html(rows.head(SHOWN))}</div>")
        csv_download(rows.drop(columns=["spans"]), f"evidence-{key}", key=f"csv_{key}")


def frame_panel(ctx: PageContext, members: dict[str, list[str]] | None = None) -> None:
    """The sentences behind a clicked frame share (``?ev=frame|<frame>|<outlet>``), cue terms highlighted;
    with ``members`` (``?groups=1``) the link may name a group, whose outlets' sentences are pooled."""
    ev = ctx.state.ev
    if ev is None or ev.kind != "frame":
        return
    rows = frame_rows_for(ctx, ev, members)
    if rows is None:
        st.warning("The frame selection in the link does not match this corpus.", icon="⚠️")
        return
    frame = next(f for f in frames_for(ctx)[0] if f.id == ev.key)
    note = "sentences with no cue of any other frame" if frame.residual else "cue terms highlighted"
    if members and ev.outlet in members:
        note += " · " + ", ".join(members[ev.outlet])
    _panel(f"Frame: {frame.label} · {ev.outlet}", rows, key="frame", note=note)


def frame_rows_for(ctx: PageContext, ev: Evidence, members: dict[str, list[str]] | None = None) -> pd.DataFrame | None:
    """Evidence rows of a frame selection (an outlet's, or a group's pooled), None if the link's
    frame or outlet is not in this corpus."""
    frames, cues = frames_for(ctx)
    frame = next((f for f in frames if f.id == ev.key), None)
    outlets = (members or {}).get(ev.outlet) or ([ev.outlet] if ev.outlet in ctx.full.outlets else None)
    if frame is None or outlets is None:
        return None
    def rows() -> pd.DataFrame:
        mine = ctx.full.outlet_sentences(outlets)  # with their text; the view's sentence table has none
        return frame_evidence(mine[mine.index.isin(cut_sentences(ctx).index)], ctx.full.articles, cues, frame, outlets)

    return shared_evidence(("frame", *ctx.key[:4], ev, tuple(outlets)), rows)


def frame_pack(ctx: PageContext, chart, table: pd.DataFrame, members: dict[str, list[str]] | None = None) -> None:
    """Frames page's evidence pack: the chart, the clicked share's sentences, then each outlet's (or
    group's) leading frame."""
    residual = {f.id for f in frames_for(ctx)[0] if f.residual}
    top = table[~table["frame"].isin(residual)].sort_values("share", ascending=False, kind="stable").drop_duplicates("outlet")
    items = [Evidence("frame", f, o) for o, f in zip(top["outlet"], top["frame"])]

    def rows_for(ev: Evidence) -> pd.DataFrame:
        rows = frame_rows_for(ctx, ev, members) if ev.kind == "frame" else None
        return rows if rows is not None else pd.DataFrame(columns=COLUMNS)

    pack_button(ctx, "Frames by outlet group" if members else "Frames", [chart], items, members=members, rows_for=rows_for)


def tone_section(ctx: PageContext) -> None:
    """Tone toward the lexicon's actors per outlet (Actors page): chart, sentences and table."""
    st.subheader("Tone toward each actor")
    st.caption(escape_markdown(VADER_NOTE))
    summary = _whole_summary(ctx)  # its extreme sentences already as text
    every = shared_table(("actor_tone", *ctx.key[:4]), lambda: actor_tone(view_scored(ctx), ctx.full.lexicon)
                         if summary is None else summary)
    tone = shared_table(("actor_tone_shown", *ctx.key), lambda: every[every["outlet"].isin(ctx.outlets)])
    if tone.empty:
        st.info("No sentence of the shown outlets names a lexicon actor.")
        return
    selectable_chart(shared_figure(("tone_intervals", *ctx.key), lambda: tone_intervals(tone, ctx.colours)),
                     key="tone_dots", kind="actor")
    how_to_read("a dot is the mean VADER compound score (−1 … +1) of the outlet's sentences naming the actor; the "
                "whisker is its 95% Student t interval (none with a single sentence). Click a dot for the sentences, "
                "most negative and most positive first.")
    ev = ctx.state.ev
    if ev is not None and ev.kind == "actor" and ev.outlet in ctx.full.outlets:
        rows = shared_evidence(("tone", *ctx.key[:4], ev), lambda: tone_evidence(
            ctx.full.outlet_sentences([ev.outlet]), ctx.full.articles, ctx.full.matches, view_scored(ctx), ev.key,
            [ev.outlet]))
        label = ctx.full.lexicon.actor(ev.key).label
        negative, positive = rows.head(3), rows.tail(3).iloc[::-1]
        with st.container(border=True, key="tone_sentences"):
            st.markdown(f"#### Tone · {escape_markdown(label)} · {escape_markdown(ev.outlet)}")
            for title, part in (("Most negative", negative), ("Most positive", positive)):
                st.markdown(f"**{title}**")
                st.html(f"<style>{PANEL_STYLE}</style><div class='fl-evidence'>" + "".join(
                    f"<div class='meta'>VADER {t:+.2f}</div>{sentences_html(part.iloc[[i]])}"
                    for i, t in enumerate(part["tone"])) + "</div>")
            csv_download(rows.drop(columns=["spans"]), f"tone-{ev.key}-{ev.outlet}", key="csv_tone_sentences",
                         label="Download every scored sentence (CSV)")
    shown = tone if summary is not None else shared_table(("tone_table", *ctx.key),
                                                            lambda: with_texts(tone, ctx.full.sentence_texts))
    st.dataframe(shown, hide_index=True, width="stretch",
                 column_config={c: st.column_config.NumberColumn(format="%+.3f") for c in
                                ("mean", "low", "high", "negative_score", "positive_score")})
    csv_download(shown, "tone", key="csv_tone")


def lexicon_notice(analysis: Analysis, dataset: Dataset | None = None) -> None:
    """Point to the Lexicon page's suggestions when the lexicon names no person in most articles
    (counted once per server process for a ``dataset``)."""

    def count() -> tuple[int, int]:
        people = {a.id for a in analysis.lexicon.actors if a.kind == "person"}
        m = analysis.matches
        named = m.loc[(m["kind"] == "actor") & m["key"].isin(people), "article"].nunique() if people else 0
        return named, len(analysis.articles)

    named, total = count() if dataset is None else shared_table(("lexicon_notice", dataset), count)
    if total and named < total / 2:
        st.info(f"The lexicon names a person in only {named:,} of {total:,} articles: it was written for another "
                "story. The Lexicon page suggests the people and organisations this corpus is about.",
                icon=":material/lightbulb:")
        st.markdown("[Open the suggested actors on the Lexicon page →](lexicon)")


def add_actors_yaml(actors_yaml: str, entries: list[dict]) -> str:
    """An actors file with ``entries`` appended."""
    actors = (yaml.safe_load(actors_yaml) or {}).get("actors") or []
    return yaml.safe_dump({"actors": actors + entries}, sort_keys=False, allow_unicode=True)


def suggestions_section(ctx: PageContext, lexicon, on_save, save_args) -> None:
    """Lexicon page: suggested actors with counts and example sentences; the chosen ones are added
    to the actors of ``lexicon`` (the edited one) and saved as a new version by ``on_save``.

    ``save_args(actor_entries) -> args`` builds ``on_save``'s arguments from the entries to add."""
    st.subheader("Suggested actors")
    st.caption("People and organisations this corpus names, found by rule (capitalised names, titles stripped, "
               "surnames joined to full names, spelling variants merged), most widely named first. Only the "
               "outlets picked in the sidebar are read. Tick rows and save them as a new lexicon version.")
    all_outlets = len(ctx.outlets) == len(ctx.full.outlets)
    articles = None if all_outlets else tuple(ctx.view.articles["id"])
    suggestions = load_suggestions(ctx.dataset, articles)
    if suggestions.empty:
        st.info("No names found in these articles.")
        return
    shown = suggestions.assign(aliases=suggestions["aliases"].map("; ".join),
                               example=[e[0]["text"] if e else "" for e in suggestions["examples"]])
    shown = shown[["label", "kind", "aliases", "outlets", "articles", "mentions", "in_lexicon", "example"]]
    picked = st.dataframe(shown, hide_index=True, width="stretch", key="actor_suggestions", on_select="rerun",
                          selection_mode="multi-row",
                          column_config={"in_lexicon": st.column_config.TextColumn("in lexicon as"),
                                         "example": st.column_config.TextColumn(width="large")})
    csv_download(shown, "actor-suggestions", key="csv_actor_suggestions")
    rows = picked.selection.rows if picked else []
    chosen = suggestions.iloc[rows]
    for r in chosen.itertuples():
        with st.expander(f"{r.label}: {r.mentions} mentions in {r.articles} articles", expanded=len(chosen) == 1):
            st.dataframe(pd.DataFrame(r.examples)[["outlet", "text"]], hide_index=True, width="stretch")
    entries = lexicon_entries(chosen, lexicon) if lexicon is not None else []
    st.button(f"Add {len(entries)} actors as a new lexicon version", type="primary", key="add_suggestions",
              disabled=readonly_mode() or not entries, on_click=on_save, args=save_args(entries),
              help="Read-only dashboard" if readonly_mode() else
              "Aliases another actor already has are left out, so no alias counts for two actors.")


def group_sections(ctx: PageContext, groups: dict[str, str]) -> None:
    """Frames page with ``?groups=1``: distinctive terms group against group, then topic, actor and
    tone rates per group, each with its interval and a CSV."""
    names = group_names(groups, ctx.full.outlets)
    st.subheader("Distinctive terms, group against group")
    left, right = st.columns(2)
    a = left.selectbox("Group A", names, index=0, key="group_a")
    b = right.selectbox("Group B", [n for n in names if n != a], index=0, key="group_b")
    cut = (*ctx.key[:4], _groups_key(groups))  # the cut analysis and the grouping
    terms = shared_table(("group_terms", *cut, a, b), lambda: group_terms(ctx.full.term_matrix, ctx.full.outlets, groups, a, b))
    visible = terms[terms["style"] == ""]
    head, tail = visible.head(20), visible.tail(20).iloc[::-1]
    columns = ["term", "count_a", "count_b", "z", "thin"]
    one, two = st.columns(2)
    one.markdown(f"**Most {escape_markdown(a)}**")
    one.dataframe(head[columns], hide_index=True, width="stretch", column_config={"z": st.column_config.NumberColumn(format="%.2f")})
    two.markdown(f"**Most {escape_markdown(b)}**")
    two.dataframe(tail[columns], hide_index=True, width="stretch", column_config={"z": st.column_config.NumberColumn(format="%.2f")})
    how_to_read(f"weighted log-odds z of {a} against {b} (Monroe et al. 2008, the prior of the Terms page); count_a and "
                "count_b are each group's uses; thin = fewer than two sentences. House style (own names, honorifics, "
                "reporting verbs) is left out here and kept in the CSV.")
    csv_download(terms, f"group-terms-{a}-vs-{b}", key="csv_group_terms")

    st.subheader("Topics, actors and tone per group")
    topics = shared_table(("group_topics", *cut), lambda: group_topics(cut_sentences(ctx), ctx.full.matches,
                                                                        ctx.full.lexicon, groups))
    actors = shared_table(("group_actors", *cut), lambda: group_actors(ctx.full.articles, ctx.full.matches,
                                                                        ctx.full.lexicon, groups))
    tone = shared_table(("group_tone", *cut), lambda: actor_tone(view_scored(ctx), ctx.full.lexicon,
                                                                  groups=groups).rename(columns={"outlet": "group"}))
    for title, table, name, fmt in (
            ("Topic share of sentences (95% Wilson interval)", topics, "group-topics", "%.3f"),
            ("Actor mentions per 1,000 words (95% Poisson interval)", actors, "group-actors", "%.2f"),
            ("Tone toward actors (VADER mean, 95% t interval)", tone.drop(columns=["most_negative", "most_positive"]),
             "group-tone", "%+.3f")):
        st.markdown(f"**{title}**")
        numbers = [c for c in table.columns if table[c].dtype.kind == "f"]
        st.dataframe(table, hide_index=True, width="stretch",
                     column_config={c: st.column_config.NumberColumn(format=fmt) for c in numbers})
        csv_download(table, name, key=f"csv_{name}")
    st.caption(escape_markdown(VADER_NOTE))

