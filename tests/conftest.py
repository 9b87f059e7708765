"""Shared fixtures: the built site (built once per test session) and a local web server for it."""

from __future__ import annotations

from pathlib import Path

import pytest

from metabok import build

from helpers import serve


@pytest.fixture(scope="session")
def built_site() -> Path:
    """The site built from the shipped data (unchanged chapters come from the build cache)."""
    build.build(build.Options(quiet=True))
    return build.PUBLISHED


@pytest.fixture(scope="session")
def site_url(built_site: Path):
    """The built site served on 127.0.0.1 (a free port)."""
    with serve(built_site) as url:
        yield url


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


@pytest.fixture
def tiny_year(tmp_path: Path) -> Path:
    """tmp_path/enkat/2013 with the tiny codebook and an empty svar/ (the survey dir is its parent)."""
    year_dir = tmp_path / "enkat" / "2013"
    (year_dir / "svar").mkdir(parents=True)
    (year_dir / "kodbok.yml").write_text(TINY_CODEBOOK, encoding="utf-8")
    return year_dir
