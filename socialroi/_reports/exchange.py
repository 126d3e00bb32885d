"""Currency conversion over frames: every amount at the rate of its own day, in the engine.

:func:`convert` multiplies every money column of a frame (the vocabulary's costs, revenue and
the values of macro actions, together: converting costs and not revenue is how ROAS goes
wrong) by the rate of the row's currency on the row's day, and writes the one reporting
currency in the currency column. It runs in the caller's engine before any sum, so a
roll-up of the result is in one currency and says so.
"""

from __future__ import annotations

import datetime as dt
import math
import numbers
import warnings
from collections.abc import Mapping
from typing import Any

from socialroi._errors import (
    InvalidTypeError,
    InvalidValueError,
    UnknownNameError,
)
from socialroi._reports.text import check_text, day
from socialroi._values.currency import check_currency
from socialroi._values.vocabulary import VOCABULARY, Vocabulary, check_vocabulary

_RATE = "__rate"


def money_columns(vocabulary: Vocabulary) -> tuple[str, ...]:
    """The columns that hold money: costs, revenue and the values of macro actions."""
    return (*vocabulary.costs, "revenue", *vocabulary.value_names)


def _nw() -> Any:
    import narwhals.stable.v2 as nw

    return nw


def _open(nw: Any, data: object, argument: str) -> Any:
    try:
        with warnings.catch_warnings():  # narwhals announces Dask moving to a plugin
            warnings.filterwarnings(
                "ignore", message="Dask support is moving", category=FutureWarning
            )
            return nw.from_native(data)
    except TypeError:
        raise InvalidTypeError(
            f"{argument!r} must be a data frame (pandas, polars, pyarrow, DuckDB, Dask, "
            f"PySpark...): {type(data).__name__}"
        ) from None


def _collect(frame: Any) -> dict[str, list[Any]]:
    done = frame.collect() if hasattr(frame, "collect") else frame
    return dict(done.to_dict(as_series=False))


def _rate(value: object, argument: str) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise InvalidTypeError(f"{argument} must be a number: {value!r}")
    rate = float(value)
    if not math.isfinite(rate) or rate <= 0:
        raise InvalidValueError(f"{argument} must be finite and > 0: {value!r}")
    return rate


def _day(nw: Any, frame: Any, schema: Any, name: str, where: str) -> Any:
    """Column ``name`` of ``frame`` as its day; ISO text is checked to parse first."""
    if schema[name] == nw.String:
        check_text(nw, frame, [(name, name, nw.col(name), _ISO)], where)
    return day(nw, name, schema[name], _ISO, where)


_ISO = "%Y-%m-%d"


def convert(
    data: object,
    rates: object,
    *,
    to: str,
    on: str = "date",
    currency: str = "currency",
    vocabulary: Vocabulary = VOCABULARY,
) -> Any:
    """Every money column of ``data`` in the currency ``to``, at the rate of its own day.

    Parameters
    ----------
    data
        A frame (pandas, polars, pyarrow, DuckDB, Dask, PySpark...) with a ``currency``
        column (the sources write it) and, for daily rates, a date column ``on``.
    rates
        How many units of ``to`` one unit of each currency buys: a frame with the columns
        ``on``, ``currency`` and ``rate`` (one row per day and currency), or a mapping of
        one fixed rate per currency, ``{"USD": 0.92}``. Rows already in ``to`` need no
        rate (it is 1).
    to
        The ISO 4217 code of the reporting currency.
    on
        The date column (of ``data`` and of a rates frame).
    currency
        The column holding each row's currency code.
    vocabulary
        Says which columns are money: every cost category, ``revenue`` and ``value_<action>``
        present in ``data`` converts, all at once.

    Returns
    -------
    A frame of the same kind (lazy where ``data`` is lazy) whose money columns are in ``to``
    and whose currency column says ``to``.

    Raises
    ------
    UnknownNameError
        A day and currency with no rate (named), a column that is not in the data.
    InvalidValueError
        A rate that is not finite and > 0, two rates for one day and currency, a row that
        spans several days (a ``date_end`` after its date) with daily rates.

    Examples
    --------
    >>> import pandas as pd
    >>> import socialroi as sr
    >>> spend = pd.DataFrame({"date": ["2026-03-01", "2026-03-02"], "currency": ["USD", "USD"],
    ...                       "ad_spend": [100.0, 100.0], "revenue": [300.0, 0.0]})
    >>> daily = pd.DataFrame({"date": ["2026-03-01", "2026-03-02"], "currency": ["USD", "USD"],
    ...                       "rate": [0.90, 0.95]})
    >>> out = sr.convert(spend, daily, to="EUR")
    >>> out["ad_spend"].tolist(), out["revenue"].tolist(), out["currency"].unique().tolist()
    ([90.0, 95.0], [270.0, 0.0], ['EUR'])
    >>> sr.convert(spend, {"GBP": 1.17}, to="EUR")
    Traceback (most recent call last):
    ...
    socialroi._errors.UnknownNameError: 'rates' has no rate from USD to EUR; add one \
(rows in USD: 2)
    """
    nw = _nw()
    code = check_currency(to)
    v = check_vocabulary(vocabulary)
    for argument, name in (("on", on), ("currency", currency)):
        if not isinstance(name, str):
            raise InvalidTypeError(f"{argument!r} must be a column name (a string): {name!r}")
    frame = _open(nw, data, "data")
    schema = frame.collect_schema()
    if currency not in schema:
        raise UnknownNameError(
            f"'data' has no currency column {currency!r}: every row must say its currency "
            "(the sources write it; or pass currency='<column>')"
        )
    money = [c for c in money_columns(v) if c in schema]
    cur = nw.col(currency).cast(nw.String).str.strip_chars().str.to_uppercase()
    if isinstance(rates, Mapping):
        frame = _fixed(nw, frame, cur, currency, rates, code)
    else:
        frame = _daily(nw, frame, schema, cur, currency, rates, code, on)
    converted = [(nw.col(c).cast(nw.Float64) * nw.col(_RATE)).alias(c) for c in money]
    return nw.to_native(frame.with_columns(*converted, nw.lit(code).alias(currency)).drop(_RATE))


def _fixed(
    nw: Any, frame: Any, cur: Any, column: str, rates: Mapping[object, object], code: str
) -> Any:
    table: dict[str, float] = {}
    for key, value in rates.items():
        name = check_currency(key)
        table[name] = _rate(value, f"'rates'[{key!r}]")
    if table.get(code, 1.0) != 1.0:
        raise InvalidValueError(f"'rates' converts {code} to {code} at {table[code]!r}; it is 1")
    table[code] = 1.0
    counts = _collect(frame.group_by(column).agg(nw.len().alias("n")))
    for name, n in zip(counts[column], counts["n"], strict=True):
        if name is None or name != name:  # NaN: pandas groups a missing code as NaN
            raise InvalidValueError(
                f"'data' has {n} row(s) without a currency in column {column!r}; fill it"
            )
        label = str(name).strip().upper()
        if label not in table:
            raise UnknownNameError(
                f"'rates' has no rate from {label} to {code}; add one (rows in {label}: {n})"
            )
    expression = nw.lit(None, dtype=nw.Float64)
    for name, value in table.items():
        expression = nw.when(cur == name).then(value).otherwise(expression)
    return frame.with_columns(expression.alias(_RATE))


def _daily(
    nw: Any,
    frame: Any,
    schema: Any,
    cur: Any,
    column: str,
    rates: object,
    code: str,
    on: str,
) -> Any:
    if on not in schema:
        raise UnknownNameError(
            f"'data' has no date column {on!r}, which daily rates are joined on; pass on= "
            "or a mapping of fixed rates"
        )
    start = _day(nw, frame, schema, on, "'data'")
    if "date_end" in schema:
        end = _day(nw, frame, schema, "date_end", "'data'")
        after = (end > start) & ~end.is_null() & ~start.is_null()  # NaT != anything is True
        spans = _collect(frame.select(after.cast(nw.Int64).sum().alias("n")))["n"][0]
        if spans:
            raise InvalidValueError(
                f"{spans} row(s) span several days (date_end after {on!r}), so no one day's "
                "rate converts them: export by day, or pass fixed rates"
            )
    table = _rates_table(nw, rates, on, code)
    native_rates = _rates_frame(nw, frame, rates, table, on, column)
    keyed = frame.with_columns(start.alias("__day"), cur.alias("__currency"))
    joined = keyed.join(native_rates, on=["__day", "__currency"], how="left")
    rate = nw.when(nw.col("__currency") == code).then(1.0).otherwise(nw.col("__rate_of_day"))
    joined = joined.with_columns(rate.alias(_RATE))
    missing = joined.filter(nw.col(_RATE).is_null())
    found = _collect(
        missing.group_by("__day", "__currency").agg(nw.len().alias("n")).sort("__day")
    )
    blank = sum(
        n for c, n in zip(found["__currency"], found["n"], strict=True) if c is None or c != c
    )
    if blank:
        raise InvalidValueError(
            f"'data' has {blank} row(s) without a currency in column {column!r}; fill it"
        )
    if found["n"]:
        shown = [
            f"{c} on {_iso(d)}"
            for d, c in zip(found["__day"][:5], found["__currency"][:5], strict=True)
        ]
        more = f" and {len(found['n']) - 5} more" if len(found["n"]) > 5 else ""
        raise UnknownNameError(
            f"'rates' has no rate to {code} for {', '.join(shown)}{more} "
            f"({sum(found['n'])} row(s)); add those days to the rates"
        )
    return joined.drop("__day", "__currency", "__rate_of_day")


def _iso(value: object) -> str:
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    return str(value)


def _rates_table(nw: Any, rates: object, on: str, code: str) -> dict[str, list[Any]]:
    """The rates as a small table (day, currency, rate), checked."""
    frame = _open(nw, rates, "rates")
    schema = frame.collect_schema()
    missing = [c for c in (on, "currency", "rate") if c not in schema]
    if missing:
        raise UnknownNameError(
            f"'rates' must have the columns {on!r}, 'currency' and 'rate': missing {missing}"
        )
    table = _collect(
        frame.select(
            _day(nw, frame, schema, on, "'rates'").alias("__day"),
            nw.col("currency")
            .cast(nw.String)
            .str.strip_chars()
            .str.to_uppercase()
            .alias("__currency"),
            nw.col("rate").cast(nw.Float64).alias("__rate_of_day"),
        )
    )
    seen: set[tuple[object, str]] = set()
    for d, c, r in zip(table["__day"], table["__currency"], table["__rate_of_day"], strict=True):
        if d is None or c is None:
            raise InvalidValueError("'rates' has a row without its day or currency; fill it")
        check_currency(c)
        _rate(r, f"'rates' for {c} on {_iso(d)}")
        if (d, c) in seen:
            raise InvalidValueError(f"'rates' has two rates for {c} on {_iso(d)}; keep one")
        if c == code and r != 1.0:
            raise InvalidValueError(f"'rates' converts {code} to {code} at {r!r}; it is 1")
        seen.add((d, c))
    return table


def _rates_frame(
    nw: Any, frame: Any, rates: object, table: dict[str, list[Any]], on: str, column: str
) -> Any:
    """The checked rates in the data's engine (rebuilt there where they came in another)."""
    impl = frame.implementation
    given = _open(nw, rates, "rates")
    if given.implementation is impl and isinstance(given, type(frame)):
        schema = given.collect_schema()
        return given.select(
            _day(nw, given, schema, on, "'rates'").alias("__day"),
            nw.col("currency")
            .cast(nw.String)
            .str.strip_chars()
            .str.to_uppercase()
            .alias("__currency"),
            nw.col("rate").cast(nw.Float64).alias("__rate_of_day"),
        )
    if impl.is_spark_like():  # built in the data's session, from the checked rows
        session = nw.to_native(frame).sparkSession
        days = [d.to_pydatetime() if hasattr(d, "to_pydatetime") else d for d in table["__day"]]
        rows = list(zip(days, table["__currency"], table["__rate_of_day"], strict=True))
        schema = "__day timestamp, __currency string, __rate_of_day double"
        return nw.from_native(session.createDataFrame(rows, schema))
    eager = nw.from_dict(table, backend="polars" if not _eager(frame, nw) else impl)
    eager = eager.with_columns(nw.col("__day").cast(nw.Datetime("us")))
    if _eager(frame, nw):
        return eager
    try:
        with warnings.catch_warnings():  # narwhals announces Dask moving to a plugin
            warnings.filterwarnings(
                "ignore", message="Dask support is moving", category=FutureWarning
            )
            return eager.lazy(backend=impl)
    except (ValueError, TypeError, AssertionError):
        raise InvalidTypeError(
            f"'rates' must be a frame of the same engine as the data ({impl}) or a mapping "
            "of fixed rates"
        ) from None


def _eager(frame: Any, nw: Any) -> bool:
    return isinstance(frame, nw.DataFrame)
