"""Frame cues: the shipped codebook frames, sentence shares with Wilson intervals, evidence, groups."""

import json

import pandas as pd
import pytest

from dashboard.__main__ import main
from dashboard.analysis.frames import Frame, default_frames, frame_cues, frame_evidence, frame_table, parse_frames
from dashboard.analysis.groups import group_actors, group_terms, group_topics
from dashboard.groups import SEED_GROUPS, dump_groups, parse_groups
from dashboard.lexicons import LexiconError

SEED_GROUP_MAP = parse_groups(SEED_GROUPS.read_text())


def sentences(texts: list[tuple[str, str]]) -> pd.DataFrame:
    return pd.DataFrame({"outlet": [o for o, _ in texts], "article": [f"{o}-1" for o, _ in texts],
                         "sentence": range(len(texts)), "paragraph": 0, "text": [t for _, t in texts]})


def test_the_fifteen_codebook_frames_ship():
    frames = default_frames()
    assert len(frames) == 15 and len({f.id for f in frames}) == 15
    assert [f.id for f in frames if f.residual] == ["other"]
    assert all(f.terms and f.definition for f in frames if not f.residual)


def test_share_counts_sentences_not_cues_and_other_is_the_rest():
    s = sentences([("A", "The tax bill will cost billions in taxes."), ("A", "The weather was grey."),
                   ("B", "Soldiers guarded the border against the threat.")])
    frames = default_frames()
    cues = frame_cues(s, frames)
    table = frame_table(s, cues, frames).set_index(["outlet", "frame"])
    economic = table.loc[("A", "economic")]
    assert (economic["cue_sentences"], economic["sentences"], economic["cues"]) == (1, 2, 4)  # tax, cost, billions, taxes
    assert economic["share"] == 0.5 and economic["share_low"] < 0.5 < economic["share_high"]
    assert table.loc[("A", "other"), "cue_sentences"] == 1
    assert table.loc[("B", "security_defense"), "cue_sentences"] == 1
    assert table.loc[("B", "economic"), "share"] == 0 and table.loc[("B", "economic"), "share_high"] > 0


def test_a_cue_never_spans_two_sentences():
    frames = (Frame("x", "X", "", ("red car",)),)
    assert frame_cues(sentences([("A", "It was red"), ("A", "car parks are full")]), frames).empty
    assert len(frame_cues(sentences([("A", "A red  car.")]), frames)) == 1


def test_evidence_holds_the_counted_sentences_with_cues_highlighted(analysis):
    frames = default_frames()
    cues = frame_cues(analysis.sentences, frames)
    table = frame_table(analysis.sentences, cues, frames).set_index(["outlet", "frame"])
    security = next(f for f in frames if f.id == "security_defense")
    rows = frame_evidence(analysis.sentences, analysis.articles, cues, security, ["CNN"])
    assert len(rows) == table.loc[("CNN", "security_defense"), "cue_sentences"] > 0
    for text, spans in zip(rows["text"], rows["spans"]):
        assert spans and all(security_term_like(text[a:b]) for a, b in spans)
    other = next(f for f in frames if f.residual)
    assert len(frame_evidence(analysis.sentences, analysis.articles, cues, other, ["CNN"])) \
        == table.loc[("CNN", "other"), "cue_sentences"]


def test_a_cut_counts_its_own_sentences_only(analysis):
    """A story or date cut keeps the corpus's sentence table; its frame shares and tone must not."""
    from dashboard.analysis.dates import for_articles
    from dashboard.analysis.framing import framing_tables, view_sentences

    keep = (analysis.articles["outlet"] != "CNN").to_numpy()
    cut = for_articles(analysis, keep)
    assert len(cut.sentences) == len(analysis.sentences)  # the whole table, as the cut keeps it
    mine = view_sentences(cut)
    assert set(mine["article"]) == set(analysis.articles["id"][keep]) and len(mine) < len(analysis.sentences)
    assert len(view_sentences(cut.for_outlets(cut.outlets[:1]))) == len(mine)
    tables = framing_tables(cut, groups=SEED_GROUP_MAP)
    assert "CNN" not in set(tables["frames"]["outlet"]) and "CNN" not in set(tables["tone"]["outlet"])
    per_group = mine["outlet"].astype(str).map(SEED_GROUP_MAP).value_counts().to_dict()
    for name in ("frames", "topics"):  # a group's denominator is its outlets' sentences in the cut
        totals = tables["groups"][name].drop_duplicates("group").set_index("group")["sentences"].to_dict()
        assert totals == {g: per_group.get(g, 0) for g in totals}
    assert SEED_GROUP_MAP["CNN"] in per_group  # CNN's group is in the cut, without CNN


def security_term_like(found: str) -> bool:
    security = next(f for f in default_frames() if f.id == "security_defense")
    return bool(__import__("dashboard.lexicons", fromlist=["Topic"]).Topic("s", "s", security.terms).pattern.fullmatch(found))


def test_bad_frames_files_say_what_to_fix():
    with pytest.raises(LexiconError, match="frames:"):
        parse_frames("topics: []")
    with pytest.raises(LexiconError, match="entry 1 needs an id"):
        parse_frames("frames:\n  - {label: X}\n")


def test_groups_file_round_trip_and_conflicts():
    assert SEED_GROUP_MAP == {"The Hill": "US outlets", "CNN": "US outlets", "VOA": "US outlets",
                              "Al Mayadeen English": "Non-US outlets", "TRT World": "Non-US outlets"}
    assert parse_groups(dump_groups(SEED_GROUP_MAP)) == SEED_GROUP_MAP
    with pytest.raises(LexiconError, match="both"):
        parse_groups("groups:\n  A: [CNN]\n  B: [CNN]\n")


def test_group_counts_are_sums_of_their_outlets(analysis):
    terms = group_terms(analysis.term_matrix, analysis.outlets, SEED_GROUP_MAP, "US outlets", "Non-US outlets")
    per_outlet = analysis.all_terms.astype({"outlet": str, "term": str})
    for term in ("troops", "minsk", "sanctions"):
        row = terms.set_index("term").loc[term]
        counts = per_outlet[per_outlet["term"] == term].set_index("outlet")["count"]
        assert row["count_a"] == sum(counts.get(o, 0) for o in ("The Hill", "CNN", "VOA"))
        assert row["count_b"] == sum(counts.get(o, 0) for o in ("Al Mayadeen English", "TRT World"))
    assert list(terms["z"]) == sorted(terms["z"], reverse=True)
    assert (terms.loc[terms["z"] > 0, "leans"] == "US outlets").all()
    assert "cnn" not in set(terms.loc[terms["style"] == "", "term"]) or terms.set_index("term").at["cnn", "leans"] != "US outlets"
    topics = group_topics(analysis.sentences, analysis.matches, analysis.lexicon, SEED_GROUP_MAP).set_index(["group", "topic"])
    outlet_topics = analysis.topics.set_index("outlet")
    us = outlet_topics.loc[["The Hill", "CNN", "VOA"]]
    assert topics.loc[("US outlets", "sanctions"), "hit_sentences"] == us[us["topic"] == "sanctions"]["hit_sentences"].sum()
    actors = group_actors(analysis.articles, analysis.matches, analysis.lexicon, SEED_GROUP_MAP).set_index(["group", "actor"])
    biden = analysis.actors[(analysis.actors["actor"] == "biden") & analysis.actors["outlet"].isin(["Al Mayadeen English", "TRT World"])]
    assert actors.loc[("Non-US outlets", "biden"), "mentions"] == (biden["named_mentions"] + biden["role_mentions"]).sum()
    assert (actors["per_1k_low"] <= actors["per_1k_words"]).all() and (actors["per_1k_words"] <= actors["per_1k_high"]).all()


def test_report_json_has_the_framing_sections(capsys):
    assert main(["report", "seeds", "--format", "json", "--top", "3"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert {"actor_suggestions", "groups", "frames", "tone"} <= set(report)
    assert any(s["label"] == "Joe Biden" and s["in_lexicon"] == "biden" for s in report["actor_suggestions"])
    assert len(report["frames"]) == 5 * 15
    assert report["groups"]["outlets"]["CNN"] == "US outlets"
    assert {t["a"] for t in report["groups"]["terms"]} == {"Non-US outlets"}
    assert all(-1 <= t["mean"] <= 1 for t in report["tone"])


def test_a_cut_counts_as_the_same_sentences_on_their_own(analysis):
    """A story or date cut keeps the corpus's sentence rows (an ordered, gapped index) and categorical
    outlets; its table must equal that of the same sentences numbered afresh with plain strings."""
    frames = default_frames()
    whole = analysis.sentences
    cut = whole.iloc[::3].assign(outlet=lambda s: s["outlet"].astype("category"))
    cues = frame_cues(cut, frames)
    plain = cut.reset_index(drop=True).assign(outlet=lambda s: s["outlet"].astype(str))
    renumbered = cues.assign(row=cut.index.get_indexer(cues["row"]))
    for groups in (None, SEED_GROUP_MAP):
        assert frame_table(cut, cues, frames, groups=groups).equals(frame_table(plain, renumbered, frames, groups=groups))
    assert frame_table(cut, cues, frames)["cue_sentences"].sum() > 0
