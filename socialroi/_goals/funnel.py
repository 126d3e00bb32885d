"""Funnels: ordered stages with a count at each, their conversions, drop-off and costs."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import attrs
import numpy as np

from socialroi._errors import InvalidTypeError, InvalidValueError
from socialroi._measures.measures import Measures
from socialroi._metrics import formulas as f
from socialroi._values.checks import check_number, parse_name
from socialroi._values.format import format_value, html_table, text_table
from socialroi._values.kinds import ActionKind

#: The source article's four stages, each counted by the action that best shows it.
DEFAULT_STEPS: tuple[tuple[str, ActionKind], ...] = (
    ("awareness", ActionKind.IMPRESSIONS),
    ("interest", ActionKind.LINK_CLICKS),
    ("evaluation", ActionKind.LEADS),
    ("purchase", ActionKind.PURCHASES),
)

#: Intent weights for the engagement score: each action's intent rank (0 for impressions up
#: to 5 for purchases), so a higher-intent action always adds more.
DEFAULT_INTENT_WEIGHTS: Mapping[ActionKind, float] = {k: float(k.intent) for k in ActionKind}


def _names(value: object) -> tuple[str, ...]:
    if isinstance(value, str) or not isinstance(value, Sequence):
        raise InvalidTypeError(f"'stages' must be a sequence of stage names: {value!r}")
    names = tuple(value)
    if len(names) < 2 or not all(isinstance(n, str) and n for n in names):
        raise InvalidValueError(f"'stages' needs two or more non-empty names: {value!r}")
    if len(set(names)) != len(names):
        raise InvalidValueError(f"'stages' names must be unique: {names}")
    return names


def _counts(value: object) -> tuple[float, ...]:
    if isinstance(value, str) or not isinstance(value, Sequence):
        raise InvalidTypeError(f"'counts' must be a sequence of numbers: {value!r}")
    return tuple(check_number(c, argument=f"counts[{i}]") for i, c in enumerate(value))


def _kinds(value: object) -> tuple[ActionKind | None, ...] | None:
    if value is None:
        return None
    if isinstance(value, str) or not isinstance(value, Sequence):
        raise InvalidTypeError(f"'kinds' must be a sequence of action kinds: {value!r}")
    return tuple(None if k is None else parse_name(ActionKind, k, argument="kinds") for k in value)


@attrs.frozen(kw_only=True)
class Funnel:
    """Ordered stages with a count at each; custom stages allowed.

    Conversion from one stage to the next is the next count over this one (it can exceed 1
    when counts come from different sources); the overall conversion is last over first and
    equals the product of the step conversions.

    Examples
    --------
    >>> import socialroi as sr
    >>> b2b = sr.Funnel(stages=["awareness", "interest", "lead", "qualified lead", "customer"],
    ...                 counts=[200_000, 3_000, 120, 40, 8])
    >>> b2b.step_conversions
    (0.015, 0.04, 0.3333333333333333, 0.2)
    >>> b2b.overall_conversion, b2b.weakest_step
    (4e-05, ('awareness', 'interest'))
    """

    stages: tuple[str, ...] = attrs.field(converter=_names)
    counts: tuple[float, ...] = attrs.field(converter=_counts)
    kinds: tuple[ActionKind | None, ...] | None = attrs.field(default=None, converter=_kinds)

    def __attrs_post_init__(self) -> None:
        if len(self.counts) != len(self.stages):
            raise InvalidValueError(
                f"'counts' needs one count per stage: {len(self.counts)} counts for "
                f"{len(self.stages)} stages"
            )
        if self.kinds is not None and len(self.kinds) != len(self.stages):
            raise InvalidValueError("'kinds' needs one action kind (or None) per stage")

    @classmethod
    def from_measures(
        cls,
        measures: Measures,
        steps: Sequence[tuple[str, str | ActionKind]] = DEFAULT_STEPS,
    ) -> Funnel:
        """A funnel read off an aggregate: each step names a stage and the action counted.

        >>> import socialroi as sr
        >>> m = sr.Measures.of("USD", impressions=50_000, link_clicks=600, leads=30,
        ...                    purchases=6)
        >>> sr.Funnel.from_measures(m).counts
        (50000.0, 600.0, 30.0, 6.0)
        """
        if not isinstance(measures, Measures):
            raise InvalidTypeError(f"'measures' must be socialroi.Measures: {measures!r}")
        kinds = [parse_name(ActionKind, kind, argument="steps kind") for _, kind in steps]
        return cls(
            stages=[stage for stage, _ in steps],
            counts=[measures.count(k) for k in kinds],
            kinds=kinds,
        )

    @property
    def step_conversions(self) -> tuple[float, ...]:
        """Conversion from each stage to the next (NaN after a stage with no count)."""
        c = np.asarray(self.counts)
        return tuple(float(x) for x in np.asarray(f.conversion_rate(c[1:], c[:-1])))

    @property
    def drop_off(self) -> tuple[float, ...]:
        """Share lost between each stage and the next: 1 - step conversion."""
        return tuple(1.0 - x for x in self.step_conversions)

    @property
    def overall_conversion(self) -> float:
        """Last stage over first stage."""
        return f.conversion_rate(self.counts[-1], self.counts[0])

    @property
    def weakest_step(self) -> tuple[str, str] | None:
        """The step with the lowest conversion (None when no step is defined)."""
        steps = [(x, i) for i, x in enumerate(self.step_conversions) if not math.isnan(x)]
        if not steps:
            return None
        _, i = min(steps)
        return self.stages[i], self.stages[i + 1]

    def cost_per_stage(self, investment: float) -> dict[str, float]:
        """What each stage cost per count: CPM where the stage counts impressions (per 1,000),
        cost per action elsewhere (CPC at interest, cost per lead, CPA at purchase)."""
        spend = check_number(investment, argument="investment")
        kinds = self.kinds or (None,) * len(self.stages)
        return {
            stage: f.cpm(spend, count)
            if kind is ActionKind.IMPRESSIONS
            else f.cost_per(spend, count)
            for stage, count, kind in zip(self.stages, self.counts, kinds, strict=True)
        }

    def _cells(self) -> list[list[str]]:
        return [
            [
                str(r["stage"]),
                format_value(r["count"], "count"),
                format_value(r["conversion"], "fraction"),
                format_value(r["drop_off"], "fraction"),
            ]
            for r in self.to_records()
        ]

    def _repr_html_(self) -> str:
        return html_table(
            ["stage", "count", "conversion", "drop-off"], self._cells(), caption="Funnel", labels=1
        )

    def to_text(self) -> str:
        """A plain-text table of stages, counts, conversions and drop-off; print it."""
        return text_table(["stage", "count", "conversion", "drop-off"], self._cells())

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text("Funnel(...)" if cycle else self.to_text())

    def to_records(self) -> list[dict[str, str | float]]:
        """One dict per stage: count, conversion from the previous stage, drop-off."""
        conv = (math.nan, *self.step_conversions)
        return [
            {"stage": s, "count": c, "conversion": x, "drop_off": 1.0 - x}
            for s, c, x in zip(self.stages, self.counts, conv, strict=True)
        ]


def side_by_side(funnels: Mapping[str, Funnel]) -> list[dict[str, str | float]]:
    """Funnels with the same stages (paid and organic, say) in one table, a row per stage.

    >>> import socialroi as sr
    >>> rows = sr.side_by_side({
    ...     "paid": sr.Funnel(stages=["clicks", "leads"], counts=[1_000, 20]),
    ...     "organic": sr.Funnel(stages=["clicks", "leads"], counts=[400, 20]),
    ... })
    >>> rows[1]["paid_conversion"], rows[1]["organic_conversion"]
    (0.02, 0.05)
    """
    if not funnels:
        raise InvalidValueError("'funnels' is empty")
    stages = {fn.stages for fn in funnels.values()}
    if len(stages) != 1:
        raise InvalidValueError(f"funnels side by side need the same stages: {stages}")
    (names,) = stages
    rows: list[dict[str, str | float]] = [{"stage": s} for s in names]
    for label, fn in funnels.items():
        for row, record in zip(rows, fn.to_records(), strict=True):
            row[f"{label}_count"] = record["count"]
            row[f"{label}_conversion"] = record["conversion"]
    return rows


def intent_score(
    measures: Measures, weights: Mapping[str | ActionKind, float] | None = None
) -> float:
    """Intent-weighted engagement: the sum of action counts times their weights.

    The default weights are the intent ranks (impressions 0, likes and follows 1, comments and
    shares 2, link clicks 3, leads, trials, demos and carts 4, purchases 5), after the SMMExpert
    article's ordering; pass your own to override some or all.

    >>> import socialroi as sr
    >>> sr.intent_score(sr.Measures.of("USD", impressions=10_000, likes=100, link_clicks=20))
    160.0
    """
    if not isinstance(measures, Measures):
        raise InvalidTypeError(f"'measures' must be socialroi.Measures: {measures!r}")
    chosen = dict(DEFAULT_INTENT_WEIGHTS)
    if weights is not None and not isinstance(weights, Mapping):
        raise InvalidTypeError(f"'weights' must map action kinds to weights: {weights!r}")
    for key, weight in (weights or {}).items():
        kind = parse_name(ActionKind, key, argument="weights key")
        chosen[kind] = check_number(weight, argument=f"weights[{kind.value!r}]")
    return float(sum(count * chosen[kind] for kind, count in measures.actions.items()))
