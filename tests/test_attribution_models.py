"""Models peers' users ask for: last non-direct touch, and Markov value credited by
value-weighted removal effects (ChannelAttribution's definition), checked by hand and
against a simulation of ChannelAttribution's own algorithm."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import socialroi as sr
from socialroi import attribution as at

# --- last non-direct touch -------------------------------------------------------------------


def test_last_non_direct_by_hand() -> None:
    """Direct visits are skipped unless they are all the journey has (Google Analytics'
    last non-direct click; e.g. help.orderlegend.com, "What is the last non-direct click
    attribution model": direct is credited when it is the only trackable event)."""
    paths = [
        ["Facebook", "Direct", "Direct"],
        ["Direct", "Search", "Direct"],
        ["Direct"],
        ["Email", "Organic"],
    ]
    result = at.last_non_direct(paths, [1, 2, 3, 4], value=[10, 20, 30, 40])
    assert result.conversions == {
        "Direct": 3.0,
        "Email": 0.0,
        "Facebook": 1.0,
        "Organic": 4.0,
        "Search": 2.0,
    }
    assert result.value["Search"] == 20.0 and result.model == "last_non_direct"
    two = at.last_non_direct(paths, [1, 2, 3, 4], direct=["Direct", "Organic"])
    assert two.conversions["Email"] == 4.0 and two.conversions["Organic"] == 0.0


paths_strategy = st.lists(
    st.lists(st.sampled_from(["Direct", "a", "b"]), min_size=1, max_size=5), min_size=1
)


@settings(max_examples=60, deadline=None)
@given(paths=paths_strategy, data=st.data())
def test_last_non_direct_is_last_touch_of_the_paths_without_direct(
    paths: list[list[str]], data: st.DataObject
) -> None:
    conversions = data.draw(st.lists(st.integers(0, 5), min_size=len(paths), max_size=len(paths)))
    if not any("Direct" in p for p in paths):
        paths = [*paths, ["Direct"]]
        conversions = [*conversions, 1]
    ours = at.last_non_direct(paths, conversions).conversions
    stripped = [[c for c in p if c != "Direct"] or p for p in paths]
    want = at.last_touch(stripped, conversions).conversions
    assert {c: x for c, x in ours.items() if x} == {c: x for c, x in want.items() if x}
    assert sum(ours.values()) == sum(conversions)


@pytest.mark.parametrize(
    ("direct", "error", "match"),
    [
        ("direct", sr.UnknownNameError, r"'direct' names \['direct'\], which no journey"),
        ("", sr.InvalidTypeError, r"'direct' must be a channel name"),
        ([], sr.InvalidTypeError, r"'direct' must be a channel name"),
        (3, sr.InvalidTypeError, r"'direct' must be a channel name"),
    ],
)
def test_last_non_direct_errors(direct: Any, error: type[Exception], match: str) -> None:
    with pytest.raises(error, match=match):
        at.last_non_direct([["Direct", "a"]], 1, direct=direct)


# --- Markov value by value-weighted removal effects --------------------------------------------


def test_markov_value_by_hand() -> None:
    """Two one-touch journeys worth 10 and 30: each channel's conversion removal effect is
    1/2, so default Markov splits the value 20 / 20; the expected value is 20, 15 without
    "a" and 5 without "b", so value-weighted removal effects are 1/4 and 3/4: 10 / 30."""
    paths, conversions, value = [["a"], ["b"]], [1, 1], [10, 30]
    plain = at.markov(paths, conversions, value=value)
    assert plain.value == {"a": 20.0, "b": 20.0}
    weighted = at.markov(paths, conversions, value=value, value_by="value")
    assert weighted.value == pytest.approx({"a": 10.0, "b": 30.0}, rel=1e-12)
    assert weighted.conversions == plain.conversions and weighted.model == "markov_value"


def simulate_channelattribution(
    paths: list[list[str]],
    conversions: list[float],
    value: list[float],
    nulls: list[float],
    rng: np.random.Generator,
    runs: int,
) -> dict[str, float]:
    """ChannelAttribution's markov_model value credit, order 1, by its own algorithm
    (DavideAltomare/ChannelAttribution, src ChannelAttribution.cpp, W_markov_model_1):
    simulate paths from the start; on reaching conversion, draw a value from the
    conversions leaving the last channel and add it to every channel visited; credit is
    each channel's sum over the total, times the total value."""
    channels = sorted({c for p in paths for c in p})
    ends = [*channels, "(conversion)", "(null)"]
    counts: dict[str, dict[str, float]] = {
        s: dict.fromkeys(ends, 0.0) for s in ["(start)", *channels]
    }
    drawn: dict[str, list[tuple[float, float]]] = {c: [] for c in channels}
    for path, conv, worth, null in zip(paths, conversions, value, nulls, strict=True):
        steps = [c for k, c in enumerate(path) if k == 0 or c != path[k - 1]]
        for a, b in zip(["(start)", *steps], steps, strict=False):
            counts[a][b] += conv + null
        counts[steps[-1]]["(conversion)"] += conv
        counts[steps[-1]]["(null)"] += null
        if conv:
            drawn[steps[-1]].append((worth / conv, conv))
    credit = dict.fromkeys(channels, 0.0)
    for _ in range(runs):
        state, seen = "(start)", set()
        while state not in ("(conversion)", "(null)"):
            weights = np.array([counts[state][e] for e in ends])
            state = ends[rng.choice(len(ends), p=weights / weights.sum())]
            if state in credit:
                seen.add(state)
                last = state
        if state == "(conversion)":
            values, w = zip(*drawn[last], strict=True)
            x = values[rng.choice(len(values), p=np.array(w) / sum(w))]
            for c in seen:
                credit[c] += x
    total = sum(credit.values())
    return {c: x / total * sum(value) for c, x in credit.items()}


def test_markov_value_matches_channelattributions_simulation() -> None:
    paths = [["a", "b"], ["b", "a", "c"], ["c"], ["a"], ["b", "c", "b"], ["c", "a"]]
    conversions = [1.0, 2.0, 1.0, 0.0, 1.0, 1.0]
    value = [50.0, 40.0, 5.0, 0.0, 80.0, 10.0]
    nulls = [1.0, 0.0, 3.0, 2.0, 1.0, 1.0]
    ours = at.markov(paths, conversions, value=value, nulls=nulls, value_by="value").value
    simulated = simulate_channelattribution(
        paths, conversions, value, nulls, np.random.default_rng(7), runs=40_000
    )
    assert ours == pytest.approx(simulated, rel=0.03)
    assert sum(ours.values()) == pytest.approx(sum(value), rel=1e-12)


def test_markov_value_by_errors_and_edges() -> None:
    with pytest.raises(sr.InvalidValueError, match=r"'value_by' must be 'conversions'"):
        at.markov([["a"]], 1, value_by="revenue")
    with pytest.raises(sr.InvalidValueError, match="no converting journey has value"):
        at.markov([["a"], ["b"]], [1, 0], value=[0, 5], nulls=[0, 1], value_by="value")
    none = at.markov([["a"], ["b"]], [1, 1], value_by="value")  # no value at all: none credited
    assert none.value == {"a": 0.0, "b": 0.0} and none.conversions == {"a": 1.0, "b": 1.0}


# --- fractribution's leave-one-out model -------------------------------------------------------


def fractribution_reference(
    paths: list[tuple[str, ...]], conversions: list[float], nulls: list[float]
) -> dict[str, float]:
    """google/fractribution py/fractribution.py, run_shapley_attribution and
    _get_channel_to_attribution, restated one path at a time."""
    pooled: dict[tuple[str, ...], list[float]] = {}
    for p, c, n in zip(paths, conversions, nulls, strict=True):
        pooled.setdefault(p, [0.0, 0.0])
        pooled[p][0] += c
        pooled[p][1] += n

    def rate(p: tuple[str, ...]) -> float:
        if p not in pooled or not sum(pooled[p]):
            return 0.0
        return pooled[p][0] / sum(pooled[p])

    credit: dict[str, float] = {c: 0.0 for p in paths for c in p}
    for p, (c, _) in pooled.items():
        if not c:
            continue
        if len(p) == 1:
            mc = [rate(p)]
        else:
            mc = [max(rate(p) - rate(p[:i] + p[i + 1 :]), 0) for i in range(len(p))]
        s = sum(mc)
        mc = [m / s for m in mc] if s else [0.0] * (len(p) - 1) + [1.0]
        for channel, m in zip(p, mc, strict=True):
            credit[channel] += m * c
    return credit


@settings(max_examples=80, deadline=None)
@given(
    rows=st.lists(
        st.tuples(
            st.lists(st.sampled_from("abc"), min_size=1, max_size=3).map(tuple),
            st.integers(0, 4),
            st.integers(0, 4),
        ),
        min_size=1,
        max_size=12,
    )
)
def test_leave_one_out_is_fractributions_model(
    rows: list[tuple[tuple[str, ...], int, int]],
) -> None:
    paths, conversions, nulls = (list(x) for x in zip(*rows, strict=True))
    ours = at.leave_one_out(paths, conversions, nulls=nulls).conversions
    assert ours == pytest.approx(fractribution_reference(paths, conversions, nulls), abs=1e-9)
    assert sum(ours.values()) == pytest.approx(sum(conversions))


def test_leave_one_out_by_hand_and_from_a_table() -> None:
    paths = [["a", "b"], ["a"], ["b"], ["b", "a"]]
    result = at.leave_one_out(paths, [3, 1, 1, 2], value=[30, 10, 10, 20], nulls=[1, 3, 0, 2])
    # (a, b): rate 3/4, below rate(b) = 1 and 0.5 above rate(a) = 1/4: all to b
    # (b, a): rate 1/2, below rate(b) = 1 and 1/4 above rate(a) = 1/4: all to b
    assert result.conversions == {"a": 1.0, "b": 6.0}
    assert result.value == {"a": 10.0, "b": 60.0} and result.model == "leave_one_out"
    alone = at.leave_one_out([["a", "b"]], [1])  # rate 1, 0 without either: shared equally
    assert alone.conversions == {"a": 0.5, "b": 0.5}
    # (a, b) converts less than (a) and (b): no touch adds anything, so the last one gets all
    last = at.leave_one_out([["a", "b"], ["a"], ["b"]], [1, 1, 1], nulls=[3, 0, 0])
    assert last.conversions == {"a": 1.0, "b": 2.0}
    # the same journeys as strings split by sep
    joined = at.leave_one_out(
        ["a > b", "a", "b", "b>a"], [3, 1, 1, 2], nulls=[1, 3, 0, 2], sep=">"
    )
    assert joined.conversions == {"a": 1.0, "b": 6.0}


# --- DP6's per-combination Shapley game --------------------------------------------------------


def dp6_reference(
    paths: list[list[str]], conversions: list[int], nulls: list[int]
) -> dict[str, float]:
    """DP6/Marketing-Attribution-Models mam/models/shapley.py (conv_rate, no max_size),
    restated with Shapley values by enumerating orderings."""
    from itertools import permutations

    table: dict[frozenset[str], list[float]] = {}
    for p, c, n in zip(paths, conversions, nulls, strict=True):
        row = table.setdefault(frozenset(p), [0.0, 0.0])
        row[0] += c
        row[1] += c + n
    rate = {s: c / t for s, (c, t) in table.items() if c > 0}
    credit = {c: 0.0 for p in paths for c in p}
    for combo in rate:
        players = sorted(combo)
        phi = dict.fromkeys(players, 0.0)
        orders = list(permutations(players))
        for order in orders:
            before: frozenset[str] = frozenset()
            for player in order:
                phi[player] += rate.get(before | {player}, 0.0) - rate.get(before, 0.0)
                before = before | {player}
        total = sum(phi.values())
        for player in players:
            credit[player] += phi[player] / total * table[combo][0]
    return credit


@settings(max_examples=60, deadline=None)
@given(
    rows=st.lists(
        st.tuples(
            st.lists(st.sampled_from("abcd"), min_size=1, max_size=4),
            st.integers(0, 3),
            st.integers(0, 3),
        ),
        min_size=1,
        max_size=10,
    )
)
def test_per_combination_shapley_is_dp6s(rows: list[tuple[list[str], int, int]]) -> None:
    paths, conversions, nulls = (list(x) for x in zip(*rows, strict=True))
    ours = at.shapley(paths, conversions, nulls=nulls, game="per_combination")
    assert ours.conversions == pytest.approx(dp6_reference(paths, conversions, nulls), abs=1e-9)
    assert sum(ours.conversions.values()) == pytest.approx(sum(conversions), abs=1e-9)


def test_per_combination_by_hand_and_errors() -> None:
    """(a) converts 1 in 4, (b) 1 in 2, (a, b) 2 in 2: the set {a, b} shares its 2
    conversions by phi_a = (1/4 + (1 - 1/2)) / 2 = 3/8 and phi_b = (1/2 + (1 - 1/4)) / 2 =
    5/8; the one-channel sets keep theirs."""
    paths = [["a"], ["b"], ["a", "b"], ["b", "a"]]
    r = at.shapley(
        paths, [1, 1, 1, 1], value=[4, 4, 8, 8], nulls=[3, 1, 0, 0], game="per_combination"
    )
    assert r.conversions == pytest.approx({"a": 1 + 2 * 3 / 8, "b": 1 + 2 * 5 / 8})
    assert r.value == pytest.approx({"a": 4 + 16 * 3 / 8, "b": 4 + 16 * 5 / 8})
    assert r.model == "shapley_per_combination"
    with pytest.raises(sr.InvalidValueError, match="'game' must be 'coalition'"):
        at.shapley(paths, 1, game="dp6")
    with pytest.raises(sr.InvalidValueError, match="never converts"):
        at.shapley([["a"], ["b"]], [1, 0], value=[1, 2], game="per_combination")
