"""Stories: planted events are recovered, far-apart look-alikes and round-ups do not merge events,
the five seed reports are one story, and the grouping does not depend on the input order."""

import random
import sys
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from dashboard.analysis.stories import TABLE_COLUMNS, missing_outlets, stories, story_id

OUTLETS = [f"Outlet {c}" for c in "ABCDEF"]
FILLER = [f"filler{k}" for k in range(3000)]  # general prose: rarely shared between two articles
START = date(2023, 3, 1)


def _article(rng: random.Random, key: str, words: list[str], outlet: str, day: int | None, n: int) -> dict:
    """About 40% event words, the rest filler; the headline is event words."""
    body = [rng.choice(words) if rng.random() < 0.4 else rng.choice(FILLER) for _ in range(120)]
    return {"id": f"{key}-{n:02d}", "outlet": outlet, "headline": " ".join(rng.sample(words, 6)),
            "published": "" if day is None else (START + timedelta(days=day)).isoformat(), "text": " ".join(body),
            "event": key}


def planted(seed: int = 3) -> pd.DataFrame:
    """Events reported by several outlets on nearby days, singletons, two look-alike events two
    months apart, a round-up straddling two same-day events, and undated articles."""
    rng = random.Random(seed)
    rows = []

    def event(key: str, words: list[str], day: int | None, outlets: list[str], spread: int = 2) -> None:
        for n, outlet in enumerate(outlets):
            rows.append(_article(rng, key, words, outlet, None if day is None else day + rng.randint(0, spread), n))

    for e in range(6):  # distinct events, some on the same days
        event(f"event{e}", [f"ev{e}term{k}" for k in range(15)], day=10 * (e // 2), outlets=OUTLETS[: 3 + e % 4])
    storm = [f"storm{k}" for k in range(15)]  # the same kind of event twice, 60 days apart: two stories
    event("storm-march", storm, day=5, outlets=OUTLETS[:4], spread=1)
    event("storm-may", storm, day=65, outlets=OUTLETS[1:5], spread=1)
    for s in range(5):  # nobody else reported these
        rows.append(_article(rng, f"single{s}", [f"solo{s}term{k}" for k in range(15)], OUTLETS[s], 3 * s, 0))
    rows.append({**_article(rng, "roundup", [f"ev0term{k}" for k in range(15)] + [f"ev1term{k}" for k in range(15)],
                            "Outlet F", 1, 0), "event": "roundup"})  # a digest of events 0 and 1 (same days)
    event("undated-event", [f"undated{k}" for k in range(15)], day=None, outlets=OUTLETS[:3])
    rows.append(_article(rng, "undated-single", [f"lone{k}" for k in range(15)], "Outlet D", None, 0))
    return pd.DataFrame(rows)


def _partition(frame: pd.DataFrame, story: pd.Series) -> set[frozenset[str]]:
    return {frozenset(ids) for _, ids in frame.groupby(story.to_numpy())["id"]}


@pytest.fixture(scope="module")
def grouped():
    frame = planted()
    return frame, stories(frame, frame["text"].tolist())


def test_planted_events_are_recovered(grouped):
    frame, result = grouped
    by_event = frame.assign(story=result.story)
    for key, part in by_event.groupby("event"):
        if key == "roundup":
            continue
        assert part["story"].nunique() == 1, f"{key} split into {part['story'].nunique()} stories"
        others = by_event[(by_event["event"] != key) & (by_event["event"] != "roundup")]
        assert not set(part["story"]) & set(others["story"]), f"{key} merged with another event"


def test_look_alike_events_two_months_apart_stay_apart(grouped):
    frame, result = grouped
    story = frame.assign(story=result.story).groupby("event")["story"].first()
    assert story["storm-march"] != story["storm-may"]


def test_a_round_up_does_not_chain_two_events(grouped):
    frame, result = grouped
    story = frame.assign(story=result.story).groupby("event")["story"].first()
    assert story["event0"] != story["event1"]


def test_singletons_and_undated(grouped):
    frame, result = grouped
    table = result.table.set_index("story")
    story = frame.assign(story=result.story).groupby("event")["story"].first()
    for key in ["single0", "single1", "single4", "undated-single"]:
        assert table.loc[story[key], "articles"] == 1
    undated = table.loc[story["undated-event"]]
    assert undated["articles"] == 3 and pd.isna(undated["first"]) and pd.isna(undated["last"])


def test_table_columns_counts_and_labels(grouped):
    frame, result = grouped
    table = result.table
    assert list(table.columns) == TABLE_COLUMNS
    assert table["articles"].sum() == len(frame)
    assert (table["label"].str.len() > 0).all()
    assert (table["headline"].str.len() > 0).all()
    assert set(table["representative"]) <= set(frame["id"])
    assert (table["outlets"] == table["outlet_list"].map(len)).all()
    assert table["story"].is_unique
    biggest = table.iloc[0]
    assert biggest["outlets"] == 6 and biggest["label"].count("ev") >= 2  # event 3 (all six outlets): its own terms
    dated = table.dropna(subset=["first"])
    assert (dated["first"] <= dated["last"]).all()
    assert result.story.index.equals(frame.index)


def test_story_id_comes_from_the_earliest_article(grouped):
    frame, result = grouped
    for story, part in frame.assign(story=result.story, date=frame["published"].replace("", "9999")).groupby("story"):
        earliest = part.sort_values(["date", "id"]).iloc[0]["id"]
        assert story == story_id(earliest)


def test_same_grouping_whatever_the_input_order(grouped):
    frame, result = grouped
    shuffled = frame.sample(frac=1, random_state=11)
    again = stories(shuffled, shuffled["text"].tolist())
    assert _partition(shuffled, again.story) == _partition(frame, result.story)
    assert dict(zip(shuffled["id"], again.story)) == dict(zip(frame["id"], result.story))
    pd.testing.assert_frame_equal(again.table, result.table)


def test_missing_outlets_of_widely_covered_stories(grouped):
    frame, result = grouped
    missing = missing_outlets(result)
    story = frame.assign(story=result.story).groupby("event")["story"].first()
    event2 = missing[missing["story"] == story["event2"]]  # Outlets A-E reported it; F did not
    assert event2["outlet"].tolist() == ["Outlet F"]
    assert story["event3"] not in set(missing["story"])  # all six reported it
    assert not set(missing["story"]) & set(story[[k for k in story.index if k.startswith("single")]])
    assert result.missing_outlets(min_share=1.0)["story"].isin(story[["event3"]]).sum() == 0


def test_the_five_seed_reports_are_one_story(corpus):
    articles = pd.DataFrame([{"id": a.id, "outlet": a.outlet, "headline": a.headline, "published": a.published}
                             for a in corpus.articles])
    result = stories(articles, [a.clean_text for a in corpus.articles])
    assert result.story.nunique() == 1
    row = result.table.iloc[0]
    assert (row["outlets"], row["articles"], row["first"], row["last"]) == (5, 5, "2021-12-08", "2021-12-08")
    assert "troops" in row["label"] or "ukraine" in row["label"]
    assert missing_outlets(result).empty


def test_window_splits_reports_too_far_apart():
    rng = random.Random(5)
    words = [f"quake{k}" for k in range(15)]
    frame = pd.DataFrame([_article(rng, "quake", words, o, day, n)
                          for n, (o, day) in enumerate(zip(OUTLETS, [0, 0, 1, 9, 9, 10]))])
    assert stories(frame, frame["text"].tolist()).story.nunique() == 2
    assert stories(frame, frame["text"].tolist(), window_days=10).story.nunique() == 1


def test_same_outlet_pairs_are_no_evidence_by_default():
    rng = random.Random(6)
    words = [f"column{k}" for k in range(15)]
    frame = pd.DataFrame([_article(rng, "column", words, "Outlet A", day, n) for n, day in enumerate([0, 1, 2])])
    assert stories(frame, frame["text"].tolist()).story.nunique() == 3
    assert stories(frame, frame["text"].tolist(), same_outlet=1.0).story.nunique() == 1


def test_edge_cases():
    empty = pd.DataFrame(columns=["id", "outlet", "headline", "published"])
    result = stories(empty, [])
    assert result.story.empty and result.table.empty and list(result.table.columns) == TABLE_COLUMNS
    one = pd.DataFrame([{"id": "a", "outlet": "X", "headline": "", "published": "not a date"}])
    result = stories(one, ["Only one article here."])
    assert result.table.iloc[0]["label"] and result.table.iloc[0]["headline"] == "Only one article here."
    with pytest.raises(ValueError, match="texts"):
        stories(one, [])
    assert np.array_equal(result.story.index, one.index)


def test_a_storys_stored_similarity_and_prominence_are_those_of_its_cut(lexicon):
    """What Coverage shows for a story without recomputing the story's analysis (its stored similarity,
    its prominence counted from the match rows) equals what the story's own analysis gives."""
    from dashboard.analysis import analyse
    from dashboard.analysis.coverage import prominence, within_story_similarity
    from dashboard.analysis.dates import for_articles
    from dashboard.analysis.sourcing import analyse_sourcing
    from dashboard.corpus import Corpus, normalise_rows

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    from make_corpus import generate  # actors and topics in many stories of several outlets

    analysis = analyse(Corpus("generated", rows=normalise_rows(generate(300, 8, seed=3), "generated")), lexicon)
    sourcing = analyse_sourcing(analysis)
    wide = sourcing.stories[sourcing.stories["outlets"] >= 3]
    assert len(wide) >= 5 and set(sourcing.story_similarity["story"]) == set(sourcing.stories.loc[
        sourcing.stories["outlets"] >= 2, "story"])
    for story in wide["story"][:6]:
        cut = for_articles(analysis, (analysis.articles["id"].map(sourcing.story_of) == story).to_numpy())
        shown = sourcing.for_story(story, analysis)
        covered = [o for o in analysis.outlets if o in set(cut.articles["outlet"])]
        expected = within_story_similarity(cut.term_matrix.outlet_counts[[analysis.outlets.index(o) for o in covered]],
                                           covered)
        pd.testing.assert_frame_equal(shown.similarity, expected, check_names=False)
        pd.testing.assert_frame_equal(sourcing.for_story(story, analysis, cut=lambda cut=cut: cut).similarity, expected,
                                      check_names=False)
        assert shown.similarity.shape == (len(covered),) * 2 and np.allclose(np.diag(shown.similarity), 1)
        assert len(shown.prominence)
        pd.testing.assert_frame_equal(shown.prominence, prominence(cut.matches, cut.headlines, lexicon))
