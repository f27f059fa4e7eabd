"""Frames: each outlet's share of sentences cueing each generic frame dimension; outlet groups compared."""

import pandas as pd
import streamlit as st

from dashboard.analysis.groups import group_members
from dashboard.framing_charts import frame_intervals
from dashboard.ui.context import dataset_groups, how_to_read, page_context
from dashboard.ui.evidence import selectable_chart
from dashboard.ui.exports import csv_download
from dashboard.ui.framing import frame_pack, frame_panel, frame_rows, frames_for, group_sections
from dashboard.ui.groups import group_colours, group_toggle
from dashboard.ui.shared import shared_figure, shared_table

ctx = page_context("frames")
st.title("Frames")
st.info("These are **lexicon cues, not a trained classifier**: a sentence counts toward a frame when it contains one "
        "of the frame's cue terms. The 15 frames are the generic dimensions of the Policy Frames Codebook (Boydstun, "
        "Card, Gross, Resnik & Smith 2014); the cue terms were written from its definitions and are listed below. "
        "Read the shares as where each outlet's vocabulary leans, and check the sentences.", icon=":material/info:")
groups = dataset_groups(ctx.dataset)
by_group = group_toggle(ctx, groups)
members = group_members(groups, ctx.full.outlets) if by_group else None

if by_group:
    table = frame_rows(ctx, groups)
    chart = shared_figure(("frames_groups", *ctx.key[:4], tuple(sorted(groups.items()))),
                          lambda: frame_intervals(table, group_colours(list(members)), unit="Group"))
    selectable_chart(chart, key="frames_groups", kind="frame")
    how_to_read("a dot is a group's share of sentences with a cue of the frame (its outlets' sentences pooled); the "
                "whisker is the 95% Wilson interval. Click a dot for its sentences.")
else:
    table = frame_rows(ctx)
    chart = shared_figure(("frames", *ctx.key), lambda: frame_intervals(table, ctx.colours))
    selectable_chart(chart, key="frames_dots", kind="frame")
    how_to_read("a dot is an outlet's share of sentences with at least one cue term of the frame; the whisker is its "
                "95% Wilson interval, so overlapping whiskers mean the data cannot tell the outlets apart. A sentence "
                "can cue several frames; “Other” counts the sentences that cue none. Click a dot for its sentences.")
frame_panel(ctx, members)


def share_table():
    shares = table.pivot(index="label", columns="outlet", values="share")
    return shares[[c for c in table["outlet"].unique()]].reindex(list(dict.fromkeys(table["label"])))


shares = shared_table(("frame_shares", *ctx.key, tuple(sorted(groups.items())) if by_group else ()), share_table)
st.dataframe(shares, width="stretch", column_config={c: st.column_config.NumberColumn(format="percent") for c in shares.columns})
csv_download(table, "frames-by-group" if by_group else "frames", key="csv_frames")

if by_group:
    group_sections(ctx, groups)

frames, _ = frames_for(ctx)
with st.expander("Cue terms of each frame"):
    st.dataframe(shared_table(("frame_cues", frames), lambda: pd.DataFrame(
        [{"frame": f.label, "definition": f.definition, "cue terms": "; ".join(f.terms)} for f in frames])),
        hide_index=True, width="stretch")
    st.caption("From dashboard/lexicons/frames.yaml: edit it to add your issue's vocabulary (a trailing * matches any "
               "ending). The definitions paraphrase the codebook's.")

st.markdown("Outlet groups (country, lean, ownership…) are set on the [Lexicon page](lexicon).")

frame_pack(ctx, chart, table, members)
