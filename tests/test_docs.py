"""Docs are code: every python block in README.md and docs/ runs, and so does every example."""

from __future__ import annotations

import re
import runpy
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PAGES = sorted([ROOT / "README.md", *(ROOT / "docs").rglob("*.md")])
EXAMPLES = sorted((ROOT / "docs" / "examples").glob("*.py"))
BLOCK = re.compile(r"^```python\n(.*?)^```", re.DOTALL | re.MULTILINE)


def python_blocks(page: Path) -> list[str]:
    return BLOCK.findall(page.read_text(encoding="utf-8"))


def test_the_docs_have_code() -> None:
    assert python_blocks(ROOT / "README.md"), "README.md should show runnable python"
    assert EXAMPLES, "docs/examples should hold the main example"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_page_blocks_run(page: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A page's blocks run in order in one namespace, as a reader would paste them."""
    namespace: dict[str, object] = {"__name__": f"docs_{page.stem}"}
    for number, block in enumerate(python_blocks(page), start=1):
        code = compile(block, f"{page.name} block {number}", "exec")
        exec(code, namespace)


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name)
def test_example_runs(example: Path, capsys: pytest.CaptureFixture[str]) -> None:
    runpy.run_path(str(example), run_name="__main__")
    assert capsys.readouterr().out.strip(), "an example prints its result"


def test_main_example_reproduces_the_article() -> None:
    """The main example's campaign total is the article's: 20,000 in, 45,000 back, 125%."""
    namespace = runpy.run_path(str(ROOT / "docs" / "examples" / "quarterly_roi.py"))
    total = namespace["campaign"].total
    assert total.investment.amount == 20_000
    assert total.return_.amount == 45_000
    assert total.roi == 1.25


def test_metric_catalog_page_is_generated_from_the_catalog() -> None:
    namespace = runpy.run_path(str(ROOT / "docs" / "gen_metrics.py"))
    page = (ROOT / "docs" / "metrics.md").read_text(encoding="utf-8")
    assert namespace["render"](page) == page, "run: python docs/gen_metrics.py"
