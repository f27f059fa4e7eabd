"""The pooled "Other outlets" row: exact sums, rates over the pooled words, evidence that adds up."""

import pytest

from dashboard.analysis.evidence import Evidence, evidence
from dashboard.analysis.pooling import OTHER, pooled_actors, pooled_topics, with_other
from dashboard.state import Choices, ViewState
from tests.conftest import AL_MAYADEEN, CNN


@pytest.fixture(scope="module")
def rest(analysis):
    return [o for o in analysis.outlets if o not in (AL_MAYADEEN, CNN)]


def test_pooled_topic_counts_are_the_sums_and_rates_use_the_pooled_words(analysis, rest):
    pooled = pooled_topics(analysis, rest).set_index("topic")
    parts = analysis.topics[analysis.topics["outlet"].isin(rest)].groupby("topic")["hits"].sum()
    words = analysis.articles.loc[analysis.articles["outlet"].isin(rest), "words"].sum()
    assert pooled["hits"].to_dict() == parts.to_dict()
    assert pooled.loc["sanctions", "per_1k_words"] == pytest.approx(parts["sanctions"] * 1000 / words)
    assert (pooled["per_1k_low"] <= pooled["per_1k_words"]).all() and (pooled["per_1k_words"] <= pooled["per_1k_high"]).all()


def test_pooled_actor_spellings_merge_across_outlets(analysis, rest):
    biden = pooled_actors(analysis, rest).set_index("actor").loc["biden"]
    per_outlet = analysis.actors[(analysis.actors["outlet"].isin(rest)) & (analysis.actors["actor"] == "biden")]
    assert biden["named_mentions"] == per_outlet["named_mentions"].sum()
    assert sum(biden["variants"].values()) == biden["named_mentions"]


def test_evidence_behind_a_pooled_cell_adds_up_to_its_number(analysis, rest):
    for table, kind, key, count in ((pooled_topics(analysis, rest), "topic", "topic", "hits"),
                                    (pooled_actors(analysis, rest), "actor", "actor", None)):
        for row in table.itertuples():
            number = getattr(row, count) if count else row.named_mentions + row.role_mentions
            rows = evidence(analysis, Evidence(kind, getattr(row, key), OTHER), pooled=rest)
            assert (int(rows["matches"].sum()) if len(rows) else 0) == number
            assert set(rows["outlet"]) <= set(rest)


def test_with_other_adds_one_row_per_key_and_nothing_without_pooled_outlets(analysis, rest):
    view = analysis.for_outlets([AL_MAYADEEN, CNN])
    assert with_other(view, analysis, []) is view
    pooled = with_other(view, analysis, rest)
    assert (pooled.topics["outlet"] == OTHER).sum() == len(analysis.lexicon.topics)
    assert (pooled.actors["outlet"] == OTHER).sum() == len(analysis.lexicon.actors)


def test_the_pooling_option_and_its_evidence_round_trip_through_the_link(analysis):
    choices = Choices(outlets=analysis.outlets, topics=["sanctions"], actors=["biden"])
    state = ViewState(page="topics", other="1", ev=Evidence("topic", "sanctions", OTHER))
    again = ViewState.from_query(dict(_pairs(state.to_query())), choices, "topics")
    assert again == state and not again.notices


def _pairs(pairs):
    out = {}
    for k, v in pairs:
        out.setdefault(k, []).append(v)
    return out.items()
