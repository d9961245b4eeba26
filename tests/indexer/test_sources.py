"""Source lines: page counts, "En ligne", "[en anglais]", and who made the document."""

from __future__ import annotations

import pytest

from indexer.extraction.authority import default_authority
from indexer.extraction.lines import is_source_line, strip_markers
from indexer.extraction.sources import Imprint, page_count, read_source_line

OCTOBER_2018 = (2018, 10)


@pytest.mark.parametrize(
    "line, pages",
    [
        ("Traits d'agences n°33, automne 2018. 28 p.", 28),
        ("Revue Internationale des Sciences Administratives, 2018/2 (Vol. 84), 224 p.", 224),
        (
            "Agence d'urbanisme de l'agglomération marseillaise (AGAM), mars 2018. 116 p. + 48 p.",
            164,
        ),
        ("SGMAP, Futurs publics, 2014. 4 p", 4),
        ("*Note rapide sur l'économie, n°755, septembre 2017. 6 p*", 6),
        ("CNRS UMR 6590 Espaces et Sociétés (ESO), Université Rennes 2, 2018. 607 p.", 607),
        ("2018. 35 p.", 35),
        ("1 200 p.", 1200),
        ("Sciences du Design, 2017/1 (n° 5), p. 32-51.", None),
        ("Management & Avenir, 2017/7 (N° 97), p. 105-127.", None),
        ("Population & Avenir, n° 738, 3/2018. pp.4-7", None),
        ("Urbanisme, supplément au n° 410, octobre 2018. pp.12-14", None),
        ("Horizons publics, septembre 2018. En ligne.", None),
        ("Au Lab110bis, Paris 7ème.", None),
    ],
)
def test_page_count(line, pages):
    assert page_count(line) == pages


@pytest.mark.parametrize(
    "line, core, online, language",
    [
        (
            "Horizons publics, septembre 2018. En ligne.",
            "Horizons publics, septembre 2018",
            True,
            None,
        ),
        (
            "Sylvine Bois-Choussy, 27ième Région. Juin 2018. En ligne",
            "Sylvine Bois-Choussy, 27ième Région. Juin 2018",
            True,
            None,
        ),
        ("Dossier CNFPT, janvier 2018. En ligne", "Dossier CNFPT, janvier 2018", True, None),
        ("OECD, 2017. 254 p. [en anglais]", "OECD, 2017. 254 p", False, "anglais"),
        ("Epures, janvier 2015. 132 p.", "Epures, janvier 2015. 132 p", False, None),
    ],
)
def test_markers_are_read_and_removed(line, core, online, language):
    assert strip_markers(line) == (core, online, language)


@pytest.mark.parametrize(
    "line",
    [
        "Horizons publics, septembre 2018. En ligne.",
        "La Documentation française, mai 2018. 142 p.",
        "SGMAP, mai 2017. 8 p.",
        "Sciences du Design, 2017/1 (n° 5), p. 52-68",
        "Presses universitaires du Midi, 2018",
        "Nectart, 2018/2 (N° 7), p. 110-121",
        "Quaderni, n°96, 2018/2. 128 p.",
        "Géographie, économie, société, 2018/1 (vol.20). pp.113-141",
        "Territoire en mouvement Revue de géographie et aménagement, 34 | 2017. En ligne",
        "Publications Office of the European Union, 2016. 22 p.",
        "AUDIAR, décembre 2016. 24 p.",
        "2018. 35 p.",
        "ANCT, septembre 2021. 28 p. Coll. Comprendre",  # a series after the pages
        "La Documentation française, 2020. 150 p. (Collection Les Études)",
        "PUF, 2019. 200 p. ISBN 978-2-13-081234-5",
        "Cerema, collection Références, mars 2025. 92 p.",
    ],
)
def test_source_lines(line):
    assert is_source_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "octobre 2018",
        "Département de Loire-Atlantique.",
        "Weller Jean-Marc, Pallez Frédérique",
        "Retour d'expérience du Département de Loire-Atlantique.",
        "Thèse de Doctorat soutenue le 5 février 2018",
        "L'innovation publique en débat.",
        "Depuis 2013 l'État met en œuvre une nouvelle politique d'innovation, permettant à des "
        "« Startups d'État » d'être incubées pour développer des produits numériques en 2018.",
    ],
)
def test_not_source_lines(line):
    assert not is_source_line(line)


def read(line: str) -> Imprint:
    """Read one source line into a fresh imprint."""
    imprint = Imprint()
    read_source_line(line, imprint, default_authority(), OCTOBER_2018)
    return imprint


@pytest.mark.parametrize(
    "line, authors, publishers, source",
    [
        ("Horizons publics, septembre 2018. En ligne.", [], [], "Horizons publics, septembre 2018"),
        ("La Documentation française, mai 2018. 142 p.", [], ["La Documentation française"], ""),
        (
            "Nesta, Jesper Christiansen (Senior Programme Manager). Oct. 2016. 30 p.",
            ["Jesper Christiansen"],
            ["Nesta"],
            "",
        ),
        (
            "Nadège Guiraud, 27° Région, mars 2017. En ligne.",
            ["Nadège Guiraud"],
            ["La 27e Région"],
            "",
        ),
        (
            "Gallimard, Collection Points Fnau - Alternatives (n° 8), octobre 2017. 144 p.",
            [],
            ["Gallimard"],
            "Collection Points Fnau - Alternatives (n° 8), octobre 2017. 144 p",
        ),
        (
            "Etude CGET, Futurs Publics, SGMAP, 12/2015. 44 p.",
            [],
            [
                "Commissariat général à l'égalité des territoires (CGET)",
                "Futurs Publics",
                "Secrétariat général pour la modernisation de l'action publique (SGMAP)",
            ],
            "",
        ),
        (
            "Institut d'aménagement et d'urbanisme de la région Ile-de-France (IAU), "
            "Atelier parisien d'urbanisme (APUR), 2017. 87 p.",
            [],
            [
                "Institut d'aménagement et d'urbanisme de la région Île-de-France (IAU)",
                "Atelier parisien d'urbanisme (APUR)",
            ],
            "",
        ),
        (
            "LE RAMEAU (laboratoire de recherche appliqué sur les alliances innovantes au "
            "service du bien commun). En partenariat avec le CGET, la CDC, la Fédération "
            "nationale des Caisses d'épargne, 2017. 96 p.",
            [],
            ["Le Rameau"],
            "",
        ),
        (
            "Sciences du Design, 2017/1 (n° 5), p. 32-51.",
            [],
            [],
            "Sciences du Design, 2017/1 (n° 5), p. 32-51",
        ),
        (
            "ANCT, septembre 2021. 28 p. Coll. Comprendre",
            [],
            ["Agence nationale de la cohésion des territoires (ANCT)"],
            "Coll. Comprendre",
        ),
        # an organisation the authority does not know, alone before the date and pages
        ("Haut Conseil pour le climat, juin 2025. 180 p.", [], ["Haut Conseil pour le climat"], ""),
        ("France urbaine, mai 2025. 11 p.", [], ["France urbaine"], ""),
        (
            "France urbaine, Villes de France, mars 2025. 48 p.",
            [],
            ["France urbaine", "Villes de France"],
            "",
        ),
        (
            "Régions de France, Intercommunalités de France, mai 2024. 24 p.",
            [],
            ["Régions de France", "Assemblée des communautés de France (AdCF)"],
            "",
        ),
        (
            "M. Dupont, A. Martin. Géocarrefour, n° 98, 2024/2. pp. 10-25",  # initials
            ["M. Dupont", "A. Martin"],
            [],
            "Géocarrefour, n° 98, 2024/2. pp. 10-25",
        ),
        # a journal keeps its name as the source: a number, a journal's word, or no pages
        (
            "Revue d'économie régionale, 2020. 20 p.",
            [],
            [],
            "Revue d'économie régionale, 2020. 20 p",
        ),
        ("Urbanisme, n° 428, 2022. 4 p.", [], [], "Urbanisme, n° 428, 2022. 4 p"),
        ("Tous urbains, mars 2021. En ligne.", [], [], "Tous urbains, mars 2021"),
        (
            "CNFPT ; KPMG, juin 2023. 40 p.",
            [],
            ["Centre national de la fonction publique territoriale (CNFPT)", "KPMG"],
            "",
        ),
    ],
)
def test_read_source_line(line, authors, publishers, source):
    imprint = read(line)
    assert (imprint.authors, imprint.publishers, imprint.source) == (authors, publishers, source)


def test_read_source_line_reads_date_pages_online_and_language():
    imprint = read("OECD, 2017. 254 p. [en anglais]")
    assert (imprint.date.year, imprint.pages, imprint.online, imprint.language) == (
        2017,
        254,
        False,
        "en",
    )
    imprint = read("Sylvine Bois-Choussy, 27ième Région. Juin 2018. En ligne")
    assert (imprint.date.year, imprint.date.month, imprint.pages, imprint.online) == (
        2018,
        6,
        None,
        True,
    )
    assert read("5eme POLE, CGET, novembre 2017. 60 p.").date.text == "novembre 2017"


def test_a_series_after_the_pages_leaves_the_date_and_pages_read():
    imprint = read("ANCT, septembre 2021. 28 p. Coll. Comprendre")
    assert (imprint.date.year, imprint.date.month, imprint.pages) == (2021, 9, 28)
    imprint = read("Cerema, collection Références, mars 2025. 92 p.")
    assert (imprint.date.year, imprint.pages) == (2025, 92)
