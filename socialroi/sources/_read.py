"""The mapping engine: a platform's frame to socialroi's columns, in the caller's engine.

Every column of the input has a role, from the source's field specs: a dimension, the date,
a measure, the currency, the attribution window, or left out on purpose (a rate socialroi
reads from the sums, an "all clicks" count that is not link clicks). A column the source does
not know follows the caller's ``unknown=`` policy: ``"raise"`` (the default) names it,
``"keep"`` keeps it under its own name, ``"drop"`` leaves it out on purpose. Nothing is
dropped in silence. The frame stays in its engine, lazy where it was lazy: only the select
is built here.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Mapping, Sequence
from typing import Any, Literal

from socialroi._errors import (
    CurrencyMismatchError,
    InvalidTypeError,
    InvalidValueError,
    UnknownNameError,
)
from socialroi._reports.text import check_text, day
from socialroi._values.currency import check_currency
from socialroi.sources._fields import Field, Kind, Source

Unknown = Literal["raise", "keep", "drop"]
Rates = Literal["drop", "keep"]
#: The columns every source writes first, in this order, where it has them.
LEADING = (
    "channel",
    "mode",
    "campaign",
    "ad_set",
    "ad",
    "date",
    "currency",
    "attribution_window",
)


def narwhals() -> Any:
    import narwhals.stable.v2 as nw

    return nw


def open_frame(data: object) -> Any:
    """``data`` as a narwhals frame (eager or lazy, as it came)."""
    nw = narwhals()
    try:
        with warnings.catch_warnings():  # narwhals announces Dask moving to a plugin
            warnings.filterwarnings(
                "ignore", message="Dask support is moving", category=FutureWarning
            )
            return nw.from_native(data)
    except TypeError:
        raise InvalidTypeError(
            "'data' must be a data frame (pandas, polars, pyarrow, DuckDB, Dask, PySpark...): "
            f"{type(data).__name__}"
        ) from None


def check_policies(unknown: object, rates: object, window: object = None) -> None:
    if not isinstance(unknown, str) or unknown not in ("raise", "keep", "drop"):
        raise InvalidValueError(f"'unknown' must be 'raise', 'keep' or 'drop': {unknown!r}")
    if not isinstance(rates, str) or rates not in ("drop", "keep"):
        raise InvalidValueError(f"'rates' must be 'drop' or 'keep': {rates!r}")
    if window is not None and (not isinstance(window, str) or not window.strip()):
        raise InvalidValueError(
            f"'window' must name an attribution window ('7-day click'), or be None: {window!r}"
        )


def reference(frame: Any, header: str) -> str:
    """How an expression names column ``header`` of ``frame``: as it is, or, on Spark, where
    a dot would reach into a struct ("segments.date", as Google Ads names its fields),
    quoted in backticks."""
    if frame.implementation.is_spark_like() and ("." in header or "`" in header):
        return "`" + header.replace("`", "``") + "`"
    return header


def number_text(nw: Any, name: str) -> Any:
    """A text column of numbers as it is cast: thousands separators off, ends stripped."""
    return nw.col(name).str.replace_all(",", "", literal=True).str.strip_chars()


def number(nw: Any, name: str, dtype: Any, label: str | None = None) -> Any:
    """A numeric column as float64; numbers sent as text ("1,234", as APIs and CSV exports
    send them) are cast in the engine (checked first: :mod:`socialroi._reports.text`).
    ``label`` is the column's name in messages, where ``name`` is its :func:`reference`."""
    col = nw.col(name)
    if dtype == nw.String:
        col = number_text(nw, name)
    elif not dtype.is_numeric():
        raise InvalidTypeError(f"column {label or name!r} must hold numbers, not {dtype}")
    return col.cast(nw.Float64)


def read(
    data: object,
    source: Source,
    *,
    currency: str | None = None,
    unknown: Unknown = "raise",
    rates: Rates = "drop",
    window: str | None = None,
) -> Any:
    """``data`` read by a :class:`Source` of your own: an explicit mapping, for an export no
    built-in source reads (the arguments are those of :func:`socialroi.sources.meta`).

    Examples
    --------
    >>> import pandas as pd
    >>> import socialroi as sr
    >>> from socialroi.sources import Field, Kind, Source
    >>> mine = Source(name="mine", title="our CRM export", reference="(internal)",
    ...               channel="crm", mode="organic", fields=(
    ...     Field(names="Campaign", column="campaign", kind=Kind.DIMENSION),
    ...     Field(names="Deals won", column="purchases", kind=Kind.COUNT)))
    >>> out = sr.sources.read(pd.DataFrame({"Campaign": ["a"], "Deals won": [2]}), mine)
    >>> list(out.columns), out["purchases"].tolist()
    (['channel', 'mode', 'campaign', 'purchases'], [2.0])
    """
    return narwhals().to_native(
        frame_of(source, data, currency=currency, unknown=unknown, rates=rates, window=window)
    )


def frame_of(
    source: Source,
    data: object,
    *,
    currency: str | None,
    unknown: Unknown,
    rates: Rates,
    window: str | None,
    derived: Sequence[tuple[str, Field]] = (),
    frame: Any = None,
) -> Any:
    """The narwhals frame with socialroi's columns (see the module docstring).

    ``derived`` names columns the platform's module computed itself (Meta's action lists),
    with their fields; ``frame`` is the narwhals frame they were computed on."""
    nw = narwhals()
    if not isinstance(source, Source):
        raise InvalidTypeError(f"'source' must be a socialroi.sources.Source: {source!r}")
    check_policies(unknown, rates, window)
    if frame is None:
        frame = open_frame(data)
    schema = frame.collect_schema()
    extra = dict(derived)
    found: dict[str, tuple[Field, str]] = {}
    strangers: list[str] = []
    for header in schema.names():
        if header in extra:
            found[header] = (extra[header], "")
            continue
        match = source.field(str(header))
        if match is None:
            strangers.append(header)
        else:
            found[header] = match
    _check_required(source, found)
    code = _currency(source, found, currency)
    _check_one_column_each(found)
    expressions: dict[str, Any] = {}
    if source.channel is not None:
        expressions["channel"] = nw.lit(source.channel)
    if source.mode is not None:
        expressions["mode"] = nw.lit(source.mode)
    for header, (f, _) in found.items():
        target = f.column
        dtype = schema[header]
        name = reference(frame, header)
        if f.kind in (Kind.PERCENT, Kind.RATE):
            if rates == "keep":
                scale = 100.0 if f.kind is Kind.PERCENT else 1.0
                expressions[reported(header)] = number(nw, name, dtype, header) / scale
            continue
        if f.kind is Kind.IGNORED or target is None:
            continue
        if f.kind in (Kind.DIMENSION, Kind.WINDOW):
            expressions[target] = nw.col(name)
        elif f.kind is Kind.CURRENCY:
            expressions[target] = nw.col(name).str.strip_chars().str.to_uppercase()
        elif f.kind is Kind.DATE:
            fmt = f.date_format or source.date_format
            expressions[target] = day(nw, name, dtype, fmt, f"the {source.title} data", header)
        elif f.kind is Kind.MICROS:
            expressions[target] = number(nw, name, dtype, header) / 1_000_000.0
        elif f.kind is Kind.MINUTES:
            expressions[target] = number(nw, name, dtype, header) * 60.0
        else:  # counts, money and reach
            expressions[target] = number(nw, name, dtype, header)
    if code is not None and "currency" not in expressions:
        expressions["currency"] = nw.lit(code)
    if "attribution_window" not in expressions and source.window is not None:
        expressions["attribution_window"] = nw.lit(window or source.window)
    elif window is not None and "attribution_window" in expressions:
        raise InvalidValueError(
            f"the export states each row's attribution window in a column; drop window={window!r}"
        )
    if strangers and unknown == "raise":
        raise UnknownNameError(
            f"{len(strangers)} column(s) are not fields the {source.title} source knows: "
            f"{strangers}; pass unknown='keep' to keep them as they are (as dimensions: "
            "a numeric one must then be mapped or ignored in the roll-up), or unknown='drop' "
            "to leave them out on purpose (docs/sources.md lists every field it reads)"
        )
    if unknown == "keep":
        for header in strangers:
            if header in expressions:
                raise InvalidValueError(
                    f"column {header!r} is not a field of the {source.title} source, and the "
                    f"source writes a {header!r} column itself; rename it or drop it"
                )
            expressions[header] = nw.col(reference(frame, header))
    checks = _text_checks(nw, frame, source, found, schema, rates)
    check_text(nw, frame, checks, f"the {source.title} data")
    order = [c for c in LEADING if c in expressions]
    order += [c for c in expressions if c not in LEADING]
    return frame.select(*(expressions[c].alias(c) for c in order))


def _text_checks(
    nw: Any,
    frame: Any,
    source: Source,
    found: Mapping[str, tuple[Field, str]],
    schema: Any,
    rates: str,
) -> list[tuple[str, str, Any, str]]:
    """The text columns the select parses: each with its :func:`reference`, its text as
    parsed and what it holds."""
    checks = []
    for header, (f, _) in found.items():
        if schema[header] != nw.String or (f.column is None and f.kind not in _RATES):
            continue
        name = reference(frame, header)
        if f.kind is Kind.DATE:
            checks.append((header, name, nw.col(name), f.date_format or source.date_format))
        elif f.kind in _NUMBERS or (f.kind in _RATES and rates == "keep"):
            checks.append((header, name, number_text(nw, name), "numbers"))
    return checks


_RATES = (Kind.PERCENT, Kind.RATE)
_NUMBERS = (Kind.COUNT, Kind.MONEY, Kind.MICROS, Kind.MINUTES, Kind.REACH)


def reported(header: str) -> str:
    """The column a kept rate is written to: ``reported_`` and the header in snake case
    (``"CTR (link click-through rate)"`` -> ``reported_ctr_link_click_through_rate``)."""
    return "reported_" + re.sub(r"[^a-z0-9]+", "_", header.lower()).strip("_")


def _check_required(source: Source, found: Mapping[str, tuple[Field, str]]) -> None:
    present = {id(f) for f, _ in found.values()} | {f.column for f, _ in found.values()}
    for f in source.fields:
        if f.required is not None and id(f) not in present and f.column not in present:
            raise UnknownNameError(
                f"the {source.title} data have no {f.names[0]!r} column, which the source "
                f"needs for {f.column!r}: {f.required}"
            )


def _check_one_column_each(found: Mapping[str, tuple[Field, str]]) -> None:
    seen: dict[str, str] = {}
    for header, (f, _) in found.items():
        if f.kind is Kind.IGNORED or f.column is None:
            continue
        if f.column in seen:
            raise InvalidValueError(
                f"columns {seen[f.column]!r} and {header!r} both hold {f.column!r}; keep one "
                "of them (export one currency, one attribution setting, one level)"
            )
        seen[f.column] = header


def _currency(
    source: Source, found: Mapping[str, tuple[Field, str]], currency: str | None
) -> str | None:
    """The code of the data's money: from a currency column (None here: per row), the
    headers, or the caller; an error where money has none or two."""
    given = None if currency is None else check_currency(currency)
    column = [h for h, (f, _) in found.items() if f.kind is Kind.CURRENCY]
    headers = {check_currency(code) for f, code in found.values() if f.money and code}
    if len(headers) > 1:
        raise CurrencyMismatchError(
            f"the {source.title} data's headers hold amounts in {sorted(headers)}; export one "
            "currency, or read each currency's columns apart and convert them"
        )
    if column:
        if given is not None:
            raise InvalidValueError(
                f"the data state each row's currency in column {column[0]!r}; drop "
                f"currency={currency!r}"
            )
        if headers:
            raise InvalidValueError(
                f"the data state their currency both in column {column[0]!r} and in the "
                f"headers ({headers.pop()}); keep one"
            )
        return None
    if headers:
        code = headers.pop()
        if given is not None and given != code:
            raise CurrencyMismatchError(
                f"the headers say the amounts are in {code}, and currency={currency!r} says "
                f"{given}; drop currency= or export in {given}"
            )
        return code
    if given is None and any(f.money for f, _ in found.values()):
        hint = source.currency_hint
        raise InvalidValueError(
            f"the {source.title} data hold money and do not say its currency: pass "
            f"currency='<ISO 4217 code>'{f' ({hint})' if hint else ''}"
        )
    return given
