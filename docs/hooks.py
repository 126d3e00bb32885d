"""A mkdocs hook: each page shows what its code prints and draws, produced at build time.

The python blocks of a page run in order in one namespace, from the project's root, as
``tests/test_docs.py`` runs them (so the site shows the tested code's own output, which
cannot drift from it). After each block, what it printed appears in an output block, and
every matplotlib figure it made appears as an SVG image. A block that raises fails the
build. A page on the shared data sets (``../shared/data/``) is shown without outputs, with a
note, when that folder is absent.
"""

from __future__ import annotations

import base64
import contextlib
import html
import io
import os
import re
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SHARED_DATA = ROOT.parent / "shared" / "data"
#: The pattern tests/test_docs.py collects blocks with (a python fence, nothing after it).
BLOCK = re.compile(r"^```python\n(.*?)^```\n", re.DOTALL | re.MULTILINE)
NOTEBOOK = "*/notebooks/facebook-export.ipynb"


def _figures() -> tuple[list[Any], Any, Any]:
    """Record every matplotlib Figure made while a block runs."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    made: list[Any] = []
    original = Figure.__init__

    def record(self: Any, *args: Any, **kwargs: Any) -> None:
        original(self, *args, **kwargs)
        made.append(self)

    return made, record, original


def _svg(figure: Any) -> str:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="svg", bbox_inches="tight")
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    labels = [ax.get_xlabel() or ax.get_ylabel() for ax in figure.get_axes()]
    alt = html.escape("; ".join(label for label in labels if label) or "plot", quote=True)
    return (
        f'<figure class="socialroi-plot"><img alt="{alt}" '
        f'src="data:image/svg+xml;base64,{data}"></figure>'
    )


def _output(text: str) -> str:
    """What a block printed, as it printed it. Columns (lines with runs of spaces) keep their
    lines, and the font shrinks to fit the longest (docs/stylesheets/extra.css); prose
    wraps."""
    text = text.rstrip("\n")
    lines = text.splitlines()
    tabular = any("  " in line.strip() for line in lines)
    chars = max(len(line) for line in lines) if tabular else 0
    kind = "socialroi-output" if tabular else "socialroi-output socialroi-prose"
    return (
        f'\n<div class="{kind}" style="--chars: {chars}">'
        '<span class="socialroi-output-label">Output</span>'
        f"<pre><code>{html.escape(text)}</code></pre></div>\n"
    )


def run_blocks(markdown: str, name: str) -> str:
    """The page with each python block followed by its output and figures."""
    from matplotlib.figure import Figure

    namespace: dict[str, object] = {"__name__": f"docs_{name}"}
    made, record, original = _figures()
    pieces: list[str] = []
    end = 0
    here = Path.cwd()
    os.chdir(ROOT)
    try:
        for number, match in enumerate(BLOCK.finditer(markdown), start=1):
            pieces.append(markdown[end : match.end()])
            end = match.end()
            printed = io.StringIO()
            made.clear()
            Figure.__init__ = record  # type: ignore[method-assign]
            try:
                with contextlib.redirect_stdout(printed):
                    exec(compile(match.group(1), f"{name} block {number}", "exec"), namespace)
            finally:
                Figure.__init__ = original  # type: ignore[method-assign]
            if printed.getvalue().strip():
                pieces.append(_output(printed.getvalue()))
            pieces.extend(f"\n{_svg(figure)}\n" for figure in made)
    finally:
        os.chdir(here)
    pieces.append(markdown[end:])
    return "".join(pieces)


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    """mkdocs: run the page's blocks and show their outputs."""
    if "../shared/data/" in markdown and not SHARED_DATA.is_dir():
        return (
            f'!!! note "Outputs not shown"\n    This build had no `{SHARED_DATA}` folder, '
            "so this page's code did not run.\n\n" + markdown
        )
    return run_blocks(markdown, Path(page.file.src_path).stem)


def on_config(config: Any) -> Any:
    """mkdocs: without the shared data sets, the notebook on them is shown unexecuted."""
    if not SHARED_DATA.is_dir():
        jupyter = config.plugins["mkdocs-jupyter"]
        jupyter.config["execute_ignore"] = [*jupyter.config["execute_ignore"], NOTEBOOK]
    return config
