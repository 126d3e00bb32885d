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

from socialroi._errors import InvalidTypeError, InvalidValueError, UnknownNameError
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
from socialroi._values.rates import CostRate

Per = Literal["post", "follower", "impression", "reach"]
_PER = ("post", "follower", "impression", "reach")


def _per(per: object) -> str:
    if not isinstance(per, str):
        raise InvalidTypeError(f"'per' must name the denominator, one of {_PER}: {per!r}")
    if per not in _PER:
        raise UnknownNameError(
            f"'per' must name the denominator, one of {_PER}: {per!r}; published definitions "
            "differ, so socialroi does not guess"
        )
    return per


def _first(bad: np.ndarray, **arrays: np.ndarray) -> str:
    """``name=value`` of each array at the first place ``bad`` is true, for messages."""
    index = tuple(int(i[0]) for i in np.nonzero(np.atleast_1d(bad)))
    return ", ".join(f"{k}={float(np.atleast_1d(a)[index])!r}" for k, a in arrays.items())


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
    over = b > t
    if np.any(over):
        raise InvalidValueError(
            "'brand_mentions' cannot exceed 'total_mentions' (the total includes the brand): "
            f"{int(np.sum(over))} value(s) do, first "
            + _first(over, brand_mentions=b, total_mentions=t)
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
    if not isinstance(over, str):
        raise InvalidTypeError(f"'over' must be 'all' or 'opinionated': {over!r}")
    if over not in ("all", "opinionated"):
        raise UnknownNameError(f"'over' must be 'all' or 'opinionated': {over!r}")
    p, n, u = broadcast(
        {
            "positive": as_float_array(positive, argument="positive"),
            "negative": as_float_array(negative, argument="negative"),
            "neutral": as_float_array(neutral, argument="neutral"),
        }
    )
    if over == "opinionated":
        u = np.zeros_like(u)
    # In units of a power of two near the largest count (exact, so the ratio is unchanged):
    # no sum overflows, even near 1e308.
    scale = np.ldexp(1.0, np.frexp(np.maximum(np.maximum(p, n), u))[1] - 1)
    p, n, u = p / scale, n / scale, u / scale
    out = divide(p - n, p + n + u, denominator_name="mentions", zero_division=zero_division)
    scalar = is_scalar(positive) and is_scalar(negative) and is_scalar(neutral)
    return finish(out, scalar)


def net_sentiment_rate(
    positive_mentions: ArrayLike,
    negative_mentions: ArrayLike,
    mentions: ArrayLike,
    *,
    zero_division: ZeroDivision = math.nan,
) -> FloatOrArray:
    """Net sentiment from counts that add up: (positive - negative) / all mentions, the
    mentions holding the positive, negative and neutral ones. It equals
    ``net_sentiment(positive, negative, mentions - positive - negative, over="all")``, from
    measures that roll up (``mentions``, ``positive_mentions``, ``negative_mentions``).

    >>> import socialroi as sr
    >>> sr.net_sentiment_rate(60, 20, 200)
    0.2
    """
    p, n, m = broadcast(
        {
            "positive_mentions": as_float_array(positive_mentions, argument="positive_mentions"),
            "negative_mentions": as_float_array(negative_mentions, argument="negative_mentions"),
            "mentions": as_float_array(mentions, argument="mentions"),
        }
    )
    over = (p > m) | (n > m - p)  # p + n > m, without a sum that could overflow
    if np.any(over):
        raise InvalidValueError(
            "'positive_mentions' + 'negative_mentions' cannot exceed 'mentions' (mentions "
            f"count all of them, neutral ones too): {int(np.sum(over))} value(s) do, first "
            + _first(over, positive_mentions=p, negative_mentions=n, mentions=m)
        )
    out = divide(p - n, m, denominator_name="mentions", zero_division=zero_division)
    scalar = is_scalar(positive_mentions) and is_scalar(negative_mentions) and is_scalar(mentions)
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


def conversation_rate(
    comments: ArrayLike, posts: ArrayLike, *, zero_division: ZeroDivision = math.nan
) -> FloatOrArray:
    """Comments (or replies) per post: Avinash Kaushik's conversation rate, the first of his
    four social metrics beside amplification (shares per post) and applause (approvals per
    post). Source: Avinash Kaushik, "Best Social Media Metrics: Conversation, Amplification,
    Applause, Economic Value" (Occam's Razor, 2011).

    >>> import socialroi as sr
    >>> sr.conversation_rate(36, 12)
    3.0
    """
    return ratio(comments, posts, names=("comments", "posts"), zero_division=zero_division)


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


def earned_media_value(
    organic_impressions: ArrayLike, *, cpm: ArrayLike | CostRate
) -> FloatOrArray:
    """What organic impressions would have cost as paid media: impressions / 1000 x CPM, at
    a CPM the caller gives (a benchmark or the brand's own paid CPM), a number or a
    :class:`CostRate` per impressions (the result is in its currency).

    >>> import socialroi as sr
    >>> sr.earned_media_value(250_000, cpm=6.0)
    1500.0
    >>> sr.earned_media_value(250_000, cpm=sr.CostRate.cpm(6.0, "EUR"))
    1500.0
    """
    if isinstance(cpm, CostRate):
        if cpm.action != "impressions":
            raise InvalidValueError(
                f"'cpm' must be a cost per impressions, not per {cpm.action!r}: {cpm}"
            )
        cpm = cpm.amount / cpm.per * 1_000.0
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
    bad = (stayed < 0) | (stayed > s)
    if np.any(bad):
        raise InvalidValueError(
            "'end' - 'new' (those who stayed) must lie between 0 and 'start': check that new "
            f"joiners are counted in 'end' and not more than joined; {int(np.sum(bad))} "
            f"value(s) do not, first {_first(bad, start=s, end=e, new=n)}"
        )
    return s, e, n
