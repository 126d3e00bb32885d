"""The mapping engine (sources/_read.py) rule by rule, with its messages in full: every
column's role, the order of the columns written, the currency's one statement, the
attribution window, and each argument's check."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import polars as pl
import pytest

import socialroi as sr
from socialroi.sources import Field, Kind, Source
from socialroi.sources._read import reported


def source(*fields: Field, **changes: object) -> Source:
    kw: dict[str, object] = {
        "name": "s",
        "title": "Test export",
        "reference": "r",
        "channel": "web",
        "mode": "paid",
        "window": None,
        "fields": (
            Field(names="Day", column="date", kind=Kind.DATE),
            Field(names="Campaign", column="campaign", kind=Kind.DIMENSION),
            *fields,
        ),
    }
    kw.update(changes)
    return Source(**kw)  # type: ignore[arg-type]


BASE = {"Day": ["2026-03-01"], "Campaign": ["a"]}


def test_the_columns_come_in_socialroi_order_then_as_read() -> None:
    s = source(
        Field(names="Spend", column="ad_spend", kind=Kind.MONEY),
        Field(names="Cur", column="currency", kind=Kind.CURRENCY),
        Field(names="Set", column="ad_set", kind=Kind.DIMENSION),
        Field(names="Win", column="attribution_window", kind=Kind.WINDOW),
        Field(names="Ad", column="ad", kind=Kind.DIMENSION),
        Field(names="Views", column="views_x", kind=Kind.COUNT),
    )
    data = pd.DataFrame(
        {"Views": [1], "Win": ["w"], "Ad": ["x"], "Spend": [2.0], "Cur": [" usd "], "Set": ["s"]}
        | BASE
    )
    out = sr.sources.read(data, s)
    assert out.columns.tolist() == [
        "channel",
        "mode",
        "campaign",
        "ad_set",
        "ad",
        "date",
        "currency",
        "attribution_window",
        "views_x",
        "ad_spend",
    ]
    assert out.iloc[0].tolist()[:2] == ["web", "paid"] and out["currency"][0] == "USD"
    plain = sr.sources.read(pd.DataFrame(BASE), source(channel=None, mode=None))
    assert plain.columns.tolist() == ["campaign", "date"]


def test_units_micros_minutes_and_kept_rates() -> None:
    s = source(
        Field(names="Cost", column="ad_spend", kind=Kind.MICROS),
        Field(names="Watched", column="watch_time", kind=Kind.MINUTES),
        Field(names="CTR %", column=None, kind=Kind.PERCENT, note="rate"),
        Field(names="CPC", column=None, kind=Kind.RATE, note="rate"),
        Field(names="Junk", column=None, kind=Kind.IGNORED, note="no"),
    )
    data = pd.DataFrame(
        BASE | {"Cost": [2_500_000], "Watched": ["1.5"], "CTR %": [2.0], "CPC": [0.5], "Junk": [9]}
    )
    out = sr.sources.read(data, s, currency="EUR", rates="keep")
    assert out["ad_spend"].tolist() == [2.5] and out["watch_time"].tolist() == [90.0]
    assert out["reported_ctr"].tolist() == [0.02] and out["reported_cpc"].tolist() == [0.5]
    assert out["currency"].tolist() == ["EUR"] and "Junk" not in out and "junk" not in out
    dropped = sr.sources.read(data, s, currency="EUR")
    assert "reported_ctr" not in dropped and "reported_cpc" not in dropped
    assert reported("CTR (link click-through rate)") == "reported_ctr_link_click_through_rate"
    assert reported("  Cost / 1,000 ") == "reported_cost_1_000"


def test_dates_of_every_type_are_days_at_midnight() -> None:
    s = source()
    stamps = pl.DataFrame({"Day": [dt.datetime(2026, 3, 1, 17, 45)], "Campaign": ["a"]})
    assert sr.sources.read(stamps, s)["date"].to_list() == [dt.datetime(2026, 3, 1)]
    days = pl.DataFrame({"Day": [dt.date(2026, 3, 1)], "Campaign": ["a"]})
    assert sr.sources.read(days, s)["date"].to_list() == [dt.datetime(2026, 3, 1)]
    ints = pd.DataFrame({"Day": [20260301], "Campaign": ["a"]})
    with pytest.raises(
        sr.InvalidTypeError,
        match=r"^date column 'Day' of the Test export data must hold dates or text like "
        r"'2026-01-31', not Int64$",
    ):
        sr.sources.read(ints, s)
    counts = source(Field(names="N", column="leads", kind=Kind.COUNT))
    when = pl.DataFrame(BASE | {"N": [dt.datetime(2026, 3, 1)]})
    with pytest.raises(sr.InvalidTypeError, match=r"^column 'N' must hold numbers, not Datetime"):
        sr.sources.read(when, counts)


def test_the_window_comes_from_the_column_the_default_or_the_caller() -> None:
    s = source(window="7-day click")
    assert sr.sources.read(pd.DataFrame(BASE), s)["attribution_window"].tolist() == ["7-day click"]
    mine = sr.sources.read(pd.DataFrame(BASE), s, window="1-day click")
    assert mine["attribution_window"].tolist() == ["1-day click"]
    assert "attribution_window" not in sr.sources.read(pd.DataFrame(BASE), source())
    own = source(Field(names="Win", column="attribution_window", kind=Kind.WINDOW), window="d")
    data = pd.DataFrame(BASE | {"Win": ["28-day click"]})
    assert sr.sources.read(data, own)["attribution_window"].tolist() == ["28-day click"]
    with pytest.raises(
        sr.InvalidValueError,
        match=r"^the export states each row's attribution window in a column; "
        r"drop window='1-day click'$",
    ):
        sr.sources.read(data, own, window="1-day click")


def test_each_argument_is_checked() -> None:
    data = pd.DataFrame(BASE)
    s = source()
    for bad in ("ignore", 1, None):
        with pytest.raises(
            sr.InvalidValueError, match=rf"^'unknown' must be 'raise', 'keep' or 'drop': {bad!r}$"
        ):
            sr.sources.read(data, s, unknown=bad)  # type: ignore[arg-type]
    for bad in ("yes", 0):
        with pytest.raises(
            sr.InvalidValueError, match=rf"^'rates' must be 'drop' or 'keep': {bad!r}$"
        ):
            sr.sources.read(data, s, rates=bad)  # type: ignore[arg-type]
    for bad in ("", "  ", 7):
        with pytest.raises(
            sr.InvalidValueError,
            match=rf"^'window' must name an attribution window \('7-day click'\), or be None: "
            rf"{bad!r}$",
        ):
            sr.sources.read(data, s, window=bad)  # type: ignore[arg-type]
    with pytest.raises(sr.InvalidTypeError, match=r"^'data' must be a data frame \(pandas, "):
        sr.sources.read({"Day": ["2026-03-01"]}, s)
    with pytest.raises(sr.InvalidTypeError, match=r"^'source' must be a socialroi.sources.Source"):
        sr.sources.read(data, "s")  # type: ignore[arg-type]


def test_unknown_columns_follow_the_policy_by_name() -> None:
    data = pd.DataFrame(BASE | {"Extra": [1], "Other": ["x"]})
    s = source()
    message = (
        r"^2 column\(s\) are not fields the Test export source knows: \['Extra', 'Other'\]; pass "
        r"unknown='keep' to keep them as they are \(as dimensions: a numeric one must then be "
        r"mapped or ignored in the roll-up\), or unknown='drop' to leave them out on purpose "
        r"\(docs/sources.md lists every field it reads\)$"
    )
    with pytest.raises(sr.UnknownNameError, match=message):
        sr.sources.read(data, s)
    kept = sr.sources.read(data, s, unknown="keep")
    assert kept.columns.tolist() == ["channel", "mode", "campaign", "date", "Extra", "Other"]
    dropped = sr.sources.read(data, s, unknown="drop")
    assert dropped.columns.tolist() == ["channel", "mode", "campaign", "date"]
    clash = pd.DataFrame(BASE | {"channel": ["x"]})
    with pytest.raises(
        sr.InvalidValueError,
        match=r"^column 'channel' is not a field of the Test export source, and the source "
        r"writes a 'channel' column itself; rename it or drop it$",
    ):
        sr.sources.read(clash, s, unknown="keep")


def test_required_fields_and_one_column_per_socialroi_column() -> None:
    s = source(Field(names=("Leads", "Lead count"), column="leads", kind="count", required="x"))
    with pytest.raises(
        sr.UnknownNameError,
        match=r"^the Test export data have no 'Leads' column, which the source needs for "
        r"'leads': x$",
    ):
        sr.sources.read(pd.DataFrame(BASE), s)
    assert sr.sources.read(pd.DataFrame(BASE | {"Lead count": [2]}), s)["leads"].tolist() == [2.0]
    both = pd.DataFrame(BASE | {"Leads": [1], "Lead count": [2]})
    with pytest.raises(
        sr.InvalidValueError,
        match=r"^columns 'Leads' and 'Lead count' both hold 'leads'; keep one of them \(export "
        r"one currency, one attribution setting, one level\)$",
    ):
        sr.sources.read(both, s)
    ignored = source(Field(names=("A", "B"), column=None, kind=Kind.IGNORED, note="n"))
    assert len(sr.sources.read(pd.DataFrame(BASE | {"A": [1], "B": [2]}), ignored)) == 1


def test_money_has_one_statement_of_its_currency() -> None:
    s = source(
        Field(names="Spend ({currency})", column="ad_spend", kind="money"),
        Field(names="Value ({currency})", column="revenue", kind="money"),
        Field(names="Cur", column="currency", kind="currency"),
        Field(names="Count ({currency})", column="leads", kind="count"),
    )
    usd = pd.DataFrame(BASE | {"Spend (USD)": [1.0], "Value (usd)": [3.0]})
    assert sr.sources.read(usd, s)["currency"].tolist() == ["USD"]
    assert sr.sources.read(usd, s, currency="USD")["currency"].tolist() == ["USD"]
    two = pd.DataFrame(BASE | {"Spend (USD)": [1.0], "Value (EUR)": [3.0]})
    with pytest.raises(
        sr.CurrencyMismatchError,
        match=r"^the Test export data's headers hold amounts in \['EUR', 'USD'\]; export one "
        r"currency, or read each currency's columns apart and convert them$",
    ):
        sr.sources.read(two, s)
    with pytest.raises(
        sr.CurrencyMismatchError,
        match=r"^the headers say the amounts are in USD, and currency='EUR' says EUR; drop "
        r"currency= or export in EUR$",
    ):
        sr.sources.read(usd, s, currency="EUR")
    column = pd.DataFrame(BASE | {"Cur": ["GBP"], "Spend": [1.0]}).rename(
        columns={"Spend": "Spend (GBP)"}
    )
    with pytest.raises(
        sr.InvalidValueError,
        match=r"^the data state their currency both in column 'Cur' and in the headers "
        r"\(GBP\); keep one$",
    ):
        sr.sources.read(column, s)
    stated = pd.DataFrame(BASE | {"Cur": ["GBP"]})
    with pytest.raises(
        sr.InvalidValueError,
        match=r"^the data state each row's currency in column 'Cur'; drop currency='GBP'$",
    ):
        sr.sources.read(stated, s, currency="GBP")
    assert "currency" not in sr.sources.read(pd.DataFrame(BASE), s)  # no money, no currency
    counted = pd.DataFrame(BASE | {"Count (JPY)": [4]})  # a count's header says no currency
    assert "currency" not in sr.sources.read(counted, s)
    plain = source(Field(names="Spend", column="ad_spend", kind="money"), currency_hint="here")
    with pytest.raises(
        sr.InvalidValueError,
        match=r"^the Test export data hold money and do not say its currency: pass "
        r"currency='<ISO 4217 code>' \(here\)$",
    ):
        sr.sources.read(pd.DataFrame(BASE | {"Spend": [1.0]}), plain)
    with pytest.raises(sr.InvalidValueError, match=r"currency='<ISO 4217 code>'$"):
        sr.sources.read(pd.DataFrame(BASE | {"Spend": [1.0]}), source(plain.fields[2]))
    assert sr.sources.read(pd.DataFrame(BASE), source(), currency="CHF")["currency"][0] == "CHF"


def test_checks_run_past_columns_they_skip() -> None:
    """A column that needs no check (numbers already numbers, a field left out) does not end
    the checks of the columns after it."""
    s = source(
        Field(names="N", column="leads", kind=Kind.COUNT),
        Field(names="Skip", column=None, kind=Kind.IGNORED, note="n"),
        Field(names=("A", "B"), column="views_x", kind=Kind.COUNT),
    )
    late = pd.DataFrame({"N": [1], "Campaign": ["a"], "Day": ["31/12/2026"]})
    with pytest.raises(sr.InvalidValueError, match=r"^column 'Day' of the Test export data"):
        sr.sources.read(late, s)
    twice = pd.DataFrame(BASE | {"Skip": [1], "A": [1], "B": [2]})
    with pytest.raises(sr.InvalidValueError, match=r"^columns 'A' and 'B' both hold 'views_x'"):
        sr.sources.read(twice, s)
    with pytest.raises(sr.InvalidTypeError, match=r"PySpark\.\.\.\): dict$"):
        sr.sources.read({"Day": ["2026-03-01"]}, s)
