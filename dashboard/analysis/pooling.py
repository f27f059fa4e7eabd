"""The outlets a view leaves out, pooled as one "Other outlets" row of the actor and topic tables.

With hundreds of outlets a chart shows the largest few; pooling the rest keeps their coverage in
view without hundreds of columns. The pooled row is built from the per-outlet rows (counts are
sums, so hits and mentions add up exactly and the evidence behind them is the union of the
pooled outlets' matches); rates and intervals are recomputed over the pooled words.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd

from dashboard.analysis.stats import poisson_rate_interval, wilson_interval

OTHER = "Other outlets (pooled)"


def _totals(analysis, outlets: list[str]) -> tuple[int, int]:
    rest = analysis.articles[analysis.articles["outlet"].isin(outlets)]
    return int(rest["words"].sum()), int(rest["sentences"].sum())


def _pool(table: pd.DataFrame, outlets: list[str], key: str, sums: list[str]) -> pd.DataFrame:
    rows = table[table["outlet"].isin(outlets)]
    out = rows.groupby(key, sort=False, observed=True).agg(
        **{c: (c, "sum") for c in sums}, first_sentence=("first_sentence", "min"),
        in_headline=("in_headline", "any"), in_lede=("in_lede", "any"), label=("label", "first"),
    ).reset_index()
    out.insert(0, "outlet", OTHER)
    return out


def pooled_topics(analysis, outlets: list[str]) -> pd.DataFrame:
    """One topic row per topic for ``outlets`` together."""
    out = _pool(analysis.topics, outlets, "topic", ["hits", "hit_sentences"])
    words, sentences = _totals(analysis, outlets)
    out["per_1k_words"] = out["hits"] * 1000 / max(words, 1)
    out["per_1k_low"], out["per_1k_high"] = poisson_rate_interval(out["hits"], np.full(len(out), words))
    out["sentence_share"] = out["hit_sentences"] / max(sentences, 1)
    out["share_low"], out["share_high"] = wilson_interval(out["hit_sentences"], np.full(len(out), sentences))
    out["tfidf_mass"] = np.nan  # TF-IDF is per outlet document; a pool of outlets has none
    return out[analysis.topics.columns]


def pooled_actors(analysis, outlets: list[str]) -> pd.DataFrame:
    """One actor row per actor for ``outlets`` together (spellings merged)."""
    out = _pool(analysis.actors, outlets, "actor", ["named_mentions", "role_mentions"])
    words, _ = _totals(analysis, outlets)
    out["per_1k_words"] = (out["named_mentions"] + out["role_mentions"]) * 1000 / max(words, 1)
    kinds = analysis.actors.drop_duplicates("actor").set_index("actor")["kind"]
    out["kind"] = out["actor"].map(kinds)
    rows = analysis.actors[analysis.actors["outlet"].isin(outlets)]
    merged: dict[str, dict[str, int]] = {}
    for actor, variants in zip(rows["actor"], rows["variants"]):
        for spelling, n in variants.items():
            merged.setdefault(actor, {})[spelling] = merged.get(actor, {}).get(spelling, 0) + n
    out["variants"] = [dict(sorted(merged.get(a, {}).items(), key=lambda kv: -kv[1])) for a in out["actor"]]
    return out[analysis.actors.columns]


def with_other(view, full, outlets: list[str]):
    """``view`` with a pooled row for ``outlets`` (those the view leaves out) added to its actor and
    topic tables; unchanged when there is nothing to pool."""
    if not outlets:
        return view
    return replace(view, topics=pd.concat([view.topics, pooled_topics(full, outlets)], ignore_index=True),
                   actors=pd.concat([view.actors, pooled_actors(full, outlets)], ignore_index=True))
