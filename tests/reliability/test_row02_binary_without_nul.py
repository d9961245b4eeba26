"""Issue 16, row 2: a binary file without NUL bytes, renamed .txt, is skipped as binary.

Random bytes with the NULs taken out decode as Windows-1252 into garbage lines (four
garbage entries, exit 0, before the fix). About one character in eight of such a decoding
is a control character or a byte Windows-1252 leaves undecoded; a newsletter has none or a
few in its thousands: past one in twenty, the file is binary. Valid Windows-1252 French
text is still read, and so is a newsletter with a few stray control characters.
"""

from __future__ import annotations

import random
import re
import shutil
from pathlib import Path

import pytest

from indexer.extraction.corpus import extract_paths
from indexer.extraction.extractor import extract_file
from search_ui import cli

BINARY = re.compile(r"^(?P<file>[^:]+):0: skipped: binary file, not text \(\d+ of its first \d+ ")


def binary_without_nul(size: int, seed: int) -> bytes:
    """Return random bytes, reproducible, with no NUL byte."""
    generator = random.Random(seed)
    return bytes(generator.randrange(1, 256) for _ in range(size))


@pytest.mark.parametrize(("size", "seed"), [(2_000, 1), (20_000, 2), (200_000, 3)])
def test_random_bytes_without_nul_are_skipped_as_binary(
    tmp_path: Path, size: int, seed: int
) -> None:
    path = tmp_path / "rapport.txt"
    path.write_bytes(binary_without_nul(size, seed))
    result = extract_file(path)
    assert result.entries == []
    assert len(result.warnings) == 1 and BINARY.match(result.warnings[0]), result.warnings
    assert result.files_without_entries == ["rapport.txt"]


def test_a_binary_html_file_is_skipped_too(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(b"<html><body>" + binary_without_nul(5_000, 4))
    [warning] = extract_file(path).warnings
    assert BINARY.match(warning), warning


def test_the_other_files_of_the_folder_are_read(
    tmp_path: Path, seed_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copy(seed_path, tmp_path / "seed.txt")
    (tmp_path / "rapport.txt").write_bytes(binary_without_nul(20_000, 5))
    result = extract_paths([tmp_path])
    assert len(result.entries) == 77
    assert {entry.file for entry in result.entries} == {"seed.txt"}
    assert [BINARY.match(warning)["file"] for warning in result.warnings] == ["rapport.txt"]
    assert cli.main(["extract", str(tmp_path / "rapport.txt")]) == 1
    assert BINARY.match(capsys.readouterr().err)


def test_windows_1252_text_with_stray_control_characters_is_still_read(
    tmp_path: Path, seed_path: Path, seed_text: str
) -> None:
    stray = seed_text.replace("Sommaire :", "Sommaire :\x1a").replace("Agenda\n", "Agenda\x0e\n")
    path = tmp_path / "cp1252.txt"
    path.write_bytes(re.sub("[►▶]", "•", stray).encode("cp1252"))  # as a Windows editor saves it
    result = extract_file(path)
    assert [entry.to_dict() | {"file": ""} for entry in result.entries] == [
        entry.to_dict() | {"file": ""} for entry in extract_file(seed_path).entries
    ]
    assert result.warnings[0].startswith("cp1252.txt:0: not valid UTF-8")
    assert result.warnings[1].startswith("cp1252.txt:0: control characters removed from")
