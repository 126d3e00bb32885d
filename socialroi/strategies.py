"""Hypothesis strategies for socialroi's value types.

Importing this module needs Hypothesis (``pip install socialroi[test]``); nothing else in
socialroi imports it. Once socialroi is installed, Hypothesis loads it through its
``hypothesis`` entry point, so ``st.from_type(sr.Measures)`` works in your tests.

Every option is keyword-only and takes either a value or a strategy. By default amounts and
counts are whole numbers below ``2**40``, so sums are exact in float64 and monoid laws can be
checked with ``==``; pass ``exact=False`` for arbitrary finite floats.

Examples
--------
>>> import socialroi as sr
>>> from hypothesis import given
>>> from socialroi import strategies as srst
>>> @given(srst.measures(currency="EUR"), srst.measures(currency="EUR"))
... def test_merge_commutes(a, b):
...     assert a + b == b + a
>>> test_merge_commutes()
"""

from __future__ import annotations

import datetime as dt
from typing import TypeVar

from hypothesis import strategies as st

from socialroi._goals.funnel import Funnel
from socialroi._goals.kpi import KPI
from socialroi._measures.measures import Measures
from socialroi._metrics.catalog import METRICS, Direction, Metric
from socialroi._reports.activity import Activity
from socialroi._reports.report import Report, Row, report
from socialroi._values.currency import CURRENCIES
from socialroi._values.kinds import FunnelStage, Mode
from socialroi._values.level import Level
from socialroi._values.money import Money
from socialroi._values.rates import CostRate
from socialroi._values.reach import Reach
from socialroi._values.vocabulary import RESERVED, VOCABULARY, Action, Vocabulary, singular

__all__ = [
    "actions",
    "activities",
    "amounts",
    "channels",
    "cost_rates",
    "currencies",
    "funnels",
    "kpis",
    "levels",
    "measures",
    "metrics",
    "money",
    "reaches",
    "reports",
    "rows",
    "vocabularies",
]

T = TypeVar("T")
MAX_EXACT = 2**40
CHANNELS = ("linkedin", "instagram", "facebook", "x", "tiktok", "youtube")


def _strategy(value: T | st.SearchStrategy[T]) -> st.SearchStrategy[T]:
    return value if isinstance(value, st.SearchStrategy) else st.just(value)


def currencies() -> st.SearchStrategy[str]:
    """ISO 4217 codes, the common ones first so shrinking lands on 'USD'."""
    common = ["USD", "EUR", "GBP", "JPY"]
    return st.sampled_from(common + sorted(CURRENCIES - set(common)))


def channels() -> st.SearchStrategy[str]:
    """Channel names: the usual networks, or any short identifier."""
    return st.sampled_from(CHANNELS) | st.from_regex(r"[a-z][a-z0-9_]{0,11}", fullmatch=True)


def amounts(
    *, max_value: float | st.SearchStrategy[float] = MAX_EXACT, exact: bool = True
) -> st.SearchStrategy[float]:
    """Non-negative finite numbers; whole numbers when ``exact`` (sums stay exact)."""
    return _strategy(max_value).flatmap(
        lambda top: (
            st.integers(0, int(top)).map(float)
            if exact
            else st.floats(0, top, allow_nan=False, allow_infinity=False)
        )
    )


def money(
    *,
    currency: str | st.SearchStrategy[str] | None = None,
    max_value: float | st.SearchStrategy[float] = MAX_EXACT,
    allow_negative: bool = False,
    exact: bool = True,
) -> st.SearchStrategy[Money]:
    """:class:`Money` in one currency (drawn when not given)."""
    sign = st.sampled_from([1.0, -1.0]) if allow_negative else st.just(1.0)
    return st.builds(
        lambda amount, s, code: Money(s * amount, code),
        amounts(max_value=max_value, exact=exact),
        sign,
        currencies() if currency is None else _strategy(currency),
    )


def reaches(
    *, max_value: float | st.SearchStrategy[float] = MAX_EXACT, exact: bool = True
) -> st.SearchStrategy[Reach]:
    """:class:`Reach` bounds (low <= high), exactly known or not."""
    return st.tuples(
        amounts(max_value=max_value, exact=exact), amounts(max_value=max_value, exact=exact)
    ).map(lambda pair: Reach(min(pair), max(pair)))


def levels(
    *,
    series: tuple[str, ...] = ("", "page", "profile"),
    first: dt.date = dt.date(2026, 1, 1),
    days: int = 90,
    max_value: int = 10**7,
) -> st.SearchStrategy[Level]:
    """:class:`Level` readings: one or two readings for each of some ``series``, on days from
    ``first``. Two levels drawn apart may disagree on a shared series and day, which merging
    refuses (as it should); draw one history and read it twice to merge draws safely."""

    @st.composite
    def draw(draw: st.DrawFn) -> Level:
        names = draw(st.lists(st.sampled_from(series), min_size=1, max_size=len(series)))
        level = None
        for name in dict.fromkeys(names):
            opened, closed = sorted(draw(st.lists(st.integers(0, days), min_size=2, max_size=2)))
            opening = draw(st.integers(0, max_value))
            closing = opening if opened == closed else draw(st.integers(0, max_value))
            part = Level.between(
                first + dt.timedelta(days=opened),
                opening,
                first + dt.timedelta(days=closed),
                closing,
                series=name,
            )
            level = part if level is None else level | part
        assert level is not None
        return level

    return draw()


def measures(
    *,
    currency: str | st.SearchStrategy[str] | None = None,
    max_value: float | st.SearchStrategy[float] = MAX_EXACT,
    exact: bool = True,
    reach: bool | st.SearchStrategy[bool] | None = None,
    vocabulary: Vocabulary | st.SearchStrategy[Vocabulary] = VOCABULARY,
) -> st.SearchStrategy[Measures]:
    """:class:`Measures` with some actions, costs, revenue and valued actions, on
    ``vocabulary`` (its own actions and costs drawn too).

    ``reach`` says whether to draw a measured reach (by default sometimes); it is kept
    within the impressions when there are any.
    """
    values = amounts(max_value=max_value, exact=exact)

    @st.composite
    def build(draw: st.DrawFn) -> Measures:
        code = draw(currencies() if currency is None else _strategy(currency))
        v = draw(_strategy(vocabulary))
        macro = [a.name for a in v.actions if a.macro]
        actions: dict[str, float] = draw(
            st.dictionaries(st.sampled_from(v.action_names), values, max_size=6)
        )
        costs = draw(st.dictionaries(st.sampled_from(v.costs), values, max_size=4))
        value = draw(st.dictionaries(st.sampled_from(macro), values, max_size=3)) if macro else {}
        timed = v.duration_names
        durations = (
            draw(st.dictionaries(st.sampled_from(timed), values, max_size=2)) if timed else {}
        )
        _mentions_in_order(actions)
        revenue = draw(values)
        measured: Reach | None = None
        if "impressions" in v.action_names and draw(
            st.booleans() if reach is None else _strategy(reach)
        ):
            cap = actions.setdefault("impressions", draw(values))
            low = draw(st.integers(0, int(cap)).map(float) if exact else st.floats(0, cap))
            measured = Reach(low, draw(st.sampled_from([low, cap])))
        return Measures(
            code,
            actions=actions,
            costs=costs,
            revenue=revenue,
            action_value=value,
            reach=measured,
            durations=durations,
            vocabulary=v,
        )

    return build()


def _mentions_in_order(actions: dict[str, float]) -> None:
    """Positive and negative mentions kept among the mentions (within the drawn values)."""
    mentions = actions.get("mentions", 0.0)
    for kind in ("positive_mentions", "negative_mentions"):
        if kind in actions:
            actions[kind] = min(actions[kind], mentions)
            mentions -= actions[kind]


_measures = measures

_NAMES = st.from_regex(r"[a-z]{3,8}_[a-z]{3,8}", fullmatch=True)


def cost_rates(
    *,
    currency: str | st.SearchStrategy[str] | None = None,
    max_value: float | st.SearchStrategy[float] = 1e6,
) -> st.SearchStrategy[CostRate]:
    """:class:`CostRate` values: CPMs, CPCs and costs per macro action, in ``currency``."""
    return st.builds(
        lambda m, paid_per: CostRate(m, paid_per[0], per=paid_per[1]),
        money(currency=currency, max_value=max_value),
        st.sampled_from(
            [("impressions", 1_000.0), ("link_clicks", 1.0), ("leads", 1.0), ("purchases", 1.0)]
        ),
    )


def actions(*, name: str | st.SearchStrategy[str] | None = None) -> st.SearchStrategy[Action]:
    """:class:`Action` definitions of the caller's own (snake_case names that are not
    built-in)."""
    taken = {a.singular for a in VOCABULARY.actions}  # cost_per_<singular> must stay unique
    names = _NAMES.filter(
        lambda n: n not in VOCABULARY.additive and n not in RESERVED and singular(n) not in taken
    )
    return st.builds(
        lambda n, stage, intent, macro: Action(name=n, stage=stage, intent=intent, macro=macro),
        names if name is None else _strategy(name),
        st.sampled_from(list(FunnelStage)),
        st.integers(0, 5),
        st.booleans(),
    )


def vocabularies(*, max_actions: int = 3) -> st.SearchStrategy[Vocabulary]:
    """Vocabularies derived from the default one: up to ``max_actions`` actions of the
    caller's own, and sometimes a cost category of their own."""
    return st.builds(
        lambda acts, cost: VOCABULARY.with_actions(*acts, name="drawn").with_costs(*cost),
        st.lists(actions(), max_size=max_actions, unique_by=lambda a: a.singular),
        st.lists(st.just("influencer_fees"), max_size=1),
    )


def activities(
    *,
    channel: str | st.SearchStrategy[str] | None = None,
    mode: Mode | str | st.SearchStrategy[Mode] | None = None,
    campaign: str | st.SearchStrategy[str] | None = None,
    measures: Measures | st.SearchStrategy[Measures] | None = None,
    currency: str | st.SearchStrategy[str] = "USD",
) -> st.SearchStrategy[Activity]:
    """:class:`Activity` items; all in ``currency`` so lists of them roll up."""
    return st.builds(
        lambda c, m, camp, ms: Activity(c, m, ms, campaign=camp),
        channels() if channel is None else _strategy(channel),
        st.sampled_from(list(Mode)) if mode is None else _strategy(mode),
        st.sampled_from(["launch", "always_on"]) if campaign is None else _strategy(campaign),
        _measures(currency=currency) if measures is None else _strategy(measures),
    )


def rows(*, currency: str | st.SearchStrategy[str] = "USD") -> st.SearchStrategy[Row]:
    """:class:`Row` objects without a key."""
    return measures(currency=currency).map(Row.of)


def reports(
    *,
    by: tuple[str, ...] | st.SearchStrategy[tuple[str, ...]] | None = None,
    currency: str | st.SearchStrategy[str] = "USD",
    max_activities: int = 8,
) -> st.SearchStrategy[Report]:
    """:class:`Report` objects rolled up from a few activities."""
    return st.builds(
        lambda acts, dims: report(acts, by=dims),
        st.lists(activities(currency=currency), min_size=1, max_size=max_activities),
        _BY if by is None else _strategy(by),
    )


_BY = st.sampled_from([(), ("channel",), ("mode",), ("channel", "mode"), ("campaign", "channel")])


def kpis(
    *,
    tracks: str | st.SearchStrategy[str] | None = None,
    target: float | st.SearchStrategy[float] | None = None,
) -> st.SearchStrategy[KPI]:
    """:class:`KPI` objects on catalog metrics with a defined direction, or on measures."""
    names = [n for n, m in METRICS.items() if m.direction is not Direction.NEUTRAL]
    return st.builds(
        lambda t, v: KPI(tracks=t, target=v),
        st.sampled_from([*names, "purchases", "revenue", "leads"])
        if tracks is None
        else _strategy(tracks),
        st.floats(0, 1e6, allow_nan=False) if target is None else _strategy(target),
    )


def funnels(
    *, stages: int | st.SearchStrategy[int] | None = None, exact: bool = True
) -> st.SearchStrategy[Funnel]:
    """:class:`Funnel` objects with 2 to 7 stages (or ``stages``) and non-negative counts that
    never grow down the steps (nested stages, the default a funnel checks)."""
    sizes = st.integers(2, 7) if stages is None else _strategy(stages)
    return sizes.flatmap(
        lambda n: st.lists(amounts(exact=exact), min_size=n, max_size=n).map(
            lambda counts: Funnel(
                stages=[f"stage_{i}" for i in range(n)], counts=sorted(counts, reverse=True)
            )
        )
    )


def metrics() -> st.SearchStrategy[Metric]:
    """Entries of the metric catalog."""
    return st.sampled_from(list(METRICS.values()))
