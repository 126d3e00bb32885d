"""Fuzzing the public API: whatever goes in, only the SocialROIError family comes out, and no
warning (pytest turns warnings into errors)."""

from __future__ import annotations

import contextlib
import math
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import socialroi as sr
from socialroi import attribution, stats

anything = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.complex_numbers(),
    st.text(max_size=5),
    st.sampled_from(["USD", "usd", "impressions", "ad_spend", "paid", "raise", "nan"]),
    st.lists(st.floats(allow_nan=True, allow_infinity=True), max_size=4),
    st.lists(st.integers(-5, 10**6), max_size=4),
    st.lists(st.lists(st.integers(0, 9), max_size=3), max_size=3),
    st.dictionaries(
        st.sampled_from(["impressions", "clicks", "ad_spend", "leads", 3]),
        st.one_of(st.integers(-3, 10**6), st.floats(), st.text(max_size=2)),
        max_size=3,
    ),
    st.builds(np.array, st.lists(st.floats(-1e300, 1e300), max_size=4)),
)

FORMULAS: list[Callable[..., Any]] = [
    sr.roi,
    sr.roas,
    sr.profit,
    sr.cpm,
    sr.cpc,
    sr.cpa,
    sr.cost_per,
    sr.ctr,
    sr.engagement_rate,
    sr.conversion_rate,
    sr.frequency,
]
CALLS: list[Callable[..., Any]] = [
    lambda a, b, c: sr.Money(a, b),
    lambda a, b, c: sr.Money(1, "USD") * a,
    lambda a, b, c: sr.Reach(a, b),
    lambda a, b, c: sr.Measures(a),
    lambda a, b, c: sr.Measures("USD", actions=a, costs=b, revenue=c),
    lambda a, b, c: sr.Measures("USD", action_value=a, reach=b),
    lambda a, b, c: sr.Measures.of("USD", impressions=a, reach=b, ad_spend=c),
    lambda a, b, c: sr.Measures.of("USD", leads=a).valued_at({"leads": b}),
    lambda a, b, c: sr.Measures.of("USD", leads=3).valued_at(a),
    lambda a, b, c: sr.Measures.of("USD", impressions=9).count(a),
    lambda a, b, c: sr.Measures.of("USD", impressions=9).cost(a),
    lambda a, b, c: sr.Measures.of("USD", impressions=9).value_of(a),
    lambda a, b, c: sr.Activity(a, b, sr.Measures.empty("USD"), campaign=c),
    lambda a, b, c: sr.Activity("x", "paid", sr.Measures.empty("USD"), dims=a),
    lambda a, b, c: sr.report(
        [sr.Activity("x", "paid", sr.Measures.empty("USD"))], by=a, zero_division=b
    ),
    lambda a, b, c: sr.metric(a),
    lambda a, b, c: sr.metric("cpm").compute({"impressions": a, "ad_spend": b}, zero_division=c),
    lambda a, b, c: sr.Row.of(sr.Measures.of("USD", ad_spend=1), zero_division=a).metric(b),
    lambda a, b, c: sr.KPI(tracks=a, target=b, baseline=c).evaluate(sr.Measures.empty("USD")),
    lambda a, b, c: sr.KPI(tracks="roi", target=1).pace(sr.Measures.empty("USD"), elapsed=a),
    lambda a, b, c: sr.Funnel(stages=a, counts=b, kinds=c),
    lambda a, b, c: sr.Funnel(stages=["x", "y"], counts=a).cost_per_stage(b),
    lambda a, b, c: sr.intent_score(sr.Measures.of("USD", likes=3), weights=a),
    lambda a, b, c: sr.recommended(a, b),
    lambda a, b, c: sr.share_of_voice(a, b),
    lambda a, b, c: sr.net_sentiment(a, b, c, over="all"),
    lambda a, b, c: sr.amplification_rate(a, b, per=c),
    lambda a, b, c: sr.earned_media_value(a, cpm=b),
    lambda a, b, c: sr.retention_rate(a, b, c),
    lambda a, b, c: sr.churn_rate(a, b, c),
    lambda a, b, c: sr.growth(a, b),
    lambda a, b, c: sr.times(a, b, zero_division=c),
    lambda a, b, c: sr.compare_to_benchmark(a, b, direction=c),
    lambda a, b, c: attribution.linear(a, b, value=c),
    lambda a, b, c: attribution.markov([["x", "y"], ["y"]], a, nulls=b, order=c),
    lambda a, b, c: attribution.shapley(a, 1, nulls=b),
    lambda a, b, c: attribution.position_based([["x", "y", "z"]], 1, first=a, last=b),
    lambda a, b, c: attribution.time_decay([["x", "y"]], 1, times=a, half_life=b),
    lambda a, b, c: attribution.shapley_values(a),
    lambda a, b, c: attribution.linear([["x"]], 1).activities(a, action=b),
    lambda a, b, c: stats.wilson_interval(a, b, confidence=c),
    lambda a, b, c: stats.jeffreys_interval(a, b),
    lambda a, b, c: stats.compare_rates(a, b, 3, 10, confidence=c),
    lambda a, b, c: stats.lift_test(100, a, 100, b, test_value=c, holdout_value=1, cost=5),
    lambda a, b, c: stats.required_sample_size(a, b, power=c),
    lambda a, b, c: stats.minimum_detectable_effect(a, b, confidence=c),
    lambda a, b, c: stats.return_interval(a, b, confidence=c),
]


def allowed(call: Callable[[], object]) -> None:
    with contextlib.suppress(sr.SocialROIError):  # anything else fails the test
        call()


@pytest.mark.parametrize("formula", FORMULAS, ids=lambda f: f.__name__)
@settings(max_examples=60)
@given(anything, anything, anything)
def test_formulas_raise_only_documented_errors(
    formula: Callable[..., Any], a: object, b: object, z: object
) -> None:
    allowed(lambda: formula(a, b))
    if formula is not sr.profit:
        allowed(lambda: formula(a, b, zero_division=z))


@pytest.mark.parametrize("index", range(len(CALLS)))
@settings(max_examples=150)
@given(anything, anything, anything)
def test_constructors_raise_only_documented_errors(
    index: int, a: object, b: object, c: object
) -> None:
    allowed(lambda: CALLS[index](a, b, c))


@given(st.floats(0, 1e308), st.floats(0, 1e308))
def test_extreme_values_give_results_without_warnings(a: float, b: float) -> None:
    for formula in FORMULAS:
        result = formula(a, b)
        assert isinstance(result, float)
        assert not math.isnan(result) or b == 0
