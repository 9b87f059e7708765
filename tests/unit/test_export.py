"""Downloads: formula injection neutralised, plain values, byte-identical builds."""

from __future__ import annotations

import io
import zipfile

import pandas as pd
import pytest
from openpyxl import load_workbook

from metabok.export import FIXED_TIMESTAMP, safe_cell, write_csv, write_xlsx


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+46 8 123", "'+46 8 123"),
        ("-5", "'-5"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Ganska bra", "Ganska bra"),
        ("a=b", "a=b"),
        ("", ""),
        (-5, -5),
        (3.5, 3.5),
        (None, None),
    ],
)
def test_safe_cell(value, expected):
    assert safe_cell(value) == expected


@pytest.fixture
def frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "kommun": pd.array(["Upplands Väsby", None, '=HYPERLINK("http://x")'], dtype="string"),
            "antal": pd.array([44216, pd.NA, -3], dtype="Int64"),
            "andel": [0.5, float("nan"), 0.25],
        }
    )


def test_csv_is_utf8_without_bom_comma_separated_and_safe(tmp_path, frame):
    path = tmp_path / "t.csv"
    write_csv(frame, path)
    assert (
        path.read_bytes()
        == (
            'kommun,antal,andel\nUpplands Väsby,44216,0.5\n,,\n"\'=HYPERLINK(""http://x"")",-3,0.25\n'
        ).encode()
    )
    buffer = io.BytesIO()
    write_csv(frame, buffer)
    assert buffer.getvalue() == path.read_bytes()


def test_xlsx_holds_plain_values_never_formulas(tmp_path, frame):
    path = tmp_path / "t.xlsx"
    write_xlsx(frame, path, sheet_name="Resultat", note="Exempeldata: syntetiska svar.")
    workbook = load_workbook(path)
    assert workbook.sheetnames == ["Resultat", "Om filen"]
    sheet = workbook["Resultat"]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows == [
        ["kommun", "antal", "andel"],
        ["Upplands Väsby", 44216, 0.5],
        [None, None, None],  # an empty row keeps its place
        ['\'=HYPERLINK("http://x")', -3, 0.25],
    ]
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    assert [[c.value for c in row] for row in workbook["Om filen"].iter_rows()] == [
        ["Uppgift", "Värde"],
        ["Anmärkning", "Exempeldata: syntetiska svar."],
    ]


def test_xlsx_drops_characters_excel_cannot_hold(tmp_path):
    path = tmp_path / "t.xlsx"
    write_xlsx(pd.DataFrame({"text": ["rad ett\x0brad två\x00"]}), path)
    assert load_workbook(path).active["A2"].value == "rad ettrad två"


def test_xlsx_is_byte_identical_between_builds(tmp_path, frame):
    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    write_xlsx(frame, first, note="x")
    write_xlsx(frame, second, note="x")
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = archive.read("docProps/core.xml").decode()
    assert FIXED_TIMESTAMP.strftime("%Y-%m-%dT%H:%M:%S") in core
    assert load_workbook(first).properties.modified == FIXED_TIMESTAMP


def test_xlsx_header_is_bold_and_frozen_and_columns_fit_their_text(tmp_path, frame):
    path = tmp_path / "t.xlsx"
    write_xlsx(frame, path)
    sheet = load_workbook(path).active
    assert [cell.font.b for cell in sheet[1]] == [True, True, True]
    assert not any(cell.font.b for cell in sheet[2])
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["A"].width == len('\'=HYPERLINK("http://x")') + 2
    assert sheet.dimensions == "A1:C4"
