"""Population per kommun on 31 December from 2010 (SCB), checked against Kolada.

Source: SCB's workbook "Folkmängden i Sveriges kommuner 1950–<år>" (sheet `Tabell`) in
data/raw/befolkning-scb-1950-<år>/, read cell by cell with openpyxl. SCB republishes it with one
more year each time; the folder with the latest year is used, so a newer workbook dropped in
beside the old one gives the book the new year without a code change.
"""

from __future__ import annotations

import zipfile
from functools import cache
from pathlib import Path

import openpyxl
import pandas as pd

from metabok import frames
from metabok.config import KOLADA_DIR, RAW_DIR
from metabok.errors import InputError
from metabok.sources import geography
from metabok.sources.geography import municipalities, municipality_code, municipality_name

FOLDER_PREFIX = "befolkning-scb-"
POPULATION_SHEET = "Tabell"
KOLADA_FILE = KOLADA_DIR / "kolada-befolkning.csv"
FIRST_YEAR = 2010
REQUIRED_YEARS = range(FIRST_YEAR, 2020)  # what the shipped workbook (1950–2019) holds
KOLADA_YEARS = range(2010, 2017)


def population_folders(raw_dir: Path = RAW_DIR) -> list[Path]:
    """raw/befolkning-scb-<från>-<till>/ folders, the latest last."""
    folders = [p for p in Path(raw_dir).glob(f"{FOLDER_PREFIX}*-[0-9][0-9][0-9][0-9]") if p.is_dir()]
    return sorted(folders, key=lambda p: (int(p.name[-4:]), p.name))


def population_file(raw_dir: Path = RAW_DIR) -> Path:
    """The workbook in the population folder with the latest year."""
    folders = population_folders(raw_dir)
    if not folders:
        raise InputError(f"ingen mapp {FOLDER_PREFIX}1950-<år>/ med SCB:s folkmängd", file=Path(raw_dir))
    workbooks = sorted(p for p in folders[-1].glob("*.xlsx") if not p.name.startswith("~$"))
    if len(workbooks) != 1:
        found = ", ".join(p.name for p in workbooks) or "ingen"
        raise InputError(
            f"mappen ska innehålla en Excel-arbetsbok från SCB (hittade: {found})", file=folders[-1]
        )
    return workbooks[0]


def population_years() -> list[int]:
    """The years from 2010 the population workbook holds."""
    return sorted(_load_population(population_file())["ar"].unique().tolist())


_NAME_HEADER = "Kommun"
_KOLADA_COLUMNS = ["Nyckeltal", "Region", "År", "Invånare"]
_KOLADA_NATIONAL = "Riket"


def load_population(path: Path | None = None) -> pd.DataFrame:
    """Folkmängd 31 december per kommun: kommunkod, ar, folkmangd (290 × 2010–the workbook's last year)."""
    return _load_population(Path(path or population_file())).copy()


def population(year: int, path: Path | None = None) -> pd.Series:
    """Folkmängd 31 december `year`, indexed by kommunkod (290 values)."""
    frame = _load_population(Path(path or population_file()))
    years = sorted(frame["ar"].unique())
    if year not in years:
        raise ValueError(f"folkmängd finns för {years[0]}–{years[-1]}, inte för {year}")
    series = frame[frame["ar"] == year].set_index("kommunkod")["folkmangd"]
    return series.rename("folkmangd").copy()


@cache
def _load_population(path: Path) -> pd.DataFrame:
    """The workbook parsed once per build (the frame cache), then once per process."""
    # The names in SCB's file are resolved through the kommun list: it is an input too.
    inputs = [path, geography.MUNICIPALITY_FILE, geography.COUNTY_FILE]
    return frames.cached_frame("befolkning", inputs, lambda: _parse_population(path))


def _parse_population(path: Path) -> pd.DataFrame:
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (OSError, ValueError, KeyError, zipfile.BadZipFile) as error:
        raise InputError(f"filen kan inte öppnas som Excel-arbetsbok ({error})", file=path) from error
    if POPULATION_SHEET not in workbook.sheetnames:
        raise InputError(f"bladet {POPULATION_SHEET!r} saknas", file=path)
    rows = list(workbook[POPULATION_SHEET].iter_rows(values_only=True))
    workbook.close()

    def error(message: str, row: int | None = None, column: str | None = None) -> InputError:
        return InputError(message, file=path, sheet=POPULATION_SHEET, row=row, column=column)

    header_index = next(
        (i for i, row in enumerate(rows) if row and str(row[0]).strip() == _NAME_HEADER),
        None,
    )
    if header_index is None:
        raise error(f"hittar ingen rubrikrad som börjar med {_NAME_HEADER!r}")
    year_columns = {}
    for position, cell in enumerate(rows[header_index]):
        label = str(cell).strip() if cell is not None else ""
        if isinstance(cell, float) and cell.is_integer():
            label = str(int(cell))
        if label.isdigit() and int(label) >= FIRST_YEAR:
            year_columns[int(label)] = position
    missing_years = [year for year in REQUIRED_YEARS if year not in year_columns]
    if missing_years:
        raise error(f"rubrikraden saknar åren {', '.join(map(str, missing_years))}", row=header_index + 1)

    records = []
    seen: dict[str, int] = {}
    for index in range(header_index + 1, len(rows)):
        row, line = rows[index], index + 1
        name = row[0] if row else None
        if name is None or not str(name).strip():
            break  # the table ends at the first empty name cell; notes follow
        code = municipality_code(str(name))
        if code is None:
            raise error(f"{name!r} är inte namnet på en kommun", row=line, column=_NAME_HEADER)
        if code in seen:
            raise error(f"kommunen {name!r} finns redan på rad {seen[code]}", row=line, column=_NAME_HEADER)
        seen[code] = line
        for year, position in year_columns.items():
            value = row[position] if position < len(row) else None
            if isinstance(value, float) and value.is_integer():
                value = int(value)
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                raise error(f"folkmängden {value!r} är inte ett heltal ≥ 0", row=line, column=str(year))
            records.append((code, year, value))

    missing = sorted(set(municipalities()["kommunkod"]) - set(seen))
    if missing:
        names = ", ".join(municipality_name(code) for code in missing)
        raise error(f"{len(missing)} kommuner saknas i tabellen: {names}")
    frame = pd.DataFrame(records, columns=["kommunkod", "ar", "folkmangd"])
    return frame.sort_values(["kommunkod", "ar"]).reset_index(drop=True)


def kolada_population(path: Path = KOLADA_FILE) -> pd.DataFrame:
    """Kolada's copy (KPI N01951): kommunkod, ar, folkmangd for the 290 kommuner 2010–2016.

    The national row `Riket` is returned with kommunkod '00'.
    """
    return _kolada_population(Path(path)).copy()


@cache
def _kolada_population(path: Path) -> pd.DataFrame:
    try:
        raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError("filen är inte UTF-8-kodad; spara den som UTF-8", file=path) from error
    if list(raw.columns) != _KOLADA_COLUMNS:
        raise InputError(f"kolumnerna är {list(raw.columns)}, väntade {_KOLADA_COLUMNS}", file=path, row=1)
    records, seen = [], set()
    for index, (region, year, value) in enumerate(raw[["Region", "År", "Invånare"]].itertuples(index=False)):
        line = index + 2
        code = "00" if region == _KOLADA_NATIONAL else municipality_code(region)
        if code is None:
            raise InputError(f"{region!r} är inte namnet på en kommun", file=path, row=line, column="Region")
        for label, text in (("År", year), ("Invånare", value)):
            if not text.strip().isdigit():
                raise InputError(f"{text!r} är inte ett heltal", file=path, row=line, column=label)
        if (code, int(year)) in seen:
            raise InputError(f"{region} {year} förekommer två gånger", file=path, row=line, column="Region")
        seen.add((code, int(year)))
        records.append((code, int(year), int(value)))
    frame = pd.DataFrame(records, columns=["kommunkod", "ar", "folkmangd"])
    return frame.sort_values(["kommunkod", "ar"]).reset_index(drop=True)


def crosscheck_with_kolada() -> pd.DataFrame:
    """Kommun-years 2010–2016 where SCB and Kolada differ or one is missing (empty when they agree).

    Kolada's `Riket` is compared with the sum of SCB's kommuner (kommunkod '00').
    """
    scb = load_population()
    scb = scb[scb["ar"].isin(KOLADA_YEARS)]
    national = scb.groupby("ar", as_index=False)["folkmangd"].sum().assign(kommunkod="00")
    scb = pd.concat([scb, national], ignore_index=True)
    merged = scb.merge(kolada_population(), on=["kommunkod", "ar"], how="outer", suffixes=("_scb", "_kolada"))
    merged = merged[merged["ar"].isin(KOLADA_YEARS)]
    differs = merged["folkmangd_scb"].ne(merged["folkmangd_kolada"])
    result = merged[differs].copy()
    result["skillnad"] = result["folkmangd_kolada"] - result["folkmangd_scb"]
    return result.reset_index(drop=True)
