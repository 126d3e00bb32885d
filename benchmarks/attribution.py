"""Attribution speed and agreement against the ChannelAttribution package, in one run.

    pip install -e '.[bench]'
    python benchmarks/attribution.py [--journeys 1000000] [--channels 10]
        [--high-orders] [--events 10000000]

``--high-orders`` also times exact Markov at order 3 and 4 over 20 channels (the sparse
solver); ``--events N`` times an event log of N touches on DuckDB and on lazy polars, from
the log to channel ROI, stage by stage, and prints the peak memory. Every line that
times something prints the machine's load too: other sessions share its cores.
ChannelAttribution runs in two settings: raw rows with values (its slowest) and aggregated
paths without values (its fastest fair setting); socialroi runs on the same input, columnar.

Synthetic journeys (1 to 6 touches over the channels, some converting, some not). Times each
socialroi model; when ChannelAttribution is installed (GPL: only its outputs are used), runs
its heuristic and Markov models on the same journeys and prints the ratio of times and the
largest difference in credited conversions per channel. ChannelAttribution's Markov model
estimates removal effects by simulation; socialroi solves the absorbing chain exactly, so
small differences are expected there.
"""

from __future__ import annotations

import argparse
import os
import resource
import time
from collections.abc import Callable
from typing import Any

import numpy as np

from socialroi import attribution as at


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--journeys", type=int, default=1_000_000)
    parser.add_argument("--channels", type=int, default=10)
    parser.add_argument("--high-orders", action="store_true")
    parser.add_argument("--events", type=int, default=0)
    args = parser.parse_args()
    if args.events:
        event_log(args.events, args.channels)
    rng = np.random.default_rng(0)
    raw = journeys(rng, args.journeys, args.channels)
    print(
        f"journeys: {args.journeys:,}, touches: {raw['journey'].size:,}, channels: "
        f"{args.channels}; load {load()}"
    )
    try:
        import ChannelAttribution  # noqa: F401
    except ImportError as error:
        print(f"ChannelAttribution is not importable ({error}): socialroi's times only")
        reference = False
    else:
        reference = True
    compare(raw, reference)
    if args.high_orders:
        high = journeys(rng, args.journeys, 20)
        for order in (3, 4):
            compare_markov_order(high, order, reference)


def journeys(rng: np.random.Generator, n: int, channels: int) -> dict[str, Any]:
    """Synthetic journeys of 1 to 6 touches, columnar, half of them converting (with a
    value), and the same journeys as ChannelAttribution reads them: raw rows with values,
    and aggregated paths (one row per distinct path) without values."""
    import pandas as pd

    names = np.array([f"ch{i:02d}" for i in range(channels)])
    lengths = rng.integers(1, 7, n)
    channel = names[rng.integers(0, channels, int(lengths.sum()))]
    journey = np.repeat(np.arange(n), lengths)
    conversions = rng.integers(0, 2, n).astype(float)
    value = conversions * rng.uniform(10, 200, n)
    starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
    paths = [" > ".join(channel[s : s + k]) for s, k in zip(starts, lengths, strict=True)]
    rows = pd.DataFrame(
        {"path": paths, "conv": conversions, "value": value, "null": 1.0 - conversions}
    )
    agg = rows.groupby("path", as_index=False)[["conv", "null"]].sum()
    agg_paths = [p.split(" > ") for p in agg["path"]]
    agg_lengths = np.array([len(p) for p in agg_paths])
    return {
        "journey": journey,
        "channel": channel,
        "conversions": conversions,
        "value": value,
        "nulls": 1.0 - conversions,
        "rows": rows,
        "agg": agg,
        "agg_columnar": {
            "journey": np.repeat(np.arange(len(agg_paths)), agg_lengths),
            "channel": np.concatenate([np.array(p) for p in agg_paths]),
        },
    }


def compare(data: dict[str, Any], reference: bool) -> None:
    """Heuristics (first, last, linear: ChannelAttribution's heuristic_models gives the
    three in one call) and Markov order 1, in both settings, as ratios of times."""
    columnar = {"journey": data["journey"], "channel": data["channel"]}
    conv, value, nulls = data["conversions"], data["value"], data["nulls"]
    agg, agg_columnar = data["agg"], data["agg_columnar"]
    agg_conv, agg_nulls = agg["conv"].to_numpy(), agg["null"].to_numpy()

    def heuristics(paths: object, c: object, v: object) -> list[at.Attribution]:
        return [m(paths, c, value=v) for m in (at.first_touch, at.last_touch, at.linear)]

    ours = {
        ("heuristics", "raw"): timed(lambda: heuristics(columnar, conv, value)),
        ("heuristics", "aggregated"): timed(lambda: heuristics(agg_columnar, agg_conv, None)),
        ("markov", "raw"): timed(lambda: at.markov(columnar, conv, value=value, nulls=nulls)),
        ("markov", "aggregated"): timed(
            lambda: at.markov(agg_columnar, agg_conv, nulls=agg_nulls)
        ),
    }
    t_shapley, _ = timed(lambda: at.shapley(columnar, conv, value=value, nulls=nulls))
    print(f"socialroi shapley (raw journeys): {t_shapley:.2f}s; load {load()}")
    if not reference:
        for (model, setting), (seconds, _) in ours.items():
            print(f"socialroi {model} on {setting} journeys: {seconds:.2f}s")
        return
    from ChannelAttribution import heuristic_models, markov_model

    rows = data["rows"]
    theirs = {
        ("heuristics", "raw"): timed(
            lambda: heuristic_models(rows, "path", "conv", var_value="value", sep=">")
        ),
        ("heuristics", "aggregated"): timed(
            lambda: heuristic_models(agg, "path", "conv", sep=">")
        ),
        ("markov", "raw"): timed(
            lambda: markov_model(
                rows, "path", "conv", var_value="value", var_null="null", sep=">", verbose=0
            )
        ),
        ("markov", "aggregated"): timed(
            lambda: markov_model(agg, "path", "conv", var_null="null", sep=">", verbose=0)
        ),
    }
    for key, (seconds, result) in ours.items():
        t_ca, ca = theirs[key]
        model, setting = key
        what = (
            "raw journeys with values"
            if setting == "raw"
            else f"{len(agg):,} aggregated paths without values"
        )
        print(
            f"{model} on {what}: socialroi {seconds:.2f}s, ChannelAttribution {t_ca:.2f}s, "
            f"ratio {seconds / t_ca:.2f}x; {difference(model, result, ca)}; load {load()}"
        )


def difference(model: str, result: Any, ca: Any) -> str:
    """The largest difference in credited conversions per channel."""
    ca = ca.set_index("channel_name")
    if model == "heuristics":
        columns = ("first_touch", "last_touch", "linear_touch")
        suffix = "_conversions" if "first_touch_conversions" in ca.columns else ""
        diff = max(
            abs(r.conversions[c] - ca.loc[c, column + suffix])
            for r, column in zip(result, columns, strict=True)
            for c in r.conversions
        )
        return f"largest credit difference {diff:.3g} conversions (first, last, linear)"
    diff = max(abs(result.conversions[c] - ca.loc[c, "total_conversions"]) for c in ca.index)
    total = sum(result.conversions.values())
    return (
        f"largest credit difference {diff:.1f} conversions per channel ({diff / total:.2%} of "
        f"{total:,.0f}; ChannelAttribution simulates, socialroi solves exactly)"
    )


def compare_markov_order(data: dict[str, Any], order: int, reference: bool) -> None:
    """Exact Markov at ``order`` over 20 channels (the sparse solver) against
    ChannelAttribution on the aggregated paths, each in a process of its own: time and the
    peak memory above the process's memory at the start."""
    agg, agg_columnar = data["agg"], data["agg_columnar"]
    conv, nulls = agg["conv"].to_numpy(), agg["null"].to_numpy()
    ours = in_child(lambda: at.markov(agg_columnar, conv, nulls=nulls, order=order))
    line = (
        f"markov order {order}, 20 channels, {len(agg):,} aggregated paths: socialroi "
        f"{ours[0]:.2f}s, {ours[1]:,.0f} MB"
    )
    if reference:
        from ChannelAttribution import markov_model

        theirs = in_child(
            lambda: markov_model(
                agg, "path", "conv", var_null="null", order=order, sep=">", verbose=0
            )
        )
        line += (
            f"; ChannelAttribution {theirs[0]:.2f}s, {theirs[1]:,.0f} MB; ratios "
            f"{ours[0] / theirs[0]:.2f}x time, {ours[1] / max(theirs[1], 1e-9):.2f}x memory"
        )
    print(f"{line}; load {load()}")


def in_child(fn: Callable[[], Any]) -> tuple[float, float]:
    """Seconds and peak memory (MB above the start) of ``fn`` in a forked process."""
    import multiprocessing

    context = multiprocessing.get_context("fork")
    queue = context.Queue()

    def run() -> None:
        start = rss("VmRSS")
        seconds, _ = timed(fn)
        queue.put((seconds, (rss("VmHWM") - start) / 1024))

    child = context.Process(target=run)
    child.start()
    out: tuple[float, float] = queue.get()
    child.join()
    return out


def rss(field: str) -> float:
    """A memory figure of this process from /proc (kB): VmRSS now, VmHWM its peak."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field):
                return float(line.split()[1])
    return float("nan")


def event_log(touches: int, channels: int) -> None:
    """An event log of ``touches`` touches (and a conversion after one in ten users' last
    touch), from the log to channel ROI on DuckDB and on lazy polars: the time of each stage
    (path table in the engine, Markov on the table, the report) and the peak memory."""
    import duckdb
    import polars as pl

    import socialroi as sr

    rng = np.random.default_rng(1)
    users = max(touches // 5, 1)
    converted = rng.random(users) < 0.1
    frame = pl.DataFrame(
        {
            "user": np.concatenate([rng.integers(0, users, touches), np.flatnonzero(converted)]),
            "time": np.concatenate(
                [rng.integers(0, 30 * 86_400, touches), np.full(converted.sum(), 31 * 86_400)]
            )
            .astype("datetime64[s]")
            .astype("datetime64[ms]"),
            "channel": np.concatenate(
                [
                    np.array([f"ch{i}" for i in range(channels)])[
                        rng.integers(0, channels, touches)
                    ],
                    np.full(converted.sum(), "checkout"),
                ]
            ),
            "conversion": np.concatenate(
                [np.zeros(touches, dtype=np.int8), np.ones(converted.sum(), dtype=np.int8)]
            ),
            "value": np.concatenate([np.zeros(touches), rng.uniform(10, 200, converted.sum())]),
        }
    )
    costs = {f"ch{i}": sr.Measures.of("USD", ad_spend=1_000) for i in range(channels)}
    arrow = frame.to_arrow()
    for engine, native in (
        ("DuckDB (a relation over an Arrow table)", lambda: duckdb.from_arrow(arrow)),
        ("lazy polars", frame.lazy),
    ):
        events = native()
        t_table, table = timed(
            lambda e=events: at.path_table(
                e, value="value", lookback_days=30, transforms=["exposure"]
            )
        )
        t_model, credit = timed(lambda t=table: at.markov(t))
        t_report, _ = timed(lambda c=credit: c.report(costs))
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(
            f"event log of {touches:,} touches on {engine}, log to channel ROI: "
            f"{t_table + t_model + t_report:.2f}s (path_table {t_table:.2f}s, "
            f"{len(table):,} paths; markov {t_model:.2f}s; report {t_report:.2f}s); "
            f"peak memory {peak:,.0f} MB (the whole process, so far); load {load()}"
        )


def load() -> str:
    """The machine's load averages (other sessions share its cores)."""
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} {five:.2f} {fifteen:.2f} on {os.cpu_count()} cores"


if __name__ == "__main__":
    main()
