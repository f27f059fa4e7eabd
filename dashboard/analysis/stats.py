"""Interval estimates used by the tables, so every rate and share carries its uncertainty."""

from __future__ import annotations

import numpy as np

Z95 = 1.959963984540054


def wilson_interval(successes, trials, z: float = Z95) -> tuple[np.ndarray, np.ndarray]:
    """Wilson score interval for a proportion; well behaved at 0 and at small ``trials``."""
    k, n = np.asarray(successes, float), np.asarray(trials, float)
    with np.errstate(divide="ignore", invalid="ignore"):
        p = np.where(n > 0, k / n, 0.0)
        denom = 1 + z**2 / n
        centre = (p + z**2 / (2 * n)) / denom
        half = z * np.sqrt(p * (1 - p) / n + z**2 / (4 * n**2)) / denom
    low, high = np.where(n > 0, centre - half, 0.0), np.where(n > 0, centre + half, 0.0)
    # rounding leaves 1e-17 where the bound is exactly the estimate (k = 0 or k = n): pin it there
    return np.clip(np.minimum(low, p), 0, 1), np.clip(np.maximum(high, p), 0, 1)


def poisson_rate_interval(counts, exposure, per: float = 1000.0, level: float = 0.95):
    """Exact (Garwood) interval for a Poisson count, as a rate per ``per`` units of exposure."""
    from scipy import stats  # imported on first use: scipy.stats is slow to import

    k, e = np.asarray(counts, float), np.asarray(exposure, float)
    alpha = 1 - level
    low = np.where(k > 0, stats.chi2.ppf(alpha / 2, 2 * k) / 2, 0.0)
    high = stats.chi2.ppf(1 - alpha / 2, 2 * k + 2) / 2
    scale = np.where(e > 0, per / np.where(e > 0, e, 1), 0.0)
    rate = k * scale
    return np.minimum(low * scale, rate), np.maximum(high * scale, rate)
