"""Smoke test of the export-load benchmark: both phases run on the seed and are written up.

No timing assertion: that searches were answered in both phases, exports completed or
were refused by the heavy limit, nothing failed, and the section replaced only its own.
"""

from __future__ import annotations

from pathlib import Path

from benchmarks import export_load
from benchmarks.report import EXPORT_LOAD_BEGIN, EXPORT_LOAD_END
from indexer.build.builder import build_index


def test_both_phases_run_and_the_section_is_written(seeds_dir: Path, tmp_path: Path):
    seed_index_dir = tmp_path / "index"
    build_index([seeds_dir], seed_index_dir)
    results = tmp_path / "RESULTS.md"
    results.write_text("# veille benchmarks\n\nkept\n", "utf-8")
    argv = ["--index-dir", str(seed_index_dir), "--results", str(results)]
    argv += ["--exports", "3", "--searchers", "1", "--seconds", "2", "--runs", "1"]
    assert export_load.main([*argv, "--warm-up", "0.5"]) == 0
    text = results.read_text("utf-8")
    assert text.startswith("# veille benchmarks\n\nkept\n")
    section = text[text.index(EXPORT_LOAD_BEGIN) : text.index(EXPORT_LOAD_END)]
    assert "errors: 0" in section
    rows = [line for line in section.splitlines() if line.startswith(("| alone", "| with 3"))]
    assert len(rows) == 2
    for row in rows:
        runs, p50, p95 = (float(cell) for cell in row.strip("|").split("|")[1:])
        assert runs == 1 and 0 < p50 <= p95
