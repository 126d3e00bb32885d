"""Work shared over threads (socialroi/_reports/parallel.py): the parts cover every row once,
in order; results and the first error come back in the tasks' order; and the roll-up's
lookup of labels and its sums give, on threads, exactly the serial answer and error."""

from __future__ import annotations

import functools
import re
import threading
import time
from collections.abc import Iterator
from unittest import mock

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import socialroi as sr
from socialroi._reports import factorise as _factorise
from socialroi._reports import parallel


@given(st.integers(0, 500), st.integers(1, 40), st.integers(1, 9))
def test_parts_cover_every_row_once_in_whole_steps(rows: int, step: int, count: int) -> None:
    parts = parallel.parts(rows, step, count)
    covered = [i for p in parts for i in range(rows)[p]]
    assert covered == list(range(rows))
    assert all(p.stop > p.start for p in parts)
    assert all(p.start % step == 0 for p in parts)
    assert len(parts) <= count
    # as many parts as asked where there are steps enough, of about equal size
    steps = -(-rows // step)
    assert len(parts) == min(count, steps)
    sizes = [-(-(p.stop - p.start) // step) for p in parts]
    assert not sizes or max(sizes) - min(sizes) <= 1


def test_parts_of_ten_rows_in_steps_of_three() -> None:
    assert parallel.parts(10, 3, 2) == [slice(0, 6), slice(6, 10)]
    assert parallel.parts(10, 3, 9) == [slice(0, 3), slice(3, 6), slice(6, 9), slice(9, 10)]
    assert parallel.parts(0, 3, 2) == []


def test_workers_one_per_core_for_large_inputs_only() -> None:
    with mock.patch("os.sched_getaffinity", return_value={0, 1, 2}, create=True):
        assert parallel.workers(parallel.MIN_ROWS - 1) == 1
        assert parallel.workers(parallel.MIN_ROWS) == 3
    with mock.patch("os.sched_getaffinity", return_value=set(range(64)), create=True):
        assert parallel.workers(parallel.MIN_ROWS) == 8
    with (
        mock.patch("os.sched_getaffinity", side_effect=AttributeError, create=True),
        mock.patch("os.cpu_count", return_value=5),
    ):
        assert parallel.workers(parallel.MIN_ROWS) == 5
    with (
        mock.patch("os.sched_getaffinity", side_effect=AttributeError, create=True),
        mock.patch("os.cpu_count", return_value=None),
    ):
        assert parallel.workers(parallel.MIN_ROWS) == 1


@pytest.mark.parametrize(("value", "count"), [("1", 1), ("2", 2), (" 2 ", 2), ("16", 3), ("", 3)])
def test_the_environment_limits_the_threads(
    monkeypatch: pytest.MonkeyPatch, value: str, count: int
) -> None:
    monkeypatch.setenv("SOCIALROI_THREADS", value)
    with mock.patch("os.sched_getaffinity", return_value={0, 1, 2}, create=True):
        assert parallel.workers(parallel.MIN_ROWS) == count
    with mock.patch("os.sched_getaffinity", return_value=set(range(64)), create=True):
        assert parallel.workers(parallel.MIN_ROWS) == min(int(value or 8), 8)


@pytest.mark.parametrize("value", ["0", "-1", "two", "1.5", "+2", "1 2", "\u00b2"])
def test_a_bad_thread_limit_is_named_with_the_fix(
    monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    """Even for small inputs: a typo shows the first time, not on the first large one."""
    monkeypatch.setenv("SOCIALROI_THREADS", value)
    message = f"SOCIALROI_THREADS must be a whole number of threads, 1 or more: {value!r}"
    with pytest.raises(sr.InvalidValueError, match=re.escape(message)):
        sr.rollup({"k": ["a"], "leads": [1.0]}, by="k", currency="USD")


def test_run_returns_results_in_order_from_several_threads() -> None:
    names: list[str] = []

    def task(i: int) -> int:
        time.sleep(0.01 * (3 - i))  # the later tasks finish first
        names.append(threading.current_thread().name)
        return i * i

    assert parallel.run([functools.partial(task, i) for i in range(4)]) == [0, 1, 4, 9]
    assert len(set(names)) == 4
    assert threading.current_thread().name in names  # the first on the caller's thread
    assert parallel.run([]) == []
    assert parallel.run([lambda: 7]) == [7]


def test_run_raises_the_first_error_in_order_once_every_task_finished() -> None:
    done: list[int] = []

    def fail(i: int, delay: float) -> int:
        time.sleep(delay)
        done.append(i)
        raise ValueError(f"task {i}")

    def ok() -> int:
        time.sleep(0.05)
        done.append(3)
        return 3

    tasks = [lambda: 0, lambda: fail(1, 0.03), lambda: fail(2, 0.0), ok]
    with pytest.raises(ValueError, match="task 1"):
        parallel.run(tasks)
    assert sorted(done) == [1, 2, 3]
    done.clear()
    with pytest.raises(ValueError, match="task 0"):
        parallel.run([lambda: fail(0, 0.0), ok])
    assert sorted(done) == [0, 3]  # the caller's task failed first; the other still ran


def test_threads_see_the_callers_numpy_error_state() -> None:
    def overflow() -> float:
        return float((np.array([1e308]) * 10)[0])

    with np.errstate(over="ignore"):
        assert parallel.run([overflow, overflow]) == [np.inf, np.inf]
    with np.errstate(over="raise"), pytest.raises(FloatingPointError):
        parallel.run([lambda: 0.0, overflow])


@pytest.fixture
def threads() -> Iterator[None]:
    """Three threads for inputs of any size."""
    with (
        mock.patch.object(parallel, "MIN_ROWS", 0),
        mock.patch("os.sched_getaffinity", return_value={0, 1, 2}, create=True),
    ):
        yield


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.sampled_from(["spring_sale-2025-03", "ugc_24_7", "webinar-ü", "a"]), min_size=1),
    st.integers(1, 9),
    st.integers(1, 3),
)
def test_the_lookup_on_threads_gives_the_codes_of_sorting(
    labels: list[str], chunk: int, sample: int
) -> None:
    array = np.array(labels)
    uniques, inverse = np.unique(array, return_inverse=True)
    with (
        mock.patch.object(parallel, "MIN_ROWS", 0),
        mock.patch("os.sched_getaffinity", return_value={0, 1, 2}, create=True),
        mock.patch.object(_factorise, "_CHUNK", chunk),
        mock.patch.object(_factorise, "_SAMPLE", sample),
    ):
        codes, found = _factorise.factorise("k", array, array.size)
    assert found == uniques.tolist()
    assert np.asarray(codes).tolist() == inverse.tolist()


def test_rows_missing_from_the_dictionary_are_reported_from_every_part(threads: None) -> None:
    """A dictionary of 'b' only: the rows of 'a' and 'c', in three parts of the rows (blocks
    of 2), come back as their own row numbers, not their place in the part."""
    array = np.array(["a", "b", "c", "b", "a", "b", "c", "b", "b", "a"])
    units = _factorise._units(array, narrow=False)
    dictionary = _factorise._units(np.array(["b"]), narrow=False)
    levels = _factorise._plan(dictionary)
    assert levels is not None
    with (
        mock.patch.object(_factorise, "_CHUNK", 2),
        mock.patch.object(parallel, "run", wraps=parallel.run) as run,
    ):
        found = _factorise._lookup(units, dictionary, levels)
    assert len(run.call_args.args[0]) == 3
    assert found is not None
    codes, missing = found
    assert np.concatenate(missing).tolist() == [0, 2, 4, 6, 9]
    assert codes[array == "b"].tolist() == [0] * 5


def test_a_row_beyond_latin_1_in_a_later_part_stops_the_bytes(threads: None) -> None:
    array = np.array(["campaign-01", "campaign-02"] * 4)
    array[7] = "campaign-\u0100"
    units = _factorise._units(array, narrow=False)
    dictionary = _factorise._units(np.unique(array[:2]), narrow=True)
    levels = _factorise._plan(dictionary)
    assert levels is not None
    with mock.patch.object(_factorise, "_CHUNK", 2):
        assert _factorise._lookup(units, dictionary, levels) is None
        assert_codes = _factorise.factorise("k", array, array.size)
    uniques, inverse = np.unique(array, return_inverse=True)
    assert assert_codes[1] == uniques.tolist()
    assert np.asarray(assert_codes[0]).tolist() == inverse.tolist()


def _columns(rows: int) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(3)
    return {
        "k": rng.integers(0, 50, rows),
        "impressions": rng.random(rows) * 1e6,
        "link_clicks": rng.random(rows) * 1e3,
        "leads": rng.random(rows),
        "purchases": rng.random(rows) * 7,
        "ad_spend": rng.random(rows) * 1e4,
        "revenue": rng.random(rows) * 3e4,
    }


def test_sums_on_threads_are_the_serial_sums_bit_for_bit(threads: None) -> None:
    data = _columns(5_000)
    with mock.patch("socialroi._reports.rollup._BLOCK", 256):
        on_threads = sr.rollup(data, by="k", currency="USD")
        with mock.patch.object(parallel, "MIN_ROWS", 10**9):
            serial = sr.rollup(data, by="k", currency="USD")
    for m in ("impressions", "link_clicks", "leads", "purchases", "ad_spend", "revenue"):
        assert on_threads.column(m).tobytes() == serial.column(m).tobytes()
    assert on_threads.keys == serial.keys


@pytest.mark.parametrize(
    ("bad", "named"),
    [
        # the first bad block, in row order, names its column whichever thread sums it
        ({"revenue": 10, "link_clicks": 4_000}, "revenue"),
        ({"revenue": 4_000, "link_clicks": 10}, "link_clicks"),
        # in the same block, the first column in order
        ({"revenue": 10, "link_clicks": 20}, "link_clicks"),
        ({"ad_spend": 10, "leads": 20}, "leads"),
    ],
)
def test_the_first_bad_block_names_its_column_on_threads(
    threads: None, bad: dict[str, int], named: str
) -> None:
    data = _columns(5_000)
    for column, row in bad.items():
        data[column][row] = -1.0
    with (
        mock.patch("socialroi._reports.rollup._BLOCK", 256),
        pytest.raises(sr.InvalidValueError, match=f"measure column {named!r} has 0 NaN"),
    ):
        sr.rollup(data, by="k", currency="USD")


def test_sums_beyond_float64_on_threads_are_named_not_warned(threads: None) -> None:
    data = _columns(32)
    data["k"] = np.zeros(32, dtype=int)  # one group, summed in two blocks of 16 rows
    data["revenue"] = np.full(32, 1e307)  # 1.6e308 a block: the second's addition overflows
    with (
        mock.patch("socialroi._reports.rollup._BLOCK", 1),
        pytest.raises(sr.InvalidValueError, match="sums of measure column 'revenue' exceed"),
    ):
        sr.rollup(data, by="k", currency="USD")


def test_a_block_without_the_last_groups_adds_to_its_own_groups_only(threads: None) -> None:
    """Blocks of 32 rows: the first holds group 0 only, the second group 1 only."""
    data = {"k": np.repeat([0, 1], 32), "leads": np.repeat([1.0, 2.0], 32)}
    with mock.patch("socialroi._reports.rollup._BLOCK", 1):
        rep = sr.rollup(data, by="k", currency="USD")
    assert rep.column("leads").tolist() == [32.0, 64.0]
