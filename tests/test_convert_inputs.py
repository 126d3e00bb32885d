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
