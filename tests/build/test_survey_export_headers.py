"""A survey year from the export as the survey tool gives it: headers are the question texts and
the tool's own codes (Q3, Q3_2), mapped to the codebook by `kolumn` lines and unique texts only."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest
import yaml

from metabok import config
from metabok.build import publications
from metabok.errors import InputError
from metabok.survey.codebook import load_codebook
from metabok.survey.responses import load_survey

from helpers import isolated_env, run_metabok

YEAR = 2013


def tool_export(year_dir: Path) -> dict[str, str]:
    """Rewrites a copied survey year as a tool export: every other single-column question is headed
    by its text (case and spacing changed, as tools do), the others and every flerval option by a
    tool code written as `kolumn` in the codebook. Returns {codebook column: export header}."""
    codebook = load_codebook(year_dir / "kodbok.yml")
    keys = codebook.header_keys()
    doc = yaml.safe_load((year_dir / "kodbok.yml").read_text(encoding="utf-8"))
    headers = {}
    for number, (item, question) in enumerate(zip(doc["fragor"], codebook.questions, strict=True), start=1):
        if question.type == "flerval":
            for index, (choice, option) in enumerate(
                zip(item["alternativ"], question.options, strict=True), 1
            ):
                choice["kolumn"] = headers[f"{question.id}_{option.code}"] = f"Q{number}_{index}"
        elif number % 2 == 0 and keys.get(" ".join(question.text.split()).casefold()) == question.id:
            headers[question.id] = "  " + question.text.upper().replace(" ", "  ")
        else:
            item["kolumn"] = headers[question.id] = f"Q{number}"
    text = yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=1000)
    (year_dir / "kodbok.yml").write_text(text, encoding="utf-8")
    for path in sorted((year_dir / "svar").glob("*.xlsx")):
        workbook = openpyxl.load_workbook(path)
        for cell in workbook["Svar"][1]:
            cell.value = headers.get(cell.value, cell.value)
        workbook.save(path)
    return headers


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> dict:
    root = tmp_path_factory.mktemp("tool-export")
    env = isolated_env(root)
    headers = tool_export(root / "data" / "enkat" / str(YEAR))
    build = run_metabok(env, "build", "--year", str(YEAR), "--county", "01", "--jobs", "1", "--no-pdf")
    return {"root": root, "headers": headers, "build": build}


def test_the_export_really_has_texts_and_tool_codes(exported):
    path = exported["root"] / "data/enkat/2013/svar/01_stockholms_lan_exempeldata.xlsx"
    sheet = openpyxl.load_workbook(path, read_only=True)["Svar"]
    header = [str(value) for value in next(sheet.iter_rows(max_row=1, values_only=True))]
    codebook = load_codebook(config.SURVEY_DIR / str(YEAR) / "kodbok.yml")
    assert not set(header) & set(codebook.columns())  # no codebook id left as a header
    assert "Q1" in header and any(h.startswith("Q") and "_" in h for h in header)
    assert any(h.strip().startswith("HAR  KOMMUNEN") for h in header)


def test_the_answers_read_are_the_same_as_from_codebook_ids(exported):
    original = load_survey(YEAR)
    mapped = load_survey(YEAR, exported["root"] / "data" / "enkat")
    assert mapped.answers.equals(original.answers)


def test_the_year_builds_from_the_export(exported):
    build = exported["build"]
    assert build.returncode == 0, build.stdout + build.stderr
    site = exported["root"] / "_build" / "html"
    page = (site / "book/kapitel/meta/2013/01-stockholm.html").read_text(encoding="utf-8")
    # The county board's Sammanfattning, its counts filled from the answers; no contradicting note.
    assert "Länsstyrelsen har inte skrivit någon sammanfattning" not in page
    assert "73 procent av Stockholms läns kommuner ingår i resultatet" in page
    assert "{svarsfrekvens}" not in page
    collected = (site / "data" / f"resultat_meta_{YEAR}.csv").read_bytes()
    assert collected == publications.csv_bytes(publications.meta_results(YEAR))


def test_an_unmatched_export_column_names_the_closest_header(exported, tmp_path):
    survey = tmp_path / "enkat"
    shutil.copytree(exported["root"] / "data" / "enkat" / str(YEAR), survey / str(YEAR))
    path = survey / str(YEAR) / "svar" / "01_stockholms_lan_exempeldata.xlsx"
    workbook = openpyxl.load_workbook(path)
    flerval = next(c for c in workbook["Svar"][1] if c.value == "Q3_2")
    flerval.value = "Q3_2x"
    workbook.save(path)
    with pytest.raises(InputError) as error:
        load_survey(YEAR, survey)
    assert error.value.row == 1 and error.value.column == "Q3_2x"
    assert "okänd kolumn 'Q3_2x'" in str(error.value) and "Menade du 'Q3_2'?" in str(error.value)
