"""TikTok ads: rows of a TikTok API for Business basic report, or the Ads Manager export.

Metrics and dimensions of the reporting API's basic reports
(https://ads.tiktok.com/marketing_api/docs?id=1751443967255553, and each metric's name in
Ads Manager: https://ads.tiktok.com/marketing_api/docs?id=1759239462689793):
``stat_time_day`` is the day
(written "2026-03-01 00:00:00"), ``spend`` is in the advertiser's currency (the ``currency``
attribute), ``clicks`` are clicks to the ad's destination, ``ctr`` and ``conversion_rate`` are
percentages. Conversions count 7 days after a click or 1 day after a view by default.
"""

from __future__ import annotations

from typing import Any

from socialroi.sources._fields import Field, Kind, Source, unverified
from socialroi.sources._read import Rates, Unknown, frame_of, narwhals

_RATE = "a rate: socialroi reads it from the sums"

#: Names no stored page confirmed: the Ads Manager export's headers for the day and the
#: levels (the API's own names are confirmed).
_UNVERIFIED = frozenset(
    {
        "By Day",
        "Date",
        "Campaign name",
        "Ad group name",
        "Ad name",
        "Campaign ID",
        "Ad group ID",
        "Ad ID",
        "Placement",
        "Currency",
    }
)

TIKTOK = Source(
    name="tiktok",
    title="TikTok Ads report",
    reference="https://ads.tiktok.com/marketing_api/docs?id=1751443967255553",
    pages=(
        "https://ads.tiktok.com/marketing_api/docs?id=1759239462689793",
        "https://github.com/keboola/keboola-as-code-templates",
        "https://fivetran.com/docs/applications/tiktok-ads/prebuilt-reports",
    ),
    channel="tiktok",
    mode="paid",
    window="7-day click or 1-day view",
    date_format="%Y-%m-%d %H:%M:%S",
    currency_hint="or request the attribute currency",
    fields=unverified(
        (
            Field(
                names="stat_time_day",
                column="date",
                kind=Kind.DATE,
                required="add the dimension stat_time_day (one row per day)",
            ),
            Field(names=("By Day", "Date"), column="date", kind=Kind.DATE, date_format="%Y-%m-%d"),
            Field(
                names=("campaign_name", "Campaign name"),
                column="campaign",
                kind=Kind.DIMENSION,
                required="request the attribute campaign_name (data_level AUCTION_CAMPAIGN, "
                "AUCTION_ADGROUP or AUCTION_AD)",
            ),
            Field(names=("adgroup_name", "Ad group name"), column="ad_set", kind=Kind.DIMENSION),
            Field(names=("ad_name", "Ad name"), column="ad", kind=Kind.DIMENSION),
            Field(names=("campaign_id", "Campaign ID"), column="campaign_id", kind=Kind.DIMENSION),
            Field(names=("adgroup_id", "Ad group ID"), column="ad_set_id", kind=Kind.DIMENSION),
            Field(names=("ad_id", "Ad ID"), column="ad_id", kind=Kind.DIMENSION),
            Field(names="advertiser_id", column="account_id", kind=Kind.DIMENSION),
            Field(names=("placement", "Placement"), column="placement", kind=Kind.DIMENSION),
            Field(names=("currency", "Currency"), column="currency", kind=Kind.CURRENCY),
            Field(names=("spend", "Cost"), column="ad_spend", kind=Kind.MONEY),
            Field(names=("impressions", "Impressions"), column="impressions", kind=Kind.COUNT),
            Field(names=("reach", "Reach"), column="reach", kind=Kind.REACH),
            Field(
                names=("clicks", "Clicks (destination)"),
                column="link_clicks",
                kind=Kind.COUNT,
                note="clicks to the ad's destination",
            ),
            Field(names=("conversion", "Conversions"), column="conversions", kind=Kind.COUNT),
            Field(
                names=("real_time_conversion", "Real-time conversions"),
                column=None,
                kind=Kind.IGNORED,
                note="the same conversions counted when they happen, not when the ad was seen",
            ),
            Field(
                names=("complete_payment", "Payments completed (website)"),
                column="purchases",
                kind=Kind.COUNT,
            ),
            Field(
                names=("video_play_actions", "Video views"), column="video_views", kind=Kind.COUNT
            ),
            Field(
                names=("video_views_p100", "Video views at 100%"),
                column="completed_video_views",
                kind=Kind.COUNT,
            ),
            Field(names=("likes", "Paid likes"), column="likes", kind=Kind.COUNT),
            Field(names=("comments", "Paid comments"), column="comments", kind=Kind.COUNT),
            Field(names=("shares", "Paid shares"), column="shares", kind=Kind.COUNT),
            Field(names=("follows", "Paid followers"), column="follows", kind=Kind.COUNT),
            Field(
                names=("profile_visits", "Paid profile visits"),
                column="profile_visits",
                kind=Kind.COUNT,
            ),
            Field(
                names=(
                    "ctr",
                    "CTR (destination)",
                    "conversion_rate",
                    "Conversion rate (CVR, clicks)",
                ),
                column=None,
                kind=Kind.PERCENT,
                note=_RATE + " (TikTok writes it in percent)",
            ),
            Field(
                names=(
                    "cpc",
                    "cpm",
                    "frequency",
                    "cost_per_conversion",
                    "complete_payment_roas",
                    "CPC (destination)",
                    "CPM",
                    "Cost per conversion",
                ),
                column=None,
                kind=Kind.RATE,
                note=_RATE,
            ),
        ),
        _UNVERIFIED,
    ),
)


def tiktok(
    data: object,
    *,
    currency: str | None = None,
    window: str | None = None,
    unknown: Unknown = "raise",
    rates: Rates = "drop",
) -> Any:
    """TikTok Ads report rows with socialroi's columns (the arguments of :func:`meta`).

    Examples
    --------
    >>> import pandas as pd
    >>> import socialroi as sr
    >>> rows = pd.DataFrame({"stat_time_day": ["2026-03-01 00:00:00"],
    ...                      "campaign_name": ["Launch"], "currency": ["GBP"],
    ...                      "spend": ["40.00"], "impressions": ["10000"], "clicks": ["80"],
    ...                      "ctr": ["0.80"]})
    >>> out = sr.sources.tiktok(rows, rates="keep")
    >>> out["reported_ctr"].tolist(), str(out["date"].iloc[0].date())
    ([0.008], '2026-03-01')
    """
    return narwhals().to_native(
        frame_of(TIKTOK, data, currency=currency, unknown=unknown, rates=rates, window=window)
    )
