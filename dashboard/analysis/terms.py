"""Distinctive terms per outlet: TF-IDF and weighted log-odds with an informative prior.

Text is tokenised once, at sentence level (n-grams never cross a sentence boundary), into a
sentences × terms count matrix. Outlet documents are sums of their sentences' rows, so the
same matrix serves TF-IDF, log-odds, "in how many sentences" and the evidence behind a term.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.feature_extraction.text import CountVectorizer, TfidfTransformer


@dataclass(frozen=True)
class TermMatrix:
    """Sentence-level counts and the outlet-level sums derived from them."""

    vocabulary: np.ndarray  # term strings, column order
    sentence_counts: sparse.csr_matrix  # sentences × terms
    outlet_counts: sparse.csr_matrix  # outlets × terms
    outlet_sentences: sparse.csr_matrix  # outlets × terms: sentences containing the term
    tfidf: sparse.csr_matrix  # outlets × terms


def membership(codes: np.ndarray, n_groups: int) -> sparse.csr_matrix:
    """Groups × items 0/1 matrix from each item's group code."""
    return sparse.csr_matrix(
        (np.ones(len(codes)), (codes, np.arange(len(codes)))), shape=(n_groups, len(codes))
    )


def term_matrix(sentences: list[str], outlet_codes: np.ndarray, n_outlets: int, *, ngram_range=(1, 3),
                keep: np.ndarray | None = None) -> TermMatrix:
    """Count 1..n-grams per sentence (English stop words removed) and sum them per outlet.

    ``keep`` (a boolean per sentence) zeroes the rows of sentences left out of the scores, so
    rows still line up with the sentence table.
    """
    vectorizer = CountVectorizer(ngram_range=ngram_range, stop_words="english", dtype=np.int32)
    counts = vectorizer.fit_transform(sentences).tocsr()
    if keep is not None:
        counts = (sparse.diags(keep.astype(np.int32), dtype=np.int32) @ counts).tocsr()
        counts.eliminate_zeros()
    groups = membership(outlet_codes, n_outlets)
    outlet_counts = (groups @ counts).tocsr()
    present = counts.copy()
    present.data[:] = 1
    tfidf = TfidfTransformer(sublinear_tf=True).fit_transform(outlet_counts).tocsr()
    return TermMatrix(
        vocabulary=vectorizer.get_feature_names_out(),
        sentence_counts=counts,
        outlet_counts=outlet_counts,
        outlet_sentences=(groups @ present).tocsr(),
        tfidf=tfidf,
    )


def log_odds_z(outlet_counts: sparse.csr_matrix, *, prior_scale: float = 0.1) -> sparse.csr_matrix:
    """Weighted log-odds ratio z-scores, each outlet against all the others.

    Monroe, Colaresi & Quinn (2008), "Fightin' Words", eq. 22, with an informative Dirichlet
    prior proportional to the whole corpus's counts (``alpha_w = prior_scale * y_w``). Returned
    for the (outlet, term) cells the outlet actually uses.
    """
    coo = outlet_counts.tocoo()
    y_w = np.asarray(outlet_counts.sum(axis=0)).ravel().astype(float)
    n_i_all = np.asarray(outlet_counts.sum(axis=1)).ravel().astype(float)
    total = y_w.sum()
    alpha_w, alpha0 = prior_scale * y_w, prior_scale * total
    y_i = coo.data.astype(float)
    y_j = y_w[coo.col] - y_i
    n_i = n_i_all[coo.row]
    n_j = total - n_i
    a = alpha_w[coo.col]
    delta = np.log((y_i + a) / (n_i + alpha0 - y_i - a)) - np.log((y_j + a) / (n_j + alpha0 - y_j - a))
    z = delta / np.sqrt(1 / (y_i + a) + 1 / (y_j + a))
    return sparse.csr_matrix((z, (coo.row, coo.col)), shape=outlet_counts.shape)


def _sorted(m: sparse.csr_matrix) -> sparse.csr_matrix:
    m = m.tocsr().copy()
    m.sum_duplicates()
    m.sort_indices()
    return m


def _aligned(m: sparse.csr_matrix, pattern: sparse.csr_matrix) -> np.ndarray:
    """``m``'s values at ``pattern``'s stored cells (same structure asserted, not assumed)."""
    m = _sorted(m)
    if not (np.array_equal(m.indptr, pattern.indptr) and np.array_equal(m.indices, pattern.indices)):
        return np.asarray(m[pattern.tocoo().row, pattern.tocoo().col]).ravel()
    return m.data


def term_table(matrix: TermMatrix, outlets: list[str], *, prior_scale: float = 0.1) -> pd.DataFrame:
    """One row per (outlet, term used by that outlet) with count, sentences, tfidf, z and thin."""
    # counts, sentence counts, TF-IDF and z share one sparsity pattern (a term is in an outlet's
    # sentences exactly when the outlet counts it), so their sorted CSR data arrays line up cell for cell
    counts = _sorted(matrix.outlet_counts)
    coo = counts.tocoo()
    z = _aligned(log_odds_z(counts, prior_scale=prior_scale), counts)
    table = pd.DataFrame(
        {
            "outlet": pd.Categorical.from_codes(coo.row, categories=outlets),
            "term": matrix.vocabulary[coo.col],
            "count": coo.data.astype(int),
            "sentences": _aligned(matrix.outlet_sentences, counts).astype(int),
            "tfidf": _aligned(matrix.tfidf, counts),
            "log_odds_z": z,
        }
    )
    table["thin"] = table["sentences"] < 2
    table = table.sort_values(["outlet", "log_odds_z"], ascending=[True, False], ignore_index=True)
    table["outlet"] = table["outlet"].astype(str)
    return table
