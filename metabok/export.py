"""Downloadable tables: CSV and XLSX that are safe to open in a spreadsheet and byte-identical
between builds.

CSV: UTF-8 without BOM, comma-separated, '\\n' line endings, a header row, no index, blank
for missing values. (Excel users get the XLSX file, which needs no encoding guess.)
XLSX: one sheet of plain values (never formulas) and, with a note, a sheet 'Om filen'.
Text that a spreadsheet would read as a formula gets a leading apostrophe (OWASP, CSV injection).
"""

from __future__ import annotations

import io
import math
import zipfile
from datetime import datetime
from pathlib import Path
from typing import BinaryIO
from xml.sax.saxutils import escape

import pandas as pd
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.utils import get_column_letter

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
# Every download says whether its figures are example data: a last column in CSV and XLSX, and a
# row in the XLSX sheet 'Om filen'.
STATUS_COLUMN = "datastatus"
EXAMPLE_STATUS = "exempeldata"
ABOUT_SHEET = "Om filen"
FIXED_TIMESTAMP = datetime(2000, 1, 1)
_ZIP_TIMESTAMP = (1980, 1, 1, 0, 0, 0)
_MAX_COLUMN_WIDTH = 60
CREATOR = "META-boken"
_XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_OFFICE_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_SHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"


def safe_cell(value: object) -> object:
    """Text starting with = + - @ TAB or CR gets a leading apostrophe; anything else is unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def _plain_value(value: object) -> object:
    """A value for a cell: None for missing, Python numbers and booleans, safe text (without the
    control characters a workbook cannot hold)."""
    if value is None or (pd.api.types.is_scalar(value) and pd.isna(value)):
        return None
    if hasattr(value, "item") and not isinstance(value, str):  # numpy scalars
        value = value.item()
    if isinstance(value, (bool, int, float)):
        return value
    return safe_cell(ILLEGAL_CHARACTERS_RE.sub("", str(value)))


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


def _cell_xml(reference: str, value: object, style: int = 0) -> str:
    """One cell: text as an inline string (never a formula), numbers and booleans as values."""
    styled = f' s="{style}"' if style else ""
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return f'<c r="{reference}"{styled}/>'
    if isinstance(value, bool):
        return f'<c r="{reference}"{styled} t="b"><v>{int(value)}</v></c>'
    if isinstance(value, (int, float)):
        return f'<c r="{reference}"{styled}><v>{value!r}</v></c>'
    text = escape(str(value))
    return f'<c r="{reference}"{styled} t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>'


def _sheet_xml(header: list[str], rows: list[list[object]]) -> str:
    """A worksheet: the header row in bold and frozen, every cell written (so empty rows keep
    their place), each column as wide as its longest value."""
    table = [[safe_cell(str(title)) for title in header], *([_plain_value(v) for v in row] for row in rows)]
    columns = len(header)
    widths = [
        min(max((len(str(row[i])) for row in table if row[i] is not None), default=8) + 2, _MAX_COLUMN_WIDTH)
        for i in range(columns)
    ]
    names = [get_column_letter(i) for i in range(1, columns + 1)]
    body = "".join(
        f'<row r="{number}">'
        + "".join(
            _cell_xml(f"{name}{number}", value, 1 if number == 1 else 0)
            for name, value in zip(names, row, strict=True)
        )
        + "</row>"
        for number, row in enumerate(table, start=1)
    )
    cols = "".join(
        f'<col min="{i}" max="{i}" width="{width}" customWidth="1"/>'
        for i, width in enumerate(widths, start=1)
    )
    last = f"{names[-1]}{len(table)}" if names else "A1"
    return (
        _XML + f'<worksheet xmlns="{_MAIN}"><dimension ref="A1:{last}"/>'
        '<sheetViews><sheetView workbookViewId="0">'
        '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
        '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>'
        f'<sheetFormatPr defaultRowHeight="15"/>{f"<cols>{cols}</cols>" if cols else ""}'
        f"<sheetData>{body}</sheetData>"
        '<pageMargins left="0.75" right="0.75" top="1" bottom="1" header="0.5" footer="0.5"/></worksheet>'
    )


def _xlsx_parts(sheets: list[tuple[str, str]]) -> dict[str, str]:
    """The parts of a workbook holding `sheets` ((name, worksheet XML)), by path in the archive."""
    stamp = FIXED_TIMESTAMP.strftime("%Y-%m-%dT%H:%M:%SZ")
    sheet_types = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="{_SHEET_TYPE}"/>'
        for i in range(1, len(sheets) + 1)
    )
    parts = {
        "[Content_Types].xml": _XML
        + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.'
        'spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.'
        'spreadsheetml.styles+xml"/>'
        '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.'
        f'core-properties+xml"/>{sheet_types}</Types>',
        "_rels/.rels": _XML + f'<Relationships xmlns="{_PACKAGE_RELS}">'
        f'<Relationship Id="rId1" Type="{_OFFICE_RELS}/officeDocument" Target="xl/workbook.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/'
        'metadata/core-properties" Target="docProps/core.xml"/></Relationships>',
        "docProps/core.xml": _XML
        + '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
        'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:creator>{CREATOR}</dc:creator>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified></cp:coreProperties>',
        "xl/workbook.xml": _XML
        + f'<workbook xmlns="{_MAIN}" xmlns:r="{_OFFICE_RELS}"><sheets>'
        + "".join(
            f'<sheet name="{escape(name, {chr(34): "&quot;"})}" sheetId="{i}" r:id="rId{i}"/>'
            for i, (name, _) in enumerate(sheets, start=1)
        )
        + "</sheets></workbook>",
        "xl/_rels/workbook.xml.rels": _XML
        + f'<Relationships xmlns="{_PACKAGE_RELS}">'
        + "".join(
            f'<Relationship Id="rId{i}" Type="{_OFFICE_RELS}/worksheet" Target="worksheets/sheet{i}.xml"/>'
            for i in range(1, len(sheets) + 1)
        )
        + f'<Relationship Id="rId{len(sheets) + 1}" Type="{_OFFICE_RELS}/styles" Target="styles.xml"/>'
        "</Relationships>",
        "xl/styles.xml": _XML + f'<styleSheet xmlns="{_MAIN}">'
        '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>'
        '<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>'
        '<fills count="2"><fill><patternFill patternType="none"/></fill>'
        '<fill><patternFill patternType="gray125"/></fill></fills>'
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
        '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
        '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>'
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>',
    }
    for i, (_, sheet) in enumerate(sheets, start=1):
        parts[f"xl/worksheets/sheet{i}.xml"] = sheet
    return parts


def _zip(parts: dict[str, bytes]) -> bytes:
    """The archive of `parts`, with fixed member timestamps and attributes: equal content gives
    equal bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            member = zipfile.ZipInfo(name, date_time=_ZIP_TIMESTAMP)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.create_system = 3
            member.external_attr = 0o644 << 16
            archive.writestr(member, data)
    return out.getvalue()


def stable_zip(data: bytes) -> bytes:
    """The same archive (e.g. an xlsx openpyxl wrote) with fixed member timestamps and attributes."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        return _zip({info.filename: source.read(info.filename) for info in source.infolist()})


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
    'Om filen' (rows Anmärkning and Status).

    The workbook's XML is written directly (a table a chapter offers for download is a few dozen
    cells, which openpyxl took longer to write than the chapter took to compute)."""
    sheets = [(sheet_name, _sheet_xml(list(df.columns), df.astype(object).values.tolist()))]
    about = [["Anmärkning", note]] if note is not None else []
    if status is not None:
        about.append(["Status", status])
    if about:
        sheets.append((ABOUT_SHEET, _sheet_xml(["Uppgift", "Värde"], about)))
    _write_bytes(_zip({name: xml.encode() for name, xml in _xlsx_parts(sheets).items()}), path)
