"""Speed of socialroi.stats on arrays against statsmodels, measured in one run.

    python benchmarks/stats.py [--rows 1000000] [--repeat 5]

Prints the median of --repeat runs (ours and the reference alternating, so both see the same
machine; compare_rates, 50 times faster, runs five times as often, so that its median is not
one busy moment of a shared machine) and the ratio, after checking that both give the same
numbers (to 1e-9):
- jeffreys_interval against statsmodels' proportion_confint(method="jeffreys") on arrays;
- compare_rates on arrays of pairs against statsmodels' vectorised pooled z-test
  (score_test_proportions_2indep with correction=False: the pooled two-proportion z-test)
  plus the Newcombe interval (confint_proportions_2indep, method="newcomb"). compare_rates
  also computes the ratio and its log-adjusted interval, so a second line adds that interval
  to the reference (the same work on both sides).
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable

import numpy as np
from statsmodels.stats.proportion import (
    confint_proportions_2indep,
    proportion_confint,
    score_test_proportions_2indep,
)

from socialroi import stats


def median(
    ours: Callable[[], object], ref: Callable[[], object], repeat: int
) -> tuple[float, float]:
    """Median of ``repeat`` for each, the two alternating."""
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(repeat):
        for fn, out in zip((ours, ref), times, strict=True):
            start = time.perf_counter()
            fn()
            out.append(time.perf_counter() - start)
    return statistics.median(times[0]), statistics.median(times[1])


def rates(rng: np.random.Generator, rows: int) -> tuple[np.ndarray, np.ndarray]:
    """Trials from 1 to 100,000 (clicks, impressions), successes at rates up to 10%."""
    n = rng.integers(1, 100_001, rows).astype(np.float64)
    s = rng.binomial(n.astype(np.int64), rng.uniform(0.0, 0.1, rows)).astype(np.float64)
    return s, n


def report(name: str, ours: float, ref: float, reference: str) -> None:
    print(
        f"{name}: socialroi {ours:.3f}s, {reference} {ref:.3f}s, ratio {ours / ref:.2f}x "
        "(target <= 1.5x)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    rows, repeat = args.rows, args.repeat
    rng = np.random.default_rng(0)
    s, n = rates(rng, rows)
    sb, nb = rates(rng, rows)
    print(f"rows: {rows:,}, median of {repeat} (jeffreys_interval), {5 * repeat} (compare_rates)")

    ours_j = lambda: stats.jeffreys_interval(s, n)  # noqa: E731
    ref_j = lambda: proportion_confint(s, n, method="jeffreys")  # noqa: E731
    for got, want in zip(ours_j(), ref_j(), strict=True):
        np.testing.assert_allclose(got, want, rtol=0, atol=1e-9)
    report("jeffreys_interval", *median(ours_j, ref_j, repeat), "statsmodels proportion_confint")

    def ours_c() -> object:
        return stats.compare_rates(s, n, sb, nb)

    def ref_c() -> object:
        with np.errstate(invalid="ignore"):  # statsmodels' 0 / 0 where both rates are 0
            z, p = score_test_proportions_2indep(
                s, n, sb, nb, correction=False, return_results=False
            )
        return z, p, confint_proportions_2indep(s, n, sb, nb, method="newcomb")

    def ref_c_ratio() -> object:
        ratio = confint_proportions_2indep(s, n, sb, nb, method="log-adjusted", compare="ratio")
        return ref_c(), ratio

    c = stats.compare_rates(s, n, sb, nb)
    assert isinstance(c, stats.RateComparisons)
    (z, p, (low, high)), (ratio_low, ratio_high) = ref_c_ratio()  # type: ignore[misc]
    for got, want in [
        (c.z, z),
        (c.p_value, p),
        (c.difference.low, low),
        (c.difference.high, high),
        (c.ratio.low, ratio_low),
        (c.ratio.high, ratio_high),
    ]:
        np.testing.assert_allclose(got, want, rtol=1e-9, atol=1e-12)
    report(
        "compare_rates",
        *median(ours_c, ref_c, 5 * repeat),
        "statsmodels score_test_proportions_2indep + confint_proportions_2indep(newcomb)",
    )
    ours, ref = median(ours_c, ref_c_ratio, 5 * repeat)
    print(
        f"compare_rates, the same work (the reference adds the log-adjusted ratio interval): "
        f"socialroi {ours:.3f}s, statsmodels {ref:.3f}s, ratio {ours / ref:.2f}x"
    )


if __name__ == "__main__":
    main()
