"""The frequent terms' postings written by the build are Whoosh's postings, slice for slice."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from whoosh import index as whoosh_index

from benchmarks.corpus import generate_corpus
from indexer.build import frequent_postings
from indexer.build.builder import build_index
from indexer.build.generations import current_generation
from indexer.schema import TEXT_FIELDS
from indexer.whoosh_internals.postings import BlockDirectory, has_blocks, posting_arrays
from search_ui.engine.criteria import SearchRequest
from search_ui.engine.search import SearchService


@pytest.fixture(scope="module")
def generation(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generation of two builds (two segments), large enough to have frequent terms."""
    folder = tmp_path_factory.mktemp("frequent")
    first = generate_corpus(400, folder / "first", seed=5)
    build_index([first.folder], folder / "index")
    second = generate_corpus(300, folder / "second", seed=6)
    build_index([first.folder, second.folder], folder / "index")
    return current_generation(folder / "index")


def test_every_term_held_by_enough_documents_is_written_with_whooshs_postings(generation):
    index = whoosh_index.open_dir(str(generation))
    with index.reader() as reader:
        size = reader.doc_count_all()
        written = frequent_postings.load(generation, size)
        assert written is not None
        least = frequent_postings.threshold(size)
        expected = {
            (fieldname, text)
            for fieldname in TEXT_FIELDS
            for text, info in reader.iter_field(fieldname)
            if info.doc_frequency() >= least
        }
        assert expected and set(written.spans) == expected
        for fieldname, text in expected:
            ids, weights = posting_arrays(reader, fieldname, text)
            got_ids, got_weights = written.get(fieldname, text)
            assert got_ids.tolist() == ids.tolist()
            assert np.allclose(got_weights, weights)
        assert written.get("title", b"no-such-term") is None


def test_the_block_directories_written_are_whooshs_in_every_segment(generation):
    index = whoosh_index.open_dir(str(generation))
    with index.reader() as reader:
        written = frequent_postings.load(generation, reader.doc_count_all())
        segments = reader.leaf_readers()
        assert len(segments) == 2  # two builds: a term's directory is per segment
        compared = 0
        for fieldname, text in written.spans:
            for segment, offset in segments:
                got = written.directory(offset, fieldname, text)
                if (fieldname, text) not in segment:
                    assert got is None
                    continue
                matcher = segment.postings(fieldname, text)
                if not has_blocks(matcher):
                    continue
                expected = BlockDirectory.read(matcher)
                assert (got.offsets, got.max_ids) == (expected.offsets, expected.max_ids)
                compared += len(got.offsets) > 1
        assert compared  # some terms span several blocks, or the test would prove little
        assert written.directory(0, "title", b"no-such-term") is None


def test_a_generation_written_before_the_directories_keeps_its_postings(generation, tmp_path):
    for path in generation.iterdir():
        (tmp_path / path.name).write_bytes(path.read_bytes())
    with np.load(generation / frequent_postings.TERMS) as data:
        older = {
            name: data[name]
            for name in data.files
            if name in ("format", "keys", "key_ends", "ends")
        }
    with open(tmp_path / frequent_postings.TERMS, "wb") as out:
        np.savez(out, **older)
    size = whoosh_index.open_dir(str(tmp_path)).doc_count_all()
    written = frequent_postings.load(tmp_path, size)
    assert written is not None and written.spans and not written.blocks
    assert all(written.directory(0, *term) is None for term in written.spans)


@pytest.mark.parametrize("name", [frequent_postings.IDS, frequent_postings.TERMS])
def test_a_damaged_or_foreign_file_is_not_used(generation, tmp_path, name):
    copy = tmp_path / "copy"
    copy.mkdir()
    for path in generation.iterdir():
        (copy / path.name).write_bytes(path.read_bytes())
    size = whoosh_index.open_dir(str(copy)).doc_count_all()
    assert frequent_postings.load(copy, size) is not None
    assert frequent_postings.load(copy, size + 1) is None  # written for another index
    (copy / name).write_bytes((copy / name).read_bytes()[:-40])
    assert frequent_postings.load(copy, size) is None
    (copy / name).unlink()
    assert frequent_postings.load(copy, size) is None


def test_searches_rank_the_same_with_the_written_postings_and_without(generation, tmp_path):
    root = tmp_path / "without"
    copy = root / generation.name
    copy.mkdir(parents=True)
    for path in generation.iterdir():
        if not path.name.startswith("frequent-") and path.name != "checksums.json":
            (copy / path.name).write_bytes(path.read_bytes())
    (root / "CURRENT").write_text(generation.name)
    with_written = SearchService(generation.parent)
    without = SearchService(root)
    for q in ("innovation", "politiques publiques", "territoires innovation sociale", "ville"):
        request = SearchRequest(q=q)
        a, b = with_written.search(request), without.search(request)
        assert a.total == b.total > 0, q
        assert [(h.id, round(h.score, 6)) for h in a.hits] == [
            (h.id, round(h.score, 6)) for h in b.hits
        ], q
