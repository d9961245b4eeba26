"""Fields that remember their values' postings give Whoosh's own postings, every time."""

from __future__ import annotations

import pickle

import pytest
from whoosh.fields import FieldType

from indexer import repeated
from indexer.repeated import RepeatedValues
from indexer.schema import build_schema

SCHEMA = build_schema()
REPEATED = [name for name in SCHEMA.names() if isinstance(SCHEMA[name], RepeatedValues)]


def test_the_fields_whose_values_recur_remember_them():
    assert {"file", "section", "doc_type", "issue", "publisher", "publishers"} <= set(REPEATED)
    assert not {"id", "title", "description", "source"} & set(REPEATED)  # mostly unique values


@pytest.mark.parametrize("name", REPEATED)
def test_remembered_postings_are_whoosh_postings(name, seed_entries):
    field = build_schema()[name]
    values = {str(value) for e in seed_entries for value in e.to_dict().values() if value}
    for value in sorted(values):
        expected = list(FieldType.index(field, value))
        assert list(field.index(value)) == expected
        assert list(field.index(value)) == expected  # from memory


def test_memory_is_bounded_and_left_out_of_the_pickled_schema(monkeypatch):
    monkeypatch.setattr(repeated, "MAX_VALUES", 3)
    field = build_schema()["section"]
    for value in ["a", "b", "c", "d"]:
        field.index(value)
    assert len(field.__dict__["_postings"]) <= 3
    assert "_postings" not in pickle.loads(pickle.dumps(field)).__dict__
    assert list(field.index("e")) == [(b"e", 1, 1.0, b"")]
