"""What the formulas accept as numbers (issue 12, "nothing silent"): numbers and arrays of
numbers only. Strings are never counts, even when they look like numbers; missing values and
numbers too large for a float are errors that say so; booleans are not counts."""

from __future__ import annotations

import decimal
import fractions
import math
from typing import Any

import numpy as np
import pandas as pd
import pytest

import socialroi as sr
from socialroi import stats
from socialroi._metrics.arrays import as_float_array, check_zero_division, divide

STRINGS = [  # each is refused, however numpy or pandas holds it
    pd.Series(["50", "60"]),
    pd.Series(["50", "60"], dtype="string"),
    np.array(["50", "60"], dtype=object),
    np.array([50, "60"], dtype=object),
    ["50", "60"],
    [50, "60"],
    "50",
    b"50",
    np.str_("50"),
]


@pytest.mark.parametrize("spend", STRINGS, ids=lambda v: type(v).__name__)
def test_numeric_strings_are_never_counts(spend: Any) -> None:
    with pytest.raises(sr.InvalidTypeError, match="'spend' must be a number"):
        sr.cpm(spend, [10, 20])


@pytest.mark.parametrize(
    "call",
    [
        lambda: sr.ctr(np.array(["5"], dtype=object), [100]),
        lambda: sr.roi(pd.Series(["45000"]), 20_000),
        lambda: sr.profit(np.array(["1"], dtype=object), 1),
        lambda: sr.metric("cpm").compute({"ad_spend": np.array(["5"], dtype=object)}),
        lambda: stats.wilson_interval(np.array(["5"], dtype=object), 10),
    ],
)
def test_strings_raise_in_every_formula_path(call: object) -> None:
    with pytest.raises(sr.InvalidTypeError):
        call()  # type: ignore[operator]


@pytest.mark.parametrize(
    "value", [np.array([True, 2], dtype=object), np.array([1, None], dtype=object)]
)
def test_booleans_and_none_in_object_arrays_are_refused(value: Any) -> None:
    with pytest.raises(sr.SocialROIError, match="'clicks'"):
        sr.ctr(value, [10, 10])


def test_missing_values_are_named_as_such() -> None:
    with pytest.raises(sr.InvalidValueError, match="'clicks' must not have missing values"):
        sr.ctr(np.array([1, None, None], dtype=object), [10, 10, 10])
    # pandas turns a nullable column's missing values into NaN on the way to numpy
    with pytest.raises(sr.InvalidValueError, match="'clicks' must be finite: 1 value"):
        sr.ctr(pd.Series([1, None], dtype="Int64"), [10, 10])


def test_numbers_of_other_python_types_are_numbers() -> None:
    values = np.array([decimal.Decimal("1.5"), fractions.Fraction(1, 2), 3], dtype=object)
    assert as_float_array(values, argument="x").tolist() == [1.5, 0.5, 3.0]
    assert np.asarray(sr.ctr(pd.Series([5, 10], dtype="Int64"), [100, 100])).tolist() == [
        0.05,
        0.1,
    ]


@pytest.mark.parametrize(
    "value",
    [10**400, [1, 10**400], np.array([10**400], dtype=object)],
    ids=["int", "list", "array"],
)
def test_integers_too_large_for_a_float_are_invalid_values(value: Any) -> None:
    with pytest.raises(sr.InvalidValueError, match="'spend' must be finite"):
        sr.cpm(value, 10)


@pytest.mark.parametrize("policy", [10**400, -(10**400)], ids=["big", "-big"])
def test_zero_division_too_large_for_a_float_is_refused(policy: int) -> None:
    with pytest.raises(sr.InvalidValueError, match="'zero_division'"):
        check_zero_division(policy)
    with pytest.raises(sr.InvalidValueError, match="'zero_division'"):
        sr.cpm(1, 0, zero_division=policy)


def test_zero_division_keeps_numbers_nan_and_raise() -> None:
    assert check_zero_division(0) == 0.0
    assert math.isnan(float(check_zero_division(math.nan)))
    assert check_zero_division("raise") == "raise"
    assert check_zero_division(np.float32(2.5)) == 2.5


def test_missing_values_of_every_kind_are_counted() -> None:
    values = np.array([1, None, pd.NA, pd.NaT, 2], dtype=object)
    with pytest.raises(sr.InvalidValueError, match="'x' must not have missing values: 3 found"):
        as_float_array(values, argument="x")
    with pytest.raises(sr.InvalidValueError, match="'x' must not have missing values: 1 found"):
        as_float_array(np.array([pd.NA, 1], dtype=object), argument="x")


def test_object_arrays_keep_their_shape() -> None:
    values = np.array([[1, 2], [3, fractions.Fraction(1, 4)]], dtype=object)
    out = as_float_array(values, argument="x")
    assert out.dtype == np.float64 and out.shape == (2, 2) and out.tolist() == [[1, 2], [3, 0.25]]


def test_huge_integers_keep_their_sign_in_the_message() -> None:
    with pytest.raises(sr.InvalidValueError, match="first inf;"):
        as_float_array(np.array([1, 10**400], dtype=object), argument="x")
    with pytest.raises(sr.InvalidValueError, match="first -inf;"):
        as_float_array(np.array([1, -(10**400)], dtype=object), argument="x", allow_negative=True)


def test_messages_count_and_show_the_first_bad_value() -> None:
    with pytest.raises(
        sr.InvalidValueError, match=r"^'x' must be >= 0: 2 value\(s\) are negative, first -1.0;"
    ):
        as_float_array([0, -1, 5, -3], argument="x")
    with pytest.raises(
        sr.InvalidValueError,
        match=r"^'x' must be finite: 2 value\(s\) are NaN or infinite, first inf;",
    ):
        as_float_array([0, math.inf, 5, math.nan], argument="x")
    assert as_float_array([0, -1.5], argument="x", allow_negative=True).tolist() == [0, -1.5]
    with pytest.raises(sr.InvalidValueError, match="must be finite"):
        as_float_array([-1, math.nan], argument="x", allow_negative=True)
    assert as_float_array([], argument="x").shape == (0,)
    assert as_float_array(np.array([3, 4], dtype=np.int64), argument="x").dtype == np.float64
    assert as_float_array(np.array([3, 4], dtype=np.uint8), argument="x").tolist() == [3, 4]
    with pytest.raises(sr.InvalidTypeError, match="not complex128 values"):
        as_float_array(np.array([1 + 1j]), argument="x")


def test_divide_broadcasts_numerator_and_denominator() -> None:
    out = divide(np.array([1.0, 2.0]), np.array(0.0), denominator_name="d", zero_division=5.0)
    assert out.tolist() == [5.0, 5.0]
    out = divide(np.array(6.0), np.array([2.0, 0.0]), denominator_name="d", zero_division=-1.0)
    assert out.tolist() == [3.0, -1.0]


def test_a_scaled_ratio_may_overflow_to_infinity_without_a_warning() -> None:
    assert sr.cpm(1.7e308, 1.0) == math.inf
    assert sr.cpm(1.7e308, 0.0, zero_division=7.0) == 7.0  # the fill is not scaled


def test_missing_values_are_found_wherever_they_are() -> None:
    for missing in (None, pd.NA, pd.NaT):
        with pytest.raises(sr.InvalidValueError, match="must not have missing values: 1 found"):
            as_float_array(np.array([missing, 1], dtype=object), argument="x")


def test_the_refused_item_and_its_type_are_named() -> None:
    with pytest.raises(sr.InvalidTypeError, match=r"found '50' \(str\); strings are never"):
        as_float_array(np.array([1, "50"], dtype=object), argument="x")
