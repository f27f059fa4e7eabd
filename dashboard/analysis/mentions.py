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
    return pd.DataFrame({"outlet": pd.Series(np.repeat(np.array(outlets, dtype=object), len(keys)), dtype=object),
                         "key": pd.Series(np.tile(np.array(keys, dtype=object), len(outlets)), dtype=object)})


def _cells(outlets: list[str], keys: list[str], rows: pd.DataFrame) -> np.ndarray:
    """Each row's cell in the outlet × key grid (outlet-major, as :func:`_grid` orders it), or -1
    when its outlet or key is not in the grid: counts are then one ``bincount``, not a group-by and
    a join (a story's cut makes these tables on every first visit)."""
    outlet = pd.Categorical(rows["outlet"], categories=outlets).codes.astype(np.int64)
    key = pd.Categorical(rows["key"], categories=keys).codes.astype(np.int64)
    return np.where((outlet >= 0) & (key >= 0), outlet * len(keys) + key, -1)


def _count(cells: np.ndarray, size: int) -> np.ndarray:
    return np.bincount(cells[cells >= 0], minlength=size)


def _position_columns(outlets: list[str], keys: list[str], matches: pd.DataFrame, cells: np.ndarray,
                      headlines: pd.DataFrame) -> pd.DataFrame:
    """The outlet × key grid with first_sentence, in_lede, in_headline per cell (``cells``: the matches')."""
    out = _grid(outlets, keys)
    found = cells >= 0
    first = np.full(len(out), np.iinfo(np.int64).max)
    np.minimum.at(first, cells[found], matches["sentence"].to_numpy(np.int64)[found])
    out["first_sentence"] = pd.arrays.IntegerArray(first, first == np.iinfo(np.int64).max)
    out["in_lede"] = _count(cells[matches["paragraph"].to_numpy() < LEDE_PARAGRAPHS], len(out)) > 0
    out["in_headline"] = _count(_cells(outlets, keys, headlines), len(out)) > 0
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
    keys = [a.id for a in actors]
    cells, role = _cells(outlets, keys, m), m["role"].to_numpy(bool)
    out = _position_columns(outlets, keys, m, cells, headlines[headlines["kind"] == "actor"])
    out["named_mentions"] = _count(cells[~role], len(out))
    out["role_mentions"] = _count(cells[role], len(out))
    variants = [{} for _ in range(len(out))]
    outlet_at, key_at = {o: i for i, o in enumerate(outlets)}, {k: i for i, k in enumerate(keys)}
    for (outlet, key), spellings in _spellings(m[~role]).items():
        if outlet in outlet_at and key in key_at:
            variants[outlet_at[outlet] * len(keys) + key_at[key]] = spellings
    out["variants"] = pd.Series(variants, index=out.index, dtype=object)
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
    keys = [t.id for t in lexicon.topics]
    cells = _cells(outlets, keys, m)
    out = _position_columns(outlets, keys, m, cells, headlines[headlines["kind"] == "topic"])
    out["hits"] = _count(cells, len(out))
    once = ~pd.DataFrame({"cell": cells, "article": m["article"].to_numpy(), "sentence": m["sentence"].to_numpy()}).duplicated()
    out["hit_sentences"] = _count(cells[once.to_numpy()], len(out))
    out["tfidf_mass"] = tfidf_mass.reindex(pd.MultiIndex.from_arrays([out["outlet"], out["key"]])).fillna(0.0).to_numpy()
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

