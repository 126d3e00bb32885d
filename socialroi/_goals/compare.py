"""Comparisons: period over period, one group against another, and against benchmarks."""

from __future__ import annotations

import math

import attrs
import numpy as np
from numpy.typing import ArrayLike

from socialroi._errors import InvalidTypeError, InvalidValueError, SocialROIError
from socialroi._goals.kpi import result_number
from socialroi._metrics.arrays import (
    FloatOrArray,
    ZeroDivision,
    divide,
    ratio,
)
from socialroi._metrics.catalog import Direction, metric
from socialroi._values.checks import check_number, parse_name
from socialroi._values.rates import CostRate


def times(a: ArrayLike, b: ArrayLike, *, zero_division: ZeroDivision = math.nan) -> FloatOrArray:
    """How many times ``a`` is ``b``: "organic brought 5x the registrations of paid".

    >>> import socialroi as sr
    >>> sr.times(250, 50)
    5.0
    """
    return ratio(a, b, names=("a", "b"), zero_division=zero_division)


def _real(value: object) -> float:
    number = result_number(value)
    if not isinstance(number, float):
        raise InvalidTypeError(f"a benchmark comparison holds single numbers: {value!r}")
    return number


def _better(value: object) -> bool | None:
    if value is not None and not isinstance(value, (bool, np.bool_)):
        raise InvalidTypeError(f"'better' must be True, False or None: {value!r}")
    return None if value is None else bool(value)


def _way(value: object) -> Direction:
    return parse_name(Direction, value, argument="direction")


@attrs.frozen
class BenchmarkComparison:
    """A value against a benchmark: ``difference`` = value - benchmark, ``ratio`` = value /
    benchmark (undefined where the benchmark is 0: the ``zero_division`` policy, NaN by
    default), and ``better`` taking the direction into account (None when equal or when the
    direction is neutral). Numbers are plain Python floats, ``better`` a plain bool."""

    value: float = attrs.field(converter=_real)
    benchmark: float = attrs.field(converter=_real)
    direction: Direction = attrs.field(converter=_way)
    difference: float = attrs.field(converter=_real)
    ratio: float = attrs.field(converter=_real)
    better: bool | None = attrs.field(converter=_better)


def _on_one_scale(value: object, benchmark: object) -> tuple[float, float]:
    """Two cost rates as numbers on the benchmark's scale, once they are alike."""
    if not isinstance(value, CostRate) or not isinstance(benchmark, CostRate):
        raise InvalidTypeError(
            f"a cost rate compares with a cost rate: value={value!r}, benchmark={benchmark!r}"
        )
    benchmark.check_like(value)
    return value.amount / value.per * benchmark.per, benchmark.amount


def compare_to_benchmark(
    value: float | CostRate,
    benchmark: float | CostRate,
    *,
    metric_name: str | None = None,
    direction: Direction | str | None = None,
    zero_division: ZeroDivision = math.nan,
) -> BenchmarkComparison:
    """Compare a value with a benchmark the caller supplies. The direction comes from the
    catalog metric named, or is given (``"higher"`` or ``"lower"``).

    >>> import socialroi as sr
    >>> sr.compare_to_benchmark(0.012, 0.009, metric_name="ctr").better
    True
    >>> sr.compare_to_benchmark(12.0, 9.0, metric_name="cpm").better   # costs more
    False
    >>> sr.compare_to_benchmark(3.0, 0.0, direction="higher").ratio    # undefined
    nan

    Cost rates compare only in one currency and over one action:

    >>> ours, industry = sr.CostRate.cpm(5.2, "EUR"), sr.CostRate.cpm(6.5, "EUR")
    >>> sr.compare_to_benchmark(ours, industry, metric_name="cpm").better
    True
    """
    if (metric_name is None) == (direction is None):
        raise InvalidValueError(
            "give exactly one of 'metric_name' and 'direction': "
            f"metric_name={metric_name!r}, direction={direction!r}"
        )
    if metric_name is not None:
        try:
            way = metric(metric_name).direction
        except SocialROIError as error:  # the catalog's message, naming this argument
            raise type(error)(f"'metric_name': {error}") from None
    else:
        way = parse_name(Direction, direction, argument="direction")
    if isinstance(value, CostRate) or isinstance(benchmark, CostRate):
        value, benchmark = _on_one_scale(value, benchmark)
    v = check_number(value, argument="value", allow_negative=True)
    b = check_number(benchmark, argument="benchmark", allow_negative=True)
    better: bool | None = None
    if v != b and way is not Direction.NEUTRAL:
        better = (v > b) == (way is Direction.HIGHER)
    ratio_ = divide(
        np.asarray(v), np.asarray(b), denominator_name="benchmark", zero_division=zero_division
    )
    return BenchmarkComparison(v, b, way, v - b, float(ratio_), better)
