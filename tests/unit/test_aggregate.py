"""Counts on a hand-made year of six answering kommuner, checked against counts made by hand."""

from __future__ import annotations

import pytest

from metabok.formatting import join_swedish, number_word, sort_key
from metabok.survey.aggregate import (
    TIDY_COLUMNS,
    answered,
    count,
    free_texts,
    number_summary,
    response_rate,
    tidy_results,
)
from metabok.survey.responses import load_survey

from helpers import TINY_HEADER, write_workbook

# Kommunkod, Kommun, overenskommelse, samverkan_af, hinder_bostadsbrist, hinder_storlek, platser, kommentar
ROWS = [
    ["0114", "Upplands Väsby", "Ja", "Mycket bra", 1, 1, 10, "Bostäder saknas."],  # Stockholms län
    ["0115", "Vallentuna", "Nej", "Ganska bra", 1, 0, 5, None],  # Stockholms län
    ["0180", "Stockholm", "Ja", "Ganska dåligt", 0, 0, None, "Åtgärder pågår."],  # Stockholms län
    ["0319", "Älvkarleby", "Ja", "Vet ej", None, None, 2, "Samverkan fungerar."],  # Uppsala län
    ["0305", "Håbo", None, "Mycket bra", 0, 1, 0, None],  # Uppsala län
    ["2321", "Åre", None, None, None, None, None, "Vi har ingen bostadskö."],  # Jämtlands län
    ["0117", "Österåker", None, None, None, None, None, None],  # no answers: not a respondent
]


@pytest.fixture
def survey(tiny_year):
    write_workbook(tiny_year / "svar" / "svar.xlsx", TINY_HEADER, ROWS)
    return load_survey(2013, tiny_year.parent)


def test_response_rate(survey):
    assert response_rate(survey, "00") == (6, 290)
    assert response_rate(survey, "01") == (3, 26)
    assert response_rate(survey, "03") == (2, 8)
    assert response_rate(survey, "04") == (0, 9)


@pytest.mark.parametrize(
    ("area", "answer", "expected"),
    [("00", "Ja", 3), ("00", "Nej", 1), ("01", "Ja", 2), ("01", "nej", 1), ("03", "Ja", 1), ("03", "Nej", 0)],
)
def test_yes_no_counts_leave_out_item_non_response(survey, area, answer, expected):
    assert count(survey, area, "overenskommelse", answer) == expected


def test_answered_counts_only_kommuner_that_answered_the_question(survey):
    assert answered(survey, "00", "overenskommelse") == 4  # Håbo and Åre left it blank
    assert answered(survey, "00", "samverkan_af") == 5
    assert answered(survey, "00", "hinder") == 4  # Stockholm chose nothing (0, 0) but answered
    assert answered(survey, "03", "hinder") == 1
    assert answered(survey, "00", "platser") == 4
    assert answered(survey, "00", "kommentar") == 4


@pytest.mark.parametrize(
    ("area", "answer", "expected"),
    [
        ("00", "Mycket bra", 2),
        ("00", "Vet ej", 1),
        ("00", "grupp:bra", 3),
        ("00", "grupp:dåligt", 1),
        ("01", "grupp:bra", 2),
        ("01", "grupp:dåligt", 1),
        ("03", "grupp:bra", 1),
        ("03", "grupp:dåligt", 0),
    ],
)
def test_scale_and_group_counts(survey, area, answer, expected):
    assert count(survey, area, "samverkan_af", answer) == expected


@pytest.mark.parametrize(
    ("area", "answer", "expected"),
    [
        ("00", "Bostadsbrist", 2),
        ("00", "Brist på bostäder av rätt storlek", 2),
        ("01", "Bostadsbrist", 2),
        ("01", "Brist på bostäder av rätt storlek", 1),
        ("03", "Bostadsbrist", 0),
        ("03", "Brist på bostäder av rätt storlek", 1),
    ],
)
def test_multiple_choice_counts(survey, area, answer, expected):
    assert count(survey, area, "hinder", answer) == expected


def test_count_refuses_what_is_not_an_answer(survey):
    with pytest.raises(ValueError, match="inget svarsalternativ"):
        count(survey, "00", "samverkan_af", "Bra")
    with pytest.raises(ValueError, match="ingen grupp 'saknas'"):
        count(survey, "00", "samverkan_af", "grupp:saknas")
    with pytest.raises(ValueError, match="inget alternativ"):
        count(survey, "00", "hinder", "Annat")
    with pytest.raises(ValueError, match="typen antal"):
        count(survey, "00", "platser", "Summa")


def test_number_summary(survey):
    riket = number_summary(survey, "00", "platser")
    assert (riket.total, riket.mean, riket.median, riket.answered) == (17, 4.25, 3.5, 4)
    stockholm = number_summary(survey, "01", "platser")
    assert (stockholm.total, stockholm.answered) == (15, 2)
    empty = number_summary(survey, "23", "platser")
    assert (empty.total, empty.mean, empty.median, empty.answered) == (0, None, None, 0)


def test_free_texts_in_swedish_alphabetical_order(survey):
    assert free_texts(survey, "00", "kommentar") == [
        ("Stockholm", "Åtgärder pågår."),
        ("Upplands Väsby", "Bostäder saknas."),
        ("Åre", "Vi har ingen bostadskö."),
        ("Älvkarleby", "Samverkan fungerar."),
    ]
    assert free_texts(survey, "03", "kommentar") == [("Älvkarleby", "Samverkan fungerar.")]
    with pytest.raises(ValueError, match="inte en fritextfråga"):
        free_texts(survey, "00", "platser")


def test_tidy_results(survey):
    tidy = tidy_results(survey)
    assert list(tidy.columns) == TIDY_COLUMNS
    # 22 areas × (2 + 5 + 2 + 1 + 1) rows
    assert len(tidy) == 22 * 11
    assert tidy["lanskod"].unique().tolist()[:3] == ["00", "01", "03"]

    def rows(area, question):
        part = tidy[(tidy["lanskod"] == area) & (tidy["fraga_id"] == question)]
        return [(r.svarsalternativ, r.antal, r.antal_svarande) for r in part.itertuples()]

    assert rows("00", "samverkan_af") == [
        ("Mycket bra", 2, 5),
        ("Ganska bra", 1, 5),
        ("Ganska dåligt", 1, 5),
        ("Mycket dåligt", 0, 5),
        ("Vet ej", 1, 5),
    ]
    assert rows("01", "overenskommelse") == [("Ja", 2, 3), ("Nej", 1, 3)]
    assert rows("03", "hinder") == [("Bostadsbrist", 0, 1), ("Brist på bostäder av rätt storlek", 1, 1)]
    assert rows("00", "platser") == [("Summa", 17, 4)]
    assert rows("01", "kommentar") == [("Antal kommentarer", 2, 2)]
    assert rows("04", "overenskommelse") == [("Ja", 0, 0), ("Nej", 0, 0)]
    first = tidy.iloc[0]
    assert (first.ar, first.lan, first.avsnitt, first.fraga) == (
        2013,
        "Riket",
        "Mottagande",
        "Har kommunen en överenskommelse?",
    )
    assert set(tidy.loc[tidy["lanskod"] == "01", "lan"]) == {"Stockholms län"}
    assert str(tidy["antal"].dtype) == "Int64"


def test_county_counts_add_up_to_riket(survey):
    tidy = tidy_results(survey)
    counties = (
        tidy[tidy["lanskod"] != "00"]
        .groupby(["fraga_id", "svarsalternativ"])[["antal", "antal_svarande"]]
        .sum()
    )
    riket = tidy[tidy["lanskod"] == "00"].set_index(["fraga_id", "svarsalternativ"])[
        ["antal", "antal_svarande"]
    ]
    assert counties.sort_index().equals(riket.sort_index())


def test_swedish_text_helpers():
    assert [number_word(n) for n in (0, 1, 2, 12, 13, 1500)] == [
        "noll",
        "en",
        "två",
        "tolv",
        "13",
        "1\u00a0500",
    ]
    assert number_word(1, neuter=True) == "ett"
    assert join_swedish([]) == ""
    assert join_swedish(["a"]) == "a"
    assert join_swedish(["a", "b"]) == "a och b"
    assert join_swedish(["a", "b", "c"]) == "a, b och c"
    assert join_swedish(["a", "b"], "eller") == "a eller b"
    assert sorted(["Örebro", "Älmhult", "Åre", "Ale", "Zebra"], key=sort_key) == [
        "Ale",
        "Zebra",
        "Åre",
        "Älmhult",
        "Örebro",
    ]
