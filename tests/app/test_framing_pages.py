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
