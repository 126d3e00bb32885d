"""Shapley attribution, exact: from journeys, or from any characteristic function."""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np

from socialroi._errors import InvalidTypeError, InvalidValueError
from socialroi._metrics.arrays import Float64Array
from socialroi._values.checks import check_number
from socialroi.attribution._journeys import Journeys, encode, scaled_counts
from socialroi.attribution._paths import PathTable
from socialroi.attribution._result import Attribution, _float, _result

#: Exact Shapley values cost n 2**n operations; 20 channels (about 20 million) take about a
#: second, and every channel more doubles it, so socialroi refuses beyond this.
MAX_SHAPLEY_CHANNELS = 20


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
        if not all(p.strip() for p in coalition):
            raise InvalidValueError(f"'worth' keys hold an empty channel name: {coalition!r}")
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
    # Shapley values use differences of worth only (so the worth of the empty coalition does
    # not count). Worth up to the largest float works: near the top it is scaled by a power
    # of two below 2**1022, so no difference overflows, and the values are scaled back
    largest = float(np.abs(table).max())
    shift = max(math.frexp(largest)[1] - 1022, 0)
    table = np.ldexp(table, -shift)
    with np.errstate(over="ignore"):
        phi = np.ldexp(_shapley(table, len(names)), shift)
    if not np.all(np.isfinite(phi)):
        raise InvalidValueError(
            "Shapley values of 'worth' exceed the largest float (about 1.8e308): rescale "
            "'worth', e.g. in thousands"
        )
    return {p: float(x) for p, x in zip(names, phi, strict=True)}


def _limit(n: int) -> None:
    if n > MAX_SHAPLEY_CHANNELS:
        raise InvalidValueError(
            f"exact Shapley values for {n} channels need {n} x 2**{n} steps; socialroi stops at "
            f"{MAX_SHAPLEY_CHANNELS} channels. Group rare channels together, or use markov()"
        )


def _subset_sums(f: Float64Array, n: int) -> Float64Array:
    """For every coalition S, the sum of f over the coalitions inside S (zeta transform)."""
    g = f.copy()
    for i in range(n):
        view = g.reshape(1 << (n - 1 - i), 2, 1 << i)
        view[:, 1, :] += view[:, 0, :]
    return _float(g)


def shapley(
    paths: object,
    conversions: object = None,
    *,
    value: object = None,
    nulls: object = None,
    game: str = "coalition",
    sep: str | None = None,
) -> Attribution:
    """Shapley attribution over the channels touched, exact.

    ``game="coalition"`` (the default) plays one game over all channels, below;
    ``game="per_combination"`` plays DP6's games instead (``_per_combination``).

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
    if not isinstance(game, str) or game not in ("coalition", "per_combination"):
        raise InvalidValueError(
            f"'game' must be 'coalition' (one game over all channels) or 'per_combination' "
            f"(DP6's game for each converting set of channels): {game!r}"
        )
    j = encode(paths, conversions, value=value, nulls=nulls, sep=sep)
    n = len(j.channels)
    _limit(n)
    bits = np.left_shift(1, j.codes).astype(np.int64)
    sets = np.bitwise_or.reduceat(bits, j.offsets[:-1])
    scaled, scaled_nulls = scaled_counts(j)
    if game == "per_combination":
        return _per_combination(j, sets, scaled, scaled_nulls)
    conv = _subset_sums(_float(np.bincount(sets, weights=scaled, minlength=1 << n)), n)
    if nulls is None and not isinstance(paths, PathTable):
        worth = conv
    else:
        seen = conv + _subset_sums(
            _float(np.bincount(sets, weights=scaled_nulls, minlength=1 << n)), n
        )
        worth = np.divide(conv, seen, out=np.zeros_like(conv), where=seen > 0)
    phi = _shapley(worth, n)
    total = float(phi.sum())
    share = phi / total if total != 0 else np.zeros(n)
    return _result("shapley", j, share * float(j.conversions.sum()), share * float(j.value.sum()))


def _per_combination(
    j: Journeys, sets: np.ndarray, scaled: Float64Array, scaled_nulls: Float64Array
) -> Attribution:
    """DP6's per-combination Shapley (DP6/Marketing-Attribution-Models, mam/models/
    shapley.py, ``value_column="conv_rate"``, without its ``max_size`` cut): journeys are
    pooled by their set of channels; each converting set C shares its own conversions and
    value among its channels by the Shapley values of the game on C's subsets where a
    subset is worth the conversion rate of the journeys that touched exactly it (0 for a
    set no converting journey touched). Credit can be negative for a channel whose
    journeys convert better without it."""
    n = len(j.channels)
    keys, where = np.unique(sets, return_inverse=True)
    conv = np.bincount(where, weights=scaled)
    seen = conv + np.bincount(where, weights=scaled_nulls)
    real_conv = np.bincount(where, weights=j.conversions)
    real_value = np.bincount(where, weights=j.value)
    rate = {int(k): float(c / t) for k, c, t in zip(keys, conv, seen, strict=True) if c > 0}
    lost = float(real_value[conv == 0].sum())
    if lost > 0:
        raise InvalidValueError(
            f"game='per_combination' shares each converting set's value, but {lost:,.6g} of "
            "'value' is on journeys whose set of channels never converts: move it to "
            "converting journeys, or use game='coalition'"
        )
    credit_conv = np.zeros(n)
    credit_value = np.zeros(n)
    for k, key in enumerate(keys.tolist()):
        if key not in rate:
            continue
        players = [i for i in range(n) if key >> i & 1]
        size = len(players)
        worth = np.zeros(1 << size)
        for local in range(1, 1 << size):
            mask = sum(1 << players[i] for i in range(size) if local >> i & 1)
            worth[local] = rate.get(mask, 0.0)
        phi = _shapley(worth, size)
        share = phi / phi.sum()  # the sum is rate[key] > 0
        credit_conv[players] += share * real_conv[k]
        credit_value[players] += share * real_value[k]
    return _result("shapley_per_combination", j, credit_conv, credit_value)
