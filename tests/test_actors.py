"""Actor counts per outlet, read off the seed texts by hand."""

import pandas as pd
import pytest

from tests.conftest import AL_MAYADEEN, CNN, HILL, TRT, VOA


def row(analysis, outlet, actor):
    t = analysis.actors
    return t[(t["outlet"] == outlet) & (t["actor"] == actor)].iloc[0]


@pytest.mark.parametrize(
    "outlet, actor, named, role",
    [
        (AL_MAYADEEN, "biden", 11, 0),  # 9 × "Biden", 2 × "Joe Biden" ("informed [Biden]" counts)
        (AL_MAYADEEN, "putin", 5, 1),  # "the Russian president requested"; "his Russian counterpart Vladimir Putin" is one
        (AL_MAYADEEN, "ushakov", 2, 0),
        (AL_MAYADEEN, "kremlin", 3, 0),
        (TRT, "nato", 10, 0),
        (TRT, "putin", 3, 1),  # "The Russian president has demanded"
        (HILL, "biden", 12, 1),  # hover cards removed; "the American president warned"
        (HILL, "putin", 6, 2),  # "his Russian counterpart of", "the Russian president would"
        (HILL, "jean_pierre", 3, 0),
        (HILL, "sullivan", 2, 0),
        (HILL, "blinken", 0, 0),  # Blinken only appears inside a hover card
        (CNN, "putin", 12, 1),
        (CNN, "biden", 13, 0),
        (VOA, "zelenskiy", 1, 1),  # "Ukrainian President Volodymyr Zelenskiy"; "Ukraine’s president"
        (VOA, "kahl", 1, 0),
        (VOA, "kirby", 1, 0),
        (VOA, "sullivan", 2, 0),
        (VOA, "pentagon", 3, 0),
        (VOA, "biden", 8, 1),  # "The U.S. president also said"
    ],
)
def test_named_and_role_mentions(analysis, outlet, actor, named, role):
    r = row(analysis, outlet, actor)
    assert (r["named_mentions"], r["role_mentions"]) == (named, role)


def test_zero_rows_are_kept_for_every_outlet_and_actor(analysis, lexicon):
    assert len(analysis.actors) == 5 * len(lexicon.actors)
    r = row(analysis, CNN, "ushakov")
    assert r["named_mentions"] == 0 and r["per_1k_words"] == 0 and pd.isna(r["first_sentence"])


def test_spellings_positions_and_rate(analysis, by_outlet):
    r = row(analysis, AL_MAYADEEN, "biden")
    assert r["variants"] == {"Biden": 9, "Joe Biden": 2}
    assert r["in_headline"] and r["in_lede"] and r["first_sentence"] == 0
    assert r["per_1k_words"] == pytest.approx(11 * 1000 / by_outlet[AL_MAYADEEN].words)
    u = row(analysis, AL_MAYADEEN, "ushakov")
    assert (u["first_sentence"], u["in_headline"], u["in_lede"]) == (15, False, False)
    assert row(analysis, VOA, "zelenskiy")["variants"] == {"Volodymyr Zelenskiy": 1}


def test_each_count_equals_its_evidence_rows(analysis):
    m = analysis.matches
    for r in analysis.actors.itertuples():
        rows = m[(m["kind"] == "actor") & (m["key"] == r.actor) & (m["outlet"] == r.outlet)]
        assert len(rows) == r.named_mentions + r.role_mentions
