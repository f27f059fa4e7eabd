"""Frames: each outlet's share of sentences cueing each generic frame dimension; outlet groups compared."""

import pandas as pd
import streamlit as st

from dashboard.analysis.groups import group_names
from dashboard.framing_charts import GROUP_COLOURS, frame_intervals
from dashboard.groups import save_groups
from dashboard.lexicons import LexiconError
from dashboard.render import escape_markdown
from dashboard.store import readonly_mode
from dashboard.ui.context import how_to_read, page_context
from dashboard.ui.evidence import selectable_chart
from dashboard.ui.exports import csv_download
from dashboard.ui.framing import dataset_groups, frame_panel, frame_rows, frames_for, group_frame_panel, group_sections


def _sync_groups() -> None:
    if st.session_state["compare_groups"]:
        st.query_params["groups"] = "1"
    else:
        st.query_params.pop("groups", None)


ctx = page_context("frames")
st.title("Frames")
st.info("These are **lexicon cues, not a trained classifier**: a sentence counts toward a frame when it contains one "
        "of the frame's cue terms. The 15 frames are the generic dimensions of the Policy Frames Codebook (Boydstun, "
        "Card, Gross, Resnik & Smith 2014); the cue terms were written from its definitions and are listed below. "
        "Read the shares as where each outlet's vocabulary leans, and check the sentences.", icon=":material/info:")
groups = dataset_groups(ctx.dataset)
names = group_names(groups, ctx.full.outlets)
by_group = len(names) >= 2 and st.checkbox(
    "Compare outlet groups", value=ctx.state.groups == "1", key="compare_groups", on_change=_sync_groups,
    help="Pool the outlets into their groups (" + "; ".join(
        f"{g}: {', '.join(o for o in ctx.full.outlets if groups.get(o) == g)}" for g in names) + ")")

if by_group:
    table = frame_rows(ctx, groups)
    colours = {g: GROUP_COLOURS[i % len(GROUP_COLOURS)] for i, g in enumerate(names)}
    st.plotly_chart(frame_intervals(table, colours, unit="Group"), key="frames_groups", width="stretch",
                    on_select="rerun", selection_mode="points", config={"displaylogo": False})
    how_to_read("a dot is a group's share of sentences with a cue of the frame (its outlets' sentences pooled); the "
                "whisker is the 95% Wilson interval. Click a dot for its sentences.")
    group_frame_panel(ctx, groups, "frames_groups")
else:
    table = frame_rows(ctx)
    selectable_chart(frame_intervals(table, ctx.colours), key="frames_dots", kind="frame")
    how_to_read("a dot is an outlet's share of sentences with at least one cue term of the frame; the whisker is its "
                "95% Wilson interval, so overlapping whiskers mean the data cannot tell the outlets apart. A sentence "
                "can cue several frames; “Other” counts the sentences that cue none. Click a dot for its sentences.")
    frame_panel(ctx)

shares = table.pivot(index="label", columns="outlet", values="share")
st.dataframe(shares[[c for c in table["outlet"].unique()]].reindex(list(dict.fromkeys(table["label"]))),
             width="stretch", column_config={c: st.column_config.NumberColumn(format="percent") for c in shares.columns})
csv_download(table, "frames-by-group" if by_group else "frames", key="csv_frames")

if by_group:
    group_sections(ctx, groups)

frames, _ = frames_for(ctx)
with st.expander("Cue terms of each frame"):
    st.dataframe(pd.DataFrame([{"frame": f.label, "definition": f.definition, "cue terms": "; ".join(f.terms)}
                               for f in frames]), hide_index=True, width="stretch")
    st.caption("From dashboard/lexicons/frames.yaml: edit it to add your issue's vocabulary (a trailing * matches any "
               "ending). The definitions paraphrase the codebook's.")

with st.expander("Outlet groups"):
    st.caption("Put outlets in groups (for example by country or ownership) to compare groups: the frames chart, "
               "distinctive terms group against group, topic, actor and tone rates per group. Leave a group empty "
               "to keep an outlet out of group comparisons.")
    edited = st.data_editor(pd.DataFrame({"outlet": ctx.full.outlets, "group": [groups.get(o, "") for o in ctx.full.outlets]}),
                            hide_index=True, disabled=["outlet"], key=f"groups_{ctx.dataset.corpus}", width="stretch")
    if st.button("Save groups", key="save_groups", disabled=readonly_mode(),
                 help="Read-only dashboard" if readonly_mode() else None):
        try:
            save_groups(ctx.dataset.corpus, {r.outlet: str(r.group or "").strip() for r in edited.itertuples()})
            st.success("Saved; the group comparisons now use them.")
            st.rerun()
        except (LexiconError, OSError) as exc:
            st.error(escape_markdown(str(exc)))
