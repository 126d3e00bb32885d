"""Attribution models: hand-computed examples, conservation and symmetry properties, the
bridge to channel ROI, and bad input."""

from __future__ import annotations

import math
from collections.abc import Callable
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


def test_markov_higher_order() -> None:
    paths = [["a", "b", "c"], ["b", "a", "c"], ["c"], ["a", "c", "b"]]
    for order in (1, 2, 3):
        r = at.markov(paths, [1, 2, 0, 1], nulls=[1, 0, 1, 1], order=order)
        assert sum(r.conversions.values()) == pytest.approx(4.0)
        assert all(v >= 0 for v in r.conversions.values())


def test_shapley_by_hand() -> None:
    # counts: journeys {a,b}: 2, {a}: 1 -> v(a)=1, v(b)=0, v(ab)=3: a = (1 + 3)/2 = 2, b = 1
    assert at.shapley([["a", "b"], ["a"]], [2, 1]).conversions == {"a": 2.0, "b": 1.0}
    # rates: v(a) = 1/(1+1), v(b) = 0/(0+1), v(ab) = (2+1+0)/(3+2+1) = 1/2;
    # phi_a = (v(a) + v(ab) - v(b))/2 = 1/2, phi_b = (v(b) + v(ab) - v(a))/2 = 0: b adds no
    # conversion rate, so all 3 conversions go to a
    r = at.shapley([["a", "b"], ["a"], ["b"]], [2, 1, 0], nulls=[1, 1, 1])
    assert r.conversions == pytest.approx({"a": 3.0, "b": 0.0})
    assert at.shapley_values({frozenset(): 5, frozenset({"x"}): 7}) == {"x": 2.0}


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
