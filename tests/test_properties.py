"""Property-based checks: arbitrary text never breaks cleaning, segmentation or matching."""

from hypothesis import given, settings
from hypothesis import strategies as st

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
