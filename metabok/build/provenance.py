"""Where every published number comes from: file hashes, sources and the code version."""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

from metabok import __version__, config
from metabok.errors import display_path
from metabok.sources import registry


def file_hash(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


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
        f"| `{display_path(f)}` | {registry.credit_of(f)} | `{file_hash(f)[:12]}` |"
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
