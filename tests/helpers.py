"""Helpers for tests that run the command line, as an analyst does, on a copy of the inputs, and a local
web server for a built site."""

from __future__ import annotations

import contextlib
import functools
import hashlib
import http.server
import os
import re
import shutil
import subprocess
import sys
import threading
import zipfile
from pathlib import Path

from metabok import config

TEST_BUILD_DATE = "2001-02-03"


def isolated_env(root: Path, *, copy_data: bool = True, notebooks: bool = False) -> dict[str, str]:
    """An environment whose data/, _build/ (and with `notebooks`, notebooks/) lie under `root`,
    copied there from the project, so that a test never touches the project's own files."""
    if copy_data:
        shutil.copytree(config.DATA_DIR, root / "data")
    env = {
        **os.environ,
        "METABOK_DATA_DIR": str(root / "data"),
        "METABOK_BUILD_DIR": str(root / "_build"),
        # One build date for every build of a test: a cached page and a forced one compared across
        # midnight would otherwise differ by their "Byggd" line (CI of 2026-12-02 failed so).
        "METABOK_BUILD_DATE": TEST_BUILD_DATE,
    }
    env.pop("METABOK_DEBUG", None)
    env.pop("METABOK_NOTEBOOK_DIR", None)
    if notebooks:
        shutil.copytree(config.NOTEBOOK_DIR, root / "notebooks")
        env["METABOK_NOTEBOOK_DIR"] = str(root / "notebooks")
    return env


# The site the read-only tests share, built once per session from the shipped data: every year of
# both kinds of chapter for riket; Stockholms län (the published 2013 reference); Uppsala län (the
# 2021 example data holds formula-like text); Gotlands län (a län of one kommun). The whole book
# is the same templates over more län; `scripts/build.sh` builds it.
SESSION_AREAS = ("00", "01", "03", "09")
SESSION_BUILD_DIR = config.BUILD_DIR / "testsajt"


def run_metabok(env: dict[str, str], *args: str, timeout: int = 1200) -> subprocess.CompletedProcess:
    """`python -m metabok <args>` from the project root, output captured."""
    return subprocess.run(
        [sys.executable, "-m", "metabok", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=config.PROJECT_ROOT,
        timeout=timeout,
    )


def site_digest(site: Path) -> str:
    """One hash over every file's path and content below `site`."""
    digest = hashlib.sha256()
    for path in sorted(site.rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(site).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@contextlib.contextmanager
def serve(directory: Path):
    """`directory` served on 127.0.0.1 (a free port); yields the base URL."""
    handler = functools.partial(QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


# --- a tiny survey year for the survey tests ------------------------------------------------

TINY_CODEBOOK = """\
enkat: Testenkät
ar: 2013
form: meta
beskrivning: En liten enkät för testerna.
skalor:
  fungerar:
    - {etikett: Mycket bra, grupp: bra}
    - {etikett: Ganska bra, grupp: bra}
    - {etikett: Ganska dåligt, grupp: dåligt}
    - {etikett: Mycket dåligt, grupp: dåligt}
    - {etikett: Vet ej, neutral: true}
grupper:
  bra: ganska eller mycket bra
  dåligt: ganska eller mycket dåligt
matriser:
  - id: samverkan
    text: Hur fungerar samverkan med följande aktörer?
fragor:
  - id: overenskommelse
    avsnitt: Mottagande
    delavsnitt: Överenskommelser
    text: Har kommunen en överenskommelse?
    typ: ja_nej
  - id: samverkan_af
    avsnitt: Samverkan
    matris: samverkan
    kort: Arbetsförmedlingen
    text: Samverkan med Arbetsförmedlingen
    typ: skala
    skala: fungerar
  - id: hinder
    avsnitt: Bosättning
    delavsnitt: Hinder
    text: Vilka är hindren för bosättning?
    typ: flerval
    alternativ:
      - {kod: bostadsbrist, etikett: Bostadsbrist}
      - {kod: storlek, etikett: Brist på bostäder av rätt storlek}
  - id: platser
    avsnitt: Bosättning
    delavsnitt: Hinder
    text: Hur många platser har kommunen?
    typ: antal
  - id: kommentar
    avsnitt: Bosättning
    text: Övriga kommentarer
    typ: fritext
"""
TINY_HEADER = [
    "Kommunkod",
    "Kommun",
    "overenskommelse",
    "samverkan_af",
    "hinder_bostadsbrist",
    "hinder_storlek",
    "platser",
    "kommentar",
]


def write_workbook(
    path: Path, header: list, rows: list[list], sheet: str = "Svar", about: dict | None = None
) -> Path:
    """An answer file: `header` in row 1, `rows` below; `about` fills a sheet 'Om filen'."""
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.title = sheet
    workbook.active.append(header)
    for row in rows:
        workbook.active.append(row)
    if about is not None:
        info = workbook.create_sheet("Om filen")
        info.append(["Uppgift", "Värde"])
        for key, value in about.items():
            info.append([key, value])
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)
    return path


def stretch_workbook(
    path: Path, *, stray_cell: str | None = None, empty_rows: int = 0, whole_columns: bool = False
) -> None:
    """Make an answer file look as Excel saves a sheet someone has touched far away: a text in
    `stray_cell` (e.g. 'XFD1048576'), `empty_rows` formatted empty rows after the last row, a
    column format applied to all 16 384 columns; the used range then reaches XFD1048576."""
    from metabok.survey.workbook import Workbook

    with Workbook(path) as workbook:
        sheet = workbook.sheets["Svar"]
    with zipfile.ZipFile(path) as archive:
        members = {info.filename: archive.read(info) for info in archive.infolist()}
    xml = members[sheet].decode("utf-8")
    last = max(int(n) for n in re.findall(r'<row r="(\d+)"', xml))
    rows = "".join(
        f'<row r="{n}" s="0" customFormat="1" ht="15" customHeight="1"/>'
        for n in range(last + 1, min(last + 1 + empty_rows, 1_048_576))
    )
    if stray_cell:
        number = re.sub(r"[A-Z]", "", stray_cell)
        rows += f'<row r="{number}"><c r="{stray_cell}" t="inlineStr"><is><t>x</t></is></c></row>'
    xml = xml.replace("</sheetData>", rows + "</sheetData>", 1)
    xml = re.sub(r'<dimension ref="[^"]*"/>', '<dimension ref="A1:XFD1048576"/>', xml, count=1)
    if whole_columns:
        xml = re.sub(r"<cols>.*?</cols>", "", xml, count=1, flags=re.S)
        columns = '<cols><col min="1" max="16384" width="12" customWidth="1" style="0"/></cols>'
        xml = xml.replace("<sheetData", columns + "<sheetData", 1)
    members[sheet] = xml.encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
