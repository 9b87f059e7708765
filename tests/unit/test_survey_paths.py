"""A survey year's folder layout, stated once (metabok/survey/paths.py)."""

from __future__ import annotations

from pathlib import Path

from metabok import config
from metabok.survey.paths import SurveyYear, available_years


def test_a_survey_year_knows_its_paths(tmp_path: Path):
    survey = SurveyYear.of(2021, tmp_path)
    assert survey.folder == tmp_path / "2021"
    assert survey.codebook == tmp_path / "2021" / "kodbok.yml"
    assert survey.answers == tmp_path / "2021" / "svar"
    assert survey.narrative("14") == tmp_path / "2021" / "berattelse" / "14.md"
    assert SurveyYear.of(2013).folder == config.SURVEY_DIR / "2013"


def test_answer_files_leave_out_hidden_files_lock_files_and_folders(tmp_path: Path):
    survey = SurveyYear(tmp_path / "2013")
    assert survey.answer_files() == []  # no svar/ yet
    survey.answers.mkdir(parents=True)
    for name in ("b.xlsx", "a.xlsx", ".DS_Store", "~$a.xlsx"):
        (survey.answers / name).write_bytes(b"")
    (survey.answers / "gammalt").mkdir()
    assert [p.name for p in survey.answer_files()] == ["a.xlsx", "b.xlsx"]


def test_the_years_are_the_four_digit_folders_with_a_codebook(tmp_path: Path):
    for name in ("2013", "2021", "2O22", "2023", ".2024.ny"):
        (tmp_path / name).mkdir()
    for name in ("2013", "2021", "2O22", ".2024.ny"):
        SurveyYear(tmp_path / name).codebook.write_text("ar: 0\n", encoding="utf-8")
    assert available_years(tmp_path) == [2013, 2021]
    assert available_years(tmp_path / "saknas") == []
