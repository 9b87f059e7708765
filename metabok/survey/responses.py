"""The answer files of a survey year (svar/*.xlsx), validated against the year's codebook.

Every problem is an InputError naming the file, sheet, Excel row (header = row 1) and column
header. The files are only read, never written.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TypeVar

import pandas as pd
from openpyxl.utils import get_column_letter

from metabok import config, frames
from metabok.errors import InputError, display_path
from metabok.sources import geography
from metabok.survey.codebook import (
    Codebook,
    Problems,
    Question,
    labels_by_normalised_text,
    normalise_text,
    parse_codebook,
    suggestion,
)
from metabok.survey.narrative import check_narratives
from metabok.survey.paths import ANSWERS_DIR, SurveyYear, available_years
from metabok.survey.workbook import ERROR, FORMULA, INVALID, Cell, Row, Workbook, WorkbookUnreadable
from metabok.text import nfc, quoted, unusual_note

ANSWER_SHEET = "Svar"
ABOUT_SHEET = "Om filen"
SYNTHETIC_STATUS = "exempeldata"
IDENTITY_HEADERS = {"kommunkod": "Kommunkod", "kommun": "Kommun", "län": "Län", "länskod": "Länskod"}
MAX_COUNT = 10**9  # an antal above this is a typing error, not a count

T = TypeVar("T")

_OTHER_FORMATS = {
    ".csv": "en CSV-fil",
    ".xls": "en Excel-fil i det gamla formatet .xls",
    ".xlsm": "en makroaktiverad Excel-fil (.xlsm)",
    ".xlsb": "en binär Excel-fil (.xlsb)",
    ".ods": "ett OpenDocument-kalkylblad (.ods)",
    ".numbers": "ett Numbers-kalkylblad",
    ".txt": "en textfil",
}
_SAVE_AS = "Öppna den i Excel och spara den som 'Excel-arbetsbok (*.xlsx)', eller flytta den ur mappen svar/."


@dataclass
class SurveyResponses:
    """The answers of one year: one row per kommun that answered (index kommunkod), a
    'lanskod' column and one column per codebook column. Values: option label (str) for
    ja_nej and skala, 0/1 (Int64) for flerval, Int64 for antal, str for fritext, <NA> blank."""

    year: int
    codebook: Codebook
    answers: pd.DataFrame
    synthetic: bool = False
    files: list[Path] = field(default_factory=list)
    sources: dict[str, Path] = field(default_factory=dict)  # kommunkod -> the answer file of its row
    _areas: dict[str, pd.DataFrame] = field(default_factory=dict, init=False, repr=False, compare=False)
    _tallies: dict[tuple, object] = field(default_factory=dict, init=False, repr=False, compare=False)

    def inputs(self) -> list[Path]:
        """The files these answers were parsed from (the key of their frame in the frame cache)."""
        return _cache_inputs(self.codebook, self.files)

    @property
    def status(self) -> str:
        """What a download of these answers says in `datastatus`: 'exempeldata' when the answer
        files are marked so, else the survey as the source."""
        if self.synthetic:
            return SYNTHETIC_STATUS
        return f"enkätsvar från kommunerna ({self.codebook.survey_name})"

    def respondents(self, county_code: str) -> list[str]:
        """The kommunkoder that answered in a län ('00' = the whole country)."""
        return list(self.area_answers(county_code).index)

    def area_answers(self, county_code: str) -> pd.DataFrame:
        """The rows of `answers` for a län ('00' = all); kept, so treat `answers` as read-only."""
        if county_code not in self._areas:
            if county_code == config.NATIONAL_CODE:
                self._areas[county_code] = self.answers
            elif county_code in geography.county_codes():
                self._areas[county_code] = self.answers[self.answers["lanskod"] == county_code]
            else:
                raise KeyError(f"okänd länskod {county_code!r}")
        return self._areas[county_code]

    def _area_key(self, county_code: str) -> str:
        self.area_answers(county_code)  # raises KeyError for an unknown länskod
        return county_code

    def value_counts(self, county_code: str, column: str) -> dict[object, int]:
        """How many kommuner in the area gave each value in `column` (counted for every area at once)."""
        key = ("values", column)
        if key not in self._tallies:
            tallies: dict[str, dict[object, int]] = {config.NATIONAL_CODE: {}}
            column_values = self.answers[column]
            filled = column_values.notna().tolist()
            for county, value, present in zip(self._counties(), column_values.tolist(), filled, strict=True):
                if present:
                    for area in (county, config.NATIONAL_CODE):
                        area_tally = tallies.setdefault(area, {})
                        area_tally[value] = area_tally.get(value, 0) + 1
            self._tallies[key] = tallies
        return self._tallies[key].get(self._area_key(county_code), {})

    def answered_count(self, county_code: str, columns: tuple[str, ...]) -> int:
        """How many kommuner in the area filled in any of `columns` (counted for every area at once)."""
        key = ("answered", columns)
        if key not in self._tallies:
            answered = self.answers[list(columns)].notna().any(axis=1).tolist()
            tallies = {config.NATIONAL_CODE: sum(answered)}
            for county, present in zip(self._counties(), answered, strict=True):
                tallies[county] = tallies.get(county, 0) + present
            self._tallies[key] = tallies
        return self._tallies[key].get(self._area_key(county_code), 0)

    def remembered(self, key: tuple, compute: Callable[[], T]) -> T:
        """`compute()`, worked out once per key for these answers (which are read-only)."""
        key = ("remembered", *key)
        if key not in self._tallies:
            self._tallies[key] = compute()
        return self._tallies[key]

    def _counties(self) -> list[str]:
        """The länskod of each row of `answers`, in order."""
        if ("lanskoder",) not in self._tallies:
            self._tallies[("lanskoder",)] = self.answers["lanskod"].tolist()
        return self._tallies[("lanskoder",)]


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _shown(value: object) -> str:
    """A cell value as the analyst sees it in Excel, for messages."""
    if isinstance(value, bool):
        return "SANT" if value else "FALSKT"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return repr(value) if isinstance(value, str) else str(value)


def _as_text(value: object) -> str | None:
    """A cell as text when it is text or a whole number (Excel stores '1' as 1.0)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, str | int):
        return nfc(str(value)).strip()
    return None


def _whole_number(value: object) -> int | None:
    """A cell as a whole number ('1 200', 1200, 1200.0), or None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, int):
        return value
    if isinstance(value, str):
        digits = re.sub(r"[\s\u00a0\u202f]", "", value)
        if re.fullmatch(r"-?[0-9]+", digits):
            return int(digits)
    return None


def _municipality_code(value: object) -> str | None:
    """A known kommunkod from a cell; a number that lost its leading zero (114) is restored."""
    text = _as_text(value)
    if text is None or not re.fullmatch(r"[0-9]{1,4}", text):
        return None
    text = text.zfill(4)
    return text if geography.is_municipality_code(text) else None


def _county_code(value: object) -> str | None:
    """A länskod from a cell holding a code (1, '01') or a name ('Stockholms län', 'Stockholm')."""
    text = _as_text(value)
    if text is None:
        return None
    if re.fullmatch(r"[0-9]{1,2}", text):
        return text.zfill(2) if text.zfill(2) in geography.county_codes() else None
    return _county_by_name().get(geography.normalise_name(text))


@cache
def _county_by_name() -> dict[str, str]:
    table = geography.counties()
    return {
        geography.normalise_name(name): code
        for column in ("lan", "lan_kort")
        for name, code in zip(table[column], table["lanskod"], strict=True)
    }


def _file_type_problem(path: Path) -> str | None:
    """Why a file in svar/ cannot be an .xlsx file, or None."""
    suffix = path.suffix.lower()
    if suffix != ".xlsx":
        kind = _OTHER_FORMATS.get(suffix, f"en fil av typen {suffix or '(utan filändelse)'!r}")
        return f"filen är inte en Excel-fil (.xlsx) utan {kind}. {_SAVE_AS}"
    if path.stat().st_size == 0:
        return f"filen är tom (0 byte) och är alltså inte en Excel-fil (.xlsx). {_SAVE_AS}"
    if not zipfile.is_zipfile(path):
        return (
            "filen heter .xlsx men är inte en Excel-fil (.xlsx): innehållet är något annat "
            f"(till exempel en CSV-fil med fel filändelse eller en lösenordsskyddad fil). {_SAVE_AS}"
        )
    return None


def _open_workbook(path: Path, problems: Problems) -> Workbook | None:
    problem = _file_type_problem(path)
    if problem is None:
        try:
            return Workbook(path)
        except WorkbookUnreadable as exc:
            problem = (
                f"filen är inte en Excel-fil (.xlsx) som går att läsa – den verkar vara skadad "
                f"({exc}). {_SAVE_AS}"
            )
    problems.add(InputError(problem, file=path))
    return None


def _answer_sheet(workbook: Workbook) -> str | None:
    """The sheet 'Svar', else the first sheet that is not 'Om filen'."""
    names = workbook.sheet_names
    for name in names:
        if normalise_text(name) == ANSWER_SHEET.casefold():
            return name
    others = [n for n in names if normalise_text(n) != ABOUT_SHEET.casefold()]
    return others[0] if others else None


def _is_synthetic(workbook: Workbook) -> bool:
    """True when the sheet 'Om filen' has the row Status = exempeldata."""
    for name in workbook.sheet_names:
        if normalise_text(name) != ABOUT_SHEET.casefold():
            continue
        for _, cells in workbook.rows(name):
            first, second = cells.get(1), cells.get(2)
            if (
                first is not None
                and second is not None
                and isinstance(first.value, str)
                and isinstance(second.value, str)
                and normalise_text(first.value) == "status"
                and normalise_text(second.value) == SYNTHETIC_STATUS
            ):
                return True
    return False


def _cell_problem(cell: Cell) -> str | None:
    """Why a cell cannot hold an answer at all (a formula, an Excel error, a value Excel would
    not write), or None."""
    if cell.kind == FORMULA or (isinstance(cell.value, str) and cell.value.lstrip().startswith("=")):
        kind = "en formel" if cell.kind == FORMULA else "text som börjar med '=' och läses som en formel"
        return (
            f"cellen innehåller {kind} ({quoted(str(cell.value), 40)}); formler är inte tillåtna. "
            "Ersätt formeln med sitt värde (Kopiera, Klistra in special, Värden) eller ta bort '='."
        )
    if cell.kind == ERROR:
        value = quoted(str(cell.value), 20)[1:-1]
        return f"cellen innehåller ett Excel-fel ({value}); skriv in svaret eller töm cellen"
    if cell.kind == INVALID:
        return (
            f"cellen innehåller {quoted(str(cell.value), 40)}, som Excel inte kan ha skrivit i en cell av "
            "sin typ (till exempel ett tal med decimalkomma i en talcell); skriv in värdet igen i Excel"
        )
    return None


@dataclass
class _Column:
    key: str  # identity key ('kommunkod', …) or codebook column
    header: str  # as written in the file


class _SheetReader:
    """Reads one answer sheet into {kommunkod: {column: value}}."""

    def __init__(
        self,
        path: Path,
        workbook: Workbook,
        sheet: str,
        codebook: Codebook,
        problems: Problems,
        seen: dict[str, tuple[Path, str, int]],
    ):
        self.path = path
        self.workbook = workbook
        self.sheet = sheet
        self.codebook = codebook
        self.problems = problems
        self.seen = seen
        self.question_of = {c: q for q in codebook.questions for c in q.columns()}
        self.columns: dict[int, _Column] = {}
        self.ignored: set[int] = set()  # columns already reported as unknown or without header
        self.records: dict[str, dict[str, object]] = {}

    def error(self, message: str, row: int | None = None, column: str | None = None) -> None:
        self.problems.add(InputError(message, file=self.path, sheet=self.sheet, row=row, column=column))

    def read(self) -> dict[str, dict[str, object]]:
        rows = self.workbook.rows(self.sheet)
        number, header = next(rows, (0, {}))
        if number != 1 or all(_blank(cell.value) for cell in header.values()):
            self.error(
                "bladet är tomt: rad 1 ska innehålla rubrikerna (Kommunkod, Kommun och frågornas id)", 1
            )
            return {}
        self.read_header(header)
        if not {"kommunkod", "kommun"} & {c.key for c in self.columns.values()}:
            return {}
        for number, cells in rows:
            if not all(_blank(cell.value) for cell in cells.values()):
                self.read_row(number, cells)
        return self.records

    def read_header(self, header: Row) -> None:
        keys = self.codebook.header_keys() | {k: k for k in IDENTITY_HEADERS}
        headers = [
            h for q in self.codebook.questions for h in (q.header, *(o.header for o in q.options)) if h
        ]
        names = [*IDENTITY_HEADERS.values(), *self.codebook.columns(), *headers]
        found: dict[str, str] = {}
        for index, cell in sorted(header.items()):
            if _blank(cell.value):
                continue
            problem = _cell_problem(cell)
            if problem is not None:
                self.error(f"rubriken: {problem}", 1, get_column_letter(index))
                self.ignored.add(index)
                continue
            text = nfc(str(cell.value)).strip()
            key = keys.get(normalise_text(text))
            if key is None:
                self.ignored.add(index)
                self.error(
                    f"okänd kolumn {text!r}: den finns inte i kodboken.{suggestion(text, names)} "
                    "Ta bort kolumnen eller rätta rubriken (eller skriv rubriken som 'kolumn' vid frågan "
                    "i kodboken).",
                    1,
                    text,
                )
                continue
            if key in found:
                self.ignored.add(index)
                self.error(f"kolumnen {text!r} förekommer två gånger (också som {found[key]!r})", 1, text)
                continue
            found[key] = text
            self.columns[index] = _Column(key, text)
        if "kommunkod" not in found and "kommun" not in found:
            self.error("kolumnen Kommunkod eller Kommun saknas (minst en av dem behövs)", 1, "Kommunkod")
        for column in self.codebook.columns():
            if column not in found:
                question = self.question_of[column]
                self.error(
                    f"kolumnen {self.codebook.header_of(column)} saknas (frågan {question.id!r} i kodboken: "
                    f"{question.text!r}). Lägg till kolumnen; lämna cellerna tomma om ingen kommun har "
                    "svarat. Har enkätverktyget en egen rubrik, skriv den som 'kolumn' i kodboken.",
                    1,
                    column,
                )

    def read_row(self, row: int, cells: Row) -> None:
        values: dict[str, tuple[object, str]] = {}
        rejected: set[str] = set()  # keys of cells already reported
        for index, cell in sorted(cells.items()):
            if _blank(cell.value):
                continue
            column = self.columns.get(index)
            header = column.header if column else get_column_letter(index)
            problem = _cell_problem(cell)
            if problem is not None:
                self.error(problem, row, header)
                rejected.add(column.key if column else header)
            elif column is not None:
                values[column.key] = (cell.value, header)
            elif index not in self.ignored:
                self.ignored.add(index)
                self.error(f"kolumn {header} har värden men ingen rubrik på rad 1", row, header)
        code = self.municipality(values, row, identity_rejected=bool(rejected & {"kommunkod", "kommun"}))
        answers = {}
        for key, (value, header) in values.items():
            if key in self.question_of:
                parsed = self.answer(self.question_of[key], value, row, header)
                if parsed is not None:
                    answers[key] = parsed
        if code is not None and answers:
            self.records[code] = answers

    def municipality(
        self, values: dict[str, tuple[object, str]], row: int, identity_rejected: bool = False
    ) -> str | None:
        """The kommunkod of a row, checked against Kommun, Län/Länskod and earlier rows."""
        code = name_code = None
        if "kommunkod" in values:
            value, header = values["kommunkod"]
            code = _municipality_code(value)
            if code is None:
                self.error(
                    f"okänd kommunkod {_shown(value)}: koden ska vara fyra siffror, till exempel 0114, "
                    "och vara en av SCB:s 290 kommunkoder",
                    row,
                    header,
                )
                return None
        if "kommun" in values:
            value, header = values["kommun"]
            name_code = geography.municipality_code(str(value)) if isinstance(value, str) else None
            if name_code is None:
                names = geography.municipalities()["kommun"].tolist()
                self.error(
                    f"okänt kommunnamn {_shown(value)}.{suggestion(str(value), names)} Namnet ska vara SCB:s "
                    "kortnamn, till exempel 'Upplands Väsby'.",
                    row,
                    header,
                )
                return None
            if code is not None and name_code != code:
                self.error(
                    f"kommunkoden {code} är {geography.municipality_name(code)}, men kolumnen "
                    f"{header!r} anger {_shown(value)} ({name_code})",
                    row,
                    header,
                )
                return None
        code = code or name_code
        where = self.columns_header("kommunkod") or self.columns_header("kommun")
        if code is None:
            if values and not identity_rejected:
                self.error("raden har svar men ingen kommun: fyll i Kommunkod eller Kommun", row, where)
            return None
        if not self.county_matches(code, values, row):
            return None
        if code in self.seen:
            path, sheet, other_row = self.seen[code]
            other = f"på rad {other_row}"
            if (path, sheet) != (self.path, self.sheet):
                other = f"i fil {display_path(path)}, blad {sheet!r}, rad {other_row}"
            self.error(
                f"kommunen {geography.municipality_name(code)} ({code}) förekommer två gånger: också "
                f"{other}. "
                "En kommun får bara svara en gång per år.",
                row,
                where,
            )
            return None
        self.seen[code] = (self.path, self.sheet, row)
        return code

    def columns_header(self, key: str) -> str | None:
        return next((c.header for c in self.columns.values() if c.key == key), None)

    def county_matches(self, code: str, values: dict[str, tuple[object, str]], row: int) -> bool:
        county = geography.county_of(code)
        for key in ("län", "länskod"):
            if key not in values:
                continue
            value, header = values[key]
            given = _county_code(value)
            if given is None:
                self.error(
                    f"okänt län {_shown(value)}: skriv länets namn (Stockholms län) eller länskod (01)",
                    row,
                    header,
                )
                return False
            if given != county:
                self.error(
                    f"kommunen {geography.municipality_name(code)} ligger i {geography.county_name(county)}, "
                    f"inte i {geography.county_name(given)}",
                    row,
                    header,
                )
                return False
        return True

    def answer(self, question: Question, value: object, row: int, header: str) -> object | None:
        """The canonical value of an answer cell, or None after reporting a problem."""
        if question.type in ("ja_nej", "skala"):
            labels = labels_by_normalised_text(question.options)
            text = _as_text(value)
            label = labels.get(normalise_text(text)) if text is not None else None
            if label is not None:
                return label
            self.error(
                f"{_shown(value)} är inget tillåtet svar på frågan {question.id!r}. Tillåtna svar: "
                f"{', '.join(o.label for o in question.options)}. Lämna cellen tom om kommunen inte svarat."
                f"{unusual_note(str(value))}",
                row,
                header,
            )
        elif question.type == "flerval":
            text = _as_text(value)
            if text in ("0", "1"):
                return int(text)
            self.error(
                f"{_shown(value)} är inget tillåtet värde: skriv 1 (alternativet valt) eller 0 (inte valt)",
                row,
                header,
            )
        elif question.type == "antal":
            number = _whole_number(value)
            if number is not None and 0 <= number <= MAX_COUNT:
                return number
            reason = "ska vara ett heltal ≥ 0"
            if number is not None:
                reason = "kan inte vara negativt" if number < 0 else "är orimligt stort"
            self.error(f"antalet {_shown(value)} {reason}", row, header)
        else:
            return _as_text(value) or str(value).strip()
        return None


def parse_responses(year_dir: Path, codebook: Codebook, problems: Problems) -> SurveyResponses | None:
    """The answers of a year, with every problem reported to `problems`."""
    survey = SurveyYear(Path(year_dir))
    svar_dir = survey.answers
    if not svar_dir.is_dir():
        problems.add(InputError(f"mappen {ANSWERS_DIR}/ med svarsfilerna saknas", file=svar_dir))
        return None
    files = survey.answer_files()
    if not files:
        problems.add(InputError(f"mappen {ANSWERS_DIR}/ innehåller inga svarsfiler (.xlsx)", file=svar_dir))
        return None
    seen: dict[str, tuple[Path, str, int]] = {}
    records: dict[str, dict[str, object]] = {}
    sources: dict[str, Path] = {}
    synthetic = False
    for path in files:
        workbook = _open_workbook(path, problems)
        if workbook is None:
            continue
        with workbook:
            file_records, file_synthetic = _read_file(path, workbook, codebook, problems, seen)
        records |= file_records
        sources |= dict.fromkeys(file_records, path)
        synthetic = synthetic or file_synthetic
    if not records and not problems.errors:
        problems.add(InputError("svarsfilerna innehåller inga svar (ingen rad med en kommun)", file=svar_dir))
    answers = _answer_frame(records, codebook)
    return SurveyResponses(codebook.year, codebook, answers, synthetic, files, sources)


def _read_file(
    path: Path,
    workbook: Workbook,
    codebook: Codebook,
    problems: Problems,
    seen: dict[str, tuple[Path, str, int]],
) -> tuple[dict[str, dict[str, object]], bool]:
    """The records of one answer file and whether it is marked as exempeldata."""
    sheet = _answer_sheet(workbook)
    if sheet is None:
        problems.add(InputError(f"filen saknar ett blad med svar (bladet {ANSWER_SHEET!r})", file=path))
        return {}, False
    errors_before = len(problems.errors)
    try:
        file_records = _SheetReader(path, workbook, sheet, codebook, problems, seen).read()
        synthetic = _is_synthetic(workbook)
    except WorkbookUnreadable as exc:
        problems.add(InputError(f"filen verkar vara skadad ({exc}). {_SAVE_AS}", file=path, sheet=sheet))
        return {}, False
    if not file_records and len(problems.errors) == errors_before:
        problems.add(InputError("filen innehåller inga svar (bara rubrikraden)", file=path, sheet=sheet))
    return file_records, synthetic


def _answer_frame(records: dict[str, dict[str, object]], codebook: Codebook) -> pd.DataFrame:
    codes = sorted(records)
    counties = geography.county_by_municipality()
    data = {"lanskod": pd.array([counties[c] for c in codes], dtype="string")}
    for question in codebook.questions:
        dtype = "Int64" if question.type in ("flerval", "antal") else "string"
        for column in question.columns():
            data[column] = pd.array([records[c].get(column, pd.NA) for c in codes], dtype=dtype)
    return pd.DataFrame(data, index=pd.Index(codes, name="kommunkod", dtype=str))


def _cache_inputs(codebook: Codebook, files: list[Path]) -> list[Path]:
    """What a year's parsed answers depend on: the codebook, the answer files, the kommun list."""
    return [codebook.path, *files, geography.MUNICIPALITY_FILE, geography.COUNTY_FILE]


def _storable(responses: SurveyResponses) -> pd.DataFrame:
    answers = responses.answers.copy()
    answers.attrs["synthetic"] = responses.synthetic
    return answers


def load_responses(year_dir: Path, codebook: Codebook) -> SurveyResponses:
    """The answers of a year; raises the first InputError. Parsed once per build: the chapters of a
    year read the answers from the frame cache (metabok/frames.py), keyed on the files' content."""
    files = SurveyYear(Path(year_dir)).answer_files()

    def parse() -> pd.DataFrame:
        responses = parse_responses(year_dir, codebook, Problems(strict=True))
        assert responses is not None  # strict mode raised otherwise
        return _storable(responses)

    answers = frames.cached_frame(f"svar-{codebook.year}", _cache_inputs(codebook, files), parse)
    synthetic = bool(answers.attrs.pop("synthetic", False))
    return SurveyResponses(codebook.year, codebook, answers, synthetic, files)


def _survey_year(year: int, survey_dir: Path) -> SurveyYear:
    survey = SurveyYear.of(year, survey_dir)
    if not survey.codebook.is_file():
        years = ", ".join(str(y) for y in available_years(survey_dir)) or "inga"
        raise InputError(
            f"det finns ingen enkät för år {year} (mappen med {survey.codebook.name} saknas). "
            f"Tillgängliga år: {years}.",
            file=survey.folder,
        )
    return survey


def _check_year(codebook: Codebook, year: int, problems: Problems) -> None:
    if codebook.year != year:
        problems.add(
            InputError(
                f"kodboken gäller år {codebook.year}, men ligger i mappen för år {year}", file=codebook.path
            )
        )


def load_survey(year: int, survey_dir: Path = config.SURVEY_DIR) -> SurveyResponses:
    """The codebook and answers of a survey year, validated; raises the first InputError."""
    survey = _survey_year(year, survey_dir)
    problems = Problems(strict=True)
    codebook = parse_codebook(survey.codebook, problems)
    _check_year(codebook, year, problems)
    return load_responses(survey.folder, codebook)


def check_year(
    year: int, survey_dir: Path = config.SURVEY_DIR, *, reuse_parsed: bool = False
) -> tuple[list[InputError], SurveyResponses | None]:
    """Every problem of a survey year (codebook, answer files, the län's texts) in one pass, and
    the answers read (None when the codebook has errors: the answer files are then not checked,
    and one error says so). With `reuse_parsed`, answer files whose parsed answers are in the frame
    cache are not read again: a frame is stored only for answers parsed without an error, by this
    code, from these very bytes (the answers then lack `sources`, which only the report shows)."""
    try:
        survey = _survey_year(year, survey_dir)
    except InputError as error:
        return [error], None
    problems = Problems(strict=False)
    codebook = parse_codebook(survey.codebook, problems)
    responses = None
    usable = codebook is not None and not problems.errors
    if usable:
        _check_year(codebook, year, problems)
        files = survey.answer_files() if reuse_parsed and survey.answers.is_dir() else []
        if files and frames.frame_path(f"svar-{year}", _cache_inputs(codebook, files)).is_file():
            responses = load_responses(survey.folder, codebook)
        else:
            responses = parse_responses(survey.folder, codebook, problems)
            if responses is not None and not problems.errors:  # the build's chapters read these answers
                path = frames.frame_path(f"svar-{year}", _cache_inputs(codebook, responses.files))
                frames.store(path, _storable(responses))
    else:
        problems.add(
            InputError(
                "svarsfilerna har inte kontrollerats eftersom kodboken innehåller fel", file=survey.answers
            )
        )
    check_narratives(survey.folder, problems, codebook if usable else None)
    return problems.errors, responses


def validate_year(year: int, survey_dir: Path = config.SURVEY_DIR) -> list[InputError]:
    """Every problem of a survey year (see check_year)."""
    return check_year(year, survey_dir)[0]
