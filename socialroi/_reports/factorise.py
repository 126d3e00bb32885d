"""Factorise a dimension column into integer codes without sorting every row.

Integer columns of small non-negative codes are their own codes. Fixed-width string columns
(numpy ``U``) are looked up in a dictionary of labels: the distinct labels of a sample (rows
drawn from end to end) are sorted once, a table maps an index computed from each row's code
units to a dictionary entry (a dense index where the labels differ in few units, else hashing
in levels, see :func:`_plan`), and every row is then compared with its entry, so the codes are
exact whatever the index. Rows whose label is not in the dictionary widen it, and the pass runs
once more. Where the sample holds many labels (a million campaigns), it would see few of them:
every row is hashed once instead to find nearly all labels before the lookup
(:func:`_discover`). Anything else, or a dictionary that grows past ``_MAX_LABELS``, is sorted by
``np.unique``.
"""

from __future__ import annotations

import math

import numpy as np

from socialroi._errors import InvalidTypeError, InvalidValueError

_CHUNK = 1 << 16  # rows per step: a step's temporaries stay in the CPU caches
_SAMPLE = 1 << 16  # rows whose labels seed the dictionary
_MAX_TABLE_BITS = 22
_MAX_LABELS = 1 << 20
_MAX_LEVELS = 12
_EMPTY, _NEXT_LEVEL = -1, -2  # slot table values that are not dictionary entries
_GOLDEN = np.uint32(0x9E3779B1)  # Fibonacci hashing: the top bits of h * 2**32/phi
_MIX = np.uint64(0x9E3779B97F4A7C15)  # the same in 64 bits, to find labels (see _discover)
_MAX_DISCOVER_BITS = 25
_MANY = 1 << 13  # labels in the sample beyond which it sees too few of them to be the seed

Codes = np.ndarray
Labels = list[str] | list[int]


def factorise(name: str, values: object, size: int) -> tuple[Codes, Labels]:
    """Integer codes (``intp``, or the column itself for small integer codes) and the labels
    they index: integers for an integer column (ids keep their type), strings otherwise;
    codes of string labels follow the labels' sorted order."""
    array = np.asarray(values)
    if array.ndim != 1 or len(array) != size:
        raise InvalidValueError(
            f"dimension column {name!r} needs one label per row ({size}): shape {array.shape}"
        )
    if array.dtype.kind in ("i", "u"):
        return _integer_codes(array)
    if array.dtype.kind == "f":
        raise InvalidTypeError(
            f"dimension column {name!r} holds floats; use labels (strings) or integer codes"
        )
    if array.dtype.kind in ("O", "M", "m"):
        bad = int(sum(1 for v in array if missing_label(v)))
        if bad:
            raise InvalidValueError(
                f"dimension column {name!r} has {bad} missing label(s); fill or drop them"
            )
        if array.dtype.kind == "M":
            return _date_codes(array)
        array = array.astype(str)
    if array.dtype.kind == "U" and array.size and array.itemsize:
        found = _string_codes(np.ascontiguousarray(array))
        if found is not None:
            return found
    uniques, codes = np.unique(array, return_inverse=True)  # booleans, and all the rest
    return codes, [str(v) for v in uniques]


def missing_label(value: object) -> bool:
    """None, and labels that differ from themselves: NaN, NaT, pandas' NA (whose truth is
    undefined, so comparing it raises)."""
    if value is None:
        return True
    try:
        return bool(value != value)
    except TypeError:  # pd.NA
        return True
    except ValueError:  # an array as a label: not missing, and not a label either
        return False


def _date_codes(array: np.ndarray) -> tuple[Codes, Labels]:
    """Dates label as their day where they are midnight (period starts), as the frame path
    does; other times in full."""
    uniques, codes = np.unique(array, return_inverse=True)
    days = uniques.astype("M8[D]")
    labels = np.where(days == uniques, days.astype(str), np.datetime_as_string(uniques))
    return codes, labels.tolist()


def _integer_codes(array: np.ndarray) -> tuple[Codes, Labels]:
    if array.size:
        # one pass: seen as unsigned, a negative code is at least 2**(bits - 1), so the
        # bound stays below that
        top = int(array.view(np.dtype(f"u{array.itemsize}")).max())
        bound = 4 * array.size + 1024
        if array.dtype.kind == "i":
            bound = min(bound, 1 << (8 * array.itemsize - 1))
        if top < bound:
            # small non-negative codes are their own codes: absent ones make empty groups,
            # which the roll-up drops
            return array, list(range(top + 1))
    uniques, codes = np.unique(array, return_inverse=True)
    return codes, [int(v) for v in uniques]


class _Index:
    """Maps a block of rows (code units, shape (n, width)) to dictionary entries; entries it
    returns are candidates, checked against the rows by the caller."""

    def __init__(self, multipliers: np.ndarray, bits: int, *, dense_offset: int | None = None):
        self.positions = np.flatnonzero(multipliers)
        self.multipliers = multipliers
        self.bits = bits  # the table has 2**bits slots
        # dense: subtract the offset and mask; hashed: Fibonacci hashing, keep the top bits
        self.shift = 0 if dense_offset is not None else 32 - bits
        self.offset = np.uint32((dense_offset or 0) & 0xFFFFFFFF)

    def slots(self, units: np.ndarray) -> np.ndarray:
        # uint32 arithmetic on arrays wraps around without a warning
        if self.positions.size > 3:
            h: np.ndarray = units @ self.multipliers  # uint32: wraps like the loop
        else:
            h = np.zeros(units.shape[0], dtype=np.uint32)
            for p in self.positions:
                h += units[:, p] * self.multipliers[p]
        if self.shift:
            h *= _GOLDEN
            h >>= np.uint32(self.shift)
        else:
            h -= self.offset
            h &= np.uint32((1 << self.bits) - 1)
        return h


# an index and its slot table: slot -> dictionary entry, _EMPTY or _NEXT_LEVEL
_Level = tuple[_Index, np.ndarray]


def _plan(dictionary: np.ndarray) -> list[_Level] | None:
    """Indexes that, tried in turn, send every dictionary entry to a slot of its own.

    Where the labels differ in few code units, one dense index (a mixed-radix number over
    those units) is collision-free. Otherwise each level hashes the entries the levels
    before it could not place; a slot shared by several entries sends them, and the rows
    that land there, on to the next level."""
    k, width = dictionary.shape
    lows = dictionary.min(axis=0)
    spans = dictionary.max(axis=0) - lows + 1  # code units are below 2**21: no wrap in uint32
    varying = np.flatnonzero(spans > 1)
    if math.prod(int(spans[p]) for p in varying) <= 1 << _MAX_TABLE_BITS:
        multipliers = np.zeros(width, dtype=np.uint32)
        radix = 1
        for p in varying[::-1]:
            multipliers[p] = radix
            radix *= int(spans[p])
        offset = int(sum(int(lows[p]) * int(multipliers[p]) for p in varying))
        index = _Index(multipliers, max(radix - 1, 1).bit_length(), dense_offset=offset)
        table = np.full(1 << index.bits, np.intp(_EMPTY))
        table[index.slots(dictionary)] = np.arange(k)
        return [(index, table)]
    rng = np.random.default_rng(0)  # seeded: the same labels always give the same plan
    levels: list[_Level] = []
    left = np.arange(k)
    while left.size and len(levels) < _MAX_LEVELS:
        # level 0 gets a roomy table (under 1% of entries share a slot), later ones 4 slots
        # per entry
        extra = 7 if not levels else 2
        bits = min(max(left.size.bit_length() + extra, 4), _MAX_TABLE_BITS)
        multipliers = np.zeros(width, dtype=np.uint32)
        multipliers[varying] = rng.integers(0, 1 << 32, varying.size, dtype=np.uint32) | 1
        index = _Index(multipliers, bits)
        slots = index.slots(dictionary[left])
        shared = np.bincount(slots)[slots] > 1
        table = np.full(1 << bits, np.intp(_EMPTY))
        table[slots] = np.where(shared, _NEXT_LEVEL, left)
        levels.append((index, table))
        left = left[shared]
    return None if left.size else levels


def _string_codes(array: np.ndarray) -> tuple[Codes, Labels] | None:
    width = array.itemsize // 4
    units = array.view(np.uint32).reshape(array.size, width)
    labels = _distinct(array[:: max(array.size // _SAMPLE, 1)])  # rows from end to end
    if labels.size > _MANY and array.size > _SAMPLE:
        labels = _discover(units, array)  # many labels: a sample sees few of them
    found = _dictionary_codes(units, labels)
    if found is not None and found[1]:  # labels the sample missed widen the dictionary
        labels = _distinct(np.concatenate([labels, array[np.concatenate(found[1])]]))
        found = _dictionary_codes(units, labels) if labels.size <= _MAX_LABELS else None
    if found is None or found[1]:  # the second pass has every label in its dictionary
        return None
    return found[0], [str(v) for v in labels]


def _discover(units: np.ndarray, array: np.ndarray) -> np.ndarray:
    """The distinct labels of every row, but for a few: each row hashes its code units to a
    slot of a table, one row per slot stands for it, and labels that share a slot with
    another are missed (about one in 2**bits / labels), to be found by the lookup."""
    bits = min(max(array.size.bit_length(), 16), _MAX_DISCOVER_BITS)
    rows = np.full(1 << bits, -1, dtype=np.intp)
    shift = np.uint64(64 - bits)
    for start in range(0, array.size, _CHUNK):
        block = units[start : start + _CHUNK]
        h = np.zeros(block.shape[0], dtype=np.uint64)
        for p in range(block.shape[1]):  # uint64 arithmetic on arrays wraps, unwarned
            h += block[:, p]
            h *= _MIX
        h >>= shift
        rows[h] = np.arange(start, start + block.shape[0])
    return _distinct(array[rows[rows >= 0]])


def _distinct(array: np.ndarray) -> np.ndarray:
    """The distinct labels, sorted (np.unique hashes strings, slower than sorting them)."""
    ordered = np.sort(array)
    if ordered.size < 2:
        return ordered
    return ordered[np.concatenate(([True], ordered[1:] != ordered[:-1]))]


def _dictionary_codes(
    units: np.ndarray, labels: np.ndarray
) -> tuple[Codes, list[np.ndarray]] | None:
    """The lookup of every row in the dictionary of ``labels`` (see :func:`_lookup`), or None
    where no index separates the labels."""
    dictionary = labels.view(np.uint32).reshape(labels.size, units.shape[1])
    levels = _plan(dictionary)
    return None if levels is None else _lookup(units, dictionary, levels)


def _lookup(
    units: np.ndarray, dictionary: np.ndarray, levels: list[_Level]
) -> tuple[Codes, list[np.ndarray]]:
    """Codes of every row, and the rows (in blocks) whose label is not in the dictionary."""
    size = units.shape[0]
    codes = np.empty(size, dtype=np.intp)
    found = np.empty((min(size, _CHUNK), units.shape[1]), dtype=np.uint32)
    missing = []
    (index, table), *others = levels
    for start in range(0, size, _CHUNK):
        block = units[start : start + _CHUNK]
        code = codes[start : start + _CHUNK]
        np.take(table, index.slots(block), out=code)
        if others:  # rows in a shared slot look again in the next level's table
            rows = np.flatnonzero(code == _NEXT_LEVEL)
            for other, other_table in others:
                if not rows.size:
                    break
                code[rows] = other_table[other.slots(block[rows])]
                rows = rows[code[rows] == _NEXT_LEVEL]
        entries = found[: block.shape[0]]
        # every row is checked against the entry it found; an empty slot (-1) never matches
        np.take(dictionary, code, axis=0, out=entries)
        if not np.array_equal(entries, block):  # labels not in the dictionary
            missing.append(np.flatnonzero((entries != block).any(axis=1)) + start)
    return codes, missing
