"""X (Twitter) ads: rows of the X Ads API's analytics, or the Ads Manager export.

Metrics of https://developer.x.com/en/docs/x-ads-api/analytics/overview/metrics-and-segmentation:
``billed_charge_local_micro`` is the spend in millionths of the account's currency,
``url_clicks`` are link clicks (``clicks`` counts every click on the post). The API returns
one list of values per day; flatten them to one row per day and entity (with its name
joined) first. Conversions count 14 days after an engagement or 1 day after a view by default.
"""

from __future__ import annotations

from typing import Any

from socialroi.sources._fields import Field, Kind, Source, unverified
from socialroi.sources._read import Rates, Unknown, frame_of, narwhals

#: Names no stored page confirmed: the columns a flattened API response is given here (the
#: API returns entity ids and one list of values per metric) and the Ads Manager export's
#: headers. The metrics' API names are confirmed.
_UNVERIFIED = frozenset(
    {
        "date",
        "Date",
        "Time period",
        "campaign_name",
        "Campaign name",
        "line_item_name",
        "Ad group name",
        "Ad Group name",
        "promoted_tweet_id",
        "Ad name",
        "Ad ID",
        "campaign_id",
        "line_item_id",
        "placement",
        "Placement",
        "currency",
        "Currency",
        "Spend",
        "Impressions",
        "Link clicks",
        "Clicks",
        "Engagements",
        "Reposts",
        "Likes",
        "Replies",
        "Follows",
        "Video views",
        "Video completions",
        "Engagement rate",
        "Link click rate",
        "Cost per link click",
        "Cost per 1,000 impressions",
    }
)

X_ADS = Source(
    name="x_ads",
    title="X Ads analytics",
    reference=(
        "https://developer.x.com/en/docs/x-ads-api/analytics/overview/metrics-and-segmentation"
    ),
    pages=(
        "https://developer.x.com/en/docs/ads/analytics/overview/metrics-and-segmentation",
        "https://developer.x.com/en/docs/x-ads-api/analytics/overview/metrics-derived",
        "https://developer.x.com/en/docs/twitter-api/enterprise/engagement-api/guides/"
        "understanding-recent-changes-to-eapi-metrics",
    ),
    channel="x",
    mode="paid",
    window="14-day engagement or 1-day view",
    currency_hint="or add the account's currency column",
    fields=unverified(
        (
            Field(
                names=("date", "Date", "Time period"),
                column="date",
                kind=Kind.DATE,
                required="request granularity=DAY and write each value's day as the date",
            ),
            Field(
                names=("campaign_name", "Campaign name"),
                column="campaign",
                kind=Kind.DIMENSION,
                required="join the campaigns' names "
                "(entity=CAMPAIGN, or the line item's campaign)",
            ),
            Field(
                names=("line_item_name", "Ad group name", "Ad Group name"),
                column="ad_set",
                kind=Kind.DIMENSION,
            ),
            Field(
                names=("promoted_tweet_id", "Ad name", "Ad ID"), column="ad", kind=Kind.DIMENSION
            ),
            Field(names="campaign_id", column="campaign_id", kind=Kind.DIMENSION),
            Field(names="line_item_id", column="ad_set_id", kind=Kind.DIMENSION),
            Field(names=("placement", "Placement"), column="placement", kind=Kind.DIMENSION),
            Field(names=("currency", "Currency"), column="currency", kind=Kind.CURRENCY),
            Field(names="billed_charge_local_micro", column="ad_spend", kind=Kind.MICROS),
            Field(names="Spend", column="ad_spend", kind=Kind.MONEY),
            Field(names=("impressions", "Impressions"), column="impressions", kind=Kind.COUNT),
            Field(names=("url_clicks", "Link clicks"), column="link_clicks", kind=Kind.COUNT),
            Field(
                names=("clicks", "Clicks", "engagements", "Engagements", "billed_engagements"),
                column=None,
                kind=Kind.IGNORED,
                note="every click or engagement on the post: not link clicks",
            ),
            Field(names=("retweets", "Reposts"), column="shares", kind=Kind.COUNT),
            Field(names=("likes", "Likes"), column="likes", kind=Kind.COUNT),
            Field(names=("replies", "Replies"), column="comments", kind=Kind.COUNT),
            Field(names=("follows", "Follows"), column="follows", kind=Kind.COUNT),
            Field(
                names=("video_total_views", "Video views"), column="video_views", kind=Kind.COUNT
            ),
            Field(
                names=("video_views_100", "Video completions"),
                column="completed_video_views",
                kind=Kind.COUNT,
            ),
            Field(
                names=("qualified_impressions", "media_views", "media_engagements"),
                column=None,
                kind=Kind.IGNORED,
                note="no socialroi measure (impressions counted again, views of the media)",
            ),
            Field(
                names=("Engagement rate", "Link click rate"),
                column=None,
                kind=Kind.PERCENT,
                note="a rate: socialroi reads it from the sums",
            ),
            Field(
                names=("Cost per link click", "Cost per 1,000 impressions"),
                column=None,
                kind=Kind.RATE,
                note="a rate: socialroi reads it from the sums",
            ),
        ),
        _UNVERIFIED,
    ),
)


def x_ads(
    data: object,
    *,
    currency: str | None = None,
    window: str | None = None,
    unknown: Unknown = "raise",
    rates: Rates = "drop",
) -> Any:
    """X Ads analytics rows with socialroi's columns (the arguments of :func:`meta`).

    Examples
    --------
    >>> import pandas as pd
    >>> import socialroi as sr
    >>> rows = pd.DataFrame({"date": ["2026-03-01"], "campaign_name": ["Launch"],
    ...                      "impressions": [5_000], "url_clicks": [40],
    ...                      "billed_charge_local_micro": [12_000_000]})
    >>> sr.sources.x_ads(rows, currency="USD")["ad_spend"].tolist()
    [12.0]
    """
    return narwhals().to_native(
        frame_of(X_ADS, data, currency=currency, unknown=unknown, rates=rates, window=window)
    )
