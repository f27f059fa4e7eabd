"""The "over time" section shared by the Topics and Actors pages (the date range is the sidebar's)."""

from __future__ import annotations

import streamlit as st

from dashboard.analysis.timeline import dated_articles, timeline
from dashboard.charts import timeline_chart
from dashboard.ui.context import how_to_read
from dashboard.ui.evidence import selectable_chart
from dashboard.ui.shared import shared_figure, shared_table
from dashboard.ui.widgets import url_choice


def timeline_section(ctx, kind: str, labels: dict[str, str]) -> None:
    """Per-outlet rates of one topic or actor by week or month (within the sidebar's date range)."""
    days = shared_table(("dated_days", *ctx.key),  # the view is already cut to the sidebar's date range
                        lambda: dated_articles(ctx.view)["date"].dt.normalize().nunique())
    if days < 2:
        st.caption("Over time: the articles need at least two publication dates.")
        return
    st.subheader("Over time")
    key = url_choice(st.selectbox, "Topic" if kind == "topic" else "Actor", list(labels), labels=labels, key=kind,
                     default=next(iter(labels)))
    frame, unit = shared_table(("timeline", *ctx.key, kind, key), lambda: timeline(ctx.view, kind, key))
    fig = shared_figure(("timeline", *ctx.key, kind, key, labels[key]), lambda: timeline_chart(
        frame, ctx.colours, title=f"{labels[key]}: hits per 1,000 words by {unit}", unit=unit, key=key))
    selectable_chart(fig, key=f"timeline_{kind}", kind=kind)
    how_to_read(f"each point is one outlet's {unit}: hits per 1,000 words it published that {unit}. The period is "
                "weekly for up to 26 weeks of coverage, monthly beyond. Click a point for the outlet's sentences.")
