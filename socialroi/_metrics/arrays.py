"""Input checks and the one zero-division policy behind every formula.

Every formula converts its arguments here: numbers or array-likes become float64 arrays,
checked to be finite and non-negative, broadcast together; a zero denominator is resolved by
the caller's ``zero_division`` (NaN by default) in :func:`divide`. A Python number in gives a
Python float out; anything array-like gives an ndarray.
"""

from __future__ import annotations

import math
import numbers
from decimal import Decimal
from typing import Literal, Union, cast

import numpy as np
from numpy.typing import ArrayLike, NDArray

from socialroi._errors import (
    InvalidTypeError,
    InvalidValueError,
    ShapeMismatchError,
    UndefinedRatioError,
)

Float64Array = NDArray[np.float64]
FloatOrArray = Union[float, Float64Array]  # noqa: UP007 (a runtime alias, Python 3.10)
ZeroDivision = Union[float, Literal["raise"]]  # noqa: UP007


def as_float_array(value: object, *, argument: str, allow_negative: bool = False) -> Float64Array:
    """``value`` as a float64 array, or an error naming ``argument``.

    Numbers and arrays of numbers only: strings are never counts, even "50"; booleans are not
    counts; missing values (None, ``pd.NA``) and integers too large for a float are errors.
    """
    if isinstance(value, (str, bytes, bool, np.bool_)):
        raise InvalidTypeError(f"{argument!r} must be a number or an array of numbers: {value!r}")
    try:
        array = np.asarray(value)
    except (TypeError, ValueError, OverflowError):
        raise InvalidTypeError(
            f"{argument!r} must be a number or an array of numbers: {value!r}"
        ) from None
    if array.dtype.kind == "O":
        array = _object_to_float(array, argument)
    elif array.dtype.kind in ("i", "u", "f"):
        array = np.asarray(array, dtype=np.float64)
    else:
        raise InvalidTypeError(
            f"{argument!r} must be a number or an array of numbers, not {array.dtype} values: "
            f"{value!r}"
        )
    if not array.size:
        return array
    low, high = array.min(), array.max()  # two reductions; NaN propagates through both
    if not (np.isfinite(low) and np.isfinite(high)):
        bad = ~np.isfinite(array)  # the slow path only builds the message
        raise InvalidValueError(
            f"{argument!r} must be finite: {int(bad.sum())} value(s) are NaN or "
            f"infinite, first {float(array[bad].flat[0])!r}; drop or impute them first"
        )
    if low < 0 and not allow_negative:
        bad = array < 0
        raise InvalidValueError(
            f"{argument!r} must be >= 0: {int(bad.sum())} value(s) are negative, first "
            f"{float(array[bad].flat[0])!r}; counts and amounts cannot be negative"
        )
    return array


def _object_to_float(array: NDArray[np.object_], argument: str) -> Float64Array:
    """An object array (pandas nullable or string columns, mixed lists) to float64, element by
    element, so that "50" is refused rather than parsed and 10**400 becomes infinite."""
    out = np.empty(array.shape)
    flat = out.ravel()  # a view: out is new and contiguous
    for i, item in enumerate(array.flat):
        if _missing(item):
            raise InvalidValueError(
                f"{argument!r} must not have missing values: {int(_count_missing(array))} "
                "found; drop or impute them first"
            )
        if isinstance(item, (bool, np.bool_)) or not isinstance(item, (numbers.Real, Decimal)):
            raise InvalidTypeError(
                f"{argument!r} must be a number or an array of numbers: found {item!r} "
                f"({type(item).__name__}); strings are never counts, convert the column first"
            )
        try:
            flat[i] = float(item)
        except OverflowError:  # an integer too large for a float
            flat[i] = math.inf if cast(int, item) > 0 else -math.inf  # only ints overflow
    return out


def _missing(item: object) -> bool:
    """None, pandas' NA and NaT: missing values, whatever the column's type."""
    return item is None or type(item).__name__ in ("NAType", "NaTType")


def _count_missing(array: NDArray[np.object_]) -> int:
    return sum(1 for x in array.flat if _missing(x))


def plain_number(value: object) -> float | None:
    """A plain Python ``int`` or ``float`` that :func:`as_float_array` would accept (finite,
    >= 0), as a float: the formulas' fast path for one number, without numpy. None for
    anything else, which takes the array path, so every error is the array path's own."""
    kind = type(value)
    if kind is float or kind is int:
        try:
            number = float(value)  # type: ignore[arg-type]
        except OverflowError:  # an int beyond float64: the array path names it
            return None
        if 0.0 <= number < math.inf:  # NaN fails both comparisons
            return number
    return None


def divide_numbers(
    numerator: float, denominator: float, *, denominator_name: str, zero_division: object
) -> float:
    """:func:`divide` on two checked plain numbers, with the same policy and errors."""
    policy = check_zero_division(zero_division)
    if denominator == 0:
        if policy == "raise":
            raise _undefined(denominator_name, 1)
        return policy
    return numerator / denominator  # float division overflows to inf, as numpy's does


def _undefined(denominator_name: str, places: int) -> UndefinedRatioError:
    return UndefinedRatioError(
        f"{denominator_name!r} is 0 in {places} place(s), so the ratio is "
        "undefined; pass zero_division=<number> to fill those places instead"
    )


def is_scalar(value: object) -> bool:
    """True for plain numbers (Python or numpy scalars), which give a float result."""
    return isinstance(value, numbers.Number) and not isinstance(value, np.ndarray)


def broadcast(arrays: dict[str, Float64Array]) -> tuple[Float64Array, ...]:
    """Broadcast the named arrays together, or raise naming them and their shapes."""
    try:
        return tuple(np.broadcast_arrays(*arrays.values()))
    except ValueError:
        shapes = ", ".join(f"{name}{a.shape}" for name, a in arrays.items())
        raise ShapeMismatchError(
            f"arguments have shapes that do not broadcast together: {shapes}"
        ) from None


def check_zero_division(zero_division: object) -> ZeroDivision:
    """Validate the ``zero_division`` option: a number (NaN included) or ``"raise"``."""
    if isinstance(zero_division, str) and zero_division == "raise":
        return "raise"
    if isinstance(zero_division, bool) or not isinstance(zero_division, numbers.Real):
        raise InvalidValueError(
            f"'zero_division' must be a number (default NaN) or 'raise': {zero_division!r}"
        )
    try:
        return float(zero_division)
    except OverflowError:  # an int or Fraction beyond float64 (too long to show)
        raise InvalidValueError(
            "'zero_division' must be a number (default NaN) or 'raise': "
            f"<{type(zero_division).__name__}> is beyond float64"
        ) from None


def divide(
    numerator: Float64Array,
    denominator: Float64Array,
    *,
    denominator_name: str,
    zero_division: object,
) -> Float64Array:
    """numerator / denominator, with the zero-division policy where the denominator is 0."""
    policy = check_zero_division(zero_division)
    zero = denominator == 0
    if policy == "raise":
        if zero.any():
            raise _undefined(denominator_name, int(zero.sum()))
        policy = math.nan
    out = np.full(np.broadcast_shapes(numerator.shape, denominator.shape), policy)
    with np.errstate(all="ignore"):  # overflow to inf is a result, not an accident
        np.divide(numerator, denominator, out=out, where=~zero)
    return out


def finish(result: Float64Array, scalar: bool) -> FloatOrArray:
    """A float when every input was a plain number, else the array."""
    return float(result) if scalar else result


def ratio(
    numerator: ArrayLike,
    denominator: ArrayLike,
    *,
    names: tuple[str, str],
    zero_division: object,
    scale: float | None = None,
) -> FloatOrArray:
    """The checked, broadcast ratio ``scale * numerator / denominator``."""
    top, bottom = plain_number(numerator), plain_number(denominator)
    if top is not None and bottom is not None:  # two plain numbers: no numpy
        scaled = top if scale is None else top * scale  # overflows to inf, as numpy's does
        return divide_numbers(
            scaled, bottom, denominator_name=names[1], zero_division=zero_division
        )
    num, den = broadcast(
        {
            names[0]: as_float_array(numerator, argument=names[0]),
            names[1]: as_float_array(denominator, argument=names[1]),
        }
    )
    if scale is not None:  # scale before dividing, so the zero-division fill stays as given
        with np.errstate(over="ignore"):  # an overflow to inf is a result
            num = num * scale
    out = divide(num, den, denominator_name=names[1], zero_division=zero_division)
    return finish(out, is_scalar(numerator) and is_scalar(denominator))
