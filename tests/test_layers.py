"""The layers of docs/architecture.md, checked on every module's own import statements."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("analyzers", "indexer", "search_ui")
MAX_LINES = 400

# Module prefix -> imports it must not make (a prefix matches the module and its children).
FORBIDDEN = {
    "analyzers": ("indexer", "search_ui", "flask"),
    "indexer": ("search_ui", "flask"),
    "indexer.extraction": ("whoosh", "indexer.build", "indexer.whoosh_internals"),
    "indexer.whoosh_internals": ("indexer.build", "indexer.extraction"),
    "indexer.territories": ("whoosh", "indexer.build", "indexer.whoosh_internals"),
    "search_ui.engine": ("flask", "jinja2", "werkzeug", "search_ui.web", "search_ui.rendering",
                         "search_ui.cli"),
    "search_ui.rendering": ("flask", "jinja2", "search_ui.web", "search_ui.cli"),
    "search_ui.web": ("search_ui.cli",),
}  # fmt: skip


def _modules() -> list[tuple[str, Path]]:
    """Return (dotted name, path) for every module of the product packages."""
    found = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            found.append((".".join(p for p in parts if p != "__init__"), path))
    return found


def _imports(path: Path) -> set[str]:
    """Return the absolute module names a file imports, at any depth of its code."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def _under(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


MODULES = _modules()


def test_the_product_has_its_layers() -> None:
    names = {name for name, _ in MODULES}
    assert {"search_ui.engine.search", "search_ui.web.app", "indexer.build.builder"} <= names


@pytest.mark.parametrize(("module", "path"), MODULES, ids=[name for name, _ in MODULES])
def test_imports_flow_one_way(module: str, path: Path) -> None:
    bad = sorted(
        imported
        for layer, forbidden in FORBIDDEN.items()
        if _under(module, layer)
        for imported in _imports(path)
        if any(_under(imported, prefix) for prefix in forbidden)
    )
    assert not bad, f"{module} imports {bad}"


@pytest.mark.parametrize(("module", "path"), MODULES, ids=[name for name, _ in MODULES])
def test_modules_stay_small(module: str, path: Path) -> None:
    lines = len(path.read_text("utf-8").splitlines())
    assert lines <= MAX_LINES, f"{module} has {lines} lines: split it by job"
