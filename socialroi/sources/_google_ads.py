"""Google Ads: rows of a Google Ads API (GAQL) report, by their field names.

Fields of https://developers.google.com/google-ads/api/fields/v17/metrics,
https://developers.google.com/google-ads/api/fields/v17/segments and
https://developers.google.com/google-ads/api/fields/v17/campaign: money in micros
(``metrics.cost_micros``: millionths of the account's currency, ``customer.currency_code``),
``metrics.ctr`` as a fraction, ``metrics.conversions`` counted under each conversion action's
own window (30 days after a click by default).
"""

from __future__ import annotations

from typing import Any

from socialroi.sources._fields import Field, Kind, Source, unverified
from socialroi.sources._read import Rates, Unknown, frame_of, narwhals

_RATE = "a rate: socialroi reads it from the sums"

GOOGLE_ADS = Source(
    name="google_ads",
    title="Google Ads API report",
    reference="https://developers.google.com/google-ads/api/fields/v17/metrics",
    pages=(
        "https://github.com/googleads/google-ads-python/blob/main/"
        "google/ads/googleads/v17/common/types/metrics.py",
        "https://developers.google.com/google-ads/api/fields/v17/location_view",
        "https://developers.google.com/google-ads/api/reference/rpc/v17/"
        "Recommendation.RecommendationMetrics",
        "https://developers.google.com/google-ads/api/docs/conversions/reporting",
    ),
    channel="google_ads",
    mode="paid",
    window="conversion action's window (30-day click by default)",
    currency_hint="or select customer.currency_code in the query",
    fields=unverified(
        (
            Field(
                names="segments.date",
                column="date",
                kind=Kind.DATE,
                required="select segments.date in the query (one row per day)",
            ),
            Field(
                names="campaign.name",
                column="campaign",
                kind=Kind.DIMENSION,
                required="select campaign.name in the query "
                "(FROM campaign, ad_group or ad_group_ad)",
            ),
            Field(names="campaign.id", column="campaign_id", kind=Kind.DIMENSION),
            Field(names="ad_group.name", column="ad_set", kind=Kind.DIMENSION),
            Field(names="ad_group.id", column="ad_set_id", kind=Kind.DIMENSION),
            Field(names="ad_group_ad.ad.name", column="ad", kind=Kind.DIMENSION),
            Field(names="ad_group_ad.ad.id", column="ad_id", kind=Kind.DIMENSION),
            Field(
                names="campaign.advertising_channel_type", column="network", kind=Kind.DIMENSION
            ),
            Field(names="segments.ad_network_type", column="ad_network", kind=Kind.DIMENSION),
            Field(names="segments.device", column="device", kind=Kind.DIMENSION),
            Field(names="customer.id", column="account_id", kind=Kind.DIMENSION),
            Field(names="customer.descriptive_name", column="account", kind=Kind.DIMENSION),
            Field(names="customer.currency_code", column="currency", kind=Kind.CURRENCY),
            Field(names="metrics.impressions", column="impressions", kind=Kind.COUNT),
            Field(
                names="metrics.clicks",
                column="link_clicks",
                kind=Kind.COUNT,
                note="clicks on the ad, which lead to its destination",
            ),
            Field(names="metrics.cost_micros", column="ad_spend", kind=Kind.MICROS),
            Field(names="metrics.conversions", column="conversions", kind=Kind.COUNT),
            Field(names="metrics.conversions_value", column="revenue", kind=Kind.MONEY),
            Field(names="metrics.video_views", column="video_views", kind=Kind.COUNT),
            Field(
                names=("metrics.all_conversions", "metrics.all_conversions_value"),
                column=None,
                kind=Kind.IGNORED,
                note="also the conversion actions not counted in conversions (a second count)",
            ),
            Field(
                names="metrics.view_through_conversions",
                column=None,
                kind=Kind.IGNORED,
                note="conversions after an impression without a click: another window",
            ),
            Field(
                names=("metrics.interactions", "metrics.engagements"),
                column=None,
                kind=Kind.IGNORED,
                note="clicks, engagements and video views together: not one action",
            ),
            Field(
                names=(
                    "metrics.ctr",
                    "metrics.average_cpc",
                    "metrics.average_cpm",
                    "metrics.average_cost",
                    "metrics.cost_per_conversion",
                    "metrics.conversions_from_interactions_rate",
                ),
                column=None,
                kind=Kind.RATE,
                note=_RATE + " (the API sends ctr as a fraction, costs in micros)",
            ),
            Field(
                names=(
                    "campaign.resource_name",
                    "ad_group.resource_name",
                    "customer.resource_name",
                ),
                column=None,
                kind=Kind.IGNORED,
                note="the API's resource paths, which repeat the ids",
            ),
        ),
        frozenset({"campaign.resource_name", "ad_group.resource_name", "customer.resource_name"}),
    ),
)


def google_ads(
    data: object,
    *,
    currency: str | None = None,
    unknown: Unknown = "raise",
    rates: Rates = "drop",
) -> Any:
    """Google Ads API report rows (GAQL field names) with socialroi's columns.

    The rows as the client library returns them, flattened to one column per selected
    field (``campaign.name``, ``segments.date``, ``metrics.cost_micros``...). Money in micros
    is divided by 1,000,000. The other arguments are those of :func:`meta`.

    Examples
    --------
    >>> import pandas as pd
    >>> import socialroi as sr
    >>> rows = pd.DataFrame({"segments.date": ["2026-03-01"], "campaign.name": ["Search"],
    ...                      "customer.currency_code": ["EUR"], "metrics.clicks": [50],
    ...                      "metrics.impressions": [2_000], "metrics.cost_micros": [25_000_000]})
    >>> rep = sr.rollup(sr.sources.google_ads(rows), by="campaign", currency="EUR")
    >>> rep.row("Search").metric("cpc")
    0.5
    """
    return narwhals().to_native(
        frame_of(GOOGLE_ADS, data, currency=currency, unknown=unknown, rates=rates, window=None)
    )
