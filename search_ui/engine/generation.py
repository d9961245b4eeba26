"""An open index generation and what searching derives from it once: facet bitmaps, groups
of copies, ranking arrays, the spelling corrector and the coverage report.

Everything here belongs to one generation, so a build that publishes a new one can never
leave a stale part behind: the service opens the new generation and starts over. Opening
compares the files with the build's record (indexer.build.integrity): a truncated or
rewritten segment is found there, not by the first request that reads it.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from whoosh.filedb.filestore import FileStorage
from whoosh.searching import Searcher

from indexer.build import integrity, vocabulary
from indexer.build.coverage import Coverage, report_of
from indexer.build.coverage import load as load_coverage
from indexer.build.derived import Derived, stored_records
from indexer.build.derived import compute as compute_derived
from indexer.build.derived import load as load_derived
from indexer.build.frequent_postings import load as load_frequent
from indexer.build.generations import IndexDamaged, IndexUnavailable
from indexer.facet_specs import year_facet
from indexer.schema import query_schema
from search_ui.engine.duplicates import Duplicates
from search_ui.engine.facets import FacetIndex
from search_ui.engine.key_terms import KeyTerms
from search_ui.engine.matching import QueryBitmaps
from search_ui.engine.phrases import Directories
from search_ui.engine.querying import ParsedQuery, parse
from search_ui.engine.ranking import Ranker
from search_ui.engine.spelling import VocabularyCorrector
from search_ui.engine.values import ValueSearch


@dataclass
class Generation:
    """An open index generation and what is derived from it once."""

    name: str
    index: Any
    facets: FacetIndex
    years: dict[str, int]
    duplicates: Duplicates
    bitmaps: QueryBitmaps
    ranker: Ranker
    path: Path
    values: ValueSearch
    query_schema: Any
    derived: Derived  # the arrays the above are built from; sort orders and ids read as is
    record: integrity.Record  # each file's size and checksum, as the build wrote them
    families: dict[str, tuple[str, ...]] = field(default_factory=dict)  # derivational
    key_terms: KeyTerms = field(default_factory=KeyTerms)  # each document's, on first ask
    _corrector: VocabularyCorrector | None = None
    _corrector_lock: threading.Lock = field(default_factory=threading.Lock)
    _coverage: tuple[Coverage, dict[str, Any]] | None = None
    _coverage_lock: threading.Lock = field(default_factory=threading.Lock)
    _checked: bool = False  # the checksums were read: `_found` is their verdict
    _found: integrity.Damage | None = None
    _check_lock: threading.Lock = field(default_factory=threading.Lock)

    def quick_damage(self) -> IndexDamaged | None:
        """Return why the generation is damaged when a file went, changed size, or was
        modified since the build and changed (a stat per file, unless one was modified)."""
        return _damaged(self.path, self.record.quick_damage(self.path))

    def damage(self) -> IndexDamaged | None:
        """Return why the generation is damaged, its checksums read once (then remembered)."""
        with self._check_lock:
            if not self._checked:
                self._found = self.record.damage(self.path)
                self._checked = True
            return _damaged(self.path, self._found)

    def parse(self, text: str, places: bool = True) -> ParsedQuery:
        """Parse a query; parts on issue:, section: or type: become the values they match,
        and places find the entries about them (without `places`, words only)."""
        parsed = parse(text, self.query_schema, self.families, places)
        rewrite = self.values.rewrite
        return replace(parsed, strict=rewrite(parsed.strict), relaxed=rewrite(parsed.relaxed))

    def corrector(self, searcher: Searcher) -> VocabularyCorrector:
        """Return the spelling corrector, its word counts read on the first zero-hit query."""
        with self._corrector_lock:
            if self._corrector is None:
                counts = vocabulary.load(self.path)
                if counts is None:  # the file is gone: count the stored records' words
                    counts = vocabulary.count_words(records(searcher))
                self._corrector = VocabularyCorrector(counts)
            return self._corrector

    @property
    def coverage_ready(self) -> bool:
        """Tell whether the coverage report is made: only its first computation is dear."""
        return self._coverage is not None

    def coverage(self, searcher: Searcher) -> tuple[Coverage, dict[str, Any]]:
        """Return the coverage report of this generation and its JSON, read on first ask.

        The build stores it (indexer.build.coverage); a generation without it (an older
        build, a damaged file) has it computed from its records, once: one thread computes,
        the others wait for its result.
        """
        with self._coverage_lock:
            if self._coverage is None:
                report = load_coverage(self.path, self.derived.results) or report_of(
                    stored_records(searcher.reader()), self.derived
                )
                self._coverage = report, report.to_api()
            return self._coverage


def records(searcher: Searcher) -> list[dict[str, Any]]:
    """Return every stored record a searcher's generation holds, in document order."""
    return [fields["record"] for fields in searcher.all_stored_fields()]


def _damaged(path: Path, damage: integrity.Damage | None) -> IndexDamaged | None:
    """Return the error that says which file of a generation is damaged, if one is."""
    return None if damage is None else IndexDamaged(damage.message(path), path / damage.file)


def open_generation(path: Path, checksums: bool = False) -> Generation:
    """Open a generation's index and what searching derives from it.

    Its files are checked first (integrity.Record.quick_damage), and with `checksums` all
    their bytes: a generation found damaged is tried again that way (its sizes may be right).
    """
    record = integrity.load(path)
    found = _damaged(path, record.damage(path) if checksums else record.quick_damage(path))
    if found is not None:
        raise found
    try:
        # Without mmap, Whoosh reads the compound segment through one open file; with it,
        # every searcher copied each part of the segment into memory.
        index = FileStorage(str(path), supports_mmap=False).open_index()
        with index.reader() as reader:
            size = reader.doc_count_all()
            derived = load_derived(path, size) or compute_derived(reader)
    except Exception as error:  # any failure to open is a broken index
        raise IndexUnavailable(
            f"index illisible dans {path.parent} : relancez « veille index » "
            f"({type(error).__name__})"
        ) from error
    facets = FacetIndex(derived)
    duplicates = Duplicates(*derived.groups, facets.live, size)
    facets.group_copies(duplicates.group)
    year = year_facet().key
    years = {value: int(value) for value in facets.values.get(year, {}) if value.isdigit()}
    frequent = load_frequent(path, size)
    bitmaps = QueryBitmaps(size, facets.live, frequent)
    return Generation(
        name=path.name,
        index=index,
        facets=facets,
        years=years,
        duplicates=duplicates,
        bitmaps=bitmaps,
        ranker=Ranker(size, bitmaps, derived.lengths, Directories(frequent)),
        path=path,
        values=ValueSearch({facet: values.keys() for facet, values in facets.values.items()}),
        query_schema=query_schema(index.schema),
        derived=derived,
        record=record,
        families=vocabulary.load_families(path),
    )
