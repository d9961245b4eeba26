"""The entry page: every field, provenance, permalink, similar entries, citation, meta tags."""

from __future__ import annotations

import pytest

from indexer.build.builder import build_index
from search_ui.engine.facets import docnums
from search_ui.engine.order import exhaustive_top
from search_ui.engine.search import SearchService
from search_ui.engine.similar import similarity

from .html import soup


@pytest.fixture(scope="module")
def record(app) -> dict:
    """Return the record of the seed's "L'innovation publique en débat"."""
    with app.test_client() as client:
        hit = client.get("/api/search?q=title:débat").json["hits"][0]
        return client.get(f"/api/entries/{hit['id']}").json


def test_entry_shows_every_field_and_its_provenance(client, record):
    page = soup(client.get(f"/entry/{record['id']}"))
    assert page.h1.get_text() == record["title"]
    text = page.get_text(" ", strip=True)
    for value in (record["source"], record["date_text"], record["issue"], record["file"]):
        assert value in text
    provenance = page.find(id="provenance-titre").find_parent("section")
    assert str(record["line"]) in provenance.get_text()
    assert record["section"] in provenance.get_text()
    assert "Description" in text and record["description"][:40] in text


def test_entry_has_a_permalink_and_a_citation(client, record):
    page = soup(client.get(f"/entry/{record['id']}"))
    permalink = f"http://localhost/entry/{record['id']}"
    assert page.find("link", rel="canonical")["href"] == permalink
    assert page.find("a", rel="bookmark")["href"] == permalink
    citation = page.find(id="citation").get_text()
    assert citation.startswith("L'innovation publique en débat. Horizons publics, septembre 2018.")
    assert permalink in citation


def test_entry_lists_similar_documents(client, record):
    page = soup(client.get(f"/entry/{record['id']}"))
    similar = page.select(".similar li")
    assert 1 <= len(similar) <= 5
    assert all(li["data-id"] != record["id"] for li in similar)
    assert all(li.a["href"].startswith("/entry/") for li in similar)


def test_entry_carries_highwire_meta_tags_for_zotero(client, record):
    page = soup(client.get(f"/entry/{record['id']}"))
    meta = {tag["name"]: tag["content"] for tag in page.find_all("meta", attrs={"name": True})}
    assert meta["citation_title"] == record["title"]
    assert meta["citation_journal_title"] == record["source"]
    assert meta["citation_publication_date"] == "2018"
    assert meta["citation_language"] == "fr"
    assert "citation_pdf_url" not in meta


def test_authors_and_publishers_become_meta_tags(client):
    hits = client.get("/api/search?q=auteur:Oural").json["hits"]
    page = soup(client.get(hits[0]["url"]))
    authors = [t["content"] for t in page.find_all("meta", attrs={"name": "citation_author"})]
    publishers = [t["content"] for t in page.find_all("meta", attrs={"name": "citation_publisher"})]
    assert authors == hits[0]["authors"]
    assert publishers == hits[0]["publishers"]


def test_back_link_returns_to_the_results_the_reader_came_from(client, record):
    referrer = "http://localhost/search?q=d%C3%A9bat&page=1"
    page = soup(client.get(f"/entry/{record['id']}", headers={"Referer": referrer}))
    assert page.find("a", string="← Retour aux résultats")["href"] == "/search?q=d%C3%A9bat&page=1"
    elsewhere = soup(
        client.get(f"/entry/{record['id']}", headers={"Referer": "http://evil/search"})
    )
    assert not elsewhere.find("a", string="← Retour aux résultats")


def test_unknown_entry_is_a_french_404(client):
    response = client.get("/entry/000000000000")
    assert response.status_code == 404
    assert "000000000000" in soup(response).select_one(".error-message").get_text()


def titled(records, start: str) -> dict:
    return next(r for r in records if r["title"].startswith(start))


def similar_titles(service, record) -> list[str]:
    return [r["title"] for r in service.similar(record["id"])]


def test_an_entry_without_description_has_a_page_and_documents_near_its_title(
    client, records, service
):
    bare = [r for r in records if not r["description"].strip()]
    assert bare, "the seed has entries without a description (links, lab lists)"
    for record in bare:
        assert client.get(f"/entry/{record['id']}").status_code == 200
    # Two labs the seed lists by name alone.
    assert "Le Lab' de France Stratégie" in similar_titles(
        service, titled(bare, "Le LAB Pôle Emploi")
    )


def test_the_regional_labs_are_each_others_documents_proches(service, records):
    brittany = titled(records, "TiLab. Le Laboratoire régional d'innovation publique")
    provence = titled(records, "Le Laboratoire d'innovation publique - Région Provence")
    assert provence["title"] in similar_titles(service, brittany)
    assert brittany["title"] in similar_titles(service, provence)


def test_similar_documents_rank_as_whoosh_does(service, records):
    """« Documents proches » is the weighted OR of the entry's key terms and its section,
    ranked by the vectorised BM25F: the same five entries, in the same order, as Whoosh's
    matchers."""
    generation, searcher = service.live()
    compared = 0
    for record in records:
        q, others = similarity(generation, searcher, generation.derived.document(record["id"]))
        best = exhaustive_top(searcher, q, others, 0, 5)
        expected = [searcher.stored_fields(docnum)["id"] for _, docnum in best]
        found = [r["id"] for r in service.similar(record["id"])]
        assert found == expected and record["id"] not in found
        compared += bool(found)
    assert compared > 70


SECTIONED_ISSUE = """Veille & territoires

EN QUELQUES CLICS

Hors-Série #9
décembre 2018

Mobilités & Tiers-lieux

Sommaire :

- Mobilités
- Tiers-lieux

""" + "".join(
    f"{section}\n\n"
    + "".join(
        f"► {title}.\n\nConseil & Recherche, décembre 2018. 12 p.\n\n{text}.\n\n"
        for title, text in entries
    )
    for section, entries in [
        (
            "Mobilités",
            [
                # One word of the coworkings, in as long a text as the cafés (and listed
                # first: a tie on the words would put it first).
                ("Covoiturage des actifs", "Trajets quotidiens du domicile au travail"),
                ("Transport à la demande", "Navettes de bourg à bourg"),
                ("Autopartage", "Voitures en libre-service"),
            ],
        ),
        (
            "Tiers-lieux",
            [
                ("Annuaire des coworkings", "Espaces partagés de travail à la campagne"),
                ("Cafés associatifs", "Convivialité et lieux de travail villageois"),
                ("Les fabriques de territoire", "Un réseau d'ateliers ruraux"),
            ],
        ),
    ]
)


def test_documents_proches_of_the_same_section_come_first(tmp_path):
    """Two entries share as many words with a tiers-lieu: the one filed in « Tiers-lieux »
    comes first, the newsletter's sections being its themes."""
    (tmp_path / "issue.txt").write_text(SECTIONED_ISSUE, encoding="utf-8")
    build_index([tmp_path / "issue.txt"], tmp_path / "index")
    service = SearchService(tmp_path / "index")
    entries = service.all_records()
    assert {r["section"] for r in entries} == {"Tiers-lieux", "Mobilités"}
    listed = similar_titles(service, titled(entries, "Annuaire des coworkings"))
    assert listed.index("Cafés associatifs") < listed.index("Covoiturage des actifs")


def test_documents_proches_list_no_copy_of_the_entry_nor_any_copy_twice(two_issues_index_dir):
    """The second issue lists again the seed's first section: each of those entries has a
    copy, with the same key terms, that would come first."""
    service = SearchService(two_issues_index_dir)
    generation, searcher = service.live()
    copies = generation.duplicates

    def group(entry_id: str) -> frozenset[str]:
        members = copies.members(1 << generation.derived.document(entry_id))
        return frozenset(searcher.stored_fields(d)["id"] for d in docnums(members))

    copied = [r["id"] for r in service.all_records() if len(group(r["id"])) > 1]
    assert len(copied) >= 10
    for entry_id in copied:
        listed = [group(r["id"]) for r in service.similar(entry_id)]
        assert listed and group(entry_id) not in listed
        assert len(set(listed)) == len(listed)
