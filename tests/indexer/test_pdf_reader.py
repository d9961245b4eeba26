"""The PDF reader's rules one at a time: hyphens, running lines, page breaks, headings, links."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A5

from indexer.extraction.pdf import read_pdf
from indexer.extraction.pdf.hyphens import join_lines, keeps_hyphen, vocabulary
from indexer.extraction.pdf.running import is_page_number
from indexer.extraction.readers import Line, read_document
from tests.indexer.fixture_blocks import Block
from tests.indexer.pdf_fixtures import Drawn, Page, as_pdf, column_lines, draw_pdf

LONG = (
    "Les auteurs suivent pendant deux ans trois dispositifs de bus itinérants qui desservent "
    "des villages éloignés de tout guichet, et montrent que la fréquentation dépend moins de "
    "la fréquence des passages que de la présence d'agents formés à l'accompagnement des "
    "démarches en ligne, dans des communes où le réseau mobile reste incertain"
)
MORE = (
    "Ils concluent sur les conditions de financement qui permettraient de pérenniser ces "
    "services au-delà de la phase d'expérimentation, et sur le rôle que les départements "
    "pourraient y tenir aux côtés des intercommunalités et des opérateurs de transport. "
    "Une annexe détaille les coûts de fonctionnement observés, poste par poste, et les "
    "compare à ceux des maisons de services au public installées dans les bourgs voisins"
)


def texts(path: Path) -> list[str]:
    return [line.text for line in read_document(path).lines]


@pytest.mark.parametrize(
    ("before", "after", "words", "joined"),
    [
        ("le déve-", "loppement local", set(), "le développement local"),
        ("l'agglo-", "mération", set(), "l'agglomération"),
        ("à Saint-", "Étienne", set(), "à Saint-Étienne"),
        ("en Île-de-", "France", set(), "en Île-de-France"),
        ("la co-", "construction", set(), "la co-construction"),  # analyzers/data/compounds.txt
        ("des tiers-", "lieux", set(), "des tiers-lieux"),  # a listed compound, plural
        ("la sous-", "préfecture", set(), "la sous-préfecture"),  # a prefix
        ("le non-", "recours", set(), "le non-recours"),
        ("peut-", "être", set(), "peut-être"),
        ("de 2015-", "2018", set(), "de 2015-2018"),
        ("la COVID-", "19", set(), "la COVID-19"),
        ("la sous-", "cription", {"souscription"}, "la souscription"),  # seen whole elsewhere
        ("l'inter-", "communalité", {"inter-communalité"}, "l'inter-communalité"),
        ("le numé-", "rique", {"numérique"}, "le numérique"),
        ("le déve\u00ad", "loppement", set(), "le développement"),  # a soft hyphen
        ("Paris -", "Lyon", set(), "Paris - Lyon"),  # a dash, not a hyphen
        ("les", "territoires", set(), "les territoires"),
    ],
)
def test_words_broken_at_a_line_end(before, after, words, joined) -> None:
    assert join_lines(before, after, vocabulary(sorted(words))) == joined


def test_the_document_vocabulary_leaves_broken_words_out() -> None:
    words = vocabulary(["Le déve-", "loppement de la co-construction", "à l'Île-de-France"])
    assert {"co-construction", "ile-de-france", "loppement"} <= words
    assert "deve" not in words
    assert keeps_hyphen("co", "construction", set())
    assert not keeps_hyphen("terri", "toires", set())


@pytest.mark.parametrize(
    ("text", "number"),
    [("3", True), ("Page 3 / 12", True), ("3/12", True), ("- 3 -", True), ("p. 4", True),
     ("page 12 sur 40", True), ("2018. 35 p.", False), ("#314", False), ("Agenda", False)],
)  # fmt: skip
def test_page_numbers(text: str, number: bool) -> None:
    assert is_page_number(text) is number


def test_a_paragraph_drawn_over_lines_is_one_line_de_hyphenated(tmp_path: Path) -> None:
    lines = [
        "La mission recense les innovations publiques dévelop-",
        "pées par les collectivités, de Saint-",
        "Étienne à Lille, et leur co-",
        "construction avec les habitants des quartiers prioritaires.",
    ]
    path = draw_pdf([column_lines(lines)], tmp_path / "hyphens.pdf")
    assert texts(path) == [
        "La mission recense les innovations publiques développées par les collectivités, de "
        "Saint-Étienne à Lille, et leur co-construction avec les habitants des quartiers "
        "prioritaires."
    ]


def test_running_headers_footers_and_page_numbers_are_dropped(tmp_path: Path) -> None:
    pages = []
    for page in range(1, 4):
        body = [f"Paragraphe {('un', 'deux', 'trois')[page - 1]}.", f"Texte {page * 'i'}."]
        pages.append(
            [
                Drawn("Veille & territoires — Bulletin #314 — 18 juillet 2022", 60, 800, 8),
                *column_lines(body, top=700, pitch=30),
                Drawn(f"Page {page} / 3", 280, 40, 8),
                Drawn(str(page), 530, 800, 8),
            ]
        )
    pages[0].append(Drawn("Un mot au pied de la première page.", 60, 70))  # printed once
    path = draw_pdf(pages, tmp_path / "running.pdf")
    assert texts(path) == [
        "Paragraphe un.",
        "Texte i.",
        "Un mot au pied de la première page.",
        "Paragraphe deux.",
        "Texte ii.",
        "Paragraphe trois.",
        "Texte iii.",
    ]


def test_a_paragraph_crossing_page_breaks_is_one_line(tmp_path: Path) -> None:
    blocks = [
        Block("title", "Les services publics itinérants\nen milieu rural"),
        Block("body", f"{LONG}. {MORE}."),
        Block("link", "L'article", "https://veille.example.org/article"),
    ]
    page = Page(size=(300, 170), columns=1, margin=40)
    path = as_pdf(blocks, tmp_path / "long.pdf", page=page)
    document = read_pdf(path)
    assert [line.text for line in document.lines] == [
        "► Les services publics itinérants en milieu rural",
        f"{LONG}. {MORE}.",
        "► [L'article](https://veille.example.org/article)",
    ]
    pages = [line.number // 1000 for line in document.lines]
    assert pages[:2] == [1, 1] and pages[2] >= 3  # the description ran over two page breaks


@pytest.mark.parametrize(
    ("foot", "read"),
    [
        ("Au pied de la page, la ligne la plus longue du document finit sa phrase.", 2),
        ("Au pied de la page, la ligne la plus longue du document continue sa phrase", 1),
    ],
)
def test_a_full_line_at_a_page_foot_goes_on_overleaf_unless_a_sentence_ends(
    tmp_path: Path, foot: str, read: int
) -> None:
    """Ragged text cannot tell a sentence's end from a paragraph's: the reader takes the latter."""
    pages = [column_lines([foot], top=80), column_lines(["Et la page suivante commence."])]
    path = draw_pdf(pages, tmp_path / "foot.pdf")
    assert len(texts(path)) == read


def test_headings_are_the_larger_fonts(tmp_path: Path) -> None:
    blocks = [
        Block("masthead", "Veille & territoires"),
        Block("heading", "Mobilités"),
        Block("title", "Un titre en gras, à peine plus grand"),
        Block("source", "France Stratégie, janvier 2023. 84 p."),
        Block("body", LONG + "."),
    ]
    # One page: its header is printed once, as a text line; the fixture leaves it out.
    lines = read_pdf(as_pdf(blocks, tmp_path / "headings.pdf", header="")).lines
    assert [(line.text[:20], line.heading) for line in lines] == [
        ("Veille & territoires", True),
        ("Mobilités", True),
        ("► Un titre en gras, ", False),
        ("France Stratégie, ja", False),
        ("Les auteurs suivent ", False),
    ]


def test_columns_are_read_one_after_the_other(tmp_path: Path) -> None:
    blocks = [Block("body", f"Paragraphe {n}. " + LONG[: 80 + 7 * n] + ".") for n in range(1, 9)]
    page = Page(size=A5, columns=2, margin=30)
    path = as_pdf(blocks, tmp_path / "columns.pdf", header="", page=page)
    assert texts(path) == [block.text for block in blocks]


def test_a_bold_phrase_filling_a_line_stays_in_its_paragraph(tmp_path: Path) -> None:
    text = (
        "Le service de veille propose un bulletin consacré à "
        "**l'innovation publique et territoriale dans les villes moyennes**, pour éclairer la "
        "réflexion des acteurs territoriaux et de leurs partenaires."
    )
    page = Page(size=A5, columns=2)
    path = as_pdf([Block("body", text)], tmp_path / "bold.pdf", header="", page=page)
    assert texts(path) == [text.replace("**", "")]


def test_links_come_back_as_the_markdown_the_html_reader_writes(tmp_path: Path) -> None:
    blocks = [Block("body", "► [Rapport](https://a.fr/r) ► [Synthèse](https://a.fr/s)")]
    assert texts(as_pdf(blocks, tmp_path / "links.pdf", header="")) == [
        "► [Rapport](https://a.fr/r) ► [Synthèse](https://a.fr/s)"
    ]


def test_line_numbers_are_page_and_rank(tmp_path: Path) -> None:
    first = ["Une ligne courte.", "Une ligne assez longue pour donner sa largeur à la colonne."]
    pages = [column_lines(first), column_lines(["Page deux.", "Et une troisième ligne."])]
    lines = read_pdf(draw_pdf(pages, tmp_path / "numbers.pdf")).lines
    assert lines == [
        Line(first[0], 1001),
        Line(first[1], 1002),
        Line("Page deux.", 2001),
        Line("Et une troisième ligne.", 2002),
    ]


def test_the_work_on_one_file_is_bounded(tmp_path: Path, monkeypatch) -> None:
    words = ("un", "deux", "trois", "quatre", "cinq")
    pages = [column_lines([f"Texte de la page {word}."]) for word in words]
    path = draw_pdf(pages, tmp_path / "long.pdf")
    monkeypatch.setattr("indexer.extraction.pdf.pages.MAX_PAGES", 2)
    document = read_pdf(path)
    assert [line.text for line in document.lines] == [
        "Texte de la page un.",
        "Texte de la page deux.",
    ]
    assert document.warnings == ["PDF longer than 2 pages: only the first were read"]
    monkeypatch.setattr("indexer.extraction.pdf.pages.MAX_PAGES", 300)
    monkeypatch.setattr("indexer.extraction.pdf.pages.MAX_CHARS", 30)
    document = read_pdf(path)
    assert len(document.lines) == 2
    assert document.warnings == ["PDF text longer than 30 characters: read to page 2"]
