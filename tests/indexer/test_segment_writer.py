"""The faster segment writer writes the index Whoosh's own SegmentWriter writes."""

from __future__ import annotations

from pathlib import Path

import pytest
from whoosh import index as whoosh_index
from whoosh.writing import SegmentWriter

from indexer.build.documents import duplicate_keys, entry_document
from indexer.schema import build_schema
from indexer.whoosh_internals import segment_writer
from indexer.whoosh_internals.segment_writer import FastSegmentWriter
from tests.indexer.index_dump import dump


def write(folder: Path, writer_class, documents: list[dict], **kwargs) -> tuple[dict, int]:
    """Index `documents` into `folder`; return what the index holds and the runs spilled."""
    folder.mkdir()
    index = whoosh_index.create_in(str(folder), build_schema())
    writer = writer_class(index, **kwargs)
    for document in documents:
        writer.add_document(**document)
    runs = len(writer.pool.runs)
    writer.commit()
    with index.reader() as reader:
        return dump(reader), runs


@pytest.fixture(scope="module")
def documents(seed_entries) -> list[dict]:
    keys = duplicate_keys(seed_entries)
    return [entry_document(entry, 1_700_000_000, keys[entry.id]) for entry in seed_entries]


def test_fast_writer_writes_what_whoosh_writes(tmp_path, documents):
    expected, _ = write(tmp_path / "whoosh", SegmentWriter, documents)
    assert write(tmp_path / "fast", FastSegmentWriter, documents) == (expected, 0)
    assert len(expected["postings"]) > 500 and len(expected["stored"]) == len(documents)


def test_fast_writer_spills_sorted_runs_past_its_limit(tmp_path, documents, monkeypatch):
    expected, _ = write(tmp_path / "whoosh", SegmentWriter, documents)
    monkeypatch.setattr(segment_writer, "POSTING_BYTES", 1024 * 1024 // 300)  # 300 a run
    spilled, runs = write(tmp_path / "fast", FastSegmentWriter, documents, limitmb=1)
    assert runs >= 5
    assert spilled == expected
