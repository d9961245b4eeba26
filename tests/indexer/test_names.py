"""Person names (either order, "DUPONT Emmanuel", initials) told apart from organisations."""

from __future__ import annotations

import pytest

from indexer.extraction.authority import default_authority
from indexer.extraction.language import guess_language
from indexer.extraction.names import (
    classify_names,
    is_organisation,
    is_person,
    split_names,
    strip_role,
)

AUTHORITY = default_authority()
CGET = "Commissariat général à l'égalité des territoires (CGET)"
IAU = "Institut d'aménagement et d'urbanisme de la région Île-de-France (IAU)"


@pytest.mark.parametrize(
    "name",
    [
        "Weller Jean-Marc",  # surname first
        "Pallez Frédérique",
        "Jesper Christiansen",  # given name first
        "Jesper Christiansen (Senior Programme Manager)",
        "DUPONT Emmanuel",  # surname in capitals
        "PACHOD Bénédicte",
        "DUAN Paul",
        "E. Dupont",  # initial
        "R. Seillier",
        "Clémence Vidal de la Blache",  # particles
        "Marie-Alexandra Coste",  # compound given name
        "Richez-Battesti Nadine",  # compound surname
        "Ghorra-Gobin, Cynthia (ss. la dir.)",
        "Raphaël Besson",
        "Besson Raphaël",
        "Flavie Ferchaud",
        "Akim Oural",
        "Patrick Levy-Waitz",
        "Fuller Matt",
        "Gwenaëlle Le Goff",  # given names from INSEE's list, beyond the hand-kept ones
        "Ségolène Marchal",
        "Loïc Kerbrat",
        "Anne-Sophie Vidal",
        "Thibaut Carré",
    ],
)
def test_people(name):
    assert is_person(name, AUTHORITY)


@pytest.mark.parametrize(
    "name",
    [
        "CGET",
        "Département de Loire-Atlantique",
        "Agence de développement et d'urbanisme de Lille Métropole",
        "Fondation Travailler autrement",
        "Conseil & Recherche",
        "27e Région",
        "Cabinet Deloitte",
        "Presses universitaires du Midi",
        "Futurs Publics",
        "DINSIC",
        "Université Rennes 2",
    ],
)
def test_organisations(name):
    assert is_organisation(name, AUTHORITY)
    assert not is_person(name, AUTHORITY)


@pytest.mark.parametrize(
    "text",
    [
        "Sciences du Design",
        "Horizons publics",
        "Etude pour le CGET",
        "Retour d'expérience du Département de Loire-Atlantique",
        "Numéro spécial 39e rencontre des agences d'urbanisme",
        "Inscription gratuite",
        "France Tiers-Lieux",  # France is a given name, and names no person here
        "Villes de France",
    ],
)
def test_neither_people(text):
    assert not is_person(text, AUTHORITY)


@pytest.mark.parametrize(
    "line, authors, organisations, unknown",
    [
        ("Weller Jean-Marc, Pallez Frédérique", ["Weller Jean-Marc", "Pallez Frédérique"], [], []),
        ("Coblence Emmanuel, Vivant Elsa", ["Coblence Emmanuel", "Vivant Elsa"], [], []),
        (
            "Margetic Christine, Roth Hélène, Pouzenc Michael, et al.",
            ["Margetic Christine", "Roth Hélène", "Pouzenc Michael"],
            [],
            [],
        ),
        ("Ghorra-Gobin, Cynthia (ss. la dir.)", ["Ghorra-Gobin, Cynthia"], [], []),
        (
            "Godet Michel, Jarry Bruno, Chabaud Didier",
            ["Godet Michel", "Jarry Bruno", "Chabaud Didier"],
            [],
            [],
        ),
        (
            "CGET, DUPONT Emmanuel, PACHOD Bénédicte",
            ["DUPONT Emmanuel", "PACHOD Bénédicte"],
            [CGET],
            [],
        ),
        (
            "Antoine Chèvre, Clémence Vidal de la Blache, Marie-Alexandra Coste",
            ["Antoine Chèvre", "Clémence Vidal de la Blache", "Marie-Alexandra Coste"],
            [],
            [],
        ),
        ("IAU, Carine Camors, Cristina Lopez", ["Carine Camors", "Cristina Lopez"], [IAU], []),
        (
            "Fuller Matt, Lochard Anna, Conseil & Recherche, 27e Région",
            ["Fuller Matt", "Lochard Anna"],
            ["Conseil & Recherche", "La 27e Région"],
            [],
        ),
        (
            "DINSIC / CNFPT",
            [],
            [
                "Direction interministérielle du numérique et du système d'information et de "
                "communication de l'État (DINSIC)",
                "Centre national de la fonction publique territoriale (CNFPT)",
            ],
            [],
        ),
        (
            "ENA / ENSCI",
            [],
            [
                "École nationale d'administration (ENA)",
                "École nationale supérieure de création industrielle (ENSCI)",
            ],
            [],
        ),
        (
            "ADCF, ADGCF, Cabinet Deloitte",
            [],
            [
                "Assemblée des communautés de France (AdCF)",
                "Association des directeurs généraux des communautés de France (ADGCF)",
                "Deloitte",
            ],
            [],
        ),
        # only what precedes an unreadable part is read
        (
            "Patrick Levy-Waitz, avec l'appui du CGET représenté par E. Dupont et R. Seillier.",
            ["Patrick Levy-Waitz"],
            [],
            ["avec l'appui du CGET représenté par E. Dupont", "R. Seillier"],
        ),
        ("Etude pour le CGET", [], [], ["Etude pour le CGET"]),
        (
            "Gwenaëlle Le Goff, Loïc Kerbrat et Ségolène Marchal",
            ["Gwenaëlle Le Goff", "Loïc Kerbrat", "Ségolène Marchal"],
            [],
            [],
        ),
    ],
)
def test_classify_names(line, authors, organisations, unknown):
    names = classify_names(line, AUTHORITY)
    assert (names.authors, names.organisations, names.unknown) == (authors, organisations, unknown)


@pytest.mark.parametrize(
    "line, parts",
    [
        (
            "CGET / Préfecture des Hauts-de-France / Métropole européenne de Lille.",
            ["CGET", "Préfecture des Hauts-de-France", "Métropole européenne de Lille"],
        ),
        (
            "CNRS UMR 6590 Espaces et Sociétés (ESO), Université Rennes 2",
            ["CNRS UMR 6590 Espaces et Sociétés (ESO)", "Université Rennes 2"],
        ),
        ("Le Lab OuiShare & Chronos", ["Le Lab OuiShare", "Chronos"]),
    ],
)
def test_split_names(line, parts):
    assert split_names(line, AUTHORITY) == parts


@pytest.mark.parametrize(
    "name, bare",
    [
        ("Jesper Christiansen (Senior Programme Manager)", "Jesper Christiansen"),
        ("Ghorra-Gobin, Cynthia (ss. la dir.)", "Ghorra-Gobin, Cynthia"),
        ("Pouzenc Michael, et al.", "Pouzenc Michael"),
        ("Dupont Marie (dir.)", "Dupont Marie"),
    ],
)
def test_strip_role(name, bare):
    assert strip_role(name) == bare


@pytest.mark.parametrize(
    "title, language",
    [
        ("Fostering Innovation in the Public Sector", "en"),
        ("Policy Labs for public innovation. Exploring new ways of mandating change", "en"),
        ("Public policy labs in European Union members states", "en"),
        ("L'innovation publique en débat", "fr"),
        ('Smart city : "fiction" et innovation stratégique', "fr"),
        ("Urban Labs : un modèle sous haute tension", "fr"),
        ("POC book – proof of concept – Collectivités", "fr"),
        ("Sharitories. Mettre les pratiques collaboratives au service des villes moyennes", "fr"),
        (
            "Les « Ateneus de Fabricació » barcelonais et les « Laboratorios ciudadanos » "
            "madrilènes",
            "fr",
        ),
        ("Innovation dans le secteur public - Numéro spécial", "fr"),
    ],
)
def test_guess_language(title, language):
    assert guess_language(title) == language
