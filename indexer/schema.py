"""The Whoosh schema: analysed text for search, columns for facets and sorting."""

from __future__ import annotations

from whoosh import fields
from whoosh.analysis import Analyzer, IDTokenizer, LowercaseFilter, RegexTokenizer

from analyzers import french_analyzer, type_analyzer
from analyzers.filters import FoldFilter
from indexer.facet_specs import FACETS, VALUE_SEPARATOR, FacetSpec, Holds
from indexer.formats import CachedPositions, CachedText
from indexer.repeated import RepeatedID, RepeatedKeywords, RepeatedText

# Free-text fields and their BM25F weights: a word in the title says most about an entry.
# `type_words` is the document type's name (« rapport », « événement »), searched as a word:
# « événements innovation publique » finds the events about public innovation, « thèse
# tiers-lieux » the theses, whatever words their texts use (see TYPE_WORDS_FIELD).
TEXT_FIELDS = {
    "title": 4.0, "authors": 2.0, "publishers": 2.0, "source": 1.0, "description": 1.0,
    "type_words": 1.0,
}  # fmt: skip
# The type name is one unstemmed word in the singular (analyzers.type_analyzer), a name of
# several words glued into one (« appelàprojets »): « projets » or « formats » in a query do
# not reach every call for projects or every training.
TYPE_WORDS_FIELD = "type_words"
# Those whose values recur from entry to entry (see indexer.repeated).
REPEATED_TEXT = {"authors", "publishers"}
# Facets (declared in indexer.facet_specs): each key and the field whose terms are its values.
FACET_FIELDS = {spec.key: spec.field for spec in FACETS}
# Facet fields whose documents per value are read from their column: the publishers' long
# tail made a thousand posting lists of a few documents each, slower to read one by one.
COLUMN_FACETS = {spec.field for spec in FACETS if spec.holds is Holds.TEXTS}
# Single-valued facet fields that also keep a column: nothing reads it today, but the schema
# is pickled into every index, and the one indexes hold stays as it was.
KEPT_COLUMNS = {"section", "doc_type"}
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
# The territories an entry names or is published in (the facet field `territory` holds
# those and every territory containing them): a place in a query ranks these first.
EXPLICIT_TERRITORY_FIELD = "territory_named"


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


def facet_field(spec: FacetSpec) -> fields.FieldType:
    """Return a facet's index field: its exact values, one term per value."""
    if spec.holds is Holds.YEAR:
        # One term per year (shift_step=bits): ranges span a few dozen years at most.
        return fields.NUMERIC(int, bits=32, stored=True, sortable=True, signed=False, shift_step=32)
    if spec.holds is Holds.TEXTS:
        # Filtered on through the facet arrays, never scored: no lengths, no positions.
        return keywords(sortable=True)
    return RepeatedID(stored=True, sortable=spec.field in KEPT_COLUMNS)


def keywords(sortable: bool = False) -> RepeatedKeywords:
    """Return a field of exact values joined by VALUE_SEPARATOR: no lengths, no positions."""
    return RepeatedKeywords(analyzer=RegexTokenizer(f"[^{VALUE_SEPARATOR}]+"), sortable=sortable)


def build_schema() -> fields.Schema:
    """Return the schema of a veille index."""
    french = french_analyzer()
    text = {
        name: french_text(french, field_boost=boost, repeated=name in REPEATED_TEXT)
        for name, boost in TEXT_FIELDS.items()
        if name != TYPE_WORDS_FIELD
    }
    # With positions, as the other text fields: a phrase the query names spans every field.
    text[TYPE_WORDS_FIELD] = fields.TEXT(
        analyzer=type_analyzer(), field_boost=TEXT_FIELDS[TYPE_WORDS_FIELD]
    )
    return fields.Schema(
        # Entries are found by id through the generation's sorted ids (indexer.build.derived).
        id=TextColumn(stored=True),
        file=RepeatedID(stored=True),
        record=fields.STORED(),
        **{spec.field: facet_field(spec) for spec in FACETS},
        title_sort=TextColumn(),
        # The same document listed by several issues shares this key (results group them).
        dup_key=TextColumn(),
        **{EXPLICIT_TERRITORY_FIELD: keywords()},
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
