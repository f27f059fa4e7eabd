"""Property-based checks: arbitrary text never breaks cleaning, segmentation or matching."""

from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard.analysis.stats import poisson_rate_interval, wilson_interval
from dashboard.cleaning import clean
from dashboard.corpus import make_article
from dashboard.lexicons import default_lexicon

TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=600)


@settings(max_examples=200, deadline=None)
@given(TEXT)
def test_offsets_always_index_the_clean_text(raw):
    article = make_article(id="x", outlet="O", text=raw)
    for s in article.sentences:
        assert article.clean_text[s.start:s.end] == s.text
        assert s.text.strip()


@settings(max_examples=200, deadline=None)
@given(TEXT)
def test_cleaning_only_removes(raw):
    result = clean(raw)
    kept = result.text.split()
    assert len(kept) <= len(raw.split())
    for removal in result.removed:
        assert removal.rule and " ".join(removal.text.split()) in " ".join(raw.split())


@settings(max_examples=100, deadline=None)
@given(TEXT)
def test_matching_never_raises_and_spans_are_inside(raw):
    lexicon = default_lexicon()
    for m in list(lexicon.find_actors(raw)) + [m for t in lexicon.topics for m in t.find(raw)]:
        assert raw[m.start:m.end] == m.text


COUNTS = st.integers(min_value=0, max_value=10**6)


@settings(max_examples=500, deadline=None)
@given(COUNTS, COUNTS)
def test_wilson_bounds_hold_the_share_exactly(k, extra):
    n = k + extra
    low, high = wilson_interval([k], [n])
    share = k / n if n else 0.0
    assert 0 <= low[0] <= share <= high[0] <= 1


@settings(max_examples=500, deadline=None)
@given(COUNTS, st.integers(min_value=0, max_value=10**7))
def test_poisson_bounds_hold_the_rate_exactly(k, words):
    low, high = poisson_rate_interval([k], [words])
    rate = k * 1000 / words if words else 0.0
    assert 0 <= low[0] <= rate <= high[0]
