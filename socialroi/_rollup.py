"""Columnar roll-ups: group columns of measures by dimensions, sum, and return a Report.

Two engines, one result. A mapping of column names to arrays takes the numpy path: keys are
factorised into integer codes and every measure is summed with ``np.bincount``. A data frame
(pandas, polars, pyarrow; lazy polars, DuckDB, Dask, PySpark) takes the narwhals path: the
group-by and the sums run in the caller's engine and only the aggregated table comes back.
Metrics are then read from the sums by the catalog, exactly as for :func:`report`.

Reach is not additive: a ``reach`` column (deduplicated reach of each input row) rolls up as
bounds, like :class:`Measures` does: the lower bound is the largest reach in the group, the
upper bound their sum. Without a ``reach`` column, reach is bounded by impressions.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from socialroi._arrays import Float64Array, ZeroDivision
from socialroi._currency import check_currency
from socialroi._errors import (
    InvalidTypeError,
    InvalidValueError,
    MissingDependencyError,
    UnknownNameError,
)
from socialroi._measures import ADDITIVE_MEASURES
from socialroi._report import DATA_COLUMNS, Report

PERIODS = {"day": "1d", "week": "1w", "month": "1mo", "quarter": "1q", "year": "1y"}


def rollup(
    data: object,
    *,
    by: str | Sequence[str],
    currency: str,
    measures: Mapping[str, str] | None = None,
    period: tuple[str, str] | None = None,
    zero_division: ZeroDivision = math.nan,
) -> Report:
    """Group rows by the dimension columns ``by``, sum the measures, read the metrics.

    Parameters
    ----------
    data
        A mapping of column names to arrays (the numpy path), or a data frame narwhals
        supports (pandas, polars, pyarrow, DuckDB, Dask, PySpark...).
    by
        The dimension column(s) to group by; ``()`` for one total row.
    currency
        ISO 4217 code of every money column.
    measures
        Measure columns are recognised by name (action kinds, cost categories, ``revenue``,
        ``value_<action>``, and ``reach``); map other names here, ``{"spend": "ad_spend"}``.
    period
        ``(date_column, "day" | "week" | "month" | "quarter" | "year")``: bucket a date column
        in the engine and group by it as the dimension ``"period"`` (frames only).

    Examples
    --------
    >>> import numpy as np
    >>> import socialroi as sr
    >>> rep = sr.rollup({"channel": np.array(["x", "y", "x"]),
    ...                  "impressions": [1_000, 500, 3_000], "ad_spend": [10, 5, 14]},
    ...                 by="channel", currency="USD")
    >>> rep.column("cpm").tolist()
    [6.0, 10.0]
    """
    dims = (by,) if isinstance(by, str) else tuple(by)
    if not all(isinstance(d, str) for d in dims):
        raise InvalidTypeError(f"'by' must be a column name or a sequence of names: {by!r}")
    code = check_currency(currency)
    renames = dict(measures or {})
    for target in renames.values():
        if target not in (*ADDITIVE_MEASURES, "reach"):
            raise UnknownNameError(
                f"'measures' maps to {target!r}, which is not a measure; use an action kind, a "
                "cost category, 'revenue', 'value_<action>' or 'reach'"
            )
    if isinstance(data, Mapping):
        if period is not None:
            raise InvalidValueError(
                "'period' buckets dates in a data frame engine; for arrays, "
                "pass the period labels as a dimension column"
            )
        keys, sums = _numpy_rollup(data, dims, renames)
    else:
        keys, sums, dims = _frame_rollup(data, dims, renames, period)
    return Report(dims, keys, sums, code, zero_division=zero_division)


# -- the numpy path -------------------------------------------------------------------------


def _measure_names(columns: Sequence[str], renames: Mapping[str, str]) -> dict[str, str]:
    """measure name -> source column, for every measure present."""
    found = {c: c for c in columns if c in (*ADDITIVE_MEASURES, "reach") and c not in renames}
    found.update({target: source for source, target in renames.items()})
    missing = [source for source in renames if source not in columns]
    if missing:
        raise UnknownNameError(f"'measures' names columns that are not in the data: {missing}")
    return {m: found[m] for m in found}


def _check_measure(name: str, values: object) -> Float64Array:
    """The column as float64, checked for negatives with one reduction; NaN and infinities
    show up in the group sums and are reported from there (see :func:`_check_sums`)."""
    array = np.asarray(values)
    if array.dtype.kind not in "iuf":
        raise InvalidTypeError(
            f"measure column {name!r} must be numeric, not {array.dtype}; convert it first"
        )
    array = array.astype(np.float64, copy=False)
    if array.size and not array.min() >= 0:  # NaN fails this too
        _explain(name, array)
    return array


def _explain(name: str, array: Float64Array) -> None:
    with np.errstate(invalid="ignore"):
        nan = int(np.isnan(array).sum())
        inf = int(np.isinf(array).sum())
        negative = int((array < 0).sum())
    raise InvalidValueError(
        f"measure column {name!r} has {nan} NaN, {inf} infinite and {negative} negative "
        "row(s); measures must be finite and >= 0"
    )


def _factorise(name: str, values: object, size: int) -> tuple[np.ndarray, list[str]]:
    """Integer codes in label order and the labels (as strings)."""
    array = np.asarray(values)
    if array.ndim != 1 or len(array) != size:
        raise InvalidValueError(
            f"dimension column {name!r} needs one label per row ({size}): shape {array.shape}"
        )
    if array.dtype.kind in "iub":
        if array.size and array.min() >= 0 and array.max() < 4 * size + 1024:
            # small non-negative integer codes are their own codes: absent ones make empty
            # groups, which the roll-up drops
            return array, [str(v) for v in range(int(array.max()) + 1)]
        uniques, codes = np.unique(array, return_inverse=True)
        return codes, [str(v) for v in uniques]
    if array.dtype.kind == "f":
        raise InvalidTypeError(
            f"dimension column {name!r} holds floats; use labels (strings) or integer codes"
        )
    if array.dtype.kind == "O":
        bad = int(sum(1 for v in array if v is None or (isinstance(v, float) and math.isnan(v))))
        if bad:
            raise InvalidValueError(
                f"dimension column {name!r} has {bad} missing label(s); fill or drop them"
            )
        array = array.astype(str)
    if array.dtype.kind == "U" and array.size:
        hashed = _factorise_by_hash(array)
        if hashed is not None:
            return hashed
    uniques, codes = np.unique(array, return_inverse=True)
    return codes, [str(v) for v in uniques]


_SLOTS = 1 << 22


def _factorise_by_hash(array: np.ndarray) -> tuple[np.ndarray, list[str]] | None:
    """Factorise fixed-width strings without sorting them: hash each label (FNV-style over
    its UTF-32 code units) into 2**22 slots, and keep the result only if no two different
    labels share a slot (checked against one representative per slot); else return None."""
    units = array.view(np.uint32).reshape(array.size, -1)
    h = np.full(array.size, 14695981039346656037, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for j in range(units.shape[1]):
            h = (h ^ units[:, j]) * np.uint64(1099511628211)
        h ^= h >> np.uint64(33)  # murmur3's finaliser spreads every bit into the top ones
        h *= np.uint64(0xFF51AFD7ED558CCD)
        h ^= h >> np.uint64(33)
    slot = (h >> np.uint64(42)).astype(np.intp)
    first = np.full(_SLOTS, -1, dtype=np.intp)
    first[slot[::-1]] = np.arange(array.size - 1, -1, -1)  # first row seen in each slot
    occupied = np.flatnonzero(first >= 0)
    representatives = array[first[occupied]]
    slot_code = np.zeros(_SLOTS, dtype=np.intp)
    order = np.argsort(representatives)  # codes in label order
    slot_code[occupied[order]] = np.arange(occupied.size)
    codes = slot_code[slot]
    if not np.array_equal(representatives[order][codes], array):
        return None  # two labels collided in a slot: fall back to sorting
    return codes, [str(v) for v in representatives[order]]


def _numpy_rollup(
    data: Mapping[str, object], dims: tuple[str, ...], renames: Mapping[str, str]
) -> tuple[tuple[tuple[str, ...], ...], dict[str, Float64Array]]:
    missing = [d for d in dims if d not in data]
    if missing:
        raise UnknownNameError(f"dimension column(s) {missing} are not in the data")
    names = _measure_names(list(data), renames)
    columns = {m: _check_measure(source, data[source]) for m, source in names.items()}
    sizes = {len(c) for c in columns.values()} | {len(np.asarray(data[d])) for d in dims}
    if len(sizes) > 1:
        raise InvalidValueError(f"columns have different lengths: {sorted(sizes)}")
    size = sizes.pop() if sizes else 0
    code: np.ndarray = np.zeros(size, dtype=np.intp)
    labels: list[list[str]] = []
    for i, d in enumerate(dims):  # mixed-radix code over the dimensions, in label order
        codes, uniques = _factorise(d, data[d], size)
        code = codes if i == 0 else code * len(uniques) + codes
        labels.append(uniques)
    groups = int(np.prod([len(u) for u in labels])) if dims else 1
    counts = np.bincount(code, minlength=groups)
    present = np.flatnonzero(counts)
    sums: dict[str, Float64Array] = {}
    for name in ADDITIVE_MEASURES:
        if name in columns:
            sums[name] = _sum_by(code, columns[name], groups)[present]
        else:
            sums[name] = np.zeros(present.size)
    for name, source in names.items():
        if name in sums and not np.isfinite(sums[name]).all():
            _explain(source, columns[name])
    if "reach" in columns:
        low = np.zeros(groups)
        np.maximum.at(low, code, columns["reach"])
        sums["reach_low"] = low[present]
        sums["reach_high"] = _sum_by(code, columns["reach"], groups)[present]
        if not np.isfinite(sums["reach_high"]).all():
            _explain(names["reach"], columns["reach"])
        sums["reach_measured"] = np.ones(present.size)
    else:
        sums["reach_low"] = np.zeros(present.size)
        sums["reach_high"] = sums["impressions"].copy()
        sums["reach_measured"] = np.zeros(present.size)
    keys = []
    for group in present:
        key, rest = [], int(group)
        for uniques in reversed(labels):
            rest, i = divmod(rest, len(uniques))
            key.append(uniques[i])
        keys.append(tuple(reversed(key)))
    _check_reach(sums)
    order = sorted(range(len(keys)), key=keys.__getitem__)  # rows sorted like report()
    return tuple(keys[i] for i in order), {c: sums[c][order] for c in DATA_COLUMNS}


def _sum_by(code: np.ndarray, weights: Float64Array, groups: int) -> Float64Array:
    return np.asarray(np.bincount(code, weights=weights, minlength=groups), dtype=np.float64)


def _check_reach(sums: Mapping[str, Float64Array]) -> None:
    bad = int(np.sum(sums["reach_low"] > sums["impressions"]))
    if bad and sums["reach_measured"].any():
        raise InvalidValueError(
            f"the 'reach' column exceeds impressions in {bad} group(s); every person reached "
            "saw at least one impression, so record impressions with reach"
        )


# -- the data-frame path --------------------------------------------------------------------


def _narwhals() -> Any:
    try:
        import narwhals.stable.v2 as nw
    except ImportError:  # pragma: no cover - narwhals is a core dependency
        raise MissingDependencyError("data frames need narwhals: pip install narwhals") from None
    return nw


def _frame_rollup(
    data: object,
    dims: tuple[str, ...],
    renames: Mapping[str, str],
    period: tuple[str, str] | None,
) -> tuple[tuple[tuple[str, ...], ...], dict[str, Float64Array], tuple[str, ...]]:
    nw = _narwhals()
    try:
        with warnings.catch_warnings():  # narwhals announces Dask moving to a plugin
            warnings.filterwarnings(
                "ignore", message="Dask support is moving", category=FutureWarning
            )
            frame = nw.from_native(data)
    except TypeError:
        raise InvalidTypeError(
            "'data' must be a mapping of column names to arrays or a data frame (pandas, "
            f"polars, pyarrow, DuckDB, Dask, PySpark...): {type(data).__name__}"
        ) from None
    schema = frame.collect_schema() if hasattr(frame, "collect_schema") else frame.schema
    columns = list(schema.names())
    if period is not None:
        if (
            not isinstance(period, tuple)
            or len(period) != 2
            or period[0] not in columns
            or period[1] not in PERIODS
        ):
            raise InvalidValueError(
                f"'period' must be (date column, one of {tuple(PERIODS)}): {period!r}"
            )
        frame = frame.with_columns(
            nw.col(period[0]).dt.truncate(PERIODS[period[1]]).alias("period")
        )
        dims = (*dims, "period") if "period" not in dims else dims
        columns.append("period")
    missing = [d for d in dims if d not in columns]
    if missing:
        raise UnknownNameError(f"dimension column(s) {missing} are not in the data")
    names = _measure_names(columns, renames)
    for source in names.values():
        dtype = schema.get(source)
        if dtype is not None and not dtype.is_numeric():
            raise InvalidTypeError(
                f"measure column {source!r} must be numeric, not {dtype}; convert it first"
            )
    if names and frame.implementation is nw.Implementation.PANDAS:
        native = nw.to_native(frame)  # eager pandas: one numpy min per column (NaN propagates)
        for source in names.values():
            values = native[source].to_numpy(dtype=np.float64, na_value=np.nan)
            if values.size and not values.min() >= 0:
                _explain_frame(nw, frame, source)
    elif names:  # one cheap global pass (min and non-null count), so the group-by is a plain sum
        checks = [nw.len().alias("__rows")]
        for m, source in names.items():
            checks += [
                nw.col(source).min().alias(f"__min_{m}"),
                nw.col(source).count().alias(f"__n_{m}"),
            ]
        found = _collect(frame.select(*checks))
        for m, source in names.items():
            low = found[f"__min_{m}"][0]
            if found[f"__n_{m}"][0] != found["__rows"][0] or (low is not None and low < 0):
                _explain_frame(nw, frame, source)  # the slow path counts the bad rows
    aggs = [nw.col(source).sum().alias(m) for m, source in names.items()]
    if "reach" in names:
        aggs.append(nw.col(names["reach"]).max().alias("__reach_max"))
    if not aggs:
        aggs = [nw.len().alias("__rows")]
    grouped = frame.group_by(list(dims)).agg(*aggs) if dims else frame.select(*aggs)
    if hasattr(grouped, "collect"):
        grouped = grouped.collect()  # only the aggregated table leaves the engine
    result = grouped.to_dict(as_series=False)
    if dims:
        for d in dims:
            nulls = sum(
                1 for v in result[d] if v is None or (isinstance(v, float) and math.isnan(v))
            )
            if nulls:
                raise InvalidValueError(
                    f"dimension column {d!r} has missing labels in {nulls} group(s); fill them"
                )
    sums: dict[str, Float64Array] = {}
    for m, source in names.items():
        total = np.asarray(result[m], dtype=np.float64)
        broken = int(np.sum(~np.isfinite(total)))
        if broken:
            raise InvalidValueError(
                f"measure column {source!r} sums to NaN or infinity in {broken} group(s): it "
                "holds NaN or infinite values; measures must be finite and >= 0"
            )
        sums[m] = total
    size = len(next(iter(result.values())))
    data_out = {m: sums.get(m, np.zeros(size)) for m in ADDITIVE_MEASURES}
    if "reach" in names:
        data_out["reach_low"] = np.asarray(result["__reach_max"], dtype=np.float64)
        data_out["reach_high"] = sums["reach"]
        data_out["reach_measured"] = np.ones(size)
    else:
        data_out["reach_low"] = np.zeros(size)
        data_out["reach_high"] = data_out["impressions"].copy()
        data_out["reach_measured"] = np.zeros(size)
    _check_reach(data_out)
    labels = [[_label(v) for v in result[d]] for d in dims]
    keys = [tuple(label[i] for label in labels) for i in range(size)] if dims else [()]
    order = sorted(range(len(keys)), key=keys.__getitem__)
    return (
        tuple(keys[i] for i in order),
        {c: data_out[c][order] for c in DATA_COLUMNS},
        dims,
    )


def _collect(frame: Any) -> dict[str, list[Any]]:
    done = frame.collect() if hasattr(frame, "collect") else frame
    return dict(done.to_dict(as_series=False))


def _explain_frame(nw: Any, frame: Any, source: str) -> None:
    col = nw.col(source)
    found = _collect(
        frame.select(col.is_null().sum().alias("nulls"), (col < 0).sum().alias("negative"))
    )
    nulls, negative = int(found["nulls"][0]), int(found["negative"][0] or 0)
    raise InvalidValueError(
        f"measure column {source!r} has {nulls} missing (null or NaN) and {negative} negative "
        "row(s); measures must be finite and >= 0"
    )


def _label(value: object) -> str:
    if hasattr(value, "date") and hasattr(value, "isoformat"):
        return str(value.date().isoformat() if hasattr(value, "hour") else value.isoformat())
    return str(value)
