"""Plotly figures built from analysis tables (pure: tables in, figures out).

Every figure has a title and axis labels, colours outlets from one stable mapping (so CNN is the
same colour on every page), and carries ids in ``customdata`` so a click can be traced back to
the rows, and from there to the sentences, behind the number.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

# Okabe–Ito (colour-blind safe), then Plotly's Dark24 for corpora with many outlets.
_PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#F0E442", "#000000",
            "#2E91E5", "#E15F99", "#1CA71C", "#FB0D0D", "#DA16FF", "#222A2A", "#B68100", "#750D86",
            "#EB663B", "#511CFB", "#00A08B", "#FB00D1", "#FC0080", "#B2828D", "#6C7C32", "#778AAE"]
FONT = dict(family="Source Sans Pro, sans-serif", size=13)


def outlet_colours(outlets: list[str]) -> dict[str, str]:
    """One colour per outlet, by the outlet's position in the whole corpus (not the filter)."""
    return {o: _PALETTE[i % len(_PALETTE)] for i, o in enumerate(outlets)}


def _layout(fig: go.Figure, title: str, x: str, y: str, height: int | None = None) -> go.Figure:
    fig.update_layout(
        title=dict(text=title, x=0, xanchor="left"), xaxis_title=x, yaxis_title=y, font=FONT,
        legend_title_text="Outlet", margin=dict(l=10, r=10, t=50, b=10), clickmode="event+select",
        **({"height": height} if height else {}),
    )
    return fig


def topic_heatmap(topics: pd.DataFrame, colours: dict[str, str], value: str = "per_1k_words") -> go.Figure:
    """Outlet × topic grid of square markers sized and shaded by ``value``.

    Drawn as a scatter rather than ``go.Heatmap`` because scatter points are selectable in
    Streamlit, so clicking a cell can open its evidence.
    """
    vmax = max(float(topics[value].max()), 1e-9)
    fig = go.Figure(
        go.Scatter(
            x=topics["outlet"], y=topics["label"], mode="markers+text",
            marker=dict(symbol="square", size=44, color=topics[value], colorscale="Blues", cmin=0, cmax=vmax,
                        colorbar=dict(title="per 1k words" if value == "per_1k_words" else value),
                        line=dict(width=1, color="#bbb")),
            text=[f"{v:.1f}" for v in topics[value]],
            textfont=dict(color=["white" if v > vmax * 0.6 else "#222" for v in topics[value]]),
            customdata=topics[["outlet", "topic", "hits"]].to_numpy(),
            hovertemplate="%{x}<br>%{y}<br>%{text} per 1,000 words (%{customdata[2]} hits)<extra></extra>",
            showlegend=False,
        )
    )
    fig.update_xaxes(categoryorder="array", categoryarray=[o for o in colours if o in set(topics["outlet"])])
    return _layout(fig, "Topic emphasis: lexicon hits per 1,000 words", "Outlet", "Topic",
                   height=110 + 52 * topics["label"].nunique())


def actor_bars(actors: pd.DataFrame, colours: dict[str, str], norm: str = "per1k", top: int = 12) -> go.Figure:
    """Grouped horizontal bars: mentions of each actor per outlet (named + role)."""
    frame = actors.assign(total=actors["named_mentions"] + actors["role_mentions"])
    value = "per_1k_words" if norm == "per1k" else "total"
    order = frame.groupby("label")[value].sum().sort_values(ascending=False)
    keep = order[order > 0].head(top).index
    frame = frame[frame["label"].isin(keep)]
    fig = go.Figure()
    for outlet, part in frame.groupby("outlet", sort=False):
        fig.add_bar(
            name=outlet, orientation="h", y=part["label"], x=part[value], marker_color=colours.get(outlet),
            customdata=part[["outlet", "actor", "named_mentions", "role_mentions"]].to_numpy(),
            hovertemplate="%{customdata[0]}<br>%{y}: %{x:.3~f}<br>named %{customdata[2]}, role %{customdata[3]}<extra></extra>",
        )
    fig.update_yaxes(categoryorder="array", categoryarray=list(keep), autorange="reversed")
    label = "Mentions per 1,000 words" if norm == "per1k" else "Mentions (named + role)"
    return _layout(fig, f"Actor mentions by outlet ({'per 1,000 words' if norm == 'per1k' else 'raw counts'})",
                   label, "Actor", height=140 + 24 * len(keep) * max(1, frame["outlet"].nunique()) // 2)


def topic_intervals(topics: pd.DataFrame, colours: dict[str, str], measure: str = "per1k") -> go.Figure:
    """Each outlet's emphasis of each topic as a point with its 95% interval whisker."""
    value, low, high, axis = (
        ("per_1k_words", "per_1k_low", "per_1k_high", "Hits per 1,000 words (95% Poisson interval)")
        if measure == "per1k"
        else ("sentence_share", "share_low", "share_high", "Share of sentences (95% Wilson interval)")
    )
    fig = go.Figure()
    for outlet, part in topics.groupby("outlet", sort=False):
        fig.add_scatter(
            name=outlet, mode="markers", orientation="h", x=part[value], y=part["label"],
            marker=dict(size=10, color=colours.get(outlet)),
            error_x=dict(type="data", symmetric=False, array=part[high] - part[value], arrayminus=part[value] - part[low],
                         thickness=1.5, width=4),
            customdata=part[["outlet", "topic", "hits"]].to_numpy(),
            hovertemplate="%{customdata[0]}<br>%{y}: %{x:.3~f}<br>%{customdata[2]} hits<extra></extra>",
        )
    fig.update_layout(scattermode="group", scattergap=0.4)
    if measure != "per1k":
        fig.update_xaxes(tickformat=".0%")
    return _layout(fig, "Topic emphasis with 95% intervals", axis, "Topic", height=160 + 60 * topics["label"].nunique())


def term_bars(terms: pd.DataFrame, outlet: str, colour: str, method: str = "logodds") -> go.Figure:
    """One outlet's top distinctive terms; thin-evidence terms are hatched and marked †."""
    value, axis = ("log_odds_z", "Log-odds z-score vs other outlets") if method == "logodds" else ("tfidf", "TF-IDF weight")
    part = terms.iloc[::-1]
    labels = [f"{t} †" if thin else t for t, thin in zip(part["term"], part["thin"])]
    fig = go.Figure(
        go.Bar(
            orientation="h", x=part[value], y=labels, marker_color=colour, name=outlet,
            marker_pattern_shape=["/" if thin else "" for thin in part["thin"]],
            customdata=part[["outlet", "term", "count", "sentences"]].to_numpy(),
            hovertemplate="%{customdata[1]}: %{x:.3f}<br>%{customdata[2]} uses in %{customdata[3]} sentences<extra></extra>",
        )
    )
    return _layout(fig, f"{outlet}: most distinctive terms", axis, "Term", height=120 + 22 * len(part))


def term_scatter(frame: pd.DataFrame, a: str, b: str) -> go.Figure:
    """Scattertext-style plot: each term's rate in A (x) against B (y), coloured by A-vs-B z."""
    limit = max(abs(float(frame["z"].min())), abs(float(frame["z"].max())), 1.0)
    fig = go.Figure(
        go.Scatter(
            x=frame["rate_a"], y=frame["rate_b"], mode="markers", text=frame["term"],
            marker=dict(size=9, color=frame["z"], colorscale="RdBu_r", cmin=-limit, cmax=limit,
                        colorbar=dict(title=f"z ({a} vs {b})"), line=dict(width=0.5, color="#555"), opacity=0.85),
            customdata=frame[["leans", "term", "count_a", "count_b", "z"]].to_numpy(),
            hovertemplate=(f"<b>%{{customdata[1]}}</b><br>{a}: %{{customdata[2]}} uses<br>{b}: %{{customdata[3]}} uses"
                           "<br>z = %{customdata[4]:.2f}<extra></extra>"),
            showlegend=False,
        )
    )
    top = max(float(frame["rate_a"].max()), float(frame["rate_b"].max()), 1.0)
    fig.add_shape(type="line", x0=0, y0=0, x1=top, y1=top, line=dict(color="#aaa", dash="dot"))
    return _layout(fig, f"Term use: {a} against {b}", f"{a}: uses per 1,000 terms", f"{b}: uses per 1,000 terms", height=560)
