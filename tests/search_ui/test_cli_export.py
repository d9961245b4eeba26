"""`veille export`: the whole result list of a search, in any format, to stdout or a file."""

from __future__ import annotations

import csv
import io
import json

import pytest
import rispy

from search_ui.cli import main
from search_ui.rendering.exports import CSV_COLUMNS


@pytest.fixture
def export(seed_index_dir, capsysbinary):
    """Run `veille export` on the seed index; return exit code, stdout bytes, stderr text."""

    def run(*args: str) -> tuple[int, bytes, str]:
        code = main(["export", *args, "--index-dir", str(seed_index_dir)])
        out, err = capsysbinary.readouterr()
        return code, out, err.decode("utf-8")

    return run


def test_json_export_holds_every_hit_not_one_page(export, records):
    code, out, _ = export("--format", "json")
    assert code == 0
    exported = json.loads(out)
    assert len(exported) == len(records) > 20  # more than one page of `veille search`
    assert {r["id"] for r in exported} == {r["id"] for r in records}


def test_search_options_filter_the_export(export, seed_index_dir, capsysbinary):
    code, out, _ = export("--format", "csv", "innovation", "--type", "article", "--sort", "-date")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out.decode("utf-8-sig"), newline="")))
    assert {row["doc_type"] for row in rows} == {"article"}
    years = [int(row["year"]) for row in rows]
    assert years == sorted(years, reverse=True)
    # the same options give `veille search` the same total
    assert main(["search", "innovation", "--type", "article", "--json",
                 "--index-dir", str(seed_index_dir)]) == 0  # fmt: skip
    assert json.loads(capsysbinary.readouterr().out)["total"] == len(rows)


def test_year_range_and_section(export, records):
    section = "Le design de services publics"
    code, out, _ = export("--format", "ris", "--section", section, "--from", "2017", "--to", "2017")
    expected = [r for r in records if r["section"] == section and r["year"] == 2017]
    assert code == 0 and expected
    parsed = rispy.loads(out.decode("utf-8"))
    assert sorted(item["title"] for item in parsed) == sorted(r["title"] for r in expected)


def test_output_file_and_base_url(export, tmp_path):
    target = tmp_path / "biblio.bib"
    code, out, err = export("--format", "bibtex", "--type", "thèse", "--output", str(target),
                            "--base-url", "https://veille.example.org")  # fmt: skip
    assert (code, out) == (0, b"")
    assert "1 entries" in err and str(target) in err
    text = target.read_text("utf-8")
    assert text.startswith("@phdthesis{ferchaud2018fabriques,")
    assert "url = {https://veille.example.org/entry/0e0ea9bf9d9a}" in text


def test_csv_to_stdout_starts_with_the_bom_and_header(export):
    code, out, _ = export("--format", "csv", "--publisher", "Nesta")
    assert code == 0
    assert out.startswith(b"\xef\xbb\xbf" + ",".join(CSV_COLUMNS).encode() + b"\r\n")


def test_no_hit_exits_1_with_an_empty_list(export):
    code, out, _ = export("--format", "csljson", "--from", "2030")
    assert (code, json.loads(out)) == (1, [])


def test_bad_option_exits_2_in_french(export):
    code, out, err = export("--format", "csv", "--from", "1700")
    assert (code, out) == (2, b"")
    assert "entre 1800 et 2200" in err


def test_unknown_format_is_a_usage_error(export):
    with pytest.raises(SystemExit) as stop:
        export("--format", "docx")
    assert stop.value.code == 2


def test_missing_index_exits_1(tmp_path, capsysbinary):
    code = main(["export", "--format", "json", "--index-dir", str(tmp_path / "none")])
    assert code == 1
    assert "veille index" in capsysbinary.readouterr().err.decode()
