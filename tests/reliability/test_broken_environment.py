"""A broken environment: missing, empty, corrupt, unreadable, read-only index; a full disk.

Readers get a French 503 (page and JSON) and the CLI a French message naming `veille index`,
never a traceback; serving never writes to the index directory; a build that runs out of
disk leaves the previous index live and whole.
"""

from __future__ import annotations

import builtins
import contextlib
import errno
import io
import os
import shutil
import stat
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from indexer.build.builder import build_index
from indexer.build.generations import CURRENT, MANIFEST, current_generation
from search_ui import cli
from search_ui.engine.criteria import request_from_pairs
from search_ui.engine.search import SearchService
from search_ui.web.app import create_app
from tests.reliability.damage import WHOOSH_LEAK

# Whoosh leaks the file of a damaged index it fails to open; the log record of the 503 keeps
# it alive until the test ends, so the warning comes with the next test of this module.
pytestmark = pytest.mark.filterwarnings(WHOOSH_LEAK)
LEAKS = ("Traceback", 'File "', ".py", "site-packages", "Errno")
COMMANDS_READING_THE_INDEX = (
    ("search", ["innovation"]),
    ("export", ["--format", "csv"]),
    ("stats", []),
    ("check", ["Innovation dans le secteur public"]),
)
REQUESTS = (
    "/search?q=innovation",
    "/",
    "/api/search?q=design&sort=-date",
    "/api/search?type=rapport&per_page=5&page=2",
    "/search?q=tiers-lieux&year=2018",
)


def _truncate(pattern: str, fraction: float) -> Callable[[Path], None]:
    """Return a breakage cutting the live generation's files matching `pattern`."""

    def apply(root: Path) -> None:
        files = [p for p in current_generation(root).glob(pattern) if p.name != MANIFEST]
        assert files
        for path in files:
            os.truncate(path, int(path.stat().st_size * fraction))

    return apply


def _generation_as_file(root: Path) -> None:
    """Replace the live generation's directory by a file of the same name."""
    generation = current_generation(root)
    shutil.rmtree(generation)
    generation.write_text("not an index\n")


def _current_as_directory(root: Path) -> None:
    """Replace CURRENT by a directory."""
    (root / CURRENT).unlink()
    (root / CURRENT).mkdir()


def _empty(root: Path) -> None:
    """Leave an empty index directory."""
    shutil.rmtree(root)
    root.mkdir()


BREAKAGES: dict[str, Callable[[Path], None]] = {
    "missing": lambda root: shutil.rmtree(root),
    "empty": _empty,
    "garbage-current": lambda root: (root / CURRENT).write_bytes(b"\xff\xfe\x00garbage\n"),
    "current-to-nowhere": lambda root: (root / CURRENT).write_text("gen-20180101T000000-1-1\n"),
    "current-to-a-file": lambda root: (root / CURRENT).write_text(f"{CURRENT}\n"),
    "current-is-a-directory": _current_as_directory,
    "generation-is-a-file": _generation_as_file,
    "segments-halved": _truncate("*.seg", 0.5),
    "toc-emptied": _truncate("*.toc", 0.0),
    "everything-emptied": _truncate("*", 0.0),
}


@contextlib.contextmanager
def unreadable(root: Path) -> Iterator[None]:
    """Make every file under `root` fail to open with EACCES, as chmod 000 would for a user."""
    real_open = builtins.open
    inside = str(root.resolve())

    def guarded(file, *args, **kwargs):
        if isinstance(file, str | os.PathLike) and os.path.abspath(file).startswith(inside):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(file))
        return real_open(file, *args, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(builtins, "open", guarded)
        patch.setattr(io, "open", guarded)  # pathlib opens through io.open
        yield


def assert_french_503(root: Path) -> None:
    """Check that pages and API answer 503 in French, saying to run `veille index`."""
    client = create_app({"INDEX_DIR": str(root)}).test_client()  # not TESTING: as in production
    for url in ("/search?q=innovation", "/", "/entry/abc"):
        response = client.get(url)
        assert response.status_code == 503, url
        assert response.mimetype == "text/html"
        assert response.headers["Retry-After"]
        page = BeautifulSoup(response.get_data(as_text=True), "html.parser")
        assert page.html["lang"] == "fr"
        assert page.h1.get_text() == "Service momentanément indisponible"
        assert "« veille index »" in page.select_one(".error-message").get_text()
        text = response.get_data(as_text=True)
        assert not any(leak in text for leak in LEAKS), url
        assert str(root) not in text
    for url in ("/api/search?q=innovation", "/api/entries/abc"):
        response = client.get(url)
        assert response.status_code == 503, url
        assert response.mimetype == "application/json"
        message = response.json["error"]
        assert message.startswith("L'index de recherche n'est pas disponible")
        assert "« veille index »" in message
        assert not any(leak in message for leak in LEAKS)


def assert_cli_says_run_veille_index(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Check that the commands reading the index exit 1 with a French message."""
    for command, args in COMMANDS_READING_THE_INDEX:
        assert cli.main([command, *args, "--index-dir", str(root)]) == 1
        out, err = capsys.readouterr()
        assert out == ""
        assert err.startswith(f"veille {command}: ")
        assert "« veille index »" in err
        assert "Traceback" not in err


@pytest.mark.parametrize("breakage", BREAKAGES)
def test_broken_index_is_a_french_503_and_a_cli_message(
    root: Path, breakage: str, capsys: pytest.CaptureFixture[str]
) -> None:
    BREAKAGES[breakage](root)
    assert_french_503(root)
    assert_cli_says_run_veille_index(root, capsys)


def test_unreadable_index_is_a_french_503_and_a_cli_message(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # chmod 000 does not stop root, who runs these tests here: refuse the reads instead.
    with unreadable(root):
        assert_french_503(root)
        assert_cli_says_run_veille_index(root, capsys)
    assert SearchService(root).search(request_from_pairs([])).total > 0  # only reads failed


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads through chmod 000; simulated above")
def test_index_made_unreadable_by_chmod_is_a_french_503(root: Path) -> None:
    for path in (root, *root.rglob("*")):
        path.chmod(0)
    try:
        assert_french_503(root)
    finally:
        for path in (root, *root.rglob("*")):
            path.chmod(0o700)


# -- read-only -----------------------------------------------------------------------------


def snapshot(root: Path) -> dict[str, tuple[int, int, int]]:
    """Return each path under `root` with its mode, size and modification time (ns)."""
    return {
        str(path.relative_to(root)): (
            path.stat().st_mode,
            path.stat().st_size,
            path.stat().st_mtime_ns,
        )
        for path in (root, *root.rglob("*"))
    }


@contextlib.contextmanager
def read_only(root: Path) -> Iterator[list[str]]:
    """Make `root` read-only (chmod -R a-w), and record any attempt to write under it.

    chmod alone does not stop root: opening for writing under `root` is refused here too.
    """
    attempts: list[str] = []
    inside = str(root.resolve())
    real_open, real_os_open = builtins.open, os.open

    def writes(mode: str) -> bool:
        return any(flag in mode for flag in "wax+")

    def guarded_open(file, mode="r", *args, **kwargs):
        path = isinstance(file, str | os.PathLike) and os.path.abspath(file)
        if path and path.startswith(inside) and writes(mode):
            attempts.append(f"open({file}, {mode!r})")
            raise PermissionError(errno.EROFS, os.strerror(errno.EROFS), str(file))
        return real_open(file, mode, *args, **kwargs)

    def guarded_os_open(path, flags, *args, **kwargs):
        written = flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC)
        if written and os.path.abspath(path).startswith(inside):
            attempts.append(f"os.open({path}, {flags})")
            raise PermissionError(errno.EROFS, os.strerror(errno.EROFS), str(path))
        return real_os_open(path, flags, *args, **kwargs)

    modes = {path: path.stat().st_mode for path in (root, *root.rglob("*"))}
    for path, mode in modes.items():
        path.chmod(mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))
    try:
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(builtins, "open", guarded_open)
            patch.setattr(io, "open", guarded_open)
            patch.setattr(os, "open", guarded_os_open)
            yield attempts
    finally:
        for path, mode in modes.items():
            path.chmod(mode)


def test_read_only_index_is_served_without_a_single_write(root: Path) -> None:
    app = create_app({"INDEX_DIR": str(root)})
    with read_only(root) as attempts:
        before = snapshot(root)
        client = app.test_client()
        hits = client.get("/api/search?per_page=100").json["hits"]
        assert hits
        urls = [*REQUESTS, *(hit["url"] for hit in hits[:20])]
        urls += [f"/api/entries/{hit['id']}" for hit in hits[:20]]
        for _ in range(3):
            for url in urls:
                assert client.get(url).status_code == 200, url
        after = snapshot(root)
    assert attempts == []
    assert after == before


def test_veille_serve_on_a_read_only_index_writes_nothing(root: Path, server_factory) -> None:
    modes = {path: path.stat().st_mode for path in (root, *root.rglob("*"))}
    for path, mode in modes.items():
        path.chmod(mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))
    try:
        before = snapshot(root)
        with server_factory(root, threads=4) as server:
            for _ in range(5):
                for url in REQUESTS:
                    with urllib.request.urlopen(server.base + url, timeout=30) as response:
                        assert response.status == 200, url
        assert snapshot(root) == before
    finally:
        for path, mode in modes.items():
            path.chmod(mode)


# -- a full disk ---------------------------------------------------------------------------


class FullDisk:
    """Files opened for writing under a folder, failing with ENOSPC past a byte budget."""

    def __init__(self, root: Path, budget: float, fail_names: tuple[str, ...] = ()) -> None:
        self.inside = str(root.resolve())
        self.budget = budget
        self.fail_names = fail_names
        self.written = 0
        self.failed = False

    def spend(self, name: str, size: int) -> None:
        """Count `size` bytes written to `name`, or fail as a full disk does."""
        if self.written + size > self.budget or os.path.basename(name).startswith(self.fail_names):
            self.failed = True
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), name)
        self.written += size

    @contextlib.contextmanager
    def installed(self) -> Iterator[FullDisk]:
        """Route the opening of files for writing under the folder through this disk."""
        real_open = builtins.open
        disk = self

        class Metered:
            """A file whose writes are counted against the disk's budget."""

            def __init__(self, file, name: str) -> None:
                self._file, self._name = file, name

            def write(self, data):
                disk.spend(self._name, len(data))
                return self._file.write(data)

            def writelines(self, lines):
                for line in lines:
                    self.write(line)

            def __enter__(self):
                return self

            def __exit__(self, *exc_info):
                self._file.close()

            def __iter__(self):
                return iter(self._file)

            def __getattr__(self, name):
                return getattr(self._file, name)

        def metered_open(file, mode="r", *args, **kwargs):
            opened = real_open(file, mode, *args, **kwargs)
            if (
                isinstance(file, str | os.PathLike)
                and any(flag in mode for flag in "wax+")
                and os.path.abspath(file).startswith(self.inside)
            ):
                return Metered(opened, os.fspath(file))
            return opened

        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(builtins, "open", metered_open)
            patch.setattr(io, "open", metered_open)
            yield self


def state(service: SearchService) -> list:
    """Return what a few searches find: the ids of their hits, in order."""
    found = []
    for pairs in ([("q", "innovation publique")], [], [("type", "rapport")]):
        result = service.search(request_from_pairs([*pairs, ("per_page", "100")]))
        found.append((result.generation, result.total, [hit.id for hit in result.hits]))
    return found


@pytest.fixture(scope="module")
def build_size(tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path) -> int:
    """Return the bytes a full build of the seed writes to the index directory."""
    root = tmp_path_factory.mktemp("measured") / "index"
    with FullDisk(root.parent, budget=float("inf")).installed() as disk:
        build_index([seeds_dir], root)
    assert disk.written > 10_000
    return disk.written


@pytest.mark.parametrize(
    "fraction, fail_names, full",
    [
        (0.0, (), True),
        (0.5, (), True),
        (0.98, (), True),
        (0.5, (), False),
        (float("inf"), (MANIFEST, f".{MANIFEST}"), True),
        (float("inf"), (f".{CURRENT}",), True),
    ],
    ids=["at-once", "half-way", "98%", "incremental", "manifest", "current"],
)
def test_full_disk_during_a_build_leaves_the_previous_index(
    root: Path,
    seeds_dir: Path,
    seed_text: str,
    build_size: int,
    fraction: float,
    fail_names: tuple[str, ...],
    full: bool,
    capsys: pytest.CaptureFixture[str],
) -> None:
    service = SearchService(root)
    before = state(service)
    pointer = (root / CURRENT).read_bytes()
    listing = sorted(path.name for path in root.iterdir())
    corpus = seeds_dir
    if not full:  # an update has something to do only when the corpus changed
        corpus = Path(shutil.copytree(seeds_dir, root.parent / "corpus"))
        (corpus / "hs5.txt").write_text(seed_text.replace("Hors-Série #2\n", "Hors-Série #5\n"))
    arguments = ["index", *(["--full"] if full else []), "--index-dir", str(root), str(corpus)]
    with FullDisk(root, fraction * build_size, fail_names).installed() as disk:
        code = cli.main(arguments)
    out, err = capsys.readouterr()
    assert disk.failed, "the disk should have filled up during the build"
    assert code == 1
    assert out == ""
    assert "veille index: impossible d'écrire l'index" in err
    assert "Traceback" not in err
    assert (root / CURRENT).read_bytes() == pointer
    assert sorted(path.name for path in root.iterdir()) == listing  # the half-build is gone
    assert state(service) == before
    assert state(SearchService(root)) == before
    service.close()
    if fail_names:  # once there is room again, the build goes through
        assert cli.main(arguments) == 0
        assert (root / CURRENT).read_bytes() != pointer
