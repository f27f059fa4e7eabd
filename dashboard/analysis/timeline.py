"""Topic emphasis and actor mentions over time, per outlet.

The period is chosen by span: weekly up to 26 weeks of coverage, monthly beyond. Rates are hits
per 1,000 words of the outlet's articles published in that period, so a busy week does not look
like emphasis.
"""

from __future__ import annotations

import pandas as pd

WEEKLY_MAX_DAYS = 26 * 7


def publication_dates(articles: pd.DataFrame) -> pd.Series:
    """Each article's publication date (NaT when missing or unreadable), whatever its format."""
    return pd.to_datetime(articles["published"], errors="coerce", format="mixed")


def dated_articles(analysis) -> pd.DataFrame:
    """Articles with a parseable publication date (a date range is applied by ``dates.for_dates``)."""
    articles = analysis.articles.assign(date=publication_dates(analysis.articles))
    return articles.dropna(subset=["date"])


def period_rule(dates: pd.Series) -> tuple[str, str]:
    """("W-MON"/"MS", "week"/"month") by the span of the dates."""
    span = (dates.max() - dates.min()).days if len(dates) else 0
    return ("W-MON", "week") if span <= WEEKLY_MAX_DAYS else ("MS", "month")


def timeline(analysis, kind: str, key: str) -> tuple[pd.DataFrame, str]:
    """Per outlet × period: hits of one topic or actor, words published, hits per 1,000 words; and
    the period's name ("week" or "month")."""
    articles = dated_articles(analysis)
    rule, unit = period_rule(articles["date"])
    if articles.empty:
        return pd.DataFrame(columns=["outlet", "period", "hits", "words", "per_1k_words"]), unit
    articles = articles.assign(period=articles["date"].dt.to_period(rule[0]).dt.start_time)
    words = articles.groupby(["outlet", "period"])["words"].sum()
    m = analysis.matches
    m = m[(m["kind"] == kind) & (m["key"] == key)]
    # each article id is looked up once, not once per hit (at 40,000 articles a merge turned
    # 300,000 ids into strings first); the stored table's article column is already categorical
    article = m["article"].astype("category")
    at = pd.Index(articles["id"]).get_indexer(article.cat.categories)[article.cat.codes.to_numpy()]
    kept = at >= 0  # undated articles' hits drop out
    m = pd.DataFrame({"outlet": m["outlet"].to_numpy()[kept], "period": articles["period"].to_numpy()[at[kept]]})
    hits = m.groupby(["outlet", "period"]).size().reindex(words.index, fill_value=0)
    out = pd.DataFrame({"hits": hits, "words": words}).reset_index()
    out["per_1k_words"] = out["hits"] * 1000 / out["words"].clip(lower=1)
    return out.sort_values(["outlet", "period"], ignore_index=True), unit
