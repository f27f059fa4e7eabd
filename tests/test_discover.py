"""Discovered actors: names found by rule, merged into actors with aliases, ranked by outlets and articles."""

import pandas as pd
import pytest

from dashboard.analysis import analyse
from dashboard.analysis.discover import lexicon_entries, suggest_actors, word_casing
from dashboard.corpus import Corpus
from dashboard.lexicons import default_lexicon, parse_lexicon

ARTICLES = {
    ("a1", "Daily One"): "President Barack Obama met Sen. Harry Reid on Tuesday. After the meeting, Mr. Obama said "
                         "the talks went well. Obama later flew to Chicago. The North Atlantic Treaty Organization "
                         "(NATO) met too.",
    ("a2", "Daily Two"): "Obama spoke to reporters. Republicans criticised the plan, and Reid defended it. "
                         "Meanwhile NATO officials waited. Volodymyr Zelenskiy called.",
    ("a3", "Daily Three"): "President Obama and Harry Reid agreed. After a pause, Republican leaders objected. "
                           "Volodymyr Zelensky thanked them.",
    ("b1", "Daily One"): "George W. Bush spoke in Texas. Bush said he was proud.",
    ("b2", "Daily Two"): "Jeb Bush campaigned in Iowa. Bush said he would win.",
}


@pytest.fixture(scope="module")
def small():
    rows = [{"id": i, "outlet": o, "headline": "", "published": "", "url": "", "text": t} for (i, o), t in ARTICLES.items()]
    return analyse(Corpus("test", rows=rows), default_lexicon())


def actor(suggestions: pd.DataFrame, alias: str) -> pd.Series:
    rows = suggestions[[alias in a for a in suggestions["aliases"]]]
    assert len(rows) == 1, (alias, list(suggestions["label"]))
    return rows.iloc[0]


def test_titles_and_surnames_merge_into_one_actor(small):
    s = suggest_actors(small.sentences, top=None)
    obama = actor(s, "Obama")
    assert obama["label"] == "Barack Obama"
    assert {"Barack Obama", "Obama", "Mr. Obama", "President Obama"} <= set(obama["aliases"])
    assert (obama["outlets"], obama["articles"]) == (3, 3)
    assert obama["kind"] == "person"
    reid = actor(s, "Reid")
    assert reid["label"] == "Harry Reid" and "Sen. Reid" not in s["label"].tolist()


def test_ranked_by_outlets_then_articles(small):
    s = suggest_actors(small.sentences, top=None)
    assert s["label"].iloc[0] == "Barack Obama"
    assert list(s["outlets"]) == sorted(s["outlets"], reverse=True)


def test_sentence_openers_and_titles_alone_are_not_actors(small):
    labels = set(suggest_actors(small.sentences, top=None)["label"])
    assert not labels & {"After", "Meanwhile", "President", "Mr", "Tuesday", "The North Atlantic Treaty Organization"}


def test_plural_acronym_and_spelling_variants_merge(small):
    s = suggest_actors(small.sentences, top=None)
    assert {"Republican", "Republicans"} <= set(actor(s, "Republicans")["aliases"])
    assert "North Atlantic Treaty Organization" in actor(s, "NATO")["aliases"]
    zelenskiy = actor(s, "Volodymyr Zelenskiy")
    assert "Volodymyr Zelensky" in zelenskiy["aliases"] and zelenskiy["outlets"] == 2


def test_a_surname_is_the_full_name_of_its_own_article(small):
    s = suggest_actors(small.sentences, top=None)
    george, jeb = actor(s, "George W. Bush"), actor(s, "Jeb Bush")
    assert george["mentions"] == 2 and jeb["mentions"] == 2  # each article's "Bush" went to its own Bush
    assert "Bush" in george["aliases"] + jeb["aliases"]  # a bare alias names one actor only
    assert not ("Bush" in george["aliases"] and "Bush" in jeb["aliases"])


def test_any_subset_of_articles(small):
    s = suggest_actors(small.sentences, articles=["b1", "b2"], top=None)
    assert "Barack Obama" not in set(s["label"])
    assert {"George W. Bush", "Jeb Bush"} <= set(s["label"])
    assert set(suggest_actors(small.sentences, articles=["a3"], top=None, casing=word_casing(small.sentences["text"]))["label"]) \
        >= {"Obama", "Harry Reid"}


def test_examples_come_from_different_outlets(small):
    obama = actor(suggest_actors(small.sentences, top=None), "Obama")
    assert len({e["outlet"] for e in obama["examples"]}) == 3
    assert all("Obama" in e["text"] for e in obama["examples"])


def test_seed_suggestions_are_marked_against_the_lexicon(analysis):
    s = suggest_actors(analysis.sentences, lexicon=analysis.lexicon, top=15)
    assert actor(s, "Biden")["in_lexicon"] == "biden"
    assert actor(s, "Vladimir Putin")["in_lexicon"] == "putin"
    assert actor(s, "Biden")["outlets"] == 5


def test_lexicon_entries_never_give_an_alias_two_owners(small):
    lexicon = parse_lexicon("actors:\n  - {id: obama, label: Obama, aliases: [Obama, President Obama]}\n", "topics: []\n")
    s = suggest_actors(small.sentences, lexicon=lexicon, top=None)
    assert actor(s, "Obama")["in_lexicon"] == "obama"
    entries = {e["label"]: e for e in lexicon_entries(s, lexicon)}
    assert entries["Barack Obama"]["aliases"] == [a for a in actor(s, "Obama")["aliases"]
                                                  if a not in ("Obama", "President Obama")]
    owners = [a for e in entries.values() for a in e["aliases"]]
    assert len(owners) == len(set(owners))
    parse_lexicon(__import__("yaml").safe_dump({"actors": list(entries.values())}), "topics: []\n")  # loadable


def test_no_names_gives_an_empty_table():
    sentences = pd.DataFrame({"outlet": ["x"], "article": ["a"], "sentence": [0], "text": ["nothing here at all."]})
    assert suggest_actors(sentences).empty


def test_chosen_suggestions_become_a_loadable_actors_file(small, lexicon):
    from dashboard.lexicons import LEXICON_DIR
    from dashboard.ui.framing import add_actors_yaml

    s = suggest_actors(small.sentences, lexicon=lexicon, top=None)
    entries = lexicon_entries(s[s["label"].isin(["Barack Obama", "Harry Reid"])], lexicon)
    actors_yaml, topics_yaml = ((LEXICON_DIR / f).read_text() for f in ("actors.yaml", "topics.yaml"))
    saved = parse_lexicon(add_actors_yaml(actors_yaml, entries), topics_yaml)
    assert [a.id for a in saved.actors] == [a.id for a in lexicon.actors] + ["barack_obama", "harry_reid"]
    assert saved.alias_owner["Mr. Obama"] == "barack_obama" and saved.alias_owner["Biden"] == "biden"
