"""Backtests of the built site's published files against the published figures and the originals.

The expected numbers are recomputed here from the original files with the standard library and
openpyxl, independently of the package's own parsers.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from metabok import config
from metabok.build import publications, site
from metabok.survey.codebook import load_codebook

REFERENCE = config.REFERENCE_DIR / "meta_2013_stockholm_publicerat.csv"
MIGRATIONSVERKET = (
    config.RAW_DIR / "migrationsverket-2018" / "Kommunmottagna_enligt_ersattningsforordningen_2018.csv"
)
SCB_POPULATION = config.RAW_DIR / "befolkning-scb-1950-2019" / "be0101_folkmangdkom_1950-2019.xlsx"
CATEGORY_COLUMNS = {"kvotflyktingar": 3, "abo": 5, "ebo": 7, "ovriga": 9, "anhoriga": 11}


def read_csv(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, encoding="utf-8", keep_default_na=False)


def page_text(path: Path) -> str:
    return re.sub(
        r"\s+", " ", re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8")).replace("\u00a0", " ")
    )


def names_to_codes() -> dict[str, str]:
    """Kommun name (folded independently of the package) -> code, from the kommun list."""
    with open(config.KOMMUNER_DIR / "municipalities.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    fold = {
        row["municipality_name_short"].upper().replace("-", " "): row["municipality_code"] for row in rows
    }
    return {**fold, "UPPLANDS VÄSBY": "0114"}


def migrationsverket_2018() -> dict[str, dict[str, int]]:
    codes = names_to_codes()
    counts: dict[str, dict[str, int]] = {}
    with open(MIGRATIONSVERKET, encoding="utf-8-sig", newline="") as handle:
        for row in csv.reader(handle, delimiter=";"):
            name = row[2].strip().upper().replace("-", " ") if len(row) > 2 else ""
            if name in codes:
                counts[codes[name]] = {
                    category: int(row[column].replace(" ", "").replace("\u00a0", "") or 0)
                    for category, column in CATEGORY_COLUMNS.items()
                }
    return counts


def scb_population(year: int) -> dict[str, int]:
    codes = names_to_codes()
    sheet = openpyxl.load_workbook(SCB_POPULATION, read_only=True)["Tabell"]
    rows = list(sheet.iter_rows(values_only=True))
    header = next(r for r in rows if year in r or str(year) in [str(c) for c in r])
    column = [str(c) for c in header].index(str(year))
    return {
        codes[str(r[0]).strip().upper().replace("-", " ")]: int(r[column])
        for r in rows
        if r[0] and str(r[0]).strip().upper().replace("-", " ") in codes
    }


def test_meta_result_files_exist_with_the_published_columns(built_site):
    for year in site.survey_years():
        frame = read_csv(built_site / "data" / f"resultat_meta_{year}.csv")
        assert list(frame.columns) == [*publications.META_RESULT_COLUMNS, "datastatus"]
        assert set(frame["datastatus"]) == {"exempeldata"}
        assert set(frame["lanskod"]) == {config.NATIONAL_CODE, *site.geography.county_codes()}
        assert set(frame["ar"]) == {str(year)}
        antal, svarande = frame["antal"].astype(int), frame["antal_svarande"].astype(int)
        choice = frame["svarsalternativ"] != "Summa"
        assert (antal[choice] <= svarande[choice]).all()


def stockholm_value(results: pd.DataFrame, groups: dict[tuple[str, str], set[str]], row: dict) -> int:
    question = results[results["fraga_id"] == row["fraga_id"]]
    assert len(question), f"frågan {row['fraga_id']} saknas i resultatfilen"
    answer = row["svar"]
    if answer == "svarande":
        return int(question["antal_svarande"].iloc[0])
    if answer.startswith("grupp:"):
        labels = groups[(row["fraga_id"], answer.removeprefix("grupp:"))]
    else:
        labels = {answer.casefold()}
    return int(question[question["svarsalternativ"].str.casefold().isin(labels)]["antal"].astype(int).sum())


def test_stockholm_2013_chapter_reproduces_every_published_count(built_site):
    """Each count of the 2013 Stockholm compilation, from the built site's result file."""
    codebook = load_codebook(config.SURVEY_DIR / "2013" / "kodbok.yml")
    groups: dict[tuple[str, str], set[str]] = defaultdict(set)
    for question in codebook.questions:
        for option in question.options:
            if option.group:
                groups[(question.id, option.group)].add(option.label.casefold())
    results = read_csv(built_site / "data" / "resultat_meta_2013.csv")
    results = results[results["lanskod"] == "01"]
    with open(REFERENCE, encoding="utf-8", newline="") as handle:
        reference = [row for row in csv.DictReader(handle) if row["fraga_id"] != "enkat"]
    assert len(reference) > 190
    wrong = [
        (row["fraga_id"], row["svar"], value, row["antal_min"], row["antal_max"])
        for row in reference
        if not int(row["antal_min"])
        <= (value := stockholm_value(results, groups, row))
        <= int(row["antal_max"])
    ]
    assert wrong == []


def test_stockholm_2013_chapter_names_the_19_responding_kommuner(built_site):
    table = read_csv(built_site / "data/meta/2013/01-stockholm/svarande_kommuner.csv")
    answered = set(table[table["Svarat"] == "Ja"]["Kommun"])
    with open(REFERENCE, encoding="utf-8", newline="") as handle:
        named = {
            r["svar"].removeprefix("kommun:")
            for r in csv.DictReader(handle)
            if r["svar"].startswith("kommun:")
        }
    assert len(table) == 26
    assert answered == named
    text = page_text(built_site / "book/kapitel/meta/2013/01-stockholm.html")
    assert "19 av länets 26 kommuner (73 procent)" in text
    assert "91 procent" in text
    assert "Exempeldata" in text


def test_reception_file_per_1000_agrees_with_the_originals(built_site):
    frame = read_csv(built_site / "data" / "mottagande_2018.csv")
    assert list(frame.columns) == [*publications.RECEPTION_COLUMNS, "datastatus"]
    received, population = migrationsverket_2018(), scb_population(2018)
    assert len(received) == 290 and len(population) == 290
    assert frame["kommunkod"].nunique() == 290
    for row in frame.itertuples():
        expected = received[row.kommunkod][row.kategori]
        assert int(row.antal) == expected, row
        assert int(row.folkmangd) == population[row.kommunkod], row
        assert float(row.per_1000_inv) == pytest.approx(expected / population[row.kommunkod] * 1000), row
    assert frame["antal"].astype(int).sum() == 44_216
    assert frame["varav_ensamkommande"].astype(int).sum() == 6_635


def test_national_reception_chapter_shows_the_published_totals(built_site):
    text = page_text(built_site / "book/kapitel/mottagande/2018/00-riket.html")
    for figure in ("44 216", "6 635", "15 200", "14 588"):
        assert figure in text, figure
    assert "Källa: Migrationsverket, uppdaterad 2019-03-25" in text
