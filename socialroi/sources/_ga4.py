"""Google Analytics 4: sessions and key events by source, medium and campaign.

Fields of the GA4 Data API (https://developers.google.com/analytics/devguides/reporting/data/v1/api-schema)
and the same under the Traffic acquisition report's export headers. GA4's default channel
grouping (https://support.google.com/analytics/answer/9756891) decides each row's channel
and whether it is paid: the rules below run in the engine, in Google's order, on the
session's source, medium and campaign (lower case); a ``sessionDefaultChannelGroup`` column,
where exported, is GA4's own answer and is used as it is. The source lists are a subset of
Google's list of social, search, video and shopping sites (``SOCIAL``, ``SEARCH``,
``VIDEO``, ``SHOPPING``). Paid channels (Paid Search, Paid Social, Paid Video, Paid
Shopping, Paid Other, Display, Cross-network) are ``mode="paid"``; every other channel
(Direct, Referral, Email, Organic Search...) is not bought media, so ``"organic"``.
Key events count under GA4's session attribution (the session's last non-direct source).

The rules were checked against the stored copies of Google's page (an older version, with
fewer channels) and a public copy of its current table (colemanmarketing.co.uk): the order,
the shopping-campaign pattern and the channels match that table. Not verified from a stored
page: ``retargeting`` in the paid-medium pattern, the "Paid Other" channel, ``app`` and
``link`` as referral media, ``sms`` as a source and ``firebase`` as a push source (written
from Google's current page, which no stored copy holds).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from socialroi.sources._fields import Field, Kind, Source, unverified
from socialroi.sources._read import Rates, Unknown, frame_of, narwhals

SOCIAL = (
    "facebook", "facebook.com", "fb", "m.facebook.com", "l.facebook.com", "lm.facebook.com",
    "instagram", "instagram.com", "ig", "l.instagram.com", "linkedin", "linkedin.com",
    "lnkd.in", "twitter", "twitter.com", "t.co", "x.com", "tiktok", "tiktok.com",
    "pinterest", "pinterest.com", "reddit", "reddit.com", "snapchat", "threads",
    "threads.net", "quora", "tumblr", "vk.com", "whatsapp", "messenger",
)  # fmt: skip
SEARCH = (
    "google", "google.com", "bing", "bing.com", "yahoo", "yahoo.com", "duckduckgo",
    "duckduckgo.com", "baidu", "baidu.com", "yandex", "yandex.ru", "ecosia.org", "naver",
    "naver.com", "ask", "ask.com", "qwant", "qwant.com", "startpage",
)  # fmt: skip
VIDEO = (
    "youtube", "youtube.com", "m.youtube.com", "vimeo", "vimeo.com", "twitch", "twitch.tv",
    "dailymotion", "dailymotion.com",
)  # fmt: skip
SHOPPING = (
    "google shopping", "shopping.google.com", "amazon", "amazon.com", "ebay", "ebay.com",
    "etsy", "etsy.com", "shopify", "shopify.com", "walmart", "walmart.com",
)  # fmt: skip
# Google's patterns, with groups that capture nothing (pandas warns about capturing ones)
_PAID = r"^(?:.*cp.*|ppc|retargeting|paid.*)$"
_SHOP_CAMPAIGN = r"^(?:.*(?:(?:[^a-df-z]|^)shop|shopping).*)$"
_EMAIL = ("email", "e-mail", "e_mail", "e mail")
#: The channels GA4 counts as bought media.
PAID_CHANNELS = (
    "Cross-network",
    "Paid Shopping",
    "Paid Search",
    "Paid Social",
    "Paid Video",
    "Display",
    "Paid Other",
)

#: Names no stored page confirmed: most of the Traffic acquisition report's export headers
#: (the Data API's names are confirmed by public code that requests them).
_UNVERIFIED = frozenset(
    {
        "Session primary channel group (Default Channel Group)",
        "Session source / medium",
        "Landing page",
        "Sessions",
        "Key events",
        "Purchase revenue",
        "Ecommerce purchases",
        "Views",
        "Active users",
        "Bounce rate",
        "Session key event rate",
        "Average session duration",
        "eventsPerSession",
        "sessionsPerUser",
    }
)

GA4 = Source(
    name="ga4",
    title="GA4 traffic acquisition report",
    reference="https://developers.google.com/analytics/devguides/reporting/data/v1/api-schema",
    pages=(
        "https://www.fivetran.com/docs/connectors/applications/google-analytics-4/prebuilt-reports",
        "https://glama.ai/mcp/servers/ZLeventer/google-analytics-mcp-server/tools/"
        "ga4_conversions_by_source",
        "https://docs.lightdash.com/integrations/live-sources/google-analytics",
        "https://support.google.com/analytics/answer/9756891",
        "https://colemanmarketing.co.uk/ga4-default-channel-grouping/",
    ),
    channel=None,
    mode=None,
    window="GA4 session (last non-direct click)",
    date_format="%Y%m%d",
    currency_hint="GA4 reports money in the property's currency (Admin > Property details)",
    fields=unverified(
        (
            Field(
                names=("date", "Date"),
                column="date",
                kind=Kind.DATE,
                required="add the dimension date (the Data API sends it as YYYYMMDD)",
            ),
            Field(names=("sessionSource", "Session source"), column="source", kind=Kind.DIMENSION),
            Field(names=("sessionMedium", "Session medium"), column="medium", kind=Kind.DIMENSION),
            Field(
                names=("sessionCampaignName", "Session campaign"),
                column="campaign",
                kind=Kind.DIMENSION,
            ),
            Field(
                names=(
                    "sessionDefaultChannelGroup",
                    "Session default channel group",
                    "Session primary channel group (Default Channel Group)",
                ),
                column="channel",
                kind=Kind.DIMENSION,
            ),
            Field(
                names=("sessionSourceMedium", "Session source / medium"),
                column="source_medium",
                kind=Kind.DIMENSION,
            ),
            Field(names=("country", "Country"), column="country", kind=Kind.DIMENSION),
            Field(
                names=("deviceCategory", "Device category"), column="device", kind=Kind.DIMENSION
            ),
            Field(
                names=("landingPage", "Landing page"), column="landing_page", kind=Kind.DIMENSION
            ),
            Field(names=("sessions", "Sessions"), column="sessions", kind=Kind.COUNT),
            Field(
                names=("keyEvents", "Key events", "conversions", "Conversions"),
                column="conversions",
                kind=Kind.COUNT,
            ),
            Field(names=("totalRevenue", "Total revenue"), column="revenue", kind=Kind.MONEY),
            Field(
                names=("purchaseRevenue", "Purchase revenue"),
                column=None,
                kind=Kind.IGNORED,
                note="a part of total revenue: totalRevenue is read",
            ),
            Field(
                names=("ecommercePurchases", "Ecommerce purchases"),
                column="purchases",
                kind=Kind.COUNT,
            ),
            Field(names=("screenPageViews", "Views"), column="page_views", kind=Kind.COUNT),
            Field(
                names=("totalUsers", "Total users", "activeUsers", "Active users"),
                column=None,
                kind=Kind.IGNORED,
                note="unique visitors of the site: not the reach of impressions, and they do not "
                "add across rows",
            ),
            Field(
                names=("newUsers", "New users", "engagedSessions", "Engaged sessions"),
                column=None,
                kind=Kind.IGNORED,
                note="a part of users or sessions: no socialroi measure",
            ),
            Field(
                names=("userEngagementDuration", "eventCount", "Event count"),
                column=None,
                kind=Kind.IGNORED,
                note="no socialroi measure (events of every kind; engaged seconds per user)",
            ),
            Field(
                names=(
                    "engagementRate",
                    "Engagement rate",
                    "bounceRate",
                    "Bounce rate",
                    "sessionKeyEventRate",
                    "Session key event rate",
                    "averageSessionDuration",
                    "Average session duration",
                    "eventsPerSession",
                    "sessionsPerUser",
                ),
                column=None,
                kind=Kind.RATE,
                note="a rate or a mean: socialroi reads it from the sums (GA4 sends fractions)",
            ),
        ),
        _UNVERIFIED,
    ),
)


def _among(column: Any, names: Sequence[str]) -> Any:
    return column.is_in(list(names))


def channel_group(nw: Any) -> Any:
    """GA4's default channel group as an expression over ``source``, ``medium`` and
    ``campaign`` (the rules of https://support.google.com/analytics/answer/9756891)."""
    src = nw.col("source").cast(nw.String).fill_null("").str.strip_chars().str.to_lowercase()
    med = nw.col("medium").cast(nw.String).fill_null("").str.strip_chars().str.to_lowercase()
    camp = nw.col("campaign").cast(nw.String).fill_null("").str.to_lowercase()
    paid = med.str.contains(_PAID)
    shop = _among(src, SHOPPING) | camp.str.contains(_SHOP_CAMPAIGN)
    social = _among(src, SOCIAL)
    search = _among(src, SEARCH)
    video = _among(src, VIDEO)
    rules = [
        ("Direct", (src == "(direct)") & _among(med, ("(not set)", "(none)", ""))),
        ("Cross-network", camp.str.contains("cross-network", literal=True)),
        ("Paid Shopping", shop & paid),
        ("Paid Search", search & paid),
        ("Paid Social", social & paid),
        ("Paid Video", video & paid),
        ("Display", _among(med, ("display", "banner", "expandable", "interstitial", "cpm"))),
        ("Paid Other", paid),
        ("Organic Shopping", shop),
        (
            "Organic Social",
            social
            | _among(
                med,
                (
                    "social",
                    "social-network",
                    "social-media",
                    "sm",
                    "social network",
                    "social media",
                ),
            ),
        ),
        ("Organic Video", video | med.str.contains("video", literal=True)),
        ("Organic Search", search | (med == "organic")),
        ("Email", _among(src, _EMAIL) | _among(med, _EMAIL)),
        ("Affiliates", _among(med, ("affiliate", "affiliates"))),
        ("Referral", _among(med, ("referral", "app", "link"))),
        ("Audio", med == "audio"),
        ("SMS", (src == "sms") | (med == "sms")),
        (
            "Mobile Push Notifications",
            med.str.ends_with("push")
            | med.str.contains("mobile", literal=True)
            | med.str.contains("notification", literal=True)
            | (src == "firebase"),
        ),
    ]
    expression = nw.lit("Unassigned")
    for name, rule in reversed(rules):
        expression = nw.when(rule).then(nw.lit(name)).otherwise(expression)
    return expression


def ga4(
    data: object,
    *,
    currency: str | None = None,
    unknown: Unknown = "raise",
    rates: Rates = "drop",
) -> Any:
    """GA4 sessions and key events by source / medium / campaign with socialroi's columns.

    ``channel`` is GA4's default channel group (from the source, medium and campaign, or the
    exported ``sessionDefaultChannelGroup``), ``mode`` is paid for its paid channels and
    organic for the others. Users are left out (unique visitors do not add up). GA4 states
    no currency: pass ``currency=`` (the property's) where the rows hold revenue. The other
    arguments are those of :func:`meta`.

    Examples
    --------
    >>> import pandas as pd
    >>> import socialroi as sr
    >>> rows = pd.DataFrame({"date": ["20260301"] * 3,
    ...                      "sessionSource": ["instagram", "google", "facebook"],
    ...                      "sessionMedium": ["social", "organic", "cpc"],
    ...                      "sessionCampaignName": ["(organic)", "(organic)", "spring"],
    ...                      "sessions": [120, 300, 80], "keyEvents": [3, 9, 4]})
    >>> sr.sources.ga4(rows)[["channel", "mode"]].values.tolist()
    [['Organic Social', 'organic'], ['Organic Search', 'organic'], ['Paid Social', 'paid']]
    """
    nw = narwhals()
    frame = frame_of(GA4, data, currency=currency, unknown=unknown, rates=rates, window=None)
    schema = frame.collect_schema()
    if "channel" not in schema:
        missing = [c for c in ("source", "medium") if c not in schema]
        if missing:
            from socialroi._errors import UnknownNameError

            raise UnknownNameError(
                f"the GA4 data have no session {' and '.join(missing)} column(s), which the "
                "default channel grouping reads: add the dimensions sessionSource and "
                "sessionMedium (or sessionDefaultChannelGroup)"
            )
        if "campaign" not in schema:
            frame = frame.with_columns(nw.lit("(not set)").alias("campaign"))
        frame = frame.with_columns(channel_group(nw).alias("channel"))
    channel = nw.col("channel").cast(nw.String)
    mode = nw.when(channel.is_in(list(PAID_CHANNELS))).then(nw.lit("paid"))
    frame = frame.with_columns(mode.otherwise(nw.lit("organic")).alias("mode"))
    first = [c for c in ("channel", "mode", "campaign") if c in frame.collect_schema()]
    rest = [c for c in frame.collect_schema().names() if c not in first]
    return nw.to_native(frame.select(*first, *rest))
