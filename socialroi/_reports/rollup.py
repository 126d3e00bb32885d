"""Columnar roll-ups: group columns of measures by dimensions, sum, and return a Report.

Two engines, one result. A mapping of column names to arrays takes the numpy path: keys are
factorised into integer codes and every measure is summed with ``np.bincount``. A data frame
(pandas, polars, pyarrow; lazy polars, DuckDB, Dask, PySpark) takes the narwhals path: the
group-by and the sums run in the caller's engine and only the aggregated table comes back.
Measures are summed in float64 on every path (the engine casts them before it sums), so no
engine wraps an integer sum around. Metrics are then read from the sums by the catalog,
exactly as for :func:`report`.

Every column has a role: a dimension (``by``), the period's date column, a measure (by name,
or mapped with ``measures=``), or left out on purpose (``ignore=``). A numeric column with
none of these roles is an error that names it and suggests the measure it may hold: nothing
is left out of the sums without a word.

Reach is not additive: a ``reach`` column (deduplicated reach of each input row) rolls up as
bounds, like :class:`Measures` does: the lower bound is the largest reach in the group, the
upper bound their sum. Without a ``reach`` column, reach is bounded by impressions.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import math
import re
import reprlib
import warnings
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any, NamedTuple

import numpy as np

from socialroi._errors import (
    InvalidTypeError,
    InvalidValueError,
    MissingDependencyError,
    UnknownNameError,
)
from socialroi._measures.measures import derived_measures
from socialroi._metrics.arrays import Float64Array, ZeroDivision, check_zero_division
from socialroi._metrics.catalog import catalog
from socialroi._reports import parallel
from socialroi._reports.factorise import Labels, factorise, missing_label
from socialroi._reports.keys import KeyColumns
from socialroi._reports.labels import Label
from socialroi._reports.levels import GroupLevels, array_levels, frame_levels
from socialroi._reports.periods import PERIODS, bucket, fold
from socialroi._reports.periods import start as start_of
from socialroi._reports.report import CheckedColumns, Report, data_columns
from socialroi._reports.uniform import check_uniform
from socialroi._values.checks import check_number
from socialroi._values.currency import check_currency
from socialroi._values.vocabulary import VOCABULARY, Vocabulary, check_vocabulary

_BLOCK = 1 << 17  # rows per block of the sums loop


def _measure_names(vocabulary: Vocabulary) -> tuple[str, ...]:
    """The names a measure column may have: the vocabulary's additive measures, its levels
    and reach."""
    return (*vocabulary.additive, *vocabulary.levels, "reach")


def rollup(
    data: object,
    *,
    by: str | Sequence[str],
    currency: str,
    measures: Mapping[str, str] | None = None,
    period: tuple[str, str] | None = None,
    ignore: str | Sequence[str] = (),
    zero_division: ZeroDivision = math.nan,
    vocabulary: Vocabulary = VOCABULARY,
    valued_at: Mapping[str, float] | None = None,
    read_on: str | None = None,
    series: str | Sequence[str] = (),
) -> Report:
    """Group rows by the dimension columns ``by``, sum the measures, read the metrics.

    Parameters
    ----------
    data
        A mapping of column names to one-dimensional arrays of one length (the numpy path),
        or a data frame narwhals supports (pandas, polars, pyarrow, DuckDB, Dask, PySpark...).
    by
        The dimension column(s) to group by: labels (strings), integer codes, booleans or
        dates. ``()`` gives one total row, even for no rows at all (the total of nothing is
        the empty aggregate: zeros); with dimensions, no rows give no groups.
    currency
        ISO 4217 code of every money column.
    measures
        Measure columns are recognised by name (action kinds, cost categories, ``revenue``,
        ``value_<action>``, and ``reach``); map other names here, ``{"spend": "ad_spend"}``.
    period
        ``(date_column, "day" | "week" | "month" | "quarter" | "year")``: bucket a date column
        in the engine and group by it as the dimension ``"period"`` (frames only).
    ignore
        Numeric columns to leave out on purpose (ids, ages, metrics exported next to the
        counts). Every column must have a role: a numeric column that is not a measure, a
        dimension, the period's date column or in ``ignore`` raises
        :class:`UnknownNameError`, naming it with the measure it may hold. Columns that are
        not numeric (text, booleans, dates) cannot be summed and are left out, being the
        labels of dimensions not asked for, unless their name is a measure's (``"Clicks"``
        held as text): those raise too. A name in ``ignore`` must be a column of the data.
    zero_division
        What undefined metrics (zero denominators) give: NaN by default, a number, or
        ``"raise"``.
    vocabulary
        The actions and cost categories measure columns may name (:data:`VOCABULARY`
        unless you derived your own): a column named after an action of yours rolls up like
        a built-in one.
    valued_at
        A money value per macro action, ``{"purchases": 100}``, where the data give counts
        only: each row's ``value_<action>`` is its count times the value, computed in the
        engine before the sums (so paid and organic rows keep their own value). An action
        whose money is the revenue (purchases) cannot be valued where a revenue column is
        summed too, nor can an action whose value column the data hold already.
    read_on
        The date column a level column (``followers``, ``subscribers``: a count at a date,
        empty on rows without a reading) is read on; the period's date column by default.
        Levels are not summed: each group keeps, per series, its earliest and its latest
        reading, and the series add (see :class:`Level`).
    series
        The column(s) naming what each level reading counts (the account or page); readings
        of different series add, readings of one series chain over time. Without it, every
        reading of a group is of one series.

    Raises
    ------
    UnknownNameError
        A dimension, a ``measures`` source or an ``ignore`` name that is not a column; a
        column with no role; no measure column at all.
    InvalidTypeError
        A measure that is not numeric (numeric strings included), a dimension of floats, an
        argument of the wrong type.
    InvalidValueError
        Negative, NaN, missing or infinite measures, sums beyond float64, missing labels,
        columns of different lengths, a column given two roles.

    Examples
    --------
    >>> import numpy as np
    >>> import socialroi as sr
    >>> rep = sr.rollup({"channel": np.array(["x", "y", "x"]),
    ...                  "impressions": [1_000, 500, 3_000], "ad_spend": [10, 5, 14]},
    ...                 by="channel", currency="USD")
    >>> rep.column("cpm").tolist()
    [6.0, 10.0]

    A column with no role is named, with the fix:

    >>> export = {"campaign": np.array(["a", "b"]), "Clicks": [3, 4], "ad_id": [7, 8]}
    >>> sr.rollup(export, by="campaign", currency="USD")
    Traceback (most recent call last):
    ...
    socialroi._errors.UnknownNameError: 2 column(s) are neither a measure, a dimension in 'by' \
nor the period's date column, so they would be left out of the sums: 'Clicks' (did you mean \
'link_clicks'?), 'ad_id' (no close measure); pass measures={'Clicks': 'link_clicks'} to sum \
them as those measures, and ignore=['ad_id'] to leave the others out on purpose
    >>> rep = sr.rollup(export, by="campaign", currency="USD",
    ...                 measures={"Clicks": "link_clicks"}, ignore=["ad_id"])
    >>> rep.column("link_clicks").tolist()
    [3.0, 4.0]

    The total of no rows is one row of zeros; by a dimension, it has no rows:

    >>> empty = {"channel": np.array([], dtype=str), "leads": np.array([])}
    >>> sr.rollup(empty, by=(), currency="USD").column("leads").tolist()
    [0.0]
    >>> len(sr.rollup(empty, by="channel", currency="USD"))
    0
    """
    dims = _names("by", by)
    if len(set(dims)) != len(dims):
        raise InvalidValueError(f"'by' names a column more than once: {_show(by)}")
    code = check_currency(currency)
    policy = check_zero_division(zero_division)
    v = check_vocabulary(vocabulary)
    units = _units(valued_at, v)
    renames = _renames(measures, v)
    skip = _names("ignore", ignore)
    when = _period(period)
    window = check_uniform(data, dims, code, skip)  # one currency, one attribution window
    levels_by = _LevelsBy(
        _names("series", series),
        None if read_on is None else _names("read_on", read_on)[0],
    )
    if isinstance(data, Mapping):
        if when is not None:
            raise InvalidValueError(
                "'period' buckets dates in a data frame engine; for arrays, "
                "pass the period labels as a dimension column"
            )
        keys, sums, levels = _numpy_rollup(data, dims, renames, skip, v, units, levels_by)
    else:
        keys, sums, dims, levels = _frame_rollup(
            data, dims, renames, skip, when, v, units, levels_by
        )
    return Report(
        dims,
        keys,
        sums,
        code,
        zero_division=policy,
        vocabulary=v,
        levels=[levels.get(k, {}) for k in keys] if levels else None,
        attribution_window=window,
    )


class _LevelsBy(NamedTuple):
    """How level columns are read: the series columns and the date column."""

    series: tuple[str, ...]
    read_on: str | None

    def split(
        self, names: Mapping[str, str], vocabulary: Vocabulary, date: str | None
    ) -> tuple[dict[str, str], dict[str, str], str | None]:
        """(the measures to sum, the level columns, the date levels are read on)."""
        levels = {m: s for m, s in names.items() if m in vocabulary.levels}
        sums = {m: s for m, s in names.items() if m not in vocabulary.levels}
        read_on = self.read_on if self.read_on is not None else date
        if not levels:
            if self.series or self.read_on is not None:
                raise InvalidValueError(
                    "'series' and 'read_on' say how level columns are read, and the data "
                    f"have none (levels: {vocabulary.levels}); drop them, or map the level "
                    "column with measures={'<column>': '<level>'}"
                )
            return sums, levels, None
        if read_on is None:
            raise InvalidValueError(
                f"column {next(iter(levels.values()))!r} holds a level (a count at a date, "
                "not a sum of actions), so its readings need their dates: pass "
                "read_on='<date column>' (or period=)"
            )
        return sums, levels, read_on

    def roles(self, dims: Sequence[str], date: str | None) -> tuple[str, ...]:
        """The columns with a role here and none elsewhere (so no column goes unnamed)."""
        mine = [*self.series, *([self.read_on] if self.read_on is not None else [])]
        return tuple(c for c in dict.fromkeys(mine) if c not in dims and c != date)

    def check(self, present: Sequence[object], dims: Sequence[str], read_on: str) -> None:
        missing = [c for c in (*self.series, read_on) if c not in present]
        if missing:
            raise UnknownNameError(
                f"'series'/'read_on' name columns that are not in the data: {missing}"
            )
        both = [c for c in self.series if c == read_on]
        if both:
            raise InvalidValueError(f"column {both[0]!r} cannot be both a series and 'read_on'")


# -- arguments and the role of every column -------------------------------------------------


def _show(value: object) -> str:
    """A short repr for messages (an int of thousands of digits has no repr)."""
    try:
        return reprlib.repr(value)
    except ValueError:
        return f"<{type(value).__name__}>"


def _names(argument: str, value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, Sequence) and not isinstance(value, bytes):
        names = tuple(value)
        if all(isinstance(name, str) for name in names):
            return names
    raise InvalidTypeError(
        f"{argument!r} must be a column name or a list of column names: {_show(value)}"
    )


def _renames(measures: object, vocabulary: Vocabulary) -> dict[str, str]:
    if measures is None:
        return {}
    if not isinstance(measures, Mapping) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in measures.items()
    ):
        raise InvalidTypeError(
            "'measures' must map column names to measure names, like {'spend': 'ad_spend'}: "
            f"{_show(measures)}"
        )
    targets: dict[str, str] = {}
    known = _measure_names(vocabulary)
    for source, target in measures.items():
        if target not in known:
            close = difflib.get_close_matches(target, known)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise UnknownNameError(
                f"'measures' maps {source!r} to {target!r}, which is not a measure{hint}; use "
                "an action kind, a cost category, 'revenue', 'value_<action>' or 'reach'"
            )
        if target in targets:
            raise InvalidValueError(
                f"'measures' maps both {targets[target]!r} and {source!r} to {target!r}; "
                "a measure comes from one column: add them up first, or ignore one"
            )
        targets[target] = source
    return dict(measures)


def _units(valued_at: object, vocabulary: Vocabulary) -> dict[str, float]:
    """Checked values per macro action, by action name."""
    if valued_at is None:
        return {}
    if not isinstance(valued_at, Mapping):
        raise InvalidTypeError(
            f"'valued_at' must map macro actions to a value each, like {{'purchases': 100}}: "
            f"{_show(valued_at)}"
        )
    units = {}
    for key, unit in valued_at.items():
        action = vocabulary.macro_action(key, argument="valued_at key")
        units[action.name] = check_number(unit, argument=f"valued_at[{key!r}]")
    return units


def _value_columns(
    units: Mapping[str, float], names: Mapping[str, str], vocabulary: Vocabulary
) -> dict[str, str]:
    """``value_<action>`` -> the action's source column, for each valued action; checked so
    that no money counts twice."""
    out = {}
    for action in units:
        value = f"value_{action}"
        if action not in names:
            raise UnknownNameError(
                f"'valued_at' values {action!r}, which no column holds; name the column "
                f"{action!r} or map it with measures={{'<column>': {action!r}}}"
            )
        if value in names:
            raise InvalidValueError(
                f"'valued_at' values {action!r}, and the data hold its value column "
                f"{names[value]!r} already; use one of them"
            )
        if vocabulary.action(action).revenue and "revenue" in names:
            raise InvalidValueError(
                f"'valued_at' values {action!r}, whose money is the revenue, and the data hold "
                f"a revenue column {names['revenue']!r}: that counts the same money twice; "
                "value it only where no revenue is recorded"
            )
        out[value] = names[action]
    return out


def _check_valued(measure: str, units: Mapping[str, float]) -> None:
    """A value column from ``valued_at`` whose products or sums went beyond float64."""
    action = measure.removeprefix("value_")
    if measure != action and action in units:
        raise InvalidValueError(
            f"'valued_at' values {action!r} at {units[action]!r} each, and the value "
            f"{measure!r} goes beyond float64 (about 1.8e308); give the value in a larger "
            "unit (thousands)"
        )


def _period(period: object) -> tuple[str, str] | None:
    if period is None:
        return None
    if (
        not isinstance(period, tuple)
        or len(period) != 2
        or not all(isinstance(p, str) for p in period)
        or period[1] not in PERIODS
    ):
        raise InvalidValueError(
            f"'period' must be (date column, one of {PERIODS}): {_show(period)}"
        )
    return period[0], period[1]


def _recognise(
    columns: Sequence[object],
    numeric: Callable[[object], bool],
    dims: Sequence[str],
    renames: Mapping[str, str],
    skip: Sequence[str],
    date: str | None,
    vocabulary: Vocabulary,
) -> dict[str, str]:
    """measure name -> source column, once every column has one role: a dimension, the
    period's date column, a measure, or left out on purpose."""
    present = set(columns)
    for argument, asked in (("measures", list(renames)), ("ignore", skip)):
        missing = [name for name in asked if name not in present]
        if missing:
            raise UnknownNameError(
                f"{argument!r} names columns that are not in the data: {missing}; "
                f"the columns are {_show(list(columns))}"
            )
    roles: dict[object, str] = {}
    given = [
        (dims, "a dimension in 'by'"),
        ([date] if date is not None else [], "the period's date column"),
        (list(renames), "mapped by 'measures'"),
        (skip, "in 'ignore'"),
    ]
    for names, role in given:
        for name in names:
            if name in roles and roles[name] != role:
                raise InvalidValueError(
                    f"column {name!r} is both {roles[name]} and {role}; give it one role"
                )
            roles[name] = role
    known = _measure_names(vocabulary)
    for name in dims:
        if name in known:
            raise InvalidValueError(
                f"column {name!r} is a measure, so it cannot be a dimension in 'by'; "
                "rename it if it holds labels"
            )
    found = {c: c for c in columns if c in known and c not in roles}
    for source, target in renames.items():
        if target in found:
            raise InvalidValueError(
                f"'measures' maps {source!r} to {target!r}, but the data has a {target!r} "
                f"column too; map one of them elsewhere or leave it out with ignore=[...]"
            )
        found[target] = source
    unknown = {}
    for c in columns:
        if c not in roles and c not in found.values():
            measure, hint = _suggest(str(c), vocabulary)
            if numeric(c) or hint in _LOOKS_LIKE:
                unknown[c] = (measure, hint)
    if unknown:
        raise UnknownNameError(_unknown_message(unknown))
    if not found:
        raise UnknownNameError(
            f"no measure column in the data (columns: {_show(list(columns))}); name columns "
            "after measures (impressions, link_clicks, leads, ad_spend, revenue, ...) or map "
            "them with measures={'column': 'measure'}"
        )
    return found


#: Column names of ad platforms and exports (normalised: lower case, words joined by "_")
#: whose meaning is clear: the measure they hold.
_SYNONYMS = {
    "clicks": "link_clicks",
    "link_click": "link_clicks",
    "outbound_clicks": "link_clicks",
    "spent": "ad_spend",
    "spend": "ad_spend",
    "amount_spent": "ad_spend",
    "cost": "ad_spend",
    "ad_cost": "ad_spend",
    "impr": "impressions",
    "video_plays": "video_views",
    "thruplays": "completed_video_views",
    "landing_page_views": "page_views",
    "pageviews": "page_views",
    "reactions": "likes",
    "post_reactions": "likes",
    "new_followers": "follows",
    "followers_gained": "follows",
    "reposts": "shares",
    "retweets": "shares",
    "adds_to_cart": "add_to_cart",
    "initiated_checkouts": "checkouts",
    "checkouts_initiated": "checkouts",
    "orders": "purchases",
    "signups": "sign_ups",
    "complete_registration": "registrations",
    "registrations_completed": "registrations",
    "installs": "app_installs",
    "mobile_app_installs": "app_installs",
    "conversion_value": "revenue",
    "purchase_value": "revenue",
    "purchases_conversion_value": "revenue",
    "people_reached": "reach",
}
_CONVERSIONS = (
    "(a count of conversions: map it to the action it counts, such as 'purchases', "
    "'leads' or 'registrations', or to the generic 'conversions')"
)
#: Names whose meaning depends on the account: what the caller must decide.
_AMBIGUOUS: dict[str, str] = {
    "conversion": _CONVERSIONS,
    "total_conversion": _CONVERSIONS,
    "total_conversions": _CONVERSIONS,
    "approved_conversion": _CONVERSIONS,
    "results": _CONVERSIONS,
    "sales": "(a count of sales is 'purchases', their money is 'revenue')",
}
_LOOKS_LIKE = frozenset(_AMBIGUOUS.values()) | {"clear"}
_METRIC = "(a metric: socialroi reads metrics from the sums, so leave it out)"


def _suggest(column: str, vocabulary: Vocabulary = VOCABULARY) -> tuple[str | None, str]:
    """The measure a column name clearly means (or None), and the hint to show."""
    name = re.sub(r"\W+", "_", re.sub(r"\(.*?\)", "", column).strip().lower()).strip("_")
    known = _measure_names(vocabulary)
    derived = derived_measures(vocabulary)
    measure = name if name in known else _SYNONYMS.get(name)
    if measure is not None:
        return measure, "clear"
    if name in _AMBIGUOUS:
        return None, _AMBIGUOUS[name]
    if name in derived:
        parts = ", ".join(repr(p) for p in derived[name][:3])
        return None, f"(derived from measures such as {parts}: give those columns instead)"
    if name in catalog(vocabulary) or name.startswith("cost_per_"):
        return None, _METRIC
    close = difflib.get_close_matches(name, known, cutoff=0.8)
    if close:
        return close[0], "close"
    return None, "(no close measure)"


def _unknown_message(unknown: Mapping[object, tuple[str | None, str]]) -> str:
    shown = []
    for column, (measure, hint) in unknown.items():
        shown.append(f"{column!r} " + (f"(did you mean {measure!r}?)" if measure else hint))
    clear = {c: m for c, (m, _) in unknown.items() if m}
    rest = [c for c in unknown if c not in clear]
    fixes = [f"measures={clear!r} to sum them as those measures"] if clear else []
    if rest:
        others = "the others" if clear else "them"
        fixes.append(f"ignore={rest!r} to leave {others} out on purpose")
    else:
        fixes.append(f"ignore={list(clear)!r} to leave them out on purpose instead")
    joiner = ", and " if rest else ", or "
    return (
        f"{len(unknown)} column(s) are neither a measure, a dimension in 'by' nor the "
        f"period's date column, so they would be left out of the sums: {', '.join(shown)}; "
        f"pass {joiner.join(fixes)}"
    )


#: The return on rows whose mode is paid, summed where a mode column is not grouped by.
_PAID = "__paid_return"


def _is_return(measure: str) -> bool:
    return measure == "revenue" or measure.startswith("value_")


def _paid_rows(
    arrays: Mapping[object, np.ndarray], dims: Sequence[str], names: Mapping[str, str]
) -> np.ndarray | None:
    """Which rows are paid, where a ``mode`` column is present but not grouped by and there
    is a return to split; labels are 'paid' or 'organic' (any case)."""
    if "mode" not in arrays or "mode" in dims or not any(_is_return(m) for m in names):
        return None
    labels = np.char.lower(np.char.strip(arrays["mode"].astype(str)))
    known = (labels == "paid") | (labels == "organic")
    if not known.all():
        bad = sorted(set(labels[~known].tolist()))[:5]
        raise InvalidValueError(
            f"column 'mode' must hold 'paid' or 'organic' to split return for ROAS: {bad}"
        )
    return np.asarray(labels == "paid")


def _paid_column(nw: Any, frame: Any, names: Mapping[str, str]) -> Any:
    """The return of paid rows as a column of the frame, computed in the engine; labels of
    ``mode`` other than 'paid' or 'organic' (any case) are an error."""
    mode = nw.col("mode").cast(nw.String).str.strip_chars().str.to_lowercase()
    unknown = _collect(
        frame.select((~mode.is_in(["paid", "organic"])).cast(nw.Int64).sum().alias("n"))
    )["n"][0]
    if unknown:
        raise InvalidValueError(
            f"column 'mode' must hold 'paid' or 'organic' to split return for ROAS: {unknown} "
            "row(s) hold something else"
        )
    parts = [nw.col(s).cast(nw.Float64) for m, s in names.items() if _is_return(m)]
    returned = parts[0]
    for part in parts[1:]:
        returned = returned + part
    paid = nw.when(mode == "paid").then(returned).otherwise(0.0)
    return frame.with_columns(paid.alias(_PAID))


def _no_paid_return_on_organic_rows(
    data_out: dict[str, Float64Array],
    dims: Sequence[str],
    labels: Sequence[np.ndarray],
    codes: Sequence[np.ndarray],
) -> None:
    """Grouped by mode, an organic row's return is not paid return (ROAS leaves it out)."""
    if "mode" in dims:
        at = list(dims).index("mode")
        organic = np.char.lower(np.char.strip(labels[at].astype(str))) == "organic"
        data_out["paid_return"] = np.where(organic[codes[at]], 0.0, data_out["paid_return"])


def _add_return_columns(
    data_out: dict[str, Float64Array], names: Mapping[str, str], vocabulary: Vocabulary
) -> None:
    """A return is recorded where the input had a revenue or valued-action column (a column
    of zeros records a return of 0); rows of a frame have no mode, so all return is paid."""
    size = data_out["revenue"].size
    recorded = any(m == "revenue" or m.startswith("value_") for m in names)
    data_out["return_recorded"] = np.full(size, float(recorded))
    paid = data_out["revenue"].copy()
    with np.errstate(over="ignore"):  # beyond float64 is inf: named below
        for m in vocabulary.value_names:
            if m in names:  # the others are zeros
                paid += data_out[m]
    if not np.isfinite(paid).all():
        raise InvalidValueError(
            f"the return (revenue plus value_* columns) of {int((~np.isfinite(paid)).sum())} "
            f"group(s) exceeds the largest float64 ({np.finfo(np.float64).max:.3g}); express "
            "money in larger units (thousands) first"
        )
    data_out["paid_return"] = paid


# -- the numpy path -------------------------------------------------------------------------


def _as_array(name: object, values: object) -> np.ndarray:
    try:
        return np.asarray(values)
    except (TypeError, ValueError) as error:  # ragged nested lists, and the like
        raise InvalidValueError(
            f"column {name!r} must be a one-dimensional array: {type(values).__name__} ({error})"
        ) from None


def _is_numeric(array: np.ndarray) -> bool:
    return array.dtype.kind in ("i", "u", "f")


def _check_numeric(name: object, numeric: bool, dtype: object) -> None:
    if not numeric:
        raise InvalidTypeError(
            f"measure column {name!r} must be numeric, not {dtype}; convert it first"
        )


def _check_measure(name: str, array: np.ndarray) -> Float64Array:
    """The column as float64. Negatives and NaN are caught block by block in the sums loop
    (:func:`_sums`), infinities from the group sums: no separate pass over the column."""
    _check_numeric(name, _is_numeric(array), array.dtype)
    return np.asarray(array, dtype=np.float64)  # a long double beyond float64 is inf: named


def _explain(name: str, array: Float64Array) -> None:
    nan = int(np.isnan(array).sum())
    inf = int(np.isinf(array).sum())
    negative = int((array < 0).sum())
    if nan + inf + negative == 0:
        _overflow(name)
    raise InvalidValueError(
        f"measure column {name!r} has {nan} NaN, {inf} infinite and {negative} negative "
        "row(s); measures must be finite and >= 0"
    )


def _check_paid(name: str) -> None:
    """The paid part of return (for ROAS, by the 'mode' column) adds each paid row's
    revenue and values: finite columns can still overflow there."""
    if name == _PAID:
        raise InvalidValueError(
            "the return of paid rows (revenue plus value_* columns, added per row to split "
            "return by the 'mode' column for ROAS) exceeds the largest float64 "
            f"({np.finfo(np.float64).max:.3g}); express money in larger units (thousands) first"
        )


def _overflow(name: str) -> None:
    raise InvalidValueError(
        f"the sums of measure column {name!r} exceed the largest float64 "
        f"({np.finfo(np.float64).max:.3g}); express it in larger units (thousands) first"
    )


def _numpy_rollup(
    data: Mapping[object, object],
    dims: tuple[str, ...],
    renames: Mapping[str, str],
    skip: Sequence[str],
    vocabulary: Vocabulary,
    units: Mapping[str, float],
    levels_by: _LevelsBy,
) -> tuple[KeyColumns, dict[str, Float64Array], GroupLevels]:
    missing = [d for d in dims if d not in data]
    if missing:
        raise UnknownNameError(f"dimension column(s) {missing} are not in the data")
    arrays = {name: _as_array(name, values) for name, values in data.items()}
    for name, array in arrays.items():
        if array.ndim != 1:
            raise InvalidValueError(
                f"column {name!r} must be one-dimensional, one value per row: {array.shape}"
            )
    sizes = {len(a) for a in arrays.values()}
    if len(sizes) > 1:
        raise InvalidValueError(f"columns have different lengths: {sorted(sizes)}")
    for source in renames:  # a mapped column that cannot be a measure: named first
        if source in arrays:
            _check_numeric(source, _is_numeric(arrays[source]), arrays[source].dtype)
    if levels_by.read_on is not None:
        levels_by.check(list(arrays), dims, levels_by.read_on)
    names = _recognise(
        list(arrays),
        lambda c: _is_numeric(arrays[c]),
        dims,
        renames,
        (*skip, *levels_by.roles(dims, None)),
        None,
        vocabulary,
    )
    names, level_sources, read_on = levels_by.split(names, vocabulary, None)
    for source in level_sources.values():
        _check_numeric(source, _is_numeric(arrays[source]), arrays[source].dtype)
    columns = {m: _check_measure(source, arrays[source]) for m, source in names.items()}
    valued = _value_columns(units, names, vocabulary)
    for action, unit in units.items():
        with np.errstate(over="ignore"):  # beyond float64 is inf, named from the sums
            columns[f"value_{action}"] = columns[action] * unit
    names = {**names, **valued}
    paid = _paid_rows(arrays, dims, names)
    if paid is not None:  # a mode column not grouped by: ROAS needs the paid part of return
        returned = [columns[m] for m in names if _is_return(m)]
        with np.errstate(over="ignore"):  # beyond float64 is inf, named from the sums
            columns[_PAID] = np.where(paid, np.sum(returned, axis=0), 0.0)
        names = {**names, _PAID: "mode"}
    size = sizes.pop()
    factors = [factorise(d, arrays[d], size) for d in dims]
    groups = _group_codes(factors, size)
    with np.errstate(over="ignore"):  # sums beyond float64 become inf: named below
        sums = _sums(groups, columns, names)
    for name, source in names.items():
        if not np.isfinite(sums[name]).all():
            _check_valued(name, units)
            _check_paid(name)
            _explain(source, columns[name])
    present = np.arange(groups.n_groups)  # by (): the one total, even of no rows
    if dims:  # a group with rows has a non-zero sum, unless all its sums are zero
        nonzero = np.logical_or.reduce([total != 0 for total in sums.values()] or [present < 0])
        if not nonzero.all():
            present = _present(groups, nonzero)
    labels = [
        found if isinstance(found, np.ndarray) else np.asarray(found, dtype=object)
        for _, found in factors
    ]
    combos = groups.dimension_codes(present)
    order = _key_order(labels, combos, in_order=True)  # rows sorted like report()
    if order is not None:
        present, combos = present[order], [c[order] for c in combos]
    n = present.size
    every = order is None and n == groups.n_groups  # every group, in order: no gather
    data_out = {
        m: (sums[m] if every else sums[m][present]) if m in sums else np.zeros(n)
        for m in vocabulary.additive
    }
    if "reach" in columns:
        low = np.zeros(groups.n_groups)
        for rows, code in groups.blocks():
            np.maximum.at(low, code, columns["reach"][rows])
        data_out["reach_low"] = low[present]
        data_out["reach_high"] = sums["reach"][present]
        data_out["reach_measured"] = np.ones(n)
    else:
        data_out["reach_low"] = np.zeros(n)
        data_out["reach_high"] = data_out["impressions"].copy()
        data_out["reach_measured"] = np.zeros(n)
    _check_reach(data_out)
    _add_return_columns(data_out, names, vocabulary)
    if _PAID in sums:
        data_out["paid_return"] = np.minimum(sums[_PAID][present], data_out["paid_return"])
    keys = KeyColumns(labels, combos, n)
    _no_paid_return_on_organic_rows(data_out, dims, labels, combos)
    levels: GroupLevels = {}
    if read_on is not None:
        label_of = dict(zip(present.tolist(), keys, strict=True))
        levels = array_levels(
            dims,
            np.concatenate([code.copy() for _, code in groups.blocks()] or [np.zeros(0)]),
            label_of.__getitem__,
            [(c, *factorise(c, arrays[c], size)) for c in levels_by.series],
            _days(read_on, arrays[read_on]),
            {m: _readings(source, arrays[source]) for m, source in level_sources.items()},
        )
    # sums of checked measures, each found finite: the report takes them unchecked
    out = CheckedColumns((c, data_out[c]) for c in data_columns(vocabulary))
    return keys, out, levels


def _key_order(
    labels: Sequence[np.ndarray], codes: Sequence[np.ndarray], *, in_order: bool
) -> np.ndarray | None:
    """The order that sorts groups by their label tuples, None where they are in order.
    Groups ``in_order`` come in the order of their codes, which is the labels' order where
    each dimension's labels are sorted (strings, dates and integer ids are: ids label as
    ints, 9 < 10); else, or where labels are not sorted, they sort by the labels' ranks."""
    ranks: list[np.ndarray | None] = []
    for found in labels:
        if found.size > 1 and not (found[:-1] <= found[1:]).all():
            rank = np.empty(found.size, dtype=np.intp)
            rank[np.argsort(found.astype(str), kind="stable")] = np.arange(found.size)
            ranks.append(rank)
        else:
            ranks.append(None)
    if in_order and all(rank is None for rank in ranks):
        return None
    if not codes:
        return None
    columns = [c if rank is None else rank[c] for rank, c in zip(ranks, codes, strict=True)]
    order = np.lexsort(columns[::-1])
    return None if (order == np.arange(order.size)).all() else order


def _days(name: str, values: np.ndarray) -> np.ndarray:
    """Dates (datetime64, datetime.date or ISO strings) as numpy day numbers."""
    try:
        if values.dtype.kind not in "MUSO":  # numbers are not dates
            raise TypeError(values.dtype)
        days = values.astype("datetime64[D]")
    except (TypeError, ValueError):
        raise InvalidTypeError(
            f"the date column {name!r} levels are read on must hold dates (datetime64, "
            f"datetime.date or ISO strings): {values.dtype}"
        ) from None
    if np.isnat(days).any():
        raise InvalidValueError(f"the date column {name!r} has missing dates; fill them")
    return days.astype(np.int64)


def _readings(name: str, values: np.ndarray) -> Float64Array:
    """A level column (numeric, checked) as floats: NaN where a row has no reading."""
    return np.asarray(values, dtype=np.float64)


class _Groups(NamedTuple):
    """Rows' group codes as a mixed-radix number over per-dimension codes (formed block by
    block in :meth:`blocks`), the number of groups, and each group's per-dimension codes."""

    codes: list[np.ndarray]
    radices: list[int]
    n_groups: int
    combos: np.ndarray | None  # None: decoded from the mixed-radix number
    size: int

    def dimension_codes(self, groups: np.ndarray) -> list[np.ndarray]:
        """The groups' codes on each dimension, one array per dimension."""
        if self.combos is not None:
            return [self.combos[groups, d] for d in range(self.combos.shape[1])]
        if not self.radices:
            return []
        return [np.asarray(c, dtype=np.intp) for c in np.unravel_index(groups, self.radices)]

    def blocks(self) -> Iterator[tuple[slice, np.ndarray]]:
        """(rows, group code of each row), block by block: a block's codes and measure
        slices stay in the CPU caches while every measure is summed."""
        step = max(_BLOCK, 16 * self.n_groups)  # each block's bincount costs O(groups)
        if len(self.codes) == 1 and self.codes[0].dtype == np.intp:  # the codes themselves
            for start in range(0, self.size, step):
                rows = slice(start, min(start + step, self.size))
                yield rows, self.codes[0][rows]
            return
        buffer = np.zeros(min(self.size, step), dtype=np.intp)
        for start in range(0, self.size, step):
            rows = slice(start, min(start + step, self.size))
            code = buffer[: rows.stop - rows.start]
            if self.codes:  # integer codes of any width: a same-kind cast
                np.copyto(code, self.codes[0][rows])
            for d in range(1, len(self.codes)):
                code *= self.radices[d]
                # unsigned 64-bit codes and intp add as float64: cast back, unchecked
                np.add(code, self.codes[d][rows], out=code, casting="unsafe")
            yield rows, code


def _group_codes(factors: Sequence[tuple[np.ndarray, Labels]], size: int) -> _Groups:
    """Where the mixed-radix space is much larger than the data, the combinations present
    are found by sorting instead, and they become a single code."""
    radices = [len(labels) for _, labels in factors]
    count = math.prod(radices)
    if count <= 4 * size + 1024:
        return _Groups([c for c, _ in factors], radices, count, None, size)
    stacked = np.stack([np.asarray(c, dtype=np.intp) for c, _ in factors], axis=1)
    combos, code = np.unique(stacked, axis=0, return_inverse=True)
    return _Groups([code.ravel()], [len(combos)], len(combos), combos, size)


def _sums(
    groups: _Groups, columns: Mapping[str, Float64Array], names: Mapping[str, str]
) -> dict[str, Float64Array]:
    """Group sums of every column, the columns shared over threads (:mod:`.parallel`; each
    sum is the serial one). The first block, in order, whose minimum is not >= 0 (a
    negative or NaN) in a column stops the loop with that column's full diagnosis."""
    items = list(columns.items())
    count = min(parallel.workers(groups.size), len(items))
    shares = [list(enumerate(items))[i::count] for i in range(count)]
    found = parallel.run([functools.partial(_sums_of, groups, share) for share in shares])
    bad = [first_bad for _, first_bad in found if first_bad is not None]
    if bad:
        _, position = min(bad)
        m, column = items[position]
        _explain(names[m], column)
    merged = {m: sum_ for part, _ in found for m, sum_ in part.items()}
    return {m: merged[m] for m, _ in items}


def _sums_of(
    groups: _Groups, share: Sequence[tuple[int, tuple[str, Float64Array]]]
) -> tuple[dict[str, Float64Array], tuple[int, int] | None]:
    """The group sums of a share of the columns (their positions among all of them), or
    the first (block, position) found with a negative or NaN."""
    sums = {m: np.zeros(groups.n_groups) for _, (m, _) in share}
    # on a thread of its own, the caller's error state may not hold (numpy 1 keeps it per
    # thread): sums beyond float64 become inf, named by the caller
    with np.errstate(over="ignore"):
        for index, (rows, code) in enumerate(groups.blocks()):
            for position, (m, column) in share:
                block = column[rows]
                if block.size and not block.min() >= 0:
                    return sums, (index, position)
                sums[m] += np.bincount(code, weights=block, minlength=groups.n_groups)
    return sums, None


def _present(groups: _Groups, nonzero: np.ndarray) -> np.ndarray:
    """The groups that have rows: those with a non-zero sum, and those of the others (few,
    as a rule) that some row's code names."""
    seen = nonzero.copy()
    zero = ~nonzero
    for _, code in groups.blocks():
        rows = np.flatnonzero(zero[code])
        seen[code[rows]] = True
    return np.flatnonzero(seen)


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


def _open(nw: Any, data: object) -> tuple[Any, Any]:
    """The narwhals frame and its schema."""
    try:
        with warnings.catch_warnings():  # narwhals announces Dask moving to a plugin
            warnings.filterwarnings(
                "ignore", message="Dask support is moving", category=FutureWarning
            )
            frame = nw.from_native(data)
            schema = frame.collect_schema()  # eager and lazy frames alike
    except TypeError:
        raise InvalidTypeError(
            "'data' must be a mapping of column names to arrays or a data frame (pandas, "
            f"polars, pyarrow, DuckDB, Dask, PySpark...): {type(data).__name__}"
        ) from None
    except nw.exceptions.DuplicateError as error:
        raise InvalidValueError(f"'data' has columns of the same name: {error}") from None
    return frame, schema


def _check_dimension(nw: Any, name: str, dtype: Any) -> None:
    """Labels are strings, integer codes, booleans or dates, as on the numpy path."""
    if dtype.is_integer() or isinstance(dtype, nw.Datetime | nw.Enum):
        return
    if any(dtype == kind for kind in (nw.String, nw.Categorical, nw.Boolean, nw.Date)):
        return
    what = "floats" if dtype.is_float() else f"values of type {dtype}"
    raise InvalidTypeError(
        f"dimension column {name!r} holds {what}; use labels (strings), integer codes or dates"
    )


def _frame_rollup(
    data: object,
    dims: tuple[str, ...],
    renames: Mapping[str, str],
    skip: Sequence[str],
    period: tuple[str, str] | None,
    vocabulary: Vocabulary,
    units: Mapping[str, float],
    levels_by: _LevelsBy,
) -> tuple[KeyColumns, dict[str, Float64Array], tuple[str, ...], GroupLevels]:
    nw = _narwhals()
    frame, schema = _open(nw, data)
    columns = list(schema.names())
    date = None
    own = dims  # the dimensions that are columns of the data
    if period is not None:
        date = period[0]
        if date not in schema:
            raise UnknownNameError(f"'period' names {date!r}, which is not a column of the data")
        if not (schema[date] == nw.Date or isinstance(schema[date], nw.Datetime)):
            raise InvalidTypeError(
                f"the period's date column {date!r} must hold dates, not {schema[date]}; "
                "convert it first (pd.to_datetime, str.to_datetime)"
            )
        if "period" in schema and date != "period":
            raise InvalidValueError(
                "'period' adds the dimension 'period', and the data has a 'period' column "
                "already; rename it"
            )
        own = tuple(d for d in dims if d != "period")
    missing = [d for d in own if d not in schema]
    if missing:
        raise UnknownNameError(f"dimension column(s) {missing} are not in the data")
    for d in own:
        _check_dimension(nw, d, schema[d])
    for source in renames:  # a mapped column that cannot be a measure: named first
        if source in schema:
            _check_numeric(source, schema[source].is_numeric(), schema[source])
    if levels_by.read_on is not None:
        levels_by.check(columns, own, levels_by.read_on)
    names = _recognise(
        columns,
        lambda c: schema[c].is_numeric(),
        own,
        renames,
        (*skip, *levels_by.roles(own, date)),
        date,
        vocabulary,
    )
    for source in names.values():
        _check_numeric(source, schema[source].is_numeric(), schema[source])
    names, level_sources, read_on = levels_by.split(names, vocabulary, date)
    if read_on is not None:
        levels_by.check(columns, own, read_on)
        if not (schema[read_on] == nw.Date or isinstance(schema[read_on], nw.Datetime)):
            raise InvalidTypeError(
                f"the date column {read_on!r} levels are read on must hold dates, not "
                f"{schema[read_on]}; convert it first (pd.to_datetime, str.to_datetime)"
            )
    unfolded = None
    if period is not None:
        frame, unfolded = bucket(nw, frame, period[0], period[1])
        dims = (*dims, "period") if "period" not in dims else dims
    levels: GroupLevels = {}
    if read_on is not None:

        def label(dim: str, value: object) -> Label:
            folded = unfolded is not None and dim == "period" and value is not None
            return _label(start_of(value, unfolded) if folded else value)  # type: ignore[arg-type]

        levels = frame_levels(nw, frame, dims, levels_by.series, read_on, level_sources, label)
    _check_measures(nw, frame, names)
    valued = _value_columns(units, names, vocabulary)
    if valued:  # each row's value, computed in the engine before it sums
        frame = frame.with_columns(
            *(
                (nw.col(valued[f"value_{a}"]).cast(nw.Float64) * unit).alias(f"__value_{a}")
                for a, unit in units.items()
            )
        )
        names = {**names, **{value: f"__{value}" for value in valued}}
    if "mode" in schema and "mode" not in dims and any(_is_return(m) for m in names):
        frame = _paid_column(nw, frame, names)
        names = {**names, _PAID: _PAID}
    frame = _float64(nw, frame, dims, names)
    aggs = [nw.col(m).sum() for m in names] or [nw.len().alias("__rows")]
    if "reach" in names:
        aggs.append(nw.col("reach").max().alias("__reach_max"))
    with np.errstate(over="ignore"), warnings.catch_warnings():
        # a sum beyond float64 is inf, named below (pandas and Dask sum with numpy)
        warnings.filterwarnings("ignore", "overflow encountered", RuntimeWarning)
        grouped = frame.group_by(list(dims)).agg(*aggs) if dims else frame.select(*aggs)
        if dims and unfolded is None:  # the engine sorts the groups (checked below)
            grouped = grouped.sort(list(dims))
        if hasattr(grouped, "collect"):
            grouped = grouped.collect()  # only the aggregated table leaves the engine
        if unfolded is not None:  # the periods' own buckets, merged into the caller's
            table = grouped.to_dict(as_series=False)
            for d in dims:
                _no_missing_labels(d, table[d])
            table = fold(table, dims, _MAXIMA, unfolded)
            result = {c: np.asarray(v, dtype=object) for c, v in table.items()}
        else:
            result = {c: _numpy(nw, grouped.get_column(c), c in dims) for c in grouped.columns}
    sums: dict[str, Float64Array] = {}
    for m, source in names.items():
        total = _floats(result[m])
        if not np.isfinite(total).all():
            _check_valued(m, units)
            _check_paid(m)
            _explain_not_finite(nw, frame, source)
        sums[m] = total
    factors = [_frame_codes(d, result[d]) for d in dims]
    labels = [found for _, found in factors]
    codes = [code for code, _ in factors]
    order = _key_order(labels, codes, in_order=False)
    if order is not None:
        codes = [c[order] for c in codes]
        sums = {m: total[order] for m, total in sums.items()}
    size = len(next(iter(result.values()))) if result else 0
    data_out = {m: sums.get(m, np.zeros(size)) for m in vocabulary.additive}
    if "reach" in names:
        low = _floats(result["__reach_max"])
        data_out["reach_low"] = low if order is None else low[order]
        data_out["reach_high"] = sums["reach"]
        data_out["reach_measured"] = np.ones(size)
    else:
        data_out["reach_low"] = np.zeros(size)
        data_out["reach_high"] = data_out["impressions"].copy()
        data_out["reach_measured"] = np.zeros(size)
    _check_reach(data_out)
    _add_return_columns(data_out, names, vocabulary)
    if _PAID in sums:
        data_out["paid_return"] = np.minimum(sums[_PAID], data_out["paid_return"])
    _no_paid_return_on_organic_rows(data_out, dims, labels, codes)
    return (
        KeyColumns(labels, codes, size),
        {c: data_out[c] for c in data_columns(vocabulary)},
        dims,
        levels,
    )


def _numpy(nw: Any, series: Any, dimension: bool) -> np.ndarray:
    """A column of the aggregated table: numbers, strings and integer labels as numpy
    arrays; other labels (dates, booleans) as the engine's own Python values."""
    kind = series.dtype
    if not dimension:  # a sum is null only for no rows: the total of nothing is 0
        return np.asarray(series.fill_null(0.0).to_numpy(), dtype=np.float64)
    if kind.is_integer() or isinstance(kind, nw.Enum):
        return np.asarray(series.to_numpy())
    if any(kind == k for k in (nw.String, nw.Categorical)):
        return np.asarray(series.to_numpy())
    out = np.empty(len(series), dtype=object)
    out[:] = series.to_list()
    return out


_MAXIMA = frozenset({"__reach_max"})  # aggregates that merge by their largest value


def _floats(values: np.ndarray) -> Float64Array:
    """Sums as float64, 0 where null (a group of no rows; NaN stays NaN)."""
    if values.dtype == object:
        return np.array([0.0 if v is None else v for v in values], dtype=np.float64)
    return np.asarray(values, dtype=np.float64)


def _no_missing_labels(name: str, values: Sequence[object]) -> None:
    nulls = sum(1 for v in values if missing_label(v))
    if nulls:
        raise InvalidValueError(
            f"dimension column {name!r} has missing labels in {nulls} group(s); fill them"
        )


def _frame_codes(name: str, values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """A dimension of the aggregated table as codes and labels (strings, integer ids as
    ints): as on the numpy path, other values (dates, booleans) by :func:`_label`."""
    if values.dtype.kind in ("i", "u", "U"):
        if values.dtype.kind == "U" and (values[:-1] < values[1:]).all():
            # distinct and in order (the engine sorted them): each row is its own label
            return np.arange(values.size), values.astype(object)
        uniques, code = np.unique(values, return_inverse=True)  # integer ids stay ints
        return np.asarray(code, dtype=np.intp), np.asarray(uniques.tolist(), dtype=object)
    if values.dtype.kind == "O" and set(map(type, values.tolist())) == {str}:
        # strings only, so no missing label: where the engine sorted them (compared as
        # Python strings, by code point as numpy does) each row is its own label
        if (values[:-1] < values[1:]).all():
            return np.arange(values.size), values
        return _frame_codes(name, values.astype(str))
    _no_missing_labels(name, values.tolist())
    ids = [v for v in values.tolist() if isinstance(v, int) and not isinstance(v, bool)]
    if values.dtype.kind == "O" and len(ids) == values.size and values.size:
        as_ints = np.asarray(ids)  # integer ids folded by period: as on the numpy path
        if as_ints.dtype.kind in ("i", "u"):
            return _frame_codes(name, as_ints)
    texts = np.array([_label(v) for v in values.tolist()], dtype=str)
    uniques, code = np.unique(texts, return_inverse=True)
    return np.asarray(code, dtype=np.intp), np.asarray(uniques.tolist(), dtype=object)


def _float64(nw: Any, frame: Any, dims: Sequence[str], names: Mapping[str, str]) -> Any:
    """The dimensions, and the measures as float64 under their measure names: cast in the
    engine before it sums, so no integer sum wraps around and no float32 sum rounds.
    pyarrow's cast refuses integers beyond 2**53, so pyarrow casts unchecked itself."""
    if frame.implementation is nw.Implementation.PYARROW:
        import pyarrow as pa  # type: ignore[import-untyped]
        import pyarrow.compute as pc  # type: ignore[import-untyped]

        table = nw.to_native(frame)
        cast = {m: pc.cast(table[s], pa.float64(), safe=False) for m, s in names.items()}
        return nw.from_native(pa.table({**{d: table[d] for d in dims}, **cast}))
    return frame.select(*dims, *(nw.col(s).cast(nw.Float64).alias(m) for m, s in names.items()))


def _check_measures(nw: Any, frame: Any, names: Mapping[str, str]) -> None:
    """No null, NaN or negative measure: one cheap global pass (min and non-null count), so
    the group-by is a plain sum."""
    if frame.implementation is nw.Implementation.PANDAS:
        native = nw.to_native(frame)  # eager pandas: one numpy min per column (NaN propagates)
        for source in names.values():
            values = native[source].to_numpy(dtype=np.float64, na_value=np.nan)
            if values.size and not values.min() >= 0:
                _explain_frame(nw, frame, source)
        return
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
    col = nw.col(source).cast(nw.Float64)
    found = _collect(
        frame.select(
            col.is_nan().cast(nw.Int64).sum().alias("nan"),
            (~col.is_finite()).cast(nw.Int64).sum().alias("not_finite"),
        )
    )
    nan, not_finite = int(found["nan"][0] or 0), int(found["not_finite"][0] or 0)
    if not_finite == 0:
        _overflow(source)
    raise InvalidValueError(
        f"measure column {source!r} has {nan} NaN and {not_finite - nan} infinite row(s); "
        "measures must be finite and >= 0"
    )


def _label(value: object) -> Label:
    """A dimension label; an integer id as an int; a date, or a datetime at midnight (a
    period start), as its day."""
    if isinstance(value, (int, np.integer)) and not isinstance(value, (bool, np.bool_)):
        return int(value)
    if isinstance(value, dt.datetime):
        if value.time() == dt.time() and getattr(value, "nanosecond", 0) == 0:
            return value.date().isoformat()
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)
