"""Report + Report checks what a roll-up checks: one currency and one attribution window.
Partial roll-ups of chunks merge; reports of amounts in two currencies, or of conversions
counted under two attribution windows, do not add up and are refused, naming both."""

from __future__ import annotations

import pandas as pd
import pytest

import socialroi as sr

META = "7-day click or 1-day view"
LINKEDIN = "30-day click or 7-day view"


def rows(window: str | None, currency: str = "USD", campaign: str = "a") -> pd.DataFrame:
    data = {
        "campaign": [campaign],
        "currency": [currency],
        "ad_spend": [10.0],
        "purchases": [2.0],
    }
    if window is not None:
        data["attribution_window"] = [window]
    return pd.DataFrame(data)


def test_a_rollup_carries_the_window_its_rows_were_counted_under() -> None:
    assert sr.rollup(rows(META), by="campaign", currency="USD").attribution_window == META
    assert sr.rollup(rows(None), by="campaign", currency="USD").attribution_window is None
    both = pd.concat([rows(META), rows(LINKEDIN, campaign="b")])
    by_window = sr.rollup(both, by=("campaign", "attribution_window"), currency="USD")
    assert by_window.attribution_window is None  # each row says its own
    ignored = sr.rollup(both, by="campaign", currency="USD", ignore=["attribution_window"])
    assert ignored.attribution_window is None  # added on purpose: no one window
    meta = sr.sources.meta(
        pd.DataFrame({"Reporting starts": ["2026-03-01"], "Campaign name": ["x"], "Leads": [1]})
    )
    assert sr.rollup(meta, by="campaign", currency="USD").attribution_window == META


def test_reports_of_two_windows_do_not_merge_naming_both() -> None:
    meta = sr.rollup(rows(META), by="campaign", currency="USD")
    linkedin = sr.rollup(rows(LINKEDIN, campaign="b"), by="campaign", currency="USD")
    message = (
        r"cannot merge reports of conversions counted under the attribution windows "
        rf"'{META}' and '{LINKEDIN}': they do not add up; roll both up by 'attribution_window'"
    )
    with pytest.raises(sr.InvalidValueError, match=message):
        meta + linkedin
    with pytest.raises(sr.InvalidValueError, match=rf"'{LINKEDIN}' and '{META}'"):
        linkedin + meta


def test_reports_of_one_window_merge_and_keep_it() -> None:
    a = sr.rollup(rows(META), by="campaign", currency="USD")
    b = sr.rollup(rows(META, campaign="b"), by="campaign", currency="USD")
    merged = a + b
    assert merged.attribution_window == META
    assert merged.keys == (("a",), ("b",))
    assert merged.row("a").measures.count("purchases") == 2
    unsaid = sr.rollup(rows(None, campaign="c"), by="campaign", currency="USD")
    assert (a + unsaid).attribution_window == META  # a report that says none adds no window
    assert (unsaid + a).attribution_window == META
    assert (unsaid + unsaid).attribution_window is None
    assert merged.sort("purchases").attribution_window == META  # the verbs keep it


def test_reports_of_two_currencies_do_not_merge_naming_both() -> None:
    usd = sr.rollup(rows(META), by="campaign", currency="USD")
    eur = sr.rollup(rows(META, "EUR"), by="campaign", currency="EUR")
    with pytest.raises(sr.CurrencyMismatchError, match=r"reports in USD and EUR; convert first"):
        usd + eur
    with pytest.raises(sr.CurrencyMismatchError, match=r"reports in EUR and USD"):
        eur + usd


def test_the_window_is_part_of_equality_and_checked() -> None:
    a = sr.rollup(rows(META), by="campaign", currency="USD")
    b = sr.rollup(rows(None), by="campaign", currency="USD")
    assert a != b and a == sr.rollup(rows(META), by="campaign", currency="USD")
    with pytest.raises(
        sr.InvalidTypeError, match=r"'attribution_window' must be a string or None: 7"
    ):
        sr.Report(("campaign",), [], {}, "USD", attribution_window=7)
