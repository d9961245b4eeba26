"""Territories: the rules of place recognition, the gazetteer and its data files, the refresh."""

from __future__ import annotations

import gzip
import hashlib
import json
from importlib import resources

import pytest

from indexer.extraction.authority import default_authority
from indexer.extraction.entry import Entry
from indexer.territories import default_gazetteer, recognise, tag_entry
from indexer.territories.datafiles import (
    abroad,
    aliases,
    demonyms,
    publisher_territories,
    read_rows,
    stoplist,
)
from indexer.territories.gazetteer import gazetteer_rows
from indexer.territories.names import tokens
from indexer.territories.refresh_gazetteer import compact_rows, gazetteer_bytes, metadata

# Each row: text, the codes it names. Rows read like the newsletter's own text.
RULES = [
    # case and whole words: « Tours » is not in « parcours », nor the word « tours »
    ("le parcours de la collectivité", set()),
    ("les tours de la Défense", set()),
    ("Tours Métropole Val de Loire", {"epci-243700754"}),
    ("une rencontre à Tours", {"com-37261"}),
    ("Guided Tours of the city", set()),
    # départements named like rivers or common words need their context
    ("les rives de la Loire", set()),
    ("le Nord et le Sud", set()),
    ("le département du Nord", {"dep-59"}),
    ("le conseil départemental de la Vienne", {"dep-86"}),
    ("en Charente", {"dep-16"}),
    ("Loire-Atlantique", {"dep-44"}),
    ("la ville de Vienne (38)", {"com-38544"}),
    ("un congrès à Vienne", set()),  # Vienna or Vienne: the stop list wants more
    # longest match first
    ("Saint-Étienne Métropole", {"epci-244200770"}),
    ("Métropole du Grand Paris", {"epci-200054781"}),
    ("Pays de la Loire", {"reg-52"}),
    ("Seine-Saint-Denis", {"dep-93"}),
    # spellings: accents, hyphens, « St », articles
    ("St-Etienne et Ile de France", {"com-42218", "reg-11"}),
    ("Saint Etienne", {"com-42218"}),
    ("à La Rochelle, au Havre", {"com-17300", "com-76351"}),
    ("Cahiers de l'iau île-de-France", {"reg-11"}),
    # Saint-… communes: large ones alone, small ones with « à », never a street or a feast
    ("Saint-Nazaire", {"com-44184"}),
    ("Saint-Pierre-des-Corps", {"com-37233"}),
    ("la rue Saint-Nazaire", set()),
    ("l'église Saint-Malo", set()),
    # homonyms: the far larger one, the one its département's code names, else none
    ("Saint-Denis (93)", {"com-93066"}),
    ("Saint-Denis", set()),
    ("Saint-Denis de La Réunion", {"com-97411", "dep-974"}),
    # small communes and people's names
    ("Magali Castex, Ludovic Valadier", set()),
    ("(Besson, 2012)", set()),
    ("un atelier à Besson", {"com-03026"}),
    ("Nancy Fraser", set()),
    ("à Nancy", {"com-54395"}),
    ("Plaisir d'innover", set()),
    ("à Plaisir", {"com-78490"}),
    # demonyms and adjectives, in any case, never a language
    ("l'agglomération rennaise", {"com-35238"}),
    ("les Franciliens", {"reg-11"}),
    ("la région stéphanoise", {"com-42218"}),
    ("les acteurs bretons", {"reg-53"}),
    ("un résumé en espagnol", set()),
    # aliases
    ("Lille Métropole", {"epci-200093201"}),
    ("la Métropole AMP", {"epci-200054807"}),
    ("la région PACA", {"reg-93"}),
    ("la Mel", set()),
    # abroad
    ("Barcelone et Madrid", {"int-ES"}),
    ("Gand en Belgique", {"int-BE"}),
    ("Cleveland", {"int-US"}),
    ("partout en Europe", {"int-EU"}),
    ("à Montréal", {"int-CA"}),
]


@pytest.mark.parametrize(("text", "codes"), RULES, ids=[row[0] for row in RULES])
def test_recognition_rules(text: str, codes: set[str]) -> None:
    assert recognise(text) == codes


def test_an_entry_keeps_named_publishers_and_within_apart() -> None:
    entry = Entry(
        "Faire la ville autrement",
        description="Comme la plupart des métropoles françaises, Rennes doit relever le défi.",
        publishers=[
            "Agence d'urbanisme et de développement intercommunal de l'agglomération rennaise"
            " (AUDIAR)",
            "Ville de Grenoble",  # not in the authority file: its name is read
        ],
    )
    tags = tag_entry(entry)
    assert tags.named == {"com-35238"}
    assert tags.publishers == {"com-35238", "com-38185"}
    assert tags.within == {
        "epci-243500139", "dep-35", "reg-53", "epci-200040715", "dep-38", "reg-84",
    }  # fmt: skip
    assert tags.explicit == tags.named | tags.publishers
    assert tags.codes == tags.explicit | tags.within


def test_a_publisher_listed_without_territory_is_not_read() -> None:
    assert tag_entry(Entry("Un rapport", publishers=["Paris School of Business"])).codes == set()


def test_names_of_the_gazetteer() -> None:
    gazetteer = default_gazetteer()
    assert gazetteer.name("reg-53") == "Bretagne"
    assert gazetteer.name("dep-35") == "Ille-et-Vilaine"
    assert gazetteer.name("com-35238") == "Rennes"
    assert gazetteer.name("epci-243500139") == "Rennes Métropole"
    assert gazetteer.name("int-ES") == "Espagne"
    assert gazetteer["com-35238"].population > 200_000
    assert {t.kind for t in gazetteer} == {"reg", "dep", "epci", "com", "int"}


def test_every_code_of_the_data_files_is_in_the_gazetteer() -> None:
    gazetteer = default_gazetteer()
    codes = [code for _, code in aliases()] + [code for _, code in demonyms()]
    codes += [code for listed in publisher_territories().values() for code in listed]
    codes += [place.within for place in abroad() if place.within]
    assert [code for code in codes if code not in gazetteer] == []


def test_every_publisher_of_the_authority_file_has_its_row() -> None:
    names = {publisher.name for publisher in default_authority().publishers()}
    listed = [row[0] for row in read_rows("publishers.tsv")]
    assert len(listed) == len(set(listed))
    assert set(listed) == names


def test_the_stop_list_names_places_of_the_gazetteer() -> None:
    known = {" ".join(tokens(t.name)) for t in default_gazetteer()}
    unknown = [name for name in stoplist() if " ".join(tokens(name)) not in known]
    assert unknown == []


def test_the_data_files_have_their_columns() -> None:
    for name, columns in [("aliases.tsv", 2), ("demonyms.tsv", 2), ("stoplist.tsv", 3),
                          ("abroad.tsv", 4), ("publishers.tsv", 2)]:  # fmt: skip
        rows = read_rows(name)
        assert rows and all(len(row) == columns for row in rows), name
    assert all(place.code.startswith("int-") and len(place.code) == 6 for place in abroad())


def test_the_committed_gazetteer_is_the_one_its_metadata_describes() -> None:
    folder = resources.files("indexer").joinpath("data/territories")
    data = folder.joinpath("gazetteer.tsv.gz").read_bytes()
    info = json.loads(folder.joinpath("gazetteer.json").read_text("utf-8"))
    assert hashlib.sha256(data).hexdigest() == info["sha256"]
    assert info["package"] == "@etalab/decoupage-administratif"
    assert info["package_licence"] == "MIT" and "Licence Ouverte" in info["data_licence"]
    rows = gazetteer_rows(data)
    counts = {kind: sum(row[0] == kind for row in rows) for kind in ("reg", "dep", "epci", "com")}
    assert counts == info["counts"]
    assert counts["com"] > 34_000 and len(data) < 1_000_000
    # The file is what the script writes from its rows: sorted, no time stamp.
    assert gazetteer_bytes([tuple(row) for row in rows]) == data


# A fixture shaped like the package's JSON: what the refresh keeps and drops.
PACKAGE = {"name": "@etalab/decoupage-administratif", "version": "9.9.9", "license": "MIT"}
REGIONS = [{"code": "53", "nom": "Bretagne", "chefLieu": "35238", "zone": "metro"}]
DEPARTEMENTS = [
    {"code": "35", "region": "53", "nom": "Ille-et-Vilaine", "zone": "metro"},
    {"code": "22", "region": "53", "nom": "Côtes-d'Armor", "zone": "metro"},
]
COMMUNES = [
    {"code": "35238", "nom": "Rennes", "departement": "35", "region": "53",
     "type": "commune-actuelle", "population": 230890, "codesPostaux": ["35000"]},
    {"code": "22113", "nom": "Lannion", "departement": "22", "region": "53",
     "type": "commune-actuelle", "population": 20000},
    {"code": "35001", "nom": "Acigné", "departement": "35", "region": "53",
     "type": "commune-actuelle"},
    {"code": "35999", "nom": "Ancienne", "departement": "35", "type": "commune-deleguee"},
]  # fmt: skip
EPCI = [
    {"code": "243500139", "nom": "Rennes Métropole", "type": "METRO", "modeFinancement": "FPU",
     "membres": [{"code": "35238", "nom": "Rennes"}, {"code": "35001", "nom": "Acigné"}]},
]  # fmt: skip


def test_the_refresh_keeps_current_communes_with_population_and_epci() -> None:
    rows = compact_rows(REGIONS, list(reversed(DEPARTEMENTS)), COMMUNES, EPCI)
    assert rows == [
        ("reg", "53", "Bretagne"),
        ("dep", "22", "Côtes-d'Armor", "53"),
        ("dep", "35", "Ille-et-Vilaine", "53"),
        ("epci", "243500139", "Rennes Métropole", "METRO"),
        ("com", "22113", "Lannion", "22", "20000", ""),
        ("com", "35001", "Acigné", "35", "0", "243500139"),
        ("com", "35238", "Rennes", "35", "230890", "243500139"),
    ]


def test_the_refresh_is_deterministic_and_records_its_source() -> None:
    rows = compact_rows(REGIONS, DEPARTEMENTS, COMMUNES, EPCI)
    data = gazetteer_bytes(rows)
    assert data == gazetteer_bytes(rows)
    assert gzip.decompress(data).decode("utf-8").endswith("35\t230890\t243500139\n")
    info = metadata(PACKAGE, rows, data)
    assert info["version"] == "9.9.9" and info["package_licence"] == "MIT"
    assert info["counts"] == {"com": 3, "dep": 2, "epci": 1, "reg": 1}
    assert info["sha256"] == hashlib.sha256(data).hexdigest()
