"""Meta's action lists on lazy frames (polars lazy, DuckDB): read in the engine, by the same
rule as on eager frames, with the same result (a property over random lists), the same
errors, and a lazy frame back."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import duckdb
import pandas as pd
import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_sources import DATA, collect

import socialroi as sr


def polars_lazy(rows: Any) -> Any:
    return pl.DataFrame(rows).lazy()


def duckdb_relation(rows: Any) -> Any:
    return duckdb.from_df(pd.DataFrame(rows))


LAZY: dict[str, Callable[[Any], Any]] = {"polars-lazy": polars_lazy, "duckdb": duckdb_relation}


def by_row(out: dict[str, list[Any]], columns: list[str]) -> list[tuple[Any, ...]]:
    return sorted(zip(*(out[c] for c in columns), strict=True))


@pytest.mark.parametrize("engine", list(LAZY))
def test_the_api_fixture_on_a_lazy_engine_gives_the_eager_result(engine: str) -> None:
    """tests/data/sources/meta_api.json, as in test_meta_marketing_api_actions_follow_the_rule:
    omni_purchase is the total (6), else the parts add (7 + 2), inline_link_clicks wins."""
    rows = json.loads((DATA / "meta_api.json").read_text())
    native = LAZY[engine](rows)
    out = sr.sources.meta_api(native)
    assert type(out) is type(native)  # lazy where the input is lazy
    got = collect(out)
    columns = ["campaign", "purchases", "revenue", "leads", "page_views", "link_clicks"]
    assert by_row(got, columns) == [
        ("Brand", 0.0, 0.0, 0.0, 0.0, 60.0),
        ("Spring sale", 6.0, 540.0, 0.0, 180.0, 240.0),
        ("Spring sale", 9.0, 765.0, 3.0, 0.0, 150.0),
    ]
    assert "post_engagement" not in got and "__row" not in got
    assert sorted(got) == sorted(collect(sr.sources.meta_api(pd.DataFrame(rows))))


TYPES = [
    "omni_purchase",
    "purchase",
    "offsite_conversion.fb_pixel_purchase",
    "onsite_web_purchase",
    "lead",
    "offsite_conversion.fb_pixel_lead",
    "link_click",
    "post_engagement",
    "offsite_conversion.custom.42",
]


@st.composite
def insights(draw: st.DrawFn) -> list[dict[str, Any]]:
    n = draw(st.integers(1, 8))
    rows = []
    for i in range(n):
        types = draw(st.lists(st.sampled_from(TYPES), unique=True, max_size=5))
        value = st.integers(0, 50).map(str)
        rows.append(
            {
                "date_start": "2026-03-0" + str(1 + i % 3),
                "campaign_name": draw(st.sampled_from(["a", "b"])),
                "account_currency": "USD",
                "spend": "1.5",
                "actions": [{"action_type": t, "value": draw(value)} for t in types],
                "action_values": [
                    {"action_type": t, "value": draw(value)} for t in types if "purchase" in t
                ],
            }
        )
    return rows


@settings(max_examples=15, deadline=None)
@given(rows=insights(), unknown=st.sampled_from(["keep", "drop"]))
def test_lazy_engines_give_the_eager_result_on_random_lists(
    rows: list[dict[str, Any]], unknown: str
) -> None:
    want = collect(sr.sources.meta_api(pd.DataFrame(rows), unknown=unknown))  # type: ignore[arg-type]
    columns = sorted(want)
    for engine, make in LAZY.items():
        got = collect(sr.sources.meta_api(make(rows), unknown=unknown))  # type: ignore[arg-type]
        assert sorted(got) == columns, engine
        assert by_row(got, columns) == by_row(want, columns), engine


def one_row(**changes: Any) -> list[dict[str, Any]]:
    row = {
        "date_start": "2026-03-01",
        "campaign_name": "a",
        "account_currency": "USD",
        "spend": "10",
        "actions": [{"action_type": "purchase", "value": "3"}],
    }
    return [{**row, **changes}]


@pytest.mark.parametrize("engine", list(LAZY))
def test_the_lazy_errors_are_the_eager_ones(engine: str) -> None:
    make = LAZY[engine]
    stranger = one_row(actions=[{"action_type": "offsite_conversion.custom.7", "value": "2"}])
    with pytest.raises(sr.UnknownNameError, match=r"'actions' holds action types .*custom\.7"):
        sr.sources.meta_api(make(stranger))
    kept = collect(sr.sources.meta_api(make(stranger), unknown="keep"))
    assert kept["meta_offsite_conversion_custom_7"] == [2.0]
    dropped = collect(sr.sources.meta_api(make(stranger), unknown="drop"))
    assert not any(c.startswith("meta_") for c in dropped)
    twice = one_row(actions=[{"action_type": "purchase", "value": "1"}] * 2)
    with pytest.raises(sr.InvalidValueError, match=r"'actions' holds an action type twice"):
        sr.sources.meta_api(make(twice))
    bad = one_row(actions=[{"action_type": "purchase", "value": "many"}])
    with pytest.raises(sr.InvalidValueError, match=r"'actions'.*not numbers, such as 'many'"):
        sr.sources.meta_api(make(bad))


@pytest.mark.parametrize("engine", list(LAZY))
def test_a_stranger_kept_from_both_lists_gets_two_columns(engine: str) -> None:
    rows = one_row(
        actions=[{"action_type": "offsite_conversion.custom.7", "value": "2"}],
        action_values=[{"action_type": "offsite_conversion.custom.7", "value": "30"}],
    )
    got = collect(sr.sources.meta_api(LAZY[engine](rows), unknown="keep"))
    want = collect(sr.sources.meta_api(pd.DataFrame(rows), unknown="keep"))
    assert got["meta_offsite_conversion_custom_7"] == want["meta_offsite_conversion_custom_7"]
    assert got["meta_value_offsite_conversion_custom_7"] == [30.0]
    assert want["meta_value_offsite_conversion_custom_7"] == [30.0]


def test_identical_rows_keep_their_totals() -> None:
    """Rows alike in every column but their lists: which gets which cannot change a total."""
    rows = one_row() + one_row(actions=[{"action_type": "omni_purchase", "value": "5"}])
    got = collect(sr.sources.meta_api(pl.DataFrame(rows).lazy()))
    assert (
        sorted(got["purchases"]) == [3.0, 5.0]
        and len(got["spend"] if "spend" in got else got["ad_spend"]) == 2
    )


def test_lists_of_the_wrong_type_are_named() -> None:
    frame = pl.DataFrame(one_row()).lazy().with_columns(pl.col("actions").cast(pl.String))
    with pytest.raises(sr.InvalidTypeError, match=r"'actions' holds lists of actions, which"):
        sr.sources.meta_api(frame)
    fields = pl.DataFrame(
        {
            "date_start": ["2026-03-01"],
            "spend": ["1"],
            "account_currency": ["USD"],
            "campaign_name": ["a"],
            "actions": [[{"type": "purchase", "count": "1"}]],
        }
    ).lazy()
    with pytest.raises(sr.InvalidTypeError, match=r"list of structs \{action_type, value\}"):
        sr.sources.meta_api(fields)


def test_lists_alone_are_refused() -> None:
    frame = pl.DataFrame({"actions": [[{"action_type": "purchase", "value": "1"}]]}).lazy()
    with pytest.raises(sr.InvalidValueError, match=r"hold only action lists \(\[.actions.\]\)"):
        sr.sources.meta_api(frame)


def test_values_typed_as_numbers_are_read_as_they_are() -> None:
    rows = one_row(actions=[{"action_type": "purchase", "value": 3.5}])
    assert collect(sr.sources.meta_api(pl.DataFrame(rows).lazy()))["purchases"] == [3.5]
