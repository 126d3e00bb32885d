"""Attribution input: junk raises only the SocialROIError family, naming the argument;
valid extreme input gives finite credit without warnings (pytest turns warnings into
errors); the Markov solver refuses, before allocating, chains too large for memory."""

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
from socialroi.attribution import _markov
from socialroi.attribution._journeys import encode

Model = Callable[..., at.Attribution]


def touch_times(paths: object, sep: object) -> list[float]:
    """Flat times for time_decay: touch k of n is n - k - 1 half-lives before the end (one
    time for junk paths, which must raise before the times are read)."""
    try:
        j = encode(paths, 1, sep=sep)
    except sr.SocialROIError:
        return [0.0]
    return [float(x) for x in np.repeat(j.offsets[1:], j.lengths) - np.arange(j.codes.size) - 1]


# every model, called as model(paths, conversions, **options)
MODELS: dict[str, Model] = {
    "first_touch": at.first_touch,
    "last_touch": at.last_touch,
    "linear": at.linear,
    "position_based": at.position_based,
    "time_decay": lambda p, c, **k: at.time_decay(
        p, c, times=touch_times(p, k.get("sep")), half_life=1.0, **k
    ),
    "markov": lambda p, c, **k: at.markov(p, c, nulls=k.pop("nulls", 1), **k),
    "markov_order_2": lambda p, c, **k: at.markov(p, c, nulls=k.pop("nulls", 1), order=2, **k),
    "shapley": at.shapley,
    "shapley_rates": lambda p, c, **k: at.shapley(p, c, nulls=k.pop("nulls", 1), **k),
}
NAMES = list(MODELS)


def raises(error: type[Exception], match: str, call: Callable[[], object]) -> None:
    with pytest.raises(error, match=match):
        call()


# --- separators, paths and channel names ---------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize(
    ("sep", "error"),
    [(-1, sr.InvalidTypeError), (b">", sr.InvalidTypeError), ("", sr.InvalidValueError)],
)
@pytest.mark.parametrize("paths", [["a>b", "b"], [["a", "b"], ["b"]]], ids=["strings", "lists"])
def test_sep_must_be_a_non_empty_string_in_every_model(
    name: str, sep: object, error: type[Exception], paths: list[Any]
) -> None:
    # checked even when the journeys are lists: a bad separator is a bug wherever it is
    raises(error, "'sep'", lambda: MODELS[name](paths, [1, 1], sep=sep))


@pytest.mark.parametrize("name", NAMES)
def test_every_model_splits_strings_on_sep(name: str) -> None:
    split = MODELS[name](["a > b", " b"], [1, 2], sep=">")
    assert split == MODELS[name]([["a", "b"], ["b"]], [1, 2])


@pytest.mark.parametrize(
    ("paths", "error", "match"),
    [
        (None, sr.InvalidTypeError, r"^'paths' must be a sequence of journeys"),
        ("", sr.InvalidTypeError, r"^'paths' must be a sequence"),
        ("a>b", sr.InvalidTypeError, r"^'paths' must be a sequence"),
        (b"ab", sr.InvalidTypeError, r"^'paths' must be a sequence"),
        (5, sr.InvalidTypeError, r"^'paths' must be a sequence"),
        ({"a", "b"}, sr.InvalidTypeError, r"^'paths' must be a sequence"),
        ([], sr.InvalidValueError, r"^'paths' is empty"),
        ([None], sr.InvalidTypeError, r"^'paths\[0\]' must be a sequence of channel names"),
        ([["a"], 5], sr.InvalidTypeError, r"^'paths\[1\]' must be a sequence"),
        ([["a"], b"ab"], sr.InvalidTypeError, r"^'paths\[1\]' must be a sequence"),
        ([{"a": 1}], sr.InvalidTypeError, r"^'paths\[0\]' must be a sequence"),
        ([["a"], []], sr.InvalidValueError, r"^'paths\[1\]' is empty"),
        ([["a", ["b"]]], sr.InvalidTypeError, r"^'paths\[0\]' must hold channel names.*item 1"),
        ([["a", None]], sr.InvalidTypeError, r"^'paths\[0\]' must hold channel names.*None"),
        ([[math.nan]], sr.InvalidTypeError, r"^'paths\[0\]' must hold channel names.*nan"),
        ([["a", 3]], sr.InvalidTypeError, r"^'paths\[0\]' must hold channel names.*item 1"),
        ([["a", ""]], sr.InvalidValueError, r"^'paths\[0\]' holds an empty channel name"),
        ([["a"], ["  "]], sr.InvalidValueError, r"^'paths\[1\]' holds an empty channel name"),
        (["a"], sr.InvalidValueError, r"^'paths\[0\]' is a string 'a': pass sep="),
    ],
)
def test_junk_paths(paths: object, error: type[Exception], match: str) -> None:
    for model in MODELS.values():
        raises(error, match, lambda model=model: model(paths, 1))  # type: ignore[misc]


@pytest.mark.parametrize(
    "path", ["a>>b", "", ">", "a>"], ids=["double", "empty", "only-sep", "trailing"]
)
def test_separated_paths_with_an_empty_channel(path: str) -> None:
    raises(
        sr.InvalidValueError,
        r"^'paths\[1\]' holds an empty channel name",
        lambda: at.linear(["a", path], 1, sep=">"),
    )


def col(journey: object, channel: object) -> dict[str, object]:
    return {"journey": journey, "channel": channel}


@pytest.mark.parametrize(
    ("paths", "error", "match"),
    [
        ({"journey": [0]}, sr.InvalidValueError, r"^columnar 'paths' must be \{'journey'"),
        ({"journey": [0], "path": ["a"]}, sr.InvalidValueError, r"^columnar 'paths' must be"),
        (col([0, 0], [["a"], "b"]), sr.InvalidTypeError, r"^columnar 'paths' needs flat arrays"),
        (col([0.0, 1.0], ["a", "b"]), sr.InvalidTypeError, r"journey\"\]' must hold integer"),
        (col([True], ["a"]), sr.InvalidTypeError, r"journey\"\]' must hold integer"),
        (col(None, None), sr.InvalidTypeError, r"journey\"\]' must hold integer"),
        (col([[0]], [["a"]]), sr.ShapeMismatchError, r"^columnar 'paths' needs one journey id"),
        (col([0, 1], ["a"]), sr.ShapeMismatchError, r"got shapes \(2,\) and \(1,\)"),
        (col([0, 1], [1, 2]), sr.InvalidTypeError, r"channel\"\]' must hold channel names"),
        (col([0, 1], [b"a", b"b"]), sr.InvalidTypeError, r"channel\"\]' must hold channel"),
        (
            col([0, 0], np.array(["a", None], dtype=object)),
            sr.InvalidTypeError,
            r"channel\"\]' must hold channel names \(strings\): item 1 is None",
        ),
        (
            col([0, 0], np.array(["a", math.nan], dtype=object)),
            sr.InvalidTypeError,
            r"item 1 is nan",
        ),
        (col([0, 0], ["a", ""]), sr.InvalidValueError, r"channel\"\]' holds an empty channel"),
        (
            col([0, 0], np.array(["a", " "], dtype=object)),
            sr.InvalidValueError,
            r"holds an empty channel",
        ),
        (col([1, 0], ["a", "b"]), sr.InvalidValueError, r"must be sorted by journey id"),
        (
            col(np.array([], dtype=int), np.array([], dtype=str)),
            sr.InvalidValueError,
            "^'paths' is",
        ),
        (col(np.array([], dtype=int), []), sr.InvalidTypeError, r"must hold channel names"),
    ],
)
def test_junk_columnar_paths(paths: object, error: type[Exception], match: str) -> None:
    raises(error, match, lambda: at.linear(paths, 1))


def test_columnar_paths_from_lists_and_object_arrays() -> None:
    lists = at.linear(col([0, 0, 1], ["a", "b", "b"]), [2, 1])
    objects = at.linear(col(np.array([0, 0, 1]), np.array(["a", "b", "b"], dtype=object)), [2, 1])
    assert lists == objects == at.linear([["a", "b"], ["b"]], [2, 1])
    assert lists.conversions == {"a": 1.0, "b": 2.0}


# --- per-journey numbers --------------------------------------------------------------------

# (junk, error, the message after the argument's name)
NUMBER_JUNK = [
    (-1, sr.InvalidValueError, r"' must be >= 0"),
    ([1, -1], sr.InvalidValueError, r"' must be >= 0: 1 value\(s\) are negative"),
    ([1, math.nan], sr.InvalidValueError, r"' must be finite"),
    ([1, math.inf], sr.InvalidValueError, r"' must be finite"),
    (math.inf, sr.InvalidValueError, r"' must be finite"),
    (10**400, sr.InvalidValueError, r"' must be finite"),
    ([1, 10**400], sr.InvalidValueError, r"\[1\]' must be finite"),
    ("5", sr.InvalidTypeError, r"' must be a number or an array of numbers: '5'"),
    (["5", "1"], sr.InvalidTypeError, r"' must be a number or an array of numbers"),
    ([1, "5"], sr.InvalidTypeError, r"' must be a number or an array of numbers"),
    (np.array(["5", "1"]), sr.InvalidTypeError, r"' must be a number or an array of numbers"),
    (np.array([1, "5"], dtype=object), sr.InvalidTypeError, r"' must hold numbers: item 1 is '5'"),
    ([1, None], sr.InvalidTypeError, r"' must hold numbers: item 1 is None"),
    ([True, False], sr.InvalidTypeError, r"' must be a number or an array of numbers"),
    (np.array([1, True], dtype=object), sr.InvalidTypeError, r"' must hold numbers: item 1 is"),
    (True, sr.InvalidTypeError, r"' must be a number or an array of numbers: True"),
    (1 + 2j, sr.InvalidTypeError, r"' must be a real number"),
    ({"a": 1}, sr.InvalidTypeError, r"' must hold numbers: item 0 is \{'a': 1\}"),
    ([[1], [1, 2]], sr.InvalidTypeError, r"' must be a number or an array of numbers"),
    ([1, 2, 3], sr.ShapeMismatchError, r"' needs one value per journey \(2\).*\(3,\)"),
    ([1], sr.ShapeMismatchError, r"' needs one value per journey \(2\).*\(1,\)"),
    ([[1, 2]], sr.ShapeMismatchError, r"' needs one value per journey \(2\).*\(1, 2\)"),
    ([[1, 10**20]], sr.ShapeMismatchError, r"' needs one value per journey \(2\).*\(1, 2\)"),
    ([1e308, 1e308], sr.InvalidValueError, r"' add up to more than the largest float"),
    (1e308, sr.InvalidValueError, r"' add up to more than the largest float"),
]


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize(("junk", "error", "match"), NUMBER_JUNK)
def test_junk_conversions_and_value(
    name: str, junk: object, error: type[Exception], match: str
) -> None:
    paths = [["a", "b"], ["b"]]
    model = MODELS[name]
    raises(error, "^'conversions" + match, lambda: model(paths, junk))
    raises(error, "^'value" + match, lambda: model(paths, [1, 1], value=junk))


@pytest.mark.parametrize("name", ["markov", "markov_order_2", "shapley_rates"])
@pytest.mark.parametrize(("junk", "error", "match"), NUMBER_JUNK)
def test_junk_nulls(name: str, junk: object, error: type[Exception], match: str) -> None:
    raises(error, "^'nulls" + match, lambda: MODELS[name]([["a", "b"], ["b"]], [1, 1], nulls=junk))


@pytest.mark.parametrize("name", NAMES)
def test_conversions_are_required(name: str) -> None:
    raises(sr.InvalidTypeError, r"^'conversions' is required", lambda: MODELS[name]([["a"]], None))


@pytest.mark.parametrize("name", NAMES)
def test_one_number_applies_to_every_journey(name: str) -> None:
    paths = [["a", "b"], ["b"], ["c", "a"]]
    model = MODELS[name]
    scalar = model(paths, 2, value=np.float64(5.0))
    assert scalar == model(paths, [2, 2, 2], value=[5, 5, 5])
    assert scalar == model(paths, np.array(2), value=np.array([5.0, 5.0, 5.0]))
    assert sum(scalar.conversions.values()) == pytest.approx(6.0)
    assert sum(scalar.value.values()) == pytest.approx(15.0)


# --- options of the models ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("order", "error"),
    [
        (True, sr.InvalidTypeError),
        (2.0, sr.InvalidTypeError),
        ("2", sr.InvalidTypeError),
        (None, sr.InvalidTypeError),
        (0, sr.InvalidValueError),
        (5, sr.InvalidValueError),
        (-1, sr.InvalidValueError),
    ],
)
def test_junk_order(order: object, error: type[Exception]) -> None:
    raises(
        error,
        r"^'order' must be an integer from 1 to 4",
        lambda: at.markov([["a"]], [1], order=order),  # type: ignore[arg-type]
    )


def test_order_accepts_numpy_integers() -> None:
    paths = [["a", "c"], ["b", "c"]]
    assert at.markov(paths, [1, 0], nulls=[0, 1], order=np.int64(2)) == at.markov(
        paths, [1, 0], nulls=[0, 1], order=2
    )


@pytest.mark.parametrize(
    ("half_life", "error", "match"),
    [
        (0, sr.InvalidValueError, r"^'half_life' must be > 0: 0"),
        (0.0, sr.InvalidValueError, r"^'half_life' must be > 0"),
        (-1, sr.InvalidValueError, r"^'half_life' must be > 0: -1"),
        (-math.inf, sr.InvalidValueError, r"^'half_life' must be finite"),
        (math.nan, sr.InvalidValueError, r"^'half_life' must be finite"),
        (math.inf, sr.InvalidValueError, r"^'half_life' must be finite"),
        (10**400, sr.InvalidValueError, r"^'half_life' must be finite"),
        ("7", sr.InvalidTypeError, r"^'half_life' must be a real number"),
        (True, sr.InvalidTypeError, r"^'half_life' must be a real number"),
        (None, sr.InvalidTypeError, r"^'half_life' must be a real number"),
    ],
)
def test_junk_half_life(half_life: object, error: type[Exception], match: str) -> None:
    raises(
        error,
        match,
        lambda: at.time_decay([["a", "b"]], [1], times=[[1, 0]], half_life=half_life),  # type: ignore[arg-type]
    )


@pytest.mark.parametrize(
    ("times", "error", "match"),
    [
        ([[1], [0]], sr.ShapeMismatchError, r"^'times' for journey 0 has 1 value\(s\) for 2"),
        (
            [[1, 0], [1, 0]],
            sr.ShapeMismatchError,
            r"^'times' for journey 1 has 2 value\(s\) for 1",
        ),
        ([1, 2], sr.ShapeMismatchError, r"^'times' needs one time per touch \(3\).*\(2,\)"),
        ([1, 2, 3, 4], sr.ShapeMismatchError, r"^'times' needs one time per touch \(3\)"),
        (5, sr.ShapeMismatchError, r"^'times' needs one time per touch \(3\).*\(\)"),
        ([[[1], [0]], [2]], sr.InvalidTypeError, r"^'times' must be a number or an array"),
        ([[[1], [0]], [[2]]], sr.ShapeMismatchError, r"^'times' needs one time per touch"),
        (np.zeros((3, 1)), sr.ShapeMismatchError, r"^'times' needs one time per touch"),
        (np.zeros((2, 2)), sr.ShapeMismatchError, r"^'times' for journey 1 has 2"),
        ([[1, 0], 5], sr.InvalidTypeError, r"^'times' must be a number"),
        ([[math.nan, 0], [1]], sr.InvalidValueError, r"^'times' must be finite"),
        ([[math.inf, 0], [1]], sr.InvalidValueError, r"^'times' must be finite"),
        ([[-1, 0], [1]], sr.InvalidValueError, r"^'times' must be >= 0"),
        ([[10**400, 0], [1]], sr.InvalidValueError, r"^'times\[0\]' must be finite"),
        ([[None, 0], [1]], sr.InvalidTypeError, r"^'times' must hold numbers: item 0 is None"),
        ([["1", "0"], ["2"]], sr.InvalidTypeError, r"^'times' must be a number"),
        ([[1, "0"], [2]], sr.InvalidTypeError, r"^'times' must be a number"),
        (None, sr.InvalidTypeError, r"^'times' must hold numbers: item 0 is None"),
        ("1 0 2", sr.InvalidTypeError, r"^'times' must be a number"),
    ],
)
def test_junk_times(times: object, error: type[Exception], match: str) -> None:
    raises(
        error,
        match,
        lambda: at.time_decay([["a", "b"], ["c"]], [1, 1], times=times, half_life=2),
    )


def test_times_per_journey_flat_or_as_rows_of_an_array() -> None:
    # half-life 1: a touch 1 before the latest weighs 1/2 -> 1/3 and 2/3 of 3 conversions
    expected = {"a": 1.0 + 3.0, "b": 2.0 + 6.0}
    paths = [["a", "b"], ["a", "b"]]
    for times in (
        [[2, 1], [5, 4]],
        [np.array([2, 1]), (5, 4)],
        np.array([[2, 1], [5, 4]]),
        [2, 1, 5, 4],
        np.array([2.0, 1.0, 5.0, 4.0]),
    ):
        r = at.time_decay(paths, [3, 9], times=times, half_life=1)
        assert r.conversions == pytest.approx(expected)


@pytest.mark.parametrize(
    ("first", "last", "error", "match"),
    [
        (-0.1, 0.4, sr.InvalidValueError, r"^'first' must be a share from 0 to 1: -0.1"),
        (1.5, 0.0, sr.InvalidValueError, r"^'first' must be a share from 0 to 1: 1.5"),
        (0.4, 1.01, sr.InvalidValueError, r"^'last' must be a share from 0 to 1: 1.01"),
        (0.4, -1e-300, sr.InvalidValueError, r"^'last' must be a share from 0 to 1"),
        (math.nan, 0.4, sr.InvalidValueError, r"^'first' must be finite"),
        (0.4, math.inf, sr.InvalidValueError, r"^'last' must be finite"),
        (10**400, 0.4, sr.InvalidValueError, r"^'first' must be finite"),
        ("0.4", 0.4, sr.InvalidTypeError, r"^'first' must be a real number"),
        (0.4, True, sr.InvalidTypeError, r"^'last' must be a real number"),
        (0.7, 0.6, sr.InvalidValueError, r"^'first' \+ 'last' must be in \(0, 1\]"),
        (0.0, 0.0, sr.InvalidValueError, r"^'first' \+ 'last' must be in \(0, 1\]"),
    ],
)
def test_junk_first_and_last(
    first: object, last: object, error: type[Exception], match: str
) -> None:
    raises(
        error,
        match,
        lambda: at.position_based([["a", "b", "c"]], [1], first=first, last=last),  # type: ignore[arg-type]
    )


def test_first_and_last_at_the_edges_of_their_range() -> None:
    r = at.position_based([["a", "b", "c"], ["d", "e"]], [1, 1], first=0.0, last=1.0)
    assert r.conversions == {"a": 0.0, "b": 0.0, "c": 1.0, "d": 0.0, "e": 1.0}


# --- from credit to activities --------------------------------------------------------------


def test_junk_costs() -> None:
    result = at.linear([["a", "b"]], [2], value=[100])
    usd = sr.Measures.of("USD", ad_spend=10)
    cases: list[tuple[Callable[[], object], type[Exception], str]] = [
        (lambda: result.activities(None), sr.InvalidTypeError, r"^'costs' must map channels"),  # type: ignore[arg-type]
        (lambda: result.activities([usd]), sr.InvalidTypeError, r"^'costs' must map channels"),  # type: ignore[arg-type]
        (
            lambda: result.activities({"a": usd, "b": usd, 3: usd}),  # type: ignore[dict-item]
            sr.InvalidTypeError,
            r"^'costs' keys must be channel names \(strings\): 3",
        ),
        (
            lambda: result.activities({"a": usd, "b": usd, " ": usd}),
            sr.InvalidValueError,
            r"^'costs' has an empty channel name as a key: ' '",
        ),
        (
            lambda: result.activities({"a": usd, "b": 10}),  # type: ignore[dict-item]
            sr.InvalidTypeError,
            r"^'costs\['b'\]' must be Measures or an Activity: 10",
        ),
        (
            lambda: result.activities({"a": usd, "b": sr.Activity("c", "paid", usd)}),
            sr.InvalidValueError,
            r"^'costs\['b'\]' is an Activity of channel 'c'",
        ),
        (
            lambda: result.activities({"a": usd}),
            sr.UnknownNameError,
            r"^'costs' lacks the credited channel\(s\) \['b'\]",
        ),
        (
            lambda: result.activities(
                {"a": sr.Activity("a", "paid", usd), "b": sr.Activity("b", "paid", usd)},
                mode="junk",
            ),
            sr.UnknownNameError,
            r"^'mode'",
        ),
        (
            lambda: result.activities({"a": usd, "b": usd}, mode=3),  # type: ignore[arg-type]
            sr.InvalidTypeError,
            r"^'mode'",
        ),
        (
            lambda: result.activities({"a": usd, "b": usd}, action="clicks"),
            sr.UnknownNameError,
            r"^'action'",
        ),
    ]
    for call, error, match in cases:
        raises(error, match, call)


def test_activities_add_credit_to_the_costs_given() -> None:
    result = at.linear([["a", "b"]], [2], value=[100])
    usd = sr.Measures.of("USD", ad_spend=10)
    organic = sr.Activity("b", "organic", usd, campaign="q3")
    out = result.activities(
        {"a": usd, "b": organic, "tiktok": usd}, action="leads", mode="organic"
    )
    assert [(x.channel, x.mode.value, x.campaign) for x in out] == [
        ("a", "organic", "all"),
        ("b", "organic", "q3"),
        ("tiktok", "organic", "all"),
    ]
    assert [x.measures.count("leads") for x in out] == [1.0, 1.0, 0.0]
    assert [x.measures.return_.amount for x in out] == [50.0, 50.0, 0.0]
    assert [x.measures.investment.amount for x in out] == [10.0, 10.0, 10.0]


# --- Shapley values of any game -------------------------------------------------------------


@pytest.mark.parametrize(
    ("worth", "error", "match"),
    [
        ([1], sr.InvalidTypeError, r"^'worth' must map frozensets"),
        ({("a",): 1}, sr.InvalidTypeError, r"^'worth' keys must be frozensets of names"),
        ({"a": 1}, sr.InvalidTypeError, r"^'worth' keys must be frozensets of names"),
        ({frozenset([1]): 1}, sr.InvalidTypeError, r"^'worth' keys must be frozensets"),
        ({frozenset(["a", ""]): 1}, sr.InvalidValueError, r"^'worth' keys hold an empty"),
        ({frozenset("a"): 10**400}, sr.InvalidValueError, r"^\"worth\[\['a'\]\]\" must be finite"),
        ({frozenset("a"): math.nan}, sr.InvalidValueError, r"must be finite"),
        ({frozenset("a"): -math.inf}, sr.InvalidValueError, r"must be finite"),
        ({frozenset("a"): "1"}, sr.InvalidTypeError, r"^\"worth\[\['a'\]\]\" must be a real"),
        ({frozenset("a"): True}, sr.InvalidTypeError, r"must be a real number"),
        ({frozenset("a"): None}, sr.InvalidTypeError, r"must be a real number"),
        (
            {frozenset(f"c{i}" for i in range(21)): 1.0},
            sr.InvalidValueError,
            r"for 21 channels.*stops at 20",
        ),
        (
            # b's value is (v(b) + v(ab) - v(a)) / 2 = (1.7e308 + 1.7e308 + 1.7e308) / 2
            {frozenset("a"): -1.7e308, frozenset("b"): 1.7e308, frozenset("ab"): 1.7e308},
            sr.InvalidValueError,
            r"^Shapley values of 'worth' exceed the largest float",
        ),
    ],
)
def test_junk_worth(worth: object, error: type[Exception], match: str) -> None:
    raises(error, match, lambda: at.shapley_values(worth))  # type: ignore[arg-type]


def test_shapley_values_of_extreme_worth() -> None:
    # v(a) = -1e308, v(b) = 0, v(ab) = 1e308: a = (-1e308 + 1e308 - 0) / 2 = 0,
    # b = (0 + 1e308 + 1e308) / 2 = 1e308; the differences of worth reach 2e308
    worth = {frozenset("a"): -1e308, frozenset("ab"): 1e308}
    assert at.shapley_values(worth) == {"a": 0.0, "b": 1e308}
    small = {frozenset("a"): 2e-300, frozenset("b"): 6e-300, frozenset("ab"): 8e-300}
    assert at.shapley_values(small) == pytest.approx({"a": 2e-300, "b": 6e-300}, rel=1e-15)
    assert at.shapley_values({}) == {}
    assert at.shapley_values({frozenset(): 3.0}) == {}


# --- extreme but valid input ----------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_the_largest_floats_give_finite_conserved_credit(name: str) -> None:
    paths = [["a", "b"], ["b"], ["c", "a", "b"]]
    conv = [1e308, 0.0, 5e307]
    value = [0.0, 1e308, 7e307]
    r = MODELS[name](
        paths,
        conv,
        value=value,
        **({"nulls": [1e308, 5e307, 1e307]} if "markov" in name or "rates" in name else {}),
    )
    assert all(math.isfinite(x) and x >= 0 for x in r.conversions.values())
    assert all(math.isfinite(x) and x >= 0 for x in r.value.values())
    assert math.fsum(r.conversions.values()) == pytest.approx(1.5e308, rel=1e-12)
    assert math.fsum(r.value.values()) == pytest.approx(1.7e308, rel=1e-12)


@pytest.mark.parametrize("name", NAMES)
def test_the_smallest_floats_give_conserved_credit(name: str) -> None:
    paths = [["a", "b"], ["b"]]
    r = MODELS[name](
        paths,
        [1e-320, 1e-320],
        value=[5e-324, 0.0],
        **({"nulls": [1.0, 1.0]} if "markov" in name or "rates" in name else {}),
    )
    assert all(math.isfinite(x) and x >= 0 for x in r.conversions.values())
    assert math.fsum(r.conversions.values()) == pytest.approx(2e-320, abs=1e-322)


def test_markov_tiny_conversions_against_many_nulls() -> None:
    """Conversions 1e-300 of the nulls: transition probabilities to conversion near 1e-300
    still give the same removal effects as 1 against 1 (x solving the chain is linear in
    the conversions column, and removal effects are its ratios)."""
    paths = [["a", "b"], ["b"]]
    tiny = at.markov(paths, [1e-300, 1e-300], nulls=[1.0, 1.0])
    plain = at.markov(paths, [1.0, 1.0], nulls=[1e300, 1e300])
    assert tiny.removal_effects == pytest.approx(plain.removal_effects)
    assert tiny.removal_effects == pytest.approx({"a": 1 / 2, "b": 1.0})
    # beyond the float range: 1e-300 conversions against 1e300 nulls is a probability of
    # 1e-600, which no float holds
    raises(
        sr.InvalidValueError,
        r"^the probability of converting is below the float range",
        lambda: at.markov(paths, [1e-300, 0], nulls=[1e300, 1e300]),
    )


# --- Markov: memory ---------------------------------------------------------------------------


def test_markov_order_4_over_20_channels_refuses_before_allocating() -> None:
    """20 channels, 60,000 journeys of 6 touches: order 4 observes about 110,000 of the
    144,800 possible states; dense matrices of that size would need about 300 GB, so the
    dense solver refuses (the sparse one, the default there, solves it:
    tests/test_attribution_sparse.py)."""
    rng = np.random.default_rng(12)
    journeys, touches = 60_000, 6
    channel = np.array([f"ch{i:02d}" for i in range(20)])[rng.integers(0, 20, journeys * touches)]
    paths = {"journey": np.repeat(np.arange(journeys), touches), "channel": channel}
    conv = rng.integers(0, 2, journeys)
    with pytest.raises(sr.InvalidValueError) as caught:
        at.markov(paths, conv, nulls=1 - conv, order=4, solver="dense")
    message = str(caught.value)
    assert message.startswith("markov(order=4) over 20 channels observes ")
    states = int(message.split(" observes ")[1].split(" ")[0].replace(",", ""))
    assert 100_000 < states <= 144_800
    need = 3 * 8 * (states + 1) ** 2
    assert f"about {need / 1e9:,.1f} GB" in message
    assert "socialroi stops at 2.0 GB (9,127 states)" in message
    assert "Lower 'order', or group rare channels together" in message
    # order 2 over the same journeys: 20 + 20 * 19 = 400 states, solved
    assert sum(at.markov(paths, conv, nulls=1 - conv, order=2).conversions.values()) == (
        pytest.approx(float(conv.sum()))
    )


def test_markov_memory_limit_is_on_the_observed_states(monkeypatch: pytest.MonkeyPatch) -> None:
    """With room for exactly 100 states (3 matrices of 101 x 101 float64), 10 channels at
    order 2 observing their 10 first touches and 90 ordered pairs fit; one more channel,
    touched alone, makes 101 states and does not."""
    monkeypatch.setattr(_markov, "MAX_MARKOV_BYTES", 3 * 8 * 101**2)
    names = [f"c{i}" for i in range(10)]
    pairs = [[x, y] for x in names for y in names if x != y]
    fits = at.markov(pairs, 1, nulls=1, order=2)
    assert sum(fits.conversions.values()) == pytest.approx(90.0)
    raises(
        sr.InvalidValueError,
        r"^markov\(order=2\) over 11 channels observes 101 distinct states: .*\(dense 102 x 102"
        r".*stops at 0.0 GB \(100 states\)",
        lambda: at.markov([*pairs, ["z"]], 1, nulls=1, order=2),
    )
    # the same journeys at order 1 have 10 or 11 states
    assert at.markov([*pairs, ["z"]], 1, nulls=1).conversions["z"] > 0
    # 101 channels need at least 101 states whatever the order: refused before any state
    raises(
        sr.InvalidValueError,
        r"^markov\(order=3\) over 101 channels has at least 101 distinct states",
        lambda: at.markov([[f"c{i}"] for i in range(101)], 1, nulls=1, order=3),
    )


def test_markov_degenerate_chain_is_an_error_of_ours(monkeypatch: pytest.MonkeyPatch) -> None:
    """Chains built from journeys always leave every state (each journey ends), so the solver
    never meets a singular matrix; if it did, the error would still be ours."""

    def singular(a: object, b: object) -> object:
        raise np.linalg.LinAlgError("Singular matrix")

    monkeypatch.setattr(np.linalg, "solve", singular)
    raises(
        sr.InvalidValueError,
        r"^the Markov chain is degenerate",
        lambda: at.markov([["a"]], [1], nulls=[1]),
    )


# --- fuzzing: only our errors escape --------------------------------------------------------

anything = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**400), 10**400),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=4),
    st.binary(max_size=2),
    st.lists(
        st.one_of(st.none(), st.integers(-3, 3), st.floats(), st.text(max_size=3)), max_size=4
    ),
    st.lists(
        st.lists(st.one_of(st.text(max_size=2), st.none(), st.integers()), max_size=3), max_size=3
    ),
    st.dictionaries(st.text(max_size=2), st.integers(), max_size=2),
    st.frozensets(st.text(max_size=2), max_size=2),
)


@pytest.mark.parametrize("name", NAMES)
@settings(max_examples=40)
@given(anything, anything, anything, anything)
def test_only_our_errors_escape(
    name: str, paths: object, conv: object, value: object, sep: object
) -> None:
    try:
        r = MODELS[name](paths, conv, value=value, sep=sep)
    except sr.SocialROIError:
        return
    assert all(math.isfinite(x) for x in r.conversions.values())


# --- what each model returns, and the defaults ----------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_each_result_names_its_model(name: str) -> None:
    expected = name.removesuffix("_order_2").removesuffix("_rates")
    assert MODELS[name]([["a", "b"]], [1]).model == expected


@pytest.mark.parametrize("name", NAMES)
def test_value_defaults_to_zero(name: str) -> None:
    r = MODELS[name]([["a", "b"], ["b"]], [1, 2])
    assert r.value == {"a": 0.0, "b": 0.0}
    assert sum(r.conversions.values()) == pytest.approx(3.0)


def test_markov_nulls_default_to_zero() -> None:
    """Journeys a>b (2 conversions) and b (1), no nulls: start->a 2/3, start->b 1/3, a->b 1,
    b->conv 1: P = 1. Without a: 1/3, effect 2/3; without b: 0, effect 1. Three conversions
    in the ratio 2/3 : 1 -> a 6/5, b 9/5. (One null per journey would give start->a 3/5,
    b->conv 3/5: P = 3/5, without a 6/25, effect 3/5, and a 9/8 instead.)"""
    r = at.markov([["a", "b"], ["b"]], [2, 1])
    assert r.removal_effects == pytest.approx({"a": 2 / 3, "b": 1.0})
    assert r.conversions == pytest.approx({"a": 6 / 5, "b": 9 / 5})
    assert r == at.markov([["a", "b"], ["b"]], [2, 1], nulls=0)
    assert at.markov([["a", "b"], ["b"]], [2, 1], nulls=1).conversions == pytest.approx(
        {"a": 9 / 8, "b": 3 - 9 / 8}
    )


@pytest.mark.parametrize("name", NAMES)
def test_numbers_from_object_arrays_and_big_integers(name: str) -> None:
    # pandas gives object arrays for mixed columns; 10**20 does not fit an int64 (an object
    # array) but is a fine float
    model = MODELS[name]
    paths = [["a", "b"], ["b"]]
    objects = model(paths, np.array([1, 2.5], dtype=object), value=[10**20, 0])
    assert objects == model(paths, [1.0, 2.5], value=[1e20, 0.0])
    assert sum(objects.conversions.values()) == pytest.approx(3.5)
    assert sum(objects.value.values()) == pytest.approx(1e20)
    raises(
        sr.InvalidValueError,
        r"^'conversions' must be >= 0: 1 value\(s\) are negative",
        lambda: model(paths, np.array([1, -2.5], dtype=object)),
    )


def test_unsorted_columnar_journeys_anywhere() -> None:
    raises(
        sr.InvalidValueError,
        r"must be sorted by journey id",
        lambda: at.linear(col([0, 2, 2, 1], ["a", "b", "c", "d"]), 1),
    )


def test_report_passes_action_and_mode_on() -> None:
    result = at.linear([["a", "b"]], [2], value=[100])
    costs = {"a": sr.Measures.of("USD", ad_spend=10), "b": sr.Measures.of("USD", ad_spend=30)}
    rep = result.report(costs, by=["channel", "mode"], action="leads", mode="organic")
    row = rep.row("b", "organic")
    assert row.measures.count("leads") == 1.0 and row.measures.count("purchases") == 0.0
    assert row.roi == pytest.approx((50 - 30) / 30)


# --- Shapley values: coalitions, range, limit -----------------------------------------------


def test_shapley_values_gather_players_from_every_coalition() -> None:
    # the grand coalition first: a and b are players although the last key holds only a
    worth = {frozenset("ab"): 10.0, frozenset("b"): 4.0, frozenset("a"): 2.0}
    # a = (2 + (10 - 4)) / 2 = 4, b = (4 + (10 - 2)) / 2 = 6
    assert at.shapley_values(worth) == pytest.approx({"a": 4.0, "b": 6.0})


def test_shapley_values_keep_small_worth_exact() -> None:
    # scaling only happens near the top of the float range: 3 beside 1e300 and the smallest
    # subnormal both survive; b = (3 + (1e300 + 3) - 1e300) / 2 = (3 + 0) / 2 in floats
    mixed = {frozenset("a"): 1e300, frozenset("b"): 3.0, frozenset("ab"): 1e300 + 3.0}
    assert at.shapley_values(mixed) == {"a": 1e300, "b": 1.5}
    assert at.shapley_values({frozenset("a"): 5e-324}) == {"a": 5e-324}


def test_shapley_handles_exactly_the_largest_number_of_channels() -> None:
    players = [f"c{i:02d}" for i in range(at.MAX_SHAPLEY_CHANNELS)]
    values = at.shapley_values({frozenset(players): 1.0})
    assert values == pytest.approx(dict.fromkeys(players, 1 / 20))
    # a ring of 20 journeys: each channel in two journeys; counts split each in halves
    paths = [[players[i], players[(i + 1) % 20]] for i in range(20)]
    r = at.shapley(paths, list(range(1, 21)))
    assert r.conversions["c00"] == pytest.approx((1 + 20) / 2)
    assert r.conversions["c05"] == pytest.approx((5 + 6) / 2)


# --- Markov: journeys without weight, rounding ----------------------------------------------


def test_markov_journeys_without_conversions_or_nulls_change_nothing() -> None:
    """A journey with 0 conversions and 0 nulls adds no flow: its states lead nowhere and
    get no weight, so credit is as without it (no 0/0 on the way) and its own channel, z,
    gets none."""
    paths = [["a", "b"], ["b"], ["c", "a"]]
    base = at.markov(paths, [1, 2, 1], nulls=[1, 0, 2], order=2)
    more = at.markov([*paths, ["z", "a"]], [1, 2, 1, 0], nulls=[1, 0, 2, 0], order=2)
    assert base.removal_effects is not None
    assert more.removal_effects == pytest.approx({**base.removal_effects, "z": 0.0})
    assert more.conversions == pytest.approx({**base.conversions, "z": 0.0})


def test_markov_removal_effects_stay_in_zero_to_one_despite_rounding() -> None:
    """z only appears in journeys that never convert, so removing it loses nothing: its
    effect is exactly 0. On these journeys the solver's rounding makes 1 - p_without / p_all
    about -2e-16 (seen with OpenBLAS); it must not become negative credit."""
    rng = np.random.default_rng(38)
    paths = [list(rng.choice(["a", "b", "c", "d"], rng.integers(1, 5))) for _ in range(40)]
    conv = rng.integers(0, 3, 40).tolist()
    nulls = rng.integers(0, 3, 40).tolist()
    r = at.markov([*paths, ["a", "z", "b"], ["z"]], [*conv, 0, 0], nulls=[*nulls, 1, 2], order=2)
    assert r.removal_effects is not None
    assert r.removal_effects["z"] == 0.0 and r.conversions["z"] == 0.0
    assert all(0.0 <= x <= 1.0 for x in r.removal_effects.values())


def test_time_decay_ignores_underflow_even_when_numpy_raises_on_it() -> None:
    # weights below 2**-1074 are 0 on purpose, whatever the caller's numpy error settings
    with np.errstate(under="raise"):
        r = at.time_decay([["a", "b"]], [2], times=[[5000, 0]], half_life=1)
    assert r.conversions == {"a": 0.0, "b": 2.0}


# --- paths as pandas Series and numpy arrays; missing channel names ----------------------------


def test_series_and_arrays_of_paths_give_the_list_result() -> None:
    import pandas as pd
    import polars as pl

    lists = [["a", "b"], ["b"], ["a", "a", "c"]]
    want = at.linear(lists, [1, 2, 3]).conversions
    given: list[object] = [
        pd.Series(lists, index=[10, 11, 12]),
        pd.Series(["a > b", "b", "a > a > c"]),
        np.array(["a>b", "b", "a>a>c"]),
        np.array([np.array(p) for p in lists], dtype=object),
        pl.Series(lists),
    ]
    for paths in given:
        seps = ">" if isinstance(paths, np.ndarray) and paths.dtype.kind == "U" else None
        if isinstance(paths, pd.Series) and isinstance(paths.iloc[0], str):
            seps = ">"
        assert at.linear(paths, [1, 2, 3], sep=seps).conversions == want
    square = np.array([["a", "b"], ["b", "c"]])  # 2-D: one row per journey
    assert at.first_touch(square, 1).conversions == {"a": 1.0, "b": 1.0, "c": 0.0}


@pytest.mark.parametrize(
    ("paths", "error", "match"),
    [
        (
            np.array([["a", "b"], ["b", None]], dtype=object),
            sr.InvalidTypeError,
            r"^'paths\[1\]' must hold channel names.*item 1 is None, a missing channel name: "
            r"name the channel",
        ),
        (
            [["a"], ["b", math.nan]],
            sr.InvalidTypeError,
            r"^'paths\[1\]'.*item 1 is nan, a missing channel name.*drop the touch",
        ),
        ([["a"], ["b", " "]], sr.InvalidValueError, r"^'paths\[1\]' holds an empty channel name"),
        ([["a"], math.nan], sr.InvalidTypeError, r"^'paths\[1\]' must be a sequence.*missing jou"),
    ],
)
def test_missing_channel_names_name_the_journey_and_the_fix(
    paths: object, error: type[Exception], match: str
) -> None:
    import pandas as pd

    for shown in (paths, pd.Series(list(paths))):  # type: ignore[call-overload]
        with pytest.raises(error, match=match):
            at.markov(shown, 1, nulls=1)


def test_columnar_missing_channel_names_say_the_fix() -> None:
    with pytest.raises(sr.InvalidTypeError, match=r"item 1 is None, a missing channel name"):
        at.linear({"journey": [0, 0], "channel": np.array(["a", None], dtype=object)}, 1)
