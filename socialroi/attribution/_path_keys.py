"""Paths as integer keys: how the engine packs each journey's channels into a few int64
columns (so that it groups journeys by numbers, not by a column of names per touch), and how
numpy unpacks the counted table into a ``PathTable``.

A channel label of code ``c`` is the digit ``c + 1`` in base ``base`` (0: no touch there);
the touch at position ``p`` (1 = first) is digit ``(p - 1) % width`` of key column
``(p - 1) // width``, where ``width`` is the most digits a key holds below 2**62. A key is
then a sum of distinct powers times digits, so a journey's key columns are the sums of its
touches' terms: a group-by's sum, in any engine.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import attrs
import numpy as np

from socialroi._errors import InvalidValueError
from socialroi._metrics.arrays import Float64Array
from socialroi.attribution._paths import PathTable, from_codes

_LIMIT = 2**62  # every key and every sum of terms stays below it: no int64 overflow
_COUNT = re.compile(r"^(.*)\((\d+)\)$")


@attrs.frozen
class Labels:
    """Codes of the channel labels, as the "frequency" transforms rename them: ``names[k]``
    has code ``k``; each frequency step ``per`` turns the label of code ``c`` seen ``n``
    times into ``f"{label}({n})"`` of code ``c * per + n`` (``n < per``)."""

    names: tuple[str, ...]
    steps: tuple[int, ...] = ()

    @property
    def size(self) -> int:
        """One more than the largest code."""
        size = len(self.names)
        for per in self.steps:
            size *= per
        return size

    def label(self, code: int) -> str:
        counts = []
        for per in reversed(self.steps):
            code, n = divmod(code, per)
            counts.append(n)
        name = self.names[code]
        for n in reversed(counts):
            name = f"{name}({n})"
        return name

    def code(self, label: str) -> int | None:
        """The code of ``label``, or None when no touch can carry it."""
        if not self.steps:
            found = [k for k, name in enumerate(self.names) if name == label]
            return found[0] if found else None
        match = _COUNT.match(label)
        if match is None:
            return None
        inner = Labels(self.names, self.steps[:-1]).code(match.group(1))
        n, per = int(match.group(2)), self.steps[-1]
        return None if inner is None or not 1 <= n < per else inner * per + n


@attrs.frozen
class Layout:
    """Digits of ``base`` (a code plus 1; 0 is no touch), ``width`` of them per key."""

    base: int
    width: int

    @classmethod
    def of(cls, labels: Labels) -> Layout:
        base = max(labels.size + 1, 2)  # base 2 when nothing is touched: keys of 0
        if base > _LIMIT:
            raise InvalidValueError(
                f"the path transforms make up to {labels.size:,} distinct channel labels "
                "(each 'frequency' multiplies them by the longest journey): more than an "
                "int64 key can hold; apply 'frequency' once, after the windows"
            )
        width = 1
        while base ** (width + 1) <= _LIMIT:
            width += 1
        return cls(base, width)

    def columns(self, positions: int) -> int:
        """Key columns for paths of up to ``positions`` touches (at least one)."""
        return max(1, -(-positions // self.width))


def _digits(keys: Sequence[np.ndarray], layout: Layout) -> np.ndarray:
    """Each row's digits, one column per position (0 past the path's end)."""
    rows = len(keys[0]) if keys else 0
    digits = np.zeros((rows, len(keys) * layout.width), dtype=np.int64)
    for j, key in enumerate(keys):
        rest = np.asarray(key, dtype=np.int64).copy()
        for o in range(layout.width):
            rest, digits[:, j * layout.width + o] = np.divmod(rest, layout.base)
    used = np.flatnonzero(digits.any(axis=0))
    return digits[:, : used[-1] + 1 if used.size else 0]


def table_from_keys(
    keys: Sequence[np.ndarray],
    conversions: Float64Array,
    value: Float64Array,
    nulls: Float64Array,
    layout: Layout,
    labels: Labels,
) -> PathTable:
    """The path table of the engine's rows (one per distinct key), sorted by path, the
    empty path split off as unattributed."""
    codes = _digits(keys, layout) - 1  # -1: past the end
    touched = codes >= 0
    used = np.unique(codes[touched])
    names = [labels.label(int(c)) for c in used]
    order = sorted(range(len(names)), key=names.__getitem__)
    rank = np.empty(len(names), dtype=np.int64)
    rank[order] = np.arange(len(names))
    codes[touched] = rank[np.searchsorted(used, codes[touched])]  # codes in label order
    rows = np.lexsort(codes.T[::-1]) if codes.shape[1] else np.arange(len(codes))
    codes, touched = codes[rows], touched[rows]
    lengths = touched.sum(axis=1)
    empty = lengths == 0  # sorted first: at most one row
    kept = ~empty
    channels = tuple(names[k] for k in order)
    kept_codes = codes[kept]
    flat = kept_codes[touched[kept]].astype(np.intp)
    offsets = np.concatenate([[0], np.cumsum(lengths[kept])]).astype(np.intp)
    return from_codes(
        channels,
        flat,
        offsets,
        _paths(np.array(channels, dtype=object), kept_codes, lengths[kept]),
        _counts(rows, empty, conversions, value, nulls),
    )


def _paths(
    names: np.ndarray, codes: np.ndarray, lengths: np.ndarray
) -> tuple[tuple[str, ...], ...]:
    """Each row's names, ``lengths`` of them, built by length (no Python loop per touch)."""
    out = np.empty(len(codes), dtype=object)
    for n in np.unique(lengths).tolist():
        rows = np.flatnonzero(lengths == n)
        block = names[codes[rows, :n]].tolist()
        out[rows] = np.fromiter(map(tuple, block), dtype=object, count=rows.size)
    return tuple(out.tolist())


def _counts(
    rows: np.ndarray, empty: np.ndarray, *numbers: Float64Array
) -> tuple[Float64Array, Float64Array, Float64Array, float, float]:
    c, v, n = (np.asarray(x, dtype=np.float64)[rows] for x in numbers)
    return c[~empty], v[~empty], n[~empty], float(c[empty].sum()), float(v[empty].sum())
