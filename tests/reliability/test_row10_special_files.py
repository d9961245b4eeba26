"""Issue 16, row 10: only regular files are read, and none past the size limit.

A FIFO used to hang `veille extract`, a link to /dev/zero was read until MemoryError and a
50 MB text file was read whole. Now each is skipped with a warning saying what it is, named
on the command line or found in a folder; the file size limit is 20 MB for text (100 MB for
a PDF), `$VEILLE_MAX_FILE_MB` when set, and a file is read no further than the limit.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from indexer.extraction.corpus import extract_paths
from indexer.extraction.extractor import extract_file
from indexer.extraction.files import read_limited
from indexer.extraction.readers import UnreadableFile

from .conftest import veille

PIPE = "not a regular file (a named pipe)"
DEVICE = "not a regular file (a device or a socket)"
NO_NEWSLETTER = "no newsletter file (.txt, .md, .html, .pdf) here"
TIMEOUT = 60  # a hang is a failure, not a stuck suite


@pytest.fixture
def folder(tmp_path: Path, seed_path: Path) -> Path:
    """Return a folder with the seed, a FIFO, links to two devices and a folder named .txt."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    shutil.copy(seed_path, folder / "seed.txt")
    os.mkfifo(folder / "pipe.txt")
    (folder / "zero.txt").symlink_to("/dev/zero")
    (folder / "urandom.md").symlink_to("/dev/urandom")
    (folder / "archives.txt").mkdir()  # a folder is walked, whatever its name
    return folder


def test_special_files_in_a_folder_are_reported_and_skipped(folder: Path) -> None:
    result = extract_paths([folder])
    assert len(result.entries) == 77
    assert sorted(result.warnings) == [
        f"pipe.txt:0: skipped: {PIPE}",
        f"urandom.md:0: skipped: {DEVICE}",
        f"zero.txt:0: skipped: {DEVICE}",
    ]


@pytest.mark.parametrize(
    ("name", "reason"),
    [("pipe.txt", PIPE), ("zero.txt", DEVICE), ("urandom.md", DEVICE), ("archives.txt", None)],
)
def test_veille_extract_of_a_named_special_file_never_hangs(
    folder: Path, name: str, reason: str | None
) -> None:
    done = veille("extract", str(folder / name), timeout=TIMEOUT)
    assert done.returncode == 1
    assert done.stdout == ""
    if reason:
        assert done.stderr == f"{name}:0: skipped: {reason}\n"
    else:  # a folder named on the command line is read as a folder: it holds no newsletter
        assert done.stderr.endswith(f"archives.txt:0: skipped: {NO_NEWSLETTER}\n")


def test_the_reader_refuses_what_is_no_regular_file(folder: Path) -> None:
    for name, reason in (("pipe.txt", PIPE), ("zero.txt", DEVICE), ("archives.txt", "a folder")):
        with pytest.raises(UnreadableFile, match=re.escape(reason)):
            read_limited(folder / name)
    assert extract_file(folder / "archives.txt").warnings == [
        "archives.txt:0: skipped: a folder, not a file"
    ]


def test_veille_index_skips_them_and_says_so(folder: Path, tmp_path: Path) -> None:
    done = veille("index", "--index-dir", str(tmp_path / "index"), str(folder), timeout=TIMEOUT)
    assert done.returncode == 1, done.stderr
    assert f"pipe.txt:0: skipped: {PIPE}" in done.stderr.splitlines()
    assert f"zero.txt:0: skipped: {DEVICE}" in done.stderr.splitlines()
    assert done.stdout.startswith("77 entries in the index")


def test_a_file_past_the_limit_is_not_read(
    tmp_path: Path, seed_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as file:
        file.truncate(20 * 2**20 + 1)  # sparse: 20 MB and one byte, never written
    limit = "larger than 20 MB, not read (the limit is $VEILLE_MAX_FILE_MB)"
    assert extract_file(big).warnings == [f"big.txt:0: skipped: {limit}"]
    seed = tmp_path / "seed.txt"
    shutil.copy(seed_path, seed)
    size_mb = seed.stat().st_size / 2**20
    monkeypatch.setenv("VEILLE_MAX_FILE_MB", f"{size_mb / 2:.3f}")
    assert extract_file(seed).entries == []
    assert "larger than" in extract_paths([tmp_path]).warnings[0]
    monkeypatch.setenv("VEILLE_MAX_FILE_MB", f"{size_mb * 2:.3f}")
    assert len(extract_file(seed).entries) == 77


def test_a_file_larger_than_its_size_says_is_read_no_further(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    maps = Path("/proc/self/maps")  # a regular file of size 0 that holds kilobytes
    if not maps.is_file() or maps.stat().st_size != 0:
        pytest.skip("no /proc file system here")
    path = tmp_path / "maps.txt"
    path.symlink_to(maps)
    monkeypatch.setenv("VEILLE_MAX_FILE_MB", "0.001")  # 1,048 bytes
    with pytest.raises(UnreadableFile, match=r"larger than 0\.001 MB"):
        read_limited(path)


@pytest.mark.parametrize("value", ["abc", "0", "-5", "١٠", "1e9", "inf"])
def test_a_bad_limit_is_a_usage_error_in_french(tmp_path: Path, value: str) -> None:
    environment = {**os.environ, "VEILLE_MAX_FILE_MB": value}
    for command in ("extract", "index"):
        arguments = [command, str(tmp_path)] + (
            ["--index-dir", str(tmp_path / "index")] if command == "index" else []
        )
        done = subprocess.run(
            [sys.executable, "-m", "search_ui", *arguments],
            capture_output=True,
            text=True,
            env=environment,
            timeout=TIMEOUT,
            check=False,
        )
        assert done.returncode == 2, (command, value, done.stderr)
        assert done.stderr.startswith(f"veille {command}: VEILLE_MAX_FILE_MB=")
        assert "mégaoctets" in done.stderr and "Traceback" not in done.stderr
