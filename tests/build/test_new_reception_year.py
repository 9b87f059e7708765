"""A new reception year from Migrationsverket's own files, with no code change.

The test copies the project's data, adds reception year 2020 as Migrationsverket publishes it
(.xlsx workbooks: title rows, län blocks, Delsumma, Totalt, UPPERCASE names) and SCB's workbook
republished with 2020 (2019 is already in the shipped workbook, so 2020 also exercises the newer
population workbook), then runs `python -m metabok build` as an analyst does.

TEST DATA: the 2020 figures are the 2018 CSV export's figures relabelled, and SCB's 2020
column repeats 2019; they are not Migrationsverket's or SCB's numbers for 2020.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from metabok import config
from metabok.page import CHART_SCRIPT

from helpers import isolated_env, run_metabok

YEAR = 2020
RAW_2018 = config.RAW_DIR / "migrationsverket-2018"
TEST_NOTE = "TESTDATA: siffrorna är 2018 års CSV-export med nytt årtal, inte Migrationsverkets uppgifter."


def _number(text: str) -> object:
    """'1 842' -> 1842 (as Excel stores it); other text unchanged, '' -> None."""
    compact = text.replace(" ", "").replace("\u00a0", "")
    if compact.isdigit():
        return int(compact)
    return text or None


def write_received_xlsx(path: Path) -> tuple[int, int]:
    """The 2018 CSV export rewritten as Migrationsverket's workbook for YEAR; returns the file's
    own 'Totalt' (antal, varav ensamkommande barn)."""
    text = (RAW_2018 / "Kommunmottagna_enligt_ersattningsforordningen_2018.csv").read_text(
        encoding="utf-8-sig"
    )
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = f"Kommunmottagna {YEAR}"
    total = None
    for cells in csv.reader(io.StringIO(text, newline=""), delimiter=";"):
        cells = [c.strip() for c in cells]
        if cells and cells[0] == "Rubrik":
            cells[1] = cells[1].replace("2018", str(YEAR))
        if len(cells) > 2 and cells[2] == "Totalt" and cells[3]:
            total = (_number(cells[-2]), _number(cells[-1]))
        sheet.append([_number(c) for c in cells])
        if cells and cells[0] == "Uppdaterad":
            sheet.cell(sheet.max_row, 2, f"{YEAR + 1}-03-25 10.55")
            sheet.append([None, TEST_NOTE])  # in the title block, where Migrationsverket's notes stand
    workbook.save(path)
    assert total is not None
    return total


def write_kommuntal_xlsx(path: Path) -> None:
    """The 2018 kommuntal export as a workbook for YEAR, with title rows and a 'Totalt' row."""
    with open(
        RAW_2018 / "Anvisningar_enligt_kommuntalen_2018.csv", encoding="utf-8-sig", newline=""
    ) as handle:
        rows = list(csv.reader(handle))
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append([f"Anvisningar enligt kommuntalen {YEAR}"])
    sheet.append([TEST_NOTE])
    sheet.append([])
    sheet.append(rows[0])
    tal = mottagna = 0
    for row in rows[1:]:
        sheet.append([_number(c) if i >= 2 else c for i, c in enumerate(row)])
        if row[3]:
            tal, mottagna = tal + int(row[4]), mottagna + int(row[5])
    sheet.append(["Totalt", None, None, None, tal, mottagna])
    workbook.save(path)


def write_population_with(year: int, data: Path) -> None:
    """SCB's workbook as republished with `year` (its column repeats the year before: test data)."""
    source = next((config.RAW_DIR / "befolkning-scb-1950-2019").glob("*.xlsx"))
    workbook = openpyxl.load_workbook(source)
    sheet = workbook["Tabell"]
    header = next(r for r in range(1, 20) if sheet.cell(r, 1).value == "Kommun")
    last = max(c for c in range(1, sheet.max_column + 1) if sheet.cell(header, c).value == year - 1)
    sheet.cell(header, last + 1, year)
    row = header + 1
    while sheet.cell(row, 1).value:
        sheet.cell(row, last + 1, sheet.cell(row, last).value)
        row += 1
    sheet.cell(3, 1, f"Folkmängden i Sveriges kommuner 1950-{year} (TESTDATA)")
    folder = data / "raw" / f"befolkning-scb-1950-{year}"
    folder.mkdir()
    workbook.save(folder / f"be0101_folkmangdkom_1950-{year}.xlsx")


def page_text(path: Path) -> str:
    html = path.read_text(encoding="utf-8")
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html).replace("\u00a0", " "))


@pytest.fixture(scope="module")
def new_year(tmp_path_factory) -> dict:
    root = tmp_path_factory.mktemp("new-reception-year")
    env = isolated_env(root)
    data = root / "data"
    folder = data / "raw" / f"migrationsverket-{YEAR}"
    folder.mkdir()
    total = write_received_xlsx(folder / f"Kommunmottagna enligt ersättningsförordningen {YEAR}.xlsx")
    before_kommuntal = run_metabok(env, "validate")
    write_kommuntal_xlsx(folder / f"Anvisningar enligt kommuntalen {YEAR}.xlsx")
    before_population = run_metabok(env, "validate")
    write_population_with(YEAR, data)
    build = run_metabok(
        env, "build", "--year", str(YEAR), "--county", "00", "--county", "01", "--jobs", "1", "--no-pdf"
    )
    return {
        "total": total,
        "before_kommuntal": before_kommuntal,
        "before_population": before_population,
        "build": build,
        "site": root / "_build" / "html",
    }


def test_validate_names_what_the_year_still_lacks(new_year):
    lacks_kommuntal, lacks_population = new_year["before_kommuntal"], new_year["before_population"]
    assert lacks_kommuntal.returncode == 1
    assert f"'Anvisningar enligt kommuntalen {YEAR}.xlsx'" in lacks_kommuntal.stdout
    assert lacks_population.returncode == 1
    assert f"saknar SCB:s folkmängd för {YEAR}" in lacks_population.stdout
    assert f"befolkning-scb-1950-{YEAR}/" in lacks_population.stdout


def test_the_build_makes_the_new_years_chapters(new_year):
    build = new_year["build"]
    assert build.returncode == 0, build.stdout + build.stderr
    chapters = new_year["site"] / "book" / "kapitel" / "mottagande" / str(YEAR)
    assert sorted(p.name for p in chapters.glob("*.html")) == ["00-riket.html", "01-stockholm.html"]
    text = page_text(chapters / "01-stockholm.html")
    assert f"Stockholms län – mottagande {YEAR}" in text
    assert f"Källa: Migrationsverket, uppdaterad {YEAR + 1}-03-25; SCB, folkmängd 31 december {YEAR}." in text


def test_collected_file_reconciles_to_the_files_own_total(new_year):
    frame = pd.read_csv(new_year["site"] / "data" / f"mottagande_{YEAR}.csv", dtype={"kommunkod": str})
    assert set(frame["ar"]) == {YEAR}
    assert frame["kommunkod"].nunique() == 290
    assert (int(frame["antal"].sum()), int(frame["varav_ensamkommande"].sum())) == new_year["total"]


@pytest.mark.parametrize("area", ["00-riket", "01-stockholm"])
def test_the_year_is_in_the_trend_and_missing_years_are_gaps(new_year, area):
    text = page_text(new_year["site"] / "book" / "kapitel" / "mottagande" / str(YEAR) / f"{area}.html")
    assert f"Uppgifter per kommun finns för 2015, 2016, 2018 och {YEAR}." in text
    assert "För 2017 och 2019 finns ingen uppgift" in text
    charts = new_year["site"] / "data" / "mottagande" / str(YEAR) / area / CHART_SCRIPT
    assert f"Mottagna per 1 000 invånare 2015–{YEAR}" in charts.read_text(encoding="utf-8")  # the trend chart
    trend = text[text.index("Mottagna per år") :]
    for gap in (2017, 2019):
        assert re.search(rf"{gap} \.\. [\d ]+ \.\. uppgift saknas", trend), gap  # never 0
    assert re.search(rf"{YEAR} [1-9][\d ]* [\d ]+ \d+,\d ", trend)
