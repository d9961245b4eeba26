"""Every layout of the series, from text and from an HTML e-mail: the same hand-read entries.

The fixtures (tests/indexer/bulletin_fixtures.py) are written by hand in each layout; each
is rendered as text and as HTML here, and its entries must equal the table read by hand.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest

from indexer.extraction.bulletin import ONE_LINE, TWO_LINE, read_bulletin_masthead
from indexer.extraction.extractor import Extraction, extract_file
from indexer.extraction.layouts import detect_layout
from indexer.extraction.link_labels import is_link_label, parse_labels
from indexer.extraction.sources import page_range_count
from tests.indexer.bulletin_fixtures import (
    ANCT_SECTIONS,
    CGET_ISSUE,
    FIXTURES,
    FOOTER,
    INSEE,
    OFGL,
    PREHEADER,
    VIEW_ONLINE,
    Expected,
    Fixture,
    as_html,
    as_text,
)
from tests.indexer.conftest import comparable
from tests.indexer.fixture_blocks import Block

RENDERINGS = {"txt": as_text, "html": as_html}
CASES = [
    pytest.param(fixture, suffix, id=f"{fixture.name}.{suffix}")
    for fixture in FIXTURES
    for suffix in RENDERINGS
]


@pytest.fixture(scope="module")
def extracted(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Extraction]:
    """Write every fixture in every rendering and extract each file once."""
    folder = tmp_path_factory.mktemp("bulletins")
    results = {}
    for fixture in FIXTURES:
        for suffix, render in RENDERINGS.items():
            path = folder / f"{fixture.name}.{suffix}"
            path.write_text(render(fixture.blocks), encoding="utf-8")
            results[fixture.name, suffix] = extract_file(path)
    return results


@pytest.mark.parametrize(("fixture", "suffix"), CASES)
def test_entries_are_those_read_by_hand(extracted, fixture: Fixture, suffix: str) -> None:
    result = extracted[fixture.name, suffix]
    assert result.warnings == []
    assert [Expected.of(entry) for entry in result.entries] == list(fixture.expected)
    assert len(fixture.expected) >= 10


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.name for f in FIXTURES])
def test_text_and_html_give_identical_entries(extracted, fixture: Fixture) -> None:
    text, html = (extracted[fixture.name, suffix].entries for suffix in RENDERINGS)
    assert [comparable(entry) for entry in text] == [comparable(entry) for entry in html]


@pytest.mark.parametrize(("fixture", "suffix"), CASES)
def test_layout_and_issue_are_detected(extracted, fixture: Fixture, suffix: str) -> None:
    result = extracted[fixture.name, suffix]
    [report] = result.files
    assert (report.layout.key, report.issue, report.entries) == (
        fixture.layout,
        fixture.issue,
        len(fixture.expected),
    )
    assert {entry.issue for entry in result.entries} == {fixture.issue}


@pytest.mark.parametrize(("fixture", "suffix"), CASES)
def test_masthead_link_labels_and_e_mail_chrome_are_never_entries(
    extracted, fixture: Fixture, suffix: str
) -> None:
    entries = extracted[fixture.name, suffix].entries
    titles = {entry.title for entry in entries}
    labels = {block.text for block in fixture.blocks if block.role == "link"}
    mastheads = {block.text for block in fixture.blocks if block.role == "masthead"}
    assert not titles & labels
    assert not any(is_link_label(title) for title in titles)
    assert not any(masthead in title for masthead in mastheads for title in titles)
    chrome = [PREHEADER, VIEW_ONLINE, *FOOTER, "Se désabonner"]
    for entry in entries:
        for text in (entry.title, entry.description, entry.note):
            assert not any(line in text for line in chrome), entry.title
            assert not any(label == text for label in labels)


@pytest.mark.parametrize(("fixture", "suffix"), CASES)
def test_link_labels_stay_out_of_descriptions(extracted, fixture: Fixture, suffix: str) -> None:
    for entry in extracted[fixture.name, suffix].entries:
        assert "►" not in entry.description and "►" not in entry.note, entry.title
        assert "](" not in entry.title + entry.description, entry.title


def as_markdown(fixture: Fixture) -> str:
    """Write a fixture as light Markdown: `##` headings, titles and link labels as links."""
    lines = []
    for block in fixture.blocks:
        text = " ".join(block.text.split("\n"))
        if block.role == "heading":
            lines.append(f"## {text}")
        elif block.role in ("title", "link"):
            lines.append(f"► [{text}]({block.href})")
        else:
            lines.append(text)
    return "\n\n".join(lines) + "\n"


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.name for f in FIXTURES])
def test_markdown_gives_the_same_entries(tmp_path: Path, extracted, fixture: Fixture) -> None:
    path = tmp_path / f"{fixture.name}.md"
    path.write_text(as_markdown(fixture), encoding="utf-8")
    text = extracted[fixture.name, "txt"].entries
    assert [Expected.of(entry) for entry in extract_file(path).entries] == [
        Expected.of(e) for e in text
    ]


@pytest.mark.parametrize("render", [as_text, as_html], ids=["txt", "html"])
def test_a_bulletin_that_lists_its_sections_reads_the_same(tmp_path: Path, render) -> None:
    sections = [block.text for block in ANCT_SECTIONS.blocks if block.role == "heading"]
    summary = [Block("masthead", "Sommaire :")]
    summary += [Block("masthead", f"- {section}") for section in sections]
    blocks = (*ANCT_SECTIONS.blocks[:2], *summary, *ANCT_SECTIONS.blocks[2:])
    path = tmp_path / ("sommaire.txt" if render is as_text else "sommaire.html")
    path.write_text(render(blocks), encoding="utf-8")
    result = extract_file(path)
    assert result.warnings == []
    assert [Expected.of(entry) for entry in result.entries] == list(ANCT_SECTIONS.expected)


@pytest.mark.parametrize("render", [as_text, as_html], ids=["txt", "html"])
def test_a_cget_masthead_on_one_line_reads_the_same(tmp_path: Path, render) -> None:
    """« En quelques clics n° 86 - avril 2019 »: series, number and date on one line."""
    kept = [b for b in CGET_ISSUE.blocks if b.text not in ("EN QUELQUES CLICS", "n° 86")]
    blocks = [Block(b.role, "En quelques clics n° 86 - avril 2019") if b.text == "avril 2019"
              else b for b in kept]  # fmt: skip
    path = tmp_path / ("one-line.txt" if render is as_text else "one-line.html")
    path.write_text(render(blocks), encoding="utf-8")
    result = extract_file(path)
    [report] = result.files
    assert (report.layout.key, report.issue) == (CGET_ISSUE.layout, CGET_ISSUE.issue)
    assert [Expected.of(entry) for entry in result.entries] == list(CGET_ISSUE.expected)


def test_two_cget_issues_with_one_line_mastheads_pasted_together(tmp_path: Path) -> None:
    one = as_text(
        (
            *CGET_ISSUE.blocks[:1],
            Block("masthead", "En quelques clics n° 86 - avril 2019"),
            *CGET_ISSUE.blocks[4:],
        )
    )
    two = one.replace("n° 86 - avril 2019", "n° 87 - mai 2019")
    path = tmp_path / "two.txt"
    path.write_text(one + "\n" + two, encoding="utf-8")
    entries = extract_file(path).entries
    assert len(entries) == 2 * len(CGET_ISSUE.expected)
    assert {entry.issue for entry in entries} == {
        CGET_ISSUE.issue,
        "En quelques clics — n° 87 — mai 2019",
    }


def test_link_labels_on_one_line_stay_with_their_entry(tmp_path: Path) -> None:
    """« ► Le rapport · La synthèse »: the links of an entry, never an entry of their own."""
    text = as_text(ANCT_SECTIONS.blocks)
    joined = text.replace("► Le rapport\n\n► La synthèse", "► Le rapport · La synthèse")
    assert joined != text
    path = tmp_path / "labels.txt"
    path.write_text(joined, encoding="utf-8")
    entries = extract_file(path).entries
    assert [Expected.of(entry) for entry in entries] == list(ANCT_SECTIONS.expected)


def test_authors_before_their_journal_on_a_bulletin_source_line(tmp_path: Path) -> None:
    """« Prénom Nom, Prénom Nom. Revue, n°, date. N p. »: people named by INSEE's given names."""
    path = tmp_path / "authors.txt"
    path.write_text(
        "Veille & territoires - Bulletin de veille ANCT\n#340 Bulletin du 3 avril 2023\n\n"
        "Habitat\n\n► Vivre dans un bourg en déprise : enquête auprès des habitants\n"
        "Gwenaëlle Le Goff, Loïc Kerbrat. Revue des territoires ruraux, n° 4, mars 2023. 20 p.\n"
        "Les auteurs ont interrogé cent ménages de trois bourgs bretons sur leurs projets.\n"
        "► L'article\n",
        encoding="utf-8",
    )
    [entry] = extract_file(path).entries
    assert entry.authors == ["Gwenaëlle Le Goff", "Loïc Kerbrat"]
    assert (entry.year, entry.pages) == (2023, 20)


SAME_TITLE = """Veille & territoires - Bulletin de veille ANCT
#350 Bulletin du 4 septembre 2023

Habitat

► Habiter les bourgs, un enjeu de sobriété
Cerema, avril 2023. 36 p.
Un rapport sur la vacance et la réhabilitation du bâti ancien des bourgs.
En ligne : https://veille.example.org/bourgs

► Habiter les bourgs, un enjeu de sobriété
Institut Paris Region, mars 2023. 12 p.
Une note distincte, au même titre, sur les bourgs franciliens.
► La note
"""


def test_two_documents_of_one_title_in_one_section_are_both_kept(tmp_path: Path) -> None:
    path = tmp_path / "same-title.txt"
    path.write_text(SAME_TITLE, encoding="utf-8")
    result = extract_file(path)
    assert result.warnings == []
    report, note = result.entries
    assert report.title == note.title and report.id != note.id
    assert [(e.year, e.pages) for e in result.entries] == [(2023, 36), (2023, 12)]
    assert (report.online, note.online) == (True, False)  # « En ligne : URL » is stated
    assert "https://" not in report.description  # the address is no description
    pasted = tmp_path / "pasted.txt"  # the same issue twice: each entry once
    agenda = "".join(f"\n► Rencontre {n}\nLe {n} mai 2024, à Lyon.\n" for n in range(1, 12))
    pasted.write_text(f"{SAME_TITLE}\nAgenda\n{agenda}\n{SAME_TITLE}", encoding="utf-8")
    again = extract_file(pasted)
    assert [e.id for e in again.entries if e.section == "Habitat"] == [report.id, note.id]
    assert sum("duplicate of an earlier entry" in w for w in again.warnings) == 2


EVENTS_IN_A_SECTION = """Veille & territoires - Bulletin de veille ANCT
#352 Bulletin du 2 octobre 2023

Mobilités

► Les navettes rurales à la demande : bilan de trois ans
Cerema, septembre 2023. 18 p.
Un bilan des services de transport à la demande dans quatre départements.
► La note

► Webinaire : le covoiturage domicile-travail dans les petites villes
14 novembre 2023, de 11h à 12h30, en ligne
Une heure pour présenter trois lignes de covoiturage lancées par des intercommunalités.
► L'inscription

► Journée d'étude : la mobilité des jeunes ruraux
Mardi 5 décembre 2023, Clermont-Ferrand
Chercheurs et élus croisent enquêtes et retours d'expérience.
► Le programme

► Rencontres de la mobilité inclusive : les actes
Laboratoire de la mobilité inclusive, octobre 2023. 40 p.
Les actes des rencontres de l'an passé, publiés cette année.
► Les actes
"""


def test_an_event_announced_outside_the_agenda_is_an_event(tmp_path: Path) -> None:
    path = tmp_path / "events.txt"
    path.write_text(EVENTS_IN_A_SECTION, encoding="utf-8")
    entries = extract_file(path).entries
    assert [(e.kind, e.year, e.month) for e in entries] == [
        ("publication", 2023, 9),
        ("event", 2023, 11),
        ("event", 2023, 12),
        ("publication", 2023, 10),  # « Rencontres … : les actes » is a document, dated below
    ]
    assert {e.section for e in entries} == {"Mobilités"}


UNBULLETED = """Veille & territoires - Bulletin de veille ANCT
#353 Bulletin du 16 octobre 2023
Mobilités
Les haltes ferroviaires rouvertes : premiers chiffres de fréquentation
Agence d'urbanisme de la région grenobloise, septembre 2023. 30 p.
Un premier bilan des haltes rouvertes depuis deux ans sur trois lignes de montagne.
► Le rapport
Finances locales
Les syndicats d'eau face à la hausse des prix de l'énergie
Observatoire des finances et de la gestion publiques locales (OFGL)
Cap sur, n° 24, septembre 2023. 8 p.
Une note courte sur les charges des syndicats.
► La note
Les redevances d'enlèvement des ordures ménagères
Institut national de la statistique et des études économiques (Insee)
Insee Focus, n° 301, septembre 2023. 6 p.
Une analyse des redevances des communautés rurales.
► La publication
"""


def test_titles_without_bullets_over_their_publisher_and_source(tmp_path: Path) -> None:
    """An e-mail copied as text, its titles plain lines: a title over its source line (the
    publisher alone on a line may come between) opens an entry, and a short line over such
    a title is a section."""
    path = tmp_path / "unbulleted.txt"
    path.write_text(UNBULLETED, encoding="utf-8")
    entries = extract_file(path).entries
    assert [(e.title[:30], e.section) for e in entries] == [
        ("Les haltes ferroviaires rouver", "Mobilités"),
        ("Les syndicats d'eau face à la ", "Finances locales"),
        ("Les redevances d'enlèvement de", "Finances locales"),
    ]
    assert [e.publishers for e in entries][1:] == [[OFGL], [INSEE]]
    assert [e.source for e in entries][1:] == [
        "Cap sur, n° 24, septembre 2023. 8 p",
        "Insee Focus, n° 301, septembre 2023. 6 p",
    ]


@pytest.mark.parametrize(
    ("lines", "label", "month"),
    [
        (["Hors-série n°3", "décembre 2018"],
         "En quelques clics — Hors-Série #3 — décembre 2018", 12),
        (["n° 86 — avril 2019"], "En quelques clics — n° 86 — avril 2019", 4),
        (["N°86", "mars-avril 2019"], "En quelques clics — n° 86 — mars-avril 2019", 3),
        (["avril 2019", "n°86"], "En quelques clics — n° 86 — avril 2019", 4),
        (["Numéro 86", "avril 2019"], "En quelques clics — n° 86 — avril 2019", 4),
    ],
)  # fmt: skip
def test_cget_mastheads_name_their_issue_one_way(lines, label, month) -> None:
    """However a CGET masthead writes number and date, the issue has one label (one value of
    the issue facet, « n° 86 » for « N°86 » and « Numéro 86 »)."""
    _, issue = detect_layout(["Veille & territoires", "EN QUELQUES CLICS", *lines, "Sommaire :"])
    assert (issue.label, issue.month) == (label, month)


# -- the parts, one table each ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("head", "form", "label", "year", "month"),
    [
        (["Veille & territoires - Bulletin de veille ANCT", "#314 Bulletin du 18 juillet 2022"],
         TWO_LINE, "Bulletin #314 — 18 juillet 2022", 2022, 7),
        (['Bulletin de veille ANCT - "Veille & Territoires #369" - 13 janvier 2025'],
         ONE_LINE, "Bulletin #369 — 13 janvier 2025", 2025, 1),
        (["Bulletin de veille ANCT – « Veille & Territoires #402 » – 2 juin 2026"],
         ONE_LINE, "Bulletin #402 — 2 juin 2026", 2026, 6),
        (["Si ce message ne s'affiche pas correctement, cliquez ici.",
          "Veille & territoires - Bulletin de veille ANCT", "# 330 Bulletin du 1er mars 2023"],
         TWO_LINE, "Bulletin #330 — 1er mars 2023", 2023, 3),
    ],
)  # fmt: skip
def test_bulletin_mastheads(head, form, label, year, month) -> None:
    masthead = read_bulletin_masthead(head)
    assert masthead is not None
    assert (masthead.form, masthead.issue.label) == (form, label)
    assert (masthead.issue.year, masthead.issue.month) == (year, month)
    assert masthead.issue.body_start == len(head)  # the body begins after the masthead


@pytest.mark.parametrize(
    "head",
    [
        ["Veille & territoires", "EN QUELQUES CLICS", "Hors-Série #2", "octobre 2018"],
        ["Veille & territoires - Bulletin de veille ANCT", "#314 Bulletin du mois"],
        ["#Design #Innovation. De l'audace pour nos territoires."],
        ["► Le bulletin #12 du réseau, 3 mars 2024"],
    ],
)
def test_lines_that_are_no_bulletin_masthead(head) -> None:
    assert read_bulletin_masthead(head) is None


@pytest.mark.parametrize(
    ("head", "layout"),
    [
        (["Veille & territoires", "EN QUELQUES CLICS", "n° 80", "juin 2019"], "cget-issue"),
        (["Veille & territoires - Bulletin de veille ANCT", "#314 Bulletin du 18 juillet 2022"],
         "anct-bulletin-two-line"),
        (['Bulletin de veille ANCT - "Veille & Territoires #369" - 13 janvier 2025'],
         "anct-bulletin-one-line"),
        (["Bonjour,", "Voici la liste des courses."], "unknown"),
    ],
)  # fmt: skip
def test_layout_detection(head, layout) -> None:
    assert detect_layout(head)[0].key == layout


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("L'étude", True),
        ("Le rapport", True),
        ("La note", True),
        ("En savoir plus", True),
        ("Le site", True),
        ("Le rapport complet", True),
        ("La synthèse (PDF)", True),
        ("Lire l'article", True),
        ("Télécharger le guide", True),
        ("Les fiches", True),
        ("L'inscription", True),
        ("L'atlas", True),
        ("Le recueil", True),
        ("Le panorama", True),
        ("L'essai", True),
        ("Les guides", True),
        ("L'étude · La synthèse", True),
        ("Le rapport | Les annexes", True),
        ("Lire l'étude complète · Voir la synthèse · Le site", True),
        ("Le rapport et la synthèse", True),
        ("Atlas des territoires ruraux", False),
        ("Action publique · Territoires", False),
        ("Formation et emploi", False),
        ("Accéder au site", True),
        ("La carte interactive", True),
        ("Le communiqué de presse", True),
        ("L'étude et ses annexes", True),
        ("L'étude ► La synthèse", True),
        ("The report", True),
        ("Le diagnostic territorial de la vallée", False),
        ("The report on cities", False),
        ("Étude d'impact du plan vélo", False),
        ("Le rapport Borloo, dix ans après", False),
        ("La note de conjoncture des collectivités locales", False),
        ("Le site patrimonial remarquable de la ville", False),
        ("Action publique", False),
    ],
)
def test_link_labels(text, label) -> None:
    assert is_link_label(text) is label


def test_the_link_label_file_loads_and_each_label_is_recognised() -> None:
    text = resources.files("indexer").joinpath("data/link_labels.txt").read_text("utf-8")
    labels = parse_labels(text)
    assert len(labels) == len(set(labels)) > 20
    for label in labels:
        assert is_link_label(label.capitalize()), label
        assert is_link_label(f"Lire {label}"), label


@pytest.mark.parametrize(
    ("text", "pages"),
    [
        ("Revue d'économie des territoires, #5, décembre 2024. pp. 661-692", 32),
        ("Cahiers de la ruralité, n° 58, 2024/4. pp 88-104", 17),
        ("Urbanisme, supplément au n° 410, octobre 2018. pp.12-14", 3),
        ("Sciences du Design, 2017/1 (n° 5), p. 32-51", 20),
        ("Cerema, janvier 2023. 72 p.", None),
        ("Revue, 2024. pp. 40-12", None),  # a misprint, not -27 pages
    ],
)
def test_page_ranges(text, pages) -> None:
    assert page_range_count(text) == pages


TRAILING_FIELDS = """Veille & territoires - Bulletin de veille ANCT
#351 Bulletin du 5 février 2024
Dossier : les mobilités rurales
► Les navettes solidaires des bourgs
Réseau imaginaire des mobilités, janvier 2024. 22 p.
Un retour d'expériences inventé sur des navettes conduites par des bénévoles.
En ligne : https://example.org/navettes
► Covoiturer pour aller travailler
Observatoire fictif du covoiturage, janvier 2024. 36 p.
Une enquête inventée auprès de salariés de zones d'activité rurales.
Contact : covoiturage@example.org
► Le vélo à assistance électrique en montagne
Agence imaginaire des vallées, décembre 2023. 14 p.
Une note inventée sur les aides à l'achat de vélos électriques en zone de montagne.
Date de parution : décembre 2023
Habitat
► Rénover les logements vacants des centres-bourgs
Institut fictif de l'habitat, janvier 2024. 48 p.
Un guide inventé pour remettre sur le marché les logements vacants.
"""


@pytest.mark.parametrize("suffix", RENDERINGS)
def test_a_closing_field_line_is_no_section_heading(tmp_path: Path, suffix: str) -> None:
    lines = TRAILING_FIELDS.splitlines()
    path = tmp_path / f"fields.{suffix}"
    if suffix == "txt":
        path.write_text(TRAILING_FIELDS, encoding="utf-8")
    else:
        path.write_text("".join(f"<p>{line}</p>\n" for line in lines), encoding="utf-8")
    entries = extract_file(path).entries
    assert [(entry.section, entry.title) for entry in entries] == [
        ("Dossier : les mobilités rurales", "Les navettes solidaires des bourgs"),
        ("Dossier : les mobilités rurales", "Covoiturer pour aller travailler"),
        ("Dossier : les mobilités rurales", "Le vélo à assistance électrique en montagne"),
        ("Habitat", "Rénover les logements vacants des centres-bourgs"),
    ]
