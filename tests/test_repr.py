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
        st.sampled_from([*sr.ActionKind, *sr.FunnelStage, *sr.Mode, *sr.CostCategory]),
    )
)
def test_repr_round_trips(value: object) -> None:
    assert eval(repr(value), NAMESPACE) == value
