"""Docs are code: every python block in README.md and docs/ runs, and so does every example."""

from __future__ import annotations

import importlib.util
import re
import runpy
from pathlib import Path
from typing import Any, ClassVar

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


SHARED_DATA = ROOT.parent / "shared" / "data"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_page_blocks_run(
    page: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A page's blocks run in order in one namespace, as a reader would paste them (from the
    project's root, so pages on the shared data sets find them at ../shared/data)."""
    if "../shared/data/" in page.read_text(encoding="utf-8") and not SHARED_DATA.is_dir():
        pytest.skip(f"{page.name} analyses a data set in {SHARED_DATA}, which is absent here")
    monkeypatch.chdir(ROOT)
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


def _top_level_entries() -> set[str]:
    package = ROOT / "socialroi"
    entries = {p.stem for p in package.glob("*.py") if p.name != "__init__.py"}
    entries |= {p.name for p in package.iterdir() if (p / "__init__.py").is_file()}
    return entries


def test_every_top_level_module_is_in_a_layer_of_the_import_contract() -> None:
    """A new module or package outside the layers contract would escape lint-imports."""
    tomllib = pytest.importorskip("tomllib", reason="tomllib is in the standard library from 3.11")
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contract = config["tool"]["importlinter"]["contracts"][0]
    assert contract["type"] == "layers"
    layered = {name.strip() for layer in contract["layers"] for name in re.split(r"[|:]", layer)}
    assert layered == _top_level_entries()


def test_the_architecture_page_names_every_package_and_module() -> None:
    page = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    tree = page.split("```text", 1)[1].split("```", 1)[0]
    for entry in _top_level_entries():
        assert re.search(rf"\b{re.escape(entry)}\b", tree), entry
    for public in ("attribution", "stats"):
        for module in (ROOT / "socialroi" / public).glob("_*.py"):
            if module.name != "__init__.py":
                assert module.name in tree, module


def _hooks() -> Any:
    """docs/hooks.py, the mkdocs hook that shows each page's outputs."""
    spec = importlib.util.spec_from_file_location("docs_hooks", ROOT / "docs" / "hooks.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_site_shows_what_a_block_prints_and_draws() -> None:
    hooks = _hooks()
    page = (
        "# A page\n\n```python\nimport socialroi as sr\nprint('some words')\n```\n\ntext\n\n"
        "```python\nfrom socialroi import plots\nf = sr.Funnel(stages=['a', 'b'], counts=[9, 1])\n"
        "ax = plots.funnel_chart(f)\nax = plots.funnel_chart(f, log=True)\n"
        "print('x  y\\n10  20')\n```\n"
    )
    shown = hooks.run_blocks(page, "page")
    assert shown.startswith(page[: page.index("text")].rstrip())  # the code is kept
    assert '<div class="socialroi-output socialroi-prose" style="--chars: 0">' in shown
    assert "Output</span><pre><code>some words</code></pre></div>" in shown  # prose wraps
    assert '<div class="socialroi-output" style="--chars: 6">' in shown  # columns keep lines
    assert "<pre><code>x  y\n10  20</code></pre>" in shown
    assert shown.count("data:image/svg+xml;base64,") == 2  # both figures of block 2
    with pytest.raises(ZeroDivisionError):  # a block that raises fails the build
        hooks.run_blocks("```python\n1 / 0\n```\n", "bad")


def test_the_quickstart_shows_its_table_and_the_notebooks_page_a_plot() -> None:
    hooks = _hooks()
    quickstart = hooks.run_blocks((ROOT / "docs" / "quickstart.md").read_text("utf-8"), "q")
    assert re.search(r"Output</span><pre><code>\s*mode\s+investment\s+return\s+roi", quickstart)
    notebooks = hooks.run_blocks((ROOT / "docs" / "notebooks.md").read_text("utf-8"), "n")
    assert notebooks.count('<figure class="socialroi-plot">') >= 4


def test_a_page_on_absent_data_builds_with_a_note(monkeypatch: pytest.MonkeyPatch) -> None:
    hooks = _hooks()
    monkeypatch.setattr(hooks, "SHARED_DATA", ROOT / "no-such-folder")
    page = "```python\nopen('../shared/data/x.csv')\n```\n"
    shown = hooks.on_page_markdown(page, _Page("cookbook/x.md"), None, None)
    assert shown.startswith('!!! note "Outputs not shown"') and shown.endswith(page)

    class Plugin:
        config: ClassVar[dict[str, list[str]]] = {"execute_ignore": []}

    class Config:
        plugins: ClassVar[dict[str, Plugin]] = {"mkdocs-jupyter": Plugin()}

    hooks.on_config(Config())
    assert Plugin.config["execute_ignore"] == [hooks.NOTEBOOK]


class _Page:
    def __init__(self, src_path: str) -> None:
        self.file = type("File", (), {"src_path": src_path})()


def test_the_site_renders_the_notebooks_with_their_outputs() -> None:
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert re.search(r"- mkdocs-jupyter:\n(\s+.*\n)*?\s+execute: true", config)
    assert "notebooks/quickstart.ipynb" in config and "hooks:\n  - docs/hooks.py" in config
    assert "white-space: pre-wrap" in (ROOT / "docs" / "stylesheets" / "extra.css").read_text()
