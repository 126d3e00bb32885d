"""``import socialroi`` loads only the errors; each public name loads its module on first
use, and is the very object its module defines."""

from __future__ import annotations

import ast
import importlib
import inspect
import subprocess
import sys

import pytest

import socialroi as sr


def test_every_public_name_resolves_to_its_module_s_object() -> None:
    lazy = sr._LAZY
    errors = {n for n in sr.__all__ if n.endswith("Error")}
    assert set(lazy) | errors | {"__version__"} == set(sr.__all__)
    assert not set(lazy) & errors
    for name, module in lazy.items():
        assert getattr(sr, name) is getattr(importlib.import_module(module), name), name
    assert set(sr.__all__) <= set(dir(sr))


def test_the_type_checking_imports_are_the_lazy_table() -> None:
    """The names type checkers see are those loaded at run time, from the same modules."""
    tree = ast.parse(inspect.getsource(sr))
    (block,) = [n for n in tree.body if isinstance(n, ast.If)]
    seen = {
        alias.name: node.module
        for node in block.body
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    }
    assert seen == sr._LAZY


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="module 'socialroi' has no attribute 'nope'"):
        sr.nope  # noqa: B018
    assert not hasattr(sr, "rollups")


def test_import_loads_only_the_errors_and_a_formula_only_its_layer() -> None:
    code = (
        "import sys, socialroi as sr\n"
        "print(sorted(m for m in sys.modules if m.startswith('socialroi')))\n"
        "print('numpy' in sys.modules)\n"
        "assert sr.roi(45_000, 20_000) == 1.25\n"
        "print('socialroi._reports.report' in sys.modules, 'narwhals' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert out == ["['socialroi', 'socialroi._errors']", "False", "False False"]
