"""KPIs: a metric or measure tracked against a target, on an aggregate or on every row.

A KPI tracks a macro action or a metric against a strategic goal with a target ("lift
product sales 20%" is tracked by purchases or revenue). Evaluating it gives the value, the
target, the attainment (value over target, or target over value when lower is better), whether
it is met and the gap. Pacing projects a partial period to its end.
"""

from __future__ import annotations

import math
import numbers
import types
from collections.abc import Callable, Mapping
from typing import Union

import attrs
import numpy as np
from numpy.typing import ArrayLike, NDArray

from socialroi._errors import (
    CurrencyMismatchError,
    InvalidTypeError,
    InvalidValueError,
    SocialROIError,
    UndefinedRatioError,
    UnknownNameError,
    VocabularyMismatchError,
)
from socialroi._measures.measures import Measures
from socialroi._metrics.arrays import (
    Float64Array,
    FloatOrArray,
    ZeroDivision,
    check_zero_division,
)
from socialroi._metrics.catalog import (
    REACH,
    Direction,
    catalog,
    measure_column,
    measure_names,
    rate_of,
    reach_is_exact,
)
from socialroi._reports.calendar import Calendar, check_calendar
from socialroi._reports.report import Report, Row
from socialroi._values.checks import check_number, parse_name
from socialroi._values.currency import check_currency
from socialroi._values.format import format_value, html_table
from socialroi._values.kinds import FunnelStage
from socialroi._values.rates import CostRate
from socialroi._values.vocabulary import VOCABULARY, Vocabulary, check_vocabulary

_CALENDAR = Calendar()
Source = Union[Measures, Row, Report]  # noqa: UP007 (runtime alias, Python 3.10)
Formula = Callable[[Mapping[str, ArrayLike]], ArrayLike]
BoolArray = NDArray[np.bool_]


#: Measures where lower is better, when a KPI tracks a measure directly.
def _lower(name: str, vocabulary: Vocabulary) -> bool:
    """Measures where lower is better: investment, and each of its cost categories."""
    return name == "investment" or name in vocabulary.costs


#: Catalog metrics that can be negative, with the lowest value each can take (ROI: a total
#: loss). Every other metric, and every measure, is >= 0 (tests/test_goals.py checks this
#: against the catalog).
_SIGNED: Mapping[str, float] = types.MappingProxyType(
    {"roi": -1.0, "profit": -math.inf, "net_sentiment": -1.0}
)


def _columns(source: object) -> tuple[Mapping[str, ArrayLike], bool, Vocabulary]:
    if isinstance(source, Measures):
        return source.to_dict(), True, source.vocabulary
    if isinstance(source, Row):
        return source.measures.to_dict(), True, source.measures.vocabulary
    if isinstance(source, Report):
        names = (*source.vocabulary.additive, "reach_low", "reach_high")
        return {n: source.column(n) for n in names}, False, source.vocabulary
    raise InvalidTypeError(f"'source' must be Measures, a Row or a Report: {source!r}")


def _currency_of(source: Source) -> str:
    if isinstance(source, Measures):
        return source.currency
    if isinstance(source, Row):
        return source.measures.currency
    return source.currency


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
    """A number, or a :class:`CostRate` (turned into the metric's number once the KPI knows
    what it tracks)."""
    if isinstance(value, CostRate):
        return value  # type: ignore[return-value]  # read in __attrs_post_init__
    return check_number(value, argument="target", allow_negative=True)


def _currency(value: object) -> str | None:
    return None if value is None else check_currency(value)


def _baseline(value: object) -> float | None:
    if value is None:
        return None
    baseline = check_number(value, argument="baseline")
    if baseline == 0:
        raise InvalidValueError(
            "'baseline' must be > 0 for a relative target (a change from 0 is no target): 0; "
            "give the target as a value instead"
        )
    return baseline


def _name(value: object) -> str:
    if not isinstance(value, str):
        raise InvalidTypeError(f"'name' must be a string: {value!r}")
    return value


def _lowest(tracks: object) -> float:
    """The lowest value ``tracks`` can take: measures and all catalog metrics but the signed
    ones are sums or ratios of non-negative measures; your own formulas are unbounded."""
    if not isinstance(tracks, str):
        return -math.inf
    return _SIGNED.get(tracks, 0.0)


def result_number(value: object) -> FloatOrArray:
    """A result's number: a plain float (NaN and infinities allowed: undefined, unbounded),
    or a float64 array (one value per report row)."""
    if isinstance(value, np.ndarray) and value.dtype.kind in "biuf":
        return value.astype(np.float64, copy=False) if value.ndim else float(value)
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise InvalidTypeError(f"a result's value must be a number or an array: {value!r}")
    try:
        return float(value)
    except OverflowError:
        raise InvalidValueError(f"a result's value is too large for a float: {value!r}") from None


def _verdict(value: object) -> bool | BoolArray:
    """A result's yes/no: a plain bool, or a bool array (one per report row)."""
    if isinstance(value, np.ndarray) and value.dtype.kind == "b":
        return value if value.ndim else bool(value)
    if not isinstance(value, (bool, np.bool_)):
        raise InvalidTypeError(f"a KPI result's verdict must be a bool or an array: {value!r}")
    return bool(value)


@attrs.frozen
class KPIResult:
    """A KPI evaluated: plain Python floats and bools on one aggregate, arrays (one value
    per row) on a report.

    ``attainment`` is value / target when higher is better and target / value when lower is
    better (1.0 means exactly on target). It is undefined where that ratio means nothing: a
    target of 0 or less, or (lower is better) a value of 0 or less; those places follow the
    ``zero_division`` policy (NaN by default). ``gap`` is value - target; ``met`` is whether
    the value is at least as good as the target in the KPI's direction (never for an
    undefined, NaN, value).
    """

    name: str = attrs.field(converter=_name)
    value: FloatOrArray = attrs.field(eq=False, converter=result_number)
    target: float = attrs.field(converter=result_number)
    attainment: FloatOrArray = attrs.field(eq=False, converter=result_number)
    met: bool | BoolArray = attrs.field(eq=False, converter=_verdict)
    gap: FloatOrArray = attrs.field(eq=False, converter=result_number)

    def to_dict(self) -> dict[str, object]:
        """The result as a plain dict (arrays stay arrays on a report).

        >>> import json, socialroi as sr
        >>> r = sr.KPI(tracks="purchases", target=600).evaluate(
        ...     sr.Measures.of("USD", purchases=570))
        >>> json.dumps(r.to_dict())
        '{"name": "purchases", "value": 570.0, "target": 600.0, "attainment": 0.95,
          "met": false, "gap": -30.0}'
        """
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
            values = np.atleast_1d(np.asarray(x, dtype=float)).tolist()
            return ", ".join(format_value(v, "number", precision=4) for v in values)

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
    current rate (additive measures scale by 1 / elapsed; ratios and your own formulas stay
    as they are). Plain Python floats and bools on one aggregate, arrays on a report."""

    name: str = attrs.field(converter=_name)
    value: FloatOrArray = attrs.field(eq=False, converter=result_number)
    elapsed: float = attrs.field(converter=result_number)
    projected: FloatOrArray = attrs.field(eq=False, converter=result_number)
    target: float = attrs.field(converter=result_number)
    on_track: bool | BoolArray = attrs.field(eq=False, converter=_verdict)


@attrs.frozen(kw_only=True)
class KPI:
    """A metric or measure with a target.

    Parameters
    ----------
    tracks
        A catalog metric (``"cpa"``, ``"roi"``), a measure (``"purchases"``, ``"revenue"``,
        ``"return"``), or your own formula: a function of the measure columns (a mapping from
        measure names to numbers or arrays) that returns a number (an array of one number per
        row on a report).
    target
        The value to reach; with ``baseline``, a relative change instead (0.2 for +20%).
    direction
        ``"higher"`` or ``"lower"`` is better; defaults to the metric's (measures: higher, but
        investment lower); required for your own formula and for a metric without a better
        direction (frequency).
    stage
        The funnel stage tracked; defaults to the metric's.
    baseline
        Last period's value (> 0), for relative targets: target = baseline x (1 + target).
    name
        Defaults to the metric or measure name.

    Notes
    -----
    **Targets a KPI can never miss are errors.** Measures (counts and money) and every catalog
    metric but ROI and profit are sums or ratios of non-negative measures, so a target below
    0 (with a baseline: a relative target below -1) raises ``InvalidValueError``. ROI cannot
    fall below -1 (a total loss), so its target must be >= -1; profit and your own formulas
    take any target.

    **Attainment** is value / target (higher is better) or target / value (lower is better)
    where that is a share of the way to the target: the target is > 0 and, when lower is
    better, so is the value. Elsewhere (an ROI target of 0 or -0.5, a profit target of
    -1,000) the ratio means nothing, so attainment is undefined and follows
    ``zero_division`` (NaN by default, ``"raise"`` to be told). ``met`` and ``gap`` are
    always defined: ``met`` compares the value with the target in the KPI's direction.

    Examples
    --------
    "Lift product sales 20% over last quarter", last quarter's purchases being 500:

    >>> import socialroi as sr
    >>> kpi = sr.KPI(tracks="purchases", target=0.20, baseline=500)
    >>> r = kpi.evaluate(sr.Measures.of("USD", purchases=570))
    >>> r.target, round(r.attainment, 3), r.met, r.gap
    (600.0, 0.95, False, -30.0)

    "Lose at most 20% of the spend": ROI against a negative target is met or not, and its
    attainment is undefined:

    >>> r = sr.KPI(tracks="roi", target=-0.2).evaluate(
    ...     sr.Measures.of("USD", ad_spend=1_000, revenue=900))
    >>> r.value, r.met, r.attainment
    (-0.1, True, nan)
    >>> try:
    ...     sr.KPI(tracks="leads", target=-5)
    ... except sr.InvalidValueError as error:
    ...     print(error)
    'target' must be >= 0 for 'leads', which cannot be negative: -5.0
    """

    tracks: str | Formula
    target: float = attrs.field(converter=_target)
    direction: Direction | None = attrs.field(default=None, converter=_direction)
    stage: FunnelStage | None = attrs.field(default=None, converter=_stage)
    baseline: float | None = attrs.field(default=None, converter=_baseline)
    name: str = attrs.field(default="", converter=_name)
    vocabulary: Vocabulary = attrs.field(
        default=VOCABULARY, converter=check_vocabulary, kw_only=True, repr=False
    )
    #: The currency of a money target (a cost rate given as the target sets it): sources in
    #: another currency are refused, never compared as bare numbers.
    currency: str | None = attrs.field(default=None, converter=_currency, kw_only=True)

    def _rate_target(self, rate: CostRate) -> None:
        entry = catalog(self.vocabulary).get(self.tracks) if isinstance(self.tracks, str) else None
        paid_per = None if entry is None else rate_of(entry)
        if paid_per is None:
            raise InvalidValueError(
                f"a cost rate is a target for a cost-rate metric (cpm, cpc, cost_per_<action>),"
                f" not for {self.tracks!r}: {rate}"
            )
        if paid_per[0] != rate.action:
            raise InvalidValueError(
                f"'target' {rate} is paid per {rate.action!r}, and {self.tracks!r} per "
                f"{paid_per[0]!r}"
            )
        if self.currency is not None and self.currency != rate.currency:
            raise CurrencyMismatchError(
                f"'target' is in {rate.currency} and 'currency' is {self.currency}"
            )
        object.__setattr__(self, "target", rate.amount / rate.per * paid_per[1])
        object.__setattr__(self, "currency", rate.currency)

    def __attrs_post_init__(self) -> None:
        if isinstance(self.target, CostRate):
            self._rate_target(self.target)
        if isinstance(self.tracks, str):
            known = catalog(self.vocabulary)
            if self.tracks not in known and self.tracks not in measure_names(self.vocabulary):
                raise UnknownNameError(
                    f"'tracks' must be a metric or measure name, or a function: {self.tracks!r}"
                    " (see sr.METRICS); a KPI on an action of your own takes vocabulary="
                )
        elif not callable(self.tracks):
            raise InvalidTypeError(f"'tracks' must be a name or a function: {self.tracks!r}")
        elif self.direction is None:
            raise InvalidValueError(
                f"'tracks' is your own formula {self.tracks!r}, so the KPI needs "
                "direction='higher'|'lower'"
            )
        if not self.name:
            object.__setattr__(
                self,
                "name",
                self.tracks
                if isinstance(self.tracks, str)
                else str(getattr(self.tracks, "__name__", "kpi")),
            )
        self.better  # noqa: B018 (a metric without a direction needs one given: raise now)
        self._check_target()

    def _check_target(self) -> None:
        goal = self.absolute_target
        if not math.isfinite(goal):
            raise InvalidValueError(
                f"'target' {self.target!r} on 'baseline' {self.baseline!r} gives an infinite "
                "target; give a finite relative change"
            )
        lowest = _lowest(self.tracks)
        if goal >= lowest:
            return
        why = "a total loss" if lowest < 0 else "which cannot be negative"
        if self.baseline is None:
            raise InvalidValueError(
                f"'target' must be >= {lowest:g} for {self.tracks!r}, {why}: {self.target!r}"
            )
        raise InvalidValueError(
            f"'target' {self.target!r} on 'baseline' {self.baseline!r} gives {goal!r}, below "
            f"the lowest {self.tracks!r} can be ({lowest:g}); a relative change of a "
            "non-negative quantity must be >= -1"
        )

    @property
    def better(self) -> Direction:
        """The direction in force (given, or the metric's)."""
        if self.direction is not None:
            return self.direction
        metrics = catalog(self.vocabulary)
        if isinstance(self.tracks, str) and self.tracks in metrics:
            way = metrics[self.tracks].direction
            if way is Direction.NEUTRAL:
                raise InvalidValueError(
                    f"{self.tracks!r} has no better direction: give direction='higher'|'lower'"
                )
            return way
        lower = isinstance(self.tracks, str) and _lower(self.tracks, self.vocabulary)
        return Direction.LOWER if lower else Direction.HIGHER

    @property
    def funnel_stage(self) -> FunnelStage | None:
        """The stage tracked (given, or the metric's)."""
        if self.stage is not None or not isinstance(self.tracks, str):
            return self.stage
        metrics = catalog(self.vocabulary)
        return metrics[self.tracks].stage if self.tracks in metrics else None

    @property
    def absolute_target(self) -> float:
        """The target as a value: baseline x (1 + target) when a baseline is set."""
        if self.baseline is None:
            return self.target
        return self.baseline * (1.0 + self.target)

    def value(self, source: Source, *, zero_division: ZeroDivision = math.nan) -> FloatOrArray:
        """The tracked quantity on ``source`` (a float, or one value per report row).

        Reach is deduplicated: where only its bounds are known the value is NaN.
        """
        policy = check_zero_division(zero_division)
        columns, scalar, v = _columns(source)
        if self.currency is not None and _currency_of(source) != self.currency:
            raise CurrencyMismatchError(
                f"the KPI's target is in {self.currency} and the source in "
                f"{_currency_of(source)}; convert one first"
            )
        rows = () if scalar else (len(source),)  # type: ignore[arg-type]
        metrics = catalog(v)
        # A metric or measure means the same in every vocabulary that has it.
        if (
            isinstance(self.tracks, str)
            and self.tracks not in metrics
            and self.tracks not in measure_names(v)
        ):
            raise VocabularyMismatchError(
                f"the KPI tracks {self.tracks!r} of vocabulary {self.vocabulary.name!r}, "
                f"which the source's vocabulary {v.name!r} does not have"
            )
        if callable(self.tracks):
            out = _formula_value(self.tracks, columns, rows)
        elif self.tracks in metrics:
            out = np.asarray(
                metrics[self.tracks].compute(columns, zero_division=policy, vocabulary=v)
            )
        else:
            out = measure_column(columns, self.tracks, v)
            if self.tracks == REACH:
                out = np.where(reach_is_exact(columns), out, math.nan)
        return float(out) if scalar else np.asarray(out, dtype=np.float64)

    def evaluate(self, source: Source, *, zero_division: ZeroDivision = math.nan) -> KPIResult:
        """Value, target, attainment, met and gap on ``source``."""
        value = self.value(source, zero_division=zero_division)
        return _judge(self, value, zero_division)

    def pace(
        self,
        source: Source,
        *,
        elapsed: float | None = None,
        on: object = None,
        period: str | None = None,
        calendar: Calendar = _CALENDAR,
    ) -> Pace:
        """Project the value to the end of the period when ``elapsed`` of it has passed.

        Give ``elapsed`` (a fraction in (0, 1]), or the day data run through (``on``) and the
        ``period`` being paced (``"month"``, ``"year"``...): the share of the period passed
        at the end of that day, in the caller's ``calendar`` (fiscal years, week starts).
        The source is what happened so far in the period: a period's row, or the row of a
        :func:`socialroi.year_to_date` view for a year's target.

        Additive measures scale by 1 / ``elapsed``; metrics (ratios) and your own formulas
        stay as they are; reach, which counts unique people, does not scale with time, so
        pacing it is an error.

        Examples
        --------
        A fiscal year from April with a target of 1,200 purchases, 400 of them by the end of
        July (122 of the year's 365 days):

        >>> import datetime as dt
        >>> import socialroi as sr
        >>> pace = sr.KPI(tracks="purchases", target=1_200).pace(
        ...     sr.Measures.of("USD", purchases=400), on=dt.date(2026, 7, 31), period="year",
        ...     calendar=sr.Calendar(fiscal_year_start=4))
        >>> round(pace.elapsed, 4), round(pace.projected, 1), pace.on_track
        (0.3342, 1196.7, False)
        """
        if elapsed is None:
            if on is None or period is None:
                raise InvalidValueError(
                    "pace needs 'elapsed' (the share of the period passed), or 'on' (the day "
                    "the data run through) and 'period'"
                )
            elapsed = check_calendar(calendar).elapsed(on, period)
        elif on is not None or period is not None:
            raise InvalidValueError(
                "give 'elapsed', or 'on' and 'period', not both: they say the same thing"
            )
        part = check_number(elapsed, argument="elapsed")
        if not 0.0 < part <= 1.0:
            raise InvalidValueError(
                f"'elapsed' must be a fraction of the period in (0, 1]: {elapsed!r}"
            )
        if self.tracks == REACH:
            raise InvalidValueError(
                "reach counts unique people and does not grow in step with time, so it has no "
                "pace; pace impressions instead, or evaluate reach at the end of the period"
            )
        if self.tracks in self.vocabulary.level_columns:
            raise InvalidValueError(
                f"{self.tracks!r} is a level (read at a date), which does not grow in step "
                "with time, so it has no pace; evaluate it at the end of the period"
            )
        value = self.value(source)
        additive = isinstance(self.tracks, str) and self.tracks in measure_names(self.vocabulary)
        with np.errstate(over="ignore"):  # beyond floats is a result (inf), not an accident
            projected = np.asarray(value, dtype=np.float64) / part if additive else value
        scalar = isinstance(value, float)
        verdict = _judge(self, float(projected) if scalar else projected, math.nan).met
        return Pace(self.name, value, part, projected, self.absolute_target, verdict)


def _formula_value(
    formula: Formula, columns: Mapping[str, ArrayLike], rows: tuple[int, ...]
) -> Float64Array:
    """Your own formula on the measure columns, checked: numbers, one per row."""
    try:
        raw = formula(columns)
    except SocialROIError:
        raise
    except Exception as error:
        raise InvalidValueError(
            f"'tracks' (your formula) failed on the measure columns: {error!r}"
        ) from error
    try:
        out = np.asarray(None if isinstance(raw, (str, bytes)) else raw)
    except (TypeError, ValueError):  # ragged lists
        out = np.asarray(None)
    if out.dtype.kind not in "iuf":
        raise InvalidTypeError(f"'tracks' (your formula) must return numbers: {raw!r}")
    if out.shape not in ((), rows):
        want = "one number" if not rows else f"a number or {rows[0]} numbers (one per row)"
        raise InvalidValueError(
            f"'tracks' (your formula) must return {want}: got shape {out.shape}"
        )
    return np.array(np.broadcast_to(out.astype(np.float64), rows))


def _judge(kpi: KPI, value: FloatOrArray, zero_division: object) -> KPIResult:
    target = kpi.absolute_target
    v: Float64Array = np.asarray(value, dtype=np.float64)
    t = np.full(v.shape, target)
    higher = kpi.better is Direction.HIGHER
    met = v >= t if higher else v <= t
    numerator, denominator = (v, t) if higher else (t, v)
    defined = (t > 0) & (denominator > 0)
    undefined = ~defined & ~np.isnan(v)  # a NaN value stays NaN: undefined upstream
    policy = check_zero_division(zero_division)
    if policy == "raise":
        if undefined.any():
            where = "the target is <= 0" if target <= 0 else "the value is <= 0"
            raise UndefinedRatioError(
                f"attainment is undefined in {int(undefined.sum())} place(s): {where} "
                f"(target {target!r}, {kpi.better.value} is better); pass "
                "zero_division=<number> to fill those places instead"
            )
        policy = math.nan
    attainment = np.where(undefined, policy, math.nan)
    with np.errstate(all="ignore"):  # beyond floats is a result (inf), not an accident
        np.divide(numerator, denominator, out=attainment, where=defined)
        gap = v - t
    scalar = isinstance(value, float)
    return KPIResult(
        kpi.name,
        value,
        target,
        float(attainment) if scalar else attainment,
        bool(met) if scalar else met,
        float(gap) if scalar else gap,
    )


def _kpi_tuple(value: object) -> tuple[KPI, ...]:
    if not isinstance(value, (list, tuple)) or not all(isinstance(k, KPI) for k in value):
        raise InvalidTypeError(f"'kpis' must be a sequence of KPI objects: {value!r}")
    if not value:
        raise InvalidValueError("'kpis' is empty: a goal is tracked by one KPI or more")
    return tuple(value)


def _goal_name(value: object) -> str:
    if not _name(value):
        raise InvalidValueError("'name' must name the goal: ''")
    return str(value)


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

    name: str = attrs.field(converter=_goal_name)
    kpis: tuple[KPI, ...] = attrs.field(converter=_kpi_tuple)

    def __attrs_post_init__(self) -> None:
        names = [k.name for k in self.kpis]
        if len(set(names)) != len(names):
            raise InvalidValueError(f"KPI names in a goal must be unique: {names}")

    def evaluate(self, source: Source) -> dict[str, KPIResult]:
        """Every KPI on ``source``, by name."""
        return {k.name: k.evaluate(source) for k in self.kpis}
