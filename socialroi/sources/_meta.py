"""Meta (Facebook and Instagram ads): the Ads Manager export and the Marketing API insights.

Ads Manager export (CSV or XLSX, Reports > Export): its column names are the metric names of
Meta's ad metrics glossary (https://www.facebook.com/business/help/447834205249495).
"Link clicks" are clicks on links to the ad's destination; "Clicks (all)" also count likes,
comments, clicks on the page's name and expanding the media, so they are left out. Money
columns carry the account's currency in the header: "Amount spent (USD)". The attribution
setting (7-day click or 1-day view by default) is the column "Attribution setting" where
exported, else ``window=``.

Marketing API insights (https://developers.facebook.com/docs/marketing-api/reference/ads-insights/):
the API's field names; conversions come as ``actions`` / ``action_values`` lists, read by the
rule of :mod:`socialroi.sources._meta_actions`.
"""

from __future__ import annotations

from typing import Any

from socialroi.sources._fields import Field, Kind, Source, unverified
from socialroi.sources._meta_actions import expand
from socialroi.sources._meta_actions_engine import expand_lazy
from socialroi.sources._read import (
    Rates,
    Unknown,
    check_policies,
    frame_of,
    narwhals,
    open_frame,
)

_DAY = "export with Breakdown > By time > Day (or the report's 'Reporting starts' column)"
_CAMPAIGN = "export at the campaign, ad set or ad level with the 'Campaign name' column"
_RATE = "a rate: socialroi reads it from the sums"
_ALL_CLICKS = (
    "all clicks, also likes, comments, profile clicks and expanding the media: not link clicks"
)

#: Ads Manager export headers no stored page confirmed (the glossary's own page was not
#: among them; the pages of ``ADS_MANAGER.pages`` confirm the others).
_EXPORT_UNVERIFIED = frozenset(
    {
        "Reporting starts",
        "Reporting ends",
        "Day",
        "Campaign name",
        "Ad set name",
        "Ad name",
        "Campaign ID",
        "Ad set ID",
        "Ad ID",
        "Objective",
        "Platform",
        "Placement",
        "Age",
        "Gender",
        "Country",
        "Currency",
        "Attribution setting",
        "Landing page views",
        "Purchases",
        "Purchases conversion value",
        "Leads",
        "Adds to cart",
        "Checkouts initiated",
        "Registrations completed",
        "App installs",
        "Post saves",
        "Page likes",
        "3-second video plays",
        "ThruPlays",
        "Result indicator",
        "Cost per result ({currency})",
        "Purchase ROAS (return on ad spend)",
        "Delivery",
        "Starts",
        "Budget type",
        "Bid",
        "Bid type",
    }
)

ADS_MANAGER = Source(
    name="meta",
    title="Meta Ads Manager export",
    reference="https://www.facebook.com/business/help/447834205249495",
    pages=(
        "https://sebotraining.com/meta-ads-topics/ads-manager-columns",
        "https://www.jonloomer.com/glossary-cat/facebook-ads/page/10/",
        "https://github.com/CommandersAct/Adloop-Documentation/blob/master/Meta-metrics-&-dimensions.md",
    ),
    channel="meta",
    mode="paid",
    window="7-day click or 1-day view",
    currency_hint="or export with the currency in the headers, as Ads Manager does",
    fields=unverified(
        (
            Field(names="Reporting starts", column="date", kind=Kind.DATE, required=_DAY),
            Field(names="Reporting ends", column="date_end", kind=Kind.DATE),
            Field(
                names="Day",
                column="day",
                kind=Kind.IGNORED,
                note="the same day as 'Reporting starts'",
            ),
            Field(
                names="Campaign name", column="campaign", kind=Kind.DIMENSION, required=_CAMPAIGN
            ),
            Field(names="Ad set name", column="ad_set", kind=Kind.DIMENSION),
            Field(names="Ad name", column="ad", kind=Kind.DIMENSION),
            Field(names=("Campaign ID",), column="campaign_id", kind=Kind.DIMENSION),
            Field(names=("Ad set ID",), column="ad_set_id", kind=Kind.DIMENSION),
            Field(names=("Ad ID",), column="ad_id", kind=Kind.DIMENSION),
            Field(names="Objective", column="objective", kind=Kind.DIMENSION),
            Field(names="Platform", column="platform", kind=Kind.DIMENSION),
            Field(names="Placement", column="placement", kind=Kind.DIMENSION),
            Field(names="Age", column="age", kind=Kind.DIMENSION),
            Field(names="Gender", column="gender", kind=Kind.DIMENSION),
            Field(names="Country", column="country", kind=Kind.DIMENSION),
            Field(names="Currency", column="currency", kind=Kind.CURRENCY),
            Field(names="Attribution setting", column="attribution_window", kind=Kind.WINDOW),
            Field(names="Impressions", column="impressions", kind=Kind.COUNT),
            Field(names="Reach", column="reach", kind=Kind.REACH),
            Field(names="Amount spent ({currency})", column="ad_spend", kind=Kind.MONEY),
            Field(names="Link clicks", column="link_clicks", kind=Kind.COUNT),
            Field(names="Clicks (all)", column=None, kind=Kind.IGNORED, note=_ALL_CLICKS),
            Field(names="Landing page views", column="page_views", kind=Kind.COUNT),
            Field(names="Purchases", column="purchases", kind=Kind.COUNT),
            Field(names="Purchases conversion value", column="revenue", kind=Kind.MONEY),
            Field(names="Leads", column="leads", kind=Kind.COUNT),
            Field(names="Adds to cart", column="add_to_cart", kind=Kind.COUNT),
            Field(names="Checkouts initiated", column="checkouts", kind=Kind.COUNT),
            Field(names="Registrations completed", column="registrations", kind=Kind.COUNT),
            Field(names="App installs", column="app_installs", kind=Kind.COUNT),
            Field(names="Post reactions", column="likes", kind=Kind.COUNT),
            Field(names="Post comments", column="comments", kind=Kind.COUNT),
            Field(names="Post shares", column="shares", kind=Kind.COUNT),
            Field(names="Post saves", column="saves", kind=Kind.COUNT),
            Field(names="Page likes", column="follows", kind=Kind.COUNT),
            Field(names="3-second video plays", column="video_views", kind=Kind.COUNT),
            Field(names="ThruPlays", column="completed_video_views", kind=Kind.COUNT),
            Field(
                names=("Results", "Result indicator", "Cost per result"),
                column=None,
                kind=Kind.IGNORED,
                note="a result is the event each ad set optimises for, which differs by row: "
                "export the event's own column (Purchases, Leads...)",
            ),
            Field(names="Frequency", column=None, kind=Kind.RATE, note=_RATE),
            Field(
                names=(
                    "CPM (cost per 1,000 impressions) ({currency})",
                    "CPC (cost per link click) ({currency})",
                    "Cost per result ({currency})",
                    "Purchase ROAS (return on ad spend)",
                ),
                column=None,
                kind=Kind.RATE,
                note=_RATE,
            ),
            Field(
                names=("CTR (link click-through rate)", "CTR (all)"),
                column=None,
                kind=Kind.PERCENT,
                note=_RATE + " (Meta writes it in percent)",
            ),
            Field(
                names=("Delivery", "Starts", "Ends", "Budget", "Budget type", "Bid", "Bid type"),
                column=None,
                kind=Kind.IGNORED,
                note="settings of the ad set, not measures of the period",
            ),
        ),
        _EXPORT_UNVERIFIED,
    ),
)

MARKETING_API = Source(
    name="meta_api",
    title="Meta Marketing API insights",
    reference="https://developers.facebook.com/docs/marketing-api/reference/ads-insights/",
    pages=(
        "https://github.com/facebook/facebook-python-business-sdk/blob/main/facebook_business/adobjects/adsinsights.py",
        "https://github.com/facebook/facebook-python-business-sdk/blob/main/facebook_business/adobjects/adsactionstats.py",
        "https://developers.facebook.com/docs/marketing-api/reference/ads-action-stats/",
    ),
    channel="meta",
    mode="paid",
    window="7-day click or 1-day view",
    currency_hint="or request the field account_currency",
    fields=(
        Field(
            names="date_start",
            column="date",
            kind=Kind.DATE,
            required="request time_increment=1 (date_start comes with every insights row)",
        ),
        Field(names="date_stop", column="date_end", kind=Kind.DATE),
        Field(
            names="campaign_name",
            column="campaign",
            kind=Kind.DIMENSION,
            required="request level=campaign (or adset, ad) with the field campaign_name",
        ),
        Field(names="adset_name", column="ad_set", kind=Kind.DIMENSION),
        Field(names="ad_name", column="ad", kind=Kind.DIMENSION),
        Field(names="campaign_id", column="campaign_id", kind=Kind.DIMENSION),
        Field(names="adset_id", column="ad_set_id", kind=Kind.DIMENSION),
        Field(names="ad_id", column="ad_id", kind=Kind.DIMENSION),
        Field(names="account_id", column="account_id", kind=Kind.DIMENSION),
        Field(names="account_name", column="account", kind=Kind.DIMENSION),
        Field(names="objective", column="objective", kind=Kind.DIMENSION),
        Field(names="publisher_platform", column="platform", kind=Kind.DIMENSION),
        Field(names="platform_position", column="placement", kind=Kind.DIMENSION),
        Field(names="age", column="age", kind=Kind.DIMENSION),
        Field(names="gender", column="gender", kind=Kind.DIMENSION),
        Field(names="country", column="country", kind=Kind.DIMENSION),
        Field(names="account_currency", column="currency", kind=Kind.CURRENCY),
        Field(names="attribution_setting", column="attribution_window", kind=Kind.WINDOW),
        Field(names="impressions", column="impressions", kind=Kind.COUNT),
        Field(names="reach", column="reach", kind=Kind.REACH),
        Field(names="spend", column="ad_spend", kind=Kind.MONEY),
        Field(names="inline_link_clicks", column="link_clicks", kind=Kind.COUNT),
        Field(names="clicks", column=None, kind=Kind.IGNORED, note=_ALL_CLICKS),
        Field(
            names=("unique_clicks", "unique_inline_link_clicks"),
            column=None,
            kind=Kind.IGNORED,
            note="people who clicked, which do not add up across rows",
        ),
        Field(
            names=(
                "frequency",
                "cpc",
                "cpm",
                "cpp",
                "cost_per_inline_link_click",
                "purchase_roas",
                "cost_per_action_type",
            ),
            column=None,
            kind=Kind.RATE,
            note=_RATE,
        ),
        Field(
            names=("ctr", "inline_link_click_ctr"),
            column=None,
            kind=Kind.PERCENT,
            note=_RATE + " (the API writes it in percent)",
        ),
        Field(
            names=("actions", "action_values"),
            column=None,
            kind=Kind.IGNORED,
            note="lists of {action_type, value}: read into measure columns by the action rule",
        ),
    ),
)


def meta(
    data: object,
    *,
    currency: str | None = None,
    window: str | None = None,
    unknown: Unknown = "raise",
    rates: Rates = "drop",
) -> Any:
    """A Meta Ads Manager export with socialroi's columns, in the frame's own engine.

    Parameters
    ----------
    data
        The export as read (``pd.read_csv``, ``pl.read_csv``, ``pl.scan_csv``, DuckDB...).
    currency
        The ISO 4217 code of its money, where neither the headers ("Amount spent (USD)") nor
        a "Currency" column say it.
    window
        The attribution window its conversions were counted under, where it has no
        "Attribution setting" column (Meta's default: 7-day click or 1-day view).
    unknown
        What to do with a column the source does not know: ``"raise"`` names it, ``"keep"``
        keeps it as it is, ``"drop"`` leaves it out.
    rates
        ``"drop"`` leaves out the rates Meta exports (CTR, CPM, frequency): socialroi reads
        them from the sums. ``"keep"`` keeps them, percentages as fractions.

    Examples
    --------
    >>> import pandas as pd
    >>> import socialroi as sr
    >>> export = pd.DataFrame({
    ...     "Reporting starts": ["2026-03-01"], "Reporting ends": ["2026-03-01"],
    ...     "Campaign name": ["Spring"], "Impressions": [12_000], "Link clicks": [240],
    ...     "Clicks (all)": [410], "Amount spent (USD)": [96.0],
    ... })
    >>> frame = sr.sources.meta(export)
    >>> list(frame.columns)
    ['channel', 'mode', 'campaign', 'date', 'currency', 'attribution_window', 'date_end', \
'impressions', 'link_clicks', 'ad_spend']
    >>> sr.rollup(frame, by="campaign", currency="USD").row("Spring").metric("cpc")
    0.4
    """
    return narwhals().to_native(
        frame_of(ADS_MANAGER, data, currency=currency, unknown=unknown, rates=rates, window=window)
    )


def meta_api(
    data: object,
    *,
    currency: str | None = None,
    window: str | None = None,
    unknown: Unknown = "raise",
    rates: Rates = "drop",
) -> Any:
    """Meta Marketing API insights rows with socialroi's columns.

    ``actions`` and ``action_values`` (lists of ``{action_type, value}``) become measure
    columns by the rule of the action types (``offsite_conversion.fb_pixel_purchase`` and
    ``omni_purchase`` are purchases, counted once: docs/sources.md), in Python on an eager
    frame (pandas, polars, pyarrow) and in the engine on a lazy one (polars lazy, DuckDB,
    PySpark; Dask frames are collected first). The other arguments are those of
    :func:`meta`.

    Examples
    --------
    >>> import pandas as pd
    >>> import socialroi as sr
    >>> rows = pd.DataFrame([{
    ...     "date_start": "2026-03-01", "date_stop": "2026-03-01", "campaign_name": "Spring",
    ...     "account_currency": "USD", "spend": "50.00", "impressions": "9000",
    ...     "actions": [{"action_type": "omni_purchase", "value": "3"},
    ...                 {"action_type": "offsite_conversion.fb_pixel_purchase", "value": "3"},
    ...                 {"action_type": "link_click", "value": "120"}],
    ...     "action_values": [{"action_type": "omni_purchase", "value": "180.0"}],
    ... }])
    >>> frame = sr.sources.meta_api(rows)
    >>> frame[["purchases", "link_clicks", "revenue"]].iloc[0].tolist()
    [3.0, 120.0, 180.0]
    """
    nw = narwhals()
    check_policies(unknown, rates, window)
    frame = open_frame(data)
    given = {
        f.column
        for header in frame.collect_schema().names()
        if (match := MARKETING_API.field(str(header))) is not None
        for f in (match[0],)
        if f.column is not None
    }
    if isinstance(frame, nw.DataFrame):
        frame, added = expand(nw, frame, unknown, given)
    else:
        frame, added = expand_lazy(nw, frame, unknown, given, MARKETING_API.title)
    derived = [(name, _derived_field(name)) for name in added]
    return nw.to_native(
        frame_of(
            MARKETING_API,
            data,
            currency=currency,
            unknown=unknown,
            rates=rates,
            window=window,
            derived=derived,
            frame=frame,
        )
    )


def _derived_field(name: str) -> Field:
    measure = name.removeprefix("__")
    money = measure == "revenue" or measure.startswith(("value_", "meta_value_"))
    return Field(names=name, column=measure, kind=Kind.MONEY if money else Kind.COUNT)
