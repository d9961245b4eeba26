"""The whole-file export writers as they were before exports were streamed: the reference
that the streamed writers must match byte for byte, and synthetic records to compare on.

Kept small on purpose: each reads the per-entry writers of the product (a CSV row, a BibTeX
entry, RIS lines, a CSL item), so what is checked is how the whole file is put together.
"""

from __future__ import annotations

import csv
import io
import json
import random
from collections import Counter
from collections.abc import Iterator
from itertools import count
from string import ascii_lowercase
from typing import Any

from indexer.extraction.printable import printable_data
from search_ui.rendering.exports import CSV_COLUMNS, csv_row
from search_ui.rendering.reference_formats import _key_base, bibtex_entry, csl_item, ris_lines

Record = dict[str, Any]


def old_csv(records: list[Record], base_url: str | None = None) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    writer.writerows(csv_row(record, base_url) for record in records)
    return buffer.getvalue().encode("utf-8-sig")


def old_json(records: list[Record], base_url: str | None = None) -> bytes:
    records = [printable_data(record) for record in records]  # no control character (issue 16)
    return (json.dumps(records, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def old_keys(records: list[Record]) -> list[str]:
    """Citation keys as they were given: a base several entries share lettered in each."""
    bases = [_key_base(record) for record in records]
    shared = {base for base, count in Counter(bases).items() if count > 1}
    ranks: dict[str, Iterator[int]] = {}
    taken: set[str] = set()
    keys = []
    for base in bases:
        key = base
        if base in shared or base in taken:
            rank = ranks.setdefault(base, count())
            key = base + _suffix(next(rank))
            while key in taken:
                key = base + _suffix(next(rank))
        taken.add(key)
        keys.append(key)
    return keys


def _suffix(rank: int) -> str:
    return ascii_lowercase[rank] if rank < 26 else str(rank)


def old_bibtex(records: list[Record], base_url: str | None = None) -> bytes:
    keys = old_keys(records)
    entries = (bibtex_entry(r, k, base_url) for r, k in zip(records, keys, strict=True))
    return "\n".join(entries).encode("utf-8")


def old_ris(records: list[Record], base_url: str | None = None) -> bytes:
    out = []
    for record in records:
        for tag, value in ris_lines(record, base_url):
            out.append(f"{tag}  - {' '.join(value.split())}\r\n")
        out.append("\r\n")
    return "".join(out).encode("utf-8")


def old_csljson(records: list[Record], base_url: str | None = None) -> bytes:
    items = [printable_data(csl_item(record, base_url)) for record in records]
    return (json.dumps(items, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


OLD_WRITERS = {
    "csv": old_csv,
    "json": old_json,
    "bibtex": old_bibtex,
    "ris": old_ris,
    "csljson": old_csljson,
}
_TRAPS = ("=", "+", "-", "@", "\t", "\r", "{", "}", "%", "&", "_", "~", "\\", "\n", '"', ",")


def synthetic(seed_records: list[Record], count: int, seed: int = 11) -> list[Record]:
    """Return `count` records mixing the seed's field values, with traps and shared keys."""
    rng = random.Random(seed)
    pools: dict[str, list[Any]] = {}
    for record in seed_records:
        for key, value in record.items():
            pools.setdefault(key, []).append(value)
    made = []
    for number in range(count):
        record = {key: rng.choice(values) for key, values in pools.items()}
        record["id"] = f"syn{number:05d}"
        if rng.random() < 0.2:  # a trap character somewhere in the title
            spot = rng.randrange(len(record["title"]) + 1)
            title = record["title"]
            record["title"] = title[:spot] + rng.choice(_TRAPS) + title[spot:]
        if rng.random() < 0.1:
            record["year"] = None
        if rng.random() < 0.05:
            record["title"] = rng.choice(["", "é", "Le la les"])
        made.append(record)
    twin = {**made[0], "authors": [], "publishers": ["Zed"], "year": 2018, "title": "innovation"}
    taken = {**twin, "publishers": ["Zed2018innovationb"], "year": None, "title": "ab"}
    made[count // 3 : count // 3] = [  # a base shared 30 times, and one its letters run into
        {**(taken if n == 0 else twin), "id": f"twin{n:02d}"} for n in range(30)
    ]
    return made
