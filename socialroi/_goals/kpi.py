"""KPIs: a metric or measure tracked against a target, on an aggregate or on every row.

A KPI tracks a macro action or a metric against a strategic goal with a target ("lift
product sales 20%" is tracked by purchases or revenue). Evaluating it gives the value, the
target, the attainment (value over target, or target over value when lower is better), whether
it is met and the gap. Pacing projects a partial period to its end.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import Union

import attrs
import numpy as np
from numpy.typing import ArrayLike

from socialroi._errors import InvalidTypeError, InvalidValueError, UnknownNameError
from socialroi._measures.measures import ADDITIVE_MEASURES, DERIVED_MEASURES, Measures
from socialroi._metrics.arrays import Float64Array, FloatOrArray, ZeroDivision, divide
from socialroi._metrics.catalog import (
    MEASURE_NAMES,
    METRICS,
    Direction,
    measure_column,
)
from socialroi._reports.report import Report, Row
from socialroi._values.checks import check_number, parse_name
from socialroi._values.format import html_table
from socialroi._values.kinds import FunnelStage

Source = Union[Measures, Row, Report]  # noqa: UP007 (runtime alias, Python 3.10)
Formula = Callable[[Mapping[str, ArrayLike]], ArrayLike]
#: Measures where lower is better, when a KPI tracks a measure directly.
_LOWER_MEASURES = frozenset(("investment", *DERIVED_MEASURES["investment"]))


def _columns(source: object) -> tuple[Mapping[str, ArrayLike], bool]:
    if isinstance(source, Measures):
        return source.to_dict(), True
    if isinstance(source, Row):
        return source.measures.to_dict(), True
    if isinstance(source, Report):
        names = (*ADDITIVE_MEASURES, "reach_low", "reach_high")
        return {n: source.column(n) for n in names}, False
    raise InvalidTypeError(f"'source' must be Measures, a Row or a Report: {source!r}")


def _direction(value: object) -> Direction | None:
    if value is None:
        return None
    way = parse_name(Direction, value, argument="direction")
    if way is Direction.NEUTRAL:
        raise InvalidValueError("a KPI's 'direction' must be 'higher' or 'lower', not neutral")
    return way


def _stage(value: object) -> FunnelStage | None:
    return None if value is None else parse_name(FunnelStage, value, argument="stage")


def _target(value: object) -> float:
    return check_number(value, argument="target", allow_negative=True)


def _baseline(value: object) -> float | None:
    return None if value is None else check_number(value, argument="baseline")


@attrs.frozen
class KPIResult:
    """A KPI evaluated: floats on one aggregate, arrays (one per row) on a report.

    ``attainment`` is value / target when higher is better and target / value when lower is
    better (1.0 means exactly on target; undefined, NaN, when the divisor is 0); ``gap`` is
    value - target; ``met`` is whether the value is at least as good as the target.
    """

    name: str
    value: FloatOrArray = attrs.field(eq=False)
    target: float
    attainment: FloatOrArray = attrs.field(eq=False)
    met: bool | np.ndarray = attrs.field(eq=False)
    gap: FloatOrArray = attrs.field(eq=False)

    def to_dict(self) -> dict[str, object]:
        """The result as a plain dict (arrays stay arrays on a report)."""
        return {
            "name": self.name,
            "value": self.value,
            "target": self.target,
            "attainment": self.attainment,
            "met": self.met,
            "gap": self.gap,
        }

    def _repr_html_(self) -> str:
        def show(x: object) -> str:
            return ", ".join(f"{v:,.4g}" for v in np.atleast_1d(np.asarray(x, dtype=float)))

        rows = [
            ["value", show(self.value)],
            ["target", show(self.target)],
            ["attainment", show(self.attainment)],
            ["met", ", ".join("yes" if m else "no" for m in np.atleast_1d(self.met))],
            ["gap", show(self.gap)],
        ]
        return html_table(["", self.name], rows, caption="KPI", labels=1)


@attrs.frozen
class Pace:
    """Where a KPI is heading: ``projected`` is the value at the end of the period at the
    current rate (additive measures scale by 1 / elapsed; ratios stay as they are)."""

    name: str
    value: FloatOrArray = attrs.field(eq=False)
    elapsed: float
    projected: FloatOrArray = attrs.field(eq=False)
    target: float
    on_track: bool | np.ndarray = attrs.field(eq=False)


@attrs.frozen(kw_only=True)
class KPI:
    """A metric or measure with a target.

    Parameters
    ----------
    tracks
        A catalog metric (``"cpa"``, ``"roi"``), a measure (``"purchases"``, ``"revenue"``,
        ``"return"``), or your own formula: a function of the measure columns (a mapping from
        measure names to numbers or arrays).
    target
        The value to reach; with ``baseline``, a relative change instead (0.2 for +20%).
    direction
        ``"higher"`` or ``"lower"`` is better; defaults to the metric's (measures: higher, but
        investment lower); required for your own formula.
    stage
        The funnel stage tracked; defaults to the metric's.
    baseline
        Last period's value, for relative targets: target = baseline x (1 + target).
    name
        Defaults to the metric or measure name.

    Examples
    --------
    "Lift product sales 20% over last quarter", last quarter's purchases being 500:

    >>> import socialroi as sr
    >>> kpi = sr.KPI(tracks="purchases", target=0.20, baseline=500)
    >>> r = kpi.evaluate(sr.Measures.of("USD", purchases=570))
    >>> r.target, round(r.attainment, 3), r.met, r.gap
    (600.0, 0.95, False, -30.0)
    """

    tracks: str | Formula
    target: float = attrs.field(converter=_target)
    direction: Direction | None = attrs.field(default=None, converter=_direction)
    stage: FunnelStage | None = attrs.field(default=None, converter=_stage)
    baseline: float | None = attrs.field(default=None, converter=_baseline)
    name: str = attrs.field(default="")

    def __attrs_post_init__(self) -> None:
        if isinstance(self.tracks, str):
            if self.tracks not in METRICS and self.tracks not in MEASURE_NAMES:
                raise UnknownNameError(
                    f"'tracks' must be a metric or measure name, or a function: {self.tracks!r}"
                    " (see sr.METRICS)"
                )
        elif not callable(self.tracks):
            raise InvalidTypeError(f"'tracks' must be a name or a function: {self.tracks!r}")
        elif self.direction is None:
            raise InvalidValueError("a KPI on your own formula needs direction='higher'|'lower'")
        if not self.name:
            object.__setattr__(
                self,
                "name",
                self.tracks
                if isinstance(self.tracks, str)
                else getattr(self.tracks, "__name__", "kpi"),
            )

    @property
    def better(self) -> Direction:
        """The direction in force (given, or the metric's)."""
        if self.direction is not None:
            return self.direction
        if isinstance(self.tracks, str) and self.tracks in METRICS:
            way = METRICS[self.tracks].direction
            if way is Direction.NEUTRAL:
                raise InvalidValueError(
                    f"{self.tracks!r} has no better direction: give direction='higher'|'lower'"
                )
            return way
        return Direction.LOWER if self.tracks in _LOWER_MEASURES else Direction.HIGHER

    @property
    def funnel_stage(self) -> FunnelStage | None:
        """The stage tracked (given, or the metric's)."""
        if self.stage is not None or not isinstance(self.tracks, str):
            return self.stage
        return METRICS[self.tracks].stage if self.tracks in METRICS else None

    @property
    def absolute_target(self) -> float:
        """The target as a value: baseline x (1 + target) when a baseline is set."""
        if self.baseline is None:
            return self.target
        return self.baseline * (1.0 + self.target)

    def value(self, source: Source, *, zero_division: ZeroDivision = math.nan) -> FloatOrArray:
        """The tracked quantity on ``source`` (a float, or one value per report row)."""
        columns, scalar = _columns(source)
        if callable(self.tracks):
            raw: FloatOrArray = np.asarray(self.tracks(columns), dtype=np.float64)
        elif self.tracks in METRICS:
            raw = METRICS[self.tracks].compute(columns, zero_division=zero_division)
        else:
            raw = measure_column(columns, self.tracks)
        out = np.asarray(raw, dtype=np.float64)
        return float(out) if scalar and out.ndim == 0 else out

    def evaluate(self, source: Source, *, zero_division: ZeroDivision = math.nan) -> KPIResult:
        """Value, target, attainment, met and gap on ``source``."""
        value = self.value(source, zero_division=zero_division)
        return _judge(self, value, zero_division)

    def pace(self, source: Source, *, elapsed: float) -> Pace:
        """Project the value to the end of the period when ``elapsed`` of it has passed."""
        part = check_number(elapsed, argument="elapsed")
        if not 0.0 < part <= 1.0:
            raise InvalidValueError(
                f"'elapsed' must be a fraction of the period in (0, 1]: {elapsed!r}"
            )
        value = self.value(source)
        additive = isinstance(self.tracks, str) and self.tracks in MEASURE_NAMES
        projected = np.asarray(value, dtype=np.float64) / part if additive else np.asarray(value)
        verdict = _judge(self, projected, math.nan).met
        shown: FloatOrArray = float(projected) if isinstance(value, float) else projected
        return Pace(self.name, value, part, shown, self.absolute_target, verdict)


def _judge(kpi: KPI, value: FloatOrArray, zero_division: ZeroDivision) -> KPIResult:
    target = kpi.absolute_target
    v: Float64Array = np.asarray(value, dtype=np.float64)
    t = np.full(v.shape, target)
    with np.errstate(invalid="ignore"):
        if kpi.better is Direction.HIGHER:
            attainment = divide(v, t, denominator_name="target", zero_division=zero_division)
            met = v >= t
        else:
            attainment = divide(t, v, denominator_name="value", zero_division=zero_division)
            met = v <= t
    scalar = isinstance(value, float)
    return KPIResult(
        kpi.name,
        value,
        target,
        float(attainment) if scalar else attainment,
        bool(met) if scalar else met,
        float(v - t) if scalar else v - t,
    )


def _kpi_tuple(value: object) -> tuple[KPI, ...]:
    if not isinstance(value, (list, tuple)) or not all(isinstance(k, KPI) for k in value):
        raise InvalidTypeError(f"'kpis' must be a sequence of KPI objects: {value!r}")
    return tuple(value)


@attrs.frozen
class Goal:
    """A strategic goal tracked by a group of KPIs (the source articles' goals: sales; leads
    and opportunities; brand awareness and sentiment; customer and employee retention and
    advocacy).

    >>> import socialroi as sr
    >>> goal = sr.Goal("leads", (sr.KPI(tracks="qualified_leads", target=40),
    ...                          sr.KPI(tracks="cost_per_qualified_lead", target=600)))
    >>> results = goal.evaluate(sr.Measures.of("USD", qualified_leads=45, salaries=30_000))
    >>> {name: r.met for name, r in results.items()}
    {'qualified_leads': True, 'cost_per_qualified_lead': False}
    """

    name: str
    kpis: tuple[KPI, ...] = attrs.field(converter=_kpi_tuple)

    def __attrs_post_init__(self) -> None:
        names = [k.name for k in self.kpis]
        if len(set(names)) != len(names):
            raise InvalidValueError(f"KPI names in a goal must be unique: {names}")

    def evaluate(self, source: Source) -> dict[str, KPIResult]:
        """Every KPI on ``source``, by name."""
        return {k.name: k.evaluate(source) for k in self.kpis}
