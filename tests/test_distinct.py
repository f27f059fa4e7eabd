"""The sorted distinct values helper equals np.unique on what the code gives it."""

import numpy as np
import pytest

from dashboard.analysis.distinct import distinct


@pytest.mark.parametrize("values", [
    np.array([], dtype=np.int64), np.array([7]), np.array([3, 3, 3]), np.array([[5, 1], [1, 9]]),
    np.random.default_rng(0).integers(-50, 50, 1000), np.random.default_rng(1).integers(0, 2**40, 5000),
    np.array([2, 1, 2], dtype=np.int32),
])
def test_distinct_is_np_unique(values):
    got = distinct(values)
    want = np.unique(values)
    assert got.dtype == want.dtype and np.array_equal(got, want)
