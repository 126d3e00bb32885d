"""YouTube Analytics (organic): a channel's videos, by day.

Dimensions and metrics of the YouTube Analytics API
(https://developers.google.com/youtube/analytics/metrics and
https://developers.google.com/youtube/analytics/dimensions): ``views`` are video views,
``estimatedMinutesWatched`` is watch time in minutes (socialroi keeps durations in seconds),
``subscribersGained`` are follows. ``averageViewPercentage`` is a percentage, and
``subscribersLost`` is not a negative count of an action, so both are left out.
"""

from __future__ import annotations

from typing import Any

from socialroi.sources._fields import Field, Kind, Source
from socialroi.sources._read import Rates, Unknown, frame_of, narwhals

YOUTUBE = Source(
    name="youtube",
    title="YouTube Analytics report",
    reference="https://developers.google.com/youtube/analytics/metrics",
    pages=(
        "https://developers.google.com/youtube/analytics/metrics",
        "https://developers.google.com/youtube/analytics/dimensions",
    ),
    channel="youtube",
    mode="organic",
    currency_hint="the query's currency parameter (USD by default)",
    fields=(
        Field(
            names="day",
            column="date",
            kind=Kind.DATE,
            required="add the dimension day (dimensions=day or day,video)",
        ),
        Field(names="video", column="video", kind=Kind.DIMENSION),
        Field(names="channel", column="youtube_channel", kind=Kind.DIMENSION),
        Field(names="playlist", column="playlist", kind=Kind.DIMENSION),
        Field(names="country", column="country", kind=Kind.DIMENSION),
        Field(names="insightTrafficSourceType", column="traffic_source", kind=Kind.DIMENSION),
        Field(names="views", column="video_views", kind=Kind.COUNT),
        Field(
            names="engagedViews",
            column=None,
            kind=Kind.IGNORED,
            note="a second count of the same views (those past the first seconds): views are read",
        ),
        Field(names="estimatedMinutesWatched", column="watch_time", kind=Kind.MINUTES),
        Field(names="likes", column="likes", kind=Kind.COUNT),
        Field(names="comments", column="comments", kind=Kind.COUNT),
        Field(names="shares", column="shares", kind=Kind.COUNT),
        Field(names="subscribersGained", column="follows", kind=Kind.COUNT),
        Field(names="estimatedRevenue", column="revenue", kind=Kind.MONEY),
        Field(
            names=("subscribersLost", "dislikes"),
            column=None,
            kind=Kind.IGNORED,
            note="losses and dislikes are not actions socialroi counts",
        ),
        Field(
            names=("cardClicks", "cardTeaserClicks", "annotationClicks"),
            column=None,
            kind=Kind.IGNORED,
            note="clicks inside YouTube, not to a destination",
        ),
        Field(
            names="averageViewPercentage",
            column=None,
            kind=Kind.PERCENT,
            note="a rate: socialroi reads rates from the sums (YouTube writes it in percent)",
        ),
        Field(
            names=("averageViewDuration", "cardClickRate"),
            column=None,
            kind=Kind.RATE,
            note="a mean or a rate: socialroi reads it from the sums",
        ),
    ),
)


def youtube(
    data: object,
    *,
    currency: str | None = None,
    unknown: Unknown = "raise",
    rates: Rates = "drop",
) -> Any:
    """YouTube Analytics rows with socialroi's columns: organic, channel ``youtube``.

    ``currency=`` is needed only where the rows hold ``estimatedRevenue``. The other
    arguments are those of :func:`meta`.

    Examples
    --------
    >>> import pandas as pd
    >>> import socialroi as sr
    >>> rows = pd.DataFrame({"day": ["2026-03-01"], "video": ["abc123"], "views": [1_000],
    ...                      "estimatedMinutesWatched": [2_500], "subscribersGained": [12]})
    >>> rep = sr.rollup(sr.sources.youtube(rows), by="video", currency="USD")
    >>> rep.row("abc123").metric("avg_watch_time")   # seconds per view
    150.0
    """
    return narwhals().to_native(
        frame_of(YOUTUBE, data, currency=currency, unknown=unknown, rates=rates, window=None)
    )
