"""`veille stats` and `veille check`: the same objects as /api/coverage and /api/check."""

from __future__ import annotations

import io
import json
from collections import Counter

import pytest

from indexer.build.coverage import NO_SECTION
from search_ui.cli import main


@pytest.fixture
def veille(seed_index_dir, capsys):
    """Run a `veille` command on the seed index; return exit code, stdout, stderr."""

    def run(*args: str) -> tuple[int, str, str]:
        code = main([*args, "--index-dir", str(seed_index_dir)])
        out, err = capsys.readouterr()
        return code, out, err

    return run


def test_stats_json_is_the_coverage_api(veille, client, records):
    code, out, _ = veille("stats", "--json")
    assert code == 0
    data = json.loads(out)
    assert data == client.get("/api/coverage").json
    assert data["total"] == len(records)
    assert data["type"] == Counter(r["doc_type"] for r in records)


def test_stats_text_tables_hold_the_counts(veille, records):
    code, out, _ = veille("stats")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "Couverture : 77 entrées, 1 numéro, 8 sections, de 2014 à 2018"
    header = next(line for line in lines if line.startswith("Section "))
    assert header.split()[1:] == ["2014", "2015", "2016", "2017", "2018", "sans", "année", "Total"]
    agenda = next(line for line in lines if line.startswith("Agenda "))
    in_agenda = Counter(r["year"] for r in records if r["section"] == "Agenda")
    assert agenda.split()[1:] == ["·", "·", "·", "·", str(in_agenda[2018]), "·", "5"]
    total = next(line for line in lines if line.startswith("Total "))
    years = Counter(r["year"] for r in records)
    assert total.split()[1:] == [*(str(years[y]) for y in range(2014, 2019)), "17", "77"]
    assert any(line.startswith(NO_SECTION) for line in lines)
    rapport = next(line for line in lines if line.startswith("rapport "))
    assert rapport.split()[-1] == str(sum(r["doc_type"] == "rapport" for r in records))
    assert "Qualité des données" in out
    assert "Initiation à l'innovation publique" in out  # the suspected duplicate


@pytest.mark.parametrize(
    ("reference", "title"),
    [
        ("IAU (2017). De la smart city à la région intelligente", "De la Smart city à la Région"),
        (
            "Christiansen J., Policy labs for public innovation, Nesta 2016",
            "Policy Labs for public",
        ),
        ("Inovation dans le secteur publique numero special", "Innovation dans le secteur public"),
        ("APUR, 2017. La ville autrement : initiatives citoyennes", "La ville autrement"),
    ],
)
def test_check_finds_the_entry_first(veille, reference, title):
    code, out, _ = veille("check", reference)
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == f"Déjà dans le corpus — « {reference} »"
    assert lines[2].startswith("1. ") and title in lines[2]
    code, out, _ = veille("check", "--json", reference)
    data = json.loads(out)
    assert (code, data["verdict"]) == (0, "found")
    assert data["candidates"][0]["title"].startswith(title)


def test_check_of_an_absent_reference_exits_1(veille):
    code, out, _ = veille("check", "Le vélo en ville : politiques cyclables, Cerema 2020")
    assert code == 1
    assert out.startswith("Absent du corpus — ")
    code, out, _ = veille("check", "--json", "Dupont A. La gouvernance des métropoles. PUF, 2015")
    assert (code, json.loads(out)["verdict"]) == (1, "not_found")


def test_check_agrees_with_the_api(veille, client):
    reference = "Manifeste pour l'innovation publique"
    _, out, _ = veille("check", "--json", reference)
    assert json.loads(out) == client.get("/api/check", query_string={"ref": reference}).json


def test_check_reads_the_reference_from_stdin(veille, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("Vers un urbanisme collaboratif\n(FNAU, 2017)\n"))
    code, out, _ = veille("check", "-", "--json")
    data = json.loads(out)
    assert (code, data["reference"]) == (0, "Vers un urbanisme collaboratif (FNAU, 2017)")
    assert data["candidates"][0]["title"] == "Vers un urbanisme collaboratif"


def test_check_without_a_reference_is_a_usage_error(veille, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("  \n"))
    code, out, err = veille("check")
    assert (code, out) == (2, "")
    assert "indiquez la référence" in err
    code, _, err = veille("check", "x" * 2001)
    assert code == 2 and "2000" in err


@pytest.mark.parametrize("command", [["stats"], ["check", "innovation"]])
def test_missing_index_exits_1(tmp_path, capsys, command):
    assert main([*command, "--index-dir", str(tmp_path / "none")]) == 1
    assert "veille index" in capsys.readouterr().err


def test_check_json_is_the_check_api(veille, client):
    reference = "APUR, 2017. La ville autrement : initiatives citoyennes"
    code, out, _ = veille("check", "--json", reference)
    assert code == 0
    data = json.loads(out)
    assert data["candidates"] and all("url" in c for c in data["candidates"])
    assert data == client.get("/api/check", query_string={"ref": reference}).json
