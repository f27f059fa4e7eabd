"""Corpus-learned furniture: a paragraph one outlet prints, unchanged, in several of its articles.

Hand-written rules cannot know every site's sign-up box or copyright line, but the corpus can:
a line that recurs across an outlet's articles (after folding case, whitespace and digits, so
"© 2019" and "© 2021" are one line) is a template, not reporting. Each paragraph becomes one
64-bit key, so learning it is a count per (outlet, key), linear in the corpus and the same on
every run; no article is ever compared with another.

Thresholds (parameters of :func:`learn`):

* ``min_articles`` (3): a line must stand in at least three distinct articles of the outlet. A
  quote or a passage reused in two articles (a story and its update) is reporting, not furniture.
* ``max_words`` (40): longer recurring paragraphs are reused background copy, and kept.
* A paragraph that carries a direct quote is never learned.
* Articles with the very same text (the same page scraped twice) count once.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from dashboard.workers import SHARED, run

MIN_ARTICLES = 3
MAX_WORDS = 40

_DIGITS = re.compile(r"\d+")
QUOTE = re.compile(r"[“\"«][^”\"»]*?\w+\W+\w+\W+\w+[^”\"»]*[”\"»]")  # a quotation of three words or more


def _hash(text: str) -> int:
    return int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "little", signed=True)


def line_key(line: str) -> int:
    """The key of one paragraph: case, whitespace and digits folded, hashed to a signed 64-bit int."""
    return _hash(_DIGITS.sub("0", " ".join(line.casefold().split())))


def candidate_lines(text: str, max_words: int = MAX_WORDS) -> list[str]:
    """The paragraphs of a raw text that could be learned as furniture (short, no quote)."""
    return [line for line in text.split("\n")
            if line.strip() and len(line.split()) <= max_words and not QUOTE.search(line)]


def article_keys(text: str, max_words: int = MAX_WORDS) -> np.ndarray:
    """Distinct keys of an article's candidate paragraphs, plus its whole-text key first."""
    keys = {line_key(line) for line in candidate_lines(text.replace("\r\n", "\n"), max_words)}
    return np.array([_hash(text), *sorted(keys)], dtype=np.int64)


def count(outlets: np.ndarray, keys: list[np.ndarray], *, min_articles: int = MIN_ARTICLES) -> dict[int, dict[int, int]]:
    """Per outlet code, the keys in at least ``min_articles`` distinct articles, with their counts.

    ``keys[i]`` is :func:`article_keys` of article ``i`` and ``outlets[i]`` its outlet code.
    """
    seen: set[tuple[int, int]] = set()
    codes, lines = [], []
    for outlet, article in zip(outlets.tolist(), keys):
        if (outlet, int(article[0])) in seen:  # the same text again: one article
            continue
        seen.add((outlet, int(article[0])))
        codes.append(np.full(len(article) - 1, outlet, dtype=np.int64))
        lines.append(article[1:])
    if not lines:
        return {}
    pairs = np.stack([np.concatenate(codes), np.concatenate(lines)], axis=1)
    unique, counts = np.unique(pairs, axis=0, return_counts=True)
    keep = counts >= min_articles
    table: dict[int, dict[int, int]] = {}
    for (outlet, key), n in zip(unique[keep].tolist(), counts[keep].tolist()):
        table.setdefault(outlet, {})[key] = n
    return table


def _chunk_keys(bounds: tuple[int, int]) -> list[np.ndarray]:
    rows, max_words = SHARED["rows"], SHARED["max_words"]
    return [article_keys(row["text"], max_words) for row in rows[bounds[0]:bounds[1]]]


def learn(rows: Sequence[Mapping[str, str]], *, min_articles: int = MIN_ARTICLES,
          max_words: int = MAX_WORDS) -> dict[str, dict[int, int]]:
    """Per outlet name, the learned furniture keys and how many articles carried each (lines
    hashed in the worker pool)."""
    names = list(dict.fromkeys(row["outlet"] for row in rows))
    code = {name: i for i, name in enumerate(names)}
    outlets = np.array([code[row["outlet"]] for row in rows], dtype=np.int64)
    keys = [k for part in run(_chunk_keys, len(rows), {"rows": rows, "max_words": max_words}) for k in part]
    table = count(outlets, keys, min_articles=min_articles)
    return {names[c]: learned for c, learned in table.items()}


def learned_table(learned: Mapping[str, Mapping[int, int]]) -> pd.DataFrame:
    """The learned furniture as a table (outlet, key, articles), as results store it: cleaning one
    article again later (the Read page) needs its outlet's rows only."""
    rows = sorted((o, k, n) for o, keys in learned.items() for k, n in keys.items())  # the same whatever the engine
    return pd.DataFrame(rows, columns=["outlet", "key", "articles"]).astype({"key": "int64", "articles": "int64"})
