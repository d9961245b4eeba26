"""French dates as the newsletter writes them, to a year and a month (and day) when known."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from indexer.extraction import dates
from indexer.extraction.dates import find_date, month_number, year_after

OCTOBER_2018 = (2018, 10)  # the seed issue's date, which completes a yearless agenda date


@pytest.mark.parametrize(
    "line, year, month, day, text",
    [
        # month names, capitalised or not, and their abbreviations
        ("Horizons publics, septembre 2018. En ligne.", 2018, 9, None, "septembre 2018"),
        ("Sylvine Bois-Choussy, 27ième Région. Juin 2018. En ligne", 2018, 6, None, "Juin 2018"),
        (
            "Paris School of Business/Chaire newPIC pour L'Innovation Factory et Bpifrance Le Lab. "
            "Mars 2018. 174 p.",
            2018,
            3,
            None,
            "Mars 2018",
        ),
        (
            "Nesta, Jesper Christiansen (Senior Programme Manager). Oct. 2016. 30 p.",
            2016,
            10,
            None,
            "Oct. 2016",
        ),
        ("AUDIAR, décembre 2016. 24 p.", 2016, 12, None, "décembre 2016"),
        ("Epures, janvier 2015. 132 p.", 2015, 1, None, "janvier 2015"),
        ("Regards de l'Agam n° 62 – ECONOMIE, août 2017. 12 p.", 2017, 8, None, "août 2017"),
        ("Le 4 Pages de l'Agence #24, juin 2018. 4 p.", 2018, 6, None, "juin 2018"),
        (
            "Cahiers de l'iau île-de-France, n°174, novembre 2017. 160 p.",
            2017,
            11,
            None,
            "novembre 2017",
        ),
        ("Fondation The Digital New Deal, juin 2018. 43 p.", 2018, 6, None, "juin 2018"),
        (
            "2 dossiers de La Gazette des communes, actualisés septembre 2018. En ligne",
            2018,
            9,
            None,
            "septembre 2018",
        ),
        ("janv. 2017", 2017, 1, None, "janv. 2017"),
        ("févr. 2016", 2016, 2, None, "févr. 2016"),
        ("fév. 2016", 2016, 2, None, "fév. 2016"),
        ("avr. 2019", 2019, 4, None, "avr. 2019"),
        ("juil. 2014", 2014, 7, None, "juil. 2014"),
        ("sept. 2018", 2018, 9, None, "sept. 2018"),
        ("déc. 2015", 2015, 12, None, "déc. 2015"),
        ("aout 2017", 2017, 8, None, "aout 2017"),
        ("Fevrier 2018", 2018, 2, None, "Fevrier 2018"),
        # seasons
        ("Traits d'agences n°33, automne 2018. 28 p.", 2018, None, None, "automne 2018"),
        ("Urbis le Mag, #1 à #10, été 2018. En ligne", 2018, None, None, "été 2018"),
        ("printemps 2017", 2017, None, None, "printemps 2017"),
        ("hiver 2016", 2016, None, None, "hiver 2016"),
        # numeric forms: year/issue, month/year
        (
            "Revue Internationale des Sciences Administratives, 2018/2 (Vol. 84), 224 p.",
            2018,
            None,
            None,
            "2018/2",
        ),
        ("Sciences du Design, 2017/1 (n° 5), p. 32-51.", 2017, None, None, "2017/1"),
        ("Quaderni, n°96, 2018/2. 128 p.", 2018, None, None, "2018/2"),
        ("Population & Avenir, n° 738, 3/2018. pp.4-7", 2018, 3, None, "3/2018"),
        ("En Bref, n° 37, 4/2017. 4 p.", 2017, 4, None, "4/2017"),
        # day, month and year in figures, as a bulletin's metadata writes them
        ("ANCT, 12/03/2019. 64 p.", 2019, 3, 12, "12/03/2019"),
        ("Cerema, 1.10.2021. 32 p.", 2021, 10, 1, "1.10.2021"),
        ("Webinaire du 07-06-2022", 2022, 6, 7, "07-06-2022"),
        ("Etude CGET, Futurs Publics, SGMAP, 12/2015. 44 p.", 2015, 12, None, "12/2015"),
        # bare years, not confused with numbers
        ("OECD, 2017. 254 p. [en anglais]", 2017, None, None, "2017"),
        (
            "Territoire en mouvement Revue de géographie et aménagement, 34 | 2017. En ligne",
            2017,
            None,
            None,
            "2017",
        ),
        (
            "CNRS UMR 6590 Espaces et Sociétés (ESO), Université Rennes 2, 2018. 607 p.",
            2018,
            None,
            None,
            "2018",
        ),
        ("Presses universitaires du Midi, 2018", 2018, None, None, "2018"),
        # days, lists and ranges of days
        ("Thèse de Doctorat soutenue le 5 février 2018", 2018, 2, 5, "le 5 février 2018"),
        ("7, 8 et 9 novembre 2018, à Lille", 2018, 11, 7, "7, 8 et 9 novembre 2018"),
        ("5 et 6 novembre 2018, à Lille", 2018, 11, 5, "5 et 6 novembre 2018"),
        ("23 novembre 2018, à Paris", 2018, 11, 23, "23 novembre 2018"),
        (
            "le vendredi 23 novembre 2018, de 9h15 à 12h45",
            2018,
            11,
            23,
            "le vendredi 23 novembre 2018",
        ),
        ("jusqu'au 7 décembre 2018", 2018, 12, 7, "jusqu'au 7 décembre 2018"),
        ("The Conversation, 18 septembre 2018. En ligne", 2018, 9, 18, "18 septembre 2018"),
        ("du 15 octobre au 30 novembre 2018", 2018, 10, 15, "du 15 octobre au 30 novembre 2018"),
        ("1er juin 2018", 2018, 6, 1, "1er juin 2018"),
        # a yearless day in an October 2018 issue: the coming November
        ("du 19 au 25 novembre, à travers toute la France", 2018, 11, 19, "du 19 au 25 novembre"),
    ],
)
def test_find_date(line, year, month, day, text):
    date = find_date(line, OCTOBER_2018)
    assert (date.year, date.month, date.day, date.text) == (year, month, day, text)


@pytest.mark.parametrize(
    "line",
    [
        "Département de Loire-Atlantique.",
        "Inscription gratuite.",
        "Morceaux choisis de la table-ronde organisée en septembre dernier",
        "Le Lab 110 bis, Paris 7ème.",
        "n°755",
        "Agence d'urbanisme de l'agglomération marseillaise (AGAM)",
    ],
)
def test_no_date(line):
    assert find_date(line, OCTOBER_2018) is None


def test_a_yearless_date_without_an_issue_date_has_no_year():
    date = find_date("du 19 au 25 novembre")
    assert (date.year, date.month, date.day) == (None, 11, 19)


@pytest.mark.parametrize(
    "month, issue_year, issue_month, year",
    [
        (11, 2018, 10, 2018),  # "du 19 au 25 novembre" in the October 2018 issue
        (10, 2018, 10, 2018),
        (1, 2018, 10, 2019),  # January announced in October is next year's
        (None, 2018, 10, 2018),
        (3, None, None, None),
        (3, 2018, None, 2018),
    ],
)
def test_year_after(month, issue_year, issue_month, year):
    assert year_after(month, issue_year, issue_month) == year


@pytest.mark.parametrize(
    "word, number",
    [
        ("janvier", 1),
        ("Oct.", 10),
        ("août", 8),
        ("aout", 8),
        ("Décembre", 12),
        ("sept.", 9),
        ("mars", 3),
        ("marsupial", None),
        ("lundi", None),
    ],
)
def test_month_number(word, number):
    assert month_number(word) == number


def test_precision_ranks_day_month_year():
    assert find_date("5 février 2018").precision == 3
    assert find_date("février 2018").precision == 2
    assert find_date("2018").precision == 1


DATE_PIECES = [
    "1er", "7", "15", "31", "2018", "1999", "2031", " ", "  ", ", ", " et ", " au ", "-", "/",
    "mai", "Octobre", "déc.", "sept", "juil.", "automne", "le ", "du ", "lundi ", "n°",
    "p. 12", "3/2017", "2017/3", "UMR ", "x", "ER",
]  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(DATE_PIECES), max_size=8).map("".join))
def test_cheap_tests_never_rule_out_a_date_the_full_patterns_find(text):
    if dates._DAY_DATE.search(text):
        assert dates._DAY_BEFORE_MONTH.search(text)
    yearly = (dates._MONTH_DATE, dates._SEASON_DATE, dates._MONTH_SLASH_YEAR)
    for form in (*yearly, dates._YEAR_SLASH_ISSUE, dates._BARE_YEAR):
        if form.search(text):
            assert dates._ANY_YEAR.search(text)


def test_two_months_of_one_year_date_from_the_first():
    date = find_date("Revue des territoires, n° 12, mars-avril 2019. 64 p.")
    assert (date.year, date.month, date.text) == (2019, 3, "mars-avril 2019")
