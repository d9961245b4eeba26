"""Derivational families: verb, noun and adjective of one base, « essaimer » and « essaimage ».

Snowball removes inflections and a few suffixes, so « évaluer » and « évaluation » already
share a stem, but « essaimer » (essaim) and « essaimage » (essaimag), « numériser »
(numeris) and « numérique » (numer), « cartographier » (cartographi) and « cartographie »
(cartograph) do not. Here two words are of one family when they are one base of at least
MIN_BASE letters with two suffixes of a pair in SUFFIX_PAIRS (« essaim » + er / age), both
are attested (in the corpus or in the shipped French word list) and one at least is in the
corpus. The family links their stems; a query for one stem may then ask for the others.

Whole words and known suffix pairs, rather than stems cut shorter, keep unrelated words
apart: no pair turns « commune » into « communication », « données » into « donner » or
« quartier » into « quart ». Stems the Snowball exclusions protect (data/stem_exclusions.txt)
join no family, and the pairs of data/derivation_exclusions.txt are never linked.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from analyzers.folding import fold
from analyzers.resources import data_lines
from analyzers.stemming import EXCLUSIONS, stem_variants

MIN_BASE = 5  # letters of the base shared by two words of a family (folded)
MAX_FAMILY = 6  # stems in a family; a larger chain keeps only each stem's direct links

# Suffix pairs on folded words: base + first and base + second are of one family; a third
# number is the pair's own shortest base, when MIN_BASE letters would leave out its words.
SUFFIX_PAIRS: tuple[tuple[str, str] | tuple[str, str, int], ...] = (
    ("er", "age"),  # essaimer, essaimage; piloter, pilotage
    ("er", "ement"),  # financer, financement
    ("er", "eur"),  # développer, développeur; aménager, aménageur
    ("er", "ation"),  # expérimenter, expérimentation
    ("er", "ateur"),
    ("iser", "ique"),  # numériser, numérique
    ("iser", "isation"),  # mutualiser, mutualisation
    ("isation", "ique"),
    ("iser", "isme"),  # urbaniser, urbanisme
    ("iser", "iste"),
    ("ique", "isme"),
    ("ique", "iste"),
    ("aliser", "al"),  # centraliser, central
    ("ier", "ie"),  # cartographier, cartographie
    ("ifier", "ification"),  # simplifier, simplification
    ("ir", "issement"),  # investir, investissement
    ("oire", "orial"),  # territoire, territorial
    ("ion", "ionnel"),  # institution, institutionnel; fonction, fonctionnel
    ("ion", "ional", 3),  # région, régional; nation, national (a short base: few such words)
    ("dre", "eur"),  # entreprendre, entrepreneur
    ("eur", "euriat"),  # entrepreneur, entrepreneuriat
    ("eur", "eurial"),  # entrepreneur, entrepreneurial
    ("ment", "mental"),  # département, départemental; gouvernement, gouvernemental
    ("ure", "urel"),  # structure, structurel
    ("arite", "aire"),  # solidarité, solidaire
    ("uire", "uction", 3),  # construire, construction; produire, production; réduire
    ("ire", "iption"),  # inscrire, inscription; décrire, description
    ("ir", "ition"),  # définir, définition
    ("ible", "ibilite"),  # accessible, accessibilité
    ("en", "ennete"),  # citoyen, citoyenneté
    ("if", "ivite"),  # créatif, créativité (Snowball joins most others)
    ("cevoir", "ception", 2),  # concevoir, conception; percevoir, perception
    ("ider", "ision", 3),  # décider, décision
    ("venir", "vention", 2),  # intervenir, intervention; prévenir, prévention
    ("vrir", "verture", 2),  # ouvrir, ouverture; couvrir, couverture
)


def load_excluded_pairs(name: str = "derivation_exclusions.txt") -> frozenset[frozenset[str]]:
    """Read "mot | mot" lines into pairs of folded stems never linked."""
    pairs = set()
    for line in data_lines(name):
        words = [word.strip() for word in line.split("|")]
        if len(words) != 2 or not all(words):
            raise ValueError(f"{name}: expected 'mot | mot', got {line!r}")
        pairs.add(frozenset(stem_variants(word.lower())[0] for word in words))
    return frozenset(pairs)


EXCLUDED_PAIRS = load_excluded_pairs()
_PROTECTED = frozenset(EXCLUSIONS.values())


def _singulars(folded: str) -> Iterable[str]:
    """Yield a folded word, its singular (« numeriques » -> numerique, « regionaux » ->
    regional) and for an adjective in -ale its masculine (« entrepreneuriales » ->
    entrepreneurial)."""
    singular = folded[:-1] if folded[-1:] in ("s", "x") and len(folded) > 3 else folded
    yield from dict.fromkeys((folded, singular))
    if folded.endswith("aux") and len(folded) > 5:
        yield folded[:-3] + "al"
    elif singular.endswith("ale"):
        yield singular[:-1]


def derivational_links(corpus: Iterable[str], lexicon: Mapping[str, str]) -> dict[str, set[str]]:
    """Return each stem's directly related stems, from the words of a corpus.

    CORPUS holds lowercase words as written; LEXICON maps folded French words to their
    spelling. Every link has one end at least among the corpus' words.
    """
    written: dict[str, str] = {}
    for word in corpus:
        if word.isalpha():
            written.setdefault(fold(word), word)
    links: dict[str, set[str]] = {}
    for folded, word in written.items():
        for form in _singulars(folded):
            for first, second, *shortest in SUFFIX_PAIRS:
                for have, other in ((first, second), (second, first)):
                    base = len(form) - len(have)
                    if base < (shortest or [MIN_BASE])[0] or not form.endswith(have):
                        continue
                    related = form[:base] + other
                    spelled = written.get(related) or lexicon.get(related)
                    if spelled is not None:
                        _link(links, word, spelled)
    return links


def _link(links: dict[str, set[str]], word: str, other: str) -> None:
    """Link the stems of two words (each accented and unaccented), unless excluded."""
    mine, theirs = stem_variants(word), stem_variants(other)
    if mine[0] == theirs[0] or frozenset((mine[0], theirs[0])) in EXCLUDED_PAIRS:
        return
    if _PROTECTED.intersection(mine) or _PROTECTED.intersection(theirs):
        return
    for a in mine:
        for b in theirs:
            if a != b:
                links.setdefault(a, set()).add(b)
                links.setdefault(b, set()).add(a)


def derivational_families(
    corpus: Iterable[str], lexicon: Mapping[str, str], indexed: Iterable[str] | None = None
) -> dict[str, tuple[str, ...]]:
    """Return stem -> the other stems of its family that the index holds, sorted.

    INDEXED are the stems the index holds (by default those of the corpus' words): only
    they are worth asking for. Keys may be stems of words the corpus lacks (« essaim », of
    « essaimer »), so that a query in a form no entry uses finds the family.

    >>> lexicon = {"essaimer": "essaimer", "numeriser": "numériser"}
    >>> families = derivational_families(["essaimage", "numérique"], lexicon)
    >>> families["essaim"], families["numeris"]
    (('essaimag',), ('numer',))
    """
    words = list(corpus)
    links = derivational_links(words, lexicon)
    if indexed is None:
        indexed = {variant for word in words for variant in stem_variants(word)}
    held = set(indexed)
    families: dict[str, tuple[str, ...]] = {}
    for stem in links:
        others = _component(links, stem) - {stem}
        found = tuple(sorted(others & held))
        if found:
            families[stem] = found
    return families


def _component(links: dict[str, set[str]], start: str) -> set[str]:
    """Return the stems reachable from START, or its direct links when they are too many."""
    seen = {start}
    todo = [start]
    while todo:
        for other in links[todo.pop()]:
            if other not in seen:
                seen.add(other)
                if len(seen) > MAX_FAMILY:
                    return {start, *links[start]}
                todo.append(other)
    return seen
