"""Which rows of a column hold one of a set of values, tested once per distinct value.

The big tables (matches, sentences, quotes) keep outlet and article as categoricals: turning
2M codes into strings to test them (``astype(str).isin``) took most of a Coverage open at 40,000
articles; testing the few thousand categories and indexing by code gives the same rows.
"""

from __future__ import annotations

import numpy as np
import pandas as pd


def is_in(column: pd.Series, values) -> np.ndarray:
    """Boolean mask: the column's value, as a string, is one of ``values``."""
    values = set(values)
    if isinstance(column.dtype, pd.CategoricalDtype):
        hit = np.append(column.cat.categories.astype(str).isin(values), False)  # code -1 (missing) -> False
        return hit[column.cat.codes.to_numpy()]
    return column.astype(str).isin(values).to_numpy()
