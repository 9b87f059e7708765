"""`python -m metabok new-year <år>`: the scaffold of a new survey year."""

from __future__ import annotations

import shutil

import pytest

from metabok import cli, config
from metabok.sources import geography
from metabok.survey.codebook import Problems, load_codebook
from metabok.survey.narrative import check_narratives, load_narrative
from metabok.survey.newyear import NARRATIVE_SCAFFOLD, NewYearRefused, checklist, scaffold


@pytest.fixture
def survey_dir(tmp_path):
    """A survey folder holding the shipped 2013 and 2021 codebooks."""
    for year in (2013, 2021):
        (tmp_path / "enkat" / str(year)).mkdir(parents=True)
        shutil.copy(config.SURVEY_DIR / str(year) / "kodbok.yml", tmp_path / "enkat" / str(year))
    return tmp_path / "enkat"


def test_new_year_copies_the_latest_codebook_with_the_year_changed(survey_dir):
    result = scaffold("2022", survey_dir)
    folder = survey_dir / "2022"
    assert result.folder == folder and result.source_year == 2021
    codebook = load_codebook(folder / "kodbok.yml")
    original = load_codebook(survey_dir / "2021" / "kodbok.yml")
    assert (codebook.year, codebook.survey_name) == (2022, "Lägesbilder 2022")
    assert [q.id for q in codebook.questions] == [q.id for q in original.questions]
    text = (folder / "kodbok.yml").read_text(encoding="utf-8")
    assert text.startswith("# Kopierad från enkat/2021/kodbok.yml")
    assert "# Kodbok för lägesbildsenkäten 2021." in text  # the analyst's comments are kept
    assert list((folder / "svar").iterdir()) == []
    assert "Lägg enkätverktygets Excel-export här" in (folder / "LASMIG.txt").read_text(encoding="utf-8")


def test_a_year_between_two_years_copies_the_year_before(survey_dir):
    assert scaffold("2015", survey_dir).source_year == 2013


def test_narrative_files_hold_the_headings_and_count_as_not_written(survey_dir):
    scaffold("2022", survey_dir)
    folder = survey_dir / "2022" / "berattelse"
    expected = {f"{code}.md" for code in [config.NATIONAL_CODE, *geography.county_codes()]}
    assert {p.name for p in folder.iterdir()} == expected
    assert (folder / "03.md").read_text(encoding="utf-8") == NARRATIVE_SCAFFOLD
    assert "## Sammanfattning" in NARRATIVE_SCAFFOLD and "## Utvecklingsområden" in NARRATIVE_SCAFFOLD
    problems = Problems(strict=False)
    check_narratives(survey_dir / "2022", problems)
    assert problems.errors == []
    narrative = load_narrative(2022, "03", survey_dir)
    # Nothing written: the chapter shows its notes and the data-driven suggestions.
    assert (narrative.summary, narrative.development_areas, narrative.intro) == ([], [], None)


def test_checklist_names_the_next_commands(survey_dir):
    text = checklist(scaffold("2022", survey_dir))
    assert "python -m metabok validate" in text
    assert "python -m metabok build --year 2022" in text
    assert "svar/" in text and "tidigare_id" in text


def test_an_existing_year_is_never_overwritten(survey_dir):
    before = (survey_dir / "2021" / "kodbok.yml").read_bytes()
    with pytest.raises(NewYearRefused, match="finns redan"):
        scaffold("2021", survey_dir)
    assert (survey_dir / "2021" / "kodbok.yml").read_bytes() == before
    assert sorted(p.name for p in (survey_dir / "2021").iterdir()) == ["kodbok.yml"]


@pytest.mark.parametrize("text", ["22", "20222", "år22", "2022a", "0999", ""])
def test_only_a_four_digit_year_is_accepted(survey_dir, text):
    with pytest.raises(NewYearRefused, match="inget årtal"):
        scaffold(text, survey_dir)
    assert sorted(p.name for p in survey_dir.iterdir()) == ["2013", "2021"]


def test_the_command_refuses_with_a_message_and_no_traceback(capsys):
    # The shipped data: 2013 exists, so nothing is written.
    assert cli.main(["new-year", "2013"]) == 1
    assert cli.main(["new-year", "13"]) == 1
    err = capsys.readouterr().err
    assert "finns redan" in err and "'13' är inget årtal" in err
    assert "Traceback" not in err
