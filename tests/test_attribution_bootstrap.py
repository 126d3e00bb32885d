"""Bootstrap intervals of channel credit and ROI: draws follow the multinomial resampling
of journeys (their spread matches the binomial's), come only from the caller's generator,
and every model can be bootstrapped."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd
import pytest

import socialroi as sr
from socialroi import attribution as at


def test_rows_resampled_give_the_binomial_spread() -> None:
    """n journeys, a share p touching only "a": a's last-touch credit in a draw is the
    number of "a" journeys drawn, Binomial(n, p), whose sd is sqrt(n p (1 - p))."""
    paths = [["a"]] * 60 + [["b"]] * 140
    ci = at.bootstrap(at.last_touch, paths, 1, rng=np.random.default_rng(3), draws=3000)
    sd = float(np.std(ci.conversion_draws[:, ci.channels.index("a")]))
    assert sd == pytest.approx(math.sqrt(200 * 0.3 * 0.7), rel=0.06)
    low, high = ci.conversions["a"]
    assert low < 60 < high and ci.level == 0.95
    assert ci.estimate.conversions == {"a": 60.0, "b": 140.0}
    assert np.allclose(ci.conversion_draws.sum(axis=1), 200)  # each draw has 200 journeys


def test_a_path_table_is_resampled_by_journey() -> None:
    """Journeys of a path table: 30 converted and 70 not on (a), 20 and 80 on (b); a's
    conversions in a draw are Binomial(200, 30/200)."""
    table = at.PathTable(
        (("a",), ("b",)),
        np.array([30.0, 20.0]),
        np.array([300.0, 100.0]),
        np.array([70.0, 80.0]),
    )
    ci = at.bootstrap(at.markov, table, rng=np.random.default_rng(4), draws=3000)
    a = ci.channels.index("a")
    assert float(np.std(ci.conversion_draws[:, a])) == pytest.approx(
        math.sqrt(200 * 0.15 * 0.85), rel=0.06
    )
    # a's conversions are each worth its mean value, 10 (last touch credits value by path)
    last = at.bootstrap(at.last_touch, table, rng=np.random.default_rng(4), draws=50)
    assert np.allclose(last.value_draws[:, a], 10 * last.conversion_draws[:, a])
    assert ci.estimate.conversions == pytest.approx({"a": 30.0, "b": 20.0})


def test_roi_intervals_follow_the_report() -> None:
    paths = [["a", "b"], ["b"], ["a"]] * 20
    costs = {"a": sr.Measures.of("USD", ad_spend=100), "b": sr.Measures.of("USD", ad_spend=50)}
    ci = at.bootstrap(
        at.linear, paths, 1, value=10, costs=costs, rng=np.random.default_rng(5), draws=300
    )
    assert ci.roi is not None and ci.roi_draws is not None
    spend = np.array([100.0, 50.0])
    assert np.allclose(ci.roi_draws, (ci.value_draws - spend) / spend)  # ROI = (R - I) / I
    roi = ci.estimate.report(costs).row("a").roi
    assert ci.roi["a"][0] < roi < ci.roi["a"][1]


def test_draws_come_only_from_the_callers_generator() -> None:
    paths = [["a", "b"], ["b"], ["a", "c"], ["c"]] * 5
    before = np.random.get_state()[1].copy()  # type: ignore[index]  # noqa: NPY002
    one = at.bootstrap(at.markov, paths, 1, nulls=1, rng=np.random.default_rng(9), draws=20)
    two = at.bootstrap(at.markov, paths, 1, nulls=1, rng=np.random.default_rng(9), draws=20)
    other = at.bootstrap(at.markov, paths, 1, nulls=1, rng=np.random.default_rng(10), draws=20)
    assert np.array_equal(np.random.get_state()[1], before)  # type: ignore[index]  # noqa: NPY002
    assert np.array_equal(one.conversion_draws, two.conversion_draws)
    assert not np.array_equal(one.conversion_draws, other.conversion_draws)


MODELS: list[tuple[Any, dict[str, Any]]] = [
    (at.first_touch, {}),
    (at.last_touch, {}),
    (at.last_non_direct, {"direct": "d"}),
    (at.linear, {}),
    (at.position_based, {"first": 0.3, "last": 0.5}),
    (at.markov, {}),
    (at.markov, {"order": 2, "value_by": "value"}),
    (at.shapley, {}),
    (at.leave_one_out, {}),
]


@pytest.mark.parametrize(("model", "options"), MODELS)
def test_every_model_bootstraps_and_conserves_credit(model: Any, options: dict[str, Any]) -> None:
    paths = [["a", "d"], ["b", "a"], ["d"], ["c", "b", "a"], ["a"]] * 4
    conversions = [1, 2, 0, 1, 1] * 4
    value = [5.0, 20.0, 0.0, 8.0, 3.0] * 4
    nulls = [1, 0, 2, 1, 3] * 4
    ci = at.bootstrap(
        model,
        paths,
        conversions,
        value=value,
        nulls=nulls,
        rng=np.random.default_rng(0),
        draws=25,
        **options,
    )
    with_nulls = {"nulls": nulls} if model in (at.markov, at.shapley, at.leave_one_out) else {}
    direct = model(paths, conversions, value=value, **options, **with_nulls)
    assert ci.estimate.conversions == pytest.approx(direct.conversions, abs=1e-9)
    assert ci.estimate.value == pytest.approx(direct.value, abs=1e-9)
    assert ci.conversion_draws.shape == ci.value_draws.shape == (25, len(ci.channels))
    assert np.all(np.isfinite(ci.conversion_draws)) and ci.roi is None
    for c in ci.channels:
        assert ci.conversions[c][0] <= ci.conversions[c][1]


def test_from_an_event_log() -> None:
    log = pd.DataFrame(
        {
            "user": ["A1", "A1", "B2", "B2", "C3"] * 10,
            "time": pd.date_range("2024-01-01", periods=50, freq="h"),
            "channel": ["x", None, "y", "x", "y"] * 10,
            "conversion": [0, 1, 0, 0, 0] * 10,
            "value": [0, 12.0, 0, 0, 0] * 10,
        }
    )
    table = at.path_table(log, value="value")
    ci = at.bootstrap(at.shapley, table, rng=np.random.default_rng(2), draws=50)
    assert set(ci.conversions) == {"x", "y"}


NONE: Any = None
LEGACY: Any = np.random.RandomState(0)
NAME: Any = "markov"


@pytest.mark.parametrize(
    ("call", "error", "match"),
    [
        (lambda: at.bootstrap(at.linear, [["a"]], 1, rng=NONE), sr.InvalidTypeError, "'rng'"),
        (
            lambda: at.bootstrap(at.linear, [["a"]], 1, rng=LEGACY),
            sr.InvalidTypeError,
            r"'rng' must be a numpy.random.Generator",
        ),
        (
            lambda: at.bootstrap(at.linear, [["a"]], 1, rng=np.random.default_rng(), draws=1),
            sr.InvalidValueError,
            "'draws' must be a whole number from 2 to 1,000,000",
        ),
        (
            lambda: at.bootstrap(at.linear, [["a"]], 1, rng=np.random.default_rng(), draws=10**7),
            sr.InvalidValueError,
            "'draws' must be a whole number from 2 to 1,000,000",
        ),
        (
            lambda: at.bootstrap(at.linear, [["a"]], 1, rng=np.random.default_rng(), level=1),
            sr.InvalidValueError,
            "'level' must be a confidence level",
        ),
        (
            lambda: at.bootstrap(NAME, [["a"]], 1, rng=np.random.default_rng()),
            sr.InvalidTypeError,
            "'model' must be an attribution model",
        ),
        (
            lambda: at.bootstrap(at.time_decay, [["a"]], 1, rng=np.random.default_rng()),
            sr.InvalidValueError,
            "drops time_decay's touch times",
        ),
        (
            lambda: at.bootstrap(
                at.linear,
                at.PathTable((("a",),), np.array([0.5]), np.array([0.0]), np.array([1.0])),
                rng=np.random.default_rng(),
            ),
            sr.InvalidValueError,
            "whole numbers of conversions",
        ),
        (
            lambda: at.bootstrap(
                at.linear,
                at.PathTable((("a",),), np.array([0.0]), np.array([0.0]), np.array([0.0])),
                rng=np.random.default_rng(),
            ),
            sr.InvalidValueError,
            "no journeys to resample",
        ),
        (
            lambda: at.bootstrap(
                at.linear,
                [["a"]],
                1,
                costs={"b": sr.Measures.of("USD")},
                rng=np.random.default_rng(),
            ),
            sr.UnknownNameError,
            "'costs' lacks",
        ),
    ],
)
def test_bootstrap_errors(call: Any, error: type[Exception], match: str) -> None:
    with pytest.raises(error, match=match):
        call()
