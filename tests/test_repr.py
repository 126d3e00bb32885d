"""Every value object has an eval-able repr (with socialroi's names in scope)."""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

import socialroi as sr

NAMESPACE = {name: getattr(sr, name) for name in sr.__all__} | {"nan": math.nan}


@settings(max_examples=30)
@given(
    st.one_of(
        st.from_type(sr.Money),
        st.from_type(sr.Reach),
        st.from_type(sr.Measures),
        st.from_type(sr.Activity),
        st.from_type(sr.Metric),
        st.from_type(sr.KPI),
        st.from_type(sr.Funnel),
        st.sampled_from([*sr.ActionKind, *sr.FunnelStage, *sr.Mode, *sr.CostCategory]),
    )
)
def test_repr_round_trips(value: object) -> None:
    assert eval(repr(value), NAMESPACE) == value


def test_results_and_guides_round_trip() -> None:
    from socialroi import attribution, stats

    namespace = NAMESPACE | {
        "RateComparison": stats.RateComparison,
        "Estimate": stats.Estimate,
        "Attribution": attribution.Attribution,
    }
    for value in (
        sr.Goal("g", [sr.KPI(tracks="roi", target=1)]),
        sr.StageGuide("s", ["roi"], "why"),
        sr.compare_to_benchmark(1, 2, direction="higher"),
        stats.compare_rates(1, 10, 2, 10),
        attribution.linear([["a", "b"]], [1]),
    ):
        assert eval(repr(value), namespace) == value
