"""The metric catalog: every metric registered once, with its formula and provenance.

A metric is read from measures, never stored: its formula (one of the public formulas) is
applied to sums of measures, so a campaign's CPM is its total investment over its total
impressions. Reports, KPIs and later layers look metrics up here.
"""

from __future__ import annotations

import difflib
import functools
import math
import types
from collections.abc import Callable, Mapping

import attrs
import numpy as np
from numpy.typing import ArrayLike, NDArray

from socialroi._errors import InvalidTypeError, InvalidValueError, UnknownNameError
from socialroi._measures.measures import Measures, derived_measures, measure_unit
from socialroi._metrics import formulas as f
from socialroi._metrics.arrays import (
    Float64Array,
    FloatOrArray,
    ZeroDivision,
    as_float_array,
)
from socialroi._metrics.awareness import net_sentiment_rate, share_of_voice
from socialroi._values.kinds import ActionKind, FunnelStage, _NamedEnum
from socialroi._values.vocabulary import (
    VOCABULARY,
    Action,
    Duration,
    Vocabulary,
    check_vocabulary,
    singular,
)


class Direction(_NamedEnum):
    """Which way is better for a metric."""

    HIGHER = "higher"
    LOWER = "lower"
    NEUTRAL = "neutral"  # neither: a KPI on it must say which way it wants


class Unit(_NamedEnum):
    """What a metric's number is."""

    FRACTION = "fraction"  # 0.25 means 25%
    MULTIPLE = "multiple"  # 2.25 means 2.25x
    MONEY = "money"  # in the currency of the measures
    DURATION = "duration"  # seconds


_META = "Meta Business Help Center"
_GOOGLE = "Google Ads Help"
_LINKEDIN = "LinkedIn Marketing Solutions Help"
_OKTOPOST = "Oktopost, 'How to measure social media ROI for B2B brands' (shared/seeds)"
_SMME = "SMMExpert, 'The art of social ROI' (shared/seeds): the metric for this funnel stage"

#: A measure name that stands for deduplicated reach; metrics reading it are undefined where
#: reach is only known within bounds.
REACH = "reach"
#: The return of paid activity (a report keeps it per row from its activities' modes). ROAS
#: reads it, so it never mixes organic return into a paid ratio; where it is not given (a
#: lone ``Measures`` has no mode) all the return counts as paid.
PAID_RETURN = "paid_return"
#: Inputs that read the return; metrics reading one are undefined where none was recorded.
RETURN_INPUTS = frozenset(("return", PAID_RETURN, "revenue", "valued_actions"))


@attrs.frozen(repr=False)
class Metric:
    """A derived metric: a formula applied to named measures.

    ``inputs`` name the measures handed to ``formula`` in order: additive measures
    (``"impressions"``, ``"ad_spend"``, ``"revenue"``), derived sums (``"investment"``,
    ``"return"``, ``"engagements"``, ``"valued_actions"``, ``"paid_return"``) or
    ``"reach"`` (deduplicated reach; where only bounds are known the metric is NaN). A metric
    reading the return is NaN where no return was recorded (see
    ``Measures.return_recorded``). ``denominator`` is the input that
    must be non-zero for the metric to be defined, None when it always is.
    """

    name: str
    title: str
    formula: Callable[..., FloatOrArray]
    inputs: tuple[str, ...]
    denominator: str | None
    stage: FunnelStage | None
    direction: Direction
    unit: Unit
    source: str

    def __repr__(self) -> str:
        """Eval-able: the catalog entry by name."""
        return f"metric({self.name!r})"

    def compute(
        self,
        measures: Measures | Mapping[str, ArrayLike],
        *,
        zero_division: ZeroDivision = math.nan,
        vocabulary: Vocabulary | None = None,
    ) -> FloatOrArray:
        """The metric on one aggregate (a float) or on columns of measures (an array).

        Columns are read with ``vocabulary`` (the default vocabulary unless given); an
        aggregate is read with its own.

        >>> import socialroi as sr
        >>> m = sr.Measures.of("USD", impressions=10_000, link_clicks=150, ad_spend=300)
        >>> sr.metric("cpc").compute(m)
        2.0
        >>> sr.metric("cpc").compute({"ad_spend": [300, 10], "link_clicks": [150, 0]})
        array([ 2., nan])
        """
        scalar = isinstance(measures, Measures)
        v = VOCABULARY if vocabulary is None else check_vocabulary(vocabulary)
        if isinstance(measures, Measures):
            source: Mapping[str, ArrayLike] = measure_source(measures)
            v = measures.vocabulary
        elif isinstance(measures, Mapping):
            source = measures
        else:
            raise InvalidTypeError(
                f"'measures' must be a socialroi.Measures or a mapping of measure names to "
                f"numbers or arrays: {measures!r}"
            )
        args = [measure_column(source, name, v) for name in self.inputs]
        out = np.asarray(self.formula(*args, **_zero(self, zero_division)), dtype=np.float64)
        if REACH in self.inputs:
            out = np.where(reach_is_exact(source), out, math.nan)
        if self.reads_return:
            out = np.where(return_recorded(source), out, math.nan)
        return float(out) if scalar else out

    @property
    def reads_return(self) -> bool:
        """Whether the metric reads the return (undefined where none was recorded)."""
        return not RETURN_INPUTS.isdisjoint(self.inputs)

    def supported_by(
        self, columns: Mapping[str, ArrayLike], *, vocabulary: Vocabulary | None = None
    ) -> bool:
        """Whether data support the metric: every count it reads is recorded (non-zero
        somewhere) and its denominator is non-zero somewhere."""
        if not isinstance(columns, Mapping):
            raise InvalidTypeError(
                f"'columns' must map measure names to numbers or arrays: {columns!r}"
            )
        v = VOCABULARY if vocabulary is None else check_vocabulary(vocabulary)
        # A duration and a level must be recorded too.
        counts = count_measures(v) | set(v.duration_names) | set(v.level_columns)
        needed = {n for n in self.inputs if n in counts}
        if self.denominator is not None:
            needed.add(self.denominator)
        if self.reads_return and not np.any(return_recorded(columns)):
            return False
        return all(bool(np.any(measure_column(columns, n, v) > 0)) for n in needed)


def _zero(metric: Metric, zero_division: ZeroDivision) -> dict[str, ZeroDivision]:
    return {} if metric.denominator is None else {"zero_division": zero_division}


def measure_column(
    source: Mapping[str, ArrayLike], name: str, vocabulary: Vocabulary = VOCABULARY
) -> Float64Array:
    """A measure by name from columns: additive measures as given (absent ones are 0),
    derived measures summed, ``reach`` as its lower bound (exactness is checked apart)."""
    if name == REACH:
        return as_float_array(source.get("reach_low", 0.0), argument="reach_low")
    if name == PAID_RETURN:
        if PAID_RETURN in source:
            return as_float_array(source[PAID_RETURN], argument=PAID_RETURN)
        return measure_column(source, "return", vocabulary)
    derived = _derived(vocabulary)
    if name in derived:
        parts = [measure_column(source, part, vocabulary) for part in derived[name]]
        if not parts:
            return np.zeros(())
        return np.asarray(sum(np.broadcast_arrays(*parts)), dtype=np.float64)
    if name in vocabulary.additive or name in vocabulary.level_columns:
        return as_float_array(source.get(name, 0.0), argument=name)
    known = ", ".join(measure_names(vocabulary))
    raise UnknownNameError(f"unknown measure {name!r}; known: {known}")


def measure_source(measures: Measures) -> dict[str, float]:
    """What metrics read off one aggregate: its measures and whether it recorded a return."""
    return measures.to_dict() | {"return_recorded": float(measures.return_recorded)}


def return_recorded(source: Mapping[str, ArrayLike]) -> NDArray[np.bool_]:
    """Where a return was recorded: the ``return_recorded`` flags when given, else wherever
    a revenue, return or ``value_<action>`` column is present (a column of zeros is a return
    of 0)."""
    if "return_recorded" in source:
        return np.asarray(
            as_float_array(source["return_recorded"], argument="return_recorded") > 0
        )
    return np.asarray(any(n in ("revenue", "return") or n.startswith("value_") for n in source))


def reach_is_exact(source: Mapping[str, ArrayLike]) -> Float64Array:
    """Where reach is known exactly (its bounds meet)."""
    low = as_float_array(source.get("reach_low", 0.0), argument="reach_low")
    high = as_float_array(source.get("reach_high", 0.0), argument="reach_high")
    return np.asarray(low == high)


@functools.lru_cache(maxsize=64)
def _derived(vocabulary: Vocabulary) -> dict[str, tuple[str, ...]]:
    return derived_measures(vocabulary)


@functools.lru_cache(maxsize=64)
def measure_names(vocabulary: Vocabulary = VOCABULARY) -> tuple[str, ...]:
    """Every measure a metric may read: additive, derived, levels' readings, reach and the
    paid return."""
    return (
        *vocabulary.additive,
        *_derived(vocabulary),
        *vocabulary.level_columns,
        REACH,
        PAID_RETURN,
    )


@functools.lru_cache(maxsize=64)
def return_sources(vocabulary: Vocabulary = VOCABULARY) -> tuple[str, ...]:
    """Columns that record a return when present."""
    return ("revenue", *vocabulary.value_names, "return")


@functools.lru_cache(maxsize=64)
def count_measures(vocabulary: Vocabulary = VOCABULARY) -> frozenset[str]:
    """The measures that count actions (or people, for reach)."""
    return frozenset((*vocabulary.action_names, "engagements", "category_mentions", REACH))


MEASURE_NAMES: tuple[str, ...] = measure_names(VOCABULARY)
RETURN_SOURCES: tuple[str, ...] = return_sources(VOCABULARY)
COUNT_MEASURES: frozenset[str] = count_measures(VOCABULARY)


def rate_of(metric: Metric) -> tuple[str, float] | None:
    """What a cost-rate metric is paid per: (the action, how many of it), as a CPM is paid
    per 1,000 impressions; None for a metric that is not a cost rate."""
    if metric.unit is not Unit.MONEY or metric.inputs[0] != "investment":
        return None
    assert metric.denominator is not None  # a cost rate divides by what it is paid per
    return metric.denominator, 1_000.0 if metric.formula is f.cpm else 1.0


def unit_of(name: str, vocabulary: Vocabulary = VOCABULARY) -> str:
    """How a named column is shown: a catalog metric's unit, else "money" or "count"."""
    metrics = catalog(vocabulary)
    if name in metrics:
        return metrics[name].unit.value
    return measure_unit(name, vocabulary)


def _cost_rate(action: Action) -> Metric:
    return Metric(
        f"cost_per_{action.singular}",
        f"Cost per {action.singular.replace('_', ' ')}",
        f.cost_per,
        ("investment", action.name),
        action.name,
        action.stage,
        Direction.LOWER,
        Unit.MONEY,
        f"investment / {action.name}; cost per action as in {_GOOGLE}, 'Cost per conversion'",
    )


def _conversion(action: Action) -> Metric:
    return Metric(
        f"conversion_rate_{action.name}",
        f"Conversion rate to {action.name.replace('_', ' ')}",
        f.conversion_rate,
        (action.name, "link_clicks"),
        "link_clicks",
        action.stage,
        Direction.HIGHER,
        Unit.FRACTION,
        f"{action.name} / link_clicks; {_GOOGLE}, 'Conversion rate' (conversions / interactions)",
    )


#: Actions read by a metric of their own name (CPM, CPC, CPA, CPV, CAC), so no generated
#: cost-per metric repeats it; and micro actions that get a cost-per metric all the same
#: (the platforms price them: cost per ThruPlay, per follower, per session).
_PRICED_APART = frozenset(("impressions", "link_clicks", "purchases", "views", "new_customers"))
_PRICED_MICRO = frozenset(("video_views", "completed_video_views", "follows", "sessions"))


def _mean_duration(timed: Duration) -> Metric:
    return Metric(
        f"avg_{timed.name}",
        f"Average {timed.name.replace('_', ' ')} per {singular(timed.per).replace('_', ' ')}",
        f.mean_duration,
        (timed.name, timed.per),
        timed.per,
        timed.stage,
        Direction.HIGHER,
        Unit.DURATION,
        f"{timed.name} / {timed.per}: seconds per {singular(timed.per)}; Google Analytics "
        "Help, 'Average engagement time' (total engagement time / count)",
    )


def _level_growth(level: str) -> Metric:
    return Metric(
        f"{level}_growth",
        f"{level.replace('_', ' ').capitalize()} growth rate",
        f.growth,
        (f"{level}_closing", f"{level}_opening"),
        f"{level}_opening",
        FunnelStage.AWARENESS,
        Direction.HIGHER,
        Unit.FRACTION,
        f"({level}_closing - {level}_opening) / {level}_opening, per series between its "
        "earliest and latest reading; Hootsuite, 'Audience growth rate' (net new followers "
        "/ total followers)",
    )


def _priced(action: Action, builtin: bool) -> bool:
    if action.name in _PRICED_APART:
        return False
    return action.macro or action.name in _PRICED_MICRO or not builtin


def _build(vocabulary: Vocabulary) -> dict[str, Metric]:
    metrics = [
        Metric(
            "roi",
            "Return on investment",
            f.roi,
            ("return", "investment"),
            "investment",
            None,
            Direction.HIGHER,
            Unit.FRACTION,
            f"(return - investment) / investment; {_OKTOPOST}",
        ),
        Metric(
            "roas",
            "Return on ad spend",
            f.roas,
            (PAID_RETURN, "ad_spend"),
            "ad_spend",
            None,
            Direction.HIGHER,
            Unit.MULTIPLE,
            f"paid return / ad_spend (organic return never counts); {_GOOGLE}, 'Return on ad "
            "spend (ROAS)': conversion value / cost",
        ),
        Metric(
            "mer",
            "Marketing efficiency ratio",
            f.roas,
            ("return", "ad_spend"),
            "ad_spend",
            None,
            Direction.HIGHER,
            Unit.MULTIPLE,
            "all return (organic included) / ad_spend, the 'blended ROAS'; socialroi keeps it "
            "apart from ROAS, which reads paid return only",
        ),
        Metric(
            "profit",
            "Profit",
            f.profit,
            ("return", "investment"),
            None,
            None,
            Direction.HIGHER,
            Unit.MONEY,
            f"return - investment; {_OKTOPOST}",
        ),
        Metric(
            "cpm",
            "Cost per 1,000 impressions",
            f.cpm,
            ("investment", "impressions"),
            "impressions",
            FunnelStage.AWARENESS,
            Direction.LOWER,
            Unit.MONEY,
            f"investment / impressions * 1000; {_META}, 'Cost per 1,000 impressions (CPM)'"
            f"; {_SMME}",
        ),
        Metric(
            "cpv",
            "Cost per view",
            f.cost_per,
            ("investment", "views"),
            "views",
            FunnelStage.AWARENESS,
            Direction.LOWER,
            Unit.MONEY,
            f"investment / views; {_GOOGLE}, 'Cost-per-view (CPV) bidding'",
        ),
        Metric(
            "cpc",
            "Cost per link click",
            f.cpc,
            ("investment", "link_clicks"),
            "link_clicks",
            FunnelStage.INTEREST,
            Direction.LOWER,
            Unit.MONEY,
            f"investment / link_clicks; {_META}, 'Cost per link click (CPC)'; {_SMME}",
        ),
        Metric(
            "cost_per_engagement",
            "Cost per engagement",
            f.cost_per,
            ("investment", "engagements"),
            "engagements",
            FunnelStage.INTEREST,
            Direction.LOWER,
            Unit.MONEY,
            f"investment / engagements; {_LINKEDIN}",
        ),
        Metric(
            "cpa",
            "Cost per acquisition (purchase)",
            f.cpa,
            ("investment", "purchases"),
            "purchases",
            FunnelStage.PURCHASE,
            Direction.LOWER,
            Unit.MONEY,
            f"investment / purchases; {_GOOGLE}, 'Cost per conversion'",
        ),
        Metric(
            "ctr",
            "Link click-through rate",
            f.ctr,
            ("link_clicks", "impressions"),
            "impressions",
            FunnelStage.INTEREST,
            Direction.HIGHER,
            Unit.FRACTION,
            f"link_clicks / impressions; {_GOOGLE}, 'Clickthrough rate (CTR)'",
        ),
        Metric(
            "engagement_rate",
            "Engagement rate (by impressions)",
            f.engagement_rate,
            ("engagements", "impressions"),
            "impressions",
            FunnelStage.INTEREST,
            Direction.HIGHER,
            Unit.FRACTION,
            f"engagements / impressions; {_LINKEDIN}, page analytics: (clicks + likes + "
            "comments + shares + follows) / impressions",
        ),
        Metric(
            "conversion_rate",
            "Conversion rate (purchases per link click)",
            f.conversion_rate,
            ("purchases", "link_clicks"),
            "link_clicks",
            FunnelStage.PURCHASE,
            Direction.HIGHER,
            Unit.FRACTION,
            f"purchases / link_clicks; {_GOOGLE}, 'Conversion rate'",
        ),
        Metric(
            "frequency",
            "Frequency",
            f.frequency,
            ("impressions", REACH),
            REACH,
            FunnelStage.AWARENESS,
            Direction.NEUTRAL,
            Unit.MULTIPLE,
            f"impressions / deduplicated reach; {_META}, 'Frequency'",
        ),
        Metric(
            "view_rate",
            "Video view rate",
            f.conversion_rate,
            ("video_views", "impressions"),
            "impressions",
            FunnelStage.AWARENESS,
            Direction.HIGHER,
            Unit.FRACTION,
            f"video_views / impressions; {_GOOGLE}, 'View rate'",
        ),
        Metric(
            "video_completion_rate",
            "Video completion rate",
            f.conversion_rate,
            ("completed_video_views", "video_views"),
            "video_views",
            FunnelStage.INTEREST,
            Direction.HIGHER,
            Unit.FRACTION,
            "completed_video_views / video_views; IAB, 'Digital Video Ad Measurement "
            "Guidelines': video completion rate (views played to the end over views started)",
        ),
        Metric(
            "share_of_voice",
            "Share of voice",
            share_of_voice,
            ("mentions", "category_mentions"),
            "category_mentions",
            FunnelStage.AWARENESS,
            Direction.HIGHER,
            Unit.FRACTION,
            "mentions / category_mentions (mentions + competitor_mentions); "
            f"{_OKTOPOST}; Sprout "
            "Social, 'Share of voice'",
        ),
        Metric(
            "net_sentiment",
            "Net sentiment",
            net_sentiment_rate,
            ("positive_mentions", "negative_mentions", "mentions"),
            "mentions",
            FunnelStage.AWARENESS,
            Direction.HIGHER,
            Unit.FRACTION,
            "(positive_mentions - negative_mentions) / mentions (neutral included, as "
            f"sr.net_sentiment(over='all')); {_OKTOPOST}: brand sentiment from social listening",
        ),
        Metric(
            "cac",
            "Customer acquisition cost",
            f.cost_per,
            ("investment", "new_customers"),
            "new_customers",
            FunnelStage.PURCHASE,
            Direction.LOWER,
            Unit.MONEY,
            "investment (every cost category: ad spend, salaries, tools, content) / "
            "new_customers; HubSpot, 'How to calculate customer acquisition cost': sales and "
            "marketing costs / new customers acquired",
        ),
    ]
    known = set(measure_names(vocabulary))  # a vocabulary built from scratch may lack some
    metrics = [m for m in metrics if known.issuperset(m.inputs)]
    builtin = {k.value for k in ActionKind}
    for action in vocabulary.actions:
        if _priced(action, action.name in builtin):
            metrics.append(_cost_rate(action))
    for action in vocabulary.actions:
        if action.macro and action.name != "purchases":
            metrics.append(_conversion(action))
    for timed in vocabulary.durations:
        metrics.append(_mean_duration(timed))
    for level in vocabulary.levels:
        metrics.append(_level_growth(level))
    if "followers" in vocabulary.levels and "engagements" in known:
        metrics.append(
            Metric(
                "engagement_rate_by_followers",
                "Engagement rate (by followers)",
                f.engagement_rate,
                ("engagements", "followers_closing"),
                "followers_closing",
                FunnelStage.INTEREST,
                Direction.HIGHER,
                Unit.FRACTION,
                "engagements / followers (the latest reading); Hootsuite, 'Engagement rate "
                "by followers' (total engagements / total followers)",
            )
        )
    out: dict[str, Metric] = {}
    for m in metrics:
        if m.name in out:
            raise InvalidValueError(
                f"vocabulary {vocabulary.name!r} gives two metrics the name {m.name!r}; rename "
                "one of its actions"
            )
        out[m.name] = m
    return out


def catalog(vocabulary: Vocabulary = VOCABULARY) -> Mapping[str, Metric]:
    """Every metric of a vocabulary, by name, read-only: the built-in ones, a cost per
    action for each action priced (every action of the caller's own, every macro action), and
    a conversion rate per link click for each macro action.

    >>> import socialroi as sr
    >>> mine = sr.VOCABULARY.with_actions(
    ...     sr.Action(name="webinar_signups", stage="evaluation", intent=4, macro=True))
    >>> [n for n in sr.catalog(mine) if "webinar" in n]
    ['cost_per_webinar_signup', 'conversion_rate_webinar_signups']
    """
    return _catalog(check_vocabulary(vocabulary))


@functools.lru_cache(maxsize=64)
def _catalog(vocabulary: Vocabulary) -> Mapping[str, Metric]:
    return types.MappingProxyType(_build(vocabulary))


#: Every metric of the default vocabulary, by name, read-only.
METRICS: Mapping[str, Metric] = catalog(VOCABULARY)


def metric(name: str, *, vocabulary: Vocabulary = VOCABULARY) -> Metric:
    """The catalog entry for ``name`` (in ``vocabulary``'s catalog, the default one unless
    given).

    >>> import socialroi as sr
    >>> sr.metric("cpm").direction
    Direction.LOWER
    """
    if not isinstance(name, str):
        raise InvalidTypeError(f"'name' must be a metric name (a string): {name!r}")
    metrics = catalog(vocabulary)
    try:
        return metrics[name]
    except KeyError:
        close = difflib.get_close_matches(name, metrics, n=3)
        hint = f"; did you mean {', '.join(map(repr, close))}?" if close else ""
        raise UnknownNameError(f"unknown metric {name!r}{hint} (see sr.METRICS)") from None
