"""Platform sources: fixtures written from each platform's documented fields, hand-checked
roll-ups, the real KAG export, currency conversion, and every engine giving one result."""

from __future__ import annotations

import json
import math
import runpy
import warnings
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import dask.dataframe as dd
import duckdb
import narwhals.stable.v2 as nw
import numpy as np
import pandas as pd
import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import socialroi as sr
from socialroi.sources import Field, Kind, Source

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data" / "sources"
SHARED = ROOT.parent / "shared" / "data"


def frames(data: Mapping[str, Any]) -> dict[str, object]:
    df = pd.DataFrame(data)
    return {
        "pandas": df,
        "polars": pl.DataFrame(data),
        "polars-lazy": pl.DataFrame(data).lazy(),
        "pyarrow": pl.DataFrame(data).to_arrow(),
        "duckdb": duckdb.from_df(df),
        "dask": dd.from_pandas(df, npartitions=2),  # type: ignore[no-untyped-call]
    }


def collect(native: Any) -> dict[str, list[Any]]:
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Dask support", category=FutureWarning)
        frame = nw.from_native(native)
        done = frame.collect() if hasattr(frame, "collect") else frame
        return dict(done.to_dict(as_series=False))


def assert_same(a: sr.Report, b: sr.Report) -> None:
    assert a.by == b.by and a.keys == b.keys and a.currency == b.currency
    for name in a.data:
        np.testing.assert_allclose(a.data[name], b.data[name], rtol=1e-9, atol=1e-9)


# -- Meta ------------------------------------------------------------------------------------


def test_meta_ads_manager_export_rolls_up_by_campaign() -> None:
    """tests/data/sources/meta_ads_manager.csv: headers of Meta's ad metrics glossary
    (https://www.facebook.com/business/help/447834205249495), four daily rows."""
    export = pd.read_csv(DATA / "meta_ads_manager.csv")
    frame = sr.sources.meta(export)
    assert isinstance(frame, pd.DataFrame)
    assert set(frame["currency"]) == {"USD"} and set(frame["channel"]) == {"meta"}
    assert "Clicks (all)" not in frame and "clicks" not in frame  # all clicks: left out
    rep = sr.rollup(frame, by="campaign", currency="USD")
    spring = rep.row("Spring sale")
    # by hand: spend 96 + 54 + 80, revenue 540 + 765 + 360, link clicks 240 + 150 + 200
    assert spring.investment == sr.Money(230, "USD")
    assert spring.return_ == sr.Money(1_665, "USD")
    assert spring.measures.count("purchases") == 19
    assert spring.measures.count("link_clicks") == 590
    assert math.isclose(spring.roas, 1_665 / 230) and math.isclose(spring.roi, 1_435 / 230)
    assert math.isclose(spring.metric("cpc"), 230 / 590)
    # reach is never summed: bounds, the largest row's reach to the sum of them
    assert spring.measures.reach == sr.Reach(8_000, 17_500)
    assert rep.row("Brand").metric("cpm") == 2.0


def test_meta_rates_are_dropped_or_kept_as_fractions() -> None:
    export = pd.read_csv(DATA / "meta_ads_manager.csv")
    kept = sr.sources.meta(export, rates="keep")
    ctr = kept["reported_ctr_link_click_through_rate"].tolist()
    assert ctr == pytest.approx([0.02, 0.03, 0.02, 0.003])  # 2.0% -> 0.02
    assert kept["reported_frequency"].tolist() == [1.5, 2.0, 1.43, 1.33]
    assert "reported_frequency" not in sr.sources.meta(export)


def test_meta_marketing_api_actions_follow_the_rule() -> None:
    """tests/data/sources/meta_api.json: insights rows with actions lists, as the API returns
    them (https://developers.facebook.com/docs/marketing-api/reference/ads-action-stats/)."""
    rows = json.loads((DATA / "meta_api.json").read_text())
    for native in (pd.DataFrame(rows), pl.DataFrame(rows), pl.DataFrame(rows).to_arrow()):
        out = collect(sr.sources.meta_api(native))
        # row 1: omni_purchase (6) is the total, not 6 + 6 + 5 + 1; row 2: no total, so
        # the parts add (7 + 2); row 3: no actions at all
        assert out["purchases"] == [6.0, 9.0, 0.0]
        assert out["revenue"] == [540.0, 765.0, 0.0]
        assert out["leads"] == [0.0, 3.0, 0.0]
        assert out["page_views"] == [180.0, 0.0, 0.0]
        # inline_link_clicks wins over the list's link_click
        assert out["link_clicks"] == [240.0, 150.0, 60.0]
        assert "post_engagement" not in out and "clicks" not in out
    rep = sr.rollup(sr.sources.meta_api(pd.DataFrame(rows)), by="campaign", currency="USD")
    assert rep.row("Spring sale").return_ == sr.Money(1_305, "USD")
    assert rep.row("Spring sale").investment == sr.Money(150, "USD")


def test_meta_action_types_name_their_event() -> None:
    from socialroi.sources._meta_actions import event

    assert event("offsite_conversion.fb_pixel_purchase") == ("purchase", 2)
    assert event("app_custom_event.fb_mobile_purchase") == ("purchase", 2)
    assert event("onsite_web_purchase") == ("purchase", 2)
    assert event("omni_purchase") == ("purchase", 0)
    assert event("purchase") == ("purchase", 1)
    assert event("onsite_conversion.lead_grouped") == ("lead_grouped", 2)


def test_unknown_action_types_are_named_kept_or_dropped() -> None:
    rows = [
        {
            "date_start": "2026-03-01",
            "campaign_name": "a",
            "account_currency": "USD",
            "spend": "1",
            "actions": [{"action_type": "offsite_conversion.custom.123", "value": "2"}],
        }
    ]
    with pytest.raises(sr.UnknownNameError, match=r"offsite_conversion\.custom\.123"):
        sr.sources.meta_api(pd.DataFrame(rows))
    kept = sr.sources.meta_api(pd.DataFrame(rows), unknown="keep")
    assert kept["meta_offsite_conversion_custom_123"].tolist() == [2.0]
    assert "meta_offsite_conversion_custom_123" not in sr.sources.meta_api(
        pd.DataFrame(rows), unknown="drop"
    )


def test_action_lists_on_dask_are_refused_with_the_fix() -> None:
    """Dask holds the lists as Python objects, which its engine cannot explode
    (tests/test_sources_meta_lazy.py reads them on the lazy engines that can)."""
    rows = json.loads((DATA / "meta_api.json").read_text())
    dask = dd.from_pandas(pd.DataFrame(rows), npartitions=2)  # type: ignore[no-untyped-call]
    message = (
        r"column 'actions' holds lists of actions, which dask cannot read in the engine as "
        r"String: collect the frame first \(\.compute\(\), \.collect\(\), \.df\(\)\)"
    )
    with pytest.raises(sr.InvalidTypeError, match=message):
        sr.sources.meta_api(dask)


def test_unknown_columns_are_named_kept_or_dropped() -> None:
    export = pd.read_csv(DATA / "meta_ads_manager.csv").assign(Notes=["x", "y", "z", "w"])
    with pytest.raises(sr.UnknownNameError, match=r"\['Notes'\].*unknown='keep'"):
        sr.sources.meta(export)
    assert sr.sources.meta(export, unknown="keep")["Notes"].tolist() == ["x", "y", "z", "w"]
    assert "Notes" not in sr.sources.meta(export, unknown="drop")


def test_a_missing_required_column_names_the_export_setting() -> None:
    export = pd.read_csv(DATA / "meta_ads_manager.csv").drop(columns="Campaign name")
    with pytest.raises(sr.UnknownNameError, match=r"'Campaign name'.*'Campaign name' column"):
        sr.sources.meta(export)
    export = pd.read_csv(DATA / "meta_ads_manager.csv").drop(columns="Reporting starts")
    with pytest.raises(sr.UnknownNameError, match=r"Breakdown > By time > Day"):
        sr.sources.meta(export)


def test_currencies_in_headers() -> None:
    export = pd.read_csv(DATA / "meta_ads_manager.csv")
    euros = export.rename(columns={"Amount spent (USD)": "Amount spent (EUR)"})
    assert set(sr.sources.meta(euros)["currency"]) == {"EUR"}
    with pytest.raises(sr.CurrencyMismatchError, match=r"currency='USD' says USD"):
        sr.sources.meta(euros, currency="USD")
    both = export.assign(**{"Amount spent (EUR)": export["Amount spent (USD)"]})
    with pytest.raises(sr.CurrencyMismatchError, match=r"\['EUR', 'USD'\]"):
        sr.sources.meta(both)
    bare = export.rename(columns={"Amount spent (USD)": "Amount spent"})
    with pytest.raises(sr.InvalidValueError, match=r"do not say its currency: pass currency="):
        sr.sources.meta(bare)
    with pytest.raises(sr.UnknownNameError, match=r"\['Amount spent'\]"):
        sr.sources.meta(bare, currency="USD")  # not the spec's header: named, never guessed


def test_attribution_windows_are_carried() -> None:
    export = pd.read_csv(DATA / "meta_ads_manager.csv")
    assert set(sr.sources.meta(export)["attribution_window"]) == {"7-day click or 1-day view"}
    without = export.drop(columns="Attribution setting")
    assert set(sr.sources.meta(without, window="1-day click")["attribution_window"]) == {
        "1-day click"
    }
    with pytest.raises(sr.InvalidValueError, match=r"drop window="):
        sr.sources.meta(export, window="1-day click")


def test_bad_arguments_are_named() -> None:
    export = pd.read_csv(DATA / "meta_ads_manager.csv")
    with pytest.raises(sr.InvalidValueError, match=r"'unknown' must be"):
        sr.sources.meta(export, unknown="ignore")  # type: ignore[arg-type]
    with pytest.raises(sr.InvalidValueError, match=r"'rates' must be"):
        sr.sources.meta(export, rates="yes")  # type: ignore[arg-type]
    with pytest.raises(sr.InvalidTypeError, match=r"'data' must be a data frame"):
        sr.sources.meta({"Impressions": [1]})
    with pytest.raises(sr.InvalidTypeError, match=r"'source' must be"):
        sr.sources.read(export, "meta")  # type: ignore[arg-type]
    with pytest.raises(sr.UnknownNameError, match=r"ISO 4217|not a"):
        sr.sources.meta(export.rename(columns={"Amount spent (USD)": "Amount spent (XYZ)"}))


# -- the real export ----------------------------------------------------------------------


KAG = Source(
    name="kag",
    title="KAG Facebook ads",
    reference="../shared/data/SOURCES.md",
    channel="meta",
    mode="paid",
    date_format="%d-%m-%Y",
    fields=(
        Field(names="Date", column="date", kind=Kind.DATE),
        Field(names="xyz_campaign_id", column="campaign", kind=Kind.DIMENSION, required="-"),
        Field(names="fb_campaign_id", column="ad_set", kind=Kind.DIMENSION),
        Field(names="ad_id", column="ad", kind=Kind.DIMENSION),
        Field(names="age", column="age", kind=Kind.DIMENSION),
        Field(names="gender", column="gender", kind=Kind.DIMENSION),
        Field(names="interest", column="interest", kind=Kind.DIMENSION),
        Field(names="Impressions", column="impressions", kind=Kind.COUNT),
        Field(names="Clicks", column="link_clicks", kind=Kind.COUNT),
        Field(names="Spent", column="ad_spend", kind=Kind.MONEY),
        Field(names="Total_Conversion", column="inquiries", kind=Kind.COUNT),
        Field(names="Approved_Conversion", column="purchases", kind=Kind.COUNT),
    ),
)


@pytest.mark.skipif(not SHARED.is_dir(), reason=f"the shared data folder {SHARED} is absent")
def test_the_kag_export_through_an_explicit_mapping_matches_plain_pandas() -> None:
    export = pd.read_csv(SHARED / "KAG_conversion_data.csv")
    frame = sr.sources.read(export, KAG, currency="USD")
    rep = sr.rollup(frame, by="campaign", currency="USD", ignore=["ad_set", "ad", "interest"])
    plain = export.groupby("xyz_campaign_id")[["Impressions", "Clicks", "Spent"]].sum()
    for campaign, row in plain.iterrows():
        got = rep.row(str(campaign))
        assert got.measures.count("impressions") == row["Impressions"]
        assert got.measures.count("link_clicks") == row["Clicks"]
        assert math.isclose(got.investment.amount, row["Spent"], rel_tol=1e-12)
        assert math.isclose(got.metric("cpc"), row["Spent"] / row["Clicks"], rel_tol=1e-12)
    assert rep.total.measures.count("impressions") == 213_434_828  # SOURCES.md's total


# -- currencies ---------------------------------------------------------------------------


def test_money_converts_with_an_explicit_rate() -> None:
    assert sr.Money(100, "USD").convert(0.92, "EUR") == sr.Money(92, "EUR")
    assert sr.Money(100, "EUR").convert(1, "EUR") == sr.Money(100, "EUR")
    for bad, error in (
        (0, sr.InvalidValueError),
        (-1, sr.InvalidValueError),
        (math.nan, sr.InvalidValueError),
        ("1", sr.InvalidTypeError),
        (True, sr.InvalidTypeError),
    ):
        with pytest.raises(error, match="'rate'"):
            sr.Money(1, "USD").convert(bad, "EUR")  # type: ignore[arg-type]
    with pytest.raises(sr.UnknownNameError):
        sr.Money(1, "USD").convert(1.0, "EURO")


DAILY = {
    "date": ["2026-03-01", "2026-03-02"],
    "currency": ["USD", "USD"],
    "rate": [0.90, 0.95],
}


def test_amounts_convert_at_the_rate_of_their_day_costs_and_revenue_together() -> None:
    frame = sr.sources.meta(pd.read_csv(DATA / "meta_ads_manager.csv"))
    eur = sr.convert(frame, pd.DataFrame(DAILY), to="EUR")
    assert set(eur["currency"]) == {"EUR"}
    rep = sr.rollup(eur, by="campaign", currency="EUR")
    spring = rep.row("Spring sale")
    # by hand: (96 + 54) x 0.90 + 80 x 0.95; (540 + 765) x 0.90 + 360 x 0.95
    assert math.isclose(spring.investment.amount, 135 + 76)
    assert math.isclose(spring.return_.amount, 1_174.5 + 342)
    assert spring.investment.currency == "EUR"
    assert math.isclose(spring.roas, (1_174.5 + 342) / 211)


def test_missing_rates_name_the_day_and_currency() -> None:
    frame = sr.sources.meta(pd.read_csv(DATA / "meta_ads_manager.csv"))
    with pytest.raises(sr.UnknownNameError, match=r"USD on 2026-03-02 \(2 row\(s\)\)"):
        sr.convert(frame, pd.DataFrame(DAILY).head(1), to="EUR")
    with pytest.raises(sr.UnknownNameError, match=r"no rate from USD to EUR"):
        sr.convert(frame, {"GBP": 1.2}, to="EUR")
    assert sr.convert(frame, {"USD": 0.9}, to="EUR")["ad_spend"].tolist() == pytest.approx(
        [86.4, 48.6, 72.0, 36.0]
    )


def test_bad_rates_are_named() -> None:
    frame = sr.sources.meta(pd.read_csv(DATA / "meta_ads_manager.csv"))
    twice = pd.DataFrame({**DAILY, "date": ["2026-03-01", "2026-03-01"]})
    with pytest.raises(sr.InvalidValueError, match=r"two rates for USD on 2026-03-01"):
        sr.convert(frame, twice, to="EUR")
    with pytest.raises(sr.InvalidValueError, match=r"finite and > 0"):
        sr.convert(frame, pd.DataFrame({**DAILY, "rate": [0.9, -1.0]}), to="EUR")
    with pytest.raises(sr.InvalidValueError, match=r"finite and > 0"):
        sr.convert(frame, {"USD": 0}, to="EUR")
    with pytest.raises(sr.InvalidValueError, match=r"converts EUR to EUR"):
        sr.convert(frame, {"USD": 0.9, "EUR": 2}, to="EUR")
    with pytest.raises(sr.UnknownNameError, match=r"missing \['rate'\]"):
        sr.convert(frame, pd.DataFrame(DAILY).drop(columns="rate"), to="EUR")
    with pytest.raises(sr.UnknownNameError, match=r"no currency column 'currency'"):
        sr.convert(frame.drop(columns="currency"), {"USD": 0.9}, to="EUR")
    with pytest.raises(sr.UnknownNameError, match=r"no date column 'day'"):
        sr.convert(frame, pd.DataFrame(DAILY), to="EUR", on="day")
    spans = frame.assign(date_end=frame["date"] + pd.Timedelta(days=6))
    with pytest.raises(sr.InvalidValueError, match=r"4 row\(s\) span several days"):
        sr.convert(spans, pd.DataFrame(DAILY), to="EUR")
    assert len(sr.convert(spans, {"USD": 0.9}, to="EUR")) == 4  # fixed rates need no day


@st.composite
def api_rows(draw: st.DrawFn) -> dict[str, list[Any]]:
    n = draw(st.integers(1, 25))
    days = st.sampled_from(["2026-03-01", "2026-03-02", "2026-03-03"])
    amounts = st.integers(0, 10**6).map(lambda c: c / 100)
    return {
        "date_start": draw(st.lists(days, min_size=n, max_size=n)),
        "campaign_name": draw(st.lists(st.sampled_from(["a", "b", "c"]), min_size=n, max_size=n)),
        "account_currency": draw(
            st.lists(st.sampled_from(["USD", "GBP", "EUR"]), min_size=n, max_size=n)
        ),
        # every person reached saw an impression: reach (<= 10) never exceeds impressions
        "impressions": draw(st.lists(st.integers(10, 10**6), min_size=n, max_size=n)),
        "spend": draw(st.lists(amounts, min_size=n, max_size=n)),
        "reach": draw(st.lists(st.integers(0, 10), min_size=n, max_size=n)),
    }


RATES: dict[str, list[Any]] = {
    "date": ["2026-03-01", "2026-03-02", "2026-03-03"] * 2,
    "currency": ["USD"] * 3 + ["GBP"] * 3,
    "rate": [0.90, 0.91, 0.93, 1.15, 1.17, 1.16],
}


@settings(max_examples=5)
@given(api_rows())
def test_every_engine_gives_one_result_currency_conversion_included(
    rows: dict[str, list[Any]],
) -> None:
    native = frames(rows)
    rates = frames(RATES)
    results = {}
    for name, data in native.items():
        for given_rates in (pd.DataFrame(RATES), rates[name]):
            eur = sr.convert(sr.sources.meta_api(data), given_rates, to="EUR")
            results[name] = sr.rollup(eur, by="campaign", currency="EUR")
    # by hand in plain pandas: each row's spend at its day's rate, then summed
    df = pd.DataFrame(rows)
    rate = dict(
        zip(zip(RATES["date"], RATES["currency"], strict=True), RATES["rate"], strict=True)
    )
    df["eur"] = [
        s * (1.0 if c == "EUR" else rate[(d, c)])
        for d, c, s in zip(df["date_start"], df["account_currency"], df["spend"], strict=True)
    ]
    expected = df.groupby("campaign_name")["eur"].sum()
    first = results["pandas"]
    for campaign, total in expected.items():
        assert math.isclose(first.row(campaign).investment.amount, total, abs_tol=1e-9)
    for rep in results.values():
        assert_same(rep, first)


# -- Google Ads, LinkedIn, GA4 ----------------------------------------------------------------


def test_google_ads_micros_and_api_field_names() -> None:
    """tests/data/sources/google_ads.csv: GAQL fields of
    https://developers.google.com/google-ads/api/fields/v17/metrics (cost in micros)."""
    rows = pd.read_csv(DATA / "google_ads.csv")
    frame = sr.sources.google_ads(rows)
    assert frame["ad_spend"].tolist() == [45.0, 60.0, 50.5]  # 45,000,000 micros = 45
    rep = sr.rollup(frame, by="campaign", currency="EUR", ignore=["campaign_id"])
    brand = rep.row("Brand search")
    assert brand.investment == sr.Money(95.5, "EUR")
    assert brand.measures.count("link_clicks") == 210
    assert brand.measures.count("conversions") == 11
    assert math.isclose(brand.roas, 1_120 / 95.5)
    assert math.isclose(brand.metric("cpc"), 95.5 / 210)
    without = rows.drop(columns="customer.currency_code")
    with pytest.raises(sr.InvalidValueError, match=r"customer\.currency_code"):
        sr.sources.google_ads(without)
    assert set(sr.sources.google_ads(without, currency="EUR")["currency"]) == {"EUR"}
    with pytest.raises(sr.UnknownNameError, match=r"select segments\.date"):
        sr.sources.google_ads(rows.drop(columns="segments.date"))


def test_linkedin_campaign_groups_are_campaigns_and_landing_page_clicks_are_link_clicks() -> None:
    """tests/data/sources/linkedin.csv: Campaign Manager's export headers."""
    frame = sr.sources.linkedin(pd.read_csv(DATA / "linkedin.csv"))
    assert frame["campaign"].tolist() == ["Q1 pipeline"] * 3 + ["Brand"]
    assert frame["ad_set"].tolist() == ["CFOs", "CTOs", "CFOs", "Followers"]
    rep = sr.rollup(frame, by="campaign", currency="EUR")
    q1 = rep.row("Q1 pipeline")
    # by hand: 300 + 200 + 250 spent, 6 + 4 + 5 leads, 60 + 40 + 50 landing page clicks
    assert q1.investment == sr.Money(750, "EUR")
    assert q1.metric("cost_per_lead") == 50.0
    assert q1.metric("cpc") == 5.0  # on landing page clicks, not the 210 clicks of any kind
    assert q1.measures.count("conversions") == 9  # post-click and view-through not added again
    assert rep.row("Brand").measures.count("follows") == 25
    assert set(frame["attribution_window"]) == {"30-day click or 7-day view"}


def test_linkedin_adanalytics_field_names() -> None:
    rows = pd.DataFrame(
        {
            "dateRange.start": ["2026-03-01"],
            "campaignGroup": ["Q1 pipeline"],
            "costInLocalCurrency": ["120.50"],
            "costInUsd": ["131.00"],
            "impressions": [4_000],
            "clicks": [70],
            "landingPageClicks": [50],
            "oneClickLeads": [3],
            "approximateMemberReach": [2_500],
        }
    )
    frame = sr.sources.linkedin(rows, currency="EUR")
    assert frame[["ad_spend", "link_clicks", "leads", "reach"]].iloc[0].tolist() == [
        120.5,
        50.0,
        3.0,
        2_500.0,
    ]


GA4_CHANNELS = [
    ("Organic Social", "organic"),
    ("Organic Search", "organic"),
    ("Paid Social", "paid"),
    ("Direct", "organic"),
    (
        "Organic Social",
        "organic",
    ),  # l.instagram.com is a social site, though the medium is referral
    ("Email", "organic"),
    ("Paid Social", "paid"),  # linkedin / paid_social: paid.* matches
    ("Referral", "organic"),
]


def test_ga4_default_channel_grouping_decides_channel_and_mode() -> None:
    """tests/data/sources/ga4.csv: Data API names; channels by Google's default channel
    grouping (https://support.google.com/analytics/answer/9756891), worked by hand."""
    rows = pd.read_csv(DATA / "ga4.csv", dtype={"date": str})
    frame = sr.sources.ga4(rows, currency="EUR")
    assert list(zip(frame["channel"], frame["mode"], strict=True)) == GA4_CHANNELS
    rep = sr.rollup(frame, by=("channel", "mode"), currency="EUR")
    social = rep.row("Organic Social", "organic")
    assert social.measures.count("sessions") == 180 and social.measures.count("conversions") == 4
    assert social.return_ == sr.Money(110, "EUR")
    assert "reach" not in frame and "totalUsers" not in frame  # users do not add up
    assert rep.row("Paid Social", "paid").measures.count("sessions") == 110
    with pytest.raises(sr.InvalidValueError, match=r"property's currency"):
        sr.sources.ga4(rows)


def test_ga4_channel_grouping_is_the_same_on_every_engine() -> None:
    rows = pd.read_csv(DATA / "ga4.csv", dtype={"date": str})
    for name, native in frames(rows.to_dict(orient="list")).items():
        out = collect(sr.sources.ga4(native, currency="EUR"))
        got = sorted(zip(out["sessions"], out["channel"], out["mode"], strict=True))
        want = sorted(
            (float(s), c, m) for s, (c, m) in zip(rows["sessions"], GA4_CHANNELS, strict=True)
        )
        assert got == want, name


def test_ga4_rules_one_by_one() -> None:
    cases = [
        ("google", "cpc", "x", "Paid Search"),
        ("youtube", "cpc", "x", "Paid Video"),
        ("amazon", "paid", "x", "Paid Shopping"),
        ("google", "cpc", "summer shopping", "Paid Shopping"),
        ("partner", "cpc", "x", "Paid Other"),
        ("partner", "banner", "x", "Display"),
        ("partner", "x", "cross-network push", "Cross-network"),
        ("ebay", "referral", "x", "Organic Shopping"),
        ("youtube", "referral", "x", "Organic Video"),
        ("partner", "video", "x", "Organic Video"),
        ("bing", "referral", "x", "Organic Search"),
        ("partner", "affiliate", "x", "Affiliates"),
        ("partner", "audio", "x", "Audio"),
        ("sms", "x", "x", "SMS"),
        ("firebase", "x", "x", "Mobile Push Notifications"),
        ("partner", "web-push", "x", "Mobile Push Notifications"),
        ("partner", "x", "x", "Unassigned"),
        ("e-mail", "x", "x", "Email"),
        ("partner", "app", "x", "Referral"),
    ]
    data = {
        "date": ["20260301"] * len(cases),
        "sessionSource": [c[0] for c in cases],
        "sessionMedium": [c[1] for c in cases],
        "sessionCampaignName": [c[2] for c in cases],
        "sessions": [1] * len(cases),
    }
    assert sr.sources.ga4(pl.DataFrame(data))["channel"].to_list() == [c[3] for c in cases]
    no_medium = pd.DataFrame(data).drop(columns="sessionMedium")
    with pytest.raises(sr.UnknownNameError, match=r"sessionMedium"):
        sr.sources.ga4(no_medium)
    grouped = pd.DataFrame(
        {"date": ["20260301"], "sessionDefaultChannelGroup": ["Paid Search"], "sessions": [4]}
    )
    assert sr.sources.ga4(grouped)[["channel", "mode"]].iloc[0].tolist() == ["Paid Search", "paid"]


# -- one currency and one window per roll-up ----------------------------------------------------


def test_a_rollup_refuses_two_currencies_and_two_windows() -> None:
    meta = sr.sources.meta(pd.read_csv(DATA / "meta_ads_manager.csv"))
    linkedin = sr.sources.linkedin(pd.read_csv(DATA / "linkedin.csv"))
    both = sr.sources.combine(meta, linkedin)
    with pytest.raises(
        sr.CurrencyMismatchError, match=r"holds EUR, USD and the roll-up is in EUR"
    ):
        sr.rollup(both, by="channel", currency="EUR")
    eur = sr.convert(both, {"USD": 0.9}, to="EUR")
    with pytest.raises(sr.InvalidValueError, match=r"2 attribution windows"):
        sr.rollup(eur, by="channel", currency="EUR")
    by_window = sr.rollup(eur, by=("channel", "attribution_window"), currency="EUR")
    assert len(by_window) == 2
    on_purpose = sr.rollup(eur, by="channel", currency="EUR", ignore=["attribution_window"])
    assert on_purpose.row("linkedin").investment == sr.Money(850, "EUR")
    assert math.isclose(on_purpose.row("meta").investment.amount, 270 * 0.9)
    labels = ("channel", "mode", "currency", "attribution_window")
    text = [c for c in eur if pd.api.types.is_string_dtype(eur[c]) and c not in labels]
    plain = eur.drop(columns=[*text, "date", "date_end"])
    for name, native in frames(plain.to_dict(orient="list")).items():
        with pytest.raises(sr.InvalidValueError, match=r"2 attribution windows"):
            sr.rollup(native, by="channel", currency="EUR")
        got = sr.rollup(native, by="channel", currency="EUR", ignore=["attribution_window"])
        assert got.row("linkedin").investment == sr.Money(850, "EUR"), name
    arrays = {
        "channel": np.array(["a", "b"]),
        "currency": np.array(["USD", "EUR"]),
        "ad_spend": np.array([1.0, 2.0]),
    }
    with pytest.raises(sr.CurrencyMismatchError, match=r"holds EUR, USD"):
        sr.rollup(arrays, by="channel", currency="USD")
    assert sr.rollup({**arrays, "currency": np.array(["USD", None])}, by="channel", currency="USD")


def test_combine_fills_only_the_measures_a_source_does_not_report() -> None:
    meta = sr.sources.meta(pd.read_csv(DATA / "meta_ads_manager.csv"))
    ga4 = sr.sources.ga4(pd.read_csv(DATA / "ga4.csv", dtype={"date": str}), currency="USD")
    for name in ("polars", "polars-lazy", "duckdb"):
        a = frames(meta.to_dict(orient="list"))[name]
        b = frames(ga4.to_dict(orient="list"))[name]
        out = collect(sr.sources.combine(a, b))
        assert out["sessions"][:4] == [0.0] * 4 and out["ad_spend"][4:] == [0.0] * 8, name
    with pytest.raises(sr.InvalidTypeError, match=r"one engine"):
        sr.sources.combine(meta, pl.from_pandas(ga4))
    with pytest.raises(sr.InvalidValueError, match=r"at least one frame"):
        sr.sources.combine()
    holes = meta.assign(ad_spend=[1.0, None, 2.0, 3.0])
    with pytest.raises(sr.InvalidValueError, match=r"'ad_spend' has 1 missing"):
        sr.rollup(
            sr.sources.combine(holes, ga4), by=("channel", "attribution_window"), currency="USD"
        )


def test_the_sources_page_is_generated_from_the_specs() -> None:
    namespace = runpy.run_path(str(ROOT / "docs" / "gen_sources.py"))
    page = (ROOT / "docs" / "sources.md").read_text(encoding="utf-8")
    assert namespace["render"](page) == page, "run: python docs/gen_sources.py"
    for source in sr.sources.SOURCES.values():
        assert f"sr.sources.{source.name}" in page and source.reference in page
        for f in source.fields:
            assert all(f"`{n.replace('|', chr(92) + '|')}`" in page for n in f.names)


# -- TikTok, X, YouTube -----------------------------------------------------------------------


def test_tiktok_report_rolls_up_by_campaign() -> None:
    """tests/data/sources/tiktok.csv: basic report metrics
    (https://ads.tiktok.com/marketing_api/docs?id=1751087777884161)."""
    frame = sr.sources.tiktok(pd.read_csv(DATA / "tiktok.csv"))
    assert str(frame["date"].iloc[0]) == "2026-03-01 00:00:00"
    rep = sr.rollup(frame, by="campaign", currency="GBP")
    launch = rep.row("Launch")
    # by hand: 40 + 25 + 35 spent, 80 + 30 + 72 clicks, 3 + 1 + 2 purchases
    assert launch.investment == sr.Money(100, "GBP")
    assert launch.measures.count("link_clicks") == 182
    assert launch.measures.count("purchases") == 6
    assert launch.measures.count("conversions") == 8  # real-time conversions not added
    assert launch.measures.reach == sr.Reach(7_000, 18_500)
    kept = sr.sources.tiktok(pd.read_csv(DATA / "tiktok.csv"), rates="keep")
    assert kept["reported_ctr"].tolist() == [0.008, 0.005, 0.008]  # 0.80% -> 0.008
    export = pd.DataFrame({"By Day": ["2026-03-01"], "Campaign name": ["Launch"], "Cost": [1.0]})
    assert len(sr.sources.tiktok(export, currency="GBP")) == 1  # the export's day counts too


def test_x_ads_micros_and_url_clicks() -> None:
    """tests/data/sources/x_ads.csv: analytics metrics of the X Ads API
    (https://developer.x.com/en/docs/x-ads-api/analytics/overview/metrics-and-segmentation)."""
    frame = sr.sources.x_ads(pd.read_csv(DATA / "x_ads.csv"))
    rep = sr.rollup(frame, by="campaign", currency="USD")
    launch = rep.row("Launch")
    assert launch.investment == sr.Money(21.5, "USD")  # 12,000,000 + 9,500,000 micros
    assert launch.measures.count("link_clicks") == 75  # url_clicks, not the 175 clicks
    assert launch.metric("cpc") == 21.5 / 75
    assert launch.measures.count("shares") == 11 and launch.measures.count("comments") == 6
    assert rep.row("Always on").measures.count("follows") == 9


def test_youtube_analytics_is_organic_with_watch_time_in_seconds() -> None:
    """tests/data/sources/youtube.csv: metrics of the YouTube Analytics API
    (https://developers.google.com/youtube/analytics/metrics)."""
    frame = sr.sources.youtube(pd.read_csv(DATA / "youtube.csv"))
    assert set(frame["mode"]) == {"organic"} and set(frame["channel"]) == {"youtube"}
    assert "currency" not in frame  # no money, so no currency to state
    rep = sr.rollup(frame, by="video", currency="USD")
    abc = rep.row("abc123")
    assert abc.measures.count("video_views") == 1_800
    assert abc.measures.count("follows") == 21  # subscribers gained; losses are left out
    assert abc.metric("avg_watch_time") == (2_500 + 2_000) * 60 / 1_800  # seconds per view
    with pytest.raises(sr.InvalidValueError, match=r"currency parameter"):
        sr.sources.youtube(pd.read_csv(DATA / "youtube.csv").assign(estimatedRevenue=1.0))


@pytest.mark.parametrize(
    ("reader", "fixture", "currency", "by"),
    [
        (sr.sources.meta, "meta_ads_manager.csv", "USD", "campaign"),
        (sr.sources.google_ads, "google_ads.csv", "EUR", "campaign"),
        (sr.sources.linkedin, "linkedin.csv", "EUR", "campaign"),
        (sr.sources.tiktok, "tiktok.csv", "GBP", "campaign"),
        (sr.sources.x_ads, "x_ads.csv", "USD", "campaign"),
        (sr.sources.youtube, "youtube.csv", "USD", "video"),
    ],
)
def test_every_source_gives_one_result_on_every_engine(
    reader: Any, fixture: str, currency: str, by: str
) -> None:
    rows = pd.read_csv(DATA / fixture).to_dict(orient="list")
    ignore = ["campaign_id"] if "campaign.id" in rows else []
    reports = {}
    for name, native in frames(rows).items():
        out = reader(native)
        assert type(out) is type(native), name  # the same kind of frame back
        if name == "polars-lazy":
            assert isinstance(out, pl.LazyFrame)  # lazy where the input is lazy
        reports[name] = sr.rollup(out, by=by, currency=currency, ignore=ignore)
    for rep in reports.values():
        assert_same(rep, reports["pandas"])


def test_meta_per_window_keys_are_not_added_to_the_value() -> None:
    rows = [
        {
            "date_start": "2026-03-01",
            "campaign_name": "a",
            "account_currency": "USD",
            "attribution_setting": "7d_click_1d_view",
            "spend": "10",
            "actions": [
                {"action_type": "purchase", "value": "3", "7d_click": "2", "1d_view": "1"}
            ],
        }
    ]
    out = sr.sources.meta_api(pd.DataFrame(rows))
    assert out["purchases"].tolist() == [3.0]
    assert out["attribution_window"].tolist() == ["7d_click_1d_view"]
    bad = [{**rows[0], "actions": [{"action_type": "purchase", "value": "many"}]}]
    with pytest.raises(sr.InvalidValueError, match=r"'purchase' has a value that is not a number"):
        sr.sources.meta_api(pd.DataFrame(bad))
    twice = [{**rows[0], "actions": [{"action_type": "purchase", "value": "1"}] * 2}]
    with pytest.raises(sr.InvalidValueError, match=r"'purchase' twice in one row"):
        sr.sources.meta_api(pd.DataFrame(twice))
    junk = [{**rows[0], "actions": [{"type": "purchase"}]}]
    with pytest.raises(sr.InvalidTypeError, match=r"lists of \{action_type, value\}"):
        sr.sources.meta_api(pd.DataFrame(junk))
    not_lists = pd.DataFrame(rows).assign(actions=[5])
    with pytest.raises(sr.InvalidTypeError, match=r"as the API returns them"):
        sr.sources.meta_api(not_lists)


def test_numbers_as_text_dates_as_dates_and_bad_types() -> None:
    export = pd.read_csv(DATA / "meta_ads_manager.csv").astype({"Impressions": str})
    export.loc[0, "Impressions"] = "12,000"
    assert sr.sources.meta(export)["impressions"].tolist()[0] == 12_000.0  # "12,000" cast
    dated = pl.read_csv(DATA / "meta_ads_manager.csv", try_parse_dates=True)
    assert dated.schema["Reporting starts"] == pl.Date
    assert sr.sources.meta(dated)["date"].dtype == pl.Datetime("us")
    with pytest.raises(sr.InvalidTypeError, match=r"'Link clicks' must hold numbers"):
        sr.sources.meta(export.assign(**{"Link clicks": True}))
    with pytest.raises(
        sr.InvalidTypeError,
        match=r"date column 'Reporting starts' of the Meta Ads Manager export data must hold",
    ):
        sr.sources.meta(export.assign(**{"Reporting starts": 20260301}))
    with pytest.raises(sr.InvalidValueError, match=r"source writes a 'channel' column itself"):
        sr.sources.meta(export.assign(channel="x"), unknown="keep")
    both_days = pd.DataFrame(
        {
            "stat_time_day": ["2026-03-01 00:00:00"],
            "By Day": ["2026-03-01"],
            "campaign_name": ["a"],
        }
    )
    with pytest.raises(sr.InvalidValueError, match=r"both hold 'date'"):
        sr.sources.tiktok(both_days)


def test_a_currency_column_is_the_only_statement_of_currency() -> None:
    rows = pd.read_csv(DATA / "linkedin.csv")
    with pytest.raises(sr.InvalidValueError, match=r"drop currency='EUR'"):
        sr.sources.linkedin(rows, currency="EUR")
    export = pd.read_csv(DATA / "meta_ads_manager.csv").assign(Currency="USD")
    with pytest.raises(sr.InvalidValueError, match=r"both in column 'Currency' and in the head"):
        sr.sources.meta(export)


def test_rates_and_dates_of_every_type() -> None:
    frame = pl.from_pandas(sr.sources.meta(pd.read_csv(DATA / "meta_ads_manager.csv")))
    by_day = frame.with_columns(pl.col("date").dt.date(), pl.col("date_end").dt.date())
    rates = pl.DataFrame(DAILY).with_columns(pl.col("date").str.to_date())
    out = sr.convert(by_day, rates, to="EUR")
    assert out["ad_spend"].to_list() == pytest.approx([86.4, 48.6, 76.0, 38.0])
    with pytest.raises(sr.InvalidTypeError, match=r"'rates'\['USD'\] must be a number"):
        sr.convert(frame, {"USD": "0.9"}, to="EUR")
    with pytest.raises(sr.InvalidTypeError, match=r"date column 'date' of 'data' must hold dates"):
        sr.convert(frame.with_columns(pl.lit(1).alias("date")), rates, to="EUR")
    no_day = pl.DataFrame({**DAILY, "currency": ["USD", None]})
    with pytest.raises(sr.InvalidValueError, match=r"without its day or currency"):
        sr.convert(frame, no_day, to="EUR")
    itself = pl.DataFrame({**DAILY, "currency": ["USD", "EUR"], "rate": [0.9, 2.0]})
    with pytest.raises(sr.InvalidValueError, match=r"converts EUR to EUR at 2.0"):
        sr.convert(frame, itself, to="EUR")
    with pytest.raises(sr.InvalidTypeError, match=r"'on' must be a column name"):
        sr.convert(frame, rates, to="EUR", on=1)  # type: ignore[arg-type]
    with pytest.raises(sr.InvalidTypeError, match=r"'rates' must be a data frame"):
        sr.convert(frame, 0.9, to="EUR")
