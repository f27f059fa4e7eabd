"""Tone toward actors: how positive or negative the sentences that name an actor are, per outlet.

Each sentence naming the actor (by alias or role, as the Actors page counts them) is scored with
VADER (Hutto & Gilbert 2014), a general-purpose sentiment lexicon with rules for negation, degree
words and punctuation; the score is its ``compound`` value in [-1, 1]. Per actor and outlet (or
outlet group) the table gives the mean over those sentences with a 95% Student t interval and the
most negative and most positive sentence. VADER scores the whole sentence, not the attitude to
the actor ("X condemned the attack on Y" is negative for both), and it was built on social-media
text, so read differences between outlets, not the absolute values.
"""

from __future__ import annotations

from functools import cache

import numpy as np
import pandas as pd

from dashboard.analysis.evidence import COLUMNS
from dashboard.lexicons import Lexicon

TONE_COLUMNS = ["outlet", "actor", "label", "sentences", "mean", "low", "high", "most_negative", "negative_score",
                "most_positive", "positive_score"]


@cache
def _analyser():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer  # its lexicon loads once, on first use

    return SentimentIntensityAnalyzer()


def sentence_tone(texts) -> np.ndarray:
    """VADER compound score of each text, in [-1, 1] (negative below 0)."""
    score = _analyser().polarity_scores
    return np.array([score(str(t))["compound"] for t in texts], dtype=float)


def t_interval(mean: np.ndarray, std: np.ndarray, n: np.ndarray, level: float = 0.95) -> tuple[np.ndarray, np.ndarray]:
    """Student t interval for each of several means (sample ``std``, ``n`` values each); nan with fewer
    than two values, clipped to [-1, 1]."""
    from scipy.special import stdtrit  # the t quantile, without importing scipy.stats (a second on first use)

    n = np.asarray(n)
    half = np.where(n >= 2, stdtrit(np.maximum(n - 1, 1), 0.5 + level / 2), np.nan) * np.asarray(std) / np.sqrt(n)
    return np.maximum(np.asarray(mean) - half, -1.0), np.minimum(np.asarray(mean) + half, 1.0)


def actor_rows(sentences: pd.DataFrame, matches: pd.DataFrame) -> pd.DataFrame:
    """One row per (actor, sentence naming it): ``row`` (the sentence row), article and outlet."""
    m = matches[matches["kind"] == "actor"]
    if m.empty:
        return pd.DataFrame({"actor": pd.Series(dtype=object), "row": pd.Series(dtype="int64"),
                             "article": pd.Series(dtype=object), "outlet": pd.Series(dtype=object)})
    rows = pd.DataFrame({"row": sentences.index, "article": sentences["article"].astype(str).to_numpy(),
                         "sentence": sentences["sentence"].to_numpy()})
    keyed = pd.DataFrame({"actor": m["key"].astype(str).to_numpy(), "article": m["article"].astype(str).to_numpy(),
                          "sentence": m["sentence"].to_numpy()}).drop_duplicates()
    out = keyed.merge(rows, on=["article", "sentence"])[["actor", "row", "article"]]
    out["outlet"] = sentences["outlet"].astype(str).reindex(out["row"]).to_numpy()
    return out


def actor_sentences(sentences: pd.DataFrame, matches: pd.DataFrame) -> pd.DataFrame:
    """:func:`actor_rows` with each sentence's VADER score (the stored analysis has them scored:
    :func:`dashboard.analysis.framing.analyse_framing`)."""
    out = actor_rows(sentences, matches)
    rows = pd.unique(out["row"])
    out["tone"] = pd.Series(sentence_tone(sentences.loc[rows, "text"]), index=rows).reindex(out["row"]).to_numpy()
    return out


def actor_tone(scored: pd.DataFrame, lexicon: Lexicon, *, groups: dict[str, str] | None = None) -> pd.DataFrame:
    """Per actor and outlet (or outlet group, with ``groups``: outlet -> group): sentences, mean
    VADER compound with its 95% t interval, and the rows of the most negative and most positive
    sentence. ``scored`` is :func:`actor_sentences`' table."""
    frame = scored if groups is None else scored.assign(outlet=scored["outlet"].map(groups)).dropna(subset=["outlet"])
    if frame.empty:
        return pd.DataFrame(columns=TONE_COLUMNS)
    frame = frame.reset_index(drop=True)
    by = frame.groupby(["outlet", "actor"], sort=False, observed=True)["tone"]  # the stored table's are categoricals
    stats = by.agg(["size", "mean", "std", "idxmin", "idxmax"]).reset_index()
    labels = {a.id: a.label for a in lexicon.actors}
    low, high = t_interval(stats["mean"].to_numpy(), stats["std"].to_numpy(), stats["size"].to_numpy())
    lo, hi = frame.loc[stats["idxmin"]], frame.loc[stats["idxmax"]]
    actors = stats["actor"].astype(str)
    return pd.DataFrame({
        "outlet": stats["outlet"].astype(str), "actor": actors, "label": actors.map(lambda a: labels.get(a, a)),
        "sentences": stats["size"].astype(int), "mean": stats["mean"].astype(float),
        "low": low, "high": high,
        "most_negative": lo["row"].astype(int).to_numpy(), "negative_score": lo["tone"].astype(float).to_numpy(),
        "most_positive": hi["row"].astype(int).to_numpy(), "positive_score": hi["tone"].astype(float).to_numpy(),
    })[TONE_COLUMNS]


def actor_spans(sentences: pd.DataFrame, matches: pd.DataFrame, actor: str, rows) -> pd.Series:
    """Where ``actor`` is named in each sentence row of ``rows``: a list of (start, end) within it."""
    m = matches[(matches["kind"] == "actor") & (matches["key"] == actor)]
    s = sentences.loc[list(rows)]
    at = pd.DataFrame({"row": s.index, "article": s["article"].astype(str).to_numpy(),
                       "sentence": s["sentence"].to_numpy(), "offset": s["start"].to_numpy()})
    hits = pd.DataFrame({"article": m["article"].astype(str).to_numpy(), "sentence": m["sentence"].to_numpy(),
                         "start": m["start"].to_numpy(), "end": m["end"].to_numpy()}).merge(at, on=["article", "sentence"])
    spans = {}
    for row, start, end, offset in zip(hits["row"], hits["start"], hits["end"], hits["offset"]):
        spans.setdefault(row, []).append((int(start - offset), int(end - offset)))
    return pd.Series([spans.get(r, []) for r in s.index], index=s.index, dtype=object)


def tone_evidence(sentences: pd.DataFrame, articles: pd.DataFrame, matches: pd.DataFrame, scored: pd.DataFrame,
                  actor: str, outlets: list[str]) -> pd.DataFrame:
    """The sentences behind one tone number, most negative first, as evidence rows plus ``tone``
    (the actor's names highlighted)."""
    part = scored[(scored["actor"] == actor) & scored["outlet"].isin(outlets)].sort_values("tone", kind="stable")
    s = sentences.loc[part["row"]]
    spans = actor_spans(sentences, matches, actor, part["row"])
    headlines = articles.set_index("id")["headline"].astype(str)
    out = pd.DataFrame({"outlet": part["outlet"].to_numpy(), "article": part["article"].to_numpy(),
                        "headline": part["article"].map(headlines).to_numpy(),
                        "sentence": s["sentence"].to_numpy(), "paragraph": s["paragraph"].to_numpy(),
                        "text": s["text"].astype(str).to_numpy(), "spans": spans.to_numpy(),
                        "matches": [len(x) for x in spans]})
    return out[COLUMNS].assign(tone=part["tone"].to_numpy())
