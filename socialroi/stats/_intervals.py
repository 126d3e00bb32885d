"""Intervals for binomial rates (Wilson, Jeffreys), on numbers, arrays and reports."""

from __future__ import annotations

from typing import overload

import attrs
import numpy as np
from numpy.typing import ArrayLike

from socialroi._errors import InvalidTypeError, InvalidValueError, SocialROIError
from socialroi._metrics.arrays import (
    Float64Array,
    FloatOrArray,
    finish,
    is_scalar,
)
from socialroi._metrics.catalog import COUNT_MEASURES, METRICS, Unit, measure_column, metric
from socialroi._reports.report import Report
from socialroi.stats._inputs import (
    _choice,
    _confidence,
    _counts,
    _rate,
    _real,
)
from socialroi.stats._special import critical_value, jeffreys_bounds


def _wilson(s: Float64Array, n: Float64Array, z: float) -> tuple[Float64Array, Float64Array]:
    """The Wilson bounds, written with n multiplied through (center = (s + z^2/2) / (n + z^2))
    so that neither a tiny nor a huge number of trials overflows on the way."""
    with np.errstate(all="ignore"):  # zero trials give NaN, as documented
        z2 = z * z
        spread = n + z2
        center = (s + z2 / 2.0) / spread
        half = z * np.sqrt(s * (1.0 - s / n) + z2 / 4.0) / spread
        # low <= center <= 1 and high >= center >= 0; rounding alone takes low below 0 (a
        # tiny fraction of a success) or high above 1 (all successes)
        return np.maximum(center - half, 0.0), np.minimum(center + half, 1.0)


@overload
def wilson_interval(
    successes: float, trials: float, *, confidence: float = ...
) -> tuple[float, float]: ...
@overload
def wilson_interval(
    successes: ArrayLike, trials: ArrayLike, *, confidence: float = ...
) -> tuple[FloatOrArray, FloatOrArray]: ...
def wilson_interval(
    successes: ArrayLike, trials: ArrayLike, *, confidence: float = 0.95
) -> tuple[FloatOrArray, FloatOrArray]:
    """Wilson score interval for a binomial rate.

    Source: E. B. Wilson (1927), "Probable inference, the law of succession, and statistical
    inference", JASA 22; recommended by Brown, Cai & DasGupta (2001), Statistical Science 16.

    Examples
    --------
    >>> from socialroi import stats
    >>> low, high = stats.wilson_interval(12, 400)   # 12 conversions from 400 clicks
    >>> round(low, 4), round(high, 4)
    (0.0172, 0.0517)
    >>> stats.wilson_interval(0, 0)                  # no trials: undefined
    (nan, nan)
    """
    z = critical_value(_confidence(confidence))
    s, n = _counts(successes, trials)
    low, high = _wilson(s, n, z)
    scalar = is_scalar(successes) and is_scalar(trials)
    return finish(low, scalar), finish(high, scalar)


@overload
def jeffreys_interval(
    successes: float, trials: float, *, confidence: float = ...
) -> tuple[float, float]: ...
@overload
def jeffreys_interval(
    successes: ArrayLike, trials: ArrayLike, *, confidence: float = ...
) -> tuple[FloatOrArray, FloatOrArray]: ...
def jeffreys_interval(
    successes: ArrayLike, trials: ArrayLike, *, confidence: float = 0.95
) -> tuple[FloatOrArray, FloatOrArray]:
    """Jeffreys interval: the equal-tailed interval of the Beta(s + 1/2, n - s + 1/2)
    posterior, as statsmodels computes it (without Brown et al.'s boundary adjustment).

    Source: Brown, Cai & DasGupta (2001), "Interval estimation for a binomial proportion",
    Statistical Science 16, section 4.1.2.

    Examples
    --------
    >>> from socialroi import stats
    >>> low, high = stats.jeffreys_interval(12, 400)
    >>> round(low, 4), round(high, 4)
    (0.0165, 0.0502)

    Arrays give arrays, computed at once (scipy's beta inverse; beyond 10**12 trials, where
    that inverse loses digits, the normal approximation, off by about 1e-12 at the switch
    and less beyond); no trials give NaN:

    >>> lows, highs = stats.jeffreys_interval([12, 120, 0], [400, 4_000, 0])
    >>> [round(x, 4) for x in highs.tolist()]
    [0.0502, 0.0356, nan]
    """
    level = _confidence(confidence)
    s, n = _counts(successes, trials)
    low, high = jeffreys_bounds(s, n, (1.0 - level) / 2.0)
    scalar = is_scalar(successes) and is_scalar(trials)
    return finish(low, scalar), finish(high, scalar)


@attrs.frozen
class RateIntervals:
    """A rate metric on every row of a report, with its interval per row."""

    metric: str
    value: Float64Array = attrs.field(eq=False)
    low: Float64Array = attrs.field(eq=False)
    high: Float64Array = attrs.field(eq=False)
    confidence: float = attrs.field(converter=_real)


def rate_intervals(
    report: Report, metric_name: str, *, confidence: float = 0.95, method: str = "wilson"
) -> RateIntervals:
    """Intervals for a count-over-count rate metric (CTR, engagement rate, conversion
    rates) on every row of a report.

    Examples
    --------
    >>> import socialroi as sr
    >>> from socialroi import stats
    >>> acts = [sr.Activity("a", "paid", sr.Measures.of("USD", impressions=1_000,
    ...                                                 link_clicks=30)),
    ...         sr.Activity("b", "paid", sr.Measures.of("USD", impressions=50,
    ...                                                 link_clicks=0))]
    >>> ci = stats.rate_intervals(sr.report(acts, by="channel"), "ctr")
    >>> ci.value.tolist(), [round(x, 4) for x in ci.high.tolist()]
    ([0.03, 0.0], [0.0426, 0.0713])
    """
    if not isinstance(report, Report):
        raise InvalidTypeError(f"'report' must be a socialroi Report: {report!r}")
    level = _confidence(confidence)
    interval = {"wilson": wilson_interval, "jeffreys": jeffreys_interval}[
        _choice(method, "method", ("wilson", "jeffreys"))
    ]
    try:
        m = metric(metric_name)
    except SocialROIError as error:  # the catalog's message, naming this argument
        raise type(error)(f"'metric_name': {error}") from None
    if m.unit is not Unit.FRACTION or not all(i in COUNT_MEASURES for i in m.inputs):
        rates = [
            n
            for n, x in METRICS.items()
            if x.unit is Unit.FRACTION and all(i in COUNT_MEASURES for i in x.inputs)
        ]
        raise InvalidValueError(
            f"{metric_name!r} is not a count-over-count rate, so it has no binomial interval;"
            f" rates that do: {', '.join(rates)}"
        )
    columns = {name: report.column(name) for name in set(m.inputs)}
    successes, trials = (measure_column(columns, name) for name in m.inputs)
    low, high = interval(successes, trials, confidence=level)
    return RateIntervals(
        m.name, _rate(successes, trials), np.asarray(low), np.asarray(high), level
    )
