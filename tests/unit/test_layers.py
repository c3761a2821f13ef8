"""The project's structure holds: import layers (import-linter contracts), short functions, module docstrings."""

from __future__ import annotations

import ast

import pytest
from support import ROOT

PACKAGE_DIRS = ("coopgraph", "ingest", "graph", "bench")
MAX_FUNCTION_LINES = 80


def product_files() -> list:
    files = []
    for folder in PACKAGE_DIRS:
        # coopgraph/ingest, coopgraph/graph and coopgraph/queries are symlinks to the top-level folders
        files += [
            p
            for p in sorted((ROOT / folder).rglob("*.py"))
            if not any(part.is_symlink() for part in [p, *p.relative_to(ROOT).parents])
        ]
    return files


def test_import_contracts_are_kept():
    from importlinter.cli import lint_imports

    assert lint_imports(config_filename=str(ROOT / "pyproject.toml")) == 0, "run `lint-imports` to see which"


def test_the_contracts_can_fail(tmp_path):
    """A contract the code breaks is reported: the check above is not vacuous."""
    from importlinter.cli import lint_imports

    config = tmp_path / "broken.toml"
    config.write_text(
        '[tool.importlinter]\nroot_packages = ["coopgraph"]\ninclude_external_packages = true\n'
        '[[tool.importlinter.contracts]]\nname = "the CLI may not import click"\ntype = "forbidden"\n'
        'source_modules = ["coopgraph.cli"]\nforbidden_modules = ["click"]\n',
        encoding="utf-8",
    )
    assert lint_imports(config_filename=str(config)) == 1


@pytest.mark.parametrize("path", product_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_functions_are_short_and_modules_say_what_they_are(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstring = ast.get_docstring(tree)
    assert docstring and docstring.strip(), f"{path.name}: no module docstring"
    long = [
        f"{node.name} ({node.end_lineno - node.lineno + 1} lines, line {node.lineno})"
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES
    ]
    assert not long, f"{path.name}: functions over {MAX_FUNCTION_LINES} lines: {long}"
