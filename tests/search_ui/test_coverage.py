"""Coverage numbers equal counts computed independently from `veille extract` output."""

from __future__ import annotations

from collections import Counter

from search_ui.engine.coverage import NO_SECTION, coverage, duplicate_groups


def test_counts_by_facet_match_the_extracted_records(service, records):
    report = coverage(service.all_records())
    assert report.total == len(records) == 77
    assert dict(report.by_type) == Counter(r["doc_type"] for r in records)
    assert dict(report.by_kind) == {"publication": 54, "resource": 17, "event": 6}
    assert dict(report.by_issue) == Counter(r["issue"] for r in records)
    assert dict(report.by_language) == Counter(r["language"] for r in records)
    assert dict(report.by_publisher) == Counter(p for r in records for p in r["publishers"])


def test_section_by_year_table_and_totals(service, records):
    report = coverage(service.all_records())
    for section in report.sections:
        in_section = [r for r in records if (r["section"] or NO_SECTION) == section]
        assert report.section_totals[section] == len(in_section)
        assert report.section_year[section] == Counter(r["year"] for r in in_section)
    assert sum(report.section_totals.values()) == len(records)
    assert report.sections[-1] == "Agenda"  # in the order of the issue
    assert report.year_totals == Counter(r["year"] for r in records)


def test_quality_lists(service, records):
    report = coverage(service.all_records())
    assert {r["id"] for r in report.without_publisher} == {
        r["id"] for r in records if not r["publishers"]
    }
    assert all(r["kind"] != "resource" for r in report.without_year)
    titles = [[r["title"] for r in group] for group in report.duplicates]
    assert ["Initiation à l'innovation publique"] * 2 in titles


def test_near_duplicates_are_grouped():
    records = [
        {"title": "Vers un urbanisme collaboratif", "id": "a"},
        {"title": "Vers un urbanisme collaboratif.", "id": "b"},
        {"title": "Vers un urbanism collaboratif", "id": "c"},
        {"title": "Le vélo en ville", "id": "d"},
    ]
    groups = [{r["id"] for r in group} for group in duplicate_groups(records)]
    assert groups == [{"a", "b", "c"}]


def test_api_shape(service):
    data = coverage(service.all_records()).to_api()
    assert data["total"] == 77
    assert set(data["quality"]) == {
        "without_year",
        "without_publisher",
        "without_type",
        "duplicates",
        "folded_variants",
    }
    assert sum(row["total"] for row in data["section_year"]) == 77
