"""Path tables from event logs on Spark (a local SparkSession, two cores): the same table as
pandas and as the plain-Python reference of tests/test_attribution_events.py, with every
window and transform run by Spark. Runs where pyspark is installed (the ``spark`` extra,
installed by ``.ci/run``) and Java 17+ is on the machine."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Any

import numpy as np
import pandas as pd
import pytest
from test_attribution_events import SETTINGS, START, assert_same, reference, rows_of

from socialroi import attribution as at

pytest.importorskip("pyspark")


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    from pyspark.sql import SparkSession

    session = (
        SparkSession.builder.master("local[2]")
        .appName("socialroi-tests-events")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate()
    )
    yield session
    session.stop()


def spark_frame(spark: Any, frame: pd.DataFrame) -> Any:
    """A Spark frame from plain Python rows (createDataFrame on pandas warns on pandas 3)."""
    rows = [
        (u, t.to_pydatetime(), None if pd.isna(c) else c, int(f), float(v))
        for u, t, c, f, v in frame[["user", "time", "channel", "conversion", "value"]].itertuples(
            index=False
        )
    ]
    schema = "user string, time timestamp, channel string, conversion int, value double"
    return spark.createDataFrame(rows, schema).repartition(3)


@pytest.fixture(scope="module")
def log() -> pd.DataFrame:
    """600 events of 80 users with string ids, over three channels, one in seven a
    conversion with a value."""
    rng = np.random.default_rng(15)
    n = 600
    flags = (rng.random(n) < 0.15).astype(int)
    return pd.DataFrame(
        {
            "user": [f"A{u:06d}" for u in rng.integers(0, 80, n)],
            "time": [START + datetime.timedelta(minutes=int(m)) for m in rng.permutation(n)],
            "channel": [
                None if f else c
                for c, f in zip(
                    rng.choice(["Facebook", "Instagram", "Direct"], n), flags, strict=True
                )
            ],
            "conversion": flags,
            "value": flags * rng.integers(1, 20, n) / 2,
        }
    )


SPARK_SETTINGS: list[dict[str, Any]] = [
    *SETTINGS,
    {"lookback_days": 0.2, "transforms": ["exposure"]},
    {"transforms": [("remove_if_not_all", "Direct"), "frequency"]},
    {"lookback_touches": 2, "transforms": [("remove_if_last_and_not_all", "Direct")]},
]


@pytest.mark.parametrize(
    "options", SPARK_SETTINGS, ids=lambda o: ",".join(map(str, o.values())) or "raw"
)
def test_spark_gives_the_reference_table(
    spark: Any, log: pd.DataFrame, options: dict[str, Any]
) -> None:
    table = at.path_table(spark_frame(spark, log), value="value", **options)
    assert_same(table, reference(rows_of(log), **options))
    on_pandas = at.path_table(log, value="value", **options)
    assert table.paths == on_pandas.paths
    assert table.conversions.tolist() == on_pandas.conversions.tolist()
    assert table.nulls.tolist() == on_pandas.nulls.tolist()
    np.testing.assert_allclose(table.value, on_pandas.value, rtol=1e-12)


def test_spark_table_feeds_the_models(spark: Any, log: pd.DataFrame) -> None:
    table = at.path_table(spark_frame(spark, log), value="value", lookback_days=1)
    credit = at.markov(table)
    expected = at.markov(at.path_table(log, value="value", lookback_days=1))
    assert credit.conversions == pytest.approx(expected.conversions, rel=1e-12)
    assert sum(credit.value.values()) == pytest.approx(table.value.sum(), rel=1e-12)
