"""Rule-based models: each touch gets a fixed share of its journey's conversions and value
(first touch, last touch, linear, position-based, time decay).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from socialroi._errors import (
    InvalidTypeError,
    InvalidValueError,
    ShapeMismatchError,
    UnknownNameError,
)
from socialroi._metrics.arrays import Float64Array
from socialroi._values.checks import check_number
from socialroi.attribution._journeys import Journeys, _numbers, encode
from socialroi.attribution._result import Attribution, _by_touch_weights


def first_touch(
    paths: object, conversions: object = None, *, value: object = None, sep: str | None = None
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
    paths: object, conversions: object = None, *, value: object = None, sep: str | None = None
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


def _direct(direct: object, channels: tuple[str, ...]) -> list[int]:
    """The codes of the direct channel(s): a name, or a sequence of names, each touched."""
    names = [direct] if isinstance(direct, str) else direct
    if (
        not isinstance(names, Sequence)
        or not names
        or not all(isinstance(d, str) and d.strip() for d in names)
    ):
        raise InvalidTypeError(
            f"'direct' must be a channel name such as 'Direct', or a list of names: {direct!r}"
        )
    unknown = [d for d in names if d not in channels]
    if unknown:
        raise UnknownNameError(
            f"'direct' names {unknown}, which no journey touches: channels are {list(channels)}"
        )
    return [channels.index(d) for d in names]


def last_non_direct(
    paths: object,
    conversions: object = None,
    *,
    value: object = None,
    direct: str | Sequence[str] = "Direct",
    sep: str | None = None,
) -> Attribution:
    """All credit to the last touch that is not ``direct`` (a channel, or a list of them);
    a journey of direct touches only credits its last touch (Google Analytics' last
    non-direct click: direct visits are skipped unless they are all there is).

    >>> from socialroi import attribution
    >>> paths = [["search", "Direct"], ["Direct", "Direct"], ["email"]]
    >>> attribution.last_non_direct(paths, 1).conversions
    {'Direct': 1.0, 'email': 1.0, 'search': 1.0}
    """
    j = encode(paths, conversions, value=value, sep=sep)
    is_direct = np.isin(j.codes, _direct(direct, j.channels))
    candidates = np.where(is_direct, -1, np.arange(j.codes.size))
    latest = np.maximum.reduceat(candidates, j.offsets[:-1])
    weights = np.zeros(j.codes.size)
    weights[np.where(latest >= 0, latest, j.offsets[1:] - 1)] = 1.0
    return _by_touch_weights("last_non_direct", j, weights)


def linear(
    paths: object, conversions: object = None, *, value: object = None, sep: str | None = None
) -> Attribution:
    """Equal credit to every touch of a journey (a channel touched twice gets two shares).

    >>> from socialroi import attribution
    >>> attribution.linear([["a", "b", "a"]], [3]).conversions
    {'a': 2.0, 'b': 1.0}
    """
    j = encode(paths, conversions, value=value, sep=sep)
    weights = np.repeat(1.0 / j.lengths, j.lengths)
    return _by_touch_weights("linear", j, weights)


def _share(share: object, argument: str) -> float:
    number = check_number(share, argument=argument, allow_negative=True)
    if not 0 <= number <= 1:
        raise InvalidValueError(f"{argument!r} must be a share from 0 to 1: {share!r}")
    return number


def position_based(
    paths: object,
    conversions: object = None,
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
    f = _share(first, "first")
    g = _share(last, "last")
    if f + g > 1.0 or f + g == 0.0:
        raise InvalidValueError(
            f"'first' + 'last' must be in (0, 1]: {f} + {g}; the middle touches share the rest"
        )
    j = encode(paths, conversions, value=value, sep=sep)
    lengths = j.lengths
    per_journey_length = np.repeat(lengths, lengths)
    position = np.arange(j.codes.size) - np.repeat(j.offsets[:-1], lengths)
    # the middle touches share the rest; journeys of one or two touches have no middle, and
    # their weights are all set below
    weights = (1.0 - f - g) / np.maximum(per_journey_length - 2, 1)
    is_first = position == 0
    is_last = position == per_journey_length - 1
    two = per_journey_length == 2
    weights[is_first] = np.where(two[is_first], f / (f + g), f)
    weights[is_last] = np.where(two[is_last], g / (f + g), g)
    weights[per_journey_length == 1] = 1.0
    return _by_touch_weights("position_based", j, weights)


def _half_life(half_life: object) -> float:
    life = check_number(half_life, argument="half_life", allow_negative=True)
    if life <= 0:
        raise InvalidValueError(
            f"'half_life' must be > 0: {half_life!r}; it is the time over which a touch's "
            "weight halves"
        )
    return life


def _times(times: object, j: Journeys) -> Float64Array:
    """One time per touch, flat, from per-journey sequences (or rows of a 2-D array) or from
    one flat array over all touches."""
    if isinstance(times, np.ndarray) and times.ndim == 2:
        times = list(times)
    if (
        isinstance(times, Sequence)
        and not isinstance(times, str)
        and len(times) == j.size
        and all(isinstance(t, (Sequence, np.ndarray)) and not isinstance(t, str) for t in times)
    ):
        for k, t in enumerate(times):
            if len(t) != j.lengths[k]:
                raise ShapeMismatchError(
                    f"'times' for journey {k} has {len(t)} value(s) for {j.lengths[k]} touch(es)"
                )
        times = [x for t in times for x in t]
    flat = _numbers(times, "times")
    if flat.shape != (j.codes.size,):
        raise ShapeMismatchError(
            f"'times' needs one time per touch ({j.codes.size}), per journey or flat: got shape "
            f"{flat.shape}"
        )
    return flat


def time_decay(
    paths: object,
    conversions: object = None,
    *,
    value: object = None,
    times: object,
    half_life: float,
    sep: str | None = None,
) -> Attribution:
    """Credit decaying with time before conversion: a touch ``t`` before the conversion
    weighs 2**(-t / half_life), normalised within its journey. ``times`` gives, per journey,
    one time per touch (or one flat array over all touches), in the unit of ``half_life``.

    Weights are computed relative to the most recent touch of each journey, so they stay
    exact for touches any number of half-lives back: a touch more than about 1,075
    half-lives older than its journey's latest touch weighs less than the smallest float
    (2**-1075) and gets no credit.

    >>> from socialroi import attribution
    >>> r = attribution.time_decay([["a", "b"]], [3], times=[[7, 0]], half_life=7)
    >>> r.conversions   # weights 1/2 and 1, normalised: 1/3 and 2/3
    {'a': 1.0, 'b': 2.0}
    >>> long_ago = [[14_000, 13_993]]   # 2,000 half-lives back: 2**-2000 underflows alone
    >>> attribution.time_decay([["a", "b"]], [3], times=long_ago, half_life=7).conversions
    {'a': 1.0, 'b': 2.0}
    """
    life = _half_life(half_life)
    j = encode(paths, conversions, value=value, sep=sep)
    flat = _times(times, j)
    journey = j.journey
    latest = np.minimum.reduceat(flat, j.offsets[:-1])
    # an age beyond the float range is infinite, and weighs 2**-inf = 0, as it should
    with np.errstate(over="ignore", under="ignore"):
        raw = np.exp2(-((flat - latest[journey]) / life))
    weights = raw / np.add.reduceat(raw, j.offsets[:-1])[journey]
    return _by_touch_weights("time_decay", j, weights)
