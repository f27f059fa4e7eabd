"""The Frames page, the tone view on Actors and the actor suggestions on Lexicon, through AppTest."""

import json

from streamlit.testing.v1 import AppTest

from tests.app.test_pages import open_page

OUTLETS = {"Al Mayadeen English", "TRT World", "The Hill", "CNN", "VOA"}


def specs(at: AppTest) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


def test_frames_page_says_what_it_is_and_charts_every_outlet():
    at = open_page("frames")
    assert at.title[0].value == "Frames"
    assert any("not a trained classifier" in i.value for i in at.info)
    spec = specs(at)[0]
    assert {row[0] for trace in spec["data"] for row in trace["customdata"]} == OUTLETS
    assert {len(trace["y"]) for trace in spec["data"]} == {15}
    assert spec["layout"]["title"]["text"].startswith("Frame cues")
    assert spec["layout"]["xaxis"]["title"]["text"] and spec["layout"]["yaxis"]["title"]["text"]


def test_a_frame_dot_opens_its_sentences():
    at = open_page("frames", ev="frame|security_defense|CNN")
    assert any(m.value.startswith("**12 sentences**") for m in at.markdown)
    assert any("Frame: Security and defense" in m.value.replace("\\", "") for m in at.markdown)


def test_groups_from_the_link():
    at = open_page("frames", groups="1")
    assert at.checkbox(key="compare_groups").value
    spec = specs(at)[0]
    assert {trace["name"] for trace in spec["data"]} == {"US outlets", "Non-US outlets"}
    assert any("Most US outlets" in m.value for m in at.markdown)
    assert at.selectbox(key="group_a").value == "Non-US outlets"


def test_tone_view_on_actors():
    at = open_page("actors", ev="actor|putin|CNN")
    tone = next(s for s in specs(at) if s["layout"]["title"]["text"].startswith("Tone"))
    assert tone["layout"]["xaxis"]["range"] == [-1, 1]
    assert any("general-purpose sentiment lexicon" in c.value.replace("\\", "") for c in at.caption)
    assert any(m.value == "**Most negative**" for m in at.markdown)
    assert any("Tone · Vladimir Putin · CNN" in m.value.replace("\\", "") for m in at.markdown)


def test_lexicon_page_lists_suggested_actors():
    at = open_page("lexicon")
    table = next(d.value for d in at.dataframe if "in_lexicon" in d.value.columns)
    biden = table[table["label"] == "Joe Biden"].iloc[0]
    assert biden["in_lexicon"] == "biden" and biden["outlets"] == 5
    assert at.button(key="add_suggestions").disabled  # nothing ticked yet


def _notice_script():
    from dashboard.analysis import analyse
    from dashboard.corpus import Corpus
    from dashboard.lexicons import default_lexicon
    from dashboard.ui.framing import lexicon_notice

    rows = [{"id": f"a{i}", "outlet": o, "headline": "", "published": "", "url": "",
             "text": "Mayor Jane Doe opened the new library. Doe said the city would fund it."} for i, o in enumerate("AB")]
    lexicon_notice(analyse(Corpus("other story", rows=rows), default_lexicon()))


def test_a_corpus_the_lexicon_misses_points_to_the_suggestions():
    at = AppTest.from_function(_notice_script, default_timeout=60).run()
    assert not at.exception
    assert any("names a person in only 0 of 2 articles" in i.value for i in at.info)


# --- outlet groups: Compare, Frames clicks in the link, the Lexicon editor --------------------------

def _seed_groups():
    from dashboard.groups import SEED_GROUPS, parse_groups

    return parse_groups(SEED_GROUPS.read_text())


def test_compare_two_groups_with_pooled_evidence_from_the_link(analysis):
    from dashboard.analysis.groups import group_terms

    at = open_page("compare", groups="1", ev="term|troops|US outlets")
    assert at.title[0].value == "Compare two outlet groups" and at.checkbox(key="compare_groups").value
    assert at.selectbox(key="a").options == ["Non-US outlets", "US outlets"]
    assert (at.selectbox(key="a").value, at.selectbox(key="b").value) == ("Non-US outlets", "US outlets")
    scatter = specs(at)[0]
    assert {row[0] for row in scatter["data"][0]["customdata"]} == {"Non-US outlets", "US outlets"}
    terms = group_terms(analysis.term_matrix, analysis.outlets, _seed_groups(), "Non-US outlets", "US outlets").set_index("term")
    counts = (terms.at["troops", "count_a"], terms.at["troops", "count_b"])
    sentences = (terms.at["troops", "sentences_a"], terms.at["troops", "sentences_b"])
    shown = [m.value for m in at.markdown if " matches in " in m.value]
    assert shown == [f"**{c} matches in {s} sentences**" for c, s in zip(counts, sentences)]
    assert any("US outlets: The Hill, CNN, VOA (their sentences pooled)" in c.value.replace("\\", "") for c in at.caption)
    topic_trace_names = {t["name"] for t in specs(at)[1]["data"]}
    assert topic_trace_names == {"Non-US outlets", "US outlets"}
    assert not at.warning


def test_a_group_in_the_link_without_groups_on_is_a_notice():
    at = open_page("compare", ev="term|troops|US outlets")
    assert at.title[0].value == "Compare two outlets"
    assert any("evidence selection in the link does not match" in w.value for w in at.warning)


def test_a_group_frame_click_is_in_the_link(analysis):
    from dashboard.analysis.frames import default_frames, frame_cues, frame_table

    at = open_page("frames", groups="1", ev="frame|security_defense|US outlets")
    table = frame_table(analysis.sentences, frame_cues(analysis.sentences, default_frames()), default_frames(),
                        groups=_seed_groups()).set_index(["outlet", "frame"])
    expected = table.at[("US outlets", "security_defense"), "cue_sentences"]
    assert any(m.value.startswith(f"**{expected} sentences**") and "The Hill, CNN, VOA" in m.value for m in at.markdown)
    assert any("Frame: Security and defense · US outlets" in m.value.replace("\\", "") for m in at.markdown)
    assert "evidence_pack" in {b.key for b in at.get("download_button")}


def test_lexicon_page_edits_outlet_groups():
    at = open_page("lexicon")
    assert any(h.value == "Outlet groups" for h in at.subheader)
    assert at.button(key="save_groups").disabled  # nothing changed yet
    assert not any("nothing is saved" in e.value for e in at.error)


def test_lexicon_groups_editor_is_read_only(monkeypatch):
    monkeypatch.setenv("FRAMING_LENS_READONLY", "1")
    at = open_page("lexicon")
    assert at.button(key="save_groups").disabled
    assert any("Read-only dashboard: groups cannot be saved." in c.value for c in at.caption)
