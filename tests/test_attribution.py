"""Attribution models: hand-computed examples, conservation and symmetry properties, the
bridge to channel ROI, and bad input."""

from __future__ import annotations

import itertools
import math
from collections import defaultdict
from collections.abc import Callable, Sequence
from fractions import Fraction
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import socialroi as sr
from socialroi import attribution as at

PATHS = [["fb", "email", "search"], ["fb"], ["email", "search"]]
CONV = [2, 1, 3]
VALUE = [200.0, 50.0, 300.0]


def test_rule_based_models_by_hand() -> None:
    # first touch: fb gets journeys 1 and 2 (2 + 1), email journey 3 (3)
    assert at.first_touch(PATHS, CONV).conversions == {"email": 3.0, "fb": 3.0, "search": 0.0}
    # last touch: search gets 2 + 3, fb 1
    assert at.last_touch(PATHS, CONV).conversions == {"email": 0.0, "fb": 1.0, "search": 5.0}
    # linear: journey 1 gives 2/3 each; journey 2 gives fb 1; journey 3 gives 1.5 each
    lin = at.linear(PATHS, CONV, value=VALUE)
    assert lin.conversions == pytest.approx(
        {"email": 2 / 3 + 1.5, "fb": 2 / 3 + 1, "search": 2 / 3 + 1.5}
    )
    assert lin.value["fb"] == pytest.approx(200 / 3 + 50)
    # position based 40/20/40: journey 1: fb 0.8, email 0.4, search 0.8; journey 3 (two
    # touches) splits 50/50: 1.5 each; journey 2: fb 1
    pos = at.position_based(PATHS, CONV)
    assert pos.conversions == pytest.approx(
        {"email": 0.4 + 1.5, "fb": 0.8 + 1, "search": 0.8 + 1.5}
    )


def test_time_decay_by_hand() -> None:
    # half-life 7 days: touches 14, 7 and 0 days before weigh 1/4, 1/2, 1 -> 1/7, 2/7, 4/7
    r = at.time_decay([["a", "b", "c"]], [7], times=[[14, 7, 0]], half_life=7)
    assert r.conversions == pytest.approx({"a": 1.0, "b": 2.0, "c": 4.0})
    flat = at.time_decay([["a", "b", "c"]], [7], times=np.array([14, 7, 0]), half_life=7)
    assert flat.conversions == r.conversions


def test_time_decay_far_back_is_exact_and_conserved() -> None:
    # 2,000 and 1,999 half-lives back: the weights 2**-2000 and 2**-1999 underflow to 0
    # alone, but relative to the latest touch they are 1/2 and 1 -> 1/3 and 2/3 of 3
    r = at.time_decay([["a", "b"]], [3], times=[[2000, 1999]], half_life=1, value=[30])
    assert r.conversions == pytest.approx({"a": 1.0, "b": 2.0})
    assert r.value == pytest.approx({"a": 10.0, "b": 20.0})
    # a touch 1e308 / 1e-300 half-lives back weighs 2**-inf = 0; the latest gets everything
    far = at.time_decay([["a", "b"]], [3], times=[[1e308, 0.0]], half_life=1e-300)
    assert far.conversions == {"a": 0.0, "b": 3.0}
    # a subnormal half-life: every older touch weighs 0, ties with the latest share equally
    tied = at.time_decay([["a", "b", "c"]], [4], times=[[1.0, 0.5, 0.5]], half_life=5e-324)
    assert tied.conversions == {"a": 0.0, "b": 2.0, "c": 2.0}


@settings(max_examples=60)
@given(
    st.lists(st.floats(0, 1e308), min_size=1, max_size=6),
    st.floats(5e-324, 1e308),
    st.floats(0, 1e300),
)
def test_time_decay_is_finite_conserved_and_shift_invariant(
    times: list[float], half_life: float, shift: float
) -> None:
    """For any finite times the credit is finite and adds up to the conversions; moving
    every touch of a journey the same time back changes nothing (only differences count)."""
    paths = [[f"c{k}" for k in range(len(times))]]
    r = at.time_decay(paths, [5], times=[times], half_life=half_life)
    assert all(math.isfinite(x) and x >= 0 for x in r.conversions.values())
    assert sum(r.conversions.values()) == pytest.approx(5.0, rel=1e-12)
    small = [t / 2**40 for t in times]  # so that the shift stays exact enough
    base = at.time_decay(paths, [5], times=[small], half_life=1.0)
    moved = [t + float(int(shift) % 1_000_000) for t in small]
    shifted = at.time_decay(paths, [5], times=[moved], half_life=1.0)
    assert shifted.conversions == pytest.approx(base.conversions, abs=1e-6)


def test_position_based_uses_first_and_last_as_given() -> None:
    # first 0.3, last 0.5: a>b>c>d gives a 0.3, d 0.5, b and c (1 - 0.8) / 2 = 0.1 each;
    # e>f splits 0.3 : 0.5 -> 3/8, 5/8; g alone gets everything
    r = at.position_based(
        [["a", "b", "c", "d"], ["e", "f"], ["g"]], [10, 8, 2], first=0.3, last=0.5
    )
    assert r.conversions == pytest.approx(
        {"a": 3.0, "b": 1.0, "c": 1.0, "d": 5.0, "e": 3.0, "f": 5.0, "g": 2.0}
    )
    # all to the ends: nothing in the middle; first + last may be exactly 1
    ends = at.position_based([["a", "b", "c"]], [1], first=1.0, last=0.0)
    assert ends.conversions == {"a": 1.0, "b": 0.0, "c": 0.0}


def test_markov_by_hand() -> None:
    """Journeys a>b (1 conversion) and b (1 conversion, 1 null). Transitions: start->a 1/3,
    start->b 2/3, a->b 1, b->conv 2/3, b->null 1/3. P(conv) = 1/3*2/3 + 2/3*2/3 = 2/3.
    Without a: 2/3*2/3 = 4/9, removal effect 1 - (4/9)/(2/3) = 1/3. Without b: 0, effect 1.
    Credit 2 conversions in the ratio 1/3 : 1 -> a 0.5, b 1.5."""
    r = at.markov([["a", "b"], ["b"]], [1, 1], nulls=[0, 1], value=[10, 30])
    assert r.removal_effects == pytest.approx({"a": 1 / 3, "b": 1.0})
    assert r.conversions == pytest.approx({"a": 0.5, "b": 1.5})
    assert r.value == pytest.approx({"a": 10.0, "b": 30.0})


def test_markov_collapses_repeats_and_handles_non_converting_channels() -> None:
    same = at.markov([["a", "a", "b"], ["c"]], [1, 0], nulls=[0, 1])
    assert same.conversions == at.markov([["a", "b"], ["c"]], [1, 0], nulls=[0, 1]).conversions
    assert same.conversions["c"] == 0.0 and same.removal_effects is not None
    assert same.removal_effects["c"] == 0.0


START: tuple[str, ...] = ("<start>",)


def reference_markov(
    paths: Sequence[Sequence[str]],
    conversions: Sequence[int],
    nulls: Sequence[int],
    order: int,
) -> tuple[dict[str, Fraction], dict[str, Fraction]]:
    """Removal effects and credited conversions in exact fractions, straight from the
    definition, independently of socialroi: collapse repeats, count the flows between
    states (the last ``order`` channels), solve x = Q x + r by Gauss-Jordan elimination for
    the chain and for the chain without each channel's states."""
    flows: dict[tuple[str, ...], dict[object, Fraction]] = defaultdict(
        lambda: defaultdict(Fraction)
    )
    for path, c, n in zip(paths, conversions, nulls, strict=True):
        kept = [x for k, x in enumerate(path) if k == 0 or x != path[k - 1]]
        states = [tuple(kept[max(0, k - order + 1) : k + 1]) for k in range(len(kept))]
        previous = START
        for state in states:
            flows[previous][state] += c + n
            previous = state
        flows[previous]["conversion"] += c
        flows[previous]["null"] += n

    def p_conversion(removed: str | None) -> Fraction:
        states = {START, *flows, *(t for f in flows.values() for t in f if isinstance(t, tuple))}
        alive = sorted(s for s in states if s == START or removed not in s)
        index = {s: i for i, s in enumerate(alive)}
        m = len(alive)
        rows = []
        for state in alive:
            row = [Fraction(0)] * (m + 1)
            row[index[state]] = Fraction(1)
            total = sum(flows[state].values(), Fraction(0))
            for target, flow in flows[state].items() if total else ():  # no flow: null
                if target == "conversion":
                    row[m] += flow / total
                elif target in index:
                    row[index[target]] -= flow / total
            rows.append(row)
        for col in range(m):
            pivot = next(r for r in range(col, m) if rows[r][col] != 0)
            rows[col], rows[pivot] = rows[pivot], rows[col]
            rows[col] = [x / rows[col][col] for x in rows[col]]
            for r in range(m):
                if r != col and rows[r][col] != 0:
                    factor = rows[r][col]
                    rows[r] = [a - factor * b for a, b in zip(rows[r], rows[col], strict=True)]
        return rows[index[START]][m]

    channels = sorted({x for p in paths for x in p})
    p_all = p_conversion(None)
    if p_all == 0:
        return dict.fromkeys(channels, Fraction(0)), dict.fromkeys(channels, Fraction(0))
    effects = {c: 1 - p_conversion(c) / p_all for c in channels}
    total = sum(effects.values(), Fraction(0))
    credit = {c: effects[c] / total * sum(conversions) for c in channels}
    return effects, credit


def test_markov_order_two_by_hand() -> None:
    """Journeys a>c (converts) and b>c (does not).
    Order 1: start->a 1/2, start->b 1/2, a->c 1, b->c 1, c->conv 1/2: P = 1/2. Without a:
    1/2 * 1/2 = 1/4, effect 1/2; without b: 1/2 likewise; without c: 0, effect 1. One
    conversion in the ratio 1/2 : 1/2 : 1 -> a 1/4, b 1/4, c 1/2.
    Order 2: states a, b, (a,c), (b,c); (a,c)->conv 1, (b,c)->null 1: P = 1/2. Without a (a
    and (a,c) lead nowhere): 0, effect 1; without b: 1/2, effect 0; without c: 0, effect 1.
    Ratio 1 : 0 : 1 -> a 1/2, b 0, c 1/2: order 2 sees that c converts only after a."""
    paths = [["a", "c"], ["b", "c"]]
    one = at.markov(paths, [1, 0], nulls=[0, 1], order=1)
    assert one.removal_effects == pytest.approx({"a": 0.5, "b": 0.5, "c": 1.0})
    assert one.conversions == pytest.approx({"a": 0.25, "b": 0.25, "c": 0.5})
    two = at.markov(paths, [1, 0], nulls=[0, 1], order=2)
    assert two.removal_effects == pytest.approx({"a": 1.0, "b": 0.0, "c": 1.0})
    assert two.conversions == pytest.approx({"a": 0.5, "b": 0.0, "c": 0.5})


def test_markov_order_three_by_hand() -> None:
    """Journeys x>a>c (converts) and y>a>c (does not).
    Order 2: (a,c) is shared, (a,c)->conv 1/2: P = 1/2; without x: 1/2 * 1/2 = 1/4, effect
    1/2; y likewise; a and c: effect 1. Ratio 1/2 : 1/2 : 1 : 1 over 1 conversion -> x 1/6,
    y 1/6, a 1/3, c 1/3.
    Order 3: (x,a,c)->conv 1, (y,a,c)->null 1: without x: 0, effect 1; without y: effect 0;
    a and c: 1. Ratio 1 : 0 : 1 : 1 -> x, a, c 1/3 each, y 0."""
    paths = [["x", "a", "c"], ["y", "a", "c"]]
    two = at.markov(paths, [1, 0], nulls=[0, 1], order=2)
    assert two.conversions == pytest.approx({"a": 1 / 3, "c": 1 / 3, "x": 1 / 6, "y": 1 / 6})
    three = at.markov(paths, [1, 0], nulls=[0, 1], order=3)
    assert three.removal_effects == pytest.approx({"a": 1.0, "c": 1.0, "x": 1.0, "y": 0.0})
    assert three.conversions == pytest.approx({"a": 1 / 3, "c": 1 / 3, "x": 1 / 3, "y": 0.0})


# Each order sees a different chain here (orders 1 to 4 give four different credits); the
# channels are named so that a state encoding with collisions or a wrong decoding shows.
ORDERS_PATHS = [
    ["b", "a", "d", "c"],
    ["a", "c", "d", "c"],
    ["c", "b", "a", "d", "b"],
    ["d", "d", "a", "b", "c", "a"],
    ["b", "c", "a", "d"],
    ["a", "b", "a", "b", "d"],
    ["c"],
    ["d", "b"],
]
ORDERS_CONVERSIONS = [3, 0, 2, 1, 0, 4, 1, 0]
ORDERS_NULLS = [1, 2, 0, 1, 3, 0, 2, 1]


@pytest.mark.parametrize("order", [1, 2, 3, 4])
def test_markov_matches_an_exact_fraction_solver(order: int) -> None:
    effects, credit = reference_markov(ORDERS_PATHS, ORDERS_CONVERSIONS, ORDERS_NULLS, order)
    r = at.markov(ORDERS_PATHS, ORDERS_CONVERSIONS, nulls=ORDERS_NULLS, order=order)
    assert r.removal_effects == pytest.approx({c: float(x) for c, x in effects.items()})
    assert r.conversions == pytest.approx({c: float(x) for c, x in credit.items()})


def test_markov_orders_differ_on_the_reference_journeys() -> None:
    credits = [
        reference_markov(ORDERS_PATHS, ORDERS_CONVERSIONS, ORDERS_NULLS, order)[1]
        for order in (1, 2, 3, 4)
    ]
    assert all(a != b for a, b in itertools.combinations(credits, 2))


@settings(max_examples=30)
@given(
    st.lists(
        st.tuples(
            st.lists(st.sampled_from(["a", "b", "c"]), min_size=1, max_size=5),
            st.integers(0, 3),
            st.integers(0, 3),
        ),
        min_size=1,
        max_size=6,
    ),
    st.integers(1, 4),
)
def test_markov_matches_the_fraction_solver_on_any_journeys(
    journeys: list[tuple[list[str], int, int]], order: int
) -> None:
    paths = [p for p, _, _ in journeys]
    conv = [c for _, c, _ in journeys]
    nulls = [n for _, _, n in journeys]
    effects, credit = reference_markov(paths, conv, nulls, order)
    r = at.markov(paths, conv, nulls=nulls, order=order)
    assert r.removal_effects == pytest.approx({c: float(x) for c, x in effects.items()}, abs=1e-12)
    assert r.conversions == pytest.approx({c: float(x) for c, x in credit.items()}, abs=1e-12)


def test_markov_without_conversions_gives_no_credit_and_no_removal_effect() -> None:
    # nothing converts: P(conversion) = 0, so no channel's removal loses anything
    r = at.markov([["a", "b"], ["b"]], [0, 0], nulls=[2, 1], value=[0, 0])
    assert r.removal_effects == {"a": 0.0, "b": 0.0}
    assert r.conversions == {"a": 0.0, "b": 0.0} and r.value == {"a": 0.0, "b": 0.0}


def test_shapley_by_hand() -> None:
    # counts: journeys {a,b}: 2, {a}: 1 -> v(a)=1, v(b)=0, v(ab)=3: a = (1 + 3)/2 = 2, b = 1
    assert at.shapley([["a", "b"], ["a"]], [2, 1]).conversions == {"a": 2.0, "b": 1.0}
    # rates: v(a) = 1/(1+1), v(b) = 0/(0+1), v(ab) = (2+1+0)/(3+2+1) = 1/2;
    # phi_a = (v(a) + v(ab) - v(b))/2 = 1/2, phi_b = (v(b) + v(ab) - v(a))/2 = 0: b adds no
    # conversion rate, so all 3 conversions go to a
    r = at.shapley([["a", "b"], ["a"], ["b"]], [2, 1, 0], nulls=[1, 1, 1])
    assert r.conversions == pytest.approx({"a": 3.0, "b": 0.0})
    assert at.shapley_values({frozenset(): 5, frozenset({"x"}): 7}) == {"x": 2.0}


def test_shapley_values_three_players_by_hand() -> None:
    """Weights for 3 players: |S| = 0 -> 0!2!/3! = 1/3, |S| = 1 -> 1!1!/3! = 1/6,
    |S| = 2 -> 2!0!/3! = 1/3.

    | S    | v(S) |      marginal of a | of b         | of c         |
    | {}   |   0  |  v(a) - 0 = 12    | v(b) = 0     | v(c) = 6     |
    | {a}  |  12  |                   | 24 - 12 = 12 | 30 - 12 = 18 |
    | {b}  |   0  |  24 - 0 = 24      |              | 18 - 0 = 18  |
    | {c}  |   6  |  30 - 6 = 24      | 18 - 6 = 12  |              |
    | {bc} |  18  |  60 - 18 = 42     |              |              |
    | {ac} |  30  |                   | 60 - 30 = 30 |              |
    | {ab} |  24  |                   |              | 60 - 24 = 36 |

    a = 12/3 + 24/6 + 24/6 + 42/3 = 4 + 4 + 4 + 14 = 26
    b = 0/3 + 12/6 + 12/6 + 30/3 = 0 + 2 + 2 + 10 = 14
    c = 6/3 + 18/6 + 18/6 + 36/3 = 2 + 3 + 3 + 12 = 20;  26 + 14 + 20 = 60 = v(abc)."""
    worth = {
        frozenset("a"): 12,
        frozenset("b"): 0,
        frozenset("c"): 6,
        frozenset("ab"): 24,
        frozenset("ac"): 30,
        frozenset("bc"): 18,
        frozenset("abc"): 60,
    }
    assert at.shapley_values(worth) == pytest.approx({"a": 26.0, "b": 14.0, "c": 20.0})


def unanimity(members: str, players: str) -> dict[frozenset[str], float]:
    """The game worth 1 for every coalition holding all of ``members``: by symmetry and
    efficiency each member's Shapley value is 1/len(members), every other player's 0."""
    return {
        frozenset(s): float(set(members) <= set(s))
        for k in range(len(players) + 1)
        for s in itertools.combinations(players, k)
    }


@pytest.mark.parametrize(
    ("members", "players"), [("abc", "abcd"), ("abcd", "abcde"), ("bd", "abcde"), ("e", "abcde")]
)
def test_shapley_values_of_unanimity_games(members: str, players: str) -> None:
    expected = {p: (1 / len(members) if p in members else 0.0) for p in players}
    assert at.shapley_values(unanimity(members, players)) == pytest.approx(expected)


def test_shapley_rates_three_channels_by_hand() -> None:
    """Worth = conversion rate of the journeys a coalition covers (conversions over
    conversions plus nulls). Journeys (channels: conversions, nulls): a: 1, 1; b: 0, 2;
    a>b: 3, 1; c: 1, 3; b>c: 2, 0.

    v({}) = 0, v(a) = 1/2, v(b) = 0/2 = 0, v(c) = 1/4, v(ab) = 4/8 = 1/2,
    v(ac) = 2/6 = 1/3, v(bc) = 3/8, v(abc) = 7/14 = 1/2.
    a = 1/3 (1/2) + 1/6 (1/2 - 0) + 1/6 (1/3 - 1/4) + 1/3 (1/2 - 3/8) = 22/72 = 44/144
    b = 1/3 (0) + 1/6 (1/2 - 1/2) + 1/6 (3/8 - 1/4) + 1/3 (1/2 - 1/3) = 11/144
    c = 1/3 (1/4) + 1/6 (1/3 - 1/2) + 1/6 (3/8 - 0) + 1/3 (1/2 - 1/2) = 17/144
    They add up to 72/144 = v(abc); 7 conversions shared 44 : 11 : 17 (of 72)."""
    r = at.shapley(
        [["a"], ["b"], ["a", "b"], ["c"], ["b", "c"]],
        [1, 0, 3, 1, 2],
        nulls=[1, 2, 1, 3, 0],
        value=[10, 0, 30, 10, 20],
    )
    assert r.conversions == pytest.approx({"a": 7 * 44 / 72, "b": 7 * 11 / 72, "c": 7 * 17 / 72})
    assert r.value == pytest.approx({"a": 70 * 44 / 72, "b": 70 * 11 / 72, "c": 70 * 17 / 72})


def reference_shapley(
    paths: Sequence[Sequence[str]], conversions: Sequence[int], nulls: Sequence[int] | None
) -> dict[str, Fraction]:
    """Shapley credit from the definition: every channel's marginal worth averaged over all
    orders of arrival, in exact fractions (independent of socialroi's subset weights)."""
    channels = sorted({x for p in paths for x in p})

    def worth(coalition: set[str]) -> Fraction:
        inside = [k for k, p in enumerate(paths) if set(p) <= coalition]
        conv = sum((Fraction(conversions[k]) for k in inside), Fraction(0))
        if nulls is None:
            return conv
        seen = conv + sum((Fraction(nulls[k]) for k in inside), Fraction(0))
        return conv / seen if seen else Fraction(0)

    phi = dict.fromkeys(channels, Fraction(0))
    orders = list(itertools.permutations(channels))
    for arrival in orders:
        so_far: set[str] = set()
        for channel in arrival:
            phi[channel] += worth(so_far | {channel}) - worth(so_far)
            so_far.add(channel)
    total = sum(phi.values(), Fraction(0))
    return {c: (x / total * sum(conversions) if total else Fraction(0)) for c, x in phi.items()}


@settings(max_examples=30)
@given(
    st.lists(
        st.tuples(
            st.lists(st.sampled_from(["a", "b", "c", "d", "e"]), min_size=1, max_size=4),
            st.integers(0, 3),
            st.integers(0, 3),
        ),
        min_size=1,
        max_size=8,
    ),
    st.booleans(),
)
def test_shapley_matches_the_definition(
    journeys: list[tuple[list[str], int, int]], rates: bool
) -> None:
    paths = [p for p, _, _ in journeys]
    conv = [c for _, c, _ in journeys]
    nulls = [n for _, _, n in journeys] if rates else None
    expected = reference_shapley(paths, conv, nulls)
    r = at.shapley(paths, conv, nulls=nulls)
    assert r.conversions == pytest.approx({c: float(x) for c, x in expected.items()}, abs=1e-9)


MODELS: list[Callable[..., at.Attribution]] = [
    at.first_touch,
    at.last_touch,
    at.linear,
    at.position_based,
    lambda p, c, **k: at.time_decay(
        p, c, times=[list(range(len(x)))[::-1] for x in p], half_life=2, **k
    ),
    lambda p, c, **k: at.markov(p, c, nulls=1, **k),
    lambda p, c, **k: at.markov(p, c, nulls=1, order=2, **k),
    at.shapley,
    lambda p, c, **k: at.shapley(p, c, nulls=1, **k),
]
journeys = st.lists(
    st.lists(st.sampled_from(["a", "b", "c", "d"]), min_size=1, max_size=5),
    min_size=1,
    max_size=12,
)


@pytest.mark.parametrize("model", range(len(MODELS)))
@settings(max_examples=40)
@given(journeys, st.data())
def test_credit_is_conserved(model: int, paths: list[list[str]], data: st.DataObject) -> None:
    conv = data.draw(st.lists(st.integers(0, 20), min_size=len(paths), max_size=len(paths)))
    value = [10.0 * c for c in conv]
    r = MODELS[model](paths, conv, value=value)
    if model in (5, 6) or sum(conv) > 0:
        assert sum(r.conversions.values()) == pytest.approx(sum(conv), abs=1e-9)
        assert sum(r.value.values()) == pytest.approx(sum(value), abs=1e-7)


@pytest.mark.parametrize("model", range(len(MODELS)))
@settings(max_examples=25)
@given(journeys, st.integers(2, 4))
def test_renaming_permutes_and_repeating_scales(
    model: int, paths: list[list[str]], k: int
) -> None:
    conv = [1 + i % 3 for i in range(len(paths))]
    base = MODELS[model](paths, conv)
    rename = {"a": "w", "b": "x", "c": "y", "d": "z"}
    renamed = MODELS[model]([[rename[c] for c in p] for p in paths], conv)
    for old, new in rename.items():
        if old in base.conversions:
            assert renamed.conversions[new] == pytest.approx(base.conversions[old], abs=1e-9)
    repeated = MODELS[model](paths * k, conv * k)
    for channel, credit in base.conversions.items():
        assert repeated.conversions[channel] == pytest.approx(k * credit, rel=1e-9, abs=1e-9)


def test_markov_never_gives_negative_credit() -> None:
    rng = np.random.default_rng(3)
    paths = [list(rng.choice(list("abcde"), rng.integers(1, 6))) for _ in range(300)]
    r = at.markov(paths, rng.integers(0, 3, 300), nulls=rng.integers(0, 3, 300) + 1)
    assert min(r.conversions.values()) >= 0


def test_columnar_and_separated_paths() -> None:
    columnar = {
        "journey": np.array([0, 0, 1, 2, 2]),
        "channel": np.array(["fb", "email", "fb", "email", "search"]),
    }
    a = at.linear(columnar, [2, 1, 3])
    b = at.linear(["fb>email", "fb", "email > search"], [2, 1, 3], sep=">")
    assert a.conversions == pytest.approx(b.conversions)


def test_roi_of_a_channel_under_a_model_is_one_call() -> None:
    paths = [["instagram", "search"], ["instagram"], ["search"]]
    result = at.markov(paths, [1, 1, 2], value=[100, 100, 200], nulls=[3, 5, 2])
    costs: dict[str, sr.Measures | sr.Activity] = {
        "instagram": sr.Measures.of("USD", ad_spend=80),
        "search": sr.Activity("search", "paid", sr.Measures.of("USD", ad_spend=150)),
    }
    rep = result.report(costs)
    instagram = rep.row("instagram")
    assert instagram.return_.amount == pytest.approx(result.value["instagram"])
    assert instagram.roi == pytest.approx((result.value["instagram"] - 80) / 80)
    assert rep.total.return_.amount == pytest.approx(400.0)
    leads = result.activities(costs, action="leads")
    assert sum(a.measures.count("leads") for a in leads) == pytest.approx(4.0)


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: at.linear([], []), sr.InvalidValueError, "'paths' is empty"),
        (lambda: at.linear([[]], [1]), sr.InvalidValueError, "'paths\\[0\\]' is empty"),
        (lambda: at.linear("a>b", [1]), sr.InvalidTypeError, "'paths'"),
        (lambda: at.linear(["a>b"], [1]), sr.InvalidValueError, "sep="),
        (lambda: at.linear([["a", 3]], [1]), sr.InvalidTypeError, "channel names"),
        (lambda: at.linear([["a"]], [-1]), sr.InvalidValueError, "'conversions' must be >= 0"),
        (lambda: at.linear([["a"], ["b"]], [1, 2, 3]), sr.ShapeMismatchError, "one value per"),
        (lambda: at.markov([["a"]], [1], nulls=[math.nan]), sr.InvalidValueError, "'nulls'"),
        (lambda: at.markov([["a"]], [1], order=0), sr.InvalidValueError, "'order'"),
        (
            lambda: at.position_based([["a"]], [1], first=0.7, last=0.6),
            sr.InvalidValueError,
            "'first' \\+ 'last'",
        ),
        (
            lambda: at.time_decay([["a", "b"]], [1], times=[[1]], half_life=2),
            sr.ShapeMismatchError,
            "journey 0 has 1 value",
        ),
        (
            lambda: at.time_decay([["a", "b"]], [1], times=[1, 2, 3], half_life=2),
            sr.ShapeMismatchError,
            "one time per touch",
        ),
        (
            lambda: at.time_decay([["a"]], [1], times=[[1]], half_life=0),
            sr.InvalidValueError,
            "'half_life'",
        ),
        (
            lambda: at.linear({"journey": [0], "path": ["a"]}, [1]),
            sr.InvalidValueError,
            "columnar",
        ),
        (
            lambda: at.linear(
                {"journey": np.array([1, 0]), "channel": np.array(["a", "b"])}, [1, 1]
            ),
            sr.InvalidValueError,
            "sorted",
        ),
        (
            lambda: at.shapley([[f"c{i}"] for i in range(21)], 1),
            sr.InvalidValueError,
            "stops at 20",
        ),
        (lambda: at.shapley_values({("a",): 1}), sr.InvalidTypeError, "frozensets"),  # type: ignore[dict-item]
        (lambda: at.shapley_values([1]), sr.InvalidTypeError, "'worth'"),  # type: ignore[arg-type]
        (lambda: at.linear([["a"]], [1]).activities({}), sr.UnknownNameError, "lacks"),
        (
            lambda: at.linear([["a"]], [1]).activities({"a": 3}),  # type: ignore[dict-item]
            sr.InvalidTypeError,
            "Measures or an Activity",
        ),
    ],
)
def test_bad_input(call: Callable[[], Any], error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        call()
