"""Downloadable tables: CSV and XLSX that are safe to open in a spreadsheet and byte-identical
between builds.

CSV: UTF-8 without BOM, comma-separated, '\\n' line endings, a header row, no index, blank
for missing values. (Excel users get the XLSX file, which needs no encoding guess.)
XLSX: one sheet of plain values (never formulas) and, with a note, a sheet 'Om filen'.
Text that a spreadsheet would read as a formula gets a leading apostrophe (OWASP, CSV injection).
"""

from __future__ import annotations

import io
import zipfile
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.writer.excel import ExcelWriter

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
# Every download says whether its figures are example data: a last column in CSV and XLSX, and a
# row in the XLSX sheet 'Om filen'.
STATUS_COLUMN = "datastatus"
EXAMPLE_STATUS = "exempeldata"
ABOUT_SHEET = "Om filen"
FIXED_TIMESTAMP = datetime(2000, 1, 1)
_ZIP_TIMESTAMP = (1980, 1, 1, 0, 0, 0)
_MAX_COLUMN_WIDTH = 60


def safe_cell(value: object) -> object:
    """Text starting with = + - @ TAB or CR gets a leading apostrophe; anything else is unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def _plain_value(value: object) -> object:
    """A value openpyxl can write: None for missing, Python numbers, safe text."""
    if value is None or (pd.api.types.is_scalar(value) and pd.isna(value)):
        return None
    if isinstance(value, str):
        return safe_cell(ILLEGAL_CHARACTERS_RE.sub("", value))
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


def _write_bytes(data: bytes, target: Path | str | BinaryIO) -> None:
    if hasattr(target, "write"):
        target.write(data)
    else:
        Path(target).write_bytes(data)


def write_csv(df: pd.DataFrame, path: Path | str | BinaryIO) -> None:
    """Write the table as CSV (UTF-8, comma) to a path or a binary file object."""
    safe = df.map(safe_cell)
    safe.columns = [safe_cell(str(c)) for c in df.columns]
    _write_bytes(safe.to_csv(index=False, lineterminator="\n").encode("utf-8"), path)


def _text_cell(cell):
    """Mark text as text, never a formula."""
    if isinstance(cell.value, str):
        cell.data_type = "s"
    return cell


def _fill_sheet(sheet, header: list[str], rows: list[list[object]]) -> None:
    for column, title in enumerate(header, start=1):
        _text_cell(sheet.cell(1, column, safe_cell(str(title)))).font = Font(bold=True)
    for row, values in enumerate(rows, start=2):
        for column, value in enumerate(values, start=1):
            _text_cell(sheet.cell(row, column, _plain_value(value)))  # every cell, so empty rows stay
    for index, column in enumerate(sheet.iter_cols(values_only=True), start=1):
        width = max((len(str(v)) for v in column if v is not None), default=8)
        sheet.column_dimensions[get_column_letter(index)].width = min(width + 2, _MAX_COLUMN_WIDTH)
    sheet.freeze_panes = "A2"


def stable_zip(data: bytes) -> bytes:
    """The same archive (e.g. an xlsx) with fixed member timestamps and attributes, so equal
    content gives equal bytes."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=_ZIP_TIMESTAMP)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.create_system = 3
            member.external_attr = 0o644 << 16
            target.writestr(member, source.read(info.filename))
    return out.getvalue()


def with_status(df: pd.DataFrame, status: str) -> pd.DataFrame:
    """The table with `datastatus` as its last column ('exempeldata' or the real source)."""
    return df.assign(**{STATUS_COLUMN: status})


def write_xlsx(
    df: pd.DataFrame,
    path: Path | str | BinaryIO,
    sheet_name: str = "Data",
    note: str | None = None,
    status: str | None = None,
) -> None:
    """Write the table as an Excel workbook of plain values; `note` and `status` go to a sheet
    'Om filen' (rows Anmärkning and Status)."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_name
    _fill_sheet(sheet, list(df.columns), df.astype(object).values.tolist())
    about = [["Anmärkning", note]] if note is not None else []
    if status is not None:
        about.append(["Status", status])
    if about:
        _fill_sheet(workbook.create_sheet(ABOUT_SHEET), ["Uppgift", "Värde"], about)
    workbook.properties.creator = "META-boken"
    workbook.properties.created = workbook.properties.modified = FIXED_TIMESTAMP
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(workbook, archive).save()
    _write_bytes(stable_zip(buffer.getvalue()), path)
