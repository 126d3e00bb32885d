"""Fractribution's leave-one-out model: each touch is credited with the conversion rate its
path loses without it (google/fractribution, py/fractribution.py,
``_get_counterfactual_marginal_contributions`` and ``run_shapley_attribution``).
"""

from __future__ import annotations

import numpy as np

from socialroi.attribution._journeys import encode
from socialroi.attribution._result import Attribution, _by_touch_weights


def leave_one_out(
    paths: object,
    conversions: object = None,
    *,
    value: object = None,
    nulls: object = None,
    sep: str | None = None,
) -> Attribution:
    """Fractribution's counterfactual model, which it calls "shapley".

    Identical paths are pooled; a path's conversion rate is its conversions over its
    conversions plus nulls (0 for a path no journey took). Touch i of a converting path is
    worth the rate lost without it, rate(path) - rate(path without touch i), floored at 0,
    and the path's conversions and value are shared in proportion; a one-touch path
    credits its touch, and a path where no touch is worth anything credits its last touch.

    >>> from socialroi import attribution
    >>> paths = [["a", "b"], ["a"], ["b"]]
    >>> r = attribution.leave_one_out(paths, [3, 1, 1], nulls=[1, 3, 0])
    >>> r.conversions   # rate(a, b) = 0.75: 0.5 above rate(a), below rate(b) = 1
    {'a': 1.0, 'b': 4.0}
    """
    j = encode(paths, conversions, value=value, nulls=nulls, sep=sep)
    codes = j.codes.tolist()
    starts = j.offsets.tolist()
    keys = [tuple(codes[starts[k] : starts[k + 1]]) for k in range(j.size)]
    pooled: dict[tuple[int, ...], list[float]] = {}
    for key, c, n in zip(keys, j.conversions.tolist(), j.nulls.tolist(), strict=True):
        seen = pooled.setdefault(key, [0.0, 0.0])
        seen[0] += c
        seen[1] += n

    def rate(key: tuple[int, ...]) -> float:
        c, n = pooled.get(key, (0.0, 0.0))
        return c / (c + n) if c + n > 0 else 0.0

    shares: dict[tuple[int, ...], list[float]] = {}
    for key in pooled:
        if len(key) == 1:
            shares[key] = [1.0]
            continue
        whole = rate(key)
        worth = [max(whole - rate(key[:i] + key[i + 1 :]), 0.0) for i in range(len(key))]
        total = sum(worth)
        shares[key] = [w / total for w in worth] if total > 0 else [0.0] * (len(key) - 1) + [1.0]
    weights = np.fromiter((w for key in keys for w in shares[key]), dtype=np.float64)
    return _by_touch_weights("leave_one_out", j, weights)
