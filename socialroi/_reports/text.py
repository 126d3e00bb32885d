"""Dates and numbers sent as text, checked in the engine before they are parsed.

Exports and APIs send dates and numbers as text ("2026-03-01", "1,234.50"). An engine that
cannot parse one raises its own error, and a lazy engine (polars lazy, DuckDB, Dask) only
when the frame is collected, long after the source was read. So the sources (and
:func:`socialroi.convert`, for the dates it joins rates on) check them first, in the frame's
engine: one pass counts, per column, the values that do not have the
shape of a date in the column's format or of a number, and where any column has some, a
second fetches one of them, for an error that names the column, shows the value and says
the fix. A date that does not exist (2026-02-31, which one engine would refuse and another
roll over to 3 March) is refused too.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from typing import Any

from socialroi._errors import InvalidTypeError, InvalidValueError

#: What each ``strptime`` directive matches (non-padded days and months too, as Python's
#: ``strptime`` and the engines' parsers accept them).
_DIRECTIVES = {
    "Y": "[0-9]{4}",
    "y": "[0-9]{2}",
    "m": "(?:0?[1-9]|1[0-2])",
    "d": "(?:0?[1-9]|[12][0-9]|3[01])",
    "H": "(?:[01]?[0-9]|2[0-3])",
    "M": "[0-5][0-9]",
    "S": "(?:[0-5][0-9]|60)",
    "b": "[A-Za-z]{3}",
    "B": "[A-Za-z]+",
    "%": "%",
}
#: A number once thousands separators are taken off and the ends stripped.
NUMBER = r"^[-+]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$"


def date_pattern(fmt: str) -> str | None:
    """A regular expression for the dates that exist, written in the ``strptime`` format
    ``fmt`` (no 31 April, 29 February in leap years only), or None where the format uses a
    directive the check does not know (the engine then parses it unchecked).

    >>> import re
    >>> iso = date_pattern("%Y-%m-%d")
    >>> [bool(re.match(iso, d)) for d in ("2026-03-01", "2026-3-1", "2026-02-31", "2026-04-31")]
    [True, True, False, False]
    >>> [bool(re.match(iso, d)) for d in ("2024-02-29", "2026-02-29", "2000-02-29", "1900-02-29")]
    [True, False, True, False]
    >>> date_pattern("%j") is None
    True
    """
    directives = set(re.findall(r"%(.)", fmt))
    if not directives <= set(_DIRECTIVES):
        return None
    if not {"m", "d"} <= directives:
        return "^" + _written(fmt, {}) + "$"
    leap = {"Y": _LEAP_YEAR, "y": _LEAP_YY} if directives & {"Y", "y"} else {}
    days = (
        {"m": "(?:0?[13578]|1[02])", "d": "(?:0?[1-9]|[12][0-9]|3[01])"},
        {"m": "(?:0?[469]|11)", "d": "(?:0?[1-9]|[12][0-9]|30)"},
        {"m": "0?2", "d": "(?:0?[1-9]|1[0-9]|2[0-8])"},
        {"m": "0?2", "d": "29", **leap},
    )
    return "^(?:" + "|".join(_written(fmt, d) for d in days) + ")$"


#: Leap years: divisible by 4, centuries only when divisible by 400.
_LEAP_YEAR = "(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)"
_LEAP_YY = "(?:0[048]|[2468][048]|[13579][26])"


def _written(fmt: str, parts: dict[str, str]) -> str:
    out, i = [], 0
    while i < len(fmt):
        if fmt[i] == "%" and i + 1 < len(fmt):
            out.append(parts.get(fmt[i + 1], _DIRECTIVES[fmt[i + 1]]))
            i += 2
        else:
            out.append(re.escape(fmt[i]))
            i += 1
    return "".join(out)


def day(nw: Any, name: str, dtype: Any, fmt: str, where: str, header: str | None = None) -> Any:
    """A date column as a datetime at midnight (the type every engine joins and buckets):
    text is parsed in the ``strptime`` format ``fmt`` (checked first: :func:`check_text`),
    a date or datetime truncated to its day; ``where`` names the frame and ``header`` the
    column (where expressions name it otherwise, as Spark's quoted names) for the message."""
    col = nw.col(name)
    if dtype == nw.String:
        col = col.str.to_datetime(fmt)
    elif dtype == nw.Date:
        col = col.cast(nw.Datetime("us"))
    elif not isinstance(dtype, nw.Datetime):
        raise InvalidTypeError(
            f"date column {header or name!r} of {where} must hold dates or text like "
            f"{_EXAMPLE.strftime(fmt)!r}, not {dtype}"
        )
    return col.dt.truncate("1d").cast(nw.Datetime("us"))


_EXAMPLE = datetime.date(2026, 1, 31)


def check_text(
    nw: Any, frame: Any, checks: Sequence[tuple[str, str, Any, str]], where: str
) -> None:
    """Refuse text that will not parse. ``checks`` holds, per column, its name (for the
    message), how expressions name it (quoted on Spark), the cleaned text expression that
    will be parsed, and what the column must hold: ``"numbers"`` or a ``strptime`` format;
    ``where`` names the frame (``"the Meta Ads Manager export data"``, ``"'data'"``)."""
    tests = []
    for header, name, text, expected in checks:
        pattern = NUMBER if expected == "numbers" else date_pattern(expected)
        if pattern is not None:
            bad = ~nw.col(name).is_null() & ~text.str.contains(pattern)
            tests.append((header, name, expected, bad))
    if not tests:
        return
    counts = _collect(
        frame.select(*(t[3].cast(nw.Int64).sum().alias(f"__bad_{i}") for i, t in enumerate(tests)))
    )
    for i, (header, name, expected, bad) in enumerate(tests):
        n = int(counts[f"__bad_{i}"][0] or 0)
        if not n:
            continue
        first = frame.filter(bad).select(nw.col(name).alias("__sample")).head(1)
        sample = _collect(first)["__sample"][0]
        if expected == "numbers":
            raise InvalidValueError(
                f"column {header!r} of {where} holds {n} value(s) that are not "
                f"numbers, such as {sample!r}: clean them (thousands separators ',' are taken "
                "off for you) or cast the column to numbers before reading it"
            )
        raise InvalidValueError(
            f"column {header!r} of {where} holds {n} value(s) that are not dates "
            f"(days that exist, written {expected!r}), such as {sample!r}: fix them, or parse "
            "the column to dates before reading it (pd.to_datetime, pl.col(...).str.to_date)"
        )


def _collect(frame: Any) -> dict[str, list[Any]]:
    done = frame.collect() if hasattr(frame, "collect") else frame
    return dict(done.to_dict(as_series=False))
