"""Two rates compared: the difference and ratio with intervals, and the z-test, on numbers
or arrays (broadcast together like the formulas' arguments)."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import overload

import attrs
import numpy as np
from numpy.typing import ArrayLike, NDArray

from socialroi._errors import InvalidTypeError, InvalidValueError, ShapeMismatchError
from socialroi._metrics.arrays import Float64Array, as_float_array, broadcast
from socialroi._values.checks import check_number
from socialroi.stats._inputs import (
    _at_most,
    _confidence,
    _floats,
    _real,
)
from socialroi.stats._intervals import _wilson
from socialroi.stats._special import critical_value, two_sided_p


@attrs.frozen
class Estimate:
    """A point estimate with its interval (``low <= value <= high``; NaN when undefined).

    Every field is a plain Python float.
    """

    value: float = attrs.field(converter=_real)
    low: float = attrs.field(converter=_real)
    high: float = attrs.field(converter=_real)
    confidence: float = attrs.field(converter=_real)

    def contains(self, x: float) -> bool:
        """Whether ``x`` (a finite number) lies in the interval; False when it is undefined.

        >>> from socialroi import stats
        >>> stats.Estimate(0.2, 0.05, 0.33, 0.95).contains(0.0)
        False
        """
        point = check_number(x, argument="x", allow_negative=True)
        return bool(self.low <= point <= self.high)


def _estimate(value: object) -> Estimate:
    if not isinstance(value, Estimate):
        raise InvalidTypeError(f"a comparison's interval must be an Estimate: {value!r}")
    return value


def _same_shapes(fields: dict[str, Float64Array]) -> None:
    shapes = {a.shape for a in fields.values()}
    if len(shapes) > 1:
        listed = ", ".join(f"{name}{a.shape}" for name, a in fields.items())
        raise ShapeMismatchError(f"a result's arrays must have one shape: {listed}")


@attrs.frozen
class Estimates:
    """Point estimates with their intervals, elementwise: the array form of
    :class:`Estimate` (``value``, ``low`` and ``high`` are float64 arrays of one shape).

    >>> import numpy as np
    >>> from socialroi import stats
    >>> e = stats.Estimates(np.array([0.2, 0.0]), np.array([0.05, -0.1]),
    ...                     np.array([0.33, 0.1]), 0.95)
    >>> e.contains(0.0).tolist()
    [False, True]
    """

    value: Float64Array = attrs.field(converter=_floats, eq=False)
    low: Float64Array = attrs.field(converter=_floats, eq=False)
    high: Float64Array = attrs.field(converter=_floats, eq=False)
    confidence: float = attrs.field(converter=_real)

    def __attrs_post_init__(self) -> None:
        _same_shapes({"value": self.value, "low": self.low, "high": self.high})

    def contains(self, x: float) -> NDArray[np.bool_]:
        """Where ``x`` (a finite number) lies in the interval; False where it is undefined."""
        point = check_number(x, argument="x", allow_negative=True)
        return (self.low <= point) & (point <= self.high)


def _estimates(value: object) -> Estimates:
    if not isinstance(value, Estimates):
        raise InvalidTypeError(f"a comparison's intervals must be Estimates: {value!r}")
    return value


@attrs.frozen
class RateComparison:
    """Two rates compared: a (e.g. organic) against b (e.g. paid).

    ``difference`` is rate_a - rate_b with Newcombe's hybrid score interval; ``ratio`` is
    rate_a / rate_b with the log-adjusted interval (0.5 added to counts and trials); ``z``
    and ``p_value`` are those of the pooled two-proportion z-test (two-sided; the p-value
    comes from the normal survival function, so it stays exact far in the tail). When both
    groups have a rate of 0 (or both of 1) the z-test is undefined: ``z`` and ``p_value`` are
    NaN. Every number is a plain Python float.
    """

    rate_a: float = attrs.field(converter=_real)
    rate_b: float = attrs.field(converter=_real)
    difference: Estimate = attrs.field(converter=_estimate)
    ratio: Estimate = attrs.field(converter=_estimate)
    z: float = attrs.field(converter=_real)
    p_value: float = attrs.field(converter=_real)

    @property
    def significant(self) -> bool:
        """Whether the difference interval excludes 0."""
        return not self.difference.contains(0.0)


@attrs.frozen
class RateComparisons:
    """Pairs of rates compared elementwise: the array form of :class:`RateComparison`, with
    the same fields as float64 arrays of one shape (``difference`` and ``ratio`` are
    :class:`Estimates`), from :func:`compare_rates` on arrays."""

    rate_a: Float64Array = attrs.field(converter=_floats, eq=False)
    rate_b: Float64Array = attrs.field(converter=_floats, eq=False)
    difference: Estimates = attrs.field(converter=_estimates)
    ratio: Estimates = attrs.field(converter=_estimates)
    z: Float64Array = attrs.field(converter=_floats, eq=False)
    p_value: Float64Array = attrs.field(converter=_floats, eq=False)

    def __attrs_post_init__(self) -> None:
        _same_shapes(
            {
                "rate_a": self.rate_a,
                "rate_b": self.rate_b,
                "difference": self.difference.value,
                "ratio": self.ratio.value,
                "z": self.z,
                "p_value": self.p_value,
            }
        )

    @property
    def significant(self) -> NDArray[np.bool_]:
        """Where the difference interval excludes 0."""
        return ~self.difference.contains(0.0)


@overload
def compare_rates(
    successes_a: float,
    trials_a: float,
    successes_b: float,
    trials_b: float,
    *,
    confidence: float = ...,
) -> RateComparison: ...
@overload
def compare_rates(
    successes_a: ArrayLike,
    trials_a: ArrayLike,
    successes_b: ArrayLike,
    trials_b: ArrayLike,
    *,
    confidence: float = ...,
) -> RateComparison | RateComparisons: ...
def compare_rates(
    successes_a: ArrayLike,
    trials_a: ArrayLike,
    successes_b: ArrayLike,
    trials_b: ArrayLike,
    *,
    confidence: float = 0.95,
) -> RateComparison | RateComparisons:
    """Compare two binomial rates: difference, ratio, their intervals, and the z-test.

    Numbers give a :class:`RateComparison` of plain floats; array-likes, broadcast together
    like the formulas' arguments, give a :class:`RateComparisons` of arrays, element by
    element the same numbers. Every trial count must be > 0.

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

    Far apart, the p-value is tiny but not 0:

    >>> 0 < stats.compare_rates(300, 1_000, 100, 1_000).p_value < 1e-20
    True

    Every campaign against one baseline, at once:

    >>> many = stats.compare_rates([50, 12, 0], [1_000, 1_000, 1_000], 10, 1_000)
    >>> many.significant.tolist(), many.ratio.value.tolist()
    ([True, False, True], [5.0, 1.2, 0.0])
    """
    level = _confidence(confidence)
    counts = {
        "successes_a": successes_a,
        "trials_a": trials_a,
        "successes_b": successes_b,
        "trials_b": trials_b,
    }
    fields = _fields(counts, level)
    return _one(fields, level) if fields[0].ndim == 0 else _many(fields, level)


def _fields(counts: Mapping[str, object], level: float) -> tuple[Float64Array, ...]:
    """Counts by name (successes a, trials a, successes b, trials b; the names go into
    messages), checked, to the comparison's arrays: rates a and b, the difference and its
    bounds, the ratio and its bounds, z and the p-value."""
    names = tuple(counts)
    sa, na, sb, nb = broadcast(
        {name: as_float_array(value, argument=name) for name, value in counts.items()}
    )
    for s, n, (s_name, n_name) in ((sa, na, names[:2]), (sb, nb, names[2:])):
        _at_most(s, n, (s_name, n_name))
        if not np.all(n > 0):
            zeros = int(np.sum(n == 0))
            raise InvalidValueError(
                f"{n_name!r} must be > 0 to compare rates: {zeros} value(s) are 0; "
                "a rate needs at least one trial"
            )
    z = critical_value(level)
    with np.errstate(all="ignore"):  # 1 / n is inf for tiny n; 0 / 0 only where undefined
        pa, pb = sa / na, sb / nb
        low_a, high_a = _wilson(sa, na, z)
        low_b, high_b = _wilson(sb, nb, z)
        diff = pa - pb
        # np.square, not ** 2: on one number numpy's scalar power is pow(), which can
        # differ from the array loop's x * x in the last bit
        d_low = diff - np.sqrt(np.square(pa - low_a) + np.square(high_b - pb))
        d_high = diff + np.sqrt(np.square(pb - low_b) + np.square(high_a - pa))
        ca, cb, ma, mb = sa + 0.5, sb + 0.5, na + 0.5, nb + 0.5
        log_adjusted = np.log(ca / ma) - np.log(cb / mb)
        spread = z * np.sqrt(1 / ca - 1 / ma + 1 / cb - 1 / mb)
        ratio = np.where(pb > 0, pa / pb, math.nan)
        # the pooled rate with both sides scaled by the larger trials, so no sum overflows
        scale = np.maximum(na, nb)
        pooled = (sa / scale + sb / scale) / (na / scale + nb / scale)
        # two square roots, so a tiny variance does not underflow to 0
        z_stat = diff / np.sqrt(pooled * (1 - pooled)) / np.sqrt(1 / na + 1 / nb)
        z_stat = np.where((pooled > 0) & (pooled < 1), z_stat, math.nan)
        r_low, r_high = np.exp(log_adjusted - spread), np.exp(log_adjusted + spread)
    return pa, pb, diff, d_low, d_high, ratio, r_low, r_high, z_stat, two_sided_p(z_stat)


def _one(fields: tuple[Float64Array, ...], level: float) -> RateComparison:
    pa, pb, diff, d_low, d_high, ratio, r_low, r_high, z, p = (float(f) for f in fields)
    return RateComparison(
        pa, pb, Estimate(diff, d_low, d_high, level), Estimate(ratio, r_low, r_high, level), z, p
    )


def _many(fields: tuple[Float64Array, ...], level: float) -> RateComparisons:
    pa, pb, diff, d_low, d_high, ratio, r_low, r_high, z, p = fields
    return RateComparisons(
        pa,
        pb,
        Estimates(diff, d_low, d_high, level),
        Estimates(ratio, r_low, r_high, level),
        z,
        p,
    )
