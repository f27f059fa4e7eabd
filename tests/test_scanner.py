"""The one-pass scanner finds exactly what each lexicon pattern's own ``finditer`` finds."""

from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard.lexicons import parse_lexicon
from dashboard.scanner import Scanner

PIECES = ["Biden", "Joe Biden", "President Biden", "Putin", "Vladimir Putin", "the", "his", "Russian", "president",
          "Russian president", "U.S.", "counterpart", "Ukraine's", "Ukraine’s", "NATO", "nato", "sanctions",
          "Sanction", "talks", "talking", "Minsk", "agreements", "on the ground", "boots", "de-escalation",
          "build-up", "Jean-Pierre", "White House", "House", "gas", "Vegas", "troops", "massed", "ı", "ſ", "İ", "K",
          "µ", "ς", "é", ",", ".", "-", "'", "“", "”", " ", "  ", "\n\n", "\t", "x", "_"]
text = st.lists(st.sampled_from(PIECES), max_size=40).map(" ".join) | st.text(max_size=60) | \
    st.lists(st.sampled_from(PIECES), max_size=40).map("".join)


def plain(lexicon, body: str) -> list[tuple]:
    """The reference: every pattern run over every position."""
    actors = [("actor", m.key, m.start, m.end, m.text, m.role) for m in lexicon.find_actors(body)]
    return actors + [("topic", m.key, m.start, m.end, m.text, False) for t in lexicon.topics for m in t.find(body)]


@settings(max_examples=400, deadline=None)
@given(body=text)
def test_scanner_equals_plain_matching_on_any_text(lexicon, body):
    assert Scanner(lexicon).scan(body) == plain(lexicon, body)


def test_scanner_equals_plain_matching_on_the_seeds(lexicon, corpus):
    scanner = Scanner(lexicon)
    for article in corpus.articles:
        assert scanner.scan(article.clean_text) == plain(lexicon, article.clean_text)
        assert scanner.scan(article.raw_text) == plain(lexicon, article.raw_text)


def test_a_term_without_a_first_word_falls_back_to_scanning_everything():
    lexicon = parse_lexicon("actors: [{id: a, aliases: [Anna]}]", "topics: [{id: t, terms: ['*', war]}]")
    body = "Anna said war, warfare and more."
    assert Scanner(lexicon).plain
    assert Scanner(lexicon).scan(body) == plain(lexicon, body)
