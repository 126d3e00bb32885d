"""Argument checks shared by the statistics: confidence levels, counts, probabilities."""

from __future__ import annotations

import math
import numbers
from statistics import NormalDist

import numpy as np
from numpy.typing import ArrayLike

from socialroi._errors import InvalidTypeError, InvalidValueError
from socialroi._metrics.arrays import (
    Float64Array,
    as_float_array,
    broadcast,
)

_NORMAL = NormalDist()


def _confidence(confidence: object) -> float:
    if isinstance(confidence, bool) or not isinstance(confidence, numbers.Real):
        raise InvalidTypeError(f"'confidence' must be a number in (0, 1): {confidence!r}")
    level = float(confidence)
    if not 0.0 < level < 1.0:
        raise InvalidValueError(
            f"'confidence' must be in (0, 1), e.g. 0.95 for 95%: {confidence!r}"
        )
    return level


def _z(confidence: float) -> float:
    """The two-sided normal critical value for ``confidence``."""
    return _NORMAL.inv_cdf(1.0 - (1.0 - confidence) / 2.0)


def _counts(
    successes: ArrayLike, trials: ArrayLike, names: tuple[str, str] = ("successes", "trials")
) -> tuple[Float64Array, Float64Array]:
    s, n = broadcast(
        {
            names[0]: as_float_array(successes, argument=names[0]),
            names[1]: as_float_array(trials, argument=names[1]),
        }
    )
    if np.any(s > n):
        bad = int(np.sum(s > n))
        raise InvalidValueError(
            f"{names[0]!r} cannot exceed {names[1]!r}: {bad} value(s) do; a rate is at most 1"
        )
    return s, n


def _rate(s: Float64Array, n: Float64Array) -> Float64Array:
    out = np.full(n.shape, math.nan)
    np.divide(s, n, out=out, where=n > 0)
    return out


def _scalar_count(value: object, argument: str) -> float:
    array = as_float_array(value, argument=argument)
    if array.ndim:
        raise InvalidValueError(f"{argument!r} must be a single count here: {value!r}")
    return float(array)


def _probability(value: object, argument: str) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise InvalidTypeError(f"{argument!r} must be a rate in (0, 1): {value!r}")
    rate = float(value)
    if not 0.0 < rate < 1.0:
        raise InvalidValueError(f"{argument!r} must be a rate in (0, 1): {value!r}")
    return rate
