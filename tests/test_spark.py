"""Roll-ups on Spark (a local SparkSession, two cores): the same numbers as the object API,
periods bucketed in the engine, and bad columns named. Runs where pyspark is installed (the
``spark`` extra, installed by ``.ci/run``) and Java 17+ is on the machine."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_rollup import DATES, STARTS, assert_same, by_objects, tables

import socialroi as sr

pytest.importorskip("pyspark")


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    from pyspark.sql import SparkSession

    session = (
        SparkSession.builder.master("local[2]")
        .appName("socialroi-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .getOrCreate()
    )
    yield session
    session.stop()


def spark_frame(spark: Any, columns: dict[str, Any]) -> Any:
    """A Spark frame from plain Python rows (createDataFrame on pandas warns on pandas 3)."""
    names = list(columns)
    rows = list(zip(*(np.asarray(columns[n]).tolist() for n in names), strict=True))
    return spark.createDataFrame(rows, names)


@settings(max_examples=5, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=tables(reach=True), by=st.sampled_from([(), ("channel",), ("channel", "mode")]))
def test_spark_gives_the_object_api_numbers(
    spark: Any, data: dict[str, np.ndarray], by: tuple[str, ...]
) -> None:
    frame = spark_frame(spark, data).repartition(3)
    assert_same(sr.rollup(frame, by=by, currency="USD"), by_objects(data, by))


@pytest.mark.parametrize("period", list(STARTS))
def test_spark_periods(spark: Any, period: str) -> None:
    data = {
        "date": [dt.datetime.fromisoformat(d) for d in DATES],
        "channel": ["a"] * 6,
        "impressions": [1.0] * 6,
    }
    frame = spark.createDataFrame(list(zip(*data.values(), strict=True)), list(data))
    rep = sr.rollup(frame, by="channel", period=("date", period), currency="USD")
    expected: dict[tuple[str, str], float] = {}
    for day in STARTS[period]:
        expected[("a", day)] = expected.get(("a", day), 0) + 1.0
    assert dict(zip(rep.keys, rep.column("impressions").tolist(), strict=True)) == expected


def test_spark_bad_columns(spark: Any) -> None:
    good = {"channel": ["a", "b", "a"], "leads": [1.0, 2.0, 3.0]}
    frame = spark_frame(spark, dict(good, leads=[1.0, -2.0, -3.0]))
    with pytest.raises(sr.InvalidValueError, match="'leads' has 0 missing .* and 2 negative"):
        sr.rollup(frame, by="channel", currency="USD")
    frame = spark_frame(spark, dict(good, label=["x", "y", "z"]))
    with pytest.raises(sr.InvalidTypeError, match="'label' must be numeric"):
        sr.rollup(frame, by="channel", currency="USD", measures={"label": "leads"})
    with pytest.raises(sr.UnknownNameError, match=r"\['mode'\]"):
        sr.rollup(frame, by=("channel", "mode"), currency="USD")
    frame = spark.createDataFrame([("a", 1.0), ("b", None)], "channel string, leads double")
    with pytest.raises(sr.InvalidValueError, match="'leads' has 1 missing"):
        sr.rollup(frame, by="channel", currency="USD")
    rows = [("a", float("nan")), ("b", float("inf")), ("a", float("nan"))]
    frame = spark.createDataFrame(rows, "channel string, leads double")
    with pytest.raises(sr.InvalidValueError, match="'leads' has 2 NaN and 1 infinite row"):
        sr.rollup(frame, by="channel", currency="USD")
    frame = spark.createDataFrame([("a", 1.0), (None, 2.0)], "channel string, leads double")
    with pytest.raises(sr.InvalidValueError, match="missing labels in 1 group"):
        sr.rollup(frame, by="channel", currency="USD")
