"""`veille --version`: the installed package's version, which is pyproject.toml's."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path

import pytest

from search_ui import cli

PYPROJECT = Path(__file__).resolve().parents[2] / "pyproject.toml"
VEILLE = str(Path(sys.executable).with_name("veille"))  # the console script pyproject installs


def declared_version() -> str:
    """Return the version pyproject.toml declares, which installing records in the metadata."""
    return tomllib.loads(PYPROJECT.read_text("utf-8"))["project"]["version"]


def test_version_prints_the_installed_version_and_exits_0(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr() == (f"veille {metadata.version('veille')}\n", "")
    assert metadata.version("veille") == declared_version()


def test_installed_command_prints_its_version() -> None:
    done = subprocess.run([VEILLE, "--version"], capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stdout, done.stderr) == (0, f"veille {declared_version()}\n", "")
