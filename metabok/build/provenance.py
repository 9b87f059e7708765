"""Where every published number comes from: file hashes, sources and the code version."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import yaml

from metabok import __version__, config, frames
from metabok.build import site
from metabok.errors import display_path
from metabok.sources import geography, registry


def file_hash(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def code_version() -> str:
    return f"metabok {__version__} (kod {frames.code_digest()[:12]})"


@dataclass(frozen=True)
class Publication:
    """Who publishes a chapter, whom to contact, when it was published and how to cite it."""

    publisher: str
    contact: str
    published: str
    citation: str


def publication(county: str, title: str) -> Publication:
    """The publication details of a chapter about `county` ('00' = riket) titled `title`,
    from config.PUBLICATION_FILE, as plain text (the page escapes it)."""
    settings = yaml.safe_load(config.PUBLICATION_FILE.read_text(encoding="utf-8"))
    which = "riket" if county == config.NATIONAL_CODE else "lan"
    names = {"lan": "", "webbnamn": ""}
    if which == "lan":
        short = geography.counties().set_index("lanskod").loc[county, "lan_kort"]
        names = {"lan": geography.county_name(county), "webbnamn": site.slug(short)}
    publisher = str(settings["utgivare"][which]).format(**names)
    published = str(settings["publicerad"])
    citation = f"{publisher} ({published[:4]}). {title}. {settings['bok']}."
    contact = str(settings["kontakt"][which]).format(**names)
    return Publication(publisher, contact, published, citation)


def byline(details: Publication) -> str:
    """The line under a chapter's title (Markdown)."""
    return f"Utgiven av {details.publisher} · publicerad {details.published}"


def footer(files: list[Path], build_date: str, details: Publication, note: str = "") -> str:
    """The chapter's last part, as Markdown: publisher, contact, date and citation, the sources in
    words, and the technical particulars (files, hashes, code version, build date) folded away."""
    rows = [
        f"| `{display_path(f)}` | {registry.credit_of(f)} | `{file_hash(f)[:12]}` |"
        for f in files
        if Path(f).is_file()
    ]
    credits = list(dict.fromkeys(registry.credit_of(f) for f in files if Path(f).is_file()))
    return "\n".join(
        [
            "## Om uppgifterna på sidan",
            "",
            f"**Utgivare:** {details.publisher}  ",
            f"**Kontakt:** {details.contact}  ",
            f"**Publicerad:** {details.published}  ",
            f"**Citera som:** {details.citation}",
            "",
            "Uppgifterna kommer från: " + "; ".join(credits) + ".",
            "",
            '<details class="metabok-provenance">',
            "<summary>Datafiler, kontrollsummor och programversion</summary>",
            "",
            "| Datafil | Källa | SHA-256 (början) |",
            "|---|---|---|",
            *rows,
            "",
            f"Sidan är framräknad av {code_version()} ur filerna ovan. Byggd {build_date}.{note}",
            "",
            "</details>",
        ]
    )
