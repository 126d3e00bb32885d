"""Dates and numbers sent as text: what will not parse is refused before it is parsed, on
every engine, naming the column, showing a value and saying the fix (the engines' own
errors, and pyarrow rolling 31 February over to 3 March, no longer get through)."""

from __future__ import annotations

import re
from typing import Any

import pandas as pd
import pytest
from test_sources import collect, frames

import socialroi as sr
from socialroi._reports.text import NUMBER, date_pattern
from socialroi.sources import Field, Kind, Source

ENGINES = ["pandas", "polars", "polars-lazy", "pyarrow", "duckdb", "dask"]


def export(dates: list[Any], impressions: list[Any]) -> dict[str, list[Any]]:
    return {
        "Reporting starts": dates,
        "Campaign name": ["a"] * len(dates),
        "Impressions": impressions,
    }


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("bad", ["03/02/2026", "2026-02-31", "2026-13-01", "n/a"])
def test_a_date_that_will_not_parse_is_named_on_every_engine(engine: str, bad: str) -> None:
    data = frames(export(["2026-03-01", bad, "2026-03-03"], ["1", "2", "3"]))[engine]
    message = (
        r"column 'Reporting starts' of the Meta Ads Manager export data holds 1 value\(s\) "
        rf"that are not dates \(days that exist, written '%Y-%m-%d'\), such as '{re.escape(bad)}'"
        r": fix them, or parse the column to dates"
    )
    with pytest.raises(sr.InvalidValueError, match=message):
        sr.sources.meta(data, currency="USD")


@pytest.mark.parametrize("engine", ENGINES)
def test_a_number_that_will_not_parse_is_named_on_every_engine(engine: str) -> None:
    data = frames(export(["2026-03-01"] * 3, ["1,000", "n/a", "-"]))[engine]
    message = (
        r"column 'Impressions' of the Meta Ads Manager export data holds 2 value\(s\) that "
        r"are not numbers, such as '(n/a|-)': clean them \(thousands separators ',' are taken "
        r"off for you\) or cast the column"
    )
    with pytest.raises(sr.InvalidValueError, match=message):
        sr.sources.meta(data, currency="USD")


@pytest.mark.parametrize("engine", ENGINES)
def test_missing_values_separators_and_spaces_read_on_every_engine(engine: str) -> None:
    data = frames(export(["2026-03-01", None, "2026-3-3"], [" 1,000 ", None, "+2.5e1"]))[engine]
    out = collect(sr.sources.meta(data, currency="USD"))
    assert [None if d != d else d for d in out["impressions"]] == [1000.0, None, 25.0]
    days = [None if d is None or d != d else d.strftime("%Y-%m-%d") for d in out["date"]]
    assert days == ["2026-03-01", None, "2026-03-03"]


def test_every_numeric_kind_is_checked_and_rates_only_where_kept() -> None:
    ads = pd.DataFrame(
        {
            "segments.date": ["2026-03-01"],
            "campaign.name": ["a"],
            "metrics.cost_micros": ["12x"],
        }
    )
    with pytest.raises(sr.InvalidValueError, match=r"'metrics.cost_micros'.*such as '12x'"):
        sr.sources.google_ads(ads, currency="EUR")
    yt = pd.DataFrame({"day": ["2026-03-01"], "estimatedMinutesWatched": ["1h"]})
    with pytest.raises(sr.InvalidValueError, match=r"'estimatedMinutesWatched'.*such as '1h'"):
        sr.sources.youtube(yt)
    meta = pd.DataFrame(
        {
            "Reporting starts": ["2026-03-01"],
            "Campaign name": ["a"],
            "Reach": ["many"],
        }
    )
    with pytest.raises(sr.InvalidValueError, match=r"'Reach'.*such as 'many'"):
        sr.sources.meta(meta)
    spend = meta.drop(columns="Reach").assign(**{"Amount spent (USD)": ["$5"]})
    with pytest.raises(sr.InvalidValueError, match=r"'Amount spent \(USD\)'.*such as '\$5'"):
        sr.sources.meta(spend)
    ctr = meta.drop(columns="Reach").assign(**{"CTR (all)": ["1.5%"]})
    assert "reported_ctr_all" not in sr.sources.meta(ctr)  # left out: not parsed
    with pytest.raises(sr.InvalidValueError, match=r"'CTR \(all\)'.*such as '1.5%'"):
        sr.sources.meta(ctr, rates="keep")
    labels = meta.drop(columns="Reach").assign(**{"Campaign ID": ["not a number"]})
    assert sr.sources.meta(labels)["campaign_id"].tolist() == ["not a number"]  # a label


def test_each_field_is_checked_in_its_own_date_format() -> None:
    """TikTok's API writes "2026-03-01 00:00:00", its export "2026-03-01"."""
    api = pd.DataFrame({"stat_time_day": ["2026-03-01"], "campaign_name": ["a"]})
    with pytest.raises(sr.InvalidValueError, match=r"written '%Y-%m-%d %H:%M:%S'"):
        sr.sources.tiktok(api)
    manager = pd.DataFrame({"By Day": ["2026-03-01 00:00:00"], "Campaign name": ["a"]})
    with pytest.raises(sr.InvalidValueError, match=r"written '%Y-%m-%d'\), such as '2026"):
        sr.sources.tiktok(manager)
    read = sr.sources.tiktok(api.assign(stat_time_day=["2026-03-01 12:30:00"]))
    assert str(read["date"][0]) == "2026-03-01 00:00:00"  # the day, at midnight


def test_a_format_the_check_does_not_know_is_left_to_the_engine() -> None:
    mine = Source(
        name="mine",
        title="ours",
        reference="(internal)",
        channel="crm",
        mode="organic",
        date_format="%Y-%j",
        fields=(Field(names="Day", column="date", kind=Kind.DATE),),
    )
    assert date_pattern("%Y-%j") is None
    out = sr.sources.read(pd.DataFrame({"Day": ["2026-060"]}), mine)
    assert str(out["date"][0].date()) == "2026-03-01"


@pytest.mark.parametrize(
    ("fmt", "good", "bad"),
    [
        ("%Y%m%d", ["20260301", "20240229"], ["20260229", "2026-03-01", "20261301"]),
        ("%d/%m/%Y", ["31/12/2026", "1/3/2026"], ["31/11/2026", "12/31/2026"]),
        ("%y-%m-%d", ["24-02-29", "00-02-29"], ["26-02-29", "2026-02-01"]),
        ("%d %b %Y %H:%M", ["01 Mar 2026 23:59"], ["01 Mar 2026 24:00", "01 March 2026 10:00"]),
        ("%B %d, %Y", ["March 1, 2026"], ["3 1, 2026"]),
        ("%Y-%m", ["2026-03"], ["2026-3-1"]),
        ("100%% %Y", ["100% 2026"], ["100 2026"]),
    ],
)
def test_date_patterns_match_the_dates_that_exist(
    fmt: str, good: list[str], bad: list[str]
) -> None:
    pattern = date_pattern(fmt)
    assert pattern is not None
    assert all(re.match(pattern, d) for d in good), fmt
    assert not any(re.match(pattern, d) for d in bad), fmt


def test_the_number_pattern() -> None:
    good = ["0", "12", "-3.5", "+4", ".5", "5.", "1e3", "2.5E-2"]
    bad = ["", "-", "n/a", "1.2.3", "inf", "nan", "1,5", "$5", "5%", "1e", "e3"]
    assert all(re.match(NUMBER, n) for n in good)
    assert not any(re.match(NUMBER, n) for n in bad)
