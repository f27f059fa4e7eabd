"""Distinctive terms per outlet: TF-IDF and weighted log-odds with an informative prior.

Text is tokenised once, at sentence level (n-grams never cross a sentence boundary), into a
sentences × terms count matrix. Outlet documents are sums of their sentences' rows, so the
same matrix serves TF-IDF, log-odds, "in how many sentences" and the evidence behind a term.
"""

from __future__ import annotations

import re
from array import array
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import sparse

from dashboard.analysis.memo import per_array
from dashboard.stopwords import stop_words


@dataclass(frozen=True)
class TermMatrix:
    """Sentence-level counts and the outlet-level sums derived from them."""

    vocabulary: np.ndarray  # term strings, column order
    sentence_counts: sparse.csr_matrix  # sentences × terms
    outlet_counts: sparse.csr_matrix  # outlets × terms
    outlet_sentences: sparse.csr_matrix  # outlets × terms: sentences containing the term
    tfidf: sparse.csr_matrix  # outlets × terms

    def outlet_rows(self, rows: list[int]) -> tuple[sparse.csr_matrix, sparse.csr_matrix]:
        """The term counts and sentence counts of these outlet rows (a stored matrix reads them alone)."""
        return self.outlet_counts[rows], self.outlet_sentences[rows]

    def terms_at(self, columns: np.ndarray):
        """The terms of these columns, an array pandas takes as a column (a stored matrix reads them without the rest
        of the vocabulary, as Arrow strings)."""
        return self.vocabulary[columns]


def membership(codes: np.ndarray, n_groups: int) -> sparse.csr_matrix:
    """Groups × items 0/1 matrix from each item's group code."""
    return sparse.csr_matrix(
        (np.ones(len(codes)), (codes, np.arange(len(codes)))), shape=(n_groups, len(codes))
    )


TOKEN = re.compile(r"(?u)\b\w\w+\b")  # scikit-learn's default token pattern


class Tokens:
    """Sentences as integer token ids (lower-cased, stop words dropped), tokenised once.

    The same tokenisation as scikit-learn's ``CountVectorizer(stop_words="english")``; ids index
    ``words``. Built per chunk in worker processes and merged with :meth:`extend`.
    """

    def __init__(self, stop: frozenset[str] | None = None) -> None:
        self.words: list[str] = []
        self.index: dict[str, int] = {}
        self.ids = array("i")
        self.lengths = array("i")  # tokens per sentence
        self.stop = stop_words() if stop is None else stop  # frozenset(): every word kept

    def add(self, sentence: str) -> None:
        index, words, stop = self.index, self.words, self.stop
        before = len(self.ids)
        for token in TOKEN.findall(sentence.lower()):
            if token not in stop:
                i = index.get(token)
                if i is None:
                    i = index[token] = len(words)
                    words.append(token)
                self.ids.append(i)
        self.lengths.append(len(self.ids) - before)

    def __getstate__(self) -> dict:
        return {**self.__dict__, "index": None, "stop": None}  # needed only where tokens are added; not worth sending

    def extend(self, other: Tokens) -> None:
        """Append another chunk's sentences, mapping its ids onto this vocabulary."""
        index, words = self.index, self.words
        mapping = np.empty(len(other.words), dtype=np.int32)
        for j, word in enumerate(other.words):
            i = index.get(word)
            if i is None:
                i = index[word] = len(words)
                words.append(word)
            mapping[j] = i
        if len(other.ids):
            self.ids.frombytes(mapping[np.frombuffer(other.ids, dtype=np.int32)].tobytes())
        self.lengths.extend(other.lengths)


def tokenise(sentences, stop: frozenset[str] | None = None) -> Tokens:
    tokens = Tokens(stop)
    for sentence in sentences:
        tokens.add(sentence)
    return tokens


def _ngram_names(codes: np.ndarray, n: int, words: np.ndarray, base: int) -> np.ndarray:
    """The strings of n-gram codes (base-``base`` digits are word ids), joined by spaces."""
    digits = []
    for _ in range(n):
        codes, digit = np.divmod(codes, base)
        digits.append(words[digit])
    names = pd.Series(digits.pop(), dtype=object)
    while digits:
        names = names + " " + digits.pop()
    return names.to_numpy(dtype=object)


def count_ngrams(tokens: Tokens, ngram_range=(1, 3), min_count: int = 1) -> tuple[sparse.csr_matrix, np.ndarray]:
    """Sentences × n-grams counts and the n-gram strings, by integer arithmetic on token ids.

    An n-gram is n consecutive ids of one sentence, encoded as one int64 (ids as digits in base
    |vocabulary|); ``np.unique`` over those codes is the vocabulary. No n-gram string is built
    per occurrence, which is what makes ``CountVectorizer`` slow on large corpora. N-grams used
    fewer than ``min_count`` times in the whole corpus are left out.
    """
    ids = np.frombuffer(tokens.ids, dtype=np.int32).astype(np.int64) if len(tokens.ids) else np.zeros(0, np.int64)
    lengths = np.frombuffer(tokens.lengths, dtype=np.int32) if len(tokens.lengths) else np.zeros(0, np.int32)
    base = max(len(tokens.words), 1)
    lo, hi = ngram_range
    if base ** hi >= 2 ** 63:
        raise ValueError(f"vocabulary of {base} words is too large for {hi}-grams")
    sentence_of = np.repeat(np.arange(len(lengths), dtype=np.int32), lengths)
    words = np.asarray(tokens.words, dtype=object)
    rows, cols, names, offset = [], [], [], 0
    for n in range(lo, hi + 1):
        m = len(ids) - n + 1
        if m <= 0:
            continue
        code = ids[:m].copy()
        for k in range(1, n):
            code = code * base + ids[k:k + m]
        same = sentence_of[:m] == sentence_of[n - 1:n - 1 + m]  # the n ids lie in one sentence
        unique, inverse, count = np.unique(code[same], return_inverse=True, return_counts=True)
        row = sentence_of[:m][same]
        if min_count > 1:
            kept = count >= min_count
            new_id = np.cumsum(kept) - 1
            used = kept[inverse]
            unique, row, inverse = unique[kept], row[used], new_id[inverse[used]]
        rows.append(row)
        cols.append(inverse.astype(np.int32) + offset)
        names.append(_ngram_names(unique, n, words, base))
        offset += len(unique)
    shape = (len(lengths), offset)
    if not rows:
        return sparse.csr_matrix(shape, dtype=np.int32), np.array([], dtype=object)
    row, col = np.concatenate(rows), np.concatenate(cols)
    counts = sparse.csr_matrix((np.ones(len(row), dtype=np.int32), (row, col)), shape=shape)
    counts.sum_duplicates()
    return counts, np.concatenate(names)


def term_matrix(sentences, outlet_codes: np.ndarray, n_outlets: int, *, ngram_range=(1, 3), min_count: int = 1,
                keep: np.ndarray | None = None) -> TermMatrix:
    """Count 1..n-grams per sentence (English stop words removed) and sum them per outlet.

    ``sentences`` is a list of strings or :class:`Tokens` already made from them. Terms used
    fewer than ``min_count`` times in the corpus are left out. ``keep`` (a boolean per sentence)
    zeroes the rows of sentences left out of the scores, so rows still line up with the
    sentence table.
    """
    tokens = sentences if isinstance(sentences, Tokens) else tokenise(sentences)
    counts, vocabulary = count_ngrams(tokens, ngram_range, min_count)
    return outlet_sums(counts, vocabulary, outlet_codes, n_outlets, keep=keep)


def outlet_sums(counts: sparse.csr_matrix, vocabulary: np.ndarray, outlet_codes: np.ndarray, n_outlets: int, *,
                keep: np.ndarray | None = None) -> TermMatrix:
    """Outlet counts, sentence counts and TF-IDF from sentence counts; ``keep`` zeroes the rows of
    sentences left out (shared passages, a date range) so rows still line up with the sentences."""
    part, codes = counts, outlet_codes
    if keep is not None:  # summed over the kept rows alone: a story's hundreds of sentences, not millions
        rows = np.flatnonzero(keep)
        part, codes = counts.tocsr()[rows], np.asarray(outlet_codes)[rows]
        counts = _rows_kept(part, rows, counts.shape)
    groups = membership(codes, n_outlets)
    outlet_counts = (groups @ part).tocsr()
    present = part.copy()
    present.data[:] = 1
    return TermMatrix(
        vocabulary=vocabulary,
        sentence_counts=counts,
        outlet_counts=outlet_counts,
        outlet_sentences=(groups @ present).tocsr(),
        tfidf=_tfidf(outlet_counts),
    )


def _tfidf(outlet_counts: sparse.csr_matrix) -> sparse.csr_matrix:
    """scikit-learn's sublinear TF-IDF of the outlet counts, fitted on the columns some outlet uses: a
    story's few thousand terms, not the corpus's 1.8M. The weights are the same (an unused column
    has no cell, and the document count is the number of outlets either way)."""
    from sklearn.feature_extraction.text import TfidfTransformer  # here: a page reading stored results never needs it

    used = np.flatnonzero(np.bincount(outlet_counts.indices, minlength=outlet_counts.shape[1]))  # one pass, no sort
    if not len(used):  # no term used twice: nothing to weigh
        return sparse.csr_matrix(outlet_counts.shape)
    if len(used) == outlet_counts.shape[1]:
        return TfidfTransformer(sublinear_tf=True).fit_transform(outlet_counts).tocsr()
    part = TfidfTransformer(sublinear_tf=True).fit_transform(outlet_counts[:, used]).tocsr()
    return sparse.csr_matrix((part.data, used[part.indices], part.indptr), shape=outlet_counts.shape)


def _rows_kept(part: sparse.csr_matrix, rows: np.ndarray, shape: tuple[int, int]) -> sparse.csr_matrix:
    """A ``shape`` matrix holding ``part``'s rows at ``rows`` and nothing elsewhere, built from the kept rows
    alone: a story's few hundred sentences of millions cost their own entries, not a pass over the whole matrix."""
    lengths = np.zeros(shape[0], dtype=np.int64)
    lengths[rows] = np.diff(part.indptr)
    return sparse.csr_matrix((part.data, part.indices, np.concatenate([[0], np.cumsum(lengths)])), shape=shape)


def log_odds_z(outlet_counts: sparse.csr_matrix, *, prior_scale: float = 0.1) -> sparse.csr_matrix:
    """Weighted log-odds ratio z-scores, each outlet against all the others.

    Monroe, Colaresi & Quinn (2008), "Fightin' Words", eq. 22, with an informative Dirichlet
    prior proportional to the whole corpus's counts (``alpha_w = prior_scale * y_w``). Returned
    for the (outlet, term) cells the outlet actually uses.
    """
    coo = outlet_counts.tocoo()
    y_w = np.asarray(outlet_counts.sum(axis=0)).ravel().astype(float)
    n_i = np.asarray(outlet_counts.sum(axis=1)).ravel().astype(float)
    z = cell_z(coo.data.astype(float), y_w[coo.col], n_i[coo.row], y_w.sum(), prior_scale)
    return sparse.csr_matrix((z, (coo.row, coo.col)), shape=outlet_counts.shape)


def cell_z(y_i: np.ndarray, y_w: np.ndarray, n_i: np.ndarray, total: float, prior_scale: float) -> np.ndarray:
    """:func:`log_odds_z` of cells: an outlet's count ``y_i`` of a term the corpus uses ``y_w``
    times, the outlet counting ``n_i`` terms of the corpus's ``total``."""
    y_j, n_j = y_w - y_i, total - n_i
    a, alpha0 = prior_scale * y_w, prior_scale * total
    with np.errstate(divide="ignore", invalid="ignore"):  # a one-term vocabulary has no odds: z is inf/nan
        delta = np.log((y_i + a) / (n_i + alpha0 - y_i - a)) - np.log((y_j + a) / (n_j + alpha0 - y_j - a))
        return delta / np.sqrt(1 / (y_i + a) + 1 / (y_j + a))


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


@per_array()
def term_dtype(vocabulary: np.ndarray) -> pd.CategoricalDtype:
    """The term column's type, made once per vocabulary: making it checks 1.8M terms for repeats at
    40,000 articles (0.7 s), and every story or date cut of a corpus shares its vocabulary."""
    return pd.CategoricalDtype(pd.Index(vocabulary, dtype=object))


def term_table(matrix: TermMatrix, outlets: list[str], *, prior_scale: float = 0.1) -> pd.DataFrame:
    """One row per (outlet, term used by that outlet) with count, sentences, tfidf, z, thin and
    house ``style`` (:mod:`dashboard.analysis.house_style`)."""
    from dashboard.analysis.house_style import style_column  # house_style reads this module's tokeniser

    # counts, sentence counts, TF-IDF and z share one sparsity pattern (a term is in an outlet's
    # sentences exactly when the outlet counts it), so their sorted CSR data arrays line up cell for cell
    counts = _sorted(matrix.outlet_counts)
    coo = counts.tocoo()
    z = _aligned(log_odds_z(counts, prior_scale=prior_scale), counts)
    order = np.lexsort((-z, coo.row))  # by outlet, then most distinctive first; one permutation, no frame copy
    sentences = _aligned(matrix.outlet_sentences, counts).astype(np.int32)[order]
    return pd.DataFrame(
        {
            "outlet": pd.Categorical.from_codes(coo.row[order], categories=outlets),
            "term": pd.Categorical.from_codes(coo.col[order], dtype=term_dtype(matrix.vocabulary)),
            "count": coo.data.astype(np.int32)[order],
            "sentences": sentences,
            "tfidf": _aligned(matrix.tfidf, counts)[order],
            "log_odds_z": z[order],
            "thin": sentences < 2,
            "style": style_column(coo.row[order], coo.col[order], matrix.vocabulary, outlets, counts),
        }
    )
