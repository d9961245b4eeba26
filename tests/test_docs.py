"""docs/ stays true to the code: the files it names exist, every route and command is in it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from search_ui.cli import build_parser
from search_ui.web.app import create_app

ROOT = Path(__file__).resolve().parents[1]
DOCS = sorted((ROOT / "docs").glob("*.md"))
# A code span that names a file or folder of the repository: `indexer/build/builder.py`.
PATH = re.compile(r"`((?:analyzers|indexer|search_ui|benchmarks|tests)/[\w/.]*)`")


def test_docs_exist_and_the_readme_points_to_them() -> None:
    names = {page.name for page in DOCS}
    assert {"README.md", "architecture.md", "data-model.md", "interfaces.md"} <= names
    assert "docs/README.md" in (ROOT / "README.md").read_text("utf-8")


@pytest.mark.parametrize("page", DOCS, ids=[page.name for page in DOCS])
def test_every_path_named_exists(page: Path) -> None:
    named = PATH.findall(page.read_text("utf-8"))
    missing = [path for path in named if not (ROOT / path).exists()]
    assert not missing, f"{page.name} names files that do not exist: {missing}"


def test_where_to_change_what_names_real_files() -> None:
    text = (ROOT / "docs" / "README.md").read_text("utf-8")
    table = text[text.index("## Where to change what") :]
    assert len(PATH.findall(table)) >= 10


def test_every_route_is_documented(tmp_path: Path) -> None:
    app = create_app({"INDEX_DIR": str(tmp_path), "TESTING": True})
    parameter = re.compile(r"<(?:\w+:)?\w+>")  # parameter names may differ: <id>, <entry_id>
    interfaces = parameter.sub("<>", (ROOT / "docs" / "interfaces.md").read_text("utf-8"))
    routes = {
        parameter.sub("<>", rule.rule)
        for rule in app.url_map.iter_rules()
        if rule.endpoint != "static"
    }
    undocumented = sorted(route for route in routes if f"`{route}" not in interfaces)
    assert routes and not undocumented, f"routes missing from docs/interfaces.md: {undocumented}"


def test_every_command_is_documented() -> None:
    interfaces = (ROOT / "docs" / "interfaces.md").read_text("utf-8")
    listed = re.search(r"\{([\w,-]+)\}", build_parser().format_usage())
    commands = listed.group(1).split(",") if listed else []
    undocumented = sorted(name for name in commands if f"`veille {name}" not in interfaces)
    assert commands and not undocumented, (
        f"commands missing from docs/interfaces.md: {undocumented}"
    )
