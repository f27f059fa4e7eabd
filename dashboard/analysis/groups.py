"""Outlet groups compared: distinctive terms group against group, and topic and actor rates per group.

A group's counts are the sums of its outlets' counts (the same term matrix and match table as
the per-outlet views), so a group number is never computed from anything an outlet number is not.
Terms use the weighted log-odds z of :mod:`dashboard.analysis.terms` with the same prior as the
Compare page; topic shares carry Wilson intervals and actor rates exact Poisson intervals.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import sparse

from dashboard.analysis.compare import pair_terms
from dashboard.analysis.house_style import SELF, STYLES, merged_names, self_references, style_codes
from dashboard.analysis.stats import poisson_rate_interval, wilson_interval
from dashboard.analysis.terms import TermMatrix, membership
from dashboard.lexicons import Lexicon


def group_names(groups: dict[str, str], outlets: list[str]) -> list[str]:
    """The groups that hold at least one of ``outlets``, in the order their first outlet appears."""
    return list(dict.fromkeys(groups[o] for o in outlets if o in groups))


def group_members(groups: dict[str, str], outlets: list[str]) -> dict[str, list[str]]:
    """Each group of :func:`group_names` with its outlets among ``outlets``, in their order."""
    return {g: [o for o in outlets if groups.get(o) == g] for g in group_names(groups, outlets)}


def group_terms(matrix: TermMatrix, outlets: list[str], groups: dict[str, str], a: str, b: str, *,
                min_count: int = 2) -> pd.DataFrame:
    """Terms used at least ``min_count`` times by groups A and B together, with counts, rates per
    1,000 terms and the A-vs-B weighted log-odds z (positive: A's term), most-A first."""
    codes = np.array([0 if groups.get(o) == a else 1 if groups.get(o) == b else 2 for o in outlets])
    sides = membership(codes, 3)
    counts = (sides @ sparse.csr_matrix(matrix.outlet_counts, dtype=float)).tocsr()[:2]
    present = (sides @ sparse.csr_matrix(matrix.outlet_sentences, dtype=float)).tocsr()[:2]
    frame = pair_terms(counts, present, matrix.terms_at, a, b, min_count=min_count)
    frame["style"] = _styles(frame, outlets, groups, matrix)
    return frame


def _styles(frame: pd.DataFrame, outlets: list[str], groups: dict[str, str], matrix: TermMatrix) -> list[str]:
    """House style of each term, as on the Terms page: a term naming an outlet of the group it leans
    to is a self-reference ("told fox news", "fox" for a group holding Fox News); honorifics, reporting verbs."""
    codes, names_of = style_codes(frame["term"].to_numpy(), tuple(outlets))
    row_of = {term: i for i, term in enumerate(frame["term"].tolist())}
    by_row = {row_of[matrix.vocabulary[c]]: named for c, named in
              self_references(matrix.outlet_counts, matrix.vocabulary, outlets).items() if matrix.vocabulary[c] in row_of}
    names_of = merged_names(names_of, by_row)
    out = [STYLES[c] for c in codes]
    for i, named in names_of.items():
        if any(groups.get(outlets[o]) == frame.at[i, "leans"] for o in named):
            out[i] = SELF
    return out


def group_topics(sentences: pd.DataFrame, matches: pd.DataFrame, lexicon: Lexicon,
                 groups: dict[str, str]) -> pd.DataFrame:
    """Group × topic: sentences with a topic hit, all sentences, share with a Wilson 95% interval."""
    unit = sentences["outlet"].astype(str).map(groups)
    totals = unit.value_counts()
    m = matches[matches["kind"] == "topic"]
    hit = m.drop_duplicates(["key", "article", "sentence"]).assign(group=m["outlet"].astype(str).map(groups))
    counts = hit.dropna(subset=["group"]).groupby(["group", "key"], observed=True).size()
    rows = [(g, t.id, t.label, int(counts.get((g, t.id), 0)), int(totals[g]))
            for g in group_names(groups, list(dict.fromkeys(sentences["outlet"].astype(str)))) for t in lexicon.topics]
    out = pd.DataFrame(rows, columns=["group", "topic", "label", "hit_sentences", "sentences"])
    out["share"] = out["hit_sentences"] / out["sentences"].clip(lower=1)
    out["share_low"], out["share_high"] = wilson_interval(out["hit_sentences"], out["sentences"])
    return out


def group_actors(articles: pd.DataFrame, matches: pd.DataFrame, lexicon: Lexicon,
                 groups: dict[str, str]) -> pd.DataFrame:
    """Group × actor: mentions (named + role), words, mentions per 1,000 words with a Poisson 95% interval."""
    words = articles.assign(group=articles["outlet"].astype(str).map(groups)).groupby("group")["words"].sum()
    m = matches[matches["kind"] == "actor"]
    counts = m.assign(group=m["outlet"].astype(str).map(groups)).dropna(subset=["group"]) \
        .groupby(["group", "key"], observed=True).size()
    rows = [(g, a.id, a.label, int(counts.get((g, a.id), 0)), int(words[g]))
            for g in group_names(groups, list(dict.fromkeys(articles["outlet"].astype(str)))) for a in lexicon.actors]
    out = pd.DataFrame(rows, columns=["group", "actor", "label", "mentions", "words"])
    out["per_1k_words"] = out["mentions"] * 1000 / out["words"].clip(lower=1)
    out["per_1k_low"], out["per_1k_high"] = poisson_rate_interval(out["mentions"], out["words"])
    return out
