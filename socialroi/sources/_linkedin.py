"""LinkedIn ads: a Campaign Manager export, or adAnalytics rows, by their field names.

LinkedIn's campaign group is what the other platforms call a campaign, and its campaign is
their ad set: the source writes them as ``campaign`` and ``ad_set``. Fields of the Marketing
API's ads reporting (https://learn.microsoft.com/en-us/linkedin/marketing/integrations/ads-reporting/ads-reporting)
and the same metrics under their Campaign Manager export headers. "Clicks" count every
click on the ad (the company name, social actions); "Landing Page Clicks" are the link
clicks. Conversions are counted 30 days after a click or 7 days after a view unless the
conversion's own settings say otherwise.
"""

from __future__ import annotations

from typing import Any

from socialroi.sources._fields import Field, Kind, Source, unverified
from socialroi.sources._read import Rates, Unknown, frame_of, narwhals

_RATE = "a rate: socialroi reads it from the sums"

#: Names no stored page confirmed: the Campaign Manager export's headers other than the
#: metrics twominutereports lists, and the snake-case and campaignGroup-style names written
#: for rows flattened by hand (adAnalytics itself returns URNs and a dateRange object).
_UNVERIFIED = frozenset(
    {
        "Start Date (in UTC)",
        "start_date",
        "dateRange.start",
        "End Date (in UTC)",
        "end_date",
        "dateRange.end",
        "Campaign Group Name",
        "campaignGroup",
        "campaign_group",
        "Campaign Group ID",
        "Campaign Name",
        "campaign",
        "Campaign ID",
        "Creative Name",
        "Ad Name",
        "creative",
        "Creative ID",
        "Ad ID",
        "Account Name",
        "account",
        "Account ID",
        "Campaign Type",
        "Campaign Objective",
        "Currency",
        "currency",
        "Amount Spent",
        "Other Clicks",
        "Reactions",
        "Comments",
        "Shares",
        "Follows",
        "Video Views",
        "Video Completions",
        "Conversions",
        "Post-Click Conversions",
        "View-Through Conversions",
        "Total Conversion Value",
        "Leads",
        "Lead Forms Opened",
        "Total Social Actions",
        "Click Through Rate",
        "Conversion Rate",
        "Lead Form Completion Rate",
        "Average CPM",
        "Average CPC",
        "Cost per Conversion",
        "Cost per Lead",
        "Average Frequency",
        "Return on Ad Spend",
    }
)

LINKEDIN = Source(
    name="linkedin",
    title="LinkedIn Campaign Manager export",
    reference=(
        "https://learn.microsoft.com/en-us/linkedin/marketing/integrations/ads-reporting/"
        "ads-reporting"
    ),
    pages=(
        "https://learn.microsoft.com/en-us/linkedin/marketing/integrations/ads-reporting/"
        "ads-reporting-schema",
        "https://learn.microsoft.com/en-us/answers/questions/839098/"
        "click-metric-error-when-calling-api-in-linkedin-ap",
        "https://twominutereports.com/linkedin-ads-metrics-and-dimensions",
        "https://cdn.cdata.com/help/EBM/powerbi/pg_table-analytics.htm",
    ),
    channel="linkedin",
    mode="paid",
    window="30-day click or 7-day view",
    currency_hint="or export the 'Currency' column",
    fields=unverified(
        (
            Field(
                names=("Start Date (in UTC)", "start_date", "dateRange.start"),
                column="date",
                kind=Kind.DATE,
                required="export with Time breakdown: Daily (adAnalytics: timeGranularity=DAILY, "
                "dateRange.start as an ISO date)",
            ),
            Field(
                names=("End Date (in UTC)", "end_date", "dateRange.end"),
                column="date_end",
                kind=Kind.DATE,
            ),
            Field(
                names=("Campaign Group Name", "campaignGroup", "campaign_group"),
                column="campaign",
                kind=Kind.DIMENSION,
                required="export the campaign performance report with the 'Campaign Group Name' "
                "column (adAnalytics: pivot=CAMPAIGN_GROUP, or the group's name joined per row)",
            ),
            Field(names=("Campaign Group ID",), column="campaign_id", kind=Kind.DIMENSION),
            Field(names=("Campaign Name", "campaign"), column="ad_set", kind=Kind.DIMENSION),
            Field(names=("Campaign ID",), column="ad_set_id", kind=Kind.DIMENSION),
            Field(
                names=("Creative Name", "Ad Name", "creative"), column="ad", kind=Kind.DIMENSION
            ),
            Field(names=("Creative ID", "Ad ID"), column="ad_id", kind=Kind.DIMENSION),
            Field(names=("Account Name", "account"), column="account", kind=Kind.DIMENSION),
            Field(names=("Account ID",), column="account_id", kind=Kind.DIMENSION),
            Field(
                names=("Campaign Type", "Campaign Objective"),
                column="objective",
                kind=Kind.DIMENSION,
            ),
            Field(names=("Currency", "currency"), column="currency", kind=Kind.CURRENCY),
            Field(names="Impressions", column="impressions", kind=Kind.COUNT),
            Field(
                names=("Reach", "approximateMemberReach", "approximateUniqueImpressions"),
                column="reach",
                kind=Kind.REACH,
            ),
            Field(
                names=("Total Spent", "Amount Spent", "costInLocalCurrency"),
                column="ad_spend",
                kind=Kind.MONEY,
            ),
            Field(
                names=("costInUsd", "Total Spent(USD)"),
                column=None,
                kind=Kind.IGNORED,
                note="the same cost in USD: costInLocalCurrency is read, in the account's "
                "currency",
            ),
            Field(
                names=("Landing Page Clicks", "landingPageClicks"),
                column="link_clicks",
                kind=Kind.COUNT,
            ),
            Field(
                names=(
                    "Clicks",
                    "Other Clicks",
                    "Other Engagements",
                    "clicks",
                    "otherEngagements",
                ),
                column=None,
                kind=Kind.IGNORED,
                note="every click on the ad (company name, social actions): not link clicks",
            ),
            Field(names=("Reactions", "likes", "reactions"), column="likes", kind=Kind.COUNT),
            Field(names=("Comments", "comments"), column="comments", kind=Kind.COUNT),
            Field(names=("Shares", "shares"), column="shares", kind=Kind.COUNT),
            Field(names=("Follows", "follows"), column="follows", kind=Kind.COUNT),
            Field(names=("Video Views", "videoViews"), column="video_views", kind=Kind.COUNT),
            Field(
                names=("Video Completions", "videoCompletions"),
                column="completed_video_views",
                kind=Kind.COUNT,
            ),
            Field(
                names=("Conversions", "externalWebsiteConversions"),
                column="conversions",
                kind=Kind.COUNT,
            ),
            Field(
                names=(
                    "Post-Click Conversions",
                    "View-Through Conversions",
                    "externalWebsitePostClickConversions",
                    "externalWebsitePostViewConversions",
                ),
                column=None,
                kind=Kind.IGNORED,
                note="the parts of Conversions (after a click, after a view): not added again",
            ),
            Field(
                names=("Total Conversion Value", "conversionValueInLocalCurrency"),
                column="revenue",
                kind=Kind.MONEY,
            ),
            Field(names=("Leads", "oneClickLeads"), column="leads", kind=Kind.COUNT),
            Field(
                names=("Lead Forms Opened", "oneClickLeadFormOpens"),
                column=None,
                kind=Kind.IGNORED,
                note="forms opened, not leads",
            ),
            Field(
                names=("Total Social Actions", "Total Engagements", "totalEngagements"),
                column=None,
                kind=Kind.IGNORED,
                note="sums of the other actions",
            ),
            Field(
                names=(
                    "Click Through Rate",
                    "Engagement Rate",
                    "Conversion Rate",
                    "Lead Form Completion Rate",
                ),
                column=None,
                kind=Kind.PERCENT,
                note=_RATE + " (Campaign Manager writes it in percent)",
            ),
            Field(
                names=(
                    "Average CPM",
                    "Average CPC",
                    "Cost per Conversion",
                    "Cost per Lead",
                    "Average Frequency",
                    "Return on Ad Spend",
                ),
                column=None,
                kind=Kind.RATE,
                note=_RATE,
            ),
            Field(
                names=("pivotValues", "pivotValue"),
                column=None,
                kind=Kind.IGNORED,
                note="URNs of the pivot: join the campaign groups' names as the campaign",
            ),
        ),
        _UNVERIFIED,
    ),
)


def linkedin(
    data: object,
    *,
    currency: str | None = None,
    window: str | None = None,
    unknown: Unknown = "raise",
    rates: Rates = "drop",
) -> Any:
    """A LinkedIn Campaign Manager export (or adAnalytics rows) with socialroi's columns.

    The campaign group becomes ``campaign``, the campaign ``ad_set``; "Landing Page Clicks"
    are link clicks. A Campaign Manager CSV starts with a few lines about the report: read it
    with ``skiprows=`` so its header row is the table's. The other arguments are those of
    :func:`meta`.

    Examples
    --------
    >>> import pandas as pd
    >>> import socialroi as sr
    >>> export = pd.DataFrame({"Start Date (in UTC)": ["2026-03-01"],
    ...                        "Campaign Group Name": ["Q1 pipeline"], "Campaign Name": ["CFOs"],
    ...                        "Currency": ["EUR"], "Total Spent": [300.0], "Impressions": [8_000],
    ...                        "Clicks": [90], "Landing Page Clicks": [60], "Leads": [6]})
    >>> rep = sr.rollup(sr.sources.linkedin(export), by="campaign", currency="EUR")
    >>> row = rep.row("Q1 pipeline")
    >>> row.metric("cpc"), row.metric("cost_per_lead")
    (5.0, 50.0)
    """
    return narwhals().to_native(
        frame_of(LINKEDIN, data, currency=currency, unknown=unknown, rates=rates, window=window)
    )
