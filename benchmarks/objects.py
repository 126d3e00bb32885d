"""The object API against plain Python and pandas, measured in one run.

    python benchmarks/objects.py [--activities N]

Three figures, each ours against a reference doing the same sums:

- one merge, ``a + b`` of two Measures of 6 measures each, against merging two dicts of the
  same 6 names (a copy and a loop that adds);
- ``sum()`` over N Measures, against the same dict merge in a loop;
- ``sr.report`` over N activities (channel x mode x 20 campaigns, 6 measures), against pandas
  ``DataFrame.from_records`` of the same rows (one dict each: labels and measures) and a
  group-by sum. Both start from Python objects already built.

Prints the best of several repeats and the ratio (ours / reference).
"""

from __future__ import annotations

import argparse
import random
import timeit
from typing import Any

import pandas as pd

import socialroi as sr

NAMES = ("impressions", "link_clicks", "leads", "ad_spend", "salaries", "revenue")


def best(fn: Any, repeat: int = 5, number: int = 1) -> float:
    return min(timeit.repeat(fn, number=number, repeat=repeat)) / number


def dict_merge(a: dict[str, float], b: dict[str, float]) -> dict[str, float]:
    out = dict(a)
    for k, v in b.items():
        out[k] = out.get(k, 0.0) + v
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--activities", type=int, default=100_000)
    n = parser.parse_args().activities
    rng = random.Random(0)
    rows = [
        {
            "channel": rng.choice(["linkedin", "facebook", "x", "tiktok"]),
            "mode": rng.choice(["paid", "organic"]),
            "campaign": f"campaign_{rng.randrange(20)}",
            **{m: float(rng.randrange(1, 10_000)) for m in NAMES},
        }
        for _ in range(n)
    ]
    measures = [sr.Measures.of("USD", **{m: r[m] for m in NAMES}) for r in rows]
    dicts = [{m: r[m] for m in NAMES} for r in rows]
    acts = [
        sr.Activity(r["channel"], r["mode"], m, campaign=r["campaign"])
        for r, m in zip(rows, measures, strict=True)
    ]
    a, b = measures[0], measures[1]
    da, db = dicts[0], dicts[1]

    def dict_sum() -> dict[str, float]:
        total: dict[str, float] = {}
        for d in dicts:
            total = dict_merge(total, d)
        return total

    def pandas_report() -> Any:
        frame = pd.DataFrame.from_records(rows)
        return frame.groupby(["channel", "mode"], sort=True)[list(NAMES)].sum()

    # The same numbers first.
    total = sum(measures, sr.Measures.empty("USD"))
    assert all(abs(total.to_dict()[m] - dict_sum()[m]) < 1e-6 for m in NAMES if m != "revenue")
    ours_rep = sr.report(acts, by=("channel", "mode"))
    ref = pandas_report()
    assert len(ours_rep) == len(ref)
    assert abs(ours_rep.column("leads").sum() - ref["leads"].sum()) < 1e-6

    print(f"activities: {n:,}")
    figures = [
        ("one merge a + b", lambda: a + b, lambda: dict_merge(da, db), 20_000),
        (f"sum() of {n:,} Measures", lambda: sum(measures, sr.Measures.empty("USD")), dict_sum, 1),
        (
            f"report of {n:,} activities by channel, mode",
            lambda: sr.report(acts, by=("channel", "mode")),
            pandas_report,
            1,
        ),
    ]
    for name, ours, reference, number in figures:
        t_ours = best(ours, number=number)
        t_ref = best(reference, number=number)
        unit, scale = ("us", 1e6) if number > 1 else ("s", 1.0)
        print(
            f"{name}: socialroi {t_ours * scale:.3f} {unit}, reference {t_ref * scale:.3f} "
            f"{unit}, ratio {t_ours / t_ref:.2f}x"
        )


if __name__ == "__main__":
    main()
