"""A report's keys held as columns: per dimension, its labels and each row's code.

A roll-up of a million groups would otherwise build a million label tuples (and check them)
before anyone reads a row. The columns give a dimension's labels as one array gather, and
the tuples are made only when the keys are read one by one, once.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import overload

import numpy as np

Key = tuple[str, ...]


class KeyColumns(Sequence[Key]):
    """Distinct keys of a report, in row order: ``labels[d][codes[d][row]]`` is the label of
    dimension ``d``. Built by the roll-up from distinct groups (trusted: not checked again);
    compares equal to any sequence of the same tuples."""

    __slots__ = ("_codes", "_labels", "_size", "_tuples")

    def __init__(
        self, labels: Sequence[np.ndarray], codes: Sequence[np.ndarray], size: int
    ) -> None:
        self._labels = tuple(labels)
        self._codes = tuple(codes)
        self._size = size  # without dimensions: the one total row, or none
        self._tuples: tuple[Key, ...] | None = None

    def column(self, dimension: int) -> np.ndarray:
        """The labels of one dimension, one per row (an object array of strings or ints)."""
        column: np.ndarray = self._labels[dimension][self._codes[dimension]]
        # integer ids (an int64 array of labels) as Python ints, made for the rows read only
        return column.astype(object)

    def _all(self) -> tuple[Key, ...]:
        if self._tuples is None:
            columns = [self.column(d).tolist() for d in range(len(self._labels))]
            self._tuples = tuple(zip(*columns, strict=True)) if columns else ((),) * self._size
        return self._tuples

    def __len__(self) -> int:
        return self._size

    @overload
    def __getitem__(self, index: int) -> Key: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[Key, ...]: ...
    def __getitem__(self, index: int | slice) -> Key | tuple[Key, ...]:
        return self._all()[index]

    def __iter__(self) -> Iterator[Key]:
        return iter(self._all())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, KeyColumns):
            other = other._all()
        if not isinstance(other, Sequence) or isinstance(other, str):
            return NotImplemented
        return self._all() == tuple(other)

    def __hash__(self) -> int:
        return hash(self._all())

    def __repr__(self) -> str:
        return repr(self._all())
