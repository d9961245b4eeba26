"""The document-type rule table: cues in an entry's texts to docs/data-model.md's vocabulary."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analyzers.folding import fold
from indexer.extraction.doctypes import default_rules, doc_type, parse_rules

PUB, RES, EVENT = "publication", "resource", "event"


@pytest.mark.parametrize(
    "kind, texts, expected",
    [
        (EVENT, {"title": 'Appel à projet "Défis Cartes Blanches "'}, "appel à projets"),
        (EVENT, {"title": "Appels à projets 2019"}, "appel à projets"),
        (EVENT, {"title": "Semaine de l'innovation publique : 5° édition"}, "événement"),
        (EVENT, {"title": "Initiation à l'innovation publique"}, "événement"),
        (PUB, {"title": "Manifeste pour l'innovation publique"}, "manifeste"),
        (PUB, {"notes": "Thèse de Doctorat soutenue le 5 février 2018"}, "thèse"),
        (
            PUB,
            {"title": "Des villes en décroissance. Synthèse du séminaire Altergrowth"},
            "synthèse",
        ),
        (PUB, {"title": "Actes du colloque"}, "actes"),
        (PUB, {"notes": "Catalogue de l'exposition"}, "catalogue"),
        (PUB, {"lead": "Un guide d'action de 10 tactiques illustrées"}, "guide"),
        (PUB, {"title": "POC book – proof of concept – Collectivités"}, "guide"),
        (PUB, {"lead": "Numéro spécial 39e rencontre des agences d'urbanisme."}, "numéro de revue"),
        (PUB, {"title": "Innovation dans le secteur public - Numéro spécial"}, "numéro de revue"),
        (PUB, {"cues": "dossier"}, "dossier"),  # "Dossier CNFPT, janvier 2018"
        (PUB, {"lead": "Ce dossier se situe à l'intersection"}, "dossier"),
        (PUB, {"lead": "L'objectif de ce cahier est de faire un point"}, "dossier"),
        (PUB, {"source": "Note rapide Économie, n° 782, juillet 2018. 6 p"}, "note"),
        (PUB, {"source": "Le 4 Pages de l'Agence #24, juin 2018. 4 p"}, "note"),
        (PUB, {"source": "En Bref, n° 37, 4/2017. 4 p"}, "note"),
        (PUB, {"source": "Regards de l'Agam n° 62 – ECONOMIE, août 2017. 12 p"}, "note"),
        (PUB, {"lead": "Cette note propose de construire une nouvelle forme"}, "note"),
        (PUB, {"source": "Sciences du Design, 2017/1 (n° 5), p. 32-51"}, "article"),
        (PUB, {"source": "Population & Avenir, n° 738, 3/2018. pp.4-7"}, "article"),
        (PUB, {"description": "L'article montre comment les initiatives solidaires"}, "article"),
        (PUB, {"source": "Horizons publics, septembre 2018"}, "article"),  # a journal
        (PUB, {"cues": "etude"}, "étude"),  # "Etude CGET, Futurs Publics, SGMAP"
        (PUB, {"title": "Étude sur l'innovation dans les quartiers"}, "étude"),
        (PUB, {"notes": "Rapport à Marylise Lebranchu"}, "rapport"),
        (PUB, {"publishers": "Gallimard"}, "ouvrage"),
        (PUB, {"publishers": "Presses universitaires du Midi"}, "ouvrage"),
        (PUB, {"description": "Cet ouvrage donne à voir le parcours"}, "ouvrage"),
        (PUB, {"description": "Ce rapport examine comment"}, "rapport"),
        (PUB, {"description": "L'étude souligne enfin"}, "étude"),
        (PUB, {}, "rapport"),  # a citable document without any cue
        (
            RES,
            {"title": "Le MOOC « Comment faire un laboratoire d'innovation publique ? »"},
            "mooc",
        ),
        (RES, {"title": 'Web-série "Les éclaireurs de la transfo"'}, "vidéo"),
        (RES, {"lead": "Newsletter de la Délégation interministérielle"}, "newsletter"),
        (RES, {"title": "Le LAB Pôle Emploi"}, "laboratoire"),
        (RES, {"title": "Le Lab' de France Stratégie"}, "laboratoire"),
        (RES, {"title": "TiLab. Le Laboratoire régional d'innovation publique"}, "laboratoire"),
        (RES, {"lead": "Ce portail vise à apporter une meilleure connaissance"}, "plateforme"),
        (RES, {"title": "L'Observatoire de l'innovation dans le secteur public"}, "plateforme"),
        (RES, {"title": "Chaire partenariale en innovation publique ENA/ENSCI"}, "programme"),
        (RES, {"title": "beta.gouv.fr : réseau des incubateurs de Startups d'État"}, "programme"),
        (RES, {"lead": "Formation-action proposée par l'équipe"}, "formation"),
        (RES, {}, "plateforme"),
    ],
)
def test_rule_table(kind, texts, expected):
    assert doc_type(kind, texts) == expected


def test_rules_are_tried_in_order_and_by_kind():
    rules = parse_rules(
        "# comment\n"
        "guide\tpublication\ttitle\t\\bguide\\b\n"
        "rapport\tpublication,resource\ttitle\t\\brapport\\b\n"
    )
    assert doc_type(PUB, {"title": "Guide et rapport"}, rules) == "guide"
    assert doc_type(RES, {"title": "Guide et rapport"}, rules) == "rapport"
    assert doc_type(EVENT, {"title": "Guide et rapport"}, rules) == "autre"
    assert doc_type(PUB, {"title": "Étude"}, rules) == "autre"


def test_patterns_match_folded_text():
    rules = parse_rules("thèse\tpublication\ttitle\t\\bthese\\b\n")
    assert doc_type(PUB, {"title": "THÈSE de doctorat"}, rules) == "thèse"


@pytest.mark.parametrize(
    "line",
    [
        "brochure\tpublication\ttitle\t.\n",  # not in the vocabulary
        "rapport\tpublication\tabstract\t.\n",  # unknown field
    ],
)
def test_parse_rules_refuses_unknown_types_and_fields(line):
    with pytest.raises(ValueError, match="unknown type or field"):
        parse_rules(line)


def first_matching_rule(kind: str, texts: dict[str, str]) -> str:
    """The table read plainly: every rule in order, every field it names, no shortcut."""
    for rule in default_rules():
        if kind in rule.kinds:
            for name in rule.fields:
                if name == "any" or rule.pattern.search(fold(texts.get(name, ""))):
                    return rule.doc_type
    return "autre"


CUES = [
    "Rapport", "étude", "Thèse", "dossier", "note rapide", "4 pages", "guide", "MOOC",
    "vidéos", "plateforme", "catalogue", "Actes", "cet article", "l'ouvrage", "p. 12-38",
    "Éditions", "lab", "formation", "Numéro spécial", "appel à projets", "synthèse", "le",
]  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(
    kind=st.sampled_from([PUB, RES, EVENT]),
    texts=st.dictionaries(
        st.sampled_from(["title", "notes", "cues", "source", "lead", "description", "publishers"]),
        st.lists(st.sampled_from(CUES), max_size=3).map(" ".join),
    ),
)
def test_literal_shortcut_keeps_the_first_matching_rule(kind, texts):
    assert doc_type(kind, texts) == first_matching_rule(kind, texts)


@settings(max_examples=300, deadline=None)
@given(
    lead=st.lists(st.sampled_from([*CUES, "Œuvre", "ÉTUDE", "é"]), max_size=3).map(" ".join),
    rest=st.lists(st.sampled_from([*CUES, "œ", "́"]), max_size=3).map("".join),
)
def test_a_description_opening_on_its_lead_is_read_whole(lead, rest):
    texts = {"lead": lead, "description": lead + rest}
    assert doc_type(PUB, texts) == first_matching_rule(PUB, texts)
