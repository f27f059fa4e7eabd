"""Near-duplicate sentences at any corpus size: MinHash LSH over each sentence's set of words.

Comparing every sentence with every other is quadratic. MinHash (Broder 1997) gives each
sentence a signature whose entries agree between two sentences with probability equal to the
Jaccard similarity of their word sets; cutting the signature into bands and bucketing sentences
by each band (locality-sensitive hashing, Leskovec, Rajaraman & Ullman, *Mining of Massive
Datasets* ch. 3) makes two sentences candidates when any band agrees. With 8 bands of 4 rows a
pair of Jaccard 0.8 becomes a candidate with probability 0.985, one of 0.5 with 0.40, one of 0.2
with 0.013. Candidates are then checked with the exact test (rapidfuzz ratio), so LSH only
decides which pairs are compared: a pair it misses is a missed passage, never a wrong one.

The word sets are the unigram columns of the sentence × term count matrix the analysis already
built (content words, stop words out), so no text is tokenised again. Everything is numpy over
the sparse matrix: the cost grows with the number of words in the corpus, not its square.
Hash parameters come from a fixed seed, so the result is the same on every run and engine.
"""

from __future__ import annotations

import numpy as np
from rapidfuzz import fuzz
from rapidfuzz.process import cpdist
from scipy import sparse

from dashboard.analysis.distinct import distinct

BANDS, ROWS = 8, 4
SEED = 20211207
_PRIME = (1 << 61) - 1
SCORE_BATCH = 200_000  # candidate pairs scored per rapidfuzz call


def signatures(words: sparse.csr_matrix, *, bands: int = BANDS, rows: int = ROWS, seed: int = SEED) -> np.ndarray:
    """MinHash signature (bands × rows uint32 values) of each row's set of columns."""
    words = sparse.csr_matrix(words)
    rng = np.random.default_rng(seed)
    a = rng.integers(1, 1 << 32, size=bands * rows, dtype=np.uint64)
    b = rng.integers(0, 1 << 32, size=bands * rows, dtype=np.uint64)
    x = words.indices.astype(np.uint64) + np.uint64(1)
    filled = np.diff(words.indptr) > 0
    starts = words.indptr[:-1][filled]
    out = np.full((words.shape[0], bands * rows), np.iinfo(np.uint32).max, dtype=np.uint32)
    for k in range(bands * rows):  # a*x + b < 2**64 for a, b < 2**32 and x < 2**32: no overflow before the modulo
        h = ((a[k] * x + b[k]) % np.uint64(_PRIME)).astype(np.uint32)
        out[filled, k] = np.minimum.reduceat(h, starts) if len(starts) else h[:0]
    return out


def candidate_pairs(sig: np.ndarray, *, bands: int = BANDS, rows: int = ROWS) -> np.ndarray:
    """(i, j) pairs, i < j, of rows whose signatures agree on at least one band, deduplicated.

    Within a bucket each member is paired with the bucket's first member and with its neighbour,
    which links the whole bucket for the grouping that follows at linear cost."""
    n = sig.shape[0]
    mix = np.random.default_rng(SEED + 1).integers(1, 1 << 63, size=rows, dtype=np.uint64) | np.uint64(1)
    found = []
    for band in range(bands):
        block = sig[:, band * rows:(band + 1) * rows].astype(np.uint64)
        key = (block * mix).sum(axis=1)  # wraps modulo 2**64: a hash of the band's rows
        order = np.argsort(key, kind="stable")
        sorted_key = key[order]
        start = np.r_[True, sorted_key[1:] != sorted_key[:-1]]
        first = order[np.maximum.accumulate(np.where(start, np.arange(n), 0))]
        later = ~start
        found.append(np.c_[first[later], order[later]])
        neighbour = later & np.r_[False, ~start[:-1]]  # the previous member is not the first
        position = np.arange(n)[neighbour]
        found.append(np.c_[order[position - 1], order[position]])
    pairs = np.concatenate(found).astype(np.int64) if found else np.zeros((0, 2), dtype=np.int64)
    pairs = np.sort(pairs, axis=1)
    pairs = pairs[pairs[:, 0] != pairs[:, 1]]
    code = distinct(pairs[:, 0] * n + pairs[:, 1])  # one int64 per pair: a 1-d sort, not a sort of rows
    return np.c_[code // n, code % n] if len(code) else pairs.reshape(0, 2)


def near_duplicate_pairs(words: sparse.csr_matrix, texts, *, cutoff: float, scorer=fuzz.ratio) -> np.ndarray:
    """Pairs (an n × 2 array) of rows whose texts (``texts(rows)``: the normalised texts of an array
    of rows) score at least ``cutoff`` (identical texts score 100), among the candidates MinHash
    LSH finds from their word sets ``words`` (rows without a word are never candidates).
    Candidates are scored with rapidfuzz on all cores, :data:`SCORE_BATCH` pairs per call, so
    memory stays bounded when a templated corpus yields millions of them."""
    words = sparse.csr_matrix(words)
    rows = np.flatnonzero(np.diff(words.indptr) > 0)
    pairs = rows[candidate_pairs(signatures(words[rows]))] if len(rows) else np.zeros((0, 2), dtype=np.int64)
    if not len(pairs):
        return pairs
    ends, position = np.unique(pairs, return_inverse=True)
    text = texts(ends)
    position = position.reshape(pairs.shape)
    kept = []
    for at in range(0, len(pairs), SCORE_BATCH):
        part = position[at:at + SCORE_BATCH]
        scores = cpdist([text[i] for i in part[:, 0]], [text[j] for j in part[:, 1]], scorer=scorer,
                        score_cutoff=cutoff, workers=-1)
        kept.append(at + np.flatnonzero(scores >= cutoff))
    return pairs[np.concatenate(kept)]
