"""Postings written a term at a time are the bytes Whoosh's own FieldWriter writes."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest
from whoosh import fields
from whoosh.codec.whoosh3 import W3Codec
from whoosh.filedb.filestore import FileStorage
from whoosh.formats import Positions
from whoosh.writing import SegmentWriter

from indexer.documents import duplicate_keys, entry_document
from indexer.posting_blocks import add_postings, sorted_terms
from indexer.schema import build_schema
from indexer.whoosh_speedups import FastSegmentWriter

SCHEMA = fields.Schema(
    body=fields.TEXT(phrase=True),  # positions: values of varying size
    kind=fields.ID(),  # existence: no values
    counts=fields.TEXT(phrase=False),  # frequencies: weights above one
)


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


def segment_files(folder: Path, writer_class, documents: list[dict], **commit) -> dict:
    """Add `documents` in one uncompounded segment; return its postings files' bytes."""
    index = FileStorage(str(folder)).open_index()
    writer = writer_class(index, compound=False)
    for document in documents:
        writer.add_document(**document)
    writer.commit(**commit)
    files = (path for path in folder.iterdir() if path.suffix in {".trm", ".pst"})
    return {path.suffix: path.read_bytes() for path in files}


def test_the_fast_segment_writer_writes_whooshs_postings_bytes(tmp_path, documents):
    for name in ("whoosh", "fast"):
        (tmp_path / name).mkdir()
        FileStorage(str(tmp_path / name)).create_index(build_schema())
    expected = segment_files(tmp_path / "whoosh", SegmentWriter, documents)
    assert set(expected) == {".trm", ".pst"}
    assert segment_files(tmp_path / "fast", FastSegmentWriter, documents) == expected


def test_segments_merged_into_the_new_one_give_whooshs_bytes(tmp_path, documents):
    """Merged segments' postings reach the pool after the new documents', renumbered."""
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
    files = {}
    for name, writer_class in (("whoosh", SegmentWriter), ("fast", FastSegmentWriter)):
        shutil.copytree(base, tmp_path / name)
        files[name] = segment_files(tmp_path / name, writer_class, documents[180:], optimize=True)
    assert set(files["whoosh"]) == {".trm", ".pst"}
    assert files["fast"] == files["whoosh"]
