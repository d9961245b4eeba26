"""Exports read back with real parsers: csv, json, bibtexparser, rispy, the CSL-JSON schema."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import rispy

from search_ui.engine.criteria import SearchRequest, request_from_pairs
from search_ui.engine.search import SearchService
from search_ui.rendering.bibliographic import citation_type
from search_ui.rendering.exports import (
    CSV_COLUMNS,
    EXPORT_FORMATS,
    csv_row,
    filename,
    render_bibtex,
    render_csljson,
    render_csv,
    render_json,
    render_ris,
)
from search_ui.rendering.reference_formats import citation_keys

from .bibliography import (
    BASE,
    CSL_SCHEMA,
    HOSTILE_TITLE,
    by_id,
    names_of,
    parse_bibtex,
    read_csv,
    unescape,
    words,
)


@pytest.fixture(scope="module")
def hostile(hostile_index_dir: Path) -> list[dict]:
    """Return the records of every hit of the newsletter whose titles are formulas."""
    found = list(SearchService(hostile_index_dir).hit_records(SearchRequest()))
    assert {r["title"] for r in found} == {HOSTILE_TITLE, "@SUM(1+1) des territoires"}
    return found


# -- CSV -------------------------------------------------------------------------------------


def test_csv_has_the_columns_and_one_row_per_record(records):
    rows = read_csv(render_csv(records))
    assert [row["id"] for row in rows] == [r["id"] for r in records]
    row = by_id(rows)["ac6c467d13a4"]
    assert (
        row["title"] == "Les formes d'innovation publique par le design : un essai de cartographie"
    )
    assert row["authors"] == "Weller Jean-Marc; Pallez Frédérique"
    assert row["source"] == "Sciences du Design, 2017/1 (n° 5), p. 32-51"
    assert (row["year"], row["doc_type"], row["section"]) == (
        "2017",
        "article",
        "Le design de services publics",
    )
    assert row["url"] == "/entry/ac6c467d13a4"
    assert row["provenance"].startswith("2018-10_hors-serie-2_innovation-publique-et-territoires")
    book = by_id(rows)["597227c684bf"]
    assert book["publishers"] == "Département de Loire-Atlantique; La Documentation française"
    assert (book["pages"], book["online"]) == ("142", "non")


def test_csv_neutralises_formulas_and_keeps_quotes_commas_and_newlines(hostile):
    rows = by_id(read_csv(render_csv(hostile, base_url=BASE)))
    titles = {row["title"] for row in rows.values()}
    assert titles == {"'" + HOSTILE_TITLE, "'@SUM(1+1) des territoires"}
    report = next(row for row in rows.values() if row["title"] == "'" + HOSTILE_TITLE)
    assert report["publishers"] == "Conseil & Recherche"
    assert "<script>alert('x')</script>" in report["description"]
    assert "\n\nUn second paragraphe" in report["description"]
    assert report["url"] == f"{BASE}entry/{report['id']}"


@pytest.mark.parametrize(
    ("start", "written"),  # a carriage return is a control character: made a space (issue 16)
    [
        ("=", "'="),
        ("+", "'+"),
        ("-", "'-"),
        ("@", "'@"),
        ("\t", "'\t"),
        ("\r=", "' ="),
        (" +", "' +"),
    ],
)
def test_every_formula_start_is_neutralised(start, written):
    record = {"id": "x", "title": f"{start}1+1", "authors": [f"{start}cmd"], "file": "f", "line": 1}
    row = dict(zip(CSV_COLUMNS, csv_row(record), strict=True))
    assert row["title"] == f"{written}1+1"
    assert row["authors"] == f"{written}cmd"


# -- JSON ------------------------------------------------------------------------------------


def test_json_is_the_records_as_an_array(records):
    data = render_json(records)
    assert "Département de Loire-Atlantique".encode() in data  # accents as UTF-8, not \\u
    assert json.loads(data) == records


# -- BibTeX ----------------------------------------------------------------------------------


def test_bibtex_parses_back_with_titles_authors_years_publishers(records):
    entries = parse_bibtex(render_bibtex(records, base_url=BASE))
    assert len(entries) == len(records)
    assert len({entry["ID"] for entry in entries}) == len(entries)
    for record, entry in zip(records, entries, strict=True):
        assert entry["ENTRYTYPE"] == citation_type(record["doc_type"]).bibtex
        assert unescape(entry["title"]) == record["title"]
        assert entry.get("year") == (str(record["year"]) if record["year"] else None)
        if record["authors"]:
            people = [name.replace("{", "").replace("}", "") for name in names_of(entry["author"])]
            assert [words(p) for p in people] == [words(a) for a in record["authors"]]
        elif record["publishers"]:
            assert names_of(entry["author"]) == record["publishers"]
        field = {"techreport": "institution", "phdthesis": "school"}.get(
            entry["ENTRYTYPE"], "publisher"
        )
        if record["publishers"]:
            assert names_of(entry[field]) == record["publishers"]
        assert entry["url"] == f"{BASE}entry/{record['id']}"


def test_bibtex_entries_from_the_seed(records):
    entries = {e["ID"]: e for e in parse_bibtex(render_bibtex(records))}
    article = entries["weller2017formes"]
    assert (article["ENTRYTYPE"], article["journal"], article["pages"]) == (
        "article",
        "Sciences du Design",
        "32--51",
    )
    assert article["author"] == "Weller, Jean-Marc and Pallez, Frédérique"
    assert "rubrique « Le design de services publics »" in article["note"]
    thesis = entries["ferchaud2018fabriques"]
    assert thesis["ENTRYTYPE"] == "phdthesis"
    assert names_of(thesis["school"]) == ["Espaces et Sociétés (ESO)", "Université Rennes 2"]
    report = entries["fuller2016public"]
    assert report["institution"] == (
        "{Conseil \\& Recherche} and {La 27e Région} "
        "and {Office des publications de l'Union européenne}"
    )
    assert "and {Vidal de la Blache}, Clémence and" in entries["chevre2018innovations"]["author"]
    assert entries["godet2018innovation"]["journal"] == "Population \\& Avenir"


def test_bibtex_escapes_special_characters(hostile):
    data = render_bibtex(hostile)
    entries = parse_bibtex(data)
    report = next(e for e in entries if e["ENTRYTYPE"] == "techreport")
    assert unescape(report["title"]) == HOSTILE_TITLE
    assert (
        r"100 \% utile\_à lire \textbraceleft{}sic\textbraceright{} pour \$5 \#1"
        in report["abstract"]
    )
    assert names_of(report["institution"]) == ["Conseil & Recherche"]


def test_citation_keys_are_stable_and_unique():
    twin = {"title": "Initiation à l'innovation publique", "year": 2018, "authors": []}
    records = [
        {
            **twin,
            "id": "a",
            "publishers": ["Commissariat général à l'égalité des territoires (CGET)"],
        },
        {
            **twin,
            "id": "b",
            "publishers": ["Commissariat général à l'égalité des territoires (CGET)"],
        },
        {**twin, "id": "c", "authors": ["Raphaël Besson"], "publishers": []},
    ]
    assert citation_keys(records) == [
        "cget2018initiationa",
        "cget2018initiationb",
        "besson2018initiation",
    ]
    assert citation_keys(records[2:]) == ["besson2018initiation"]
    lookalike = {**records[0], "id": "d", "title": "Initiationa"}  # its key is a twin's
    keys = citation_keys([lookalike, *records])
    assert keys[0] == "cget2018initiationa" and len(set(keys)) == len(keys)


# -- RIS -------------------------------------------------------------------------------------


def test_ris_parses_back_with_crlf_lines(records):
    data = render_ris(records, base_url=BASE).decode("utf-8")
    assert "\n" not in data.replace("\r\n", "")
    assert data.startswith("TY  - ") and data.endswith("\r\nER  - \r\n\r\n")
    parsed = rispy.loads(data)
    assert len(parsed) == len(records)
    for record, item in zip(records, parsed, strict=True):
        assert item["type_of_reference"] == citation_type(record["doc_type"]).ris
        assert item["title"] == record["title"]
        assert [words(a) for a in item.get("authors", [])] == [words(a) for a in record["authors"]]
        assert item.get("publisher") == ("; ".join(record["publishers"]) or None)
        assert item.get("year") == (str(record["year"]) if record["year"] else None)
        assert record["issue"] in " ".join(item["notes"])
        assert item["urls"] == [f"{BASE}entry/{record['id']}"]


def test_ris_article_has_journal_pages_and_section(records):
    item = next(i for i in rispy.loads(render_ris(records).decode()) if i["id"] == "ac6c467d13a4")
    assert item["authors"] == ["Weller, Jean-Marc", "Pallez, Frédérique"]
    assert (item["journal_name"], item["secondary_title"]) == ("Sciences du Design",) * 2
    assert (item["start_page"], item["end_page"]) == ("32", "51")
    assert item["keywords"] == ["Le design de services publics"]
    assert item["language"] == "fr"


def test_ris_of_hostile_titles_keeps_them_whole(hostile):
    parsed = rispy.loads(render_ris(hostile).decode())
    assert {item["title"] for item in parsed} == {HOSTILE_TITLE, "@SUM(1+1) des territoires"}
    report = next(item for item in parsed if item["title"] == HOSTILE_TITLE)
    assert "\n" not in report["abstract"] and "Un second paragraphe" in report["abstract"]


# -- CSL-JSON --------------------------------------------------------------------------------


def test_csljson_validates_against_the_csl_schema(records, hostile):
    schema = json.loads(CSL_SCHEMA.read_text("utf-8"))
    items = json.loads(render_csljson(records + hostile, base_url=BASE))
    jsonschema.Draft7Validator(schema).validate(items)
    for record, item in zip(records, items, strict=False):
        assert (item["id"], item["title"]) == (record["id"], record["title"])
        assert item["type"] == citation_type(record["doc_type"]).csl
        if record["year"]:
            assert item["issued"]["date-parts"][0][0] == record["year"]
        if record["authors"]:
            names = [
                f"{n.get('given', '')} {n.get('family', n.get('literal', ''))}"
                for n in item["author"]
            ]
            assert [words(n) for n in names] == [words(a) for a in record["authors"]]
        elif record["publishers"]:
            assert item["author"] == [{"literal": p} for p in record["publishers"]]
        assert item.get("publisher") == ("; ".join(record["publishers"]) or None)


def test_csljson_article_and_book_from_the_seed(records):
    items = by_id(json.loads(render_csljson(records)))
    article = items["ac6c467d13a4"]
    assert article["author"][0] == {"family": "Weller", "given": "Jean-Marc"}
    assert (article["container-title"], article["page"]) == ("Sciences du Design", "32-51")
    book = items["597227c684bf"]
    assert (book["type"], book["number-of-pages"]) == ("book", 142)
    assert book["issued"] == {"date-parts": [[2018, 5]]}
    assert items["cf27bc8153b6"]["author"][1] == {"family": "PACHOD", "given": "Bénédicte"}


# -- specs, file names, whole result lists ---------------------------------------------------


def test_formats_are_specs_with_mime_extension_and_renderer(records):
    assert set(EXPORT_FORMATS) == {"csv", "json", "bibtex", "ris", "csljson"}
    assert EXPORT_FORMATS["bibtex"].mime.startswith("application/x-bibtex")
    assert EXPORT_FORMATS["ris"].mime.startswith("application/x-research-info-systems")
    assert EXPORT_FORMATS["csljson"].mime.startswith("application/vnd.citationstyles.csl+json")
    for spec in EXPORT_FORMATS.values():
        assert isinstance(spec.render(records[:2], base_url=BASE), bytes)


def test_filename_is_safe_ascii():
    assert filename("Innovation publique : « territoires »", "bibtex") == (
        "innovation-publique-territoires.bib"
    )
    assert filename("../../etc/passwd", "csv") == "etc-passwd.csv"
    assert filename("", "csljson") == "veille.csl.json"


def test_hit_records_are_the_whole_result_list_as_full_records(service, records):
    request = request_from_pairs([("q", "")])
    found = list(service.hit_records(request.with_changes(per_page=10, page=3)))
    assert len(found) == len(records) == service.search(request).total
    one_page = service.search(request.with_changes(per_page=100))
    assert [r["id"] for r in found] == [hit.id for hit in one_page.hits]
    stored = by_id(found)
    for record in records:  # every field extraction gave (the index adds when it was added)
        assert {key: stored[record["id"]][key] for key in record} == record


def test_hit_records_of_a_filtered_query(service):
    request = request_from_pairs([("q", "innovation"), ("type", "article")])
    found = service.hit_records(request)
    assert len(found) == service.search(request).total > 0
    assert {r["doc_type"] for r in found} == {"article"}
