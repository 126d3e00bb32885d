"""Quantiles of the beta distribution, with the standard library only.

The regularized incomplete beta function I_x(a, b) is evaluated by its continued fraction
(modified Lentz; Numerical Recipes, 3rd ed., section 6.4), and inverted by Newton steps kept
inside a shrinking bisection bracket, to the last bits of a float.
"""

from __future__ import annotations

import math
from statistics import NormalDist

_EPS = 1e-16
_TINY = 1e-300


def _guard(value: float) -> float:
    return value if abs(value) > _TINY else _TINY


def _continued_fraction(a: float, b: float, x: float) -> float:
    qab, qap, qam = a + b, a + 1.0, a - 1.0
    c, d = 1.0, 1.0 / _guard(1.0 - qab * x / qap)
    h = d
    for m in range(1, 10_000):
        m2 = 2 * m
        aa = m * (b - m) * x / ((qam + m2) * (a + m2))
        d = 1.0 / _guard(1.0 + aa * d)
        c = _guard(1.0 + aa / c)
        h *= d * c
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
        d = 1.0 / _guard(1.0 + aa * d)
        c = _guard(1.0 + aa / c)
        step = d * c
        h *= step
        if abs(step - 1.0) < _EPS:
            break
    return h


def _log_beta(a: float, b: float) -> float:
    return math.lgamma(a) + math.lgamma(b) - math.lgamma(a + b)


def incomplete_beta(a: float, b: float, x: float) -> float:
    """The regularized incomplete beta function I_x(a, b), for a, b > 0."""
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    front = math.exp(a * math.log(x) + b * math.log1p(-x) - _log_beta(a, b))
    if x < (a + 1.0) / (a + b + 2.0):
        return front * _continued_fraction(a, b, x) / a
    return 1.0 - front * _continued_fraction(b, a, 1.0 - x) / b


def beta_quantile(p: float, a: float, b: float) -> float:
    """The x with I_x(a, b) = p, for 0 < p < 1 and a, b > 0.

    Beyond 10**12 trials the beta is normal to well under 1e-12 (its error falls as
    1 / (a + b)); the normal quantile is used there, where the continued fraction would lose
    its precision.
    """
    if a + b > 1e12:
        total = a + b
        mean = a / total  # shares before products: no overflow for counts near 1e308
        sd = math.sqrt(mean * (b / total) / (total + 1.0))
        return min(max(mean + sd * NormalDist().inv_cdf(p), 0.0), 1.0)
    low, high = 0.0, 1.0
    x = a / (a + b)  # the mean: a start inside the bulk of the distribution
    log_norm = _log_beta(a, b)
    for _ in range(400):
        f = incomplete_beta(a, b, x) - p
        if f == 0.0:
            return x
        if f < 0.0:
            low = x
        else:
            high = x
        if not 0.0 < x < 1.0:
            break  # the quantile sits at the edge of what floats can hold
        density = math.exp((a - 1.0) * math.log(x) + (b - 1.0) * math.log1p(-x) - log_norm)
        newton = x - f / density if density > 0.0 else math.nan
        if low < newton < high:
            if abs(newton - x) <= 2e-16 * x:
                return newton  # Newton has converged to the last bit
            x = newton
        elif high - low <= 2e-16 * high:
            break  # the bracket is as narrow as floats allow
        else:
            x = (low + high) / 2.0
    return x
