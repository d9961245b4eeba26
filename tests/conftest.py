"""Fixtures shared by every test package: the seed issue, as a path and as text."""

from __future__ import annotations

from pathlib import Path

import pytest

SEEDS_DIR = Path(__file__).resolve().parents[1] / "seeds"
SEED_NAME = "2018-10_hors-serie-2_innovation-publique-et-territoires.txt"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """Return the folder of seed newsletters shipped with the repository."""
    return SEEDS_DIR


@pytest.fixture(scope="session")
def seed_path(seeds_dir: Path) -> Path:
    """Return the seed issue: En quelques clics, Hors-Série #2, octobre 2018."""
    return seeds_dir / SEED_NAME


@pytest.fixture(scope="session")
def seed_text(seed_path: Path) -> str:
    """Return the seed issue's text, exactly as stored."""
    return seed_path.read_text(encoding="utf-8")
