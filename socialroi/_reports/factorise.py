"""Factorise a dimension column into integer codes without sorting every row.

Integer columns of small non-negative codes are their own codes. Fixed-width string columns
(numpy ``U``) are looked up in a dictionary of labels: the distinct labels of a sample (rows
drawn from end to end) are sorted once, a table maps an index computed from each row's code
units to a dictionary entry (a dense index where the labels differ in few units, else hashing
of 64-bit words in levels, see :func:`_plan`), and every row is then compared with its entry,
word by word, so the codes are exact whatever the index. Labels of ``_NARROW`` characters or
more, all of them in Latin-1 (every row checked), are read as one byte per character, a
quarter of the words (:func:`_units`). Rows whose label is not in the
dictionary widen it (:func:`_widen`, without a second pass over every row). Where the sample
holds many labels (a million campaigns), it would see few of them: every row is hashed once
instead to find nearly all labels before the lookup (:func:`_discover`). Anything else, or a
dictionary that grows past ``_MAX_LABELS``, is sorted by ``np.unique``.
"""

from __future__ import annotations

import functools
import math

import numpy as np

from socialroi._errors import InvalidTypeError, InvalidValueError
from socialroi._reports import parallel

_CHUNK = 1 << 15  # rows per step: a step's temporaries stay in the CPU caches
_SAMPLE = 1 << 16  # rows whose labels seed the dictionary
_MAX_TABLE_BITS = 22
_MAX_LABELS = 1 << 20
_MAX_LEVELS = 12
_EMPTY, _NEXT_LEVEL = -1, -2  # slot table values that are not dictionary entries
_MAX_DISCOVER_BITS = 25
_MANY = 1 << 13  # labels in the sample beyond which it sees too few of them to be the seed
_NARROW = 8  # labels this wide or wider, all in Latin-1, are read as one byte per character

Codes = np.ndarray
Labels = list[str] | list[int] | np.ndarray  # the array: small integer codes, 0 to n - 1


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
            # which the roll-up drops; labels as an array (a million ints made when read)
            return array, np.arange(top + 1)
    uniques, codes = np.unique(array, return_inverse=True)
    return codes, [int(v) for v in uniques]


def _units(strings: np.ndarray, *, narrow: bool) -> np.ndarray:
    """Rows of code units (uint32, a view of the strings), or where ``narrow`` one byte per
    unit, zero-padded to whole 64-bit words (a copy a quarter the size). Only for units
    below 256 (the caller checks): a unit and its byte are then the same number, so rows of
    bytes are equal exactly where their strings are."""
    units = strings.view(np.uint32).reshape(strings.size, strings.itemsize // 4)
    if not narrow:
        return units
    out = np.zeros((units.shape[0], -(-units.shape[1] // 8) * 8), dtype=np.uint8)
    out[:, : units.shape[1]] = units
    return out


def _per_word(units: np.ndarray) -> int:
    return 8 // units.itemsize  # code units (4 bytes) or bytes in a 64-bit word


def _words(units: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Rows of code units or bytes as 64-bit words (a view, unaligned where a row of code
    units has an odd width), and the rest: the last code unit of rows of odd width, else no
    column (rows of bytes are padded to whole words). Fewer elements to hash and compare."""
    whole = units.shape[1] - units.shape[1] % _per_word(units)
    return units[:, :whole].view(np.uint64), units[:, whole:]


class _Dense:
    """A mixed-radix number over the code units where the labels differ: collision-free."""

    def __init__(self, multipliers: np.ndarray, bits: int, offset: int):
        self.positions = np.flatnonzero(multipliers)
        self.multipliers = multipliers
        self.bits = bits  # the table has 2**bits slots
        self.offset = np.uint32(offset & 0xFFFFFFFF)

    def slots(self, units: np.ndarray) -> np.ndarray:
        # uint32 arithmetic on arrays wraps around without a warning
        if self.positions.size > 3:
            h: np.ndarray = units @ self.multipliers  # uint32: wraps like the loop
        else:
            h = np.zeros(units.shape[0], dtype=np.uint32)
            for p in self.positions:
                h += units[:, p] * self.multipliers[p]
        h -= self.offset
        h &= np.uint32((1 << self.bits) - 1)
        return h


class _Hashed:
    """Multilinear hashing of the 64-bit words that hold varying units (odd multipliers, sum
    modulo 2**64), keeping the top ``bits`` bits: one matrix product per block of rows."""

    def __init__(
        self, varying: np.ndarray, width: int, per_word: int, bits: int, rng: np.random.Generator
    ):
        self.bits = bits
        self.shift = np.uint64(64 - bits)
        even = varying[varying < width - width % per_word]
        # words from the first to the last holding a varying unit; the odd tail on its own
        self.low, self.high = (
            (int(even[0]) // per_word, int(even[-1]) // per_word + 1) if even.size else (0, 0)
        )
        self.multipliers = rng.integers(0, 1 << 64, self.high - self.low, dtype=np.uint64) | 1
        self.tail = np.uint64(0)
        if varying.size > even.size:
            self.tail = rng.integers(0, 1 << 64, dtype=np.uint64) | np.uint64(1)

    def slots(self, units: np.ndarray) -> np.ndarray:
        # uint64 arithmetic on arrays wraps around without a warning
        words, tail = _words(units)
        if self.high > self.low:
            h: np.ndarray = words[:, self.low : self.high] @ self.multipliers
        else:
            h = np.zeros(units.shape[0], dtype=np.uint64)
        if self.tail:  # a varying last unit of odd-width rows
            h += tail[:, 0] * self.tail
        h >>= self.shift
        return h.view(np.intp)  # below 2**bits: the same numbers, and take reads intp fastest


_Index = _Dense | _Hashed
# an index and its slot table: slot -> dictionary entry, _EMPTY or _NEXT_LEVEL
_Level = tuple[_Index, np.ndarray]


def _plan(dictionary: np.ndarray) -> list[_Level] | None:
    """Indexes that, tried in turn, send every dictionary entry to a slot of its own.

    Where the labels differ in few code units, one dense index (a mixed-radix number over
    those units) is collision-free. Otherwise each level hashes the entries the levels
    before it could not place; a slot shared by several entries sends them, and the rows
    that land there, on to the next level."""
    k, width = dictionary.shape
    lows = dictionary.min(axis=0).astype(np.int64)
    spans = dictionary.max(axis=0) - lows + 1  # in int64: no wrap of bytes or code units
    varying = np.flatnonzero(spans > 1)
    if math.prod(int(spans[p]) for p in varying) <= 1 << _MAX_TABLE_BITS:
        multipliers = np.zeros(width, dtype=np.uint32)
        radix = 1
        for p in varying[::-1]:
            multipliers[p] = radix
            radix *= int(spans[p])
        offset = int(sum(int(lows[p]) * int(multipliers[p]) for p in varying))
        dense = _Dense(multipliers, max(radix - 1, 1).bit_length(), offset)
        table = np.full(1 << dense.bits, np.intp(_EMPTY))
        table[dense.slots(dictionary)] = np.arange(k)
        return [(dense, table)]
    rng = np.random.default_rng(0)  # seeded: the same labels always give the same plan
    levels: list[_Level] = []
    left = np.arange(k)
    while left.size and len(levels) < _MAX_LEVELS:
        # level 0 gets a roomy table (under 1% of entries share a slot), later ones 4 slots
        # per entry
        extra = 7 if not levels else 2
        bits = min(max(left.size.bit_length() + extra, 4), _MAX_TABLE_BITS)
        index = _Hashed(varying, width, _per_word(dictionary), bits, rng)
        slots = index.slots(dictionary[left])
        shared = np.bincount(slots)[slots] > 1
        table = np.full(1 << bits, np.intp(_EMPTY))
        table[slots] = np.where(shared, _NEXT_LEVEL, left)
        levels.append((index, table))
        left = left[shared]
    return None if left.size else levels


def _string_codes(array: np.ndarray) -> tuple[Codes, Labels] | None:
    units = _units(array, narrow=False)
    labels = _distinct(array[:: max(array.size // _SAMPLE, 1)])  # rows from end to end
    if labels.size > _MANY and array.size > _SAMPLE:
        labels = _discover(units, array)  # many labels: a sample sees few of them
    # wide labels all in Latin-1 are read as bytes; the lookup checks every row is too
    narrow = units.shape[1] >= _NARROW and int(_units(labels, narrow=False).max()) < 256
    found = _dictionary_codes(units, labels, narrow=narrow)
    if found is None and narrow:  # a row beyond Latin-1 (or no plan): code units instead
        found = _dictionary_codes(units, labels, narrow=False)
    if found is None:
        return None
    codes, missing = found
    if missing:  # labels the sample missed widen the dictionary
        widened = _widen(codes, labels, array, np.concatenate(missing))
        if widened is None:
            return None
        codes, labels = widened
    return codes, labels.tolist()  # plain str, made once


def _widen(
    codes: Codes, labels: np.ndarray, array: np.ndarray, rows: np.ndarray
) -> tuple[Codes, np.ndarray] | None:
    """Codes and labels once the labels of ``rows`` (rows the lookup did not find, so none of
    them is in ``labels``) join the dictionary, in sorted order: the rows found move to their
    label's new place, the others are numbered among their own distinct labels; no second
    pass over every row. None where the dictionary would grow past ``_MAX_LABELS``."""
    extra, inverse = _distinct_inverse(array[rows])
    if labels.size + extra.size > _MAX_LABELS:
        return None
    # the two sets are disjoint: each label's place is its rank in its own set plus the
    # number of labels of the other set before it
    old = np.arange(labels.size) + np.searchsorted(extra, labels)
    new = np.arange(extra.size) + np.searchsorted(labels, extra)
    merged = np.empty(labels.size + extra.size, dtype=array.dtype)
    merged[old] = labels
    merged[new] = extra
    codes = old[codes]
    codes[rows] = new[inverse]
    return codes, merged


def _distinct_inverse(array: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct labels, sorted, and each row's place among them."""
    order = np.argsort(array)  # equal labels take one number whatever their order
    ordered = array[order]
    first = np.ones(array.size, dtype=bool)
    first[1:] = ordered[1:] != ordered[:-1]
    inverse = np.empty(array.size, dtype=np.intp)
    inverse[order] = np.cumsum(first) - 1
    return ordered[first], inverse


def _discover(units: np.ndarray, array: np.ndarray) -> np.ndarray:
    """The distinct labels of every row, but for a few: each row hashes its code units to a
    slot of a table, one row per slot stands for it, and labels that share a slot with
    another are missed (about one in 2**bits / labels), to be found by the lookup."""
    bits = min(max(array.size.bit_length(), 16), _MAX_DISCOVER_BITS)
    rows = np.full(1 << bits, -1, dtype=np.intp)
    width = units.shape[1]
    index = _Hashed(np.arange(width), width, _per_word(units), bits, np.random.default_rng(0))
    for start in range(0, array.size, _CHUNK):
        block = units[start : start + _CHUNK]
        rows[index.slots(block)] = np.arange(start, start + block.shape[0])
    return _distinct(array[rows[rows >= 0]])


def _distinct(array: np.ndarray) -> np.ndarray:
    """The distinct labels, sorted (np.unique hashes strings, slower than sorting them)."""
    ordered = np.sort(array)
    if ordered.size < 2:
        return ordered
    return ordered[np.concatenate(([True], ordered[1:] != ordered[:-1]))]


def _dictionary_codes(
    units: np.ndarray, labels: np.ndarray, *, narrow: bool
) -> tuple[Codes, list[np.ndarray]] | None:
    """The lookup of every row in the dictionary of ``labels`` (see :func:`_lookup`), read
    as bytes where ``narrow``; None where no index separates the labels, or a row is not in
    Latin-1 to be read as bytes."""
    dictionary = _units(labels, narrow=narrow)
    levels = _plan(dictionary)
    return None if levels is None else _lookup(units, dictionary, levels)


def _lookup(
    units: np.ndarray, dictionary: np.ndarray, levels: list[_Level]
) -> tuple[Codes, list[np.ndarray]] | None:
    """Codes of every row, and the rows (in blocks) whose label is not in the dictionary:
    parts of the rows looked up on threads of their own (:mod:`.parallel`), each writing
    its own slice of the codes. None where a part is (see :func:`_lookup_part`)."""
    size = units.shape[0]
    codes = np.empty(size, dtype=np.intp)
    rows = parallel.parts(size, _CHUNK, parallel.workers(size))
    found = parallel.run(
        [functools.partial(_lookup_part, units[p], dictionary, levels, codes[p]) for p in rows]
    )
    if any(missing is None for missing in found):
        return None
    return codes, [m + p.start for p, part in zip(rows, found, strict=True) for m in part or ()]


def _lookup_part(
    units: np.ndarray, dictionary: np.ndarray, levels: list[_Level], codes: np.ndarray
) -> list[np.ndarray] | None:
    """Codes of the rows ``units`` (written to ``codes``), and the rows (in blocks) whose
    label is not in the dictionary. A dictionary of bytes has each block of rows read as
    bytes too, once every unit of the block is found below 256 (else None)."""
    size = units.shape[0]
    width = units.shape[1]
    narrow = dictionary.dtype == np.uint8
    if narrow:  # padded to whole words once; each block overwrites the characters only
        as_bytes = np.zeros((min(size, _CHUNK), dictionary.shape[1]), dtype=np.uint8)
    entries = [p for p in _words(dictionary) if p.size]
    # a block's entries and their comparison with its rows, in buffers made once
    found = [np.empty((min(size, _CHUNK), p.shape[1]), dtype=p.dtype) for p in entries]
    same = [np.empty((min(size, _CHUNK), p.shape[1]), dtype=bool) for p in entries]
    missing = []
    (index, table), *others = levels
    for start in range(0, size, _CHUNK):
        block = units[start : start + _CHUNK]
        if narrow:
            if block.max() >= 256:
                return None
            np.copyto(as_bytes[: block.shape[0], :width], block)  # the same numbers
            block = as_bytes[: block.shape[0]]
        code = codes[start : start + _CHUNK]
        np.take(table, index.slots(block), out=code)
        if others:  # rows in a shared slot look again in the next level's table
            rows = np.flatnonzero(code == _NEXT_LEVEL)
            for other, other_table in others:
                if not rows.size:
                    break
                code[rows] = other_table[other.slots(block[rows])]
                rows = rows[code[rows] == _NEXT_LEVEL]
        # every row is checked against the entry it found, word by word; an empty slot (-1)
        # never matches
        n = block.shape[0]
        parts = [p for p in _words(block) if p.size]
        for part, entry, out, equal in zip(parts, entries, found, same, strict=True):
            np.take(entry, code, axis=0, out=out[:n])
            np.equal(out[:n], part, out=equal[:n])
            if not equal[:n].all():  # labels not in the dictionary
                missing.append(np.flatnonzero(~equal[:n].all(axis=1)) + start)
    return missing
