"""Every page through Streamlit's AppTest: renders cleanly, and the outlet filter changes it."""

import json

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT

PAGES = ["overview", "terms", "actors", "topics", "read", "compare", "quotes", "coverage"]


def open_page(page: str, **query) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    if page != "overview":
        at.switch_page(f"dashboard/pages/{page}.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def chart_outlets(at: AppTest) -> set[str]:
    """Outlets that appear in any Plotly chart on the page (read from the figure specs)."""
    found = set()
    for chart in at.get("plotly_chart"):
        for trace in json.loads(chart.proto.spec)["data"]:
            found |= {row[0] for row in trace.get("customdata", [])}
    return found


@pytest.mark.parametrize("page", PAGES)
def test_page_renders_without_exception(page):
    at = open_page(page)
    assert at.title[0].value
    assert not at.error


@pytest.mark.parametrize("page", ["overview", "terms", "actors", "topics", "quotes"])
def test_outlet_filter_changes_the_charts(page):
    at = open_page(page)
    assert chart_outlets(at) == {"Al Mayadeen English", "TRT World", "The Hill", "CNN", "VOA"}
    at.multiselect(key="outlet").set_value(["CNN", "VOA"]).run()
    assert not at.exception
    assert chart_outlets(at) == {"CNN", "VOA"}


def test_outlet_filter_changes_the_read_page_choices():
    at = open_page("read")
    assert len(at.selectbox(key="article").options) == 5
    at.multiselect(key="outlet").set_value(["VOA"]).run()
    assert len(at.selectbox(key="article").options) == 1


def test_overview_table_lists_the_corpus():
    table = open_page("overview").dataframe[0].value
    assert list(table["outlet"]) == ["Al Mayadeen English", "TRT World", "The Hill", "CNN", "VOA"]
    assert list(table["words"]) == [406, 408, 603, 712, 616]


def test_terms_method_switch():
    at = open_page("terms", method="tfidf")
    assert at.radio(key="method").value == "tfidf"
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert spec["layout"]["xaxis"]["title"]["text"] == "TF-IDF weight"


def test_read_page_highlights_from_the_link():
    at = open_page("read", article="003_15c9974694952eb5", topic="sanctions")
    assert at.selectbox(key="article").value == "003_15c9974694952eb5"
    assert any("8 highlighted matches" in m.value for m in at.markdown)


def test_hostile_link_values_give_notices_not_errors():
    at = open_page("overview", topic="<img src=x onerror=alert(1)>", top="-1", outlet="Nope")
    warnings = [w.value for w in at.warning]
    assert any("Unknown outlet" in w for w in warnings)
    assert any("top" in w for w in warnings)
    assert any("Unknown topic" in w and "\\<img" in w for w in warnings)  # markup escaped for markdown


def test_compare_page_renders_the_chosen_pair():
    at = open_page("compare", a="CNN", b="VOA")
    assert at.selectbox(key="a").value == "CNN" and at.selectbox(key="b").value == "VOA"
    assert chart_outlets(at) >= {"CNN", "VOA"}
    assert "Al Mayadeen English" not in chart_outlets(at)


def test_evidence_from_the_link_opens_the_panel():
    at = open_page("overview", ev="topic|minsk|Al Mayadeen English")
    assert any("5 matches in 4 sentences" in m.value for m in at.markdown)


def test_coverage_filter_hides_claims_of_other_outlets():
    at = open_page("coverage")
    before = chart_outlets(at)
    at.multiselect(key="outlet").set_value(["VOA"]).run()
    assert not at.exception
    assert chart_outlets(at) <= {"VOA"} < before


def test_terms_can_exclude_shared_passages():
    at = open_page("terms", outlet="CNN", top="50")
    before = at.dataframe[0].value.set_index("term")["count"]
    at.radio(key="shared").set_value("exclude").run()
    after = at.dataframe[0].value.set_index("term")["count"]
    both = before.index.intersection(after.index)
    assert (after[both] <= before[both]).all() and (after[both] < before[both]).any()
    assert at.query_params["shared"] == "exclude"


def test_a_stored_corpus_and_lexicon_version_open_from_the_link():
    import os

    from dashboard.store import SEED_NAME, Store

    store = Store(os.environ["FRAMING_LENS_DB"])
    if "AppTest corpus" not in {c.name for c in store.corpora()}:
        body = "Biden said sanctions on Russia would follow if Putin invades Ukraine, and NATO allies agreed. " * 8
        store.import_rows("AppTest corpus", [{"outlet": "Alpha", "text": body}, {"outlet": "Beta", "text": body + " More."}])
    actors, topics = store.lexicon_yaml(SEED_NAME, None)
    version = store.save_lexicon(SEED_NAME, actors, topics.replace("Minsk agreements", "Minsk deal (renamed)"))
    at = open_page("overview", corpus="AppTest corpus")
    assert chart_outlets(at) == {"Alpha", "Beta"}
    assert at.selectbox(key="corpus").value == "AppTest corpus"
    at = open_page("topics", lexicon=str(version))
    labels = {trace_y for chart in at.get("plotly_chart") for t in json.loads(chart.proto.spec)["data"] for trace_y in t["y"]}
    assert "Minsk deal (renamed)" in labels and "Minsk agreements" not in labels


def test_read_only_mode_hides_import_and_disables_saving(monkeypatch):
    monkeypatch.setenv("FRAMING_LENS_READONLY", "1")
    at = open_page("lexicon")
    assert at.button(key="lexicon_save").disabled
    assert any("Read-only dashboard" in c.value for c in at.sidebar.caption)
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("dashboard/pages/import_corpus.py")  # the Import page is not registered at all


def test_over_time_section_follows_the_date_range_in_the_link():
    import os

    from dashboard.store import Store

    store = Store(os.environ["FRAMING_LENS_DB"])
    if "Dated corpus" not in {c.name for c in store.corpora()}:
        text = "Officials said new sanctions on Russia were likely, and NATO allies agreed to more talks. " * 6
        store.import_rows("Dated corpus", [
            {"outlet": o, "text": f"{text} {o} {d}", "published": d}
            for o in ("Alpha", "Beta") for d in ("2021-01-04", "2021-01-12", "2021-02-02", "2021-03-09")
        ])
    at = open_page("topics", corpus="Dated corpus", topic="sanctions", **{"from": "2021-01-01", "to": "2021-01-31"})
    timeline = next(c for c in at.get("plotly_chart") if "hits per 1,000 words by week" in c.proto.spec)
    periods = {x for trace in json.loads(timeline.proto.spec)["data"] for x in trace["x"]}
    assert len(periods) == 2 and all(p.startswith("2021-01") for p in periods)


def test_articles_are_named_in_menus_by_outlet_and_headline_with_repeats_numbered():
    import pandas as pd

    from dashboard.ui.context import article_labels

    articles = pd.DataFrame({"id": ["a", "b", "c", "d"], "outlet": ["CNN", "CNN", "VOA", "VOA"],
                             "headline": ["Talks end", "Talks end", None, ""]})
    assert article_labels(articles) == {"a": "CNN — Talks end", "b": "CNN — Talks end (2)",
                                        "c": "VOA — (no headline)", "d": "VOA — (no headline) (2)"}
