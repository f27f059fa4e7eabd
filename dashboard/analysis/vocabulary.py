"""Questions about a whole vocabulary (hundreds of thousands of terms), each one pass in C++.

A pattern is run over every term by RE2 (pyarrow's regex engine: linear time, no lookarounds;
``^`` and ``$`` are the term's ends). That replaces a Python loop over every term, and a Python
regex over the vocabulary joined as one text, which took most of a second on a 10,000-article
corpus the first time a story was opened. The Arrow form of a vocabulary is made once per
vocabulary array (:func:`~dashboard.analysis.memo.per_array`): every story and date cut shares it.
"""

from __future__ import annotations

import re

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from dashboard.analysis.memo import per_array


@per_array()
def _terms(vocabulary) -> pa.Array:
    return pa.array(vocabulary, pa.string())


def terms_matching(vocabulary, pattern: str) -> np.ndarray:
    """Indices (ascending) of the terms in which ``pattern`` (RE2 syntax) finds a match."""
    return np.flatnonzero(pc.match_substring_regex(_terms(vocabulary), pattern).to_numpy(zero_copy_only=False))


def any_word(words) -> str:
    """A pattern for one of ``words`` as a whole token of a term (tokens are separated by spaces)."""
    return r"(?:^| )(?:" + "|".join(map(re.escape, sorted(words, key=len, reverse=True))) + r")(?: |$)"
