"""Dimension columns become exact integer codes: the dictionary lookup agrees with sorting
(np.unique) on any labels, whichever index (dense or hashed) and however the blocks fall."""

from __future__ import annotations

from unittest import mock

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import socialroi as sr
from socialroi._reports import factorise as _factorise
from socialroi._reports.factorise import factorise

LABELS = st.one_of(
    st.sampled_from(["x", "li", "fb", "camp001", "camp002", "camp010", "", "é", "x\u1234"]),
    st.text(max_size=6),  # any code points, the astral planes included
)


def assert_like_unique(array: np.ndarray) -> None:
    codes, labels = factorise("k", array, array.size)
    uniques, inverse = np.unique(array, return_inverse=True)
    assert labels == [str(u) for u in uniques]
    assert np.asarray(codes).tolist() == inverse.reshape(-1).tolist()


@settings(max_examples=200)
@given(st.lists(LABELS, min_size=1, max_size=60), st.integers(1, 8), st.integers(1, 8))
def test_codes_are_those_of_sorting(labels: list[str], sample: int, chunk: int) -> None:
    array = np.array(labels)
    # a small sample and small blocks: labels first seen late widen the dictionary
    with (
        mock.patch.object(_factorise, "_SAMPLE", sample),
        mock.patch.object(_factorise, "_CHUNK", chunk),
    ):
        assert_like_unique(array)
    assert_like_unique(array)


@settings(max_examples=200)
@given(st.lists(LABELS, min_size=1, max_size=60), st.integers(1, 8))
def test_hashed_words_give_the_codes_of_sorting(labels: list[str], chunk: int) -> None:
    """Tables of at most 2**4 slots: no dense index fits, so every column is hashed as
    64-bit words (odd widths with their last unit apart), in crowded levels."""
    array = np.array(labels)
    with (
        mock.patch.object(_factorise, "_MAX_TABLE_BITS", 4),
        mock.patch.object(_factorise, "_SAMPLE", 4),
        mock.patch.object(_factorise, "_CHUNK", chunk),
    ):
        assert_like_unique(array)


def test_many_varying_units_use_the_matrix_product_and_the_hash() -> None:
    rng = np.random.default_rng(1)
    letters = np.array(list("abcdefghijklmnopqrstuvwxyz"))
    # 4 varying letters from a 4-letter alphabet: a dense index over more than 3 units
    dense = np.array(["".join(w) for w in rng.choice(letters[:4], (2_000, 4))])
    # 8 varying letters: 26**8 possible labels, too many for a dense table, so hashed
    hashed = np.array(["".join(w) for w in rng.choice(letters, (5_000, 8))])
    for array in (dense, hashed, np.concatenate([hashed, hashed[::-1]])):
        assert_like_unique(array)
    labels = np.unique(hashed)
    levels = _factorise._plan(labels.view(np.uint32).reshape(labels.size, -1))
    assert levels is not None and len(levels) > 1  # collisions went on to later levels
    assert isinstance(levels[0][0], _factorise._Hashed)  # hashed, not dense


def test_fallbacks_sort() -> None:
    array = np.array(["b", "a", "c", "a"])
    with (
        mock.patch.object(_factorise, "_MAX_LABELS", 2),
        mock.patch.object(_factorise, "_SAMPLE", 1),
    ):
        assert_like_unique(array)  # the dictionary would grow too large
    with mock.patch.object(_factorise, "_plan", return_value=None):
        assert_like_unique(array)  # no index separates the labels


@given(st.lists(st.integers(-(2**40), 2**40), min_size=1, max_size=30))
def test_integer_keys_of_any_size(values: list[int]) -> None:
    array = np.array(values, dtype=np.int64)
    codes, labels = factorise("k", array, array.size)
    assert [labels[c] for c in np.asarray(codes).tolist()] == values  # ids stay ints


def test_combinations_beyond_the_mixed_radix_space_are_sorted() -> None:
    """Two dimensions of up to ~1,400 integer codes over 200 rows: 2M combinations is far
    more than the rows, so the present ones are found by sorting; sums match pandas."""
    rng = np.random.default_rng(2)
    data = {
        "a": rng.integers(0, 1_400, 200).astype(np.uint64),
        "b": rng.integers(0, 1_400, 200).astype(np.uint16),
        "leads": rng.integers(0, 50, 200).astype(np.float64),
    }
    rep = sr.rollup(data, by=("a", "b"), currency="USD")
    expected = pd.DataFrame(data).groupby(["a", "b"])["leads"].sum()
    got = dict(zip(rep.keys, rep.column("leads").tolist(), strict=True))
    assert got == {(int(a), int(b)): v for (a, b), v in expected.items()}


def test_unsigned_codes_combine_with_signed_ones() -> None:
    data = {
        "a": np.array([0, 1, 1], dtype=np.int8),
        "b": np.array([2, 0, 2], dtype=np.uint64),
        "leads": [1.0, 2.0, 3.0],
    }
    rep = sr.rollup(data, by=("a", "b"), currency="USD")
    assert rep.keys == ((0, 2), (1, 0), (1, 2))
    assert rep.column("leads").tolist() == [1.0, 2.0, 3.0]


@pytest.mark.parametrize("leads", [[0.0, 0.0, 0.0], [1.0, 0.0, 0.0]])
def test_groups_whose_sums_are_zero_are_kept(leads: list[float]) -> None:
    data = {"k": np.array([0, 2, 2]), "leads": leads}
    rep = sr.rollup(data, by="k", currency="USD")
    assert rep.keys == ((0,), (2,))  # code 1 has no rows: no group


def test_object_and_boolean_labels() -> None:
    assert_like_unique(np.array(["b", "a", "b"], dtype=object))
    codes, labels = factorise("k", np.array([True, False, True]), 3)
    assert labels == ["False", "True"] and np.asarray(codes).tolist() == [1, 0, 1]


def test_a_measure_must_be_one_column() -> None:
    with pytest.raises(sr.InvalidValueError, match="'leads' must be one-dimensional"):
        sr.rollup({"k": np.array([1, 2]), "leads": np.ones((2, 2))}, by="k", currency="USD")


def test_crowded_tables_take_several_levels() -> None:
    """Small tables (2**9 slots) for 300 labels: many share slots at each level, so rows
    walk several levels, and blocks whose rows all settle early skip the rest."""
    rng = np.random.default_rng(3)
    letters = np.array(list("abcdefghijklmnopqrstuvwxyz"))
    labels = np.unique(["".join(w) for w in rng.choice(letters, (300, 6))])
    array = labels[rng.integers(0, labels.size, 3_000)]
    with (
        mock.patch.object(_factorise, "_MAX_TABLE_BITS", 9),
        mock.patch.object(_factorise, "_CHUNK", 16),
    ):
        levels = _factorise._plan(labels.view(np.uint32).reshape(labels.size, -1))
        assert levels is not None and len(levels) >= 3
        assert_like_unique(array)


@pytest.mark.parametrize(
    ("period", "first"),
    [
        ("day", "2026-08-13"),
        ("week", "2026-08-10"),
        ("month", "2026-08-01"),
        ("quarter", "2026-07-01"),
        ("year", "2026-01-01"),
    ],
)
def test_period_starts(period: str, first: str) -> None:
    """2026-08-13 is a Thursday; the period start comes from dates, datetimes or text."""
    import datetime as dt

    from socialroi._reports.periods import start

    for value in (dt.date(2026, 8, 13), dt.datetime(2026, 8, 13, 17, 5), "2026-08-13T00:00"):
        assert start(value, period).isoformat() == first


def test_small_integer_codes_are_their_own_codes() -> None:
    """Codes below 4 x rows + 1024 index the labels 0..max directly (absent codes become
    empty groups); a larger code sends the column to sorting, which labels only those
    present."""
    direct = np.array([0, 1031], dtype=np.int64)  # 1031 < 4 * 2 + 1024
    codes, labels = factorise("k", direct, 2)
    assert codes is direct and isinstance(labels, np.ndarray)
    assert labels.tolist() == list(range(1032))
    sparse = np.array([1032, 0], dtype=np.int64)  # not below the bound
    codes, labels = factorise("k", sparse, 2)
    assert np.asarray(codes).tolist() == [1, 0] and labels == [0, 1032]
    small = np.array([127, 0], dtype=np.int8)  # the largest int8 is its own code
    codes, labels = factorise("k", small, 2)
    assert codes is small and np.asarray(labels).tolist() == list(range(128))
    unsigned = np.array([255, 0], dtype=np.uint8)
    codes, labels = factorise("k", unsigned, 2)
    assert codes is unsigned and len(labels) == 256


@pytest.mark.parametrize("dtype", [np.int8, np.int16])
def test_negative_codes_of_narrow_integers_are_sorted(dtype: type) -> None:
    """Seen as unsigned, int8 -1 is 255 and int16 -1 is 65535: below the bound of small
    codes once there are enough rows, they became negative codes (a numpy ValueError, or
    with a second dimension a silently wrong group)."""
    rows = 20_000  # 4 x rows + 1024 > 65535
    k: np.ndarray = np.zeros(rows, dtype=dtype)
    k[::2] = -1
    j = np.tile(np.array([0, 1], dtype=np.int8), rows // 2)
    codes, labels = factorise("k", k, rows)
    assert labels == [-1, 0] and np.asarray(codes)[:2].tolist() == [0, 1]
    rep = sr.rollup({"k": k, "j": j, "leads": np.ones(rows)}, by=("k", "j"), currency="USD")
    assert rep.keys == ((-1, 0), (0, 1))
    assert rep.column("leads").tolist() == [rows / 2, rows / 2]


def test_dates_label_as_days_at_midnight() -> None:
    array = np.array(["2026-01-06", "2026-01-05T10:30", "2026-01-06"], dtype="M8[ns]")
    codes, labels = factorise("k", array, 3)
    assert np.asarray(codes).tolist() == [1, 0, 1]
    assert labels == ["2026-01-05T10:30:00.000000000", "2026-01-06"]


def test_a_dense_index_numbers_labels_by_their_differing_units() -> None:
    """camp001, camp002, camp010 differ in characters 5 ('0'-'1', 2 values) and 6 ('0'-'2',
    3 values): the dense index is 3 x (unit 5 - '0') + (unit 6 - '0'), in a table of 8."""
    labels = np.array(["camp001", "camp002", "camp010"])
    levels = _factorise._plan(labels.view(np.uint32).reshape(labels.size, -1))
    assert levels is not None and len(levels) == 1
    index, table = levels[0]
    assert isinstance(index, _factorise._Dense) and index.bits == 3
    assert index.multipliers.tolist() == [0, 0, 0, 0, 0, 3, 1]  # only the differing units
    assert index.positions.tolist() == [5, 6]
    assert index.slots(labels.view(np.uint32).reshape(3, -1)).tolist() == [1, 2, 3]
    assert table.tolist() == [-1, 0, 1, 2, -1, -1, -1, -1]


def test_a_hashed_index_uses_every_bit_of_its_table() -> None:
    rng = np.random.default_rng(4)
    units = rng.integers(0, 1 << 16, (10_000, 3)).astype(np.uint32)
    index = _factorise._Hashed(np.arange(3), 3, 2, 10, np.random.default_rng(0))
    slots = index.slots(units)
    assert index.shift == 64 - 10 and slots.dtype == np.intp
    assert slots.min() >= 0 and slots.max() >= 512 and slots.max() < 1024


# -- the parts of the dictionary path, each checked on its own (issue 12: the fallback to
# sorting keeps the codes right even where a part is wrong, so only these tests see it) -------


def _units(labels: np.ndarray) -> np.ndarray:
    return labels.view(np.uint32).reshape(labels.size, -1)


def _crowded_labels() -> np.ndarray:
    rng = np.random.default_rng(3)
    letters = np.array(list("abcdefghijklmnopqrstuvwxyz"))
    return np.unique(["".join(w) for w in rng.choice(letters, (300, 6))])


def test_the_lookup_finds_every_row_through_every_level() -> None:
    """300 labels in tables of 2**9 slots take several levels; in blocks of 7 rows, every
    row gets its own dictionary entry and none is reported missing."""
    labels = _crowded_labels()
    with mock.patch.object(_factorise, "_MAX_TABLE_BITS", 9):
        levels = _factorise._plan(_units(labels))
    assert levels is not None and len(levels) >= 3
    rows = np.random.default_rng(5).integers(0, labels.size, 60)
    index, table = levels[0]
    assert (table[index.slots(_units(labels)[rows])] == _factorise._NEXT_LEVEL).sum() >= 5
    with mock.patch.object(_factorise, "_CHUNK", 7):
        found = _factorise._lookup(_units(labels)[rows], _units(labels), levels)
        assert found is not None
        codes, missing = found
    assert codes.tolist() == rows.tolist()
    assert missing == []


def test_the_lookup_reports_exactly_the_rows_whose_label_is_not_in_the_dictionary() -> None:
    """A dictionary of every other label: the rows of the others are reported, once each,
    block by block (blocks of 7 rows), and the rows of known labels get their entry."""
    labels = _crowded_labels()
    known = np.ascontiguousarray(labels[::2])
    with mock.patch.object(_factorise, "_MAX_TABLE_BITS", 8):
        levels = _factorise._plan(_units(known))
    assert levels is not None and len(levels) >= 2
    rows = np.random.default_rng(6).integers(0, labels.size, 60)
    with mock.patch.object(_factorise, "_CHUNK", 7):
        found = _factorise._lookup(_units(labels)[rows], _units(known), levels)
        assert found is not None
        codes, missing = found
    unknown = np.flatnonzero(rows % 2 == 1)
    assert unknown.size >= 10
    assert np.concatenate(missing).tolist() == unknown.tolist()
    assert [m.tolist() for m in missing] == [
        b.tolist() for b in np.split(unknown, np.flatnonzero(np.diff(unknown // 7)) + 1)
    ]
    found = rows % 2 == 0
    assert codes[found].tolist() == (rows[found] // 2).tolist()


def test_a_column_smaller_than_the_sample_is_looked_up_in_one_pass() -> None:
    """Below _SAMPLE rows, the sample is every row: one plan, the labels of every row, even
    those seen once at odd positions."""
    array = np.array(["a", "b", "a", "c", "a", "d"])
    with mock.patch.object(_factorise, "_plan", wraps=_factorise._plan) as plan:
        found = _factorise._string_codes(array)
    assert plan.call_count == 1
    assert found is not None
    codes, labels = found
    assert labels == ["a", "b", "c", "d"] and codes.tolist() == [0, 1, 0, 2, 0, 3]


def test_labels_the_sample_missed_widen_the_dictionary_without_a_second_pass() -> None:
    """A sample of one row ('b'): the other labels are found missing and join the
    dictionary; one plan and one lookup of every row, no fallback to sorting."""
    array = np.array(["b", "a", "c", "a", "b", "d"])
    with (
        mock.patch.object(_factorise, "_SAMPLE", 1),
        mock.patch.object(_factorise, "_plan", wraps=_factorise._plan) as plan,
        mock.patch.object(_factorise, "_lookup", wraps=_factorise._lookup) as lookup,
    ):
        found = _factorise._string_codes(array)
    assert plan.call_count == 1 and lookup.call_count == 1
    assert found is not None
    codes, labels = found
    assert labels == ["a", "b", "c", "d"] and codes.tolist() == [1, 0, 2, 0, 1, 3]


def test_widening_interleaves_the_new_labels_in_sorted_order() -> None:
    """Known labels b, d, f (codes 0-2) and rows of a, e, g, a not found: the dictionary
    becomes a, b, d, e, f, g; found rows move to their label's new code, the others take
    theirs."""
    array = np.array(["d", "a", "b", "e", "f", "g", "a", "d"])
    labels = np.array(["b", "d", "f"])
    codes = np.array([1, -1, 0, -1, 2, -1, -1, 1])
    rows = np.array([1, 3, 5, 6])
    widened = _factorise._widen(codes, labels, array, rows)
    assert widened is not None
    new_codes, merged = widened
    assert merged.tolist() == ["a", "b", "d", "e", "f", "g"] and merged.dtype == array.dtype
    assert new_codes.tolist() == [2, 0, 1, 3, 4, 5, 0, 2]
    with mock.patch.object(_factorise, "_MAX_LABELS", 6):
        assert _factorise._widen(codes, labels, array, rows) is not None
    with mock.patch.object(_factorise, "_MAX_LABELS", 5):
        assert _factorise._widen(codes, labels, array, rows) is None


@given(st.lists(st.sampled_from(["", "a", "ab", "b", "ba", "zz", "é"]), max_size=40))
def test_distinct_inverse_is_np_unique(values: list[str]) -> None:
    array = np.array(values, dtype="U2")
    distinct, inverse = _factorise._distinct_inverse(array)
    uniques, expected = np.unique(array, return_inverse=True)
    assert distinct.tolist() == uniques.tolist()
    assert inverse.tolist() == expected.ravel().tolist()


def test_a_dictionary_of_exactly_the_largest_size_is_kept() -> None:
    """_MAX_LABELS labels are allowed; one more sends the column to sorting."""
    array = np.array(["b", "a", "c", "a"])
    with mock.patch.object(_factorise, "_SAMPLE", 1):
        with mock.patch.object(_factorise, "_MAX_LABELS", 3):
            found = _factorise._string_codes(array)
        assert found is not None and found[1] == ["a", "b", "c"]
        with mock.patch.object(_factorise, "_MAX_LABELS", 2):
            assert _factorise._string_codes(array) is None


def test_missing_labels() -> None:
    """None, NaN, NaT and pandas' NA are missing; an array as a label is not (it cannot be
    compared to itself as one truth value); ordinary labels are not."""
    for value in (None, float("nan"), np.datetime64("NaT"), pd.NA, pd.NaT):
        assert _factorise.missing_label(value) is True
    for value in ("a", "", 0, np.array([1, 2]), np.datetime64("2026-01-01")):
        assert _factorise.missing_label(value) is False
    with pytest.raises(sr.InvalidValueError, match="dimension column 'k' has 1 missing label"):
        factorise("k", np.array(["a", pd.NA, "b"], dtype=object), 3)


def test_a_dense_table_has_at_most_2_to_the_22_slots() -> None:
    """Labels whose differing units span 2048 x 2048 values fill a dense table of exactly
    2**22 slots; one value more in a unit and the labels are hashed instead."""
    base = 0x4E00
    edge = np.array([chr(base) * 2, chr(base + 2047) * 2])
    levels = _factorise._plan(_units(edge))
    assert levels is not None and len(levels) == 1
    assert isinstance(levels[0][0], _factorise._Dense) and levels[0][0].bits == 22
    assert levels[0][0].slots(_units(edge)).tolist() == [0, (1 << 22) - 1]
    wider = np.array([chr(base) * 2, chr(base + 2048) + chr(base + 2047)])
    levels = _factorise._plan(_units(wider))
    assert levels is not None and len(levels) == 1
    index = levels[0][0]  # hashed: 2 labels, 2**9 slots
    assert isinstance(index, _factorise._Hashed) and index.bits == 9 and index.shift == 64 - 9


def test_two_labels_one_unit_apart_take_a_table_of_two_slots() -> None:
    labels = np.array(["a", "b"])
    levels = _factorise._plan(_units(labels))
    assert levels is not None and len(levels) == 1
    index, table = levels[0]
    assert isinstance(index, _factorise._Dense) and index.bits == 1 and table.tolist() == [0, 1]


def _levels_of(labels: np.ndarray) -> list[tuple[int, int]]:
    """(table bits, entries left to place) of each level of the plan of ``labels``."""
    levels = _factorise._plan(_units(labels))
    assert levels is not None
    left, out = labels.size, []
    for index, table in levels:
        out.append((index.bits, left))
        left -= int((table >= 0).sum())
    assert left == 0
    return out


def test_hash_levels_size_their_tables_by_the_entries_left() -> None:
    """Level 0 gets 2**7 slots per entry (rounded up to a power of two), later levels 2**2,
    and never fewer than 16 slots. 3,000 six-letter labels: 19 bits for 3,000 entries, then
    6 bits for the 8 that shared a slot, then 4 (the least) for the last 2."""
    rng = np.random.default_rng(5)
    letters = np.array(list("abcdefghijklmnopqrstuvwxyz"))
    labels = np.unique(["".join(w) for w in rng.choice(letters, (3_000, 6))])
    levels = _levels_of(labels)
    assert levels == [(19, labels.size), (6, 8), (4, 2)]
    for bits, left in levels:
        extra = 7 if left == labels.size else 2
        assert bits == max(left.bit_length() + extra, 4)


def test_hash_levels_stop_at_the_largest_number() -> None:
    """Crowded tables (2**9 slots) place 300 labels in 4 levels: with _MAX_LEVELS = 3 no plan
    separates them (the column is sorted instead); with 4, the plan has 4 levels."""
    labels = _crowded_labels()
    with mock.patch.object(_factorise, "_MAX_TABLE_BITS", 9):
        assert len(_levels_of(labels)) == 4
        with mock.patch.object(_factorise, "_MAX_LEVELS", 3):
            assert _factorise._plan(_units(labels)) is None
        with mock.patch.object(_factorise, "_MAX_LEVELS", 4):
            assert len(_levels_of(labels)) == 4


def test_hash_multipliers_are_odd_on_the_words_that_vary_and_the_same_every_time() -> None:
    """Odd multipliers (invertible modulo 2**64) on the 64-bit words from the first to the
    last holding a varying unit, and on the odd tail unit where it varies; seeded, so the
    same labels always give the same plan. "id-" + 6 letters: units 3 to 8 vary, so words 1
    to 3 (units 2 to 7) and the tail (unit 8); word 0 ("id") is left out."""
    rng = np.random.default_rng(7)
    words = ["".join(w) for w in rng.choice(list("abcdefghijklmnopqrstuvwxyz"), (400, 6))]
    labels = np.unique(np.char.add("id-", words))
    first, second = _factorise._plan(_units(labels)), _factorise._plan(_units(labels))
    assert first is not None and second is not None and len(first) == len(second)
    for (a, table_a), (b, table_b) in zip(first, second, strict=True):
        assert isinstance(a, _factorise._Hashed) and isinstance(b, _factorise._Hashed)
        assert (a.low, a.high) == (1, 4) and a.multipliers.size == 3
        assert (a.multipliers % 2 == 1).all() and a.tail % 2 == 1
        assert a.multipliers.tolist() == b.multipliers.tolist() and a.tail == b.tail
        assert table_a.tolist() == table_b.tolist()


def test_a_dense_index_starts_at_slot_zero() -> None:
    """The dense index subtracts the lowest value of each differing unit: '' (unit 0), 'a'
    (97) and 'b' (98) take slots 0, 97 and 98 of a table of 2**7."""
    labels = np.array(["", "b", "a"])
    levels = _factorise._plan(_units(labels))
    assert levels is not None and len(levels) == 1
    index, table = levels[0]
    assert isinstance(index, _factorise._Dense) and index.bits == 7 and table.size == 128
    assert index.slots(_units(labels)).tolist() == [0, 98, 97]


def test_hash_tables_have_2_to_the_bits_slots() -> None:
    rng = np.random.default_rng(5)
    letters = np.array(list("abcdefghijklmnopqrstuvwxyz"))
    labels = np.unique(["".join(w) for w in rng.choice(letters, (3_000, 6))])
    levels = _factorise._plan(_units(labels))
    assert levels is not None
    assert [table.size for _, table in levels] == [1 << index.bits for index, _ in levels]


def test_a_column_of_the_wrong_shape_is_named() -> None:
    message = r"dimension column 'k' needs one label per row \(3\): shape \(2,\)"
    with pytest.raises(sr.InvalidValueError, match=message):
        factorise("k", np.array(["a", "b"]), 3)
    with pytest.raises(sr.InvalidValueError, match=r"'k' needs one label per row \(2\): shape"):
        factorise("k", np.array([["a", "b"], ["c", "d"]]), 2)


@pytest.mark.parametrize(
    "array",
    [
        np.array(["a", None], dtype=object),
        np.array(["2026-01-01", "NaT"], dtype="M8[D]"),
        np.array([1, "NaT"], dtype="m8[s]"),
    ],
)
def test_missing_labels_of_objects_dates_and_durations_are_named(array: np.ndarray) -> None:
    with pytest.raises(sr.InvalidValueError, match="dimension column 'k' has 1 missing label"):
        factorise("k", array, 2)


def test_text_labels_take_the_dictionary_path() -> None:
    """Text (numpy or Python strings) is looked up in a dictionary, not sorted row by row."""
    for array in (np.array(["b", "a", "b"]), np.array(["b", "a", "b"], dtype=object)):
        with mock.patch.object(
            _factorise, "_string_codes", wraps=_factorise._string_codes
        ) as string_codes:
            codes, labels = factorise("k", array, 3)
        assert string_codes.call_count == 1
        assert labels == ["a", "b"] and np.asarray(codes).tolist() == [1, 0, 1]


@settings(max_examples=100)
@given(
    st.lists(LABELS, min_size=1, max_size=80),
    st.integers(0, 6),
    st.integers(1, 8),
    st.integers(1, 8),
)
def test_many_labels_are_discovered_by_hashing_every_row(
    labels: list[str], many: int, bits: int, sample: int
) -> None:
    """Where the sample holds more than _MANY labels, every row is hashed to find them; a
    tiny table (2**bits slots) makes labels share slots, and the lookup finds those it
    missed: the codes are still exactly those of sorting."""
    array = np.array(labels * 3)
    with (
        mock.patch.object(_factorise, "_SAMPLE", sample),
        mock.patch.object(_factorise, "_MANY", many),
        mock.patch.object(_factorise, "_MAX_DISCOVER_BITS", bits),
        mock.patch.object(_factorise, "_CHUNK", 7),
        mock.patch.object(_factorise, "_discover", wraps=_factorise._discover) as discover,
    ):
        assert_like_unique(array)
    seen = len(set(array[:: max(array.size // sample, 1)].tolist()))
    assert discover.called == (seen > many and array.size > sample)


def test_discovery_finds_every_label_where_none_share_a_slot() -> None:
    """With a roomy table the hashing alone finds the labels: one lookup, no second pass."""
    array = np.array([f"campaign-{i % 5_000:05d}" for i in range(12_000)])
    with (
        mock.patch.object(_factorise, "_SAMPLE", 1_000),
        mock.patch.object(_factorise, "_MANY", 100),
        mock.patch.object(_factorise, "_plan", wraps=_factorise._plan) as plan,
    ):
        found = _factorise._string_codes(array)
        assert set(
            _factorise._discover(array.view(np.uint32).reshape(array.size, -1), array).tolist()
        ) == set(array.tolist())
    assert found is not None and plan.call_count == 1
    assert found[1] == sorted(set(array.tolist()))
    assert found[0].tolist() == [i % 5_000 for i in range(12_000)]


def test_distinct_labels_are_sorted_and_unique() -> None:
    assert _factorise._distinct(np.array(["b", "a", "b", "c", "a"])).tolist() == ["a", "b", "c"]
    assert _factorise._distinct(np.array(["z"])).tolist() == ["z"]
    assert _factorise._distinct(np.array([], dtype=str)).tolist() == []


def test_latin_1_labels_are_read_as_bytes_and_others_as_code_units() -> None:
    """Labels of 8 characters or more, every character below 256, are read one byte per
    character (rows padded to whole words); a dictionary beyond Latin-1, or labels shorter
    than 8, keep the code units; a row beyond Latin-1 the sample did not see stops the
    lookup of bytes, which starts again on code units. The codes are those of sorting."""
    latin = np.array(["campaign-é-001", "campaign-é-002", "campaign-ÿ-010"] * 3)
    wide = latin.copy()
    wide[7] = "campaign-\u0100-002"  # one row beyond Latin-1, late in the column
    short = np.array(["camp-01", "camp-02"] * 2)
    eight = np.array(["camp-é01", "camp-é02"] * 2)  # exactly 8: bytes
    seen: list[object] = []
    real = _factorise._lookup

    def spy(units: np.ndarray, dictionary: np.ndarray, levels: list[object]) -> object:
        seen.append(dictionary.dtype)
        if dictionary.dtype == np.uint8:  # 14 bytes and 2 of padding, or 8 and none
            width = units.shape[1]
            assert dictionary.shape[1] == {14: 16, 8: 8}[width]
            assert not dictionary[:, width:].any()
        return real(units, dictionary, levels)  # type: ignore[arg-type]

    with mock.patch.object(_factorise, "_lookup", spy):
        for array in (latin, wide, short, eight):
            assert_like_unique(array)
        assert seen == [np.uint8, np.uint32, np.uint32, np.uint8]
        seen.clear()
        with (
            mock.patch.object(_factorise, "_SAMPLE", 2),
            mock.patch.object(_factorise, "_CHUNK", 4),
        ):
            assert_like_unique(wide)  # the sample: rows 0, 4, 8; row 7 stops the bytes
        assert seen == [np.uint8, np.uint32]
    assert _factorise._units(latin[:1], narrow=True).tolist()[0][:10] == list(b"campaign-\xe9")


@settings(max_examples=200)
@given(
    st.lists(
        st.text(alphabet=st.characters(max_codepoint=300), min_size=0, max_size=12),
        min_size=1,
        max_size=40,
    ),
    st.integers(1, 8),
)
def test_long_labels_in_or_beyond_latin_1_give_the_codes_of_sorting(
    labels: list[str], sample: int
) -> None:
    """Up to 12 characters from code points 0 to 300: read as bytes where every character
    is below 256 and the labels are wide enough, else as code units; small samples widen."""
    array = np.array(labels)
    with mock.patch.object(_factorise, "_SAMPLE", sample):
        assert_like_unique(array)
    assert_like_unique(array)
