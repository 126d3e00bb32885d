"""An interval for a report's return-based metrics (ROI, ROAS) by resampling rows."""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import ArrayLike

from socialroi._errors import InvalidTypeError, InvalidValueError
from socialroi._metrics.arrays import (
    as_float_array,
)
from socialroi.stats._comparisons import Estimate
from socialroi.stats._inputs import (
    _confidence,
    _scalar_count,
    _z,
)


def return_interval(
    values: ArrayLike,
    investment: float,
    *,
    confidence: float = 0.95,
    method: str = "delta",
    rng: np.random.Generator | None = None,
    resamples: int = 2_000,
) -> dict[str, Estimate]:
    """ROI and ROAS with intervals when the return is a sum of per-conversion values.

    The return R = sum(values) is random twice over: how many conversions came, and what
    each was worth. Treating conversions as a Poisson process, Var(R) = sum(values**2)
    (compound Poisson). ``method="delta"`` uses the normal approximation R +/- z sqrt(that);
    ``method="bootstrap"`` resamples with Poisson(1) weights per conversion (the Poisson
    bootstrap) using the ``numpy.random.Generator`` you pass: no global random state.
    ROI = (R - I) / I and ROAS = R / I follow by monotone maps.

    Examples
    --------
    >>> import numpy as np
    >>> from socialroi import stats
    >>> deals = np.full(45, 1_000.0)                  # 45 deals of 1,000
    >>> r = stats.return_interval(deals, 20_000)
    >>> r["roi"].value, round(r["roi"].low, 3), round(r["roi"].high, 3)
    (1.25, 0.593, 1.907)
    >>> boot = stats.return_interval(deals, 20_000, method="bootstrap",
    ...                              rng=np.random.default_rng(0))
    >>> boot["roi"].low < 1.25 < boot["roi"].high
    True
    """
    level = _confidence(confidence)
    v = as_float_array(values, argument="values").ravel()
    spend = _scalar_count(investment, "investment")
    if spend == 0:
        raise InvalidValueError("'investment' must be > 0 for ROI and ROAS intervals")
    total = float(v.sum())
    if method == "delta":
        half = _z(level) * math.sqrt(float(np.sum(v * v)))
        low, high = total - half, total + half
    elif method == "bootstrap":
        if not isinstance(rng, np.random.Generator):
            raise InvalidTypeError(
                "method='bootstrap' needs rng=numpy.random.default_rng(seed): "
                f"got {rng!r}; socialroi never uses global random state"
            )
        if isinstance(resamples, bool) or not isinstance(resamples, int) or resamples < 100:
            raise InvalidValueError(f"'resamples' must be an integer >= 100: {resamples!r}")
        weights = rng.poisson(1.0, size=(resamples, v.size))
        totals = weights @ v
        tail = (1.0 - level) / 2.0
        low, high = (float(x) for x in np.quantile(totals, [tail, 1.0 - tail]))
    else:
        raise InvalidValueError(f"'method' must be 'delta' or 'bootstrap': {method!r}")
    roas = Estimate(total / spend, low / spend, high / spend, level)
    roi = Estimate(roas.value - 1.0, roas.low - 1.0, roas.high - 1.0, level)
    return {"return": Estimate(total, low, high, level), "roas": roas, "roi": roi}
