"""URL state: parse/build round trips and hostile values, as one table of cases."""

from urllib.parse import parse_qs, urlsplit

import pytest

from dashboard.analysis.evidence import Evidence
from dashboard.state import Choices, ViewState

CHOICES = Choices(outlets=["CNN", "VOA", "The Hill"], topics=["minsk", "sanctions"], actors=["biden", "putin"],
                  articles=["a1", "a2"], stories=["s0a1b2c3d4e", "s9f8e7d6c5b"])


def parse(url: str) -> ViewState:
    parts = urlsplit(url)
    page = parts.path.strip("/") or "overview"
    return ViewState.from_query(parse_qs(parts.query, keep_blank_values=True), CHOICES, page)


@pytest.mark.parametrize(
    "state",
    [
        ViewState(),
        ViewState(page="terms", method="tfidf", top=25),
        ViewState(page="actors", outlets=("CNN", "VOA"), norm="raw"),
        ViewState(page="topics", measure="share"),
        ViewState(page="read", article="a2", topic="minsk", actor="putin"),
        ViewState(page="compare", a="CNN", b="The Hill", term="minced words"),
        ViewState(page="topics", ev=Evidence("topic", "sanctions", "VOA"), date_from="2021-12-01", date_to="2021-12-31"),
        ViewState(page="terms", ev=Evidence("term", "not on the table", "CNN"), corpus="seeds", lexicon="3"),
        ViewState(page="coverage", story="s9f8e7d6c5b", outlets=("VOA",)),
        ViewState(page="stories", story="s0a1b2c3d4e", single="1"),
    ],
)
def test_round_trip(state):
    again = parse(state.url("http://host"))
    assert again == state and again.notices == ()


def test_defaults_are_left_out_of_the_url():
    assert ViewState().url() == "/"
    assert ViewState(page="terms", method="logodds", top=10, norm="per1k").url() == "/terms"
    assert ViewState(outlets=("CNN", "VOA")).url() == "/?outlet=CNN&outlet=VOA"


@pytest.mark.parametrize(
    "query, field, expected, notice",
    [
        ("outlet=Nope&outlet=CNN", "outlets", ("CNN",), "Unknown outlet “Nope”"),
        ("top=-3", "top", 10, "“top” must be a whole number"),
        ("top=abc", "top", 10, "“top” must be a whole number"),
        ("top=999", "top", 10, "“top” must be a whole number"),
        ("topic=<script>alert(1)</script>", "topic", None, "Unknown topic “<script>alert(1)</script>”"),
        ("method=bm25", "method", "logodds", "Unknown term method “bm25”"),
        ("norm=log", "norm", "per1k", "Unknown normalisation “log”"),
        ("measure=javascript:alert(3)", "measure", "per1k", "Unknown topic measure “javascript:alert(3)”"),
        ("a=Fox", "a", None, "Unknown outlet “Fox”"),
        ("from=yesterday", "date_from", None, "“from” must be a date"),
        ("to=2021-13-45", "date_to", None, "“to” must be a date"),
        ("ev=topic|nope|CNN", "ev", None, "evidence selection"),
        ("ev=garbage", "ev", None, "evidence selection"),
        ("article=zzz", "article", None, "Unknown article “zzz”"),
        ("story=s000", "story", None, "Unknown story “s000”"),
    ],
)
def test_invalid_values_fall_back_with_a_notice(query, field, expected, notice):
    state = parse("/?" + query)
    assert getattr(state, field) == expected
    assert any(notice in n for n in state.notices), state.notices


def test_a_very_long_value_is_truncated_in_the_notice():
    state = parse("/?topic=" + "x" * 5000)
    assert len(state.notices[0]) < 200


def test_unknown_page_falls_back_to_overview():
    assert ViewState.from_query({}, CHOICES, "admin").page == "overview"


def test_repeated_article_labels_are_numbered_so_a_selectbox_keeps_the_chosen_one():
    from dashboard.ui.widgets import distinct_labels

    labels = distinct_labels({"a": "Daily — Storm hits", "b": "Daily — Storm hits", "c": "Other — Storm hits",
                              "d": "Daily — Storm hits"})
    assert labels == {"a": "Daily — Storm hits", "b": "Daily — Storm hits (2)", "c": "Other — Storm hits",
                      "d": "Daily — Storm hits (3)"}
    assert len(set(labels.values())) == len(labels)
