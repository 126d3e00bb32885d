"""Attribution: from customer journeys to each channel's conversions, value and ROI.

Every model is deterministic and conserves credit: the channels' credited conversions sum to
the journeys' conversions, and their credited value to the journeys' value. The result turns
into activities, so "ROI of Instagram under a Markov model" is one call::

    sr.attribution.markov(paths, conversions, value=value, nulls=nulls).report(costs)

Journeys (``paths``) are sequences of channel names in touch order, strings joined by
``sep``, or columnar ``{"journey": ids, "channel": names}`` for large data. ``conversions``,
``value`` and ``nulls`` are per journey (a number applies to every journey): conversions and
conversion value credited, and journeys that did not convert.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import attrs
import numpy as np

from socialroi._arrays import Float64Array, as_float_array
from socialroi._check import check_number, parse_name
from socialroi._errors import InvalidTypeError, InvalidValueError, UnknownNameError
from socialroi._journeys import Journeys, encode
from socialroi._kinds import ActionKind
from socialroi._measures import Measures
from socialroi._report import Activity, Report, report

__all__ = [
    "MAX_SHAPLEY_CHANNELS",
    "Attribution",
    "first_touch",
    "last_touch",
    "linear",
    "markov",
    "position_based",
    "shapley",
    "shapley_values",
    "time_decay",
]

#: Exact Shapley values cost n 2**n operations; 20 channels (about 20 million) take about a
#: second, and every channel more doubles it, so socialroi refuses beyond this.
MAX_SHAPLEY_CHANNELS = 20


@attrs.frozen
class Attribution:
    """Credited conversions and value per channel under one model."""

    model: str
    conversions: Mapping[str, float]
    value: Mapping[str, float]
    removal_effects: Mapping[str, float] | None = None

    def activities(
        self,
        costs: Mapping[str, Measures | Activity],
        *,
        action: str | ActionKind = ActionKind.PURCHASES,
        mode: str = "paid",
    ) -> list[Activity]:
        """One activity per channel: its costs (and other measures) plus the credited
        conversions, counted as ``action``, and the credited value, as revenue.

        ``costs`` maps every credited channel to its ``Measures`` (mode ``mode``) or to an
        ``Activity`` (whose channel, mode and campaign are kept)."""
        kind = parse_name(ActionKind, action, argument="action")
        if not isinstance(costs, Mapping):
            raise InvalidTypeError(f"'costs' must map channels to Measures or Activity: {costs!r}")
        missing = [c for c in self.conversions if c not in costs]
        if missing:
            raise UnknownNameError(f"'costs' lacks the credited channel(s) {missing}")
        out = []
        for channel, given in costs.items():
            if not isinstance(given, (Activity, Measures)):
                raise InvalidTypeError(
                    f"'costs[{channel!r}]' must be Measures or an Activity: {given!r}"
                )
            credited = Measures(
                given.measures.currency if isinstance(given, Activity) else given.currency,
                actions={kind: self.conversions.get(channel, 0.0)},
                revenue=self.value.get(channel, 0.0),
            )
            if isinstance(given, Activity):
                out.append(attrs.evolve(given, measures=given.measures + credited))
            else:
                out.append(Activity(channel, mode, given + credited))
        return out

    def report(
        self,
        costs: Mapping[str, Measures | Activity],
        *,
        by: str | Sequence[str] = "channel",
        action: str | ActionKind = ActionKind.PURCHASES,
        mode: str = "paid",
    ) -> Report:
        """The channel report (ROI, ROAS, CPA...) with this model's credit as the return."""
        return report(self.activities(costs, action=action, mode=mode), by=by)


def _result(
    model: str,
    journeys: Journeys,
    conversions: Float64Array,
    value: Float64Array,
    removal: Float64Array | None = None,
) -> Attribution:
    names = journeys.channels
    return Attribution(
        model,
        {c: float(x) for c, x in zip(names, conversions, strict=True)},
        {c: float(x) for c, x in zip(names, value, strict=True)},
        None if removal is None else {c: float(x) for c, x in zip(names, removal, strict=True)},
    )


def _by_touch_weights(model: str, j: Journeys, weights: Float64Array) -> Attribution:
    """Credit each touch its journey's conversions and value times its weight (weights sum
    to 1 within each journey)."""
    journey = np.repeat(np.arange(j.size), j.lengths)
    n = len(j.channels)
    conv = _float(np.bincount(j.codes, weights=weights * j.conversions[journey], minlength=n))
    val = _float(np.bincount(j.codes, weights=weights * j.value[journey], minlength=n))
    return _result(model, j, conv, val)


def first_touch(
    paths: object, conversions: object, *, value: object = None, sep: str | None = None
) -> Attribution:
    """All credit to the first touch of each journey.

    >>> from socialroi import attribution
    >>> attribution.first_touch([["facebook", "email"], ["email"]], [1, 1]).conversions
    {'email': 1.0, 'facebook': 1.0}
    """
    j = encode(paths, conversions, value=value, sep=sep)
    weights = np.zeros(j.codes.size)
    weights[j.offsets[:-1]] = 1.0
    return _by_touch_weights("first_touch", j, weights)


def last_touch(
    paths: object, conversions: object, *, value: object = None, sep: str | None = None
) -> Attribution:
    """All credit to the last touch of each journey.

    >>> from socialroi import attribution
    >>> attribution.last_touch(["facebook > email", "email"], 1, sep=">").conversions
    {'email': 2.0, 'facebook': 0.0}
    """
    j = encode(paths, conversions, value=value, sep=sep)
    weights = np.zeros(j.codes.size)
    weights[j.offsets[1:] - 1] = 1.0
    return _by_touch_weights("last_touch", j, weights)


def linear(
    paths: object, conversions: object, *, value: object = None, sep: str | None = None
) -> Attribution:
    """Equal credit to every touch of a journey (a channel touched twice gets two shares).

    >>> from socialroi import attribution
    >>> attribution.linear([["a", "b", "a"]], [3]).conversions
    {'a': 2.0, 'b': 1.0}
    """
    j = encode(paths, conversions, value=value, sep=sep)
    weights = np.repeat(1.0 / j.lengths, j.lengths)
    return _by_touch_weights("linear", j, weights)


def position_based(
    paths: object,
    conversions: object,
    *,
    value: object = None,
    first: float = 0.4,
    last: float = 0.4,
    sep: str | None = None,
) -> Attribution:
    """U-shaped credit: ``first`` to the first touch, ``last`` to the last, the rest shared by
    the touches in between. A single touch gets everything; two touches share in the ratio
    first : last (Google Ads' position-based model: 40% / 40% / 20%).

    >>> from socialroi import attribution
    >>> attribution.position_based([["a", "b", "c", "d"]], [10]).conversions
    {'a': 4.0, 'b': 1.0, 'c': 1.0, 'd': 4.0}
    """
    f = check_number(first, argument="first")
    g = check_number(last, argument="last")
    if f + g > 1.0 or f + g == 0.0:
        raise InvalidValueError(
            f"'first' + 'last' must be in (0, 1]: {f} + {g}; the middle touches share the rest"
        )
    j = encode(paths, conversions, value=value, sep=sep)
    lengths = j.lengths
    per_journey_length = np.repeat(lengths, lengths)
    position = np.arange(j.codes.size) - np.repeat(j.offsets[:-1], lengths)
    middle = np.where(
        per_journey_length > 2, (1.0 - f - g) / np.maximum(per_journey_length - 2, 1), 0.0
    )
    weights = middle.copy()
    is_first = position == 0
    is_last = position == per_journey_length - 1
    two = per_journey_length == 2
    weights[is_first] = np.where(two[is_first], f / (f + g), f)
    weights[is_last] = np.where(two[is_last], g / (f + g), g)
    weights[per_journey_length == 1] = 1.0
    return _by_touch_weights("position_based", j, weights)


def time_decay(
    paths: object,
    conversions: object,
    *,
    value: object = None,
    times: object,
    half_life: float,
    sep: str | None = None,
) -> Attribution:
    """Credit decaying with time before conversion: a touch ``t`` before the conversion
    weighs 2**(-t / half_life), normalised within its journey. ``times`` gives, per journey,
    one time per touch (or one flat array over all touches), in the unit of ``half_life``.

    >>> from socialroi import attribution
    >>> r = attribution.time_decay([["a", "b"]], [3], times=[[7, 0]], half_life=7)
    >>> r.conversions   # weights 1/2 and 1, normalised: 1/3 and 2/3
    {'a': 1.0, 'b': 2.0}
    """
    life = check_number(half_life, argument="half_life")
    if life == 0:
        raise InvalidValueError("'half_life' must be > 0")
    j = encode(paths, conversions, value=value, sep=sep)
    if (
        isinstance(times, Sequence)
        and not isinstance(times, str)
        and len(times) == j.size
        and all(isinstance(t, Sequence) and not isinstance(t, str) for t in times)
    ):
        for k, (t, n) in enumerate(zip(times, j.lengths, strict=True)):
            if len(t) != n:
                raise InvalidValueError(
                    f"'times' for journey {k} has {len(t)} value(s) for {n} touch(es)"
                )
        flat = as_float_array([x for t in times for x in t], argument="times")
    else:
        flat = as_float_array(times, argument="times").ravel()
        if flat.size != j.codes.size:
            raise InvalidValueError(
                f"'times' needs one time per touch ({j.codes.size}), per journey or flat: "
                f"got {flat.size}"
            )
    raw = np.exp2(-flat / life)
    totals = np.add.reduceat(raw, j.offsets[:-1])
    weights = raw / np.repeat(totals, j.lengths)
    return _by_touch_weights("time_decay", j, weights)


# -- Markov chains ---------------------------------------------------------------------------


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


# -- Shapley values --------------------------------------------------------------------------


def _shapley(worth: Float64Array, n: int) -> Float64Array:
    """Exact Shapley values from worth indexed by coalition bitmask (n players)."""
    masks = np.arange(1 << n)
    sizes = np.zeros(1 << n, dtype=np.intp)
    for i in range(n):
        sizes += (masks >> i) & 1
    weights = np.array(
        [math.factorial(k) * math.factorial(n - k - 1) / math.factorial(n) for k in range(n)]
    )
    phi = np.zeros(n)
    for i in range(n):
        bit = 1 << i
        without = masks[(masks & bit) == 0]
        phi[i] = float(np.sum(weights[sizes[without]] * (worth[without | bit] - worth[without])))
    return phi


def shapley_values(worth: Mapping[frozenset[str], float]) -> dict[str, float]:
    """Exact Shapley values of a characteristic function: a mapping from coalitions
    (frozensets of channels) to their worth. Coalitions not given are worth 0. At most
    ``MAX_SHAPLEY_CHANNELS`` players.

    >>> from socialroi import attribution
    >>> attribution.shapley_values({frozenset({"a"}): 10, frozenset({"b"}): 20,
    ...                             frozenset({"a", "b"}): 40})
    {'a': 15.0, 'b': 25.0}
    """
    if not isinstance(worth, Mapping):
        raise InvalidTypeError(f"'worth' must map frozensets of channels to numbers: {worth!r}")
    players: set[str] = set()
    for coalition in worth:
        if not isinstance(coalition, frozenset) or not all(isinstance(p, str) for p in coalition):
            raise InvalidTypeError(f"'worth' keys must be frozensets of names: {coalition!r}")
        players |= coalition
    names = sorted(players)
    _limit(len(names))
    index = {p: i for i, p in enumerate(names)}
    table = np.zeros(1 << len(names))
    for coalition, value in worth.items():
        mask = sum(1 << index[p] for p in coalition)
        table[mask] = check_number(
            value, argument=f"worth[{sorted(coalition)}]", allow_negative=True
        )
    phi = _shapley(table - table[0], len(names))
    return {p: float(x) for p, x in zip(names, phi, strict=True)}


def _limit(n: int) -> None:
    if n > MAX_SHAPLEY_CHANNELS:
        raise InvalidValueError(
            f"exact Shapley values for {n} channels need {n} x 2**{n} steps; socialroi stops at "
            f"{MAX_SHAPLEY_CHANNELS} channels. Group rare channels together, or use markov()"
        )


def _float(array: object) -> Float64Array:
    return np.asarray(array, dtype=np.float64)


def _subset_sums(f: Float64Array, n: int) -> Float64Array:
    """For every coalition S, the sum of f over the coalitions inside S (zeta transform)."""
    g = f.copy()
    for i in range(n):
        view = g.reshape(-1, 2, 1 << i)
        view[:, 1, :] += view[:, 0, :]
    return _float(g)


def shapley(
    paths: object,
    conversions: object,
    *,
    value: object = None,
    nulls: object = None,
    sep: str | None = None,
) -> Attribution:
    """Shapley attribution over the channels touched, exact.

    The worth of a coalition S is what the journeys whose channels all lie in S achieved:
    their conversions, or, when ``nulls`` are given, their conversion rate (conversions over
    conversions plus nulls, after Zhao et al. 2018, "Shapley value methods for attribution
    modeling in online advertising"). Counting conversions credits each journey equally to
    its distinct channels; rates also credit a channel for lifting the rate of the journeys
    it joins, which can be negative for a channel that lowers it. Credit is the Shapley
    values scaled to the total conversions (value in the same proportions). Up to
    ``MAX_SHAPLEY_CHANNELS`` channels.

    >>> from socialroi import attribution
    >>> attribution.shapley([["a", "b"], ["a"]], [2, 1]).conversions
    {'a': 2.0, 'b': 1.0}
    """
    j = encode(paths, conversions, value=value, nulls=nulls, sep=sep)
    n = len(j.channels)
    _limit(n)
    bits = np.left_shift(1, j.codes).astype(np.int64)
    sets = np.bitwise_or.reduceat(bits, j.offsets[:-1])
    conv = _subset_sums(_float(np.bincount(sets, weights=j.conversions, minlength=1 << n)), n)
    if nulls is None:
        worth = conv
    else:
        seen = conv + _subset_sums(_float(np.bincount(sets, weights=j.nulls, minlength=1 << n)), n)
        worth = np.divide(conv, seen, out=np.zeros_like(conv), where=seen > 0)
    phi = _shapley(worth, n)
    total = float(phi.sum())
    share = phi / total if total != 0 else np.zeros(n)
    return _result("shapley", j, share * float(j.conversions.sum()), share * float(j.value.sum()))
