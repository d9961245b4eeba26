"""Entry ids are stable: derived from issue, section and normalised title, never from order."""

from __future__ import annotations

from indexer.extraction.entry import Entry, entry_id
from indexer.extraction.extractor import extract_file

ISSUE = "En quelques clics — Hors-Série #2 — octobre 2018"
PLACES = "Les lieux de l'innovation"


def ids(entries: list[Entry]) -> dict[str, str]:
    """Map (section, title) to id."""
    return {f"{entry.section}/{entry.title}": entry.id for entry in entries}


def extract_text(tmp_path, name: str, text: str) -> list[Entry]:
    """Write a text to a file and extract it."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return extract_file(path).entries


def test_two_extractions_give_the_same_ids(seed_path, seed_entries):
    assert [entry.id for entry in extract_file(seed_path).entries] == [
        entry.id for entry in seed_entries
    ]


def test_moving_sections_keeps_ids(tmp_path, seed_text, seed_entries, mover):
    moved = mover(seed_text, PLACES, before="Concevoir autrement les politiques publiques")
    moved = mover(moved, "Le design de services publics", before="Agenda")
    entries = extract_text(tmp_path, "moved.txt", moved)
    sections = [entry.section for entry in entries]
    assert sections[1] == PLACES and sections[-6] == "Le design de services publics"
    assert ids(entries) == ids(seed_entries)


def test_adding_an_item_changes_no_other_id(tmp_path, seed_text, seed_entries):
    anchor = "► L'innovation publique en débat."
    added = "► Un nouvel article.\n\nHorizons publics, octobre 2018. En ligne.\n\n"
    text = seed_text.replace(anchor, added + anchor, 1)
    entries = extract_text(tmp_path, "added.txt", text)
    new = {key: value for key, value in ids(entries).items() if key not in ids(seed_entries)}
    assert list(new) == ["Concevoir autrement les politiques publiques/Un nouvel article"]
    assert {k: v for k, v in ids(entries).items() if k not in new} == ids(seed_entries)


def test_file_name_and_typography_do_not_change_ids(tmp_path, seed_text, seed_entries):
    text = seed_text.replace("**", "").replace("'", "’")
    entries = extract_text(tmp_path, "another-name.md", text)
    assert ids(entries) == ids(seed_entries)


def test_id_is_a_function_of_issue_section_and_folded_title():
    same = entry_id(ISSUE, "Agenda", "Initiation à l'innovation publique")
    assert same == entry_id(ISSUE, "Agenda", "INITIATION A L'INNOVATION PUBLIQUE")
    assert same != entry_id(
        ISSUE,
        "Diffuser et partager une culture de l'innovation",
        "Initiation à l'innovation publique",
    )
    assert same != entry_id(
        "En quelques clics — n°80 — juin 2019", "Agenda", "Initiation à l'innovation publique"
    )
    assert len(same) == 12 and int(same, 16) >= 0


def test_another_issue_gives_other_ids(tmp_path, seed_text, seed_entries):
    text = seed_text.replace("Hors-Série #2\noctobre 2018", "Hors-Série #3\nmars 2019", 1)
    entries = extract_text(tmp_path, "hs3.txt", text)
    assert {entry.issue for entry in entries} == {"En quelques clics — Hors-Série #3 — mars 2019"}
    assert not set(ids(entries).values()) & set(ids(seed_entries).values())
