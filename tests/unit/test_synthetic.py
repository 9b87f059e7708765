"""The synthetic example answers: deterministic, labelled as exempeldata, with the published
response counts (2013: 264 of 290, in Stockholms län the 19 named kommuner; 2021: 269 of 290)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from example_data import generator as synthetic
from metabok import config
from metabok.survey import aggregate
from metabok.survey.responses import ABOUT_SHEET, ANSWER_SHEET, load_survey


def _shipped(year: int) -> list[Path]:
    return sorted((config.SURVEY_DIR / str(year) / "svar").glob("*.xlsx"))


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> dict[int, list[Path]]:
    root = tmp_path_factory.mktemp("exempeldata")
    return {year: synthetic.write_year(year, root / str(year)) for year in synthetic.YEARS}


def test_generation_is_deterministic(generated, tmp_path):
    for year in synthetic.YEARS:
        again = synthetic.write_year(year, tmp_path / str(year))
        assert [p.name for p in again] == [p.name for p in generated[year]]
        for first, second in zip(generated[year], again, strict=True):
            assert first.read_bytes() == second.read_bytes(), first.name


def test_shipped_files_are_up_to_date(generated):
    for year in synthetic.YEARS:
        shipped = _shipped(year)
        assert [p.name for p in shipped] == [p.name for p in generated[year]]
        for path, fresh in zip(shipped, generated[year], strict=True):
            assert path.read_bytes() == fresh.read_bytes(), (
                f"{path.name} är inaktuell: kör .venv/bin/python scripts/generate_example_data.py"
            )


@pytest.mark.parametrize("year", synthetic.YEARS)
def test_every_file_is_labelled_exempeldata(year):
    paths = _shipped(year)
    assert len(paths) == 21
    for path in paths:
        assert path.name.endswith("_exempeldata.xlsx")
        workbook = openpyxl.load_workbook(path)
        assert workbook.sheetnames == [ANSWER_SHEET, ABOUT_SHEET]
        about = {row[0]: row[1] for row in workbook[ABOUT_SHEET].iter_rows(min_row=2, values_only=True)}
        assert about["Status"] == "exempeldata"
        assert about["Beskrivning"] == (
            "Syntetiska exempeldata skapade av scripts/generate_example_data.py – inte verkliga svar"
        )
        assert about["År"] == year
        assert workbook.properties.title.startswith("Exempeldata")
        assert "Exempeldata" in workbook.properties.description
    assert load_survey(year).synthetic


def test_response_counts():
    assert len(load_survey(2013).respondents(config.NATIONAL_CODE)) == 264
    assert len(load_survey(2021).respondents(config.NATIONAL_CODE)) == 269


def test_stockholm_2013_respondents_are_the_named_kommuner():
    survey = load_survey(2013)
    named = synthetic.named_respondents(synthetic.load_reference())
    assert len(named) == 19
    assert survey.respondents("01") == named


def test_a_name_variant_is_exercised():
    sheet = openpyxl.load_workbook(_shipped(2013)[0])[ANSWER_SHEET]
    names = {row[0]: row[1] for row in sheet.iter_rows(min_row=2, max_col=2, values_only=True)}
    assert names["0114"] == "Upplands-Väsby"


def test_stockholm_2013_has_item_nonresponse():
    survey = load_survey(2013)
    answered = [aggregate.answered(survey, "01", q.id) for q in survey.codebook.questions]
    assert set(answered) == {16, 17, 19}
    assert answered.count(16) > len(answered) / 2  # "I stora delar av enkäten … endast 62 procent"


def test_other_län_have_some_item_nonresponse():
    survey = load_survey(2013)
    others = len(survey.respondents("00")) - len(survey.respondents("01"))
    blank = [
        others - (aggregate.answered(survey, "00", q.id) - aggregate.answered(survey, "01", q.id))
        for q in survey.codebook.questions
        if q.id not in synthetic.FOLLOW_UPS
    ]
    assert 0 < max(blank) <= 0.2 * others


def test_test_strings_are_in_exactly_one_kommun_outside_stockholm():
    survey = load_survey(2021)
    texts = survey.answers[[q.id for q in survey.codebook.questions if q.type == "fritext"]]
    with_script = texts.apply(lambda column: column.str.contains("<script>", regex=False)).any(axis=1)
    like_formula = texts.apply(lambda column: column.str.match(r"[=+\-@]")).any(axis=1)
    assert list(texts.index[with_script.fillna(False)]) == [synthetic.INJECTION_MUNICIPALITY]
    assert list(texts.index[like_formula.fillna(False)]) == [synthetic.INJECTION_MUNICIPALITY]
    assert survey.answers.loc[synthetic.INJECTION_MUNICIPALITY, "lanskod"] != "01"
