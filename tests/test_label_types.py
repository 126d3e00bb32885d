"""Keys keep their type and natural order (issue 17): integer ids come back as ints and sort
as numbers, on the object path and on every roll-up engine."""

from __future__ import annotations

import numpy as np
import pandas as pd
import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st
from kag import by_campaign

import socialroi as sr

SPEND = sr.Measures.of("USD", ad_spend=10, impressions=1_000)


def test_integer_campaigns_are_accepted_and_sort_as_numbers() -> None:
    acts = [sr.Activity("fb", "paid", SPEND, campaign=c) for c in (1178, 916, 936)]
    rep = sr.report(acts, by="campaign")
    assert rep.keys == ((916,), (936,), (1178,))  # on main: refused; as text '1178' < '916'
    assert rep.column("campaign").dtype == np.int64
    assert rep.column("campaign").tolist() == [916, 936, 1178]
    assert [r["campaign"] for r in rep.to_records()] == [916, 936, 1178]
    assert dict(rep.row(916).key) == {"campaign": 916}
    assert rep.row("916") == rep.row(916)  # digits typed from a printed table name it too


def test_labels_are_checked() -> None:
    assert sr.Activity("fb", "paid", SPEND, campaign=np.int64(7)).campaign == 7
    assert type(sr.Activity("fb", "paid", SPEND, campaign=np.int64(7)).campaign) is int
    for bad in (True, 1.5, None):
        with pytest.raises(sr.InvalidValueError, match="'campaign' must be a non-empty string"):
            sr.Activity("fb", "paid", SPEND, campaign=bad)
    with pytest.raises(sr.InvalidValueError, match=r"'dims\['age'\]' must be a string label"):
        sr.Activity("fb", "paid", SPEND, dims={"age": False})
    assert sr.Activity("fb", "paid", SPEND, dims={"interest": 16}).dimension("interest") == 16
    with pytest.raises(sr.InvalidTypeError, match="string or integer labels"):
        sr.Report(("k",), ((True,),), {}, "USD")
    with pytest.raises(sr.InvalidTypeError, match="not a boolean"):
        sr.report([sr.Activity("fb", "paid", SPEND)], by=()).row(True)


def test_a_dimension_mixing_ids_and_names_puts_ids_first() -> None:
    acts = [sr.Activity("fb", "paid", SPEND, campaign=c) for c in ("spring", 20, 3, "all")]
    rep = sr.report(acts, by="campaign")
    assert rep.keys == ((3,), (20,), ("all",), ("spring",))
    assert rep.column("campaign").dtype == object
    merged = rep + sr.report([sr.Activity("fb", "paid", SPEND, campaign=100)], by="campaign")
    assert merged.keys == ((3,), (20,), (100,), ("all",), ("spring",))


@given(st.lists(st.integers(-(2**40), 2**40), min_size=1, max_size=12))
def test_any_integer_ids_sort_numerically(ids: list[int]) -> None:
    rep = sr.report([sr.Activity("fb", "paid", SPEND, campaign=i) for i in ids], by="campaign")
    assert [key[0] for key in rep.keys] == sorted(set(ids))


DATA = {
    "campaign": np.array([1178, 916, 936, 916, 1178]),
    "impressions": np.array([100.0, 10.0, 20.0, 5.0, 1.0]),
}


@pytest.mark.parametrize("engine", ["numpy", "pandas", "polars"])
def test_rollups_keep_integer_ids(engine: str) -> None:
    data: object = {
        "numpy": DATA,
        "pandas": pd.DataFrame(DATA),
        "polars": pl.DataFrame(DATA),
    }[engine]
    rep = sr.rollup(data, by="campaign", currency="USD")
    assert rep.keys == ((916,), (936,), (1178,))
    assert rep.column("impressions").tolist() == [15.0, 20.0, 101.0]
    assert rep.to_pandas()["campaign"].dtype == np.int64
    assert rep.to_polars()["campaign"].dtype == pl.Int64
    acts = [
        sr.Activity("all", "paid", sr.Measures.of("USD", impressions=i), campaign=int(c))
        for c, i in zip(DATA["campaign"], DATA["impressions"], strict=True)
    ]
    assert sr.report(acts, by="campaign").keys == rep.keys  # the object path agrees


def test_the_facebook_export_keeps_its_campaign_ids() -> None:
    rep = by_campaign()
    assert rep.keys == ((916,), (936,), (1178,))  # on main: ('1178',), ('916',), ('936',)
    assert round(rep.row(916).cpa, 2) == 6.24
    assert rep.row(1178)["purchases"] == 872.0 and rep.row("1178") == rep.row(1178)


def test_ids_beyond_int64_stay_python_ints() -> None:
    frame = pl.DataFrame({"id": pl.Series([2**64 - 1, 5], dtype=pl.UInt64), "leads": [1, 2]})
    rep = sr.rollup(frame, by="id", currency="USD")
    assert rep.keys == ((5,), (2**64 - 1,))
    assert rep.column("id").dtype == object and rep.column("id").tolist() == [5, 2**64 - 1]


@pytest.mark.parametrize("engine", ["pandas", "polars"])
@pytest.mark.parametrize("period", ["week", "month", "quarter"])
def test_ids_stay_ints_beside_a_period(engine: str, period: str) -> None:
    data = {
        "campaign": np.array([1178, 916, 916]),
        "date": np.array(["2026-01-05", "2026-01-06", "2026-02-03"], dtype="M8[D]"),
        "impressions": np.array([1.0, 2.0, 3.0]),
    }
    frame = pd.DataFrame(data) if engine == "pandas" else pl.DataFrame(data)
    rep = sr.rollup(frame, by="campaign", period=("date", period), currency="USD")
    assert rep.keys[0][0] == 916 and rep.keys[-1][0] == 1178
    assert all(isinstance(key[1], str) for key in rep.keys)  # periods label as their start


def test_small_integer_codes_label_as_python_ints() -> None:
    """Codes 0 to n - 1 are their own labels (an int64 array inside the roll-up, code 1 an
    empty group, dropped); read, each label is a Python int."""
    data = {"campaign": np.array([2, 0, 2]), "leads": np.array([1.0, 2.0, 3.0])}
    rep = sr.rollup(data, by="campaign", currency="USD")
    assert rep.keys == ((0,), (2,)) and [type(k[0]) for k in rep.keys] == [int, int]
    column = rep.keys.column(0)  # type: ignore[attr-defined]
    assert column.dtype == object and [type(v) for v in column] == [int, int]
    assert rep.column("campaign").dtype == np.int64 and rep.column("campaign").tolist() == [0, 2]
    assert rep.column("leads").tolist() == [2.0, 4.0]
