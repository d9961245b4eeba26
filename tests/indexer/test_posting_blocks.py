"""Postings written a term at a time are the bytes Whoosh's own FieldWriter writes."""

from __future__ import annotations

import random
import shutil
from itertools import groupby
from operator import itemgetter
from pathlib import Path

import pytest
from whoosh import fields
from whoosh.codec.whoosh3 import W3Codec
from whoosh.filedb.filestore import FileStorage
from whoosh.formats import Positions
from whoosh.writing import SegmentWriter

from indexer.build.documents import duplicate_keys, entry_document
from indexer.schema import build_schema
from indexer.whoosh_internals import segment_writer
from indexer.whoosh_internals.posting_blocks import add_postings
from indexer.whoosh_internals.segment_writer import FastSegmentWriter
from indexer.whoosh_internals.term_pool import TermPool
from tests.indexer.index_dump import dump

SCHEMA = fields.Schema(
    body=fields.TEXT(phrase=True),  # positions: values of varying size
    kind=fields.ID(),  # existence: no values
    counts=fields.TEXT(phrase=False),  # frequencies: weights above one
)


def sorted_terms(items: list[tuple]):
    """Group postings sorted as Whoosh's pool yields them by term."""
    for term, group in groupby(items, itemgetter(0, 1)):
        yield term, list(group)


def postings(rng: random.Random) -> list[tuple]:
    """Sorted pool postings with block edges, empty values, spelling-only entries."""
    items = []
    sizes = [1, 2, 127, 128, 129, 256, 300]
    for fieldname in sorted(SCHEMA.names()):
        fmt = SCHEMA[fieldname].format
        for number, size in enumerate(sizes):
            term = f"{fieldname[0]}{number:02d}".encode()
            docs = sorted(rng.sample(range(400), size))
            if number == 2:
                items.append((fieldname, term, -1, 1.0, b""))  # skipped, as Whoosh skips them
            for doc in docs:
                freq = rng.randint(1, 4)
                if isinstance(fmt, Positions):
                    value = fmt.encode(sorted(rng.sample(range(50), freq)))
                else:
                    value = rng.choice([b"", None, b"\x01"])
                items.append((fieldname, term, doc, float(freq), value))
        items.append((fieldname, b"zz-spelling-only", -1, 1.0, b""))
    return sorted(items, key=lambda item: item[:3])


def lengths_of(fieldname: str, docnums) -> list:
    """Field lengths as a segment gives them: none (0) for an unscored field."""
    return [0 if fieldname == "kind" else 1 + (doc * 13) % 90 for doc in docnums]


class Lengths:
    def doc_field_length(self, docnum: int, fieldname: str, default: int = 0):
        return lengths_of(fieldname, [docnum])[0]


def write(folder: Path, items: list[tuple], fast: bool) -> dict[str, bytes]:
    """Write `items` with one of the two writers; return the segment's files' bytes."""
    folder.mkdir()
    storage = FileStorage(str(folder))
    codec = W3Codec()
    segment = codec.new_segment(storage, "MAIN")
    fieldwriter = codec.field_writer(storage, segment)
    if fast:
        add_postings(fieldwriter, SCHEMA, lengths_of, sorted_terms(iter(items)))
    else:
        fieldwriter.add_postings(SCHEMA, Lengths(), iter(items))
    fieldwriter.close()
    return {path.suffix: path.read_bytes() for path in folder.iterdir()}


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_term_at_a_time_writes_the_same_bytes(tmp_path, seed):
    items = postings(random.Random(seed))
    expected = write(tmp_path / "whoosh", items, fast=False)
    assert set(expected) == {".trm", ".pst"} and len(expected[".pst"]) > 10_000
    assert write(tmp_path / "fast", items, fast=True) == expected


def test_no_postings_write_what_whoosh_writes_for_none(tmp_path):
    assert write(tmp_path / "fast", [], fast=True) == write(tmp_path / "whoosh", [], fast=False)


@pytest.fixture(scope="module")
def documents(seed_entries) -> list[dict]:
    keys = duplicate_keys(seed_entries)
    # Three copies of the seed: the common terms have more postings than a block holds.
    return [entry_document(entry, 1_700_000_000, keys[entry.id]) for entry in seed_entries] * 3


def segment_files(
    folder: Path, writer_class, documents: list[dict], limitmb: int = 128, **commit
) -> tuple[dict, dict]:
    """Add `documents` in one uncompounded segment; return its postings files' bytes, and
    what the index holds read back."""
    index = FileStorage(str(folder)).open_index()
    writer = writer_class(index, compound=False, limitmb=limitmb)
    for document in documents:
        writer.add_document(**document)
    writer.commit(**commit)
    files = (path for path in folder.iterdir() if path.suffix in {".trm", ".pst"})
    with index.reader() as reader:
        return {path.suffix: path.read_bytes() for path in files}, dump(reader)


@pytest.fixture
def fresh(tmp_path) -> Path:
    for name in ("whoosh", "fast"):
        (tmp_path / name).mkdir()
        FileStorage(str(tmp_path / name)).create_index(build_schema())
    return tmp_path


def test_the_fast_segment_writer_writes_whooshs_postings_bytes(fresh, documents):
    expected, _ = segment_files(fresh / "whoosh", SegmentWriter, documents)
    assert set(expected) == {".trm", ".pst"}
    assert segment_files(fresh / "fast", FastSegmentWriter, documents)[0] == expected


@pytest.fixture
def spills(monkeypatch) -> list[int]:
    """Make the fast writer spill a run every 60 documents or so; count the runs written.

    Whoosh's own pool, which adds merged segments' postings, spills past `limitmb`.
    """
    monkeypatch.setattr(segment_writer, "POSTING_BYTES", 1024 * 1024 // 4000)
    runs: list[int] = []
    save = TermPool.save
    monkeypatch.setattr(TermPool, "save", lambda pool: runs.append(len(pool.current)) or save(pool))
    return runs


def test_postings_spilled_in_runs_read_back_as_whooshs(fresh, documents, spills):
    """Spilled, the values are no longer shared objects, so their pickles differ in bytes."""
    _, expected = segment_files(fresh / "whoosh", SegmentWriter, documents)
    assert segment_files(fresh / "fast", FastSegmentWriter, documents, 1)[1] == expected
    assert len(spills) >= 3


@pytest.mark.parametrize("spill", [False, True])
def test_segments_merged_into_the_new_one_give_whooshs_postings(
    tmp_path, documents, spill, request
):
    """Merged segments' postings reach the pool after the new documents', renumbered."""
    spills = request.getfixturevalue("spills") if spill else []
    base = tmp_path / "base"
    base.mkdir()
    index = FileStorage(str(base)).create_index(build_schema())
    for start in (0, 90):  # two segments, then deletions in both
        with index.writer() as writer:
            for document in documents[start : start + 90]:
                writer.add_document(**document)
    with index.writer() as writer:
        for docnum in range(10, 150, 7):
            writer.delete_document(docnum)
    written = {}
    for name, writer_class in (("whoosh", SegmentWriter), ("fast", FastSegmentWriter)):
        shutil.copytree(base, tmp_path / name)
        written[name] = segment_files(
            tmp_path / name, writer_class, documents[180:], 1 if spill else 128, optimize=True
        )
    if spill:  # a run of new and merged documents' postings, then more in memory
        assert len(spills) == 1
        assert written["fast"][1] == written["whoosh"][1]
    else:
        assert set(written["whoosh"][0]) == {".trm", ".pst"}
        assert written["fast"] == written["whoosh"]
