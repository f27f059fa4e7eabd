"""Compare's A-vs-B term table: worked on dense arrays of the two rows' used columns, it must give
what the sparse weighted log-odds of :mod:`dashboard.analysis.terms` gives on the same two rows."""

import numpy as np
import pytest
from scipy import sparse

from dashboard.analysis.compare import pair_terms
from dashboard.analysis.terms import log_odds_z


@pytest.mark.parametrize("seed", range(5))
def test_pair_terms_matches_the_sparse_log_odds_of_the_two_rows(seed):
    rng = np.random.default_rng(seed)
    counts = rng.poisson(0.4, size=(2, 300)) * rng.integers(0, 2, size=(2, 300))
    sentences = np.minimum(counts, rng.integers(0, 3, size=(2, 300)))
    vocabulary = np.array([f"t{i}" for i in range(300)], dtype=object)
    frame = pair_terms(sparse.csr_matrix(counts), sparse.csr_matrix(sentences), vocabulary.__getitem__, "A", "B")

    keep = np.flatnonzero(counts.sum(axis=0) >= 2)
    z = log_odds_z(sparse.csr_matrix(counts[:, keep], dtype=float), prior_scale=0.1).toarray()
    z_a = np.where(counts[0, keep] > 0, z[0], -z[1])  # a term A never used: B's z mirrored
    expected = dict(zip(vocabulary[keep], z_a))
    assert sorted(frame["term"]) == sorted(expected)
    assert frame["z"].to_numpy() == pytest.approx([expected[t] for t in frame["term"]], rel=0, abs=0)
    by_term = frame.set_index("term")
    for t in frame["term"].head(20):
        column = int(t[1:])
        assert by_term.at[t, "count_a"] == counts[0, column] and by_term.at[t, "sentences_b"] == sentences[1, column]
        assert by_term.at[t, "leans"] == ("A" if by_term.at[t, "z"] >= 0 else "B")
        assert by_term.at[t, "thin"] == (sentences[0 if by_term.at[t, "z"] >= 0 else 1, column] < 2)
    assert by_term["rate_a"].sum() == pytest.approx(counts[0, keep].sum() * 1000 / counts[0].sum())


def test_pair_terms_with_no_shared_use_is_empty():
    frame = pair_terms(sparse.csr_matrix(np.array([[1, 0], [0, 1]])), sparse.csr_matrix((2, 2)), np.array(["x", "y"]).__getitem__,
                       "A", "B")
    assert frame.empty and list(frame.columns)[:3] == ["term", "count_a", "count_b"]
