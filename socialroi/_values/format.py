"""Formatting for people: one number by its unit, and plain-text and HTML tables of cells.

Every number shows at least ``precision`` significant figures (3 unless asked), so a CTR of
0.000176 reads ``0.0176%``, never ``0.0%``; it never shows fewer decimals than its unit's
usual ones: money in cents (``1,234.50``), multiples to two decimals (``2.25x``), durations
to one (``12.5 s``), percentages to none (``56.7%``, ``1,503%``: digits left of the point are
never rounded away). Decimals beyond the usual ones are shown only where they are not
trailing zeros (``0.45``, ``0.456``, ``0.000275``). Thousands are separated by commas; whole
counts show no decimals; undefined values (NaN) show as "n/a".
Units are the catalog's unit names ("fraction", "multiple", "money", "duration"), "count", or
"number" (a plain number such as a p-value).
This toolkit sits at the bottom of the layers and knows no measure or metric, so every value
renders itself (``_repr_html_``, ``to_text``) without importing upward: what a column's unit
is belongs to the catalog (``socialroi._metrics.catalog.unit_of``). Nothing here prints.
"""

from __future__ import annotations

import html
import math
from collections.abc import Sequence

from socialroi._errors import InvalidValueError, UnknownNameError

UNDEFINED = "n/a"
#: Significant figures shown unless the caller asks for others.
DEFAULT_PRECISION = 3
#: The fewest decimals each unit shows, and what follows the number.
_UNITS: dict[str, tuple[int, str]] = {
    "fraction": (0, "%"),
    "multiple": (2, "x"),
    "money": (2, ""),
    "duration": (1, " s"),
    "count": (2, ""),
    "number": (0, ""),  # a plain number (a p-value, a statistic)
}
#: Numbers shown in fixed notation; beyond, in scientific notation.
_FIXED_LOW, _FIXED_HIGH = 1e-9, 1e15


def check_precision(value: object) -> int:
    """``value`` checked as a number of significant figures: an integer from 1 to 17."""
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 17:
        raise InvalidValueError(
            f"'precision' must be a number of significant figures, an integer from 1 to 17: "
            f"{value!r}"
        )
    return value


def significant(number: float, precision: int, fewest: int) -> str:
    """``number`` with thousands separators, at least ``precision`` significant figures and
    at least ``fewest`` decimals; decimals past ``fewest`` only where they are not trailing
    zeros."""
    decimals = fewest
    if number != 0:
        magnitude = math.floor(math.log10(abs(number)))
        decimals = max(fewest, precision - 1 - magnitude)
        # rounding may carry into a new digit (9.996 -> 10.0): one decimal fewer is enough
        if decimals > fewest and abs(round(number, decimals)) >= 10.0 ** (magnitude + 1):
            decimals -= 1
    text = f"{number:,.{decimals}f}"
    if decimals > fewest:
        whole, _, part = text.partition(".")
        part = part[:fewest] + part[fewest:].rstrip("0")
        text = f"{whole}.{part}" if part else whole
    return text


def format_value(value: object, unit: str, *, precision: int = DEFAULT_PRECISION) -> str:
    """One cell: labels as they are, numbers by unit to ``precision`` significant figures,
    NaN as "n/a".

    >>> from socialroi._values.format import format_value
    >>> format_value(0.000176, "fraction"), format_value(15.031, "fraction")
    ('0.0176%', '1,503%')
    >>> format_value(0.000275, "money"), format_value(55_662.15, "money")
    ('0.000275', '55,662.15')
    >>> format_value(0.000176, "fraction", precision=1), format_value(float("nan"), "money")
    ('0.02%', 'n/a')
    """
    if isinstance(value, str):
        return value
    digits = check_precision(precision)
    if unit not in _UNITS:
        raise UnknownNameError(
            f"unknown unit {unit!r}: use 'fraction', 'multiple', 'money', 'duration', 'count' "
            "or 'number'"
        )
    number = float(value)  # type: ignore[arg-type]
    if math.isnan(number):
        return UNDEFINED
    fewest, suffix = _UNITS[unit]
    if unit == "fraction":
        number *= 100.0
    number += 0.0  # -0.0 shows as 0
    if not math.isfinite(number) or (number and not _FIXED_LOW <= abs(number) < _FIXED_HIGH):
        return f"{number:.{digits}g}{suffix}"  # far out: 1.76e-12%
    if unit == "count" and number == int(number):
        return f"{number:,.0f}"
    text = significant(number, digits, fewest)
    if unit == "fraction" and abs(number) != 100.0:
        # 99.982% is not 100%: as many figures as it takes to tell them apart
        while text.lstrip("-") == "100" and digits < 17:
            digits += 1
            text = significant(number, digits, fewest)
    return text + suffix


def text_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A right-aligned plain-text table of pre-formatted cells."""
    widths = [max([len(h), *(len(r[j]) for r in rows)]) for j, h in enumerate(headers)]
    lines = ["  ".join(h.rjust(w) for h, w in zip(headers, widths, strict=True))]
    lines += ["  ".join(c.rjust(w) for c, w in zip(r, widths, strict=True)) for r in rows]
    return "\n".join(lines)


def html_table(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    caption: str | None = None,
    labels: int = 0,
) -> str:
    """An HTML table of pre-formatted cells; the first ``labels`` columns are row headers."""
    out = ['<table class="socialroi">']
    if caption:
        out.append(f"<caption>{html.escape(caption)}</caption>")
    out.append("<thead><tr>" + "".join(f"<th>{html.escape(h)}</th>" for h in headers))
    out.append("</tr></thead><tbody>")
    for row in rows:
        cells = []
        for j, cell in enumerate(row):
            tag = "th" if j < labels else "td"
            style = ' style="text-align:right"' if j >= labels else ""
            title = ' title="undefined"' if cell == UNDEFINED else ""
            cells.append(f"<{tag}{style}{title}>{html.escape(cell)}</{tag}>")
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</tbody></table>")
    return "".join(out)
