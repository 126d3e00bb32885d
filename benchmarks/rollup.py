"""Roll-up speed and memory against the engines, measured in one run.

    python benchmarks/rollup.py [--rows 10000000] [--repeat 5]

10 channels x 100 campaigns = 1,000 groups, 6 measure columns. Prints, best of --repeat:
- numpy path with integer codes against bare np.bincount (combined code + 6 bincounts);
- numpy path with string keys against pandas groupby(...).sum() on the same columns;
- pandas and polars inputs against the engine's own group-by sum;
- peak memory (tracemalloc) of the numpy path against the input columns' size.
Then 1,000 realistic campaign labels of 10 to 30 characters (``brand_awareness_24``,
``black-friday-2025-11``), and 1,000 long ones of 31 to 60 (an audience and a region added),
against pandas and DuckDB (querying the same pandas frame; a
native DuckDB table was not measured), and --groups groups (1,000,000) with string keys
(against pandas), integer codes (against np.bincount) and pandas, polars and DuckDB inputs
(against their own group-by).
"""

from __future__ import annotations

import argparse
import time
import tracemalloc
from collections.abc import Callable

import duckdb
import numpy as np
import pandas as pd
import polars as pl

import socialroi as sr

MEASURES = ["impressions", "link_clicks", "leads", "purchases", "ad_spend", "revenue"]


def best(
    ours: Callable[[], object], ref: Callable[[], object], repeat: int
) -> tuple[float, float]:
    """Best of ``repeat`` for each, the two runs alternating so that both see the same
    machine (a multi-threaded engine's timings drift over a run on two cores)."""
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(repeat):
        for fn, out in zip((ours, ref), times, strict=True):
            start = time.perf_counter()
            fn()
            out.append(time.perf_counter() - start)
    return min(times[0]), min(times[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--groups", type=int, default=1_000_000)
    args = parser.parse_args()
    rows, repeat = args.rows, args.repeat
    rng = np.random.default_rng(0)
    channel = rng.integers(0, 10, rows)
    campaign = rng.integers(0, 100, rows)
    measures = {m: rng.integers(0, 1_000, rows).astype(np.float64) for m in MEASURES}
    codes = {"channel": channel, "campaign": campaign, **measures}
    names = np.array([f"ch{i}" for i in range(10)])[channel]
    camps = np.array([f"camp{i:03d}" for i in range(100)])[campaign]
    strings = {"channel": names, "campaign": camps, **measures}
    by = ("channel", "campaign")
    print(f"rows: {rows:,}, groups: 1,000, measures: {len(MEASURES)}")

    def bare() -> object:
        code = channel * 100 + campaign
        return [np.bincount(code, weights=measures[m], minlength=1_000) for m in MEASURES]

    t_ours, t_ref = best(lambda: sr.rollup(codes, by=by, currency="USD"), bare, repeat)
    print(
        f"numpy path, integer codes: {t_ours:.3f}s; bare np.bincount {t_ref:.3f}s; "
        f"ratio {t_ours / t_ref:.2f}x (target <= 1.25x)"
    )

    frame = pd.DataFrame(strings)
    pandas_sum = lambda: frame.groupby(list(by), sort=True)[MEASURES].sum()  # noqa: E731
    t_ours, t_ref = best(lambda: sr.rollup(strings, by=by, currency="USD"), pandas_sum, repeat)
    print(
        f"numpy path, string keys: {t_ours:.3f}s; pandas groupby-sum {t_ref:.3f}s; "
        f"ratio {t_ours / t_ref:.2f}x (target < 1x)"
    )

    # long labels that differ all along, as real campaign names do: hashed, not dense
    words = ["spring_sale", "black_friday", "brand_awareness", "retargeting", "webinar", "launch"]
    long_names = np.array(
        [f"{w}_{y}_{i:02d}" for w in words for y in (2025, 2026) for i in range(84)]
    )
    long_keys = {"campaign": long_names[:1_000][channel * 100 + campaign], **measures}
    long_frame = pd.DataFrame(long_keys)
    t_ours, t_ref = best(
        lambda: sr.rollup(long_keys, by="campaign", currency="USD"),
        lambda: long_frame.groupby("campaign", sort=True)[MEASURES].sum(),
        repeat,
    )
    print(
        f"numpy path, 1,000 long labels (one key, up to 23 characters): {t_ours:.3f}s; "
        f"pandas groupby-sum {t_ref:.3f}s; ratio {t_ours / t_ref:.2f}x"
    )

    t_ours, t_ref = best(lambda: sr.rollup(frame, by=by, currency="USD"), pandas_sum, repeat)
    print(
        f"pandas input: {t_ours:.3f}s; pandas groupby-sum {t_ref:.3f}s; "
        f"ratio {t_ours / t_ref:.2f}x (target <= 1.2x)"
    )

    polars = pl.DataFrame(strings)
    polars_sum = lambda: polars.group_by(list(by)).agg(pl.col(MEASURES).sum())  # noqa: E731
    t_ours, t_ref = best(lambda: sr.rollup(polars, by=by, currency="USD"), polars_sum, repeat)
    print(
        f"polars input: {t_ours:.3f}s; polars group_by-sum {t_ref:.3f}s; "
        f"ratio {t_ours / t_ref:.2f}x (target <= 1.2x)"
    )

    for label, columns in (("integer codes", codes), ("string keys", strings)):
        size = sum(np.asarray(v).nbytes for v in columns.values())
        tracemalloc.start()
        sr.rollup(columns, by=by, currency="USD")
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(
            f"numpy path peak memory, {label}: {peak / 2**20:.0f} MiB for "
            f"{size / 2**20:.0f} MiB of input columns; ratio {peak / size:.2f}x (target <= 1.5x)"
        )

    realistic(rows, repeat, measures)
    many_groups(rows, args.groups, repeat, measures)


def realistic_labels(count: int, rng: np.random.Generator, *, long: bool = False) -> np.ndarray:
    """Campaign names as platforms show them: a theme, a year, a month or a number; long
    ones add an audience and a region (31 to 60 characters)."""
    themes = [
        "spring_sale", "black-friday", "brand_awareness", "retargeting", "webinar",
        "launch", "cyber_monday_deals", "always-on", "lookalike_audience_test", "ugc",
    ]  # fmt: skip
    audiences = ["lookalike_1pct", "cart_abandoners", "broad", "interest_fitness_25-34"]
    regions = ["eu-west", "us_east", "apac", "latam-north"]
    labels: set[str] = set()
    while len(labels) < count:
        theme, year = themes[rng.integers(len(themes))], int(rng.integers(2019, 2027))
        if rng.random() < 0.5:
            label = f"{theme}-{year}-{int(rng.integers(1, 13)):02d}"
        else:
            label = f"{theme}_{year % 100}_{int(rng.integers(100))}"
        if long:
            audience = audiences[rng.integers(len(audiences))]
            label = f"{label}_{audience}_{regions[rng.integers(len(regions))]}"
            if len(label) > 30:
                labels.add(label[:60])
        elif len(label) >= 10:
            labels.add(label[:30])
    return np.array(sorted(labels))


def duckdb_sum(frame: pd.DataFrame, by: list[str]) -> Callable[[], object]:
    con = duckdb.connect()
    con.register("f", frame)
    sums = ", ".join(f"sum({m})" for m in MEASURES)
    keys = ", ".join(by)
    query = f"select {keys}, {sums} from f group by {keys} order by {keys}"
    return lambda: con.execute(query).fetchnumpy()


def realistic(rows: int, repeat: int, measures: dict[str, np.ndarray]) -> None:
    for long in (False, True):
        realistic_case(rows, repeat, measures, long=long)


def realistic_case(rows: int, repeat: int, measures: dict[str, np.ndarray], *, long: bool) -> None:
    rng = np.random.default_rng(1)
    labels = realistic_labels(1_000, rng, long=long)
    lengths = [len(label) for label in labels]
    data = {"campaign": labels[rng.integers(0, labels.size, rows)], **measures}
    frame = pd.DataFrame(data)
    ours = lambda: sr.rollup(data, by="campaign", currency="USD")  # noqa: E731
    t_ours, t_pandas = best(
        ours, lambda: frame.groupby("campaign", sort=True)[MEASURES].sum(), repeat
    )
    t_ours2, t_duck = best(ours, duckdb_sum(frame, ["campaign"]), repeat)
    print(
        f"numpy path, 1,000 realistic labels ({min(lengths)} to {max(lengths)} characters): "
        f"{min(t_ours, t_ours2):.3f}s; pandas groupby-sum {t_pandas:.3f}s, ratio "
        f"{t_ours / t_pandas:.2f}x (target <= 1.0x); DuckDB {t_duck:.3f}s, ratio "
        f"{t_ours2 / t_duck:.2f}x (target <= 1.5x)"
    )


def many_groups(rows: int, groups: int, repeat: int, measures: dict[str, np.ndarray]) -> None:
    rng = np.random.default_rng(2)
    code = rng.integers(0, groups, rows)
    names = np.array([f"campaign-{i:07d}" for i in range(groups)])
    strings = {"campaign": names[code], **measures}
    codes = {"campaign": code, **measures}
    print(f"rows: {rows:,}, groups: {groups:,}")

    def bare() -> object:
        return [np.bincount(code, weights=measures[m], minlength=groups) for m in MEASURES]

    t_ours, t_ref = best(lambda: sr.rollup(codes, by="campaign", currency="USD"), bare, repeat)
    print(
        f"{groups:,} groups, integer codes: {t_ours:.3f}s; bare np.bincount {t_ref:.3f}s; "
        f"ratio {t_ours / t_ref:.2f}x (target <= 1.5x)"
    )
    frame = pd.DataFrame(strings)
    pandas_sum = lambda: frame.groupby("campaign", sort=True)[MEASURES].sum()  # noqa: E731
    t_ours, t_ref = best(
        lambda: sr.rollup(strings, by="campaign", currency="USD"), pandas_sum, repeat
    )
    print(
        f"{groups:,} groups, string keys: {t_ours:.3f}s; pandas groupby-sum {t_ref:.3f}s; "
        f"ratio {t_ours / t_ref:.2f}x (target <= 1.5x)"
    )
    t_ours, t_ref = best(
        lambda: sr.rollup(frame, by="campaign", currency="USD"), pandas_sum, repeat
    )
    print(
        f"{groups:,} groups, pandas input: {t_ours:.3f}s; pandas groupby-sum {t_ref:.3f}s; "
        f"ratio {t_ours / t_ref:.2f}x (target <= 1.5x)"
    )
    polars = pl.DataFrame(strings)
    t_ours, t_ref = best(
        lambda: sr.rollup(polars, by="campaign", currency="USD"),
        lambda: polars.group_by("campaign").agg(pl.col(MEASURES).sum()).sort("campaign"),
        repeat,
    )
    print(
        f"{groups:,} groups, polars input: {t_ours:.3f}s; polars group_by-sum {t_ref:.3f}s; "
        f"ratio {t_ours / t_ref:.2f}x (target <= 1.5x)"
    )
    con = duckdb.connect()
    con.register("f", frame)
    relation = con.table("f")
    t_ours, t_ref = best(
        lambda: sr.rollup(relation, by="campaign", currency="USD"),
        duckdb_sum(frame, ["campaign"]),
        repeat,
    )
    print(
        f"{groups:,} groups, DuckDB input: {t_ours:.3f}s; DuckDB group-by-sum {t_ref:.3f}s; "
        f"ratio {t_ours / t_ref:.2f}x (target <= 1.5x)"
    )


if __name__ == "__main__":
    main()
