"""Each entry is tagged once at build: its record, the facet field and the explicit field."""

from __future__ import annotations

from indexer.build.documents import entry_document
from indexer.extraction.entry import Entry
from indexer.facet_specs import VALUE_SEPARATOR, facet
from indexer.schema import EXPLICIT_TERRITORY_FIELD, build_schema
from indexer.territories import default_gazetteer

from .test_territories_seed import SEED


def test_every_seed_document_holds_the_territories_of_the_hand_table(seed_entries: list[Entry]):
    closure = default_gazetteer().closure
    for entry in seed_entries:
        _, named, published = SEED[entry.id]
        document = entry_document(entry, added=0)
        record = document["record"]
        assert set(record["territories"]) == closure(named | published), entry.id
        assert set(record["territories_named"]) == named | published, entry.id
        field = facet("territory").field
        assert set(filter(None, document[field].split(VALUE_SEPARATOR))) == closure(
            named | published
        )
        assert set(filter(None, document[EXPLICIT_TERRITORY_FIELD].split(VALUE_SEPARATOR))) == (
            named | published
        )


def test_codes_are_listed_broadest_first() -> None:
    record = entry_document(Entry("Faire la ville", description="Rennes doit relever"), 0)["record"]
    assert record["territories"] == ["reg-53", "dep-35", "epci-243500139", "com-35238"]
    assert record["territories_named"] == ["com-35238"]


def test_the_schema_has_the_territory_fields() -> None:
    schema = build_schema()
    assert "territory" in schema.names() and EXPLICIT_TERRITORY_FIELD in schema.names()
    assert not schema[EXPLICIT_TERRITORY_FIELD].scorable  # scored by its weight, boosted
