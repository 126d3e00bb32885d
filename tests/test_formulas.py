"""Reference values, properties and bad input for the public formulas.

Sources of the reference values:
- ROI, profit: Oktopost (shared/seeds), (45,000 - 20,000) / 20,000 = 1.25.
- ROAS: Google Ads Help, "Return on ad spend (ROAS)": conversion value / cost, e.g. 5,000 of
  sales on 1,000 of ad spend is a ROAS of 500% (5.0).
- CPM: Meta Business Help Center, "CPM (cost per 1,000 impressions)": amount spent /
  impressions x 1,000; e.g. 100 spent for 50,000 impressions is a CPM of 2.00.
- CPC: Meta Business Help Center, "CPC (cost per link click)": amount spent / link clicks;
  Google Ads Help, "Average cost-per-click": 2 clicks costing 0.20 and 0.40 average 0.30.
- CPA: Google Ads Help, "Cost per conversion": cost / conversions; 10 conversions for 100 is 10.
- CTR: Google Ads Help, "Clickthrough rate (CTR)": 5 clicks on 1,000 impressions is 0.5%.
- Engagement rate: LinkedIn page analytics, (clicks + likes + comments + shares + follows)
  / impressions.
- Conversion rate: Google Ads Help, "Conversion rate": 50 conversions from 1,000
  interactions is 5%.
- Frequency: Meta Business Help Center, "Frequency": impressions / reach.
"""

from __future__ import annotations

import inspect
import math
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import socialroi as sr

RATIOS: dict[str, Callable[..., Any]] = {
    "roi": sr.roi,
    "roas": sr.roas,
    "cpm": sr.cpm,
    "cpc": sr.cpc,
    "cpa": sr.cpa,
    "cost_per": sr.cost_per,
    "ctr": sr.ctr,
    "engagement_rate": sr.engagement_rate,
    "conversion_rate": sr.conversion_rate,
    "frequency": sr.frequency,
}
ALL: dict[str, Callable[..., Any]] = {**RATIOS, "profit": sr.profit}


@pytest.mark.parametrize(
    ("formula", "args", "expected"),
    [
        (sr.roi, (45_000, 20_000), 1.25),
        (sr.roi, (0, 500), -1.0),
        (sr.roas, (5_000, 1_000), 5.0),
        (sr.profit, (45_000, 20_000), 25_000.0),
        (sr.profit, (100, 20_000), -19_900.0),
        (sr.cpm, (100, 50_000), 2.0),
        (sr.cpc, (0.60, 2), 0.30),
        (sr.cpa, (100, 10), 10.0),
        (sr.cost_per, (20_000, 25), 800.0),
        (sr.ctr, (5, 1_000), 0.005),
        (sr.engagement_rate, (10 + 20 + 5 + 3 + 2, 2_000), 0.02),
        (sr.conversion_rate, (50, 1_000), 0.05),
        (sr.frequency, (30_000, 12_000), 2.5),
    ],
)
def test_reference_values(
    formula: Callable[..., float], args: tuple[float, ...], expected: float
) -> None:
    result = formula(*args)
    assert type(result) is float
    assert result == pytest.approx(expected, rel=1e-12)


@pytest.mark.parametrize("name", sorted(RATIOS))
def test_zero_denominator_follows_the_policy(name: str) -> None:
    formula = RATIOS[name]
    assert math.isnan(formula(7, 0))
    assert formula(7, 0, zero_division=0.0) == 0.0
    assert formula(7, 0, zero_division=math.inf) == math.inf
    with pytest.raises(sr.UndefinedRatioError, match="is 0 in 1 place"):
        formula(7, 0, zero_division="raise")
    out = formula([7, 8], [0, 2], zero_division=-1.0)
    assert out[0] == -1.0
    assert out[1] > 0


@pytest.mark.parametrize("name", sorted(RATIOS))
def test_zero_division_option_is_checked(name: str) -> None:
    with pytest.raises(sr.InvalidValueError, match="zero_division"):
        RATIOS[name](1, 0, zero_division="warn")


def test_array_in_array_out_with_broadcasting() -> None:
    out = sr.cpm(np.array([[10.0], [20.0]]), [1_000, 2_000, 4_000])
    assert isinstance(out, np.ndarray)
    assert out.shape == (2, 3)
    assert out.dtype == np.float64
    np.testing.assert_allclose(out, [[10.0, 5.0, 2.5], [20.0, 10.0, 5.0]])


def test_numpy_scalars_give_floats_and_0d_arrays_give_arrays() -> None:
    assert type(sr.ctr(np.int64(5), np.float32(1_000))) is float
    assert isinstance(sr.ctr(np.array(5), 1_000), np.ndarray)


@pytest.mark.parametrize("name", sorted(ALL))
@pytest.mark.parametrize(
    ("bad", "error", "message"),
    [
        (-1, sr.InvalidValueError, "must be >= 0"),
        (math.nan, sr.InvalidValueError, "must be finite"),
        (math.inf, sr.InvalidValueError, "must be finite"),
        ([1, -2], sr.InvalidValueError, "1 value"),
        ("12", sr.InvalidTypeError, "must be a number"),
        (True, sr.InvalidTypeError, "must be a number"),
        ([[1, 2], [3]], sr.InvalidTypeError, "must be a number"),
        (1 + 2j, sr.InvalidTypeError, "must be a number"),
    ],
)
def test_bad_input_names_the_argument(
    name: str, bad: object, error: type[Exception], message: str
) -> None:
    formula = ALL[name]
    with pytest.raises(error, match=message) as first:
        formula(bad, 10)
    with pytest.raises(error, match=message) as second:
        formula(10, bad)
    assert str(first.value) != str(second.value)  # each names its own argument


@pytest.mark.parametrize("name", sorted(ALL))
def test_shapes_that_do_not_broadcast(name: str) -> None:
    with pytest.raises(sr.ShapeMismatchError, match=r"\(2,\).*\(3,\)"):
        ALL[name]([1, 2], [1, 2, 3])


counts = st.integers(0, 10**12).map(float)
arrays = st.lists(counts, min_size=1, max_size=20)


@pytest.mark.parametrize("name", sorted(ALL))
@given(data=st.data())
def test_scalar_and_array_calls_agree(name: str, data: st.DataObject) -> None:
    n = data.draw(st.integers(1, 10))
    a = data.draw(st.lists(counts, min_size=n, max_size=n))
    b = data.draw(st.lists(counts, min_size=n, max_size=n))
    formula = ALL[name]
    vector = formula(a, b)
    scalars = [formula(x, y) for x, y in zip(a, b, strict=True)]
    np.testing.assert_array_equal(vector, np.array(scalars))


@given(counts, st.integers(1, 10**12).map(float), st.integers(1, 1000))
def test_roi_is_unchanged_when_return_and_investment_scale_together(
    ret: float, inv: float, k: int
) -> None:
    assert sr.roi(ret * k, inv * k) == pytest.approx(sr.roi(ret, inv), rel=1e-12, abs=1e-12)


@given(counts, counts, st.integers(1, 10**12).map(float))
def test_roi_is_increasing_in_return(r1: float, r2: float, inv: float) -> None:
    low, high = sorted((r1, r2))
    assert sr.roi(low, inv) <= sr.roi(high, inv)
    if low < high:
        assert sr.roi(low, inv) < sr.roi(high, inv) or high - low < inv * 1e-15


@given(counts, st.integers(1, 10**12).map(float))
def test_roi_roas_profit_are_consistent(ret: float, inv: float) -> None:
    """ROI = ROAS - 1 when all investment is spend; profit = ROI x investment."""
    assert sr.roi(ret, inv) == pytest.approx(sr.roas(ret, inv) - 1, rel=1e-9, abs=1e-9)
    assert sr.profit(ret, inv) == pytest.approx(sr.roi(ret, inv) * inv, rel=1e-9, abs=1e-3)


@given(counts, st.integers(1, 10**12).map(float))
def test_cpm_is_a_thousand_costs_per_impression(spend: float, impressions: float) -> None:
    assert sr.cpm(spend, impressions) == pytest.approx(
        1000 * sr.cost_per(spend, impressions), rel=1e-12
    )


def _names(formula: Callable[..., Any]) -> tuple[str, str]:
    first, second = list(inspect.signature(formula).parameters)[:2]
    return first, second


@pytest.mark.parametrize("name", sorted(ALL))
def test_errors_name_each_argument_exactly(name: str) -> None:
    """Each message starts with the argument's own name, as the signature spells it."""
    formula = ALL[name]
    first, second = _names(formula)
    with pytest.raises(sr.InvalidValueError, match=rf"^'{first}' must be >= 0"):
        formula(-1, 10)
    with pytest.raises(sr.InvalidValueError, match=rf"^'{second}' must be >= 0"):
        formula(10, -1)
    with pytest.raises(sr.InvalidTypeError, match=rf"^'{second}' must be a number"):
        formula(10, "x")
    with pytest.raises(sr.ShapeMismatchError, match=rf"{first}\(2,\), {second}\(3,\)"):
        formula([1, 2], [1, 2, 3])


@pytest.mark.parametrize("name", sorted(RATIOS))
def test_raise_names_the_denominator_and_keeps_float_arrays(name: str) -> None:
    formula = RATIOS[name]
    _, denominator = _names(formula)
    with pytest.raises(sr.UndefinedRatioError, match=rf"^'{denominator}' is 0 in 2 place"):
        formula([1, 2, 3], [0, 0, 1], zero_division="raise")
    out = formula([1, 2], [4, 8], zero_division="raise")
    assert (
        isinstance(out, np.ndarray)
        and out.dtype == np.float64
        and out.tolist()
        == [
            pytest.approx(formula(1, 4)),
            pytest.approx(formula(2, 8)),
        ]
    )
    assert type(formula(1, 4, zero_division="raise")) is float


@pytest.mark.parametrize("name", sorted(ALL))
def test_result_types_follow_the_inputs(name: str) -> None:
    """Plain numbers give a float; any array-like gives a float64 array of the broadcast shape."""
    formula = ALL[name]
    assert type(formula(3, 4)) is float
    assert type(formula(np.float32(3), 4)) is float
    for args in (([3, 5], 4), (3, [4, 5]), (np.array([3.0, 5.0]), np.array([4.0, 5.0]))):
        out = formula(*args)
        assert isinstance(out, np.ndarray) and out.dtype == np.float64 and out.shape == (2,)
    assert formula(np.array(3.0), 4).shape == ()


def test_roi_and_profit_of_huge_finite_numbers_need_no_warning() -> None:
    assert sr.profit(1.7e308, 0.0) == 1.7e308 and sr.profit(0.0, 1.7e308) == -1.7e308
    assert sr.roi(1.7e308, 1e-300) == math.inf  # an overflow to infinity is a result
    assert sr.roi(0.0, 1.7e308) == -1.0


# -- the fast path for two plain numbers ---------------------------------------------------

PLAIN = st.one_of(
    st.integers(-5, 10**6),
    st.sampled_from([0, 0.0, 10**400, -(10**400), 2**1023 * 3, 1e308]),
    st.floats(allow_nan=True, allow_infinity=True),
)
OPTIONS = st.sampled_from([math.nan, 0.0, -1.5, "raise", "zero", True, 10**400])
TWO_NUMBER_FORMULAS: dict[str, Callable[..., Any]] = {
    **RATIOS,
    "growth": sr.growth,
    "profit": sr.profit,
}


def outcome(fn: Callable[[], object]) -> tuple[str, object]:
    """What a call gives: ('value', float, NaN as a string) or ('error', type and message)."""
    try:
        value = fn()
    except sr.SocialROIError as error:
        return "error", (type(error), str(error))
    assert type(value) is float
    return "value", "nan" if math.isnan(value) else value


@given(st.sampled_from(sorted(TWO_NUMBER_FORMULAS)), PLAIN, PLAIN, OPTIONS)
def test_plain_numbers_give_what_the_array_path_gives(
    name: str, a: float, b: float, option: object
) -> None:
    """Two plain numbers skip numpy; the value, or the error with its message, is that of
    the array path (forced here by turning the fast path off) for every input."""
    from unittest import mock

    from socialroi._metrics import arrays, formulas

    fn = TWO_NUMBER_FORMULAS[name]
    kwargs = {} if name == "profit" else {"zero_division": option}
    fast = outcome(lambda: fn(a, b, **kwargs))
    with (
        mock.patch.object(arrays, "plain_number", return_value=None),
        mock.patch.object(formulas, "plain_number", return_value=None),
        mock.patch.object(arrays, "as_float_array", wraps=arrays.as_float_array) as shared,
        mock.patch.object(formulas, "as_float_array", wraps=arrays.as_float_array) as own,
    ):
        slow = outcome(lambda: fn(a, b, **kwargs))
    assert shared.called or own.called  # the slow path did run
    assert fast == slow


def test_two_valid_plain_numbers_never_reach_numpy() -> None:
    from unittest import mock

    from socialroi._metrics import arrays, formulas

    with (
        mock.patch.object(arrays, "as_float_array", side_effect=AssertionError),
        mock.patch.object(formulas, "as_float_array", side_effect=AssertionError),
    ):
        assert sr.roi(45_000, 20_000) == 1.25 and sr.growth(16_000, 10_000) == 0.6
        assert sr.profit(45_000, 20_000) == 25_000.0 and sr.cpm(100, 50_000) == 2.0
        assert sr.ctr(5, 1_000) == 0.005 and math.isnan(sr.roi(3, 0))
        assert sr.roi(3, 0, zero_division=0) == 0.0
        with pytest.raises(sr.UndefinedRatioError, match=r"'investment' is 0 in 1 place"):
            sr.roi(3, 0, zero_division="raise")


def test_the_fast_path_takes_only_plain_numbers() -> None:
    from socialroi._metrics.arrays import plain_number

    assert plain_number(3) == 3.0 and type(plain_number(3)) is float
    assert plain_number(0) == 0.0 and plain_number(2.5) == 2.5
    for other in (True, np.float64(2.0), np.int64(2), -1, -0.5, math.nan, math.inf, 10**400):
        assert plain_number(other) is None, other


def test_array_overflow_to_infinity_is_a_result_not_a_warning() -> None:
    """A scaled numerator (CPM's x 1,000) or a quotient beyond float64 is inf, silently: the
    inputs were valid (pytest turns any numpy warning into an error)."""
    assert np.asarray(sr.cpm(np.array([1e308]), np.array([1.0]))).tolist() == [math.inf]
    assert np.asarray(sr.roas(np.array([1e308]), np.array([1e-308]))).tolist() == [math.inf]
    assert sr.cpm(1e308, 1.0) == math.inf and sr.roas(1e308, 1e-308) == math.inf


def test_growth_and_mean_duration_reference_values_and_errors() -> None:
    """Growth: (current - previous) / previous (Oktopost: up 60% year over year); mean
    duration: seconds / count (watch time per view). Errors name their own argument."""
    assert sr.growth(16_000, 10_000) == 0.6 and sr.growth(5_000, 10_000) == -0.5
    out = sr.growth(np.array([9_900.0, 80.0]), np.array([9_000.0, 0.0]))
    assert isinstance(out, np.ndarray) and out[0] == pytest.approx(0.1) and math.isnan(out[1])
    assert isinstance(sr.growth(5, np.array([10.0])), np.ndarray)
    assert sr.mean_duration(120, 4) == 30.0 and math.isnan(sr.mean_duration(120, 0))
    assert sr.mean_duration(120, 0, zero_division=0) == 0.0
    assert np.asarray(sr.mean_duration(np.array([90.0]), np.array([3.0]))).tolist() == [30.0]
    for fn, first, second in (
        (sr.growth, "current", "previous"),
        (sr.mean_duration, "seconds", "count"),
    ):
        for args in ((-1, 5), (np.array([-1.0]), np.array([5.0]))):
            with pytest.raises(sr.InvalidValueError, match=rf"^'{first}' must be >= 0"):
                fn(*args)
        for args in ((5, -1), (np.array([5.0]), np.array([-1.0]))):
            with pytest.raises(sr.InvalidValueError, match=rf"^'{second}' must be >= 0"):
                fn(*args)
        for args in ((5, 0), (np.array([5.0]), np.array([0.0]))):
            with pytest.raises(sr.UndefinedRatioError, match=rf"^'{second}' is 0 in 1 place"):
                fn(*args, zero_division="raise")
        with pytest.raises(sr.ShapeMismatchError, match=rf"{first}\(2,\), {second}\(3,\)"):
            fn(np.ones(2), np.ones(3))
