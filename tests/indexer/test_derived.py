"""The arrays a build writes beside the index are what Whoosh itself says about the index."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest
from whoosh import index as whoosh_index
from whoosh.util.numeric import byte_to_length

from indexer.build import derived
from indexer.build.generations import current_generation
from indexer.schema import FACET_FIELDS
from indexer.whoosh_internals.columns import column_values, length_codes
from search_ui.engine.criteria import request_from_pairs
from search_ui.engine.search import SearchService
from tests.ordering import catalogue_key
from tests.search_ui.issues import NOVEMBER_INDEXED, OCTOBER_INDEXED, build_at


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory: pytest.TempPathFactory, seed_path: Path, seed_text: str) -> Path:
    """Index the seed, then a renamed copy of it, then delete the seed: copies and deletions."""
    folder = tmp_path_factory.mktemp("derived")
    issues, root = folder / "issues", folder / "index"
    issues.mkdir()
    (issues / seed_path.name).write_text(seed_text, encoding="utf-8")
    with pytest.MonkeyPatch.context() as monkeypatch:  # three builds, three moments
        build_at([issues], root, OCTOBER_INDEXED, monkeypatch)
        (issues / "2018-11_copie.txt").write_text(seed_text, encoding="utf-8")
        build_at([issues], root, NOVEMBER_INDEXED, monkeypatch)
        (issues / seed_path.name).write_text(
            seed_text.replace("Hors-Série #2", "Hors-Série #9"), "utf-8"
        )
        # the changed file's old entries are deleted, not merged away
        build_at([issues], root, NOVEMBER_INDEXED + 86400, monkeypatch)
    return root


def _reader(root: Path):
    return whoosh_index.open_dir(str(current_generation(root))).reader()


def test_the_build_writes_what_opening_the_index_would_compute(two_builds):
    generation = current_generation(two_builds)
    with _reader(two_builds) as reader:
        assert reader.has_deletions()  # the case where live ids and postings differ
        fresh = derived.compute(reader)
        saved = derived.load(generation, reader.doc_count_all())
    assert saved is not None
    np.testing.assert_array_equal(saved.live, fresh.live)
    assert saved.facets.keys() == fresh.facets.keys() == FACET_FIELDS.keys()
    for facet, values in fresh.facets.items():
        assert saved.facets[facet].keys() == values.keys()
        for value, ids in values.items():
            np.testing.assert_array_equal(saved.facets[facet][value], ids)
    for got, expected in zip(saved.groups, fresh.groups, strict=True):
        np.testing.assert_array_equal(got, expected)
    for name in derived.ORDERS:
        np.testing.assert_array_equal(saved.orders[name], fresh.orders[name])
    assert saved.lengths.keys() == fresh.lengths.keys()
    for got, expected in zip(saved.ids, fresh.ids, strict=True):
        np.testing.assert_array_equal(got, expected)


def test_facets_hold_the_live_documents_whoosh_finds_for_each_value(two_builds):
    with _reader(two_builds) as reader:
        computed = derived.compute(reader)
        live = set(reader.all_doc_ids())
        assert set(computed.live.tolist()) == live
        for facet, fieldname in FACET_FIELDS.items():
            field = reader.schema[fieldname]
            expected = {}  # every term's live documents, as Whoosh's postings give them
            for term in reader.lexicon(fieldname):
                value = str(field.from_bytes(term))
                docs = sorted(set(reader.postings(fieldname, term).all_ids()) & live)
                if value not in ("", "0") and docs:
                    expected[value] = docs
            assert {v: ids.tolist() for v, ids in computed.facets[facet].items()} == expected
            assert len(expected) > 1 or facet in ("kind", "language"), facet


def test_groups_join_the_live_copies_of_a_document(two_builds):
    with _reader(two_builds) as reader:
        ids, ends = derived.compute(reader).groups
        keys = list(reader.column_reader("dup_key"))
        live = set(reader.all_doc_ids())
    groups = np.split(ids, ends[:-1])
    assert groups, "the copy of the seed makes groups"
    for group in groups:
        assert len(group) > 1 and set(group.tolist()) <= live
        assert len({keys[d] for d in group}) == 1
        assert group.tolist() == sorted(group.tolist())


def test_whole_columns_equal_whoosh_value_by_value(two_builds):
    with _reader(two_builds) as reader:
        for fieldname in ("year", "title_sort", "dup_key", "section", "doc_type"):
            assert column_values(reader, fieldname) == list(reader.column_reader(fieldname))
        for fieldname in ("title", "description", "authors"):
            codes = length_codes(reader, fieldname)
            for docnum in reader.all_doc_ids():
                expected = reader.doc_field_length(docnum, fieldname) or 0
                assert byte_to_length(int(codes[docnum])) == expected, (fieldname, docnum)


@pytest.mark.parametrize("damage", ["missing", "garbage", "another index"])
def test_without_a_usable_file_the_service_computes_the_same_results(two_builds, tmp_path, damage):
    copy = tmp_path / "index"
    shutil.copytree(two_builds, copy)
    saved = current_generation(copy) / derived.DERIVED
    if damage == "missing":
        saved.unlink()
    elif damage == "garbage":
        saved.write_bytes(b"PK\x03\x04 not a zip")
    else:
        with _reader(two_builds) as reader:
            computed = derived.compute(reader)
        computed.size += 1
        derived.save(computed, saved.parent)
    requests = [
        request_from_pairs(pairs)
        for pairs in (
            [("q", "innovation")],
            [("q", "")],
            [("sort", "title")],
            [("q", "design"), ("type", "article")],
        )
    ]
    expected, damaged = SearchService(two_builds), SearchService(copy)
    for request in requests:
        a, b = expected.search(request).to_api(), damaged.search(request).to_api()
        a.pop("took_ms"), b.pop("took_ms")
        assert a == b


def test_sort_and_group_keys_are_columns_without_postings(two_builds):
    with _reader(two_builds) as reader:
        live = list(reader.all_doc_ids())
        titles = {docnum: reader.stored_fields(docnum)["record"]["title"] for docnum in live}
        column = column_values(reader, "title_sort")
        in_order = sorted(live, key=column.__getitem__)
        assert [catalogue_key(titles[d]) for d in in_order] == sorted(
            map(catalogue_key, titles.values())
        )
        indexed = {fieldname for fieldname, _ in reader.all_terms()}
        assert not {"title_sort", "dup_key"} & indexed  # no term: no posting list per document


def test_entries_are_found_by_id_among_the_live_documents_only(two_builds):
    with _reader(two_builds) as reader:
        found = derived.compute(reader)
        live = set(reader.all_doc_ids())
        everyone = range(reader.doc_count_all())
        stored = {docnum: reader.stored_fields(docnum)["id"] for docnum in everyone}
    for docnum in live:
        assert found.document(stored[docnum]) == docnum
    deleted = [docnum for docnum in stored if docnum not in live]
    assert deleted, "the changed file's old entries are deleted"
    for docnum in deleted:  # their ids live on in the copy, under other documents
        assert found.document(stored[docnum]) in live
    assert found.document("") is found.document("zzzzzzzzzzzz") is found.document("é") is None


def test_sort_orders_follow_year_title_document_order_and_the_feed_the_additions(two_builds):
    with _reader(two_builds) as reader:
        computed = derived.compute(reader)
        records = {d: reader.stored_fields(d)["record"] for d in reader.all_doc_ids()}
    keys = {d: (r["year"] or 0, catalogue_key(r["title"]), d) for d, r in records.items()}
    assert len({tuple(title) for _, title, _ in keys.values()}) < len(keys)  # copies
    added = {d: (-r["added"], r["file"], r["line"]) for d, r in records.items()}
    assert len({key[0] for key in added.values()}) == 2  # the copy, and the changed seed
    expected = {
        "title": sorted(keys, key=lambda d: keys[d][1:]),
        "-date": sorted(keys, key=lambda d: (-keys[d][0], *keys[d][1:])),
        "date": sorted(keys, key=lambda d: (keys[d][0] == 0, *keys[d])),
        "-added": sorted(added, key=added.__getitem__),
    }
    assert {name: order.tolist() for name, order in computed.orders.items()} == expected
