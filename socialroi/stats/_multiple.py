"""Many tests at once: Holm's step-down correction of p-values."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from socialroi._errors import InvalidValueError
from socialroi._metrics.arrays import Float64Array, as_float_array


def holm(p_values: ArrayLike) -> Float64Array:
    """Holm-adjusted p-values: reject where the adjusted value is below the level, and the
    chance of any false rejection among the tests stays at most that level.

    The i-th smallest of m p-values is multiplied by m - i + 1, then the running maximum
    keeps the order, capped at 1 (Holm, 'A simple sequentially rejective multiple test
    procedure', Scandinavian Journal of Statistics 6, 1979; the same values as statsmodels'
    ``multipletests(p, method="holm")[1]``, checked in tests/test_compare_rows.py). NaN
    p-values (tests that could not be run) stay NaN and do not count among the m tests.

    >>> from socialroi import stats
    >>> stats.holm([0.01, 0.04, 0.03]).tolist()
    [0.03, 0.06, 0.06]
    >>> stats.holm([0.2, float("nan")]).tolist()
    [0.2, nan]
    """
    raw = p_values
    if isinstance(p_values, (list, tuple)):
        try:
            raw = np.asarray(p_values)
        except (TypeError, ValueError):  # ragged: the check below names it
            raw = p_values
    if isinstance(raw, np.ndarray) and raw.dtype.kind == "f":  # NaN: a test not run
        untested = np.isnan(raw)
        p = as_float_array(np.where(untested, 0.0, raw), argument="p_values")
        p[untested] = np.nan
    else:
        p = as_float_array(raw, argument="p_values")
    if p.ndim != 1:
        raise InvalidValueError(f"'p_values' must be one-dimensional: shape {p.shape}")
    if np.any(p[~np.isnan(p)] > 1.0):
        raise InvalidValueError("'p_values' must be probabilities in [0, 1]")
    out = np.full(p.shape, np.nan)
    tested = np.flatnonzero(~np.isnan(p))
    m = tested.size
    if m:
        order = tested[np.argsort(p[tested], kind="stable")]
        scaled = p[order] * (m - np.arange(m))
        out[order] = np.minimum(np.maximum.accumulate(scaled), 1.0)
    return out
