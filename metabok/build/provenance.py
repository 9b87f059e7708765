"""Where every published number comes from: file hashes, sources and the code version."""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml

from metabok import __version__, config, frames
from metabok.build import site
from metabok.errors import InputError, display_path
from metabok.sources import geography, registry
from metabok.text import quoted


def file_hash(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def build_date() -> str:
    """The date the pages say they were built: today, or METABOK_BUILD_DATE (reproducible builds)."""
    return os.environ.get("METABOK_BUILD_DATE") or date.today().isoformat()


def code_version() -> str:
    return f"metabok {__version__} (kod {frames.code_digest()[:12]})"


@dataclass(frozen=True)
class Publication:
    """Who publishes a chapter, whom to contact, when it was published and how to cite it."""

    publisher: str
    contact: str
    published: str
    citation: str


PUBLICATION_TEXTS = ("utgivare", "kontakt")  # each with a text for a län ('lan') and for 'riket'
PUBLICATION_PLACEHOLDERS = ("lan", "webbnamn")
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


def _key_lines(text: str) -> dict[str, int]:
    """The line of each top-level key (for messages); empty when the YAML cannot be composed."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return {}
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {str(key.value): key.start_mark.line + 1 for key, _ in node.value}


def publication_problems() -> list[InputError]:
    """What is wrong with data/utgivning.yml, each with file and line (validate and the build
    check it before any chapter reads it)."""
    path = config.PUBLICATION_FILE
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        return [InputError("filen saknas; den anger utgivare, kontakt och publiceringsdatum", file=path)]
    except OSError as exc:
        return [InputError(f"filen kunde inte läsas ({exc.strerror})", file=path)]
    except UnicodeDecodeError:
        return [InputError("filen är inte sparad som UTF-8. Spara om den som UTF-8.", file=path)]
    try:
        aliases = [e for e in yaml.parse(text, Loader=yaml.SafeLoader) if isinstance(e, yaml.AliasEvent)]
        if aliases:  # a few lines of text need none, and aliases can expand without bound
            row = aliases[0].start_mark.line + 1
            return [InputError("filen använder alias (*namn); skriv ut texterna", file=path, row=row)]
        settings = yaml.safe_load(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        return [InputError("filen är inte giltig YAML", file=path, row=mark.line + 1 if mark else None)]
    except yaml.YAMLError:
        return [InputError("filen är inte giltig YAML", file=path)]
    if not isinstance(settings, dict):
        return [InputError("filen ska ha nycklarna bok, publicerad, utgivare och kontakt", file=path)]
    lines = _key_lines(text)
    problems = []

    def problem(message: str, key: str) -> None:
        problems.append(InputError(message, file=path, row=lines.get(key)))

    for key in ("bok", "publicerad"):
        value = settings.get(key)
        if not isinstance(value, str | date) or not str(value).strip():
            problem(f"{key}: en text saknas", key)
    published = settings.get("publicerad")
    if isinstance(published, str) and published.strip() and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", published):
        problem(f"publicerad: {quoted(published)} är inte ett datum ÅÅÅÅ-MM-DD", "publicerad")
    for key in PUBLICATION_TEXTS:
        texts = settings.get(key)
        if not isinstance(texts, dict):
            problem(f"{key}: ska ha en text för 'lan' och en för 'riket'", key)
            continue
        for which in ("lan", "riket"):
            value = texts.get(which)
            if not isinstance(value, str) or not value.strip():
                problem(f"{key}: texten för {which!r} saknas", key)
                continue
            unknown = [m for m in _PLACEHOLDER.findall(value) if m not in PUBLICATION_PLACEHOLDERS]
            if unknown:
                problem(
                    f"{key}.{which}: okänd platshållare {quoted('{' + unknown[0] + '}')}; "
                    "tillåtna är {lan} och {webbnamn}",
                    key,
                )
    return problems


def _filled(template: str, names: dict[str, str]) -> str:
    """{lan} and {webbnamn} replaced (validation has refused any other placeholder)."""
    return _PLACEHOLDER.sub(lambda m: names.get(m.group(1), m.group(0)), template)


def publication(county: str, title: str) -> Publication:
    """The publication details of a chapter about `county` ('00' = riket) titled `title`,
    from config.PUBLICATION_FILE, as plain text (the page escapes it)."""
    settings = yaml.safe_load(config.PUBLICATION_FILE.read_text(encoding="utf-8-sig"))
    which = "riket" if county == config.NATIONAL_CODE else "lan"
    names = {"lan": "", "webbnamn": ""}
    if which == "lan":
        short = geography.counties().set_index("lanskod").loc[county, "lan_kort"]
        names = {"lan": geography.county_name(county), "webbnamn": site.slug(short)}
    publisher = _filled(str(settings["utgivare"][which]), names)
    published = str(settings["publicerad"])
    citation = f"{publisher} ({published[:4]}). {title}. {settings['bok']}."
    contact = _filled(str(settings["kontakt"][which]), names)
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
