"""Over-time rates: weekly or monthly by span, date range respected, rates per words published."""

import pandas as pd

from dashboard.analysis import analyse
from dashboard.analysis.dates import for_dates
from dashboard.analysis.timeline import period_rule, timeline
from dashboard.corpus import Corpus, make_article

SANCTIONS = "New sanctions were announced today. Officials described the talks as long and difficult."
OTHER = "Officials described the talks as long and difficult. Nothing else was agreed."


def corpus(dates):
    articles = [make_article(id=f"a{i}", outlet=outlet, text=text, published=day)
                for i, (outlet, text, day) in enumerate(dates)]
    return Corpus("t", tuple(articles))


def test_weekly_rates_per_outlet(lexicon):
    c = corpus([("A", SANCTIONS, "2021-12-06"), ("A", OTHER, "2021-12-07"), ("A", SANCTIONS, "2021-12-14"),
                ("B", OTHER, "2021-12-08")])
    frame, unit = timeline(analyse(c, lexicon), "topic", "sanctions")
    assert unit == "week"
    frame = frame.set_index(["outlet", "period"])
    words_week1 = c.articles[0].words + c.articles[1].words
    assert frame.loc[("A", pd.Timestamp("2021-12-06")), "hits"] == 1
    assert frame.loc[("A", pd.Timestamp("2021-12-06")), "per_1k_words"] == 1000 / words_week1
    assert frame.loc[("A", pd.Timestamp("2021-12-13")), "hits"] == 1
    assert frame.loc[("B", pd.Timestamp("2021-12-06")), "hits"] == 0  # zeros kept where the outlet published


def test_period_by_span_and_date_range(lexicon):
    assert period_rule(pd.to_datetime(pd.Series(["2021-01-01", "2021-03-01"]))) == ("W-MON", "week")
    assert period_rule(pd.to_datetime(pd.Series(["2021-01-01", "2021-12-01"]))) == ("MS", "month")
    c = corpus([("A", SANCTIONS, "2021-01-05"), ("A", SANCTIONS, "2021-11-20"), ("A", OTHER, "not a date")])
    a = analyse(c, lexicon)
    assert set(timeline(a, "topic", "sanctions")[0]["period"]) == {pd.Timestamp("2021-01-01"), pd.Timestamp("2021-11-01")}
    ranged, unit = timeline(for_dates(a, "2021-11-01", "2021-11-30"), "topic", "sanctions")  # the app's date range
    assert unit == "week"
    assert ranged["hits"].tolist() == [1] and ranged["period"].tolist() == [pd.Timestamp("2021-11-15")]
