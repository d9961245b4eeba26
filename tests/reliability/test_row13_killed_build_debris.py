"""Issue 16, row 13: a killed build leaves debris, which the next build removes and reports.

SIGKILL during `veille index --full` used to leave the unpublished generation directory for
good, and superseded generations (80 MB in one run) until a later build published. Now the
next build, even one with nothing to index, removes what no reader needs: a killed build's
directory at once (it was never live), a retired generation once its readers' grace period
is over, never sooner. It says how much it removed: « N anciennes générations supprimées
(X Mo) ». The builds are killed at known steps (the builder's test hook), not after a delay.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest
from whoosh import index as whoosh_index

from indexer.build.builder import build_index
from indexer.build.generations import GRACE_SECONDS, PREFIX, current_generation
from search_ui import cli
from search_ui.engine.criteria import SearchRequest
from search_ui.engine.search import SearchService

from ..concurrency import kill_build_at
from .conftest import SECOND_NAME

LONG_AGO = 2 * GRACE_SECONDS


def generations(root: Path) -> set[str]:
    """Return the names of the generation directories under `root`."""
    return {path.name for path in root.glob(f"{PREFIX}*")}


def ids(generation: Path) -> list[str]:
    """Return the ids a generation holds, read with Whoosh directly."""
    with whoosh_index.open_dir(str(generation)).searcher() as searcher:
        return sorted(fields["id"] for fields in searcher.all_stored_fields())


def weight(directories: list[Path]) -> int:
    """Return the bytes of the files under some directories."""
    return sum(p.stat().st_size for d in directories for p in d.rglob("*") if p.is_file())


def megabytes(size: int) -> str:
    """Write a size as the build reports it: megabytes, one decimal, a French comma."""
    return f"{size / 1e6:.1f}".replace(".", ",")


def index(root: Path, corpus: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """Run `veille index` (no --full) and return what it said on stderr."""
    code = cli.main(["index", "--index-dir", str(root), str(corpus)])
    _, err = capsys.readouterr()
    assert code == 0, err
    return err


def test_the_next_build_removes_what_killed_builds_left(
    root: Path, seeds_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    live = current_generation(root).name
    for step in ("generation", "written", "publish"):
        (debris,) = kill_build_at(step, root, seeds_dir)
        # Each build removed, as it started, the directory the one killed before it left.
        assert generations(root) == {live, debris}, step
    size = weight([root / debris])
    assert size > 0
    said = index(root, seeds_dir, capsys)  # nothing to index: the seed is unchanged
    assert f"1 ancienne génération supprimée ({megabytes(size)} Mo)" in said
    assert "index up to date" in said
    assert generations(root) == {live}


def test_a_first_build_killed_is_cleaned_by_the_next(
    tmp_path: Path, seeds_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "index"
    (debris,) = kill_build_at("written", root, seeds_dir)  # no CURRENT yet
    size = weight([root / debris])
    said = index(root, seeds_dir, capsys)
    assert f"1 ancienne génération supprimée ({megabytes(size)} Mo)" in said
    assert generations(root) == {current_generation(root).name}


def test_a_retired_generation_stays_for_its_readers_grace_period_then_goes(
    root: Path, seeds_dir: Path, second_issue_text: str, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = root.parent / "corpus"
    shutil.copytree(seeds_dir, corpus)
    reader = SearchService(root)
    expected = reader.search(SearchRequest()).total
    retired = current_generation(root)
    held = ids(retired)
    (corpus / SECOND_NAME).write_text(second_issue_text, "utf-8")
    said = index(root, corpus, capsys)  # publishes a new generation: `retired` is retired now
    assert "supprimée" not in said
    assert retired.is_dir()
    (corpus / SECOND_NAME).unlink()
    said = index(root, corpus, capsys)  # another publish, within the grace period
    assert "supprimée" not in said
    assert retired.is_dir()  # a reader may have resolved CURRENT to it a moment ago
    assert ids(retired) == held

    middle = (generations(root) - {retired.name, current_generation(root).name}).pop()
    size = weight([retired])
    long_ago = time.time() - LONG_AGO
    os.utime(retired, (long_ago, long_ago))  # its grace period is over; the other's is not
    said = index(root, corpus, capsys)
    assert f"1 ancienne génération supprimée ({megabytes(size)} Mo)" in said
    assert not retired.exists()
    assert generations(root) == {middle, current_generation(root).name}
    assert reader.search(SearchRequest()).total == expected  # readers follow CURRENT
    reader.close()


def test_a_build_with_nothing_to_remove_says_nothing_of_it(
    root: Path, seeds_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = build_index([seeds_dir], root)
    assert report.old_generations.generations == 0
    assert "supprimée" not in index(root, seeds_dir, capsys)
