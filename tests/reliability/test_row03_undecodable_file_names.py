"""Issue 16, row 3: a file name that is not valid UTF-8 is reported and skipped.

A newsletter named with the byte \\xe9 (Latin-1's « é ») beside the seed: `veille index`
used to fail with a traceback (UnicodeEncodeError, nothing published) and `veille extract`
wrote the name into its JSON as invalid UTF-8. Now the file is skipped with a warning that
shows the byte escaped, the other files are indexed and published, and the exit status is 1
(a file was not read); nothing written is invalid UTF-8.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from indexer.build.builder import build_index
from indexer.extraction.corpus import extract_paths
from search_ui.engine.criteria import request_from_pairs
from search_ui.engine.search import SearchService

from .conftest import veille

BAD_NAME = b"r\xe9sum\xe9.txt"  # « résumé.txt » in Latin-1
WARNING = "r\\xe9sum\\xe9.txt:0: skipped: name not valid UTF-8: rename the file"


@pytest.fixture
def corpus(tmp_path: Path, seed_path: Path, second_issue_text: str) -> Path:
    """Return a folder with the seed and a second issue under a name that is not UTF-8."""
    if sys.platform == "darwin":
        pytest.skip("macOS file systems refuse names that are not UTF-8")
    folder = tmp_path / "corpus"
    folder.mkdir()
    shutil.copy(seed_path, folder / seed_path.name)
    bad = os.path.join(os.fsencode(folder), BAD_NAME)
    with open(bad, "wb") as file:
        file.write(second_issue_text.encode("utf-8"))
    return folder


def test_the_build_skips_it_and_publishes_the_others(corpus: Path, tmp_path: Path) -> None:
    root = tmp_path / "index"
    report = build_index([corpus], root)
    assert report.warnings == [WARNING]
    assert report.entries == 77
    total = SearchService(root).search(request_from_pairs([("q", "")])).total
    assert total == 77


def test_extract_paths_skips_it(corpus: Path) -> None:
    result = extract_paths([corpus])
    assert result.warnings == [WARNING]
    assert len(result.entries) == 77


def test_veille_index_says_so_in_its_exit_status(corpus: Path, tmp_path: Path) -> None:
    root = tmp_path / "index"
    done = veille("index", "--index-dir", str(root), str(corpus))
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert WARNING in done.stderr.splitlines()
    assert done.stdout.startswith("77 entries in the index")
    served = veille("search", "--index-dir", str(root), "--json", "innovation")
    assert served.returncode == 0, served.stderr


def test_veille_extract_writes_only_utf8(corpus: Path, seed_path: Path) -> None:
    bad = os.path.join(os.fsencode(corpus), BAD_NAME)
    for arguments in ([str(corpus)], [os.fsdecode(bad), str(seed_path)]):
        command = [sys.executable, "-m", "search_ui", "extract", *arguments]
        done = subprocess.run(command, capture_output=True, timeout=120, check=False)
        stdout, stderr = done.stdout.decode("utf-8"), done.stderr.decode("utf-8")  # strict
        assert "Traceback" not in stderr
        assert WARNING in stderr.splitlines()
        assert stdout.count("\n") == 77
        assert all(line.count('"file": ') == 1 for line in stdout.splitlines())
    assert done.returncode == 1  # a named file yielded nothing
