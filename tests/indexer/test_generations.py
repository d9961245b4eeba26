"""Generations, CURRENT and the build lock: readers never see a broken or half-built index.

A build killed at any step (the builder's test hook stops it there) leaves the previous index
live; a broken index says, in French, to run `veille index`; the build lock never goes stale.
"""

from __future__ import annotations

import contextlib
import functools
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from whoosh import index as whoosh_index

from indexer.build import builder
from indexer.build.builder import PAUSE_STEPS, PAUSE_VARIABLE, build_index
from indexer.build.generations import (
    CURRENT,
    LOCK,
    PREFIX,
    BuildLocked,
    IndexUnavailable,
    build_lock,
    current_generation,
)
from search_ui import cli
from search_ui.engine.criteria import SearchRequest
from search_ui.engine.search import SearchService

from ..concurrency import kill_build_at

SEED_ENTRIES = 77
COPIES = 2  # issues in the corpus of the killed builds: a step between files
WHOOSH_LEAK = "ignore:Exception ignored in. <_io.FileIO:pytest.PytestUnraisableExceptionWarning"

HOLDER = """
import sys
from pathlib import Path
from indexer.build.generations import build_lock
with build_lock(Path(sys.argv[1]), 5):
    print("held", flush=True)
    sys.stdin.readline()
"""


def copy_of(seed_text: str, number: int) -> str:
    """Return the seed with another issue number in its masthead, hence other entry ids."""
    assert seed_text.count("Hors-Série #2\n") == 1
    return seed_text.replace("Hors-Série #2\n", f"Hors-Série #{number}\n")


def ids(root: Path) -> list[str]:
    """Return the sorted ids in the live generation, read with Whoosh directly."""
    with whoosh_index.open_dir(str(current_generation(root))).searcher() as searcher:
        return sorted(fields["id"] for fields in searcher.all_stored_fields())


def veille(*args: str) -> subprocess.CompletedProcess[str]:
    """Run the `veille` command line in a child process."""
    command = [sys.executable, "-m", "search_ui", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=120)


@contextlib.contextmanager
def lock_holder(root: Path) -> Iterator[subprocess.Popen[str]]:
    """Hold the build lock of `root` in another process until the block ends."""
    process = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(root)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None and process.stdout.readline() == "held\n"
        yield process
    finally:
        if process.poll() is None:
            process.communicate("\n", timeout=10)
        else:
            process.communicate()


@pytest.fixture(scope="module")
def seed_index(tmp_path_factory: pytest.TempPathFactory, seed_path: Path) -> Path:
    """Build the seed's index once; tests work on copies of it."""
    root = tmp_path_factory.mktemp("seed-index") / "index"
    build_index([seed_path], root)
    return root


@pytest.fixture
def root(seed_index: Path, tmp_path: Path) -> Path:
    """Return a private copy of the seed's index directory."""
    return Path(shutil.copytree(seed_index, tmp_path / "index"))


# -- CURRENT and broken generations ------------------------------------------------------


def test_no_index_says_to_run_veille_index(tmp_path: Path) -> None:
    with pytest.raises(IndexUnavailable, match=r"aucun index .* lancez « veille index »"):
        current_generation(tmp_path / "nothing-here")


@pytest.mark.parametrize(
    "pointer",
    [b"gen-20180101T000000-1-1\n", b"garbage\n", b"\xff\xfe\x00\x81", b"", b"gen-x/../../etc\n"],
    ids=["missing-generation", "garbage", "binary", "empty", "escape"],
)
def test_current_pointing_nowhere_is_index_unavailable(
    root: Path, pointer: bytes, capsys: pytest.CaptureFixture[str]
) -> None:
    (root / CURRENT).write_bytes(pointer)
    with pytest.raises(IndexUnavailable, match="relancez « veille index »"):
        current_generation(root)
    with pytest.raises(IndexUnavailable, match="veille index"):
        SearchService(root).search(SearchRequest(q="innovation"))
    assert cli.main(["search", "innovation", "--index-dir", str(root)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("veille search: ") and "« veille index »" in err


def test_current_as_a_directory_is_index_unavailable(root: Path) -> None:
    (root / CURRENT).unlink()
    (root / CURRENT).mkdir()
    with pytest.raises(IndexUnavailable, match="relancez « veille index »"):
        current_generation(root)


@pytest.mark.filterwarnings(WHOOSH_LEAK)
@pytest.mark.parametrize("fraction", [0.0, 0.5], ids=["emptied", "halved"])
@pytest.mark.parametrize("pattern", ["*.seg", "*.toc", "*"], ids=["segment", "toc", "all"])
def test_truncated_generation_is_index_unavailable(
    root: Path, pattern: str, fraction: float, capsys: pytest.CaptureFixture[str]
) -> None:
    generation = current_generation(root)
    damaged = [path for path in generation.glob(pattern) if path.name != "manifest.json"]
    assert damaged
    for path in damaged:
        os.truncate(path, int(path.stat().st_size * fraction))
    with pytest.raises(IndexUnavailable, match="relancez « veille index »"):
        SearchService(root).search(SearchRequest())
    assert cli.main(["search", "--index-dir", str(root)]) == 1
    out, err = capsys.readouterr()
    assert out == "" and "« veille index »" in err and "Traceback" not in err


def test_cli_search_on_broken_index_exits_1_without_traceback(root: Path) -> None:
    (root / CURRENT).write_bytes(b"\xff\xfe garbage")
    done = veille("search", "innovation", "--index-dir", str(root))
    assert done.returncode == 1
    assert done.stdout == ""
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith("veille search: index corrompu") and "veille index" in done.stderr


# -- publishing ----------------------------------------------------------------------------


def test_publish_leaves_only_current_the_lock_and_generations(root: Path) -> None:
    names = {path.name for path in root.iterdir()}
    assert names == {CURRENT, LOCK, current_generation(root).name}


def test_reader_of_the_previous_generation_keeps_working(
    root: Path, tmp_path: Path, seed_path: Path, seed_text: str
) -> None:
    previous = current_generation(root)  # a reader resolved CURRENT …
    day_ago = time.time() - 86_400
    os.utime(previous, (day_ago, day_ago))  # … of an index built long ago
    expected = ids(root)
    opened = whoosh_index.open_dir(str(previous)).searcher()  # another reader opened it
    try:
        second = tmp_path / "hs3.txt"
        second.write_text(copy_of(seed_text, 3), encoding="utf-8")
        build_index([seed_path, second], root)
        assert len(ids(root)) == 2 * SEED_ENTRIES
        # Retired just now: a reader that resolved it still finds it and can open it.
        assert previous.is_dir()
        with whoosh_index.open_dir(str(previous)).searcher() as late:
            assert sorted(fields["id"] for fields in late.all_stored_fields()) == expected
        # Once its grace period is over, the next publish deletes it; open readers carry on.
        os.utime(previous, (day_ago, day_ago))
        build_index([seed_path], root)
        assert not previous.exists()
        assert sorted(fields["id"] for fields in opened.all_stored_fields()) == expected
    finally:
        opened.close()


def test_search_service_follows_publishes(
    root: Path, tmp_path: Path, seed_path: Path, seed_text: str
) -> None:
    service = SearchService(root)
    first = service.search(SearchRequest())
    second = tmp_path / "hs3.txt"
    second.write_text(copy_of(seed_text, 3), encoding="utf-8")
    build_index([seed_path, second], root)
    after = service.search(SearchRequest())
    service.close()
    # The second issue copies the seed: its entries are grouped with the seed's (each
    # document counted once) while the issue facet shows both issues.
    assert (first.total, after.total) == (SEED_ENTRIES, SEED_ENTRIES)
    assert [value.count for value in after.facets["issue"]] == [SEED_ENTRIES, SEED_ENTRIES]
    assert first.generation != after.generation == current_generation(root).name


def test_killed_builds_leave_the_previous_index_and_the_next_build_recovers(
    root: Path, tmp_path: Path, seed_text: str
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for number in range(10, 10 + COPIES):
        (corpus / f"hs{number}.txt").write_text(copy_of(seed_text, number), "utf-8")
    service = SearchService(root)

    def state() -> tuple[str, int, list[str], int]:
        found = service.search(SearchRequest(q="innovation publique", per_page=100))
        return found.generation, found.total, [hit.id for hit in found.hits], found.matched

    before = state()
    assert before[1] > 0
    # Kill points, each on every run: the new generation created, between files, every
    # segment committed, everything written but CURRENT; the last step follows publishing.
    *unpublished, published = PAUSE_STEPS
    for step in unpublished:
        assert len(kill_build_at(step, root, corpus)) == 1, f"{step}: no new generation"
        assert state() == before, step
    # Killed once CURRENT names the new generation: the new index is live, whole.
    assert kill_build_at(published, root, corpus) == {current_generation(root).name}
    before = state()
    browse = service.search(SearchRequest())
    # Copies of one issue are grouped: each document once, each issue its own count.
    assert browse.total == SEED_ENTRIES
    assert len(browse.facets["issue"]) == COPIES

    # The kernel released the dead builds' lock: the next build does not wait for it.
    with build_lock(root, timeout=0.5):
        pass
    done = veille("index", "--index-dir", str(root), str(corpus / "hs10.txt"))
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"{SEED_ENTRIES} entries in the index")
    assert service.search(SearchRequest()).total == SEED_ENTRIES
    assert state()[0] == current_generation(root).name != before[0]
    service.close()


def test_the_pause_hook_stops_no_build_but_at_its_step(
    root: Path, seed_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(PAUSE_VARIABLE, "no-such-step")
    report = build_index([seed_path], root, full=True)
    assert report.entries == SEED_ENTRIES
    assert current_generation(root).name == report.generation


# -- the build lock ------------------------------------------------------------------------


def test_build_waits_for_the_lock_then_gives_up(root: Path, seed_path: Path) -> None:
    generation = current_generation(root)
    with lock_holder(root):
        started = time.monotonic()
        with pytest.raises(BuildLocked, match="relancez « veille index » quand elle sera"):
            build_index([seed_path], root, lock_timeout=0.5, full=True)
        assert time.monotonic() - started >= 0.5  # it waited; raising shows it gave up
    assert current_generation(root) == generation
    report = build_index([seed_path], root, lock_timeout=0.5, full=True)
    assert report.generation != generation.name
    assert report.entries == SEED_ENTRIES


def test_cli_index_while_locked_says_so_in_french(
    root: Path, seed_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    quick = functools.partial(builder.build_index, lock_timeout=0.3)
    monkeypatch.setattr(builder, "build_index", quick)
    with lock_holder(root):
        assert cli.main(["index", "--full", "--index-dir", str(root), str(seed_path)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert "une autre construction de l'index est en cours" in err
    assert "Traceback" not in err


def test_lock_of_a_killed_process_is_released(root: Path, seed_path: Path) -> None:
    with lock_holder(root) as holder:
        holder.kill()
        holder.wait()
        report = build_index([seed_path], root, lock_timeout=2, full=True)
    assert report.entries == SEED_ENTRIES
    assert (root / LOCK).exists()  # the file stays; only a live process's lock counts


def test_stale_lock_files_never_block(
    root: Path, tmp_path: Path, seed_path: Path, seed_text: str
) -> None:
    (root / LOCK).write_text("pid 12345, long dead\n")
    generation = current_generation(root)
    (generation / "MAIN_WRITELOCK").write_text("")  # as Whoosh leaves it, copied by an update
    second = tmp_path / "hs3.txt"
    second.write_text(copy_of(seed_text, 3), encoding="utf-8")
    report = build_index([seed_path, second], root, lock_timeout=0.5)
    assert report.entries == 2 * SEED_ENTRIES
    assert report.generation != generation.name
    assert not any(root.glob(f"{PREFIX}*/*.lock"))
