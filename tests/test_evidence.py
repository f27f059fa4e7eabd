"""Every number opens onto exactly the sentences it was computed from."""

import pytest

from dashboard.analysis.compare import compare_terms
from dashboard.analysis.evidence import Evidence, describe, evidence
from dashboard.evidence_pack import build_pack
from tests.conftest import AL_MAYADEEN, CNN, VOA


def test_topic_and_actor_evidence_counts_equal_the_table(analysis):
    for r in analysis.topics.itertuples():
        rows = evidence(analysis, Evidence("topic", r.topic, r.outlet))
        assert (int(rows["matches"].sum()) if len(rows) else 0, len(rows)) == (r.hits, r.hit_sentences)
    for r in analysis.actors.itertuples():
        rows = evidence(analysis, Evidence("actor", r.actor, r.outlet))
        assert (int(rows["matches"].sum()) if len(rows) else 0) == r.named_mentions + r.role_mentions


def test_term_evidence_counts_equal_the_term_table(analysis):
    for r in analysis.terms.sample(200, random_state=0).itertuples():
        rows = evidence(analysis, Evidence("term", r.term, r.outlet))
        assert (int(rows["matches"].sum()), len(rows)) == (r.count, r.sentences)


def test_spans_point_at_the_matched_words(analysis):
    rows = evidence(analysis, Evidence("topic", "minsk", AL_MAYADEEN))
    matched = [t[s:e] for t, spans in zip(rows["text"], rows["spans"]) for s, e in spans]
    assert matched == ["Minsk agreements", "Minsk agreements", "Minsk", "Normandy Four", "contact group"]
    assert list(rows["sentence"]) == [15, 16, 17, 18]


def test_evidence_survives_the_outlet_filter(analysis):
    ev = Evidence("term", "assistance", VOA)
    assert evidence(analysis.for_outlets([VOA]), ev).equals(evidence(analysis, ev))
    assert evidence(analysis.for_outlets([CNN]), ev).empty


def test_describe(analysis):
    assert describe(analysis, Evidence("topic", "minsk", CNN)) == "Topic: Minsk agreements"
    assert describe(analysis, Evidence("term", "nato allies", CNN)) == "Term: “nato allies”"


def test_compare_terms_rates_and_direction(analysis):
    frame = compare_terms(analysis, CNN, VOA)
    said = frame.set_index("term").loc["said"]
    assert (said["count_a"], said["count_b"], said["leans"]) == (18, 5, CNN)
    assert frame["z"].is_monotonic_decreasing and frame.iloc[-1]["leans"] == VOA
    flipped = compare_terms(analysis, VOA, CNN).set_index("term")["z"]
    assert flipped.loc["said"] == pytest.approx(-said["z"])


def test_evidence_pack_is_self_contained_and_escaped(analysis):
    rows = evidence(analysis, Evidence("topic", "minsk", AL_MAYADEEN))
    html = build_pack(title="<script>x</script>", link="http://h/?a=1&b=<2>", parameters={"outlet": "<b>O</b>"},
                      figures=[], sections=[("Topic: Minsk", rows, 5)])
    assert "<script>x</script>" not in html and "&lt;script&gt;x&lt;/script&gt;" in html
    assert "&lt;b&gt;O&lt;/b&gt;" in html and "Topic: Minsk — 5 matches in 4 sentences" in html
    assert "<mark>Normandy Four</mark>" in html
