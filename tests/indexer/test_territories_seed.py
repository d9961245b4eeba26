"""Every entry of the seed issue and the territories it is about, read by hand.

Each row was written by reading the entry (title, source, description) and its publishers in
seeds/2018-10_hors-serie-2_innovation-publique-et-territoires.txt, not copied from output:
`named` are the places the text names, `published` the territories of its publishers
(indexer/data/territories/publishers.tsv). The test checks there are no others, and that the
entry's codes are exactly those closed upward.
"""

from __future__ import annotations

import pytest

from indexer.extraction.entry import Entry
from indexer.territories import default_gazetteer, tag_entry

# Communes
BREST, GRANDE_SYNTHE, GRENOBLE, LILLE = "com-29019", "com-59271", "com-38185", "com-59350"
LORIENT, LYON, MARSEILLE, NANTES = "com-56121", "com-69123", "com-13055", "com-44109"
PARIS, QUIMPER, RENNES, SAINT_ETIENNE = "com-75056", "com-29232", "com-35238", "com-42218"
TOULOUSE, VITRY = "com-31555", "com-94081"
# EPCI
AMP, MEL, MGP = "epci-200054807", "epci-200093201", "epci-200054781"
NANTES_METROPOLE, RENNES_METROPOLE, SEM = "epci-244400404", "epci-243500139", "epci-244200770"
# Départements and régions
COTES_D_ARMOR, LOIRE_ATLANTIQUE = "dep-22", "dep-44"
BRETAGNE, HAUTS_DE_FRANCE, IDF, PACA = "reg-53", "reg-32", "reg-11", "reg-93"
# Abroad
BELGIQUE, ALLEMAGNE, ESPAGNE, EUROPE, USA = "int-BE", "int-DE", "int-ES", "int-EU", "int-US"

# id -> (what the row is, places named, territories of the publishers)
SEED: dict[str, tuple[str, set[str], set[str]]] = {
    "ec191bba531f": ("#Design #Innovation, Traits d'agences", set(), set()),
    "932fdc9503f1": ("L'innovation publique en débat", set(), set()),
    "c41c13abced4": ("Innovation dans le secteur public", set(), set()),
    "597227c684bf": ("Construire l'innovation publique: parcours, not Tours",
                     set(), {LOIRE_ATLANTIQUE}),
    "a8afd051e670": ("Manifeste pour l'innovation publique", set(), set()),
    "b80f17eb9b73": ("Fostering Innovation in the Public Sector", set(), set()),
    "a2c42d16f4df": ("Policy Labs: the Commission Européenne", {EUROPE}, set()),
    "1069702d6317": ("Pourquoi évaluer…: la 27° Région is no région", set(), set()),
    "d4e61cf3b080": ("Une veille sur l'innovation publique", set(), set()),
    "71ccd0f1c614": ("L'Actu de la transfo publique", set(), set()),
    "f8777e2bf5c1": ("L'innovation à tous les étages", set(), set()),
    "e5ed6b6a5ff6": ("La démarche design (ADULM)", set(), {LILLE}),
    "ac6c467d13a4": ("Les formes d'innovation publique par le design", set(), set()),
    "abecc30c8565": ("Design des usages: Ville de Nantes, Nantes Métropole",
                     {NANTES, NANTES_METROPOLE}, set()),
    "6a4b603ee8c1": ("Le design est-il soluble: en France", set(), set()),
    "4bcc1d79b93d": ("POC book: Lille Métropole", {MEL}, {LILLE}),
    "94c3d298ad99": ("École Boule, 12 projets pour Rennes Métropole",
                     {RENNES_METROPOLE, RENNES}, {RENNES}),
    "db0004a907cf": ("Saint-Etienne Métropole, la région stéphanoise",
                     {SEM, SAINT_ETIENNE}, {SAINT_ETIENNE}),
    "97a3e573de78": ("Carrefour des innovations sociales", set(), set()),
    "5689e75d7893": ("Urbis le Mag: Magali Castex is a person", set(), set()),
    "620f01d76b27": ("Les campagnes européennes, d'Europe", {EUROPE}, set()),
    "9cc6337b4bcc": ("la ville de Vitry-sur-Seine", {VITRY}, set()),
    "785fd2e89e44": ("Villes en décroissance: Allemagne, États-Unis, Grande-Synthe, "
                     "Cleveland, Saint-Étienne",
                     {ALLEMAGNE, USA, GRANDE_SYNTHE, SAINT_ETIENNE}, set()),
    "a0bda079ec04": ("Smart city : fiction", set(), set()),
    "766a3ca163fc": ("De la Smart city à la Région intelligente: Île-de-France, Franciliens",
                     {IDF}, {IDF}),
    "f994d85cbfc6": ("Innover pour faire la ville autrement (ADULM)", set(), {LILLE}),
    "0db5f7473890": ("ESS, territoire et régime de solidarité", set(), set()),
    "5f6849b537b6": ("Terres d'innovations. Paris - Métropole du Grand Paris - Île-de-France",
                     {PARIS, MGP, IDF}, {IDF, PARIS}),
    "327628223a5e": ("Innovation et territoires: en France", set(), set()),
    "cf27bc8153b6": ("Une banque de l'innovation sociale", set(), set()),
    "eda27dad008e": ("L'innovation dans les quartiers: parcours", set(), set()),
    "40618409900e": ("L'innovation territoriale", set(), set()),
    "6ebb83179cfc": ("L'innovation au pouvoir", set(), set()),
    "c23f66a07883": ("Datagences Bretagne: bretonnes, Quimper, Côtes d'Armor",
                     {BRETAGNE, QUIMPER, COTES_D_ARMOR},
                     {BREST, LORIENT, RENNES, QUIMPER, COTES_D_ARMOR}),
    "233412d113aa": ("Quand l'innovation publique devient collaborative", set(), set()),
    "fa9ab0fa5cf0": ("Innovations dans les projets urbains", set(), set()),
    "de3735ebf99e": ("L'économie collaborative (IAU)", set(), {IDF}),
    "0885312de801": ("Le service public citoyen", set(), set()),
    "04e6020a7a45": ("Ateneus barcelonais, Laboratorios madrilènes: (Besson, 2012) is a person",
                     {ESPAGNE}, set()),
    "92f0fbd0b3e0": ("Métropole AMP, Aix-Marseille-Provence", {AMP}, {MARSEILLE}),
    "69c719d5be4e": ("Co-construction territoriale", set(), set()),
    "9aee02d881c0": ("Vers un urbanisme collaboratif", set(), set()),
    "1f736d4af1b0": ("Sharitories: en Europe", {EUROPE}, set()),
    "5400de0fb954": ("La ville autrement: la Métropole du Grand Paris", {MGP}, {PARIS}),
    "31573c8aaa85": ("50 propositions", set(), set()),
    "0e360e6037bd": ("Faire la ville autrement: Rennes, métropoles européennes",
                     {RENNES, EUROPE}, {RENNES}),
    "1f29828bca59": ("Faire ensemble pour mieux vivre ensemble", set(), set()),
    "4ed874af295f": ("Urban Labs", set(), set()),
    "ab8d044dcf14": ("Plateformes d'innovation: franciliennes et parisiennes",
                     {IDF, PARIS}, set()),
    "1611fc99aed9": ("Les incubateurs dans la Métropole du Grand Paris: Paris&Co, Ville de Paris",
                     {MGP, PARIS}, {PARIS}),
    "0e0ea9bf9d9a": ("Fabriques numériques (France, Belgique): Rennes, Toulouse, Gand",
                     {BELGIQUE, EUROPE, RENNES, TOULOUSE}, {RENNES}),
    "7145c6ae3a41": ("Les espaces de travail collaboratifs: parcours résidentiel", set(), set()),
    "9df4a527cb11": ("Tiers-lieux: (Marseille, Paris, Barcelone, Grenoble, Lyon, Madrid)",
                     {ESPAGNE, MARSEILLE, PARIS, GRENOBLE, LYON}, set()),
    "7756c703b465": ("Les tiers lieux: le territoire francilien", {IDF}, {IDF}),
    "e603d9e88f03": ("Les nouveaux lieux de l'innovation: d'Europe", {EUROPE}, {MARSEILLE}),
    "b7d332d85936": ("Public policy labs in European Union members states", {EUROPE}, set()),
    "6231e8d07e26": ("110 bis", set(), set()),
    "64fce138b44f": ("Le LAB Pôle Emploi", set(), set()),
    "1552b6f9495a": ("Le Lab' de France Stratégie", set(), set()),
    "193be894b21d": ("TiLab: la région Bretagne", {BRETAGNE}, {BRETAGNE}),
    "1ad4abe2e2c0": ("Région Provence-Alpes-Côte d'Azur", {PACA}, {PACA}),
    "4307d4f2b179": ("Initiation à l'innovation publique: Paris 7ème", {PARIS}, set()),
    "950d48c6e622": ("Créer des services publics numériques innovants", set(), set()),
    "da72c38537f3": ("Web-série", set(), set()),
    "c77ff3a5f8c6": ("Le MOOC", set(), set()),
    "b4e217c767d9": ("Chaire ENA/ENSCI", set(), set()),
    "736aa24e878c": ("Changement d'échelle", set(), set()),
    "5aec6ab95997": ("Ensemble, accélérons !", set(), set()),
    "0133b203facf": ("Futurs Publics", set(), set()),
    "c43833c5ebbf": ("beta.gouv.fr", set(), set()),
    "974f3b14b73a": ("Entrepreneur.e d'intérêt général", set(), set()),
    "b799f22ba7ac": ("L'Observatoire de l'innovation dans le secteur public", set(), set()),
    "a92a8cc39878": ("Journées (R)évolutions (Préfecture des Hauts-de-France, MEL)",
                     set(), {HAUTS_DE_FRANCE, MEL}),
    "d725b6bbb208": ("39° Rencontre de la FNAU (ADULM, MEL)", set(), {LILLE, MEL}),
    "f0dcd1db2998": ("Initiation à l'innovation publique", set(), set()),
    "3e9a4e15d32c": ("Semaine de l'innovation publique", set(), set()),
    "d5921549775a": ("Défis Cartes Blanches", set(), set()),
}  # fmt: skip


@pytest.fixture(scope="module")
def seed_by_id(seed_entries: list[Entry]) -> dict[str, Entry]:
    return {entry.id: entry for entry in seed_entries}


def test_the_table_covers_every_seed_entry(seed_by_id: dict[str, Entry]) -> None:
    assert len(SEED) == 77
    assert set(SEED) == set(seed_by_id)


@pytest.mark.parametrize("entry_id", sorted(SEED), ids=lambda key: f"{key}-{SEED[key][0][:30]}")
def test_entry_territories(entry_id: str, seed_by_id: dict[str, Entry]) -> None:
    _, named, published = SEED[entry_id]
    tags = tag_entry(seed_by_id[entry_id])
    assert set(tags.named) == named, "places named: missing or extra"
    assert set(tags.publishers) == published, "publishers' territories: missing or extra"
    closed = default_gazetteer().closure(named | published)
    assert tags.codes == closed
    assert tags.within == closed - named - published


def test_a_few_closures_read_by_hand() -> None:
    gazetteer = default_gazetteer()
    assert gazetteer.closure([RENNES]) == {RENNES, RENNES_METROPOLE, "dep-35", BRETAGNE}
    assert gazetteer.closure([SEM]) == {SEM, "dep-42", "reg-84"}
    assert gazetteer.closure([MGP]) == {MGP, IDF}  # it spans six départements
    assert gazetteer.closure([COTES_D_ARMOR]) == {COTES_D_ARMOR, BRETAGNE}
    assert gazetteer.closure([ESPAGNE]) == {ESPAGNE, EUROPE}
    assert gazetteer.closure([USA]) == {USA}
