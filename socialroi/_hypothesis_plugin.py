"""Hypothesis entry point: registers socialroi's strategies for ``st.from_type``.

Hypothesis runs this hook while it is itself being imported, possibly because
``socialroi.strategies`` is importing it; so the hook registers deferred strategies and
imports ``socialroi.strategies`` only when one is first drawn from.
"""

from __future__ import annotations

import importlib


def _hypothesis_setup_hook() -> None:
    from hypothesis import strategies as st

    from socialroi import (
        KPI,
        Action,
        Activity,
        CostRate,
        Funnel,
        Level,
        Measures,
        Metric,
        Money,
        Reach,
        Report,
        Row,
        Vocabulary,
    )

    def lazy(name: str) -> st.SearchStrategy[object]:
        return st.deferred(
            lambda: getattr(importlib.import_module("socialroi.strategies"), name)()
        )

    for cls, name in (
        (Money, "money"),
        (Reach, "reaches"),
        (Level, "levels"),
        (Measures, "measures"),
        (Activity, "activities"),
        (Row, "rows"),
        (Report, "reports"),
        (Metric, "metrics"),
        (KPI, "kpis"),
        (Funnel, "funnels"),
        (Action, "actions"),
        (Vocabulary, "vocabularies"),
        (CostRate, "cost_rates"),
    ):
        st.register_type_strategy(cls, lazy(name))
