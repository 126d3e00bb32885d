"""Funnels: ordered stages with a count at each, their conversions, drop-off and costs."""

from __future__ import annotations

import math
import types
from collections.abc import Mapping, Sequence
from typing import Any

import attrs
import numpy as np

from socialroi._errors import InvalidTypeError, InvalidValueError
from socialroi._measures.measures import Measures
from socialroi._metrics import formulas as f
from socialroi._reports.report import Row
from socialroi._values.checks import check_number
from socialroi._values.format import (
    DEFAULT_PRECISION,
    check_precision,
    format_value,
    html_table,
    text_table,
)
from socialroi._values.kinds import ActionKind
from socialroi._values.vocabulary import VOCABULARY, Vocabulary, check_vocabulary

#: The source article's four stages, each counted by the action that best shows it.
DEFAULT_STEPS: tuple[tuple[str, str], ...] = (
    ("awareness", "impressions"),
    ("interest", "link_clicks"),
    ("evaluation", "leads"),
    ("purchase", "purchases"),
)

#: Intent weights for the engagement score: each action's intent rank (0 for impressions up
#: to 5 for purchases), so a higher-intent action always adds more. A vocabulary of your own
#: weighs its actions by their own intent ranks.
DEFAULT_INTENT_WEIGHTS: Mapping[str, float] = types.MappingProxyType(
    {a.name: float(a.intent) for a in VOCABULARY.actions}
)


def _sequence(value: object, argument: str, what: str) -> list[object]:
    """The items of a list, tuple or 1-d array (a string is one name, not a sequence)."""
    if isinstance(value, np.ndarray) and value.ndim == 1:
        return list(value.tolist())
    if isinstance(value, (str, bytes)) or not isinstance(value, Sequence):
        raise InvalidTypeError(f"{argument!r} must be a sequence of {what}: {value!r}")
    return list(value)


def _names(value: object) -> tuple[str, ...]:
    names = _sequence(value, "stages", "stage names")
    if len(names) < 2 or not all(isinstance(n, str) and n for n in names):
        raise InvalidValueError(f"'stages' needs two or more non-empty names: {value!r}")
    if len(set(names)) != len(names):
        raise InvalidValueError(f"'stages' names must be unique: {names}")
    return tuple(str(n) for n in names)


def _counts(value: object) -> tuple[float, ...]:
    items = _sequence(value, "counts", "numbers")
    return tuple(check_number(c, argument=f"counts[{i}]") for i, c in enumerate(items))


def _kinds(value: object) -> tuple[str | ActionKind | None, ...] | None:
    """Action names (or None), checked against the funnel's vocabulary once it is known."""
    if value is None:
        return None
    kinds = _sequence(value, "kinds", "action names (or None)")
    for i, k in enumerate(kinds):
        if k is not None and not isinstance(k, (str, ActionKind)):
            raise InvalidTypeError(f"'kinds[{i}]' must be an action name or None: {k!r}")
    return tuple(kinds)  # type: ignore[arg-type]  # checked above


def _nested(value: object) -> bool:
    if not isinstance(value, bool):
        raise InvalidTypeError(f"'nested' must be True or False: {value!r}")
    return value


def steps_of(
    value: object, argument: str, vocabulary: Vocabulary = VOCABULARY
) -> tuple[tuple[str, str], ...]:
    """(stage, action) pairs, checked: two or more, stage names unique and non-empty, each
    action one of the vocabulary's."""
    steps = []
    for i, step in enumerate(_sequence(value, argument, "(stage, action kind) pairs")):
        if not isinstance(step, (tuple, list)) or len(step) != 2 or not isinstance(step[0], str):
            raise InvalidTypeError(
                f"'{argument}[{i}]' must be a (stage, action kind) pair: {step!r}"
            )
        kind = vocabulary.action(step[1], argument=f"{argument}[{i}] kind").name
        steps.append((str(step[0]), kind))
    stages = [stage for stage, _ in steps]
    if len(stages) < 2 or len(set(stages)) != len(stages) or not all(stages):
        raise InvalidValueError(
            f"{argument!r} needs two or more steps with unique, non-empty stage names: {stages}"
        )
    return tuple(steps)


#: The marker of a step whose count grows, in a funnel whose stages are not nested.
GROWS = "*"


@attrs.frozen(kw_only=True)
class Funnel:
    """Ordered stages with a count at each; custom stages allowed.

    Conversion from one stage to the next is the next count over this one; the overall
    conversion is last over first and equals the product of the step conversions.

    A funnel is **nested** by default: everyone counted at a stage was counted at the stage
    before, so a count can never grow down the steps, and a count that does raises
    ``InvalidValueError`` naming the step and its counts (it usually means a stage is counted
    from another source, or two stages are swapped). Where the stages really are counted
    apart (page views from analytics after link clicks from the network, say), pass
    ``nested=False``: a step's conversion may then exceed 1 and its drop-off go below 0, and
    such steps are listed in :attr:`growing_steps` and marked with ``*`` in :meth:`to_text`
    and the notebook table.

    Examples
    --------
    >>> import socialroi as sr
    >>> b2b = sr.Funnel(stages=["awareness", "interest", "lead", "qualified lead", "customer"],
    ...                 counts=[200_000, 3_000, 120, 40, 8])
    >>> b2b.step_conversions
    (0.015, 0.04, 0.3333333333333333, 0.2)
    >>> b2b.overall_conversion, b2b.weakest_step
    (4e-05, ('awareness', 'interest'))

    Counts that grow need ``nested=False``, and are flagged:

    >>> try:
    ...     sr.Funnel(stages=["clicks", "page views"], counts=[100, 1_000])
    ... except sr.InvalidValueError as error:
    ...     print(error)
    'counts' grow from 'clicks' (100.0) to 'page views' (1000.0), so the stages are not
    nested; pass nested=False if they are counted apart (a conversion above 100% is then
    allowed and flagged)
    >>> apart = sr.Funnel(stages=["clicks", "page views"], counts=[100, 1_000], nested=False)
    >>> apart.step_conversions, apart.growing_steps
    ((10.0,), (('clicks', 'page views'),))
    >>> print(apart.to_text())
         stage  count  conversion  drop-off
        clicks    100         n/a       n/a
    page views  1,000    1,000%*    -900%*
    * the count grows at this step: the stages are not nested
    """

    stages: tuple[str, ...] = attrs.field(converter=_names)
    counts: tuple[float, ...] = attrs.field(converter=_counts)
    kinds: tuple[str | None, ...] | None = attrs.field(default=None, converter=_kinds)
    nested: bool = attrs.field(default=True, converter=_nested)
    vocabulary: Vocabulary = attrs.field(
        default=VOCABULARY, converter=check_vocabulary, repr=False
    )

    def __attrs_post_init__(self) -> None:
        if self.kinds is not None:
            names = tuple(
                None if k is None else self.vocabulary.action(k, argument=f"kinds[{i}]").name
                for i, k in enumerate(self.kinds)
            )
            object.__setattr__(self, "kinds", names)
        if len(self.counts) != len(self.stages):
            raise InvalidValueError(
                f"'counts' needs one count per stage: {len(self.counts)} counts for "
                f"{len(self.stages)} stages"
            )
        if self.kinds is not None and len(self.kinds) != len(self.stages):
            raise InvalidValueError(
                f"'kinds' needs one action kind (or None) per stage: {len(self.kinds)} kinds "
                f"for {len(self.stages)} stages"
            )
        if self.nested and self.growing_steps:
            (before, after), i = self.growing_steps[0], self.stages.index(self.growing_steps[0][0])
            raise InvalidValueError(
                f"'counts' grow from {before!r} ({self.counts[i]!r}) to {after!r} "
                f"({self.counts[i + 1]!r}), so the stages are not nested; pass nested=False "
                "if they are counted apart (a conversion above 100% is then allowed and flagged)"
            )

    @classmethod
    def from_measures(
        cls,
        measures: Measures | Row,
        steps: Sequence[tuple[str, str | ActionKind]] = DEFAULT_STEPS,
        *,
        nested: bool = True,
    ) -> Funnel:
        """A funnel read off an aggregate (measures, or a report's row such as
        ``report.total``): each step names a stage and the action counted.

        >>> import socialroi as sr
        >>> m = sr.Measures.of("USD", impressions=50_000, link_clicks=600, leads=30,
        ...                    purchases=6)
        >>> sr.Funnel.from_measures(m).counts
        (50000.0, 600.0, 30.0, 6.0)
        """
        if isinstance(measures, Row):
            measures = measures.measures
        if not isinstance(measures, Measures):
            raise InvalidTypeError(
                f"'measures' must be socialroi.Measures or a report's Row: {measures!r}"
            )
        pairs = steps_of(steps, "steps", measures.vocabulary)
        return cls(
            stages=[stage for stage, _ in pairs],
            counts=[measures.count(kind) for _, kind in pairs],
            kinds=[kind for _, kind in pairs],
            nested=nested,
            vocabulary=measures.vocabulary,
        )

    @property
    def growing_steps(self) -> tuple[tuple[str, str], ...]:
        """The steps (stage, next stage) where the count grows; empty in a nested funnel."""
        return tuple(
            (self.stages[i], self.stages[i + 1])
            for i in range(len(self.counts) - 1)
            if self.counts[i + 1] > self.counts[i]
        )

    @property
    def step_conversions(self) -> tuple[float, ...]:
        """Conversion from each stage to the next (NaN after a stage with no count)."""
        c = np.asarray(self.counts)
        return tuple(float(x) for x in np.asarray(f.conversion_rate(c[1:], c[:-1])))

    @property
    def drop_off(self) -> tuple[float, ...]:
        """Share lost between each stage and the next: 1 - step conversion (below 0 where
        the count grows, in a funnel that is not nested)."""
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
            stage: f.cpm(spend, count) if kind == "impressions" else f.cost_per(spend, count)
            for stage, count, kind in zip(self.stages, self.counts, kinds, strict=True)
        }

    def _cells(self, precision: int) -> list[list[str]]:
        grows = {after for _, after in self.growing_steps}
        mark = {True: GROWS, False: ""}
        digits = check_precision(precision)
        return [
            [
                str(r["stage"]),
                format_value(r["count"], "count", precision=digits),
                format_value(r["conversion"], "fraction", precision=digits)
                + mark[r["stage"] in grows],
                format_value(r["drop_off"], "fraction", precision=digits)
                + mark[r["stage"] in grows],
            ]
            for r in self.to_records()
        ]

    def _note(self) -> str:
        if not self.growing_steps:
            return ""
        return f"{GROWS} the count grows at this step: the stages are not nested"

    def to_html(self, *, precision: int = DEFAULT_PRECISION) -> str:
        """The notebook's HTML table, formatted as :meth:`to_text`."""
        caption = "Funnel" + (f" ({self._note()})" if self.growing_steps else "")
        return html_table(
            ["stage", "count", "conversion", "drop-off"],
            self._cells(precision),
            caption=caption,
            labels=1,
        )

    def _repr_html_(self) -> str:
        return self.to_html()

    def to_text(self, *, precision: int = DEFAULT_PRECISION) -> str:
        """A plain-text table of stages, counts, conversions and drop-off; print it. Rates
        show ``precision`` significant figures (3 by default: a CTR of 0.000176 is
        ``0.0176%``, a drop-off of 0.99982 is ``99.98%``). Steps where the count grows (a
        funnel that is not nested) are marked ``*``, with a note."""
        table = text_table(["stage", "count", "conversion", "drop-off"], self._cells(precision))
        return table + (f"\n{self._note()}" if self.growing_steps else "")

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

    Examples
    --------
    >>> import socialroi as sr
    >>> rows = sr.side_by_side({
    ...     "paid": sr.Funnel(stages=["clicks", "leads"], counts=[1_000, 20]),
    ...     "organic": sr.Funnel(stages=["clicks", "leads"], counts=[400, 20]),
    ... })
    >>> rows[1]["paid_conversion"], rows[1]["organic_conversion"]
    (0.02, 0.05)
    """
    if not isinstance(funnels, Mapping):
        raise InvalidTypeError(f"'funnels' must map labels to Funnel objects: {funnels!r}")
    if not funnels:
        raise InvalidValueError("'funnels' is empty: give one Funnel or more, by label")
    for label, fn in funnels.items():
        if not isinstance(label, str) or not isinstance(fn, Funnel):
            raise InvalidTypeError(
                f"'funnels' must map string labels to Funnel objects: {label!r}: {fn!r}"
            )
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
    chosen = {a.name: float(a.intent) for a in measures.vocabulary.actions}
    if weights is not None and not isinstance(weights, Mapping):
        raise InvalidTypeError(f"'weights' must map action kinds to weights: {weights!r}")
    given: set[str] = set()
    for key, weight in (weights or {}).items():
        kind = measures.vocabulary.action(key, argument="weights key").name
        if kind in given:
            raise InvalidValueError(f"'weights' gives {kind!r} twice: {weights!r}")
        given.add(kind)
        chosen[kind] = check_number(weight, argument=f"weights[{kind!r}]")
    return float(sum(count * chosen[kind] for kind, count in measures.actions.items()))
