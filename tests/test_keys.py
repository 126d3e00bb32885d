"""A roll-up's keys held as columns behave as the tuple of label tuples they stand for, and
a roll-up of many groups gives the keys and sums of a plain group-by."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import socialroi as sr
from socialroi._reports.keys import KeyColumns


def keys() -> KeyColumns:
    labels = [np.array(["a", "b"], dtype=object), np.array(["x", "y", "z"], dtype=object)]
    return KeyColumns(labels, [np.array([0, 0, 1]), np.array([1, 2, 0])], 3)


EXPECTED = (("a", "y"), ("a", "z"), ("b", "x"))


def test_key_columns_are_the_tuples_they_hold() -> None:
    k = keys()
    assert len(k) == 3 and tuple(k) == EXPECTED and list(k) == list(EXPECTED)
    assert k == EXPECTED and k == EXPECTED and k == list(EXPECTED) and k == keys()
    assert k != EXPECTED[:2] and k != (("a", "y"), ("a", "z"), ("b", "y"))
    assert k.__eq__("ayz") is NotImplemented and k.__eq__(3) is NotImplemented
    assert hash(k) == hash(EXPECTED) and repr(k) == repr(EXPECTED)
    assert k[0] == ("a", "y") and k[-1] == ("b", "x") and k[1:] == EXPECTED[1:]
    assert k.column(0).tolist() == ["a", "a", "b"] and k.column(1).tolist() == ["y", "z", "x"]
    assert k.column(1).dtype == object and set(k) == set(EXPECTED)


def test_key_columns_without_dimensions_are_the_one_total_row_or_none() -> None:
    assert KeyColumns([], [], 1) == ((),) and len(KeyColumns([], [], 1)) == 1
    assert KeyColumns([], [], 0) == () and len(KeyColumns([], [], 0)) == 0


def test_a_report_of_key_columns_reads_like_one_of_tuples() -> None:
    columns = {
        "channel": np.array(["b", "a", "a"]),
        "campaign": np.array(["x", "z", "y"]),
        "leads": [3, 2, 1],
    }
    columnar = sr.rollup(columns, by=("channel", "campaign"), currency="USD")
    assert isinstance(columnar.keys, KeyColumns) and columnar.keys == EXPECTED
    tuples = sr.Report(columnar.by, tuple(columnar.keys), columnar.data, "USD")
    assert not isinstance(tuples.keys, KeyColumns)
    assert columnar == tuples and tuples == columnar
    assert columnar.column("campaign").tolist() == ["y", "z", "x"]
    assert columnar.column("leads").tolist() == [1.0, 2.0, 3.0]
    assert columnar.row("b", "x").measures.count("leads") == 3.0
    assert (columnar + tuples).keys == EXPECTED
    assert columnar.to_records() == tuples.to_records()


@pytest.mark.parametrize("kind", ["strings", "codes", "pandas"])
def test_many_groups_roll_up_like_a_group_by(kind: str) -> None:
    """40,000 groups over two dimensions, rows in random order (and an empty group): the
    keys sorted as report() sorts them, the sums those of pandas."""
    rng = np.random.default_rng(7)
    size = 200_000
    a, b = rng.integers(0, 400, size), rng.integers(0, 101, size)
    b[b == 50] = 51  # code 50 of 'b' has no rows
    leads = rng.integers(0, 9, size).astype(float)
    if kind == "codes":
        data: object = {"a": a, "b": b, "leads": leads}
    else:
        cols = {
            "a": np.array([f"acct-{i}" for i in range(400)])[a],
            "b": np.array([f"camp{i:03d}" for i in range(101)])[b],
            "leads": leads,
        }
        data = cols if kind == "strings" else pd.DataFrame(cols)
    rep = sr.rollup(data, by=("a", "b"), currency="USD")
    frame = pd.DataFrame({"a": a, "b": b, "leads": leads})
    if kind != "codes":
        frame = pd.DataFrame(data if kind == "strings" else cols)
    expected = frame.groupby(["a", "b"])["leads"].sum()
    label = int if kind == "codes" else str  # integer ids stay ints (issue 17)
    want = sorted(((label(x), label(y)), v) for (x, y), v in expected.items())
    assert rep.keys == tuple(k for k, _ in want)
    assert rep.column("leads").tolist() == [v for _, v in want]
    assert rep.column("b").tolist() == [k[1] for k, _ in want]


def test_key_columns_read_numpy_strings_as_python_strings() -> None:
    """Labels held as a numpy string array come out as plain str objects, in an object
    array (never numpy's fixed-width strings, whose repr is np.str_('a'))."""
    k = KeyColumns([np.array(["a", "b"])], [np.array([1, 0])], 2)
    column = k.column(0)
    assert column.dtype == object and [type(v) for v in column] == [str, str]
    assert column.tolist() == ["b", "a"] and k == (("b",), ("a",))


def test_key_columns_of_different_lengths_are_refused_when_read() -> None:
    k = KeyColumns(
        [np.array(["a"], dtype=object), np.array(["x"], dtype=object)],
        [np.array([0, 0]), np.array([0])],
        2,
    )
    with pytest.raises(ValueError, match="zip"):
        list(k)
