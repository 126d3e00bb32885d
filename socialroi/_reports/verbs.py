"""Which rows a report's verbs keep, and in what order: sort by any column, filter by a
predicate or a mask. The report builds the result from these row positions
(:meth:`~socialroi.Report.sort`, :meth:`~socialroi.Report.filter`...)."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Sequence
from typing import Any, Protocol

import numpy as np

from socialroi._errors import InvalidTypeError, InvalidValueError
from socialroi._reports.labels import key_order


class _Sortable(Protocol):
    """What the verbs read off a report: its dimensions, columns and rows."""

    @property
    def by(self) -> tuple[str, ...]: ...

    def column(self, name: str) -> Any: ...

    def __len__(self) -> int: ...

    def __iter__(self) -> Iterator[Any]: ...


def _names(value: object) -> tuple[str, ...]:
    names = (value,) if isinstance(value, str) else value
    if not isinstance(names, Sequence) or not names or not all(isinstance(n, str) for n in names):
        raise InvalidTypeError(
            f"'by' must be a column name or a sequence of names (dimensions, measures or "
            f"metrics): {value!r}"
        )
    return tuple(names)


def _flags(value: object, count: int) -> tuple[bool, ...]:
    flags = (value,) * count if isinstance(value, bool) else value
    if (
        not isinstance(flags, Sequence)
        or len(flags) != count
        or not all(isinstance(f, bool) for f in flags)
    ):
        raise InvalidTypeError(
            f"'descending' must be True, False, or one of them per column of 'by' ({count}): "
            f"{value!r}"
        )
    return tuple(flags)


def sort_order(table: _Sortable, by: object, descending: object) -> list[int]:
    """Row positions sorted by the columns ``by`` (the first decides, the next break ties),
    each ascending or descending; undefined values (NaN) last either way; stable."""
    names = _names(by)
    flags = _flags(descending, len(names))
    order = list(range(len(table)))
    for name, down in reversed(list(zip(names, flags, strict=True))):  # stable: last key first
        values = table.column(name)
        if name in table.by:
            labels = values.tolist()
            order.sort(key=lambda i: key_order((labels[i],)), reverse=down)
        else:
            numbers = np.asarray(values, dtype=np.float64).tolist()
            sign = -1.0 if down else 1.0
            order.sort(key=lambda i: (math.isnan(numbers[i]), sign * numbers[i]))
    return order


def kept(table: _Sortable, predicate: object) -> list[int]:
    """Row positions where ``predicate`` holds: a function of a row returning a bool, or
    one bool per row (an array such as ``report["roi"] > 1``)."""
    if callable(predicate):
        test: Callable[[Any], object] = predicate
        out = []
        for i, row in enumerate(table):
            verdict = test(row)
            if not isinstance(verdict, (bool, np.bool_)):
                raise InvalidTypeError(
                    f"'predicate' must return True or False for a row: {verdict!r} for {row.key!r}"
                )
            if verdict:
                out.append(i)
        return out
    if isinstance(predicate, (str, bytes)) or not isinstance(predicate, (Sequence, np.ndarray)):
        raise InvalidTypeError(
            f"'predicate' must be a function of a row or one bool per row: {predicate!r}"
        )
    mask = np.asarray(predicate)
    if mask.dtype != np.bool_ or mask.shape != (len(table),):
        raise InvalidValueError(
            f"'predicate' as a mask needs one bool per row ({len(table)}): dtype {mask.dtype}, "
            f"shape {mask.shape}"
        )
    return [int(i) for i in np.flatnonzero(mask)]


def count(value: object, argument: str) -> int:
    """A number of rows: an integer >= 0."""
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 0:
        raise InvalidValueError(
            f"{argument!r} must be a number of rows (an integer >= 0): {value!r}"
        )
    return int(value)
