"""Round trips through a real Whoosh index: each writing of a query finds each writing in text."""

import pytest
from whoosh.fields import ID, TEXT, Schema
from whoosh.filedb.filestore import RamStorage
from whoosh.qparser import QueryParser

from analyzers import folded_analyzer, french_analyzer, use_gap_phrases

DOCS = {
    "hyphen": "Rôle et limites des tiers-lieux dans la fabrique des villes contemporaines.",
    "apart": "Les tiers lieux : de nouveaux espaces pour travailler autrement.",
    "gap": "Un tiers des lieux étudiés a fermé.",
    "cojoined": "Immersion, coconstruction et tests sont les maîtres mots de cette démarche.",
    "cohyphen": "L'usage du design dans la co-construction des politiques publiques.",
    "coapart": "Un mouvement de co construction s'accélère depuis une dizaine d'années.",
    "fabjoined": "En quête des living labs, fablabs et hackerspaces (France, Belgique).",
    "fabapart": "Des projets de coworking spaces, de living labs et de fab labs.",
    "fabhyphen": "Treize espaces multiformes (fab-labs, makerspaces) en région.",
    "region27": "Sylvine Bois-Choussy, 27ième Région. Juin 2018.",
    "accents": "Les collectivités font de plus en plus appel à l'innovation.",
    "qpv": "Les quartiers prioritaires de la politique de la ville (QPV).",
}


@pytest.fixture(scope="module", params=["default", "phrase"])
def index(request):
    schema = Schema(
        id=ID(stored=True, unique=True),
        text=TEXT(analyzer=french_analyzer(), stored=True, multitoken_query=request.param),
        exact=TEXT(analyzer=folded_analyzer(), multitoken_query=request.param),
    )
    ix = RamStorage().create_index(schema)
    with ix.writer() as writer:
        for key, text in DOCS.items():
            writer.add_document(id=key, text=text, exact=text)
    return ix


def search(ix, querystring: str, field: str = "text") -> set[str]:
    parser = use_gap_phrases(QueryParser(field, ix.schema))
    with ix.searcher() as searcher:
        return {hit["id"] for hit in searcher.search(parser.parse(querystring), limit=None)}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("tiers-lieux", {"hyphen", "apart"}),
        ('"tiers lieux"', {"hyphen", "apart"}),
        ('"tiers-lieux"', {"hyphen", "apart"}),
        ("tierslieux", {"hyphen", "apart"}),
        ("co construction", {"cojoined", "cohyphen", "coapart"}),
        ("coconstruction", {"cojoined", "cohyphen", "coapart"}),
        ("co-construction", {"cojoined", "cohyphen", "coapart"}),
        ('"co construction"', {"cojoined", "cohyphen", "coapart"}),
        ("fab lab", {"fabjoined", "fabapart", "fabhyphen"}),
        ("fablab", {"fabjoined", "fabapart", "fabhyphen"}),
        ("fab-lab", {"fabjoined", "fabapart", "fabhyphen"}),
        ('"fab lab"', {"fabjoined", "fabapart", "fabhyphen"}),
        ('"living labs"', {"fabjoined", "fabapart"}),
        ("27e Région", {"region27"}),
        ("27° Région", {"region27"}),
        ('"27^e région"', {"region27"}),
        ("collectivites", {"accents"}),
        ("Collectivité", {"accents"}),
        ('"politique de la ville"', {"qpv"}),
    ],
)
def test_every_writing_finds_every_writing(index, query, expected):
    assert search(index, query) >= expected


@pytest.mark.parametrize(
    ("query", "absent"),
    [
        ('"tiers des lieux"', {"hyphen", "apart"}),
        ('"politique de ville"', {"qpv"}),
        ('"lieux tiers"', {"hyphen", "apart", "gap"}),
    ],
)
def test_stop_word_gaps_count_in_phrases(index, query, absent):
    assert not search(index, query) & absent


def test_the_phrase_with_its_stop_word_finds_the_text_that_has_it(index):
    assert search(index, '"tiers des lieux"') == {"gap"}
    assert search(index, '"tiers des lieux"', field="exact") == {"gap"}


def test_a_hyphenated_query_is_a_phrase_when_the_field_says_so(index):
    found = search(index, "tiers-lieux")
    phrase = index.schema["text"].multitoken_query == "phrase"
    assert ("gap" in found) is not phrase


def test_the_phrase_tiers_lieux_skips_tiers_des_lieux(index):
    assert "gap" not in search(index, '"tiers-lieux"')
    assert "gap" not in search(index, '"tiers lieux"', field="exact")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("tiers-lieux", {"hyphen", "apart"}),
        ("fablabs", {"fabjoined", "fabapart", "fabhyphen"}),
        ("coconstruction", {"cojoined", "cohyphen", "coapart"}),
        ("collectivites", {"accents"}),
    ],
)
def test_the_folded_field_matches_compounds_too(index, query, expected):
    assert search(index, query, field="exact") >= expected
