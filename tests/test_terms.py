"""Distinctive terms: TF-IDF agrees with scikit-learn's vectoriser; log-odds follows Monroe et al."""

import numpy as np
import pytest
from scipy import sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer

from dashboard.analysis import analyse
from dashboard.analysis.terms import log_odds_z, outlet_sums, term_matrix
from dashboard.corpus import Corpus, make_article
from tests.conftest import AL_MAYADEEN, VOA


def test_tfidf_equals_tfidfvectorizer_on_outlet_documents(corpus, lexicon):
    unigram = analyse(corpus, lexicon, ngram_range=(1, 1), min_count=1)
    docs = [" ".join(a.clean_text for a in corpus.articles if a.outlet == o) for o in corpus.outlets]
    ref = TfidfVectorizer(stop_words="english", sublinear_tf=True)
    weights = ref.fit_transform(docs)
    vocab = ref.vocabulary_
    t = unigram.terms
    for outlet_index, outlet in enumerate(corpus.outlets):
        part = t[t["outlet"] == outlet]
        expected = [weights[outlet_index, vocab[term]] for term in part["term"]]
        np.testing.assert_allclose(part["tfidf"].to_numpy(), expected, rtol=1e-9)


def test_log_odds_by_hand_on_two_groups():
    # A: x×3, y×1   B: x×1, y×3   prior alpha_w = 0.1 * corpus count -> alpha_x = alpha_y = 0.4, alpha0 = 0.8
    from scipy import sparse

    counts = sparse.csr_matrix(np.array([[3, 1], [1, 3]]))
    z = log_odds_z(counts, prior_scale=0.1).toarray()
    a, a0 = 0.4, 0.8
    delta = np.log((3 + a) / (4 + a0 - 3 - a)) - np.log((1 + a) / (4 + a0 - 1 - a))
    expected = delta / np.sqrt(1 / (3 + a) + 1 / (1 + a))
    assert z[0, 0] == pytest.approx(expected)
    assert z[1, 0] == pytest.approx(-expected)  # two groups: B vs A mirrors A vs B
    assert z[0, 1] == pytest.approx(-expected)


def test_ngrams_do_not_cross_sentences():
    m = term_matrix(["Minsk talks failed.", "Crimea remained tense."], np.array([0, 0]), 1, ngram_range=(1, 2))
    assert "failed crimea" not in set(m.vocabulary)
    assert "minsk talks" in set(m.vocabulary)


def test_seed_terms_have_counts_sentences_and_thin_flags(analysis):
    t = analysis.terms
    minsk = t[(t["outlet"] == AL_MAYADEEN) & (t["term"] == "minsk")].iloc[0]
    assert (minsk["count"], minsk["sentences"], bool(minsk["thin"])) == (3, 3, False)
    assert minsk["log_odds_z"] > 1.96  # Minsk is Al Mayadeen's framing, and significantly so
    proc = t[(t["outlet"] == AL_MAYADEEN) & (t["term"] == "negotiation process")].iloc[0]
    assert (proc["count"], proc["sentences"], bool(proc["thin"])) == (2, 1, True)  # one sentence, said twice
    top_voa = t[t["outlet"] == VOA].sort_values("log_odds_z", ascending=False)["term"].iloc[0]
    assert top_voa == "assistance"


def test_every_outlet_gets_terms_and_sorting_is_by_z(analysis, corpus):
    assert set(analysis.terms["outlet"]) == set(corpus.outlets)
    for _, part in analysis.terms.groupby("outlet"):
        assert part["log_odds_z"].is_monotonic_decreasing


def test_single_outlet_corpus_still_analyses(lexicon):
    one = Corpus("x", (make_article(id="a", outlet="Solo", text="Biden spoke of sanctions. Putin answered about sanctions."),))
    result = analyse(one, lexicon)
    assert set(result.terms["outlet"]) == {"Solo"}
    assert result.topics.loc[result.topics["topic"] == "sanctions", "hits"].item() == 2


def test_integer_ngram_counts_equal_countvectorizer_sentence_by_sentence(corpus):
    from sklearn.feature_extraction.text import CountVectorizer

    from dashboard.analysis.terms import count_ngrams, tokenise

    sentences = [s.text for a in corpus.articles for s in a.sentences]
    counts, vocabulary = count_ngrams(tokenise(sentences), (1, 3))
    ref = CountVectorizer(ngram_range=(1, 3), stop_words="english")
    expected = ref.fit_transform(sentences)
    assert sorted(vocabulary) == sorted(ref.vocabulary_)
    order = [ref.vocabulary_[term] for term in vocabulary]
    assert (counts != expected[:, order]).nnz == 0


def test_min_count_drops_exactly_the_terms_used_once_in_the_corpus(corpus):
    from dashboard.analysis.terms import count_ngrams, tokenise

    tokens = tokenise([s.text for a in corpus.articles for s in a.sentences])
    all_counts, all_terms = count_ngrams(tokens, (1, 2))
    kept_counts, kept_terms = count_ngrams(tokens, (1, 2), min_count=2)
    totals = dict(zip(all_terms, all_counts.sum(axis=0).A1))
    assert set(kept_terms) == {t for t, n in totals.items() if n >= 2}
    assert dict(zip(kept_terms, kept_counts.sum(axis=0).A1)) == {t: n for t, n in totals.items() if n >= 2}


def test_a_view_of_no_outlets_has_no_terms_and_a_view_of_some_has_exactly_theirs(analysis):
    assert analysis.for_outlets([]).terms.empty
    view = analysis.for_outlets([VOA, AL_MAYADEEN])
    expected = analysis.all_terms[analysis.all_terms["outlet"].isin([VOA, AL_MAYADEEN])]
    assert view.terms.sort_index().equals(expected.sort_index())
    top = view.top_terms(3, by="tfidf")
    assert list(top.groupby("outlet", observed=True).size()) == [3, 3]
    assert top[top["outlet"] == VOA]["tfidf"].tolist() == expected[expected["outlet"] == VOA]["tfidf"].nlargest(3).tolist()


def test_house_style_marks_own_name_honorifics_and_reporting_verbs_only():
    from dashboard.analysis.house_style import HONORIFIC, REPORTING, SELF, style_column

    vocabulary = np.array(["told fox news", "fox news", "mr biden", "said", "told reporters", "capitol hill",
                           "cnn reported", "united states", "putin said", "sanctions"], dtype=object)
    outlets = ["Fox News", "The Hill", "CNN"]
    rows = [(0, 0), (0, 1), (1, 1), (0, 2), (2, 3), (1, 4), (1, 5), (0, 6), (2, 6), (1, 7), (2, 8), (0, 9)]
    outlet_codes, term_codes = (np.array(c) for c in zip(*rows))
    got = list(style_column(outlet_codes, term_codes, vocabulary, outlets))
    assert got == [SELF, SELF, "", HONORIFIC, REPORTING, REPORTING,
                   SELF,  # "capitol hill" names The Hill for The Hill: marked, and shown with "Show house style"
                   "", SELF, "", "", ""]


def test_a_name_word_an_outlet_writes_mostly_in_its_own_name_is_a_self_reference():
    from scipy import sparse

    from dashboard.analysis.house_style import SELF, style_column

    vocabulary = np.array(["fox", "news", "fox news", "told fox", "washington", "washington post", "post",
                           "said", "fox said"], dtype=object)
    outlets = ["Fox News", "The Washington Post"]
    counts = sparse.csr_matrix(np.array([
        [30, 40, 28, 9, 0, 0, 0, 50, 0],  # "fox" in "Fox News" 28 of 30 times; "news" 28 of 40
        [0, 2, 0, 0, 60, 5, 6, 50, 3],  # "washington" is mostly the city (5 of 60); "post" 5 of 6
    ]))
    rows = [(0, 0), (0, 1), (0, 2), (0, 3), (1, 4), (1, 5), (1, 6), (1, 8)]
    outlet_codes, term_codes = (np.array(c) for c in zip(*rows))
    got = list(style_column(outlet_codes, term_codes, vocabulary, outlets, counts))
    assert got == [SELF, SELF, SELF, SELF, "", SELF, SELF,
                   ""]  # "fox said" in The Washington Post quotes Fox: a source, not a self-reference
    without_counts = list(style_column(outlet_codes, term_codes, vocabulary, outlets))
    assert without_counts[0] == "" and without_counts[2] == SELF  # only the whole name, as before


def test_top_terms_can_pass_over_house_style(analysis):
    shown = analysis.top_terms(50, hide_style=True)
    everything = analysis.top_terms(50)
    assert (shown["style"] == "").all()
    assert (everything["style"] != "").any()  # the seeds use "said", "told reporters", "says"


def test_what_depends_on_the_vocabulary_alone_is_computed_once_per_array():
    from dashboard.analysis.memo import per_array

    calls = []

    @per_array(entries=2)
    def total(array, offset):
        calls.append(offset)
        return int(array.sum()) + offset

    a = np.arange(4)
    assert total(a, 1) == total(a, 1) == 7 and calls == [1]
    assert total(a.copy(), 1) == 7 and calls == [1, 1]  # an equal array is another array: computed again
    total(a, 2), total(np.ones(2), 0)
    assert total(a, 1) == 7 and calls == [1, 1, 2, 0, 1]  # the oldest entry was dropped


def test_terms_matching_whole_tokens_and_term_ends():
    """Vocabulary questions run by RE2: a word is a whole token of a term, ``^``/``$`` are its ends."""
    import numpy as np

    from dashboard.analysis.vocabulary import any_word, terms_matching

    vocabulary = np.array(["mr biden", "mrs", "summer", "said told", "told him", "biden said", "mrs mr"], dtype=object)
    assert terms_matching(vocabulary, any_word({"mr", "mrs"})).tolist() == [0, 1, 6]
    assert terms_matching(vocabulary, "^(?:said|told)(?: (?:said|told))*$").tolist() == [3]
    assert terms_matching(vocabulary, "^(?:bid|sum)").tolist() == [2, 5]


def test_keeping_some_sentence_rows_equals_zeroing_the_others():
    """A cut sums its kept rows alone; the result must be the whole matrix with the other rows zeroed."""
    rng = np.random.default_rng(7)
    counts = sp.random(200, 50, density=0.1, format="csr", random_state=rng, data_rvs=lambda n: rng.integers(1, 5, n)).astype(np.int32)
    codes, keep = rng.integers(0, 4, 200), rng.random(200) < 0.2
    vocabulary = np.array([f"t{i}" for i in range(50)], dtype=object)
    cut = outlet_sums(counts, vocabulary, codes, 4, keep=keep)
    zeroed = sp.csr_matrix(counts.multiply(keep[:, None]))
    zeroed.eliminate_zeros()
    whole = outlet_sums(zeroed, vocabulary, codes, 4)
    for part in ("sentence_counts", "outlet_counts", "outlet_sentences", "tfidf"):
        a, b = getattr(cut, part), getattr(whole, part)
        assert a.shape == b.shape and abs(a - b).max() < 1e-12, part
    assert cut.sentence_counts[~keep].nnz == 0 and cut.sentence_counts[keep].nnz == counts[keep].nnz


def test_a_cuts_tfidf_fitted_on_its_used_terms_equals_the_fit_on_the_whole_vocabulary():
    """A story uses a few of the vocabulary's terms; TF-IDF is fitted on those columns alone and must
    give scikit-learn's weights of the full-width matrix."""
    from sklearn.feature_extraction.text import TfidfTransformer

    rng = np.random.default_rng(11)
    counts = sp.random(300, 5000, density=0.002, format="csr", random_state=rng, data_rvs=lambda n: rng.integers(1, 6, n))
    keep = rng.random(300) < 0.1
    cut = outlet_sums(counts, np.array([f"t{i}" for i in range(5000)], dtype=object), rng.integers(0, 6, 300), 6, keep=keep)
    assert 0 < len(np.unique(cut.outlet_counts.indices)) < 5000 / 4
    whole = TfidfTransformer(sublinear_tf=True).fit_transform(cut.outlet_counts).tocsr()
    assert cut.tfidf.shape == whole.shape and (cut.tfidf != whole).nnz == 0
