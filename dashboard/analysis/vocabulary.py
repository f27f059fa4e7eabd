"""Questions about a whole vocabulary (hundreds of thousands of terms) in one regex pass.

A term list is joined into one text, a term per line, and a pattern is run over it once; the
lines it matches are the terms. That replaces a Python loop over every term, which took
seconds on a 10,000-article corpus each time a story was opened. Computed once per vocabulary
array (:func:`~dashboard.analysis.memo.per_array`): every story and date cut shares it.
"""

from __future__ import annotations

import re

import numpy as np

from dashboard.analysis.memo import per_array


@per_array()
def _joined(vocabulary) -> tuple[str, np.ndarray]:
    """The terms as one text, a term per line, and each line's start."""
    lengths = np.fromiter((len(t) + 1 for t in vocabulary), dtype=np.int64, count=len(vocabulary))
    return "\n".join(vocabulary), np.concatenate([[0], np.cumsum(lengths)[:-1]])


def terms_matching(vocabulary, pattern: re.Pattern[str]) -> np.ndarray:
    """Indices (ascending) of the terms in which ``pattern`` (compiled with ``re.MULTILINE`` when it
    anchors on ``^``/``$``, never crossing a newline) finds a match."""
    text, starts = _joined(vocabulary)
    found = np.fromiter((m.start() for m in pattern.finditer(text)), dtype=np.int64)
    return np.unique(np.searchsorted(starts, found, side="right") - 1)


def any_word(words) -> str:
    """A pattern for one of ``words`` as a whole token of a term (tokens are separated by spaces)."""
    return r"(?:^| )(?:" + "|".join(map(re.escape, sorted(words, key=len, reverse=True))) + r")(?= |$)"
