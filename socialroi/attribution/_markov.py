"""Markov-chain attribution: removal effects computed exactly from the absorbing chain of
states (the last ``order`` channels touched).
"""

from __future__ import annotations

import numpy as np

from socialroi._errors import InvalidValueError
from socialroi._metrics.arrays import Float64Array
from socialroi.attribution._journeys import Journeys, encode
from socialroi.attribution._result import Attribution, _result


def _states(j: Journeys, order: int) -> tuple[np.ndarray, np.ndarray, list[tuple[int, ...]]]:
    """Collapse repeated consecutive touches, then the state at each touch: the last
    ``order`` channels of its journey (fewer near the start). Returns the state index of each
    kept touch, its journey, and each state's channels (oldest first)."""
    starts = np.zeros(j.codes.size, dtype=bool)
    starts[j.offsets[:-1]] = True
    keep = starts.copy()
    keep[1:] |= j.codes[1:] != j.codes[:-1]
    codes = j.codes[keep]
    journey = np.repeat(np.arange(j.size), j.lengths)[keep]
    base = len(j.channels) + 1
    state_id = (codes + 1).astype(np.int64)
    for lag in range(1, order):
        prev = np.zeros(codes.size, dtype=np.int64)
        same = np.zeros(codes.size, dtype=bool)
        same[lag:] = journey[lag:] == journey[:-lag]
        prev[lag:] = codes[:-lag] + 1
        state_id += np.where(same, prev, 0) * base**lag
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


def _conversion_probability(q: Float64Array, r: Float64Array, start: int) -> float:
    try:
        x = np.linalg.solve(np.eye(q.shape[0]) - q, r)
    except np.linalg.LinAlgError:
        raise InvalidValueError(
            "the Markov chain is degenerate (a loop with no way out): check the journeys"
        ) from None
    return float(x[start])


def markov(
    paths: object,
    conversions: object,
    *,
    value: object = None,
    nulls: object = None,
    order: int = 1,
    sep: str | None = None,
) -> Attribution:
    """Markov-chain attribution by removal effects, computed exactly from the absorbing chain.

    States are the last ``order`` channels touched; repeated consecutive touches of a channel
    count once (so there are no self-transitions), as ChannelAttribution does. Each journey
    adds its conversions to the path to "conversion" and its ``nulls`` to the path to "null".
    A channel's removal effect is the share of conversion probability lost when every state
    holding it leads nowhere; credit is shared in proportion to removal effects (value in the
    same proportions). A channel that never leads to a conversion has a removal effect of 0.

    >>> from socialroi import attribution
    >>> r = attribution.markov([["a", "b"], ["b"]], [1, 1], nulls=[0, 1])
    >>> {c: round(x, 4) for c, x in r.removal_effects.items()}
    {'a': 0.3333, 'b': 1.0}
    >>> r.conversions
    {'a': 0.5, 'b': 1.5}
    """
    if isinstance(order, bool) or not isinstance(order, int) or not 1 <= order <= 4:
        raise InvalidValueError(f"'order' must be an integer from 1 to 4: {order!r}")
    j = encode(paths, conversions, value=value, nulls=nulls, sep=sep)
    index, journey, tuples = _states(j, order)
    s = len(tuples)
    start, conv, null = s, s + 1, s + 2
    weight = j.conversions + j.nulls
    same = journey[1:] == journey[:-1]
    first_rows = np.flatnonzero(np.concatenate([[True], ~same]))
    last_rows = np.flatnonzero(np.concatenate([~same, [True]]))
    flows = np.zeros((s + 3, s + 3))
    np.add.at(
        flows, (np.full(first_rows.size, start), index[first_rows]), weight[journey[first_rows]]
    )
    inner = np.flatnonzero(same)
    np.add.at(flows, (index[inner], index[inner + 1]), weight[journey[inner]])
    np.add.at(
        flows, (index[last_rows], np.full(last_rows.size, conv)), j.conversions[journey[last_rows]]
    )
    np.add.at(
        flows, (index[last_rows], np.full(last_rows.size, null)), j.nulls[journey[last_rows]]
    )
    totals = flows.sum(axis=1)
    empty = totals[: s + 1] == 0
    flows[: s + 1][empty, null] = 1.0  # states no weight passes through lead to null
    totals = flows.sum(axis=1)
    probabilities = np.divide(
        flows, totals[:, None], out=np.zeros_like(flows), where=totals[:, None] > 0
    )
    transient = np.arange(s + 1)
    q = probabilities[np.ix_(transient, transient)]
    r = probabilities[transient, conv]
    total_conversions = float(j.conversions.sum())
    n = len(j.channels)
    removal = np.zeros(n)
    p_all = _conversion_probability(q, r, start) if total_conversions > 0 else 0.0
    if p_all > 0:
        for c in range(n):
            kept = np.array([c not in t for t in tuples] + [True])
            p_without = _conversion_probability(
                q[np.ix_(kept, kept)], r[kept], int(kept.sum()) - 1
            )
            removal[c] = min(max(1.0 - p_without / p_all, 0.0), 1.0)
    share = removal / removal.sum() if removal.sum() > 0 else np.zeros(n)
    return _result("markov", j, share * total_conversions, share * float(j.value.sum()), removal)
