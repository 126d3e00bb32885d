"""Comparisons: period over period, one group against another, and against benchmarks."""

from __future__ import annotations

import math

import attrs
import numpy as np
from numpy.typing import ArrayLike

from socialroi._errors import InvalidValueError
from socialroi._metrics.arrays import (
    FloatOrArray,
    ZeroDivision,
    as_float_array,
    broadcast,
    divide,
    finish,
    is_scalar,
    ratio,
)
from socialroi._metrics.catalog import Direction, metric
from socialroi._values.checks import check_number, parse_name


def growth(
    current: ArrayLike, previous: ArrayLike, *, zero_division: ZeroDivision = math.nan
) -> FloatOrArray:
    """Period-over-period growth, (current - previous) / previous. Source: the Oktopost
    article's customer whose social traffic was "up 60% year over year".

    >>> import socialroi as sr
    >>> sr.growth(16_000, 10_000)
    0.6
    """
    c, p = broadcast(
        {
            "current": as_float_array(current, argument="current"),
            "previous": as_float_array(previous, argument="previous"),
        }
    )
    with np.errstate(all="ignore"):
        change = c - p
    out = divide(change, p, denominator_name="previous", zero_division=zero_division)
    return finish(out, is_scalar(current) and is_scalar(previous))


def times(a: ArrayLike, b: ArrayLike, *, zero_division: ZeroDivision = math.nan) -> FloatOrArray:
    """How many times ``a`` is ``b``: "organic brought 5x the registrations of paid".

    >>> import socialroi as sr
    >>> sr.times(250, 50)
    5.0
    """
    return ratio(a, b, names=("a", "b"), zero_division=zero_division)


@attrs.frozen
class BenchmarkComparison:
    """A value against a benchmark: ``difference`` = value - benchmark, ``ratio`` = value /
    benchmark, and ``better`` taking the direction into account (None when equal or when the
    direction is neutral)."""

    value: float
    benchmark: float
    direction: Direction
    difference: float
    ratio: float
    better: bool | None


def compare_to_benchmark(
    value: float,
    benchmark: float,
    *,
    metric_name: str | None = None,
    direction: Direction | str | None = None,
) -> BenchmarkComparison:
    """Compare a value with a benchmark the caller supplies. The direction comes from the
    catalog metric named, or is given (``"higher"`` or ``"lower"``).

    >>> import socialroi as sr
    >>> sr.compare_to_benchmark(0.012, 0.009, metric_name="ctr").better
    True
    >>> sr.compare_to_benchmark(12.0, 9.0, metric_name="cpm").better   # costs more
    False
    """
    if (metric_name is None) == (direction is None):
        raise InvalidValueError("give exactly one of 'metric_name' and 'direction'")
    way = (
        metric(metric_name).direction
        if metric_name is not None
        else parse_name(Direction, direction, argument="direction")
    )
    v = check_number(value, argument="value", allow_negative=True)
    b = check_number(benchmark, argument="benchmark", allow_negative=True)
    better: bool | None = None
    if v != b and way is not Direction.NEUTRAL:
        better = (v > b) == (way is Direction.HIGHER)
    return BenchmarkComparison(v, b, way, v - b, v / b if b != 0 else math.nan, better)
