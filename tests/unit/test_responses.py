"""Reading the answer files: canonical values, identities, several files, and validation in one pass."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd
import pytest

from metabok.errors import InputError
from metabok.survey.codebook import load_codebook
from metabok.survey.paths import available_years
from metabok.survey.responses import load_responses, load_survey, validate_year

from helpers import TINY_HEADER, write_workbook

YES_0114 = ["0114", None, "Ja", None, None, None, None, None]


def digests(folder: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def test_answers_are_canonical_and_typed(tiny_year):
    write_workbook(
        tiny_year / "svar" / "svar.xlsx",
        [*TINY_HEADER, "Län"],
        [
            [
                "0114",
                "Upplands-Väsby",
                " ja ",
                "ganska  BRA",
                1,
                0,
                12,
                "  Bostäder saknas. ",
                "Stockholms län",
            ],
            [115, None, "Nej", "Vet ej", "0", 1.0, "1 200", None, "01"],
            [None, "HÅBO", None, None, None, None, None, "Inget att tillägga", "Uppsala"],
        ],
    )
    before = digests(tiny_year)
    survey = load_survey(2013, tiny_year.parent)
    assert digests(tiny_year) == before
    answers = survey.answers
    assert list(answers.index) == ["0114", "0115", "0305"]
    assert answers.index.name == "kommunkod"
    assert list(answers.columns) == ["lanskod", *TINY_HEADER[2:]]
    assert list(answers["lanskod"]) == ["01", "01", "03"]
    assert answers.loc["0114", "overenskommelse"] == "Ja"
    assert answers.loc["0114", "samverkan_af"] == "Ganska bra"
    assert answers.loc["0114", "kommentar"] == "Bostäder saknas."
    assert answers.loc["0115", "platser"] == 1200
    assert answers.loc["0115", "hinder_storlek"] == 1
    assert pd.isna(answers.loc["0305", "overenskommelse"])
    assert str(answers["hinder_bostadsbrist"].dtype) == "Int64"
    assert str(answers["platser"].dtype) == "Int64"
    assert str(answers["samverkan_af"].dtype) == "string"
    assert survey.year == 2013 and not survey.synthetic
    assert [p.name for p in survey.files] == ["svar.xlsx"]


def test_respondents_by_county(tiny_year):
    write_workbook(
        tiny_year / "svar" / "svar.xlsx",
        TINY_HEADER,
        [YES_0114, ["0305", None, "Nej", None, None, None, None, None]],
    )
    survey = load_survey(2013, tiny_year.parent)
    assert survey.respondents("00") == ["0114", "0305"]
    assert survey.respondents("01") == ["0114"]
    assert survey.respondents("04") == []
    with pytest.raises(KeyError):
        survey.respondents("99")


def test_several_files_blank_rows_and_non_respondents(tiny_year):
    write_workbook(
        tiny_year / "svar" / "a.xlsx",
        TINY_HEADER,
        [YES_0114, [None] * 8, ["0117", "Österåker", None, "  ", None]],
    )
    write_workbook(
        tiny_year / "svar" / "b.xlsx", TINY_HEADER, [["0305", None, "Nej", None, None, None, None, None]]
    )
    (tiny_year / "svar" / "~$a.xlsx").write_bytes(b"Excel lock file")
    (tiny_year / "svar" / ".DS_Store").write_bytes(b"\x00\x01")
    survey = load_survey(2013, tiny_year.parent)
    # 0117 has only its identity filled in: it has not answered the survey.
    assert list(survey.answers.index) == ["0114", "0305"]
    assert [p.name for p in survey.files] == ["a.xlsx", "b.xlsx"]


def test_sheet_svar_is_preferred_and_about_sheet_marks_example_data(tiny_year):
    path = write_workbook(
        tiny_year / "svar" / "svar.xlsx",
        TINY_HEADER,
        [YES_0114],
        sheet="Svar",
        about={"Status": "Exempeldata", "Källa": "scripts/generate_example_data.py"},
    )
    from openpyxl import load_workbook

    workbook = load_workbook(path)
    workbook.create_sheet("Anteckningar", 0).append(["inte", "svar"])
    workbook.save(path)
    survey = load_survey(2013, tiny_year.parent)
    assert survey.synthetic
    assert list(survey.answers.index) == ["0114"]


def test_first_sheet_that_is_not_about_when_no_sheet_is_called_svar(tiny_year):
    path = write_workbook(
        tiny_year / "svar" / "svar.xlsx",
        TINY_HEADER,
        [YES_0114],
        sheet="Blad1",
        about={"Status": "riktiga svar"},
    )
    from openpyxl import load_workbook

    workbook = load_workbook(path)
    workbook.move_sheet("Om filen", offset=-1)
    workbook.save(path)
    survey = load_survey(2013, tiny_year.parent)
    assert not survey.synthetic
    assert list(survey.answers.index) == ["0114"]


def test_load_responses_takes_a_year_folder(tiny_year):
    write_workbook(tiny_year / "svar" / "svar.xlsx", TINY_HEADER, [YES_0114])
    survey = load_responses(tiny_year, load_codebook(tiny_year / "kodbok.yml"))
    assert list(survey.answers.index) == ["0114"]


def test_available_years(tmp_path, tiny_year):
    (tmp_path / "enkat" / "2021").mkdir()  # no codebook: not a survey year
    (tmp_path / "enkat" / "README.md").write_text("x")
    assert available_years(tmp_path / "enkat") == [2013]
    assert available_years(tmp_path / "saknas") == []


def test_unknown_year(tiny_year):
    with pytest.raises(InputError, match="ingen enkät för år 2099.*Tillgängliga år: 2013"):
        load_survey(2099, tiny_year.parent)


def test_codebook_year_must_match_folder(tiny_year):
    path = tiny_year / "kodbok.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("ar: 2013", "ar: 2014"), encoding="utf-8")
    write_workbook(tiny_year / "svar" / "svar.xlsx", TINY_HEADER, [YES_0114])
    with pytest.raises(InputError, match="gäller år 2014, men ligger i mappen för år 2013"):
        load_survey(2013, tiny_year.parent)


def test_no_answer_files(tiny_year):
    with pytest.raises(InputError, match="inga svarsfiler") as caught:
        load_survey(2013, tiny_year.parent)
    assert "svar" in str(caught.value)


def test_validate_year_collects_every_problem_in_one_pass(tiny_year):
    write_workbook(
        tiny_year / "svar" / "a.xlsx",
        TINY_HEADER,
        [
            ["0114", None, "Kanske", None, 2, None, -1, None],
            ["9999", None, "Ja", None, None, None, None, None],
        ],
    )
    write_workbook(tiny_year / "svar" / "b.xlsx", TINY_HEADER, [YES_0114])
    (tiny_year / "svar" / "gammal.csv").write_text("Kommunkod;overenskommelse\n0114;Ja\n", encoding="cp1252")
    (tiny_year / "berattelse").mkdir()
    (tiny_year / "berattelse" / "01.md").write_text("## Sammanfatning\n", encoding="utf-8")
    before = digests(tiny_year)
    errors = validate_year(2013, tiny_year.parent)
    assert digests(tiny_year) == before
    located = [(Path(e.file).name, e.row, e.column) for e in errors]
    assert located == [
        ("a.xlsx", 2, "overenskommelse"),
        ("a.xlsx", 2, "hinder_bostadsbrist"),
        ("a.xlsx", 2, "platser"),
        ("a.xlsx", 3, "Kommunkod"),
        ("b.xlsx", 2, "Kommunkod"),
        ("gammal.csv", None, None),
        ("01.md", 1, None),
    ]
    assert all(isinstance(e, InputError) for e in errors)
    assert "också i fil" in errors[4].message
    assert "a.xlsx, blad 'Svar', rad 2" in errors[4].message


def test_validate_year_with_a_broken_codebook_says_answers_were_not_checked(tiny_year):
    path = tiny_year / "kodbok.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("typ: antal", "typ: antl"), encoding="utf-8")
    errors = validate_year(2013, tiny_year.parent)
    assert [e.message.split(".")[0] for e in errors] == [
        "frågan 'platser': okänd typ 'antl'",
        "svarsfilerna har inte kontrollerats eftersom kodboken innehåller fel",
    ]


def test_validate_year_of_a_clean_year_is_empty(tiny_year):
    write_workbook(tiny_year / "svar" / "svar.xlsx", TINY_HEADER, [YES_0114])
    assert validate_year(2013, tiny_year.parent) == []
    assert validate_year(1999, tiny_year.parent)[0].message.startswith("det finns ingen enkät för år 1999")


def test_a_rejected_kommun_cell_is_reported_once(tiny_year):
    write_workbook(
        tiny_year / "svar" / "svar.xlsx", TINY_HEADER, [["=A1", None, "Ja", None, None, None, None, None]]
    )
    errors = validate_year(2013, tiny_year.parent)
    assert [(e.row, e.column) for e in errors] == [(2, "Kommunkod")]
    assert "formel" in errors[0].message


def test_a_formula_header_is_refused(tiny_year):
    write_workbook(tiny_year / "svar" / "svar.xlsx", [*TINY_HEADER, '="x"'], [YES_0114])
    with pytest.raises(InputError, match="rubriken: cellen innehåller en formel") as caught:
        load_survey(2013, tiny_year.parent)
    assert (caught.value.row, caught.value.column) == (1, "I")


def test_the_build_does_not_read_again_answers_parsed_without_an_error(tiny_year, monkeypatch):
    """The build's validation reads an answer file again only when its bytes, the codebook, the
    kommun list or the code changed since it was parsed without an error: a frame in the cache is
    stored only for such answers. A file changed since is read, and its problems are reported."""
    from metabok.survey import responses

    answers = tiny_year / "svar" / "svar.xlsx"
    write_workbook(answers, TINY_HEADER, [YES_0114])
    assert responses.check_year(2013, tiny_year.parent, reuse_parsed=True)[0] == []
    real_parse = responses.parse_responses

    def not_again(*args):
        raise AssertionError("the answers were read again")

    monkeypatch.setattr(responses, "parse_responses", not_again)
    errors, parsed = responses.check_year(2013, tiny_year.parent, reuse_parsed=True)
    assert errors == [] and list(parsed.answers.index) == ["0114"]

    monkeypatch.setattr(responses, "parse_responses", real_parse)
    write_workbook(answers, TINY_HEADER, [["0114", None, "Kanske", None, None, None, None, None]])
    errors, _ = responses.check_year(2013, tiny_year.parent, reuse_parsed=True)
    assert [(Path(e.file).name, e.row, e.column) for e in errors] == [("svar.xlsx", 2, "overenskommelse")]
    assert validate_year(2013, tiny_year.parent) == errors, "validate reads every file, always"
