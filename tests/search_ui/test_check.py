"""« Déjà dans le corpus ? »: references written in other styles find their entry first."""

from __future__ import annotations

import pytest

from analyzers import fold
from indexer.build.vocabulary import count_words
from search_ui.engine.check import (
    FOUND,
    MAX_CORRECTED_WORDS,
    MAX_LOOKUP_WORDS,
    MAX_REFERENCE_LENGTH,
    check,
    lookup_words,
    title_similarity,
)

# (reference as a documentalist might paste it, start of the seed title it designates)
KNOWN = [
    ("Besson R. (2017). Rôle et limites des tiers-lieux dans la fabrique des villes "
     "contemporaines. Territoire en mouvement, 34.", "Rôle et limites des tiers-lieux"),
    ("Role et limite des tiers lieu dans la fabrique des ville contemporaine",
     "Rôle et limites des tiers-lieux"),
    ("Manifeste pour l'innovation publique", "Manifeste pour l'innovation publique"),
    ("IAU (2017). De la smart city à la région intelligente", "De la Smart city à la Région"),
    ("OCDE 2017 Fostering innovation in the public sector", "Fostering Innovation in the Public"),
    ("Christiansen J., Policy labs for public innovation, Nesta 2016", "Policy Labs for public"),
    ("Inovation dans le secteur publique numero special", "Innovation dans le secteur public"),
    ("GODET M., JARRY B., CHABAUD D. Innovation et territoires. Population & Avenir, 2018",
     "Innovation et territoires. Les limites"),
    ("Levy-Waitz P. Faire ensemble pour mieux vivre ensemble, Fondation Travailler autrement",
     "Faire ensemble pour mieux vivre ensemble"),
    ("Ferchaud F., Fabriques numériques, action publique et territoire, thèse, Rennes 2, 2018",
     "Fabriques numériques, action publique"),
    ("Raphaël Besson, « Urban Labs : un modèle sous haute tension », The Conversation, 2018",
     "Urban Labs : un modèle sous haute tension"),
    ("APUR, 2017. La ville autrement : initiatives citoyennes", "La ville autrement"),
    ("Vers un urbanisme collaboratif (FNAU, Gallimard, 2017)", "Vers un urbanisme collaboratif"),
    ("Coblence E., Vivant E. (2017) Le design est-il soluble dans l'administration ?",
     "Le design est-il soluble dans l'administration"),
    ("Weller, Pallez – Les formes d'innovation publique par le design. Sciences du design 2017",
     "Les formes d'innovation publique par le design"),
    ("PUCA 2018 Des villes en décroissance", "Des villes en décroissance"),
    ("Une banque de l'innovation sociale au service de l'expérimentation (CGET, En Bref n°37)",
     "Une banque de l'innovation sociale"),
    ("Etude sur l'innovation dans les quartiers de la politique de la ville, CGET, Algoé 2017",
     "Étude sur l'innovation dans les quartiers"),
    ("l'economie collaborative reservoir d'innovations pour les territoires",
     "L'économie collaborative, réservoir"),
    ("Terres d'innovations : Paris, Métropole du Grand Paris, Région Île-de-France. APUR/IAU",
     "Terres d'innovations"),
    ("Les incubateurs dans la Métropole du Grand Paris", "Les incubateurs dans la Métropole"),
    ("Oural A., L'innovation au pouvoir, rapport, SGMAP 2015", "L'innovation au pouvoir"),
    ("Public Policy Labs in EU Member States (JRC 2016)", "Public policy labs in European"),
]  # fmt: skip

UNKNOWN = [
    "Smith J. (2019). Urban resilience in coastal cities. Elsevier.",
    "Le vélo en ville : politiques cyclables, Cerema 2020",
    "L'innovation publique dans les collectivités territoriales, 2019",
    "Les villes intelligentes, IAU 2019",
    "Agriculture urbaine et circuits courts, ADEME, 2021",
    "Dupont A. La gouvernance des métropoles européennes. PUF, 2015",
]


@pytest.mark.parametrize(("reference", "expected"), KNOWN, ids=[k[1] for k in KNOWN])
def test_known_reference_finds_its_entry_first(service, reference, expected):
    result = check(reference, service.candidates(reference))
    assert result.candidates[0].record["title"].startswith(expected)
    assert result.verdict in ("found", "possible")


def test_most_known_references_are_found_outright(service):
    verdicts = [check(ref, service.candidates(ref)).verdict for ref, _ in KNOWN]
    assert verdicts.count("found") >= len(KNOWN) - 2


@pytest.mark.parametrize("reference", UNKNOWN)
def test_unknown_reference_is_not_found(service, reference):
    assert check(reference, service.candidates(reference)).verdict == "not_found"


@pytest.mark.parametrize(
    ("title", "reference", "low", "high"),
    [
        ("Vers un urbanisme collaboratif", "VERS UN URBANISME COLLABORATIF", 1.0, 1.0),
        ("Manifeste pour l'innovation publique. Concevoir autrement les politiques publiques",
         "Manifeste pour l’innovation publique", 0.9, 1.0),
        ("Sharitories. Mettre les pratiques collaboratives au service des villes moyennes",
         "Sharitories : mettre les pratiques collaboratives au service des villes moyennes. "
         "Rapport d'exploration", 1.0, 1.0),
        ("Vers un urbanisme collaboratif", "Le vélo en ville", 0.0, 0.1),
    ],
)  # fmt: skip
def test_title_similarity(title, reference, low, high):
    assert low <= title_similarity(title, reference) <= high


def test_scores_and_matching_fields_are_reported(service):
    reference = "Godet M. Innovation et territoires, 2018"
    best = check(reference, service.candidates(reference)).candidates[0]
    assert best.matched["year"] == 1.0 and best.matched["authors"] > 0
    assert 0 < best.score <= 1


def test_the_lookup_takes_the_rarest_corpus_words_and_a_few_unknown_ones(service, records):
    title = "Rôle et limites des tiers-lieux dans la fabrique des villes contemporaines"
    descriptions = " ".join(r["description"] for r in records)
    reference = f"{title} inexistantissime. {descriptions}"[:MAX_REFERENCE_LENGTH]
    counts = count_words(service.all_records())  # what the index's vocabulary holds
    known, unknown = lookup_words(reference, counts)
    assert len(known) == MAX_LOOKUP_WORDS and len(unknown) <= MAX_CORRECTED_WORDS
    assert "inexistantissime" in unknown
    assert all(fold(word) in fold(reference[:300]) for word in known)  # the citation's words
    title_words = {w for w in fold(title).replace("-", " ").split() if counts.get(w)}
    left_out = title_words - set(known)
    assert left_out and max(counts[w] for w in known) <= min(counts[w] for w in left_out)


def test_a_long_reference_still_finds_its_entry(service, records):
    """A citation followed by 2,000 characters of other text still finds its entry."""
    entry = next(r for r in records if r["title"].startswith("Vers un urbanisme collaboratif"))
    noise = " ".join(r["description"] for r in records if r["id"] != entry["id"])
    reference = f"{entry['title']} ({entry['publishers'][0]}, {entry['year']}). {noise}"
    reference = reference[:MAX_REFERENCE_LENGTH]
    result = check(reference, service.candidates(reference))
    assert result.verdict == "found"
    assert result.candidates[0].record["id"] == entry["id"]


def test_a_title_under_another_year_is_no_match_for_sure(records):
    title = "L'innovation dans les territoires périurbains"
    real = next(r for r in records if r["title"].startswith(title))
    reused = real | {"id": "autre", "year": real["year"] - 5, "authors": []}
    authors = ", ".join(name.split()[0] for name in real["authors"])
    reference = f"{authors} ({real['year']}). « {real['title']} »"
    result = check(reference, [reused, real])
    assert [c.record["id"] for c in result.candidates] == [real["id"], "autre"]
    assert result.verdict == "found" and result.candidates[1].score < FOUND


def test_a_word_of_an_organisations_name_does_not_name_it(records):
    reference = "Région Occitanie. Le laboratoire d'innovation publique de la région, 2018"
    labs = [r for r in records if any(p.startswith("Région ") for p in r["publishers"])]
    assert labs  # the seed's regional labs, published by « Région Bretagne »…
    for candidate in check(reference, labs, limit=len(labs)).candidates:
        assert "publishers" not in candidate.matched, candidate.record["publishers"]


def test_a_pasted_title_puts_its_own_entry_before_shorter_titles_it_contains(records):
    """« Faire la ville autrement » is inside the pasted title of another entry: both
    titles are wholly in the reference, but only one is the reference."""
    pasted = "Semaine de l'innovation publique : innover pour faire la ville autrement"
    own = {**records[0], "id": "own", "title": pasted, "year": 2019}
    shorter = {**records[1], "id": "short", "title": "Faire la ville autrement", "year": 2017}
    main = {**records[2], "id": "main", "title": "Semaine de l'innovation publique", "year": 2016}
    for order in ([shorter, main, own], [own, shorter, main], [main, own, shorter]):
        result = check(pasted, order)
        assert result.candidates[0].record["id"] == "own"
        assert result.candidates[0].score > result.candidates[1].score


def test_an_entry_address_or_id_designates_the_entry(service, records):
    entry = records[10]
    for reference in (entry["id"], f"http://127.0.0.1:5000/entry/{entry['id']}"):
        result = check(reference, service.candidates(reference))
        assert result.verdict == "found"
        assert (result.candidates[0].record["id"], result.candidates[0].score) == (entry["id"], 1)
