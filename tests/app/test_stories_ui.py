"""Stories through AppTest: the Stories page lists them, and ``?story=`` cuts every page to one."""

import os

from dashboard.store import Store
from tests.app.test_pages import chart_outlets, open_page

EVENTS = {
    "quake": ("Earthquake hits coastal city", "A strong earthquake struck the coastal city of Port Vila on Monday, "
              "collapsing buildings and cutting power; rescuers searched the rubble for survivors of the quake."),
    "budget": ("Parliament passes budget", "Parliament passed the annual budget on Thursday after a long debate "
               "over pension spending, tax rises and the deficit, with the finance minister defending the plan."),
}


def _two_stories() -> str:
    name = "Two stories"
    store = Store(os.environ["FRAMING_LENS_DB"])
    if name not in {c.name for c in store.corpora()}:
        rows = []
        for key, (headline, text) in EVENTS.items():
            day = "2022-03-07" if key == "quake" else "2022-06-16"
            outlets = ("Alpha", "Beta", "Gamma") if key == "quake" else ("Alpha", "Beta")
            rows += [{"outlet": o, "headline": f"{headline} ({o})", "published": day,
                      "text": f"{text} {o} reported that officials gave more details later. \"We are working day "
                              f"and night,\" said the mayor of the city, speaking to {o}."} for o in outlets]
        store.import_rows(name, rows)
    return name


def test_the_stories_page_lists_each_event_with_who_did_not_report_it():
    at = open_page("stories", corpus=_two_stories())
    frame = at.dataframe[0].value
    assert len(frame) == 2
    quake = frame[frame["headline"].str.startswith("Earthquake")].iloc[0]
    assert quake["outlets"] == 3 and quake["articles"] == 3
    budget = frame[frame["headline"].str.startswith("Parliament")].iloc[0]
    assert budget["outlets"] == 2 and budget["missing"] == "Gamma"  # two of three outlets reported it


def test_a_story_link_cuts_every_page_to_that_story():
    name = _two_stories()
    open_page("stories", corpus=name)  # analysed and stored
    from dashboard.results import stored_sourcing

    store = Store(os.environ["FRAMING_LENS_DB"])
    sourcing = stored_sourcing(store, name, store.info(name).revision, 0)
    budget = sourcing.stories[sourcing.stories["headline"].str.startswith("Parliament")]["story"].iloc[0]
    overview = open_page("overview", corpus=name, story=budget)
    assert set(overview.dataframe[0].value["headline"].str.split(" (", regex=False).str[0]) == {"Parliament passes budget"}
    assert overview.selectbox(key="story").value == budget  # the sidebar shows the chosen story
    coverage = open_page("coverage", corpus=name, story=budget)
    assert not any("Showing the one most outlets reported" in i.value for i in coverage.info)
    claims = sourcing.claims[sourcing.claims["story"] == budget]
    assert len(claims) and all(set(o) <= {"Alpha", "Beta"} for o in claims["outlets"])  # Gamma never reported it
    assert chart_outlets(coverage) <= {"Alpha", "Beta"}  # the map, the heatmap: the story's outlets only
    terms = open_page("terms", corpus=name, story=budget)
    assert not terms.exception
    assert "story" in dict(terms.query_params)
    assert chart_outlets(terms) == {"Alpha", "Beta"}  # Gamma is shown but has no article in the story:
    assert any(i.value.startswith("**Gamma**: no articles in this view") for i in terms.info)  # said, not an empty chart
