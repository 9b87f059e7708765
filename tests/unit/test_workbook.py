"""The streaming workbook reader (metabok/survey/workbook.py): what it reads from a sheet, and that a
used range reaching XFD1048576 adds nothing but the cells that hold a value."""

from __future__ import annotations

import re
import shutil
import zipfile
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import Workbook as OpenpyxlWorkbook

from metabok import config
from metabok.survey import workbook as reader
from metabok.survey.workbook import ERROR, FORMULA, INVALID, Workbook, WorkbookUnreadable

from helpers import stretch_workbook

ANSWERS = next((config.SURVEY_DIR / "2013" / "svar").glob("03_*.xlsx"))


def rows(path: Path, sheet: str = "Svar") -> list:
    with Workbook(path) as workbook:
        return list(workbook.rows(sheet))


@pytest.fixture
def sample(tmp_path) -> Path:
    book = OpenpyxlWorkbook()
    sheet = book.active
    sheet.title = "Svar"
    sheet["A1"], sheet["B1"], sheet["C1"], sheet["D1"] = "text", 12, 3.5, True
    sheet["A3"] = "=SUM(B1:C1)"
    sheet["B3"] = datetime(2013, 5, 1)
    sheet["C3"] = "   "
    sheet["D5"] = "sist"
    path = tmp_path / "prov.xlsx"
    book.save(path)
    return path


def test_only_cells_with_a_value_are_read_with_their_kind(sample):
    found = rows(sample)
    assert [number for number, _ in found] == [1, 3, 5]
    first = {column: (cell.value, cell.kind) for column, cell in found[0][1].items()}
    assert first == {1: ("text", "s"), 2: (12, "n"), 3: (3.5, "n"), 4: (True, "b")}
    third = found[1][1]
    assert (third[1].value, third[1].kind) == ("=SUM(B1:C1)", FORMULA)
    assert third[2].value == datetime(2013, 5, 1) and third[2].kind == "d"
    assert found[2][1][4].value == "sist"


def test_a_stretched_sheet_reads_as_the_original_plus_its_stray_value(tmp_path):
    path = tmp_path / "svar.xlsx"
    shutil.copy(ANSWERS, path)
    original = rows(path)
    stretch_workbook(path, stray_cell="XFD1048576", empty_rows=5_000, whole_columns=True)
    stretched = rows(path)
    assert stretched[:-1] == original
    number, cells = stretched[-1]
    assert number == 1_048_576 and list(cells) == [16_384] and cells[16_384].value == "x"


def patch_value(path: Path, old: str, new: str) -> None:
    with zipfile.ZipFile(path) as archive:
        members = {info.filename: archive.read(info) for info in archive.infolist()}
    sheet = "xl/worksheets/sheet1.xml"
    members[sheet] = re.sub(old, new, members[sheet].decode(), count=1).encode()
    with zipfile.ZipFile(path, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)


@pytest.mark.parametrize(
    ("old", "new", "kind", "value"),
    [
        (r' t="n"><v>12</v>', "><v>3,5</v>", INVALID, "3,5"),
        (r' t="n"><v>12</v>', ' t="s"><v>99</v>', INVALID, "99"),
        (r' t="n"><v>12</v>', ' t="b"><v>2</v>', INVALID, "2"),
        (r' t="n"><v>12</v>', ' t="e"><v>#N/A</v>', ERROR, "#N/A"),
        (r' t="n"><v>12</v>', ' t="inlineStr"><is><r><t>in</t></r><r><t>line</t></r></is>', "s", "inline"),
    ],
)
def test_values_no_excel_writes_are_kept_as_invalid_cells(sample, old, new, kind, value):
    patch_value(sample, old, new)
    cell = rows(sample)[0][1][2]
    assert (cell.kind, cell.value) == (kind, value)


def test_a_doctype_with_entities_is_refused(sample):
    patch_value(sample, "<worksheet", '<!DOCTYPE x [<!ENTITY a "aaaa">]><worksheet')
    with pytest.raises(WorkbookUnreadable, match="skadat"):
        rows(sample)


def test_a_workbook_that_unpacks_beyond_the_limit_is_refused(sample, monkeypatch):
    monkeypatch.setattr(reader, "MAX_UNPACKED_BYTES", 1000)
    with pytest.raises(WorkbookUnreadable, match="packas upp till"):
        Workbook(sample)
