"""Nothing silent in roll-ups (issue 12): sums in float64 on every engine, numeric strings
refused, every column given a role, one answer for empty input, and junk arguments answered
by the SocialROIError family only."""

from __future__ import annotations

import datetime as dt
import math
import shutil
import warnings
from collections.abc import Callable, Iterator
from typing import Any
from unittest import mock

import dask.dataframe as dd
import duckdb
import numpy as np
import pandas as pd
import polars as pl
import pyarrow as pa  # type: ignore[import-untyped]
import pytest
from hypothesis import HealthCheck, given, reject, settings
from hypothesis import strategies as st

import socialroi as sr

ENGINES = ["numpy", "pandas", "polars", "polars-lazy", "pyarrow", "duckdb", "dask"]


def engine(name: str, columns: dict[str, Any]) -> object:
    """The same columns as the input of one engine; dtypes are kept (pyarrow from numpy)."""
    arrays = {k: np.asarray(v) for k, v in columns.items()}
    if name == "numpy":
        return arrays
    df = pd.DataFrame(arrays)
    if name == "pandas":
        return df
    if name == "dask":
        return dd.from_pandas(df, npartitions=2)  # type: ignore[no-untyped-call]
    if name == "duckdb":
        return duckdb.from_arrow(pa.table(arrays))
    if name == "pyarrow":
        return pa.table(arrays)
    frame = pl.DataFrame(arrays)
    return frame.lazy() if name == "polars-lazy" else frame


def total(data: object, column: str = "impressions", **options: Any) -> float:
    rep = sr.rollup(data, by=(), currency="USD", **options)
    assert rep.keys == ((),)
    return float(rep.column(column)[0])


# -- 1. sums in float64, in the engine ---------------------------------------------------------


# Each reference is worked out by hand in float64: 3 * 2**62 and 2**64 are exact there,
# and so is 2 * (2**31 - 1). The float32 case is numpy's float64 path: float32 16777216 and
# 1.3 (1.2999999523162842 as float32) widened to float64, then added.
OVERFLOWS = [
    ("int64", np.array([2**62] * 3, dtype=np.int64), 3.0 * 2**62),
    ("uint64", np.array([2**63] * 2, dtype=np.uint64), 2.0**64),
    ("int32", np.array([2**31 - 1] * 2, dtype=np.int32), 4_294_967_294.0),
    ("float32", np.array([16_777_216, 1.3, 0], dtype=np.float32), 16_777_217.299999952),
]


@pytest.mark.parametrize("name", ENGINES)
@pytest.mark.parametrize(("dtype", "values", "expected"), OVERFLOWS, ids=[o[0] for o in OVERFLOWS])
def test_sums_are_float64_on_every_engine(
    name: str, dtype: str, values: np.ndarray, expected: float
) -> None:
    columns = {"k": np.array(["a"] * len(values)), "impressions": values}
    assert total(engine(name, columns)) == expected
    rep = sr.rollup(engine(name, columns), by="k", currency="USD")
    assert rep.column("impressions").tolist() == [expected]


@pytest.mark.parametrize("name", ENGINES)
def test_reach_bounds_are_float64_too(name: str) -> None:
    big = np.array([2**62, 2**62, 2**62], dtype=np.int64)
    columns = {"impressions": big, "reach": big}
    rep = sr.rollup(engine(name, columns), by=(), currency="USD")
    assert rep.data["reach_low"].tolist() == [2.0**62]
    assert rep.data["reach_high"].tolist() == [3.0 * 2**62]


# -- 2. numeric strings are never counts -------------------------------------------------------


STRINGS: dict[str, Callable[[str], object]] = {
    "numpy object": lambda c: {"k": np.array(["a", "b"]), c: np.array(["50", "7"], object)},
    "numpy unicode": lambda c: {"k": np.array(["a", "b"]), c: ["50", "7"]},
    "pandas object": lambda c: pd.DataFrame(
        {"k": ["a", "b"], c: pd.Series(["50", "7"], dtype=object)}
    ),
    "pandas string": lambda c: pd.DataFrame(
        {"k": ["a", "b"], c: pd.Series(["50", "7"], dtype="string")}
    ),
    "polars utf8": lambda c: pl.DataFrame({"k": ["a", "b"], c: ["50", "7"]}),
    "pyarrow": lambda c: pa.table({"k": ["a", "b"], c: ["50", "7"]}),
    "duckdb": lambda c: duckdb.sql(f"select * from (values ('a', '50'), ('b', '7')) t(k, {c})"),
    "dask": lambda c: dd.from_pandas(  # type: ignore[no-untyped-call]
        pd.DataFrame({"k": ["a", "b"], c: ["50", "7"]}), npartitions=1
    ),
}


@pytest.mark.parametrize("make", STRINGS.values(), ids=list(STRINGS))
def test_numeric_strings_are_never_counts(make: Callable[[str], object]) -> None:
    with pytest.raises(sr.InvalidTypeError, match="measure column 'leads' must be numeric"):
        sr.rollup(make("leads"), by="k", currency="USD")
    with pytest.raises(sr.InvalidTypeError, match="measure column 'leads' must be numeric"):
        sr.rollup(make("leads"), by="k", currency="USD", measures={"leads": "purchases"})
    # under a name that is not quite a measure's, the text used to vanish: a report of zeros
    with pytest.raises(sr.UnknownNameError, match=r"'Leads' \(did you mean 'leads'\?\)"):
        sr.rollup(make("Leads"), by="k", currency="USD")


@pytest.mark.parametrize("name", ENGINES)
def test_text_named_like_a_measure_is_not_left_out(name: str) -> None:
    """A text column 'Clicks' (a CSV read without conversion) used to vanish."""
    columns = {"k": np.array(["a", "b"]), "Clicks": np.array(["3", "4"]), "leads": [1, 2]}
    with pytest.raises(sr.UnknownNameError, match=r"'Clicks' \(did you mean 'link_clicks'\?\)"):
        sr.rollup(engine(name, columns), by="k", currency="USD")
    with pytest.raises(sr.InvalidTypeError, match="'Clicks' must be numeric"):
        sr.rollup(
            engine(name, columns), by="k", currency="USD", measures={"Clicks": "link_clicks"}
        )
    rep = sr.rollup(engine(name, columns), by="k", currency="USD", ignore=["Clicks"])
    assert rep.column("leads").tolist() == [1.0, 2.0]


# -- 3. every column has a role ----------------------------------------------------------------


EXPORT = {
    "xyz_campaign_id": np.array([916, 916, 936]),
    "Impressions": np.array([7_350, 17_861, 4_000]),
    "Clicks": np.array([1, 2, 3]),
    "Spent": np.array([1.43, 1.82, 2.0]),
}


@pytest.mark.parametrize("name", ENGINES)
def test_unrecognised_columns_are_named_with_the_fix(name: str) -> None:
    data = engine(name, EXPORT)
    with pytest.raises(sr.UnknownNameError) as caught:
        sr.rollup(data, by="xyz_campaign_id", currency="USD")
    message = str(caught.value)
    assert message.startswith("3 column(s) are neither a measure, a dimension in 'by' nor")
    assert (
        "'Impressions' (did you mean 'impressions'?), 'Clicks' (did you mean 'link_clicks'?), "
        "'Spent' (did you mean 'ad_spend'?)"
    ) in message
    fix = "measures={'Impressions': 'impressions', 'Clicks': 'link_clicks', 'Spent': 'ad_spend'}"
    assert fix in message
    assert "or ignore=['Impressions', 'Clicks', 'Spent'] to leave them out" in message
    mapping = {"Impressions": "impressions", "Clicks": "link_clicks", "Spent": "ad_spend"}
    rep = sr.rollup(data, by="xyz_campaign_id", currency="USD", measures=mapping)
    assert rep.keys == ((916,), (936,))  # integer ids stay ints
    assert rep.column("impressions").tolist() == [25_211.0, 4_000.0]
    assert rep.column("link_clicks").tolist() == [3.0, 3.0]
    np.testing.assert_allclose(rep.column("ad_spend"), [3.25, 2.0], rtol=1e-15)


@pytest.mark.parametrize("name", ENGINES)
def test_ignore_leaves_columns_out_on_purpose(name: str) -> None:
    columns = {"k": np.array(["a", "a"]), "ad_id": [7, 8], "leads": [1, 2], "revenue": [5, 6]}
    with pytest.raises(
        sr.UnknownNameError, match=r"^1 column\(s\) .*: 'ad_id' \(no close measure\); pass "
    ) as caught:
        sr.rollup(engine(name, columns), by="k", currency="USD")
    assert str(caught.value).endswith("pass ignore=['ad_id'] to leave them out on purpose")
    rep = sr.rollup(engine(name, columns), by="k", currency="USD", ignore="ad_id")
    assert rep.column("leads").tolist() == [3.0]
    # a measure named in ignore is left out too: on purpose
    rep = sr.rollup(engine(name, columns), by="k", currency="USD", ignore=["ad_id", "revenue"])
    assert rep.column("revenue").tolist() == [0.0] and rep.column("leads").tolist() == [3.0]
    with pytest.raises(sr.UnknownNameError, match=r"'ignore' names columns that are not in the"):
        sr.rollup(engine(name, columns), by="k", currency="USD", ignore=["ad_id", "adid"])
    with pytest.raises(sr.UnknownNameError, match=r"no measure column in the data"):
        sr.rollup(
            engine(name, columns), by="k", currency="USD", ignore=["ad_id", "leads", "revenue"]
        )


# (column name, what the message says about it): the table of names, then close matches
SUGGESTIONS = [
    ("Impressions", "did you mean 'impressions'?"),
    ("LINK CLICKS", "did you mean 'link_clicks'?"),
    ("Amount spent (USD)", "did you mean 'ad_spend'?"),
    ("clicks", "did you mean 'link_clicks'?"),
    ("link_click", "did you mean 'link_clicks'?"),
    ("Outbound clicks", "did you mean 'link_clicks'?"),
    ("spent", "did you mean 'ad_spend'?"),
    ("Spend", "did you mean 'ad_spend'?"),
    ("cost", "did you mean 'ad_spend'?"),
    ("Ad cost", "did you mean 'ad_spend'?"),
    ("Impr.", "did you mean 'impressions'?"),
    ("Video views", "did you mean 'video_views'?"),
    ("video_plays", "did you mean 'video_views'?"),
    ("ThruPlays", "did you mean 'completed_video_views'?"),
    ("Installs", "did you mean 'app_installs'?"),
    ("Landing page views", "did you mean 'page_views'?"),
    ("pageviews", "did you mean 'page_views'?"),
    ("Reactions", "did you mean 'likes'?"),
    ("Post reactions", "did you mean 'likes'?"),
    ("New followers", "did you mean 'follows'?"),
    ("followers_gained", "did you mean 'follows'?"),
    ("Reposts", "did you mean 'shares'?"),
    ("retweets", "did you mean 'shares'?"),
    ("Adds to cart", "did you mean 'add_to_cart'?"),
    ("initiated_checkouts", "did you mean 'checkouts'?"),
    ("Checkouts initiated", "did you mean 'checkouts'?"),
    ("Orders", "did you mean 'purchases'?"),
    ("Signups", "did you mean 'sign_ups'?"),
    ("Sign-ups", "did you mean 'sign_ups'?"),
    ("Complete registration", "did you mean 'registrations'?"),
    ("Conversion value", "did you mean 'revenue'?"),
    ("purchase_value", "did you mean 'revenue'?"),
    ("Purchases conversion value", "did you mean 'revenue'?"),
    ("People reached", "did you mean 'reach'?"),
    ("Lead", "did you mean 'leads'?"),  # a close match
    ("demo_request", "did you mean 'demo_requests'?"),
    ("Total_Conversion", "a count of conversions: map it to the action it counts"),
    ("Approved_Conversion", "a count of conversions"),
    ("Conversions", "did you mean 'conversions'?"),
    ("conversion", "a count of conversions"),
    ("Total conversions", "a count of conversions"),
    ("Results", "a count of conversions"),
    ("Sales", "a count of sales is 'purchases', their money is 'revenue'"),
    ("Followers", "did you mean 'followers'?"),
    ("CTR", "a metric: socialroi reads metrics from the sums, so leave it out"),
    ("cpm", "a metric"),
    ("Cost per result", "a metric"),
    ("investment", "derived from measures such as 'tooling', 'content', 'salaries': give"),
    ("Engagements", "derived from measures such as 'likes', 'comments', 'shares': give"),
    ("age", "no close measure"),
]


@pytest.mark.parametrize(("column", "said"), SUGGESTIONS)
def test_suggestions(column: str, said: str) -> None:
    data = {"k": np.array(["a", "b"]), column: [1, 2], "leads": [3, 4]}
    with pytest.raises(sr.UnknownNameError) as caught:
        sr.rollup(data, by="k", currency="USD")
    assert f"{column!r} ({said}" in str(caught.value)
    measure = said.removeprefix("did you mean '").removesuffix("'?")
    if said.startswith("did you mean"):
        assert f"measures={ {column: measure}!r}" in str(caught.value)
        assert f"or ignore={[column]!r}" in str(caught.value)
    else:
        assert str(caught.value).endswith(f"pass ignore={[column]!r} to leave them out on purpose")


@pytest.mark.parametrize("name", ENGINES)
def test_columns_that_cannot_be_summed_are_labels(name: str) -> None:
    """Text, booleans and dates that are not dimensions are the labels of dimensions not
    asked for: left out, as documented. Named like a measure, they are refused."""
    columns = {
        "k": np.array(["a", "b", "a"]),
        "mode": np.array(["paid", "paid", "organic"]),
        "flag": np.array([True, False, True]),
        "date": np.array(["2026-01-01", "2026-01-02", "2026-01-03"], dtype="M8[ns]"),
        "leads": [1, 2, 3],
    }
    rep = sr.rollup(engine(name, columns), by="k", currency="USD")
    assert rep.keys == (("a",), ("b",)) and rep.column("leads").tolist() == [4.0, 2.0]
    with pytest.raises(sr.UnknownNameError, match=r"'Sales' \(a count of sales"):
        sr.rollup(engine(name, {**columns, "Sales": np.array(["x"] * 3)}), by="k", currency="USD")
    with pytest.raises(sr.UnknownNameError, match=r"'Purchases' \(did you mean 'purchases'\?\)"):
        sr.rollup(
            engine(name, {**columns, "Purchases": np.array(["x"] * 3)}), by="k", currency="USD"
        )


ROLES = [
    (
        {"by": ("k", "n"), "measures": {"n": "purchases"}},
        "column 'n' is both a dimension in 'by' and mapped by 'measures'",
    ),
    ({"by": ("k",), "ignore": ["k"]}, "column 'k' is both a dimension in 'by' and in 'ignore'"),
    (
        {"by": ("k",), "measures": {"n": "leads"}, "ignore": ["n"]},
        "column 'n' is both mapped by 'measures' and in 'ignore'",
    ),
    ({"by": ("k", "leads")}, "column 'leads' is a measure, so it cannot be a dimension"),
    ({"by": ("k", "k")}, r"'by' names a column more than once: \('k', 'k'\)"),
    (
        {"by": ("k",), "measures": {"n": "leads"}},
        "'measures' maps 'n' to 'leads', but the data has a 'leads' column too",
    ),
    (
        {"by": ("k",), "measures": {"n": "purchases", "m": "purchases"}},
        "'measures' maps both 'n' and 'm' to 'purchases'",
    ),
]


@pytest.mark.parametrize("name", ["numpy", "pandas", "polars"])
@pytest.mark.parametrize(("options", "message"), ROLES)
def test_a_column_has_one_role(name: str, options: dict[str, Any], message: str) -> None:
    columns = {"k": np.array(["a", "b"]), "n": [1, 2], "m": [3, 4], "leads": [5, 6]}
    with pytest.raises(sr.InvalidValueError, match=message):
        sr.rollup(engine(name, columns), currency="USD", **options)


@pytest.mark.parametrize("name", ["pandas", "polars", "duckdb"])
def test_the_period_column_has_one_role(name: str) -> None:
    columns = {
        "k": np.array(["a", "b"]),
        "date": np.array(["2026-01-05", "2026-02-05"], dtype="M8[ns]"),
        "leads": [1, 2],
    }
    with pytest.raises(sr.InvalidValueError, match="'date' is both a dimension in 'by' and the"):
        sr.rollup(engine(name, columns), by="date", currency="USD", period=("date", "month"))
    with pytest.raises(sr.InvalidValueError, match="the data has a 'period' column already"):
        sr.rollup(
            engine(name, {**columns, "period": np.array(["q1", "q2"])}),
            by="k",
            currency="USD",
            period=("date", "month"),
        )
    with pytest.raises(sr.InvalidTypeError, match="date column 'k' must hold dates, not String"):
        sr.rollup(engine(name, columns), by=(), currency="USD", period=("k", "month"))
    with pytest.raises(sr.UnknownNameError, match="'period' names 'day', which is not a column"):
        sr.rollup(engine(name, columns), by=(), currency="USD", period=("day", "month"))
    # a date column named 'period' may be bucketed in place
    renamed = {"period": columns["date"], "leads": columns["leads"]}
    rep = sr.rollup(engine(name, renamed), by=(), currency="USD", period=("period", "year"))
    assert rep.keys == (("2026-01-01",),) and rep.column("leads").tolist() == [3.0]


# -- 4. the total of nothing -------------------------------------------------------------------


@pytest.mark.parametrize("name", ENGINES)
def test_the_total_of_no_rows_is_one_row_of_zeros(name: str) -> None:
    columns = {"channel": np.array([], dtype=str), "leads": np.array([], dtype=np.int64)}
    rep = sr.rollup(engine(name, columns), by=(), currency="USD")
    assert rep.keys == ((),) and rep.column("leads").tolist() == [0.0]
    assert rep.total.measures == sr.Measures.empty("USD")
    assert len(sr.rollup(engine(name, columns), by="channel", currency="USD")) == 0


# -- labels: dates, missing labels, floats -----------------------------------------------------


@pytest.mark.parametrize("name", ENGINES)
def test_datetimes_label_their_groups_apart(name: str) -> None:
    """Two times of one day were two groups with the same label on the frame path."""
    columns = {
        "t": np.array(["2026-01-05T10:00", "2026-01-05T11:30", "2026-01-06"], dtype="M8[ns]"),
        "leads": [1, 2, 4],
    }
    rep = sr.rollup(engine(name, columns), by="t", currency="USD")
    assert len(set(rep.keys)) == 3 and rep.column("leads").tolist() == [1.0, 2.0, 4.0]
    assert rep.keys[2] == ("2026-01-06",)  # midnight: the day, like a period start
    assert str(rep.keys[0][0]).startswith("2026-01-05T10:00")


def test_a_nanosecond_past_midnight_is_not_midnight() -> None:
    times = pd.to_datetime(["2026-01-06", "2026-01-06T00:00:00.000000005"], format="ISO8601")
    rep = sr.rollup(pd.DataFrame({"t": times, "leads": [1, 2]}), by="t", currency="USD")
    assert rep.keys == (("2026-01-06",), ("2026-01-06T00:00:00.000000005",))


@pytest.mark.parametrize("name", ["polars", "polars-lazy", "duckdb"])
def test_labels_of_every_kind_on_frames(name: str) -> None:
    """Strings, categories, enums, booleans, integers of any width, dates and datetimes are
    labels on every engine, as on the numpy path."""
    frame = pl.DataFrame(
        {
            "s": ["b", "a"],
            "c": pl.Series(["y", "x"], dtype=pl.Categorical),
            "e": pl.Series(["q", "p"], dtype=pl.Enum(["p", "q"])),
            "b": [True, False],
            "i": pl.Series([-3, 4], dtype=pl.Int8),
            "u": pl.Series([2**64 - 1, 0], dtype=pl.UInt64),
            "d": [dt.date(2026, 1, 6), dt.date(2026, 1, 5)],
            "t": [dt.datetime(2026, 1, 6, 9), dt.datetime(2026, 1, 5)],
            "leads": [1, 2],
        }
    )
    data: object = frame
    if name == "polars-lazy":
        data = frame.lazy()
    if name == "duckdb":
        data = duckdb.from_arrow(frame.to_arrow())
    by = ("s", "c", "e", "b", "i", "u", "d", "t")
    rep = sr.rollup(data, by=by, currency="USD")
    assert rep.keys == (
        ("a", "x", "p", "False", 4, 0, "2026-01-05", "2026-01-05"),
        ("b", "y", "q", "True", -3, 2**64 - 1, "2026-01-06", "2026-01-06T09:00:00"),
    )
    assert rep.column("leads").tolist() == [2.0, 1.0]


def test_aggregated_labels_become_codes_of_their_sorted_order() -> None:
    """The labels of an engine's aggregated table: strings the engine sorted are their own
    codes; unsorted or repeated ones (periods folded) are numbered in sorted order; a
    missing label among strings is refused, not numbered."""
    from socialroi._reports.rollup import _frame_codes

    codes, labels = _frame_codes("k", np.array(["a", "b", "c"], dtype=object))
    assert (codes.tolist(), labels.tolist()) == ([0, 1, 2], ["a", "b", "c"])
    codes, labels = _frame_codes("k", np.array(["b", "a", "b"], dtype=object))
    assert (codes.tolist(), labels.tolist()) == ([1, 0, 1], ["a", "b"])
    codes, labels = _frame_codes("k", np.array(["a", "a", "b"], dtype=object))
    assert (codes.tolist(), labels.tolist()) == ([0, 0, 1], ["a", "b"])
    with pytest.raises(sr.InvalidValueError, match="'k' has missing labels in 1 group"):
        _frame_codes("k", np.array(["a", None], dtype=object))


@pytest.mark.parametrize(
    "labels",
    [
        np.array(["2026-01-05", "NaT"], dtype="M8[s]"),
        np.array(["a", pd.NA], dtype=object),
        np.array(["a", pd.NaT], dtype=object),
        [*np.array([1, 2], dtype="m8[s]").astype(object).tolist(), None],
    ],
    ids=["NaT", "pd.NA", "pd.NaT", "None"],
)
def test_missing_labels_are_refused_on_the_numpy_path(labels: Any) -> None:
    size = len(labels)
    with pytest.raises(sr.InvalidValueError, match=r"'k' has 1 missing label\(s\)"):
        sr.rollup({"k": labels, "leads": np.ones(size)}, by="k", currency="USD")


@pytest.mark.parametrize("name", ["pandas", "polars", "pyarrow", "duckdb", "dask"])
def test_frames_refuse_what_arrays_refuse_as_labels(name: str) -> None:
    floats = {"k": np.array([0.5, 1.5]), "leads": [1, 2]}
    with pytest.raises(sr.InvalidTypeError, match="dimension column 'k' holds floats"):
        sr.rollup(engine(name, floats), by="k", currency="USD")


def test_python_objects_are_not_labels_of_frames() -> None:
    frame = pd.DataFrame({"k": [{"a": 1}, "b"], "leads": [1, 2]})
    with pytest.raises(sr.InvalidTypeError, match="'k' holds values of type Object"):
        sr.rollup(frame, by="k", currency="USD")


def test_duplicate_frame_columns_are_refused() -> None:
    frame = pd.DataFrame([[1, 2]], columns=["leads", "leads"])
    with pytest.raises(sr.InvalidValueError, match="'data' has columns of the same name"):
        sr.rollup(frame, by=(), currency="USD")


@pytest.mark.parametrize("name", ENGINES)
def test_sums_beyond_float64_are_named(name: str) -> None:
    columns = {"k": np.array(["a", "a"]), "leads": np.array([1e308, 1e308])}
    with pytest.raises(
        sr.InvalidValueError, match="the sums of measure column 'leads' exceed the largest"
    ):
        sr.rollup(engine(name, columns), by="k", currency="USD")


# -- 5. junk arguments -------------------------------------------------------------------------


BAD_ARGUMENTS: list[tuple[dict[str, Any], type[Exception], str]] = [
    ({"by": None}, sr.InvalidTypeError, "'by' must be a column name or a list"),
    ({"by": [1]}, sr.InvalidTypeError, "'by' must be"),
    ({"by": b"k"}, sr.InvalidTypeError, "'by' must be"),
    ({"by": b""}, sr.InvalidTypeError, "'by' must be"),
    ({"by": {"k"}}, sr.InvalidTypeError, "'by' must be"),
    ({"by": 10**5000}, sr.InvalidTypeError, "'by' must be a column name .*: <int>$"),
    ({"measures": "abc"}, sr.InvalidTypeError, "'measures' must map column names"),
    ({"measures": {"a": 3}}, sr.InvalidTypeError, "'measures' must map"),
    ({"measures": {3: "leads"}}, sr.InvalidTypeError, "'measures' must map"),
    ({"measures": {"leads": "sale"}}, sr.UnknownNameError, "did you mean 'sales'|not a measure"),
    ({"currency": None}, sr.InvalidTypeError, "'currency'"),
    ({"period": "month"}, sr.InvalidValueError, "'period' must be"),
    ({"period": ("date", "fortnight")}, sr.InvalidValueError, "'period' must be"),
    ({"period": ("date", 3)}, sr.InvalidValueError, "'period' must be"),
    ({"period": ["date", "month"]}, sr.InvalidValueError, "'period' must be"),
    ({"ignore": 5}, sr.InvalidTypeError, "'ignore' must be"),
    ({"ignore": [None]}, sr.InvalidTypeError, "'ignore' must be"),
    ({"zero_division": 10**400}, sr.InvalidValueError, "'zero_division' .* beyond float64"),
    ({"zero_division": 10**5000}, sr.InvalidValueError, "<int> is beyond float64"),
    ({"zero_division": "nan"}, sr.InvalidValueError, "'zero_division'"),
    ({"data": None}, sr.InvalidTypeError, "'data' must be"),
    ({"data": 5}, sr.InvalidTypeError, r"'data' must be .* DuckDB, Dask, PySpark...\): int$"),
    ({"data": "abc"}, sr.InvalidTypeError, "'data' must be"),
    ({"data": np.ones((2, 2))}, sr.InvalidTypeError, "'data' must be"),
    (
        {"data": {"k": np.array(["a", "b"]), "leads": [1, 2], "x": [1]}},
        sr.InvalidValueError,
        r"columns have different lengths: \[1, 2\]",
    ),
    (
        {"data": {"k": np.array(["a", "b"]), "leads": [1, 2], "n": "ab"}},
        sr.InvalidValueError,
        r"column 'n' must be one-dimensional, one value per row: \(\)",
    ),
    (
        {"data": {"k": np.array(["a", "b"]), "leads": [1, 2], "n": [[1], [2, 3]]}},
        sr.InvalidValueError,
        "column 'n' must be a one-dimensional array: list",
    ),
    (
        {"data": {"k": np.array(["a", "b"]), "leads": np.ones((2, 2))}},
        sr.InvalidValueError,
        "'leads' must be one-dimensional",
    ),
    (
        {"data": {"k": np.array([["a", "b"]]), "leads": np.ones(2)}},
        sr.InvalidValueError,
        "column 'k' must be one-dimensional",
    ),
    (
        {"data": {"k": ["a", None], "leads": [1, 2]}},
        sr.InvalidValueError,
        r"'k' has 1 missing label",
    ),
    ({"data": {"k": np.array(["a"]), "leads": [-1]}}, sr.InvalidValueError, "1 negative"),
    ({"data": {"k": np.array(["a"]), "leads": [np.nan]}}, sr.InvalidValueError, "1 NaN"),
    (
        {"data": {"k": np.array(["a", "b"]), "leads": [np.nan, np.inf]}},
        sr.InvalidValueError,
        "'leads' has 1 NaN, 1 infinite and 0 negative row",
    ),
    (
        {"data": {"k": np.array(["a", "b", "c"]), "leads": [0, np.nan, -1]}},
        sr.InvalidValueError,
        "'leads' has 1 NaN, 0 infinite and 1 negative row",
    ),
    ({"data": {"k": np.array(["a"]), "leads": [np.inf]}}, sr.InvalidValueError, "1 infinite"),
    (
        {"data": {"k": np.array(["a"]), "leads": np.array([1e400], np.longdouble)}},
        sr.InvalidValueError,
        "1 infinite",
    ),
    ({"data": {"k": np.array(["a"]), "leads": [2**64]}}, sr.InvalidTypeError, "not object"),
    (
        {"data": {"k": np.array(["a"]), "n": ["3"]}, "measures": {"n": "leads"}},
        sr.InvalidTypeError,
        "measure column 'n' must be numeric, not <U1; convert it first",
    ),
]


@pytest.mark.parametrize(("change", "error", "message"), BAD_ARGUMENTS)
def test_bad_arguments_raise_the_family(
    change: dict[str, Any], error: type[Exception], message: str
) -> None:
    arguments: dict[str, Any] = {
        "data": {"k": np.array(["a", "b"]), "leads": [1.0, 2.0]},
        "by": "k",
        "currency": "USD",
    }
    arguments.update(change)
    if "period" in change:
        arguments["data"] = pd.DataFrame(arguments["data"])
    with pytest.raises(error, match=message):
        sr.rollup(**arguments)


NAMES = st.sampled_from(["k", "leads", "impressions", "reach", "Clicks", "x", "date", "period"])
VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**70), 2**70),
    st.floats(),
    st.text(max_size=3),
    st.sampled_from([dt.datetime(2026, 1, 5, 10), dt.date(2026, 1, 5), pd.NA, b"x", math.nan]),
)
JUNK = st.one_of(
    VALUES,
    st.lists(VALUES, max_size=3),
    st.lists(NAMES, max_size=3),
    st.tuples(NAMES, st.sampled_from(["day", "month", "fortnight", "k"])),
    st.dictionaries(NAMES, st.one_of(NAMES, VALUES), max_size=2),
    st.sampled_from(
        [
            np.ones((2, 2)),
            np.array(5),
            {"leads": "ad_spend"},
            {"x": "leads"},
            {"Clicks": "link_clicks"},
            "raise",
            10**400,
            -math.inf,
            object(),
            frozenset({"k"}),
        ]
    ),
)


def mostly(good: st.SearchStrategy[Any], junk: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """Mostly ``good``: junk in one argument at a time reaches the later checks."""
    return st.integers(0, 9).flatmap(lambda i: junk if i == 0 else good)


def column(size: int) -> st.SearchStrategy[Any]:
    """A column of ``size`` rows, mostly, of good or junk values; or junk of another shape."""
    kinds = st.sampled_from(["int64", "uint8", "float64", "float32", "bool", "U3", "M8[ns]"])
    typed = kinds.flatmap(
        lambda kind: st.lists(st.integers(0, 99), min_size=size, max_size=size).map(
            lambda v: np.array(v).astype(kind)
        )
    )
    return mostly(
        st.one_of(typed, st.lists(st.integers(0, 10**6), min_size=size, max_size=size)),
        st.one_of(st.lists(VALUES, min_size=size, max_size=size), JUNK),
    )


@st.composite
def tables(draw: st.DrawFn) -> dict[str, Any]:
    """Labels ``k``, a measure and dates, and a few columns of any name and content."""
    size = draw(st.integers(0, 4))
    rows = st.lists(st.integers(0, 9), min_size=size, max_size=size)
    table: dict[str, Any] = {
        "k": np.array(draw(st.lists(st.sampled_from("ab"), min_size=size, max_size=size))),
        "leads": np.array(draw(rows)),
        "date": np.array(draw(rows), dtype="M8[D]"),
    }
    for name in draw(st.lists(NAMES, max_size=2, unique=True)):
        table[name] = draw(column(size))
    return table


def rollup_or_family(data: object, arguments: dict[str, Any]) -> None:
    try:
        rep = sr.rollup(data, **arguments)
    except sr.SocialROIError:
        return
    assert isinstance(rep, sr.Report)
    for values in rep.data.values():
        assert np.isfinite(values).all() and (values >= 0).all()


def arguments(periods: list[Any]) -> st.SearchStrategy[dict[str, Any]]:
    """Each argument good or junk, so that junk reaches every check."""
    return st.fixed_dictionaries(
        {
            "by": mostly(st.sampled_from([(), "k", ["date"], ("k", "x")]), JUNK),
            "currency": mostly(st.just("USD"), JUNK),
            "measures": mostly(st.sampled_from([None, {"x": "impressions"}]), JUNK),
            "period": mostly(st.sampled_from(periods), JUNK),
            "ignore": mostly(st.sampled_from([(), ["x"], "Clicks"]), JUNK),
            "zero_division": mostly(st.sampled_from([math.nan, 0.0, "raise"]), JUNK),
        }
    )


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(data=mostly(tables(), JUNK), options=arguments([None]))
def test_junk_on_the_numpy_path_gets_the_family(data: Any, options: dict[str, Any]) -> None:
    rollup_or_family(data, options)


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(data=tables(), options=arguments([None, ("date", "month")]))
def test_junk_in_a_pandas_frame_gets_the_family(
    data: dict[str, Any], options: dict[str, Any]
) -> None:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # pandas' own opinions about the junk it is given
            frame = pd.DataFrame(data)
    except (ValueError, TypeError):  # not a table: pandas says so itself
        reject()
    rollup_or_family(frame, options)


# -- Spark, where it runs -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    pytest.importorskip("pyspark")
    if shutil.which("java") is None:
        pytest.skip("Spark needs Java 17+")
    from pyspark.sql import SparkSession

    session = (
        SparkSession.builder.master("local[1]")
        .appName("socialroi-inputs")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .getOrCreate()
    )
    yield session
    session.stop()


def test_spark_sums_in_float64_and_names_columns(spark: Any) -> None:
    frame = spark.createDataFrame(
        [("a", 2**62, 2**31 - 1, "1")] * 3, "k string, impressions long, leads int, Clicks string"
    )
    rep = sr.rollup(frame, by="k", currency="USD", ignore=["Clicks"])
    assert rep.column("impressions").tolist() == [3.0 * 2**62]
    assert rep.column("leads").tolist() == [3.0 * (2**31 - 1)]
    with pytest.raises(sr.UnknownNameError, match=r"'Clicks' \(did you mean 'link_clicks'\?\)"):
        sr.rollup(frame, by="k", currency="USD")
    with pytest.raises(sr.InvalidTypeError, match="'Clicks' must be numeric"):
        sr.rollup(frame, by="k", currency="USD", measures={"Clicks": "link_clicks"})
    empty = frame.limit(0)
    assert sr.rollup(empty, by=(), currency="USD", ignore=["Clicks"]).column("leads").tolist() == [
        0.0
    ]
    assert len(sr.rollup(empty, by="k", currency="USD", ignore=["Clicks"])) == 0


# -- the sums loop and what it says about bad rows ---------------------------------------------


def test_block_boundaries_do_not_change_the_sums() -> None:
    """Blocks of 48 rows (8 x 6 groups) over 50 rows: a partial last block, a group whose
    rows (all zero) are all in the first block, an absent code, and unsigned first codes;
    the sums are pandas' group sums."""
    from socialroi._reports import rollup as module

    rng = np.random.default_rng(5)
    k = rng.choice(np.array([0, 2], dtype=np.uint64), 50)
    j = rng.integers(0, 2, 50).astype(np.int8)
    k[:3], j[:3], k[3:], j[3:] = 0, 0, 2, j[3:] | 1  # (0, 0): rows 0-2 only; k = 1 absent
    k[40:], j[40:] = 2, 0
    leads = rng.integers(1, 9, 50).astype(np.float64)
    leads[:3] = 0
    data = {"k": k, "j": j, "leads": leads}
    expected = pd.DataFrame(data).groupby(["k", "j"])["leads"].sum()
    with mock.patch.object(module, "_BLOCK", 1):
        rep = sr.rollup(data, by=("k", "j"), currency="USD")
    assert rep.keys == tuple((int(a), int(b)) for a, b in expected.index)
    assert rep.column("leads").tolist() == expected.tolist()
    assert rep.keys[0] == (0, 0) and rep.column("leads")[0] == 0.0


def test_a_block_holds_at_least_16_rows_per_group() -> None:
    """A block's bincount costs O(groups), so a block has max(_BLOCK, 16 x groups) rows: 96
    for 6 groups, the last block partial; each block's codes are its rows' group codes."""
    from socialroi._reports import rollup as module

    k = np.arange(100) % 3
    j = (np.arange(100) // 3) % 2
    groups = module._group_codes([(k, ["a", "b", "c"]), (j, ["x", "y"])], 100)
    with mock.patch.object(module, "_BLOCK", 1):
        blocks = [(rows.start, rows.stop, code.tolist()) for rows, code in groups.blocks()]
    assert [(a, b) for a, b, _ in blocks] == [(0, 96), (96, 100)]
    assert [c for *_, codes in blocks for c in codes] == (k * 2 + j).tolist()
    with mock.patch.object(module, "_BLOCK", 128):
        assert [(r.start, r.stop) for r, _ in groups.blocks()] == [(0, 100)]


def test_blocks_of_one_dimensions_own_codes_cover_every_row_once() -> None:
    """One dimension whose codes are intp (string labels, factorised) is read block by block
    without a copy: 200 rows of 6 groups in blocks of 96, 96 and 8 rows, each block its own
    rows' codes, and the roll-up's sums are a plain group-by's."""
    from socialroi._reports import rollup as module

    labels = np.array(list("abcdef"))[np.arange(200) * 7 % 6]
    leads = np.arange(200, dtype=np.float64)
    code = np.searchsorted(np.array(list("abcdef")), labels).astype(np.intp)
    groups = module._group_codes([(code, list("abcdef"))], 200)
    with mock.patch.object(module, "_BLOCK", 1):
        blocks = [(rows.start, rows.stop, c) for rows, c in groups.blocks()]
        rep = sr.rollup({"k": labels, "leads": leads}, by="k", currency="USD")
    assert [(a, b) for a, b, _ in blocks] == [(0, 96), (96, 192), (192, 200)]
    assert np.concatenate([c for *_, c in blocks]).tolist() == code.tolist()
    expected = pd.Series(leads).groupby(labels).sum()
    assert rep.column("leads").tolist() == expected.tolist()


def test_the_mixed_radix_space_holds_up_to_4_rows_plus_1024_combinations() -> None:
    from socialroi._reports.rollup import _group_codes

    one = np.zeros(1, dtype=np.intp)
    fits = _group_codes([(one, ["x"] * 4), (one, ["y"] * 257)], 1)  # 1,028 = 4 x 1 + 1,024
    assert fits.combos is None and fits.n_groups == 1_028
    beyond = _group_codes([(one, ["x"] * 3), (one, ["y"] * 343)], 1)  # 1,029: sorted
    assert beyond.combos is not None and beyond.combos.tolist() == [[0, 0]]
    assert beyond.n_groups == 1


def test_the_fix_for_columns_without_a_role_in_full() -> None:
    data = {
        "campaign": np.array(["a", "b"]),
        "Clicks": [3, 4],
        "ad_id": [7, 8],
        "Spent": [1.5, 2.0],
        "leads": [1, 0],
    }
    with pytest.raises(sr.UnknownNameError) as caught:
        sr.rollup(data, by="campaign", currency="USD")
    assert str(caught.value) == (
        "3 column(s) are neither a measure, a dimension in 'by' nor the period's date column, "
        "so they would be left out of the sums: 'Clicks' (did you mean 'link_clicks'?), "
        "'ad_id' (no close measure), 'Spent' (did you mean 'ad_spend'?); pass "
        "measures={'Clicks': 'link_clicks', 'Spent': 'ad_spend'} to sum them as those "
        "measures, and ignore=['ad_id'] to leave the others out on purpose"
    )


@pytest.mark.parametrize("name", ENGINES[1:])
def test_bad_rows_are_counted_on_frames(name: str) -> None:
    def fails(values: list[float | None], message: str) -> None:
        columns = {"k": np.array(["a", "a", "b"]), "leads": np.array(values, dtype=object)}
        frame = engine(name, {**columns, "leads": pd.array(values, dtype="Float64")})
        if name != "pandas":  # nulls as nulls, NaN as NaN, in every engine but pandas
            frame = engine(name, columns | {"leads": np.array(values, dtype=np.float64)})
        with pytest.raises(sr.InvalidValueError, match=message):
            sr.rollup(frame, by="k", currency="USD")

    fails([0.0, 0.5, -2.0], r"'leads' has 0 missing \(null or NaN\) and 1 negative row\(s\)")
    nan_and_inf = (
        r"1 missing \(null or NaN\) and 0 negative"
        if name in ("pandas", "dask")  # they read NaN as missing
        else r"'leads' has 1 NaN and 1 infinite row\(s\); measures must be finite and >= 0$"
    )
    fails([math.nan, math.inf, 1.0], nan_and_inf)


def test_columns_of_nulls_are_counted() -> None:
    frame = duckdb.sql(
        "select k, leads::double as leads from (values ('a', null), ('b', null)) t(k, leads)"
    )
    with pytest.raises(sr.InvalidValueError, match=r"2 missing \(null or NaN\) and 0 negative"):
        sr.rollup(frame, by="k", currency="USD")


def test_sums_of_blocks_beyond_float64_are_named() -> None:
    """Each block of 8 rows sums to 1e308; the two blocks together are beyond float64."""
    from socialroi._reports import rollup as module

    leads = np.zeros(16)
    leads[[0, 8]] = 1e308
    with (
        mock.patch.object(module, "_BLOCK", 1),
        pytest.raises(sr.InvalidValueError, match="the sums of measure column 'leads' exceed"),
    ):
        sr.rollup({"leads": leads}, by=(), currency="USD")


def test_long_doubles_and_narrow_types_are_summed_as_float64() -> None:
    data = {
        "k": np.array(["a", "a"]),
        "leads": np.array([1.5, 2.25], dtype=np.longdouble),
        "views": np.array([250, 250], dtype=np.uint8),
        "likes": np.array([1.5, 2.5], dtype=np.float16),
    }
    rep = sr.rollup(data, by="k", currency="USD")
    assert [rep.column(m).tolist() for m in ("leads", "views", "likes")] == [
        [3.75],
        [500.0],
        [4.0],
    ]
    assert all(rep.data[m].dtype == np.float64 for m in ("leads", "views", "likes"))


def test_combinations_of_mixed_integer_codes_are_sorted_as_codes() -> None:
    """int8 and uint64 codes have no common integer type: stacked as they are, they would
    become floats; the combinations (beyond the mixed-radix space) are found as codes."""
    data = {
        "a": np.array([100, 3, 100], dtype=np.int8),
        "b": np.array([1_000, 7, 1_000], dtype=np.uint64),
        "leads": [1, 2, 4],
    }
    rep = sr.rollup(data, by=("a", "b"), currency="USD")
    assert rep.keys == ((3, 7), (100, 1000))  # sorted as numbers
    assert rep.column("leads").tolist() == [2.0, 5.0]


def test_without_narwhals_frames_name_the_package_to_install() -> None:
    import sys

    with (
        mock.patch.dict(sys.modules, {"narwhals.stable.v2": None}),
        pytest.raises(sr.MissingDependencyError, match="data frames need narwhals: pip install"),
    ):
        sr.rollup(pd.DataFrame({"leads": [1.0]}), by=(), currency="USD")


@pytest.mark.parametrize("backend", ["numpy", "pandas", "polars"])
def test_paid_return_beyond_float64_is_named_not_warned(backend: str) -> None:
    """Revenue and value are finite on their own; a paid row's sum of both overflows: the
    error names the paid return and the fix, and no numpy warning escapes (on every path)."""
    columns = {
        "channel": ["a", "b"],
        "mode": ["paid", "organic"],
        "revenue": [1e308, 1.0],
        "value_leads": [1e308, 0.0],
    }
    data: object
    if backend == "numpy":
        data = {k: np.array(v) for k, v in columns.items()}
    elif backend == "pandas":
        data = pd.DataFrame(columns)
    else:
        data = pl.DataFrame(columns)
    with pytest.raises(sr.InvalidValueError, match=r"the return of paid rows .* larger units"):
        sr.rollup(data, by="channel", currency="USD")


@pytest.mark.parametrize("backend", ["numpy", "pandas", "polars"])
def test_a_groups_return_beyond_float64_is_named_not_warned(backend: str) -> None:
    """Revenue and a value sum to beyond float64 in group 'a' (no mode column): the error
    names the return and the fix, and no numpy warning escapes (pytest turns one into an
    error)."""
    columns = {"channel": ["a", "a", "b"], "revenue": [1e308, 1.0, 1.0]}
    columns["value_leads"] = [1e308, 0.0, 1.0]
    data: object = {k: np.array(v) for k, v in columns.items()}
    if backend == "pandas":
        data = pd.DataFrame(columns)
    elif backend == "polars":
        data = pl.DataFrame(columns)
    with pytest.raises(
        sr.InvalidValueError,
        match=r"the return \(revenue plus value_\* columns\) of 1 group\(s\) exceeds the "
        r"largest float64 \(1.8e\+308\); express money in larger units",
    ):
        sr.rollup(data, by="channel", currency="USD")
