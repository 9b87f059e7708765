"""The 290 kommuner and 21 län with their SCB codes, and exact name resolution.

Source: data/raw/kommuner-lan (sjbrg/swedish-geodata, CC0; codes from SCB).
"""

from __future__ import annotations

import re
from functools import cache

import pandas as pd

from metabok.config import KOMMUNER_DIR, NATIONAL_CODE, NATIONAL_NAME
from metabok.errors import InputError, InputErrors
from metabok.text import nfc, quoted, unusual_note

MUNICIPALITY_FILE = KOMMUNER_DIR / "municipality_county.csv"
COUNTY_FILE = KOMMUNER_DIR / "counties.csv"

MUNICIPALITY_COLUMNS = ("municipality_code", "municipality_name_short", "county_code", "county_name")
COUNTY_COLUMNS = ("county_code", "county_name", "county_name_short")

# Names other sources use for a kommun, beyond case, hyphen and spacing
# differences (which normalise_name already folds). Keys are normalised.
NAME_ALIASES = {
    "malung": "2023",  # Migrationsverket 2018 still writes MALUNG (Malung-Sälen)
    "dalsed": "1438",  # Migrationsverket's kommuntal 2018 writes DALSED (Dals-Ed)
    "falu": "2080",  # official name Falu kommun
    "region gotland": "0980",
    "stockholms stad": "0180",
    "göteborgs stad": "1480",
    "malmö stad": "1280",
}


def normalise_name(name: str) -> str:
    """Unicode NFC, fold case, hyphens and spacing: 'UPPLANDS-VÄSBY' -> 'upplands väsby'."""
    return re.sub(r"[\s\-‐–]+", " ", nfc(str(name))).strip().casefold()


def _read_checked(path, columns: tuple[str, ...]) -> pd.DataFrame:
    """A code list read as text, with a clear message when it cannot be read or lacks a column."""
    try:
        frame = pd.read_csv(path, dtype=str, encoding="utf-8")
    except (OSError, UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as error:
        raise InputError(f"filen kan inte läsas som en UTF-8-kodad CSV-fil ({error})", file=path) from error
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise InputError(
            f"kolumnen saknas (kolumnerna är {list(frame.columns)})", file=path, row=1, column=missing[0]
        )
    return frame


def check_reference_files() -> None:
    """Raise InputErrors for every problem in the kommun and län lists: a missing, empty or
    malformed code, a code or name given twice, a kommun in an unknown län or with another
    län name than the län list, a län without kommuner."""
    errors: list[InputError] = []
    county_table = _read_checked(COUNTY_FILE, COUNTY_COLUMNS)
    municipality_table = _read_checked(MUNICIPALITY_FILE, MUNICIPALITY_COLUMNS)
    county_names = _check_rows(COUNTY_FILE, county_table, ("county_code", 2), "county_name", errors)
    _check_rows(
        MUNICIPALITY_FILE, municipality_table, ("municipality_code", 4), "municipality_name_short", errors
    )
    for index, row in municipality_table.iterrows():
        county, name = row["county_code"], row["county_name"]
        if not isinstance(county, str) or county not in county_names:
            errors.append(
                InputError(
                    f"länskoden {quoted(county)} finns inte i {COUNTY_FILE.name}",
                    file=MUNICIPALITY_FILE,
                    row=int(index) + 2,
                    column="county_code",
                )
            )
        elif nfc(str(name)) != nfc(county_names[county]):
            errors.append(
                InputError(
                    f"länet {county} heter {quoted(county_names[county])} i {COUNTY_FILE.name}, "
                    f"inte {quoted(name)}",
                    file=MUNICIPALITY_FILE,
                    row=int(index) + 2,
                    column="county_name",
                )
            )
    present = set(municipality_table["county_code"])
    for index, row in county_table.iterrows():
        if row["county_code"] in county_names and row["county_code"] not in present:
            errors.append(
                InputError(
                    f"länet {quoted(row['county_name'])} har ingen kommun i {MUNICIPALITY_FILE.name}",
                    file=COUNTY_FILE,
                    row=int(index) + 2,
                    column="county_code",
                )
            )
    if errors:
        raise InputErrors(errors)


def _check_rows(
    path, table: pd.DataFrame, code: tuple[str, int], name_column: str, errors: list[InputError]
) -> dict[str, str]:
    """Codes of `code` = (column, number of digits), each once; names present, each once (up to
    case, hyphens and spacing). Returns {code: name} of the rows without problems."""
    code_column, digits = code
    codes: dict[str, int] = {}
    names: dict[str, int] = {}
    found: dict[str, str] = {}
    for index, row in table.iterrows():
        line = int(index) + 2
        value, name = row[code_column], row[name_column]
        if not isinstance(value, str) or not re.fullmatch(f"[0-9]{{{digits}}}", value, flags=re.ASCII):
            shown = quoted(value) if isinstance(value, str) else "saknas"
            errors.append(
                InputError(
                    f"koden {shown} ska vara {digits} siffror.{unusual_note(str(value))}",
                    file=path,
                    row=line,
                    column=code_column,
                )
            )
            continue
        if value in codes:
            errors.append(
                InputError(
                    f"koden {value} förekommer två gånger (också på rad {codes[value]})",
                    file=path,
                    row=line,
                    column=code_column,
                )
            )
            continue
        codes[value] = line
        if not isinstance(name, str) or not name.strip():
            errors.append(InputError("namnet saknas", file=path, row=line, column=name_column))
            continue
        key = normalise_name(name)
        if key in names:
            errors.append(
                InputError(
                    f"namnet {quoted(name)} förekommer två gånger (också på rad {names[key]})",
                    file=path,
                    row=line,
                    column=name_column,
                )
            )
            continue
        names[key] = line
        found[value] = name
    return found


@cache
def municipalities() -> pd.DataFrame:
    """One row per kommun: kommunkod, kommun, lanskod, lan (sorted by code)."""
    frame = _read_checked(MUNICIPALITY_FILE, MUNICIPALITY_COLUMNS)
    frame = frame.rename(
        columns={
            "municipality_code": "kommunkod",
            "municipality_name_short": "kommun",
            "county_code": "lanskod",
            "county_name": "lan",
        }
    )[["kommunkod", "kommun", "lanskod", "lan"]]
    return frame.sort_values("kommunkod").reset_index(drop=True)


@cache
def counties() -> pd.DataFrame:
    """One row per län: lanskod, lan ('Stockholms län'), lan_kort ('Stockholm')."""
    frame = _read_checked(COUNTY_FILE, COUNTY_COLUMNS)
    frame = frame.rename(
        columns={"county_code": "lanskod", "county_name": "lan", "county_name_short": "lan_kort"}
    )
    return frame.sort_values("lanskod").reset_index(drop=True)


def county_codes() -> list[str]:
    return counties()["lanskod"].tolist()


@cache
def _county_name_by_code() -> dict[str, str]:
    return dict(zip(counties()["lanskod"], counties()["lan"], strict=True))


def county_name(county_code: str) -> str:
    """'01' -> 'Stockholms län'; '00' -> 'Riket'."""
    if county_code == NATIONAL_CODE:
        return NATIONAL_NAME
    names = _county_name_by_code()
    if county_code not in names:
        raise KeyError(f"okänd länskod {county_code!r}")
    return names[county_code]


def municipalities_in(county_code: str) -> pd.DataFrame:
    """The kommuner of one län, or all 290 for '00'."""
    frame = municipalities()
    if county_code == NATIONAL_CODE:
        return frame
    return frame[frame["lanskod"] == county_code].reset_index(drop=True)


@cache
def _code_by_normalised_name() -> dict[str, str]:
    frame = municipalities()
    table = {normalise_name(n): c for c, n in zip(frame["kommunkod"], frame["kommun"], strict=True)}
    if len(table) != len(municipalities()):
        raise RuntimeError("två kommunnamn blir lika efter normalisering")
    return {**table, **NAME_ALIASES}


def municipality_code(name: str) -> str | None:
    """The kommunkod for a kommun name, resolved exactly (up to case, hyphens and
    spacing, plus the documented aliases); None when the name is not a kommun."""
    return _code_by_normalised_name().get(normalise_name(name))


@cache
def _name_by_code() -> dict[str, str]:
    return dict(zip(municipalities()["kommunkod"], municipalities()["kommun"], strict=True))


def municipality_name(code: str) -> str:
    return _name_by_code()[code]


@cache
def county_by_municipality() -> dict[str, str]:
    """kommunkod -> lanskod for all 290 kommuner."""
    return dict(zip(municipalities()["kommunkod"], municipalities()["lanskod"], strict=True))


def county_of(code: str) -> str:
    """The län code of a kommun: '0114' -> '01'."""
    return county_by_municipality()[code]


def is_municipality_code(code: str) -> bool:
    return code in _name_by_code()
