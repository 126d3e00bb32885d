"""Argument checks shared by the statistics: levels, counts, rates, names, and plain results.

Results hold plain Python numbers: :func:`_real` is the converter of every float field of a
result, so ``json.dumps`` works on them and junk handed to a result's constructor raises the
SocialROIError family; :func:`_floats` is its counterpart for the array results.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Sequence

import numpy as np
from numpy.typing import ArrayLike

from socialroi._errors import InvalidTypeError, InvalidValueError
from socialroi._metrics.arrays import (
    Float64Array,
    as_float_array,
    broadcast,
)


def _open_unit(value: object, argument: str, what: str) -> float:
    """``value`` as a float strictly between 0 and 1, or an error naming ``argument``."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise InvalidTypeError(f"{argument!r} must be {what} in (0, 1): {value!r}")
    try:
        level = float(value)
    except OverflowError:  # an integer too large for a float is outside (0, 1) anyway
        level = math.inf
    if not 0.0 < level < 1.0:
        raise InvalidValueError(f"{argument!r} must be {what} in (0, 1): {value!r}")
    return level


def _confidence(confidence: object, argument: str = "confidence") -> float:
    """A confidence (or power) level in (0, 1)."""
    return _open_unit(confidence, argument, "a level, e.g. 0.95 for 95%,")


def _probability(value: object, argument: str) -> float:
    """A rate in (0, 1)."""
    return _open_unit(value, argument, "a rate")


def _counts(
    successes: ArrayLike, trials: ArrayLike, names: tuple[str, str] = ("successes", "trials")
) -> tuple[Float64Array, Float64Array]:
    s, n = broadcast(
        {
            names[0]: as_float_array(successes, argument=names[0]),
            names[1]: as_float_array(trials, argument=names[1]),
        }
    )
    _at_most(s, n, names)
    return s, n


def _at_most(s: Float64Array, n: Float64Array, names: tuple[str, str]) -> None:
    """No more successes than trials, or an error naming both and the first that has more."""
    over = s > n
    if np.any(over):
        raise InvalidValueError(
            f"{names[0]!r} cannot exceed {names[1]!r}: {int(np.sum(over))} value(s) do, first "
            f"{float(s[over].flat[0])!r} > {float(n[over].flat[0])!r}; a rate is at most 1"
        )


def _rate(s: Float64Array, n: Float64Array) -> Float64Array:
    out = np.full(n.shape, math.nan)
    np.divide(s, n, out=out, where=n > 0)
    return out


def _scalar_count(value: object, argument: str) -> float:
    array = as_float_array(value, argument=argument)
    if array.ndim:
        raise InvalidValueError(f"{argument!r} must be a single count here: {value!r}")
    return float(array)


def _choice(value: object, argument: str, options: Sequence[str]) -> str:
    """One of ``options`` by name, or an error naming ``argument`` and the options."""
    if not isinstance(value, str) or value not in options:
        known = " or ".join(repr(o) for o in options)
        error = InvalidValueError if isinstance(value, str) else InvalidTypeError
        raise error(f"{argument!r} must be {known}: {value!r}")
    return value


def _floats(value: object) -> Float64Array:
    """A result's numbers as a float64 array (NaN and infinities allowed: undefined,
    unbounded); only numeric numpy arrays are accepted."""
    if not isinstance(value, np.ndarray) or value.dtype.kind not in ("i", "u", "f"):
        raise InvalidTypeError(f"a statistic's values must be a numeric numpy array: {value!r}")
    return np.asarray(value, dtype=np.float64)


def _real(value: object) -> float:
    """A result's number as a plain float (NaN and infinities allowed: undefined, unbounded)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise InvalidTypeError(f"a statistic's value must be a real number: {value!r}")
    try:
        return float(value)
    except OverflowError:
        raise InvalidValueError(
            f"a statistic's value is too large for a float: {value!r}"
        ) from None
