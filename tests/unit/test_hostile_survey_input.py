"""Hostile and careless answer files: each gives one Swedish InputError naming file, sheet, row and
column, both when loading (first error) and when validating (all errors); the files stay untouched."""

from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from metabok.errors import InputError
from metabok.survey.responses import load_survey, validate_year

from helpers import TINY_HEADER, write_workbook

OK_ROW = ["0114", "Upplands Väsby", "Ja", "Mycket bra", 1, 0, 3, "Text"]


def answers(*rows: list, header: list | None = None, sheet: str = "Svar"):
    """A builder writing svar/svar.xlsx with `rows` under the header."""

    def build(svar: Path) -> None:
        write_workbook(svar / "svar.xlsx", header or TINY_HEADER, list(rows), sheet=sheet)

    return build


def row(**changes) -> list:
    """OK_ROW with some columns changed, by header name."""
    values = dict(zip(TINY_HEADER, OK_ROW, strict=True)) | changes
    return [values[h] for h in TINY_HEADER]


def raw_file(name: str, data: bytes):
    def build(svar: Path) -> None:
        (svar / name).write_bytes(data)

    return build


def valid_xlsx_bytes() -> bytes:
    buffer = io.BytesIO()
    workbook = Workbook()
    workbook.active.append(TINY_HEADER)
    workbook.save(buffer)
    return buffer.getvalue()


def zip_without_workbook() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hej.txt", "inte en arbetsbok")
    return buffer.getvalue()


def cell_as_text(value: str):
    """A workbook whose kommentar cell holds `value` as plain text, not as a formula."""

    def build(svar: Path) -> None:
        path = write_workbook(svar / "svar.xlsx", TINY_HEADER, [OK_ROW])
        from openpyxl import load_workbook

        workbook = load_workbook(path)
        cell = workbook["Svar"]["H2"]
        cell.value = value
        cell.data_type = "s"
        workbook.save(path)

    return build


def two_files(svar: Path) -> None:
    write_workbook(svar / "a.xlsx", TINY_HEADER, [OK_ROW])
    write_workbook(svar / "b.xlsx", TINY_HEADER, [row(Kommunkod=114, Kommun=None)])


def cp1252_csv(svar: Path) -> None:
    (svar / "svar.csv").write_bytes("Kommunkod,Kommun\n0114,Upplands Väsby\n".encode("cp1252"))


# (case, builder, file, row, column, fragment of the message)
CASES = [
    ("csv i svar", cp1252_csv, "svar.csv", None, None, "inte en Excel-fil (.xlsx) utan en CSV-fil"),
    (
        "gammal xls",
        raw_file("svar.xls", b"\xd0\xcf\x11\xe0gammalt"),
        "svar.xls",
        None,
        None,
        "gamla formatet .xls",
    ),
    ("tom fil", raw_file("svar.xlsx", b""), "svar.xlsx", None, None, "filen är tom"),
    (
        "csv med fel ändelse",
        raw_file("svar.xlsx", b"Kommunkod;Svar\n0114;Ja\n"),
        "svar.xlsx",
        None,
        None,
        "inte en Excel-fil (.xlsx)",
    ),
    (
        "avklippt xlsx",
        raw_file("svar.xlsx", valid_xlsx_bytes()[:300]),
        "svar.xlsx",
        None,
        None,
        "inte en Excel-fil (.xlsx)",
    ),
    ("zip utan arbetsbok", raw_file("svar.xlsx", zip_without_workbook()), "svar.xlsx", None, None, "skadad"),
    ("tomt blad", answers(header=[None]), "svar.xlsx", 1, None, "bladet är tomt"),
    (
        "kommunkolumn saknas",
        answers(OK_ROW[2:], header=TINY_HEADER[2:]),
        "svar.xlsx",
        1,
        "Kommunkod",
        "kolumnen Kommunkod eller Kommun saknas",
    ),
    (
        "frågekolumn saknas",
        answers(OK_ROW[:6], header=TINY_HEADER[:6]),
        "svar.xlsx",
        1,
        "platser",
        "kolumnen 'platser' saknas",
    ),
    (
        "felstavad kolumn",
        answers(OK_ROW, header=[*TINY_HEADER[:2], "overenskomelse", *TINY_HEADER[3:]]),
        "svar.xlsx",
        1,
        "overenskomelse",
        "Menade du 'overenskommelse'?",
    ),
    (
        "dubbel kolumn",
        answers([*OK_ROW, "Ja"], header=[*TINY_HEADER, "OVERENSKOMMELSE"]),
        "svar.xlsx",
        1,
        "OVERENSKOMMELSE",
        "förekommer två gånger",
    ),
    (
        "okänd kommunkod",
        answers(row(Kommunkod="9999", Kommun=None)),
        "svar.xlsx",
        2,
        "Kommunkod",
        "okänd kommunkod '9999'",
    ),
    (
        "kod som inte kan fyllas ut",
        answers(row(Kommunkod=1, Kommun=None)),
        "svar.xlsx",
        2,
        "Kommunkod",
        "okänd kommunkod 1",
    ),
    (
        "felstavat kommunnamn",
        answers(row(Kommunkod=None, Kommun="Upplands Vasby")),
        "svar.xlsx",
        2,
        "Kommun",
        "Menade du 'Upplands Väsby'?",
    ),
    (
        "kod och namn stämmer inte",
        answers(row(Kommun="Vallentuna")),
        "svar.xlsx",
        2,
        "Kommun",
        "kommunkoden 0114 är Upplands Väsby, men kolumnen 'Kommun' anger 'Vallentuna' (0115)",
    ),
    (
        "fel län",
        answers([*OK_ROW, "Uppsala län"], header=[*TINY_HEADER, "Län"]),
        "svar.xlsx",
        2,
        "Län",
        "kommunen Upplands Väsby ligger i Stockholms län, inte i Uppsala län",
    ),
    (
        "okänt län",
        answers([*OK_ROW, "99"], header=[*TINY_HEADER, "Länskod"]),
        "svar.xlsx",
        2,
        "Länskod",
        "okänt län '99'",
    ),
    (
        "samma kommun två gånger",
        answers(OK_ROW, row(Kommunkod=None)),
        "svar.xlsx",
        3,
        "Kommunkod",
        "(0114) förekommer två gånger: också på rad 2.",
    ),
    ("samma kommun i två filer", two_files, "b.xlsx", 2, "Kommunkod", "a.xlsx, blad 'Svar', rad 2"),
    (
        "svar utanför skalan",
        answers(row(samverkan_af="Bra")),
        "svar.xlsx",
        2,
        "samverkan_af",
        "'Bra' är inget tillåtet svar på frågan 'samverkan_af'. "
        "Tillåtna svar: Mycket bra, Ganska bra, Ganska dåligt",
    ),
    (
        "sant i ja/nej",
        answers(row(overenskommelse=True)),
        "svar.xlsx",
        2,
        "overenskommelse",
        "SANT är inget tillåtet svar på frågan 'overenskommelse'. Tillåtna svar: Ja, Nej",
    ),
    (
        "flerval 2",
        answers(row(hinder_storlek=2)),
        "svar.xlsx",
        2,
        "hinder_storlek",
        "skriv 1 (alternativet valt)",
    ),
    ("flerval x", answers(row(hinder_bostadsbrist="x")), "svar.xlsx", 2, "hinder_bostadsbrist", "eller 0"),
    (
        "negativt antal",
        answers(row(platser=-3)),
        "svar.xlsx",
        2,
        "platser",
        "antalet -3 kan inte vara negativt",
    ),
    ("decimalantal", answers(row(platser="3,5")), "svar.xlsx", 2, "platser", "ska vara ett heltal"),
    ("jättestort antal", answers(row(platser=10**15)), "svar.xlsx", 2, "platser", "orimligt stort"),
    ("formel", answers(row(platser="=2+1")), "svar.xlsx", 2, "platser", "cellen innehåller en formel"),
    (
        "text som ser ut som formel",
        cell_as_text('=HYPERLINK("http://x")'),
        "svar.xlsx",
        2,
        "kommentar",
        "text som börjar med '=' och läses som en formel",
    ),
    ("Excel-fel", answers(row(platser="#N/A")), "svar.xlsx", 2, "platser", "Excel-fel (#N/A)"),
    (
        "svar utan kommun",
        answers(row(Kommunkod=None, Kommun=None)),
        "svar.xlsx",
        2,
        "Kommunkod",
        "raden har svar men ingen kommun",
    ),
    ("värde utan rubrik", answers([*OK_ROW, None, "hemligt"]), "svar.xlsx", 2, "J", "ingen rubrik på rad 1"),
    (
        "bara ett blad Om filen",
        answers(header=["Uppgift", "Värde"], sheet="Om filen"),
        "svar.xlsx",
        None,
        None,
        "saknar ett blad med svar",
    ),
]


def digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()}


@pytest.mark.parametrize(
    ("case", "build", "file", "row_", "column", "fragment"), CASES, ids=[c[0] for c in CASES]
)
def test_hostile_answer_file(tiny_year, case, build, file, row_, column, fragment):
    svar = tiny_year / "svar"
    build(svar)
    before = digests(svar)

    with pytest.raises(InputError) as caught:
        load_survey(2013, tiny_year.parent)
    error = caught.value
    assert Path(error.file).name == file
    assert (error.row, error.column) == (row_, column)
    assert fragment in error.message
    assert file in str(error)
    if row_ is not None:
        assert f"rad {row_}" in str(error)
    if column is not None:
        assert f"kolumn {column!r}" in str(error)
        assert error.sheet in ("Svar", "Om filen")

    collected = validate_year(2013, tiny_year.parent)
    assert collected[0].message == error.message
    assert digests(svar) == before


def test_at_least_fifteen_hostile_cases():
    assert len(CASES) >= 15
