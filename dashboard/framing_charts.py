"""Plotly figures for the framing views (frames, tone), built like :mod:`dashboard.charts`: pure,
titled, axes labelled, outlets in their stable colours, ids in ``customdata`` for click-through."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.charts import _layout, present
from dashboard.render import plotly_text, plotly_texts

GROUP_COLOURS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9"]


def _dots(frame: pd.DataFrame, colours: dict[str, str], *, y: str, value: str, low: str, high: str,
          customdata: list[str], hover: str) -> go.Figure:
    """One trace per outlet (or group): a dot per row with its interval whisker."""
    fig = go.Figure()
    for outlet in present(colours, frame["outlet"]):
        part = frame[frame["outlet"] == outlet]
        fig.add_scatter(
            name=plotly_text(outlet), mode="markers", orientation="h", x=part[value], y=plotly_texts(part[y]),
            marker=dict(size=10, color=colours[outlet]),
            error_x=dict(type="data", symmetric=False, array=(part[high] - part[value]).fillna(0),
                         arrayminus=(part[value] - part[low]).fillna(0), thickness=1.5, width=4),
            customdata=part[customdata].to_numpy(), hovertemplate=hover + "<extra></extra>",
        )
    fig.update_layout(scattermode="group", scattergap=0.4)
    return fig


def frame_intervals(frames: pd.DataFrame, colours: dict[str, str], *, unit: str = "Outlet") -> go.Figure:
    """Each outlet's (or group's) share of sentences cueing each frame, with its Wilson 95% interval."""
    order = list(dict.fromkeys(frames["label"]))
    fig = _dots(frames, colours, y="label", value="share", low="share_low", high="share_high",
                customdata=["outlet", "frame", "cue_sentences", "sentences"],
                hover="%{fullData.name}<br>%{y}: %{x:.1%}<br>%{customdata[2]} of %{customdata[3]} sentences")
    fig.update_xaxes(tickformat=".0%", rangemode="tozero")
    fig.update_yaxes(categoryorder="array", categoryarray=plotly_texts(order), autorange="reversed")
    fig = _layout(fig, "Frame cues: share of sentences with a cue term (95% Wilson interval)",
                  "Share of the outlet's sentences" if unit == "Outlet" else "Share of the group's sentences",
                  "Frame (Policy Frames Codebook)", height=170 + 44 * len(order))
    fig.update_layout(legend_title_text=unit)
    return fig


def tone_intervals(tone: pd.DataFrame, colours: dict[str, str], top: int = 10) -> go.Figure:
    """Mean VADER compound of the sentences naming each actor, per outlet, with its 95% t interval;
    the ``top`` actors with the most such sentences."""
    keep = tone.groupby("label")["sentences"].sum().sort_values(ascending=False).head(top).index
    frame = tone[tone["label"].isin(keep)]
    fig = _dots(frame, colours, y="label", value="mean", low="low", high="high",
                customdata=["outlet", "actor", "sentences"],
                hover="%{fullData.name}<br>%{y}: %{x:+.2f}<br>%{customdata[2]} sentences")
    fig.add_vline(x=0, line=dict(color="#888", dash="dot", width=1))
    fig.update_xaxes(range=[-1, 1], zeroline=False)
    fig.update_yaxes(categoryorder="array", categoryarray=plotly_texts(keep), autorange="reversed")
    return _layout(fig, "Tone of the sentences naming each actor (VADER, mean with 95% t interval)",
                   "Mean VADER compound (−1 negative … +1 positive)", "Actor", height=170 + 48 * len(keep))


def actor_intervals(actors: pd.DataFrame, colours: dict[str, str], top: int = 12) -> go.Figure:
    """Mentions of each actor per 1,000 words per outlet group (``outlet`` = group), with the exact
    Poisson 95% interval; the ``top`` actors by mentions."""
    keep = actors.groupby("label")["mentions"].sum().sort_values(ascending=False)
    keep = keep[keep > 0].head(top).index
    frame = actors[actors["label"].isin(keep)]
    fig = _dots(frame, colours, y="label", value="per_1k_words", low="per_1k_low", high="per_1k_high",
                customdata=["outlet", "actor", "mentions", "words"],
                hover="%{fullData.name}<br>%{y}: %{x:.2f} per 1,000 words<br>%{customdata[2]} mentions in %{customdata[3]} words")
    fig.update_yaxes(categoryorder="array", categoryarray=plotly_texts(keep), autorange="reversed")
    fig = _layout(fig, "Actor mentions per 1,000 words (95% Poisson interval)", "Mentions per 1,000 words", "Actor",
                  height=170 + 44 * len(keep))
    fig.update_layout(legend_title_text="Group")
    return fig
