"""The examples in the product's docstrings run with the suite: pytest collects them too.

pyproject.toml adds the product packages to `testpaths` and `--doctest-modules` to `addopts`;
a package whose docstrings gain examples but is left out would never run them.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def pytest_options() -> dict:
    """Return pyproject.toml's [tool.pytest.ini_options]."""
    return tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["pytest"][
        "ini_options"
    ]


def packages_with_examples() -> set[str]:
    """Return the top-level packages (tests aside) with a `>>>` example in a module."""
    packages = [path.parent for path in ROOT.glob("*/__init__.py") if path.parent.name != "tests"]
    return {
        package.name
        for package in packages
        if any(">>>" in module.read_text("utf-8") for module in package.rglob("*.py"))
    }


def test_every_package_with_examples_has_them_collected() -> None:
    options = pytest_options()
    assert "--doctest-modules" in options["addopts"].split()
    assert {"analyzers", "indexer"} <= packages_with_examples() <= set(options["testpaths"])
