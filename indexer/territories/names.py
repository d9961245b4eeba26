"""Every name of a territory, folded to tokens, with the rule that makes a mention of it count.

A name is found by its folded tokens: accents, case and the hyphen or space between words do
not matter (« Ile de France » is « Île-de-France »), « St »/« Ste » stand for « Saint »/« Sainte ».
What makes it count is decided here, once per name, and checked in the text by `recognise`:
- capitals: the name's last capitalised word, and its first unless an article or a generic
  word (« île », « métropole », « communauté »…), have a capital in the text (« Tours », not
  « tours »; « île-de-France »); an acronym (« MEL », « PACA ») is written exactly; demonyms
  have none;
- a context, for the names in the stop list, for communes of fewer than 10,000 inhabitants,
  « Saint-… » communes of fewer than 20,000 and communes named like a first name of fewer
  than 50,000 (a commune named like a first name never counts before a capitalised word:
  « Nancy Fraser » is a person).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cache

from analyzers.folding import fold
from indexer.extraction.names import first_names
from indexer.territories.datafiles import abroad, aliases, demonyms, stoplist
from indexer.territories.gazetteer import Gazetteer, Territory, default_gazetteer

WORD = re.compile(r"[^\W_]+")
NO_CONTEXT, WEAK, STRICT = 0, 1, 2
SMALL_COMMUNE = 10_000
SMALL_SAINT = 20_000
FIRST_NAME_POPULATION = 50_000
ARTICLES = frozenset({"le", "la", "les", "l"})
# An EPCI's name begins with its type, abbreviated; the text spells it out.
EPCI_PREFIXES = {
    "CA": "Communauté d'agglomération",
    "CC": "Communauté de communes",
    "CU": "Communauté urbaine",
}
_PARTICLES = frozenset({"de", "du", "des", "d", "la", "l", "le", "les", "et", "en", "sur", "sous"})
_SAINTS = {"saint": "st", "sainte": "ste"}
# Words that begin a name and that a text may write in lower case: « métropole du Grand Paris ».
_GENERIC = frozenset({"ile", "metropole", "eurometropole", "communaute", "region", "pays"})


@dataclass(frozen=True, slots=True)
class Name:
    """One way of naming one territory, and what a mention of it needs to count."""

    code: str
    kind: str  # the territory's kind; "demonym" for an adjective
    capitals: tuple[int, ...] = ()  # the tokens that start with a capital in the text
    exact: tuple[str, ...] = ()  # tokens written exactly as here (acronyms)
    context: int = NO_CONTEXT
    population: int = 0
    department: str = ""  # the code that may follow in parentheses, « (35) »
    article: str = ""  # the article this form left out: « au Havre » is « Le Havre »
    given: bool = False  # named like a first name


def tokens(text: str) -> list[str]:
    """Return the folded tokens of a text: « Saint-Étienne » -> ['saint', 'etienne']."""
    return WORD.findall(fold(text))


class NameIndex:
    """Names by their folded key, and every prefix of a key, for a scan longest first."""

    def __init__(self) -> None:
        self.names: dict[str, list[Name]] = {}
        self.prefixes: set[str] = set()
        # First words of the names that may begin in lower case: demonyms, « île-de-France »,
        # « métropole du Grand Paris ». Any other name begins with a capital, so a scan starts
        # there only; and never at an article: at the capital after it (« la Rochelle »).
        self.lower_starts: set[str] = set()
        self.after_article: set[str] = set()

    def add(self, written: str, name: Name, words: list[str] | None = None) -> None:
        """Index one written name and its « St » form, with its key's prefixes."""
        words = tokens(written) if words is None else words
        if not words:
            return
        variants = [words]
        if any(word in _SAINTS for word in words):
            variants.append([_SAINTS.get(word, word) for word in words])
        for variant in variants:
            key = " ".join(variant)
            bucket = self.names.setdefault(key, [])
            if name not in bucket:
                bucket.append(name)
            for end in range(1, len(variant) + 1):
                self.prefixes.add(" ".join(variant[:end]))
            if 0 not in name.capitals:
                self.lower_starts.add(variant[0])
            if len(variant) > 1 and variant[0] in ARTICLES:
                self.after_article.add(variant[1])

    def __contains__(self, key: str) -> bool:
        return key in self.names


def _capitals(written: str) -> tuple[int, ...]:
    """Return the tokens a text must capitalise: the last capitalised, and the first one
    (after an article) unless it is a generic word.

    >>> _capitals("Saint-Étienne Métropole"), _capitals("Les Grands-Chézeaux")
    ((0, 2), (1, 2))
    >>> _capitals("La Rochelle"), _capitals("Île-de-France"), _capitals("européen")
    ((1,), (2,), ())
    """
    words = WORD.findall(written)
    capitals = [i for i, word in enumerate(words) if word[0].isupper()]
    if not capitals:
        return ()
    first = 1 if len(words) > 1 and fold(words[0]) in ARTICLES else 0
    if words[first][0].isupper() and fold(words[first]) not in _GENERIC:
        return tuple(sorted({first, capitals[-1]}))
    return (capitals[-1],)


def _acronym(written: str) -> tuple[str, ...]:
    """Return the tokens of an acronym-like name (« MEL », « IdF »), () for another name."""
    words = WORD.findall(written)
    if len(words) == 1 and len(words[0]) >= 2 and sum(c.isupper() for c in words[0]) >= 2:
        return tuple(words)
    return ()


def _needs(written: str, words: list[str], territory: Territory, first: frozenset[str]) -> int:
    """Return the context a name needs to count: none, weak (« à X ») or strict."""
    listed = stoplist().get(written)
    if listed:
        return STRICT if listed == "strict" else WEAK
    if territory.kind != "com":
        return NO_CONTEXT
    words = [w for w in words if w not in ARTICLES]
    if len(words) == 1 and words[0] in first:
        return WEAK if territory.population < FIRST_NAME_POPULATION else NO_CONTEXT
    if len(words) == 2 and words[0] in _SAINTS:
        return WEAK if territory.population < SMALL_SAINT else NO_CONTEXT
    if len(words) == 1 and territory.population < SMALL_COMMUNE:
        return WEAK
    return NO_CONTEXT


def _epci_names(name: str) -> list[str]:
    """Return how a text may write an EPCI: spelt out, and its own name when it has one.

    >>> _epci_names("CA du Grand Angoulême"), _epci_names("CU Caen la Mer")
    (["Communauté d'agglomération du Grand Angoulême"], ['Communauté urbaine Caen la Mer', \
'Caen la Mer'])
    """
    prefix, _, rest = name.partition(" ")
    if prefix not in EPCI_PREFIXES:
        return [name]
    written = [f"{EPCI_PREFIXES[prefix]} {rest}"]
    words = tokens(rest)
    significant = [w for w in words if w not in _PARTICLES]
    if words and words[0] not in _PARTICLES and len(significant) >= 2:
        written.append(rest)
    return written


def _add(index: NameIndex, written: str, territory: Territory, first: frozenset[str]) -> None:
    """Index a written name of a territory, with its form without article for a commune."""
    words = tokens(written)
    name = Name(
        territory.code,
        territory.kind,
        _capitals(written),
        _acronym(written),
        _needs(written, words, territory, first),
        territory.population,
        territory.department,
        given=len(words) == 1 and words[0] in first,
    )
    index.add(written, name, words)
    if territory.kind == "com" and len(words) > 1 and words[0] in ("le", "les"):
        capitals = tuple(i - 1 for i in name.capitals if i)
        stripped = replace(name, capitals=capitals, article=words[0])
        index.add(written, stripped, words[1:])


def build_index(gazetteer: Gazetteer, first: Iterable[str] = ()) -> NameIndex:
    """Index the gazetteer's names, the aliases, the places abroad and the demonyms."""
    first_folded = frozenset(fold(word) for word in first)
    index = NameIndex()
    # An EPCI's own name gives way to the name of another territory (« CC Jura Nord »).
    official = {" ".join(tokens(t.name)) for t in gazetteer if t.kind != "epci"}
    for territory in gazetteer:
        if territory.kind != "epci":
            _add(index, territory.name, territory, first_folded)
            continue
        for written in _epci_names(territory.name):
            if written == territory.name or " ".join(tokens(written)) not in official:
                _add(index, written, territory, first_folded)
    for written, code in aliases():
        _add(index, written, gazetteer[code], first_folded)
    for place in abroad():
        for written in place.variants:
            _add(index, written, gazetteer[place.code], first_folded)
    for form, code in demonyms():
        index.add(form, Name(code, "demonym"))
    return index


@cache
def default_index() -> NameIndex:
    """Build the index of the shipped gazetteer and data files (once per process)."""
    return build_index(default_gazetteer(), first_names())
