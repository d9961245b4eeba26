"""The domain thesaurus: rings of equivalent phrasings a query may be widened with."""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass, field

from analyzers.analyzers import query_terms
from analyzers.resources import data_lines

Key = tuple[str, ...]


@dataclass(frozen=True)
class Thesaurus:
    """Synonym rings, each member reachable by its analysed terms."""

    rings: tuple[tuple[str, ...], ...]
    by_key: dict[Key, int] = field(repr=False)
    longest: int = 1

    @classmethod
    def from_lines(cls, lines: Iterable[str]) -> Thesaurus:
        """Build and check rings from "terme | synonyme | …" lines; raise ValueError if unsound."""
        rings: list[tuple[str, ...]] = []
        by_key: dict[Key, int] = {}
        for line in lines:
            members = tuple(member.strip() for member in line.split("|") if member.strip())
            if len(members) < 2:
                raise ValueError(f"thesaurus: a ring needs two members or more: {line!r}")
            for member in members:
                key = tuple(query_terms(member))
                if not key:
                    raise ValueError(f"thesaurus: {member!r} has only stop words ({line!r})")
                if key in by_key:
                    other = rings[by_key[key]] if by_key[key] < len(rings) else members
                    raise ValueError(f"thesaurus: {member!r} repeats a member of {other}")
                by_key[key] = len(rings)
            rings.append(members)
        longest = max((len(key) for key in by_key), default=1)
        return cls(tuple(rings), by_key, longest)

    def ring(self, phrase: str) -> tuple[str, ...]:
        """Return the ring PHRASE belongs to (in any inflection), or just PHRASE."""
        index = self.by_key.get(tuple(query_terms(phrase)))
        return (phrase,) if index is None else self.rings[index]

    def synonyms(self, phrase: str) -> list[str]:
        """Return PHRASE as written followed by its equivalents, for one OR group."""
        key = tuple(query_terms(phrase))
        index = self.by_key.get(key)
        if index is None:
            return [phrase]
        return [phrase, *(m for m in self.rings[index] if tuple(query_terms(m)) != key)]

    def expand_query(self, text: str) -> list[list[str]]:
        """Cut TEXT into groups of alternatives: thesaurus phrases widened, other words alone.

        "innovation publique et ESS" -> [["innovation publique", "public innovation", …],
        ["et"], ["ESS", "économie sociale et solidaire"]]. The first item of each group is
        the text as written; joining the first items gives TEXT back (spaces normalised).
        """
        words = text.split()
        terms = [query_terms(word) for word in words]
        groups: list[list[str]] = []
        i = 0
        while i < len(words):
            found = None
            if terms[i]:
                # Longest phrase first: "laboratoire d'innovation publique" beats
                # "laboratoire d'innovation"; a phrase neither starts nor ends on a stop word.
                for j in range(len(words), i, -1):
                    key = tuple(itertools.chain.from_iterable(terms[i:j]))
                    if len(key) > self.longest:
                        continue
                    if terms[j - 1] and key in self.by_key:
                        found = j
                        break
            if found is None:
                groups.append([words[i]])
                i += 1
            else:
                groups.append(self.synonyms(" ".join(words[i:found])))
                i = found
        return groups

    def expand(self, text: str, limit: int = 16) -> list[str]:
        """Return TEXT and up to LIMIT - 1 equivalent phrasings of it, TEXT first."""
        groups = self.expand_query(text)
        phrasings = itertools.islice(itertools.product(*groups), limit)
        return [" ".join(choice) for choice in phrasings]


def load_thesaurus(name: str = "thesaurus.txt") -> Thesaurus:
    """Load a thesaurus file shipped in analyzers/data/."""
    return Thesaurus.from_lines(data_lines(name))


THESAURUS = load_thesaurus()


def synonyms(phrase: str) -> list[str]:
    """Return PHRASE followed by its equivalents from the shipped thesaurus."""
    return THESAURUS.synonyms(phrase)


def expand_query(text: str) -> list[list[str]]:
    """Cut TEXT into OR groups of equivalent phrasings from the shipped thesaurus."""
    return THESAURUS.expand_query(text)


def expand(text: str, limit: int = 16) -> list[str]:
    """Return TEXT and its equivalent phrasings from the shipped thesaurus, TEXT first.

    >>> expand("OCDE")[:2]
    ['OCDE', 'OECD']
    """
    return THESAURUS.expand(text, limit)
