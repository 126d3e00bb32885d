"""Write the field tables of docs/sources.md from the sources' specs: python docs/gen_sources.py

The test suite checks that the page holds exactly these tables, so the page cannot drift.
"""

from __future__ import annotations

from pathlib import Path

import socialroi as sr
from socialroi.sources._meta_actions import EVENTS, LEFT_OUT

PAGE = Path(__file__).with_name("sources.md")
BEGIN, END = "<!-- sources:begin -->", "<!-- sources:end -->"

_KINDS = {
    sr.sources.Kind.DIMENSION: "label",
    sr.sources.Kind.DATE: "date",
    sr.sources.Kind.COUNT: "count",
    sr.sources.Kind.MONEY: "money",
    sr.sources.Kind.MICROS: "money in micros (/ 1,000,000)",
    sr.sources.Kind.MINUTES: "minutes, as seconds (x 60)",
    sr.sources.Kind.REACH: "reach (bounds, never summed)",
    sr.sources.Kind.PERCENT: 'rate in percent (left out; `rates="keep"`: / 100)',
    sr.sources.Kind.RATE: 'rate (left out; `rates="keep"` keeps it)',
    sr.sources.Kind.CURRENCY: "currency code",
    sr.sources.Kind.WINDOW: "attribution window",
    sr.sources.Kind.IGNORED: "left out",
}


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def source_table(source: sr.sources.Source) -> str:
    checked = "".join(f"\n- <{page}>" for page in source.pages)
    lines = [
        f"### `sr.sources.{source.name}`: {source.title}",
        "",
        f"Fields: <{source.reference}>. Every row: channel "
        + (f"`{source.channel}`" if source.channel else "from the data")
        + ", mode "
        + (f"`{source.mode}`" if source.mode else "from the data")
        + (f", attribution window `{source.window}` unless exported" if source.window else "")
        + ".",
        "",
        "Field names checked against:" + (checked or " none"),
        "",
        "| platform field | socialroi column | read as | required (how to export it) | note |",
        "|---|---|---|---|---|",
    ]
    for f in source.fields:
        names = ", ".join(
            f"`{_cell(n)}`" + (" (not verified)" if n in f.unverified else "") for n in f.names
        )
        column = f"`{f.column}`" if f.column else "-"
        if f.kind in (sr.sources.Kind.PERCENT, sr.sources.Kind.RATE):
            column = "`reported_<field>`"
        lines.append(
            f"| {names} | {column} | {_KINDS[f.kind]} | {_cell(f.required or '')} | "
            f"{_cell(f.note)} |"
        )
    return "\n".join(lines)


def events_table() -> str:
    lines = ["| Meta event | socialroi measure |", "|---|---|"]
    lines += [f"| `{event}` | `{measure}` |" for event, measure in EVENTS.items()]
    lines.append("")
    lines.append("Left out on purpose: " + ", ".join(f"`{t}`" for t in sorted(LEFT_OUT)) + ".")
    return "\n".join(lines)


def render(page: str) -> str:
    head, rest = page.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    body = "\n\n".join(source_table(s) for s in sr.sources.SOURCES.values())
    body += "\n\n### Meta's action types\n\n" + events_table()
    return f"{head}{BEGIN}\n{body}\n{END}{tail}"


if __name__ == "__main__":
    PAGE.write_text(render(PAGE.read_text(encoding="utf-8")), encoding="utf-8")
