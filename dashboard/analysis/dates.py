"""An analysis cut to some of its articles: a publication-date range or one story, as every page shows it.

Articles outside the cut (for a date range: outside it, or undated) leave every table. Terms are re-summed from the
kept sentences' counts (same vocabulary; the log-odds prior is the range's own corpus counts),
actor and topic tables are rebuilt from the kept matches over the kept articles' words. Sentence
rows keep their positions (left-out rows are zeroed), so evidence works unchanged.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from dashboard.analysis import Analysis, CorpusStage, combine, lexicon_tables
from dashboard.analysis.terms import outlet_sums, term_table
from dashboard.analysis.timeline import publication_dates


def in_range(articles: pd.DataFrame, date_from: str | None, date_to: str | None) -> pd.Series:
    """Which articles were published inside the range (an undated article is not)."""
    dates = publication_dates(articles)
    keep = dates.notna()
    if date_from:
        keep &= dates >= pd.Timestamp(date_from)
    if date_to:
        keep &= dates < pd.Timestamp(date_to) + pd.Timedelta(days=1)  # the whole last day
    return keep


def for_dates(analysis: Analysis, date_from: str | None, date_to: str | None, *,
              prior_scale: float = 0.1) -> Analysis:
    """``analysis`` (of all outlets) recomputed for articles published from ``date_from`` to ``date_to``."""
    if not (date_from or date_to):
        return analysis
    return for_articles(analysis, in_range(analysis.articles, date_from, date_to).to_numpy(), prior_scale=prior_scale)


def for_articles(analysis: Analysis, keep, *, prior_scale: float = 0.1) -> Analysis:
    """``analysis`` recomputed for the articles ``keep`` marks (a boolean per row of ``analysis.articles``)."""
    stage = analysis.stage
    articles = analysis.articles[keep]
    ids = set(articles["id"])
    sentences = stage.sentence_index
    kept = sentences["article"].isin(ids).to_numpy()
    matrix = outlet_sums(stage.term_matrix.sentence_counts, stage.term_matrix.vocabulary,
                         sentences["outlet"].cat.codes.to_numpy(), len(stage.outlets), keep=kept)
    cut = CorpusStage.subset(stage, articles, term_table(matrix, stage.outlets, prior_scale=prior_scale), matrix)
    m, h, q = analysis.matches, analysis.headlines, analysis.quotes
    return combine(cut, lexicon_tables(cut, analysis.lexicon, m[m["article"].isin(ids)], h[h["article"].isin(ids)],
                                       q[q["article"].isin(ids)]))


def prepare_cuts(analysis: Analysis) -> None:
    """Make the smallest cut (one article) of ``analysis`` ahead of a visitor's first: it reads and
    makes what every story or date cut shares and a first page does not need (the sentence × term
    counts and index, each term's house style and type, the terms each topic matches; at 40,000
    articles about 5 s), so the first cut asked for sums its own rows only."""
    keep = np.zeros(len(analysis.articles), dtype=bool)
    keep[:1] = True
    for_articles(analysis, keep)
