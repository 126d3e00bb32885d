"""The aggregate of additive measures: action counts, investment, revenue and valued actions.

``Measures`` in one currency form a commutative monoid: :meth:`Measures.empty` is the identity
and ``+`` is associative and commutative. That single rule makes post, channel, mode and
campaign roll-ups agree however the data was split. Metrics are never stored here; they are
read from the sums (see the metric catalog).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from enum import Enum
from typing import TypeVar

import attrs

from socialroi._errors import (
    CurrencyMismatchError,
    InvalidTypeError,
    InvalidValueError,
    UnknownNameError,
)
from socialroi._values.checks import check_number, parse_name
from socialroi._values.currency import check_currency
from socialroi._values.format import format_value, html_table
from socialroi._values.kinds import ActionKind, CostCategory
from socialroi._values.money import Money
from socialroi._values.reach import Reach

E = TypeVar("E", bound=Enum)
Entries = tuple[tuple[E, float], ...]

#: Action kinds whose value the caller may set: macro actions other than purchases, whose
#: value is revenue already (valuing purchases too would count the same money twice).
VALUED_ACTIONS: tuple[ActionKind, ...] = tuple(
    k for k in ActionKind if k.is_macro and k is not ActionKind.PURCHASES
)

#: Names of the additive measures, in column order.
ACTION_MEASURES: tuple[str, ...] = tuple(k.value for k in ActionKind)
COST_MEASURES: tuple[str, ...] = tuple(c.value for c in CostCategory)
VALUE_MEASURES: tuple[str, ...] = tuple(f"value_{k.value}" for k in VALUED_ACTIONS)
ADDITIVE_MEASURES: tuple[str, ...] = (
    *ACTION_MEASURES,
    *COST_MEASURES,
    "revenue",
    *VALUE_MEASURES,
)
#: Derived measures: each is the sum of the additive measures named.
DERIVED_MEASURES: dict[str, tuple[str, ...]] = {
    "investment": COST_MEASURES,
    "valued_actions": VALUE_MEASURES,
    "return": ("revenue", *VALUE_MEASURES),
    # LinkedIn's engagement: clicks, likes, comments, shares and follows; saves added as the
    # same kind of deliberate interaction on the networks that count them.
    "engagements": ("likes", "comments", "shares", "saves", "follows", "link_clicks"),
}
#: Measures that hold money (the rest of the measures are counts).
MONEY_MEASURES = frozenset(
    (
        *COST_MEASURES,
        *VALUE_MEASURES,
        "investment",
        "revenue",
        "return",
        "valued_actions",
        "paid_return",
    )
)


def measure_unit(name: str) -> str:
    """How a measure is shown: "money" or "count"."""
    return "money" if name in MONEY_MEASURES else "count"


def _entries(enum: type[E], values: object, argument: str) -> Entries[E]:
    """Validate a mapping of names to non-negative numbers; keep non-zero entries in order."""
    if values is None:
        return ()
    if isinstance(values, tuple) and all(isinstance(p, tuple) and len(p) == 2 for p in values):
        values = dict(values)  # the stored form, as attrs.evolve passes it back
    if not isinstance(values, Mapping):
        raise InvalidValueError(
            f"{argument!r} must be a mapping of {enum.__name__} names to numbers: {values!r}"
        )
    parsed: dict[E, float] = {}
    for key, value in values.items():
        member = parse_name(enum, key, argument=f"{argument} key")
        if member in parsed:
            raise InvalidValueError(f"{argument!r} names {member.value!r} twice")
        parsed[member] = check_number(value, argument=f"{argument}[{member.value!r}]")
    return tuple((m, parsed[m]) for m in enum if parsed.get(m, 0.0) != 0.0)


def _actions(values: object) -> Entries[ActionKind]:
    return _entries(ActionKind, values, "actions")


def _costs(values: object) -> Entries[CostCategory]:
    return _entries(CostCategory, values, "costs")


def _action_value(values: object) -> Entries[ActionKind]:
    entries = _entries(ActionKind, values, "action_value")
    for kind, _ in entries:
        if kind not in VALUED_ACTIONS:
            raise InvalidValueError(
                f"'action_value' can value macro actions other than purchases: {kind.value!r} "
                "is not one; record purchase money as 'revenue'"
            )
    return entries


def _revenue(value: object) -> float:
    return check_number(value, argument="revenue")


def _reach(value: object) -> Reach | None:
    if value is None or isinstance(value, Reach):
        return value
    return Reach.exactly(check_number(value, argument="reach"))


def _merge(a: Entries[E], b: Entries[E], enum: type[E]) -> Entries[E]:
    if not a:
        return b
    if not b:
        return a
    total = dict(a)
    for key, value in b:
        total[key] = total.get(key, 0.0) + value
    return tuple((m, total[m]) for m in enum if m in total)


def _flag(value: object) -> bool:
    if not isinstance(value, bool):
        raise InvalidTypeError(f"'return_recorded' must be True or False: {value!r}")
    return value


def _has_return(measures: Measures) -> bool:
    """Revenue or a valued action: a return was recorded (the default of the flag)."""
    return measures.revenue != 0 or bool(measures._action_value)


@attrs.frozen(repr=False)
class Measures:
    """Additive measures of social activity in one currency.

    Parameters
    ----------
    currency
        ISO 4217 code of every amount (``"USD"``).
    actions
        Counts by action kind, e.g. ``{"impressions": 120_000, "link_clicks": 1_800}``.
    costs
        Investment by cost category, e.g. ``{"ad_spend": 6_000, "salaries": 9_000}``.
    revenue
        Revenue attributed to the activity.
    action_value
        Money value of non-revenue macro actions (leads, trials, demo requests...), e.g. from
        a CRM; :meth:`valued_at` fills it from a value per action.
    reach
        Unique people reached: a number when the platform deduplicated it, a :class:`Reach`
        for bounds, or None when not measured. Reach does not add; see :class:`Reach`.
    return_recorded
        Whether a return was recorded at all: always True where there is revenue or a valued
        action; pass True to record a return of 0 (the activity sold nothing). Where no return
        was recorded, ROI, ROAS and profit are undefined (NaN), not -100%. Merging ORs it.

    Examples
    --------
    >>> import socialroi as sr
    >>> paid = sr.Measures("USD", actions={"impressions": 100_000, "link_clicks": 1_500},
    ...                    costs={"ad_spend": 5_000}, revenue=9_000)
    >>> organic = sr.Measures("USD", actions={"impressions": 60_000}, costs={"salaries": 3_000})
    >>> total = paid + organic
    >>> total.count("impressions"), total.investment, total.return_
    (160000.0, Money(8000.0, 'USD'), Money(9000.0, 'USD'))
    >>> sum([paid, organic], sr.Measures.empty("USD")) == total
    True
    """

    currency: str = attrs.field(converter=check_currency)
    _actions: Entries[ActionKind] = attrs.field(default=None, converter=_actions, kw_only=True)
    _costs: Entries[CostCategory] = attrs.field(default=None, converter=_costs, kw_only=True)
    revenue: float = attrs.field(default=0.0, converter=_revenue, kw_only=True)
    _action_value: Entries[ActionKind] = attrs.field(
        default=None, converter=_action_value, kw_only=True
    )
    reach: Reach | None = attrs.field(default=None, converter=_reach, kw_only=True)
    return_recorded: bool = attrs.field(
        default=attrs.Factory(_has_return, takes_self=True), converter=_flag, kw_only=True
    )

    def __attrs_post_init__(self) -> None:
        if not self.return_recorded and _has_return(self):  # revenue records a return
            object.__setattr__(self, "return_recorded", True)
        impressions = self.count(ActionKind.IMPRESSIONS)
        if self.reach is not None and self.reach.low > impressions:
            # Closed under merge: max(low_a, low_b) <= impressions_a + impressions_b.
            raise InvalidValueError(
                f"'reach' cannot exceed impressions: reach={self.reach.low!r}, "
                f"impressions={impressions!r}; every person reached saw at least one "
                "impression, so record impressions along with reach"
            )

    # -- construction ------------------------------------------------------------------------

    @classmethod
    def empty(cls, currency: str) -> Measures:
        """The identity of ``+``: no actions, no money, reach not measured."""
        return cls(currency)

    @classmethod
    def of(cls, currency: str, **measures: float) -> Measures:
        """Build from flat keywords: action kinds, cost categories, ``revenue``, ``reach``
        and ``value_<action>`` for valued actions.

        >>> import socialroi as sr
        >>> sr.Measures.of("EUR", impressions=5_000, ad_spend=40, value_leads=800)
        Measures('EUR', actions={'impressions': 5000.0}, costs={'ad_spend': 40.0}, \
action_value={'leads': 800.0})
        """
        actions: dict[str, object] = {}
        costs: dict[str, object] = {}
        value: dict[str, object] = {}
        revenue: object = 0.0
        reach: object = None
        recorded = "revenue" in measures or any(n in VALUE_MEASURES for n in measures)
        for name, number in measures.items():
            if name == "revenue":
                revenue = number
            elif name == "reach":
                reach = number
            elif name in ACTION_MEASURES:
                actions[name] = number
            elif name in COST_MEASURES:
                costs[name] = number
            elif name in VALUE_MEASURES:
                value[name.removeprefix("value_")] = number
            else:
                raise UnknownNameError(
                    f"unknown measure {name!r}: use an action kind, a cost category, "
                    "'revenue', 'reach' or 'value_<macro action>'"
                )
        return cls(
            currency,
            actions=actions,
            costs=costs,
            revenue=revenue,
            action_value=value,
            reach=reach,
            return_recorded=recorded,
        )

    def valued_at(self, unit_values: Mapping[str | ActionKind, float]) -> Measures:
        """Value macro actions at a money value each: ``{"qualified_leads": 800}``.

        The value of each action kind named becomes its count times its unit value (replacing
        any value it had); kinds not named keep theirs.

        >>> import socialroi as sr
        >>> m = sr.Measures.of("USD", leads=40, qualified_leads=10).valued_at(
        ...     {"qualified_leads": 800})
        >>> m.value_of("qualified_leads"), m.return_
        (8000.0, Money(8000.0, 'USD'))
        """
        if not isinstance(unit_values, Mapping):
            raise InvalidValueError(
                f"'unit_values' must map action kinds to a value each: {unit_values!r}"
            )
        value = dict(self._action_value)
        for key, unit in unit_values.items():
            kind = parse_name(ActionKind, key, argument="unit_values key")
            value[kind] = self.count(kind) * check_number(unit, argument=f"unit_values[{key!r}]")
        return attrs.evolve(
            self, action_value={k.value: v for k, v in value.items()}, return_recorded=True
        )

    def with_reach(self, reach: float | Reach | None) -> Measures:
        """The same measures with reach set, e.g. deduplicated reach from the platform."""
        return attrs.evolve(self, reach=reach)

    # -- the monoid --------------------------------------------------------------------------

    def __add__(self, other: object) -> Measures:
        if isinstance(other, Measures):
            if other.currency != self.currency:
                raise CurrencyMismatchError(
                    f"cannot merge measures in {self.currency} with measures in "
                    f"{other.currency}; convert one first"
                )
            return Measures(
                self.currency,
                actions=dict(_merge(self._actions, other._actions, ActionKind)),
                costs=dict(_merge(self._costs, other._costs, CostCategory)),
                revenue=self.revenue + other.revenue,
                action_value=dict(_merge(self._action_value, other._action_value, ActionKind)),
                reach=_merge_reach(self, other),
                return_recorded=self.return_recorded or other.return_recorded,
            )
        if isinstance(other, int) and not isinstance(other, bool) and other == 0:
            return self  # sum() starts from 0
        raise InvalidTypeError(f"can only merge Measures with Measures: {other!r}")

    __radd__ = __add__

    # -- reading -----------------------------------------------------------------------------

    @property
    def actions(self) -> dict[ActionKind, float]:
        """Non-zero action counts by kind."""
        return dict(self._actions)

    @property
    def costs(self) -> dict[CostCategory, float]:
        """Non-zero investment by cost category."""
        return dict(self._costs)

    @property
    def action_value(self) -> dict[ActionKind, float]:
        """Non-zero money value of non-revenue macro actions, by kind."""
        return dict(self._action_value)

    def count(self, kind: str | ActionKind) -> float:
        """How many actions of ``kind`` (0 when none were recorded)."""
        return dict(self._actions).get(parse_name(ActionKind, kind, argument="kind"), 0.0)

    def cost(self, category: str | CostCategory) -> float:
        """Investment in ``category`` (0 when none was recorded)."""
        member = parse_name(CostCategory, category, argument="category")
        return dict(self._costs).get(member, 0.0)

    def value_of(self, kind: str | ActionKind) -> float:
        """Money value recorded for the macro action ``kind``."""
        member = parse_name(ActionKind, kind, argument="kind")
        return dict(self._action_value).get(member, 0.0)

    @property
    def reach_bounds(self) -> Reach:
        """Bounds on reach; when not measured, between 0 and the impressions."""
        if self.reach is not None:
            return self.reach
        return Reach(0.0, self.count(ActionKind.IMPRESSIONS))

    @property
    def investment(self) -> Money:
        """Total investment, all cost categories."""
        return Money(sum(v for _, v in self._costs), self.currency)

    @property
    def valued_actions(self) -> Money:
        """Total value of non-revenue macro actions."""
        return Money(sum(v for _, v in self._action_value), self.currency)

    @property
    def return_(self) -> Money:
        """Total return: revenue plus valued actions."""
        return Money(self.revenue, self.currency) + self.valued_actions

    def to_dict(self) -> dict[str, float]:
        """Every additive measure by name (zeros included), plus ``reach_low``/``reach_high``."""
        out = dict.fromkeys(ADDITIVE_MEASURES, 0.0)
        out.update((k.value, v) for k, v in self._actions)
        out.update((c.value, v) for c, v in self._costs)
        out["revenue"] = self.revenue
        out.update((f"value_{k.value}", v) for k, v in self._action_value)
        bounds = self.reach_bounds
        out["reach_low"], out["reach_high"] = bounds.low, bounds.high
        return out

    def _repr_html_(self) -> str:
        """A notebook table of the recorded measures (zeros left out)."""
        rows = [
            [name, format_value(value, measure_unit(name))]
            for name, value in self.to_dict().items()
            if value and not name.startswith("reach_")
        ]
        bounds = self.reach_bounds
        if self.reach is not None:
            reach = bounds.exact
            shown = (
                format_value(reach, "count")
                if reach is not None
                else (
                    f"{format_value(bounds.low, 'count')} to {format_value(bounds.high, 'count')}"
                )
            )
            rows.append(["reach", shown])
        rows += [
            ["investment", format_value(self.investment.amount, "money")],
            ["return", format_value(self.return_.amount, "money")],
        ]
        return html_table(["measure", self.currency], rows, caption="Measures", labels=1)

    def __repr__(self) -> str:
        parts = [repr(self.currency)]
        for name, entries in (
            ("actions", self._actions),
            ("costs", self._costs),
        ):
            if entries:
                parts.append(f"{name}={ {k.value: v for k, v in entries}!r}")
        if self.revenue:
            parts.append(f"revenue={self.revenue!r}")
        if self._action_value:
            parts.append(f"action_value={ {k.value: v for k, v in self._action_value}!r}")
        if self.reach is not None:
            reach = self.reach.exact if self.reach.exact is not None else self.reach
            parts.append(f"reach={reach!r}")
        if self.return_recorded and not _has_return(self):
            parts.append("return_recorded=True")
        return f"Measures({', '.join(parts)})"


def _merge_reach(a: Measures, b: Measures) -> Reach | None:
    if a.reach is None and b.reach is None:
        return None
    return a.reach_bounds | b.reach_bounds


def merge_all(parts: Iterable[Measures], currency: str) -> Measures:
    """Merge any number of aggregates (the empty aggregate when there are none)."""
    total = Measures.empty(currency)
    for part in parts:
        total = total + part
    return total
