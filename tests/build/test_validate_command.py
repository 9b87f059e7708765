"""`python -m metabok validate`: a report per input file, every problem in one run, never a traceback."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import openpyxl
import pytest

from metabok import config
from metabok.survey.codebook import load_codebook

from helpers import isolated_env, run_metabok


def section(report: str, name: str) -> str:
    """The lines of the report under one file (its heading line included)."""
    lines = report.splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip().endswith(name))
    end = next((i for i in range(start + 1, len(lines)) if not lines[i].startswith("      ")), len(lines))
    return "\n".join(lines[start:end])


def set_cell(path: Path, column: str, row: int, value) -> None:
    workbook = openpyxl.load_workbook(path)
    sheet = workbook["Svar"]
    header = [cell.value for cell in sheet[1]]
    sheet.cell(row, header.index(column) + 1).value = value
    workbook.save(path)


def test_the_shipped_data_is_reported_file_by_file():
    result = run_metabok(dict(os.environ), "validate")
    assert result.returncode == 0, result.stdout + result.stderr
    report = result.stdout
    questions = len(load_codebook(config.SURVEY_DIR / "2013" / "kodbok.yml").questions)
    assert f"läst: {questions} frågor i" in section(report, "data/enkat/2013/kodbok.yml")
    stockholm = section(report, "data/enkat/2013/svar/01_stockholms_lan_exempeldata.xlsx")
    assert stockholm.startswith("  [VARNING]")
    assert "läst: 19 av 26 kommuner i Stockholms län (73 procent)" in stockholm
    assert "svarsfrekvensen i Stockholms län, 73 procent, är under gränsen 75 procent" in stockholm
    assert "som inte finns i någon svarsfil: Danderyd, Huddinge" in stockholm
    for year in (2013, 2021):
        for path in sorted((config.SURVEY_DIR / str(year) / "svar").glob("*.xlsx")):
            assert f"data/enkat/{year}/svar/{path.name}" in report
    assert "utvecklingsområden: 7 teman" in section(report, "data/enkat/2013/berattelse/01.md")
    assert "läst: 290 områden" in section(report, "Kommungränser (SCB)")
    assert report.strip().splitlines()[-1].startswith("Resultat: inga fel (")
    assert "Traceback" not in result.stderr


def test_every_problem_in_every_year_is_listed_in_one_run(tmp_path):
    env = isolated_env(tmp_path)
    survey = tmp_path / "data" / "enkat"
    # 2013: an answer off the scale in one file, a CSV file among the answer files and a
    # misspelt heading in a län's text.
    skala = next(q for q in load_codebook(survey / "2013" / "kodbok.yml").questions if q.type == "skala")
    set_cell(survey / "2013" / "svar" / "03_uppsala_lan_exempeldata.xlsx", skala.id, 2, "Kanske")
    (survey / "2013" / "berattelse" / "03.md").write_text("## Sammanfatning\n", encoding="utf-8")
    (survey / "2013" / "svar" / "export.csv").write_text("Kommunkod;Kommun\n0114;Upplands Väsby\n", "utf-8")
    # 2021: a misspelt key in the codebook (its answer files are then not checked).
    codebook = survey / "2021" / "kodbok.yml"
    codebook.write_text(
        codebook.read_text(encoding="utf-8").replace("    avsnitt:", "    avsnit:", 1), "utf-8"
    )

    result = run_metabok(env, "validate")
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    report = result.stdout
    uppsala = section(report, "data/enkat/2013/svar/03_uppsala_lan_exempeldata.xlsx")
    assert uppsala.startswith("  [FEL]") and "'Kanske' är inget tillåtet svar" in uppsala
    assert "okänd rubrik ## 'Sammanfatning'" in section(report, "data/enkat/2013/berattelse/03.md")
    assert "okänd nyckel 'avsnit'" in section(report, "data/enkat/2021/kodbok.yml")
    assert "har inte kontrollerats eftersom kodboken innehåller fel" in section(
        report, "data/enkat/2021/svar/"
    )
    assert "inte en Excel-fil" in section(report, "data/enkat/2013/svar/export.csv")
    # The rest is still read and reported.
    assert "läst: 19 av 26 kommuner i Stockholms län" in report
    assert "Kommungränser (SCB)" in report
    assert report.strip().splitlines()[-1].startswith("Resultat: 6 fel i 5 filer")
    assert "Fel i indata: 6" in result.stderr


@pytest.fixture(scope="module")
def changed_year(tmp_path_factory):
    """A data copy with a 2022 whose codebook changed one question's text and another's scale
    since 2021, with Uppsala's 2021 answers and one question that nobody answered."""
    root = tmp_path_factory.mktemp("validate")
    env = isolated_env(root)
    assert run_metabok(env, "new-year", "2022").returncode == 0
    year = root / "data" / "enkat" / "2022"
    codebook = year / "kodbok.yml"
    text = codebook.read_text(encoding="utf-8")
    text = text.replace(
        "  instammer:\n",
        "  instammer_omvand:\n"
        "    - {etikett: Instämmer inte alls, grupp: instämmer_inte}\n"
        "    - {etikett: Instämmer i liten utsträckning, grupp: instämmer_inte}\n"
        "    - {etikett: Instämmer delvis, grupp: instämmer}\n"
        "    - {etikett: Instämmer helt, grupp: instämmer}\n"
        "    - {etikett: Vet ej, neutral: true}\n"
        "  instammer:\n",
    )
    books = load_codebook(root / "data" / "enkat" / "2021" / "kodbok.yml")
    in_matrix = [q for q in books.questions if q.type == "skala" and q.matrix is not None]
    reworded = in_matrix[0]
    text = text.replace(f"text: {reworded.text}", "text: En helt ny formulering av påståendet.")
    # Every question of another matrix moves to the reversed scale (a matrix keeps one scale).
    matrix = next(q.matrix for q in in_matrix if q.matrix != reworded.matrix)
    rescaled = [q for q in in_matrix if q.matrix == matrix]
    blocks = text.split("\n  - id: ")
    for index, block in enumerate(blocks):
        if f"matris: {matrix}\n" in block:
            blocks[index] = re.sub(r"skala: instammer$", "skala: instammer_omvand", block, flags=re.M)
    text = "\n  - id: ".join(blocks)
    codebook.write_text(text, encoding="utf-8")
    answers = year / "svar" / "03_uppsala_lan.xlsx"
    shutil.copy(root / "data" / "enkat" / "2021" / "svar" / "03_uppsala_lan_exempeldata.xlsx", answers)
    empty = next(q for q in in_matrix if q.matrix not in (reworded.matrix, matrix))
    workbook = openpyxl.load_workbook(answers)
    sheet = workbook["Svar"]
    column = [cell.value for cell in sheet[1]].index(empty.id) + 1
    for row in range(2, sheet.max_row + 1):
        sheet.cell(row, column).value = None
    workbook.save(answers)
    return env, reworded, rescaled, empty


def test_warnings_are_listed_and_do_not_fail(changed_year):
    env, reworded, rescaled, empty = changed_year
    result = run_metabok(env, "validate")
    assert result.returncode == 0, result.stdout + result.stderr
    codebook = section(result.stdout, "data/enkat/2022/kodbok.yml")
    assert f"frågan {reworded.id!r}: formuleringen har ändrats sedan 2021" in codebook
    for question in rescaled:
        assert f"frågan {question.id!r} har andra svarsalternativ än 2021" in codebook
    answers = section(result.stdout, "data/enkat/2022/svar/")
    assert f"ingen kommun har besvarat frågan {empty.id!r}" in answers
    assert "ingen kommun i Stockholms län finns i någon svarsfil" in answers
    assert "läst: 7 av 8 kommuner i Uppsala län" in section(
        result.stdout, "data/enkat/2022/svar/03_uppsala_lan.xlsx"
    )
    assert result.stdout.strip().splitlines()[-1].startswith("Resultat: inga fel (")
