"""The formulas: one vectorised implementation each.

A Python number in gives a Python float out; array-likes give a float64 ndarray, with numpy
broadcasting. Inputs must be finite and non-negative. A zero denominator gives
``zero_division`` (NaN by default, or ``"raise"``), never a silent 0.
"""

from __future__ import annotations

import math
from typing import overload

from numpy.typing import ArrayLike

from socialroi._metrics.arrays import (
    Float64Array,
    FloatOrArray,
    ZeroDivision,
    as_float_array,
    broadcast,
    divide,
    divide_numbers,
    finish,
    is_scalar,
    plain_number,
    ratio,
)

__all__ = [
    "conversion_rate",
    "cost_per",
    "cpa",
    "cpc",
    "cpm",
    "ctr",
    "engagement_rate",
    "frequency",
    "growth",
    "mean_duration",
    "profit",
    "roas",
    "roi",
]

_NAN = math.nan


@overload
def roi(return_: float, investment: float, *, zero_division: ZeroDivision = ...) -> float: ...
@overload
def roi(
    return_: ArrayLike, investment: ArrayLike, *, zero_division: ZeroDivision = ...
) -> FloatOrArray: ...
def roi(
    return_: ArrayLike, investment: ArrayLike, *, zero_division: ZeroDivision = _NAN
) -> FloatOrArray:
    """Return on investment, ``(return - investment) / investment``.

    Source: the Oktopost B2B article (shared/seeds): a quarter's spend of 20,000 whose leads
    close for 45,000 gives ROI = 1.25, i.e. 125%. ROI is -1 when nothing came back, and is
    undefined without investment.

    Examples
    --------
    >>> import socialroi as sr
    >>> sr.roi(45_000, 20_000)
    1.25
    >>> sr.roi([45_000, 0, 10], [20_000, 500, 0])
    array([ 1.25, -1.  ,   nan])
    >>> sr.roi(10, 0, zero_division=0.0)
    0.0
    """
    back, spent = plain_number(return_), plain_number(investment)
    if back is not None and spent is not None:  # two plain numbers: no numpy
        return divide_numbers(
            back - spent, spent, denominator_name="investment", zero_division=zero_division
        )
    r, i = broadcast(
        {
            "return_": as_float_array(return_, argument="return_"),
            "investment": as_float_array(investment, argument="investment"),
        }
    )
    gain: Float64Array = r - i  # finite and >= 0 both: cannot overflow
    out = divide(gain, i, denominator_name="investment", zero_division=zero_division)
    return finish(out, is_scalar(return_) and is_scalar(investment))


@overload
def growth(current: float, previous: float, *, zero_division: ZeroDivision = ...) -> float: ...
@overload
def growth(
    current: ArrayLike, previous: ArrayLike, *, zero_division: ZeroDivision = ...
) -> FloatOrArray: ...
def growth(
    current: ArrayLike, previous: ArrayLike, *, zero_division: ZeroDivision = _NAN
) -> FloatOrArray:
    """Growth, ``(current - previous) / previous``: period over period, or a level's
    (followers') growth from its opening to its closing reading.

    Source: the Oktopost article's customer whose social traffic was "up 60% year over
    year"; Hootsuite, "Audience growth rate" (net new followers / total followers).

    >>> import socialroi as sr
    >>> sr.growth(16_000, 10_000)
    0.6
    >>> sr.growth([9_900, 80], [9_000, 0])
    array([0.1, nan])
    """
    now, before = plain_number(current), plain_number(previous)
    if now is not None and before is not None:  # two plain numbers: no numpy
        return divide_numbers(
            now - before, before, denominator_name="previous", zero_division=zero_division
        )
    c, p = broadcast(
        {
            "current": as_float_array(current, argument="current"),
            "previous": as_float_array(previous, argument="previous"),
        }
    )
    change: Float64Array = c - p  # finite and >= 0 both: cannot overflow
    out = divide(change, p, denominator_name="previous", zero_division=zero_division)
    return finish(out, is_scalar(current) and is_scalar(previous))


@overload
def roas(revenue: float, spend: float, *, zero_division: ZeroDivision = ...) -> float: ...
@overload
def roas(
    revenue: ArrayLike, spend: ArrayLike, *, zero_division: ZeroDivision = ...
) -> FloatOrArray: ...
def roas(
    revenue: ArrayLike, spend: ArrayLike, *, zero_division: ZeroDivision = _NAN
) -> FloatOrArray:
    """Return on ad spend, ``revenue / spend`` (Google Ads: conversion value / cost).

    Not ROI: with 45,000 back on 20,000 spent, ROAS is 2.25 and ROI is 1.25.

    Examples
    --------
    >>> import socialroi as sr
    >>> sr.roas(45_000, 20_000)
    2.25
    >>> sr.roas(100, 0)
    nan
    """
    return ratio(revenue, spend, names=("revenue", "spend"), zero_division=zero_division)


@overload
def profit(return_: float, investment: float) -> float: ...
@overload
def profit(return_: ArrayLike, investment: ArrayLike) -> FloatOrArray: ...
def profit(return_: ArrayLike, investment: ArrayLike) -> FloatOrArray:
    """Net return, ``return - investment`` (negative for a loss).

    Examples
    --------
    >>> import socialroi as sr
    >>> sr.profit(45_000, 20_000)
    25000.0
    >>> sr.profit([45_000, 100], 20_000)
    array([ 25000., -19900.])
    """
    back, spent = plain_number(return_), plain_number(investment)
    if back is not None and spent is not None:  # two plain numbers: no numpy
        return back - spent
    r, i = broadcast(
        {
            "return_": as_float_array(return_, argument="return_"),
            "investment": as_float_array(investment, argument="investment"),
        }
    )
    out: Float64Array = r - i  # finite and >= 0 both: cannot overflow
    return finish(out, is_scalar(return_) and is_scalar(investment))


@overload
def cpm(spend: float, impressions: float, *, zero_division: ZeroDivision = ...) -> float: ...
@overload
def cpm(
    spend: ArrayLike, impressions: ArrayLike, *, zero_division: ZeroDivision = ...
) -> FloatOrArray: ...
def cpm(
    spend: ArrayLike, impressions: ArrayLike, *, zero_division: ZeroDivision = _NAN
) -> FloatOrArray:
    """Cost per mille, ``spend / impressions * 1000``.

    Source: Meta Business Help Center, "CPM (cost per 1,000 impressions)": the average cost
    for 1,000 impressions, total amount spent divided by impressions, multiplied by 1,000.

    Examples
    --------
    >>> import socialroi as sr
    >>> sr.cpm(50, 10_000)
    5.0
    >>> sr.cpm(50, 0)
    nan
    """
    return ratio(
        spend,
        impressions,
        names=("spend", "impressions"),
        zero_division=zero_division,
        scale=1000.0,
    )


@overload
def cpc(spend: float, clicks: float, *, zero_division: ZeroDivision = ...) -> float: ...
@overload
def cpc(
    spend: ArrayLike, clicks: ArrayLike, *, zero_division: ZeroDivision = ...
) -> FloatOrArray: ...
def cpc(
    spend: ArrayLike, clicks: ArrayLike, *, zero_division: ZeroDivision = _NAN
) -> FloatOrArray:
    """Cost per click, ``spend / clicks``.

    Source: Meta Business Help Center, "CPC (cost per link click)": total amount spent
    divided by link clicks.

    Examples
    --------
    >>> import socialroi as sr
    >>> sr.cpc(300, 120)
    2.5
    """
    return ratio(spend, clicks, names=("spend", "clicks"), zero_division=zero_division)


@overload
def cpa(spend: float, actions: float, *, zero_division: ZeroDivision = ...) -> float: ...
@overload
def cpa(
    spend: ArrayLike, actions: ArrayLike, *, zero_division: ZeroDivision = ...
) -> FloatOrArray: ...
def cpa(
    spend: ArrayLike, actions: ArrayLike, *, zero_division: ZeroDivision = _NAN
) -> FloatOrArray:
    """Cost per action (acquisition), ``spend / actions``.

    Source: Google Ads Help, "Cost per conversion": cost divided by conversions.

    Examples
    --------
    >>> import socialroi as sr
    >>> sr.cpa(1_000, 40)
    25.0
    """
    return ratio(spend, actions, names=("spend", "actions"), zero_division=zero_division)


@overload
def cost_per(spend: float, count: float, *, zero_division: ZeroDivision = ...) -> float: ...
@overload
def cost_per(
    spend: ArrayLike, count: ArrayLike, *, zero_division: ZeroDivision = ...
) -> FloatOrArray: ...
def cost_per(
    spend: ArrayLike, count: ArrayLike, *, zero_division: ZeroDivision = _NAN
) -> FloatOrArray:
    """Cost per anything counted (a lead, a demo request, a trial), ``spend / count``.

    Examples
    --------
    >>> import socialroi as sr
    >>> sr.cost_per(20_000, 25)   # cost per qualified lead
    800.0
    """
    return ratio(spend, count, names=("spend", "count"), zero_division=zero_division)


@overload
def ctr(clicks: float, impressions: float, *, zero_division: ZeroDivision = ...) -> float: ...
@overload
def ctr(
    clicks: ArrayLike, impressions: ArrayLike, *, zero_division: ZeroDivision = ...
) -> FloatOrArray: ...
def ctr(
    clicks: ArrayLike, impressions: ArrayLike, *, zero_division: ZeroDivision = _NAN
) -> FloatOrArray:
    """Click-through rate, ``clicks / impressions`` (a fraction, not a percentage).

    Source: Google Ads Help, "Clickthrough rate (CTR)": clicks divided by impressions.

    Examples
    --------
    >>> import socialroi as sr
    >>> sr.ctr(5, 1_000)
    0.005
    """
    return ratio(clicks, impressions, names=("clicks", "impressions"), zero_division=zero_division)


@overload
def engagement_rate(
    engagements: float, base: float, *, zero_division: ZeroDivision = ...
) -> float: ...
@overload
def engagement_rate(
    engagements: ArrayLike, base: ArrayLike, *, zero_division: ZeroDivision = ...
) -> FloatOrArray: ...
def engagement_rate(
    engagements: ArrayLike, base: ArrayLike, *, zero_division: ZeroDivision = _NAN
) -> FloatOrArray:
    """Engagement rate, ``engagements / base``; the base (impressions, reach, followers) is
    the caller's choice because published definitions differ.

    Source: LinkedIn Marketing Solutions, page analytics: engagement rate = (clicks + likes +
    comments + shares + follows) / impressions.

    Examples
    --------
    >>> import socialroi as sr
    >>> sr.engagement_rate(45, 1_500)
    0.03
    """
    return ratio(engagements, base, names=("engagements", "base"), zero_division=zero_division)


@overload
def conversion_rate(
    conversions: float, base: float, *, zero_division: ZeroDivision = ...
) -> float: ...
@overload
def conversion_rate(
    conversions: ArrayLike, base: ArrayLike, *, zero_division: ZeroDivision = ...
) -> FloatOrArray: ...
def conversion_rate(
    conversions: ArrayLike, base: ArrayLike, *, zero_division: ZeroDivision = _NAN
) -> FloatOrArray:
    """Conversion rate, ``conversions / base`` (clicks, visits, or the previous stage).

    Source: Google Ads Help, "Conversion rate": conversions divided by interactions.

    Examples
    --------
    >>> import socialroi as sr
    >>> sr.conversion_rate(6, 200)
    0.03
    """
    return ratio(conversions, base, names=("conversions", "base"), zero_division=zero_division)


@overload
def frequency(impressions: float, reach: float, *, zero_division: ZeroDivision = ...) -> float: ...
@overload
def frequency(
    impressions: ArrayLike, reach: ArrayLike, *, zero_division: ZeroDivision = ...
) -> FloatOrArray: ...
def frequency(
    impressions: ArrayLike, reach: ArrayLike, *, zero_division: ZeroDivision = _NAN
) -> FloatOrArray:
    """Average impressions per person reached, ``impressions / reach``.

    Source: Meta Business Help Center, "Frequency": the average number of times each person
    saw your ad, impressions divided by reach. Reach must be deduplicated at the level asked.

    Examples
    --------
    >>> import socialroi as sr
    >>> sr.frequency(30_000, 12_000)
    2.5
    """
    return ratio(impressions, reach, names=("impressions", "reach"), zero_division=zero_division)


@overload
def mean_duration(seconds: float, count: float, *, zero_division: ZeroDivision = ...) -> float: ...
@overload
def mean_duration(
    seconds: ArrayLike, count: ArrayLike, *, zero_division: ZeroDivision = ...
) -> FloatOrArray: ...
def mean_duration(
    seconds: ArrayLike, count: ArrayLike, *, zero_division: ZeroDivision = _NAN
) -> FloatOrArray:
    """Seconds per action, ``seconds / count``: the mean of a duration that adds (time on
    page per page view, watch time per view), read from its total.

    Examples
    --------
    >>> import socialroi as sr
    >>> sr.mean_duration(5_400, 120)    # 90 minutes over 120 page views: 45 s each
    45.0
    >>> sr.mean_duration(0, 0)          # no page view: undefined
    nan
    """
    return ratio(seconds, count, names=("seconds", "count"), zero_division=zero_division)
