"""Bootstrap intervals for any model's channel credit and channel ROI, by resampling
journeys with the caller's random generator.

Identical paths are pooled first, so each draw runs the model on the small table of
distinct paths: a draw is one multinomial sample of how many times each journey (or each
input row) is taken, added up per path.
"""

from __future__ import annotations

import inspect
import numbers
from collections.abc import Callable, Mapping
from typing import Any

import attrs
import numpy as np

from socialroi._errors import InvalidTypeError, InvalidValueError
from socialroi._measures.measures import Measures
from socialroi._metrics.arrays import Float64Array
from socialroi._reports.activity import Activity
from socialroi.attribution._heuristics import time_decay
from socialroi.attribution._journeys import Journeys, encode
from socialroi.attribution._paths import PathTable
from socialroi.attribution._result import Attribution

Interval = tuple[float, float]

#: Each draw reruns the model: socialroi refuses more draws than this.
MAX_DRAWS = 1_000_000


@attrs.frozen(eq=False)
class CreditIntervals:
    """A model's credit with bootstrap percentile intervals at ``level``: per channel, the
    interval of credited conversions, of credited value and (given costs) of ROI, and the
    draws they come from (one row per draw, one column per channel of ``channels``)."""

    estimate: Attribution
    level: float
    channels: tuple[str, ...]
    conversions: Mapping[str, Interval]
    value: Mapping[str, Interval]
    roi: Mapping[str, Interval] | None
    conversion_draws: Float64Array
    value_draws: Float64Array
    roi_draws: Float64Array | None


@attrs.frozen(eq=False)
class _Cells:
    """Resampling units pooled by path: ``count[k]`` units in cell k, each adding
    ``unit[k]`` (conversions, value, nulls) to path ``path[k]``."""

    paths: list[tuple[str, ...]]
    path: np.ndarray
    count: Float64Array
    unit: Float64Array


def _pool(j: Journeys) -> tuple[list[tuple[str, ...]], np.ndarray]:
    """The distinct paths, and each journey's index among them."""
    codes = j.codes.tolist()
    starts = j.offsets.tolist()
    index: dict[tuple[int, ...], int] = {}
    of = [
        index.setdefault(tuple(codes[starts[k] : starts[k + 1]]), len(index))
        for k in range(j.size)
    ]
    paths = [tuple(j.channels[c] for c in key) for key in index]
    return paths, np.asarray(of, dtype=np.intp)


def _cells(paths: object, j: Journeys) -> _Cells:
    distinct, of = _pool(j)
    if not isinstance(paths, PathTable):  # the input rows are the journeys
        unit = np.column_stack([j.conversions, j.value, j.nulls])
        return _Cells(distinct, of, np.ones(j.size), unit)
    counts = np.concatenate([j.conversions, j.nulls])
    if np.any(counts != np.round(counts)):
        raise InvalidValueError(
            "a PathTable resampled by journey needs whole numbers of conversions and nulls"
        )
    per_conversion = np.divide(
        j.value, j.conversions, out=np.zeros(j.size), where=j.conversions > 0
    )
    converted = np.column_stack([np.ones(j.size), per_conversion, np.zeros(j.size)])
    lost = np.column_stack([np.zeros(j.size), np.zeros(j.size), np.ones(j.size)])
    return _Cells(distinct, np.concatenate([of, of]), counts, np.vstack([converted, lost]))


def _check(model: object, rng: object, draws: object, level: object) -> tuple[int, float]:
    if not callable(model):
        raise InvalidTypeError(f"'model' must be an attribution model such as markov: {model!r}")
    if model is time_decay:
        raise InvalidValueError(
            "bootstrap pools identical paths, which drops time_decay's touch times: "
            "bootstrap another model"
        )
    if not isinstance(rng, np.random.Generator):
        raise InvalidTypeError(
            f"'rng' must be a numpy.random.Generator, e.g. numpy.random.default_rng(seed): {rng!r}"
        )
    if (
        isinstance(draws, bool)
        or not isinstance(draws, numbers.Integral)
        or not 2 <= int(draws) <= MAX_DRAWS
    ):
        raise InvalidValueError(
            f"'draws' must be a whole number from 2 to {MAX_DRAWS:,}: {draws!r}"
        )
    if isinstance(level, bool) or not isinstance(level, numbers.Real) or not 0 < float(level) < 1:
        raise InvalidValueError(f"'level' must be a confidence level between 0 and 1: {level!r}")
    return int(draws), float(level)


def _rois(
    credit: Attribution, costs: Mapping[str, Measures | Activity], channels: tuple[str, ...]
) -> list[float]:
    report = credit.report(costs)
    return [report.row(c).roi for c in channels]


def _intervals(names: tuple[str, ...], draws: Float64Array, level: float) -> dict[str, Interval]:
    tail = (1 - level) / 2
    with np.errstate(invalid="ignore"):  # an ROI undefined in every draw stays NaN
        low, high = np.quantile(draws, [tail, 1 - tail], axis=0)
    return {c: (float(a), float(b)) for c, a, b in zip(names, low, high, strict=True)}


def bootstrap(
    model: Callable[..., Attribution],
    paths: object,
    conversions: object = None,
    *,
    rng: np.random.Generator,
    value: object = None,
    nulls: object = None,
    costs: Mapping[str, Measures | Activity] | None = None,
    draws: int = 1000,
    level: float = 0.95,
    sep: str | None = None,
    **options: Any,
) -> CreditIntervals:
    """Percentile bootstrap intervals of ``model``'s credit per channel, and of each
    channel's ROI when ``costs`` are given (as for ``Attribution.report``).

    Each draw resamples journeys with replacement, as many as there are: from a
    ``PathTable``, its journeys (a converted journey worth its path's mean value per
    conversion); otherwise the input rows, each with its conversions, value and nulls.
    ``options`` go to the model (``order=2``, ``value_by="value"``...); so do ``nulls``
    when the model takes them. Randomness comes only from ``rng``.

    >>> import numpy as np
    >>> from socialroi import attribution
    >>> paths = [["a", "b"], ["b"], ["a"], ["b", "a"]] * 25
    >>> ci = attribution.bootstrap(attribution.linear, paths, 1,
    ...                            rng=np.random.default_rng(1), draws=200)
    >>> ci.estimate.conversions
    {'a': 50.0, 'b': 50.0}
    >>> low, high = ci.conversions["a"]
    >>> bool(40 < low < 50 < high < 60)
    True
    """
    n_draws, confidence = _check(model, rng, draws, level)
    j = encode(paths, conversions, value=value, nulls=nulls, sep=sep)
    cells = _cells(paths, j)
    takes_nulls = "nulls" in inspect.signature(model).parameters

    encoded = encode(cells.paths, 0.0)  # the distinct paths, encoded once for every draw

    def run(sums: Float64Array) -> Attribution:
        if takes_nulls:
            options["nulls"] = sums[:, 2]
        return model(encoded, sums[:, 0], value=sums[:, 1], sep=None, **options)

    size = len(cells.paths)

    def pooled(weights: Float64Array) -> Float64Array:
        contributions = cells.unit * weights[:, None]
        return np.column_stack(
            [
                np.bincount(cells.path, weights=contributions[:, k], minlength=size)
                for k in range(3)
            ]
        )

    estimate = run(pooled(cells.count))
    channels = tuple(estimate.conversions)
    total = float(cells.count.sum())
    if total == 0:
        raise InvalidValueError(
            "the PathTable has no journeys to resample (every path has 0 conversions and 0 nulls)"
        )
    units = round(total)
    probabilities = cells.count / total
    conv = np.empty((n_draws, len(channels)))
    val = np.empty((n_draws, len(channels)))
    roi_channels = tuple(costs) if costs is not None else ()
    if costs is not None:
        _rois(estimate, costs, roi_channels)  # bad costs raise before any draw
    rois = np.empty((n_draws, len(roi_channels))) if costs is not None else None
    for d in range(n_draws):
        taken = rng.multinomial(units, probabilities).astype(np.float64)
        credit = run(pooled(taken))
        conv[d] = [credit.conversions[c] for c in channels]
        val[d] = [credit.value[c] for c in channels]
        if rois is not None and costs is not None:
            rois[d] = _rois(credit, costs, roi_channels)
    return CreditIntervals(
        estimate,
        confidence,
        channels,
        _intervals(channels, conv, confidence),
        _intervals(channels, val, confidence),
        None if rois is None else _intervals(roi_channels, rois, confidence),
        conv,
        val,
        rois,
    )
