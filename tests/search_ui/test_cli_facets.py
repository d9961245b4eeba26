"""`veille search` and `veille export` have an option per facet spec, repeatable, as on the web.

Expected hits are computed from the seed's records (`veille extract`), read through each
spec's record key; the issue facet, single-valued in the seed, is checked on two issues too.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from indexer.facet_specs import FACETS, FacetSpec, facet
from search_ui import cli

IDS = [spec.key for spec in FACETS]


@pytest.fixture
def search_json(seed_index_dir: Path, capsys: pytest.CaptureFixture[str]):
    """Return a runner of `veille search ARGS --json` on an index (the seed's by default)."""

    def run(*args: str, index: Path = seed_index_dir) -> dict[str, Any]:
        code = cli.main(["search", *args, "--json", "--limit", "100", "--index-dir", str(index)])
        out, err = capsys.readouterr()
        assert (code, err) == (0, "")
        return json.loads(out)

    return run


def ranked_values(records: list[dict], spec: FacetSpec) -> list[str]:
    """Return the facet's non-empty values in the records, the least common first."""
    counts = Counter(
        str(v) for r in records for v in set(spec.record_values(r)) if v not in (None, "")
    )
    return sorted(counts, key=lambda value: (counts[value], value))


def ids_with(records: list[dict], spec: FacetSpec, values: list[str]) -> set[str]:
    """Return the ids of the records having any of `values` in the facet (OR)."""
    return {r["id"] for r in records if {str(v) for v in spec.record_values(r)} & set(values)}


@pytest.mark.parametrize("command", ["search", "export"])
def test_help_lists_an_option_per_facet(command: str, capsys) -> None:
    with pytest.raises(SystemExit) as exit_info:
        cli.main([command, "--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    for spec in FACETS:
        assert f"--{spec.param} {spec.key.upper()}" in out, spec.key
        assert f"only this {spec.cli_help}" in out


@pytest.mark.parametrize("spec", FACETS, ids=IDS)
def test_each_facet_option_selects_what_extract_says(search_json, records, spec) -> None:
    values = ranked_values(records, spec)
    one = ids_with(records, spec, values[:1])
    assert one
    result = search_json(f"--{spec.param}", values[0])
    assert {hit["id"] for hit in result["hits"]} == one
    assert result["total"] == len(one)


SEVERAL_VALUES = [spec for spec in FACETS if spec.key != "issue"]  # the seed has one issue


@pytest.mark.parametrize("spec", SEVERAL_VALUES, ids=[spec.key for spec in SEVERAL_VALUES])
def test_a_repeated_option_is_an_or_within_the_facet(search_json, records, spec) -> None:
    values = ranked_values(records, spec)
    if spec.hierarchical:  # two régions: the rarest codes are a commune and what holds it
        values = [value for value in values if value.startswith("reg-")]
    values = values[:2]
    both = ids_with(records, spec, values)
    assert len(both) > max(len(ids_with(records, spec, [value])) for value in values)
    result = search_json(f"--{spec.param}", values[0], f"--{spec.param}", values[1])
    assert {hit["id"] for hit in result["hits"]} == both


def test_a_value_no_entry_has_selects_nothing(search_json) -> None:
    for spec in FACETS:
        value = "1801" if spec.is_year else "Aucune entrée n'a cette valeur"
        assert search_json(f"--{spec.param}", value)["total"] == 0, spec.key


def test_the_new_options_combine_with_and_across_facets(search_json, records) -> None:
    kind, language, issue = facet("kind"), facet("language"), facet("issue")
    chosen = {kind: ranked_values(records, kind)[-1], language: ranked_values(records, language)[0]}
    chosen[issue] = ranked_values(records, issue)[0]
    expected = set.intersection(*(ids_with(records, s, [v]) for s, v in chosen.items()))
    assert expected and len(expected) < len(ids_with(records, kind, [chosen[kind]]))
    args = [arg for spec, value in chosen.items() for arg in (f"--{spec.param}", value)]
    assert {hit["id"] for hit in search_json(*args)["hits"]} == expected


def test_the_issue_option_selects_one_issue_of_two(search_json, two_issues_index_dir) -> None:
    everything = search_json(index=two_issues_index_dir)
    issues = [value["value"] for value in everything["facets"][facet("issue").api]]
    assert len(issues) == 2
    for issue in issues:
        result = search_json("--issue", issue, index=two_issues_index_dir)
        assert result["total"] > 0
        assert {hit["issue"] for hit in result["hits"]} == {issue}
    both = search_json("--issue", issues[0], "--issue", issues[1], index=two_issues_index_dir)
    assert both["total"] == everything["total"]


def test_export_takes_the_new_options(seed_index_dir, records, capsysbinary) -> None:
    spec = facet("language")
    value = ranked_values(records, spec)[0]
    code = cli.main(
        ["export", "--format", "json", f"--{spec.param}", value, "--index-dir", str(seed_index_dir)]
    )
    exported = json.loads(capsysbinary.readouterr().out)
    assert code == 0
    assert {record["id"] for record in exported} == ids_with(records, spec, [value])


def test_facet_size_lists_as_many_values_as_asked_and_says_what_is_wrong(
    search_json, records, capsys
) -> None:
    spec = facet("publisher")
    every = ranked_values(records, spec)
    assert len(every) > 12
    assert len(search_json()["facets"][spec.api]) == 10  # the default
    listed = search_json("--facet-size", "12")["facets"][spec.api]
    assert len(listed) == 12
    assert len(search_json("--facet-size", "1000")["facets"][spec.api]) == len(every)
    code = cli.main(["search", "--facet-size", "0", "--index-dir", str(Path("nowhere"))])
    assert (
        code == 2 and "« facet_size » doit être compris entre 1 et 1000" in capsys.readouterr().err
    )
