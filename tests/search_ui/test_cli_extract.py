"""`veille extract PATH... [--format jsonl|json]`: entries on stdout, warnings on stderr."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from search_ui.cli import main

DESIGN_FIELDS = {
    "id",
    "title",
    "kind",
    "section",
    "discover",
    "authors",
    "publishers",
    "source",
    "year",
    "date_text",
    "pages",
    "doc_type",
    "language",
    "online",
    "description",
    "issue",
    "file",
    "line",
}
WARNING = re.compile(r"^[^:\n]+:\d+: \S.*$")
# What `veille extract` says of the seed on stderr after its name: the layout it was read as.
SEED_REPORT = (
    "77 entries; layout: CGET issue; issue: En quelques clics — Hors-Série #2 — octobre 2018"
)
REPO = Path(__file__).resolve().parents[2]


def jsonl(text: str) -> list[dict]:
    """Parse JSON Lines output."""
    return [json.loads(line) for line in text.splitlines()]


def test_jsonl_of_the_seed(seed_path, capsys):
    assert main(["extract", str(seed_path)]) == 0
    out, err = capsys.readouterr()
    records = jsonl(out)
    assert len(records) == 77
    assert err == f"{seed_path.name}: {SEED_REPORT}\n"
    for record in records:
        assert record.keys() >= DESIGN_FIELDS
        assert next(iter(record)) == "id"
        assert record["file"] == seed_path.name
        assert isinstance(record["line"], int) and record["line"] > 0
    first = records[0]
    assert first["title"] == "#Design #Innovation. De l'audace pour nos territoires"
    assert first["issue"] == "En quelques clics — Hors-Série #2 — octobre 2018"
    assert "é" in out  # UTF-8 as is, not \u00e9 escapes


def test_json_is_one_array_with_the_same_records(seed_path, capsys):
    assert main(["extract", str(seed_path), "--format", "jsonl"]) == 0
    lines = jsonl(capsys.readouterr().out)
    assert main(["extract", "--format", "json", str(seed_path)]) == 0
    array = json.loads(capsys.readouterr().out)
    assert array == lines


def test_record_types(seed_path, capsys):
    main(["extract", str(seed_path)])
    for record in jsonl(capsys.readouterr().out):
        assert isinstance(record["discover"], bool) and isinstance(record["online"], bool)
        assert isinstance(record["authors"], list) and isinstance(record["publishers"], list)
        assert record["year"] is None or isinstance(record["year"], int)
        assert record["pages"] is None or isinstance(record["pages"], int)
        assert record["kind"] in {"publication", "resource", "event"}
        assert record["language"] in {"fr", "en"}


def test_a_folder_means_every_newsletter_file_in_it(tmp_path, seed_path, capsys):
    (tmp_path / "2018").mkdir()
    shutil.copy(seed_path, tmp_path / "2018" / "hs2.txt")
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04")
    (tmp_path / "README").write_text("not a newsletter")
    assert main(["extract", str(tmp_path)]) == 0
    out, err = capsys.readouterr()
    records = jsonl(out)
    assert len(records) == 77
    assert {record["file"] for record in records} == {"2018/hs2.txt"}
    assert err == f"2018/hs2.txt: {SEED_REPORT}\n"


def test_a_named_file_without_entries_exits_1(tmp_path, capsys):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert main(["extract", str(empty)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err == "empty.txt:0: skipped: empty file\n"


def test_bad_files_are_warned_and_good_ones_still_extracted(tmp_path, seed_path, capsys):
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)))
    (tmp_path / "issue.docx").write_bytes(b"PK\x03\x04")
    (tmp_path / "courses.txt").write_text("Pommes, poires.\n\nFarine.\n", encoding="utf-8")
    names = ["binary.txt", "issue.docx", "courses.txt"]
    code = main(["extract", str(seed_path), *(str(tmp_path / name) for name in names)])
    out, err = capsys.readouterr()
    assert code == 1  # a named file yielded nothing
    assert len(jsonl(out)) == 77
    lines = err.splitlines()
    warnings = [line for line in lines if WARNING.match(line)]
    assert lines[len(warnings) :] == [
        f"{seed_path.name}: {SEED_REPORT}",
        "courses.txt: 0 entries; layout: unknown layout",
    ]
    assert [warning.split(":")[0] for warning in warnings] == names
    assert all(WARNING.match(warning) for warning in warnings)
    assert "binary file" in warnings[0]
    assert "unknown extension .docx" in warnings[1]
    assert "not a newsletter issue" in warnings[2]
    assert "Traceback" not in err


def test_a_missing_path_is_a_warning(tmp_path, capsys):
    assert main(["extract", str(tmp_path / "nowhere.txt")]) == 1
    assert capsys.readouterr().err == "nowhere.txt:0: skipped: no such file\n"


def test_windows_1252_file_is_read_with_a_warning(tmp_path, seed_text, capsys):
    path = tmp_path / "cp1252.txt"
    path.write_bytes(re.sub("[►▶]", "•", seed_text).encode("cp1252"))
    assert main(["extract", str(path)]) == 0
    out, err = capsys.readouterr()
    assert len(jsonl(out)) == 77
    warning = r"cp1252\.txt:0: not valid UTF-8 \(byte \d+\); read as Windows-1252\n"
    assert re.fullmatch(warning + re.escape(f"cp1252.txt: {SEED_REPORT}\n"), err)


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["extract"],
        ["extract", "--format", "xml", "seeds"],
        ["extract", "seeds", "--limit", "3"],
        ["nonsense"],
    ],
)
def test_usage_errors_exit_2(argv, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 2
    assert "usage:" in capsys.readouterr().err


def test_a_real_process(tmp_path, seed_path):
    (tmp_path / "empty.md").write_bytes(b"")
    command = [sys.executable, "-m", "search_ui", "extract", "--format", "json"]
    done = subprocess.run(
        [*command, str(seed_path), str(tmp_path / "empty.md")],
        capture_output=True,
        cwd=REPO,
        timeout=120,
        check=False,
    )
    stdout, stderr = done.stdout.decode("utf-8"), done.stderr.decode("utf-8")
    assert done.returncode == 1, stderr
    assert len(json.loads(stdout)) == 77
    assert stderr == f"empty.md:0: skipped: empty file\n{seed_path.name}: {SEED_REPORT}\n"

    done = subprocess.run(
        [*command, str(seed_path)], capture_output=True, cwd=REPO, timeout=120, check=False
    )
    assert (done.returncode, done.stderr.decode()) == (0, f"{seed_path.name}: {SEED_REPORT}\n")
    assert len(json.loads(done.stdout.decode("utf-8"))) == 77
