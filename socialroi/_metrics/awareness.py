"""Awareness, sentiment, advocacy and retention formulas.

Published definitions conflict on denominators (per post, per follower, per impression), so
the rate functions take the denominator's meaning as a required ``per=`` and never guess.
All are vectorised like the core formulas and share their zero-division policy.
"""

from __future__ import annotations

import math
from typing import Literal

import numpy as np
from numpy.typing import ArrayLike

from socialroi._errors import InvalidValueError
from socialroi._metrics.arrays import (
    FloatOrArray,
    ZeroDivision,
    as_float_array,
    broadcast,
    divide,
    finish,
    is_scalar,
    ratio,
)

Per = Literal["post", "follower", "impression", "reach"]
_PER = ("post", "follower", "impression", "reach")


def _per(per: object) -> str:
    if not isinstance(per, str) or per not in _PER:
        raise InvalidValueError(
            f"'per' must name the denominator, one of {_PER}: {per!r}; published definitions "
            "differ, so socialroi does not guess"
        )
    return per


def share_of_voice(
    brand_mentions: ArrayLike, total_mentions: ArrayLike, *, zero_division: ZeroDivision = math.nan
) -> FloatOrArray:
    """Share of voice: the brand's mentions over all mentions in the category (brand
    included). Source: Oktopost B2B article (shared/seeds), "social listening to measure
    brand sentiment and share of voice"; Sprout Social, "Share of voice".

    >>> import socialroi as sr
    >>> sr.share_of_voice(300, 1_200)
    0.25
    """
    b, t = broadcast(
        {
            "brand_mentions": as_float_array(brand_mentions, argument="brand_mentions"),
            "total_mentions": as_float_array(total_mentions, argument="total_mentions"),
        }
    )
    if np.any(b > t):
        raise InvalidValueError(
            "'brand_mentions' cannot exceed 'total_mentions': the total includes the brand"
        )
    out = divide(b, t, denominator_name="total_mentions", zero_division=zero_division)
    return finish(out, is_scalar(brand_mentions) and is_scalar(total_mentions))


def net_sentiment(
    positive: ArrayLike,
    negative: ArrayLike,
    neutral: ArrayLike = 0.0,
    *,
    over: Literal["all", "opinionated"],
    zero_division: ZeroDivision = math.nan,
) -> FloatOrArray:
    """Net sentiment, (positive - negative) over all mentions (``over="all"``, neutral
    included) or over opinionated mentions only (``over="opinionated"``). Both conventions
    are in use; the caller chooses. The result lies in [-1, 1].

    >>> import socialroi as sr
    >>> sr.net_sentiment(60, 20, 120, over="all")
    0.2
    >>> sr.net_sentiment(60, 20, 120, over="opinionated")
    0.5
    """
    if over not in ("all", "opinionated"):
        raise InvalidValueError(f"'over' must be 'all' or 'opinionated': {over!r}")
    p, n, u = broadcast(
        {
            "positive": as_float_array(positive, argument="positive"),
            "negative": as_float_array(negative, argument="negative"),
            "neutral": as_float_array(neutral, argument="neutral"),
        }
    )
    base = p + n + (u if over == "all" else 0.0)
    out = divide(p - n, base, denominator_name="mentions", zero_division=zero_division)
    scalar = is_scalar(positive) and is_scalar(negative) and is_scalar(neutral)
    return finish(out, scalar)


def amplification_rate(
    shares: ArrayLike, base: ArrayLike, *, per: Per, zero_division: ZeroDivision = math.nan
) -> FloatOrArray:
    """Shares per unit of ``base``; ``per`` says what the base counts. Hootsuite defines it
    per follower (shares / followers); others use per post or per impression.

    >>> import socialroi as sr
    >>> sr.amplification_rate(45, 9_000, per="follower")
    0.005
    """
    _per(per)
    return ratio(shares, base, names=("shares", "base"), zero_division=zero_division)


def applause_rate(
    approvals: ArrayLike, base: ArrayLike, *, per: Per, zero_division: ZeroDivision = math.nan
) -> FloatOrArray:
    """Approvals (likes, favourites) per unit of ``base``, named by ``per``. Avinash
    Kaushik's definition is per post; Hootsuite's is per follower.

    >>> import socialroi as sr
    >>> sr.applause_rate(240, 12, per="post")
    20.0
    """
    _per(per)
    return ratio(approvals, base, names=("approvals", "base"), zero_division=zero_division)


def virality_rate(
    shares: ArrayLike, base: ArrayLike, *, per: Per, zero_division: ZeroDivision = math.nan
) -> FloatOrArray:
    """Shares per unit of ``base``, usually per impression (Hootsuite: shares /
    impressions); ``per`` must say which.

    >>> import socialroi as sr
    >>> sr.virality_rate(30, 20_000, per="impression")
    0.0015
    """
    _per(per)
    return ratio(shares, base, names=("shares", "base"), zero_division=zero_division)


def earned_media_value(organic_impressions: ArrayLike, *, cpm: ArrayLike) -> FloatOrArray:
    """What organic impressions would have cost as paid media: impressions / 1000 x CPM, at
    a CPM the caller gives (a benchmark or the brand's own paid CPM).

    >>> import socialroi as sr
    >>> sr.earned_media_value(250_000, cpm=6.0)
    1500.0
    """
    i, c = broadcast(
        {
            "organic_impressions": as_float_array(
                organic_impressions, argument="organic_impressions"
            ),
            "cpm": as_float_array(cpm, argument="cpm"),
        }
    )
    with np.errstate(all="ignore"):
        out = i / 1000.0 * c
    return finish(out, is_scalar(organic_impressions) and is_scalar(cpm))


def retention_rate(
    start: ArrayLike, end: ArrayLike, new: ArrayLike, *, zero_division: ZeroDivision = math.nan
) -> FloatOrArray:
    """Share of those present at the start who are still there at the end:
    (end - new) / start (the customer retention rate; the same for employees).

    >>> import socialroi as sr
    >>> sr.retention_rate(200, 210, 30)
    0.9
    """
    s, e, n = _population(start, end, new)
    out = divide(e - n, s, denominator_name="start", zero_division=zero_division)
    return finish(out, is_scalar(start) and is_scalar(end) and is_scalar(new))


def churn_rate(
    start: ArrayLike, end: ArrayLike, new: ArrayLike, *, zero_division: ZeroDivision = math.nan
) -> FloatOrArray:
    """Share of those present at the start who left: (start - (end - new)) / start, so
    churn = 1 - retention.

    >>> import socialroi as sr
    >>> sr.churn_rate(200, 210, 30)
    0.1
    """
    s, e, n = _population(start, end, new)
    out = divide(s - (e - n), s, denominator_name="start", zero_division=zero_division)
    return finish(out, is_scalar(start) and is_scalar(end) and is_scalar(new))


def _population(
    start: ArrayLike, end: ArrayLike, new: ArrayLike
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    s, e, n = broadcast(
        {
            "start": as_float_array(start, argument="start"),
            "end": as_float_array(end, argument="end"),
            "new": as_float_array(new, argument="new"),
        }
    )
    stayed = e - n
    if np.any(stayed < 0) or np.any(stayed > s):
        raise InvalidValueError(
            "'end' - 'new' (those who stayed) must lie between 0 and 'start': check that new "
            "joiners are counted in 'end' and not more than joined"
        )
    return s, e, n
