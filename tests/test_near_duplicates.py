"""MinHash LSH finds what comparing every pair finds, at linear cost, the same way every run."""

import random
from itertools import combinations

import numpy as np
from rapidfuzz import fuzz

from dashboard.analysis.coverage import SHARED_RATIO, normalise, unigram_columns
from dashboard.analysis.near_duplicates import candidate_pairs, near_duplicate_pairs, signatures
from dashboard.analysis.terms import count_ngrams, tokenise


def _sentences(corpus) -> list[str]:
    """The seed reports' sentences, and for every third one a near copy as another outlet would
    print it (a word changed, one dropped, punctuation and case changed)."""
    rng = random.Random(7)
    real = [s.text for a in corpus.articles for s in a.sentences if len(s.text.split()) >= 6]
    copies = []
    for text in real[::3]:
        words = text.split()
        i = rng.randrange(len(words))
        kind = rng.randrange(3)
        if kind == 0:
            words[i] = "reportedly"
        elif kind == 1:
            del words[i]
        copies.append(" ".join(words).upper() if kind == 2 else " ".join(words))
    return real + copies


def _words(texts: list[str]):
    counts, vocabulary = count_ngrams(tokenise(texts), (1, 3), 1)
    return counts[:, unigram_columns(vocabulary)]


def test_lsh_finds_the_pairs_exhaustive_comparison_finds(corpus):
    texts = _sentences(corpus)
    norm = [normalise(t) for t in texts]
    exhaustive = {(i, j) for i, j in combinations(range(len(texts)), 2)
                  if norm[i] == norm[j] or fuzz.ratio(norm[i], norm[j]) >= SHARED_RATIO}
    found = set(map(tuple, near_duplicate_pairs(_words(texts), lambda rows: [norm[i] for i in rows],
                                                cutoff=SHARED_RATIO).tolist()))
    assert len(exhaustive) >= 40  # the planted copies, and the seeds' own shared passages
    assert found <= exhaustive  # every pair is checked with the exact test
    assert len(found) / len(exhaustive) >= 0.95
    compared = len(candidate_pairs(signatures(_words(texts))))
    assert compared < 0.01 * len(texts) * (len(texts) - 1) / 2  # a sliver of all pairs


def test_candidates_scored_in_batches_give_the_same_pairs(corpus, monkeypatch):
    import dashboard.analysis.near_duplicates as near_duplicates

    texts = _sentences(corpus)
    norm = [normalise(t) for t in texts]
    whole = near_duplicate_pairs(_words(texts), lambda rows: [norm[i] for i in rows], cutoff=SHARED_RATIO)
    monkeypatch.setattr(near_duplicates, "SCORE_BATCH", 7)
    batched = near_duplicate_pairs(_words(texts), lambda rows: [norm[i] for i in rows], cutoff=SHARED_RATIO)
    assert len(whole) > 7 and (batched == whole).all()


def test_signatures_are_the_same_every_run_and_a_stock_phrase_costs_linear_pairs(corpus):
    texts = _sentences(corpus)
    assert np.array_equal(signatures(_words(texts)), signatures(_words(texts)))
    stock = ["Sign up for our daily newsletter to get the news in your inbox every morning"] * 2000
    pairs = candidate_pairs(signatures(_words(stock)))
    assert len(pairs) < 2 * len(stock)  # each member paired with the first and a neighbour, not with all
    from dashboard.analysis.coverage import union_find

    assert len(set(union_find(len(stock), [tuple(p) for p in pairs]))) == 1  # still one group
