"""The vocabulary: which actions and cost categories measures may hold, and what each is.

It follows the pattern of pint's unit registry. One default, immutable vocabulary
(:data:`VOCABULARY`) holds every built-in action kind and cost category. A caller who counts
something else derives a vocabulary of their own (``VOCABULARY.with_actions(...)``), keeps it
in a variable, and passes it where it is used: ``Measures.of(..., vocabulary=v)``,
``rollup(..., vocabulary=v)``. Nothing global changes, and values built on two vocabularies
that differ never mix silently (:class:`~socialroi.VocabularyMismatchError`).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping

import attrs

from socialroi._errors import InvalidTypeError, InvalidValueError, UnknownNameError
from socialroi._values.checks import parse_name
from socialroi._values.kinds import ActionKind, CostCategory, FunnelStage

_IDENTIFIER = re.compile(r"[a-z][a-z0-9_]*\Z")
#: Names measures and reports use for themselves: no action or cost may take one.
RESERVED = frozenset(
    (
        "revenue",
        "reach",
        "reach_low",
        "reach_high",
        "reach_measured",
        "investment",
        "return",
        "valued_actions",
        "paid_return",
        "return_recorded",
        "engagements",
        "currency",
        "vocabulary",
    )
)
#: Actions whose money is the revenue itself: valuing them where revenue is recorded would
#: count the same money twice.
_REVENUE_ACTIONS = frozenset(
    (ActionKind.PURCHASES, ActionKind.SUBSCRIPTIONS, ActionKind.CONVERSIONS)
)
_SINGULARS = {"add_to_cart": "add_to_cart"}


def normalise(value: object, *, argument: str) -> str:
    """A name as measures store it: trimmed, lower case, ``-`` and spaces as ``_``."""
    if isinstance(value, (ActionKind, CostCategory)):
        return str(value.value)
    if not isinstance(value, str):
        raise InvalidTypeError(f"{argument!r} must be a name (a string): {value!r}")
    return value.strip().lower().replace("-", "_").replace(" ", "_")


def _identifier(value: object, argument: str) -> str:
    name = normalise(value, argument=argument)
    if not _IDENTIFIER.match(name):
        raise InvalidValueError(
            f"{argument!r} must be a snake_case name (a letter, then letters, digits or _): "
            f"{value!r}"
        )
    if name in RESERVED or name.startswith("value_"):
        raise InvalidValueError(
            f"{argument!r} cannot be {name!r}: measures use that name themselves; choose another"
        )
    return name


def singular(name: str) -> str:
    """The singular of an action's name, for ``cost_per_<singular>`` (``inquiries`` ->
    ``inquiry``, ``sign_ups`` -> ``sign_up``)."""
    if name in _SINGULARS:
        return _SINGULARS[name]
    if name.endswith("ies"):
        return name[:-3] + "y"
    if name.endswith("s") and not name.endswith("ss"):
        return name[:-1]
    return name


def _name(value: object) -> str:
    return _identifier(value, "name")


def _stage(value: object) -> FunnelStage:
    return parse_name(FunnelStage, value, argument="stage")


def _intent(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 5:
        raise InvalidValueError(
            f"'intent' must be an integer rank from 0 (seen) to 5 (bought): {value!r}"
        )
    return int(value)


def _flag(value: object, argument: str) -> bool:
    if not isinstance(value, bool):
        raise InvalidTypeError(f"{argument!r} must be True or False: {value!r}")
    return value


def _macro(value: object) -> bool:
    return _flag(value, "macro")


def _revenue(value: object) -> bool:
    return _flag(value, "revenue")


@attrs.frozen(kw_only=True)
class Action:
    """A customer action measures can count: its name, funnel stage, intent rank and kind.

    Parameters
    ----------
    name
        A snake_case name, plural as counts are (``"webinar_signups"``).
    stage
        The funnel stage the action signals.
    intent
        0 (seen) to 5 (bought): the more effort an action takes, the more intent it shows.
    macro
        True for outcomes the business wants (leads, trials, purchases...). Macro actions get
        a conversion rate per link click in the catalog, and may be valued.
    revenue
        True where the action's money is the revenue itself (purchases): such an action may
        be valued only where no revenue is recorded, so the same money never counts twice.

    Examples
    --------
    >>> import socialroi as sr
    >>> webinar = sr.Action(name="webinar_signups", stage="evaluation", intent=4, macro=True)
    >>> webinar.stage, webinar.singular
    (FunnelStage.EVALUATION, 'webinar_signup')
    """

    name: str = attrs.field(converter=_name)
    stage: FunnelStage = attrs.field(converter=_stage)
    intent: int = attrs.field(converter=_intent)
    macro: bool = attrs.field(converter=_macro)
    revenue: bool = attrs.field(default=False, converter=_revenue)

    @property
    def singular(self) -> str:
        """The name in ``cost_per_<singular>``."""
        return singular(self.name)

    @classmethod
    def of(cls, kind: ActionKind | str) -> Action:
        """The built-in action of an :class:`ActionKind` (or its name)."""
        kind = parse_name(ActionKind, kind, argument="kind")
        return cls(
            name=kind.value,
            stage=kind.stage,
            intent=kind.intent,
            macro=kind.is_macro,
            revenue=kind in _REVENUE_ACTIONS,
        )


def _per(value: object) -> str:
    return normalise(value, argument="per")


@attrs.frozen(kw_only=True)
class Duration:
    """Time spent, in seconds, summed like a count: time on page, watch time.

    A duration is not a count of actions: its total adds across rows, and what a report reads
    from it is the mean per action it is spent on (``per``): ``avg_<name>``, the total over
    the count of ``per``.

    Examples
    --------
    >>> import socialroi as sr
    >>> sr.Duration(name="time_on_product_pages", per="page_views", stage="evaluation").per
    'page_views'
    """

    name: str = attrs.field(converter=_name)
    per: str = attrs.field(converter=_per)
    stage: FunnelStage = attrs.field(converter=_stage)


def _durations(value: object) -> tuple[Duration, ...]:
    if isinstance(value, (str, Duration)) or not isinstance(value, Iterable):
        raise InvalidTypeError(f"'durations' must be a sequence of socialroi.Duration: {value!r}")
    items = tuple(value)
    for item in items:
        if not isinstance(item, Duration):
            raise InvalidTypeError(f"'durations' must hold socialroi.Duration items: {item!r}")
    return items


def _actions(value: object) -> tuple[Action, ...]:
    if isinstance(value, (str, Action)) or not isinstance(value, Iterable):
        raise InvalidTypeError(f"'actions' must be a sequence of socialroi.Action: {value!r}")
    items = tuple(value)
    for item in items:
        if not isinstance(item, Action):
            raise InvalidTypeError(f"'actions' must hold socialroi.Action items: {item!r}")
    return items


def _costs(value: object) -> tuple[str, ...]:
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise InvalidTypeError(f"'costs' must be a sequence of cost category names: {value!r}")
    return tuple(_identifier(c, "costs") for c in value)


def _levels(value: object) -> tuple[str, ...]:
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise InvalidTypeError(f"'levels' must be a sequence of level names: {value!r}")
    return tuple(_identifier(n, "levels") for n in value)


def _label(value: object) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InvalidValueError(f"'name' must be a non-empty string: {value!r}")
    return value


@attrs.frozen(repr=False)
class Vocabulary:
    """The actions and cost categories measures may hold; immutable, derived by the caller.

    Examples
    --------
    >>> import socialroi as sr
    >>> mine = sr.VOCABULARY.with_actions(
    ...     sr.Action(name="webinar_signups", stage="evaluation", intent=4, macro=True),
    ...     name="webinars",
    ... ).with_costs("influencer_fees")
    >>> mine.action("webinar_signups").macro, "influencer_fees" in mine.costs
    (True, True)
    >>> mine == sr.VOCABULARY
    False
    """

    actions: tuple[Action, ...] = attrs.field(converter=_actions)
    costs: tuple[str, ...] = attrs.field(converter=_costs)
    name: str = attrs.field(default="socialroi", converter=_label, kw_only=True)
    durations: tuple[Duration, ...] = attrs.field(default=(), converter=_durations, kw_only=True)
    #: Levels (followers, subscribers): stocks read at dates, not summed (see Level).
    levels: tuple[str, ...] = attrs.field(default=(), converter=_levels, kw_only=True)
    _index: Mapping[str, Action] = attrs.field(init=False, eq=False, hash=False)
    #: Names of the actions, in order.
    action_names: tuple[str, ...] = attrs.field(init=False, eq=False, hash=False)
    #: Names of the value measures, ``value_<action>`` for every macro action.
    value_names: tuple[str, ...] = attrs.field(init=False, eq=False, hash=False)
    #: Names of the durations, in order.
    duration_names: tuple[str, ...] = attrs.field(init=False, eq=False, hash=False)
    #: Every additive measure, in column order: actions, costs, revenue, values, durations.
    additive: tuple[str, ...] = attrs.field(init=False, eq=False, hash=False)
    #: The columns levels are read as: ``<level>_opening`` and ``<level>_closing`` each.
    level_columns: tuple[str, ...] = attrs.field(init=False, eq=False, hash=False)

    def __attrs_post_init__(self) -> None:
        names = [a.name for a in self.actions]
        timed = [d.name for d in self.durations]
        read = [f"{level}_{end}" for level in self.levels for end in ("opening", "closing")]
        every = [*names, *timed, *self.levels, *read]
        for name in (n for n in every if every.count(n) > 1 or n in self.costs):
            raise InvalidValueError(f"vocabulary {self.name!r} names {name!r} twice")
        if len(set(self.costs)) != len(self.costs):
            raise InvalidValueError(f"vocabulary {self.name!r} names a cost category twice")
        for d in self.durations:
            if d.per not in names:
                raise UnknownNameError(
                    f"duration {d.name!r} is spent per {d.per!r}, which is not an action of "
                    f"vocabulary {self.name!r}" + _close(d.per, names)
                )
        values = tuple(f"value_{a.name}" for a in self.actions if a.macro)
        object.__setattr__(self, "_index", {a.name: a for a in self.actions})
        object.__setattr__(self, "action_names", tuple(names))
        object.__setattr__(self, "value_names", values)
        object.__setattr__(self, "duration_names", tuple(timed))
        additive = (*names, *self.costs, "revenue", *values, *timed)
        object.__setattr__(self, "additive", additive)
        object.__setattr__(self, "level_columns", tuple(read))

    def __repr__(self) -> str:
        return (
            f"<Vocabulary {self.name!r}: {len(self.actions)} actions, {len(self.costs)} costs, "
            f"{len(self.durations)} durations, {len(self.levels)} levels>"
        )

    def with_actions(self, *actions: Action, name: str | None = None) -> Vocabulary:
        """A new vocabulary with ``actions`` added (after the ones it has)."""
        return attrs.evolve(
            self, actions=(*self.actions, *_actions(actions)), name=_or(name, self.name)
        )

    def with_costs(self, *costs: str, name: str | None = None) -> Vocabulary:
        """A new vocabulary with the cost categories ``costs`` added."""
        return attrs.evolve(self, costs=(*self.costs, *_costs(costs)), name=_or(name, self.name))

    def with_durations(self, *durations: Duration, name: str | None = None) -> Vocabulary:
        """A new vocabulary with ``durations`` added."""
        return attrs.evolve(
            self, durations=(*self.durations, *_durations(durations)), name=_or(name, self.name)
        )

    def with_levels(self, *levels: str, name: str | None = None) -> Vocabulary:
        """A new vocabulary with the levels ``levels`` added (``"members"``)."""
        return attrs.evolve(
            self, levels=(*self.levels, *_levels(levels)), name=_or(name, self.name)
        )

    def level(self, name: object, *, argument: str = "name") -> str:
        """The level called ``name``."""
        key = normalise(name, argument=argument)
        if key not in self.levels:
            raise UnknownNameError(
                f"{argument!r}: {name!r} is not a level of vocabulary {self.name!r}"
                + _close(key, self.levels)
            )
        return key

    def duration(self, name: object, *, argument: str = "name") -> Duration:
        """The duration called ``name``."""
        key = normalise(name, argument=argument)
        for d in self.durations:
            if d.name == key:
                return d
        raise UnknownNameError(
            f"{argument!r}: {name!r} is not a duration of vocabulary {self.name!r}"
            + _close(key, self.duration_names)
        )

    def action(self, name: object, *, argument: str = "name") -> Action:
        """The action called ``name`` (an :class:`UnknownNameError` naming close matches)."""
        key = normalise(name, argument=argument)
        try:
            return self._index[key]
        except KeyError:
            raise UnknownNameError(
                f"{argument!r}: {name!r} is not an action of vocabulary {self.name!r}"
                + _close(key, self.action_names)
            ) from None

    def cost(self, name: object, *, argument: str = "category") -> str:
        """The cost category called ``name``."""
        key = normalise(name, argument=argument)
        if key not in self.costs:
            raise UnknownNameError(
                f"{argument!r}: {name!r} is not a cost category of vocabulary {self.name!r}"
                + _close(key, self.costs)
            )
        return key

    def macro_action(self, name: object, *, argument: str) -> Action:
        """The macro action called ``name``: only macro actions carry a money value."""
        action = self.action(name, argument=argument)
        if not action.macro:
            raise InvalidValueError(
                f"{argument!r}: {action.name!r} is a micro action, and only macro actions "
                "(leads, trials, purchases...) carry a money value"
            )
        return action


def _or(name: str | None, default: str) -> str:
    return default if name is None else name


def _close(name: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(name, list(known))  # the three closest
    return f"; did you mean {', '.join(map(repr, close))}?" if close else ""


#: The default vocabulary: every built-in action kind and cost category, two durations:
#: time on page (per page view; the source article's evaluation measure for an online store,
#: time on product pages) and watch time (per video view), and two levels: followers (of a
#: page or profile) and subscribers (of a channel or newsletter).
VOCABULARY = Vocabulary(
    tuple(Action.of(k) for k in ActionKind),
    tuple(c.value for c in CostCategory),
    durations=(
        Duration(name="time_on_page", per="page_views", stage=FunnelStage.EVALUATION),
        Duration(name="watch_time", per="video_views", stage=FunnelStage.INTEREST),
    ),
    levels=("followers", "subscribers"),
)


def check_vocabulary(value: object) -> Vocabulary:
    """``value`` checked to be a :class:`Vocabulary`."""
    if not isinstance(value, Vocabulary):
        raise InvalidTypeError(f"'vocabulary' must be a socialroi.Vocabulary: {value!r}")
    return value
