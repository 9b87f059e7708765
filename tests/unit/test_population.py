"""SCB's population workbook, parsed from the original, and its cross-check with Kolada."""

from __future__ import annotations

import shutil

import openpyxl
import pytest

from metabok.errors import InputError
from metabok.sources.population import (
    KOLADA_FILE,
    crosscheck_with_kolada,
    kolada_population,
    load_population,
    population,
    population_file,
)

# SCB's national population on 31 December (also written in the folder's SOURCE.md).
NATIONAL = {
    2010: 9_415_570,
    2012: 9_555_893,
    2015: 9_851_017,
    2016: 9_995_153,
    2018: 10_230_185,
    2019: 10_327_589,
}


@pytest.mark.parametrize(("year", "total"), NATIONAL.items())
def test_kommuner_sum_to_scbs_national_population(year, total):
    assert population(year).sum() == total


def test_every_kommun_and_year_is_present_once():
    frame = load_population()
    assert list(frame.columns) == ["kommunkod", "ar", "folkmangd"]
    assert len(frame) == 290 * 10
    assert frame["kommunkod"].nunique() == 290
    assert sorted(frame["ar"].unique()) == list(range(2010, 2020))
    assert not frame.duplicated(["kommunkod", "ar"]).any()
    assert (frame["folkmangd"] > 0).all()


def _cell(name: str, year: int) -> int:
    """Read one cell of the workbook directly, independently of the module."""
    sheet = openpyxl.load_workbook(population_file(), read_only=True)["Tabell"]
    rows = list(sheet.iter_rows(values_only=True))
    header = next(row for row in rows if row[0] == "Kommun")
    column = [str(c) for c in header].index(str(year))
    return next(row[column] for row in rows if row[0] == name)


def test_values_are_the_workbooks_own():
    series = population(2018)
    assert series.index.name == "kommunkod"
    assert series["2182"] == _cell("Söderhamn", 2018)
    assert series["0114"] == _cell("Upplands Väsby", 2018)
    assert series["2023"] == _cell("Malung-Sälen", 2018)


def test_a_year_outside_the_table_is_refused():
    with pytest.raises(ValueError, match="2010–2019"):
        population(2020)


def test_kolada_agrees_with_scb_2010_2016():
    assert crosscheck_with_kolada().empty
    kolada = kolada_population()
    assert kolada["kommunkod"].nunique() == 291  # 290 kommuner and Riket ('00')
    national = kolada[kolada["kommunkod"] == "00"].set_index("ar")["folkmangd"]
    assert national[2012] == 9_555_893


def _edited_workbook(tmp_path, edit):
    path = tmp_path / "folkmangd.xlsx"
    workbook = openpyxl.load_workbook(population_file())
    edit(workbook["Tabell"])
    workbook.save(path)
    return path


def test_unknown_kommun_name_is_located(tmp_path):
    def rename(sheet):
        sheet["A10"] = "Alingsås stad"

    path = _edited_workbook(tmp_path, rename)
    with pytest.raises(InputError) as error:
        load_population(path)
    assert error.value.row == 10
    assert error.value.column == "Kommun"
    assert "folkmangd.xlsx" in str(error.value) and "rad 10" in str(error.value)


def test_non_numeric_population_is_located(tmp_path):
    def spoil(sheet):
        header = [c.value for c in sheet[6]]
        sheet.cell(row=20, column=header.index(2015) + 1, value="12 345")

    path = _edited_workbook(tmp_path, spoil)
    with pytest.raises(InputError) as error:
        load_population(path)
    assert (error.value.row, error.value.column) == (20, "2015")


def test_missing_kommun_is_reported_by_name(tmp_path):
    def blank_out(sheet):
        sheet.delete_rows(296)  # Övertorneå, the last kommun

    path = _edited_workbook(tmp_path, blank_out)
    with pytest.raises(InputError, match="Övertorneå"):
        load_population(path)


def test_kolada_copy_in_windows_encoding_is_refused(tmp_path):
    path = tmp_path / "kolada.csv"
    path.write_bytes(KOLADA_FILE.read_text(encoding="utf-8").encode("cp1252"))
    with pytest.raises(InputError, match="UTF-8"):
        kolada_population(path)


def test_kolada_unknown_region_is_located(tmp_path):
    path = tmp_path / "kolada.csv"
    shutil.copy(KOLADA_FILE, path)
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].replace(",Ale,", ",Aleby,")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(InputError) as error:
        kolada_population(path)
    assert (error.value.row, error.value.column) == (2, "Region")
