"""Normal and beta quantiles and tails, from scipy.special: the one place every interval and
test of socialroi.stats gets them.

scipy is imported inside each function, so ``import socialroi`` (and ``socialroi.stats``)
does not load it; the first interval computed does.
"""

from __future__ import annotations

import math

import numpy as np

from socialroi._metrics.arrays import Float64Array

#: Beyond this many trials, a Beta(s + 1/2, n - s + 1/2) quantile is its normal
#: approximation, whose error falls as 1 / n (about 1e-12 at the switch at 95%, most with no
#: or all successes; 8e-12 for a tail of 1e-6): scipy's beta inverse loses digits past it
#: (4e-11 at 1e13 trials) and returns NaN for counts near the largest float.
NORMAL_BEYOND = 1e12


def normal_quantile(p: float) -> float:
    """The standard normal quantile of ``p`` (``-inf`` at 0, ``inf`` at 1)."""
    from scipy import special

    return float(special.ndtri(p))


def critical_value(confidence: float) -> float:
    """The two-sided normal critical value for ``confidence``, from the lower tail (so a
    level such as 1 - 1e-16 keeps its precision instead of rounding to the quantile of 1)."""
    return -normal_quantile((1.0 - confidence) / 2.0)


def two_sided_p(z: Float64Array) -> Float64Array:
    """P(|Z| >= |z|) for a standard normal Z, from the survival function erfc: exact far in
    the tail, where 1 - cdf cancels to 0 (z = 11 gives 3.7e-28, not 0). NaN stays NaN."""
    from scipy import special

    p: Float64Array = special.erfc(np.abs(z) / math.sqrt(2.0))
    return p


def jeffreys_bounds(
    s: Float64Array, n: Float64Array, tail: float
) -> tuple[Float64Array, Float64Array]:
    """The ``tail`` and ``1 - tail`` quantiles of Beta(s + 1/2, n - s + 1/2), elementwise;
    NaN where ``n`` is 0. The upper one comes from the upper tail (``betainccinv``), as
    scipy.stats' ``beta.isf`` computes it, so that it keeps its precision for tiny tails."""
    from scipy import special

    a, b = s + 0.5, (n - s) + 0.5
    low, high = np.full(n.shape, math.nan), np.full(n.shape, math.nan)
    exact = (n > 0) & (n <= NORMAL_BEYOND)
    special.betaincinv(a, b, tail, out=low, where=exact)
    special.betainccinv(a, b, tail, out=high, where=exact)
    large = n > NORMAL_BEYOND
    if large.any():
        total = n[large] + 1.0  # a + b, without the overflow of a sum near the largest float
        mean = a[large] / total  # shares before products: no overflow for counts near 1e308
        spread = normal_quantile(tail) * np.sqrt(mean * (b[large] / total) / (total + 1.0))
        low[large] = np.maximum(mean + spread, 0.0)  # spread < 0: low <= mean <= 1
        high[large] = np.minimum(mean - spread, 1.0)
    return low, high
