"""Turn what users type into Whoosh queries: thesaurus, field names, years, never an error."""

from __future__ import annotations

import copy
import re
from collections.abc import Mapping
from dataclasses import dataclass

from whoosh import query
from whoosh.qparser import (
    AndGroup,
    FieldAliasPlugin,
    MultifieldParser,
    OrGroup,
    QueryParser,
)
from whoosh.query.spans import SpanQuery
from whoosh.reading import IndexReader

from analyzers import expand_query, synonyms, use_gap_phrases
from indexer.facet_specs import facet
from indexer.schema import EXPLICIT_TERRITORY_FIELD, FIELD_ALIASES, TEXT_FIELDS
from indexer.whoosh_internals.queries import expanded_terms
from search_ui.engine.places import QueryPlace, find_places, place_codes

_TOKEN = re.compile(r'"[^"]*"?|\S+')
_YEAR_RANGE = re.compile(
    r"\b(?:(?:year|annee|année):)?((?:18|19|20|21)\d\d)\.\.((?:18|19|20|21)\d\d)\b"
)
_BARE_WILDCARD = re.compile(r"[*?]+")
_OPERATORS = {"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE"}
_SYNTAX = re.compile(r'[()"\[\]{}^~:]|(?<!\w)[-+]|\b(?:AND|OR|NOT|ANDNOT|ANDMAYBE)\b')
SYNONYM_WEIGHT = 0.7
SYNONYM_SLOP = 2  # an equivalent may take a word inside: « laboratoire régional d'innovation »
FAMILY_WEIGHT = 0.4  # weight of a word's derivational family (« essaimage » for « essaimer »)
# Weight of two words found together, on top of all words found. Three words or more make a
# span, whose boost Whoosh 2.7.4 ignores: theirs weighs 1 (the whole bonus weighed 0 to 3
# times as much moved nDCG@10 on the development half of benchmarks/relevance by 0.002).
PHRASE_BONUS = 1.5
# A place in a query (search_ui.engine.places): the entries about it or a place inside it
# score PLACE_WEIGHT, those naming it or published there EXPLICIT_PLACE_WEIGHT more.
PLACE_WEIGHT = 1.0
EXPLICIT_PLACE_WEIGHT = 2.0
TERRITORY_FIELD = facet("territory").field
MAX_EXPANSIONS = 256  # terms a wildcard may stand for
MIN_WILDCARD_PREFIX = 2


@dataclass(frozen=True)
class ParsedQuery:
    """The Whoosh query for all words, its any-word relaxation, and the plain words."""

    strict: query.Query
    relaxed: query.Query
    words: tuple[str, ...]
    places: tuple[QueryPlace, ...] = ()  # the places its plain words name


def _parser(schema, group) -> QueryParser:
    """Build the parser over the free-text fields with our plugins (those the index has:
    one written before `type_words` is searched without it until it is rebuilt)."""
    fields = [name for name in TEXT_FIELDS if name in schema]
    parser = MultifieldParser(fields, schema, group=group)
    aliases: dict[str, list[str]] = {}
    for alias, target in FIELD_ALIASES.items():
        aliases.setdefault(target, []).append(alias)
    parser.add_plugin(FieldAliasPlugin(aliases))
    return use_gap_phrases(parser)


def _expand_plain_runs(text: str, places: bool = False) -> tuple[str, list[str], list[QueryPlace]]:
    """Widen runs of plain words with the thesaurus, and with `places` the places they name;
    return the new text, the plain words and the places."""
    out: list[str] = []
    run: list[str] = []
    words: list[str] = []
    found: list[QueryPlace] = []

    def flush() -> None:
        if run:
            out.extend(_with_places(run, found) if places else _expanded(run))
            words.extend(run)
            run.clear()

    for token in _TOKEN.findall(text):
        if _BARE_WILDCARD.fullmatch(token):
            continue  # "*" alone would expand to every term of every field
        if token.startswith("+") and len(token) > 1:
            token = token[1:]
        if token.startswith("-") and len(token) > 1:
            flush()
            out.append(f"NOT {token[1:]}")  # Whoosh's own -word handling splits "tiers-lieux"
        elif _SYNTAX.search(token) or token in _OPERATORS:
            flush()
            out.append(token)
        else:
            run.append(token)
    flush()
    return " ".join(out), words, found


def _expanded(run: list[str]) -> list[str]:
    """Return a run of plain words widened with the thesaurus."""
    return [_alternatives(group) for group in expand_query(" ".join(run))] if run else []


def _with_places(run: list[str], found: list[QueryPlace]) -> list[str]:
    """Widen a run of plain words; the words naming a place also find the entries about it
    or about a place inside it, those naming it (or published there) weighing more."""
    out: list[str] = []
    done = 0
    for place in find_places(run):
        found.append(place)
        out += _expanded(run[done : place.start])
        typed = run[place.start : place.end]
        about = " OR ".join(
            f"{TERRITORY_FIELD}:{code}^{PLACE_WEIGHT}"
            f" OR {EXPLICIT_TERRITORY_FIELD}:{code}^{EXPLICIT_PLACE_WEIGHT}"
            for code in place_codes(place)
        )
        if len(typed) > 1:  # « Grand Est »: the entries that name it are about it (tagged
            out.append(f"({about})")  # at build); its words apart are « grand » alone
        else:
            named = " ".join(_expanded(typed))
            out.append(f"({f'({named})' if ' ' in named else named} OR {about})")
        done = place.end
    return out + _expanded(run[done:])


def _alternatives(group: list[str]) -> str:
    """Write a thesaurus group as an OR of the words as written and quoted equivalents.

    Equivalents weigh less than the user's own words, so that what was typed ranks first.
    The words of a phrase found in the thesaurus keep their own synonyms: « laboratoire
    d'innovation publique » is a ring, and its « laboratoire » is « lab » too.
    """
    written, *others = group
    if not others:
        return written
    if " " in written:
        first = "(" + " ".join(_alternatives(synonyms(word)) for word in written.split()) + ")"
    else:
        first = written
    return (
        "("
        + " OR ".join([first, *(f'"{alt}"~{SYNONYM_SLOP}^{SYNONYM_WEIGHT}' for alt in others)])
        + ")"
    )


def plain_words(text: str) -> str:
    """Strip query syntax so that any text can still be searched as words."""
    return " ".join(_SYNTAX.sub(" ", text).split())


Families = Mapping[str, tuple[str, ...]]


def parse(text: str, schema, families: Families | None = None, places: bool = True) -> ParsedQuery:
    """Parse a user query; unreadable syntax is searched as plain words, never an error.

    FAMILIES (stem -> stems of its derivational family, kept with the index generation)
    widen each word to its family, the word as typed weighing most. With `places`, the
    places its plain words name find the entries about them too (search_ui.engine.places).
    """
    text = _YEAR_RANGE.sub(_year_range, text.strip())
    if not text:
        return ParsedQuery(query.Every(), query.Every(), ())
    expanded, words, found = _expand_plain_runs(text, places)
    if not expanded:
        return ParsedQuery(query.Every(), query.Every(), ())
    try:
        strict = _parser(schema, AndGroup).parse(expanded)
        relaxed = _parser(schema, OrGroup.factory(0.9)).parse(expanded)
    except Exception:  # Whoosh raises many kinds of errors on odd syntax
        strict = relaxed = None
    if strict is None or strict is query.NullQuery or _has_error(strict):
        plain, words, found = _expand_plain_runs(plain_words(text), places)
        strict = _parser(schema, AndGroup).parse(plain)
        relaxed = _parser(schema, OrGroup.factory(0.9)).parse(plain)
    if families:
        strict, relaxed = widen(strict, families), widen(relaxed, families)
    if len(words) > 1 and " ".join(words) == text:
        strict = _with_phrase_bonus(strict, words, schema)
    return ParsedQuery(
        _only_negations(strict), _only_negations(relaxed), tuple(words), tuple(found)
    )


def widen(q: query.Query, families: Families) -> query.Query:
    """Let each word of the free-text fields also match its derivational family.

    A term becomes an OR of itself and its family's stems at FAMILY_WEIGHT: « essaimer »
    finds « essaimage », and an entry with the word as typed ranks above. A dictionary
    look-up per term, at most analyzers.derivation.MAX_FAMILY stems more. The phrase of a
    hyphenated word (« co-construire ») gets its variants too, one word changed at a time
    (« co-construction »); phrases the user quoted, and gapped ones (spans), are left as
    they are.
    """
    if type(q) is query.Term:
        others = families.get(q.text) if q.fieldname in TEXT_FIELDS else None
        if not others:
            return q
        weight = q.boost * FAMILY_WEIGHT
        return query.Or([q, *(query.Term(q.fieldname, other, boost=weight) for other in others)])
    if type(q) is query.Phrase and q.char_ranges is None and q.fieldname in TEXT_FIELDS:
        return _widen_compound(q, families)
    if q.is_leaf() or isinstance(q, SpanQuery):
        return q  # a phrase's words stay as written: a span holds no OR of terms
    return q.apply(lambda sub: widen(sub, families))


def _widen_compound(q: query.Phrase, families: Families) -> query.Query:
    """Return a hyphenated word's phrase or its variants with one word of another form."""
    weight = q.boost * FAMILY_WEIGHT
    variants = [
        query.Phrase(q.fieldname, [*q.words[:i], other, *q.words[i + 1 :]], q.slop, weight)
        for i, word in enumerate(q.words)
        for other in families.get(word, ())
    ]
    return query.Or([q, *variants]) if variants else q


def _with_phrase_bonus(strict: query.Query, words: list[str], schema) -> query.Query:
    """Rank higher the entries whose title or text has the words together, as typed.

    Not the name and source fields: a phrase over every field doubled the cost of
    multi-word queries for little gain.
    """
    phrase = f'"{" ".join(words)}"~2^{PHRASE_BONUS}'
    bonus = _parser(schema, AndGroup).parse(f"title:{phrase} OR description:{phrase}")
    if bonus is query.NullQuery or _has_error(bonus):
        return strict
    return query.AndMaybe(strict, bonus)


def _has_error(q: query.Query) -> bool:
    """Tell whether Whoosh left an error node (unbalanced syntax) in the parsed query."""
    return any(getattr(node, "error", None) for node in (q, *q.leaves()))


def _only_negations(q: query.Query) -> query.Query:
    """Make "-word" alone mean everything but word, rather than nothing."""
    if isinstance(q, query.Not):
        return query.AndNot(query.Every(), q.query)
    if (
        isinstance(q, query.And)
        and q.subqueries
        and all(isinstance(s, query.Not) for s in q.subqueries)
    ):
        return query.AndNot(query.Every(), query.Or([s.query for s in q.subqueries]))
    return q


def _year_range(match: re.Match[str]) -> str:
    """Write `2016..2018` as Whoosh's range, its bounds in order: `2018..2016` is the same."""
    low, high = sorted(match.groups())
    return f"year:[{low} TO {high}]"


def bound_expansions(q: query.Query, reader: IndexReader) -> query.Query:
    """Replace wildcards, prefixes and term ranges by at most MAX_EXPANSIONS terms.

    A wildcard whose literal start is shorter than MIN_WILDCARD_PREFIX is ignored, and so
    is `field:*`, which would visit every posting of the field: « innovation i* » is
    « innovation ». A query of nothing else matches nothing.
    """
    bounded = _bounded(q, reader)
    return query.NullQuery if bounded is _IGNORED else bounded


# What an ignored wildcard becomes: its compound query leaves it out (a NullQuery would empty
# an AND of the other words).
_IGNORED = type(query.NullQuery)()


def _bounded(q: query.Query, reader: IndexReader) -> query.Query:
    """Bound the expansions of `q`, or return _IGNORED when nothing of it is left."""
    if isinstance(q, query.Wildcard | query.Prefix):
        literal = re.split(r"[*?]", q.text, maxsplit=1)[0]
        if len(literal) < MIN_WILDCARD_PREFIX:
            return _IGNORED
        return _first_terms(q, reader)
    if isinstance(q, query.TermRange):
        return _first_terms(q, reader)
    if isinstance(q, query.Every) and q.fieldname is not None:
        return _IGNORED
    if q.is_leaf():
        return q
    if isinstance(q, query.BinaryQuery):  # AND MAYBE, AND NOT…: the second part qualifies
        a, b = _bounded(q.a, reader), _bounded(q.b, reader)
        return a if a is _IGNORED or b is _IGNORED else type(q)(a, b)
    if isinstance(q, query.CompoundQuery):
        kept = [b for b in (_bounded(sub, reader) for sub in q.subqueries) if b is not _IGNORED]
        if not kept:
            return _IGNORED
        compound = copy.copy(q)
        compound.subqueries = kept
        return compound
    wrapped = q.apply(lambda sub: _bounded(sub, reader))  # NOT, a boost…: all or nothing
    return _IGNORED if any(child is _IGNORED for child in wrapped.children()) else wrapped


def _first_terms(q: query.MultiTerm, reader: IndexReader) -> query.Query:
    """Return an OR of the first MAX_EXPANSIONS index terms a multi-term query stands for."""
    terms = []
    for term in expanded_terms(q, reader):
        terms.append(query.Term(q.fieldname, term))
        if len(terms) >= MAX_EXPANSIONS:
            break
    return query.Or(terms, boost=q.boost) if terms else query.NullQuery
