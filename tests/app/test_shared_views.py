"""Figures and tables of a view are built once per server process and drawn by every session."""

import json

import plotly.io as pio
from streamlit.testing.v1 import AppTest

import dashboard.charts
from dashboard.ui.shared import SharedFigure, _share, resource
from tests.conftest import ROOT

VIEW = {"outlet": ["CNN", "VOA", "The Hill"]}  # a view no other test opens, so its figures are built here


def open_actors() -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    for key, value in VIEW.items():
        at.query_params[key] = value
    at.run()
    at.switch_page("dashboard/pages/actors.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_a_shared_figure_draws_exactly_like_the_figure_it_was_built_from(analysis):
    fig = dashboard.charts.actor_bars(analysis.actors, dashboard.charts.outlet_colours(analysis.outlets), "per1k", top=8)
    spec = pio.to_json(fig.to_dict(), validate=False)
    shared = _share(fig)
    assert isinstance(shared, SharedFigure)
    assert pio.to_json(shared.to_dict(), validate=False) == spec
    assert shared.to_dict() is shared.to_dict()  # handed out, not deep-copied on every draw


def test_sessions_and_reruns_of_one_view_build_its_charts_once(monkeypatch):
    built = []
    original = dashboard.charts.actor_bars

    def counting(*args, **kwargs):
        built.append((args[2], kwargs["top"]))
        return original(*args, **kwargs)

    monkeypatch.setattr(dashboard.charts, "actor_bars", counting)  # the page imports it on every run
    first = open_actors()
    first.run()  # a rerun of the same session
    second = open_actors()  # another visitor
    assert built == [("per1k", 8), ("per1k", 17)]  # the Overview's (opened first), then the Actors page's
    spec = [json.loads(c.proto.spec) for c in first.get("plotly_chart")]
    assert spec == [json.loads(c.proto.spec) for c in second.get("plotly_chart")]

    second.radio(key="norm").set_value("raw").run()  # another view of the data: built for it
    assert not second.exception
    assert built == [("per1k", 8), ("per1k", 17), ("raw", 17)]


def test_a_cached_resource_is_one_entry_whether_its_defaults_are_passed_or_not():
    made = []

    @resource(max_entries=2)
    def load(name: str, exclude_shared: bool = False) -> object:  # as load_analysis: a corpus's analysis
        made.append(name)
        return object()

    assert load("x") is load("x", False) is load("x", exclude_shared=False)
    assert load("x", True) is not load("x")
    assert made == ["x", "x"]
