"""The sentences behind a number.

An evidence selection names a kind (topic, actor or term), a key and an outlet. The rows
returned are exactly those the number was computed from: for topics and actors the match rows
(so the match count equals the chart's hits / mentions), for terms the sentence rows of the
term matrix (so the count equals the term's count).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from dashboard.analysis.pooling import OTHER
from dashboard.render import term_spans

KINDS = ("topic", "actor", "term", "quote", "claim", "frame")  # frame: read by the Frames page (analysis/frames.py)
COLUMNS = ["outlet", "article", "headline", "sentence", "paragraph", "text", "spans", "matches"]


@dataclass(frozen=True)
class Evidence:
    """A selected number: kind (topic/actor/term), its key, and the outlet it belongs to."""

    kind: str
    key: str
    outlet: str

    def encode(self) -> str:
        return f"{self.kind}|{self.key}|{self.outlet}"

    @classmethod
    def decode(cls, value: str) -> Evidence | None:
        parts = value.split("|")
        return cls(*parts) if len(parts) == 3 and parts[0] in KINDS else None


def _headlines(analysis) -> pd.Series:
    return analysis.articles.set_index("id")["headline"]


def _from_matches(analysis, ev: Evidence, outlets: list[str]) -> pd.DataFrame:
    m = analysis.matches
    m = m[(m["kind"] == ev.kind) & (m["key"] == ev.key) & m["outlet"].isin(outlets)]
    if m.empty:
        return pd.DataFrame(columns=COLUMNS)
    sentences = analysis.outlet_sentences(outlets)
    s = sentences[sentences["article"].isin(m["article"].unique())].set_index(["article", "sentence"])
    rows = []
    for (article, sentence), group in m.groupby(["article", "sentence"], sort=False):
        sent = s.loc[(article, sentence)]
        spans = [(int(a) - int(sent["start"]), int(b) - int(sent["start"])) for a, b in zip(group["start"], group["end"])]
        rows.append((sent["outlet"], article, sentence, int(sent["paragraph"]), sent["text"], spans, len(group)))
    out = pd.DataFrame(rows, columns=["outlet", "article", "sentence", "paragraph", "text", "spans", "matches"])
    out.insert(2, "headline", out["article"].map(_headlines(analysis)))
    return out[COLUMNS]


def _from_terms(analysis, ev: Evidence, outlets: list[str]) -> pd.DataFrame:
    matrix = analysis.term_matrix
    column = np.flatnonzero(matrix.vocabulary == ev.key)
    if not len(column):
        return pd.DataFrame(columns=COLUMNS)
    counts = matrix.sentence_counts[:, column[0]].toarray().ravel()
    sentences = analysis.outlet_sentences(outlets)  # its index is the term-matrix row
    out = sentences[counts[sentences.index] > 0].copy()
    out["matches"] = counts[out.index]
    out["spans"] = [term_spans(t, ev.key) for t in out["text"]]
    out["headline"] = out["article"].map(_headlines(analysis))
    return out[COLUMNS].reset_index(drop=True)


def _from_quotes(analysis, ev: Evidence, sourcing) -> pd.DataFrame:
    q = sourcing.quotes
    speaker = q["speaker"].fillna("unattributed")
    q = q[q["direct"] & (speaker == ev.key) & (q["outlet"] == ev.outlet)]
    out = pd.DataFrame({
        "outlet": q["outlet"], "article": q["article"], "sentence": q["sentence"], "paragraph": q["paragraph"],
        "text": q["text"], "spans": [[(0, len(t))] for t in q["text"]], "matches": 1,
    })
    out.insert(2, "headline", out["article"].map(_headlines(analysis)))
    return out[COLUMNS].reset_index(drop=True)


def _from_claims(analysis, ev: Evidence, sourcing) -> pd.DataFrame:
    """The outlet's sentences in the claim, or the one sentence that paraphrases it or comes closest."""
    cells = sourcing.claim_cells
    rows = cells.loc[(cells["claim"] == int(ev.key)) & (cells["outlet"] == ev.outlet), "row"]
    mine = analysis.outlet_sentences([ev.outlet])
    out = mine.loc[mine.index.intersection(rows)]
    out = out.assign(spans=lambda f: [[] for _ in range(len(f))], matches=1)
    out["headline"] = out["article"].map(_headlines(analysis))
    return out[COLUMNS].reset_index(drop=True)


def evidence(analysis, ev: Evidence, sourcing=None, pooled: list[str] = (),
             members: Mapping[str, Sequence[str]] | None = None) -> pd.DataFrame:
    """One row per sentence behind the selected number, with match spans relative to the sentence.

    Quotes and claims need the :class:`~dashboard.analysis.sourcing.Sourcing` result. A topic or
    actor number of the pooled "Other outlets" row stands for the outlets in ``pooled``; a topic,
    actor or term number of an outlet group (``?groups=1``) for its outlets, ``members[group]``.
    """
    if ev.kind in ("quote", "claim") and sourcing is None:
        raise ValueError(f"{ev.kind} evidence needs the sourcing analysis")
    present = set(analysis.articles["outlet"])
    if ev.outlet == OTHER and pooled and ev.kind in ("topic", "actor"):
        rows = _from_matches(analysis, ev, list(pooled))
    elif members and ev.outlet in members and ev.outlet not in present and ev.kind in ("topic", "actor", "term"):
        rows = (_from_terms if ev.kind == "term" else _from_matches)(analysis, ev, list(members[ev.outlet]))
    elif ev.outlet not in present:
        return pd.DataFrame(columns=COLUMNS)  # an outlet filtered out of this view
    elif ev.kind == "term":
        rows = _from_terms(analysis, ev, [ev.outlet])
    elif ev.kind in ("quote", "claim"):
        rows = (_from_quotes if ev.kind == "quote" else _from_claims)(analysis, ev, sourcing)
    else:
        rows = _from_matches(analysis, ev, [ev.outlet])
    return rows.astype({"outlet": str, "article": str, "headline": str})  # plain text for display and CSV


def describe(analysis, ev: Evidence) -> str:
    """A human label for a selection: "Topic: Sanctions and economic penalties"."""
    if ev.kind == "topic":
        return f"Topic: {analysis.lexicon.topic(ev.key).label}"
    if ev.kind == "actor":
        return f"Actor: {analysis.lexicon.actor(ev.key).label}"
    if ev.kind == "quote":
        label = analysis.lexicon.actor(ev.key).label if ev.key in {a.id for a in analysis.lexicon.actors} else ev.key
        return f"Quotes of {label}"
    if ev.kind == "frame":
        return f"Frame: {ev.key}"
    if ev.kind == "claim":
        return f"Claim {ev.key}"
    return f"Term: “{ev.key}”"
