"""Sourcing and omission in one result: quotes, variants, shared passages, claims, similarity.

Kept apart from :func:`dashboard.analysis.analyse` because claim clustering costs more than the
counts do, and only the Quotes and Coverage views need it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from rapidfuzz import fuzz

from dashboard.analysis import Analysis
from dashboard.analysis.coverage import claims, normalise, outlet_similarity, prominence, shared_passages
from dashboard.analysis.quotes import quote_groups, quote_table, verb_table, voice_table, word_diff

VERBATIM, CLOSE = 97, 85


@dataclass(frozen=True)
class Sourcing:
    quotes: pd.DataFrame  # one row per direct quote or reported-speech sentence
    voices: pd.DataFrame  # outlet × speaker: quotes, words, share of voice
    verbs: pd.DataFrame  # outlet × reporting verb
    quote_groups: pd.DataFrame  # the same remark across outlets, with word diffs
    shared: pd.DataFrame  # near-identical sentences across outlets
    claims: pd.DataFrame  # claim, text, outlets, paraphrased_by, omitted_by, closest, sentences
    claim_of: pd.Series  # sentence row -> claim id
    claim_cells: pd.DataFrame  # claim, outlet, state (carried / paraphrased / not found), sentence row, score
    similarity: pd.DataFrame  # outlet × outlet cosine
    prominence: pd.DataFrame  # outlet × topic/actor by position

    def for_outlets(self, outlets: list[str]) -> Sourcing:
        """Rows that involve the selected outlets (groups, passages and claims touching any of them)."""
        keep = set(outlets)

        def mine(names: list[str]) -> list[str]:
            return [o for o in names if o in keep]

        def touching(frame: pd.DataFrame, *columns: str) -> pd.DataFrame:
            """Rows involving a selected outlet, with their outlet lists cut to the selection."""
            frame = frame.loc[frame["outlets"].map(lambda o: bool(keep & set(o))).astype(bool)].copy()
            for column in columns:
                frame[column] = frame[column].map(mine)
            return frame

        def own(frame: pd.DataFrame) -> pd.DataFrame:
            return frame[frame["outlet"].isin(keep)]

        sim = self.similarity.loc[[o for o in self.similarity.index if o in keep], [o for o in self.similarity.columns if o in keep]]
        groups = touching(self.quote_groups, "outlets")
        groups["variants"] = groups["variants"].map(lambda vs: [v for v in vs if v["outlet"] in keep])
        claims = touching(self.claims, "outlets", "paraphrased_by", "omitted_by")
        claims["closest"] = claims["closest"].map(lambda c: {o: v for o, v in c.items() if o in keep})
        return Sourcing(own(self.quotes), own(self.voices), own(self.verbs), groups, touching(self.shared, "outlets"),
                        claims, self.claim_of, own(self.claim_cells), sim, own(self.prominence))


def check_against_primary(quotes: pd.DataFrame, primary_text: str, primary_article: str) -> pd.DataFrame:
    """Add ``source_check`` (verbatim / close / not in source), ``source_score`` and ``source_diff``."""
    source = primary_text.lower()
    checks, scores, diffs = [], [], []
    for r in quotes.itertuples():
        if r.article == primary_article or not r.direct:
            checks.append(None), scores.append(None), diffs.append([])
            continue
        alignment = fuzz.partial_ratio_alignment(r.text.lower(), source, processor=None)
        score = fuzz.ratio(normalise(r.text), normalise(source[alignment.dest_start:alignment.dest_end]))
        checks.append("verbatim" if score >= VERBATIM else "close" if score >= CLOSE else "not in source")
        scores.append(round(score, 1))
        excerpt = primary_text[alignment.dest_start:alignment.dest_end]
        diffs.append(word_diff(excerpt, r.text) if checks[-1] == "close" else [])
    return quotes.assign(source_check=checks, source_score=scores, source_diff=diffs)


def sentence_rows(analysis: Analysis, frame: pd.DataFrame) -> np.ndarray:
    """The sentence-table row of each (article, sentence) of ``frame`` (NaN where there is none)."""
    s = analysis.sentences
    row_of = pd.Series(s.index, index=pd.MultiIndex.from_arrays([s["article"].astype(str), s["sentence"]]))
    return row_of.reindex(pd.MultiIndex.from_arrays([frame["article"].astype(str), frame["sentence"]])).to_numpy()


def content_texts(analysis: Analysis) -> pd.Series:
    """Each sentence that names an actor, with every mention (named or role) written ``actor_<id>``:
    the paraphrase test then sees "his Russian counterpart" and "Putin" as the same word."""
    m = analysis.matches[analysis.matches["kind"] == "actor"]
    if m.empty:
        return pd.Series(dtype=object)
    s = analysis.sentences
    rows = sentence_rows(analysis, m)
    out = {}
    for row, group in m.assign(row=rows).dropna(subset=["row"]).groupby("row", sort=False):
        text, offset = s.at[row, "text"], s.at[row, "start"]
        for r in group.sort_values("start", ascending=False).itertuples():
            text = f"{text[:r.start - offset]} actor_{r.key} {text[r.end - offset:]}"
        out[row] = text
    return pd.Series(out, dtype=object)


def quote_group_rows(analysis: Analysis, quotes: pd.DataFrame, groups: pd.DataFrame) -> pd.Series:
    """Sentence row -> quote group, for the sentences that carry a grouped quote."""
    members = groups[["group", "quotes"]].explode("quotes").dropna()
    if members.empty:
        return pd.Series(dtype=float)
    q = quotes.loc[members["quotes"].to_numpy(), ["article", "sentence"]].assign(group=members["group"].to_numpy())
    rows = sentence_rows(analysis, q)
    return pd.Series(q["group"].to_numpy(), index=rows).loc[lambda g: g.index.notna()].groupby(level=0).first()


def analyse_sourcing(analysis: Analysis, *, primary: str | None = None) -> Sourcing:
    """Quotes, variants, shared passages, claims, outlet similarity and prominence for ``analysis``."""
    corpus, outlets = analysis.corpus, analysis.outlets
    quotes = quote_table(corpus, analysis.lexicon)
    if primary:
        quotes = check_against_primary(quotes, corpus.article(primary).clean_text, primary)
    shared, _ = shared_passages(analysis.sentences)
    groups = quote_groups(quotes, outlets)
    claim_table, claim_of, cells = claims(analysis.sentences, outlets, content=content_texts(analysis),
                                          quote_group=quote_group_rows(analysis, quotes, groups))
    return Sourcing(
        quotes=quotes,
        voices=voice_table(quotes, analysis.lexicon),
        verbs=verb_table(quotes),
        quote_groups=groups,
        shared=shared,
        claims=claim_table,
        claim_of=claim_of,
        claim_cells=cells,
        similarity=outlet_similarity(analysis.term_matrix.tfidf, outlets),
        prominence=prominence(analysis),
    )
