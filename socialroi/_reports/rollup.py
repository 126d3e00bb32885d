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
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, NamedTuple

import numpy as np

from socialroi._errors import (
    InvalidTypeError,
    InvalidValueError,
    MissingDependencyError,
    UnknownNameError,
)
from socialroi._measures.measures import ADDITIVE_MEASURES, VALUE_MEASURES
from socialroi._metrics.arrays import Float64Array, ZeroDivision
from socialroi._reports.factorise import factorise
from socialroi._reports.periods import PERIODS, bucket, fold
from socialroi._reports.report import DATA_COLUMNS, Report
from socialroi._values.currency import check_currency

_BLOCK = 1 << 17  # rows per block of the sums loop


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


def _add_return_columns(data_out: dict[str, Float64Array], names: Mapping[str, str]) -> None:
    """A return is recorded where the input had a revenue or valued-action column (a column
    of zeros records a return of 0); rows of a frame have no mode, so all return is paid."""
    size = data_out["revenue"].size
    recorded = any(m == "revenue" or m.startswith("value_") for m in names)
    data_out["return_recorded"] = np.full(size, float(recorded))
    paid = data_out["revenue"].copy()
    for m in VALUE_MEASURES:
        paid += data_out[m]
    data_out["paid_return"] = paid


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
    """The column as float64. Negatives and NaN are caught block by block in the sums loop
    (:func:`_sums`), infinities from the group sums: no separate pass over the column."""
    array = np.asarray(values)
    if array.dtype.kind not in "iuf":
        raise InvalidTypeError(
            f"measure column {name!r} must be numeric, not {array.dtype}; convert it first"
        )
    if array.ndim != 1:
        raise InvalidValueError(f"measure column {name!r} must be one-dimensional: {array.shape}")
    return array.astype(np.float64, copy=False)


def _explain(name: str, array: Float64Array) -> None:
    with np.errstate(invalid="ignore"):
        nan = int(np.isnan(array).sum())
        inf = int(np.isinf(array).sum())
        negative = int((array < 0).sum())
    raise InvalidValueError(
        f"measure column {name!r} has {nan} NaN, {inf} infinite and {negative} negative "
        "row(s); measures must be finite and >= 0"
    )


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
    factors = [factorise(d, data[d], size) for d in dims]
    groups = _group_codes(factors, size)
    sums, counts = _sums(groups, columns, names)
    for name, source in names.items():
        if not np.isfinite(sums[name]).all():
            _explain(source, columns[name])
    if counts is None:  # a group with rows has a non-zero sum, unless all its sums are zero
        nonzero = np.zeros(groups.n_groups, dtype=bool)
        for total in sums.values():
            nonzero |= total != 0
        if not nonzero.all():
            counts = _sums(groups, {}, {})[1]
    present = np.flatnonzero(counts) if counts is not None else np.arange(groups.n_groups)
    data_out = {
        m: sums[m][present] if m in sums else np.zeros(present.size) for m in ADDITIVE_MEASURES
    }
    if "reach" in columns:
        low = np.zeros(groups.n_groups)
        for rows, code in groups.blocks():
            np.maximum.at(low, code, columns["reach"][rows])
        data_out["reach_low"] = low[present]
        data_out["reach_high"] = sums["reach"][present]
        data_out["reach_measured"] = np.ones(present.size)
    else:
        data_out["reach_low"] = np.zeros(present.size)
        data_out["reach_high"] = data_out["impressions"].copy()
        data_out["reach_measured"] = np.zeros(present.size)
    _check_reach(data_out)
    _add_return_columns(data_out, names)
    keys = [
        tuple(labels[i] for (_, labels), i in zip(factors, combo, strict=True))
        for combo in groups.combinations(present)
    ]
    order = sorted(range(len(keys)), key=keys.__getitem__)  # rows sorted like report()
    return tuple(keys[i] for i in order), {c: data_out[c][order] for c in DATA_COLUMNS}


class _Groups(NamedTuple):
    """Rows' group codes as a mixed-radix number over per-dimension codes (formed block by
    block in :meth:`blocks`), the number of groups, and each group's per-dimension codes."""

    codes: list[np.ndarray]
    radices: list[int]
    n_groups: int
    combos: np.ndarray | None  # None: decoded from the mixed-radix number
    size: int

    def combinations(self, groups: np.ndarray) -> list[list[int]]:
        """Each group's per-dimension codes."""
        if self.combos is not None:
            return list(self.combos[groups].tolist())
        if not self.radices:
            return [[] for _ in groups]
        return list(np.stack(np.unravel_index(groups, self.radices), axis=1).tolist())

    def blocks(self) -> Iterator[tuple[slice, np.ndarray]]:
        """(rows, group code of each row), block by block: a block's codes and measure
        slices stay in the CPU caches while every measure is summed."""
        step = max(_BLOCK, 8 * self.n_groups)  # each block's bincount costs O(groups)
        buffer = np.zeros(min(self.size, step), dtype=np.intp)
        for start in range(0, self.size, step):
            rows = slice(start, min(start + step, self.size))
            code = buffer[: rows.stop - rows.start]
            if self.codes:
                np.copyto(code, self.codes[0][rows], casting="unsafe")
            for c, radix in zip(self.codes[1:], self.radices[1:], strict=True):
                code *= radix
                np.add(code, c[rows], out=code, casting="unsafe")
            yield rows, code


def _group_codes(factors: Sequence[tuple[np.ndarray, list[str]]], size: int) -> _Groups:
    """Where the mixed-radix space is much larger than the data, the combinations present
    are found by sorting instead, and they become a single code."""
    radices = [len(labels) for _, labels in factors]
    count = math.prod(radices)
    if count <= 4 * size + 1024:
        return _Groups([c for c, _ in factors], radices, count, None, size)
    stacked = np.stack([np.asarray(c, dtype=np.intp) for c, _ in factors], axis=1)
    combos, code = np.unique(stacked, axis=0, return_inverse=True)
    return _Groups([code.reshape(-1)], [len(combos)], len(combos), combos, size)


def _sums(
    groups: _Groups, columns: Mapping[str, Float64Array], names: Mapping[str, str]
) -> tuple[dict[str, Float64Array], np.ndarray | None]:
    """Group sums of every column, and the group row counts when there are no columns.
    A block whose minimum is not >= 0 (a negative or NaN) stops the loop with the column's
    full diagnosis."""
    sums = {m: np.zeros(groups.n_groups) for m in columns}
    counts = None if columns else np.zeros(groups.n_groups, dtype=np.intp)
    for rows, code in groups.blocks():
        for m, column in columns.items():
            block = column[rows]
            if block.size and not block.min() >= 0:
                _explain(names[m], column)
            sums[m] += np.bincount(code, weights=block, minlength=groups.n_groups)
        if counts is not None:
            counts += np.bincount(code, minlength=groups.n_groups)
    return sums, counts


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
    unfolded = None
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
        frame, unfolded = bucket(nw, frame, period[0], period[1])
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
        for d in dims:  # NaN and NaT differ from themselves
            nulls = sum(1 for v in result[d] if v is None or v != v)
            if nulls:
                raise InvalidValueError(
                    f"dimension column {d!r} has missing labels in {nulls} group(s); fill them"
                )
    if unfolded is not None:
        result = fold(result, dims, frozenset({"__reach_max"}), unfolded)
    sums: dict[str, Float64Array] = {}
    for m, source in names.items():
        total = np.asarray(result[m], dtype=np.float64)
        if not np.isfinite(total).all():
            _explain_not_finite(nw, frame, source)
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
    _add_return_columns(data_out, names)
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
        frame.select(  # counted as integers: Spark does not sum booleans
            col.is_null().cast(nw.Int64).sum().alias("nulls"),
            (col < 0).cast(nw.Int64).sum().alias("negative"),
        )
    )
    nulls, negative = int(found["nulls"][0]), int(found["negative"][0] or 0)
    raise InvalidValueError(
        f"measure column {source!r} has {nulls} missing (null or NaN) and {negative} negative "
        "row(s); measures must be finite and >= 0"
    )


def _explain_not_finite(nw: Any, frame: Any, source: str) -> None:
    col = nw.col(source)
    found = _collect(
        frame.select(
            col.is_nan().cast(nw.Int64).sum().alias("nan"),
            (~col.is_finite()).cast(nw.Int64).sum().alias("not_finite"),
        )
    )
    nan, not_finite = int(found["nan"][0] or 0), int(found["not_finite"][0] or 0)
    raise InvalidValueError(
        f"measure column {source!r} has {nan} NaN and {not_finite - nan} infinite row(s); "
        "measures must be finite and >= 0"
    )


def _label(value: object) -> str:
    if hasattr(value, "date") and hasattr(value, "isoformat"):
        return str(value.date().isoformat() if hasattr(value, "hour") else value.isoformat())
    return str(value)
