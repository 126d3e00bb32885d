"""Unit economics: what a customer is worth against what acquiring one cost.

Customer acquisition cost itself is a catalog metric (``cac``: all investment over new
customers, read from measures). What a customer is worth is not in the measures: it needs
the caller's revenue per customer and margin, so these formulas take them as arguments.
Vectorised like the core formulas, with the same zero-division policy.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import ArrayLike

from socialroi._errors import InvalidValueError
from socialroi._metrics.arrays import (
    Float64Array,
    FloatOrArray,
    ZeroDivision,
    as_float_array,
    broadcast,
    divide,
    finish,
    is_scalar,
)


def _margin(margin: ArrayLike) -> Float64Array:
    m = as_float_array(margin, argument="margin")
    if np.any(m > 1):
        raise InvalidValueError(
            f"'margin' is a fraction of revenue, from 0 to 1 (0.7 for 70%): {float(np.max(m))!r}"
        )
    return m


def ltv_to_cac(
    revenue_per_customer: ArrayLike,
    cac: ArrayLike,
    *,
    margin: ArrayLike,
    zero_division: ZeroDivision = math.nan,
) -> FloatOrArray:
    """Lifetime value over acquisition cost: ``revenue_per_customer * margin / cac``.

    ``revenue_per_customer`` is what a customer brings over their lifetime (the caller's
    estimate: average order value x orders, or monthly revenue x lifetime in months);
    ``margin`` the gross margin, from 0 to 1. Source: HubSpot, "LTV:CAC ratio" (customer
    lifetime value = revenue per customer x gross margin; a ratio of 3 or more is the usual
    rule of thumb).

    Examples
    --------
    >>> import socialroi as sr
    >>> sr.ltv_to_cac(1_200, 200, margin=0.5)    # LTV 600 for a CAC of 200
    3.0
    >>> sr.ltv_to_cac(1_200, 0, margin=0.5)      # no acquisition cost: undefined
    nan
    """
    r, m, c = broadcast(
        {
            "revenue_per_customer": as_float_array(
                revenue_per_customer, argument="revenue_per_customer"
            ),
            "margin": _margin(margin),
            "cac": as_float_array(cac, argument="cac"),
        }
    )
    out = divide(r * m, c, denominator_name="cac", zero_division=zero_division)
    scalar = is_scalar(revenue_per_customer) and is_scalar(cac) and is_scalar(margin)
    return finish(out, scalar)


def cac_payback(
    cac: ArrayLike,
    revenue_per_period: ArrayLike,
    *,
    margin: ArrayLike,
    zero_division: ZeroDivision = math.nan,
) -> FloatOrArray:
    """Periods until a customer's gross margin pays back their acquisition cost:
    ``cac / (revenue_per_period * margin)``, in the periods of ``revenue_per_period``
    (months for monthly revenue per customer). Source: HubSpot, "CAC payback period"
    (CAC / (monthly recurring revenue per customer x gross margin)).

    Examples
    --------
    >>> import socialroi as sr
    >>> sr.cac_payback(600, 100, margin=0.5)     # 50 of margin a month: 12 months
    12.0
    >>> sr.cac_payback(600, 100, margin=0.0)     # no margin: never paid back, undefined
    nan
    """
    c, r, m = broadcast(
        {
            "cac": as_float_array(cac, argument="cac"),
            "revenue_per_period": as_float_array(
                revenue_per_period, argument="revenue_per_period"
            ),
            "margin": _margin(margin),
        }
    )
    out = divide(
        c, r * m, denominator_name="revenue_per_period * margin", zero_division=zero_division
    )
    scalar = is_scalar(cac) and is_scalar(revenue_per_period) and is_scalar(margin)
    return finish(out, scalar)
