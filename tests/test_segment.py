"""Sentence splitting of news English."""

import pytest

from dashboard.segment import count_words, segment, split_sentences


def sentences(text):
    return [text[s:e] for s, e in split_sentences(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Mr. Biden met Gen. Milley. He spoke.", ["Mr. Biden met Gen. Milley.", "He spoke."]),
        ("The U.S. would act. It said so.", ["The U.S. would act.", "It said so."]),
        ('"It is off," Biden said. "We agree."', ['"It is off," Biden said.', '"We agree."']),
        ("That does not extend to... Ukraine.", ["That does not extend to... Ukraine."]),
        ("“Severe consequences.” He knew.", ["“Severe consequences.”", "He knew."]),
        ("Updated 1:28 p.m. Then more.", ["Updated 1:28 p.m. Then more."]),
    ],
)
def test_split(text, expected):
    assert sentences(text) == expected


def test_offsets_index_into_the_joined_text():
    text, sents = segment(["One here. Two here.", "Three."])
    assert text == "One here. Two here.\n\nThree."
    assert [text[s.start:s.end] for s in sents] == ["One here.", "Two here.", "Three."]
    assert [s.paragraph for s in sents] == [0, 0, 1]


def test_seed_sentence_offsets(corpus):
    for article in corpus.articles:
        for s in article.sentences:
            assert article.clean_text[s.start:s.end] == s.text


def test_count_words():
    assert count_words("Biden’s U.S. anti-tank aid: $60 million.") == 6  # Biden’s, U.S, anti-tank, aid, 60, million
