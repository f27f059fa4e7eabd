"""scikit-learn's English stop-word list, imported on first use.

Importing scikit-learn takes over half a second; a page that only reads stored results never
needs it, so modules that a page imports ask for the list here instead of importing it at load.
"""

from __future__ import annotations

from functools import cache


@cache
def stop_words() -> frozenset[str]:
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return frozenset(ENGLISH_STOP_WORDS)
