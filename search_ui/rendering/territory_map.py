"""Coverage by territory laid out as a schematic map of France: a tile grid, one tile per
région (or per département of one région), filled by its count; drawn by the templates as
inline SVG, with a table beside it.

No geometry: the régions' places on the grid are hand-placed in `data/region_tiles.tsv`
(north at the top, the largest two cells wide), the five overseas régions in a row below,
« Hors de France » a tile of its own. A région's or a département's count is the territory
facet's (codes closed upward: an entry about Rennes counts under Ille-et-Vilaine and
Bretagne); every tile and row links to its search. Pure data and layout: no Flask.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources
from typing import Any

from analyzers.folding import fold
from indexer.territories import Gazetteer, default_gazetteer

CELL_WIDTH, CELL_HEIGHT, GAP = 112, 72, 6
CAPTION = 28  # room above the overseas row for its caption
LINE_CHARS = 13  # characters of a name per line in a one-cell tile
ABROAD = "abroad"  # the grid's code of « Hors de France »: every place abroad
ABROAD_NAME = "Hors de France"
GROUPS = ("metropole", "outre-mer", "etranger")
# Sequential fills, none to most, each with the ink its text needs (contrast ≥ 4.5:1,
# tests/search_ui/test_territory_map.py checks it); the tiles' outline sets them off the page.
PALETTE = (
    ("#eef1f5", "#1c2430"),
    ("#d6e4f5", "#1c2430"),
    ("#9dbfe6", "#1c2430"),
    ("#4a86c8", "#000000"),
    ("#1d4e89", "#ffffff"),
)
STEPS = len(PALETTE) - 1  # steps of the scale above zero


@dataclass(frozen=True)
class Place:
    """One territory with its count for the search, and the search filtered on it."""

    code: str
    name: str
    count: int
    href: str

    def to_api(self) -> dict[str, Any]:
        """Return the place as the JSON of /api/territories lists it."""
        return {"code": self.code, "name": self.name, "count": self.count, "url": self.href}


@dataclass(frozen=True)
class Cell:
    """A région's place on the grid (a row of `data/region_tiles.tsv`)."""

    code: str
    group: str
    column: int
    row: int
    width: int


@dataclass(frozen=True)
class Tile:
    """One laid-out tile: its place, box (SVG units), colours and the name's lines."""

    place: Place
    x: float
    y: float
    width: float
    height: float
    fill: str
    ink: str
    lines: tuple[str, ...]
    selected: bool = False


@dataclass(frozen=True)
class Caption:
    """A text of the map outside the tiles (« Outre-mer »)."""

    text: str
    x: float
    y: float


@dataclass(frozen=True)
class Step:
    """One step of the colour scale, for the legend: counts from `low` to `high`."""

    low: int
    high: int
    fill: str
    ink: str


@dataclass(frozen=True)
class TileMap:
    """A laid-out tile map: its size, tiles and captions."""

    width: int
    height: int
    tiles: list[Tile]
    captions: list[Caption]


@dataclass
class TerritoryCoverage:
    """What /territoires shows: the régions, the places abroad (one by one and together),
    and the départements of one région when one is asked."""

    regions: list[Place]
    abroad: list[Place]
    abroad_total: Place
    region: Place | None = None
    departments: list[Place] | None = None

    def to_api(self) -> dict[str, Any]:
        """Return the JSON of /api/territories."""
        data: dict[str, Any] = {"regions": [place.to_api() for place in self.regions]}
        if self.region is not None and self.departments is not None:
            data["region"] = self.region.to_api()
            data["departments"] = [place.to_api() for place in self.departments]
        data["abroad"] = [place.to_api() for place in self.abroad]
        total = self.abroad_total
        data["abroad_total"] = {"name": total.name, "count": total.count, "url": total.href}
        return data


def parse_cells(text: str) -> list[Cell]:
    """Parse the grid table; every code a région's (or ABROAD), no cell taken twice."""
    cells: list[Cell] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip() or raw.startswith("#"):
            continue
        parts = [part.strip() for part in raw.split("\t")]
        if len(parts) != 5 or parts[1] not in GROUPS or not all(p.isdigit() for p in parts[2:]):
            raise ValueError(f"region_tiles.tsv:{number}: expected code, group, column, row, width")
        cells.append(Cell(parts[0], parts[1], int(parts[2]), int(parts[3]), int(parts[4])))
    taken = [(c.group == "outre-mer", c.row, c.column + i) for c in cells for i in range(c.width)]
    if len(taken) != len(set(taken)) or len({c.code for c in cells}) != len(cells):
        raise ValueError("region_tiles.tsv: a code or a cell appears twice")
    return cells


@cache
def region_cells() -> tuple[Cell, ...]:
    """Load the grid shipped with the package."""
    data = resources.files("search_ui.rendering").joinpath("data/region_tiles.tsv")
    return tuple(parse_cells(data.read_text("utf-8")))


def wrap(name: str, width: int = LINE_CHARS) -> tuple[str, ...]:
    """Cut a name into lines of about `width` characters, after a space or a hyphen.

    >>> wrap("Provence-Alpes-Côte d'Azur", 16)
    ('Provence-Alpes-', "Côte d'Azur")
    >>> wrap("Bretagne")
    ('Bretagne',)
    """
    lines: list[str] = []
    for piece in re.findall(r"[^ -]+(?:-+| +|$)", name):
        if lines and len(lines[-1]) + len(piece.rstrip()) <= width:
            lines[-1] += piece
        else:
            lines.append(piece)
    return tuple(line.rstrip() for line in lines if line.strip())


def scale(top: int) -> list[Step]:
    """Return the steps of the colour scale for counts up to `top`, zero first.

    >>> [(step.low, step.high) for step in scale(8)]
    [(0, 0), (1, 2), (3, 4), (5, 6), (7, 8)]
    """
    steps = [Step(0, 0, *PALETTE[0])]
    for step in range(1, STEPS + 1):
        low = math.floor(top * (step - 1) / STEPS) + 1
        high = math.floor(top * step / STEPS)
        if low <= high:
            steps.append(Step(low, high, *PALETTE[step]))
    return steps


def step_of(count: int, top: int) -> int:
    """Return the step of the scale a count falls in: 0 for none, STEPS for the top."""
    return 0 if count <= 0 or top <= 0 else min(STEPS, math.ceil(STEPS * count / top))


def _tile(place: Place, cell: Cell, y0: float, top: int, selected: Iterable[str]) -> Tile:
    """Lay out one tile at its cell, below `y0`."""
    width = cell.width * CELL_WIDTH + (cell.width - 1) * GAP
    fill, ink = PALETTE[step_of(place.count, top)]
    return Tile(
        place,
        cell.column * (CELL_WIDTH + GAP),
        y0 + cell.row * (CELL_HEIGHT + GAP),
        width,
        CELL_HEIGHT,
        fill,
        ink,
        wrap(place.name, LINE_CHARS * cell.width),
        place.code in selected,
    )


def region_map(regions: Sequence[Place], abroad: Place, selected: Iterable[str] = ()) -> TileMap:
    """Lay out the régions of the grid and « Hors de France »; régions off the grid (the
    overseas collectivités) are left to the table."""
    by_code = {place.code: place for place in regions}
    by_code[ABROAD] = abroad
    cells = [cell for cell in region_cells() if cell.code in by_code]
    selected = set(selected)
    top = max((place.count for place in by_code.values()), default=0)
    home = [cell for cell in cells if cell.group != "outre-mer"]
    columns = max((c.column + c.width for c in cells), default=1)
    rows = max((cell.row for cell in home), default=-1) + 1
    overseas_y = rows * (CELL_HEIGHT + GAP) + CAPTION
    tiles = [_tile(by_code[cell.code], cell, 0, top, selected) for cell in home]
    tiles += [
        _tile(by_code[cell.code], cell, overseas_y, top, selected)
        for cell in cells
        if cell.group == "outre-mer"
    ]
    captions = [Caption("Outre-mer", 0, overseas_y - 9)]
    return TileMap(columns * (CELL_WIDTH + GAP) - GAP, overseas_y + CELL_HEIGHT, tiles, captions)


def department_map(departments: Sequence[Place], columns: int = 5) -> TileMap:
    """Lay out a région's départements as a grid, in the order given (by code), centred on a
    map as wide as `columns` tiles: a région of four is drawn at the scale of one of thirteen."""
    used = max(1, min(columns, len(departments)))
    top = max((place.count for place in departments), default=0)
    width = columns * (CELL_WIDTH + GAP) - GAP
    shift = (columns - used) * (CELL_WIDTH + GAP) / 2
    tiles = []
    for i, place in enumerate(departments):
        tile = _tile(place, Cell(place.code, "metropole", i % used, i // used, 1), 0, top, ())
        tiles.append(replace(tile, x=tile.x + shift))
    rows = max(1, -(-len(departments) // used))
    return TileMap(width, rows * (CELL_HEIGHT + GAP) - GAP, tiles, [])


@dataclass(frozen=True)
class Levels:
    """The gazetteer's régions, places abroad and départements by région, read once: a page
    then costs the few dozen territories it shows, not the 36,000 communes."""

    regions: tuple[str, ...]
    abroad: tuple[str, ...]
    abroad_top: tuple[str, ...]  # those nothing contains (Europe, the United States…)
    departments: Mapping[str, tuple[str, ...]]  # région -> its départements, by code


@cache
def levels(gazetteer: Gazetteer | None = None) -> Levels:
    """Return the levels of a gazetteer (the shipped one by default)."""
    gazetteer = gazetteer or default_gazetteer()
    departments: dict[str, list[str]] = {}
    for territory in gazetteer:
        if territory.kind == "dep":
            departments.setdefault(territory.within[0], []).append(territory.code)
    return Levels(
        tuple(t.code for t in gazetteer if t.kind == "reg"),
        tuple(t.code for t in gazetteer if t.kind == "int"),
        gazetteer.abroad_roots,
        {region: tuple(sorted(codes)) for region, codes in departments.items()},
    )


def abroad_codes(gazetteer: Gazetteer | None = None) -> tuple[str, ...]:
    """Return the places abroad that nothing contains: with codes closed upward, an entry is
    about a place abroad when it has one of these."""
    return levels(gazetteer).abroad_top


def _by_name(places: Iterable[Place]) -> list[Place]:
    """Sort places by name, accents and case aside."""
    return sorted(places, key=lambda place: (fold(place.name), place.code))


def territory_coverage(
    counts: Mapping[str, int],
    href: Callable[[Sequence[str]], str],
    abroad_count: int,
    region: str | None = None,
    gazetteer: Gazetteer | None = None,
) -> TerritoryCoverage:
    """Gather the places of /territoires from the territory facet's counts.

    `href` gives the search filtered on some codes; `abroad_count` is the number of entries
    about any place abroad (the search of `abroad_codes()`: the codes' counts overlap).
    """
    gazetteer = gazetteer or default_gazetteer()
    level = levels(gazetteer)

    def place(code: str) -> Place:
        return Place(code, gazetteer.name(code), counts.get(code, 0), href((code,)))

    gridded = {cell.code for cell in region_cells()}
    regions = _by_name(place(c) for c in level.regions if c in gridded or counts.get(c))
    abroad = sorted(
        (place(code) for code in level.abroad if counts.get(code)),
        key=lambda p: (-p.count, fold(p.name)),
    )
    total = Place(ABROAD, ABROAD_NAME, abroad_count, href(level.abroad_top))
    coverage = TerritoryCoverage(regions, abroad, total)
    if region is not None:
        coverage.region = place(region)
        coverage.departments = [place(code) for code in level.departments.get(region, ())]
    return coverage
