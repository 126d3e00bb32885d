"""Statistics: agreement with statsmodels, reference values, properties, edge cases, bad input.

statsmodels is a test-only dependency: the comparisons below are the reference values.
Other sources: Wilson (1927); Brown, Cai & DasGupta (2001), Statistical Science 16:101-133;
Newcombe (1998), Statistics in Medicine 17:873-890 (method 10); Fleiss, Levin & Paik (2003)
eq. 4.14 for sample sizes.
"""

from __future__ import annotations

import json
import math

import attrs
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.stats import norm  # type: ignore[import-untyped,unused-ignore]
from statsmodels.stats.proportion import (
    confint_proportions_2indep,
    proportion_confint,
    proportions_ztest,
)

import socialroi as sr
from socialroi import stats

GRID = [(s, n) for n in (1, 2, 5, 10, 37, 100, 1_000, 123_457) for s in {0, 1, n // 3, n - 1, n}]
LEVELS = (0.8, 0.9, 0.95, 0.99)


@pytest.mark.parametrize("confidence", LEVELS)
def test_wilson_and_jeffreys_agree_with_statsmodels(confidence: float) -> None:
    s = np.array([g[0] for g in GRID], dtype=float)
    n = np.array([g[1] for g in GRID], dtype=float)
    alpha = 1 - confidence
    for ours, method in ((stats.wilson_interval, "wilson"), (stats.jeffreys_interval, "jeffreys")):
        low, high = ours(s, n, confidence=confidence)
        ref_low, ref_high = proportion_confint(s, n, alpha=alpha, method=method)
        np.testing.assert_allclose(low, ref_low, rtol=0, atol=1e-9)
        np.testing.assert_allclose(high, ref_high, rtol=0, atol=1e-9)


PAIRS = [(a, b) for a in GRID[::3] for b in GRID[1::4]]


@pytest.mark.parametrize("confidence", [0.9, 0.95])
def test_compare_rates_agrees_with_statsmodels(confidence: float) -> None:
    alpha = 1 - confidence
    for (sa, na), (sb, nb) in PAIRS:
        ours = stats.compare_rates(sa, na, sb, nb, confidence=confidence)
        diff = confint_proportions_2indep(sa, na, sb, nb, compare="diff", alpha=alpha)
        ratio = confint_proportions_2indep(sa, na, sb, nb, compare="ratio", alpha=alpha)
        assert ours.difference.low == pytest.approx(diff[0], abs=1e-9)
        assert ours.difference.high == pytest.approx(diff[1], abs=1e-9)
        assert ours.ratio.low == pytest.approx(ratio[0], rel=1e-9)
        assert ours.ratio.high == pytest.approx(ratio[1], rel=1e-9)
        if (sa + sb) in (0, na + nb):
            assert math.isnan(ours.z) and math.isnan(ours.p_value)  # no variance at all
            continue
        with np.errstate(all="ignore"):
            z, p = proportions_ztest([sa, sb], [na, nb])
        assert ours.z == pytest.approx(z, rel=1e-9, abs=1e-12)
        assert ours.p_value == pytest.approx(p, rel=1e-8, abs=1e-12)


def test_reference_values_from_the_literature() -> None:
    # Brown, Cai & DasGupta (2001) discuss n = 20, x = 3 ...; Newcombe (1998) table II
    # example (a): 56/70 against 48/80 gives a difference of 0.2 with method-10 interval
    # 0.0524 to 0.3339.
    c = stats.compare_rates(56, 70, 48, 80)
    assert c.difference.value == pytest.approx(0.2)
    assert (round(c.difference.low, 4), round(c.difference.high, 4)) == (0.0524, 0.3339)
    # Newcombe (1998) table I, method 3 (Wilson): 81/263 gives 0.2553 to 0.3662.
    low, high = stats.wilson_interval(81, 263)
    assert (round(low, 4), round(high, 4)) == (0.2553, 0.3662)


def test_edge_cases_are_defined() -> None:
    assert all(math.isnan(x) for x in stats.wilson_interval(0, 0))
    assert all(math.isnan(x) for x in stats.jeffreys_interval(0, 0))
    low, high = stats.wilson_interval(0, 50)
    assert low == 0.0 and 0 < high < 0.1
    low, high = stats.wilson_interval(50, 50)
    assert high == 1.0 and 0.9 < low < 1
    same = stats.compare_rates(30, 600, 30, 600)
    assert same.difference.value == 0 and same.z == 0 and same.p_value == 1.0
    assert same.ratio.value == 1.0 and not same.significant
    none = stats.compare_rates(0, 100, 0, 100)
    assert math.isnan(none.z) and math.isnan(none.ratio.value)


@settings(max_examples=60)
@given(
    st.integers(0, 10_000).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))),
    st.sampled_from(LEVELS),
)
def test_intervals_contain_the_rate_and_mirror(pair: tuple[int, int], level: float) -> None:
    s, n = pair
    for interval in (stats.wilson_interval, stats.jeffreys_interval):
        low, high = interval(s, n, confidence=level)
        if n == 0:
            assert math.isnan(low) and math.isnan(high)
            continue
        rate = s / n
        assert 0 <= low <= high <= 1
        if interval is stats.wilson_interval or 0 < s < n:
            assert low <= rate + 1e-12 and rate - 1e-12 <= high
        mirror_low, mirror_high = interval(n - s, n, confidence=level)
        assert mirror_low == pytest.approx(1 - high, abs=1e-9)  # successes <-> failures
        assert mirror_high == pytest.approx(1 - low, abs=1e-9)


@settings(max_examples=40)
@given(st.floats(0.01, 0.99), st.integers(10, 100_000))
def test_intervals_narrow_as_trials_grow(rate: float, n: int) -> None:
    for interval in (stats.wilson_interval, stats.jeffreys_interval):
        small = interval(round(rate * n), n)
        large = interval(round(rate * n) * 4, n * 4)
        assert large[1] - large[0] < small[1] - small[0]


@settings(max_examples=30)
@given(
    st.lists(
        st.integers(0, 500).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))),
        min_size=1,
        max_size=6,
    )
)
def test_scalar_and_array_calls_agree(pairs: list[tuple[int, int]]) -> None:
    s = [p[0] for p in pairs]
    n = [p[1] for p in pairs]
    for interval in (stats.wilson_interval, stats.jeffreys_interval):
        low, high = interval(s, n)
        scalars = [interval(a, b) for a, b in pairs]
        np.testing.assert_array_equal(low, [x[0] for x in scalars])
        np.testing.assert_array_equal(high, [x[1] for x in scalars])


def test_lift_test_with_a_harmful_campaign() -> None:
    r = stats.lift_test(
        50_000, 400, 50_000, 500, test_value=40_000, holdout_value=50_000, cost=20_000
    )
    assert r.incremental_conversions.value == pytest.approx(-100)
    assert r.relative_lift.value == pytest.approx(-0.2)
    assert r.incremental_value is not None and r.incremental_value.value == pytest.approx(-10_000)
    assert r.incremental_roi is not None and r.incremental_roi.value == pytest.approx(-1.5)
    assert r.incremental_roi.value < -1  # below what plain ROI can reach
    assert r.incremental_roi.low <= r.incremental_roi.value <= r.incremental_roi.high


def test_lift_test_intervals_follow_the_rate_comparison() -> None:
    r = stats.lift_test(
        10_000, 260, 10_000, 200, test_value=26_000, holdout_value=20_000, cost=2_000
    )
    c = stats.compare_rates(260, 10_000, 200, 10_000)
    assert r.incremental_conversions.low == pytest.approx(c.difference.low * 10_000)
    assert r.relative_lift.high == pytest.approx(c.ratio.high - 1)
    assert r.incremental_value is not None and r.incremental_roas is not None
    assert r.incremental_value.value == pytest.approx(60 * 100)  # 60 more, 100 each
    assert r.incremental_roas.value == pytest.approx(3.0)
    plain = stats.lift_test(10_000, 260, 10_000, 200)
    assert plain.incremental_value is None and plain.incremental_roi is None


def test_sample_size_and_minimum_detectable_effect_invert_each_other() -> None:
    n = stats.required_sample_size(0.10, 0.02)
    assert n == 3841  # Fleiss eq. 4.14: (1.96*0.5367 + 0.8416*0.5075)^2 / 0.0004
    assert stats.minimum_detectable_effect(0.10, n) == pytest.approx(0.02, abs=1e-4)
    assert stats.required_sample_size(0.10, 0.02, power=0.9) > n
    assert stats.required_sample_size(0.10, -0.02) > 0
    assert math.isnan(stats.minimum_detectable_effect(0.5, 1))


def test_return_interval_delta_and_bootstrap_agree_roughly() -> None:
    values = np.random.default_rng(1).gamma(2.0, 500.0, size=400)
    delta = stats.return_interval(values, 150_000)
    boot = stats.return_interval(
        values, 150_000, method="bootstrap", rng=np.random.default_rng(7), resamples=4_000
    )
    assert delta["roi"].value == boot["roi"].value == pytest.approx(values.sum() / 150_000 - 1)
    assert boot["roi"].low == pytest.approx(delta["roi"].low, abs=0.03)
    assert boot["roi"].high == pytest.approx(delta["roi"].high, abs=0.03)
    again = stats.return_interval(
        values, 150_000, method="bootstrap", rng=np.random.default_rng(7), resamples=4_000
    )
    assert again == boot  # the caller's generator makes it reproducible


def test_rate_intervals_on_a_report() -> None:
    acts = [
        sr.Activity(
            "organic", "organic", sr.Measures.of("USD", link_clicks=1_000, registrations=50)
        ),
        sr.Activity("paid", "paid", sr.Measures.of("USD", link_clicks=1_000, registrations=10)),
    ]
    rep = sr.report(acts, by="mode")
    ci = stats.rate_intervals(rep, "conversion_rate_registrations", method="jeffreys")
    np.testing.assert_allclose(ci.value, [0.05, 0.01])
    ref = proportion_confint(np.array([50, 10]), np.array([1_000, 1_000]), method="jeffreys")
    np.testing.assert_allclose(ci.low, ref[0], atol=1e-9)
    assert ci.metric == "conversion_rate_registrations" and ci.confidence == 0.95


REPORT = sr.report([sr.Activity("x", "paid", sr.Measures.of("USD", impressions=9))], by=())


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: stats.wilson_interval(5, 3), sr.InvalidValueError, "cannot exceed"),
        (lambda: stats.wilson_interval(-1, 3), sr.InvalidValueError, "'successes' must be >= 0"),
        (lambda: stats.jeffreys_interval(1, math.nan), sr.InvalidValueError, "'trials'"),
        (lambda: stats.wilson_interval(1, 3, confidence=1.0), sr.InvalidValueError, r"\(0, 1\)"),
        (lambda: stats.wilson_interval(1, 3, confidence="95%"), sr.InvalidTypeError, "confidence"),  # type: ignore[call-overload]
        (lambda: stats.wilson_interval([1, 2], [3, 4, 5]), sr.ShapeMismatchError, "broadcast"),
        (lambda: stats.compare_rates(0, 0, 1, 2), sr.InvalidValueError, "must be > 0"),
        (lambda: stats.compare_rates([1, 2], [5, 5, 5], 1, 2), sr.ShapeMismatchError, "trials_a"),
        (lambda: stats.lift_test([10, 9], 1, 10, 1), sr.InvalidValueError, "single count"),  # type: ignore[arg-type]
        (lambda: stats.lift_test(10, 1, 10, 1, test_value=3), sr.InvalidValueError, "both"),
        (lambda: stats.lift_test(10, 1, 10, 1, cost=3), sr.InvalidValueError, "needs"),
        (
            lambda: stats.lift_test(10, 1, 10, 1, test_value=3, holdout_value=2, cost=0),
            sr.InvalidValueError,
            "'cost' must be > 0",
        ),
        (lambda: stats.required_sample_size(0.9, 0.2), sr.InvalidValueError, "inside"),
        (lambda: stats.required_sample_size(1.5, 0.2), sr.InvalidValueError, "baseline_rate"),
        (lambda: stats.required_sample_size("x", 0.2), sr.InvalidTypeError, "baseline_rate"),  # type: ignore[arg-type]
        (lambda: stats.required_sample_size(0.1, 0.02, power=2), sr.InvalidValueError, "(0, 1)"),
        (lambda: stats.minimum_detectable_effect(0.1, 0), sr.InvalidValueError, "> 0"),
        (lambda: stats.required_sample_size(0.5, 1e-200), sr.InvalidValueError, "too small"),
        (lambda: stats.return_interval([1.0], 0), sr.InvalidValueError, "'investment'"),
        (lambda: stats.return_interval([-1.0], 5), sr.InvalidValueError, "'values'"),
        (lambda: stats.return_interval([1.0], 5, method="bootstrap"), sr.InvalidTypeError, "rng="),
        (
            lambda: stats.return_interval(
                [1.0], 5, method="bootstrap", rng=np.random.default_rng(0), resamples=5
            ),
            sr.InvalidValueError,
            "resamples",
        ),
        (
            lambda: stats.return_interval([1.0], 5, method="exact"),
            sr.InvalidValueError,
            "'method'",
        ),
        (lambda: stats.rate_intervals(3, "ctr"), sr.InvalidTypeError, "Report"),  # type: ignore[arg-type]
        (lambda: stats.rate_intervals(REPORT, "roi"), sr.InvalidValueError, "count-over-count"),
        (
            lambda: stats.rate_intervals(REPORT, "ctr", method="exact"),
            sr.InvalidValueError,
            "'method'",
        ),
    ],
)
def test_bad_input(call: object, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        call()  # type: ignore[operator]


# -- issue 12: tails, plain results, extreme inputs -------------------------------------------


@pytest.mark.parametrize(
    ("sa", "na", "sb", "nb"),
    [(100, 1_000, 300, 1_000), (10, 10_000, 400, 10_000), (1, 50, 49, 50)],
)
def test_p_value_is_the_normal_tail_even_far_out(sa: int, na: int, sb: int, nb: int) -> None:
    """1 - cdf cancels to 0 beyond z = 8; the survival function keeps the tail (z = -11.18
    gives 5.09e-29). Reference: scipy's norm.sf on the z computed here from the formula."""
    pa, pb, pooled = sa / na, sb / nb, (sa + sb) / (na + nb)
    z = (pa - pb) / math.sqrt(pooled * (1 - pooled) * (1 / na + 1 / nb))
    c = stats.compare_rates(sa, na, sb, nb)
    assert c.z == pytest.approx(z, rel=1e-12)
    assert c.p_value == pytest.approx(2 * norm.sf(abs(z)), rel=1e-9)
    assert c.p_value > 0
    lift = stats.lift_test(nb, sb, na, sa)  # the same test, seen from the other side
    assert lift.comparison.p_value == pytest.approx(2 * norm.sf(abs(z)), rel=1e-9)


@pytest.mark.parametrize("confidence", [1 - 1e-9, 1 - 1e-12, 1 - 1e-16])
def test_intervals_at_extreme_levels_agree_with_statsmodels(confidence: float) -> None:
    """The critical value comes from the lower tail: 1 - (1 - c) / 2 rounds to 1 for c near
    1, and its quantile is infinite or imprecise."""
    alpha = 1 - confidence
    low, high = stats.wilson_interval(30, 100, confidence=confidence)
    ref_low, ref_high = proportion_confint(30, 100, alpha=alpha, method="wilson")
    assert low == pytest.approx(ref_low, rel=1e-9) and high == pytest.approx(ref_high, rel=1e-9)
    c = stats.compare_rates(30, 100, 20, 100, confidence=confidence)
    ref = confint_proportions_2indep(30, 100, 20, 100, compare="diff", alpha=alpha)
    assert c.difference.low == pytest.approx(ref[0], rel=1e-9, abs=1e-12)
    assert c.difference.high == pytest.approx(ref[1], rel=1e-9, abs=1e-12)


def test_results_are_plain_python_values() -> None:
    c = stats.compare_rates(np.int64(50), np.float64(1_000), 10, np.array(1_000))
    assert c.significant is True
    assert all(type(v) is float for v in (c.rate_a, c.rate_b, c.z, c.p_value))
    assert all(type(v) is float for v in attrs.astuple(c.difference))
    json.dumps(attrs.asdict(c))
    lift = stats.lift_test(
        np.int64(10_000), 260, 10_000, 200, test_value=26_000, holdout_value=20_000, cost=2_000
    )
    json.dumps(attrs.asdict(lift))
    assert type(lift.incremental_conversions.value) is float
    returns = stats.return_interval(np.full(3, 10.0), np.float64(20))
    json.dumps({k: attrs.asdict(v) for k, v in returns.items()})
    assert type(returns["roi"].low) is float
    ci = stats.rate_intervals(REPORT, "ctr", confidence=np.float64(0.9))
    assert type(ci.confidence) is float and ci.confidence == 0.9
    assert stats.Estimate(np.float64(1), 0, 2, 0.95).contains(np.int64(1)) is True
    assert type(stats.Estimate(np.float64(1), 0, 2, 0.95).value) is float


def test_huge_and_tiny_counts_stay_finite() -> None:
    """Near 1e308, sums and products of counts overflow; shares taken first do not. Near
    1e-308 trials, z^2 / n overflows; as n goes to 0 the Wilson interval tends to [0, 1]."""
    low, high = stats.wilson_interval(0, 1e-300)
    assert low == pytest.approx(0.0, abs=1e-12) and high == pytest.approx(1.0, abs=1e-12)
    ref = proportion_confint(0.0, 1e-3, method="wilson")  # small, but no overflow
    assert stats.wilson_interval(0, 1e-3) == pytest.approx(ref, abs=1e-12)
    low, high = stats.jeffreys_interval(3e307, 1e308)
    ref_low, ref_high = stats.wilson_interval(3e307, 1e308)  # both normal at this size
    assert low == pytest.approx(ref_low, rel=1e-12) and high == pytest.approx(ref_high, rel=1e-12)
    c = stats.compare_rates(3e307, 1e308, 2e307, 1e308)
    z = 0.1 / math.sqrt(0.25 * 0.75) * math.sqrt(1e308 / 2)  # (pa - pb) / sqrt(p (1 - p) 2 / n)
    assert c.z == pytest.approx(z, rel=1e-12) and c.p_value == 0.0
    assert 0 < c.ratio.low <= 1.5 <= c.ratio.high
    lift = stats.lift_test(1e308, 1e307, 1e308, 1e307)
    assert lift.incremental_conversions.value == 0.0  # the holdout rate x 1e308, not inf


def test_return_interval_near_the_largest_float() -> None:
    """Two deals of 1e308 against an investment of 1e308: ROAS 2, though the return itself
    is beyond floats. Reference: the same with everything divided by 1e300."""
    big = stats.return_interval([1e308, 1e308], 1e308)
    small = stats.return_interval([1e8, 1e8], 1e8)
    assert big["return"].value == math.inf
    for key in ("roas", "roi"):
        for field in ("value", "low", "high"):
            got, want = getattr(big[key], field), getattr(small[key], field)
            assert got == pytest.approx(want, rel=1e-12)
    boot = stats.return_interval(
        [1e308, 1e308], 1e308, method="bootstrap", rng=np.random.default_rng(3)
    )
    assert boot["roas"].low <= 2.0 <= boot["roas"].high


def test_lift_value_per_conversion() -> None:
    nothing = stats.lift_test(100, 0, 100, 0, test_value=0, holdout_value=0, cost=10)
    assert nothing.incremental_value is not None and nothing.incremental_roi is not None
    assert math.isnan(nothing.incremental_value.value)  # undefined, not 0
    assert math.isnan(nothing.incremental_roi.value)
    with pytest.raises(sr.InvalidValueError, match="'test_value' must be 0 when"):
        stats.lift_test(100, 0, 100, 5, test_value=10, holdout_value=50)


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: stats.wilson_interval(1, 3, confidence=10**400), sr.InvalidValueError, "'conf"),
        (lambda: stats.lift_test(10, 1, 10, 1, confidence=-(10**400)), sr.InvalidValueError, "co"),
        (lambda: stats.required_sample_size(0.1, 0.02, power=2), sr.InvalidValueError, "'power'"),
        (lambda: stats.minimum_detectable_effect(0.1, 9, power=1), sr.InvalidValueError, "'power"),
        (lambda: stats.required_sample_size(10**400, 0.02), sr.InvalidValueError, "'baseline"),
        (lambda: stats.lift_test(10, 20, 10, 1), sr.InvalidValueError, "'test_conversions'"),
        (lambda: stats.lift_test(10, 1, 0, 0), sr.InvalidValueError, "'holdout_size' must be"),
        (lambda: stats.rate_intervals(REPORT, "ctr", method=["x"]), sr.InvalidTypeError, "'met"),  # type: ignore[arg-type]
        (lambda: stats.rate_intervals(REPORT, 3), sr.InvalidTypeError, "'metric_name'"),  # type: ignore[arg-type]
        (lambda: stats.rate_intervals(REPORT, "ctx"), sr.UnknownNameError, "'metric_name'"),
        (lambda: stats.return_interval([1.0], 5, method=np.array([1])), sr.InvalidTypeError, "'m"),  # type: ignore[arg-type]
        (lambda: stats.return_interval([[1.0, 2.0]], 5), sr.InvalidValueError, "1-d"),
        (
            lambda: stats.return_interval([1.0], 5, rng=np.random.default_rng(0)),
            sr.InvalidValueError,
            "'rng' and 'resamples' are for method='bootstrap'",
        ),
        (
            lambda: stats.return_interval([1.0], 5, resamples=500),
            sr.InvalidValueError,
            "'resamples'",
        ),
        (
            lambda: stats.return_interval(
                [1.0], 5, method="bootstrap", rng=np.random.default_rng(0), resamples=10**400
            ),
            sr.InvalidValueError,
            "'resamples' must be from 100 to 1,000,000: an integer of 401 digits",
        ),
        (
            lambda: stats.return_interval(
                [1.0], 5, method="bootstrap", rng=np.random.default_rng(0), resamples=True
            ),
            sr.InvalidTypeError,
            "'resamples' must be an integer",
        ),
        (lambda: stats.Estimate(1, 0, 2, 0.9).contains("1"), sr.InvalidTypeError, "'x'"),  # type: ignore[arg-type]
        (lambda: stats.Estimate(1, 0, 2, 0.9).contains(math.nan), sr.InvalidValueError, "'x'"),
        (lambda: stats.Estimate("1", 0, 2, 0.9), sr.InvalidTypeError, "real number"),
        (lambda: stats.Estimate(10**400, 0, 2, 0.9), sr.InvalidValueError, "too large"),
    ],
)
def test_junk_names_the_argument(call: object, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        call()  # type: ignore[operator]


# -- pinned by mutation testing (issue 12) --------------------------------------------------


def test_intervals_give_floats_for_numbers_and_arrays_otherwise() -> None:
    for interval in (stats.wilson_interval, stats.jeffreys_interval):
        low, high = interval(12, 400)
        assert type(low) is float and type(high) is float
        for args in (([12, 12], 400), (12, [400, 400])):
            low_a, high_a = interval(*args)
            assert isinstance(low_a, np.ndarray) and low_a.tolist() == [low, low]
            assert isinstance(high_a, np.ndarray) and high_a.tolist() == [high, high]


def test_rate_intervals_follow_their_options() -> None:
    acts = [
        sr.Activity("a", "paid", sr.Measures.of("USD", impressions=1, link_clicks=1)),
        sr.Activity("b", "paid", sr.Measures.of("USD", likes=3)),  # no impressions
        sr.Activity("c", "paid", sr.Measures.of("USD", impressions=400, link_clicks=12)),
    ]
    rep = sr.report(acts, by="channel")
    ci = stats.rate_intervals(rep, "ctr", confidence=0.8)
    assert ci.value[0] == 1.0 and math.isnan(ci.value[1]) and ci.value[2] == 0.03
    low, high = stats.wilson_interval([1, 0, 12], [1, 0, 400], confidence=0.8)
    np.testing.assert_array_equal(ci.low, low)
    np.testing.assert_array_equal(ci.high, high)
    with pytest.raises(sr.InvalidValueError, match="rates that do: ctr, engagement_rate, conv"):
        stats.rate_intervals(rep, "cpm")


def test_the_poisson_bootstrap_is_the_documented_one() -> None:
    """Reference: the same draws made here, one Poisson(1) weight per conversion and
    resample, and the equal-tailed quantiles of the weighted totals."""
    values = np.array([1_000.0, 250.0, 40.0])
    got = stats.return_interval(
        values, 800, method="bootstrap", rng=np.random.default_rng(5), resamples=300
    )
    totals = np.random.default_rng(5).poisson(1.0, size=(300, 3)) @ values
    low, high = np.quantile(totals, [0.025, 0.975])
    assert got["return"].low == low and got["return"].high == high
    assert got["roas"].low == low / 800 and got["roi"].high == high / 800 - 1
    delta = stats.return_interval(values, 800, confidence=0.9)
    half = norm.isf(0.05) * math.sqrt(float(np.sum(values**2)))
    assert delta["return"].low == pytest.approx(1_290 - half, rel=1e-12)
    assert delta["roi"].low == pytest.approx((1_290 - half) / 800 - 1, rel=1e-12)
    assert delta["roi"].high == pytest.approx((1_290 + half) / 800 - 1, rel=1e-12)
    with pytest.raises(sr.InvalidValueError, match="1,000,000: 999999999999999$"):
        stats.return_interval(
            values, 8, method="bootstrap", rng=np.random.default_rng(0), resamples=10**15 - 1
        )
    with pytest.raises(sr.InvalidValueError, match="1,000,000: an integer of 16 digits$"):
        stats.return_interval(
            values, 8, method="bootstrap", rng=np.random.default_rng(0), resamples=10**15
        )


def test_lift_maps_every_bound() -> None:
    r = stats.lift_test(
        10_000, 300, 10_000, 150, test_value=30_000, holdout_value=30_000, cost=5_000
    )
    c = r.comparison
    per = 60_000 / 450  # pooled: 100 per test conversion, 200 per holdout conversion
    assert r.relative_lift == stats.Estimate(1.0, c.ratio.low - 1, c.ratio.high - 1, 0.95)
    conv = r.incremental_conversions
    assert conv == stats.Estimate(
        150.0, c.difference.low * 10_000, c.difference.high * 10_000, 0.95
    )
    assert r.incremental_value == stats.Estimate(150 * per, conv.low * per, conv.high * per, 0.95)
    value = r.incremental_value
    assert r.incremental_roas == stats.Estimate(
        value.value / 5_000, value.low / 5_000, value.high / 5_000, 0.95
    )
    roas = r.incremental_roas
    assert r.incremental_roi == stats.Estimate(roas.value - 1, roas.low - 1, roas.high - 1, 0.95)
    huge = stats.lift_test(1e9, 1e8, 1e9, 1e8, test_value=1e308, holdout_value=1e308, cost=1)
    assert huge.incremental_value is not None
    assert huge.incremental_value.high == pytest.approx(huge.incremental_conversions.high * 1e300)
    with pytest.raises(sr.InvalidValueError, match="'holdout_value' must be 0 when 'holdout_c"):
        stats.lift_test(100, 5, 100, 0, test_value=10, holdout_value=0.5)


def test_rates_and_estimates_at_their_edges() -> None:
    e = stats.Estimate(-0.2, -1.0, 0.0, 0.95)
    assert e.contains(-0.5) and e.contains(-1.0) and e.contains(0.0) and not e.contains(0.1)
    with pytest.raises(sr.InvalidValueError, match="'successes_a' cannot exceed 'trials_a'"):
        stats.compare_rates(5, 3, 1, 2)
    with pytest.raises(sr.InvalidValueError, match="'successes_b' cannot exceed 'trials_b'"):
        stats.compare_rates(1, 3, 3, 2)
    with pytest.raises(sr.InvalidValueError, match="must be non-zero and keep"):
        stats.required_sample_size(0.1, 0.0)
    for baseline, effect in ((0.1, -0.1), (0.9, 0.1)):
        with pytest.raises(sr.InvalidValueError, match="inside"):
            stats.required_sample_size(baseline, effect)


# -- pinned by mutation testing (issue 16) --------------------------------------------------

ESTIMATE = stats.Estimate(0.2, 0.1, 0.3, 0.95)
COMPARISON = stats.compare_rates(50, 1_000, 10, 1_000)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda: stats.return_interval([1.0], 0),
            "'investment' must be > 0 for ROI and ROAS intervals: 0.0",
        ),
        (
            lambda: stats.return_interval([1.0], 5, resamples=500),
            "'rng' and 'resamples' are for method='bootstrap'; the delta method draws nothing: "
            "rng=None, resamples=500",
        ),
        (
            lambda: stats.return_interval([1.0], 5, method="bootstrap"),
            "method='bootstrap' needs rng=numpy.random.default_rng(seed): got None; socialroi "
            "never uses global random state",
        ),
        (
            lambda: stats.lift_test(10, 1, 10, 1, holdout_value=3),
            "give both 'test_value' and 'holdout_value', or neither",
        ),
        (
            lambda: stats.lift_test(10, 1, 10, 1, test_value=3, holdout_value=2, cost=0),
            "'cost' must be > 0 for incremental ROAS and ROI: 0.0",
        ),
        (
            lambda: stats.lift_test(10, 1, 10, 1, cost=3),
            "'cost' needs 'test_value' and 'holdout_value' to value the lift",
        ),
        (
            lambda: stats.lift_test(100, 0, 100, 5, test_value=10, holdout_value=50),
            "'test_value' must be 0 when 'test_conversions' is 0: 10.0; value comes from "
            "conversions",
        ),
        (
            lambda: stats.required_sample_size(0.1, 0.0),
            "'minimum_effect' must be non-zero and keep the rate inside (0, 1): 0.0 from 0.1",
        ),
        (
            lambda: stats.LiftResult(3, ESTIMATE, ESTIMATE, None, None, None),
            "a lift's 'comparison' must be a RateComparison: 3",
        ),
        (
            lambda: stats.LiftResult(COMPARISON, ESTIMATE, ESTIMATE, 3, None, None),
            "a lift's estimate must be an Estimate or None: 3",
        ),
    ],
)
def test_messages_say_what_and_how(call: object, message: str) -> None:
    with pytest.raises(sr.SocialROIError) as caught:
        call()  # type: ignore[operator]
    assert str(caught.value) == message


def test_the_largest_number_of_resamples_is_accepted() -> None:
    r = stats.return_interval(
        [10.0], 5, method="bootstrap", rng=np.random.default_rng(0), resamples=1_000_000
    )
    assert r["return"].low == 0.0 and r["return"].high == 30.0  # Poisson(1) x 10: 0 to 3 deals
