"""Row membership by category: the same rows as the string test, missing values never in."""

import numpy as np
import pandas as pd

from dashboard.analysis.membership import is_in


def test_categorical_and_plain_columns_give_the_same_rows():
    values = ["cnn-1", "voa-2", None, "cnn-1", "hill-3"]
    categorical = pd.Series(pd.Categorical(values, categories=["hill-3", "cnn-1", "voa-2", "unused"]))
    for wanted in ({"cnn-1"}, {"voa-2", "hill-3"}, set(), {"unused"}):
        expected = np.array([v in wanted for v in values])
        assert (is_in(categorical, wanted) == expected).all()
        assert (is_in(pd.Series(values, dtype=object), wanted) == expected).all()
