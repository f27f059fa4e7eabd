"""A date range cuts every table: counts are those of the articles published in it."""

import pytest

from dashboard.analysis import analyse
from dashboard.analysis.dates import for_dates
from dashboard.analysis.evidence import Evidence, evidence
from dashboard.corpus import Corpus, normalise_rows

TEXT = "Officials said new sanctions on Russia were likely, and NATO allies agreed to more talks with Putin. "


@pytest.fixture(scope="module")
def dated(lexicon):
    rows = [{"outlet": o, "published": d, "text": TEXT * n + f"The {o} desk filed on {d} about pipeline gas."}
            for o, n in (("Alpha", 3), ("Beta", 2)) for d in ("2021-01-04", "2021-01-20", "2021-02-09")]
    rows.append({"outlet": "Beta", "published": "", "text": TEXT + "An undated sanctions piece."})
    return analyse(Corpus("dated", rows=normalise_rows(rows, "dated")), lexicon)


def test_a_range_keeps_only_the_articles_published_in_it(dated):
    january = for_dates(dated, "2021-01-01", "2021-01-31")
    assert len(january.articles) == 4 and set(january.articles["published"]) == {"2021-01-04", "2021-01-20"}
    assert for_dates(dated, None, None) is dated
    assert len(for_dates(dated, "2021-01-20", "2021-01-20").articles) == 2  # the last day counts whole


def test_topic_and_actor_counts_are_those_of_the_kept_articles(dated):
    january = for_dates(dated, "2021-01-01", "2021-01-31")
    kept = set(january.articles["id"])
    m = dated.matches[dated.matches["article"].isin(kept)]
    hits = january.topics.set_index(["outlet", "topic"])["hits"]
    for (outlet, topic), n in hits.items():
        assert n == ((m["outlet"] == outlet) & (m["key"] == topic) & (m["kind"] == "topic")).sum()
    words = january.articles.groupby("outlet")["words"].sum()
    sanctions = january.topics.set_index(["outlet", "topic"]).loc[("Alpha", "sanctions")]
    assert sanctions["per_1k_words"] == pytest.approx(sanctions["hits"] * 1000 / words["Alpha"])


def test_term_counts_are_recounted_and_evidence_adds_up(dated):
    february = for_dates(dated, "2021-02-01", None)
    terms = february.all_terms.set_index(["outlet", "term"])
    everything = dated.all_terms.set_index(["outlet", "term"])
    assert terms.loc[("Alpha", "sanctions"), "count"] == 3  # one February article, three uses
    assert everything.loc[("Alpha", "sanctions"), "count"] == 9
    rows = evidence(february, Evidence("term", "sanctions", "Alpha"))
    assert int(rows["matches"].sum()) == 3
    topic_rows = evidence(february, Evidence("topic", "sanctions", "Beta"))
    assert int(topic_rows["matches"].sum()) == int(
        february.topics.set_index(["outlet", "topic"]).loc[("Beta", "sanctions"), "hits"])
