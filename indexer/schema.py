"""The Whoosh schema: analysed text for search, columns for facets and sorting."""

from __future__ import annotations

from whoosh import fields
from whoosh.analysis import Analyzer, IDTokenizer, LowercaseFilter, RegexTokenizer

from analyzers import french_analyzer
from analyzers.filters import FoldFilter
from indexer.formats import CachedPositions, CachedText
from indexer.repeated import RepeatedID, RepeatedKeywords, RepeatedText

# Free-text fields and their BM25F weights: a word in the title says most about an entry.
TEXT_FIELDS = {"title": 4.0, "authors": 2.0, "publishers": 2.0, "source": 1.0, "description": 1.0}
# Those whose values recur from entry to entry (see indexer.repeated).
REPEATED_TEXT = {"authors", "publishers"}
# Facets: the URL parameter and the index field whose terms are the exact values.
FACET_FIELDS = {
    "section": "section", "publisher": "publisher", "type": "doc_type", "year": "year",
    "issue": "issue", "kind": "kind", "language": "language",
}  # fmt: skip
VALUE_SEPARATOR = "\x1f"  # joins the values of a many-valued facet field (labels hold commas)
# Facet fields whose documents per value are read from their column: the publishers' long
# tail made a thousand posting lists of a few documents each, slower to read one by one.
COLUMN_FACETS = {"publisher"}
# Fields users search whose text is always one of a facet's few values (every entry of an
# issue has its label): the values are searched, not indexed for every entry (see
# search_ui.engine.values). Query field -> facet parameter.
VALUE_FIELDS = {"issue_key": "issue", "section_text": "section", "type_key": "type"}
# `field:value` names users may type, mapped to index or value fields.
FIELD_ALIASES = {
    "title": "title", "titre": "title", "author": "authors", "auteur": "authors",
    "publisher": "publishers", "editeur": "publishers", "éditeur": "publishers",
    "type": "type_key", "section": "section_text", "year": "year", "annee": "year",
    "année": "year", "issue": "issue_key",
}  # fmt: skip
# The same document listed by several issues shares this key (results group them).
GROUP_FIELD = "dup_key"


class TextColumn(fields.COLUMN):
    """A text value kept per document for sorting, grouping or lookup, never searched.

    As an ID field each value was a term of its own, nearly one per document, and each
    term costs the segment writer a posting list to write.
    """

    def __init__(self, stored: bool = False) -> None:
        super().__init__()
        self.stored = stored

    def to_column_value(self, value: str) -> bytes:
        """Encode the value for the column."""
        return value.encode("utf-8")

    def from_column_value(self, value: bytes) -> str:
        """Decode a value read from the column."""
        return value.decode("utf-8")


def exact_analyzer() -> Analyzer:
    """Match a whole value case- and accent-insensitively ("type:etude" finds "étude")."""
    return IDTokenizer() | LowercaseFilter() | FoldFilter()


def french_text(
    analyzer: Analyzer, field_boost: float = 1.0, repeated: bool = False
) -> fields.TEXT:
    """A French text field with positions (for phrases), its postings made by CachedPositions."""
    kind = RepeatedText if repeated else CachedText
    field = kind(analyzer=analyzer, field_boost=field_boost, multitoken_query="phrase")
    field.format = CachedPositions(field_boost=field_boost)
    return field


def build_schema() -> fields.Schema:
    """Return the schema of a veille index."""
    french = french_analyzer()
    text = {
        name: french_text(french, field_boost=boost, repeated=name in REPEATED_TEXT)
        for name, boost in TEXT_FIELDS.items()
    }
    return fields.Schema(
        # Entries are found by id through the generation's sorted ids (indexer.build.derived).
        id=TextColumn(stored=True),
        file=RepeatedID(stored=True),
        record=fields.STORED(),
        # Facet and sort columns: exact values, one term per value.
        section=RepeatedID(stored=True, sortable=True),
        # Filtered on through the facet arrays, never scored: no lengths, no positions.
        publisher=RepeatedKeywords(
            analyzer=RegexTokenizer(f"[^{VALUE_SEPARATOR}]+"), sortable=True
        ),
        doc_type=RepeatedID(stored=True, sortable=True),
        kind=RepeatedID(stored=True),
        issue=RepeatedID(stored=True),
        language=RepeatedID(stored=True),
        # One term per year (shift_step=bits): ranges span a few dozen years at most.
        year=fields.NUMERIC(int, bits=32, stored=True, sortable=True, signed=False, shift_step=32),
        title_sort=TextColumn(),
        # The same document listed by several issues shares this key (results group them).
        dup_key=TextColumn(),
        **text,
    )


def value_fields() -> dict[str, fields.FieldType]:
    """Return the query fields of VALUE_FIELDS, analysed as their searches expect."""
    french = french_analyzer()
    return {
        "issue_key": french_text(french),
        "section_text": french_text(french),
        "type_key": fields.TEXT(analyzer=exact_analyzer()),  # "type:etude" finds "étude"
    }


def query_schema(schema: fields.Schema) -> fields.Schema:
    """Return a copy of an index schema with the value fields, for parsing queries."""
    names = {name: schema[name] for name in schema.names()}
    return fields.Schema(**names, **{k: v for k, v in value_fields().items() if k not in names})
