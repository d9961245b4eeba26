"""The postings of a generation's frequent terms, written as arrays when it is built.

A search reads each query term's postings into arrays (search_ui.engine.matching). For a
word that thousands of entries hold, that meant decoding hundreds of Whoosh blocks in
Python on the first search that used it after each start or build: 0.1 to 0.35 s for two
common words at 100,000 entries, the slowest searches of a server. The build reads those
terms once and writes their document numbers and weights side by side; the service maps
the files and takes a term's arrays as a slice. Rare terms, a block or two each, are still
read from Whoosh. A generation without the files (an older build, a damaged file) is read
from Whoosh throughout, as before.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from whoosh.reading import IndexReader

from indexer.build.generations import write_file_durably
from indexer.whoosh_internals.postings import BlockDirectory, has_blocks, posting_arrays

IDS = "frequent-ids.npy"
WEIGHTS = "frequent-weights.npy"
TERMS = "frequent-terms.npz"
FORMAT = 1  # bumped whenever the files change meaning
MIN_DOCUMENTS = 256  # below this, a term's postings are two Whoosh blocks at most
SHARE = 200  # and a term must hold at least one document in SHARE


def threshold(size: int) -> int:
    """Return how many documents a term must hold to have its postings written."""
    return max(MIN_DOCUMENTS, size // SHARE)


@dataclass
class FrequentPostings:
    """The frequent terms' postings of one generation: a slice of two mapped arrays each."""

    spans: dict[tuple[str, bytes], tuple[int, int]]
    ids: np.ndarray  # int32 document numbers, term after term
    weights: np.ndarray  # float32 weights, aligned with ids
    # (segment's first document, field, term) -> its blocks' span in the two arrays below
    blocks: dict[tuple[int, str, bytes], tuple[int, int]]
    block_offsets: np.ndarray  # where each block starts in the segment's postings file
    block_max_ids: np.ndarray  # the highest document number (in the segment) of each block

    def get(self, fieldname: str, text: bytes) -> tuple[np.ndarray, np.ndarray] | None:
        """Return a term's document numbers (int32) and weights, or None if not written."""
        span = self.spans.get((fieldname, text))
        if span is None:
            return None
        start, end = span
        return np.array(self.ids[start:end]), self.weights[start:end].astype(np.float64)

    def directory(self, offset: int, fieldname: str, text: bytes) -> BlockDirectory | None:
        """Return a term's block directory in the segment starting at document `offset`,
        or None if not written."""
        span = self.blocks.get((offset, fieldname, text))
        if span is None:
            return None
        start, end = span
        return BlockDirectory(
            self.block_offsets[start:end].tolist(), self.block_max_ids[start:end].tolist()
        )


def save(reader: IndexReader, generation: Path, fields: Iterable[str]) -> None:
    """Write the postings of every frequent term of `fields` into a generation being built."""
    least = threshold(reader.doc_count_all())
    keys: list[bytes] = []
    ends: list[int] = []
    directories = _Directories()
    id_parts, weight_parts = [np.zeros(0, dtype=np.int32)], [np.zeros(0, dtype=np.float32)]
    written = 0
    for fieldname in fields:
        if fieldname not in reader.schema:
            continue
        for text, info in reader.iter_field(fieldname):
            if info.doc_frequency() < least:
                continue
            ids, weights = posting_arrays(reader, fieldname, text)
            id_parts.append(ids.astype(np.int32))
            weight_parts.append(weights.astype(np.float32))
            written += len(ids)
            keys.append(fieldname.encode("utf-8") + b"\0" + text)
            ends.append(written)
            directories.add(reader, len(keys) - 1, fieldname, text)
    ids, weights = np.concatenate(id_parts), np.concatenate(weight_parts)
    write_file_durably(generation / IDS, lambda out: np.save(out, ids))
    write_file_durably(generation / WEIGHTS, lambda out: np.save(out, weights))
    terms = {
        "format": np.array([FORMAT, reader.doc_count_all()], dtype=np.int64),
        # Keys as one byte string and where each ends: numpy's bytes type drops trailing NULs.
        "keys": np.frombuffer(b"".join(keys), dtype=np.uint8),
        "key_ends": np.cumsum([len(key) for key in keys], dtype=np.int64),
        "ends": np.array(ends, dtype=np.int64),
        **directories.arrays(),
    }
    write_file_durably(generation / TERMS, lambda out: np.savez(out, **terms))


def load(generation: Path, size: int) -> FrequentPostings | None:
    """Map a generation's frequent postings; None when absent, damaged or not for this index."""
    try:
        with open(generation / TERMS, "rb") as file, np.load(file, allow_pickle=False) as data:
            format_and_size, blob = data["format"], data["keys"].tobytes()
            key_ends, ends = data["key_ends"].tolist(), data["ends"].tolist()
            directory_arrays = (
                {name: data[name] for name in DIRECTORY_ARRAYS}
                if set(DIRECTORY_ARRAYS) <= set(data.files)
                else None
            )
        ids = np.load(generation / IDS, mmap_mode="r", allow_pickle=False)
        weights = np.load(generation / WEIGHTS, mmap_mode="r", allow_pickle=False)
    except (OSError, ValueError, EOFError, KeyError, zipfile.BadZipFile):
        return None
    total = ends[-1] if ends else 0
    if (
        format_and_size.tolist() != [FORMAT, size]
        or len(key_ends) != len(ends)
        or (key_ends[-1] if key_ends else 0) != len(blob)
        or len(ids) != total
        or len(weights) != total
    ):
        return None
    spans = {}
    key_start = start = 0
    for key_end, end in zip(key_ends, ends, strict=True):
        fieldname, _, text = blob[key_start:key_end].partition(b"\0")
        spans[fieldname.decode("utf-8", "replace"), text] = (start, end)
        key_start, start = key_end, end
    blocks, offsets, max_ids = _load_directories(directory_arrays, list(spans))
    return FrequentPostings(spans, ids, weights, blocks, offsets, max_ids)


class _Directories:
    """The block directories of the frequent terms, gathered segment by segment."""

    def __init__(self) -> None:
        self.terms: list[int] = []  # which written term, for each (term, segment)
        self.segments: list[int] = []  # the segment's first document
        self.ends: list[int] = []  # where its blocks end in the two lists below
        self.offsets: list[int] = []
        self.max_ids: list[int] = []

    def add(self, reader: IndexReader, term: int, fieldname: str, text: bytes) -> None:
        """Read a term's directory in each segment holding it in blocks."""
        for segment, offset in reader.leaf_readers():
            if (fieldname, text) not in segment:
                continue
            matcher = segment.postings(fieldname, text)
            if not has_blocks(matcher):  # one posting, stored inline
                continue
            directory = BlockDirectory.read(matcher)
            self.terms.append(term)
            self.segments.append(offset)
            self.offsets += directory.offsets
            self.max_ids += directory.max_ids
            self.ends.append(len(self.offsets))

    def arrays(self) -> dict[str, np.ndarray]:
        """Return the directories as arrays for the terms file."""
        return {
            name: np.array(values, dtype=np.int64)
            for name, values in zip(DIRECTORY_ARRAYS, self._lists(), strict=True)
        }

    def _lists(self) -> tuple[list[int], ...]:
        return self.terms, self.segments, self.ends, self.offsets, self.max_ids


DIRECTORY_ARRAYS = ("dir_terms", "dir_segments", "dir_ends", "block_offsets", "block_max_ids")


def _load_directories(arrays: dict[str, np.ndarray] | None, terms: list[tuple[str, bytes]]):
    """Return the (segment, field, term) -> blocks span map and the two block arrays;
    nothing when the generation has no directories (built before they were written)."""
    empty = np.zeros(0, dtype=np.int64)
    if arrays is None:
        return {}, empty, empty
    which, segments, ends = (arrays[name].tolist() for name in DIRECTORY_ARRAYS[:3])
    offsets, max_ids = arrays["block_offsets"], arrays["block_max_ids"]
    if not (len(which) == len(segments) == len(ends)) or (ends and ends[-1] != len(offsets)):
        return {}, empty, empty
    if len(offsets) != len(max_ids) or any(not 0 <= term < len(terms) for term in which):
        return {}, empty, empty
    blocks = {}
    start = 0
    for term, segment, end in zip(which, segments, ends, strict=True):
        blocks[(segment, *terms[term])] = (start, end)
        start = end
    return blocks, offsets, max_ids
