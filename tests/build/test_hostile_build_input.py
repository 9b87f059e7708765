"""Hostile and careless inputs through the real command, `python -m metabok build`, on a copy of data/.

Each case damages one input (an answer file, the codebook, a län's text, a raw public file) and
runs the build in a subprocess. Every case must: exit non-zero; stop at validation, before any
chapter runs ('Fel i indata', 'Ingenting byggdes'); name the file, and the row and column where
they apply, in a Swedish message; print no Python traceback; and leave the last good site
byte-identical. (The loader-level cases on a tiny codebook are in test_hostile_survey_input.py.)
"""

from __future__ import annotations

import io
import shutil
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.utils import get_column_letter

from helpers import isolated_env, run_metabok, site_digest

UPPSALA = "03_uppsala_lan_exempeldata.xlsx"
STOCKHOLM = "01_stockholms_lan_exempeldata.xlsx"
RECEIVED = "Kommunmottagna_enligt_ersattningsforordningen_2018.csv"
KOMMUNTAL = "Anvisningar_enligt_kommuntalen_2018.csv"
POPULATION = "be0101_folkmangdkom_1950-2019.xlsx"
ANSWERS_2013 = ("enkat", "2013", "svar")


# --- helpers that damage the copy of data/ -----------------------------------------------------


def answers(data: Path, name: str = UPPSALA, year: int = 2013) -> Path:
    return data / "enkat" / str(year) / "svar" / name


def edit_sheet(path: Path, change: Callable) -> None:
    """Open an answer file, let `change` edit its sheet 'Svar', save it."""
    workbook = load_workbook(path)
    change(workbook["Svar"])
    workbook.save(path)


def set_cell(coordinate: str, value, name: str = UPPSALA, year: int = 2013):
    def damage(data: Path) -> None:
        def change(sheet) -> None:
            sheet[coordinate] = value

        edit_sheet(answers(data, name, year), change)

    return damage


def header_column(path: Path, header: str) -> str:
    sheet = load_workbook(path, read_only=True)["Svar"]
    row = next(sheet.iter_rows(min_row=1, max_row=1, values_only=True))
    return get_column_letter(list(row).index(header) + 1)


def set_answer(header: str, value, row: int = 2, name: str = UPPSALA, year: int = 2013):
    def damage(data: Path) -> None:
        path = answers(data, name, year)
        column = header_column(path, header)
        set_cell(f"{column}{row}", value, name, year)(data)

    return damage


def write_file(relative: str, content: bytes):
    def damage(data: Path) -> None:
        (data / relative).parent.mkdir(parents=True, exist_ok=True)
        (data / relative).write_bytes(content)

    return damage


def truncate(relative: str, size: int):
    def damage(data: Path) -> None:
        path = data / relative
        path.write_bytes(path.read_bytes()[:size])

    return damage


def replace_text(relative: str, old: str, new: str, encoding: str = "utf-8"):
    def damage(data: Path) -> None:
        path = data / relative
        text = path.read_bytes().decode("utf-8-sig")
        assert old in text, f"{old!r} finns inte i {relative}"
        path.write_bytes(text.replace(old, new, 1).encode(encoding))

    return damage


def reencode(relative: str, encoding: str):
    def damage(data: Path) -> None:
        path = data / relative
        path.write_bytes(path.read_bytes().decode("utf-8-sig").encode(encoding))

    return damage


def remove_line(relative: str, starting: str):
    def damage(data: Path) -> None:
        path = data / relative
        lines = path.read_bytes().decode("utf-8-sig").splitlines(keepends=True)
        kept = [line for line in lines if not line.startswith(starting)]
        assert len(kept) == len(lines) - 1
        path.write_text("".join(kept), encoding="utf-8")

    return damage


def empty_workbook(data: Path) -> None:
    workbook = Workbook()
    workbook.active.title = "Svar"
    workbook.save(answers(data, "extra.xlsx"))


def header_only_everywhere(data: Path) -> None:
    for path in sorted((data.joinpath(*ANSWERS_2013)).glob("*.xlsx")):
        edit_sheet(path, lambda sheet: sheet.delete_rows(2, sheet.max_row))


def header_only_in_one_file(data: Path) -> None:
    edit_sheet(answers(data), lambda sheet: sheet.delete_rows(2, sheet.max_row))


def title_row_above_header(data: Path) -> None:
    def change(sheet) -> None:
        sheet.insert_rows(1)
        sheet["A1"] = "META 2013 – svar från kommunerna i Uppsala län"

    edit_sheet(answers(data), change)


def merged_header(data: Path) -> None:
    edit_sheet(answers(data), lambda sheet: sheet.merge_cells("A1:B1"))


def duplicate_across_files(data: Path) -> None:
    """Håbo's row from the Uppsala file copied to the end of the Stockholm file."""
    uppsala = next(
        load_workbook(answers(data), read_only=True)["Svar"].iter_rows(min_row=2, values_only=True)
    )
    edit_sheet(answers(data, STOCKHOLM), lambda sheet: sheet.append(list(uppsala)))


ANTAL_QUESTION = """
  - id: antal_platser
    avsnitt: Mottagande av nyanlända och ensamkommande barn
    text: Hur många platser för nyanlända hade kommunen 2013?
    typ: antal
"""


def antal_answer(value):
    """A question of type antal added to the codebook, an empty column for it in every answer
    file, and `value` as Håbo's answer (Uppsala file, row 2)."""

    def damage(data: Path) -> None:
        codebook = data / "enkat" / "2013" / "kodbok.yml"
        codebook.write_text(codebook.read_text(encoding="utf-8") + ANTAL_QUESTION, encoding="utf-8")
        for path in sorted(data.joinpath(*ANSWERS_2013).glob("*.xlsx")):

            def change(sheet, path=path) -> None:
                sheet.cell(1, sheet.max_column + 1, "antal_platser")
                if path.name == UPPSALA:
                    sheet.cell(2, sheet.max_column, value)

            edit_sheet(path, change)

    return damage


def set_population(kommun: str, year: int, value):
    """A kommun's population one year set to `value` in SCB's workbook (sheet 'Tabell')."""

    def damage(data: Path) -> None:
        path = data / RAW_POPULATION
        workbook = load_workbook(path)
        sheet = workbook["Tabell"]
        header = next(r for r in sheet.iter_rows() if r[0].value == "Kommun")
        column = next(c.column for c in header if c.value == year)
        row = next(r for r in sheet.iter_rows() if r[0].value == kommun)
        sheet.cell(row[0].row, column, value)
        workbook.save(path)

    return damage


def garbage_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("inte_en_arbetsbok.txt", "hej")
    return buffer.getvalue()


CODEBOOK = "enkat/2013/kodbok.yml"
NARRATIVE = "enkat/2013/berattelse/03.md"
GOOD_NARRATIVE = "## Sammanfattning\n\n**Bosättning**\nKommunerna i länet tar emot fler än förra året.\n"
RAW_RECEIVED = f"raw/migrationsverket-2018/{RECEIVED}"
RAW_KOMMUNTAL = f"raw/migrationsverket-2018/{KOMMUNTAL}"
RAW_POPULATION = f"raw/befolkning-scb-1950-2019/{POPULATION}"
RAW_TOTALS = "raw/flyktingar-kolada-2010-2016-jensfinnas/migrationsverket-mottagna-2015-2016.csv"


@dataclass
class Case:
    id: str
    damage: Callable[[Path], None]
    file: str  # the file the message must name
    fragments: tuple[str, ...]  # parts of the message: what is wrong, rad …, kolumn …
    year: int = 2013


CASES = [
    # --- answer files ----------------------------------------------------------------------
    Case(
        "avklippt xlsx",
        truncate("enkat/2013/svar/" + UPPSALA, 2000),
        UPPSALA,
        ("inte en Excel-fil (.xlsx)",),
    ),
    Case(
        "xls i svar",
        write_file("enkat/2013/svar/gammal.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512),
        "gammal.xls",
        ("gamla formatet .xls", "spara den som 'Excel-arbetsbok (*.xlsx)'"),
    ),
    Case(
        "csv i svar",
        write_file("enkat/2013/svar/svar.csv", "Kommunkod;Kommun\n0305;Håbo\n".encode()),
        "svar.csv",
        ("inte en Excel-fil (.xlsx) utan en CSV-fil",),
    ),
    Case("tom fil", write_file("enkat/2013/svar/tom.xlsx", b""), "tom.xlsx", ("filen är tom (0 byte)",)),
    Case(
        "zip som inte är en arbetsbok",
        write_file("enkat/2013/svar/packad.xlsx", garbage_zip()),
        "packad.xlsx",
        ("verkar vara skadad",),
    ),
    Case("arbetsbok utan rader", empty_workbook, "extra.xlsx", ("bladet är tomt", "rad 1")),
    Case(
        "bara rubrikrad i alla filer",
        header_only_everywhere,
        "svar",
        ("inga svar",),
    ),
    Case(
        "bara rubrikrad i en fil",
        header_only_in_one_file,
        UPPSALA,
        ("inga svar",),
    ),
    Case(
        "rubriken på rad 2",
        title_row_above_header,
        UPPSALA,
        ("rad 1", "okänd kolumn 'META 2013 – svar från kommunerna i Uppsala län'"),
    ),
    Case(
        "sammanslagna rubrikceller",
        merged_header,
        UPPSALA,
        ("rad 2", "kolumn 'B'", "har värden men ingen rubrik på rad 1"),
    ),
    Case(
        "dubbel rubrik",
        set_cell("D1", "kommun"),
        UPPSALA,
        ("rad 1", "kolumn 'kommun'", "förekommer två gånger"),
    ),
    Case(
        "kommunkod som text",
        set_cell("A2", "abc"),
        UPPSALA,
        ("rad 2", "kolumn 'Kommunkod'", "okänd kommunkod 'abc'"),
    ),
    Case(
        "kommunkod som inte finns",
        set_cell("A2", "0199"),
        UPPSALA,
        ("rad 2", "kolumn 'Kommunkod'", "okänd kommunkod '0199'"),
    ),
    Case(
        "felstavat kommunnamn",
        set_cell("B2", "Håbå"),
        UPPSALA,
        ("rad 2", "kolumn 'Kommun'", "okänt kommunnamn 'Håbå'", "Menade du 'Håbo'?"),
    ),
    Case(
        "fel län",
        set_cell("C2", "Stockholms län"),
        UPPSALA,
        ("rad 2", "kolumn 'Län'", "Håbo ligger i Uppsala län, inte i Stockholms län"),
    ),
    Case(
        "svar utan kommun",
        lambda data: (set_cell("A2", None)(data), set_cell("B2", None)(data)),
        UPPSALA,
        ("rad 2", "raden har svar men ingen kommun"),
    ),
    Case(
        "samma kommun i två filer",
        duplicate_across_files,
        UPPSALA,
        ("rad 2", "kolumn 'Kommunkod'", "förekommer två gånger", STOCKHOLM),
    ),
    Case(
        "svar utanför skalan",
        set_answer("overenskommelse_nyanlanda", "Kanske"),
        UPPSALA,
        ("rad 2", "kolumn 'overenskommelse_nyanlanda'", "'Kanske' är inget tillåtet svar", "Ja, Nej"),
    ),
    Case(
        "tal där en etikett väntas",
        set_answer("ansvar_sfi", 3),
        UPPSALA,
        ("rad 2", "kolumn 'ansvar_sfi'", "3 är inget tillåtet svar"),
    ),
    Case(
        "formel i svarscell",
        set_answer("overenskommelse_nyanlanda", '=IF(1,"Ja","Nej")'),
        UPPSALA,
        ("rad 2", "kolumn 'overenskommelse_nyanlanda'", "cellen innehåller en formel"),
    ),
    Case(
        "flerval 2",
        set_answer("mottagande_grupper_anvisade_vuxna", 2),
        UPPSALA,
        ("rad 2", "kolumn 'mottagande_grupper_anvisade_vuxna'", "skriv 1 (alternativet valt) eller 0"),
    ),
    Case(
        "negativt antal",
        antal_answer(-3),
        UPPSALA,
        ("rad 2", "kolumn 'antal_platser'", "antalet -3 kan inte vara negativt"),
    ),
    Case(
        "decimalantal",
        antal_answer(3.5),
        UPPSALA,
        ("rad 2", "kolumn 'antal_platser'", "antalet 3.5 ska vara ett heltal"),
    ),
    Case(
        "antal som text",
        antal_answer("många"),
        UPPSALA,
        ("rad 2", "kolumn 'antal_platser'", "antalet 'många' ska vara ett heltal"),
    ),
    Case(
        "2021: svar utanför skalan",
        set_answer("bk_forandrat_mottagande", "Instämmer", year=2021, name=UPPSALA),
        UPPSALA,
        ("rad 2", "kolumn 'bk_forandrat_mottagande'", "'Instämmer' är inget tillåtet svar"),
        year=2021,
    ),
    # --- the codebook ------------------------------------------------------------------------
    Case(
        "kodbok: YAML-fel",
        replace_text(CODEBOOK, "typ: ja_nej\n", "typ: [ja_nej\n"),
        "kodbok.yml",
        ("rad 180", "inte giltig YAML"),
    ),
    Case(
        "kodbok: okänd typ",
        replace_text(CODEBOOK, "typ: ja_nej", "typ: text"),
        "kodbok.yml",
        ("rad 179", "okänd typ 'text'", "Menade du 'fritext'?"),
    ),
    Case(
        "kodbok: dubbelt id",
        replace_text(CODEBOOK, "id: overenskommelse_ensamkommande", "id: overenskommelse_nyanlanda"),
        "kodbok.yml",
        ("rad 180", "frågan 'overenskommelse_nyanlanda' förekommer två gånger (också på rad 174)"),
    ),
    Case(
        "kodbok: skala saknas",
        replace_text(CODEBOOK, "    typ: skala\n    skala: utstrackning\n", "    typ: skala\n"),
        "kodbok.yml",
        ("rad 207", "frågan 'lokal_overenskommelse_samordning': nyckeln 'skala' saknas"),
    ),
    Case(
        "kodbok: odefinierad grupp",
        replace_text(CODEBOOK, "{etikett: Mycket bra, grupp: bra}", "{etikett: Mycket bra, grupp: super}"),
        "kodbok.yml",
        ("rad 18", "'Mycket bra' hör till gruppen 'super', som inte finns under 'grupper'"),
    ),
    Case(
        "kodbok: tomma frågor",
        lambda data: (data / CODEBOOK).write_text(
            (data / CODEBOOK).read_text(encoding="utf-8").split("\nfragor:")[0] + "\nfragor: []\n",
            encoding="utf-8",
        ),
        "kodbok.yml",
        ("rad 172", "kodboken har inga frågor"),
    ),
    Case(
        "kodbok: fel år",
        replace_text(CODEBOOK, "ar: 2013", "ar: 2012"),
        "kodbok.yml",
        ("kodboken gäller år 2012, men ligger i mappen för år 2013",),
    ),
    # --- the län's text ----------------------------------------------------------------------
    Case(
        "berättelse i Windows-1252",
        write_file(
            NARRATIVE, GOOD_NARRATIVE.replace("fler", "fler än i år, även i Östhammar").encode("cp1252")
        ),
        "03.md",
        ("rad 3", "inte sparad som UTF-8"),
    ),
    Case(
        "berättelse: okänd rubrik",
        write_file(NARRATIVE, GOOD_NARRATIVE.replace("Sammanfattning", "Sammanfatning").encode()),
        "03.md",
        ("rad 1", "okänd rubrik ## 'Sammanfatning'", "Menade du 'Sammanfattning'?"),
    ),
    Case(
        "berättelse: fet rubrik utan text",
        write_file(NARRATIVE, (GOOD_NARRATIVE + "\n**Arbete**\n").encode()),
        "03.md",
        ("rad 6", "temat 'Arbete' saknar text"),
    ),
    Case(
        "berättelse: rubrik på nivå 3",
        write_file(NARRATIVE, (GOOD_NARRATIVE + "\n### Arbete\n\nText.\n").encode()),
        "03.md",
        ("rad 6", "okänd rubrik ### 'Arbete'"),
    ),
    Case(
        "berättelse: text utan tema",
        write_file(NARRATIVE, "## Utvecklingsområden\n\nBara text utan fet rubrik.\n".encode()),
        "03.md",
        ("rad 3", "ska börja med ett tema"),
    ),
    Case(
        "berättelse: filen heter 1.md",
        write_file("enkat/2013/berattelse/1.md", GOOD_NARRATIVE.encode()),
        "1.md",
        ("okänt filnamn", "01.md"),
    ),
    Case(
        "berättelse: filen heter 99.md",
        write_file("enkat/2013/berattelse/99.md", GOOD_NARRATIVE.encode()),
        "99.md",
        ("okänt filnamn",),
    ),
    # --- raw public files --------------------------------------------------------------------
    Case(
        "Migrationsverket: delsumma fel med ett",
        replace_text(
            RAW_RECEIVED,
            "BLEKINGE LÄN;;Delsumma;28;;92;34;167;18;76;46;429;;792;98",
            "BLEKINGE LÄN;;Delsumma;28;;92;34;167;18;76;46;429;;793;98",
        ),
        RECEIVED,
        ("rad 15", "kolumn 'N (Totalt)'", "delsumman är 793, länets kommuner summerar till 792"),
    ),
    Case(
        "Migrationsverket: kommunrad borttagen",
        remove_line(RAW_RECEIVED, ";;KARLSKRONA;"),
        RECEIVED,
        (
            "rad 14",
            "kolumn 'D (Kvotflykting (Kategori 1))'",
            "delsumman är 28, länets kommuner summerar till 12",
        ),
    ),
    Case(
        "Migrationsverket: omkodad till Windows-1252",
        reencode(RAW_RECEIVED, "cp1252"),
        RECEIVED,
        ("rad 2", "inte UTF-8-kodad"),
    ),
    Case(
        "kommuntal: text i stället för tal",
        replace_text(
            RAW_KOMMUNTAL, "BLEKINGE LÄN,KARLSHAMN,10,1082,10,10", "BLEKINGE LÄN,KARLSHAMN,10,1082,tio,10"
        ),
        KOMMUNTAL,
        ("rad 3", "kolumn 'Tal'"),
    ),
    Case(
        "SCB:s folkmängd ersatt med skräp",
        write_file(RAW_POPULATION, b"det h\xe4r \xe4r ingen arbetsbok\n" * 10),
        POPULATION,
        ("kan inte öppnas som Excel-arbetsbok",),
    ),
    Case(
        "SCB:s folkmängd avklippt",
        truncate(RAW_POPULATION, 50_000),
        POPULATION,
        ("kan inte öppnas som Excel-arbetsbok",),
    ),
    Case(
        "kommungränser avklippta",
        truncate("raw/geo-kommun-lan-scb/swe-maps-kommun.geojson", 1000),
        "swe-maps-kommun.geojson",
        ("kan inte läsas som GeoJSON",),
    ),
    Case(
        "kommungräns med okänd kod",
        replace_text("raw/geo-kommun-lan-scb/swe-maps-kommun.geojson", '"KnKod": "0114"', '"KnKod": "0199"'),
        "swe-maps-kommun.geojson",
        ("kolumn 'KnKod'", "'0199' är ingen känd kod"),
    ),
    Case(
        "SCB:s folkmängd negativ",
        set_population("Ale", 2018, -5),
        POPULATION,
        ("blad 'Tabell'", "rad 7", "kolumn '2018'", "folkmängden -5 är inte ett heltal ≥ 0"),
    ),
    Case(
        "mottagna 2015–2016: text i stället för tal",
        replace_text(RAW_TOTALS, "ALE,119,69", "ALE,119,sextionio"),
        "migrationsverket-mottagna-2015-2016.csv",
        ("rad 2", "kolumn '2015'", "'sextionio' är inte ett antal"),
    ),
    Case(
        "kommunlistan saknar en kolumn",
        replace_text("raw/kommuner-lan/municipality_county.csv", "municipality_name_short,", "kortnamn,"),
        "municipality_county.csv",
        ("municipality_name_short",),
    ),
]


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    """A copy of data/ and notebooks/ with its own build folder, and a good site built from it."""
    root = tmp_path_factory.mktemp("fientlig")
    env = isolated_env(root, notebooks=True)
    shutil.copytree(root / "data", root / "original")
    good = run_metabok(env, "build", "--quiet", "--year", "2013", "--county", "03", "--no-pdf")
    assert good.returncode == 0, good.stdout + good.stderr
    return root, env


@pytest.fixture
def data(workspace):
    """A fresh, undamaged copy of data/ for each case."""
    root, _ = workspace
    shutil.rmtree(root / "data")
    shutil.copytree(root / "original", root / "data")
    yield root / "data"
    shutil.rmtree(root / "data")
    shutil.copytree(root / "original", root / "data")


@pytest.mark.parametrize(
    "case",
    CASES,
    ids=[c.id for c in CASES],
)
def test_hostile_input_stops_the_build_with_a_clear_message(workspace, data, case):
    root, env = workspace
    site = root / "_build" / "html"
    before = site_digest(site)
    case.damage(data)

    result = run_metabok(env, "build", "--quiet", "--year", str(case.year), "--county", "03")
    output = result.stdout + result.stderr

    assert result.returncode != 0, output
    assert "Traceback" not in output
    assert "Fel i indata" in result.stderr, output  # stopped at validation: nothing was executed
    assert "Ingenting byggdes; den senast byggda webbplatsen är orörd." in result.stderr
    assert "Oväntat fel" not in output
    problem = [line for line in result.stderr.splitlines() if case.file in line]
    assert problem, f"felmeddelandet nämner inte {case.file}:\n{output}"
    for fragment in case.fragments:
        assert any(fragment in line for line in problem), f"{fragment!r} saknas i:\n{output}"
    assert site_digest(site) == before


def test_the_corpus_is_large_enough():
    assert len(CASES) >= 25
