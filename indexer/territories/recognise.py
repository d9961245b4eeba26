"""Recognise the places a text names: one scan of its folded tokens, longest name first.

`Recogniser.mentions` reads a text's chunks between spaces, each split into folded tokens once
and cached with the tokens where a name may start: a word that begins some name and has a
capital, or that may begin one in lower case (a demonym, « île »). Only there does it extend
the key while it is the prefix of some name (the article before is tried first: « La
Rochelle »), then tries the names found, longest first, and keeps the first that counts by
its rule (`names.Name`): « Saint-Étienne Métropole » before « Saint-Étienne »,
« Loire-Atlantique » before « Loire ». No regular expression per name: one dict of keys.

A mention's context is read around it: the word before it, past « de », « du », « la »…
(« ville de », « département de la », « à », « en »), the département's code after it, a first
name before it (« Magali Castex » is a person), a street or a church before it (« rue de
Paris »). Homonymous communes keep the one far more populous, or the one inside a place the
text names otherwise; else the mention is dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from analyzers.folding import fold
from indexer.extraction.names import first_names
from indexer.territories.gazetteer import Gazetteer, default_gazetteer
from indexer.territories.names import (
    ARTICLES,
    SMALL_COMMUNE,
    STRICT,
    WEAK,
    Name,
    NameIndex,
    default_index,
)

_BACK = frozenset({"de", "du", "des", "d", "la", "l", "le", "les"})
# A word before a name that makes it a street, a building or a feast, not the place.
_BLOCKERS = frozenset({
    "rue", "avenue", "boulevard", "bd", "place", "quai", "allee", "impasse", "chemin", "route",
    "square", "cours", "eglise", "cathedrale", "basilique", "chapelle", "abbaye", "lycee",
    "college", "gare", "hopital", "pont", "porte", "canal", "faubourg", "quartier", "stade", "fete",
})  # fmt: skip
# A word before a name that says what kind of place it is: a strict context.
_NAMING = {
    "com": frozenset({"ville", "commune", "mairie", "municipalite", "agglomeration"}),
    "dep": frozenset({"departement", "departemental", "departementale", "prefecture"}),
    "reg": frozenset({"region", "regional", "regionale"}),
}
_WEAK_BEFORE = {"com": frozenset({"à", "À"}), "int": frozenset({"à", "À", "en", "En"})}
_WEAK_BEFORE["dep"] = _WEAK_BEFORE["reg"] = frozenset({"en", "En"})
_ARTICLE_AFTER = {"le": frozenset({"au", "du"}), "les": frozenset({"aux", "des"})}


# Words, and punctuation marks as tokens of their own: a comma or a parenthesis parts a
# name from what follows. Hyphens and apostrophes join the words of a name (« Côte-d'Or »).
TOKEN = re.compile(r"\w+|[^\w\s'’-]")
_CHUNK_CACHE = 50_000  # chunks with their tokens: a few tens of MB at most


def _code_after(folded: list[str], end: int) -> str:
    """Return the code that follows a name, « 93 » in « Saint-Denis (93) », or ""."""
    if end < len(folded) and folded[end] == "(":
        end += 1
    return folded[end] if end < len(folded) and folded[end][:1].isdigit() else ""


@dataclass(frozen=True, slots=True)
class Mention:
    """A place named in a text: its code (several for homonyms still open) and its words."""

    codes: tuple[str, ...]
    text: str


class Recogniser:
    """Find the territories a text names, with a precompiled index of every name."""

    def __init__(self, index: NameIndex, gazetteer: Gazetteer, first: frozenset[str]) -> None:
        self._index = index
        self._gazetteer = gazetteer
        self._first = first
        self._chunks: dict[str, tuple[list[str], list[str], tuple[int, ...]]] = {}

    @property
    def gazetteer(self) -> Gazetteer:
        """Return the gazetteer the names come from."""
        return self._gazetteer

    def mentions(self, text: str) -> list[Mention]:
        """Return the places a text names, in order, homonymous communes still open."""
        original: list[str] = []
        folded: list[str] = []
        starts: list[int] = []
        known = self._chunks.get
        for chunk in text.split():
            words, folds, firsts = known(chunk) or self._chunk(chunk)
            if firsts:
                starts += [len(folded) + first for first in firsts]
            original += words
            folded += folds
        found: list[Mention] = []
        done = 0
        for i in starts:
            if i < done:
                continue
            # A name may begin with the article before its capital: « La Rochelle ».
            if i > done and folded[i - 1] in ARTICLES:
                mention = self._match(i - 1, original, folded) or self._match(i, original, folded)
            else:
                mention = self._match(i, original, folded)
            if mention:
                found.append(mention[0])
                done = mention[1]
        return found

    def _match(self, i: int, original: list[str], folded: list[str]) -> tuple[Mention, int] | None:
        """Return the longest name at token i that counts, and the token after it."""
        names, prefixes = self._index.names, self._index.prefixes
        key, ends, j, count = folded[i], [], i + 1, len(folded)
        if key not in prefixes:
            return None
        while True:
            if key in names:
                ends.append((j, key))
            if j >= count:
                break
            key = f"{key} {folded[j]}"
            j += 1
            if key not in prefixes:
                break
        for end, key in reversed(ends):
            accepted = [n for n in names[key] if self._counts(n, i, end, original, folded)]
            if accepted:
                codes = self._narrow(accepted, _code_after(folded, end))
                return Mention(codes, " ".join(original[i:end])), end
        return None

    def _chunk(self, chunk: str) -> tuple[list[str], list[str], tuple[int, ...]]:
        """Split a chunk between spaces into words and marks, folded, and where a name may start.

        Texts repeat their chunks (« de », « l'innovation », « Paris, »): each is read once.
        """
        if len(self._chunks) >= _CHUNK_CACHE:
            self._chunks.clear()
        words = TOKEN.findall(chunk)
        folds = [fold(word) for word in words]
        index = self._index
        firsts = tuple(
            k
            for k, word in enumerate(folds)
            if (word in index.prefixes or word in index.after_article)
            and word not in ARTICLES
            and (word in index.lower_starts or words[k][0].isupper())
        )
        self._chunks[chunk] = (words, folds, firsts)
        return words, folds, firsts

    def codes(self, text: str) -> frozenset[str]:
        """Return the codes of the territories a text names (no closure)."""
        return self.resolve(self.mentions(text))

    def resolve(self, mentions: Sequence[Mention], around: Iterable[str] = ()) -> frozenset[str]:
        """Settle homonyms with the other places named (« Saint-Denis » and « La Réunion »)
        and those given as context; return the codes."""
        sure = {code for m in mentions if len(m.codes) == 1 for code in m.codes}
        around = self._gazetteer.closure(sure.union(around))
        codes = set(sure)
        for mention in mentions:
            if len(mention.codes) > 1:
                inside = [c for c in mention.codes if self._gazetteer.ancestors(c) & around]
                if len(inside) == 1:
                    codes.update(inside)
        return frozenset(codes)

    def _counts(
        self, name: Name, start: int, end: int, original: list[str], folded: list[str]
    ) -> bool:
        """Tell whether a name found at tokens [start, end) counts, by its rule."""
        before = folded[start - 1] if start else ""
        if name.kind == "demonym":
            return before != "en"  # « en espagnol » is a language
        if name.exact:
            if tuple(original[start:end]) != name.exact:
                return False
        else:
            for capital in name.capitals:
                if not original[start + capital][0].isupper():
                    return False
        if name.article and before not in _ARTICLE_AFTER[name.article]:
            return False
        back = start - 1
        while back >= 0 and back >= start - 3 and folded[back] in _BACK:
            back -= 1
        head = folded[back] if back >= 0 else ""
        if head in _BLOCKERS:
            return False
        if start and original[start - 1][0].isupper() and before in self._first:
            return False  # « Magali Castex »
        if name.given and end < len(original) and original[end][0].isupper():
            return False  # « Nancy Fraser »
        if not name.context:
            return True
        if head in _NAMING.get(name.kind, ()) or (
            name.department and _code_after(folded, end) == name.department.lower()
        ):
            return True
        if name.context == STRICT:
            return False
        weak = _WEAK_BEFORE.get(name.kind, frozenset())
        return name.context == WEAK and (
            (start > 0 and original[start - 1] in weak) or bool(name.article)
        )

    def _narrow(self, accepted: list[Name], code_after: str) -> tuple[str, ...]:
        """Keep the most specific of several territories one name may be."""
        codes = {name.code for name in accepted}
        if len(codes) == 1:
            return (accepted[0].code,)
        ancestors = self._gazetteer.ancestors
        codes = {code for code in codes if not any(code in ancestors(c) for c in codes)}
        communes = sorted(
            {(n.population, n.code) for n in accepted if n.kind == "com" and n.code in codes},
            reverse=True,
        )
        if any(code.startswith("int-") for code in codes):  # Montréal is not the small commune
            communes = [c for c in communes if c[0] >= SMALL_COMMUNE]
        numbered = [c for c in communes if self._gazetteer[c[1]].department.lower() == code_after]
        if len(numbered) == 1:
            communes = numbered
        if len(communes) > 1 and communes[0][0] >= 2 * communes[1][0]:
            communes = communes[:1]
        others = {code for code in codes if not code.startswith("com-")}
        return tuple(sorted(others | {code for _, code in communes}))


@cache
def default_recogniser() -> Recogniser:
    """Return the recogniser of the shipped gazetteer and data files (built once)."""
    first = frozenset(fold(word) for word in first_names())
    return Recogniser(default_index(), default_gazetteer(), first)


def recognise(text: str) -> frozenset[str]:
    """Return the codes of the territories a text names, with the shipped data.

    >>> sorted(recognise("Le parcours des Rennais, de Saint-Etienne Métropole à Gand"))
    ['com-35238', 'epci-244200770', 'int-BE']
    """
    return default_recogniser().codes(text)
