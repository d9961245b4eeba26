"""The text fields' postings are exactly those Whoosh's own Positions format gives."""

from __future__ import annotations

import copy
import pickle

import pytest
from whoosh.fields import FieldType
from whoosh.formats import Positions

from indexer.formats import CachedPositions
from indexer.schema import TEXT_FIELDS, TYPE_WORDS_FIELD, build_schema

FRENCH_FIELDS = [name for name in TEXT_FIELDS if name != TYPE_WORDS_FIELD]  # one word each
HARD_VALUES = [
    "",
    "   ",
    "Les tiers-lieux et l'innovation : l'État, les collectivités et le 27e Région",
    "fab lab, FabLab, fablab ; smart city et villes intelligentes",
    "de la des du le la les",  # stop words only
    "Études études etudes ÉTUDES — données ouvertes / open data (2018)",
    "co-construction coconstruction co construction « guillemets » et œuvres",
    "innovation innovation innovation publique innovation",
    "la 39^e\u00a0rencontre,\tle 1er\njuin ; 27° … (l’État)"
    "\u2003l'État\u202fet  les\u3000tiers-lieux,",  # spaces of every kind between words
]


def _reference(field, value: str) -> list:
    """Index a value with a plain Positions format of the same boost, and Whoosh's index()."""
    plain = copy.copy(field)
    plain.format = Positions(field_boost=field.format.field_boost)
    return list(FieldType.index(plain, value))  # not a remembered answer (indexer.repeated)


@pytest.mark.parametrize("fieldname", FRENCH_FIELDS)
def test_postings_equal_whoosh_positions(fieldname, seed_entries):
    field = build_schema()[fieldname]
    assert isinstance(field.format, CachedPositions)
    values = [
        *HARD_VALUES,
        *(e.title for e in seed_entries),
        *(e.description for e in seed_entries),
    ]
    values += ["; ".join(e.authors + e.publishers) for e in seed_entries]
    values += [e.section for e in seed_entries] + [e.issue for e in seed_entries]
    for value in values:
        for _ in range(2):  # the second time from the caches
            assert list(field.index(value)) == _reference(field, value), value


def test_the_format_survives_the_schema_pickle():
    schema = build_schema()
    again = pickle.loads(pickle.dumps(schema))
    for name in FRENCH_FIELDS:
        assert type(again[name].format) is CachedPositions
        assert again[name].format == schema[name].format
    assert list(again["title"].index(HARD_VALUES[2])) == list(schema["title"].index(HARD_VALUES[2]))
