"""Lexicon hits in the corpus: one row per match, and the per-outlet tables built from them.

Every count in the actor and topic tables is a group-by over the match table, so the
evidence behind a number is always the rows that produced it.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from dashboard.analysis.chunks import KINDS, MATCH_COLUMNS, Matches
from dashboard.analysis.stats import poisson_rate_interval, wilson_interval
from dashboard.lexicons import Lexicon

LEDE_PARAGRAPHS = 2


def _concat(arrays: list) -> np.ndarray:
    return np.concatenate([np.array(a, dtype=np.int32) for a in arrays]) if arrays else np.zeros(0, np.int32)


def article_columns(articles: pd.DataFrame, outlets: list[str], position: np.ndarray) -> dict[str, pd.Categorical]:
    """The ``outlet`` and ``article`` columns of rows that belong to the articles at ``position``."""
    ids = pd.Categorical(articles["id"])
    outlet_codes = pd.Categorical(articles["outlet"], categories=outlets).codes
    return {"outlet": pd.Categorical.from_codes(outlet_codes[position], categories=outlets),
            "article": pd.Categorical.from_codes(ids.codes[position], categories=ids.categories)}


def _recode(values: np.ndarray, local: list[str], code: dict[str, int]) -> np.ndarray:
    """Chunk-local label codes as codes into the merged label list."""
    return np.array([code[label] for label in local], dtype=np.int32)[values] if len(values) else values


def match_frames(parts: list[Matches], articles: pd.DataFrame, outlets: list[str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The match table (one row per actor/topic match in a body, offsets into the cleaned text)
    and the headline table (which actors and topics each headline names), from chunk columns.

    ``parts`` are consecutive chunks of ``articles``; repeated labels become categories.
    """
    keys = list(dict.fromkeys(k for p in parts for k in p.keys))
    texts = list(dict.fromkeys(t for p in parts for t in p.texts))
    key_code, text_code = {k: i for i, k in enumerate(keys)}, {t: i for i, t in enumerate(texts)}
    columns = {c: [] for c in MATCH_COLUMNS}
    heads, offset = [], 0
    for p in parts:
        for c in MATCH_COLUMNS:
            values = np.array(p.columns[c], dtype=np.int32)
            if c == "key":
                values = _recode(values, p.keys, key_code)
            elif c == "text":
                values = _recode(values, p.texts, text_code)
            elif c == "article":
                values = values + offset
            columns[c].append(values)
        heads += [(kind, key, article + offset) for kind, key, article in p.headlines]
        offset += p.n_articles
    cols = {c: _concat(v) for c, v in columns.items()}
    matches = pd.DataFrame({
        "kind": pd.Categorical.from_codes(cols["kind"], categories=list(KINDS)),
        "key": pd.Categorical.from_codes(cols["key"], categories=keys),
        **article_columns(articles, outlets, cols["article"]),
        "sentence": cols["sentence"], "paragraph": cols["paragraph"], "start": cols["start"], "end": cols["end"],
        "text": pd.Categorical.from_codes(cols["text"], categories=texts),
        "role": cols["role"].astype(bool),
    })
    kinds, head_keys, position = zip(*heads) if heads else ((), (), ())
    head = pd.DataFrame({"kind": list(kinds), "key": list(head_keys),
                         **article_columns(articles, outlets, np.array(position, dtype=np.int64))})
    return matches, head.astype({"outlet": str, "article": str}).drop_duplicates()


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


def outlet_totals(articles: pd.DataFrame) -> pd.DataFrame:
    """Words and sentences per outlet (the denominators of every rate), from the article table."""
    frame = articles[["outlet", "words", "sentences"]].rename(columns={"sentences": "n_sentences"})
    return frame.groupby("outlet", sort=False, observed=True).sum()


def _spellings(named: pd.DataFrame) -> dict[tuple[str, str], dict[str, int]]:
    """(outlet, actor) -> {spelling: mentions}, most used first (observed combinations only: the
    categorical product of outlets, actors and spellings is mostly empty)."""
    counts = named.groupby(["outlet", "key", "text"], observed=True).size().reset_index(name="n")
    counts = counts.sort_values(["outlet", "key", "n"], ascending=[True, True, False], kind="stable")
    out: dict[tuple[str, str], dict[str, int]] = {}
    for outlet, key, text, n in counts.itertuples(index=False):
        out.setdefault((outlet, key), {})[text] = n
    return out


def actor_table(outlets: list[str], totals: pd.DataFrame, lexicon: Lexicon, matches: pd.DataFrame,
                headlines: pd.DataFrame) -> pd.DataFrame:
    """Outlet × actor: named and role mentions, rate, position and spellings used (zeros kept)."""
    actors = lexicon.actors
    m = matches[matches["kind"] == "actor"]
    grid = _grid(outlets, [a.id for a in actors])
    by = ["outlet", "key"]
    named = m[~m["role"]].groupby(by).size().rename("named_mentions")
    role = m[m["role"]].groupby(by).size().rename("role_mentions")
    variants = pd.Series(_spellings(m[~m["role"]]), name="variants", dtype=object)
    variants.index = variants.index.set_names(by) if len(variants) else pd.MultiIndex.from_tuples([], names=by)
    out = _position_columns(grid, m, headlines[headlines["kind"] == "actor"])
    out = out.join(named, on=by).join(role, on=by).join(variants, on=by)
    out[["named_mentions", "role_mentions"]] = out[["named_mentions", "role_mentions"]].fillna(0).astype(int)
    out["variants"] = out["variants"].apply(lambda v: v if isinstance(v, dict) else {})
    words = totals["words"].reindex(out["outlet"]).to_numpy()
    out["per_1k_words"] = (out["named_mentions"] + out["role_mentions"]) * 1000 / np.maximum(words, 1)
    labels = {a.id: a.label for a in actors}
    kinds = {a.id: a.kind for a in actors}
    out = out.rename(columns={"key": "actor"})
    out["label"] = out["actor"].map(labels)
    out["kind"] = out["actor"].map(kinds)
    return out[["outlet", "actor", "label", "kind", "named_mentions", "role_mentions", "per_1k_words",
                "first_sentence", "in_headline", "in_lede", "variants"]]


def topic_table(outlets: list[str], totals: pd.DataFrame, lexicon: Lexicon, matches: pd.DataFrame,
                headlines: pd.DataFrame, tfidf_mass: pd.DataFrame) -> pd.DataFrame:
    """Outlet × topic: hits, rate and sentence share with 95% intervals, position, TF-IDF mass."""
    m = matches[matches["kind"] == "topic"]
    grid = _grid(outlets, [t.id for t in lexicon.topics])
    by = ["outlet", "key"]
    hits = m.groupby(by).size().rename("hits")
    sentences = m.drop_duplicates(["outlet", "key", "article", "sentence"]).groupby(by).size().rename("hit_sentences")
    out = _position_columns(grid, m, headlines[headlines["kind"] == "topic"])
    out = out.join(hits, on=by).join(sentences, on=by).join(tfidf_mass, on=by)
    out[["hits", "hit_sentences"]] = out[["hits", "hit_sentences"]].fillna(0).astype(int)
    out["tfidf_mass"] = out["tfidf_mass"].fillna(0.0)
    per_outlet = totals.reindex(out["outlet"])
    words, n_sent = per_outlet["words"].to_numpy(), per_outlet["n_sentences"].to_numpy()
    out["per_1k_words"] = out["hits"] * 1000 / np.maximum(words, 1)
    out["per_1k_low"], out["per_1k_high"] = poisson_rate_interval(out["hits"], words)
    out["sentence_share"] = out["hit_sentences"] / np.maximum(n_sent, 1)
    out["share_low"], out["share_high"] = wilson_interval(out["hit_sentences"], n_sent)
    out = out.rename(columns={"key": "topic"})
    out["label"] = out["topic"].map({t.id: t.label for t in lexicon.topics})
    return out[["outlet", "topic", "label", "hits", "per_1k_words", "per_1k_low", "per_1k_high",
                "hit_sentences", "sentence_share", "share_low", "share_high", "first_sentence",
                "in_headline", "in_lede", "tfidf_mass"]]

