"""The raw material of synthetic issues, taken from the seed newsletter through the extractor.

Recombining the seed's own sentences, titles, publishers and journals keeps the vocabulary,
sentence lengths and name shapes of the real newsletter, which a lorem-ipsum corpus would not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from indexer.extraction.corpus import extract_paths
from indexer.extraction.lines import is_noise, is_source_line

SEEDS_DIR = Path(__file__).resolve().parents[1] / "seeds"

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[«\"A-ZÀ-Ý0-9])")
_TITLE_CUT = re.compile(r"\.\s+|\s+:\s+|\s+[-–]\s+|\s+/\s+|\s*\?\s+")
_JOURNAL_TAIL = re.compile(r"[\s,]*(?:n°|N°|#|\d).*$")

# Themes a territorial newsletter covers; sections and issue themes are drawn from them.
SECTION_POOL = (
    "Mobilités et transports",
    "Habitat et logement",
    "Transition écologique",
    "Numérique et territoires",
    "Cohésion sociale",
    "Développement économique local",
    "Ruralités",
    "Politique de la ville",
    "Santé et territoires",
    "Éducation et jeunesse",
    "Culture et patrimoine",
    "Agriculture et alimentation",
    "Tourisme et attractivité",
    "Europe et coopération territoriale",
    "Finances locales",
    "Démocratie participative",
    "Observation territoriale",
    "Métropoles et centralités",
    "Montagne et littoral",
    "Emploi et formation",
    "Énergie et climat",
    "Biodiversité et paysages",
    "Commerce et centres-villes",
    "Services au public",
    "Vieillissement et solidarités",
    "Gouvernance locale",
    "Eau et risques",
    "Friches et foncier",
    "Villes moyennes",
    "Économie sociale et solidaire",
)
CITIES = (
    "Lille",
    "Rennes",
    "Nantes",
    "Lyon",
    "Marseille",
    "Bordeaux",
    "Toulouse",
    "Grenoble",
    "Strasbourg",
    "Montpellier",
    "Nice",
    "Brest",
    "Lorient",
    "Quimper",
    "Vannes",
    "Angers",
    "Tours",
    "Orléans",
    "Dijon",
    "Besançon",
    "Metz",
    "Nancy",
    "Reims",
    "Amiens",
    "Rouen",
    "Caen",
    "Le Havre",
    "Cherbourg",
    "Poitiers",
    "Limoges",
    "Clermont-Ferrand",
    "Saint-Étienne",
    "Valence",
    "Avignon",
    "Nîmes",
    "Perpignan",
    "Pau",
    "Bayonne",
    "Biarritz",
    "Tarbes",
    "Albi",
    "Rodez",
    "Cahors",
    "Agen",
    "Périgueux",
    "Angoulême",
    "La Rochelle",
    "Niort",
    "Saint-Brieuc",
    "Lannion",
    "Morlaix",
    "Dinan",
    "Saint-Malo",
    "Laval",
    "Le Mans",
    "Alençon",
    "Évreux",
    "Chartres",
    "Bourges",
    "Nevers",
    "Auxerre",
    "Troyes",
    "Chaumont",
    "Épinal",
    "Colmar",
    "Mulhouse",
    "Belfort",
    "Montbéliard",
    "Chambéry",
    "Annecy",
    "Gap",
    "Digne",
    "Toulon",
    "Ajaccio",
    "Bastia",
    "Mende",
    "Aurillac",
    "Le Puy-en-Velay",
    "Guéret",
    "Tulle",
    "Châteauroux",
    "Blois",
    "Vendôme",
    "Saumur",
    "Cholet",
    "Roanne",
    "Vienne",
    "Bourg-en-Bresse",
    "Mâcon",
    "Chalon-sur-Saône",
    "Dole",
    "Lons-le-Saunier",
    "Pontarlier",
    "Verdun",
    "Sedan",
    "Charleville-Mézières",
    "Saint-Quentin",
    "Beauvais",
    "Compiègne",
    "Soissons",
    "Laon",
    "Arras",
    "Douai",
    "Valenciennes",
    "Maubeuge",
    "Dunkerque",
    "Calais",
    "Boulogne-sur-Mer",
    "Cayenne",
    "Fort-de-France",
    "Pointe-à-Pitre",
    "Saint-Denis",
    "Mamoudzou",
    "Nouméa",
    "Forcalquier",
    "Millau",
    "Figeac",
    "Foix",
    "Saint-Girons",
    "Oloron",
    "Mont-de-Marsan",
    "Dax",
    "Libourne",
    "Bergerac",
    "Sarlat",
    "Brive",
    "Ussel",
    "Montluçon",
    "Vichy",
)
SMALL_PUBLISHER_PATTERNS = (
    "Agence d'urbanisme de {city}",
    "Ville de {city}",
    "Université de {city}",
    "Observatoire territorial de {city}",
    "Conseil de développement de {city}",
    "Communauté d'agglomération de {city}",
    "Institut d'études urbaines de {city}",
    "Association Territoires de {city}",
    "Centre de ressources de {city}",
)
SURNAMES = (
    "Martin",
    "Bernard",
    "Dubois",
    "Thomas",
    "Robert",
    "Richard",
    "Petit",
    "Durand",
    "Leroy",
    "Moreau",
    "Simon",
    "Laurent",
    "Lefebvre",
    "Michel",
    "Garcia",
    "David",
    "Bertrand",
    "Roux",
    "Vincent",
    "Fournier",
    "Morel",
    "Girard",
    "André",
    "Lefèvre",
    "Mercier",
    "Dupont",
    "Lambert",
    "Bonnet",
    "François",
    "Martinez",
    "Legrand",
    "Garnier",
    "Faure",
    "Rousseau",
    "Blanc",
    "Guérin",
    "Muller",
    "Henry",
    "Roussel",
    "Nicolas",
    "Perrin",
    "Morin",
    "Mathieu",
    "Clément",
    "Gauthier",
    "Dumont",
    "Lopez",
    "Fontaine",
    "Chevalier",
    "Robin",
    "Masson",
    "Sanchez",
    "Besson",
    "Vivant",
    "Weller",
    "Pallez",
    "Coblence",
    "Godet",
    "Ferchaud",
    "Camors",
)


@dataclass(frozen=True)
class Material:
    """Pools of text to recombine: sentences, title fragments, names, journals, sections."""

    sentences: tuple[str, ...]
    fragments: tuple[str, ...]
    big_publishers: tuple[str, ...]
    small_publishers: tuple[str, ...]
    first_names: tuple[str, ...]
    surnames: tuple[str, ...]
    journals: tuple[str, ...]
    sections: tuple[str, ...]
    cities: tuple[str, ...]


def _sentences(descriptions: list[str]) -> list[str]:
    """Split descriptions into whole sentences of readable length."""
    out = []
    for description in descriptions:
        for paragraph in description.split("\n\n"):
            for sentence in _SENTENCE_END.split(paragraph):
                sentence = sentence.strip()
                words = len(sentence.split())
                if (
                    6 <= words <= 60
                    and sentence.endswith((".", "?", "!"))
                    and sentence[0].isupper()
                ):
                    out.append(sentence)
    return sorted(set(out))


def _fragments(titles: list[str]) -> list[str]:
    """Cut titles into the pieces titles are made of ("Innovation et territoires")."""
    out = []
    for title in titles:
        for piece in _TITLE_CUT.split(title):
            piece = piece.strip(' .:;,!?«»"')
            if (
                2 <= len(piece.split()) <= 12
                and not any(ch.isdigit() for ch in piece[:3])
                and not any(ch in piece for ch in '#"«»()')
            ):
                piece = piece[0].upper() + piece[1:]
                if not is_noise(piece) and not is_source_line(piece):
                    out.append(piece)
    return sorted(set(out))


def _authority_publishers() -> list[str]:
    """Return the canonical names of the authority file, in the file's order (the big ones)."""
    text = resources.files("indexer").joinpath("data/publishers.tsv").read_text("utf-8")
    names = []
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            columns = line.split("\t")
            names.append(columns[1] if len(columns) > 1 and columns[1] else columns[0])
    return names


def _first_names() -> list[str]:
    """Return the given names the extractor knows, so that author lines read as people."""
    text = resources.files("indexer").joinpath("data/first_names.txt").read_text("utf-8")
    words = (w for line in text.splitlines() if not line.startswith("#") for w in line.split())
    return sorted(set(words))


@cache
def load_material(seeds: Path = SEEDS_DIR) -> Material:
    """Extract the seed issues and turn their entries into pools of material."""
    entries = extract_paths([seeds]).entries
    journals = sorted(
        {
            _JOURNAL_TAIL.sub("", entry.source.split(",")[0]).strip()
            for entry in entries
            if entry.source and entry.kind == "publication"
        }
        - {""}
    )
    small = [pattern.format(city=city) for pattern in SMALL_PUBLISHER_PATTERNS for city in CITIES]
    seed_sections = sorted({entry.section for entry in entries if entry.section} - {"Agenda"})
    return Material(
        sentences=tuple(_sentences([entry.description for entry in entries])),
        fragments=tuple(_fragments([entry.title for entry in entries])),
        big_publishers=tuple(_authority_publishers()),
        small_publishers=tuple(small),
        first_names=tuple(_first_names()),
        surnames=SURNAMES,
        journals=tuple(j for j in journals if len(j) >= 5 and "(" not in j and len(j.split()) <= 6),
        sections=tuple(dict.fromkeys([*seed_sections, *SECTION_POOL])),
        cities=CITIES,
    )
