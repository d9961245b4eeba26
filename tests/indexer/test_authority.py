"""The publisher authority: every spelling and acronym of an organisation to one publisher."""

from __future__ import annotations

import pytest

from indexer.extraction.authority import Authority, Publisher, default_authority, lookup_key

AUTHORITY = default_authority()
IAU = "Institut d'aménagement et d'urbanisme de la région Île-de-France (IAU)"


@pytest.mark.parametrize(
    "spellings, label",
    [
        (
            [
                "IAU",
                "Institut d'aménagement et d'urbanisme de la région Ile-de-France (IAU)",
                "Institut d'aménagement et d'urbanisme de la région Ile-de-France",
                "IAU île-de-France",
                "iau",
            ],
            IAU,
        ),
        (
            [
                "27e Région",
                "27ième Région",
                "27° Région",
                "La 27e Région",
                "27ème Région",
                "la 27e région",
            ],
            "La 27e Région",
        ),
        (
            ["OECD", "OCDE", "Organisation de coopération et de développement économiques"],
            "Organisation de coopération et de développement économiques (OCDE)",
        ),
        (
            [
                "DITP",
                "Ditp",
                "Délégation interministérielle à la transformation publique (Ditp)",
                "Direction interministérielle à la transformation publique (Ditp)",
                "Direction interministérielle de la transformation publique (DITP)",
            ],
            "Direction interministérielle de la transformation publique (DITP)",
        ),
        (
            [
                "Apur",
                "APUR",
                "Atelier parisien d'urbanisme (Apur)",
                "l'Atelier parisien d'urbanisme",
                "ATELIER PARISIEN D'URBANISME",
            ],
            "Atelier parisien d'urbanisme (APUR)",
        ),
        (
            ["ADCF", "AdCF", "Assemblée des Communautés de France (AdCF)"],
            "Assemblée des communautés de France (AdCF)",
        ),
        (
            ["Association des Directeurs Général des Communautés de France (ADGCF)", "ADGCF"],
            "Association des directeurs généraux des communautés de France (ADGCF)",
        ),
        (["5eme POLE", "5e Pôle"], "5e Pôle"),
        (["Cabinet Deloitte", "Deloitte"], "Deloitte"),
        (
            ["Epures", "Epures, l'agence d'urbanisme de la région stéphanoise"],
            "Epures, agence d'urbanisme de la région stéphanoise (EPURES)",
        ),
        (["Le Lab OuiShare", "OuiShare"], "OuiShare"),
        (
            ["Caisse des dépôts et des consignations", "CDC"],
            "Caisse des dépôts et consignations (CDC)",
        ),
    ],
)
def test_spellings_name_one_publisher(spellings, label):
    found = {AUTHORITY.find(spelling) for spelling in spellings}
    assert len(found) == 1 and None not in found, spellings
    assert {AUTHORITY.canonical(spelling) for spelling in spellings} == {label}


def test_unknown_names_pass_through():
    assert AUTHORITY.find("Urbis le Mag") is None
    assert (
        AUTHORITY.canonical("  Agence inconnue de Nulle-Part ") == "Agence inconnue de Nulle-Part"
    )


@pytest.mark.parametrize(
    "text, key",
    [
        ("L'Atelier parisien d'urbanisme", "atelier parisien d urbanisme"),
        ("La 27e Région", "27e region"),
        ("Conseil & Recherche", "conseil & recherche"),
        ("  ÉCOLE   nationale… ", "ecole nationale"),
    ],
)
def test_lookup_key(text, key):
    assert lookup_key(text) == key


def test_label_is_name_and_acronym():
    assert Publisher("Atelier parisien d'urbanisme", "APUR").label == (
        "Atelier parisien d'urbanisme (APUR)"
    )
    assert Publisher("Nesta").label == "Nesta"


@pytest.mark.parametrize(
    "text, labels",
    [
        (
            "Ce moteur de recherche en open source, initié par le CGET et la Fonda, présente…",
            ["Commissariat général à l'égalité des territoires (CGET)", "La Fonda"],
        ),
        (
            "Organisée par LIEN (Lieu d'Innovation et d'Expérimentation Nationale) du CGET",
            [
                "Lieu d'innovation et d'expérimentation nationale (LIEN)",
                "Commissariat général à l'égalité des territoires (CGET)",
            ],
        ),
        # acronyms (and the file's spellings of them) count only as written
        (
            "(ADEUPa, Audélor, Audiar, Quimper Cornouaille Développement et Côtes d'Armor "
            "Développement)",
            [
                "Agence d'urbanisme Brest-Bretagne (ADEUPa)",
                "Agence d'urbanisme et de développement économique du Pays de Lorient (AudéLor)",
                "Agence d'urbanisme et de développement intercommunal de l'agglomération rennaise "
                "(AUDIAR)",
                "Quimper Cornouaille Développement",
                "Côtes d'Armor Développement",
            ],
        ),
        ("un lien vers le site de l'agam", []),
        ("Il présente les Laboratoires politiques, approche novatrice", []),
    ],
)
def test_mentioned_in_free_text(text, labels):
    assert [publisher.label for publisher in AUTHORITY.mentioned_in(text)] == labels


def test_a_spelling_claimed_by_two_organisations_is_refused():
    text = "Agence A\tAA\tAgence commune\nAgence B\tBB\tAgence commune\n"
    with pytest.raises(ValueError, match="'Agence commune' names both Agence A and Agence B"):
        Authority.from_text(text)


def test_the_same_organisation_may_repeat_a_spelling():
    authority = Authority.from_text("Apur\tAPUR\tApur | APUR\n")
    assert authority.canonical("apur") == "Apur (APUR)"
