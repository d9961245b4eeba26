"""Synthetic newsletter issues, written as real files in the seed's format.

Each issue is drawn from its own `random.Random(f"{seed}-{number}")`, so a corpus of N
entries is the same bytes on every machine, and one more issue (for the incremental build)
can be generated without regenerating the others. Publishers, cities and sections follow a
Zipf-like skew: a few big publishers sign most entries, a long tail signs one or two.
"""

from __future__ import annotations

import itertools
import random
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from analyzers.folding import fold
from benchmarks.material import Material, load_material

MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)
ENTRIES_PER_ISSUE = 80
YEARS = range(2005, 2025)
RESOURCE_WORDS = ("Plateforme", "Observatoire", "Réseau", "Programme", "Newsletter", "Portail")
EVENT_WORDS = ("Journées", "Colloque :", "Rencontre nationale :", "Séminaire :", "Webinaire :")
FOOTER = """Commissariat général à l'égalité des territoires

Conception : Service de veille - Direction des stratégies territoriales.

>> S'abonner : accès direct à [l'encart d'inscription](#)

>> Nous contacter : enquelquesclics@example.org
"""


def cumulative_zipf(count: int, exponent: float = 1.1) -> list[float]:
    """Return cumulative Zipf weights for ranks 1..count, for `Random.choices`."""
    return list(itertools.accumulate(1 / rank**exponent for rank in range(1, count + 1)))


@dataclass
class GeneratedCorpus:
    """What was written: the folder, its issue files and the number of entries in them."""

    folder: Path
    files: list[Path] = field(default_factory=list)
    entries: int = 0
    seed: int = 0


class _Issue:
    """Draw the text of one issue from the material with one random generator."""

    def __init__(self, material: Material, rng: random.Random) -> None:
        self.m = material
        self.rng = rng
        self.publishers = [*material.big_publishers, *material.small_publishers]
        self.publisher_weights = cumulative_zipf(len(self.publishers))
        self.city_weights = cumulative_zipf(len(material.cities), 1.0)
        self.section_weights = cumulative_zipf(len(material.sections), 0.8)
        self.titles: set[str] = set()

    # -- small draws -----------------------------------------------------------------------

    def publisher(self) -> str:
        """Return a publisher as written, big ones far more often than small ones."""
        return self.rng.choices(self.publishers, cum_weights=self.publisher_weights)[0]

    def city(self) -> str:
        """Return a city name; the tail of the list makes rare words."""
        return self.rng.choices(self.m.cities, cum_weights=self.city_weights)[0]

    def person(self) -> str:
        """Return "Given Surname" with a given name the extractor knows."""
        return f"{self.rng.choice(self.m.first_names)} {self.rng.choice(self.m.surnames)}"

    def title(self) -> str:
        """Return a title unique in this issue, from one or two seed title fragments."""
        for _ in range(50):
            first = self.rng.choice(self.m.fragments)
            roll = self.rng.random()
            if roll < 0.45:
                title = first
            elif roll < 0.85:
                second = self.rng.choice(self.m.fragments)
                title = f"{first}{self.rng.choice(('. ', ' : '))}{second[0].lower()}{second[1:]}"
            else:
                title = f"{first} : l'exemple de {self.city()}"
            if fold(title) not in self.titles:
                self.titles.add(fold(title))
                return title
        title = f"{first} ({self.city()} {len(self.titles)})"
        self.titles.add(fold(title))
        return title

    def description(self) -> list[str]:
        """Return one or two paragraphs of seed sentences, each long enough to read as prose."""
        paragraphs = []
        for _ in range(2 if self.rng.random() < 0.2 else 1):
            sentences: list[str] = []
            while sum(len(s.split()) for s in sentences) < self.rng.randint(25, 90):
                sentences.append(self.rng.choice(self.m.sentences))
            if self.rng.random() < 0.25:
                sentences.append(f"Le cas de {self.city()} illustre ces enjeux.")
            paragraphs.append(" ".join(sentences))
        return paragraphs

    def entry_year(self, issue_year: int) -> int:
        """Return a publication year at most a few years before the issue."""
        return max(YEARS.start, issue_year - min(int(self.rng.expovariate(1.2)), 4))

    # -- items -----------------------------------------------------------------------------

    def publication(self, issue_year: int) -> list[str]:
        """Return the lines of a "►" publication: title, names, source line, description."""
        title = self.title()
        lines = [f"► {title}{'' if title.endswith(('?', '!')) else '.'}"]
        year = self.entry_year(issue_year)
        month = self.rng.choice(MONTHS)
        pages = self.rng.choice((4, 6, 8, 12, 16, 24, 32, 44, 60, 96, 132, 224))
        publishers = ", ".join(
            dict.fromkeys(self.publisher() for _ in range(1 + (self.rng.random() < 0.2)))
        )
        roll = self.rng.random()
        if roll < 0.25:
            authors = ", ".join(dict.fromkeys(self.person() for _ in range(self.rng.randint(1, 3))))
            start = self.rng.randint(5, 120)
            journal = self.rng.choice(self.m.journals)
            number = self.rng.randint(1, 400)
            source = f"{journal}, {year}/{self.rng.randint(1, 4)} (n° {number}), "
            lines += [authors, f"{source}p. {start}-{start + self.rng.randint(4, 30)}."]
        else:
            if self.rng.random() < 0.3:
                lines.append(self.person())
            if roll < 0.65:
                lines.append(f"{publishers}, {month} {year}. {pages} p.")
            elif roll < 0.85:
                lines.append(f"{publishers}, {year}. {pages} p.")
            else:
                lines.append(f"{publishers}, {month} {year}. En ligne.")
        return lines + self.description()

    def resource(self) -> list[str]:
        """Return the lines of an "A découvrir" resource: a name line and its description."""
        fragment = self.rng.choice(self.m.fragments)
        name = f"{self.rng.choice(RESOURCE_WORDS)} {fragment[0].lower()}{fragment[1:]}"
        while fold(name) in self.titles:
            name = f"{name} de {self.city()}"
        self.titles.add(fold(name))
        return [name, *self.description()]

    def event(self, issue_year: int, issue_month: int) -> list[str]:
        """Return the lines of an Agenda event: title, date and place, organisers, text."""
        title = f"{self.rng.choice(EVENT_WORDS)} {self.rng.choice(self.m.fragments).lower()}"
        while fold(title) in self.titles:
            title = f"{title} à {self.city()}"
        self.titles.add(fold(title))
        day = self.rng.randint(1, 28)
        month = MONTHS[min(11, issue_month + self.rng.randint(0, 1) - 1)]
        organisers = " / ".join(dict.fromkeys(self.publisher() for _ in range(2)))
        date = f"{day} {month} {issue_year}, à {self.city()}"
        return [f"► {title}", date, organisers, self.description()[0]]


def issue_text(number: int, entries: int, material: Material, seed: int) -> tuple[str, str]:
    """Return (file name, text) of issue `number` holding `entries` entries."""
    if entries < 10:  # the Agenda the summary announces needs at least one event
        raise ValueError("an issue holds at least 10 entries")
    rng = random.Random(f"{seed}-{number}")
    draw = _Issue(material, rng)
    year = rng.choices(YEARS, weights=[1 + i for i in range(len(YEARS))])[0]
    month = rng.randint(1, 12)
    sections: list[str] = []
    while len(sections) < min(rng.randint(5, 7), entries):
        section = rng.choices(material.sections, cum_weights=draw.section_weights)[0]
        if section not in sections:
            sections.append(section)
    events = min(4, entries // 10)
    shares = _split(entries - events, len(sections), rng)
    theme = rng.choice(material.sections)
    blocks = [
        "Veille & territoires",
        "EN QUELQUES CLICS",
        f"Hors-Série #{number}\n{MONTHS[month - 1]} {year}",
        theme,
        f"Le service de veille propose un bulletin consacré au thème « {theme} », pour "
        "éclairer la réflexion des acteurs territoriaux et de leurs partenaires.",
        "Sommaire :\n\n" + "\n".join(f"- {s}" for s in [*sections, "Agenda"]),
        "[Version](#)",
    ]
    for section, share in zip(sections, shares, strict=True):
        blocks.append(section)
        discover = min(share - 1, rng.randint(2, 3)) if rng.random() < 0.4 and share > 2 else 0
        for _ in range(share - discover):
            blocks += draw.publication(year)
        if discover:
            blocks.append("A découvrir")
            for _ in range(discover):
                blocks += draw.resource()
    blocks.append("Agenda")
    for _ in range(events):
        blocks += draw.event(year, month)
    blocks.append(FOOTER)
    return f"{year}-{month:02d}_hors-serie-{number}.txt", "\n\n".join(blocks) + "\n"


def _split(total: int, parts: int, rng: random.Random) -> list[int]:
    """Split `total` items into `parts` shares of at least one, unevenly."""
    weights = [rng.uniform(0.5, 2.0) for _ in range(parts)]
    shares = [max(1, int(total * w / sum(weights))) for w in weights]
    shares[0] += total - sum(shares)
    return shares


def issue_sizes(entries: int, per_issue: int = ENTRIES_PER_ISSUE) -> list[int]:
    """Cut N entries into issues of `per_issue`; a short remainder joins the last issue."""
    full, rest = divmod(entries, per_issue)
    sizes = [per_issue] * full
    if rest >= 10 or not sizes:
        sizes.append(max(rest, 10))
    elif rest:
        sizes[-1] += rest
    return sizes


def generate_corpus(entries: int, folder: Path, seed: int = 7) -> GeneratedCorpus:
    """Write a corpus of about `entries` entries into `folder` (emptied first)."""
    material = load_material()
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    corpus = GeneratedCorpus(folder, seed=seed)
    for number, size in enumerate(issue_sizes(entries), start=1):
        corpus.files.append(write_issue(folder, number, size, seed, material))
        corpus.entries += size
    return corpus


def write_issue(
    folder: Path,
    number: int,
    entries: int = ENTRIES_PER_ISSUE,
    seed: int = 7,
    material: Material | None = None,
) -> Path:
    """Write issue `number` into `folder` and return its path (for incremental builds too)."""
    name, text = issue_text(number, entries, material or load_material(), seed)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path
