"""Topic emphasis per outlet, read off the seed texts by hand, with its intervals."""

import pandas as pd
import pytest

from dashboard.analysis.stats import poisson_rate_interval, wilson_interval
from tests.conftest import AL_MAYADEEN, CNN, HILL, TRT, VOA


def row(analysis, outlet, topic):
    t = analysis.topics
    return t[(t["outlet"] == outlet) & (t["topic"] == topic)].iloc[0]


@pytest.mark.parametrize(
    "outlet, topic, hits, sentences",
    [
        # Minsk agreements (x2), Minsk implementation, Normandy Four, contact group
        (AL_MAYADEEN, "minsk", 5, 4),
        (VOA, "minsk", 1, 1),
        (TRT, "minsk", 0, 0),
        # impose/possible/joint/beyond sanctions, economic (x2) and severe (x2) consequences
        (CNN, "sanctions", 8, 8),
        # security assistance (x2), ammunition (x2), Javelin, anti-tank, small arms, defensive support,
        # anti-armor, weaponry
        (VOA, "military_aid", 10, 5),
        (TRT, "military_aid", 0, 0),
        (AL_MAYADEEN, "energy", 2, 1),  # "Nord Stream 2 pipeline"
        (HILL, "donbas_crimea", 1, 1),  # "Crimean Peninsula"
    ],
)
def test_hits_and_sentences(analysis, outlet, topic, hits, sentences):
    r = row(analysis, outlet, topic)
    assert (r["hits"], r["hit_sentences"]) == (hits, sentences)


def test_prominence(analysis):
    cnn = row(analysis, CNN, "sanctions")  # headline: "promises withering sanctions"
    assert cnn["in_headline"] and not cnn["in_lede"] and cnn["first_sentence"] == 4
    assert all(row(analysis, o, "troops")["in_headline"] for o in (AL_MAYADEEN, TRT, HILL, CNN, VOA))
    assert pd.isna(row(analysis, TRT, "minsk")["first_sentence"])


def test_rates_and_intervals(analysis, by_outlet):
    r = row(analysis, AL_MAYADEEN, "minsk")
    words, n = by_outlet[AL_MAYADEEN].words, len(by_outlet[AL_MAYADEEN].sentences)
    assert r["per_1k_words"] == pytest.approx(5000 / words)
    assert r["per_1k_low"] < r["per_1k_words"] < r["per_1k_high"]
    assert r["sentence_share"] == pytest.approx(4 / n)
    assert r["share_low"] < r["sentence_share"] < r["share_high"]
    zero = row(analysis, TRT, "minsk")
    assert zero["per_1k_low"] == 0 and zero["per_1k_high"] > 0 and zero["share_high"] > 0


def test_wilson_matches_published_value():
    # Wilson 95% for 4/20 (Newcombe 1998 style check, computed by the closed form)
    low, high = wilson_interval([4], [20])
    assert (round(float(low[0]), 4), round(float(high[0]), 4)) == (0.0807, 0.4160)


def test_poisson_exact_interval_known_values():
    # Garwood exact interval for k=5: (1.6235, 11.6683); for k=0 the upper bound is 3.6889
    low, high = poisson_rate_interval([5, 0], [1000, 1000])
    assert round(float(low[0]), 4) == 1.6235 and round(float(high[0]), 4) == 11.6683
    assert low[1] == 0 and round(float(high[1]), 4) == 3.6889


def test_tfidf_mass_is_zero_only_without_topic_terms(analysis):
    assert row(analysis, AL_MAYADEEN, "minsk")["tfidf_mass"] > 0
    assert row(analysis, CNN, "minsk")["tfidf_mass"] == 0
