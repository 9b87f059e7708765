"""Kommunmottagna (Migrationsverket) per kommun: parsed from the original files and reconciled.

The reception years are discovered from data/raw, never listed here: a year exists when
`raw/migrationsverket-<år>/` holds Migrationsverket's two files for it, under the names
Migrationsverket publishes them (as .xlsx, or as the CSV export shipped for 2018):
- "Kommunmottagna enligt ersättningsförordningen <år>": per kommun and category;
- "Anvisningar enligt kommuntalen <år>": kommuntal and anvisade mottagna per kommun.
2015 and 2016 totals come from a secondary copy of Migrationsverket's figures
(data/raw/flyktingar-kolada-…). A year without files (2017) is missing, never interpolated.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from pathlib import Path

import openpyxl
import pandas as pd
from openpyxl.utils import get_column_letter

from metabok.config import KOLADA_DIR, RAW_DIR
from metabok.errors import InputError
from metabok.sources.geography import (
    counties,
    county_of,
    is_municipality_code,
    municipalities,
    municipality_code,
    normalise_name,
)

FOLDER_PREFIX = "migrationsverket-"
RECEIVED_TITLE = "Kommunmottagna enligt ersättningsförordningen"
KOMMUNTAL_TITLE = "Anvisningar enligt kommuntalen"
SUFFIXES = (".xlsx", ".csv")
TOTALS_2015_2016_FILE = KOLADA_DIR / "migrationsverket-mottagna-2015-2016.csv"
SECONDARY_YEARS = (2015, 2016)

CATEGORIES = ("kvotflyktingar", "abo", "ebo", "ovriga", "anhoriga")
CATEGORY_LABELS = {
    "kvotflyktingar": "Kvotflyktingar",
    "abo": "Från Migrationsverkets anläggningsboende (ABO)",
    "ebo": "Från eget boende (EBO)",
    "ovriga": "Övriga",
    "anhoriga": "Anhöriga",
}

# The column headers of the received file, in order from column D; each category is
# followed by its "varav ensamk barn" column, and the last pair is the row total.
_RECEIVED_HEADERS = {
    "kvotflyktingar": "Kvotflykting (Kategori 1)",
    "abo": "Person från anläggningsboende (ABO) i Migrations-verkets mottagningssystem (Kategori 2)",
    "ebo": "Person från eget boende (EBO) i Migrations-verkets mottagningssystem (Kategori 6)",
    "ovriga": "Övriga (Kategori 3 och 8)",
    "anhoriga": "Anhöriga (Kategori 4)",
    "totalt": "Totalt",
}
_VARAV_HEADER = "varav ensamk barn"
_COUNTY_COLUMN, _NAME_COLUMN, _FIRST_VALUE_COLUMN = 0, 2, 3
_SUBTOTAL, _TOTAL = "Delsumma", "Totalt"
_KOMMUNTAL_COLUMNS = ["Län", "Kommun", "Länskod", "Kommunkod", "Tal", "Mottagna"]
_NUMBER = re.compile(r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+")


def _fold(name: str) -> str:
    """'Anvisningar enligt kommuntalen 2019' -> 'anvisningar_enligt_kommuntalen_2019'."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", ascii_name.lower()).strip("_")


def year_folders(raw_dir: Path = RAW_DIR) -> dict[int, Path]:
    """{year: raw/migrationsverket-<år>/} for every such folder."""
    folders = {}
    for folder in Path(raw_dir).glob(f"{FOLDER_PREFIX}[0-9][0-9][0-9][0-9]"):
        if folder.is_dir():
            folders[int(folder.name.removeprefix(FOLDER_PREFIX))] = folder
    return dict(sorted(folders.items()))


def file_name(title: str, year: int) -> str:
    """The name Migrationsverket publishes the file under: '<title> <år>.xlsx'."""
    return f"{title} {year}.xlsx"


def _find(folder: Path, title: str, year: int) -> Path | None:
    """The file for `title` and `year` in the folder, as .xlsx or .csv; spaces, underscores,
    case and å/ä/ö in the name do not matter."""
    wanted = _fold(f"{title} {year}")
    found = sorted(
        p
        for p in folder.iterdir()
        if p.is_file()
        and p.suffix.lower() in SUFFIXES
        and _fold(p.stem) == wanted
        and not p.name.startswith("~$")
    )
    if len(found) > 1:
        names = " och ".join(p.name for p in found)
        raise InputError(f"två filer för samma tabell ({names}); ta bort den ena", file=folder)
    return found[0] if found else None


def year_files(year: int, raw_dir: Path = RAW_DIR) -> dict[str, Path | None]:
    """{'received': …, 'kommuntal': …} for a year's folder (None when the file is missing)."""
    folder = year_folders(raw_dir).get(year)
    if folder is None:
        return {"received": None, "kommuntal": None}
    return {
        "received": _find(folder, RECEIVED_TITLE, year),
        "kommuntal": _find(folder, KOMMUNTAL_TITLE, year),
    }


def missing_files(year: int, raw_dir: Path = RAW_DIR) -> list[str]:
    """The names of the files a year's folder still lacks (empty when complete)."""
    titles = {"received": RECEIVED_TITLE, "kommuntal": KOMMUNTAL_TITLE}
    return [file_name(titles[key], year) for key, path in year_files(year, raw_dir).items() if path is None]


def reception_years(raw_dir: Path = RAW_DIR) -> list[int]:
    """The years whose folder holds both of Migrationsverket's files."""
    return [year for year in year_folders(raw_dir) if not missing_files(year, raw_dir)]


def trend_years() -> list[int]:
    """The years with reception per kommun: 2015, 2016 and every reception year."""
    return sorted({*SECONDARY_YEARS, *reception_years()})


def _file_for(kind: str, year: int) -> Path:
    path = year_files(year)[kind]
    if path is None:
        years = ", ".join(map(str, reception_years())) or "inga"
        raise ValueError(f"Migrationsverkets fil för {year} saknas i data/raw (år med filer: {years})")
    return path


def _cell_text(value: object) -> str:
    """An Excel cell as the CSV export writes it: 1842 -> '1842', None -> ''."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H.%M")
    return str(value).strip()


def _xlsx_records(path: Path, marker: tuple[str, ...]) -> tuple[str, list[tuple[int, list[str]]]]:
    """(sheet, records) of the first sheet holding a row with all `marker` cells (else the first
    sheet); each record is (Excel row, cells as text)."""
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (OSError, ValueError, KeyError, zipfile.BadZipFile) as error:
        raise InputError(f"filen kan inte öppnas som Excel-arbetsbok ({error})", file=path) from error
    try:
        sheets = []
        for sheet in workbook.worksheets:
            records = [
                (number, [_cell_text(v) for v in row])
                for number, row in enumerate(sheet.iter_rows(values_only=True), start=1)
            ]
            sheets.append((sheet.title, records))
    finally:
        workbook.close()
    for title, records in sheets:
        if any(all(m in cells for m in marker) for _, cells in records):
            return title, records
    if not sheets:
        raise InputError("arbetsboken har inga blad", file=path)
    return sheets[0]


def _records(
    path: Path, delimiter: str, marker: tuple[str, ...]
) -> tuple[str | None, list[tuple[int, list[str]]]]:
    """(sheet or None, records) of a CSV export or an .xlsx workbook."""
    if path.suffix.lower() == ".xlsx":
        return _xlsx_records(path, marker)
    return None, _csv_records(path, delimiter)


def _csv_records(path: Path, delimiter: str) -> list[tuple[int, list[str]]]:
    """(first physical line, stripped cells) per CSV record; quoted cells may span lines."""
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        message = "filen är inte UTF-8-kodad (sparad som ANSI/Windows-1252?); spara den som UTF-8"
        raise InputError(message, file=path, row=line) from error
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    records, start = [], 1
    try:
        for cells in reader:
            records.append((start, [cell.strip() for cell in cells]))
            start = reader.line_num + 1
    except csv.Error as error:
        raise InputError(f"filen kan inte läsas som CSV ({error})", file=path, row=start) from error
    return records


def _trimmed(cells: list[str]) -> list[str]:
    """Cells without the empty ones at the end of the row (Excel's used range is wider)."""
    end = len(cells)
    while end and not cells[end - 1]:
        end -= 1
    return cells[:end]


def _count(text: str, error: InputError) -> int:
    """'1 842' -> 1842; anything but a whole number ≥ 0 raises `error`."""
    if not _NUMBER.fullmatch(text):
        raise error
    return int(re.sub(r"\D", "", text))


@cache
def _county_code_by_name() -> dict[str, str]:
    names = {}
    for code, name, short in counties()[["lanskod", "lan", "lan_kort"]].itertuples(index=False):
        names[normalise_name(name)] = code
        names[normalise_name(f"{short} län")] = code  # Migrationsverket: 'KRONOBERG LÄN'
    return names


def county_code_for(name: str) -> str | None:
    """'BLEKINGE LÄN' or 'KRONOBERG LÄN' -> '10' / '07'; None when not a län."""
    return _county_code_by_name().get(normalise_name(name))


@dataclass(frozen=True)
class _Received:
    frame: pd.DataFrame
    year: int
    updated: str


def _received_columns() -> list[tuple[str, str]]:
    """(category or 'totalt', 'antal' | 'varav_ensamkommande') for columns D, E, F, …"""
    return [(key, part) for key in _RECEIVED_HEADERS for part in ("antal", "varav_ensamkommande")]


def _column_name(position: int) -> str:
    key, part = _received_columns()[position - _FIRST_VALUE_COLUMN]
    label = _RECEIVED_HEADERS[key] if part == "antal" else f"{_VARAV_HEADER}, {_RECEIVED_HEADERS[key]}"
    return f"{get_column_letter(position + 1)} ({label})"


@cache
def _parse_received(path: Path) -> _Received:
    sheet, records = _records(path, ";", (_TOTAL, _VARAV_HEADER))

    def error(message: str, line: int | None = None, position: int | None = None) -> InputError:
        column = None
        if position is not None:
            column = get_column_letter(position + 1)
            if position >= _FIRST_VALUE_COLUMN:
                column = _column_name(position)
        return InputError(message, file=path, sheet=sheet, row=line, column=column)

    def reconcile(given: list[int], computed: list[int], line: int, message: str) -> None:
        for offset, (a, b) in enumerate(zip(given, computed, strict=True)):
            if a != b:
                raise error(message.format(given=a, sum=b), line, _FIRST_VALUE_COLUMN + offset)

    def labelled(label: str, fallback: str | None = None) -> tuple[int, str]:
        """The text after a label cell ('Rubrik' | title), or in a cell starting with the label."""
        for line, cells in records:
            for index, cell in enumerate(cells):
                if cell == label and index + 1 < len(cells) and cells[index + 1]:
                    return line, cells[index + 1]
                if cell.startswith(f"{label} ") or (fallback and cell.startswith(fallback)):
                    return line, cell
        raise error(f"raden {label!r} saknas i filens huvud")

    title_line, title = labelled("Rubrik", RECEIVED_TITLE)
    year_match = re.search(r"\b(20\d\d)\b", title)
    if not year_match:
        raise error(f"rubriken {title!r} anger inget år", title_line, 1)
    updated_line, updated_text = labelled("Uppdaterad")
    updated = re.search(r"\d{4}-\d{2}-\d{2}", updated_text)
    if not updated:
        raise error(f"uppdateringsdatumet {updated_text!r} är inte ett datum (ÅÅÅÅ-MM-DD)", updated_line, 1)

    expected = [
        _RECEIVED_HEADERS[key] if part == "antal" else _VARAV_HEADER for key, part in _received_columns()
    ]
    header_index = next(
        (i for i, (_, cells) in enumerate(records) if _TOTAL in cells and _VARAV_HEADER in cells), None
    )
    if header_index is None:
        raise error("hittar ingen rubrikrad med kolumnerna 'Totalt' och 'varav ensamk barn'")
    header_line, header = records[header_index]
    header = header + [""] * (_FIRST_VALUE_COLUMN + len(expected) - len(header))
    for offset, label in enumerate(expected):
        position = _FIRST_VALUE_COLUMN + offset
        if " ".join(header[position].split()) != label:
            raise error(f"rubriken är {header[position]!r}, väntade {label!r}", header_line, position)

    width = len(expected)
    totals_at = width - 2  # the 'Totalt' pair is last
    rows, seen = [], {}
    county, county_sum, closed = None, [0] * width, True
    national_sum, national_seen = [0] * width, False
    for line, cells in records[header_index + 1 :]:
        if not any(cells):
            continue
        if national_seen:
            raise error("rader efter raden 'Totalt'", line)
        cells = cells + [""] * (_FIRST_VALUE_COLUMN + width - len(cells))
        name = cells[_NAME_COLUMN]
        values = []
        for offset in range(width):
            position = _FIRST_VALUE_COLUMN + offset
            text = cells[position]
            values.append(
                0 if text == "" else _count(text, error(f"{text!r} är inte ett antal", line, position))
            )

        if name == _TOTAL:
            if not closed:
                raise error(f"raden 'Delsumma' saknas för länet före raden 'Totalt' ({county})", line)
            reconcile(values, national_sum, line, "riket anges till {given}, kommunerna summerar till {sum}")
            national_seen = True
            continue

        county_cell = cells[_COUNTY_COLUMN]
        row_county = None
        if county_cell:
            row_county = county_code_for(county_cell)
            if row_county is None:
                raise error(f"{county_cell!r} är inte namnet på ett län", line, _COUNTY_COLUMN)

        if name == _SUBTOTAL:
            if closed or (row_county is not None and row_county != county):
                raise error("raden 'Delsumma' hör inte till länet ovanför", line, _NAME_COLUMN)
            reconcile(values, county_sum, line, "delsumman är {given}, länets kommuner summerar till {sum}")
            closed = True
            continue

        if row_county is not None:
            if not closed:
                raise error(f"raden 'Delsumma' saknas för länet före rad {line}", line)
            county, county_sum, closed = row_county, [0] * width, False
        elif closed:
            raise error("kommunraden står utanför ett län (länets namn saknas)", line, _COUNTY_COLUMN)

        code = municipality_code(name)
        if code is None:
            raise error(f"{name!r} är inte namnet på en kommun", line, _NAME_COLUMN)
        if code in seen:
            raise error(f"kommunen {name!r} finns redan på rad {seen[code]}", line, _NAME_COLUMN)
        seen[code] = line
        if county_of(code) != county:
            raise error(f"kommunen {name!r} ligger inte i länet den står under", line, _NAME_COLUMN)
        for start in (0, 1):  # antal, varav ensamkommande
            parts = values[start:totals_at:2]
            if sum(parts) != values[totals_at + start]:
                raise error(
                    f"kategorierna summerar till {sum(parts)} men raden anger {values[totals_at + start]}",
                    line,
                    _FIRST_VALUE_COLUMN + totals_at + start,
                )
        for offset in range(0, totals_at + 2, 2):
            if values[offset + 1] > values[offset]:
                message = "'varav ensamk barn' är större än antalet"
                raise error(message, line, _FIRST_VALUE_COLUMN + offset + 1)
        county_sum = [a + b for a, b in zip(county_sum, values, strict=True)]
        national_sum = [a + b for a, b in zip(national_sum, values, strict=True)]
        for index, category in enumerate(CATEGORIES):
            rows.append((code, category, values[2 * index], values[2 * index + 1]))

    if not national_seen:
        raise error("raden 'Totalt' saknas")
    year = int(year_match.group(1))
    frame = pd.DataFrame(rows, columns=["kommunkod", "kategori", "antal", "varav_ensamkommande"])
    frame.insert(1, "ar", year)
    frame = frame.merge(municipalities()[["kommunkod", "kommun", "lanskod"]], on="kommunkod")
    frame = frame[["kommunkod", "kommun", "lanskod", "ar", "kategori", "antal", "varav_ensamkommande"]]
    frame = frame.sort_values("kommunkod", kind="stable")  # categories stay in CATEGORIES order
    return _Received(frame.reset_index(drop=True), year, updated.group(0))


def _received(year: int, path: Path | None) -> _Received:
    path = _file_for("received", year) if path is None else path
    parsed = _parse_received(Path(path))
    if parsed.year != year:
        raise InputError(f"filen gäller {parsed.year}, inte {year}", file=path)
    return parsed


def load_received(year: int, path: Path | None = None) -> pd.DataFrame:
    """Kommunmottagna per kommun and category (long form, five rows per kommun):
    kommunkod, kommun, lanskod, ar, kategori, antal, varav_ensamkommande.

    A blank cell in a kommun's row is 0; a kommun absent from the file has no rows.
    """
    return _received(year, path).frame.copy()


def source_updated(year: int, path: Path | None = None) -> str:
    """The file's own update date, e.g. '2019-03-25'."""
    return _received(year, path).updated


@cache
def _parse_kommuntal(path: Path, year: int) -> pd.DataFrame:
    sheet, records = _records(path, ",", tuple(_KOMMUNTAL_COLUMNS))
    # Title rows may come before the header row (as in Migrationsverket's workbook).
    header_index = next(
        (i for i, (_, cells) in enumerate(records) if _trimmed(cells) == _KOMMUNTAL_COLUMNS), None
    )
    if header_index is None:
        found = records[0][1] if records else []
        message = f"hittar ingen rubrikrad {_KOMMUNTAL_COLUMNS} (första raden är {_trimmed(found)})"
        raise InputError(message, file=path, sheet=sheet, row=1)
    rows, seen, county_rows, total_row = [], {}, {}, None
    for line, cells in records[header_index + 1 :]:
        if sheet is not None:  # a workbook row: as wide as the header, whatever Excel's used range
            cells = _trimmed(cells)
            cells += [""] * (len(_KOMMUNTAL_COLUMNS) - len(cells))
        if not any(cells):
            continue
        if len(cells) != len(_KOMMUNTAL_COLUMNS):
            raise InputError(
                f"raden har {len(cells)} fält, väntade {len(_KOMMUNTAL_COLUMNS)}",
                file=path,
                sheet=sheet,
                row=line,
            )
        row = dict(zip(_KOMMUNTAL_COLUMNS, cells, strict=True))

        def error(message: str, column: str, line: int = line) -> InputError:
            return InputError(message, file=path, sheet=sheet, row=line, column=column)

        if row["Län"] == _TOTAL and not row["Kommun"] and not row["Kommunkod"]:
            if total_row is not None:
                raise error(f"raden 'Totalt' finns redan på rad {total_row[0]}", "Län")
            total_row = (line, row["Tal"], row["Mottagna"])
            continue

        if not row["Länskod"].isdigit():
            raise error(f"{row['Länskod']!r} är inte en länskod", "Länskod")
        county = row["Länskod"].zfill(2)
        if county_code_for(row["Län"]) != county:
            raise error(f"länet {row['Län']!r} har inte länskod {row['Länskod']}", "Län")
        tal = _count(row["Tal"], error(f"{row['Tal']!r} är inte ett antal", "Tal"))
        mottagna = _count(row["Mottagna"], error(f"{row['Mottagna']!r} är inte ett antal", "Mottagna"))
        if not row["Kommun"] and not row["Kommunkod"]:
            if county in county_rows:
                raise error(f"länsraden finns redan på rad {county_rows[county][0]}", "Län")
            county_rows[county] = (line, tal, mottagna)
            continue
        code = row["Kommunkod"].zfill(4) if row["Kommunkod"].isdigit() else row["Kommunkod"]
        if not is_municipality_code(code):
            raise error(f"{code!r} är inte en kommunkod", "Kommunkod")
        if municipality_code(row["Kommun"]) != code:
            raise error(f"namnet {row['Kommun']!r} hör inte till kommunkod {code}", "Kommun")
        if code in seen:
            raise error(f"kommunen finns redan på rad {seen[code]}", "Kommunkod")
        seen[code] = line
        if county_of(code) != county:
            raise error(f"kommunen {row['Kommun']!r} ligger inte i län {county}", "Länskod")
        rows.append((code, county, tal, mottagna))

    frame = pd.DataFrame(rows, columns=["kommunkod", "lanskod", "kommuntal", "mottagna"])
    for county in sorted(set(frame["lanskod"]) - set(county_rows)):
        raise InputError(f"länsraden saknas för län {county}", file=path, sheet=sheet)
    if total_row is not None:
        line, *given = total_row
        for column, text in zip(("Tal", "Mottagna"), given, strict=True):
            where = {"file": path, "sheet": sheet, "row": line, "column": column}
            value = _count(text, InputError(f"{text!r} är inte ett antal", **where))
            computed = int(frame["kommuntal" if column == "Tal" else "mottagna"].sum())
            if value != computed:
                raise InputError(
                    f"raden 'Totalt' anger {value} men kommunerna summerar till {computed}", **where
                )
    for county, (line, tal, mottagna) in county_rows.items():
        group = frame[frame["lanskod"] == county]
        for column, given in (("Tal", tal), ("Mottagna", mottagna)):
            computed = int(group["kommuntal" if column == "Tal" else "mottagna"].sum())
            if given != computed:
                raise InputError(
                    f"länsraden anger {given} men länets kommuner summerar till {computed}",
                    file=path,
                    sheet=sheet,
                    row=line,
                    column=column,
                )
    frame = frame.merge(municipalities()[["kommunkod", "kommun"]], on="kommunkod").assign(ar=year)
    frame = frame[["kommunkod", "kommun", "lanskod", "ar", "kommuntal", "mottagna"]]
    return frame.sort_values("kommunkod").reset_index(drop=True)


def load_kommuntal(year: int, path: Path | None = None) -> pd.DataFrame:
    """Kommuntal (anvisningar a kommun must receive) and anvisade mottagna, one row per kommun in the file:
    kommunkod, kommun, lanskod, ar, kommuntal, mottagna. Kommuner absent from the file have no row."""
    path = _file_for("kommuntal", year) if path is None else path
    return _parse_kommuntal(Path(path), year).copy()


def kommuntal_for_all(year: int, path: Path | None = None) -> pd.DataFrame:
    """All 290 kommuner; kommuntal and mottagna are <NA> (saknas_i_kallan) when absent from the file."""
    found = load_kommuntal(year, path).drop(columns=["kommun", "lanskod"])
    frame = municipalities()[["kommunkod", "kommun", "lanskod"]].merge(found, on="kommunkod", how="left")
    frame["ar"] = year
    frame["saknas_i_kallan"] = frame["kommuntal"].isna()
    return frame.astype({"kommuntal": "Int64", "mottagna": "Int64"})


@cache
def _parse_totals_2015_2016(path: Path) -> pd.DataFrame:
    records = _csv_records(path, ",")
    header = records[0][1] if records else []
    if sorted(header) != ["2015", "2016", "Region"]:
        raise InputError(f"kolumnerna är {header}, väntade ['Region', '2016', '2015']", file=path, row=1)
    rows, seen = [], {}
    for line, cells in records[1:]:
        if not any(cells):
            continue
        if len(cells) != len(header):
            raise InputError(f"raden har {len(cells)} fält, väntade {len(header)}", file=path, row=line)
        row = dict(zip(header, cells, strict=True))
        code = municipality_code(row["Region"])
        if code is None:
            message = f"{row['Region']!r} är inte namnet på en kommun"
            raise InputError(message, file=path, row=line, column="Region")
        if code in seen:
            message = f"kommunen finns redan på rad {seen[code]}"
            raise InputError(message, file=path, row=line, column="Region")
        seen[code] = line
        for year in ("2015", "2016"):
            if row[year]:  # a blank cell is a missing value: no row, never 0
                error = InputError(f"{row[year]!r} är inte ett antal", file=path, row=line, column=year)
                rows.append((code, int(year), _count(row[year], error)))
    frame = pd.DataFrame(rows, columns=["kommunkod", "ar", "antal"])
    return frame.sort_values(["ar", "kommunkod"]).reset_index(drop=True)


def load_received_totals_2015_2016(path: Path = TOTALS_2015_2016_FILE) -> pd.DataFrame:
    """Kommunmottagna in total per kommun 2015 and 2016 (secondary copy): kommunkod, ar, antal."""
    return _parse_totals_2015_2016(Path(path)).copy()


def received_totals() -> pd.DataFrame:
    """Kommunmottagna in total per kommun for 2015, 2016 and every reception year: kommunkod, ar,
    antal (no rows for a year without a file, such as 2017)."""
    yearly = [
        load_received(year).groupby(["kommunkod", "ar"], as_index=False)["antal"].sum()
        for year in reception_years()
        if year not in SECONDARY_YEARS
    ]
    frame = pd.concat([load_received_totals_2015_2016(), *yearly], ignore_index=True)
    return frame.sort_values(["ar", "kommunkod"]).reset_index(drop=True)
