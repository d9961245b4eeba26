"""COinS titles parse as OpenURL ContextObjects with the seed's own metadata."""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import parse_qs

import pytest

from search_ui.rendering.coins import coins_span, coins_title

PERMALINK = "https://veille.example.org/entry/"


def context(record: dict, permalink: str = "") -> dict[str, list[str]]:
    """Parse a COinS title back into its keys and values."""
    return parse_qs(coins_title(record, permalink), strict_parsing=True)


def entry(records: list[dict], entry_id: str) -> dict:
    """Return one seed record by id."""
    return next(record for record in records if record["id"] == entry_id)


def test_every_record_gives_a_context_object(records):
    for record in records:
        fields = context(record, PERMALINK + record["id"])
        assert fields["ctx_ver"] == ["Z39.88-2004"]
        assert fields["rft_val_fmt"][0].startswith("info:ofi/fmt:kev:mtx:")
        assert fields["rft_id"] == [PERMALINK + record["id"]]
        titles = [fields[key] for key in ("rft.atitle", "rft.btitle", "rft.title") if key in fields]
        assert titles == [[record["title"]]]
        if record["year"]:
            assert fields["rft.date"] == [str(record["year"])]


def test_journal_article(records):
    fields = context(entry(records, "ac6c467d13a4"))
    assert fields["rft_val_fmt"] == ["info:ofi/fmt:kev:mtx:journal"]
    assert fields["rft.genre"] == ["article"]
    assert fields["rft.atitle"] == [
        "Les formes d'innovation publique par le design : un essai de cartographie"
    ]
    assert fields["rft.jtitle"] == ["Sciences du Design"]
    assert (fields["rft.aulast"], fields["rft.aufirst"]) == (["Weller"], ["Jean-Marc"])
    assert fields["rft.au"] == ["Pallez Frédérique"]
    assert (fields["rft.spage"], fields["rft.epage"]) == (["32"], ["51"])


def test_book_by_organisations(records):
    fields = context(entry(records, "597227c684bf"))
    assert fields["rft_val_fmt"] == ["info:ofi/fmt:kev:mtx:book"]
    assert (fields["rft.genre"], fields["rft.btitle"]) == (
        ["book"],
        ["Construire l'innovation publique"],
    )
    assert fields["rft.aucorp"] == ["Département de Loire-Atlantique", "La Documentation française"]
    assert fields["rft.pub"] == ["Département de Loire-Atlantique; La Documentation française"]
    assert fields["rft.tpages"] == ["142"]


@pytest.mark.parametrize(
    ("entry_id", "fmt", "genre"),
    [
        ("6ebb83179cfc", "book", "report"),  # rapport
        ("0e0ea9bf9d9a", "dissertation", None),  # thèse
        ("c41c13abced4", "journal", "issue"),  # numéro de revue
        ("a92a8cc39878", "book", "conference"),  # événement
    ],
)
def test_formats_and_genres_follow_the_document_type(records, entry_id, fmt, genre):
    fields = context(entry(records, entry_id))
    assert fields["rft_val_fmt"] == [f"info:ofi/fmt:kev:mtx:{fmt}"]
    assert fields.get("rft.genre") == ([genre] if genre else None)


def test_thesis_names_its_institutions(records):
    fields = context(entry(records, "0e0ea9bf9d9a"))
    assert fields["rft.inst"] == ["Espaces et Sociétés (ESO); Université Rennes 2"]
    assert (fields["rft.aulast"], fields["rft.aufirst"]) == (["Ferchaud"], ["Flavie"])


class _SpanReader(HTMLParser):
    """Collect the attributes of the spans of an HTML fragment."""

    def __init__(self) -> None:
        super().__init__()
        self.spans: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "span":
            self.spans.append(dict(attrs))


def test_span_escapes_its_title(records):
    record = entry(records, "9cc6337b4bcc") | {"title": 'Un "titre" <b>gras</b> & co'}
    reader = _SpanReader()
    reader.feed(coins_span(record))
    assert reader.spans == [{"class": "Z3988", "title": coins_title(record)}]
    assert parse_qs(reader.spans[0]["title"] or "")["rft.atitle"] == [record["title"]]
