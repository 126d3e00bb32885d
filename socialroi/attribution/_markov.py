"""Markov-chain attribution: removal effects computed exactly from the absorbing chain of
states (the last ``order`` channels touched).
"""

from __future__ import annotations

import itertools
import math
import numbers
from typing import Any

import numpy as np

from socialroi._errors import InvalidTypeError, InvalidValueError
from socialroi._metrics.arrays import Float64Array
from socialroi.attribution._journeys import Journeys, encode, scaled_counts
from socialroi.attribution._result import Attribution, _float, _result

#: The dense solver holds dense float64 matrices of (states + 1) x (states + 1) entries (the
#: distinct states observed in the journeys, plus the start), three at a time: the chain,
#: the chain without one channel, and the solver's working copy. socialroi refuses, before
#: allocating, to need more than this many bytes: 2 GB, 9,127 states. That covers order 3
#: over 20 channels (at most 7,620 states) or order 4 over 10 (at most 8,200), not order 4
#: over 20 channels (up to 144,800 states: about 500 GB).
MAX_MARKOV_BYTES = 2_000_000_000

#: ``solver="auto"`` solves dense up to this many states (a dense solve per channel is fast
#: there), and beyond it on the sparse chain (scipy.sparse, imported when used: the series
#: below, or sparse LU), whose memory grows with the transitions observed rather than the
#: square of the states.
DENSE_STATES = 1_000


def _dense_bytes(states: int) -> int:
    """Memory the exact solver needs for ``states`` states: three dense float64 matrices."""
    return 3 * 8 * (states + 1) ** 2


def _check_memory(states: int, order: int, channels: int, observed: bool) -> None:
    need = _dense_bytes(states)
    if need > MAX_MARKOV_BYTES:
        most = math.isqrt(MAX_MARKOV_BYTES // _dense_bytes(0)) - 1
        seen = "observes" if observed else "has at least"
        raise InvalidValueError(
            f"markov(order={order}) over {channels:,} channels {seen} {states:,} distinct "
            f"states: the exact solver would need about {need / 1e9:,.1f} GB of memory (dense "
            f"{states + 1:,} x {states + 1:,} matrices); socialroi stops at "
            f"{MAX_MARKOV_BYTES / 1e9:.1f} GB ({most:,} states). Lower 'order', or group rare "
            "channels together (e.g. into 'other')"
        )


def _states(j: Journeys, order: int) -> tuple[np.ndarray, np.ndarray, list[tuple[int, ...]]]:
    """Collapse repeated consecutive touches, then the state at each touch: the last
    ``order`` channels of its journey (fewer near the start). Returns the state index of each
    kept touch, its journey, and each state's channels (oldest first)."""
    starts = np.zeros(j.codes.size, dtype=bool)
    starts[j.offsets[:-1]] = True
    keep = starts.copy()
    keep[1:] |= j.codes[1:] != j.codes[:-1]
    codes = j.codes[keep]
    journey = j.journey[keep]
    base = len(j.channels) + 1
    state_id = (codes + 1).astype(np.int64)
    for lag in range(1, order):
        prev = np.zeros(codes.size, dtype=np.int64)  # 0: no touch that far back
        prev[lag:] = np.where(journey[lag:] == journey[:-lag], codes[:-lag] + 1, 0)
        state_id += prev * base**lag
    uniques, index = np.unique(state_id, return_inverse=True)
    tuples = []
    for sid in uniques:
        parts, rest = [], int(sid)
        while rest:
            rest, digit = divmod(rest, base)
            if digit:
                parts.append(digit - 1)
        tuples.append(tuple(reversed(parts)))
    return index, journey, tuples


def _conversion_probability(a: Float64Array, r: Float64Array, start: int) -> Float64Array:
    """The probability of absorption in "conversion" from ``start`` (or, for each further
    column of ``r``, the expected reward on the way there): x solves (I - Q) x = r, with
    ``a`` = I - Q."""
    try:
        x = np.linalg.solve(a, r)
    except np.linalg.LinAlgError:
        raise InvalidValueError(
            "the Markov chain is degenerate (a loop with no way out): check the journeys"
        ) from None
    return _float(x[start])


def _scaled(r: Float64Array) -> Float64Array:
    """x solving (I - Q) x = r is linear in r, and removal effects are ratios of x: r scaled
    to a largest value near 1 keeps x in the float range when conversions are tiny."""
    largest = float(r.max())
    return np.ldexp(r, -math.frexp(largest)[1]) if largest > 0 else r


#: The sparse solver first sums the series x = r + Q r + Q^2 r + ... (the expected reward
#: collected after 0, 1, 2... steps; every term is non-negative, one sparse product each),
#: and stops once the terms shrink geometrically (the largest of their last ratios, rho)
#: and the tail they promise, term * rho / (1 - rho), is below ``SERIES_TOLERANCE`` of x.
#: Chains of short journeys converge in tens of terms. A chain whose series has not
#: converged after ``SERIES_TERMS`` terms (long loops) is factored by SuperLU instead.
SERIES_TERMS = 1_000
SERIES_TOLERANCE = 1e-13
_RATIOS = 10  # terms whose ratios bound rho


def _series(a: Any, r: Float64Array) -> Float64Array | None:
    """x solving ``a`` x = r as the sum of the series, or None when it converges slowly."""
    from scipy import sparse

    q = (sparse.identity(a.shape[0], format="csr") - a).tocsr()
    x = r.copy()
    term = r
    sizes: list[float] = [float(np.abs(r).max(initial=0.0))]
    for _ in range(SERIES_TERMS):
        term = q @ term
        x += term
        sizes.append(float(np.abs(term).max(initial=0.0)))
        if sizes[-1] == 0.0:
            return _float(x)
        if len(sizes) > _RATIOS:
            last = sizes[-_RATIOS - 1 :]
            rho = max(b / p if p > 0 else math.inf for p, b in itertools.pairwise(last))
            if rho < 1 and sizes[-1] * rho / (1 - rho) <= SERIES_TOLERANCE * np.abs(x).max():
                return _float(x)
    return None


def _sparse_probability(a: Any, r: Float64Array, start: int) -> Float64Array:
    """``_conversion_probability`` on a scipy.sparse CSC ``a``: the series, or one sparse LU
    (SuperLU, in the states' own order, which keeps the fill-in small on chains of
    journeys) where the series converges slowly."""
    from scipy.sparse.linalg import splu

    x = _series(a, r)
    if x is not None:
        return _float(x[start])
    try:
        x = splu(a, permc_spec="NATURAL").solve(r)
    except RuntimeError:  # SuperLU: "Factor is exactly singular"
        raise InvalidValueError(
            "the Markov chain is degenerate (a loop with no way out): check the journeys"
        ) from None
    return _float(x[start])


def _chain(
    j: Journeys,
    index: np.ndarray,
    journey: np.ndarray,
    states: int,
    by_value: bool = False,
    sparse: bool = False,
) -> tuple[Any, Float64Array]:
    """I - Q over the transient states (the observed states, then the start, last) and r, the
    probability of converting next from each. States no weight passes through lead to null.
    With ``by_value``, r has a second column: that probability times the mean value of the
    conversions from the state (ChannelAttribution draws each simulated conversion's value
    from those conversions), so x is the expected conversion value.

    Conversions and nulls are scaled by one power of two so their totals are below 1: the
    probabilities are the same, and no sum of flows can overflow."""
    conv, null = scaled_counts(j)
    weight = conv + null
    size = states + 1
    same = journey[1:] == journey[:-1]
    first = np.flatnonzero(np.concatenate([[True], ~same]))
    last = np.flatnonzero(np.concatenate([~same, [True]]))
    inner = np.flatnonzero(same)
    rows = np.concatenate([np.full(first.size, states), index[inner]])
    cols = np.concatenate([index[first], index[inner + 1]])
    flow = np.concatenate([weight[journey[first]], weight[journey[inner]]])
    to_conv = _float(np.bincount(index[last], weights=conv[journey[last]], minlength=size))
    out_of = _float(np.bincount(rows, weights=flow, minlength=size))
    totals = out_of + to_conv
    totals += np.bincount(index[last], weights=null[journey[last]], minlength=size)
    passes = totals > 0
    if sparse:
        a: Any = _sparse_chain(rows, cols, flow, totals, size)
    else:
        a = _float(np.bincount(rows * size + cols, weights=flow, minlength=size * size))
        a = a.reshape(size, size)
        np.divide(a, totals[:, None], out=a, where=passes[:, None])
    r = _scaled(np.divide(to_conv, totals, out=np.zeros(size), where=passes))
    if by_value:
        worth = np.where(j.conversions > 0, j.value, 0.0)
        worth = np.ldexp(worth, -math.frexp(float(worth.sum()))[1])
        to_value = _float(np.bincount(index[last], weights=worth[journey[last]], minlength=size))
        with np.errstate(over="ignore"):
            rv = _scaled(np.divide(to_value, totals, out=np.zeros(size), where=passes))
        r = np.column_stack([r, rv])
    if not sparse:
        np.negative(a, out=a)
        a.flat[:: size + 1] += 1.0
    return a, r


def _sparse_chain(
    rows: np.ndarray, cols: np.ndarray, flow: Float64Array, totals: Float64Array, size: int
) -> Any:
    """I - Q as a scipy.sparse CSC matrix: the flows between states, each row divided by
    its total (every row with a flow has a positive total)."""
    from scipy import sparse

    scale = np.divide(1.0, totals, out=np.zeros(size), where=totals > 0)
    q = sparse.csr_matrix((flow * scale[rows], (rows, cols)), shape=(size, size))
    q.sum_duplicates()
    return (sparse.identity(size, format="csr") - q).tocsc()


def markov(
    paths: object,
    conversions: object = None,
    *,
    value: object = None,
    nulls: object = None,
    order: int = 1,
    value_by: str = "conversions",
    solver: str = "auto",
    sep: str | None = None,
) -> Attribution:
    """Markov-chain attribution by removal effects, computed exactly from the absorbing chain.

    States are the last ``order`` channels touched; repeated consecutive touches of a channel
    count once (so there are no self-transitions), as ChannelAttribution does. Each journey
    adds its conversions to the path to "conversion" and its ``nulls`` to the path to "null".
    A channel's removal effect is the share of conversion probability lost when every state
    holding it leads nowhere; credit is shared in proportion to removal effects (value in the
    same proportions). A channel that never leads to a conversion has a removal effect of 0,
    and so has every channel when nothing converts.

    ``value_by="value"`` credits value by value-weighted removal effects instead,
    ChannelAttribution's definition (its ``removal_effects_conversion_value``): the share of
    expected conversion value lost, each conversion worth the mean value of the conversions
    from its last state. Channels whose converting journeys are worth more get more value
    than their share of conversions.

    ``solver="dense"`` holds dense matrices over the distinct states observed: it refuses,
    with an error saying what it would need, beyond ``MAX_MARKOV_BYTES`` of memory (9,127
    states; order 4 over 20 channels can observe 144,800), and its time grows as the cube
    of the states, once per channel. ``solver="sparse"`` solves the sparse chain instead
    (the series r + Qr + Q^2 r + ... until its tail is below ``SERIES_TOLERANCE``, or
    scipy's SuperLU where it converges slowly), exact too, with memory that grows with the
    transitions observed.
    ``"auto"`` (the default) solves dense up to ``DENSE_STATES`` states, sparse beyond.

    >>> from socialroi import attribution
    >>> r = attribution.markov([["a", "b"], ["b"]], [1, 1], nulls=[0, 1])
    >>> {c: round(x, 4) for c, x in r.removal_effects.items()}
    {'a': 0.3333, 'b': 1.0}
    >>> r.conversions
    {'a': 0.5, 'b': 1.5}
    """
    if isinstance(order, bool) or not isinstance(order, numbers.Integral):
        raise InvalidTypeError(f"'order' must be an integer from 1 to 4: {order!r}")
    if not 1 <= order <= 4:
        raise InvalidValueError(f"'order' must be an integer from 1 to 4: {order!r}")
    if not isinstance(value_by, str) or value_by not in ("conversions", "value"):
        raise InvalidValueError(
            f"'value_by' must be 'conversions' (value shared as conversions are) or 'value' "
            f"(value-weighted removal effects, as ChannelAttribution): {value_by!r}"
        )
    by_value = value_by == "value"
    if not isinstance(solver, str) or solver not in ("auto", "dense", "sparse"):
        raise InvalidValueError(
            f"'solver' must be 'auto', 'dense' or 'sparse': {solver!r}; 'auto' solves dense "
            f"up to {DENSE_STATES:,} states, sparse beyond"
        )
    j = encode(paths, conversions, value=value, nulls=nulls, sep=sep)
    n = len(j.channels)
    if solver == "dense" or (solver == "auto" and n <= DENSE_STATES):
        _check_memory(n, int(order), n, observed=False)  # each channel ends a state of its own
    index, journey, tuples = _states(j, int(order))
    s = len(tuples)
    sparse = solver == "sparse" or (solver == "auto" and s > DENSE_STATES)
    if not sparse:
        _check_memory(s, int(order), n, observed=True)
    solve = _sparse_probability if sparse else _conversion_probability
    total_conversions = float(j.conversions.sum())
    removal = np.zeros(n)
    value_removal = np.zeros(n)
    if total_conversions > 0:
        a, r = _chain(j, index, journey, s, by_value, sparse)
        p_all = solve(a, r, s)
        if p_all.flat[0] < np.finfo(np.float64).tiny:
            raise InvalidValueError(
                "the probability of converting is below the float range: 'conversions' are "
                "too few against 'nulls'; rescale them"
            )
        holds = np.zeros((n, s + 1), dtype=bool)
        for k, t in enumerate(tuples):
            holds[list(t), k] = True
        for c in range(n):
            kept = ~holds[c]
            if sparse:
                where = np.flatnonzero(kept)
                without = a[where][:, where].tocsc()
            else:
                without = a[np.ix_(kept, kept)]
            p_without = solve(without, r[kept], int(kept.sum()) - 1)
            lost = 1.0 - np.divide(p_without, p_all, out=np.ones_like(p_all), where=p_all > 0)
            removal[c] = lost.flat[0]
            value_removal[c] = lost.flat[-1]
        removal = np.clip(removal, 0.0, 1.0)
        value_removal = np.clip(value_removal, 0.0, 1.0)
    share = _shares(removal)
    value_share = _shares(value_removal) if by_value else share
    if by_value and not value_share.any() and float(j.value.sum()) > 0:
        raise InvalidValueError(
            "value_by='value' credits the value of converting journeys, but no converting "
            "journey has value here: use value_by='conversions'"
        )
    model = "markov_value" if by_value else "markov"
    total_value = float(j.value.sum())
    return _result(model, j, share * total_conversions, value_share * total_value, removal)


def _shares(effects: Float64Array) -> Float64Array:
    total = effects.sum()
    return _float(effects / total if total else effects)
