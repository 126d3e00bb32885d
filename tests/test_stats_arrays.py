"""Statistics on arrays (issue 16): agreement with statsmodels' vectorised functions to 1e-9,
array results equal to the scalar ones element by element, broadcasting, the normal beyond
1e12 trials, bad arrays, the array result types, and scipy loaded only when used.

References: statsmodels' ``proportion_confint``, ``confint_proportions_2indep`` and
``score_test_proportions_2indep`` (with ``correction=False`` it is the pooled two-proportion
z-test) on arrays; scipy.special for the formulas written out here.
"""

from __future__ import annotations

import math
import subprocess
import sys

import attrs
import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from scipy import special  # type: ignore[import-untyped,unused-ignore]
from statsmodels.stats.proportion import (
    confint_proportions_2indep,
    proportion_confint,
    score_test_proportions_2indep,
)

import socialroi as sr
from socialroi import stats

GRID = [(s, n) for n in (1, 2, 5, 10, 37, 100, 1_000, 123_457) for s in {0, 1, n // 3, n - 1, n}]
PAIRS = [(a, b) for a in GRID for b in GRID[::2]]
SA, NA, SB, NB = (np.array([p[i][j] for p in PAIRS], dtype=float) for i in (0, 1) for j in (0, 1))


def _many(*args: object, confidence: float = 0.95) -> stats.RateComparisons:
    c = stats.compare_rates(*args, confidence=confidence)  # type: ignore[call-overload]
    assert isinstance(c, stats.RateComparisons)
    return c


@pytest.mark.parametrize("confidence", [0.5, 0.8, 0.9, 0.95, 0.99, 1 - 1e-9])
def test_compare_rates_on_arrays_agrees_with_statsmodels(confidence: float) -> None:
    alpha = 1 - confidence
    c = _many(SA, NA, SB, NB, confidence=confidence)
    low, high = confint_proportions_2indep(SA, NA, SB, NB, method="newcomb", alpha=alpha)
    np.testing.assert_allclose(c.difference.low, low, rtol=0, atol=1e-9)
    np.testing.assert_allclose(c.difference.high, high, rtol=0, atol=1e-9)
    ratio = confint_proportions_2indep(
        SA, NA, SB, NB, compare="ratio", method="log-adjusted", alpha=alpha
    )
    np.testing.assert_allclose(c.ratio.low, ratio[0], rtol=1e-9)
    np.testing.assert_allclose(c.ratio.high, ratio[1], rtol=1e-9)
    with np.errstate(invalid="ignore"):  # statsmodels divides 0 by 0 where both rates are 0
        z, p = score_test_proportions_2indep(
            SA, NA, SB, NB, correction=False, return_results=False
        )
    np.testing.assert_allclose(c.z, z, rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(c.p_value, p, rtol=1e-8, atol=1e-12)
    undefined = np.isin(SA + SB, [0.0]) | (SA + SB == NA + NB)
    assert np.isnan(c.z[undefined]).all() and np.isnan(c.p_value[undefined]).all()
    assert not np.isnan(c.z[~undefined]).any()
    np.testing.assert_array_equal(c.rate_a, SA / NA)
    np.testing.assert_array_equal(c.difference.value, SA / NA - SB / NB)
    with np.errstate(all="ignore"):
        want = np.where(SB > 0, (SA / NA) / (SB / NB), np.nan)
    np.testing.assert_array_equal(c.ratio.value, want)
    assert c.difference.confidence == c.ratio.confidence == confidence


@pytest.mark.parametrize("confidence", [0.8, 0.95, 1 - 1e-12, 1 - 1e-16])
def test_jeffreys_on_arrays_agrees_with_statsmodels_even_for_tiny_tails(
    confidence: float,
) -> None:
    """The upper bound comes from the upper tail (betainccinv, as beta.isf does): at
    1 - 1e-16, 1 - tail rounds to 1 and the old quantile of it was 0.015 off (0.3 of 37)."""
    s, n = (np.array(x, dtype=float) for x in zip(*GRID, strict=True))
    low, high = stats.jeffreys_interval(s, n, confidence=confidence)
    ref_low, ref_high = proportion_confint(s, n, alpha=1 - confidence, method="jeffreys")
    np.testing.assert_allclose(low, ref_low, rtol=0, atol=1e-9)
    np.testing.assert_allclose(high, ref_high, rtol=0, atol=1e-9)


def test_jeffreys_uses_scipy_up_to_1e12_trials_and_the_normal_beyond() -> None:
    """Exactly at 1e12 trials: scipy's inverse; from the next float on: the normal with the
    posterior's mean and variance, (a + b) taken as n + 1. Bounds below 0 or above 1 are
    clipped (no successes, or all, among 1e13 trials)."""
    tail = (1 - 0.95) / 2  # as jeffreys_interval computes it: 0.025000000000000022
    n = np.array([1e12, 1e12 + 2**-8 * 1e4, 3e13, 1e13, 1e13, 0.0])
    s = np.array([3e11, 3e11, 1e13, 0.0, 1e13, 0.0])
    low, high = (np.asarray(x) for x in stats.jeffreys_interval(s, n))
    a, b = s[0] + 0.5, n[0] - s[0] + 0.5
    assert low[0] == special.betaincinv(a, b, tail) and high[0] == special.betainccinv(a, b, tail)
    q = special.ndtri(tail)
    for i in (1, 2):
        total = n[i] + 1.0
        mean = (s[i] + 0.5) / total
        spread = q * np.sqrt(mean * ((n[i] - s[i] + 0.5) / total) / (total + 1.0))
        assert low[i] == mean + spread and high[i] == min(mean - spread, 1.0)
    for i in (3, 4):  # no successes, or all: the normal reaches beyond [0, 1], clipped there
        total = n[i] + 1.0
        mean = (s[i] + 0.5) / total
        spread = q * np.sqrt(mean * ((n[i] - s[i] + 0.5) / total) / (total + 1.0))
        assert mean + spread < 0.0 if i == 3 else mean - spread > 1.0
        assert (low[i], high[i]) == ((0.0, mean - spread) if i == 3 else (mean + spread, 1.0))
    assert math.isnan(low[5]) and math.isnan(high[5])
    for i in range(5):  # the same numbers one at a time
        assert stats.jeffreys_interval(float(s[i]), float(n[i])) == (low[i], high[i])


COUNTS = st.integers(0, 10**7).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n)))
LEVELS = st.sampled_from([0.5, 0.8, 0.9, 0.95, 0.99, 0.999])


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(COUNTS, COUNTS), min_size=1, max_size=8), LEVELS)
@example(pairs=[((3, 7), (8, 29))], level=0.99)  # ** 2 on one number is pow(): one ulp off
def test_array_results_equal_the_scalar_ones(
    pairs: list[tuple[tuple[int, int], tuple[int, int]]], level: float
) -> None:
    (sa, na), (sb, nb) = (np.array(x, dtype=float).T for x in zip(*pairs, strict=True))
    jeffreys = stats.jeffreys_interval(sa, na, confidence=level)
    if (na == 0).any() or (nb == 0).any():
        with pytest.raises(sr.InvalidValueError, match="'trials_.' must be > 0"):
            stats.compare_rates(sa, na, sb, nb, confidence=level)
        comparison = None
    else:
        comparison = _many(sa, na, sb, nb, confidence=level)
    for i, ((a, n), (b, m)) in enumerate(pairs):
        assert stats.jeffreys_interval(a, n, confidence=level) == (
            jeffreys[0][i],
            jeffreys[1][i],
        ) or (n == 0 and np.isnan(jeffreys[0][i]))
        if comparison is None:
            continue
        one = stats.compare_rates(a, n, b, m, confidence=level)
        got = [
            comparison.rate_a[i],
            comparison.rate_b[i],
            *(getattr(comparison.difference, f)[i] for f in ("value", "low", "high")),
            *(getattr(comparison.ratio, f)[i] for f in ("value", "low", "high")),
            comparison.z[i],
            comparison.p_value[i],
        ]
        want = [one.rate_a, one.rate_b, *attrs.astuple(one.difference)[:3]]
        want += [*attrs.astuple(one.ratio)[:3], one.z, one.p_value]
        np.testing.assert_array_equal(got, want)  # NaN where NaN, else the same float
        assert comparison.significant[i] == one.significant


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(COUNTS, COUNTS), min_size=1, max_size=8), LEVELS, LEVELS)
def test_intervals_hold_the_estimate_and_widen_with_confidence(
    pairs: list[tuple[tuple[int, int], tuple[int, int]]], one: float, other: float
) -> None:
    (sa, na), (sb, nb) = (np.array(x, dtype=float).T for x in zip(*pairs, strict=True))
    na, nb = na + 1, nb + 1  # trials > 0 for the comparison
    lower, higher = sorted((one, other))
    narrow, wide = (_many(sa, na, sb, nb, confidence=c) for c in (lower, higher))
    for c in (narrow, wide):
        d = c.difference
        assert (d.low <= d.value).all() and (d.value <= d.high).all()
        assert (d.low >= -1).all() and (d.high <= 1).all()
        assert (c.ratio.low >= 0).all() and (c.ratio.low <= c.ratio.high).all()
        assert ((c.p_value >= 0) & (c.p_value <= 1) | np.isnan(c.p_value)).all()
    for field in ("difference", "ratio"):
        a, b = getattr(narrow, field), getattr(wide, field)
        assert (b.low <= a.low).all() and (a.high <= b.high).all()  # nested intervals
    assert (wide.significant <= narrow.significant).all()  # significant at 99%: also at 95%
    for interval in (stats.wilson_interval, stats.jeffreys_interval):
        small = interval(sa, na, confidence=lower)
        large = interval(sa, na, confidence=higher)
        assert (large[0] <= small[0]).all() and (small[1] <= large[1]).all()
        rate = sa / na
        inside = (small[0] <= rate) & (rate <= small[1])
        if interval is stats.wilson_interval:
            assert inside.all()
        else:  # the Jeffreys interval holds the rate except at 0 or all successes
            assert inside[(sa > 0) & (sa < na)].all()


def test_compare_rates_broadcasts_like_the_formulas() -> None:
    c = _many([[50], [20]], 1_000, [10, 20, 30], [1_000, 1_000, 2_000])
    assert c.z.shape == c.ratio.low.shape == c.difference.high.shape == (2, 3)
    np.testing.assert_array_equal(c.rate_a, [[0.05] * 3, [0.02] * 3])
    np.testing.assert_array_equal(c.rate_b, [[0.01, 0.02, 0.015]] * 2)
    for i, j in np.ndindex(2, 3):
        one = stats.compare_rates([50, 20][i], 1_000, [10, 20, 30][j], [1_000, 1_000, 2_000][j])
        assert c.significant[i, j] == one.significant and c.p_value[i, j] == one.p_value
    assert c.significant.tolist() == [[True, True, True], [False, False, False]]
    assert c.z[1, 1] == 0.0 and c.p_value[1, 1] == 1.0
    first = stats.compare_rates(50, 1_000, 10, 1_000)
    assert c.difference.low[0, 0] == first.difference.low and c.z[0, 0] == first.z
    empty = _many([], [], 1, 2)
    assert empty.z.shape == (0,) and empty.significant.shape == (0,)
    zero_d = stats.compare_rates(np.array(50), np.array(1_000), np.int64(10), 1_000.0)
    assert isinstance(zero_d, stats.RateComparison) and zero_d == first
    column = _many(np.array([50.0, 10.0]), np.array([1_000, 1_000], dtype=np.uint32), 10, 1_000)
    assert column.ratio.value.tolist() == [5.0, 1.0]


def test_undefined_parts_of_a_comparison_on_arrays() -> None:
    """Ratio: NaN where rate b is 0 (5 / 0 is not inf here). z-test: NaN where the pooled
    rate is 0 or 1 in floats, also where the rates differ in the last bit (2**53) or one of
    them underflows in the pooling."""
    c = _many(
        [5, 0, 2**53, 5e-324],
        [100, 100, 2**53, 1e-300],
        [0, 0, 2**53 - 1, 0],
        [100, 100, 2**53, 1e300],
    )
    assert np.isnan(c.ratio.value[:2]).all() and c.ratio.high[0] > 1
    assert np.isnan(c.z[1:]).all() and np.isnan(c.p_value[1:]).all()
    assert c.z[0] > 0 and 0 < c.p_value[0] < 0.05
    assert c.difference.value[2] == 2.0**-53 and c.difference.value[3] > 0


def test_results_of_arrays_are_arrays_and_of_numbers_floats() -> None:
    c = _many([50, 10], 1_000, 10, 1_000)
    for field in ("rate_a", "rate_b", "z", "p_value"):
        value = getattr(c, field)
        assert isinstance(value, np.ndarray) and value.dtype == np.float64
    for estimate in (c.difference, c.ratio):
        assert isinstance(estimate, stats.Estimates) and estimate.confidence == 0.95
        assert type(estimate.confidence) is float
    assert c.significant.dtype == np.bool_ and c.significant.tolist() == [True, False]
    one = stats.compare_rates(50, 1_000, 10, 1_000)
    assert isinstance(one, stats.RateComparison) and type(one.z) is float


def test_estimates_contain_their_bounds() -> None:
    e = stats.Estimates(
        np.array([0.2, 0.0, 1.0]), np.array([0.1, -1.0, 0.5]), np.array([0.3, 0.0, 2.0]), 0.9
    )
    assert e.contains(0.1).tolist() == [True, False, False]
    assert e.contains(0.0).tolist() == [False, True, False]
    assert e.contains(0.3).tolist() == [True, False, False]
    assert e.contains(-1.0).tolist() == [False, True, False]
    assert e.contains(0.5).tolist() == [False, False, True]
    assert e.contains(2.0).tolist() == [False, False, True]
    nan = stats.Estimates(np.array([np.nan]), np.array([np.nan]), np.array([np.nan]), 0.9)
    assert nan.contains(0.0).tolist() == [False]
    with pytest.raises(sr.InvalidTypeError, match="^'x' must be"):
        e.contains("0.1")  # type: ignore[arg-type]
    with pytest.raises(sr.InvalidValueError, match="^'x' must be finite"):
        e.contains(math.nan)
    ints = stats.Estimates(np.array([1]), np.array([0], dtype=np.uint8), np.array([2]), 0.9)
    assert ints.low.dtype == np.float64 and ints.value.tolist() == [1.0]


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (
            lambda: stats.jeffreys_interval([1, -1], [3, 3]),
            sr.InvalidValueError,
            "'successes' must be >= 0: 1 value",
        ),
        (
            lambda: stats.jeffreys_interval([1, 4], [3, 3]),
            sr.InvalidValueError,
            "'successes' cannot exceed 'trials': 1 value.s. do, first 4.0 > 3.0",
        ),
        (
            lambda: stats.jeffreys_interval([1, 2], [3, math.nan]),
            sr.InvalidValueError,
            "'trials' must be finite",
        ),
        (lambda: stats.jeffreys_interval(["1"], [3]), sr.InvalidTypeError, "'successes'"),
        (
            lambda: stats.jeffreys_interval([1, 2], [3, 4, 5]),
            sr.ShapeMismatchError,
            "successes.2,., trials.3,.",
        ),
        (lambda: _many([1, -2], 5, 1, 5), sr.InvalidValueError, "'successes_a' must be >= 0"),
        (lambda: _many(1, [5, -5], 1, 5), sr.InvalidValueError, "'trials_a' must be >= 0"),
        (
            lambda: _many(1, 5, [1, math.inf], 5),
            sr.InvalidValueError,
            "'successes_b' must be finite",
        ),
        (lambda: _many(1, 5, 1, [5, "5"]), sr.InvalidTypeError, "'trials_b'"),
        (
            lambda: _many([6, 1], 5, 1, 5),
            sr.InvalidValueError,
            "'successes_a' cannot exceed 'trials_a': 1 value",
        ),
        (
            lambda: _many(1, 5, [1, 9, 8], [5, 5, 5]),
            sr.InvalidValueError,
            "'successes_b' cannot exceed 'trials_b': 2 value.s. do, first 9.0 > 5.0",
        ),
        (
            lambda: _many([0, 0, 1], [0, 0, 2], 1, 5),
            sr.InvalidValueError,
            "'trials_a' must be > 0 to compare rates: 2 value.s. are 0; a rate",
        ),
        (
            lambda: _many(1, 5, [0, 1], [0, 2]),
            sr.InvalidValueError,
            "'trials_b' must be > 0 to compare rates: 1 value",
        ),
        (
            lambda: _many([1, 2], 5, [1, 2, 3], 5),
            sr.ShapeMismatchError,
            r"successes_a\(2,\), trials_a\(\), successes_b\(3,\), trials_b\(\)",
        ),
        (lambda: _many([1, 2], 5, 1, 5, confidence=1.5), sr.InvalidValueError, "'confidence'"),
    ],
)
def test_bad_arrays_name_the_argument(call: object, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        call()  # type: ignore[operator]


def test_array_results_refuse_what_is_not_an_array_of_one_shape() -> None:
    one, two = np.array([1.0]), np.array([1.0, 2.0])
    e = stats.Estimates(one, one, one, 0.95)
    with pytest.raises(sr.InvalidTypeError, match="must be a numeric numpy array: 1.0"):
        stats.Estimates(1.0, one, one, 0.95)
    with pytest.raises(sr.InvalidTypeError, match="numeric numpy array"):
        stats.Estimates(one, np.array(["a"]), one, 0.95)
    with pytest.raises(sr.InvalidTypeError, match="numeric numpy array"):
        stats.Estimates(one, one, np.array([True]), 0.95)
    with pytest.raises(
        sr.ShapeMismatchError, match=r"one shape: value\(1,\), low\(2,\), high\(1,\)$"
    ):
        stats.Estimates(one, two, one, 0.95)
    with pytest.raises(sr.ShapeMismatchError, match=r"high\(2,\)"):
        stats.Estimates(one, one, two, 0.95)
    with pytest.raises(sr.InvalidTypeError, match="must be Estimates"):
        stats.RateComparisons(one, one, e, stats.Estimate(1, 0, 2, 0.9), one, one)
    with pytest.raises(sr.InvalidTypeError, match="must be Estimates"):
        stats.RateComparisons(one, one, None, e, one, one)
    shapes = [
        (two, one, one, one),
        (one, two, one, one),
        (one, one, two, one),
        (one, one, one, two),
    ]
    for rate_a, rate_b, z, p in shapes:
        with pytest.raises(sr.ShapeMismatchError, match="a result's arrays must have one shape"):
            stats.RateComparisons(rate_a, rate_b, e, e, z, p)
    with pytest.raises(sr.ShapeMismatchError, match=r"z\(1,\), p_value\(2,\)$"):
        stats.RateComparisons(one, one, e, e, one, two)
    wide = stats.Estimates(two, two, two, 0.95)
    for difference, ratio in ((wide, e), (e, wide)):
        with pytest.raises(
            sr.ShapeMismatchError,
            match=r"rate_a\(1,\), rate_b\(1,\), difference\((1|2),\), ratio\((1|2),\), z\(1,\)",
        ):
            stats.RateComparisons(one, one, difference, ratio, one, one)
    fine = stats.RateComparisons(one, one, e, e, np.array([0]), np.array([1], dtype=np.uint8))
    assert fine.z.dtype == fine.p_value.dtype == np.float64


@pytest.mark.parametrize("big", [1e308, 1.7976931348623157e308])
def test_huge_arrays_give_results_without_warnings(big: float) -> None:
    s = np.array([0.0, big / 3, big, 5.0])
    n = np.array([big, big, big, 10.0])
    low, high = (np.asarray(x) for x in stats.jeffreys_interval(s, n))
    assert (low >= 0).all() and (low <= high).all() and (high <= 1).all()
    c = _many(s, n, s[::-1], n[::-1])
    assert np.isfinite(c.difference.low).all() and np.isfinite(c.difference.high).all()
    assert (c.p_value[np.isfinite(c.p_value)] <= 1).all()


def test_scipy_is_loaded_only_when_a_statistic_needs_it() -> None:
    code = (
        "import sys, socialroi, socialroi.stats as s\n"
        "assert 'scipy' not in sys.modules and 'statistics' not in sys.modules\n"
        "s.wilson_interval(1, 2)\n"
        "assert 'scipy.special' in sys.modules and 'scipy.stats' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_bounds_are_clipped_where_rounding_takes_them_beyond_0_or_1() -> None:
    """At 16 of 16 the Wilson upper bound computes to 1 + 2e-16, and at 5.648e-11 of 698
    the lower one to -4e-19: both are clipped, so intervals stay inside [0, 1]."""
    z = stats._special.critical_value(0.95)
    for s, n in ((16.0, 16.0), (5.648e-11, 698.0)):
        spread = n + z * z
        center = (s + z * z / 2) / spread
        half = z * math.sqrt(s * (1 - s / n) + z * z / 4) / spread
        low, high = stats.wilson_interval(s, n)
        assert (low, high) == (max(center - half, 0.0), min(center + half, 1.0))
        assert center + half > 1.0 if s == n else center - half < 0.0


def test_result_records_and_levels_name_what_is_wrong() -> None:
    e = stats.Estimate(0.1, 0.0, 0.2, 0.95)
    with pytest.raises(sr.InvalidTypeError, match="^a comparison's interval must be an Estimate"):
        stats.RateComparison(0.1, 0.1, None, e, 0.0, 1.0)
    with pytest.raises(sr.InvalidTypeError, match="^a comparison's interval must be an Estimate"):
        stats.RateComparison(0.1, 0.1, e, 3, 0.0, 1.0)
    with pytest.raises(sr.InvalidValueError, match=r"^'confidence' must be a level, .* \(0, 1\)"):
        stats.wilson_interval(1, 3, confidence=0)
    with pytest.raises(
        sr.InvalidValueError, match=r"^'baseline_rate' must be a rate in \(0, 1\): 0"
    ):
        stats.required_sample_size(0.0, 0.02)
    with pytest.raises(sr.InvalidTypeError, match=r"^'baseline_rate' must be a rate in \(0, 1\)"):
        stats.required_sample_size(None, 0.02)  # type: ignore[arg-type]
    with pytest.raises(
        sr.InvalidValueError, match=r"^'method' must be 'wilson' or 'jeffreys': 'exact'$"
    ):
        stats.rate_intervals(
            sr.report([sr.Activity("x", "paid", sr.Measures.of("USD", impressions=9))], by=()),
            "ctr",
            method="exact",
        )
