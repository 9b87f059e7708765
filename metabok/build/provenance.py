"""Where every published number comes from: file hashes, sources and the code version."""

from __future__ import annotations

import hashlib
from pathlib import Path

from metabok import __version__, frames
from metabok.errors import display_path
from metabok.sources import registry


def file_hash(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def code_version() -> str:
    return f"metabok {__version__} (kod {frames.code_digest()[:12]})"


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
