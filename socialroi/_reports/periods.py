"""Periods for roll-ups: dates bucketed into day, week, month, quarter or year.

The engine truncates where narwhals can ask it to (day, month, quarter, year on most engines).
Weeks (ISO weeks, starting on Monday) have no truncation unit in narwhals, and some engines
(Dask) truncate only to days: there the engine groups by day, and the aggregated table, one
row per group and day, is folded into the period here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

PERIODS = ("day", "week", "month", "quarter", "year")
_UNITS = {"day": "1d", "month": "1mo", "quarter": "1q", "year": "1y"}


def bucket(nw: Any, frame: Any, column: str, period: str) -> tuple[Any, str | None]:
    """The frame with a ``period`` column, and the period still to fold locally (or None)."""
    unit = _UNITS.get(period)
    if unit is not None:
        try:
            return frame.with_columns(nw.col(column).dt.truncate(unit).alias("period")), None
        except NotImplementedError:
            pass  # this engine truncates only to days
    days = frame.with_columns(nw.col(column).dt.truncate("1d").alias("period"))
    return days, period


def start(value: object, period: str) -> dt.date:
    """The first day of the period holding ``value`` (a date or datetime)."""
    day = value.date() if isinstance(value, dt.datetime) else value
    if not isinstance(day, dt.date):
        day = dt.date.fromisoformat(str(value)[:10])
    if period == "week":
        return day - dt.timedelta(days=day.weekday())
    if period == "month":
        return day.replace(day=1)
    if period == "quarter":
        return day.replace(month=3 * ((day.month - 1) // 3) + 1, day=1)
    if period == "year":
        return day.replace(month=1, day=1)
    return day


def fold(
    table: Mapping[str, list[Any]], dims: tuple[str, ...], maxima: frozenset[str], period: str
) -> dict[str, list[Any]]:
    """Merge the rows of an aggregated table whose periods fall in the same ``period``:
    columns in ``maxima`` take the largest value, the other aggregates add up."""
    measures = [c for c in table if c not in dims]
    merged: dict[tuple[Any, ...], list[Any]] = {}
    for i in range(len(table["period"])):
        key = tuple(start(table[d][i], period) if d == "period" else table[d][i] for d in dims)
        values = [table[m][i] for m in measures]
        if key not in merged:
            merged[key] = values
            continue
        row = merged[key]
        for j, m in enumerate(measures):
            row[j] = max(row[j], values[j]) if m in maxima else row[j] + values[j]
    out: dict[str, list[Any]] = {d: [k[i] for k in merged] for i, d in enumerate(dims)}
    out.update({m: [v[j] for v in merged.values()] for j, m in enumerate(measures)})
    return out
