"""Argument checks shared by constructors: finite, non-negative numbers and known names."""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterable
from enum import Enum
from typing import TypeVar

from socialroi._errors import InvalidTypeError, InvalidValueError, UnknownNameError

E = TypeVar("E", bound=Enum)


def check_number(value: object, *, argument: str, allow_negative: bool = False) -> float:
    """Return ``value`` as a float after checking it is a finite (non-negative) real number."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise InvalidTypeError(f"{argument!r} must be a real number: {value!r}")
    try:
        number = float(value)
    except OverflowError:  # an integer too large for a float
        number = math.inf
    if not math.isfinite(number):
        raise InvalidValueError(
            f"{argument!r} must be finite: {value!r}; drop or impute missing values first"
        )
    if number < 0 and not allow_negative:
        raise InvalidValueError(
            f"{argument!r} must be >= 0: {value!r}; counts and amounts cannot be negative"
        )
    return number


def parse_name(enum: type[E], value: object, *, argument: str) -> E:
    """Turn a member or its string value (case-insensitive, '-' or ' ' for '_') into a member."""
    if isinstance(value, enum):
        return value
    if isinstance(value, str):
        key = value.strip().lower().replace("-", "_").replace(" ", "_")
        for member in enum:
            if member.value == key:
                return member
    known = ", ".join(repr(m.value) for m in enum)
    if not isinstance(value, str):
        raise InvalidTypeError(
            f"{argument!r} must be a {enum.__name__} or one of its names ({known}): {value!r}"
        )
    raise UnknownNameError(f"{argument!r} must be one of {known}: {value!r} is not")


def names(members: Iterable[Enum]) -> tuple[str, ...]:
    """The string values of enum members, in order."""
    return tuple(str(m.value) for m in members)
