"""A word naming a document type finds the entries of that type (the `type_words` field)."""

from __future__ import annotations

from dataclasses import replace

from whoosh import fields

from analyzers import fold, french_analyzer
from indexer.build.documents import entry_document
from indexer.extraction.corpus import extract_paths
from indexer.extraction.doctypes import UNKNOWN
from indexer.schema import TEXT_FIELDS
from search_ui.engine.querying import parse


def _whole(result) -> set[str]:
    return {hit.id for hit in result.hits if not (hit.partial or hit.related)}


def _text(record) -> str:
    return fold(" ".join((record["title"], record["description"], record["source"])))


def test_a_type_name_finds_the_entries_of_that_type(search, records):
    q, doc_type = "événements", "événement"
    of_type = {r["id"] for r in records if r["doc_type"] == doc_type}
    unsaid = {r["id"] for r in records if r["id"] in of_type and fold(doc_type) not in _text(r)}
    assert unsaid  # entries whose own texts never name their type
    assert of_type <= _whole(search(q, per_page=100))


def test_a_type_name_narrows_a_topic_to_that_type(search, records):
    events = {r["id"] for r in records if r["doc_type"] == "événement"}
    result = search("evenements innovation publique", per_page=100)  # typed without accents
    assert not result.relaxed
    found = _whole(result)
    assert found and found <= events | {
        r["id"] for r in records if "evenement" in _text(r)
    }  # an entry that says « événement » is found too
    semaine = next(r["id"] for r in records if r["title"].startswith("Semaine de l'innovation"))
    assert semaine in found


def test_entries_of_no_known_type_have_no_type_words(service, records):
    _, searcher = service.live()
    reader = searcher.reader()
    holding = {
        searcher.stored_fields(docnum)["record"]["id"]
        for term in reader.field_terms("type_words")
        for docnum in reader.postings("type_words", term).all_ids()
    }
    assert holding == {r["id"] for r in records if r["doc_type"] != UNKNOWN}


def test_an_entry_of_no_known_type_gets_no_type_words(seeds_dir):
    entry = extract_paths([seeds_dir]).entries[0]
    assert entry_document(entry, 0)["type_words"] == entry.doc_type.replace(" ", "") != UNKNOWN
    assert entry_document(replace(entry, doc_type=UNKNOWN), 0)["type_words"] == ""


def test_an_index_written_before_type_words_is_searched_without_them():
    french = french_analyzer()
    older = fields.Schema(
        **{name: fields.TEXT(analyzer=french) for name in TEXT_FIELDS if name != "type_words"}
    )
    parsed = parse("rapport innovation", older)
    assert parsed.strict.all_terms() and all(
        name != "type_words" for name, _ in parsed.strict.all_terms()
    )


def test_type_names_are_indexed_whole_unstemmed_and_singular(service, records):
    _, searcher = service.live()
    terms = set(searcher.reader().field_terms("type_words"))
    expected = {fold(r["doc_type"]).replace(" ", "").removesuffix("s") for r in records}
    assert terms == expected - {UNKNOWN}
    assert "appelaprojet" in terms  # « projets » in a query does not reach every call


def test_stop_words_stay_out_of_every_field(search):
    with_stop_words = search("l'usager au cœur des services publics", per_page=100)
    assert with_stop_words.total == search("usager cœur services publics").total > 0


def test_no_partial_match_holds_only_the_type(search):
    result = search("rapport innovation publique", per_page=100)
    partial = [hit for hit in result.hits if hit.partial]
    assert partial and result.total
    assert all(set(hit.missing) != {"innovation", "publique"} for hit in partial)
