"""Every table a reader can download from the built site is safe to open in a spreadsheet: no cell
starts with = + - @ TAB or CR (which Excel, LibreOffice and Google Sheets may run as a formula)
unless it is neutralised with a leading apostrophe. Numbers are fine, negative ones included, as
long as they are stored as numbers (in a CSV: the whole field is a number). XLSX files hold no
formulas at all."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook

from metabok import config
from metabok.build import site

from helpers import SESSION_AREAS

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?")


def unsafe_text(value: str) -> bool:
    """Text a spreadsheet could take for a formula (a plain number in text form is not)."""
    return value.startswith(FORMULA_PREFIXES) and not NUMBER.fullmatch(value)


def csv_problems(path: Path) -> list[str]:
    text = path.read_bytes().decode("utf-8")
    problems = []
    for row_number, row in enumerate(csv.reader(io.StringIO(text, newline="")), start=1):
        for column, value in enumerate(row, start=1):
            if unsafe_text(value):
                problems.append(f"{path.name} rad {row_number} kolumn {column}: {value[:40]!r}")
    return problems


def xlsx_problems(path: Path) -> list[str]:
    workbook = load_workbook(path)  # not data_only: formulas stay visible as formulas
    problems = []
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                where = f"{path.name} blad {sheet.title!r} cell {cell.coordinate}"
                if cell.data_type == "f":
                    problems.append(f"{where}: formel {cell.value!r}")
                elif isinstance(cell.value, str) and unsafe_text(cell.value):
                    problems.append(f"{where}: {cell.value[:40]!r}")
    workbook.close()
    return problems


def downloads(site: Path, suffix: str) -> list[Path]:
    return sorted(site.rglob(f"*{suffix}"))


def test_the_checks_catch_formula_text():
    assert unsafe_text("=1+1") and unsafe_text("+SUMMA(A1)") and unsafe_text("-A1") and unsafe_text("@x")
    assert unsafe_text("\tTAB") and unsafe_text("\rCR") and unsafe_text("-") and unsafe_text("+")
    assert not unsafe_text("'=1+1") and not unsafe_text("'+SUMMA(A1)") and not unsafe_text("Uppsala")
    assert not unsafe_text("-3") and not unsafe_text("-0.25") and not unsafe_text("1e-05")


def test_csv_checker_finds_a_formula(tmp_path):
    path = tmp_path / "prov.csv"
    path.write_text('kommun,kommentar\nUppsala,"=HYPERLINK(""http://x"")"\nHåbo,-3\n', encoding="utf-8")
    assert csv_problems(path) == ["prov.csv rad 2 kolumn 2: '=HYPERLINK(\"http://x\")'"]


def test_xlsx_checker_finds_formulas_and_formula_text(tmp_path):
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(["kommun", "värde"])
    workbook.active.append(["Uppsala", "=1+1"])  # openpyxl stores this as a formula
    workbook.active.append(["@Håbo", -3])
    workbook.save(tmp_path / "prov.xlsx")
    assert xlsx_problems(tmp_path / "prov.xlsx") == [
        "prov.xlsx blad 'Sheet' cell B2: formel '=1+1'",
        "prov.xlsx blad 'Sheet' cell A3: '@Håbo'",
    ]


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_every_download_is_safe_to_open_in_a_spreadsheet(built_site, suffix):
    files = downloads(built_site, suffix)
    # Every table of every chapter has both downloads (about 25 a chapter).
    assert len(files) > 20 * len(site.chapters(counties=SESSION_AREAS))
    check = csv_problems if suffix == ".csv" else xlsx_problems
    problems = [problem for path in files for problem in check(path)]
    assert problems == []


def uppsala_formula_text() -> str:
    """The formula-like test text of kommun 0380 in the 2021 answer file."""
    path = next((config.SURVEY_DIR / "2021" / "svar").glob("03_*.xlsx"))
    sheet = load_workbook(path, read_only=True)["Svar"]
    values = [v for row in sheet.iter_rows(values_only=True) for v in row if isinstance(v, str)]
    formula = [v for v in values if v.startswith("+SUMMA(A1)")]
    assert len(formula) == 1
    return formula[0]


def test_uppsala_formula_text_is_neutralised_in_the_2021_download(built_site):
    text = uppsala_formula_text()
    folder = built_site / "data" / "meta" / "2021" / "03-uppsala"
    in_csv = [
        value
        for path in sorted(folder.glob("*.csv"))
        for row in csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline=""))
        for value in row
        if text in value
    ]
    assert in_csv == ["'" + text]
    in_xlsx = []
    for path in sorted(folder.glob("*.xlsx")):
        workbook = load_workbook(path)
        for sheet in workbook.worksheets:
            for row in sheet.iter_rows():
                in_xlsx += [(c.value, c.data_type) for c in row if text in str(c.value)]
    assert in_xlsx == [("'" + text, "s")]
