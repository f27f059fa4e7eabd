"""Lexicon hits in the corpus: one row per match, and the per-outlet tables built from them.

Every count in the actor and topic tables is a group-by over :func:`match_table`, so the
evidence behind a number is always the rows that produced it.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from dashboard.analysis.stats import poisson_rate_interval, wilson_interval
from dashboard.corpus import Corpus
from dashboard.lexicons import Lexicon

MATCH_COLUMNS = ["kind", "key", "outlet", "article", "sentence", "paragraph", "start", "end", "text", "role"]
LEDE_PARAGRAPHS = 2


def _finders(lexicon: Lexicon):
    yield "actor", lexicon.find_actors
    for topic in lexicon.topics:
        yield "topic", topic.find


def match_table(corpus: Corpus, lexicon: Lexicon) -> pd.DataFrame:
    """Every actor and topic match in the cleaned bodies, one row each, offsets into clean_text.

    Finders run per sentence: measured faster than whole-article scans followed by an offset
    lookup (3.9 s vs 5.5 s on 1,000 generated articles), and no match can straddle sentences.
    """
    rows: list[tuple] = []
    finders = list(_finders(lexicon))
    for article in corpus.articles:
        for s in article.sentences:
            for kind, find in finders:
                for m in find(s.text):
                    rows.append((kind, m.key, article.outlet, article.id, s.index, s.paragraph,
                                 s.start + m.start, s.start + m.end, m.text, m.role))
    return pd.DataFrame(rows, columns=MATCH_COLUMNS)


def headline_table(corpus: Corpus, lexicon: Lexicon) -> pd.DataFrame:
    """Which actors and topics each outlet's headlines name."""
    rows = [
        (kind, m.key, a.outlet, a.id)
        for a in corpus.articles
        for kind, find in _finders(lexicon)
        for m in find(a.headline)
    ]
    return pd.DataFrame(rows, columns=["kind", "key", "outlet", "article"]).drop_duplicates()


def _grid(outlets: list[str], keys: list[str]) -> pd.DataFrame:
    return pd.MultiIndex.from_product([outlets, keys], names=["outlet", "key"]).to_frame(index=False)


def _position_columns(grid: pd.DataFrame, matches: pd.DataFrame, headlines: pd.DataFrame) -> pd.DataFrame:
    """first_sentence, in_lede, in_headline per (outlet, key)."""
    by = ["outlet", "key"]
    first = matches.groupby(by)["sentence"].min().rename("first_sentence")
    lede = matches[matches["paragraph"] < LEDE_PARAGRAPHS].groupby(by).size().gt(0).rename("in_lede")
    head = headlines.groupby(by).size().gt(0).rename("in_headline")
    out = grid.join(first, on=by).join(lede, on=by).join(head, on=by)
    out["first_sentence"] = out["first_sentence"].astype("Int64")
    out[["in_lede", "in_headline"]] = out[["in_lede", "in_headline"]].astype("boolean").fillna(False).astype(bool)
    return out


def outlet_totals(corpus: Corpus) -> pd.DataFrame:
    """Words and sentences per outlet (the denominators of every rate)."""
    frame = pd.DataFrame(
        [(a.outlet, a.words, len(a.sentences)) for a in corpus.articles], columns=["outlet", "words", "n_sentences"]
    )
    return frame.groupby("outlet", sort=False).sum()


def actor_table(corpus: Corpus, lexicon: Lexicon, matches: pd.DataFrame, headlines: pd.DataFrame) -> pd.DataFrame:
    """Outlet × actor: named and role mentions, rate, position and spellings used (zeros kept)."""
    outlets, actors = corpus.outlets, lexicon.actors
    m = matches[matches["kind"] == "actor"]
    grid = _grid(outlets, [a.id for a in actors])
    by = ["outlet", "key"]
    named = m[~m["role"]].groupby(by).size().rename("named_mentions")
    role = m[m["role"]].groupby(by).size().rename("role_mentions")
    spellings = m[~m["role"]].groupby(["outlet", "key", "text"]).size()
    variants = pd.Series({key: dict(sorted(group.droplevel([0, 1]).items(), key=lambda kv: -kv[1]))
                          for key, group in spellings.groupby(level=[0, 1])}, name="variants", dtype=object)
    variants.index = variants.index.set_names(by) if len(variants) else pd.MultiIndex.from_tuples([], names=by)
    out = _position_columns(grid, m, headlines[headlines["kind"] == "actor"])
    out = out.join(named, on=by).join(role, on=by).join(variants, on=by)
    out[["named_mentions", "role_mentions"]] = out[["named_mentions", "role_mentions"]].fillna(0).astype(int)
    out["variants"] = out["variants"].apply(lambda v: v if isinstance(v, dict) else {})
    words = outlet_totals(corpus)["words"].reindex(out["outlet"]).to_numpy()
    out["per_1k_words"] = (out["named_mentions"] + out["role_mentions"]) * 1000 / np.maximum(words, 1)
    labels = {a.id: a.label for a in actors}
    kinds = {a.id: a.kind for a in actors}
    out = out.rename(columns={"key": "actor"})
    out["label"] = out["actor"].map(labels)
    out["kind"] = out["actor"].map(kinds)
    return out[["outlet", "actor", "label", "kind", "named_mentions", "role_mentions", "per_1k_words",
                "first_sentence", "in_headline", "in_lede", "variants"]]


def topic_table(corpus: Corpus, lexicon: Lexicon, matches: pd.DataFrame, headlines: pd.DataFrame,
                tfidf_mass: pd.DataFrame) -> pd.DataFrame:
    """Outlet × topic: hits, rate and sentence share with 95% intervals, position, TF-IDF mass."""
    outlets = corpus.outlets
    m = matches[matches["kind"] == "topic"]
    grid = _grid(outlets, [t.id for t in lexicon.topics])
    by = ["outlet", "key"]
    hits = m.groupby(by).size().rename("hits")
    sentences = m.drop_duplicates(["outlet", "key", "article", "sentence"]).groupby(by).size().rename("hit_sentences")
    out = _position_columns(grid, m, headlines[headlines["kind"] == "topic"])
    out = out.join(hits, on=by).join(sentences, on=by).join(tfidf_mass, on=by)
    out[["hits", "hit_sentences"]] = out[["hits", "hit_sentences"]].fillna(0).astype(int)
    out["tfidf_mass"] = out["tfidf_mass"].fillna(0.0)
    totals = outlet_totals(corpus).reindex(out["outlet"])
    words, n_sent = totals["words"].to_numpy(), totals["n_sentences"].to_numpy()
    out["per_1k_words"] = out["hits"] * 1000 / np.maximum(words, 1)
    out["per_1k_low"], out["per_1k_high"] = poisson_rate_interval(out["hits"], words)
    out["sentence_share"] = out["hit_sentences"] / np.maximum(n_sent, 1)
    out["share_low"], out["share_high"] = wilson_interval(out["hit_sentences"], n_sent)
    out = out.rename(columns={"key": "topic"})
    out["label"] = out["topic"].map({t.id: t.label for t in lexicon.topics})
    return out[["outlet", "topic", "label", "hits", "per_1k_words", "per_1k_low", "per_1k_high",
                "hit_sentences", "sentence_share", "share_low", "share_high", "first_sentence",
                "in_headline", "in_lede", "tfidf_mass"]]

