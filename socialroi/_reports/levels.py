"""Levels in roll-ups: each group's earliest and latest reading per series.

A level column (followers) holds a reading on some rows, read on the date of a date column,
for the series (account, page) its series columns name; other rows leave it empty. A group's
level is, for each series, its reading on the earliest date and on the latest date, then the
series add (see :class:`~socialroi.Level`). The engine reduces the rows to one per group,
series and date (the smallest and largest reading, which must agree); the spans are read from
that table here.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np

from socialroi._errors import InvalidTypeError, InvalidValueError
from socialroi._reports.labels import Key, Label
from socialroi._values.level import Level, Span

#: A group's labels -> its levels by name.
GroupLevels = dict[Key, dict[str, Level]]


def _group_series(dims: Sequence[str]) -> Callable[[Key], str]:
    """Without series columns, a group's readings are of one series named by its labels
    (periods aside, so a channel's months chain and channels add in a total)."""
    at = [i for i, d in enumerate(dims) if d != "period"]
    return lambda key: "/".join(str(key[i]) for i in at)


def _series_label(labels: Sequence[object], series: Sequence[str]) -> str:
    for name, label in zip(series, labels, strict=True):
        if label is None or (isinstance(label, float) and math.isnan(label)):
            raise InvalidValueError(
                f"series column {name!r} has a missing label on a row with a level reading; "
                "fill it"
            )
    return "/".join(str(label) for label in labels)


def spans(
    level: str,
    rows: Sequence[tuple[Key, str, dt.date, float, float]],
    out: GroupLevels,
) -> None:
    """Add to ``out`` the level of each group from its (group, series, date, lowest reading,
    highest reading) rows, one per group, series and date."""
    found: dict[tuple[Key, str], Span] = {}
    for key, series, day, low, high in rows:
        if not (math.isfinite(low) and math.isfinite(high)) or low < 0:
            raise InvalidValueError(
                f"level {level!r} has a reading {low!r} for series {series!r} on "
                f"{day.isoformat()}: readings must be finite and >= 0 (leave a row empty when "
                "it has no reading)"
            )
        if low != high:
            raise InvalidValueError(
                f"level {level!r} of series {series!r} is read twice on {day.isoformat()} "
                f"with different values ({low!r} and {high!r}) in group {key!r}; a series has "
                "one level a day: name the column that tells the accounts apart in series=, "
                "or drop the duplicates"
            )
        span = Span(day, low, day, low)
        mine = found.get((key, series))
        found[(key, series)] = span if mine is None else mine | span
    grouped: dict[Key, dict[str, Span]] = {}
    for (key, series), span in found.items():
        grouped.setdefault(key, {})[series] = span
    for key, by_series in grouped.items():
        out.setdefault(key, {})[level] = Level(by_series)


def _day(value: object, column: str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    raise InvalidTypeError(
        f"the date column {column!r} levels are read on must hold dates: {value!r}"
    )


def frame_levels(
    nw: Any,
    frame: Any,
    dims: Sequence[str],
    series: Sequence[str],
    read_on: str,
    sources: Mapping[str, str],
    label: Callable[[str, object], Label],
) -> GroupLevels:
    """The levels of every group of a frame, reduced in the engine to one row per group,
    series and date; ``label`` turns a group's value on a dimension into its label."""
    out: GroupLevels = {}
    keys = list(dict.fromkeys([*dims, *series, read_on]))
    own = _group_series(dims)
    for level, source in sources.items():
        reading = nw.col("__level")
        table = (
            frame.with_columns(nw.col(source).cast(nw.Float64).alias("__level"))
            .filter(~reading.is_null() & ~reading.is_nan())  # empty: no reading on the row
            .group_by(keys)
            .agg(nw.col("__level").min().alias("__low"), nw.col("__level").max().alias("__high"))
        )
        if hasattr(table, "collect"):
            table = table.collect()
        got = table.to_dict(as_series=False)
        rows = []
        for i in range(len(got["__low"])):
            key = tuple(label(d, got[d][i]) for d in dims)
            rows.append(
                (
                    key,
                    _series_label([got[s][i] for s in series], series) if series else own(key),
                    _day(got[read_on][i], read_on),
                    float(got["__low"][i]),
                    float(got["__high"][i]),
                )
            )
        spans(level, _reduced(rows), out)
    return out


def array_levels(
    dims: Sequence[str],
    codes: np.ndarray,
    key_of: Callable[[int], Key],
    series: Sequence[tuple[str, np.ndarray, Sequence[object] | np.ndarray]],
    days: np.ndarray,
    columns: Mapping[str, np.ndarray],
) -> GroupLevels:
    """The levels of every group of arrays: ``codes`` are the rows' group codes, ``series``
    the series columns' (name, codes, labels), ``days`` the rows' dates as day numbers and
    ``columns`` the level readings (NaN where a row has none)."""
    out: GroupLevels = {}
    own = _group_series(dims)
    for level, values in columns.items():
        rows = []
        for i in np.flatnonzero(~np.isnan(values)).tolist():
            key = key_of(int(codes[i]))
            labels = [labels[int(c[i])] for _, c, labels in series]
            rows.append(
                (
                    key,
                    "/".join(map(str, labels)) if series else own(key),
                    dt.date.fromordinal(int(days[i]) + _EPOCH),
                    float(values[i]),
                    float(values[i]),
                )
            )
        spans(level, _reduced(rows), out)
    return out


#: The ordinal of 1970-01-01, day 0 of numpy's datetime64[D].
_EPOCH = dt.date(1970, 1, 1).toordinal()


def _reduced(
    rows: list[tuple[Key, str, dt.date, float, float]],
) -> list[tuple[Key, str, dt.date, float, float]]:
    """One row per group, series and date: the lowest and the highest reading."""
    merged: dict[tuple[Key, str, dt.date], tuple[float, float]] = {}
    for key, series, day, low, high in rows:
        seen = merged.get((key, series, day))
        merged[(key, series, day)] = (
            (low, high) if seen is None else (min(seen[0], low), max(seen[1], high))
        )
    return [(k, s, d, low, high) for (k, s, d), (low, high) in merged.items()]
