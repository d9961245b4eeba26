"""`veille serve` builds the index first when there is none that opens."""

from __future__ import annotations

import gc
import socket
import subprocess
import sys
import weakref
from collections.abc import Iterator
from pathlib import Path

import pytest

from analyzers.lexicon import french_words
from indexer.build import integrity
from indexer.build.builder import build_index
from indexer.build.generations import current_generation, read_manifest, write_manifest
from indexer.territories import default_recogniser
from search_ui.cli import build_parser
from search_ui.engine.search import SearchService
from search_ui.web.service import EXTENSION
from search_ui.web.serving import ensure_index, prepare, ready_app


def test_serve_options_default_to_loopback_port_5000():
    args = build_parser().parse_args(["serve"])
    assert (args.host, args.port, args.index_dir) == ("127.0.0.1", 5000, None)
    args = build_parser().parse_args(["serve", "--port", "5055", "--index-dir", "x"])
    assert (args.port, args.index_dir) == (5055, "x")


def test_missing_index_is_built_then_reused(tmp_path: Path, seeds_dir: Path):
    root = tmp_path / "index"
    assert ensure_index(root, seeds_dir) is True
    assert SearchService(root).generation()
    assert ensure_index(root, seeds_dir) is False


def test_unusable_index_is_rebuilt(tmp_path: Path, seeds_dir: Path):
    root = tmp_path / "index"
    root.mkdir()
    (root / "CURRENT").write_text("gen-broken\n", encoding="utf-8")
    assert ensure_index(root, seeds_dir) is True
    assert SearchService(root).search  # opens
    assert SearchService(root).generation() != "gen-broken"


def written_by_another_analysis(root: Path) -> None:
    """Make the live generation's manifest say another analysis wrote it."""
    live = current_generation(root)
    manifest = read_manifest(live)
    manifest["analysis"] = "0" * 64
    write_manifest(live, manifest)
    integrity.write(live)


def test_a_seed_index_of_another_analysis_is_rebuilt(tmp_path: Path, seeds_dir: Path):
    root = tmp_path / "index"
    build_index([seeds_dir], root)
    before = SearchService(root).generation()
    written_by_another_analysis(root)
    assert ensure_index(root, seeds_dir) is True
    assert SearchService(root).generation() != before
    assert ensure_index(root, seeds_dir) is False


def test_an_index_of_other_files_and_another_analysis_is_kept_with_a_warning(
    tmp_path: Path, seed_path: Path, caplog
):
    other = tmp_path / "collection"
    other.mkdir()
    (other / "mine.txt").write_bytes(seed_path.read_bytes())
    root = tmp_path / "index"
    build_index([other], root)
    before = SearchService(root).generation()
    written_by_another_analysis(root)
    with caplog.at_level("WARNING", logger="veille.serve"):
        assert ensure_index(root, seed_path.parent) is False
    assert SearchService(root).generation() == before  # the collection is not replaced
    assert "relancez « veille index »" in caplog.text


def test_an_index_that_does_not_say_its_files_is_never_replaced_by_the_seeds(
    tmp_path: Path, seeds_dir: Path
):
    root = tmp_path / "index"
    build_index([seeds_dir], root)
    live = current_generation(root)
    write_manifest(live, {"entries": 77})  # no files, no analysis: as a damaged manifest
    integrity.write(live)
    assert ensure_index(root, seeds_dir) is False
    assert current_generation(root) == live


def test_prepare_loads_the_word_lists_before_the_first_request(seed_index_dir, seeds_dir):
    default_recogniser.cache_clear()
    french_words.cache_clear()
    assert prepare(seed_index_dir, seeds_dir) is False  # an index is there: nothing is built
    assert default_recogniser.cache_info().currsize == 1
    assert french_words.cache_info().currsize == 1


@pytest.fixture
def unfrozen() -> Iterator[None]:
    """Give the garbage collector back what ready_app froze, for the tests after this one."""
    yield
    gc.unfreeze()


@pytest.mark.usefixtures("unfrozen")
def test_what_the_served_app_loaded_is_frozen_out_of_the_collector(seed_index_dir):
    gc.unfreeze()
    app = ready_app(seed_index_dir, "127.0.0.1", 5000)
    generation, _ = app.extensions[EXTENSION].live()
    frozen = gc.get_freeze_count()
    assert frozen > 0
    tracked = {id(o) for o in gc.get_objects()}  # the collector no longer walks them
    assert id(generation) not in tracked
    assert id(app) not in tracked


@pytest.mark.usefixtures("unfrozen")
def test_a_generation_replaced_under_a_frozen_heap_is_released(tmp_path: Path, seeds_dir: Path):
    gc.unfreeze()
    root = tmp_path / "index"
    build_index([seeds_dir], root)
    app = ready_app(root, "127.0.0.1", 5000)
    first, _ = app.extensions[EXTENSION].live()
    released = weakref.ref(first)
    assert id(first) not in {id(o) for o in gc.get_objects()}  # frozen with the rest
    del first
    build_index([seeds_dir], root, full=True)  # a new generation is published
    assert app.test_client().get("/search?q=innovation").status_code == 200
    gc.collect()
    assert released() is None  # frozen objects are never collected: no cycle may hold it
    app.extensions[EXTENSION].close()


@pytest.mark.usefixtures("unfrozen")
def test_the_served_app_has_read_its_word_counts_before_the_first_request(seed_index_dir):
    app = ready_app(seed_index_dir, "127.0.0.1", 5000)
    generation, _ = app.extensions[EXTENSION].live()
    assert generation._corrector is not None  # each search restores accents with it


@pytest.mark.usefixtures("unfrozen")
def test_the_served_app_starts_without_an_index(tmp_path: Path):
    app = ready_app(tmp_path / "nothing", "127.0.0.1", 5000)
    assert app.test_client().get("/search").status_code == 503


def test_a_taken_port_is_said_in_french_without_a_traceback(tmp_path: Path, seed_index_dir: Path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run(
            [sys.executable, "-m", "search_ui", "serve", "--port", str(port),
             "--index-dir", str(seed_index_dir)],
            capture_output=True, text=True, timeout=120, cwd=tmp_path,
        )  # fmt: skip
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert f"impossible d'écouter sur 127.0.0.1:{port}" in done.stderr
    assert "--port" in done.stderr
