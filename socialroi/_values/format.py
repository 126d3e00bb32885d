"""Formatting for people: plain-text and HTML tables with units applied.

Money to two decimals with thousands separators, fractions as percentages, multiples with
an "x", counts as whole numbers, and undefined values (NaN) as "n/a". Used by the text and
notebook (``_repr_html_``) views of reports and other results; nothing here prints.
"""

from __future__ import annotations

import html
import math
from collections.abc import Sequence
from typing import Any, Protocol

from socialroi._catalog import METRICS, Unit
from socialroi._measures import COST_MEASURES, VALUE_MEASURES

UNDEFINED = "n/a"
#: Measure columns that hold money (the rest of the measures are counts).
MONEY_MEASURES = frozenset(
    (*COST_MEASURES, *VALUE_MEASURES, "investment", "revenue", "return", "valued_actions")
)


def unit_of(name: str) -> str:
    """How a named column is shown: a catalog unit's value, "money", or "count"."""
    if name in METRICS:
        return METRICS[name].unit.value
    return "money" if name in MONEY_MEASURES else "count"


def format_value(value: object, unit: str) -> str:
    """One cell: labels as they are, numbers by unit, NaN as "n/a"."""
    if isinstance(value, str):
        return value
    number = float(value)  # type: ignore[arg-type]
    if math.isnan(number):
        return UNDEFINED
    if unit == Unit.FRACTION.value:
        return f"{number:.1%}"
    if unit == Unit.MULTIPLE.value:
        return f"{number:.2f}x"
    if unit in (Unit.MONEY.value, "money"):
        return f"{number:,.2f}"
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


class _Tabular(Protocol):
    """What a report-like table offers: labelled rows of named columns."""

    @property
    def by(self) -> tuple[str, ...]: ...

    @property
    def columns(self) -> tuple[str, ...]: ...

    def column(self, name: str) -> Any: ...

    def __len__(self) -> int: ...


def cells(table: _Tabular, names: Sequence[str]) -> list[list[str]]:
    """The formatted cells of ``names`` for every row of a report-like table."""
    columns = [table.column(name) for name in names]
    return [
        [format_value(col[i], unit_of(name)) for name, col in zip(names, columns, strict=True)]
        for i in range(len(table))
    ]


def table_html(
    table: _Tabular, *, caption: str | None = None, names: Sequence[str] | None = None
) -> str:
    """A report-like table as HTML, dimension labels as row headers."""
    shown = list(table.columns if names is None else names)
    labels = sum(1 for name in shown if name in table.by)
    return html_table(shown, cells(table, shown), caption=caption, labels=labels)


def table_text(table: _Tabular, names: Sequence[str] | None = None) -> str:
    """A report-like table as plain text."""
    shown = list(table.columns if names is None else names)
    return text_table(shown, cells(table, shown))
