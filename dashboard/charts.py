"""Plotly figures built from analysis tables (pure: tables in, figures out).

Every figure has a title and axis labels, colours outlets from one stable mapping (so CNN is the
same colour on every page), and carries ids in ``customdata`` so a click can be traced back to
the rows, and from there to the sentences, behind the number.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.colors import get_colorscale

from dashboard.render import plotly_text, plotly_texts

# Okabe–Ito (colour-blind safe), then Plotly's Dark24 for corpora with many outlets.
_PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#F0E442", "#000000",
            "#2E91E5", "#E15F99", "#1CA71C", "#FB0D0D", "#DA16FF", "#8C564B", "#B68100", "#750D86",
            "#EB663B", "#511CFB", "#00A08B", "#FB00D1", "#FC0080", "#B2828D", "#6C7C32", "#778AAE"]
FONT = dict(family="Source Sans Pro, sans-serif", size=13)
OTHER_COLOUR = "#9E9E9E"  # the pooled "Other outlets" row: grey, so it never reads as one more outlet


def present(order, values) -> list[str]:
    """The outlets of ``order`` (colour order, stable across pages) that occur in ``values``."""
    found = set(values)
    return [o for o in order if o in found]


def outlet_colours(outlets: list[str], articles: pd.Series | None = None) -> dict[str, str]:
    """One colour per outlet, fixed for the corpus (not the filter): given each outlet's
    ``articles``, the largest outlets take the palette first (ties in corpus order), so the ones
    shown by default never share a colour however many outlets the corpus has."""
    order = sorted(outlets, key=lambda o: -articles.get(o, 0)) if articles is not None else outlets
    return {o: _PALETTE[i % len(_PALETTE)] for i, o in enumerate(order)}


def _layout(fig: go.Figure, title: str, x: str, y: str, height: int | None = None) -> go.Figure:
    fig.update_layout(
        title=dict(text=title, x=0, xanchor="left"), xaxis=dict(title=dict(text=x)), yaxis=dict(title=dict(text=y)),
        font=FONT, legend=dict(title=dict(text="Outlet")), margin=dict(l=10, r=10, t=50, b=10), clickmode="event+select",
        **({"height": height} if height else {}),
    )
    return fig


def grid(frame: pd.DataFrame, *, x: str, y: str, value: str, customdata: list[str], title: str, x_title: str,
         y_title: str, colour_title: str, x_order: list[str] | None = None, fmt: str = "{:.1f}",
         colorscale: str = "Blues", hover: str = "%{x}<br>%{y}<br>%{text}") -> go.Figure:
    """A heatmap drawn as square scatter markers, so a cell click is a selectable point in Streamlit."""
    values = frame[value].astype(float)
    vmax = max(float(values.max()) if values.notna().any() else 0.0, 1e-9)
    fig = go.Figure(
        go.Scatter(
            x=plotly_texts(frame[x]), y=plotly_texts(frame[y]), mode="markers+text",
            marker=dict(symbol="square", size=44, color=values, colorscale=colorscale, cmin=0, cmax=vmax,
                        colorbar=dict(title=colour_title), line=dict(width=1, color="#bbb")),
            text=["—" if pd.isna(v) else fmt.format(v) for v in values],
            textfont=dict(color=["white" if v > vmax * 0.6 else "#222" for v in values]),
            customdata=frame[customdata].to_numpy(), hovertemplate=hover + "<extra></extra>", showlegend=False,
        )
    )
    if x_order is not None:
        fig.update_xaxes(categoryorder="array", categoryarray=plotly_texts(x_order))
    return _layout(fig, title, x_title, y_title, height=110 + 52 * frame[y].nunique())


def topic_heatmap(topics: pd.DataFrame, colours: dict[str, str], value: str = "per_1k_words") -> go.Figure:
    """Outlet × topic grid shaded by hits per 1,000 words; a click opens the cell's evidence."""
    return grid(topics, x="outlet", y="label", value=value, customdata=["outlet", "topic", "hits"],
                title="Topic emphasis: lexicon hits per 1,000 words", x_title="Outlet", y_title="Topic",
                colour_title="per 1k words", x_order=present(colours, topics["outlet"]),
                hover="%{x}<br>%{y}<br>%{text} per 1,000 words (%{customdata[2]} hits)")


def similarity_heatmap(similarity: pd.DataFrame) -> go.Figure:
    """Outlet × outlet TF-IDF cosine similarity, in clustered order."""
    frame = similarity.stack().rename("cosine").rename_axis(["a", "b"]).reset_index()
    frame.loc[frame["a"] == frame["b"], "cosine"] = float("nan")  # the diagonal would swamp the scale
    return grid(frame, x="a", y="b", value="cosine", customdata=["a", "b"], fmt="{:.2f}", colorscale="Purples",
                title="How alike the outlets' wording is (TF-IDF cosine)", x_title="Outlet", y_title="Outlet",
                colour_title="cosine", x_order=list(similarity.columns),
                hover="%{x} · %{y}<br>cosine %{text}")


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
            name=plotly_text(outlet), orientation="h", y=plotly_texts(part["label"]), x=part[value],
            marker_color=colours.get(outlet),
            customdata=part[["outlet", "actor", "named_mentions", "role_mentions"]].to_numpy(),
            hovertemplate="%{fullData.name}<br>%{y}: %{x:.3~f}<br>named %{customdata[2]}, role %{customdata[3]}<extra></extra>",
        )
    fig.update_yaxes(categoryorder="array", categoryarray=plotly_texts(keep), autorange="reversed")
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
            name=plotly_text(outlet), mode="markers", orientation="h", x=part[value], y=plotly_texts(part["label"]),
            marker=dict(size=10, color=colours.get(outlet)),
            error_x=dict(type="data", symmetric=False, array=part[high] - part[value], arrayminus=part[value] - part[low],
                         thickness=1.5, width=4),
            customdata=part[["outlet", "topic", "hits"]].to_numpy(),
            hovertemplate="%{fullData.name}<br>%{y}: %{x:.3~f}<br>%{customdata[2]} hits<extra></extra>",
        )
    fig.update_layout(scattermode="group", scattergap=0.4)
    if measure != "per1k":
        fig.update_xaxes(tickformat=".0%")
    return _layout(fig, "Topic emphasis with 95% intervals", axis, "Topic", height=160 + 60 * topics["label"].nunique())


def term_bars(terms: pd.DataFrame, outlet: str, colour: str, method: str = "logodds") -> go.Figure:
    """One outlet's top distinctive terms; thin-evidence terms are hatched and marked †."""
    value, axis = ("log_odds_z", "Log-odds z-score vs other outlets") if method == "logodds" else ("tfidf", "TF-IDF weight")
    part = terms.iloc[::-1]
    labels = [plotly_text(f"{t} †" if thin else t) for t, thin in zip(part["term"], part["thin"])]
    fig = go.Figure(
        go.Bar(
            orientation="h", x=part[value], y=labels, marker_color=colour, name=plotly_text(outlet),
            marker_pattern_shape=["/" if thin else "" for thin in part["thin"]],
            customdata=part[["outlet", "term", "count", "sentences"]].to_numpy(),
            hovertemplate="%{y}: %{x:.3f}<br>%{customdata[2]} uses in %{customdata[3]} sentences<extra></extra>",
        )
    )
    return _layout(fig, f"{plotly_text(outlet)}: most distinctive terms", axis, "Term", height=120 + 22 * len(part))


SCATTER_POINTS = 4000


def term_scatter(frame: pd.DataFrame, a: str, b: str, *, points: int = SCATTER_POINTS) -> go.Figure:
    """Scattertext-style plot: each term's rate in A (x) against B (y), coloured by A-vs-B z. Past
    ``points`` terms only the most distinctive either way and the most used are drawn (half each):
    tens of thousands of dots are unreadable, and slow to send on every rerun."""
    everything = len(frame)
    if everything > points:
        used = frame["rate_a"] + frame["rate_b"]
        keep = frame["z"].abs().nlargest(points // 2).index.union(used.nlargest(points // 2).index)
        frame = frame.loc[keep]
    limit = max(abs(float(frame["z"].min())), abs(float(frame["z"].max())), 1.0) if len(frame) else 1.0
    a, b = plotly_text(a), plotly_text(b)
    trace = dict(  # a plain trace, not validated: checking tens of thousands of points took seconds
        type="scatter", x=frame["rate_a"].to_numpy(), y=frame["rate_b"].to_numpy(), mode="markers",
        text=plotly_texts(frame["term"]),
        marker=dict(size=9, color=frame["z"].to_numpy(), colorscale=get_colorscale("RdBu_r"), cmin=-limit, cmax=limit,
                    colorbar=dict(title=dict(text=f"z ({a} vs {b})")), line=dict(width=0.5, color="#555"), opacity=0.85),
        # as fixed-width strings, which the figure copies in one piece (an object array is copied element by element)
        customdata=frame[["leans", "term", "count_a", "count_b"]].astype(str).to_numpy(dtype=str),
        hovertemplate=(f"<b>%{{text}}</b><br>{a}: %{{customdata[2]}} uses<br>{b}: %{{customdata[3]}} uses"
                       "<br>z = %{marker.color:.2f}<extra></extra>"),
        showlegend=False,
    )
    fig = go.Figure(dict(data=[trace]), _validate=False)  # so the layout below is written in full, not as shorthand
    top = max(float(frame["rate_a"].max()), float(frame["rate_b"].max()), 1.0)
    fig.add_shape(type="line", x0=0, y0=0, x1=top, y1=top, line=dict(color="#aaa", dash="dot"))
    title = f"Term use: {a} against {b}" + (f" ({len(frame):,} most distinctive and most used of {everything:,} terms)"
                                             if len(frame) < everything else "")
    return _layout(fig, title, f"{a}: uses per 1,000 terms", f"{b}: uses per 1,000 terms", height=560)


def voice_bars(voices: pd.DataFrame, colours: dict[str, str]) -> go.Figure:
    """Share of each outlet's quoted words given to each speaker (grouped bars)."""
    order = voices.groupby("label")["words"].sum().sort_values(ascending=False).index
    fig = go.Figure()
    for outlet in present(colours, voices["outlet"]):
        part = voices[voices["outlet"] == outlet]
        fig.add_bar(
            name=plotly_text(outlet), orientation="h", y=plotly_texts(part["label"]), x=part["share_of_voice"],
            marker_color=colours.get(outlet),
            customdata=part[["outlet", "speaker", "quotes", "words"]].to_numpy(),
            hovertemplate="%{fullData.name}<br>%{y}: %{x:.0%} of quoted words<br>%{customdata[2]} quotes, %{customdata[3]} words<extra></extra>",
        )
    fig.update_yaxes(categoryorder="array", categoryarray=plotly_texts(order), autorange="reversed")
    fig.update_xaxes(tickformat=".0%")
    return _layout(fig, "Share of voice: who each outlet quotes", "Share of the outlet's directly quoted words",
                   "Speaker", height=160 + 26 * len(order) * max(1, voices["outlet"].nunique()) // 2)


def claims_map(claims: pd.DataFrame, outlets: list[str], colours: dict[str, str]) -> go.Figure:
    """Claims × outlets, one state per cell: a filled square where the outlet carried the claim, an open
    one where it paraphrased it, a red ✕ for an omission, a grey dot where it was not found otherwise."""
    labels = [plotly_text(f"{c}: {t[:70]}{'…' if len(t) > 70 else ''}") for c, t in zip(claims["claim"], claims["text"])]
    cells: dict[str, list] = {"carried": [], "paraphrased": [], "omitted": [], "not found": []}
    for r, label in zip(claims.itertuples(), labels):
        cells["carried"] += [(o, label, r.claim, 1.0) for o in r.outlets]
        for o, closest in r.closest.items():
            state = "paraphrased" if o in r.paraphrased_by else "omitted" if o in r.omitted_by else "not found"
            cells[state].append((o, label, r.claim, closest["score"]))
    styles = {
        "carried": ("carried", lambda c: dict(symbol="square", size=22, color=[colours.get(x[0]) for x in c]),
                    "%{x} carried claim %{customdata[1]}"),
        "paraphrased": ("paraphrased (said in other words)",
                        lambda c: dict(symbol="square-open", size=20, line=dict(width=3), color=[colours.get(x[0]) for x in c]),
                        "%{x} paraphrased claim %{customdata[1]} (closeness %{customdata[2]:.2f})"),
        "omitted": ("omitted (most others said it; nothing close here)",
                    lambda c: dict(symbol="x-thin", size=16, line=dict(width=3, color="#D55E00")),
                    "%{x} left out claim %{customdata[1]} (closest sentence %{customdata[2]:.2f})"),
        "not found": ("not found", lambda c: dict(symbol="circle", size=7, color="#999999"),
                      "%{x}: claim %{customdata[1]} not found (closest sentence %{customdata[2]:.2f})"),
    }
    fig = go.Figure()
    for state, shown in cells.items():
        if shown:
            name, marker, hover = styles[state]
            fig.add_scatter(x=plotly_texts(c[0] for c in shown), y=[c[1] for c in shown], mode="markers", name=name,
                            marker=marker(shown), customdata=[[c[0], str(c[2]), c[3]] for c in shown],
                            hovertemplate=hover + "<extra></extra>")
    fig.update_xaxes(categoryorder="array", categoryarray=plotly_texts(outlets), side="top")
    fig.update_yaxes(categoryorder="array", categoryarray=labels, autorange="reversed")
    fig = _layout(fig, "Coverage map: which outlet carried which claim", "Outlet", "Claim", height=140 + 30 * len(labels))
    fig.update_layout(legend_title_text="", margin=dict(t=110))
    return fig


def timeline_chart(frame: pd.DataFrame, colours: dict[str, str], *, title: str, unit: str, key: str) -> go.Figure:
    """Hits per 1,000 words per period, one line per outlet."""
    fig = go.Figure()
    for outlet in present(colours, frame["outlet"]):
        part = frame[frame["outlet"] == outlet]
        fig.add_scatter(
            name=plotly_text(outlet), x=part["period"], y=part["per_1k_words"], mode="lines+markers",
            line=dict(color=colours[outlet], width=2), marker=dict(size=7),
            customdata=[[outlet, key, h, w] for h, w in zip(part["hits"], part["words"])],
            hovertemplate="%{fullData.name}<br>%{x|%Y-%m-%d}: %{y:.1f} per 1,000 words"
                          "<br>%{customdata[2]} hits in %{customdata[3]} words<extra></extra>",
        )
    return _layout(fig, title, f"Publication {unit}", "Hits per 1,000 words", height=420)


def story_coverage(stories: pd.DataFrame, outlets: list[str], colours: dict[str, str]) -> go.Figure:
    """Story × outlet: a filled square in the outlet's colour where it reported the story, a red ✕
    where it did not though most outlets did (``missing``). ``customdata`` carries the story id."""
    covered, missed = [], []
    for row in stories.itertuples():
        name = plotly_text(row.headline[:60])
        covered += [(o, name, row.story) for o in row.outlet_list if o in outlets]
        missed += [(o, name, row.story) for o in row.missing if o in outlets]
    fig = go.Figure()
    if covered:
        fig.add_trace(go.Scatter(
            x=plotly_texts([c[0] for c in covered]), y=[c[1] for c in covered], mode="markers", name="reported",
            marker=dict(symbol="square", size=16, color=[colours.get(c[0], OTHER_COLOUR) for c in covered]),
            customdata=[c[2] for c in covered], hovertemplate="%{x} reported<br>%{y}<extra></extra>"))
    if missed:
        fig.add_trace(go.Scatter(
            x=plotly_texts([c[0] for c in missed]), y=[c[1] for c in missed], mode="markers",
            name="not reported (most outlets did)", marker=dict(symbol="x-thin", size=14, line=dict(width=3, color="#C0392B")),
            customdata=[c[2] for c in missed], hovertemplate="%{x} did not report<br>%{y}<extra></extra>"))
    fig.update_xaxes(categoryorder="array", categoryarray=plotly_texts(outlets), side="top")
    fig.update_yaxes(categoryorder="array", categoryarray=[plotly_text(h[:60]) for h in stories["headline"]][::-1])
    fig = _layout(fig, "Which outlets reported each story", "Outlet", "Story (representative headline)",
                  height=140 + 26 * len(stories))
    fig.update_layout(legend_title_text="", legend=dict(orientation="h", y=-0.02, yanchor="top"))
    return fig


def missed_bars(missed: pd.Series, colours: dict[str, str]) -> go.Figure:
    """Per outlet, how many widely reported stories it did not report."""
    fig = go.Figure(go.Bar(x=missed.to_numpy(), y=plotly_texts(missed.index), orientation="h",
                           marker_color=[colours.get(o, OTHER_COLOUR) for o in missed.index],
                           hovertemplate="%{y}: %{x} stories missed<extra></extra>"))
    fig.update_yaxes(autorange="reversed")
    return _layout(fig, "Widely reported stories each outlet did not report", "Stories not reported", "Outlet",
                   height=120 + 28 * len(missed))
