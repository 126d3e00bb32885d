"""Formatting for people: one number by its unit, and plain-text and HTML tables of cells.

Money to two decimals with thousands separators, fractions as percentages, multiples with
an "x", durations in seconds, counts as whole numbers, and undefined values (NaN) as "n/a".
Units are the catalog's unit names ("fraction", "multiple", "money", "duration") or "count".
This toolkit sits at the bottom of the layers and knows no measure or metric, so every value
renders itself (``_repr_html_``, ``to_text``) without importing upward: what a column's unit
is belongs to the catalog (``socialroi._metrics.catalog.unit_of``). Nothing here prints.
"""

from __future__ import annotations

import html
import math
from collections.abc import Sequence

from socialroi._errors import UnknownNameError

UNDEFINED = "n/a"


def format_value(value: object, unit: str) -> str:
    """One cell: labels as they are, numbers by unit, NaN as "n/a"."""
    if isinstance(value, str):
        return value
    number = float(value)  # type: ignore[arg-type]
    if math.isnan(number):
        return UNDEFINED
    if unit == "fraction":
        return f"{number:.1%}"
    if unit == "multiple":
        return f"{number:.2f}x"
    if unit == "money":
        return f"{number:,.2f}"
    if unit == "duration":
        return f"{number:,.1f} s"
    if unit != "count":
        raise UnknownNameError(
            f"unknown unit {unit!r}: use 'fraction', 'multiple', 'money', 'duration' or 'count'"
        )
    return f"{number:,.0f}" if number == int(number) else f"{number:,.2f}"


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
