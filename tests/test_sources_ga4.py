"""GA4's default channel grouping, value by value: every medium and source each rule names
(https://support.google.com/analytics/answer/9756891, and the current table's public copy at
https://colemanmarketing.co.uk/ga4-default-channel-grouping/), missing values, the columns
the rules read, and the order of the columns written."""

from __future__ import annotations

from typing import Any

import pandas as pd
import polars as pl
import pytest

import socialroi as sr

CASES = [
    ("(direct)", "(none)", "x", "Direct"),
    ("(direct)", "(not set)", "x", "Direct"),
    ("(direct)", None, "x", "Direct"),  # no medium at all is none
    ("(direct)", "referral", "x", "Referral"),
    ("partner", "(none)", "x", "Unassigned"),
    (None, None, None, "Unassigned"),
    ("partner", "x", "Cross-Network Q1", "Cross-network"),  # case aside
    ("partner", "x", "cross.network", "Unassigned"),  # the name, not a pattern
    *((f"p{m}", m, "x", "Display") for m in ("display", "banner", "expandable", "interstitial")),
    ("partner", "cpm", "x", "Display"),
    ("partner", "DISPLAY", "x", "Display"),
    ("facebook", "cpc", "x", "Paid Social"),
    ("facebook", "paid-social", "x", "Paid Social"),
    ("facebook", "ppc", "x", "Paid Social"),
    ("facebook", "retargeting", "x", "Paid Social"),
    ("facebook", "cpcx", "x", "Paid Social"),  # ".*cp.*"
    ("facebook", "xcp", "x", "Paid Social"),
    ("facebook", "ppcx", "x", "Organic Social"),  # "ppc" only as a whole
    *(
        (f"p{m}", m, "x", "Organic Social")
        for m in (
            "social",
            "social-network",
            "social-media",
            "sm",
            "social network",
            "social media",
        )
    ),
    ("partner", "SM", "x", "Organic Social"),
    ("partner", "organic", "x", "Organic Search"),
    ("partner", "ORGANIC ", "x", "Organic Search"),
    ("partner", "organics", "x", "Unassigned"),
    ("partner", "link", "x", "Referral"),
    ("partner", "referral", "x", "Referral"),
    ("email", "referral", "x", "Email"),  # Email comes before Referral
    ("partner", "e mail", "x", "Email"),
    ("partner", "affiliates", "x", "Affiliates"),
    ("partner", "sms", "x", "SMS"),
    ("partner", "mobile-banner", "x", "Mobile Push Notifications"),
    ("partner", "notification", "x", "Mobile Push Notifications"),
    ("partner", "mobile.", "x", "Mobile Push Notifications"),
    ("partner", "x", "shop now", "Organic Shopping"),
    ("partner", "x", "eshop", "Organic Shopping"),  # after e (e-shops), a digit, or first
    ("partner", "x", "workshop", "Unassigned"),  # not after another letter
    ("partner", "x", "1shop", "Organic Shopping"),
    ("partner", "x", "shopping", "Organic Shopping"),
    ("youtube", "x", "x", "Organic Video"),
    ("partner", "videos", "x", "Organic Video"),
]


def ga4_rows(cases: list[tuple[str | None, str | None, str | None, str]]) -> dict[str, list[Any]]:
    return {
        "date": ["20260301"] * len(cases),
        "sessionSource": [c[0] for c in cases],
        "sessionMedium": [c[1] for c in cases],
        "sessionCampaignName": [c[2] for c in cases],
        "sessions": [1] * len(cases),
    }


@pytest.mark.parametrize("engine", ["pandas", "polars"])
def test_every_value_each_rule_names(engine: str) -> None:
    data = ga4_rows(CASES)
    frame = pd.DataFrame(data) if engine == "pandas" else pl.DataFrame(data)
    out = sr.sources.ga4(frame)
    got = list(out["channel"])
    assert got == [c[3] for c in CASES]
    paid = {"Cross-network", "Display", "Paid Social"}
    assert list(out["mode"]) == ["paid" if c[3] in paid else "organic" for c in CASES]


def test_without_a_campaign_the_campaign_is_not_set() -> None:
    data = ga4_rows([("partner", "x", "shopping", "-"), ("google", "organic", "x", "-")])
    del data["sessionCampaignName"]
    out = sr.sources.ga4(pd.DataFrame(data))
    assert out["campaign"].tolist() == ["(not set)", "(not set)"]
    assert out["channel"].tolist() == ["Unassigned", "Organic Search"]
    assert out.columns.tolist()[:4] == ["channel", "mode", "campaign", "date"]


def test_the_columns_come_channel_mode_campaign_first() -> None:
    out = sr.sources.ga4(pd.DataFrame(ga4_rows(CASES[:2])))
    assert out.columns.tolist() == [
        "channel",
        "mode",
        "campaign",
        "date",
        "attribution_window",
        "source",
        "medium",
        "sessions",
    ]
    grouped = pd.DataFrame(
        {"date": ["20260301"], "sessions": [4], "sessionDefaultChannelGroup": ["Email"]}
    )
    assert sr.sources.ga4(grouped).columns.tolist()[:2] == ["channel", "mode"]


def test_a_missing_source_or_medium_names_the_dimensions_to_add() -> None:
    data = pd.DataFrame(ga4_rows(CASES[:1]))
    message = (
        r"^the GA4 data have no session source and medium column\(s\), which the default "
        r"channel grouping reads: add the dimensions sessionSource and sessionMedium "
        r"\(or sessionDefaultChannelGroup\)$"
    )
    with pytest.raises(sr.UnknownNameError, match=message):
        sr.sources.ga4(data.drop(columns=["sessionSource", "sessionMedium"]))
    with pytest.raises(sr.UnknownNameError, match=r"have no session medium column\(s\)"):
        sr.sources.ga4(data.drop(columns=["sessionMedium"]))
    with pytest.raises(sr.UnknownNameError, match=r"have no session source column\(s\)"):
        sr.sources.ga4(data.drop(columns=["sessionSource"]))
