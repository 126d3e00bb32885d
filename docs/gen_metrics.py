"""Write the metric table of docs/metrics.md from the catalog: python docs/gen_metrics.py

The test suite checks that the page holds exactly this table, so the page cannot drift.
"""

from __future__ import annotations

from pathlib import Path

import socialroi as sr

PAGE = Path(__file__).with_name("metrics.md")
BEGIN, END = "<!-- catalog:begin -->", "<!-- catalog:end -->"


def table() -> str:
    lines = [
        "| name | title | inputs | stage | better | unit | definition and source |",
        "|---|---|---|---|---|---|---|",
    ]
    for m in sr.METRICS.values():
        stage = m.stage.value if m.stage else "all"
        lines.append(
            f"| `{m.name}` | {m.title} | {', '.join(m.inputs)} | {stage} | "
            f"{m.direction.value} | {m.unit.value} | {m.source} |"
        )
    return "\n".join(lines)


def render(page: str) -> str:
    head, rest = page.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    return f"{head}{BEGIN}\n{table()}\n{END}{tail}"


if __name__ == "__main__":
    PAGE.write_text(render(PAGE.read_text(encoding="utf-8")), encoding="utf-8")
