"""Year over year: which questions compare across survey years, and what the chapter says."""

from __future__ import annotations

from pathlib import Path

import pytest

from metabok.errors import InputError
from metabok.meta import matching, yoy
from metabok.survey.codebook import load_codebook
from metabok.survey.responses import load_survey

from helpers import TINY_CODEBOOK, TINY_HEADER, write_workbook

UPPSALA = ["0305", "0319", "0330", "0331", "0360", "0380", "0381", "0382"]  # the 8 kommuner in 03


def codebook_for(tmp_path: Path, year: int, text: str):
    path = tmp_path / f"kodbok_{year}.yml"
    path.write_text(text.replace("ar: 2013", f"ar: {year}"), encoding="utf-8")
    return load_codebook(path)


def by_id(matches: list[matching.Match]) -> dict[str, matching.Match]:
    return {m.question.id: m for m in matches}


# --- matching ------------------------------------------------------------------------------------


def test_same_id_same_text_and_scale_compares(tmp_path):
    before, now = codebook_for(tmp_path, 2013, TINY_CODEBOOK), codebook_for(tmp_path, 2014, TINY_CODEBOOK)
    matches = by_id(matching.match_questions(now, before))
    assert all(m.comparable for m in matches.values())
    assert matches["overenskommelse"].previous.id == "overenskommelse"


def test_changed_wording_scale_or_type_is_not_compared(tmp_path):
    before = codebook_for(tmp_path, 2013, TINY_CODEBOOK)
    changed = (
        TINY_CODEBOOK.replace("text: Har kommunen en överenskommelse?", "text: Har kommunen ett avtal?")
        # the scale's order changes: 'Ganska bra' before 'Mycket bra'
        .replace(
            "    - {etikett: Mycket bra, grupp: bra}\n    - {etikett: Ganska bra, grupp: bra}",
            "    - {etikett: Ganska bra, grupp: bra}\n    - {etikett: Mycket bra, grupp: bra}",
        )
        .replace(
            "text: Hur många platser har kommunen?\n    typ: antal",
            "text: Hur många platser har kommunen?\n    typ: fritext",
        )
    )
    matches = by_id(matching.match_questions(codebook_for(tmp_path, 2014, changed), before))
    assert matches["overenskommelse"].change == matching.CHANGED_TEXT
    assert matches["samverkan_af"].change == matching.CHANGED_OPTIONS
    assert matches["platser"].change == matching.CHANGED_TYPE
    assert matches["hinder"].comparable


def test_a_changed_matrix_stem_is_a_changed_wording(tmp_path):
    before = codebook_for(tmp_path, 2013, TINY_CODEBOOK)
    changed = TINY_CODEBOOK.replace(
        "text: Hur fungerar samverkan med följande aktörer?",
        "text: Hur bedömer ni samverkan med följande aktörer?",
    )
    assert by_id(matching.match_questions(codebook_for(tmp_path, 2014, changed), before))[
        "samverkan_af"
    ].change == (matching.CHANGED_TEXT)


def test_tidigare_id_follows_a_renamed_question(tmp_path):
    before = codebook_for(tmp_path, 2013, TINY_CODEBOOK)
    renamed = TINY_CODEBOOK.replace(
        "  - id: overenskommelse\n", "  - id: avtal\n    tidigare_id: overenskommelse\n"
    )
    now = codebook_for(tmp_path, 2014, renamed)
    assert now.question("avtal").previous_id == "overenskommelse"
    match = by_id(matching.match_questions(now, before))["avtal"]
    assert match.comparable and match.previous.id == "overenskommelse"
    assert matching.mapping_problems(now, before) == []


def test_a_question_without_a_counterpart_is_new(tmp_path):
    before = codebook_for(tmp_path, 2013, TINY_CODEBOOK)
    renamed = TINY_CODEBOOK.replace("  - id: platser\n", "  - id: antal_platser\n")
    match = by_id(matching.match_questions(codebook_for(tmp_path, 2014, renamed), before))["antal_platser"]
    assert match.previous is None and not match.comparable


def test_tidigare_id_that_cannot_be_followed_is_reported(tmp_path):
    before = codebook_for(tmp_path, 2013, TINY_CODEBOOK)
    broken = (
        TINY_CODEBOOK.replace("  - id: overenskommelse\n", "  - id: avtal\n    tidigare_id: finns_inte\n")
        .replace("  - id: platser\n", "  - id: platser\n    tidigare_id: hinder\n")
        .replace("  - id: kommentar\n", "  - id: kommentar\n    tidigare_id: hinder\n")
    )
    now = codebook_for(tmp_path, 2014, broken)
    messages = [message for _, message in matching.mapping_problems(now, before)]
    assert any("'finns_inte'" in m and "2013 har ingen fråga" in m for m in messages)
    assert any("båda tidigare_id 'hinder'" in m for m in messages)
    first_year = [message for _, message in matching.mapping_problems(now, None)]
    assert len(first_year) == 3 and all("inget tidigare enkätår" in m for m in first_year)


def test_tidigare_id_must_be_an_identifier(tmp_path):
    path = tmp_path / "kodbok.yml"
    path.write_text(
        TINY_CODEBOOK.replace(
            "  - id: overenskommelse\n", "  - id: overenskommelse\n    tidigare_id: inte ett id\n"
        ),
        encoding="utf-8",
    )
    with pytest.raises(InputError, match="tidigare_id"):
        load_codebook(path)


# --- the comparison -----------------------------------------------------------------------------


def year_of_answers(survey_dir: Path, year: int, agreements: list[str], actors: list[str]):
    """A tiny survey year for Uppsala's kommuner with the given answers."""
    year_dir = survey_dir / str(year)
    (year_dir / "svar").mkdir(parents=True)
    (year_dir / "kodbok.yml").write_text(TINY_CODEBOOK.replace("ar: 2013", f"ar: {year}"), encoding="utf-8")
    rows = [
        [code, None, agreement, actor, 1, 0, 3, None]
        for code, agreement, actor in zip(UPPSALA, agreements, actors, strict=False)
    ]
    write_workbook(year_dir / "svar" / "svar.xlsx", TINY_HEADER, rows)
    return load_survey(year, survey_dir)


@pytest.fixture
def two_years(tmp_path, monkeypatch):
    """2013 and 2014 for Uppsala län: 'Ja' from 2 of 5 kommuner, then from 3 of 5."""
    surveys = {
        2013: year_of_answers(tmp_path, 2013, ["Ja", "Ja", "Nej", "Nej", "Nej"], ["Mycket bra"] * 5),
        2014: year_of_answers(tmp_path, 2014, ["Ja", "Ja", "Ja", "Nej", "Nej"], ["Mycket bra"] * 5),
    }
    monkeypatch.setattr(yoy, "survey", surveys.__getitem__)
    monkeypatch.setattr(yoy, "codebook", lambda year: surveys[year].codebook)
    monkeypatch.setattr(yoy, "previous_year", lambda year: year - 1 if year - 1 in surveys else None)
    return surveys


def test_change_sentence_says_from_and_to(two_years):
    comparison = yoy.compare(2014, "03")
    assert comparison.previous_year == 2013 and comparison.years == [2013, 2014]
    index = next(i for i, m in enumerate(comparison.measures) if m.question.id == "overenskommelse")
    sentence = yoy.change_sentence(comparison, index)
    assert sentence == (
        "Andelen kommuner i länet som svarar ja på frågan ”Har kommunen en överenskommelse?” "
        "har ökat från 40 procent 2013 till 60 procent 2014."
    )
    same = next(i for i, m in enumerate(comparison.measures) if m.question.id == "samverkan_af")
    assert "är densamma som 2013, 100 procent" in yoy.change_sentence(comparison, same)
    assert yoy.largest_changes(comparison) == [index]


def test_table_and_chart_cover_every_compared_answer(two_years):
    comparison = yoy.compare(2014, "03")
    table = yoy.comparison_table(comparison)
    # ja_nej, the matrix item and both flerval options; antal and fritext are not compared
    assert len(table) == 4
    assert list(table.columns) == ["Fråga", "2013 (%)", "2014 (%)", "Förändring sedan 2013 (procentenheter)"]
    row = table[table["Fråga"] == "har kommunen en överenskommelse? (ja)"].iloc[0]
    assert (row["2013 (%)"], row["2014 (%)"], row["Förändring sedan 2013 (procentenheter)"]) == (
        40.0,
        60.0,
        20.0,
    )
    spec = yoy.comparison_chart(comparison).to_dict()
    assert "2013" in spec["description"] and "2014" in spec["description"]
    assert "Frågor med fritextsvar eller antal jämförs inte" in yoy.intro_text(comparison, "Testenkät 2014")


def test_a_series_stops_where_the_question_changed(tmp_path, monkeypatch):
    changed = TINY_CODEBOOK.replace("text: Har kommunen en överenskommelse?", "text: Har kommunen ett avtal?")
    books = {
        2012: codebook_for(tmp_path, 2012, changed),
        2013: codebook_for(tmp_path, 2013, TINY_CODEBOOK),
        2014: codebook_for(tmp_path, 2014, TINY_CODEBOOK),
    }
    monkeypatch.setattr(yoy, "codebook", books.__getitem__)
    monkeypatch.setattr(yoy, "previous_year", lambda year: year - 1 if year - 1 in books else None)
    chain = yoy._chain(2014, books[2014].question("overenskommelse"))
    assert sorted(chain) == [2013, 2014]
    assert sorted(yoy._chain(2014, books[2014].question("hinder"))) == [2012, 2013, 2014]


def test_changed_questions_are_named_on_the_page(tmp_path, monkeypatch, two_years):
    changed = TINY_CODEBOOK.replace("text: Har kommunen en överenskommelse?", "text: Har kommunen ett avtal?")
    now = codebook_for(tmp_path, 2014, changed)
    comparison = yoy.compare(2014, "03")
    comparison.matches = matching.match_questions(now, two_years[2013].codebook)
    assert yoy.changed_questions_text(comparison).splitlines()[-1] == (
        "- Frågan ”Har kommunen ett avtal?” har ändrats sedan 2013 och jämförs inte "
        "(formuleringen har ändrats)."
    )


# --- the shipped survey years -------------------------------------------------------------------


def test_2021_says_plainly_that_nothing_compares_with_2013():
    comparison = yoy.compare(2021, "03")
    assert comparison.previous_year == 2013
    assert comparison.measures == [] and comparison.comparable == []
    assert yoy.intro_text(comparison, "Lägesbilder 2021") == (
        "Ingen fråga i Lägesbilder 2021 kan jämföras med föregående enkät, META 2013: "
        "enkäterna har olika frågor."
    )


def test_2013_is_the_first_survey():
    comparison = yoy.compare(2013, "01")
    assert comparison.previous_year is None
    assert "den första enkäten i boken" in yoy.intro_text(comparison, "META 2013")
