"""Columnar roll-ups: the numpy path and every tested frame backend agree with the object
API, chunks merge into the whole, and bad columns get the SocialROIError family."""

from __future__ import annotations

import itertools
import math
import warnings
from collections.abc import Iterator, Mapping
from typing import Any

import dask.dataframe as dd
import duckdb
import numpy as np
import pandas as pd
import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import socialroi as sr
from socialroi._reports.factorise import factorise

MEASURES = ["impressions", "link_clicks", "leads", "ad_spend", "salaries", "revenue"]


@st.composite
def tables(draw: st.DrawFn, reach: bool = False) -> dict[str, np.ndarray]:
    n = draw(st.integers(1, 40))
    column = st.lists(st.integers(0, 10**6), min_size=n, max_size=n)
    data: dict[str, np.ndarray] = {
        "channel": np.array(
            draw(st.lists(st.sampled_from(["li", "x", "fb"]), min_size=n, max_size=n))
        ),
        "mode": np.array(
            draw(st.lists(st.sampled_from(["paid", "organic"]), min_size=n, max_size=n))
        ),
    }
    for name in MEASURES:
        data[name] = np.array(draw(column), dtype=np.float64)
    data["ad_spend"] = data["ad_spend"] / 7.0  # not only whole numbers
    if reach:
        data["reach"] = np.floor(data["impressions"] / 3)
    return data


def by_objects(data: dict[str, np.ndarray], by: tuple[str, ...]) -> sr.Report:
    acts = []
    for i in range(len(data["channel"])):
        values: dict[str, Any] = {m: data[m][i] for m in MEASURES}
        if "reach" in data:
            values["reach"] = data["reach"][i]
        acts.append(
            sr.Activity(
                str(data["channel"][i]), str(data["mode"][i]), sr.Measures.of("USD", **values)
            )
        )
    return sr.report(acts, by=by)


def assert_same(a: sr.Report, b: sr.Report) -> None:
    assert a.by == b.by and a.keys == b.keys
    for name in a.data:
        np.testing.assert_allclose(a.data[name], b.data[name], rtol=1e-9, atol=1e-9)
    for name in a.metrics:
        np.testing.assert_allclose(a.column(name), b.column(name), rtol=1e-9, equal_nan=True)


def frames(data: Mapping[str, Any]) -> dict[str, object]:
    df = pd.DataFrame(data)
    return {
        "pandas": df,
        "polars": pl.DataFrame(data),
        "polars-lazy": pl.DataFrame(data).lazy(),
        "pyarrow": pl.DataFrame(data).to_arrow(),
        "duckdb": duckdb.from_df(df),
        "dask": dd.from_pandas(df, npartitions=3),  # type: ignore[no-untyped-call]
    }


@settings(max_examples=12)
@given(tables(reach=True), st.sampled_from([(), ("channel",), ("channel", "mode")]))
def test_every_path_gives_the_object_api_numbers(
    data: dict[str, np.ndarray], by: tuple[str, ...]
) -> None:
    expected = by_objects(data, by)
    assert_same(sr.rollup(data, by=by, currency="USD"), expected)
    for frame in frames(data).values():
        assert_same(sr.rollup(frame, by=by, currency="USD"), expected)


@settings(max_examples=30)
@given(tables(), st.data())
def test_chunks_merge_into_the_whole(data: dict[str, np.ndarray], draw: st.DataObject) -> None:
    n = len(data["channel"])
    cuts = sorted(draw.draw(st.lists(st.integers(0, n), max_size=4)))
    bounds = [0, *cuts, n]
    parts = [
        sr.rollup({k: v[a:b] for k, v in data.items()}, by=("channel", "mode"), currency="USD")
        for a, b in itertools.pairwise(bounds)
    ]
    merged = parts[0]
    for part in parts[1:]:
        merged = merged + part
    assert_same(merged, sr.rollup(data, by=("channel", "mode"), currency="USD"))


def test_string_keys_factorise_by_hash_and_by_sorting() -> None:
    labels = np.array(["b", "a", "c", "a", "b"])
    codes, uniques = factorise("k", labels, 5)
    assert uniques == ["a", "b", "c"] and codes.tolist() == [1, 0, 2, 0, 1]
    many = np.array([f"label{i}" for i in range(50_000)])  # 2**22 slots: some collide
    rep = sr.rollup({"k": many, "leads": np.ones(many.size)}, by="k", currency="USD")
    assert len(rep) == 50_000 and rep.keys[:2] == (("label0",), ("label1",))


def test_integer_codes_and_renamed_measures() -> None:
    data = {
        "channel_id": np.array([3, 1, 3, 7]),
        "spend": np.array([1.0, 2.0, 3.0, 4.0]),
        "impressions": np.array([100, 200, 300, 400]),
    }
    rep = sr.rollup(data, by="channel_id", currency="EUR", measures={"spend": "ad_spend"})
    assert rep.keys == ((1,), (3,), (7,))
    assert rep.column("ad_spend").tolist() == [2.0, 4.0, 4.0]
    assert rep.column("cpm").tolist() == [10.0, 10.0, 10.0]
    big = sr.rollup({"code": np.array([10**9, 5]), "leads": [1, 2]}, by="code", currency="EUR")
    assert big.keys == ((5,), (10**9,))  # ids sorted as numbers, as report()
    assert big.column("leads").tolist() == [2.0, 1.0]


def test_infinities_are_caught_from_the_sums() -> None:
    for column in ("leads", "reach"):
        data = {"k": np.array(["a", "b"]), "impressions": [5.0, 5.0], column: [1.0, np.inf]}
        with pytest.raises(sr.InvalidValueError, match="1 infinite"):
            sr.rollup(data, by="k", currency="USD")


def test_reach_rolls_up_as_bounds() -> None:
    data = {"channel": np.array(["a", "a"]), "impressions": [1_000, 500], "reach": [600, 400]}
    rep = sr.rollup(data, by="channel", currency="USD")
    assert rep.row("a").measures.reach == sr.Reach(600, 1_000)
    assert math.isnan(rep.column("frequency")[0])
    assert sr.rollup(data, by=(), currency="USD").keys == ((),)


DATES = ["2026-01-05", "2026-01-11", "2026-02-20", "2026-03-31", "2026-04-01", "2027-06-30"]
# the first day of each date's period, worked out by hand (2026-01-05 is a Monday)
STARTS = {
    "day": DATES,
    "week": ["2026-01-05", "2026-01-05", "2026-02-16", "2026-03-30", "2026-03-30", "2027-06-28"],
    "month": ["2026-01-01", "2026-01-01", "2026-02-01", "2026-03-01", "2026-04-01", "2027-06-01"],
    "quarter": ["2026-01-01"] * 4 + ["2026-04-01", "2027-04-01"],
    "year": ["2026-01-01"] * 5 + ["2027-01-01"],
}


@pytest.mark.parametrize(
    "backend", ["pandas", "polars", "polars-lazy", "pyarrow", "duckdb", "dask"]
)
@pytest.mark.parametrize("period", list(STARTS))
def test_periods_bucket_dates_on_every_engine(backend: str, period: str) -> None:
    data = {
        "date": pd.to_datetime(DATES),
        "channel": ["li", "x", "li", "li", "li", "x"],
        "impressions": [1, 10, 100, 1_000, 10_000, 100_000],
        "reach": [1, 10, 100, 1_000, 10_000, 100_000],
    }
    rep = sr.rollup(frames(data)[backend], by="channel", period=("date", period), currency="USD")
    expected: dict[tuple[str, str], float] = {}
    for channel, day, n in zip(data["channel"], STARTS[period], data["impressions"], strict=True):
        expected[(channel, day)] = expected.get((channel, day), 0) + n
    assert rep.by == ("channel", "period")
    assert dict(zip(rep.keys, rep.column("impressions").tolist(), strict=True)) == expected
    low = dict(zip(rep.keys, rep.data["reach_low"].tolist(), strict=True))
    assert low[("li", STARTS[period][0])] == max(
        n
        for c, d, n in zip(data["channel"], STARTS[period], data["reach"], strict=True)
        if (c, d) == ("li", STARTS[period][0])
    )


def test_missing_dates_are_named() -> None:
    data = {"date": pd.to_datetime(["2026-01-05", None]), "channel": ["a", "a"], "leads": [1, 2]}
    for backend in ("pandas", "polars", "dask"):
        with pytest.raises(sr.InvalidValueError, match="'period' has missing labels in 1"):
            sr.rollup(frames(data)[backend], by="channel", period=("date", "week"), currency="USD")


def test_conversions_to_frames() -> None:
    rep = sr.rollup(
        {"channel": np.array(["a", "b"]), "impressions": [10, 20], "ad_spend": [1, 1]},
        by="channel",
        currency="USD",
    )
    assert rep.to_pandas()["cpm"].tolist() == [100.0, 50.0]
    assert rep.to_polars()["channel"].to_list() == ["a", "b"]


@pytest.mark.parametrize(
    ("data", "error", "message"),
    [
        ({"channel": np.array(["a"])}, sr.UnknownNameError, r"\['mode'\]"),
        (
            {"channel": np.array(["a"]), "mode": np.array(["p"]), "leads": np.array(["3"])},
            sr.InvalidTypeError,
            "'leads' must be numeric",
        ),
        (
            {
                "channel": np.array(["a", "b"]),
                "mode": np.array(["p", "p"]),
                "leads": np.array([1.0, -3.0]),
            },
            sr.InvalidValueError,
            "1 negative",
        ),
        (
            {
                "channel": np.array(["a", "b"]),
                "mode": np.array(["p", "p"]),
                "leads": np.array([np.nan, np.nan]),
            },
            sr.InvalidValueError,
            "2 NaN",
        ),
        (
            {
                "channel": np.array(["a", None], dtype=object),
                "mode": np.array(["p", "p"]),
                "leads": np.array([1, 2]),
            },
            sr.InvalidValueError,
            "1 missing label",
        ),
        (
            {
                "channel": np.array([0.5, 1.5]),
                "mode": np.array(["p", "p"]),
                "leads": np.array([1, 2]),
            },
            sr.InvalidTypeError,
            "floats",
        ),
        (
            {
                "channel": np.array(["a", "b"]),
                "mode": np.array(["p", "p"]),
                "leads": np.array([1, 2, 3]),
            },
            sr.InvalidValueError,
            "different lengths",
        ),
        (
            {"channel": np.array([["a"]]), "mode": np.array(["p"]), "leads": np.array([1])},
            sr.InvalidValueError,
            "one value per row",
        ),
        (
            {
                "channel": np.array(["a"]),
                "mode": np.array(["p"]),
                "impressions": [1],
                "reach": [5],
            },
            sr.InvalidValueError,
            "exceeds impressions",
        ),
    ],
)
def test_bad_columns_on_the_numpy_path(
    data: dict[str, Any], error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        sr.rollup(data, by=("channel", "mode"), currency="USD")


@pytest.mark.parametrize("backend", ["pandas", "polars", "duckdb", "dask"])
def test_bad_columns_on_frames(backend: str) -> None:
    good = {"channel": ["a", "b", "a"], "leads": [1.0, 2.0, 3.0], "label": ["x", "y", "z"]}
    with pytest.raises(sr.UnknownNameError, match=r"\['mode'\]"):
        sr.rollup(frames(good)[backend], by=("channel", "mode"), currency="USD")
    with pytest.raises(sr.InvalidTypeError, match="'label' must be numeric"):
        sr.rollup(frames(good)[backend], by="channel", currency="USD", measures={"label": "leads"})
    negative = dict(good, leads=[1.0, -2.0, 3.0])
    with pytest.raises(sr.InvalidValueError, match="1 negative row"):
        sr.rollup(frames(negative)[backend], by="channel", currency="USD")
    missing = dict(good, leads=[1.0, None, 3.0])
    with pytest.raises(sr.InvalidValueError, match="1 missing"):
        sr.rollup(frames(missing)[backend], by="channel", currency="USD")
    nan = dict(good, leads=[1.0, float("nan"), 3.0])  # pandas reads NaN as missing
    with pytest.raises(sr.InvalidValueError, match="missing|NaN"):
        sr.rollup(frames(nan)[backend], by="channel", currency="USD")
    infinite = dict(good, leads=[1.0, float("inf"), 3.0])
    with pytest.raises(sr.InvalidValueError, match="'leads' has 0 NaN and 1 infinite row"):
        sr.rollup(frames(infinite)[backend], by="channel", currency="USD")
    nokey = dict(good, channel=["a", None, "a"])
    with pytest.raises(sr.InvalidValueError, match="missing labels"):
        sr.rollup(frames(nokey)[backend], by="channel", currency="USD")


def test_bad_arguments() -> None:
    data = {"channel": np.array(["a"]), "leads": np.array([1.0])}
    with pytest.raises(sr.InvalidTypeError, match="'data' must be"):
        sr.rollup(42, by="channel", currency="USD")
    with pytest.raises(sr.InvalidTypeError, match="'by'"):
        sr.rollup(data, by=[1], currency="USD")  # type: ignore[list-item]
    with pytest.raises(sr.UnknownNameError, match="ISO 4217"):
        sr.rollup(data, by="channel", currency="dollars")
    with pytest.raises(sr.UnknownNameError, match="not a measure"):
        sr.rollup(data, by="channel", currency="USD", measures={"leads": "sales"})
    with pytest.raises(sr.UnknownNameError, match="not in the data"):
        sr.rollup(data, by="channel", currency="USD", measures={"spend": "ad_spend"})
    with pytest.raises(sr.InvalidValueError, match="data frame engine"):
        sr.rollup(data, by="channel", currency="USD", period=("date", "month"))
    with pytest.raises(sr.InvalidValueError, match="'period'"):
        sr.rollup(pd.DataFrame(data), by="channel", currency="USD", period=("date", "decade"))
    a = sr.rollup(data, by="channel", currency="USD")
    with pytest.raises(sr.InvalidValueError, match="do not merge"):
        a + sr.rollup(data, by=(), currency="USD")
    with pytest.raises(sr.CurrencyMismatchError, match="convert"):
        a + sr.rollup(data, by="channel", currency="EUR")
    with pytest.raises(sr.InvalidTypeError, match="merge a Report"):
        a + 1
    with pytest.raises(sr.InvalidValueError, match="lacks columns"):
        sr.Report(("channel",), (("a",),), {}, "USD")
    with pytest.raises(sr.InvalidValueError, match="one value per row"):
        sr.Report((), ((),), {c: np.zeros(2) for c in a.data}, "USD")
    assert a != 1 and a == a + sr.rollup(
        {"channel": np.array([], dtype=str), "leads": np.array([])}, by="channel", currency="USD"
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        sr.rollup(frames(data)["dask"], by="channel", currency="USD")  # no warning leaks


@pytest.fixture(scope="module")
def dask_cluster() -> Iterator[object]:
    """A distributed LocalCluster: two worker processes, one thread each."""
    from distributed import Client, LocalCluster

    cluster = LocalCluster(  # type: ignore[no-untyped-call]
        n_workers=2, threads_per_worker=1, dashboard_address=":0"
    )
    with cluster, Client(cluster) as client:  # type: ignore[no-untyped-call]
        yield client


@settings(max_examples=5)
@given(data=tables(reach=True), by=st.sampled_from([("channel",), ("channel", "mode")]))
def test_dask_on_a_local_cluster(
    dask_cluster: object, data: dict[str, np.ndarray], by: tuple[str, ...]
) -> None:
    frame = dd.from_pandas(pd.DataFrame(data), npartitions=4)  # type: ignore[no-untyped-call]
    assert_same(sr.rollup(frame, by=by, currency="USD"), by_objects(data, by))


def test_dask_cluster_periods_and_errors(dask_cluster: Any) -> None:
    import dask

    # the roll-ups below run on the cluster's two worker processes
    assert dask.base.get_scheduler() == dask_cluster.get  # type: ignore[no-untyped-call]
    assert len(dask_cluster.scheduler_info()["workers"]) == 2
    pdf = pd.DataFrame(
        {
            "date": pd.to_datetime(["2026-01-05", "2026-02-20", "2026-04-01", "2026-06-30"]),
            "channel": ["li", "li", "li", "x"],
            "impressions": [100, 200, 300, 400],
        }
    )
    frame = dd.from_pandas(pdf, npartitions=2)  # type: ignore[no-untyped-call]
    rep = sr.rollup(frame, by="channel", period=("date", "quarter"), currency="USD")
    assert rep.keys == (("li", "2026-01-01"), ("li", "2026-04-01"), ("x", "2026-04-01"))
    assert rep.column("impressions").tolist() == [300.0, 300.0, 400.0]
    bad = dd.from_pandas(pdf.assign(impressions=[1, -2, 3, -4]), npartitions=2)  # type: ignore[no-untyped-call]
    with pytest.raises(
        sr.InvalidValueError, match="'impressions' has 0 missing .* and 2 negative"
    ):
        sr.rollup(bad, by="channel", currency="USD")


def test_keys_without_measures_are_refused() -> None:
    """A roll-up that recognises no measure would be a report of zeros: refused, naming the
    columns (issue 12, decision (a))."""
    keys = {"k": np.array(["b", "a", "b"]), "note": np.array(["x", "y", "z"])}
    for data in (keys, pl.DataFrame(keys), pd.DataFrame(keys)):
        with pytest.raises(sr.UnknownNameError, match=r"no measure column .*\['k', 'note'\]"):
            sr.rollup(data, by="k", currency="USD")


def test_unsigned_64_bit_codes_as_a_second_dimension() -> None:
    """uint64 codes in any dimension but the first are added to the group codes unchecked
    (numpy adds uint64 and intp as float64)."""
    data = {
        "a": np.array([1, 0, 1, 0], dtype=np.int16),
        "b": np.array([2, 0, 2, 1], dtype=np.uint64),
        "c": np.array([0, 0, 1, 0], dtype=np.uint64),
        "leads": [1.0, 2.0, 3.0, 4.0],
    }
    rep = sr.rollup(data, by=("a", "b", "c"), currency="USD")
    assert rep.keys == ((0, 0, 0), (0, 1, 0), (1, 2, 0), (1, 2, 1))
    assert rep.column("leads").tolist() == [2.0, 4.0, 1.0, 3.0]


def test_an_absent_code_is_no_group_though_each_group_has_a_zero_sum() -> None:
    """Codes 0 and 2 have rows, each with one measure at zero; code 1 has none: a group is
    present when any of its sums is non-zero, else by its rows."""
    data = {"k": np.array([0, 2]), "leads": [1.0, 0.0], "impressions": [0.0, 5.0]}
    rep = sr.rollup(data, by="k", currency="USD")
    assert rep.keys == ((0,), (2,))
    assert rep.column("leads").tolist() == [1.0, 0.0]
    assert rep.column("impressions").tolist() == [0.0, 5.0]
