"""A second newsletter issue written from the seed, and builds at a chosen moment."""

from __future__ import annotations

import re
import time
import types
from itertools import pairwise
from pathlib import Path

import pytest

from indexer.build import builder
from indexer.build.builder import build_index

OCTOBER_INDEXED = 1_540_000_000  # 2018-10-20T01:46:40Z
NOVEMBER_INDEXED = 1_542_000_000  # 2018-11-12T05:20:00Z
SECOND_ISSUE = "En quelques clics — Hors-Série #3 — novembre 2018"
RETITLED = "Nouvelle édition : "
SEED_SECTIONS = (
    "Concevoir autrement les politiques publiques",
    "Le design de services publics",
    "L'innovation, un levier pour les territoires",
)


def second_issue(seed_text: str, sections: int = 1, retitled: int = 0) -> str:
    """Write Hors-Série #3 from the seed: its own masthead, the seed's first `sections`.

    The entries of the last `retitled` sections get new titles ("Nouvelle édition : …"),
    so that the issue holds new documents as well as copies of the seed's.
    """
    head, _, rest = seed_text.partition("Sommaire :")
    head = head.replace("Hors-Série #2\noctobre 2018", "Hors-Série #3\nnovembre 2018")
    bounds = [rest.index(f"\n{SEED_SECTIONS[0]}\n\n►")]
    for name in SEED_SECTIONS[1 : sections + 1]:
        bounds.append(rest.index(f"\n{name}\n\n", bounds[-1]))
    parts = [rest[a:b] for a, b in pairwise(bounds)]
    for i in range(sections - retitled, sections):
        parts[i] = re.sub(r"^► (\*\*)?", rf"► \g<1>{RETITLED}", parts[i], flags=re.M)
    summary = "".join(f"- {name}\n" for name in SEED_SECTIONS[:sections])
    return f"{head}Sommaire :\n\n{summary}{''.join(parts)}"


def build_at(paths: list[Path], root: Path, moment: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """Build the index as if it ran at `moment` (epoch seconds)."""
    clock = types.SimpleNamespace(time=lambda: moment, perf_counter=time.perf_counter)
    monkeypatch.setattr(builder, "time", clock)
    build_index(paths, root)
