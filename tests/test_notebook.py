"""The notebooks in docs/notebooks/ run from top to bottom without errors, from their own
folder as the docs build runs them (mkdocs-jupyter, execute: true)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "docs" / "notebooks"
SHARED_DATA = ROOT.parent / "shared" / "data"


def run(name: str) -> list[Any]:
    """The notebook's outputs, executed from its folder; no cell may raise."""
    notebook = nbformat.read(NOTEBOOKS / name, as_version=4)  # type: ignore[no-untyped-call]
    NotebookClient(
        notebook,
        timeout=300,
        kernel_name="python3",
        resources={"metadata": {"path": str(NOTEBOOKS)}},
    ).execute()
    outputs = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    return outputs


def test_quickstart_notebook_runs() -> None:
    outputs = run("quickstart.ipynb")
    html = [o["data"]["text/html"] for o in outputs if "text/html" in o.get("data", {})]
    assert any("<table" in h and "4,000.00" in h for h in html), "measures render as a table"
    assert any("image/png" in o.get("data", {}) for o in outputs), "the plot shows"


def test_facebook_export_notebook_runs() -> None:
    if not (SHARED_DATA / "KAG_conversion_data.csv").is_file():
        pytest.skip(f"the notebook analyses {SHARED_DATA}/KAG_conversion_data.csv, absent here")
    outputs = run("facebook-export.ipynb")
    printed = "".join(o.get("text", "") for o in outputs if o.output_type == "stream")
    plots = [o for o in outputs if "image/png" in o.get("data", {})]
    assert len(plots) == 5, "ROI, CPA by age, CTR with intervals, the funnel, KPIs"
    assert "  1178   55,662.15  204,823,716" in printed  # by campaign
    assert "45-49       F   13,433.21" in printed  # by age and gender
    assert "campaign  916: CTR 0.0234%  (95% interval 0.0195% to 0.0281%)" in printed
    assert "women 2.07%, men 4.09%: ratio 0.51" in printed  # a real difference
    assert "bought        1,079" in printed  # the funnel
    assert "cpa: 54.41 against 60 (met); met by campaigns 916, 936" in printed  # KPIs
    assert "week of 2023-08-14: 252 purchases against 220, +14.5%" in printed  # over time
    assert "528 purchases in 48% of the month: 1,091 projected" in printed  # pacing
