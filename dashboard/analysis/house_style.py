"""House style apart from framing: terms that set an outlet apart by how it writes, not what it says.

On real corpora an outlet's most distinctive terms are its own name ("told Fox News", "Politico
reported"), its honorific style ("Mr", "Mrs": the NYT writes "Mr. Biden", most others "Biden") and
its choice of reporting verb ("says" against "said"). They are real differences, but of copy-desk
style, and they crowd out the framing an analyst is looking for. Each term row is marked with the
kind of house style it is, so a page can hide them and say how many it hid.
"""

from __future__ import annotations

import re
from itertools import combinations

import numpy as np
import pandas as pd
from scipy import sparse

from dashboard.analysis.memo import per_array
from dashboard.analysis.terms import TOKEN
from dashboard.analysis.vocabulary import any_word, terms_matching
from dashboard.stopwords import stop_words

SELF, HONORIFIC, REPORTING = "self-reference", "honorific", "reporting verb"
#: A word of an outlet's name is that outlet's self-reference on its own ("fox", "told fox" for Fox News) when at
#: least this share of its uses in the outlet's own text stand in the name; "washington" in The Washington Post is
#: mostly the city and stays.
SELF_SHARE = 0.5
STYLES = ("", SELF, HONORIFIC, REPORTING)

HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "messrs", "dr", "sir", "dame", "sen", "rep", "gov", "lt", "gen",
                        "prof", "rev", "hon", "mme", "mlle", "herr", "frau"})
REPORTING_VERBS = frozenset({  # forms that are reporting verbs in nearly every use ("states" is not: United States)
    "said", "says", "told", "tells", "added", "adds", "noted", "stated", "according", "remarked", "responded",
    "replied", "explained", "asked", "wrote", "tweeted", "stressed", "insisted", "argued", "reporters",
    "spokesman", "spokeswoman", "spokesperson", "reportedly",
})


def _name_tokens(name: str) -> tuple[str, ...]:
    """An outlet name as the term tokeniser sees it: "The Hill" -> ("hill",); "Fox News" -> ("fox", "news")."""
    return tuple(t for t in TOKEN.findall(name.lower()) if t not in stop_words())


def _contains(tokens: list[str], phrase: tuple[str, ...]) -> bool:
    n = len(phrase)
    return any(tuple(tokens[i:i + n]) == phrase for i in range(len(tokens) - n + 1))


_HONORIFIC = any_word(HONORIFICS)
_REPORTING = "^(?:{0})(?: (?:{0}))*$".format("|".join(sorted(REPORTING_VERBS, key=len, reverse=True)))


@per_array()
def style_codes(vocabulary, outlets: tuple[str, ...]) -> tuple[np.ndarray, dict[int, set[int]]]:
    """Per vocabulary term, its style code (index into :data:`STYLES`, outlet-independent kinds),
    and per term that names an outlet, the outlet codes it names (once per vocabulary: shared, do
    not change them)."""
    names = {code: phrase for code, o in enumerate(outlets) if (phrase := _name_tokens(o))}
    codes = np.zeros(len(vocabulary), dtype=np.int8)
    codes[terms_matching(vocabulary, _REPORTING)] = STYLES.index(REPORTING)  # every word a reporting verb
    codes[terms_matching(vocabulary, _HONORIFIC)] = STYLES.index(HONORIFIC)  # any word an honorific: it wins
    names_of: dict[int, set[int]] = {}
    first_words = {phrase[0] for phrase in names.values()}
    if first_words:
        for i in terms_matching(vocabulary, any_word(first_words)).tolist():
            tokens = vocabulary[i].split()
            named = {code for code, phrase in names.items() if _contains(tokens, phrase)}
            if named:
                names_of[i] = named
    return codes, names_of


@per_array()
def _name_word_terms(vocabulary, outlets: tuple[str, ...]) -> tuple[np.ndarray, dict[tuple[str, ...], int],
                                                                    dict[frozenset, list[int]]]:
    """The terms made only of outlets' name words and reporting verbs: their columns, the position of each
    among them by its words, and the positions by the set of name words each holds."""
    words = {t for o in outlets for t in _name_tokens(o)}
    if not words:
        return np.zeros(0, np.int64), {}, {}
    alternatives = "|".join(map(re.escape, sorted(words | REPORTING_VERBS, key=len, reverse=True)))
    columns = terms_matching(vocabulary, f"^(?:{alternatives})(?: (?:{alternatives}))*$")
    position, by_names = {}, {}
    for k, c in enumerate(columns.tolist()):
        term_words = tuple(vocabulary[c].split())
        position[term_words] = k
        if named := frozenset(term_words) & words:
            by_names.setdefault(named, []).append(k)
    return columns, position, by_names


def self_references(counts: sparse.csr_matrix, vocabulary, outlets: list[str]) -> dict[int, set[int]]:
    """Term column -> the outlets (codes; rows of ``counts``, the outlet × term counts) it is a
    self-reference of besides holding their whole name: terms made of words the outlet mostly writes
    within its own name (:data:`SELF_SHARE`), perhaps with a reporting verb ("fox", "told fox")."""
    columns, position, by_names = _name_word_terms(vocabulary, tuple(outlets))
    names = {code: name for code, outlet in enumerate(outlets) if len(name := _name_tokens(outlet)) >= 2}
    # a one-word name ("Politico") is its whole name: style_codes finds it
    wanted = [(code, key) for code, name in names.items()
              for key in dict.fromkeys([*((w,) for w in name), *zip(name, name[1:])]) if key in position]
    if not wanted:
        return {}
    rows, keys = zip(*wanted)  # read as (row, column) pairs: slicing columns out of every row costs a pass over all
    values = np.asarray(counts[list(rows), [int(columns[position[k]]) for k in keys]]).ravel()
    count = dict(zip(wanted, values.tolist()))
    out: dict[int, set[int]] = {}
    for code, name in names.items():
        own = []
        for w in dict.fromkeys(name):
            uses = count.get((code, (w,)), 0)
            within = max((count.get((code, pair), 0) for pair in zip(name, name[1:]) if w in pair), default=0)
            if uses and within >= SELF_SHARE * uses:
                own.append(w)
        for size in range(1, len(own) + 1):  # the terms whose name words are all the outlet's own
            for named in combinations(own, size):
                for k in by_names.get(frozenset(named), ()):
                    out.setdefault(int(columns[k]), set()).add(code)
    return out


def merged_names(names_of: dict[int, set[int]], more: dict[int, set[int]]) -> dict[int, set[int]]:
    """Both maps of term -> outlets named, in a new dict (the first is shared and stays as it is)."""
    out = {k: set(v) for k, v in names_of.items()}
    for k, v in more.items():
        out.setdefault(k, set()).update(v)
    return out


def style_column(outlet_codes: np.ndarray, term_codes: np.ndarray, vocabulary, outlets: list[str],
                 counts: sparse.csr_matrix | None = None) -> pd.Categorical:
    """The house-style kind of each (outlet, term) row: a term naming the row's own outlet is a
    self-reference (another outlet's name is a source, and stays); otherwise the term's kind. With the
    outlet × term ``counts``, also the name words an outlet writes mostly within its name (:func:`self_references`)."""
    codes, names_of = style_codes(vocabulary, tuple(outlets))
    if counts is not None:
        names_of = merged_names(names_of, self_references(counts, vocabulary, outlets))
    column = codes[term_codes]
    if names_of:
        candidates = np.flatnonzero(np.isin(term_codes, np.fromiter(names_of, dtype=term_codes.dtype)))
        own = [r for r in candidates.tolist() if outlet_codes[r] in names_of[term_codes[r]]]
        column[own] = STYLES.index(SELF)
    return pd.Categorical.from_codes(column, categories=STYLES)


def is_house_style(terms: pd.DataFrame) -> np.ndarray:
    """Mask of the rows that are house style of any kind."""
    return terms["style"].cat.codes.to_numpy() > 0
