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
    assert levels[0][0].shift  # hashed, not dense


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
    assert [labels[c] for c in np.asarray(codes).tolist()] == [str(v) for v in values]


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
    assert got == {(str(a), str(b)): v for (a, b), v in expected.items()}


def test_unsigned_codes_combine_with_signed_ones() -> None:
    data = {
        "a": np.array([0, 1, 1], dtype=np.int8),
        "b": np.array([2, 0, 2], dtype=np.uint64),
        "leads": [1.0, 2.0, 3.0],
    }
    rep = sr.rollup(data, by=("a", "b"), currency="USD")
    assert rep.keys == (("0", "2"), ("1", "0"), ("1", "2"))
    assert rep.column("leads").tolist() == [1.0, 2.0, 3.0]


@pytest.mark.parametrize("leads", [[0.0, 0.0, 0.0], [1.0, 0.0, 0.0]])
def test_groups_whose_sums_are_zero_are_kept(leads: list[float]) -> None:
    data = {"k": np.array([0, 2, 2]), "leads": leads}
    rep = sr.rollup(data, by="k", currency="USD")
    assert rep.keys == (("0",), ("2",))  # code 1 has no rows: no group


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
    assert codes is direct and labels == [str(v) for v in range(1032)]
    sparse = np.array([1032, 0], dtype=np.int64)  # not below the bound
    codes, labels = factorise("k", sparse, 2)
    assert np.asarray(codes).tolist() == [1, 0] and labels == ["0", "1032"]
    small = np.array([127, 0], dtype=np.int8)  # the largest int8 is its own code
    codes, labels = factorise("k", small, 2)
    assert codes is small and labels == [str(v) for v in range(128)]
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
    assert labels == ["-1", "0"] and np.asarray(codes)[:2].tolist() == [0, 1]
    rep = sr.rollup({"k": k, "j": j, "leads": np.ones(rows)}, by=("k", "j"), currency="USD")
    assert rep.keys == (("-1", "0"), ("0", "1"))
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
    assert index.shift == 0 and index.bits == 3
    assert index.slots(labels.view(np.uint32).reshape(3, -1)).tolist() == [1, 2, 3]
    assert table.tolist() == [-1, 0, 1, 2, -1, -1, -1, -1]


def test_a_hashed_index_uses_every_bit_of_its_table() -> None:
    rng = np.random.default_rng(4)
    units = rng.integers(0, 1 << 16, (10_000, 3)).astype(np.uint32)
    index = _factorise._Index(np.array([3, 5, 7], dtype=np.uint32), 10)
    slots = index.slots(units)
    assert index.shift == 22 and slots.max() >= 512 and slots.max() < 1024
