"""The aggregate of additive measures: action counts, investment, revenue and valued actions.

``Measures`` in one currency form a commutative monoid: :meth:`Measures.empty` is the identity
and ``+`` is associative and commutative. That single rule makes post, channel, mode and
campaign roll-ups agree however the data was split. Metrics are never stored here; they are
read from the sums (see the metric catalog).
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Callable, Iterable, Mapping

import attrs

from socialroi._errors import (
    CurrencyMismatchError,
    InvalidTypeError,
    InvalidValueError,
    UnknownNameError,
    VocabularyMismatchError,
)
from socialroi._values.checks import check_number
from socialroi._values.currency import check_currency
from socialroi._values.format import format_value, html_table
from socialroi._values.kinds import ActionKind, CostCategory
from socialroi._values.level import Level
from socialroi._values.money import Money
from socialroi._values.reach import Reach
from socialroi._values.vocabulary import (
    VOCABULARY,
    Vocabulary,
    check_vocabulary,
    normalise,
)

#: The default vocabulary's measures (a vocabulary of the caller's has its own).
COST_MEASURES: tuple[str, ...] = VOCABULARY.costs
ADDITIVE_MEASURES: tuple[str, ...] = VOCABULARY.additive
#: LinkedIn's engagement: clicks, likes, comments, shares and follows; saves added as the same
#: kind of deliberate interaction on the networks that count them.
ENGAGEMENTS: tuple[str, ...] = ("likes", "comments", "shares", "saves", "follows", "link_clicks")
CATEGORY: tuple[str, ...] = ("mentions", "competitor_mentions")


def derived_measures(vocabulary: Vocabulary) -> dict[str, tuple[str, ...]]:
    """Derived measures of a vocabulary: each is the sum of the additive measures named."""
    return {
        "investment": vocabulary.costs,
        "valued_actions": vocabulary.value_names,
        "return": ("revenue", *vocabulary.value_names),
        "engagements": tuple(n for n in ENGAGEMENTS if n in vocabulary.action_names),
        # Every mention in the brand's category: its own and its competitors'.
        "category_mentions": tuple(n for n in CATEGORY if n in vocabulary.action_names),
    }


#: Measures of every vocabulary that hold money, besides its costs and values.
_MONEY = frozenset(("investment", "revenue", "return", "valued_actions", "paid_return"))


def measure_unit(name: str, vocabulary: Vocabulary = VOCABULARY) -> str:
    """How a measure is shown: "money", "duration" (seconds) or "count"."""
    if name in vocabulary.duration_names:
        return "duration"
    money = name in _MONEY or name.startswith("value_") or name in vocabulary.costs
    return "money" if money else "count"


def _entries(values: object, argument: str) -> dict[str, float]:
    """A mapping of names to non-negative numbers, checked; names are resolved against the
    vocabulary once the measures know theirs."""
    if values is None:
        return {}
    if not isinstance(values, Mapping):
        raise InvalidValueError(f"{argument!r} must be a mapping of names to numbers: {values!r}")
    parsed: dict[str, float] = {}
    for key, value in values.items():
        name = normalise(key, argument=f"{argument} key")
        if name in parsed:
            raise InvalidValueError(f"{argument!r} names {name!r} twice")
        parsed[name] = check_number(value, argument=f"{argument}[{name!r}]")
    return parsed


def _actions(values: object) -> dict[str, float]:
    return _entries(values, "actions")


def _costs(values: object) -> dict[str, float]:
    return _entries(values, "costs")


def _action_value(values: object) -> dict[str, float]:
    return _entries(values, "action_value")


def _durations(values: object) -> dict[str, float]:
    return _entries(values, "durations")


def _levels(values: object) -> dict[str, Level]:
    """A mapping of level names to :class:`Level` readings, checked."""
    if values is None:
        return {}
    if not isinstance(values, Mapping):
        raise InvalidValueError(f"'levels' must be a mapping of names to Level: {values!r}")
    parsed: dict[str, Level] = {}
    for key, value in values.items():
        name = normalise(key, argument="levels key")
        if name in parsed:
            raise InvalidValueError(f"'levels' names {name!r} twice")
        parsed[name] = _level(value, f"levels[{name!r}]")
    return parsed


def _level(value: object, argument: str) -> Level:
    if not isinstance(value, Level):
        raise InvalidTypeError(
            f"{argument!r} must be a socialroi.Level: {value!r}; a level is read at a date, "
            "so pass sr.Level.at('2026-03-31', count) (levels do not add across periods)"
        )
    return value


def _in_order(entries: dict[str, float], known: tuple[str, ...]) -> dict[str, float]:
    """Non-zero entries in the vocabulary's order (the names were checked)."""
    return {n: entries[n] for n in known if entries.get(n, 0.0) != 0.0}


def _revenue(value: object) -> float:
    return check_number(value, argument="revenue")


def _reach(value: object) -> Reach | None:
    if value is None or isinstance(value, Reach):
        return value
    return Reach.exactly(check_number(value, argument="reach"))


def _recorded(value: object) -> bool:
    """The flag as given (None: not given); revenue or a valued action sets it anyway."""
    if value is None:
        return False
    if not isinstance(value, bool):
        raise InvalidTypeError(f"'return_recorded' must be True or False: {value!r}")
    return value


def _has_return(measures: Measures) -> bool:
    """Revenue or a valued action: a return was recorded (the default of the flag)."""
    return measures.revenue != 0 or bool(measures._action_value)


_INF = float("inf")


@attrs.frozen(repr=False, hash=False)
class Measures:
    """Additive measures of social activity in one currency.

    Parameters
    ----------
    currency
        ISO 4217 code of every amount (``"USD"``).
    actions
        Counts by action, e.g. ``{"impressions": 120_000, "link_clicks": 1_800}``.
    costs
        Investment by cost category, e.g. ``{"ad_spend": 6_000, "salaries": 9_000}``.
    revenue
        Revenue attributed to the activity.
    action_value
        Money value of macro actions (leads, trials, demo requests...), e.g. from a CRM;
        :meth:`valued_at` fills it from a value per action.
    reach
        Unique people reached: a number when the platform deduplicated it, a :class:`Reach`
        for bounds, or None when not measured. Reach does not add; see :class:`Reach`.
    return_recorded
        Whether a return was recorded at all: always True where there is revenue or a valued
        action; pass True to record a return of 0 (the activity sold nothing). Where no return
        was recorded, ROI, ROAS and profit are undefined (NaN), not -100%. Merging ORs it.
    vocabulary
        The actions and cost categories the measures may name (:data:`VOCABULARY` unless
        you derived your own). Measures on two different vocabularies do not merge.

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
    _actions: dict[str, float] = attrs.field(default=None, converter=_actions, kw_only=True)
    _costs: dict[str, float] = attrs.field(default=None, converter=_costs, kw_only=True)
    revenue: float = attrs.field(default=0.0, converter=_revenue, kw_only=True)
    _action_value: dict[str, float] = attrs.field(
        default=None, converter=_action_value, kw_only=True
    )
    reach: Reach | None = attrs.field(default=None, converter=_reach, kw_only=True)
    _durations: dict[str, float] = attrs.field(default=None, converter=_durations, kw_only=True)
    _levels: dict[str, Level] = attrs.field(default=None, converter=_levels, kw_only=True)
    return_recorded: bool = attrs.field(default=None, converter=_recorded, kw_only=True)
    vocabulary: Vocabulary = attrs.field(
        default=VOCABULARY, converter=check_vocabulary, kw_only=True
    )

    def __attrs_post_init__(self) -> None:
        v = self.vocabulary
        for name in self._actions:
            v.action(name, argument="actions key")
        for name in self._costs:
            v.cost(name, argument="costs key")
        for name in self._action_value:
            v.macro_action(name, argument="action_value key")
        for name in self._durations:
            v.duration(name, argument="durations key")
        for name in self._levels:
            v.level(name, argument="levels key")
        set_ = object.__setattr__
        set_(self, "_actions", _in_order(self._actions, v.action_names))
        set_(self, "_costs", _in_order(self._costs, v.costs))
        set_(self, "_action_value", _in_order(self._action_value, v.action_names))
        set_(self, "_durations", _in_order(self._durations, v.duration_names))
        set_(self, "_levels", {n: self._levels[n] for n in v.levels if n in self._levels})
        set_(self, "return_recorded", self.return_recorded or _has_return(self))
        _check_mentions(self._actions)
        impressions = self._actions.get("impressions", 0.0)
        if self.reach is not None and self.reach.low > impressions:
            # Closed under merge: max(low_a, low_b) <= impressions_a + impressions_b.
            raise InvalidValueError(
                f"'reach' cannot exceed impressions: reach={self.reach.low!r}, "
                f"impressions={impressions!r}; every person reached saw at least one "
                "impression, so record impressions along with reach"
            )

    @classmethod
    def _trusted(
        cls,
        currency: str,
        vocabulary: Vocabulary,
        actions: dict[str, float],
        costs: dict[str, float],
        revenue: float,
        value: dict[str, float],
        reach: Reach | None,
        durations: dict[str, float],
        levels: dict[str, Level],
        recorded: bool,
    ) -> Measures:
        """Measures from parts already checked (a merge of checked measures): validation
        happens once, at the edge, not at every merge."""
        out = object.__new__(cls)
        _SLOTS["currency"](out, currency)
        _SLOTS["_actions"](out, actions)
        _SLOTS["_costs"](out, costs)
        _SLOTS["revenue"](out, revenue)
        _SLOTS["_action_value"](out, value)
        _SLOTS["reach"](out, reach)
        _SLOTS["_durations"](out, durations)
        _SLOTS["_levels"](out, levels)
        _SLOTS["return_recorded"](out, recorded)
        _SLOTS["vocabulary"](out, vocabulary)
        return out

    def __hash__(self) -> int:
        return hash(
            (
                self.currency,
                frozenset(self._actions.items()),  # merges keep no order; equality ignores it
                frozenset(self._costs.items()),
                self.revenue,
                frozenset(self._action_value.items()),
                self.reach,
                frozenset(self._durations.items()),
                frozenset(self._levels.items()),
                self.return_recorded,
            )
        )

    # -- construction ------------------------------------------------------------------------

    @classmethod
    def empty(cls, currency: str, *, vocabulary: Vocabulary = VOCABULARY) -> Measures:
        """The identity of ``+``: no actions, no money, reach not measured."""
        return cls(currency, vocabulary=vocabulary)

    @classmethod
    def of(
        cls, currency: str, *, vocabulary: Vocabulary = VOCABULARY, **measures: float | Level
    ) -> Measures:
        """Build from flat keywords: actions, cost categories, ``revenue``, ``reach``,
        ``value_<action>`` for valued macro actions, durations in seconds and levels (a
        :class:`Level`, ``followers=sr.Level.at("2026-03-31", 9_400)``).

        >>> import socialroi as sr
        >>> sr.Measures.of("EUR", impressions=5_000, ad_spend=40, value_leads=800)
        Measures('EUR', actions={'impressions': 5000.0}, costs={'ad_spend': 40.0}, \
action_value={'leads': 800.0})
        """
        v = check_vocabulary(vocabulary)
        actions: dict[str, object] = {}
        costs: dict[str, object] = {}
        value: dict[str, object] = {}
        durations: dict[str, object] = {}
        levels: dict[str, object] = {}
        revenue: object = 0.0
        reach: object = None
        for name, number in measures.items():
            if name == "revenue":
                revenue = number
            elif name == "reach":
                reach = number
            elif name in v._index:
                actions[name] = number
            elif name in v.costs:
                costs[name] = number
            elif name in v.value_names:
                value[name.removeprefix("value_")] = number
            elif name in v.duration_names:
                durations[name] = number
            elif name in v.levels:
                levels[name] = number
            else:
                # The three closest names.
                close = difflib.get_close_matches(name, [*v.additive, *v.levels, "reach"])
                hint = f"; did you mean {', '.join(map(repr, close))}?" if close else ""
                raise UnknownNameError(
                    f"unknown measure {name!r}{hint}: use an action, a cost category, "
                    f"'revenue', 'reach', 'value_<macro action>', a duration or a level of "
                    f"vocabulary "
                    f"{v.name!r} "
                    "(sr.VOCABULARY.with_actions() adds your own)"
                )
        recorded = "revenue" in measures  # a revenue of 0 records a return; values record one
        return cls(
            currency,
            actions=actions,
            costs=costs,
            revenue=revenue,
            action_value=value,
            reach=reach,
            durations=durations,
            levels=levels,
            return_recorded=recorded,
            vocabulary=v,
        )

    def valued_at(self, unit_values: Mapping[str | ActionKind, float]) -> Measures:
        """Value macro actions at a money value each: ``{"qualified_leads": 800}``.

        The value of each action named becomes its count times its unit value (replacing
        any value it had); actions not named keep theirs. An action whose money is the
        revenue itself (purchases, subscriptions, the platforms' generic conversions) may be
        valued only where no revenue is recorded: that is how a return is read from an
        export that gives counts only, and it never counts the same money twice.

        >>> import socialroi as sr
        >>> m = sr.Measures.of("USD", leads=40, qualified_leads=10).valued_at(
        ...     {"qualified_leads": 800})
        >>> m.value_of("qualified_leads"), m.return_
        (8000.0, Money(8000.0, 'USD'))
        >>> sr.Measures.of("USD", purchases=12).valued_at({"purchases": 100}).return_
        Money(1200.0, 'USD')
        """
        if not isinstance(unit_values, Mapping):
            raise InvalidValueError(
                f"'unit_values' must map action kinds to a value each: {unit_values!r}"
            )
        value = dict(self._action_value)
        for key, unit in unit_values.items():
            action = self.vocabulary.macro_action(key, argument="unit_values key")
            if action.revenue and self.revenue:
                raise InvalidValueError(
                    f"'unit_values' values {action.name!r}, whose money is the revenue, on "
                    f"measures that record revenue ({self.revenue!r}): that counts the same "
                    f"money twice; value {action.name!r} only where no revenue is recorded"
                )
            value[action.name] = self.count(action.name) * check_number(
                unit, argument=f"unit_values[{key!r}]"
            )
        return attrs.evolve(self, action_value=value, return_recorded=True)

    def with_reach(self, reach: float | Reach | None) -> Measures:
        """The same measures with reach set, e.g. deduplicated reach from the platform."""
        return attrs.evolve(self, reach=reach)

    # -- the monoid --------------------------------------------------------------------------

    def __add__(self, other: object) -> Measures:
        if type(other) is not Measures:
            if isinstance(other, int) and not isinstance(other, bool) and other == 0:
                return self  # sum() starts from 0
            raise InvalidTypeError(f"can only merge Measures with Measures: {other!r}")
        if other.currency != self.currency or other.vocabulary is not self.vocabulary:
            _check_mergeable(other, self.currency, self.vocabulary)
        revenue = self.revenue + other.revenue
        if revenue == _INF:
            _overflow("revenue")
        # Both sides were checked at the edge: the merge fills the slots of the result
        # directly (the slots' own setters, as a frozen class has no __setattr__ of use).
        out = object.__new__(Measures)
        _SLOTS["currency"](out, self.currency)
        _SLOTS["_actions"](out, _merged(self._actions, other._actions))
        _SLOTS["_costs"](out, _merged(self._costs, other._costs))
        _SLOTS["revenue"](out, revenue)
        _SLOTS["_action_value"](out, _merged(self._action_value, other._action_value))
        if self.reach is None and other.reach is None:
            _SLOTS["reach"](out, None)
        else:
            _SLOTS["reach"](out, self.reach_bounds | other.reach_bounds)
        _SLOTS["_durations"](out, _merged(self._durations, other._durations))
        _SLOTS["_levels"](out, merged_levels(self._levels, other._levels))
        _SLOTS["return_recorded"](out, self.return_recorded or other.return_recorded)
        _SLOTS["vocabulary"](out, self.vocabulary)
        return out

    __radd__ = __add__

    # -- reading -----------------------------------------------------------------------------

    @property
    def actions(self) -> dict[str, float]:
        """Non-zero action counts by name, in the vocabulary's order."""
        return _in_order(self._actions, self.vocabulary.action_names)

    @property
    def costs(self) -> dict[str, float]:
        """Non-zero investment by cost category, in the vocabulary's order."""
        return _in_order(self._costs, self.vocabulary.costs)

    @property
    def action_value(self) -> dict[str, float]:
        """Non-zero money value of macro actions, by name."""
        return _in_order(self._action_value, self.vocabulary.action_names)

    def count(self, kind: str | ActionKind) -> float:
        """How many actions of ``kind`` (0 when none were recorded)."""
        name = self.vocabulary.action(kind, argument="kind").name
        return self._actions.get(name, 0.0)

    def cost(self, category: str | CostCategory) -> float:
        """Investment in ``category`` (0 when none was recorded)."""
        return self._costs.get(self.vocabulary.cost(category), 0.0)

    def value_of(self, kind: str | ActionKind) -> float:
        """Money value recorded for the macro action ``kind``."""
        name = self.vocabulary.action(kind, argument="kind").name
        return self._action_value.get(name, 0.0)

    @property
    def durations(self) -> dict[str, float]:
        """Non-zero durations by name, in seconds."""
        return _in_order(self._durations, self.vocabulary.duration_names)

    def duration(self, name: str) -> float:
        """Seconds of the duration ``name`` (0 when none was recorded)."""
        return self._durations.get(self.vocabulary.duration(name).name, 0.0)

    @property
    def levels(self) -> dict[str, Level]:
        """The levels read, by name, in the vocabulary's order."""
        return dict(self._levels)

    def level(self, name: str) -> Level | None:
        """The readings of the level ``name`` (None when it was not read)."""
        return self._levels.get(self.vocabulary.level(name))

    @property
    def reach_bounds(self) -> Reach:
        """Bounds on reach; when not measured, between 0 and the impressions."""
        if self.reach is not None:
            return self.reach
        return Reach(0.0, self._actions.get("impressions", 0.0))

    @property
    def investment(self) -> Money:
        """Total investment, all cost categories."""
        return Money(math.fsum(self._costs.values()), self.currency)

    @property
    def valued_actions(self) -> Money:
        """Total value of macro actions."""
        return Money(math.fsum(self._action_value.values()), self.currency)

    @property
    def return_(self) -> Money:
        """Total return: revenue plus valued actions."""
        return Money(self.revenue, self.currency) + self.valued_actions

    def to_dict(self) -> dict[str, float]:
        """Every additive measure by name (zeros included), each level's opening and closing
        (``followers_opening``; 0 where not read), plus ``reach_low``/``reach_high``."""
        out = dict.fromkeys(self.vocabulary.additive, 0.0)
        out.update(self._actions)
        out.update(self._costs)
        out["revenue"] = self.revenue
        out.update((f"value_{k}", v) for k, v in self._action_value.items())
        out.update(self._durations)
        for name in self.vocabulary.levels:
            level = self._levels.get(name)
            out[f"{name}_opening"] = 0.0 if level is None else level.opening
            out[f"{name}_closing"] = 0.0 if level is None else level.closing
        bounds = self.reach_bounds
        out["reach_low"], out["reach_high"] = bounds.low, bounds.high
        return out

    def _repr_html_(self) -> str:
        """A notebook table of the recorded measures (zeros left out)."""
        rows = [
            [name, format_value(value, measure_unit(name, self.vocabulary))]
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
        for name, entries in (("actions", self.actions), ("costs", self.costs)):
            if entries:
                parts.append(f"{name}={entries!r}")
        if self.revenue:
            parts.append(f"revenue={self.revenue!r}")
        if self._action_value:
            parts.append(f"action_value={self.action_value!r}")
        if self.reach is not None:
            reach = self.reach.exact if self.reach.exact is not None else self.reach
            parts.append(f"reach={reach!r}")
        if self._durations:
            parts.append(f"durations={self.durations!r}")
        if self._levels:
            parts.append(f"levels={self.levels!r}")
        if self.return_recorded and not _has_return(self):
            parts.append("return_recorded=True")
        if self.vocabulary is not VOCABULARY:
            parts.append(f"vocabulary={self.vocabulary!r}")
        return f"Measures({', '.join(parts)})"


def _check_mentions(actions: Mapping[str, float]) -> None:
    """Positive and negative mentions are among the mentions (closed under merge)."""
    positive = actions.get("positive_mentions", 0.0)
    negative = actions.get("negative_mentions", 0.0)
    mentions = actions.get("mentions", 0.0)
    if positive > mentions or negative > mentions - positive:
        raise InvalidValueError(
            f"'positive_mentions' ({positive!r}) and 'negative_mentions' ({negative!r}) "
            f"cannot add up to more than 'mentions' ({mentions!r}): mentions count every "
            "mention, positive, negative and neutral; record the total as 'mentions'"
        )


#: The setters of Measures' slots, by field name.
_SLOTS: dict[str, Callable[[Measures, object], None]] = {
    field.name: getattr(Measures, field.name).__set__ for field in attrs.fields(Measures)
}


def _overflow(name: str) -> None:
    raise InvalidValueError(
        f"merging gives {name!r} = inf: the sum is beyond float64 (about 1.8e308); record "
        "amounts in a larger unit (thousands) before merging"
    )


def _merged(a: dict[str, float], b: dict[str, float]) -> dict[str, float]:
    """The sum of two entries; entries are never changed once built, so they are shared."""
    if not b:
        return a
    if not a:
        return b
    out = a.copy()
    get = out.get
    for key, value in b.items():
        added = get(key, 0.0) + value
        if added == _INF:
            _overflow(key)
        out[key] = added
    return out


def merged_levels(a: dict[str, Level], b: dict[str, Level]) -> dict[str, Level]:
    """Levels of both: per level, per series, the earlier opening and the later closing."""
    if not b:
        return a
    if not a:
        return b
    out = a.copy()
    for name, level in b.items():
        mine = out.get(name)
        out[name] = level if mine is None else mine | level
    return out


def _check_mergeable(part: Measures, currency: str, vocabulary: Vocabulary) -> None:
    if part.currency != currency:
        raise CurrencyMismatchError(
            f"cannot merge measures in {currency} with measures in {part.currency}; convert "
            "one first"
        )
    if part.vocabulary is not vocabulary and part.vocabulary != vocabulary:
        raise VocabularyMismatchError(
            f"cannot merge measures on vocabulary {vocabulary.name!r} with measures on "
            f"vocabulary {part.vocabulary.name!r}; build both on one vocabulary"
        )


class Accumulator:
    """Sums of many aggregates, added in place: the same sums as ``+`` one part at a time,
    without building a new aggregate per part (reports add thousands of parts per row)."""

    __slots__ = (
        "_actions",
        "_costs",
        "_durations",
        "_levels",
        "_value",
        "currency",
        "high",
        "low",
        "reach_seen",
        "recorded",
        "revenue",
        "vocabulary",
    )

    def __init__(self, currency: str, vocabulary: Vocabulary) -> None:
        self.currency = check_currency(currency)
        self.vocabulary = vocabulary
        self._actions: dict[str, float] = {}
        self._costs: dict[str, float] = {}
        self._value: dict[str, float] = {}
        self._durations: dict[str, float] = {}
        self._levels: dict[str, Level] = {}
        self.revenue = 0.0
        self.recorded = False
        self.reach_seen = False
        self.low = 0.0  # reach bounds of the union: the largest low, the sum of highs
        self.high = 0.0

    def add(self, part: Measures) -> None:
        """Add one aggregate (of the same currency and vocabulary)."""
        if type(part) is not Measures:
            raise InvalidTypeError(f"can only merge Measures with Measures: {part!r}")
        if part.currency != self.currency or part.vocabulary is not self.vocabulary:
            _check_mergeable(part, self.currency, self.vocabulary)
        for total, entries in (
            (self._actions, part._actions),
            (self._costs, part._costs),
            (self._value, part._action_value),
            (self._durations, part._durations),
        ):
            get = total.get
            for key, value in entries.items():
                added = get(key, 0.0) + value
                if added == _INF:
                    _overflow(key)
                total[key] = added
        if part._levels:
            self._levels = merged_levels(self._levels, part._levels)
        self.revenue += part.revenue
        if part.return_recorded:
            self.recorded = True
        reach = part.reach
        if reach is None:
            self.high += part._actions.get("impressions", 0.0)
        else:
            self.reach_seen = True
            self.low = max(self.low, reach.low)
            self.high += reach.high

    def measures(self) -> Measures:
        """The merged aggregate."""
        if self.revenue == _INF:
            _overflow("revenue")
        return Measures._trusted(
            self.currency,
            self.vocabulary,
            self._actions,
            self._costs,
            self.revenue,
            self._value,
            Reach(self.low, self.high) if self.reach_seen else None,
            self._durations,
            {n: self._levels[n] for n in self.vocabulary.levels if n in self._levels},
            self.recorded,
        )


def merge_all(
    parts: Iterable[Measures], currency: str, vocabulary: Vocabulary = VOCABULARY
) -> Measures:
    """Merge any number of aggregates (the empty aggregate when there are none)."""
    total = Accumulator(currency, vocabulary)
    for part in parts:
        total.add(part)
    return total.measures()
