"""Issue 16, row 5: silent corruption, 4 KB of random bytes written inside a segment.

The segment keeps its size. Searches used to work while `sort=title&per_page=100`,
`/export/csv` and `/coverage` answered 500 (zlib.error), and `veille index` said "up to date"
and kept the damaged index: only `--full` repaired it. Now the build's checksums find it:
the server answers the French 503 (the log names the file), `veille index` rebuilds without
--full and says why. A disk that rots bits keeps the file's time too: the server finds that
at the first read error, or before it streams a whole list, never halfway through one. An
index written before checksums were recorded opens, and is not rebuilt just for that.
"""

from __future__ import annotations

import logging
import os
import random
from pathlib import Path

import pytest

from indexer.build.generations import CHECKSUMS, current_generation
from search_ui import cli
from search_ui.web.app import create_app
from tests.reliability.damage import WHOOSH_LEAK

from .damage import (
    answers,
    assert_commands_say_run_veille_index,
    assert_french_503,
    first_entry,
    largest_segment,
    logged_about,
    repair,
    routes,
)

NOISE = 4096  # bytes of random noise
pytestmark = pytest.mark.filterwarnings(WHOOSH_LEAK)


def corrupt(segment: Path, keep_time: bool = False) -> None:
    """Write NOISE random bytes in the middle of a segment, its size unchanged (as `dd
    conv=notrunc` does); with `keep_time`, its modification time too (as a failing disk)."""
    before = segment.stat()
    noise = random.Random(16).randbytes(NOISE)
    with open(segment, "r+b") as handle:
        handle.seek(before.st_size // 2 - NOISE // 2)
        handle.write(noise)
    if keep_time:
        os.utime(segment, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert segment.stat().st_size == before.st_size


def test_corrupted_segment_is_a_french_503_and_veille_index_repairs_it_without_full(
    root: Path,
    seeds_dir: Path,
    caplog: pytest.LogCaptureFixture,
    capsys: pytest.CaptureFixture[str],
) -> None:
    client = create_app({"INDEX_DIR": str(root)}).test_client()  # not TESTING: as in production
    urls = routes(first_entry(client))
    before = answers(client, urls)  # exports included: the checksums were read once
    assert {status for status, _ in before.values()} == {200}
    segment = largest_segment(root)
    corrupt(segment)

    with caplog.at_level(logging.ERROR):
        for url in urls:
            assert_french_503(client, url)
    assert logged_about(caplog, segment)
    assert_commands_say_run_veille_index(root, segment, capsys)

    said = repair(root, seeds_dir, capsys)
    assert f"index endommagé (fichier {segment.name}) : reconstruction complète" in said
    after = answers(client, urls)
    assert {url: status for url, (status, _) in after.items()} == dict.fromkeys(urls, 200)
    assert after["/export/csv"] == before["/export/csv"]  # the same entries, dates kept


def test_bit_rot_keeping_the_time_is_never_a_500_nor_a_cut_export(
    root: Path,
    seeds_dir: Path,
    caplog: pytest.LogCaptureFixture,
    capsys: pytest.CaptureFixture[str],
) -> None:
    client = create_app({"INDEX_DIR": str(root)}).test_client()
    urls = routes(first_entry(client))
    segment = largest_segment(root)
    corrupt(segment, keep_time=True)
    client = create_app({"INDEX_DIR": str(root)}).test_client()  # a server started afterwards
    statuses = {url: status for url, (status, _) in answers(client, urls).items()}
    assert set(statuses.values()) <= {200, 503}, statuses
    with caplog.at_level(logging.ERROR):
        assert_french_503(client, "/export/csv")  # the whole list is checked before it streams
    assert logged_about(caplog, segment)
    for url in urls:  # and the generation stays refused until it is repaired
        assert_french_503(client, url)
    assert cli.main(["export", "--format", "csv", "--index-dir", str(root)]) == 1
    out, err = capsys.readouterr()
    assert out == "" and str(segment) in err and "Traceback" not in err
    said = repair(root, seeds_dir, capsys)
    assert f"index endommagé (fichier {segment.name}) : reconstruction complète" in said


def test_index_without_checksums_opens_and_is_not_rebuilt_for_that(
    root: Path, seeds_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    generation = current_generation(root)
    (generation / CHECKSUMS).unlink()  # as an index written before they were recorded
    client = create_app({"INDEX_DIR": str(root)}).test_client()
    urls = routes(first_entry(client))
    assert {status for status, _ in answers(client, urls).values()} == {200}
    assert cli.main(["index", "--index-dir", str(root), str(seeds_dir)]) == 0
    _, err = capsys.readouterr()
    assert "index up to date" in err and "endommagé" not in err
    assert current_generation(root) == generation
