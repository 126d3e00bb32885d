"""Is the difference real? Intervals, tests and lift, with numpy and the standard library.

Rates here are binomial: ``successes`` out of ``trials`` (clicks out of impressions,
conversions out of visitors). Everything is vectorised like the core formulas: plain numbers
give floats, array-likes give arrays. Zero trials make a rate undefined, so its interval is
``(nan, nan)``; all or no successes are ordinary cases.

Agreement: Wilson and Jeffreys intervals, the pooled two-proportion z-test and the
Newcombe (difference) and log-adjusted (ratio) intervals match statsmodels'
``proportion_confint``, ``proportions_ztest`` and ``confint_proportions_2indep`` to 1e-9
(see tests/test_stats.py).
"""

from __future__ import annotations

import math
import numbers
from statistics import NormalDist
from typing import overload

import attrs
import numpy as np
from numpy.typing import ArrayLike

from socialroi._arrays import (
    Float64Array,
    FloatOrArray,
    as_float_array,
    broadcast,
    finish,
    is_scalar,
)
from socialroi._beta import beta_quantile
from socialroi._catalog import COUNT_MEASURES, METRICS, Unit, measure_column, metric
from socialroi._check import check_number
from socialroi._errors import InvalidTypeError, InvalidValueError
from socialroi._report import Report

__all__ = [
    "Estimate",
    "LiftResult",
    "RateComparison",
    "compare_rates",
    "jeffreys_interval",
    "lift_test",
    "minimum_detectable_effect",
    "rate_intervals",
    "required_sample_size",
    "return_interval",
    "wilson_interval",
]

_NORMAL = NormalDist()


def _confidence(confidence: object) -> float:
    if isinstance(confidence, bool) or not isinstance(confidence, numbers.Real):
        raise InvalidTypeError(f"'confidence' must be a number in (0, 1): {confidence!r}")
    level = float(confidence)
    if not 0.0 < level < 1.0:
        raise InvalidValueError(
            f"'confidence' must be in (0, 1), e.g. 0.95 for 95%: {confidence!r}"
        )
    return level


def _z(confidence: float) -> float:
    """The two-sided normal critical value for ``confidence``."""
    return _NORMAL.inv_cdf(1.0 - (1.0 - confidence) / 2.0)


def _counts(
    successes: ArrayLike, trials: ArrayLike, names: tuple[str, str] = ("successes", "trials")
) -> tuple[Float64Array, Float64Array]:
    s, n = broadcast(
        {
            names[0]: as_float_array(successes, argument=names[0]),
            names[1]: as_float_array(trials, argument=names[1]),
        }
    )
    if np.any(s > n):
        bad = int(np.sum(s > n))
        raise InvalidValueError(
            f"{names[0]!r} cannot exceed {names[1]!r}: {bad} value(s) do; a rate is at most 1"
        )
    return s, n


def _rate(s: Float64Array, n: Float64Array) -> Float64Array:
    out = np.full(n.shape, math.nan)
    np.divide(s, n, out=out, where=n > 0)
    return out


def _wilson(s: Float64Array, n: Float64Array, z: float) -> tuple[Float64Array, Float64Array]:
    with np.errstate(all="ignore"):  # zero trials give NaN, as documented
        p = s / n
        z2 = z * z
        denom = 1.0 + z2 / n
        center = (p + z2 / (2.0 * n)) / denom
        half = z * np.sqrt(p * (1.0 - p) / n + z2 / (4.0 * n * n)) / denom
        return np.clip(center - half, 0.0, 1.0), np.clip(center + half, 0.0, 1.0)


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
    z = _z(_confidence(confidence))
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
    """
    level = _confidence(confidence)
    s, n = _counts(successes, trials)
    tail = (1.0 - level) / 2.0
    low, high = np.full(s.shape, math.nan), np.full(s.shape, math.nan)
    for index in np.ndindex(s.shape):
        if n[index] > 0:
            a, b = float(s[index]) + 0.5, float(n[index] - s[index]) + 0.5
            low[index] = beta_quantile(tail, a, b)
            high[index] = beta_quantile(1.0 - tail, a, b)
    scalar = is_scalar(successes) and is_scalar(trials)
    return finish(low, scalar), finish(high, scalar)


@attrs.frozen
class Estimate:
    """A point estimate with its interval (``low <= value <= high``; NaN when undefined)."""

    value: float
    low: float
    high: float
    confidence: float

    def contains(self, x: float) -> bool:
        """Whether ``x`` lies in the interval."""
        return bool(self.low <= x <= self.high)


@attrs.frozen
class RateComparison:
    """Two rates compared: a (e.g. organic) against b (e.g. paid).

    ``difference`` is rate_a - rate_b with Newcombe's hybrid score interval; ``ratio`` is
    rate_a / rate_b with the log-adjusted interval (0.5 added to counts and trials); ``z``
    and ``p_value`` are those of the pooled two-proportion z-test (two-sided). When both
    groups have a rate of 0 (or both of 1) the z-test is undefined: ``z`` and ``p_value`` are
    NaN.
    """

    rate_a: float
    rate_b: float
    difference: Estimate
    ratio: Estimate
    z: float
    p_value: float

    @property
    def significant(self) -> bool:
        """Whether the difference interval excludes 0."""
        return not self.difference.contains(0.0)


def _scalar_count(value: object, argument: str) -> float:
    array = as_float_array(value, argument=argument)
    if array.ndim:
        raise InvalidValueError(f"{argument!r} must be a single count here: {value!r}")
    return float(array)


def compare_rates(
    successes_a: float,
    trials_a: float,
    successes_b: float,
    trials_b: float,
    *,
    confidence: float = 0.95,
) -> RateComparison:
    """Compare two binomial rates: difference, ratio, their intervals, and the z-test.

    Examples
    --------
    The B2B article's webinar: organic social brought 5x the registrations of paid. With
    50 registrations from 1,000 organic clicks against 10 from 1,000 paid clicks:

    >>> from socialroi import stats
    >>> c = stats.compare_rates(50, 1_000, 10, 1_000)
    >>> round(c.difference.value, 3), round(c.ratio.value, 2), c.significant
    (0.04, 5.0, True)
    >>> c.p_value < 0.001
    True
    """
    level = _confidence(confidence)
    z = _z(level)
    sa, na = _counts(
        _scalar_count(successes_a, "successes_a"),
        _scalar_count(trials_a, "trials_a"),
        ("successes_a", "trials_a"),
    )
    sb, nb = _counts(
        _scalar_count(successes_b, "successes_b"),
        _scalar_count(trials_b, "trials_b"),
        ("successes_b", "trials_b"),
    )
    if na == 0 or nb == 0:
        raise InvalidValueError(
            "'trials_a' and 'trials_b' must be > 0 to compare rates: "
            f"trials_a={float(na)!r}, trials_b={float(nb)!r}"
        )
    pa, pb = float(sa / na), float(sb / nb)
    low_a, high_a = (float(v) for v in _wilson(sa, na, z))
    low_b, high_b = (float(v) for v in _wilson(sb, nb, z))
    diff = pa - pb
    difference = Estimate(
        diff,
        diff - math.sqrt((pa - low_a) ** 2 + (high_b - pb) ** 2),
        diff + math.sqrt((pb - low_b) ** 2 + (high_a - pa) ** 2),
        level,
    )
    ca, cb, ma, mb = float(sa) + 0.5, float(sb) + 0.5, float(na) + 0.5, float(nb) + 0.5
    adjusted = (ca / ma) / (cb / mb)
    spread = z * math.sqrt(1 / ca - 1 / ma + 1 / cb - 1 / mb)
    ratio_value = pa / pb if pb > 0 else math.nan
    ratio = Estimate(
        ratio_value,
        math.exp(math.log(adjusted) - spread),
        math.exp(math.log(adjusted) + spread),
        level,
    )
    pooled = float((sa + sb) / (na + nb))
    variance = pooled * (1 - pooled) * (1 / float(na) + 1 / float(nb))
    if variance > 0:
        z_stat = diff / math.sqrt(variance)
        p_value = 2.0 * _NORMAL.cdf(-abs(z_stat))
    else:
        z_stat = p_value = math.nan
    return RateComparison(pa, pb, difference, ratio, z_stat, p_value)


@attrs.frozen
class LiftResult:
    """What a campaign caused, measured against a holdout that did not see it.

    ``incremental_conversions`` = (rate_test - rate_holdout) x test size; ``relative_lift``
    = rate_test / rate_holdout - 1; ``incremental_value`` = incremental conversions x the
    average value per conversion (pooled over both groups: the campaign is assumed to change
    how many convert, not how much each conversion is worth); ``incremental_roas`` =
    incremental value / cost; ``incremental_roi`` = (incremental value - cost) / cost. A
    campaign can hurt: every one of these can be negative, and incremental ROI can fall below
    -1, which plain ROI on a non-negative return never does. Intervals carry over from the
    rate difference (Newcombe) and ratio (log-adjusted) intervals by monotone maps.
    """

    comparison: RateComparison
    incremental_conversions: Estimate
    relative_lift: Estimate
    incremental_value: Estimate | None
    incremental_roas: Estimate | None
    incremental_roi: Estimate | None


def lift_test(
    test_size: float,
    test_conversions: float,
    holdout_size: float,
    holdout_conversions: float,
    *,
    test_value: float | None = None,
    holdout_value: float | None = None,
    cost: float | None = None,
    confidence: float = 0.95,
) -> LiftResult:
    """Incrementality from a test group exposed to a campaign and a holdout that was not.

    Sizes are people (users, households) for a user-level holdout; for a geo or time
    holdout given as totals, pass the populations (or sessions) of the test and control
    regions or periods as sizes, and their conversions and values as totals.
    ``test_value``/``holdout_value`` are the total conversion value of each group;
    ``cost`` is what the campaign cost, for incremental ROAS and ROI.

    Examples
    --------
    >>> from socialroi import stats
    >>> r = stats.lift_test(100_000, 1_300, 100_000, 1_000,
    ...                     test_value=130_000, holdout_value=100_000, cost=10_000)
    >>> r.incremental_conversions.value, round(r.relative_lift.value, 2)
    (300.0, 0.3)
    >>> r.incremental_value.value, r.incremental_roas.value, r.incremental_roi.value
    (30000.0, 3.0, 2.0)
    """
    comparison = compare_rates(
        test_conversions, test_size, holdout_conversions, holdout_size, confidence=confidence
    )
    level = comparison.difference.confidence
    size = float(test_size)
    d = comparison.difference
    # test conversions less what the holdout's rate predicts for the test group
    expected = float(holdout_conversions) * size / float(holdout_size)
    conversions = Estimate(float(test_conversions) - expected, d.low * size, d.high * size, level)
    q = comparison.ratio
    lift = Estimate(q.value - 1.0, q.low - 1.0, q.high - 1.0, level)
    if (test_value is None) != (holdout_value is None):
        raise InvalidValueError("give both 'test_value' and 'holdout_value', or neither")
    value = roas = roi = None
    if test_value is not None and holdout_value is not None:
        total_value = _scalar_count(test_value, "test_value") + _scalar_count(
            holdout_value, "holdout_value"
        )
        total_conversions = float(test_conversions) + float(holdout_conversions)
        per_conversion = total_value / total_conversions if total_conversions > 0 else 0.0
        value = Estimate(
            conversions.value * per_conversion,
            conversions.low * per_conversion,
            conversions.high * per_conversion,
            level,
        )
        if cost is not None:
            spend = _scalar_count(cost, "cost")
            if spend == 0:
                raise InvalidValueError("'cost' must be > 0 for incremental ROAS and ROI")
            roas = Estimate(value.value / spend, value.low / spend, value.high / spend, level)
            roi = Estimate(roas.value - 1.0, roas.low - 1.0, roas.high - 1.0, level)
    elif cost is not None:
        raise InvalidValueError("'cost' needs 'test_value' and 'holdout_value' to value the lift")
    return LiftResult(comparison, conversions, lift, value, roas, roi)


def required_sample_size(
    baseline_rate: float,
    minimum_effect: float,
    *,
    confidence: float = 0.95,
    power: float = 0.8,
) -> int:
    """People per group (equal groups) for a two-sided two-proportion z-test to detect an
    absolute change of ``minimum_effect`` from ``baseline_rate``.

    n = (z_(1-alpha/2) sqrt(2 p (1 - p)) + z_power sqrt(p1 (1 - p1) + p2 (1 - p2)))^2
    / (p2 - p1)^2, with p the mean of p1 and p2 (Fleiss, Levin & Paik, "Statistical Methods
    for Rates and Proportions", 3rd ed., eq. 4.14, without continuity correction).

    Examples
    --------
    >>> from socialroi import stats
    >>> stats.required_sample_size(0.10, 0.02)   # 10% to 12% conversion
    3841
    """
    p1 = _probability(baseline_rate, "baseline_rate")
    effect = check_number(minimum_effect, argument="minimum_effect", allow_negative=True)
    p2 = p1 + effect
    if not 0.0 < p2 < 1.0 or effect == 0:
        raise InvalidValueError(
            "'minimum_effect' must be non-zero and keep the rate inside (0, 1): "
            f"{minimum_effect!r} from {baseline_rate!r}"
        )
    n = _n_for(p1, p2, _confidence(confidence), _confidence(power))
    if not math.isfinite(n):
        raise InvalidValueError(
            f"'minimum_effect' {minimum_effect!r} is too small for any finite sample to detect"
        )
    return math.ceil(n)


def _n_for(p1: float, p2: float, confidence: float, power: float) -> float:
    gap = (p2 - p1) ** 2
    if gap == 0.0:
        return math.inf  # no (representable) effect needs infinitely many people
    mean = (p1 + p2) / 2.0
    za, zb = _z(confidence), _NORMAL.inv_cdf(power)
    top = za * math.sqrt(2 * mean * (1 - mean)) + zb * math.sqrt(p1 * (1 - p1) + p2 * (1 - p2))
    return top * top / gap


def _probability(value: object, argument: str) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise InvalidTypeError(f"{argument!r} must be a rate in (0, 1): {value!r}")
    rate = float(value)
    if not 0.0 < rate < 1.0:
        raise InvalidValueError(f"{argument!r} must be a rate in (0, 1): {value!r}")
    return rate


def minimum_detectable_effect(
    baseline_rate: float, size_per_group: float, *, confidence: float = 0.95, power: float = 0.8
) -> float:
    """The smallest absolute increase over ``baseline_rate`` that groups of
    ``size_per_group`` detect (the inverse of :func:`required_sample_size`).

    Examples
    --------
    >>> from socialroi import stats
    >>> round(stats.minimum_detectable_effect(0.10, 3_841), 4)
    0.02
    """
    p1 = _probability(baseline_rate, "baseline_rate")
    n = _scalar_count(size_per_group, "size_per_group")
    if n <= 0:
        raise InvalidValueError(f"'size_per_group' must be > 0: {size_per_group!r}")
    level, strength = _confidence(confidence), _confidence(power)
    low, high = 0.0, 1.0 - p1
    if _n_for(p1, p1 + high * (1 - 1e-12), level, strength) > n:
        return math.nan  # not even the largest possible effect is detectable
    for _ in range(200):  # required size falls as the effect grows: bisect
        mid = (low + high) / 2.0
        if mid == 0.0 or _n_for(p1, p1 + mid, level, strength) > n:
            low = mid
        else:
            high = mid
    return high


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


@attrs.frozen
class RateIntervals:
    """A rate metric on every row of a report, with its interval per row."""

    metric: str
    value: Float64Array = attrs.field(eq=False)
    low: Float64Array = attrs.field(eq=False)
    high: Float64Array = attrs.field(eq=False)
    confidence: float


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
    m = metric(metric_name)
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
    interval = {"wilson": wilson_interval, "jeffreys": jeffreys_interval}.get(method)
    if interval is None:
        raise InvalidValueError(f"'method' must be 'wilson' or 'jeffreys': {method!r}")
    low, high = interval(successes, trials, confidence=confidence)
    return RateIntervals(
        m.name, _rate(successes, trials), np.asarray(low), np.asarray(high), confidence
    )
