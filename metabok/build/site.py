"""The typed site model: the kinds of chapter, which chapters the book has, and the table of contents."""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from metabok import config
from metabok.sources import geography
from metabok.survey import paths

# Hand-written pages, in the order the last part of the book lists them.
ABOUT_PAGES = ("book/metod", "book/handbok", "book/tillganglighet")


def slug(text: str) -> str:
    """'Västra Götaland' -> 'vastra-gotaland'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def area_name(county: str) -> str:
    return geography.county_name(county)


@cache
def area_slug(county: str) -> str:
    if county == config.NATIONAL_CODE:
        return f"{county}-riket"
    short = geography.counties().set_index("lanskod").loc[county, "lan_kort"]
    return f"{county}-{slug(short)}"


def link_from(docname: str, relative: str) -> str:
    """The relative link from page `docname` to `relative`, a path from the site root."""
    return "../" * docname.count("/") + relative


def survey_name(year: int) -> str:
    """The survey's name as its codebook gives it ('META 2013', 'Lägesbilder 2021')."""
    path = paths.SurveyYear.of(year).codebook
    status = path.stat()
    return _survey_name(path, status.st_mtime_ns, status.st_size, year)


@cache
def _survey_name(path: Path, modified_ns: int, size: int, year: int) -> str:
    """Parsed once per version of the file (every page names every survey: the switcher, the menu)."""
    codebook = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    return str(codebook.get("enkat") or f"Enkäten {year}")


def survey_years() -> list[int]:
    """Survey years present in data/enkat (folders named by year holding a codebook)."""
    return paths.available_years()


def reception_years() -> list[int]:
    """Reception years present in data/raw (folders migrationsverket-<år> holding both files)."""
    from metabok.sources import migrationsverket

    return migrationsverket.reception_years()


def survey_source(year: int) -> str:
    return f"{survey_name(year)}, länsstyrelsernas enkät till kommunerna"


# The `datastatus` of every reception download: real public statistics.
RECEPTION_STATUS = "officiell statistik (Migrationsverket, SCB)"


def reception_caption(year: int) -> str:
    return f"Mottagande {year}"


def reception_source(year: int) -> str:
    return "Migrationsverket och SCB"


@dataclass(frozen=True)
class Kind:
    """A kind of chapter: its name in paths, its notebook template, which years it has, the
    caption of a year's part of the book, its collected file per year and its PDF source line.
    (Module-level functions, not lambdas: chapters are sent to worker processes.)"""

    name: str
    template_name: str
    collected_file: str
    years: Callable[[], list[int]]
    caption: Callable[[int], str]
    source: Callable[[int], str]

    @property
    def template(self) -> Path:
        return config.NOTEBOOK_DIR / self.template_name

    def year_file(self, year: int) -> str:
        """'data/resultat_meta_2013.csv', 'data/mottagande_2018.csv': a year's results for all areas."""
        return self.collected_file.format(year=year)


META = Kind(
    name="meta",
    template_name="meta_kapitel.ipynb",
    collected_file="data/resultat_meta_{year}.csv",
    years=survey_years,
    caption=survey_name,
    source=survey_source,
)
RECEPTION = Kind(
    name="mottagande",
    template_name="mottagande_kapitel.ipynb",
    collected_file="data/mottagande_{year}.csv",
    years=reception_years,
    caption=reception_caption,
    source=reception_source,
)
KINDS = (META, RECEPTION)


@dataclass(frozen=True)
class Chapter:
    """One executed notebook: a kind of chapter for one year and one area ('00' = riket)."""

    kind: Kind
    year: int
    county: str

    @property
    def template(self) -> Path:
        return self.kind.template

    @property
    def docname(self) -> str:
        """Path of the page in the book, without suffix (also its URL without .html)."""
        return f"book/kapitel/{self.kind.name}/{self.year}/{area_slug(self.county)}"

    @property
    def download_path(self) -> str:
        """Where the chapter's CSV/XLSX files are published, relative to the site root."""
        return f"data/{self.kind.name}/{self.year}/{area_slug(self.county)}"

    @property
    def label(self) -> str:
        return f"{self.kind.name} {self.year} {area_name(self.county)}"

    def parameters(self) -> dict:
        return {"year": self.year, "county": self.county}


def chapters(
    kinds: tuple[Kind, ...] = KINDS,
    years: list[int] | None = None,
    counties: list[str] | None = None,
) -> list[Chapter]:
    """Every chapter of the book, newest year first, riket before the counties."""
    areas = [config.NATIONAL_CODE, *geography.county_codes()]
    if counties:
        areas = [a for a in areas if a in counties]
    result = []
    for kind in kinds:
        kind_years = [y for y in kind.years() if not years or y in years]
        for year in sorted(kind_years, reverse=True):
            result.extend(Chapter(kind, year, area) for area in areas)
    return result


def table_of_contents(book_chapters: list[Chapter]) -> dict:
    """The jupyter-book `_toc.yml` for these chapters: one part per kind and year,
    the national chapter as the part's chapter and the counties as its sections."""
    parts = []
    for kind in KINDS:
        years = sorted({c.year for c in book_chapters if c.kind == kind}, reverse=True)
        for year in years:
            in_part = [c for c in book_chapters if c.kind == kind and c.year == year]
            national = [c for c in in_part if c.county == config.NATIONAL_CODE]
            counties = [c for c in in_part if c.county != config.NATIONAL_CODE]
            entries = [{"file": c.docname} for c in national + counties]
            if national and counties:
                entries = [{"file": national[0].docname, "sections": entries[1:]}]
            parts.append({"caption": kind.caption(year), "chapters": entries})
    parts.append({"caption": "Hitta i boken", "chapters": [{"file": FIND_PAGE}]})
    parts.append({"caption": "Om boken", "chapters": [{"file": p} for p in ABOUT_PAGES]})
    return {"format": "jb-book", "root": LANDING_PAGE, "parts": parts}


def switcher_html(chapter: Chapter) -> str:
    """A chapter's way to the same area's other chapters (all kinds and years of the book) and
    to riket; on riket's chapter, to every län's chapter of the same kind and year. Raw HTML
    links, so that a partial build (one county) still builds."""

    def link(other: Chapter, text: str) -> str:
        href = html.escape(link_from(chapter.docname, f"{other.docname}.html"))
        here = ' aria-current="page"' if other == chapter else ""
        return f'<a href="{href}"{here}>{html.escape(text)}</a>'

    book = chapters()
    same_area = [c for c in book if c.county == chapter.county]
    items = [link(c, c.kind.caption(c.year)) for c in same_area]
    name = html.escape(area_name(chapter.county))
    lines = [f"<strong>{name} i andra kapitel:</strong> " + " · ".join(items)]
    if chapter.county == config.NATIONAL_CODE:
        counties = [c for c in book if c.kind == chapter.kind and c.year == chapter.year and c != chapter]
        choices = " · ".join(link(c, area_name(c.county)) for c in counties)
        lines.append(f"<strong>Välj län:</strong> {choices}")
    else:
        riket = Chapter(chapter.kind, chapter.year, config.NATIONAL_CODE)
        riket_text = f"Riket – {chapter.kind.caption(chapter.year)}"
        lines.append(f"<strong>Jämför med:</strong> {link(riket, riket_text)}")
    body = "".join(f"<p>{line}</p>" for line in lines)
    return f'<nav class="metabok-switcher" aria-label="Andra kapitel om samma område">{body}</nav>'


LANDING_PAGE = "book/index"
LANDING_LIST = "book/kapitel/lanlista.md"
LANDING_MAP = "book/kapitel/lankarta.md"  # generated by metabok.build.county_map
FIND_PAGE = "book/kapitel/hitta-kommun"  # generated by metabok.kommunsok
# The site root's page, sent on to the landing page. Without it sphinx-external-toc writes a bare
# redirect with no icon, and a browser then asks for /favicon.ico, which the site does not have.
ROOT_PAGE = f"""<!DOCTYPE html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>META-boken</title>
<link rel="icon" href="_static/favicon.svg">
<meta http-equiv="Refresh" content="0; url={LANDING_PAGE}.html">
</head>
<body>
<p><a href="{LANDING_PAGE}.html">Till META-boken</a></p>
</body>
</html>
"""


def role_text(text: str) -> str:
    """Text from data (a survey's name) made safe as the title of a {doc} link: a role's content is
    not Markdown, so the characters that end it or start its target are dropped."""
    return " ".join(re.sub(r"[`<>\\{}]", "", text).split())


def landing_list(book_chapters: list[Chapter]) -> str:
    """The landing page's list (included by book/index.md): one line per area, riket first, with
    a link to each of its chapters, newest first (Markdown; {doc} links, whatever the source type)."""
    lines = []
    for area in dict.fromkeys(c.county for c in book_chapters):
        links = [
            f"{{doc}}`{role_text(c.kind.caption(c.year))} </{c.docname}>`"
            for c in book_chapters
            if c.county == area
        ]
        lines.append(f"- **{area_name(area)}**: " + " · ".join(links))
    return "\n".join(lines) + "\n"
