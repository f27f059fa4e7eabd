"""Distinct values of an integer array, by one sort.

numpy 2.4's ``np.unique`` without ``return_*`` arguments takes a hash-table path for integers that
is far slower on this machine than sorting: 1.07 s against 28 ms for 1.2M int64 (Compare's terms of
two outlets at 40,000 articles), 0.69 ms against 0.03 ms for 100 (once per article in the Spark
engine's executors). With ``return_inverse`` or ``return_counts`` it sorts, and stays fast.
"""

from __future__ import annotations

import numpy as np


def distinct(values) -> np.ndarray:
    """The sorted distinct values of ``values`` (flattened), as ``np.unique(values)`` gives them."""
    ordered = np.sort(np.asarray(values).ravel())
    if len(ordered) < 2:
        return ordered
    return ordered[np.r_[True, ordered[1:] != ordered[:-1]]]
