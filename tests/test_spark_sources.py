"""Platform sources on Spark (a local SparkSession): each source on a Spark frame gives the
roll-up of the same export read with pandas, GA4's channel grouping and the currency
conversion run in Spark, and text that will not parse is named. Runs where pyspark is
installed (the ``spark`` extra, installed by ``.ci/run``) and Java 17+ is on the machine."""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from typing import Any

import pandas as pd
import pytest
from test_sources import DATA, RATES, assert_same

import socialroi as sr

pytest.importorskip("pyspark")


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    from pyspark.sql import SparkSession

    session = (
        SparkSession.builder.master("local[2]")
        .appName("socialroi-source-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .getOrCreate()
    )
    yield session
    session.stop()


def spark_frame(spark: Any, rows: pd.DataFrame) -> Any:
    """The rows as a Spark frame, missing values as nulls (createDataFrame on pandas warns
    on pandas 3, so it gets plain Python rows)."""
    names = [str(c) for c in rows.columns]
    records = [
        tuple(None if isinstance(v, float) and math.isnan(v) else v for v in row)
        for row in rows.astype(object).itertuples(index=False)
    ]
    return spark.createDataFrame(records, names)


SOURCES = [
    (sr.sources.meta, "meta_ads_manager.csv", "USD", "campaign"),
    (sr.sources.google_ads, "google_ads.csv", "EUR", "campaign"),
    (sr.sources.linkedin, "linkedin.csv", "EUR", "campaign"),
    (sr.sources.tiktok, "tiktok.csv", "GBP", "campaign"),
    (sr.sources.x_ads, "x_ads.csv", "USD", "campaign"),
    (sr.sources.youtube, "youtube.csv", "USD", "video"),
]


@pytest.mark.parametrize(("reader", "fixture", "currency", "by"), SOURCES)
def test_each_source_on_spark_gives_the_pandas_result(
    spark: Any, reader: Any, fixture: str, currency: str, by: str
) -> None:
    from pyspark.sql import DataFrame

    rows = pd.read_csv(DATA / fixture)
    ignore = ["campaign_id"] if "campaign.id" in rows else []
    out = reader(spark_frame(spark, rows))
    assert isinstance(out, DataFrame)  # a Spark frame back, not collected
    got = sr.rollup(out, by=by, currency=currency, ignore=ignore)
    assert_same(got, sr.rollup(reader(rows), by=by, currency=currency, ignore=ignore))


def test_ga4_channel_grouping_runs_in_spark(spark: Any) -> None:
    rows = pd.read_csv(DATA / "ga4.csv", dtype={"date": str})
    out = sr.sources.ga4(spark_frame(spark, rows), currency="EUR")
    want = sr.sources.ga4(rows, currency="EUR")
    got = [(r["channel"], r["mode"]) for r in out.collect()]
    assert got == list(zip(want["channel"], want["mode"], strict=True))
    assert_same(
        sr.rollup(out, by=("channel", "mode"), currency="EUR"),
        sr.rollup(want, by=("channel", "mode"), currency="EUR"),
    )


def test_currency_conversion_runs_in_spark(spark: Any) -> None:
    rows = pd.DataFrame(
        {
            "date_start": ["2026-03-01", "2026-03-02", "2026-03-03", "2026-03-01"],
            "campaign_name": ["a", "a", "b", "b"],
            "account_currency": ["USD", "GBP", "USD", "EUR"],
            "spend": ["10.00", "20.00", "30.00", "40.00"],
            "impressions": ["100", "200", "300", "400"],
        }
    )
    want = sr.rollup(
        sr.convert(sr.sources.meta_api(rows), pd.DataFrame(RATES), to="EUR"),
        by="campaign",
        currency="EUR",
    )
    read = sr.sources.meta_api(spark_frame(spark, rows))
    for rates in (pd.DataFrame(RATES), spark_frame(spark, pd.DataFrame(RATES))):
        got = sr.rollup(sr.convert(read, rates, to="EUR"), by="campaign", currency="EUR")
        assert_same(got, want)
    # by hand: a = 10 x 0.90 + 20 x 1.17 = 32.4, b = 30 x 0.93 + 40 = 67.9
    assert math.isclose(want.row("a").investment.amount, 32.4)
    assert math.isclose(want.row("b").investment.amount, 67.9)
    fixed = sr.convert(read, {"USD": 0.9, "GBP": 1.2}, to="EUR")
    total = sr.rollup(fixed, by=(), currency="EUR").total.investment.amount
    assert math.isclose(total, 10 * 0.9 + 20 * 1.2 + 30 * 0.9 + 40)


def test_combine_on_spark(spark: Any) -> None:
    meta = sr.sources.meta(spark_frame(spark, pd.read_csv(DATA / "meta_ads_manager.csv")))
    rows = pd.read_csv(DATA / "ga4.csv", dtype={"date": str})
    ga4 = sr.sources.ga4(spark_frame(spark, rows), currency="USD")
    both = sr.sources.combine(meta, ga4)
    got = sr.rollup(both, by=("channel", "attribution_window"), currency="USD")
    pandas_both = sr.sources.combine(
        sr.sources.meta(pd.read_csv(DATA / "meta_ads_manager.csv")),
        sr.sources.ga4(rows, currency="USD"),
    )
    assert_same(got, sr.rollup(pandas_both, by=("channel", "attribution_window"), currency="USD"))


def test_text_that_will_not_parse_is_named_on_spark(spark: Any) -> None:
    rows = pd.DataFrame(
        {
            "Reporting starts": ["2026-03-01", "2026-02-31"],
            "Campaign name": ["a", "b"],
            "Impressions": ["1,000", "2"],
        }
    )
    with pytest.raises(sr.InvalidValueError, match=r"'Reporting starts'.*such as '2026-02-31'"):
        sr.sources.meta(spark_frame(spark, rows), currency="USD")
    rows["Reporting starts"] = ["2026-03-01", "2026-03-02"]
    rows["Impressions"] = ["1,000", "n/a"]
    with pytest.raises(sr.InvalidValueError, match=r"'Impressions'.*such as 'n/a'"):
        sr.sources.meta(spark_frame(spark, rows), currency="USD")
    rows["Impressions"] = ["1,000", " 2 "]
    out = sr.sources.meta(spark_frame(spark, rows), currency="USD").collect()
    assert [r["impressions"] for r in out] == [1000.0, 2.0]


def test_meta_action_lists_on_spark(spark: Any) -> None:
    rows = json.loads((DATA / "meta_api.json").read_text())
    want = sr.sources.meta_api(pd.DataFrame(rows))
    got = sr.sources.meta_api(spark.createDataFrame(rows))
    assert_same(
        sr.rollup(got, by="campaign", currency="USD"),
        sr.rollup(want, by="campaign", currency="USD"),
    )
