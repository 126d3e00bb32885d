"""Overhead of the checked, vectorised formulas against bare numpy, measured in one run.

    python benchmarks/formulas.py [--rows N]

Each socialroi formula validates its inputs (finite, non-negative), broadcasts, and resolves
zero denominators; the reference is the bare numpy expression with no checks. Prints the best
of several repeats and the ratio. Then one call on two plain numbers, ``sr.roi(45_000,
20_000)``, against the same arithmetic in a plain Python function with no checks (the
formulas' fast path for numbers skips numpy, with the same checks and errors).
"""

from __future__ import annotations

import argparse
import math
import timeit

import numpy as np

import socialroi as sr


def best(fn: object, repeat: int = 5) -> float:
    return min(timeit.repeat(fn, number=1, repeat=repeat))  # type: ignore[arg-type]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=10_000_000)
    rows = parser.parse_args().rows
    rng = np.random.default_rng(0)
    spend = rng.uniform(0, 1_000, rows)
    impressions = rng.integers(0, 100_000, rows).astype(np.float64)
    ret = rng.uniform(0, 3_000, rows)

    def bare_cpm() -> object:
        with np.errstate(all="ignore"):
            return np.where(impressions == 0, np.nan, spend / impressions * 1000)

    def bare_roi() -> object:
        with np.errstate(all="ignore"):
            return np.where(spend == 0, np.nan, (ret - spend) / spend)

    np.testing.assert_allclose(sr.cpm(spend, impressions), bare_cpm(), equal_nan=True)
    np.testing.assert_allclose(sr.roi(ret, spend), bare_roi(), equal_nan=True)
    print(f"rows: {rows:,}")
    for name, ours, ref in [
        ("cpm", lambda: sr.cpm(spend, impressions), bare_cpm),
        ("roi", lambda: sr.roi(ret, spend), bare_roi),
    ]:
        t_ours, t_ref = best(ours), best(ref)
        print(
            f"{name}: socialroi {t_ours:.3f}s, bare numpy {t_ref:.3f}s, "
            f"ratio {t_ours / t_ref:.2f}x"
        )

    def plain_roi(back: float, spent: float) -> float:
        return math.nan if spent == 0 else (back - spent) / spent

    assert sr.roi(45_000, 20_000) == plain_roi(45_000, 20_000) == 1.25
    calls = 200_000
    t_ours = min(timeit.repeat(lambda: sr.roi(45_000, 20_000), number=calls, repeat=5)) / calls
    t_ref = min(timeit.repeat(lambda: plain_roi(45_000, 20_000), number=calls, repeat=5)) / calls
    print(
        f"one call, sr.roi(45_000, 20_000): {t_ours * 1e6:.2f} us; plain Python function "
        f"{t_ref * 1e6:.2f} us; ratio {t_ours / t_ref:.1f}x (target <= 3 us)"
    )


if __name__ == "__main__":
    main()
