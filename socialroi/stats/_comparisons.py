"""Two rates compared: the difference and ratio with intervals, and the z-test."""

from __future__ import annotations

import math

import attrs

from socialroi._errors import InvalidValueError
from socialroi.stats._inputs import (
    _NORMAL,
    _confidence,
    _counts,
    _scalar_count,
    _z,
)
from socialroi.stats._intervals import _wilson


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
