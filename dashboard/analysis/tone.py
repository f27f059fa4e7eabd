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


def t_interval(values: np.ndarray, level: float = 0.95) -> tuple[float, float]:
    """Student t interval for a mean; (nan, nan) with fewer than two values, clipped to [-1, 1]."""
    from scipy import stats

    n = len(values)
    if n < 2:
        return float("nan"), float("nan")
    mean, sem = float(np.mean(values)), float(np.std(values, ddof=1)) / np.sqrt(n)
    half = float(stats.t.ppf(0.5 + level / 2, n - 1)) * sem
    return max(mean - half, -1.0), min(mean + half, 1.0)


def actor_sentences(sentences: pd.DataFrame, matches: pd.DataFrame) -> pd.DataFrame:
    """One row per (actor, sentence naming it): ``row`` (the sentence row), outlet, article, the
    match spans within the sentence and the sentence's VADER score."""
    m = matches[matches["kind"] == "actor"]
    if m.empty:
        return pd.DataFrame(columns=["actor", "row", "outlet", "article", "spans", "tone"])
    rows = pd.DataFrame({"row": sentences.index, "article": sentences["article"].astype(str).to_numpy(),
                         "sentence": sentences["sentence"].to_numpy(), "offset": sentences["start"].to_numpy()})
    keyed = pd.DataFrame({"actor": m["key"].astype(str).to_numpy(), "article": m["article"].astype(str).to_numpy(),
                          "sentence": m["sentence"].to_numpy(), "start": m["start"].to_numpy(), "end": m["end"].to_numpy()})
    keyed = keyed.merge(rows, on=["article", "sentence"])
    keyed["span"] = list(zip(keyed["start"] - keyed["offset"], keyed["end"] - keyed["offset"]))
    out = keyed.groupby(["actor", "row"], sort=False).agg(article=("article", "first"), spans=("span", list)).reset_index()
    out["outlet"] = sentences.loc[out["row"], "outlet"].astype(str).to_numpy()
    scores = pd.Series(sentence_tone(sentences.loc[out["row"].unique(), "text"]), index=out["row"].unique())
    out["tone"] = scores.loc[out["row"]].to_numpy()
    return out[["actor", "row", "outlet", "article", "spans", "tone"]]


def actor_tone(scored: pd.DataFrame, lexicon: Lexicon, *, groups: dict[str, str] | None = None) -> pd.DataFrame:
    """Per actor and outlet (or outlet group, with ``groups``: outlet -> group): sentences, mean
    VADER compound with its 95% t interval, and the rows of the most negative and most positive
    sentence. ``scored`` is :func:`actor_sentences`' table."""
    frame = scored if groups is None else scored.assign(outlet=scored["outlet"].map(groups)).dropna(subset=["outlet"])
    labels = {a.id: a.label for a in lexicon.actors}
    out = []
    for (outlet, actor), part in frame.groupby(["outlet", "actor"], sort=False):
        tones = part["tone"].to_numpy()
        low, high = t_interval(tones)
        lo, hi = part.iloc[int(np.argmin(tones))], part.iloc[int(np.argmax(tones))]
        out.append((outlet, actor, labels.get(actor, actor), len(part), float(tones.mean()), low, high,
                    int(lo["row"]), float(lo["tone"]), int(hi["row"]), float(hi["tone"])))
    return pd.DataFrame(out, columns=TONE_COLUMNS)


def tone_evidence(sentences: pd.DataFrame, articles: pd.DataFrame, scored: pd.DataFrame, actor: str,
                  outlets: list[str]) -> pd.DataFrame:
    """The sentences behind one tone number, most negative first, as evidence rows plus ``tone``."""
    part = scored[(scored["actor"] == actor) & scored["outlet"].isin(outlets)].sort_values("tone", kind="stable")
    s = sentences.loc[part["row"]]
    headlines = articles.set_index("id")["headline"].astype(str)
    out = pd.DataFrame({"outlet": part["outlet"].to_numpy(), "article": part["article"].to_numpy(),
                        "headline": part["article"].map(headlines).to_numpy(),
                        "sentence": s["sentence"].to_numpy(), "paragraph": s["paragraph"].to_numpy(),
                        "text": s["text"].astype(str).to_numpy(), "spans": part["spans"].to_numpy(),
                        "matches": [len(x) for x in part["spans"]]})
    return out[COLUMNS].assign(tone=part["tone"].to_numpy())
