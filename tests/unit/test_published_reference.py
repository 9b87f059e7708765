"""Every number the META 2013 compilation for Stockholms län publishes, counted from the shipped
example answers with the book's own aggregation (data/referens/meta_2013_stockholm_publicerat.csv)."""

from __future__ import annotations

import csv
import math

import pytest

from metabok import config
from metabok.sources import geography
from metabok.survey import aggregate
from metabok.survey.responses import SurveyResponses, load_survey

REFERENCE_FILE = config.REFERENCE_DIR / "meta_2013_stockholm_publicerat.csv"
COLUMNS = ["fraga_id", "svar", "antal_min", "antal_max", "citat", "tolkning"]
REFERENCE_ROWS = 220  # a deleted or added row must be deliberate
STOCKHOLM = "01"


def _read_rows() -> list[dict[str, str]]:
    with open(REFERENCE_FILE, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


ROWS = _read_rows()


@pytest.fixture(scope="module")
def survey() -> SurveyResponses:
    return load_survey(2013)


def _percent(part: int, whole: int) -> int:
    return math.floor(100 * part / whole + 0.5)


def _published_value(survey: SurveyResponses, row: dict[str, str]) -> int:
    """The number the answers give for a reference row."""
    question_id, answer = row["fraga_id"], row["svar"]
    if question_id == "enkat":  # the survey as a whole
        if answer.startswith("kommun:"):
            return int(
                geography.municipality_code(answer.removeprefix("kommun:")) in survey.respondents(STOCKHOLM)
            )
        answered, total = aggregate.response_rate(survey, STOCKHOLM)
        return {
            "svarande": answered,
            "kommuner": total,
            "svarsfrekvens_procent": _percent(answered, total),
            "svarsfrekvens_riket_procent": _percent(*aggregate.response_rate(survey, config.NATIONAL_CODE)),
        }[answer]
    if answer == "svarande":
        return aggregate.answered(survey, STOCKHOLM, question_id)
    return aggregate.count(survey, STOCKHOLM, question_id, answer)


def test_reference_file_has_every_published_number():
    with open(REFERENCE_FILE, encoding="utf-8", newline="") as handle:
        assert next(csv.reader(handle)) == COLUMNS
    assert len(ROWS) == REFERENCE_ROWS
    for row in ROWS:
        assert row["citat"].strip(), row
        assert 0 <= int(row["antal_min"]) <= int(row["antal_max"]), row
    keys = [(row["fraga_id"], row["svar"], row["citat"]) for row in ROWS]
    assert len(keys) == len(set(keys)), "samma uppgift förekommer två gånger"


def test_reference_names_the_19_responding_kommuner():
    names = [row["svar"].removeprefix("kommun:") for row in ROWS if row["svar"].startswith("kommun:")]
    assert len(names) == 19
    codes = {geography.municipality_code(name) for name in names}
    assert None not in codes
    assert {code[:2] for code in codes} == {STOCKHOLM}


def test_reference_questions_are_in_the_codebook(survey: SurveyResponses):
    ids = {q.id for q in survey.codebook.questions}
    assert "enkat" not in ids
    assert {row["fraga_id"] for row in ROWS} - {"enkat"} <= ids


@pytest.mark.parametrize("row", ROWS, ids=[f"{row['fraga_id']}:{row['svar']}" for row in ROWS])
def test_published_count_is_reproduced(survey: SurveyResponses, row: dict[str, str]):
    value = _published_value(survey, row)
    low, high = int(row["antal_min"]), int(row["antal_max"])
    assert low <= value <= high, f"{value} ur exempeldata, publicerat {low}–{high}: {row['citat']!r}"
