"""`veille index` and `veille search`: progress and summary, JSON equal to the API, filters.

Expected counts are computed from `veille extract --format json` on the seed, not from the index.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from indexer.build.builder import build_index
from search_ui import cli
from search_ui.engine.criteria import request_from_pairs
from search_ui.engine.search import SearchService
from search_ui.web.paths import entry_path

from ..ordering import catalogue_key

VEILLE = str(Path(sys.executable).with_name("veille"))  # the console script pyproject installs
CGET = "Commissariat général à l'égalité des territoires (CGET)"
SUMMARY = re.compile(
    r"^(\d+) entries in the index \((\d+) added, (\d+) removed\) from (\d+) files "
    r"\((\d+) unchanged\), (\d+) warnings, \d+\.\d\d s -> (.+)$"
)


def veille(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run the installed `veille` command."""
    environment = {**os.environ, **(env or {})}
    return subprocess.run(
        [VEILLE, *args], capture_output=True, text=True, timeout=120, env=environment
    )


@pytest.fixture(scope="module")
def index_root(tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path) -> Path:
    """Build the seed's index once for the module."""
    root = tmp_path_factory.mktemp("cli-index") / "index"
    build_index([seeds_dir], root)
    return root


@pytest.fixture(scope="module")
def extracted(seeds_dir: Path) -> list[dict[str, Any]]:
    """Return the seed's entries as `veille extract --format json` prints them."""
    done = veille("extract", "--format", "json", str(seeds_dir))
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.fixture
def run(index_root: Path, capsys: pytest.CaptureFixture[str]):
    """Return a runner of `veille search` in this process: (exit code, stdout, stderr)."""

    def runner(*args: str) -> tuple[int, str, str]:
        code = cli.main(["search", *args, "--index-dir", str(index_root)])
        out, err = capsys.readouterr()
        return code, out, err

    return runner


def search_json(run, *args: str) -> dict[str, Any]:
    """Run `veille search ARGS --json` and return the parsed output."""
    code, out, err = run(*args, "--json")
    assert (code, err) == (0, "")
    return json.loads(out)


def api(root: Path, pairs: list[tuple[str, str]]) -> dict[str, Any]:
    """Return the search service's result as /api/search writes it, for URL-style pairs."""
    service = SearchService(root)
    try:
        result = service.search(request_from_pairs(pairs))
        return json.loads(json.dumps(result.to_api(entry_url=entry_path)))
    finally:
        service.close()


def comparable(result: dict[str, Any]) -> dict[str, Any]:
    """Return API data without what may vary between two runs of one search.

    took_ms is a timing; of a snippet only whether it marks a word is compared, because the
    fragments Whoosh picks vary from one call to the next (reported to the lead).
    """
    data = {key: value for key, value in result.items() if key != "took_ms"}
    data["hits"] = [hit | {"snippet": "<mark>" in hit["snippet"]} for hit in result["hits"]]
    return data


# -- veille index ----------------------------------------------------------------------------


def test_index_prints_a_line_per_file_and_a_summary(tmp_path: Path, seed_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(seed_path, corpus / seed_path.name)
    (corpus / "vide.txt").write_text("Rien ici.\n", encoding="utf-8")
    root = tmp_path / "index"

    done = veille("index", "--index-dir", str(root), str(corpus))
    assert done.returncode == 0, done.stderr
    assert done.stderr.splitlines() == [
        f"[1/2] {seed_path.name}: 77 entries (new) — CGET issue",
        "[2/2] vide.txt: 0 entries (new) — unknown layout",
        "vide.txt:1: skipped: no masthead and no entry found: not a newsletter issue?",
    ]
    [summary] = done.stdout.splitlines()
    match = SUMMARY.match(summary)
    assert match, summary
    assert match.groups()[:6] == ("77", "77", "0", "2", "0", "1")
    assert match.group(7) == str(root)

    again = veille("index", "--index-dir", str(root), str(corpus))
    assert again.returncode == 0, again.stderr
    assert again.stderr.splitlines() == [
        f"[1/2] {seed_path.name}: unchanged",
        "[2/2] vide.txt: unchanged",
        "index up to date (77 entries)",
    ]
    match = SUMMARY.match(again.stdout.strip())
    assert match and match.groups()[:6] == ("77", "0", "0", "2", "2", "0")


def test_index_refuses_a_path_that_does_not_exist(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "index"
    assert cli.main(["index", "--index-dir", str(root), str(tmp_path / "seedz")]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err == f"veille index: introuvable : {tmp_path / 'seedz'}\n"
    assert not root.exists()


# -- veille search --json ----------------------------------------------------------------------

CASES = {
    "words": (["innovation", "publique"], [("q", "innovation publique")]),
    "browse": ([], [("q", "")]),
    "facets": (
        ["design", "--type", "article", "--type", "rapport", "--year", "2017"],
        [("q", "design"), ("type", "article"), ("type", "rapport"), ("year", "2017")],
    ),
    "range-sort-page": (
        [
            "territoires",
            "--from",
            "2015",
            "--to",
            "2017",
            "--sort",
            "title",
            "--limit",
            "3",
            "--page",
            "2",
        ],
        [
            ("q", "territoires"),
            ("from", "2015"),
            ("to", "2017"),
            ("sort", "title"),
            ("per_page", "3"),
            ("page", "2"),
        ],
    ),
    "relaxed": (["innovation", "zzzyx"], [("q", "innovation zzzyx")]),
    "section-publisher": (
        ["--section", "Agenda", "--publisher", CGET],
        [("q", ""), ("section", "Agenda"), ("publisher", CGET)],
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_json_is_the_search_services_to_api(run, index_root: Path, case: str) -> None:
    args, pairs = CASES[case]
    printed = search_json(run, *args)
    expected = api(index_root, pairs)
    assert printed.keys() == expected.keys()
    assert comparable(printed) == comparable(expected)
    assert printed["hits"]
    assert (printed["relaxed"], printed["total"] == 0) == (case == "relaxed",) * 2


def test_json_hits_link_each_entry_page_after_their_kind(run) -> None:
    for hit in search_json(run, "innovation")["hits"]:
        keys = list(hit)
        assert keys[keys.index("kind") + 1] == "url"  # where the API's hits always had it
        assert hit["url"] == entry_path(hit["id"])


def test_installed_command_prints_the_same_json(index_root: Path) -> None:
    done = veille("search", "innovation", "publique", "--json", "--index-dir", str(index_root))
    assert done.returncode == 0, done.stderr
    printed = json.loads(done.stdout)
    expected = api(index_root, [("q", "innovation publique")])
    assert printed.keys() == expected.keys()
    assert comparable(printed) == comparable(expected)


def test_index_dir_comes_from_the_environment(index_root: Path, tmp_path: Path) -> None:
    done = veille("search", "--json", env={"VEILLE_INDEX_DIR": str(index_root)})
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["total"] == 77
    empty = veille("search", "innovation", env={"VEILLE_INDEX_DIR": str(tmp_path / "none")})
    assert empty.returncode == 1
    assert empty.stdout == ""
    assert (
        empty.stderr
        == f"veille search: aucun index dans {tmp_path / 'none'} : lancez « veille index »\n"
    )


# -- human output ------------------------------------------------------------------------------


def test_human_output_emphasises_matched_words_and_counts_facets(
    run, index_root: Path, extracted: list[dict[str, Any]]
) -> None:
    code, out, err = run("évaluer", "--limit", "3")
    assert (code, err) == (0, "")
    expected = api(index_root, [("q", "évaluer"), ("per_page", "3")])
    lines = out.splitlines()
    assert lines[0].startswith(f"{expected['total']} résultat")
    # The matched form differs from the typed one: « évaluer » finds « évaluation ».
    emphasised = {word.casefold() for word in re.findall(r"«([^»]+)»", out)}
    assert emphasised and all(word.startswith(("évalu", "evalu")) for word in emphasised)
    assert "<mark>" not in out and "\033[" not in out
    for number, hit in enumerate(expected["hits"], start=1):
        assert any(line.startswith(f"{number}. ") for line in lines)
        assert f"— {hit['id']}" in out
    type_line = next(line for line in lines if line.startswith("Type de document : "))
    for value in expected["facets"]["type"][:8]:
        assert f"{value['value']} ({value['count']})" in type_line


def test_human_output_of_a_browse_counts_every_type(run, extracted: list[dict[str, Any]]) -> None:
    code, out, _ = run("--limit", "1")
    assert code == 0
    assert out.startswith("77 résultats (page 1/77, ")
    counts = Counter(record["doc_type"] for record in extracted)
    type_line = next(line for line in out.splitlines() if line.startswith("Type de document : "))
    for value, count in counts.most_common(8):
        assert f"{value} ({count})" in type_line


# -- filters and sorts, checked against `veille extract` ---------------------------------------


def ids_of(extracted: list[dict[str, Any]], keep) -> set[str]:
    """Return the ids of the extracted records that `keep` accepts."""
    return {record["id"] for record in extracted if keep(record)}


@pytest.mark.parametrize(
    ("args", "keep"),
    [
        (["--type", "article"], lambda r: r["doc_type"] == "article"),
        (["--type", "rapport", "--type", "étude"], lambda r: r["doc_type"] in ("rapport", "étude")),
        (["--section", "Agenda"], lambda r: r["section"] == "Agenda"),
        (["--publisher", CGET], lambda r: CGET in r["publishers"]),
        (["--year", "2017"], lambda r: r["year"] == 2017),
        (["--from", "2015", "--to", "2016"], lambda r: r["year"] and 2015 <= r["year"] <= 2016),
        (["--from", "2018"], lambda r: r["year"] and r["year"] >= 2018),
        (
            ["--type", "article", "--year", "2018"],
            lambda r: r["doc_type"] == "article" and r["year"] == 2018,
        ),
    ],
    ids=["type", "two-types", "section", "publisher", "year", "range", "from", "type-and-year"],
)
def test_filters_select_what_extract_says(run, extracted, args: list[str], keep) -> None:
    expected = ids_of(extracted, keep)
    assert expected  # each filter selects something in the seed
    result = search_json(run, *args, "--limit", "100")
    assert result["total"] == len(expected)
    assert {hit["id"] for hit in result["hits"]} == expected


def test_type_article_matches_extract_count(run, extracted) -> None:
    articles = sum(record["doc_type"] == "article" for record in extracted)
    assert search_json(run, "--type", "article")["total"] == articles == 11


def test_sorts(run, extracted) -> None:
    by_title = search_json(run, "--sort", "title", "--limit", "100")["hits"]
    assert [hit["title"] for hit in by_title] == sorted(
        (record["title"] for record in extracted), key=catalogue_key
    )
    oldest = [hit["year"] for hit in search_json(run, "--sort", "date", "--limit", "100")["hits"]]
    dated = [year for year in oldest if year is not None]
    assert len(oldest) == 77 and oldest == dated + [None] * (77 - len(dated))  # undated last
    assert dated == sorted(dated)
    for spelling in (["--sort", "-date"], ["--sort=-date"]):
        newest = [hit["year"] or 0 for hit in search_json(run, *spelling, "--limit", "100")["hits"]]
        assert newest == sorted(newest, reverse=True) and len(newest) == 77
    ranked = search_json(run, "innovation", "--sort", "relevance")["hits"]
    scores = [hit["score"] for hit in ranked]
    assert scores == sorted(scores, reverse=True) and None not in scores


def test_limit_and_page(run) -> None:
    ten = search_json(run, "innovation", "--sort", "title", "--limit", "10")
    second = search_json(run, "innovation", "--sort", "title", "--limit", "5", "--page", "2")
    assert [hit["id"] for hit in second["hits"]] == [hit["id"] for hit in ten["hits"][5:10]]
    assert (second["page"], second["per_page"], second["total"]) == (2, 5, ten["total"])
    assert second["pages"] == -(-ten["total"] // 5)


# -- bad options -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--sort", "foo"], "Le tri « foo » est inconnu : choisissez parmi relevance"),
        (["--from", "1700"], "Le paramètre « from » doit être compris entre 1800 et 2200"),
        (["--from", "deux mille"], "Le paramètre « from » doit être un nombre entier"),
        (["--year", "18"], "Le paramètre « year » attend une année sur quatre chiffres"),
        (["--limit", "0"], "Le paramètre « per_page » doit être compris entre 1 et 100"),
        (["--page", "0"], "Le paramètre « page » doit être compris entre 1"),
    ],
    ids=["sort", "range", "from", "year", "limit", "page"],
)
def test_bad_options_exit_2_in_french(run, args: list[str], message: str) -> None:
    code, out, err = run("innovation", *args)
    assert code == 2
    assert out == ""
    assert err.startswith(f"veille search: {message}")


def test_bad_option_from_the_installed_command(index_root: Path) -> None:
    done = veille("search", "innovation", "--sort", "foo", "--index-dir", str(index_root))
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.startswith("veille search: Le tri « foo » est inconnu")


def test_unknown_option_is_a_usage_error(run) -> None:
    with pytest.raises(SystemExit) as exit_info:
        run("innovation", "--colour")
    assert exit_info.value.code == 2
