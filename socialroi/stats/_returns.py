"""An interval for a report's return-based metrics (ROI, ROAS) by resampling rows."""

from __future__ import annotations

import math
import numbers

import numpy as np
from numpy.typing import ArrayLike

from socialroi._errors import InvalidTypeError, InvalidValueError
from socialroi._metrics.arrays import (
    as_float_array,
)
from socialroi.stats._comparisons import Estimate
from socialroi.stats._inputs import (
    _choice,
    _confidence,
    _scalar_count,
)
from socialroi.stats._special import critical_value

#: Bootstrap resamples: the default, and the bounds accepted.
RESAMPLES, MIN_RESAMPLES, MAX_RESAMPLES = 2_000, 100, 1_000_000
#: Poisson weights drawn per block (rows x conversions), so memory stays bounded.
_BLOCK = 1 << 20


def return_interval(
    values: ArrayLike,
    investment: float,
    *,
    confidence: float = 0.95,
    method: str = "delta",
    rng: np.random.Generator | None = None,
    resamples: int | None = None,
) -> dict[str, Estimate]:
    """ROI and ROAS with intervals when the return is a sum of per-conversion values.

    The return R = sum(values) is random twice over: how many conversions came, and what
    each was worth. Treating conversions as a Poisson process, Var(R) = sum(values**2)
    (compound Poisson). ``method="delta"`` uses the normal approximation R +/- z sqrt(that);
    ``method="bootstrap"`` resamples with Poisson(1) weights per conversion (the Poisson
    bootstrap) using the ``numpy.random.Generator`` you pass as ``rng``: no global random
    state. ``resamples`` (bootstrap only) is an integer from 100 to 1,000,000, 2,000 by
    default; ``rng`` and ``resamples`` given with ``method="delta"`` are an error, not
    ignored. ROI = (R - I) / I and ROAS = R / I follow by monotone maps.

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
    v = as_float_array(values, argument="values")
    if v.ndim != 1:
        raise InvalidValueError(
            f"'values' must be a 1-d array of per-conversion values: shape {v.shape}"
        )
    spend = _scalar_count(investment, "investment")
    if spend == 0:
        raise InvalidValueError("'investment' must be > 0 for ROI and ROAS intervals: 0.0")
    chosen = _choice(method, "method", ("delta", "bootstrap"))
    # Everything in units of a power of two near the largest value (exact, and no sum of
    # values near 1e308 overflows); results go back to money at the end.
    scale = math.ldexp(1.0, math.frexp(float(v.max()))[1] - 1) if v.size and v.max() > 0 else 1.0
    u = v / scale
    total = float(u.sum())
    if chosen == "delta":
        if rng is not None or resamples is not None:
            raise InvalidValueError(
                "'rng' and 'resamples' are for method='bootstrap'; the delta method draws "
                f"nothing: rng={rng!r}, resamples={resamples!r}"
            )
        half = critical_value(level) * math.sqrt(float(np.sum(u * u)))
        low, high = total - half, total + half
    else:
        low, high = _bootstrap(u, level, rng, resamples)
    money = Estimate(total * scale, low * scale, high * scale, level)
    roas = Estimate(
        _over(total, scale, spend), _over(low, scale, spend), _over(high, scale, spend), level
    )
    roi = Estimate(roas.value - 1.0, roas.low - 1.0, roas.high - 1.0, level)
    return {"return": money, "roas": roas, "roi": roi}


def _over(x: float, scale: float, spend: float) -> float:
    """(x * scale) / spend, rearranged where x * scale alone is beyond floats."""
    money = x * scale
    return money / spend if math.isfinite(money) else x * (scale / spend)


def _bootstrap(u: np.ndarray, level: float, rng: object, resamples: object) -> tuple[float, float]:
    """Quantiles of Poisson-weighted totals of ``u``, drawn in bounded blocks."""
    if not isinstance(rng, np.random.Generator):
        raise InvalidTypeError(
            "method='bootstrap' needs rng=numpy.random.default_rng(seed): "
            f"got {rng!r}; socialroi never uses global random state"
        )
    count = RESAMPLES if resamples is None else _resamples(resamples)
    totals = np.empty(count)
    rows = max(1, _BLOCK // max(u.size, 1))
    for start in range(0, count, rows):
        stop = min(start + rows, count)
        totals[start:stop] = rng.poisson(1.0, size=(stop - start, u.size)) @ u
    tail = (1.0 - level) / 2.0
    low, high = (float(x) for x in np.quantile(totals, [tail, 1.0 - tail]))
    return low, high


def _resamples(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise InvalidTypeError(f"'resamples' must be an integer: {value!r}")
    count = int(value)
    if not MIN_RESAMPLES <= count <= MAX_RESAMPLES:
        digits = len(str(abs(count)))
        shown = str(count) if digits <= 15 else f"an integer of {digits} digits"
        raise InvalidValueError(
            f"'resamples' must be from {MIN_RESAMPLES:,} to {MAX_RESAMPLES:,}: {shown}"
        )
    return count
