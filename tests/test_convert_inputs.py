"""sr.convert's inputs at their edges: a row without a currency is named as such, with
fixed and with daily rates, on every engine's way of writing a missing value."""

from __future__ import annotations

import pandas as pd
import polars as pl
import pytest

import socialroi as sr

MESSAGE = r"^'data' has 1 row\(s\) without a currency in column 'currency'; fill it$"


def test_a_row_without_its_currency_is_named_with_fixed_rates() -> None:
    data = pd.DataFrame({"currency": ["USD", None, " usd "], "ad_spend": [1.0, 2.0, 3.0]})
    for native in (data, pl.from_pandas(data), pl.from_pandas(data).lazy()):
        with pytest.raises(sr.InvalidValueError, match=MESSAGE):
            sr.convert(native, {"USD": 0.9}, to="EUR")
    out = sr.convert(data.dropna(), {"USD": 0.9}, to="EUR")  # codes are stripped, upper-cased
    assert out["ad_spend"].tolist() == pytest.approx([0.9, 2.7])


def test_a_row_without_its_currency_is_named_with_daily_rates() -> None:
    data = pd.DataFrame(
        {"date": ["2026-03-01"] * 2, "currency": ["USD", None], "ad_spend": [1.0, 2.0]}
    )
    rates = pd.DataFrame({"date": ["2026-03-01"], "currency": ["USD"], "rate": [0.9]})
    for native in (data, pl.from_pandas(data).lazy()):
        with pytest.raises(sr.InvalidValueError, match=MESSAGE):
            sr.convert(native, rates, to="EUR")


DAILY = pd.DataFrame({"date": ["2026-03-01"], "currency": ["USD"], "rate": [0.9]})


@pytest.mark.parametrize("bad", ["2026-02-31", "01/03/2026", "n/a", "2026-13-01"])
def test_dates_that_do_not_parse_are_named_on_every_engine(bad: str) -> None:
    """Text dates are checked in the engine before they are parsed, as the sources check
    theirs: pyarrow would roll 31 February over to 3 March, others raise their own error."""
    import duckdb
    import pyarrow as pa  # type: ignore[import-untyped]

    data = pd.DataFrame(
        {"date": ["2026-03-01", bad], "currency": ["USD", "USD"], "ad_spend": [1.0, 2.0]}
    )
    message = (
        rf"^column 'date' of 'data' holds 1 value\(s\) that are not dates \(days that exist, "
        rf"written '%Y-%m-%d'\), such as '{bad}': fix them, or parse"
    )
    natives = (data, pl.from_pandas(data), pl.from_pandas(data).lazy(), pa.table(data))
    for native in (*natives, duckdb.from_df(data)):
        with pytest.raises(sr.InvalidValueError, match=message):
            sr.convert(native, DAILY, to="EUR")
    ends = data.assign(date=["2026-03-01"] * 2, date_end=["2026-03-01", bad])
    with pytest.raises(sr.InvalidValueError, match=message.replace("'date'", "'date_end'")):
        sr.convert(ends, DAILY, to="EUR")
    rates = pd.DataFrame({"date": ["2026-03-01", bad], "currency": ["USD", "GBP"], "rate": 1.1})
    with pytest.raises(sr.InvalidValueError, match=message.replace("'data'", "'rates'")):
        sr.convert(data.iloc[:1], rates, to="EUR")
    for engine in (pl.from_pandas, pa.table):  # rates in the data's engine are checked there too
        with pytest.raises(sr.InvalidValueError, match=message.replace("'data'", "'rates'")):
            sr.convert(engine(data.iloc[:1]), engine(rates), to="EUR")


def test_a_date_column_of_another_type_is_named_with_its_frame() -> None:
    data = pd.DataFrame({"date": [20260301], "currency": ["USD"], "ad_spend": [1.0]})
    message = (
        r"^date column 'date' of 'data' must hold dates or text like '2026-01-31', not Int64$"
    )
    with pytest.raises(sr.InvalidTypeError, match=message):
        sr.convert(data, DAILY, to="EUR")
    rates = DAILY.assign(date=[20260301])
    with pytest.raises(sr.InvalidTypeError, match=message.replace("'data'", "'rates'")):
        sr.convert(data.assign(date=["2026-03-01"]), rates, to="EUR")
    out = sr.convert(data.assign(date=["2026-3-1"]), DAILY, to="EUR")  # unpadded ISO parses
    assert out["ad_spend"].tolist() == pytest.approx([0.9])
