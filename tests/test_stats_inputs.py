"""Junk at every argument of socialroi.stats (issue 12, "nothing silent"): only the
SocialROIError family comes out, its message names the argument, and no warning is raised
(pytest turns warnings into errors). Valid extreme inputs give finite, ordered results.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import socialroi as sr
from socialroi import stats

#: Junk of every kind: missing, text, booleans, non-finite and huge numbers, negatives,
#: ragged and nested lists, objects, numpy arrays and scalars, mappings, callables, and
#: random generators where they do not belong.
JUNK = st.one_of(
    st.sampled_from(
        [
            None,
            "",
            "5",
            "0.9",
            True,
            False,
            math.nan,
            math.inf,
            -math.inf,
            10**400,
            -(10**400),
            -1,
            -1.5,
            0,
            1,
            [],
            [[1], [1, 2]],
            [1, "5"],
            {},
            {"a": 1},
            b"x",
            1j,
            object(),
            len,
            np.bool_(True),
            np.float64("nan"),
            np.array(0.9),
            np.array([1.0, 2.0]),
            np.array(["a", "b"]),
            np.array([[1.0]]),
            np.random.RandomState(0),
        ]
    ),
    st.integers(-(10**30), 10**30),
    st.floats(),
    st.text(max_size=4),
    st.lists(st.one_of(st.none(), st.floats(), st.text(max_size=2), st.integers()), max_size=4),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
    st.builds(np.array, st.lists(st.floats(), max_size=3)),
)

REPORT = sr.report(
    [
        sr.Activity("a", "paid", sr.Measures.of("USD", impressions=1_000, link_clicks=30)),
        sr.Activity("b", "organic", sr.Measures.of("USD", impressions=50)),
    ],
    by="channel",
)
ESTIMATE = stats.Estimate(0.2, 0.1, 0.3, 0.95)
COMPARISON = stats.compare_rates(50, 1_000, 10, 1_000)
ARRAY = np.array([0.2, 0.5])
ESTIMATES = stats.Estimates(ARRAY, ARRAY - 0.1, ARRAY + 0.1, 0.95)


def _bootstrap(**kwargs: Any) -> object:
    return stats.return_interval(**kwargs, method="bootstrap")


#: Every public callable of socialroi.stats: (call, valid keyword arguments, whether a
#: rejection must name the argument; result records have no argument names to give).
CASES: dict[str, tuple[Callable[..., Any], dict[str, Any], bool]] = {
    "wilson_interval": (
        stats.wilson_interval,
        {"successes": 12, "trials": 400, "confidence": 0.95},
        True,
    ),
    "jeffreys_interval": (
        stats.jeffreys_interval,
        {"successes": [3, 0], "trials": [9, 4], "confidence": 0.9},
        True,
    ),
    "rate_intervals": (
        stats.rate_intervals,
        {"report": REPORT, "metric_name": "ctr", "confidence": 0.95, "method": "wilson"},
        True,
    ),
    "compare_rates": (
        stats.compare_rates,
        {
            "successes_a": 50,
            "trials_a": 1_000,
            "successes_b": 10,
            "trials_b": 1_000,
            "confidence": 0.95,
        },
        True,
    ),
    "compare_rates.arrays": (
        stats.compare_rates,
        {
            "successes_a": [50, 0, 7],
            "trials_a": np.array([1_000, 10, 7]),
            "successes_b": 10,
            "trials_b": [[1_000], [2_000]],
            "confidence": 0.9,
        },
        True,
    ),
    "lift_test": (
        stats.lift_test,
        {
            "test_size": 10_000,
            "test_conversions": 260,
            "holdout_size": 10_000,
            "holdout_conversions": 200,
            "test_value": 26_000,
            "holdout_value": 20_000,
            "cost": 2_000,
            "confidence": 0.9,
        },
        True,
    ),
    "required_sample_size": (
        stats.required_sample_size,
        {"baseline_rate": 0.1, "minimum_effect": 0.02, "confidence": 0.95, "power": 0.8},
        True,
    ),
    "minimum_detectable_effect": (
        stats.minimum_detectable_effect,
        {"baseline_rate": 0.1, "size_per_group": 3_841, "confidence": 0.95, "power": 0.8},
        True,
    ),
    "return_interval": (
        stats.return_interval,
        {"values": [1_000.0, 250.0], "investment": 800.0, "confidence": 0.95, "method": "delta"},
        True,
    ),
    "return_interval.bootstrap": (
        _bootstrap,
        {
            "values": [1_000.0, 250.0],
            "investment": 800.0,
            "confidence": 0.95,
            "rng": np.random.default_rng(0),
            "resamples": 100,
        },
        True,
    ),
    "Estimate": (
        stats.Estimate,
        {"value": 0.2, "low": 0.1, "high": 0.3, "confidence": 0.95},
        False,
    ),
    "Estimate.contains": (ESTIMATE.contains, {"x": 0.25}, True),
    "Estimates": (
        stats.Estimates,
        {"value": ARRAY, "low": ARRAY - 0.1, "high": ARRAY + 0.1, "confidence": 0.95},
        False,
    ),
    "Estimates.contains": (ESTIMATES.contains, {"x": 0.25}, True),
    "RateComparisons": (
        stats.RateComparisons,
        {
            "rate_a": ARRAY,
            "rate_b": ARRAY,
            "difference": ESTIMATES,
            "ratio": ESTIMATES,
            "z": ARRAY,
            "p_value": ARRAY,
        },
        False,
    ),
    "RateComparison": (
        stats.RateComparison,
        {
            "rate_a": 0.05,
            "rate_b": 0.01,
            "difference": ESTIMATE,
            "ratio": ESTIMATE,
            "z": 6.0,
            "p_value": 1e-9,
        },
        False,
    ),
    "LiftResult": (
        stats.LiftResult,
        {
            "comparison": COMPARISON,
            "incremental_conversions": ESTIMATE,
            "relative_lift": ESTIMATE,
            "incremental_value": None,
            "incremental_roas": None,
            "incremental_roi": ESTIMATE,
        },
        False,
    ),
}
ARGUMENTS = sorted(
    (case, argument) for case, (_, kwargs, _) in CASES.items() for argument in kwargs
)


@settings(max_examples=500)
@given(st.sampled_from(ARGUMENTS), JUNK)
def test_junk_at_any_argument_raises_only_socialroi_errors_naming_it(
    where: tuple[str, str], junk: object
) -> None:
    case, argument = where
    call, kwargs, named = CASES[case]
    try:
        call(**{**kwargs, argument: junk})
    except sr.SocialROIError as error:  # anything else fails the test
        message = str(error)
    else:
        return  # junk that is valid here (a negative value where one is allowed, say)
    # the argument as a whole word ('counts[1]', "previous(2,)"), not inside another name
    named_here = re.search(rf"(?<![A-Za-z0-9_]){argument}(?![A-Za-z0-9_])", message)
    assert named_here or not named, (case, argument, junk, message)


COUNT = st.floats(0, 1.7976931348623157e308)


@settings(max_examples=150)
@given(
    st.tuples(COUNT, COUNT).map(sorted),
    st.tuples(COUNT, COUNT).map(sorted),
    st.floats(1e-12, 1 - 1e-12),
)
def test_extreme_counts_give_ordered_results(a: list[float], b: list[float], level: float) -> None:
    """Any valid counts up to the largest float, at any level: intervals are ordered and
    contain the estimate, the p-value is a probability, nothing warns."""
    (sa, na), (sb, nb) = a, b
    for interval in (stats.wilson_interval, stats.jeffreys_interval):
        low, high = interval(sa, na, confidence=level)
        assert (math.isnan(low) and na == 0) or 0.0 <= low <= high <= 1.0
    if na == 0 or nb == 0:
        return
    c = stats.compare_rates(sa, na, sb, nb, confidence=level)
    assert c.difference.low <= c.difference.value <= c.difference.high
    assert 0.0 <= c.ratio.low <= c.ratio.high
    assert math.isnan(c.p_value) or 0.0 <= c.p_value <= 1.0
    lift = stats.lift_test(na, sa, nb, sb, confidence=level)
    assert lift.incremental_conversions.low <= lift.incremental_conversions.high


@settings(max_examples=100)
@given(
    st.lists(COUNT, max_size=5),
    st.floats(5e-324, 1.7976931348623157e308),
    st.floats(1e-12, 1 - 1e-12),
)
def test_extreme_values_give_ordered_return_intervals(
    values: list[float], investment: float, level: float
) -> None:
    for kwargs in ({}, {"method": "bootstrap", "rng": np.random.default_rng(1)}):
        r = stats.return_interval(values, investment, confidence=level, **kwargs)  # type: ignore[arg-type]
        for key in ("return", "roas", "roi"):
            e = r[key]
            assert not math.isnan(e.value) and e.low <= e.high, (key, e)


@pytest.mark.parametrize("confidence", [10**400, -(10**400)])
def test_levels_beyond_floats_are_named_everywhere(confidence: object) -> None:
    calls: list[Callable[[], object]] = [
        lambda: stats.wilson_interval(1, 2, confidence=confidence),  # type: ignore[call-overload]
        lambda: stats.jeffreys_interval(1, 2, confidence=confidence),  # type: ignore[call-overload]
        lambda: stats.rate_intervals(REPORT, "ctr", confidence=confidence),  # type: ignore[arg-type]
        lambda: stats.compare_rates(1, 2, 1, 2, confidence=confidence),  # type: ignore[call-overload]
        lambda: stats.lift_test(9, 1, 9, 1, confidence=confidence),  # type: ignore[arg-type]
        lambda: stats.required_sample_size(0.1, 0.02, confidence=confidence),  # type: ignore[arg-type]
        lambda: stats.minimum_detectable_effect(0.1, 99, confidence=confidence),  # type: ignore[arg-type]
        lambda: stats.return_interval([1.0], 1, confidence=confidence),  # type: ignore[arg-type]
    ]
    with pytest.raises(sr.InvalidValueError, match="'power' must be a level"):
        stats.required_sample_size(0.1, 0.02, power=confidence)  # type: ignore[arg-type]
    for call in calls:
        with pytest.raises(sr.InvalidValueError, match="'confidence' must be a level"):
            call()
