"""More hostile and careless inputs (issue 14), through the real commands on a copy of data/.

1. One chapter (META 2013, Uppsala län, --jobs 1) is built from a copy of data/ in which every
   text field of the codebook, a comment column of the answers and the län's narrative carry
   seeded random strings from a hostile alphabet (markup, MyST and Sphinx syntax, '<!--',
   '</script>', U+2028, NUL, bidi controls, look-alikes, formula prefixes). The build must
   succeed and the page, its chart scripts and its downloads must be inert (property test; one
   check in Chromium: no dialog, no script error, every chart drawn).
2. That site is the last good site for the rest. The damage cases are run in groups: each group
   damages a fresh copy of the hostile data (one file per case), then runs `validate` and
   `build` once. Every case asserts its own Swedish message, naming file, row and column where
   they apply, in both outputs (validate is the whole truth: the build says the same); every
   run exits non-zero, prints no traceback and no 'Oväntat fel', and leaves _build/html
   byte-identical. A few cases are inputs that must be accepted (NFD names, a sheet with a
   million-row used range) and assert that no message names them.
3. A file-size limit (EFBIG) while the build writes _build/ is named in Swedish, the last good
   site and the cache entry stay as they were.
"""

from __future__ import annotations

import json
import random
import re
import resource
import shutil
import signal
import subprocess
import sys
import unicodedata
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from openpyxl import load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from metabok import config
from metabok.page import CHART_SCRIPT
from metabok.survey.codebook import normalise_text
from metabok.survey.workbook import Workbook

from helpers import isolated_env, run_metabok, serve, site_digest, stretch_workbook

SEED = 14
PAGE = "book/kapitel/meta/2013/03-uppsala.html"
DOWNLOADS = "data/meta/2013/03-uppsala"
SVAR = "enkat/2013/svar"
CODEBOOK_2013 = "enkat/2013/kodbok.yml"
CODEBOOK_2021 = "enkat/2021/kodbok.yml"
UPPSALA = f"{SVAR}/03_uppsala_lan_exempeldata.xlsx"
KOMMUNER = "raw/kommuner-lan/municipality_county.csv"
LAN = "raw/kommuner-lan/counties.csv"
GOOD_EXAMPLES = "referens/goda_exempel_2014.csv"

# --- the hostile alphabet -------------------------------------------------------------------

HOSTILE_TOKENS = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(2)>",
    "<!--",
    "-->",
    "</script>",
    "<svg onload=alert(3)>",
    '<a href="javascript:alert(4)">a</a>',
    "[länk](javascript:alert(5))",
    ":::{warning}",
    ":::",
    "```{raw} html",
    "```",
    "{math}`x^2`",
    "{{ ersattning }}",
    "(mål)=",
    "% kommentar",
    "+++",
    "$x$",
    "|ersatt|",
    ".. raw:: html",
    "**fet**",
    "_kursiv_",
    "# rubrik",
    "> citat",
    "1. lista",
    "&lt;b&gt;",
    "&#60;i&#62;",
    "\\",
    "\u2028",
    "\u2029",
    "\x0c",
    "\x00",
    "\x1b[31m",
    "\u202e",
    "\u2066",
    "\u200b",
    "\u0430",  # CYRILLIC SMALL LETTER A
    "\u039f",  # GREEK CAPITAL LETTER OMICRON
    "=SUMMA(A1)",
    "+1+1",
    "-2+3",
    "@SUM(A1)",
    "\t=1",
)
LIVE_MARKERS = ("alert(",)


def hostile(rng: random.Random, marker: str, *, yaml_safe: bool = False, excel_safe: bool = False) -> str:
    """'<marker> ' and four random tokens; without what the format cannot hold at all."""
    tokens = [rng.choice(HOSTILE_TOKENS) for _ in range(4)]
    text = f"{marker} " + " ".join(tokens)
    if yaml_safe:  # YAML holds no C0 control characters but tab and newline
        text = "".join(c for c in text if c in "\t\n" or unicodedata.category(c) != "Cc")
    if excel_safe:
        text = ILLEGAL_CHARACTERS_RE.sub("", text)
    return text


@dataclass
class HostileData:
    markers: list[str] = field(default_factory=list)  # every marker that must be on the page
    formula_texts: list[str] = field(default_factory=list)  # answers that start like a formula


def make_hostile(data: Path) -> HostileData:
    """Every text field of the 2013 codebook, a new comment question in the answers and
    Uppsala's narrative get hostile strings; the answer files follow the new labels."""
    rng = random.Random(SEED)
    found = HostileData()
    counter = iter(range(10_000))

    def text(shown: bool = True, **kwargs) -> str:
        marker = f"zq{next(counter)}x"
        if shown:
            found.markers.append(marker)
        return hostile(rng, marker, **kwargs)

    path = data / CODEBOOK_2013
    book = yaml.safe_load(path.read_text(encoding="utf-8"))
    book["enkat"] = text(yaml_safe=True)
    book["beskrivning"] = text(yaml_safe=True)
    book["grupper"] = {key: text(False, yaml_safe=True) for key in book["grupper"]}
    for matrix in book.get("matriser", []):
        matrix["text"] = text(False, yaml_safe=True)
    labels: dict[str, dict[str, str]] = {}  # scale -> old label (casefolded) -> new label
    for name, options in book["skalor"].items():
        labels[name] = {}
        for index, option in enumerate(options):
            option = {"etikett": option} if isinstance(option, str) else option
            new = text(False, yaml_safe=True)
            labels[name][normalise_text(option["etikett"])] = new
            option["etikett"] = new
            options[index] = option
    scale_of: dict[str, str] = {}
    for question in book["fragor"]:
        question["avsnitt"] = text(False, yaml_safe=True)
        question["text"] = text(False, yaml_safe=True)
        if "delavsnitt" in question:
            question["delavsnitt"] = text(False, yaml_safe=True)
        if "kort" in question:
            question["kort"] = text(False, yaml_safe=True)
        for choice in question.get("alternativ", []):
            choice["etikett"] = text(False, yaml_safe=True)
        if question["typ"] == "skala":
            scale_of[question["id"]] = question["skala"]
    book["fragor"].append(
        {"id": "kommentar", "avsnitt": text(yaml_safe=True), "text": text(yaml_safe=True), "typ": "fritext"}
    )
    path.write_text(yaml.safe_dump(book, allow_unicode=True, sort_keys=False, width=10**6), encoding="utf-8")

    found.formula_texts = ["+SUMMA(A1) zqf1", "-1+2 zqf2", "@SUM(A2) zqf3"]
    for answers in sorted((data / SVAR).glob("*.xlsx")):
        workbook = load_workbook(answers)
        sheet = workbook["Svar"]
        header = [c.value for c in sheet[1]]
        for column, name in enumerate(header, start=1):
            if name in scale_of:
                for row in range(2, sheet.max_row + 1):
                    cell = sheet.cell(row, column)
                    if isinstance(cell.value, str):
                        cell.value = labels[scale_of[name]][normalise_text(cell.value)]
        comment_column = len(header) + 1
        sheet.cell(1, comment_column, "kommentar")
        if answers.name == Path(UPPSALA).name:
            comments = [text(excel_safe=True) for _ in range(3)] + found.formula_texts
            for row, comment in enumerate(comments, start=2):
                sheet.cell(row, comment_column, comment)
        workbook.save(answers)

    narrative = "\n".join(
        [
            text(),
            "",
            "## Sammanfattning",
            "",
            f"**{text().replace('*', '')}**",
            text(),
            text(),
            "",
            "## Utvecklingsområden",
            "",
            f"**{text().replace('*', '')}**",
            text(),
        ]
    )
    (data / "enkat" / "2013" / "berattelse" / "03.md").write_text(
        narrative.replace("\n\n\n", "\n\n"), encoding="utf-8"
    )
    # Stockholm's text cites counts through placeholders naming the real answer labels, which this
    # copy has replaced; it is not the text under test.
    (data / "enkat" / "2013" / "berattelse" / "01.md").unlink()
    return found


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    """The hostile copy of data/ (kept as hostile/) and the Uppsala 2013 chapter built from it."""
    root = tmp_path_factory.mktemp("fientlig2")
    env = isolated_env(root, notebooks=True)
    found = make_hostile(root / "data")
    shutil.copytree(root / "data", root / "hostile")
    result = run_metabok(
        env, "build", "--quiet", "--year", "2013", "--county", "03", "--jobs", "1", "--no-pdf"
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return root, env, found


# --- 1. the hostile strings are inert ----------------------------------------------------------


def page_soup(root: Path) -> BeautifulSoup:
    return BeautifulSoup((root / "_build" / "html" / PAGE).read_text(encoding="utf-8"), "html.parser")


def test_every_hostile_string_reaches_the_page_as_text(workspace):
    root, _, found = workspace
    soup = page_soup(root)
    text = soup.get_text(" ").casefold()
    missing = [m for m in found.markers if m not in text]
    assert missing == []


def test_no_markup_from_data_takes_effect(workspace):
    root, _, _ = workspace
    soup = page_soup(root)
    article = soup.find("article") or soup
    live = [
        f"<{tag.name} {name}>"
        for tag in article.find_all(True)
        for name in tag.attrs
        if name.casefold().startswith("on")
    ]
    assert live == []
    assert article.find_all(["iframe", "svg", "object", "embed"]) == []
    assert [i for i in article.find_all("img") if i.get("src") == "x"] == []
    assert [a for a in article.find_all("a") if "javascript:" in (a.get("href") or "")] == []
    assert [d for d in article.select(".admonition") if "zq" in d.get_text()] == []
    assert article.select(".math, mjx-container") == []


def test_chart_scripts_hold_data_only_as_json(workspace):
    root, _, _ = workspace
    soup = page_soup(root)
    loaded = [s["src"] for s in soup.find_all("script", src=True) if s["src"].endswith(f"/{CHART_SCRIPT}")]
    assert loaded == [f"../../../../{DOWNLOADS}/{CHART_SCRIPT}"]  # the page's one chart script
    chart_script = (root / "_build" / "html" / DOWNLOADS / CHART_SCRIPT).read_text(encoding="utf-8")
    calls = chart_script.splitlines()
    assert calls, "sidan har inga diagram"
    for call in calls:
        assert "<" not in call and "\u2028" not in call and "\u2029" not in call
        assert call.startswith('document.addEventListener("DOMContentLoaded",function(){metabokChart("#vis-')
        spec = call[call.index('",', call.index("metabokChart(")) + 2 :]
        decoder = json.JSONDecoder()
        value, end = decoder.raw_decode(spec)  # the spec is one JSON value, whole
        _, end = decoder.raw_decode(spec, end + 1)  # the options
        assert spec[end:] == ");});"  # and nothing follows but the call's end
        assert isinstance(value, dict) and "zq" in json.dumps(value, ensure_ascii=False)
    inline = [s.string or "" for s in soup.find_all("script") if not s.get("src")]
    assert [s for s in inline if "alert(" in s or "zq" in s or "metabokChart(" in s] == []


def test_downloads_neutralise_formula_prefixes(workspace):
    root, _, found = workspace
    folder = root / "_build" / "html" / DOWNLOADS
    texts = "".join(p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.csv")))
    for formula in found.formula_texts:
        assert f"'{formula}" in texts
        assert not re.search(rf"(^|,){re.escape(formula)}", texts, flags=re.M)
    for path in sorted(folder.glob("*.xlsx")):
        for sheet in load_workbook(path).worksheets:
            for row in sheet.iter_rows(values_only=True):
                for value in row:
                    assert not (
                        isinstance(value, str) and value.startswith(("=", "+", "-", "@")) and "zq" in value
                    )


def test_hostile_page_in_chromium_runs_nothing_from_data(workspace, browser):
    root, _, _ = workspace
    with serve(root / "_build" / "html") as url:
        context = browser.new_context(locale="sv-SE")
        page = context.new_page()
        dialogs: list[str] = []
        errors: list[str] = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(f"{url}/{PAGE}", wait_until="load")
        page.wait_for_function(
            "() => [...document.querySelectorAll('.metabok-drawing')].every(d => d.querySelector('svg'))",
            timeout=60_000,
        )
        charts = page.locator(".metabok-drawing").count()
        context.close()
    assert dialogs == []
    assert errors == []
    assert charts > 0


# --- 2. damaged inputs, in groups ---------------------------------------------------------------

PLACEHOLDER = 987654321


def answer_file(data: Path, prefix: str) -> Path:
    return next((data / SVAR).glob(f"{prefix}_*.xlsx"))


def set_cells(prefix: str, cells: dict[tuple[int, str], object]) -> Callable[[Path], None]:
    """Cells of one 2013 answer file set by (row, header)."""

    def damage(data: Path) -> None:
        path = answer_file(data, prefix)
        workbook = load_workbook(path)
        sheet = workbook["Svar"]
        header = [c.value for c in sheet[1]]
        for (row, name), value in cells.items():
            if row == 1:
                sheet.cell(1, header.index(name) + 1, value)
            else:
                sheet.cell(row, header.index(name) + 1, value)
        workbook.save(path)

    return damage


def raw_cell(prefix: str, header: str, xml: str) -> Callable[[Path], None]:
    """Row 2's cell under `header` written as `xml` (type attribute and value) in the sheet XML:
    what Excel never writes, but a damaged or hand-made file can hold."""

    def damage(data: Path) -> None:
        path = answer_file(data, prefix)
        set_cells(prefix, {(2, header): PLACEHOLDER})(data)
        patch_sheet(path, lambda text: re.sub(rf'(?: t="n")?><v>{PLACEHOLDER}</v>', xml, text, count=1))

    return damage


def patch_sheet(path: Path, change: Callable[[str], str]) -> None:
    with Workbook(path) as workbook:
        sheet = workbook.sheets["Svar"]
    with zipfile.ZipFile(path) as archive:
        members = {info.filename: archive.read(info) for info in archive.infolist()}
    before = members[sheet].decode("utf-8")
    after = change(before)
    assert after != before
    members[sheet] = after.encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)


def stretched(prefix: str, **kwargs) -> Callable[[Path], None]:
    return lambda data: stretch_workbook(answer_file(data, prefix), **kwargs)


def kommun_name(prefix: str, row: int, change: Callable[[str], str]) -> Callable[[Path], None]:
    def damage(data: Path) -> None:
        path = answer_file(data, prefix)
        workbook = load_workbook(path)
        sheet = workbook["Svar"]
        column = [c.value for c in sheet[1]].index("Kommun") + 1
        sheet.cell(row, column, change(sheet.cell(row, column).value))
        workbook.save(path)

    return damage


def write(relative: str, content: str | bytes) -> Callable[[Path], None]:
    def damage(data: Path) -> None:
        target = data / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)

    return damage


def edit(relative: str, change: Callable[[str], str]) -> Callable[[Path], None]:
    def damage(data: Path) -> None:
        path = data / relative
        before = path.read_text(encoding="utf-8")
        after = change(before)
        assert after != before, relative
        path.write_text(after, encoding="utf-8")

    return damage


def link(relative: str, target: Callable[[Path], Path]) -> Callable[[Path], None]:
    def damage(data: Path) -> None:
        path = data / relative
        destination = target(data)
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink(missing_ok=True)
        path.symlink_to(destination)

    return damage


def outside(name: str, content: str = "HEMLIG uppgift utanför data\n") -> Callable[[Path], Path]:
    def make(data: Path) -> Path:
        path = data.parent / "utanfor" / name
        path.parent.mkdir(exist_ok=True)
        if not path.exists():
            path.write_text(content, encoding="utf-8")
        return path

    return make


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def cyrillic_a(text: str) -> str:
    assert "a" in text, text
    return text.replace("a", "\u0430", 1)


ALIAS_BOMB = (
    "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
    + "".join(f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 10)}]\n" for i in range(7))
    + "fragor: [*h, *h, *h, *h, *h, *h, *h, *h, *h, *h]\n"
)
ALIASED_QUESTION = """\
  - &dubbel
    id: extra_fraga
    avsnitt: Extra
    text: En fråga som används tre gånger
    typ: ja_nej
    okand_nyckel: 1
  - *dubbel
  - *dubbel
"""
NARRATIVE_WITH_SEPARATORS = (
    "## Sammanfattning\n\n**Bosättning**\nEn rad\u2028med radavgränsare\u2029och\x0csidbrytning.\n\n"
    "## Sammanfatning\n"
)


def codebook_line(data: Path, relative: str, text: str) -> int:
    """The line (as a text editor counts) of `text` in a file."""
    content = (data / relative).read_text(encoding="utf-8")
    return content[: content.index(text)].count("\n") + 1


@dataclass
class Case:
    id: str
    group: str
    damage: Callable[[Path], None]
    file: str  # the file (or folder) the message names
    fragments: tuple[str, ...] = ()  # parts of one message line; () = the file must have no message
    row: Callable[[Path], int] | None = None  # the row, when it is computed from the damaged data


CASES = [
    # --- spreadsheets as Excel saves them ---------------------------------------------------------
    Case(
        "decimalkomma i en talcell",
        "svar",
        raw_cell("01", "mottagande_grupper_anvisade_vuxna", "><v>3,5</v>"),
        "01_stockholms",
        ("rad 2", "kolumn 'mottagande_grupper_anvisade_vuxna'", "'3,5'", "decimalkomma"),
    ),
    Case(
        "delad textrad som inte finns",
        "svar",
        raw_cell("04", "overenskommelse_nyanlanda", ' t="s"><v>99999</v>'),
        "04_sodermanlands",
        ("rad 2", "kolumn 'overenskommelse_nyanlanda'", "'99999'", "inte kan ha skrivit"),
    ),
    Case(
        "sanningsvärde 2",
        "svar",
        raw_cell("05", "mottagande_grupper_anvisade_vuxna", ' t="b"><v>2</v>'),
        "05_ostergotlands",
        ("rad 2", "kolumn 'mottagande_grupper_anvisade_vuxna'", "'2'", "inte kan ha skrivit"),
    ),
    Case(
        "värde i XFD1048576",
        "svar",
        stretched("06", stray_cell="XFD1048576"),
        "06_jonkopings",
        ("rad 1048576", "kolumn 'XFD'", "har värden men ingen rubrik på rad 1"),
    ),
    Case(
        "hundratusen formaterade tomma rader och formaterade hela kolumner godtas",
        "svar",
        stretched("07", empty_rows=100_000, whole_columns=True),
        "07_kronobergs",
    ),
    Case(
        "XML med DOCTYPE och entiteter",
        "svar",
        lambda data: patch_sheet(
            answer_file(data, "08"),
            lambda xml: xml.replace("<worksheet", '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]><worksheet', 1),
        ),
        "08_kalmar",
        ("verkar vara skadad",),
    ),
    # --- Unicode as other systems write it -------------------------------------------------------
    Case(
        "kommunnamn i NFD (macOS) godtas",
        "svar",
        kommun_name("03", 2, nfd),
        "03_uppsala",
    ),
    Case(
        "kyrilliskt a i ett kommunnamn",
        "svar",
        kommun_name("10", 3, cyrillic_a),
        "10_blekinge",
        ("rad 3", "kolumn 'Kommun'", "U+0430 CYRILLIC SMALL LETTER A"),
    ),
    Case(
        "bidi-tecken i ett kommunnamn",
        "svar",
        kommun_name("12", 3, lambda name: "\u202e" + name),
        "12_skane",
        ("rad 3", "kolumn 'Kommun'", "U+202E RIGHT-TO-LEFT OVERRIDE"),
    ),
    Case(
        "nollbreddsmellanslag i en rubrik",
        "svar",
        set_cells("13", {(1, "overenskommelse_nyanlanda"): "overenskommelse_nyanlanda\u200b"}),
        "13_hallands",
        ("rad 1", "U+200B ZERO WIDTH SPACE"),
    ),
    Case(
        "grekiskt O i ett svar",
        "svar",
        lambda data: _greek_answer(data),
        "14_vastra_gotalands",
        ("rad 2", "U+039F GREEK CAPITAL LETTER OMICRON"),
    ),
    Case(
        "berättelse: radavgränsare och sidbrytning ändrar inte radnumret",
        "svar",
        write("enkat/2013/berattelse/04.md", NARRATIVE_WITH_SEPARATORS),
        "04.md",
        ("rad 6", "okänd rubrik ## 'Sammanfatning'"),
    ),
    Case(
        "berättelse: kyrilliskt a i en rubrik",
        "svar",
        write("enkat/2013/berattelse/05.md", "## S\u0430mmanfattning\n\n**Tema**\nText.\n"),
        "05.md",
        ("rad 1", "U+0430 CYRILLIC SMALL LETTER A"),
    ),
    Case(
        "goda exempel: okänd kommun",
        "svar",
        # Row 2 in NFD is read (else its message would come first: the file stops at its first error).
        edit(
            GOOD_EXAMPLES,
            lambda text: text.replace("\nKungälv,1482,", "\nKungälw,1482,", 1).replace(
                "Svenljunga", nfd("Svenljunga"), 1
            ),
        ),
        "goda_exempel_2014.csv",
        ("rad 3", "kolumn 'kommun'", "'Kungälw' är inte namnet på en kommun", "Kungälv"),
    ),
    # --- expansion bombs ----------------------------------------------------------------------------
    Case(
        "kodbok: alias som växer till miljarder värden",
        "svar",
        write(CODEBOOK_2021, ALIAS_BOMB),
        "2021/kodbok.yml",
        ("alias (*namn) som byggs ut till mer än 100\u00a0000 värden",),
    ),
    Case(
        "kodbok: okänd typ med kyrilliskt a",
        "kodbok",
        edit(CODEBOOK_2013, lambda text: text.replace("typ: fritext", "typ: fritext\u0430", 1)),
        "2013/kodbok.yml",
        ("U+0430 CYRILLIC SMALL LETTER A",),
    ),
    Case(
        "kodbok: radavgränsare i en text ändrar inte radnumret",
        "kodbok",
        edit(
            CODEBOOK_2021,
            lambda text: text.replace(
                "beskrivning: >", 'beskrivning: "rad\u2028två\u2029tre"\nx_gammal: >', 1
            ).replace("typ: ja_nej", "typ: jaa_nej", 1),
        ),
        "2021/kodbok.yml",
        ("okänd typ 'jaa_nej'",),
        row=lambda data: codebook_line(data, CODEBOOK_2021, "typ: jaa_nej"),
    ),
    Case(
        "kodbok: ett fel i en fråga som används genom alias nämns en gång",
        "kodbok",
        edit(CODEBOOK_2021, lambda text: text.rstrip("\n") + "\n" + ALIASED_QUESTION),
        "2021/kodbok.yml",
        ("frågan 'extra_fraga': okänd nyckel 'okand_nyckel'",),
    ),
    # --- files that leave data/ ---------------------------------------------------------------------
    Case(
        "berättelse som länk ut ur data/",
        "länkar",
        link("enkat/2013/berattelse/06.md", outside("hemlig.md")),
        "berattelse/06.md",
        ("symbolisk länk", "utanför", "kopiera in filen"),
    ),
    Case(
        "svarsfil som länk ut ur data/",
        "länkar",
        link(
            f"{SVAR}/99_extra.xlsx", lambda data: answer_file(data, "09").rename(data.parent / "utanfor.xlsx")
        ),
        "99_extra.xlsx",
        ("symbolisk länk", "utanför"),
    ),
    Case(
        "referensmapp som länk ut ur data/",
        "länkar",
        link("referens", lambda data: shutil.copytree(data / "referens", data.parent / "referens-kopia")),
        "referens",
        ("mappen är en symbolisk länk", "utanför"),
    ),
    Case(
        "rådatafil som länk ut ur data/",
        "länkar",
        link(LAN, lambda data: Path(shutil.copy(data / LAN, data.parent / "lan.csv"))),
        "counties.csv",
        ("symbolisk länk", "utanför"),
    ),
    Case(
        "länk som pekar på ingenting",
        "länkar",
        link("enkat/2013/berattelse/07.md", lambda data: data.parent / "finns-inte.md"),
        "berattelse/07.md",
        ("pekar på något som inte finns",),
    ),
    Case(
        "länk inom data/ godtas",
        "länkar",
        link("enkat/2013/berattelse/08.md", lambda data: data / "enkat" / "2013" / "berattelse" / "03.md"),
        "berattelse/08.md",
    ),
    # --- validate is the whole truth ------------------------------------------------------------
    Case(
        "årsmapp med bokstaven O",
        "mappar",
        lambda data: shutil.copytree(data / "enkat" / "2021", data / "enkat" / "2O22"),
        "enkat/2O22",
        ("inte ett enkätår", "menade du 2022?"),
    ),
    Case(
        "årsmapp utan kodbok",
        "mappar",
        lambda data: (data / "enkat" / "2023" / "svar").mkdir(parents=True),
        "enkat/2023",
        ("saknar kodbok.yml", "new-year 2023"),
    ),
    Case(
        "kommunlistan: dubbel rad",
        "mappar",
        edit(KOMMUNER, lambda text: text.rstrip("\n") + "\n" + text.splitlines()[1] + "\n"),
        "municipality_county.csv",
        ("rad 292", "kolumn 'municipality_code'", "koden 0114 förekommer två gånger (också på rad 2)"),
    ),
    Case(
        "länslistan: Gotlands rad saknas",
        "mappar",
        edit(LAN, lambda text: re.sub(r"\n09,[^\n]*", "", text)),
        "municipality_county.csv",
        ("kolumn 'county_code'", "länskoden '09' finns inte i counties.csv"),
    ),
    Case(
        "kommunlistan: kod med bokstaven O",
        "mappar",
        edit(KOMMUNER, lambda text: text.replace("\n0115,", "\nO115,", 1)),
        "municipality_county.csv",
        ("rad 3", "kolumn 'municipality_code'", "koden 'O115' ska vara 4 siffror"),
    ),
    Case(
        "länslistan: tomt namn",
        "mappar",
        edit(LAN, lambda text: text.replace("\n03,Uppsala län,", "\n03,,", 1)),
        "counties.csv",
        ("rad 3", "kolumn 'county_name'", "namnet saknas"),
    ),
    Case(
        "kommunlistan: en kommun saknas",
        "kommunrad",
        edit(KOMMUNER, lambda text: re.sub(r"\n0114,[^\n]*", "", text)),
        "be0101_folkmangdkom_1950-2019.xlsx",
        ("kolumn 'Kommun'", "'Upplands Väsby' är inte namnet på en kommun"),
    ),
]


def _greek_answer(data: Path) -> None:
    """Row 2's first scale answer with a Greek capital omicron for the Latin 'O' look-alike."""
    path = answer_file(data, "14")
    workbook = load_workbook(path)
    sheet = workbook["Svar"]
    for cell in sheet[2][3:]:
        if isinstance(cell.value, str) and cell.value.startswith("zq"):
            cell.value = "\u039f" + cell.value
            break
    else:
        raise AssertionError("ingen skalsvarscell på rad 2")
    workbook.save(path)


@dataclass
class GroupRun:
    data: Path
    validate: subprocess.CompletedProcess
    build: subprocess.CompletedProcess
    site_before: str
    site_after: str


def validate_entries(report: str) -> dict[str, list[str]]:
    """The report's error lines per entry ('[FEL] <name>': ['fel: rad 2, …', …])."""
    entries: dict[str, list[str]] = {}
    current = None
    for line in report.splitlines():
        match = re.match(r"\s*\[(FEL|VARNING|OK)\] (.+)", line)
        if match:
            current = match[2]
            entries.setdefault(current, [])
        elif current is not None and line.strip().startswith("fel:"):
            entries[current].append(line.strip())
    return entries


@pytest.fixture(scope="module")
def group_runs(workspace):
    root, env, _ = workspace
    runs: dict[str, GroupRun] = {}

    def run(group: str) -> GroupRun:
        if group not in runs:
            data = root / "data"
            shutil.rmtree(data)
            shutil.rmtree(root / "utanfor", ignore_errors=True)
            for extra in ("utanfor.xlsx", "referens-kopia", "lan.csv"):
                target = root / extra
                shutil.rmtree(target, ignore_errors=True) if target.is_dir() else target.unlink(
                    missing_ok=True
                )
            shutil.copytree(root / "hostile", data, symlinks=True)
            for case in CASES:
                if case.group == group:
                    case.damage(data)
            site = root / "_build" / "html"
            before = site_digest(site)
            validate = run_metabok(env, "validate", timeout=900)
            build = run_metabok(env, "build", "--quiet", "--county", "03", "--jobs", "1", timeout=900)
            snapshot = root / f"data-{group}"
            shutil.rmtree(snapshot, ignore_errors=True)
            shutil.copytree(data, snapshot, symlinks=True)
            runs[group] = GroupRun(snapshot, validate, build, before, site_digest(site))
        return runs[group]

    yield run
    shutil.rmtree(root / "data")
    shutil.copytree(root / "hostile", root / "data", symlinks=True)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_damaged_input_is_named_by_validate_and_build(group_runs, case):
    run = group_runs(case.group)
    for result in (run.validate, run.build):
        output = result.stdout + result.stderr
        assert result.returncode != 0, output
        assert "Traceback" not in output
        assert "Oväntat fel" not in output
        assert len(output) < 100_000  # every message is bounded
    assert "Ingenting byggdes; den senast byggda webbplatsen är orörd." in run.build.stderr
    assert run.site_after == run.site_before

    fragments = list(case.fragments)
    if case.row is not None:
        fragments.append(f"rad {case.row(run.data)}")
    entries = validate_entries(run.validate.stdout)
    in_report = [line for name, lines in entries.items() for line in lines if case.file in name + line]
    in_build = [line for line in run.build.stderr.splitlines() if case.file in line]
    if not fragments:  # an input that must be accepted
        assert in_report == [], run.validate.stdout
        assert in_build == [], run.build.stderr
        return
    for where, lines, output in (
        ("validate", in_report, run.validate.stdout),
        ("build", in_build, run.build.stderr),
    ):
        assert any(all(f in line for f in fragments) for line in lines), f"{where}: {fragments}\n{output}"


def test_a_problem_reached_through_aliases_is_named_once(group_runs):
    run = group_runs("kodbok")
    lines = [line for line in run.build.stderr.splitlines() if "okänd nyckel 'okand_nyckel'" in line]
    assert len(lines) == 1, run.build.stderr


def test_the_new_corpus_is_large_enough():
    assert len(CASES) >= 30


# --- 3. failures of the machine -------------------------------------------------------------------


def test_a_file_size_limit_while_building_is_named_and_changes_nothing(workspace):
    root, env, _ = workspace
    shutil.rmtree(root / "data")
    shutil.copytree(root / "hostile", root / "data", symlinks=True)
    site = root / "_build" / "html"
    cache = root / "_build" / "cache" / "meta" / "2013" / "03-uppsala"
    before = site_digest(site), site_digest(cache)

    def limit_file_size() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # write() then fails with EFBIG
        resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, 64 * 1024))

    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "metabok",
            "build",
            "--quiet",
            "--force",
            "--year",
            "2013",
            "--county",
            "03",
            "--jobs",
            "1",
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd=config.PROJECT_ROOT,
        timeout=900,
        preexec_fn=limit_file_size,
    )
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "Traceback" not in output and "Oväntat fel" not in output
    assert "större än systemets gräns för filstorlek (EFBIG)" in output, output
    assert "Den senast byggda webbplatsen är orörd." in output
    assert (site_digest(site), site_digest(cache)) == before
    assert [p for p in cache.parent.iterdir() if ".tmp-" in p.name] == []
