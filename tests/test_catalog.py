"""One registry of metrics, run through shared checks (after scikit-learn's test_common)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import socialroi as sr
from socialroi import strategies as srst
from socialroi._measures.measures import ADDITIVE_MEASURES, COST_MEASURES
from socialroi._metrics.catalog import (
    COUNT_MEASURES,
    MEASURE_NAMES,
    measure_column,
    measure_source,
)

METRICS = sorted(sr.METRICS)
FORMULAS = {getattr(sr, name) for name in sr.__all__ if callable(getattr(sr, name))}
# Reach does not add, and levels chain over periods (tests/test_levels.py has their rules).
NOT_ADDITIVE = (None, "reach", *sr.VOCABULARY.level_columns)
ADDITIVE_DENOMINATOR = [n for n in METRICS if sr.METRICS[n].denominator not in NOT_ADDITIVE]


@pytest.mark.parametrize("name", METRICS)
def test_every_metric_is_fully_described(name: str) -> None:
    m = sr.metric(name)
    assert m.name == name
    assert m.title and m.source
    assert m.formula in FORMULAS, "a metric uses a public formula, never its own"
    assert all(i in MEASURE_NAMES for i in m.inputs)
    assert m.denominator is None or m.denominator in m.inputs
    assert isinstance(m.direction, sr.Direction) and isinstance(m.unit, sr.Unit)
    assert m.stage is None or isinstance(m.stage, sr.FunnelStage)


@pytest.mark.parametrize("name", METRICS)
def test_direction_matches_the_formula(name: str) -> None:
    """Cost rates (investment first) are better lower; returns and rates better higher."""
    m = sr.metric(name)
    if m.direction is sr.Direction.NEUTRAL:
        assert name == "frequency"
    elif m.inputs[0] == "investment":
        assert m.direction is sr.Direction.LOWER and m.unit is sr.Unit.MONEY
    else:
        assert m.direction is sr.Direction.HIGHER


positive = st.integers(1, 10**9).map(float)


@st.composite
def columns(draw: st.DrawFn, rows: int = 4) -> dict[str, np.ndarray]:
    """Every additive measure positive on every row, exact reach on every row."""
    out = {
        name: np.array(draw(st.lists(positive, min_size=rows, max_size=rows)))
        for name in ADDITIVE_MEASURES
    }
    out["reach_low"] = out["reach_high"] = np.minimum(out["impressions"], 10**6)
    out["mentions"] += out["positive_mentions"] + out["negative_mentions"]  # among mentions
    return out


@pytest.mark.parametrize("name", METRICS)
@settings(max_examples=25)  # x 34 metrics
@given(data=st.data())
def test_scalar_and_column_computations_agree(name: str, data: st.DataObject) -> None:
    parts = data.draw(st.lists(srst.measures(currency="USD"), min_size=1, max_size=4))
    sources = [measure_source(p) for p in parts]  # the measures and return_recorded
    cols = {k: np.array([source[k] for source in sources]) for k in sources[0]}
    vector = sr.metric(name).compute(cols)
    scalars = [sr.metric(name).compute(p) for p in parts]
    assert all(type(s) is float for s in scalars)
    np.testing.assert_array_equal(vector, np.array(scalars))


@pytest.mark.parametrize("name", ADDITIVE_DENOMINATOR)
@settings(max_examples=25)
@given(cols=columns())
def test_total_is_the_denominator_weighted_mean_of_rows(
    name: str, cols: dict[str, np.ndarray]
) -> None:
    """A ratio of sums: the total's metric is the rows' metric weighted by denominator,
    never their plain mean (campaign ROI is the investment-weighted mean of channel ROIs)."""
    m = sr.metric(name)
    assert m.denominator is not None
    per_row = np.asarray(m.compute(cols))
    weights = measure_column(cols, m.denominator)
    totals = {k: np.array([v.sum()]) for k, v in cols.items()}
    total = np.asarray(m.compute(totals))
    assert total[0] == pytest.approx(np.average(per_row, weights=weights), rel=1e-9)


@given(cols=columns())
def test_profit_adds_up(cols: dict[str, np.ndarray]) -> None:
    per_row = np.asarray(sr.metric("profit").compute(cols))
    totals = {k: np.array([v.sum()]) for k, v in cols.items()}
    assert np.asarray(sr.metric("profit").compute(totals))[0] == pytest.approx(
        per_row.sum(), rel=1e-9
    )


@pytest.mark.parametrize("name", METRICS)
@settings(max_examples=25)
@given(cols=columns(rows=2), k=st.integers(2, 1000))
def test_scaling_every_measure_leaves_ratios_unchanged(
    name: str, cols: dict[str, np.ndarray], k: int
) -> None:
    """Money and counts scaled together: every ratio stays, profit scales."""
    scaled = {n: v * k for n, v in cols.items()}
    before, after = sr.metric(name).compute(cols), sr.metric(name).compute(scaled)
    expected = before * k if name == "profit" else before
    np.testing.assert_allclose(after, expected, rtol=1e-9)


@pytest.mark.parametrize("name", METRICS)
def test_undefined_where_the_denominator_is_zero(name: str) -> None:
    m = sr.metric(name)
    # a return of 0 recorded, so that only the denominator can make the metric undefined
    empty = sr.Measures("USD", return_recorded=m.reads_return)
    value = m.compute(empty)
    if m.denominator is None:
        assert value == 0.0
    else:
        assert math.isnan(value)
        assert m.compute(empty, zero_division=0.0) == 0.0


@pytest.mark.parametrize("name", [n for n in METRICS if sr.metric(n).reads_return])
def test_undefined_where_no_return_was_recorded(name: str) -> None:
    spend = sr.Measures.of("USD", ad_spend=10, salaries=5)
    assert math.isnan(sr.metric(name).compute(spend, zero_division=0.0))
    assert not sr.metric(name).supported_by(measure_source(spend))
    assert sr.metric(name).supported_by(measure_source(spend.valued_at({"leads": 1})))


def test_support_needs_recorded_counts_and_a_denominator() -> None:
    m = sr.Measures.of("USD", impressions=1_000, ad_spend=10)
    cols = m.to_dict()
    assert sr.metric("cpm").supported_by(cols)
    assert sr.metric("roi").supported_by(cols)
    assert not sr.metric("ctr").supported_by(cols)  # no clicks recorded
    assert not sr.metric("cost_per_lead").supported_by(cols)
    assert sr.metric("profit").supported_by(cols)


def test_cost_rates_use_the_whole_investment() -> None:
    m = sr.Measures.of("USD", impressions=10_000, ad_spend=30, creative=20, salaries=50)
    assert sr.metric("cpm").compute(m) == pytest.approx(10.0)
    assert sr.metric("roas").compute(m.valued_at({})) == 0.0  # ROAS reads ad spend only
    assert set(COST_MEASURES) >= {"ad_spend", "creative", "salaries"}


def test_unknown_names_fail_with_a_suggestion() -> None:
    with pytest.raises(sr.UnknownNameError, match="did you mean .*'cpm'"):
        sr.metric("cmp")
    with pytest.raises(sr.UnknownNameError, match="sr.METRICS"):
        sr.metric("zzz")
    with pytest.raises(sr.InvalidTypeError, match="metric name"):
        sr.metric(3)  # type: ignore[arg-type]
    with pytest.raises(sr.UnknownNameError, match="unknown measure"):
        measure_column({}, "clicks")


def test_metric_inputs_are_validated_like_formulas() -> None:
    with pytest.raises(sr.InvalidValueError, match="'impressions' must be >= 0"):
        sr.metric("cpm").compute({"impressions": [-1.0], "ad_spend": [3.0]})
    assert "engagements" in COUNT_MEASURES
