"""Report-like tables for people: every row's cells formatted by the unit of its column."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from socialroi._metrics.catalog import unit_of
from socialroi._values.format import DEFAULT_PRECISION, format_value, html_table, text_table
from socialroi._values.vocabulary import VOCABULARY


class _Tabular(Protocol):
    """What a report-like table offers: labelled rows of named columns."""

    @property
    def by(self) -> tuple[str, ...]: ...

    @property
    def columns(self) -> tuple[str, ...]: ...

    def column(self, name: str) -> Any: ...

    def __len__(self) -> int: ...


def cells(
    table: _Tabular, names: Sequence[str], *, precision: int = DEFAULT_PRECISION
) -> list[list[str]]:
    """The formatted cells of ``names`` for every row of a report-like table; dimension
    labels as they are (an integer id as its digits)."""
    columns = [table.column(name) for name in names]
    units = [unit_of(name, getattr(table, "vocabulary", VOCABULARY)) for name in names]
    labels = [name in table.by for name in names]
    return [
        [
            str(col[i]) if label else format_value(col[i], unit, precision=precision)
            for unit, col, label in zip(units, columns, labels, strict=True)
        ]
        for i in range(len(table))
    ]


def table_html(
    table: _Tabular,
    *,
    caption: str | None = None,
    names: Sequence[str] | None = None,
    precision: int = DEFAULT_PRECISION,
) -> str:
    """A report-like table as HTML, dimension labels as row headers."""
    shown = list(table.columns if names is None else names)
    labels = sum(1 for name in shown if name in table.by)
    rows = cells(table, shown, precision=precision)
    return html_table(shown, rows, caption=caption, labels=labels)


def table_text(
    table: _Tabular, names: Sequence[str] | None = None, *, precision: int = DEFAULT_PRECISION
) -> str:
    """A report-like table as plain text."""
    shown = list(table.columns if names is None else names)
    return text_table(shown, cells(table, shown, precision=precision))
