"""Line classes of the newsletter: bullets, noise, footer, "A découvrir", Markdown, masthead."""

from __future__ import annotations

import re

import pytest

from indexer.extraction.lines import (
    is_discover_heading,
    is_footer_start,
    is_noise,
    is_title_like,
    starts_lowercase,
    strip_bullet,
)
from indexer.extraction.markup import clean_inline, is_link_only
from indexer.extraction.masthead import read_masthead


@pytest.mark.parametrize(
    "line, bulleted, rest",
    [
        ("► L'innovation publique en débat.", True, "L'innovation publique en débat."),
        ("▶ Initiation à l'innovation publique", True, "Initiation à l'innovation publique"),
        ("• Initiation à l'innovation publique", True, "Initiation à l'innovation publique"),
        ("- ▶ **Le LAB Pôle Emploi**", True, "**Le LAB Pôle Emploi**"),
        ("- Les lieux de l'innovation", True, "Les lieux de l'innovation"),
        (
            "#Design #Innovation. De l'audace pour nos territoires.",
            False,
            "#Design #Innovation. De l'audace pour nos territoires.",
        ),
        ("-5 %", False, "-5 %"),
        ("Datagences Bretagne", False, "Datagences Bretagne"),
    ],
)
def test_strip_bullet(line, bulleted, rest):
    assert strip_bullet(line) == (bulleted, rest)


@pytest.mark.parametrize(
    "line",
    [
        "Lire l'interview de ses concepteurs",
        "Table des matières",
        "Introduction",
        "Informations et inscription",
        "Découvrir Nesta, fondation britannique pour l'innovation",
        "Sommaire :",
        "Version",
        "PDF",
        ">> S'abonner : accès direct à l'encart d'inscription",
    ],
)
def test_noise(line):
    assert is_noise(line)


@pytest.mark.parametrize(
    "line",
    [
        "Découvrir ce que l'administration fait de plus novateur en matière de services publics.",
        "Introduction à l'innovation publique",
        "Datagences Bretagne",
        "L'Actu de la transfo publique",
    ],
)
def test_not_noise(line):
    assert not is_noise(line)


@pytest.mark.parametrize(
    "line, footer",
    [
        ("Conception : Isabelle Rican & Sylvère Geniaux / Service de veille", True),
        (">> S'abonner : accès direct à l'encart d'inscription", True),
        (">> Nous contacter : enquelquesclics@cget.gouv.fr", True),
        ('Conformément à la loi "Informatique et libertés" du 6 janvier 1978, vous pouvez', True),
        ("Commissariat général à l'égalité des territoires", False),
    ],
)
def test_footer_start(line, footer):
    assert is_footer_start(line) is footer


@pytest.mark.parametrize(
    "line, heading",
    [
        ("A découvrir", True),
        ("À découvrir", True),
        ("A découvrir : des exemples de laboratoires d'innovation publique", True),
        ("A decouvrir", True),
        ("Découvrir ce que l'administration fait de plus novateur", False),
    ],
)
def test_discover_heading(line, heading):
    assert is_discover_heading(line) is heading


@pytest.mark.parametrize(
    "line, expected",
    [
        ("société et au monde. Il est d'ailleurs", True),  # a page-break fragment
        ("d'investissements d'avenir.", True),
        ("« Startups d'État »", False),
        ("Général des Communautés de France (ADGCF)", False),
    ],
)
def test_starts_lowercase(line, expected):
    assert starts_lowercase(line) is expected


@pytest.mark.parametrize(
    "line, expected",
    [
        ("Datagences Bretagne", True),
        ("beta.gouv.fr : réseau des incubateurs de Startups d'État", True),
        ("Horizons publics, septembre 2018. En ligne.", False),  # a source line
        ("les habitants de Rennes et les passants.", False),  # a fragment
        ("Organisée par LIEN du CGET et le Lab 110 bis, laboratoire public du ministère,", False),
    ],
)
def test_title_like(line, expected):
    assert is_title_like(line) is expected


@pytest.mark.parametrize(
    "markdown, text",
    [
        ("► **Policy Labs for public innovation.**", "► Policy Labs for public innovation."),
        (
            "***Urbanisme*, supplément au n° 410, octobre 2018. pp.12-14**",
            "Urbanisme, supplément au n° 410, octobre 2018. pp.12-14",
        ),
        (
            "*Note rapide sur l'économie, n°755, septembre 2017. 6 p*",
            "Note rapide sur l'économie, n°755, septembre 2017. 6 p",
        ),
        ("▶ *Informations et inscription*", "▶ Informations et inscription"),
        ("la 39^e Rencontre des agences d'urbanisme", "la 39e Rencontre des agences d'urbanisme"),
        (
            ">> S'abonner : accès direct à [l'encart d'inscription](#)",
            ">> S'abonner : accès direct à l'encart d'inscription",
        ),
        (
            "un bulletin **# Innovation publique et territoires**, pour",
            "un bulletin # Innovation publique et territoires, pour",
        ),
        ("du **15 octobre au 30 novembre 2018**.", "du 15 octobre au 30 novembre 2018."),
    ],
)
def test_clean_inline(markdown, text):
    assert clean_inline(markdown) == text


@pytest.mark.parametrize(
    "line, only_links",
    [
        ("► [Rapport](#) ► [Synthèse](#)", True),
        ("[Version](#)", True),
        ("[PDF](#)", True),
        ("• [Rapport](https://example.org/r.pdf) | [Synthèse](#)", True),
        (">> S'abonner : accès direct à [l'encart d'inscription](#)", False),
        ("Découvrir **Nesta, fondation britannique pour l'innovation**", False),
    ],
)
def test_link_only_lines(line, only_links):
    assert is_link_only(line) is only_links


def test_masthead_of_the_seed(seed_text):
    from indexer.extraction.readers import normalise_text, text_lines

    texts = [clean_inline(line.text) for line in text_lines(normalise_text(seed_text))]
    issue = read_masthead(texts)
    assert issue.label == "En quelques clics — Hors-Série #2 — octobre 2018"
    assert (issue.year, issue.month) == (2018, 10)
    assert issue.theme == "Innovation publique & Territoires"
    assert issue.sections == [
        "Concevoir autrement les politiques publiques",
        "Le design de services publics",
        "L'innovation, un levier pour les territoires",
        "Co-construction et démarche participative, source d'innovation",
        "Les lieux de l'innovation",
        "Diffuser et partager une culture de l'innovation",
        "Agenda",
    ]
    assert texts[issue.body_start] == "Version"  # the body begins after the summary


@pytest.mark.parametrize(
    "head, label",
    [
        (
            ["Veille & territoires", "EN QUELQUES CLICS", "n° 80", "juin 2019"],
            "En quelques clics — n° 80 — juin 2019",
        ),
        (
            ["En quelques clics", "Hors-série 3", "mars 2019", "Mobilités"],
            "En quelques clics — Hors-Série #3 — mars 2019",
        ),
    ],
)
def test_masthead_forms(head, label):
    assert read_masthead(head).label == label


def test_inline_cleanup_collapses_every_kind_of_whitespace():
    spaces = [chr(c) for c in range(0x110000) if re.fullmatch(r"\s", chr(c))]
    assert len(spaces) > 20  # tabs, no-break and em spaces, separators…
    for space in spaces:
        text = f"{space}Tiers{space}{space}lieux{space}"
        assert clean_inline(text) == "Tiers lieux", hex(ord(space))
