"""Matching rules of the lexicons: longest alias, roles, appositives, wildcards, bad files."""

import pytest

from dashboard.lexicons import LexiconError, parse_lexicon, term_warnings


def found(lexicon, text):
    return [(m.key, m.text, m.role) for m in lexicon.find_actors(text)]


def test_longest_alias_wins_without_double_counting(lexicon):
    assert found(lexicon, "Russian President Vladimir Putin spoke.") == [("putin", "Vladimir Putin", False)]
    assert found(lexicon, "The White House said.") == [("white_house", "White House", False)]


@pytest.mark.parametrize("spelling", ["Zelenskiy", "Zelensky", "Zelenskyy", "Volodymyr Zelensky"])
def test_spelling_variants_merge(lexicon, spelling):
    assert found(lexicon, f"{spelling} said so.") == [("zelenskiy", spelling, False)]


def test_roles_count_apart_but_not_as_appositives(lexicon):
    assert found(lexicon, "the Russian president requested") == [("putin", "the Russian president", True)]
    assert found(lexicon, "his Russian counterpart Vladimir Putin of") == [("putin", "Vladimir Putin", False)]
    assert found(lexicon, "US President Joe Biden") == [("united_states", "US", False), ("biden", "Joe Biden", False)]


def test_case_sensitive_names_do_not_match_words(lexicon):
    assert found(lexicon, "they told us about it") == []


def test_topic_wildcards_and_case(lexicon):
    sanctions = lexicon.topic("sanctions")
    assert [m.text for m in sanctions.find("Sanctioned banks face SANCTIONS.")] == ["Sanctioned", "SANCTIONS"]
    assert list(lexicon.topic("minsk").find("Minskyite")) == []


def test_bad_lexicon_files_raise_clear_errors():
    with pytest.raises(LexiconError, match="top-level 'actors:'"):
        parse_lexicon("- a", "topics: []")
    with pytest.raises(LexiconError, match="needs an id"):
        parse_lexicon("actors: [{label: x}]", "topics: []")
    with pytest.raises(LexiconError, match="not valid YAML"):
        parse_lexicon("actors: [", "topics: []")


def test_regex_looking_and_unmatched_terms_warn_and_still_work():
    lexicon = parse_lexicon("actors: [{id: a, aliases: ['U.S.(A)']}]",
                            "topics: [{id: t, terms: ['sanction*', '(gas|oil)+', 'Nord Stream']}]")
    notes = term_warnings(lexicon, ["New sanctions on (gas|oil)+ exports.", "Nothing else."])
    assert notes == [
        "Topic t: “(gas|oil)+” looks like a regular expression; it is matched as literal text.",
        "Topic t: “Nord Stream” matches nothing in this corpus.",
        "Actor a: “U.S.(A)” looks like a regular expression; it is matched as literal text.",
    ]
    assert [m.text for m in lexicon.topic("t").find("(gas|oil)+ and gas")] == ["(gas|oil)+"]  # literal, no crash


def test_a_term_found_only_inside_a_longer_term_is_not_reported(lexicon):
    minsk = parse_lexicon("actors: []", "topics: [{id: m, terms: [Minsk, Minsk agreements, Normandy format]}]")
    assert term_warnings(minsk, ["Kyiv fails the Minsk agreements."]) == [
        "Topic m: “Normandy format” matches nothing in this corpus."]
