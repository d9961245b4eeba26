"""The places a query names: a région, a département, a commune, an EPCI, an alias or a
demonym; or the world outside France (« à l'étranger », « autres pays », « international »).

A place found in a query's plain words becomes those words as text OR the entries about it
or about any place inside it (the facet field `territory` holds every code closed upward),
the entries that name it (or are published there) ranking first (`territory_named`,
boosted): see `search_ui.engine.querying`.

Recognition is the index's own (`indexer.territories.recognise`), once over the query, with
one difference: users type in lower case. A lowercase word that some territory's name holds
(« rennes », « hauts-de-france ») is given its capital before the scan, so the names' rules
still apply: the stop list's names need their context (« tours », « nord », « orange » stay
words, « à tours » is the place), and so do small communes; but a query made of a name typed
with its capital and nothing else (« Nord ») is the place. Typed in lower case, a commune
counts only from LOWERCASE_COMMUNE inhabitants and when it is not a common word
(`indexer/data/territories/lowercase_words.txt`: « vannes », « nice », « maçon »).

The words that mean « outside France » (ABROAD_WORDS) stand for every place abroad: the
entries about any of them (ABROAD, place_codes), or holding the words. A documentalist
asking for « l'innovation publique dans les autres pays » wants the policy labs of the
European Union and the ateneus of Barcelona, which never say « pays ».
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from analyzers.folding import fold
from indexer.facet_specs import facet
from indexer.territories import default_recogniser
from indexer.territories.datafiles import read_rows
from indexer.territories.names import default_index
from indexer.territories.recognise import TOKEN
from search_ui.engine.facets import FacetIndex

TERRITORY = facet("territory").key
LOWERCASE_COMMUNE = 20_000  # inhabitants: smaller communes must be written with a capital
# Words of names that never need a capital: capitalising them would change nothing but the
# rule against a capitalised word after a first name.
_PARTICLES = frozenset({"de", "du", "des", "d", "la", "l", "le", "les", "et", "en", "sur", "sous"})
ABROAD = "int"  # the code a query's « à l'étranger » is given: every place abroad
ABROAD_NAME = "l'étranger"
# Folded words meaning « outside France », elisions dropped; the longest first.
ABROAD_WORDS = (
    ("hors", "de", "france"),
    ("autres", "pays"),
    ("pays", "etrangers"),
    *((word,) for word in ("etranger", "etrangers", "etrangere", "etrangeres")),
    *((word,) for word in ("international", "internationaux", "internationale", "internationales")),
)
_ELISION = re.compile(r"^[a-z]{1,2}['’]")
# The contexts in which a name alone in a query is read: a département or région, a commune.
_CONTEXTS = ("en", "à")
_MAX_NAME_WORDS = 4


@dataclass(frozen=True)
class QueryPlace:
    """A place a query names: the query's words that name it (as typed), its code and name."""

    start: int  # the first word, an index into the words given to `find_places`
    end: int  # the word after the last
    code: str
    name: str


@cache
def _name_words() -> frozenset[str]:
    """Return every folded word of every territory name, aliases and demonyms included."""
    return frozenset(
        word for key in default_index().names for word in key.split() if word not in _PARTICLES
    )


@cache
def lowercase_words() -> frozenset[str]:
    """Return the folded names that, typed in lower case, are words (`lowercase_words.txt`)."""
    return frozenset(fold(row[0].strip()) for row in read_rows("lowercase_words.txt"))


def _capitalised(word: str) -> str:
    """Give a lowercase word its capital when a territory's name holds it: « rennes »."""
    if not word[:1].islower() or fold(word) not in _name_words():
        return word
    first = word[0].upper()
    return first + word[1:] if len(first) == 1 else word


def find_places(words: Sequence[str]) -> list[QueryPlace]:
    """Return the places a run of plain query words names, in order, each with its words.

    >>> [(p.start, p.end, p.name) for p in find_places("les tiers-lieux à rennes".split())]
    [(3, 4, 'Rennes')]
    >>> find_places(["tours", "nord", "orange"])
    []
    >>> [(p.code, p.name) for p in find_places(["Nord"])]  # a name typed alone is the place
    [('dep-59', 'Nord')]
    """
    if not words:
        return []
    abroad = _abroad(words)
    taken = {n for place in abroad for n in range(place.start, place.end)}
    named = [
        place
        for place in _named_places(words)
        if not taken.intersection(range(place.start, place.end))
    ]
    if not abroad and not named:
        named = _name_alone(words)
    return sorted([*abroad, *named], key=lambda place: place.start)


def _name_alone(words: Sequence[str]) -> list[QueryPlace]:
    """Return the place that words typed with a capital name on their own: « Nord », « Var »,
    « Loire » need a context in a text (« en Nord »), but a query of the name and nothing
    else asks for the place."""
    if not words or len(words) > _MAX_NAME_WORDS or not words[0][:1].isupper():
        return []
    for context in _CONTEXTS:
        framed = _named_places([context, *words])
        if len(framed) == 1 and (framed[0].start, framed[0].end) == (1, len(words) + 1):
            return [QueryPlace(0, len(words), framed[0].code, framed[0].name)]
    return []


def _abroad(words: Sequence[str]) -> list[QueryPlace]:
    """Return the runs of words that mean « outside France » (ABROAD_WORDS)."""
    bare = [_ELISION.sub("", fold(word).lower()) for word in words]
    found: list[QueryPlace] = []
    n = 0
    while n < len(bare):
        size = next((len(w) for w in ABROAD_WORDS if tuple(bare[n : n + len(w)]) == w), 0)
        if size:
            found.append(QueryPlace(n, n + size, ABROAD, ABROAD_NAME))
        n += size or 1
    return found


def place_codes(place: QueryPlace) -> tuple[str, ...]:
    """Return the territory codes of the entries about a place: its own, or for ABROAD the
    places abroad that nothing contains (codes are closed upward)."""
    if place.code == ABROAD:
        return default_recogniser().gazetteer.abroad_roots
    return (place.code,)


def _named_places(words: Sequence[str]) -> list[QueryPlace]:
    """Return the places of the gazetteer a run of plain query words names."""
    recogniser = default_recogniser()
    gazetteer = recogniser.gazetteer
    capitalised = [
        "".join(_capitalised(part) if part[:1].isalpha() else part for part in _parts(word))
        for word in words
    ]
    # Each token of the scan, with the query word it comes from.
    tokens = [(token, n) for n, word in enumerate(capitalised) for token in TOKEN.findall(word)]
    mentions = recogniser.mentions(" ".join(capitalised))
    settled = recogniser.resolve(mentions)
    places: list[QueryPlace] = []
    at = 0
    for mention in mentions:
        found = _locate(mention.text.split(" "), tokens, at)
        if found is None:
            continue
        first, at = found
        start, end = tokens[first][1], tokens[at - 1][1] + 1
        codes = [code for code in mention.codes if len(mention.codes) == 1 or code in settled]
        if len(codes) != 1:
            continue  # a homonym the query does not settle
        code = codes[0]
        typed = all(capitalised[n] == words[n] for n in range(start, end))
        if typed or _counts_in_lower_case(code, mention.text):
            places.append(QueryPlace(start, end, code, gazetteer.name(code)))
    return places


def _parts(word: str) -> list[str]:
    """Split a word into runs of letters and the rest (« tiers-lieux » -> tiers, -, lieux)."""
    parts: list[str] = []
    for char in word:
        if parts and parts[-1][-1].isalpha() == char.isalpha():
            parts[-1] += char
        else:
            parts.append(char)
    return parts


def _locate(wanted: list[str], tokens: list[tuple[str, int]], at: int) -> tuple[int, int] | None:
    """Return where the tokens `wanted` next follow each other from `at`: (first, after)."""
    size = len(wanted)
    for first in range(at, len(tokens) - size + 1):
        if [token for token, _ in tokens[first : first + size]] == wanted:
            return first, first + size
    return None


def _counts_in_lower_case(code: str, text: str) -> bool:
    """Tell whether a place found only once capitalised stands for itself: any but a small
    commune, or a commune whose name is a common word."""
    territory = default_recogniser().gazetteer[code]
    if territory.kind != "com":
        return True
    return territory.population >= LOWERCASE_COMMUNE and fold(text) not in lowercase_words()


def absent_places(places: Sequence[QueryPlace], facets: FacetIndex) -> list[str]:
    """Return the names of the places no entry of the index is about, each once."""
    about = facets.values.get(TERRITORY, {})
    return list(
        dict.fromkeys(
            place.name
            for place in places
            if not any(about.get(code) for code in place_codes(place))
        )
    )


def not_naming(words: Sequence[str], names: Sequence[str]) -> list[str]:
    """Return the words that are no word of these places' names (said of the places)."""
    named = {word for name in names for word in TOKEN.findall(fold(name))}
    return [word for word in words if not set(TOKEN.findall(fold(word))) <= named]
