"""Exact Markov on a sparse chain: the same removal effects and credit as the dense solve
(to 1e-9) on small cases, and orders 3-4 over 20 channels solved where dense matrices
would not fit."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import socialroi as sr
from socialroi import attribution as at
from socialroi.attribution import _markov


def journeys(rng: np.random.Generator, n: int, channels: int, touches: int) -> dict[str, Any]:
    lengths = rng.integers(1, touches + 1, n)
    names = np.array([f"ch{i:02d}" for i in range(channels)])
    paths = {
        "journey": np.repeat(np.arange(n), lengths),
        "channel": names[rng.integers(0, channels, int(lengths.sum()))],
    }
    conv = rng.integers(0, 2, n).astype(float)
    return {"paths": paths, "conversions": conv, "nulls": 1 - conv, "value": conv * 10.0}


def assert_same(a: at.Attribution, b: at.Attribution) -> None:
    assert a.removal_effects is not None and b.removal_effects is not None
    for c in a.conversions:
        assert a.removal_effects[c] == pytest.approx(b.removal_effects[c], rel=1e-9, abs=1e-12)
        assert a.conversions[c] == pytest.approx(b.conversions[c], rel=1e-9, abs=1e-9)
        assert a.value[c] == pytest.approx(b.value[c], rel=1e-9, abs=1e-9)


@pytest.mark.parametrize("order", [1, 2, 3, 4])
@pytest.mark.parametrize("value_by", ["conversions", "value"])
def test_sparse_equals_dense_on_small_chains(order: int, value_by: str) -> None:
    data = journeys(np.random.default_rng(order), 400, 6, 5)
    data["value"] = data["conversions"] * np.random.default_rng(0).uniform(1, 50, 400)
    dense = at.markov(**data, order=order, value_by=value_by, solver="dense")
    sparse = at.markov(**data, order=order, value_by=value_by, solver="sparse")
    assert_same(sparse, dense)


@settings(max_examples=40, deadline=None)
@given(
    paths=st.lists(st.lists(st.sampled_from("abcd"), min_size=1, max_size=6), min_size=1),
    order=st.integers(1, 4),
    data=st.data(),
)
def test_sparse_equals_dense_on_random_journeys(
    paths: list[list[str]], order: int, data: st.DataObject
) -> None:
    n = len(paths)
    conv = data.draw(st.lists(st.integers(0, 3), min_size=n, max_size=n))
    nulls = data.draw(st.lists(st.integers(0, 3), min_size=n, max_size=n))
    dense = at.markov(paths, conv, nulls=nulls, order=order, solver="dense")
    assert_same(at.markov(paths, conv, nulls=nulls, order=order, solver="sparse"), dense)


def test_auto_goes_sparse_beyond_the_dense_limit() -> None:
    """Order 3 over 12 channels observes more than DENSE_STATES states: "auto" solves it
    sparse, with the dense result."""
    data = journeys(np.random.default_rng(5), 3_000, 12, 4)
    auto = at.markov(**data, order=3)
    assert auto.removal_effects is not None
    dense = at.markov(**data, order=3, solver="dense")
    assert_same(auto, dense)


def test_order_4_over_20_channels_is_solved() -> None:
    """8,000 journeys of up to 6 touches over 20 channels observe 11,075 order-4 states:
    dense matrices would need about 2.9 GB, beyond MAX_MARKOV_BYTES; the sparse chain is
    solved, and credit is conserved."""
    data = journeys(np.random.default_rng(20), 8_000, 20, 6)
    with pytest.raises(sr.InvalidValueError, match="GB of memory"):
        at.markov(**data, order=4, solver="dense")
    result = at.markov(**data, order=4)
    assert sum(result.conversions.values()) == pytest.approx(data["conversions"].sum())
    assert result.removal_effects is not None
    assert all(0 < x <= 1 for x in result.removal_effects.values())


def test_solver_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(sr.InvalidValueError, match=r"'solver' must be 'auto', 'dense' or"):
        at.markov([["a"]], 1, solver="iterative")
    import scipy.sparse.linalg

    def singular(*args: object, **kwargs: object) -> object:
        raise RuntimeError("Factor is exactly singular")

    monkeypatch.setattr(scipy.sparse.linalg, "splu", singular)
    monkeypatch.setattr(_markov, "SERIES_TERMS", 0)  # straight to the factorisation
    with pytest.raises(sr.InvalidValueError, match="the Markov chain is degenerate"):
        at.markov([["a", "b"]], 1, nulls=1, solver="sparse")


@pytest.mark.parametrize("terms", [0, 3, 12])
def test_a_series_cut_short_falls_back_to_the_factorisation(
    monkeypatch: pytest.MonkeyPatch, terms: int
) -> None:
    """With too few terms to converge (or none), the sparse solver factors the chain, and
    both routes give the dense result to 1e-9."""
    data = journeys(np.random.default_rng(9), 400, 6, 5)
    dense = at.markov(**data, order=2, solver="dense")
    monkeypatch.setattr(_markov, "SERIES_TERMS", terms)
    assert_same(at.markov(**data, order=2, solver="sparse"), dense)


def test_the_series_sums_until_its_tail_is_negligible() -> None:
    """x = r + Q r + Q^2 r + ...: on a two-state chain (each state moves to the other with
    probability 1/2, r = (1, 0)), x solves (I - Q) x = r: x = (4/3, 2/3)."""
    from scipy import sparse

    a = sparse.csc_matrix(np.array([[1.0, -0.5], [-0.5, 1.0]]))
    x = _markov._series(a, np.array([1.0, 0.0]))
    assert x is not None
    np.testing.assert_allclose(x, [4 / 3, 2 / 3], rtol=1e-13)
    loop = sparse.csc_matrix(np.array([[1.0, -1.0], [-1.0, 1.0]]))  # no way out: rho = 1
    assert _markov._series(loop, np.array([1.0, 0.0])) is None
    assert _markov._series(a, np.array([0.0, 0.0])) is not None  # nothing to collect
