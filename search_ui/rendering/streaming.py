"""Export files as a stream of byte chunks, so that a whole result list never sits in memory.

The writers yield text pieces, an entry or so at a time; `chunked` encodes them into chunks
of about CHUNK_CHARS characters, the first piece alone and at once, so that a download
starts before the records are read. `json_array` writes what `json.dumps(items,
indent=2)` writes for a list, item by item.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from indexer.extraction.printable import NOT_TEXT, printable_data

CHUNK_CHARS = 64 * 1024
# How json.dumps writes a C0 control but tab and line feed: escaped. The others that are no
# text (DEL, C1, surrogates, noncharacters) it writes as they are.
_C0_ESCAPES = ("\\u00", "\\b", "\\f", "\\r")


def chunked(pieces: Iterable[str], size: int = CHUNK_CHARS) -> Iterator[bytes]:
    """Encode text pieces as UTF-8 chunks of at least `size` characters, but the first and last.

    >>> list(chunked(["[", "a", "b", "c"], size=2))
    [b'[', b'ab', b'c']
    """
    held: list[str] = []
    length = 0
    pieces = iter(pieces)
    for first in pieces:
        yield first.encode("utf-8")
        break
    for piece in pieces:
        held.append(piece)
        length += len(piece)
        if length >= size:
            yield "".join(held).encode("utf-8")
            held, length = [], 0
    if held:
        yield "".join(held).encode("utf-8")


def json_array(items: Iterable[Any]) -> Iterator[str]:
    """Write items as `json.dumps(list(items), ensure_ascii=False, indent=2) + "\\n"` would.

    An item is dumped alone and indented one level more: JSON strings hold no raw line break.

    >>> "".join(json_array([])), "".join(json_array([{"a": [1]}, 2]))
    ('[]\\n', '[\\n  {\\n    "a": [\\n      1\\n    ]\\n  },\\n  2\\n]\\n')
    """
    yield "["
    separator = "\n  "
    for item in items:
        yield separator + _dumped(item).replace("\n", "\n  ")
        separator = ",\n  "
    yield "]\n" if separator == "\n  " else "\n]\n"


def _dumped(item: Any) -> str:
    """Dump one item as indented JSON, its strings without the characters that are no text.

    JSON escapes a control character rather than refusing it: read back, the value holds
    it still. One search of the dump finds them (a backslash of the text may match too,
    which costs a second dump): the item is cleaned and dumped again only then.

    >>> print(_dumped({"title": "Titre\\x1b[2J\\x07", "authors": ["Léa\\x00 Roux"]}))
    {
      "title": "Titre[2J",
      "authors": [
        "Léa Roux"
      ]
    }
    """
    dumped = json.dumps(item, ensure_ascii=False, indent=2)
    if any(escape in dumped for escape in _C0_ESCAPES) or NOT_TEXT.search(dumped):
        dumped = json.dumps(printable_data(item), ensure_ascii=False, indent=2)
    return dumped
