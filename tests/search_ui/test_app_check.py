"""/check and /api/check: references in other styles find their entry first; absent ones don't."""

from __future__ import annotations

import pytest
from jsonschema import Draft202012Validator

from search_ui.engine.check import FOUND
from search_ui.rendering.openapi import spec

from .html import soup

# (reference in another style, id of the entry it designates)
KNOWN = [
    ("WELLER J.-M., PALLEZ F. Les formes d'innovation publique par le design. "
     "Sciences du design, n° 5, 2017, p. 32-51", "ac6c467d13a4"),
    ("Ferchaud F., Fabriques numériques, action publique et territoire, thèse, Rennes 2, 2018",
     "0e0ea9bf9d9a"),
    ("OCDE 2017 Fostering innovation in the public sector", "b80f17eb9b73"),
    ("Role et limite des tiers lieu dans la fabrique des ville contemporaine", None),
]  # fmt: skip
ABSENT = [
    "Smith J. (2019). Urban resilience in coastal cities. Elsevier.",
    "Agriculture urbaine et circuits courts, ADEME, 2021",
]


def validator() -> Draft202012Validator:
    """Validate against the CheckResponse schema of the shipped OpenAPI document."""
    document = spec()
    schema = {"$ref": "#/components/schemas/CheckResponse", "components": document["components"]}
    return Draft202012Validator(schema)


@pytest.mark.parametrize(("reference", "entry_id"), KNOWN)
def test_api_finds_the_right_entry_first(client, reference, entry_id):
    data = client.get("/api/check", query_string={"ref": reference}).json
    validator().validate(data)
    assert data["verdict"] == "found"
    best = data["candidates"][0]
    if entry_id:
        assert best["id"] == entry_id
    else:
        assert best["title"].startswith("Rôle et limites des tiers-lieux")
    assert best["url"] == f"/entry/{best['id']}"
    assert best["matched"]["title"] >= 0.75


@pytest.mark.parametrize("reference", ABSENT)
def test_api_says_an_absent_reference_is_not_found(client, reference):
    data = client.get("/api/check", query_string={"ref": reference}).json
    validator().validate(data)
    assert data["verdict"] == "not_found"


def test_page_gives_the_verdict_in_words_links_and_highlights(client):
    reference, entry_id = KNOWN[0]
    page = soup(client.get("/check", query_string={"ref": reference}))
    verdict = page.select_one("[data-verdict]")
    assert (verdict["data-verdict"], verdict.get_text()) == ("found", "Déjà dans le corpus")
    assert page.select_one("textarea#ref").get_text() == reference
    first = page.select_one("li.candidate")
    assert first["data-id"] == entry_id
    assert first.select_one(".candidate-title a")["href"] == f"/entry/{entry_id}"
    assert first.select_one(".score-percent").get_text().replace("\xa0", " ").endswith(" %")
    assert 75 <= int(first["data-score"]) <= 100
    assert first.select_one(".score-fill")["width"] == first["data-score"]
    marked = [m.get_text() for m in first.select(".candidate-title mark")]
    assert {"formes", "d'innovation", "publique", "design"} <= set(marked)
    assert {"les", "par", "le"}.isdisjoint(marked)
    matched = {dd["data-match"] for dd in first.select("dd.is-match")}
    assert matched == {"title", "year", "authors"}
    assert page.title.get_text().startswith("Déjà dans le corpus — ")


def test_page_and_api_agree(client):
    reference = KNOWN[2][0]
    data = client.get("/api/check", query_string={"ref": reference}).json
    page = soup(client.get("/check", query_string={"ref": reference}))
    assert [li["data-id"] for li in page.select("li.candidate")] == [
        c["id"] for c in data["candidates"]
    ]
    assert [int(li["data-score"]) for li in page.select("li.candidate")] == [
        round(c["score"] * 100) for c in data["candidates"]
    ]


def test_a_doubtful_reference_is_to_be_checked(client):
    page = soup(client.get("/check?ref=Les+tiers+lieux"))
    verdict = page.select_one("[data-verdict]")
    assert (verdict["data-verdict"], verdict.get_text()) == ("possible", "À vérifier")


def test_an_absent_reference_says_so(client):
    page = soup(client.get("/check", query_string={"ref": ABSENT[0]}))
    assert page.select_one("[data-verdict]").get_text() == "Absent du corpus"
    none = soup(client.get("/check?ref=zzzqqq+xxxyyy"))
    assert none.select_one("[data-verdict]").get_text() == "Absent du corpus"
    assert "Aucune entrée ne partage" in none.select_one(".verdict-explained").get_text()


def test_without_a_reference_the_page_is_the_form(client):
    page = soup(client.get("/check"))
    assert page.select_one("form textarea[name=ref]")
    assert not page.select("[data-verdict]") and not page.select("#ref-empty")


@pytest.mark.parametrize("ref", ["", "   ", "\t\n"])
def test_an_empty_reference_gets_the_form_with_a_hint(client, ref):
    response = client.get("/check", query_string={"ref": ref})
    assert response.status_code == 200
    page = soup(response)
    assert "Collez d'abord une référence" in page.select_one("#ref-empty").get_text()
    assert "ref-empty" in page.select_one("textarea")["aria-describedby"]
    assert not page.select("[data-verdict]")


def test_api_refuses_an_empty_reference(client):
    for url in ("/api/check", "/api/check?ref=", "/api/check?ref=+++"):
        response = client.get(url)
        assert response.status_code == 400
        assert "ref" in response.json["error"]


def test_too_long_a_reference_is_a_french_400(client):
    long = "innovation " * 200  # 2 200 characters
    page = client.get("/check", query_string={"ref": long})
    assert page.status_code == 400
    assert "trop longue" in soup(page).select_one(".error-message").get_text()
    api = client.get("/api/check", query_string={"ref": long})
    assert api.status_code == 400
    assert "2000 caractères" in api.json["error"]
    assert client.get("/check", query_string={"ref": "a" * 2000}).status_code == 200


def test_control_characters_are_read_as_spaces(client):
    data = client.get(
        "/api/check", query_string={"ref": "Manifeste\x00pour\x1bl'innovation publique"}
    ).json
    assert data["reference"] == "Manifeste pour l'innovation publique"
    assert data["verdict"] == "found"


@pytest.mark.parametrize("reference", ["Les tiers lieux", "La ville autrement en 2030"])
def test_a_title_flagged_as_matching_is_one_that_designates_the_entry(client, reference):
    """Half the title's words in the reference is no match: « ✓ » is for a title that
    would find the entry (FOUND), « ≠ » for less."""
    data = client.get("/api/check", query_string={"ref": reference}).json
    page = soup(client.get("/check", query_string={"ref": reference}))
    for candidate, item in zip(data["candidates"], page.select("li.candidate"), strict=True):
        flagged = item.select_one('[data-match="title"]')["class"]
        assert ("is-match" in flagged) == (candidate["matched"]["title"] >= FOUND)
    half = [c for c in data["candidates"] if 0.5 <= c["matched"]["title"] < FOUND]
    assert half or reference == "Les tiers lieux"  # the other has a title half matched
