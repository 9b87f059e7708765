"""Reading an .xlsx workbook as Excel really saves it, at a cost in proportion to its values.

The one reader of answer files, for the build and for `validate` alike. It streams the sheet's
XML and keeps only cells that hold a value, so a stray value in XFD1048576, formatting applied
to whole columns or a million formatted empty rows cost a pass over the XML, not a grid of
empty cells in memory. A value Excel would never write (a decimal comma in a number cell) is
kept as an invalid cell for the caller to report with its row and column.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import PurePosixPath
from xml.etree.ElementTree import ParseError, iterparse
from xml.parsers import expat

from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format
from openpyxl.utils.cell import column_index_from_string
from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900, from_excel

MAX_UNPACKED_BYTES = 512 * 1024**2  # an answer file is a few MB; more is a decompression bomb
MAX_ROW = 1_048_576
MAX_COLUMN = 16_384

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_DOC_RELS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_COORDINATE = re.compile(r"([A-Z]{1,3})([0-9]+)")

FORMULA = "f"
ERROR = "e"
INVALID = "x"  # a value that no Excel writes in its cell type


class WorkbookUnreadable(Exception):
    """The file is a zip archive but not a workbook this reader can read (message in Swedish)."""


@dataclass(frozen=True)
class Cell:
    """A cell that holds something: its value and kind ('n', 's', 'b', 'd', or FORMULA, ERROR,
    INVALID, whose value is the text as stored)."""

    value: object
    kind: str


Row = dict[int, Cell]  # 1-based column -> cell; only cells that hold a value


class Workbook:
    """An open .xlsx file: its sheet names and a streaming reader of each sheet."""

    def __init__(self, path):
        try:
            self.archive = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, OSError) as exc:
            raise WorkbookUnreadable(f"filen kan inte packas upp ({type(exc).__name__})") from None
        unpacked = sum(info.file_size for info in self.archive.infolist())
        if unpacked > MAX_UNPACKED_BYTES:
            self.archive.close()
            raise WorkbookUnreadable(
                f"filen packas upp till {unpacked // 1024**2} MB, mer än gränsen "
                f"{MAX_UNPACKED_BYTES // 1024**2} MB för en svarsfil"
            )
        try:
            self.sheets, self.epoch = self._sheets()
            self.shared_strings = self._shared_strings()
            self.date_styles = self._date_styles()
        except (KeyError, ParseError, ValueError, zipfile.BadZipFile, zlib.error, EOFError) as exc:
            self.archive.close()
            raise WorkbookUnreadable(
                f"arbetsboken saknar en del eller är skadad ({type(exc).__name__})"
            ) from None

    def __enter__(self) -> Workbook:
        return self

    def __exit__(self, *_) -> None:
        self.archive.close()

    @property
    def sheet_names(self) -> list[str]:
        return list(self.sheets)

    def _sheets(self) -> tuple[dict[str, str], datetime]:
        targets = {}
        for _, element in iterparse(self.archive.open("xl/_rels/workbook.xml.rels")):
            if element.tag == f"{_RELS}Relationship":
                target = element.get("Target", "")
                path = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
                targets[element.get("Id")] = str(PurePosixPath(path))
        sheets, epoch = {}, CALENDAR_WINDOWS_1900
        for _, element in iterparse(self.archive.open("xl/workbook.xml")):
            if element.tag == f"{_MAIN}sheet":
                sheets[element.get("name", "")] = targets[element.get(f"{_DOC_RELS}id")]
            elif element.tag == f"{_MAIN}workbookPr" and element.get("date1904") in ("1", "true"):
                epoch = CALENDAR_MAC_1904
        return sheets, epoch

    def _shared_strings(self) -> list[str]:
        if "xl/sharedStrings.xml" not in self.archive.namelist():
            return []
        strings = []
        for _, element in iterparse(self.archive.open("xl/sharedStrings.xml")):
            if element.tag == f"{_MAIN}si":
                strings.append(_text(element))
                element.clear()
        return strings

    def _date_styles(self) -> set[int]:
        """The indexes of cell styles whose number format shows a date or time."""
        if "xl/styles.xml" not in self.archive.namelist():
            return set()
        formats = dict(BUILTIN_FORMATS)
        styles: list[int] = []
        in_cell_styles = False
        for event, element in iterparse(self.archive.open("xl/styles.xml"), events=("start", "end")):
            if element.tag == f"{_MAIN}numFmt" and event == "end":
                formats[int(element.get("numFmtId", "0"))] = element.get("formatCode", "")
            elif element.tag == f"{_MAIN}cellXfs":
                in_cell_styles = event == "start"
            elif element.tag == f"{_MAIN}xf" and event == "start" and in_cell_styles:
                styles.append(int(element.get("numFmtId", "0")))
        return {i for i, fmt in enumerate(styles) if is_date_format(formats.get(fmt, ""))}

    def rows(self, sheet: str) -> Iterator[tuple[int, Row]]:
        """(Excel row number, cells with a value) for each row of `sheet` that has a value,
        in the order of the file; raises WorkbookUnreadable for damaged XML. The XML is read
        with expat in chunks: an empty row costs two callbacks and no memory."""
        reader = _SheetReader(self)
        parser = expat.ParserCreate(namespace_separator=" ")
        parser.buffer_text = True
        parser.StartElementHandler = reader.start
        parser.EndElementHandler = reader.end
        parser.CharacterDataHandler = reader.characters
        parser.StartDoctypeDeclHandler = _refuse_doctype  # no entities, so no entity expansion
        try:
            with self.archive.open(self.sheets[sheet]) as stream:
                tail = b""
                while chunk := stream.read(1 << 16):
                    chunk, tail = _without_empty_rows(tail + chunk)
                    parser.Parse(chunk, False)
                    yield from reader.take()
                parser.Parse(tail, True)
                yield from reader.take()
        except (expat.ExpatError, KeyError, zipfile.BadZipFile, zlib.error, EOFError, ValueError) as exc:
            raise WorkbookUnreadable(f"bladet {sheet!r} är skadat ({type(exc).__name__})") from None

    def cell(self, kind: str, raw: str | None, formula: str | None, style: str | None) -> Cell | None:
        """A cell from its type attribute, <v> text, <f> text (or inline text) and style."""
        if formula is not None:
            return Cell("=" + formula, FORMULA)
        if kind == "inlineStr":
            return Cell(raw, "s") if raw else None
        if raw is None or raw == "":
            return None
        if kind == "s":
            index = _int(raw)
            if index is None or not 0 <= index < len(self.shared_strings):
                return Cell(raw, INVALID)
            text = self.shared_strings[index]
            return Cell(text, "s") if text else None
        if kind == "str":
            return Cell(raw, "s")
        if kind == "b":
            return Cell(raw == "1", "b") if raw in ("0", "1") else Cell(raw, INVALID)
        if kind == "e":
            return Cell(raw, ERROR)
        if kind == "d":
            return Cell(raw, "d")
        number = _float(raw)
        if number is None:
            return Cell(raw, INVALID)
        if _int(raw) is not None:
            number = int(raw)
        if _int(style or "0") in self.date_styles:
            try:
                return Cell(from_excel(number, self.epoch), "d")
            except (ValueError, OverflowError):
                return Cell(raw, INVALID)
        return Cell(number, "n")


# A row element without cells that gives its number (<row r="7" s="3" customFormat="1"/>): Excel
# writes one per formatted row. Dropping them before parsing changes nothing that is read.
_EMPTY_ROW = re.compile(rb'<(?:[A-Za-z_][\w.-]*:)?row\s[^<>]*?\br="[0-9]+"[^<>]*/>')


def _without_empty_rows(data: bytes) -> tuple[bytes, bytes]:
    """The data up to its last complete tag without empty rows, and the rest (for the next chunk)."""
    end = data.rfind(b">") + 1
    return _EMPTY_ROW.sub(b"", data[:end]), data[end:]


def _refuse_doctype(*_) -> None:
    raise ValueError("DOCTYPE")


class _SheetReader:
    """expat callbacks for a sheet's XML: collects the rows that hold a value."""

    def __init__(self, workbook: Workbook):
        self.workbook = workbook
        self.ready: list[tuple[int, Row]] = []
        self.row_number = 0
        self.cells: Row = {}
        self.column = 0
        self.kind = "n"
        self.style: str | None = None
        self.value: str | None = None
        self.formula: str | None = None
        self.inline: list[str] = []
        self.in_inline = self.in_phonetic = False
        self.text: list[str] | None = None  # the text being collected, if any

    def take(self) -> list[tuple[int, Row]]:
        ready, self.ready = self.ready, []
        return ready

    def start(self, name: str, attributes: dict[str, str]) -> None:
        tag = name.rpartition(" ")[2]
        if tag == "row":
            self.row_number = _number(attributes.get("r"), self.row_number + 1, MAX_ROW)
            self.cells, self.column = {}, 0
        elif tag == "c":
            self.column = _column(attributes.get("r"), self.column + 1)
            self.kind, self.style = attributes.get("t", "n"), attributes.get("s")
            self.value = self.formula = None
            self.inline = []
        elif tag == "is":
            self.in_inline = True
        elif tag == "rPh":
            self.in_phonetic = True
        elif tag in ("v", "f") or (tag == "t" and self.in_inline and not self.in_phonetic):
            self.text = []

    def characters(self, data: str) -> None:
        if self.text is not None:
            self.text.append(data)

    def end(self, name: str) -> None:
        tag = name.rpartition(" ")[2]
        text = "".join(self.text) if self.text is not None else ""
        if tag == "v" and self.text is not None:
            self.value = text
        elif tag == "f" and self.text is not None:
            self.formula = text
        elif tag == "t" and self.text is not None:
            self.inline.append(text)
        elif tag == "is":
            self.in_inline = False
            self.value = "".join(self.inline)
        elif tag == "rPh":
            self.in_phonetic = False
        elif tag == "c":
            cell = self.workbook.cell(self.kind, self.value, self.formula, self.style)
            if cell is not None:
                self.cells[self.column] = cell
        elif tag == "row" and self.cells:
            self.ready.append((self.row_number, self.cells))
            self.cells = {}
        if tag in ("v", "f", "t"):
            self.text = None


def _text(element) -> str:
    """The text of a shared or inline string: its <t> runs, without phonetic runs (<rPh>)."""
    parts = []
    for child in element:
        if child.tag == f"{_MAIN}t":
            parts.append(child.text or "")
        elif child.tag == f"{_MAIN}r":
            parts += [t.text or "" for t in child.iter(f"{_MAIN}t")]
    return "".join(parts)


def _int(text: str | None) -> int | None:
    return int(text) if text is not None and re.fullmatch(r"-?[0-9]{1,18}", text.strip()) else None


def _float(text: str) -> float | None:
    try:
        number = float(text)
    except ValueError:
        return None
    return number if number == number and abs(number) != float("inf") else None


def _number(text: str | None, default: int, limit: int) -> int:
    number = _int(text)
    return number if number is not None and 1 <= number <= limit else default


def _column(coordinate: str | None, default: int) -> int:
    match = _COORDINATE.fullmatch(coordinate or "")
    if match is None:
        return default
    column = column_index_from_string(match.group(1))
    return column if column <= MAX_COLUMN else default
