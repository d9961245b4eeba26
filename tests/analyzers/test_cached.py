"""The word-cached analyzers give exactly the tokens of the chains they wrap."""

from __future__ import annotations

import pytest

from analyzers import folded_analyzer, french_analyzer

HARD_TEXTS = [
    "",
    "   ",
    "Les tiers-lieux et l'innovation : l'État, les collectivités et le 27e Région",
    "fab lab, FabLab, fablab ; smart city et villes intelligentes",
    "de la des du le la les",  # stop words only
    "c'est-à-dire aujourd'hui jusqu’au 1er décembre, la 39^e rencontre",
    "co-construction coconstruction co construction « guillemets » et œuvres",
    "innovation innovation innovation publique innovation",
    "l’État\u202fet  les\u3000tiers-lieux,\tles 2e et 3e Assises (Lab' de l'OPSI)",
]


def seed_texts(seed_text: str) -> list[str]:
    """Every line of the seed issue, and the hard cases."""
    return HARD_TEXTS + [line for line in seed_text.splitlines() if line.strip()]


def token_tuples(analyzer, text: str, **options) -> list[tuple]:
    """The tokens an analyzer yields, as (text, position, start, end, stopped)."""
    return [
        (t.text, t.pos, t.startchar, t.endchar, t.stopped)
        for t in analyzer(text, positions=True, chars=True, **options)
    ]


@pytest.mark.parametrize("make", [french_analyzer, folded_analyzer])
@pytest.mark.parametrize("mode", ["index", "query"])
@pytest.mark.parametrize("removestops", [True, False])
def test_replayed_tokens_are_the_chains_tokens(seed_text, make, mode, removestops):
    cached = make()
    texts = seed_texts(seed_text)
    for _ in range(2):  # the first time fills the cache, the second replays from it
        for text in texts:
            expected = token_tuples(cached.chain, text, mode=mode, removestops=removestops)
            got = token_tuples(cached, text, mode=mode, removestops=removestops)
            assert got == expected, text


@pytest.mark.parametrize("make", [french_analyzer, folded_analyzer])
def test_term_positions_group_the_chains_tokens(seed_text, make):
    cached = make()
    for text in seed_texts(seed_text) * 2:
        expected: dict[str, list[int]] = {}
        for text_, pos, *_ in token_tuples(cached.chain, text, mode="index"):
            expected.setdefault(text_, []).append(pos)
        assert list(cached.term_positions(text, "index").items()) == list(expected.items()), text
