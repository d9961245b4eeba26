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
from indexer.whoosh_internals.postings import posting_arrays

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

    def get(self, fieldname: str, text: bytes) -> tuple[np.ndarray, np.ndarray] | None:
        """Return a term's document numbers (int32) and weights, or None if not written."""
        span = self.spans.get((fieldname, text))
        if span is None:
            return None
        start, end = span
        return np.array(self.ids[start:end]), self.weights[start:end].astype(np.float64)


def save(reader: IndexReader, generation: Path, fields: Iterable[str]) -> None:
    """Write the postings of every frequent term of `fields` into a generation being built."""
    least = threshold(reader.doc_count_all())
    keys: list[bytes] = []
    ends: list[int] = []
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
    ids, weights = np.concatenate(id_parts), np.concatenate(weight_parts)
    write_file_durably(generation / IDS, lambda out: np.save(out, ids))
    write_file_durably(generation / WEIGHTS, lambda out: np.save(out, weights))
    terms = {
        "format": np.array([FORMAT, reader.doc_count_all()], dtype=np.int64),
        # Keys as one byte string and where each ends: numpy's bytes type drops trailing NULs.
        "keys": np.frombuffer(b"".join(keys), dtype=np.uint8),
        "key_ends": np.cumsum([len(key) for key in keys], dtype=np.int64),
        "ends": np.array(ends, dtype=np.int64),
    }
    write_file_durably(generation / TERMS, lambda out: np.savez(out, **terms))


def load(generation: Path, size: int) -> FrequentPostings | None:
    """Map a generation's frequent postings; None when absent, damaged or not for this index."""
    try:
        with open(generation / TERMS, "rb") as file, np.load(file, allow_pickle=False) as data:
            format_and_size, blob = data["format"], data["keys"].tobytes()
            key_ends, ends = data["key_ends"].tolist(), data["ends"].tolist()
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
    return FrequentPostings(spans, ids, weights)
