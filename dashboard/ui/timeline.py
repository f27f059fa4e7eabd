"""The "over time" section shared by the Topics and Actors pages, with its date range in the URL."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from dashboard.analysis.timeline import dated_articles, timeline
from dashboard.charts import timeline_chart
from dashboard.ui.context import how_to_read
from dashboard.ui.evidence import selectable_chart
from dashboard.ui.widgets import url_choice


def _sync_dates(first: dt.date, last: dt.date) -> None:
    chosen = st.session_state.get("dates") or ()
    if len(chosen) != 2:
        return  # still picking the second date
    for name, value, bound in (("from", chosen[0], first), ("to", chosen[1], last)):
        if value == bound:
            st.query_params.pop(name, None)
        else:
            st.query_params[name] = value.isoformat()


def timeline_section(ctx, kind: str, labels: dict[str, str]) -> None:
    """Per-outlet rates of one topic or actor by week or month, for a date range kept in ?from=&to=."""
    articles = dated_articles(ctx.view)
    if articles["date"].dt.normalize().nunique() < 2:
        st.caption("Over time: the articles need at least two publication dates.")
        return
    st.subheader("Over time")
    first, last = articles["date"].min().date(), articles["date"].max().date()
    def clamp(day: str | None, fallback: dt.date) -> dt.date:
        """A date from the link, kept inside the corpus's range (a link may come from a bigger corpus)."""
        try:
            return min(max(dt.date.fromisoformat(day), first), last) if day else fallback
        except ValueError:
            return fallback

    wanted = tuple(sorted((clamp(ctx.state.date_from, first), clamp(ctx.state.date_to, last))))
    left, right = st.columns(2)
    key = url_choice(left.selectbox, "Topic" if kind == "topic" else "Actor", list(labels), labels=labels, key=kind,
                     default=next(iter(labels)))
    chosen = right.date_input("Published between", value=wanted, min_value=first, max_value=last, key="dates",
                              on_change=_sync_dates, args=(first, last))
    start, end = (chosen + (last,))[:2] if isinstance(chosen, tuple) else (first, last)
    frame, unit = timeline(ctx.view, kind, key, date_from=start.isoformat(), date_to=end.isoformat())
    fig = timeline_chart(frame, ctx.colours, title=f"{labels[key]}: hits per 1,000 words by {unit}", unit=unit, key=key)
    selectable_chart(fig, key=f"timeline_{kind}", kind=kind)
    how_to_read(f"each point is one outlet's {unit}: hits per 1,000 words it published that {unit}. The period is "
                "weekly for up to 26 weeks of coverage, monthly beyond. Click a point for the outlet's sentences.")
