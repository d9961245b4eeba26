"""Exports through the routes: whole result lists and single entries, read back by real parsers."""

from __future__ import annotations

import json
from urllib.parse import parse_qsl, urlsplit

import jsonschema
import pytest
import rispy

from search_ui.rendering.bibliographic import citation_type
from search_ui.rendering.exports import EXPORT_FORMATS
from search_ui.web.app import create_app

from .bibliography import (
    CSL_SCHEMA,
    HOSTILE_TITLE,
    by_id,
    names_of,
    parse_bibtex,
    read_csv,
    unescape,
    words,
)
from .html import soup

BASE = "http://localhost/"
MIMES = {
    "csv": "text/csv",
    "json": "application/json",
    "bibtex": "application/x-bibtex",
    "ris": "application/x-research-info-systems",
    "csljson": "application/vnd.citationstyles.csl+json",
}
EXTENSIONS = {"csv": "csv", "json": "json", "bibtex": "bib", "ris": "ris", "csljson": "csl.json"}


def download(client, url: str):
    """GET an export and check that it comes as an attachment; return the response."""
    response = client.get(url)
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    assert response.headers["Content-Disposition"].startswith('attachment; filename="')
    return response


def attachment_name(response) -> str:
    """Return the file name a browser would save an export under."""
    return response.headers["Content-Disposition"].split('filename="', 1)[1].rstrip('"')


@pytest.mark.parametrize("fmt", list(EXPORT_FORMATS))
def test_every_format_has_its_mime_type_and_a_named_attachment(client, fmt):
    response = download(client, f"/export/{fmt}?q=innovation+publique&type=rapport")
    assert response.mimetype == MIMES[fmt]
    assert response.mimetype_params["charset"] == "utf-8"
    assert attachment_name(response) == f"veille-innovation-publique-rapport.{EXTENSIONS[fmt]}"
    one = download(client, f"/entry/ac6c467d13a4/export/{fmt}")
    assert one.mimetype == MIMES[fmt]
    assert attachment_name(one) == f"veille-weller2017formes.{EXTENSIONS[fmt]}"


def test_file_names_follow_the_search(client):
    names = {
        "/export/csv": "veille.csv",
        "/export/csv?q=Élus+%26+territoires": "veille-elus-territoires.csv",
        "/export/ris?from=2016&to=2017": "veille-2016-2017.ris",
        "/export/bibtex?q=../../etc/passwd": "veille-etc-passwd.bib",
    }
    for url, name in names.items():
        assert attachment_name(download(client, url)) == name


def test_whole_corpus_json_export_is_every_record_with_its_added_date(client, records):
    exported = json.loads(download(client, "/export/json").data)
    assert len(exported) == len(records) == 77  # every entry, not a page of 20
    indexed = by_id(exported)
    for record in records:
        assert {k: indexed[record["id"]][k] for k in record} == record
        assert isinstance(indexed[record["id"]]["added"], int)


def test_bibtex_route_parses_back_with_titles_authors_years_publishers(client, records):
    entries = parse_bibtex(download(client, "/export/bibtex").data)
    expected = by_id(records)
    assert len(entries) == len(records)
    for entry in entries:
        record = expected[entry["url"].rsplit("/", 1)[1]]
        assert entry["url"] == f"{BASE}entry/{record['id']}"
        assert unescape(entry["title"]) == record["title"]
        assert entry.get("year") == (str(record["year"]) if record["year"] else None)
        if record["authors"]:
            people = [n.replace("{", "").replace("}", "") for n in names_of(entry["author"])]
            assert [words(p) for p in people] == [words(a) for a in record["authors"]]
        field = {"techreport": "institution", "phdthesis": "school"}.get(
            entry["ENTRYTYPE"], "publisher"
        )
        if record["publishers"]:
            assert names_of(entry[field]) == record["publishers"]
    accented = {unescape(e["title"]) for e in entries}
    assert "Étude sur l'innovation dans les quartiers de la politique de la ville" in accented


def test_ris_route_parses_back(client, records):
    items = rispy.loads(download(client, "/export/ris?q=design").data.decode("utf-8"))
    expected = by_id(records)
    found = client.get("/api/search?q=design&per_page=100").json
    assert [item["id"] for item in items] == [h["id"] for h in found["hits"] if not h["related"]]
    for item in items:
        record = expected[item["id"]]
        assert item["type_of_reference"] == citation_type(record["doc_type"]).ris
        assert item["title"] == record["title"]
        assert [words(a) for a in item.get("authors", [])] == [words(a) for a in record["authors"]]
        assert item.get("publisher") == ("; ".join(record["publishers"]) or None)
        assert item.get("year") == (str(record["year"]) if record["year"] else None)


def test_csljson_route_validates_against_the_csl_schema(client, records):
    schema = json.loads(CSL_SCHEMA.read_text("utf-8"))
    items = json.loads(
        download(client, "/export/csljson?section=Agenda&section=Les+lieux+de+l'innovation").data
    )
    jsonschema.Draft7Validator(schema).validate(items)
    wanted = [r for r in records if r["section"] in ("Agenda", "Les lieux de l'innovation")]
    assert {item["id"] for item in items} == {r["id"] for r in wanted}
    expected = by_id(records)
    for item in items:
        record = expected[item["id"]]
        assert item["title"] == record["title"]
        assert item.get("publisher") == ("; ".join(record["publishers"]) or None)
        if record["year"]:
            assert item["issued"]["date-parts"][0][0] == record["year"]


def test_csv_route_has_the_columns_the_added_date_and_accents(client, records):
    rows = read_csv(download(client, "/export/csv?publisher=Nesta&publisher=La+27e+Région").data)
    wanted = [r for r in records if {"Nesta", "La 27e Région"} & set(r["publishers"])]
    assert {row["id"] for row in rows} == {r["id"] for r in wanted}
    for row in rows:
        assert len(row["added"]) == 10 and row["added"][4] == "-"  # ISO date
        assert row["url"] == f"{BASE}entry/{row['id']}"
    assert any("Région" in row["publishers"] for row in rows)


def test_a_hostile_title_survives_the_csv_route(hostile_index_dir):
    client = create_app({"TESTING": True, "INDEX_DIR": str(hostile_index_dir)}).test_client()
    rows = read_csv(download(client, "/export/csv").data)
    assert {row["title"] for row in rows} == {"'" + HOSTILE_TITLE, "'@SUM(1+1) des territoires"}
    hostile = parse_bibtex(download(client, "/export/bibtex").data)
    assert HOSTILE_TITLE in {unescape(entry["title"]) for entry in hostile}


def test_one_entry_exports_that_entry_only(client, records):
    record = by_id(records)["ac6c467d13a4"]
    (item,) = rispy.loads(download(client, "/entry/ac6c467d13a4/export/ris").data.decode())
    assert (item["title"], item["year"]) == (record["title"], "2017")
    assert item["authors"] == ["Weller, Jean-Marc", "Pallez, Frédérique"]
    (entry,) = parse_bibtex(download(client, "/entry/ac6c467d13a4/export/bibtex").data)
    assert entry["ID"] == "weller2017formes"
    (row,) = read_csv(download(client, "/entry/ac6c467d13a4/export/csv").data)
    assert row["title"] == record["title"] and row["added"]


def test_unknown_format_is_404_bad_parameters_400_unknown_entry_404(client):
    for url in ("/export/docx", "/export/docx?q=innovation", "/entry/ac6c467d13a4/export/pdf"):
        response = client.get(url)
        assert response.status_code == 404
        assert "docx" in response.get_data(as_text=True) or "pdf" in response.get_data(as_text=True)
    for url in ("/export/csv?page=abc", "/export/bibtex?from=1700", "/export/ris?year=18"):
        response = client.get(url)
        assert response.status_code == 400
        assert soup(response).h1.get_text() == "Paramètre invalide"
    missing = client.get("/entry/000000000000/export/ris")
    assert missing.status_code == 404
    assert "000000000000" in soup(missing).select_one(".error-message").get_text()


def test_search_page_offers_every_format_with_the_current_search(client):
    page = soup(client.get("/search?q=innovation&type=rapport&sort=-date&page=2&per_page=5"))
    links = page.select(".export-menu a[data-format]")
    assert [a["data-format"] for a in links] == list(EXPORT_FORMATS)
    for link in links:
        url = urlsplit(link["href"])
        assert url.path == f"/export/{link['data-format']}"
        # the whole list: the search's own parameters, without its page
        assert parse_qsl(url.query) == [("q", "innovation"), ("type", "rapport"), ("sort", "-date")]
        assert client.get(link["href"]).status_code == 200
    assert "Exporter" in page.select_one(".export-menu summary").get_text()


def test_exported_list_is_the_whole_result_list(client):
    total = client.get("/api/search?q=innovation").json["total"]
    exported = json.loads(client.get("/export/json?q=innovation").data)
    assert len(exported) == total > 20


def test_entry_page_offers_every_format(client):
    page = soup(client.get("/entry/ac6c467d13a4"))
    links = page.select(".export-list a[data-format]")
    assert [a["href"] for a in links] == [
        f"/entry/ac6c467d13a4/export/{name}" for name in EXPORT_FORMATS
    ]
    for link in links:
        assert client.get(link["href"]).status_code == 200


def test_no_result_search_has_no_export_menu_but_exports_an_empty_list(client):
    page = soup(client.get("/search?from=2030"))
    assert not page.select(".export-menu")
    assert json.loads(client.get("/export/json?from=2030").data) == []
