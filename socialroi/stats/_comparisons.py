"""Two rates compared: the difference and ratio with intervals, and the z-test."""

from __future__ import annotations

import math

import attrs
import numpy as np

from socialroi._errors import InvalidTypeError, InvalidValueError
from socialroi._values.checks import check_number
from socialroi.stats._inputs import (
    _confidence,
    _counts,
    _exp,
    _real,
    _scalar_count,
    _two_sided_p,
    _z,
)
from socialroi.stats._intervals import _wilson


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

    Far apart, the p-value is tiny but not 0:

    >>> 0 < stats.compare_rates(300, 1_000, 100, 1_000).p_value < 1e-20
    True
    """
    names = ("successes_a", "trials_a", "successes_b", "trials_b")
    return _compare((successes_a, trials_a, successes_b, trials_b), names, confidence)


def _pair(successes: object, trials: object, names: tuple[str, ...]) -> tuple[float, float]:
    """One group's checked successes and trials, as floats; the trials must be > 0."""
    s, n = _counts(
        _scalar_count(successes, names[0]), _scalar_count(trials, names[1]), (names[0], names[1])
    )
    if n == 0:
        raise InvalidValueError(f"{names[1]!r} must be > 0 to compare rates: {float(n)!r}")
    return float(s), float(n)


def _compare(
    counts: tuple[object, object, object, object],
    names: tuple[str, str, str, str],
    confidence: object,
) -> RateComparison:
    """compare_rates on counts named by ``names`` (a, trials a, b, trials b) in messages."""
    level = _confidence(confidence)
    z = _z(level)
    sa, na = _pair(counts[0], counts[1], names[:2])
    sb, nb = _pair(counts[2], counts[3], names[2:])
    pa, pb = sa / na, sb / nb
    low_a, high_a = (float(v) for v in _wilson(np.asarray(sa), np.asarray(na), z))
    low_b, high_b = (float(v) for v in _wilson(np.asarray(sb), np.asarray(nb), z))
    diff = pa - pb
    difference = Estimate(
        diff,
        diff - math.sqrt((pa - low_a) ** 2 + (high_b - pb) ** 2),
        diff + math.sqrt((pb - low_b) ** 2 + (high_a - pa) ** 2),
        level,
    )
    ca, cb, ma, mb = sa + 0.5, sb + 0.5, na + 0.5, nb + 0.5
    log_adjusted = math.log(ca / ma) - math.log(cb / mb)
    spread = z * math.sqrt(1 / ca - 1 / ma + 1 / cb - 1 / mb)
    ratio = Estimate(
        pa / pb if pb > 0 else math.nan,
        _exp(log_adjusted - spread),
        _exp(log_adjusted + spread),
        level,
    )
    # the pooled rate with both sides scaled by the larger trials, so no sum overflows
    scale = max(na, nb)
    pooled = (sa / scale + sb / scale) / (na / scale + nb / scale)
    if 0.0 < pooled < 1.0:  # two square roots, so a tiny variance does not underflow to 0
        z_stat = diff / math.sqrt(pooled * (1 - pooled)) / math.sqrt(1 / na + 1 / nb)
        p_value = _two_sided_p(z_stat)
    else:
        z_stat = p_value = math.nan
    return RateComparison(pa, pb, difference, ratio, z_stat, p_value)
