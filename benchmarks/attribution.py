"""Attribution speed and agreement against the ChannelAttribution package, in one run.

    pip install -e '.[bench]'
    python benchmarks/attribution.py [--journeys 1000000] [--channels 10]

Synthetic journeys (1 to 6 touches over the channels, some converting, some not). Times each
socialroi model; when ChannelAttribution is installed (GPL: only its outputs are used), runs
its heuristic and Markov models on the same journeys and prints the ratio of times and the
largest difference in credited conversions per channel. ChannelAttribution's Markov model
estimates removal effects by simulation; socialroi solves the absorbing chain exactly, so
small differences are expected there.
"""

from __future__ import annotations

import argparse
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
    args = parser.parse_args()
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


if __name__ == "__main__":
    main()
