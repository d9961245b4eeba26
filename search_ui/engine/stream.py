"""Every hit of a request as stored records read one at a time: what exports and feeds take.

The hits are chosen and ordered once, by the code that makes the result pages; what is
kept is an array of document numbers. Each record is read from the index when the
consumer asks for it, so a 100,000-hit export never holds 100,000 records.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np
from whoosh.index import Index


@dataclass(frozen=True, eq=False)
class HitRecords:
    """The hits of one request, in its pages' order, as their stored records.

    `relaxed` says that the request's words found nothing and that these are the hits of
    its fallback, as the pages show them. Each iteration reads the records in one pass over
    the ranked document numbers, through a searcher of its own on the generation the hits
    were chosen in (a generation outlives its retirement by a grace period), closed when
    the iteration ends. A read error goes to `diagnose` first, which raises IndexDamaged
    when the index is to blame (search_ui.engine.live).
    """

    relaxed: bool
    index: Index
    docnums: np.ndarray
    diagnose: Callable[[Exception], None] = lambda error: None

    def __iter__(self) -> Iterator[dict[str, Any]]:
        try:
            with self.index.searcher() as searcher:
                for docnum in self.docnums:
                    yield searcher.stored_fields(int(docnum))["record"]
        except Exception as error:
            self.diagnose(error)
            raise

    def __len__(self) -> int:
        return len(self.docnums)
