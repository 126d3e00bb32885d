"""Write the action and metric tables of docs/metrics.md: python docs/gen_metrics.py

The test suite checks that the page holds exactly this table, so the page cannot drift.
"""

from __future__ import annotations

from pathlib import Path

import socialroi as sr

PAGE = Path(__file__).with_name("metrics.md")
BEGIN, END = "<!-- catalog:begin -->", "<!-- catalog:end -->"
ACTIONS_BEGIN, ACTIONS_END = "<!-- actions:begin -->", "<!-- actions:end -->"


def actions() -> str:
    lines = [
        "| action | stage | intent | macro | its money is revenue |",
        "|---|---|---|---|---|",
    ]
    for a in sr.VOCABULARY.actions:
        lines.append(
            f"| `{a.name}` | {a.stage.value} | {a.intent} | {'yes' if a.macro else 'no'} | "
            f"{'yes' if a.revenue else 'no'} |"
        )
    lines.append("")
    lines.append("Cost categories: " + ", ".join(f"`{c}`" for c in sr.VOCABULARY.costs) + ".")
    lines.append("")
    timed = ", ".join(f"`{d.name}` (per `{d.per}`)" for d in sr.VOCABULARY.durations)
    lines.append(f"Durations, in seconds: {timed}.")
    lines.append("")
    levels = ", ".join(f"`{n}`" for n in sr.VOCABULARY.levels)
    lines.append(f"Levels, read at dates (not summed): {levels}.")
    return "\n".join(lines)


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


def _fill(page: str, begin: str, end: str, text: str) -> str:
    head, rest = page.split(begin, 1)
    _, tail = rest.split(end, 1)
    return f"{head}{begin}\n{text}\n{end}{tail}"


def render(page: str) -> str:
    page = _fill(page, ACTIONS_BEGIN, ACTIONS_END, actions())
    return _fill(page, BEGIN, END, table())


if __name__ == "__main__":
    PAGE.write_text(render(PAGE.read_text(encoding="utf-8")), encoding="utf-8")
