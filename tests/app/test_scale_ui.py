"""Large-corpus affordances through AppTest: a cancelled analysis, and the pooled "Other outlets" row."""

import os

from dashboard.analysis.pooling import OTHER
from dashboard.store import Store
from dashboard.ui.context import Dataset
from tests.app.test_pages import chart_outlets, open_page


def _fresh_corpus(name: str) -> Store:
    store = Store(os.environ["FRAMING_LENS_DB"])
    if name not in {c.name for c in store.corpora()}:
        text = "Putin warned that NATO expansion was a red line, and Biden promised sanctions and talks. " * 5
        store.import_rows(name, [{"outlet": o, "text": f"{text} {o} {n} ({name})."} for o in ("Alpha", "Beta") for n in range(3)])
    return store


def test_a_cancelled_analysis_waits_for_the_analyst_and_then_runs():
    name = "Cancelled corpus"
    store = _fresh_corpus(name)
    dataset = Dataset(name, store.info(name).revision, 0)
    from streamlit.testing.v1 import AppTest

    from tests.conftest import ROOT

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.query_params["corpus"] = name
    at.session_state["_cancelled"] = (dataset, False)
    at.run()
    assert not at.exception
    assert any("was cancelled; nothing was stored" in i.value for i in at.info)
    assert [t.value for t in at.title] == ["Framing Lens"]  # the sidebar ran; the page did not
    at.button(key="analyse_now").click().run()
    assert not at.exception
    assert "How outlets framed the story" in [t.value for t in at.title]
    assert chart_outlets(at) == {"Alpha", "Beta"}


def test_pooling_adds_an_other_row_whose_evidence_adds_up():
    at = open_page("topics", outlet=["CNN", "VOA"], other="1", ev=f"topic|sanctions|{OTHER}")
    assert chart_outlets(at) == {"CNN", "VOA", OTHER}
    assert at.sidebar.checkbox(key="pool_other").value
    panel = next(m.value for m in at.markdown if m.value.startswith("**") and "matches in" in m.value)
    from dashboard.analysis import analyse
    from dashboard.analysis.pooling import pooled_topics
    from dashboard.corpus import load_source
    from dashboard.lexicons import default_lexicon
    from tests.conftest import SEEDS

    full = analyse(load_source(SEEDS), default_lexicon())
    rest = [o for o in full.outlets if o not in ("CNN", "VOA")]
    hits = int(pooled_topics(full, rest).set_index("topic").loc["sanctions", "hits"])
    assert panel.startswith(f"**{hits} matches in")
    at.sidebar.checkbox(key="pool_other").uncheck().run()
    assert OTHER not in chart_outlets(at) and "other" not in at.query_params


def test_the_date_range_in_the_link_cuts_every_number_on_the_page():
    store = Store(os.environ["FRAMING_LENS_DB"])
    name = "Two-month corpus"
    if name not in {c.name for c in store.corpora()}:
        text = "Officials said new sanctions on Russia were likely, and NATO allies agreed to more talks. " * 4
        store.import_rows(name, [{"outlet": o, "text": f"{text} {o} {d}.", "published": d}
                                 for o in ("Alpha", "Beta") for d in ("2021-01-04", "2021-01-12", "2021-02-02")])
    whole = open_page("overview", corpus=name)
    january = open_page("overview", corpus=name, **{"from": "2021-01-01", "to": "2021-01-31"})
    assert [m.value for m in whole.metric][:1] == ["6"] and [m.value for m in january.metric][:1] == ["4"]
    assert january.sidebar.date_input(key="dates").value[1].isoformat() == "2021-01-31"
    terms = open_page("terms", corpus=name, **{"from": "2021-02-01"})
    assert not terms.exception


def test_a_host_names_the_corpus_a_bare_link_opens(monkeypatch):
    _fresh_corpus("Hosted study")
    monkeypatch.setenv("FRAMING_LENS_CORPUS", "Hosted study")
    at = open_page("overview")
    assert at.sidebar.selectbox(key="corpus").value == "Hosted study" and chart_outlets(at) == {"Alpha", "Beta"}
    monkeypatch.setenv("FRAMING_LENS_CORPUS", "No such corpus")  # a name the store lacks: the first corpus, the seeds
    assert open_page("overview").sidebar.selectbox(key="corpus").value.startswith("Seeds")


def test_the_evidence_panel_draws_a_capped_number_of_sentences(monkeypatch):
    import dashboard.ui.evidence as panel

    monkeypatch.setattr(panel, "SHOWN", 3)
    at = open_page("topics", ev="topic|diplomacy|VOA")
    count = next(m.value for m in at.markdown if "matches in" in m.value)
    sentences = int(count.split(" matches in ")[1].split()[0])
    assert sentences > 3
    assert any(f"Showing the first 3 of {sentences:,} sentences" in c.value for c in at.caption)
    drawn = next(h.proto.body for h in at.get("html") if "fl-evidence" in h.proto.body)
    assert drawn.count("class='sent'") + drawn.count('class="sent"') == 3


def test_coverage_says_why_a_corpus_too_large_for_claims_has_none(monkeypatch):
    import dashboard.analysis.coverage as coverage

    monkeypatch.setattr(coverage, "MAX_CLAIM_SENTENCES", 2)
    _fresh_corpus("Too large for claims")  # analysed (and its claims clustered) under the lowered limit
    at = open_page("coverage", corpus="Too large for claims")
    assert any("Claims are not computed for this story" in i.value for i in at.info)
