"""Outlet A against outlet B: which terms each used more, in the manner of Scattertext."""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import sparse

from dashboard.analysis.distinct import distinct
from dashboard.analysis.terms import log_odds_z

PRIOR_SCALE = 0.1


def compare_terms(analysis, a: str, b: str, *, min_count: int = 2) -> pd.DataFrame:
    """Terms used at least ``min_count`` times by A and B together, with rates and A-vs-B z (see
    :func:`pair_terms`). Only the two outlets' rows and the terms they use are read (distinct outlets)."""
    matrix = analysis.term_matrix
    counts, sentences = matrix.outlet_rows([analysis.outlets.index(a), analysis.outlets.index(b)])
    used = distinct(counts.indices)
    return pair_terms(counts[:, used], sentences[:, used], matrix.terms_at(used), a, b, min_count=min_count)


def pair_terms(counts, sentences, vocabulary, a: str, b: str, *, min_count: int = 2) -> pd.DataFrame:
    """Side A against side B (two outlets, or two groups of outlets) from their 2 × terms counts
    and sentence counts: terms used at least ``min_count`` times by both together.

    ``rate_a``/``rate_b`` are uses per 1,000 counted terms of that side; ``z`` is the weighted
    log-odds z-score of A against B alone (positive: A's term), same prior as the Terms page.
    """
    counts = sparse.csr_matrix(counts, dtype=float)
    total = np.asarray(counts.sum(axis=0)).ravel()
    keep = np.flatnonzero(total >= min_count)
    pair = counts[:, keep].tocsr()
    dense = pair.toarray()
    z = log_odds_z(pair, prior_scale=PRIOR_SCALE).toarray()
    # a term one side never used has no cell on that side: read its z from the other, mirrored
    z_a = np.where(dense[0] > 0, z[0], -z[1])
    used = sparse.csr_matrix(sentences)[:, keep].toarray()
    sizes = np.maximum(np.asarray(counts.sum(axis=1)).ravel(), 1)
    frame = pd.DataFrame({
        "term": vocabulary[keep],
        "count_a": dense[0].astype(int), "count_b": dense[1].astype(int),
        "rate_a": dense[0] * 1000 / sizes[0], "rate_b": dense[1] * 1000 / sizes[1],
        "sentences_a": used[0].astype(int), "sentences_b": used[1].astype(int),
        "z": z_a,
    })
    frame["leans"] = np.where(frame["z"] >= 0, a, b)
    frame["thin"] = np.where(frame["z"] >= 0, frame["sentences_a"], frame["sentences_b"]) < 2
    return frame.sort_values("z", ascending=False, ignore_index=True)
