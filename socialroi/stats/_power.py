"""Planning a test: the sample size for an effect, the effect a sample can detect."""

from __future__ import annotations

import math

from socialroi._errors import InvalidValueError
from socialroi._values.checks import check_number
from socialroi.stats._inputs import (
    _confidence,
    _probability,
    _scalar_count,
)
from socialroi.stats._special import critical_value, normal_quantile


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
    n = _n_for(p1, p2, _confidence(confidence), _confidence(power, "power"))
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
    za, zb = critical_value(confidence), normal_quantile(power)
    top = za * math.sqrt(2 * mean * (1 - mean)) + zb * math.sqrt(p1 * (1 - p1) + p2 * (1 - p2))
    return top * top / gap


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
    level, strength = _confidence(confidence), _confidence(power, "power")
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
