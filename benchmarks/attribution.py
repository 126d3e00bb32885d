"""Attribution speed and agreement against the ChannelAttribution package, in one run.

    pip install -e '.[bench]'
    python benchmarks/attribution.py [--journeys 1000000] [--channels 10]
        [--high-orders] [--events 10000000]

``--high-orders`` also times exact Markov at order 3 and 4 over 20 channels (the sparse
solver); ``--events N`` times an event log of N touches on lazy polars, from the log to
channel ROI, and prints the peak memory. ChannelAttribution runs in two settings: raw rows
with values (its slowest) and aggregated paths without values (its fastest fair setting).

Synthetic journeys (1 to 6 touches over the channels, some converting, some not). Times each
socialroi model; when ChannelAttribution is installed (GPL: only its outputs are used), runs
its heuristic and Markov models on the same journeys and prints the ratio of times and the
largest difference in credited conversions per channel. ChannelAttribution's Markov model
estimates removal effects by simulation; socialroi solves the absorbing chain exactly, so
small differences are expected there.
"""

from __future__ import annotations

import argparse
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
    names = np.array([f"ch{i}" for i in range(args.channels)])
    lengths = rng.integers(1, 7, args.journeys)
    channel = names[rng.integers(0, args.channels, int(lengths.sum()))]
    journey = np.repeat(np.arange(args.journeys), lengths)
    conversions = rng.integers(0, 2, args.journeys).astype(float)
    nulls = 1.0 - conversions
    value = conversions * rng.uniform(10, 200, args.journeys)
    columnar = {"journey": journey, "channel": channel}
    print(
        f"journeys: {args.journeys:,}, touches: {int(lengths.sum()):,}, channels: {args.channels}"
    )
    if args.high_orders:
        high_orders(rng, args.journeys)
    ours: dict[str, tuple[float, Any]] = {
        "first_touch": timed(lambda: at.first_touch(columnar, conversions, value=value)),
        "last_touch": timed(lambda: at.last_touch(columnar, conversions, value=value)),
        "linear": timed(lambda: at.linear(columnar, conversions, value=value)),
        "markov": timed(lambda: at.markov(columnar, conversions, value=value, nulls=nulls)),
        "shapley": timed(lambda: at.shapley(columnar, conversions, value=value, nulls=nulls)),
    }
    for name, (seconds, _) in ours.items():
        print(f"socialroi {name}: {seconds:.2f}s")
    try:
        import pandas as pd
        from ChannelAttribution import heuristic_models, markov_model
    except ImportError:
        print("ChannelAttribution is not installed (pip install -e '.[bench]'): no reference")
        return
    starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
    paths = [" > ".join(channel[s : s + n]) for s, n in zip(starts, lengths, strict=True)]
    frame = pd.DataFrame({"path": paths, "conv": conversions, "value": value, "null": nulls})
    t_heur, heur = timed(
        lambda: heuristic_models(frame, "path", "conv", var_value="value", sep=">")
    )
    t_markov, markov = timed(
        lambda: markov_model(
            frame, "path", "conv", var_value="value", var_null="null", sep=">", verbose=0
        )
    )
    heur = heur.set_index("channel_name")
    markov = markov.set_index("channel_name")
    for name, column in (
        ("first_touch", "first_touch_conversions"),
        ("last_touch", "last_touch_conversions"),
        ("linear", "linear_touch_conversions"),
    ):
        seconds, result = ours[name]
        diff = max(abs(result.conversions[c] - heur.loc[c, column]) for c in result.conversions)
        print(
            f"{name}: ChannelAttribution heuristic_models {t_heur:.2f}s (all three); "
            f"largest credit difference {diff:.3g} conversions"
        )
    agg = frame.groupby("path", as_index=False)[["conv", "null"]].sum()
    t_heur_agg, _ = timed(lambda: heuristic_models(agg, "path", "conv", sep=">"))
    t_markov_agg, _ = timed(
        lambda: markov_model(agg, "path", "conv", var_null="null", sep=">", verbose=0)
    )
    print(
        f"ChannelAttribution on {len(agg):,} aggregated paths without values: heuristics "
        f"{t_heur_agg:.2f}s, markov {t_markov_agg:.2f}s (raw rows: {t_heur:.2f}s, "
        f"{t_markov:.2f}s)"
    )
    seconds, result = ours["markov"]
    diff = max(
        abs(result.conversions[c] - markov.loc[c, "total_conversions"]) for c in result.conversions
    )
    total = sum(result.conversions.values())
    print(
        f"markov: socialroi {seconds:.2f}s, ChannelAttribution {t_markov:.2f}s, ratio "
        f"{seconds / t_markov:.2f}x; largest credit difference {diff:.1f} conversions "
        f"({diff / total:.2%} of {total:,.0f})"
    )


def high_orders(rng: np.random.Generator, journeys: int) -> None:
    """Exact Markov at order 3 and 4 over 20 channels (the sparse solver beyond
    DENSE_STATES states)."""
    names = np.array([f"ch{i:02d}" for i in range(20)])
    lengths = rng.integers(1, 7, journeys)
    paths = {
        "journey": np.repeat(np.arange(journeys), lengths),
        "channel": names[rng.integers(0, 20, int(lengths.sum()))],
    }
    conversions = rng.integers(0, 2, journeys).astype(float)
    for order in (3, 4):
        seconds, _ = timed(
            lambda o=order: at.markov(paths, conversions, nulls=1.0 - conversions, order=o)
        )
        print(f"socialroi markov order {order}, 20 channels: {seconds:.2f}s")


def event_log(touches: int, channels: int) -> None:
    """An event log of ``touches`` touches (and a conversion after one in ten users' last
    touch) on lazy polars, from the log to channel ROI; prints the time and peak memory."""
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
    ).lazy()
    costs = {f"ch{i}": sr.Measures.of("USD", ad_spend=1_000) for i in range(channels)}

    def run() -> object:
        table = at.path_table(frame, value="value", lookback_days=30, transforms=["exposure"])
        return at.markov(table).report(costs)

    seconds, _ = timed(run)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"event log of {touches:,} touches on lazy polars, log to channel ROI: "
        f"{seconds:.2f}s, peak memory {peak:,.0f} MB (the whole process)"
    )


if __name__ == "__main__":
    main()
