"""The type table and the readers shared by the citation formats, on the seed's own text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import rispy

from indexer.extraction.doctypes import VOCABULARY
from search_ui.rendering.bibliographic import (
    Person,
    citation_type,
    citation_types,
    journal_title,
    mention,
    page_range,
    parse_citation_types,
    split_person,
)

CSL_SCHEMA = Path(__file__).parent / "data" / "csl-data.json"
BIBTEX_TYPES = {
    "article", "book", "booklet", "inbook", "incollection", "inproceedings", "manual",
    "mastersthesis", "misc", "phdthesis", "proceedings", "techreport", "unpublished",
}  # fmt: skip
OPENURL_GENRES = {
    "book": {"book", "bookitem", "conference", "proceeding", "report", "document", "unknown"},
    "journal": {"journal", "issue", "article", "proceeding", "conference", "preprint", "unknown"},
    "dissertation": {""},
}


def test_type_table_covers_the_vocabulary_with_each_formats_own_types():
    table = citation_types()
    assert set(table) == set(VOCABULARY)
    csl_types = json.loads(CSL_SCHEMA.read_text("utf-8"))["items"]["properties"]["type"]["enum"]
    for row in table.values():
        assert row.bibtex in BIBTEX_TYPES, row
        assert row.ris in rispy.TYPE_OF_REFERENCE_MAPPING, row
        assert row.csl in csl_types, row
        assert row.genre in OPENURL_GENRES[row.openurl], row
        assert row.label


@pytest.mark.parametrize(
    ("doc_type", "bibtex", "ris", "csl"),
    [
        ("article", "article", "JOUR", "article-journal"),
        ("ouvrage", "book", "BOOK", "book"),
        ("thèse", "phdthesis", "THES", "thesis"),
        ("rapport", "techreport", "RPRT", "report"),
        ("note", "techreport", "RPRT", "report"),
        ("plateforme", "misc", "ELEC", "webpage"),
        ("événement", "misc", "CONF", "document"),
        ("type inconnu", "misc", "GEN", "document"),
    ],
)
def test_document_types_map_to_format_types(doc_type, bibtex, ris, csl):
    row = citation_type(doc_type)
    assert (row.bibtex, row.ris, row.csl) == (bibtex, ris, csl)


def test_type_table_rejects_unknown_types_and_missing_rows():
    with pytest.raises(ValueError, match="unknown or repeated"):
        parse_citation_types("poème\tPoème\tmisc\tGEN\tdocument\tbook\tdocument\n")
    with pytest.raises(ValueError, match="no row for"):
        parse_citation_types("rapport\tRapport\ttechreport\tRPRT\treport\tbook\treport\n")


@pytest.mark.parametrize(
    ("name", "person"),
    [
        ("Weller Jean-Marc", Person("Weller", "Jean-Marc")),
        ("Jesper Christiansen", Person("Christiansen", "Jesper")),
        ("DUPONT Emmanuel", Person("DUPONT", "Emmanuel")),
        ("Ghorra-Gobin, Cynthia", Person("Ghorra-Gobin", "Cynthia")),
        ("Clémence Vidal de la Blache", Person("Vidal de la Blache", "Clémence")),
        ("Marie-Alexandra Coste", Person("Coste", "Marie-Alexandra")),
        ("Richez-Battesti Nadine", Person("Richez-Battesti", "Nadine")),
        ("E. Dupont", Person("Dupont", "E.")),
        ("Nesta", None),
        ("Xyz Qwerty", None),
    ],
)
def test_person_names_split_into_family_and_given(name, person):
    assert split_person(name) == person


@pytest.mark.parametrize(
    ("source", "journal", "pages"),
    [
        ("Sciences du Design, 2017/1 (n° 5), p. 32-51", "Sciences du Design", ("32", "51")),
        ("Population & Avenir, n° 738, 3/2018. pp.4-7", "Population & Avenir", ("4", "7")),
        (
            "Géographie, économie, société, 2018/1 (vol.20). pp.113-141",
            "Géographie, économie, société",
            ("113", "141"),
        ),
        ("Horizons publics, septembre 2018", "Horizons publics", None),
        ("Traits d'agences n°33, automne 2018. 28 p", "Traits d'agences", None),
        ("Le 4 Pages de l'Agence #24, juin 2018. 4 p", "Le 4 Pages de l'Agence", None),
        (
            "Collection Points Fnau - Alternatives (n° 8), octobre 2017. 144 p",
            "Collection Points Fnau - Alternatives",
            None,
        ),
        ("The Conversation, 18 septembre 2018", "The Conversation", None),
    ],
)
def test_source_lines_give_journal_and_page_range(source, journal, pages):
    assert journal_title(source) == journal
    assert page_range(source) == pages


def test_mention_names_issue_and_section():
    record = {"issue": "En quelques clics — Hors-Série #2 — octobre 2018", "section": "Agenda"}
    assert mention(record) == (
        "Signalé dans En quelques clics — Hors-Série #2 — octobre 2018, rubrique « Agenda »"
    )
    assert mention({"issue": "", "section": ""}) == ""
