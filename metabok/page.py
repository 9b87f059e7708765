"""What a chapter notebook displays: Markdown text, tables with downloads, charts and notices.

A notebook cell calls one of these and shows the result. Markdown outputs become real
Markdown cells when the build post-processes the executed notebook, so headings reach
the table of contents and the search index.
"""

from __future__ import annotations

import dataclasses
import hashlib
import html
import json
import re
from dataclasses import dataclass
from pathlib import Path

import altair as alt
import pandas as pd
from IPython.display import HTML, Markdown

from metabok import config, export
from metabok.build import observe, provenance, site
from metabok.formatting import fmt_dec, fmt_int
from metabok.sources import geography
from metabok.text import escape_markdown

# Altair validates every chart against the Vega-Lite schema when it is built and again when it is
# rendered, seconds per chapter; the chapters' chart specs are validated by the tests instead
# (tests/unit/test_chart_specs.py).
alt.utils.schemapi.disable_debug_mode()

MISSING = ".."  # SCB's symbol for 'uppgift saknas'
# Text that is a number formatted for display: '4,3', '(0,8)', '1\u00a0148', '96 %', '−2,5', '..'.
NUMERIC_TEXT = re.compile(r"\(?[−-]?\d[\d\u00a0 ]*(,\d+)?\)?(\u00a0?%| %)?|\.\.")
# Columns of years and codes: shown as they are ('2015', not '2 015').
PLAIN_HEADINGS = frozenset({"År", "Kommunkod", "Länskod"})

# d3-format locale for the charts: space as thousands separator, decimal comma.
SWEDISH_FORMAT_LOCALE = {
    "decimal": ",",
    "thousands": "\u00a0",
    "grouping": [3],
    "currency": ["", "\u00a0kr"],
    "percent": "\u00a0%",
}

CHART_SCRIPT = "diagram.js"  # a page's charts, beside its downloads (Page.chart)

SYNTHETIC_NOTICE = """:::{{admonition}} Exempeldata
:class: warning
Enkätsvaren på den här sidan är **syntetiska exempeldata**, skapade för att visa hur boken fungerar.
{detail}De får inte läsas som verkliga uppgifter om någon kommun.
:::
"""


def script_json(value: object) -> str:
    """JSON for inside a <script> element: '<', '>', '&' and U+2028/9 written as \\u escapes,
    so no text from data can end the element, open an HTML comment or break the script."""
    return (
        json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def format_cell(value: object) -> str:
    """A table cell in Swedish format: '44 216', '3,5', '..' for missing."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return MISSING
    if isinstance(value, bool):
        return "Ja" if value else "Nej"
    if isinstance(value, int) or (isinstance(value, float) and value.is_integer() and abs(value) >= 1000):
        return fmt_int(int(value))
    if isinstance(value, float):
        return fmt_dec(value, 1)
    if hasattr(value, "item"):  # numpy scalar
        return format_cell(value.item())
    return str(value)


def plain_cell(value: object) -> str:
    """A year or a code as it is written: 2015 -> '2015' (also when stored as 2015.0), '..' for missing."""
    if _is_missing(value):
        return MISSING
    if hasattr(value, "item"):  # numpy scalar
        value = value.item()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)


def html_table(
    frame: pd.DataFrame, caption: str, table_id: str | None = None, row_links: dict[str, str] | None = None
) -> str:
    """An accessible HTML table with a caption, column headers and, when the first column holds
    text (a kommun, a län, an answer), that column as row headers; all text escaped. With
    `table_id` the caption gets the id `<table_id>-caption`, so a wrapper can be labelled by it.
    A row header found in `row_links` links to that address (a län to its chapter)."""
    head = "\n".join(f'<th scope="col">{html.escape(str(c))}</th>' for c in frame.columns)
    label_column = len(frame.columns) > 1 and all(
        isinstance(v, str) or _is_missing(v) for v in frame.iloc[:, 0]
    )
    plain = [str(c) in PLAIN_HEADINGS for c in frame.columns]
    numeric = [not plain[i] and _is_numeric_column(frame.iloc[:, i]) for i in range(len(frame.columns))]
    rows = []
    for record in frame.itertuples(index=False):
        cells = []
        for position, value in enumerate(record):
            text = html.escape(plain_cell(value) if plain[position] else format_cell(value))
            if position == 0 and label_column:
                href = (row_links or {}).get(str(value))
                if href:
                    text = f'<a href="{html.escape(href)}">{text}</a>'
                cells.append(f'<th scope="row">{text}</th>')
                continue
            css = ' class="num"' if numeric[position] else ""
            cells.append(f"<td{css}>{text}</td>")
        rows.append("<tr>" + "\n".join(cells) + "</tr>")
    caption_id = f' id="{table_id}-caption"' if table_id else ""
    # Cells are apart by a line break, which a browser does not show: the site search, which
    # strips the tags, then indexes 'Sollentuna' and '68 455' as words, not 'Sollentuna68', and
    # its result snippets keep the cells apart.
    body = "\n".join(rows)
    return (
        f'<table class="metabok-table"><caption{caption_id}>{html.escape(caption)}</caption>\n'
        f"<thead><tr>{head}</tr></thead>\n<tbody>{body}</tbody></table>"
    )


def _is_numeric_column(column: pd.Series) -> bool:
    """True when every value is a number, a number already formatted for display ('(0,8)', '96 %')
    or missing, and some value is not missing: such a column is right-aligned."""
    present = [v for v in column if not _is_missing(v)]
    return bool(present) and all(
        NUMERIC_TEXT.fullmatch(v.strip()) is not None
        if isinstance(v, str)
        else not isinstance(v, bool) and pd.api.types.is_number(v)
        for v in present
    )


def _is_missing(value: object) -> bool:
    return value is None or (not isinstance(value, str) and pd.api.types.is_scalar(value) and pd.isna(value))


def table_id(name: str) -> str:
    """The element id of a table on its page, from the table's (file) name."""
    return "tabell-" + re.sub(r"[^A-Za-z0-9_-]", "-", name)


def chart_parts(chart: alt.TopLevelMixin, name: str, caption: str) -> tuple[str, str]:
    """The chart as a figure (HTML) and the script statement that draws it there with the site's
    own copy of vega-embed, at DOMContentLoaded.

    The element id is derived from the chart name and spec, so two builds give the
    same page. The figure carries the chart's description as its text alternative: the outer
    element is role="img" with the description as aria-label, and vega draws into an inner
    element (vega gives its own container the role graphics-document, which would otherwise
    replace role="img"). The numbers are in the table shown with the chart.
    """
    spec = chart.to_dict(validate=False)  # the specs are validated by the tests, not at every render
    # The figure's aria-label is the chart's one text alternative (role="img"); vega's own ARIA
    # tree (unlabelled mark groups, English axis descriptions) is hidden from assistive technology.
    config = spec.setdefault("config", {})
    config["aria"] = False
    config.setdefault("mark", {})["aria"] = False
    spec = _columnar_datasets(_rounded_floats(spec))
    spec_json = json.dumps(spec, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    chart_id = "vis-" + hashlib.sha256((name + spec_json).encode()).hexdigest()[:12]
    description = spec.get("description") or caption
    options = {"actions": False, "renderer": "svg", "formatLocale": SWEDISH_FORMAT_LOCALE}
    figure = (
        f'<figure class="metabok-chart">'
        f'<div id="{chart_id}" class="metabok-vis" role="img" aria-label="{html.escape(description)}">'
        f'<div class="metabok-drawing"></div></div>'
        f"<figcaption>{html.escape(caption)}</figcaption></figure>"
    )
    call = (
        f'document.addEventListener("DOMContentLoaded",function(){{'
        f'metabokChart("#{chart_id}",{script_json(spec)},{script_json(options)});}});'
    )
    return figure, call


def chart_html(chart: alt.TopLevelMixin, name: str, caption: str) -> str:
    """The chart as a figure with its drawing script inline (a page of its own; a chapter's
    charts go to the page's chart script instead, Page.chart)."""
    figure, call = chart_parts(chart, name, caption)
    return f'{figure}<script type="text/javascript">{call}</script>'


COLUMNAR = "metabokColumns"  # book/_static/metabok.js turns such a dataset back into rows
LEVELS = "levels"


def _columnar_datasets(spec: dict) -> dict:
    """The spec with each named dataset of flat rows written as its column names once and a list
    of values per row, which book/_static/metabok.js expands again: the field names are not
    repeated in every row. A column of text is written as its distinct values ("levels") once and
    each row's position in them, so a label such as "Kommunalförbundet/regionförbundet" is not
    repeated in every row either (a META chapter's page is about half as heavy)."""
    datasets = spec.get("datasets")
    if not isinstance(datasets, dict):
        return spec
    compact = {}
    for name, rows in datasets.items():
        columns = list(rows[0]) if rows and isinstance(rows[0], dict) else None
        flat = columns is not None and all(
            isinstance(row, dict)
            and list(row) == columns
            and not any(isinstance(v, (dict, list)) for v in row.values())
            for row in rows
        )
        compact[name] = _columns_and_levels(columns, rows) if flat else rows
    return {**spec, "datasets": compact}


def _columns_and_levels(columns: list[str], rows: list[dict]) -> dict:
    levels = {
        column: list(dict.fromkeys(row[column] for row in rows))
        for column in columns
        if all(isinstance(row[column], str) for row in rows)
    }
    position = {column: {value: i for i, value in enumerate(values)} for column, values in levels.items()}
    values = [[position[c][row[c]] if c in position else row[c] for c in columns] for row in rows]
    return {COLUMNAR: columns, LEVELS: levels, "rows": values}


def _rounded_floats(value: object, digits: int = 5) -> object:
    """The spec with every float rounded to `digits` decimals: a share of 0.35353535353535354 is
    drawn the same as 0.35354, in a third of the page weight."""
    if isinstance(value, float):
        return round(value, digits)
    if isinstance(value, dict):
        return {key: _rounded_floats(item, digits) for key, item in value.items()}
    if isinstance(value, list):
        return [_rounded_floats(item, digits) for item in value]
    return value


@dataclass
class Page:
    """One chapter page: knows where its downloads go and how the page links to them."""

    docname: str
    download_path: str
    download_dir: Path
    status: str  # every download's `datastatus`: 'exempeldata' or the real source
    charts_written: int = 0
    chapter: site.Chapter | None = None

    @classmethod
    def for_chapter(
        cls, kind: site.Kind, year: int, county: str, status: str, download_dir: str = ""
    ) -> Page:
        chapter = site.Chapter(kind, year, county)
        target = Path(download_dir) if download_dir else config.BUILD_DIR / "preview" / chapter.download_path
        return cls(chapter.docname, chapter.download_path, target, status, chapter=chapter)

    def _county_links(self) -> dict[str, str]:
        """On a riket chapter: each län's name -> its chapter of the same kind and year."""
        if self.chapter is None or self.chapter.county != config.NATIONAL_CODE:
            return {}
        return {
            site.area_name(code): site.link_from(self.docname, f"{other.docname}.html")
            for code in geography.county_codes()
            for other in [site.Chapter(self.chapter.kind, self.chapter.year, code)]
        }

    def switcher(self) -> Markdown:
        """Links to the same area's other chapters and to riket (on riket: to every län)."""
        return Markdown(site.switcher_html(self.chapter)) if self.chapter else Markdown("")

    def _link(self, filename: str) -> str:
        return site.link_from(self.docname, f"{self.download_path}/{filename}")

    def year_file_link(self, relative: str, what: str) -> Markdown:
        """A link to a site-wide file (`relative` to the site root), as raw HTML: a Markdown link to a
        file outside the book's sources would be a Sphinx warning."""
        href = site.link_from(self.docname, relative)
        name = relative.rsplit("/", 1)[-1]
        return Markdown(
            f'<p class="metabok-downloads">{html.escape(what)}: '
            f'<a href="{html.escape(href)}" download>{html.escape(name)}</a> (CSV, UTF-8)</p>'
        )

    def markdown(self, text: str) -> Markdown:
        return Markdown(text)

    def table(self, frame: pd.DataFrame, name: str, caption: str, shown: pd.DataFrame | None = None) -> HTML:
        """Show a table with its CSV and XLSX downloads beside it. `shown`, when given, is
        what the page displays (e.g. rates with the small-numbers rule applied), while the
        downloads hold `frame`'s plain values."""
        self.download_dir.mkdir(parents=True, exist_ok=True)
        csv_path = self.download_dir / f"{name}.csv"
        xlsx_path = self.download_dir / f"{name}.xlsx"
        download = export.with_status(frame, self.status)
        export.write_csv(download, csv_path)
        export.write_xlsx(download, xlsx_path, note=caption, status=self.status)
        links = (
            f'<p class="metabok-downloads">Ladda ner tabellen: '
            f'<a href="{self._link(csv_path.name)}" download>CSV</a> · '
            f'<a href="{self._link(xlsx_path.name)}" download>Excel</a></p>'
        )
        element_id = table_id(name)
        table = html_table(frame if shown is None else shown, caption, element_id, self._county_links())
        # A wide table scrolls sideways inside its wrapper, which keyboard users can then focus.
        wrapper = (
            f'<div class="metabok-table-wrap" id="{element_id}" role="region" tabindex="0" '
            f'aria-labelledby="{element_id}-caption">'
        )
        return HTML(f"{wrapper}{table}</div>{links}")

    def chart(self, chart: alt.TopLevelMixin, name: str, caption: str) -> HTML:
        """The chart's figure. What draws it (spec and data) goes to the page's chart script
        (CHART_SCRIPT beside the downloads), which the page's first chart loads: the page's own
        HTML stays light, and the script is fetched once, also when printed from file://."""
        figure, call = chart_parts(chart, name, caption)
        first = self.charts_written == 0
        self.charts_written += 1
        self.download_dir.mkdir(parents=True, exist_ok=True)
        # The page's first chart starts the script afresh (a rerun replaces it); the others add a line.
        with (self.download_dir / CHART_SCRIPT).open("w" if first else "a", encoding="utf-8") as script:
            script.write(call + "\n")
        if not first:
            return HTML(figure)
        return HTML(f'<script defer src="{html.escape(self._link(CHART_SCRIPT))}"></script>{figure}')

    def synthetic_notice(self, detail: str = "") -> Markdown:
        return Markdown(SYNTHETIC_NOTICE.format(detail=f"{detail} " if detail else ""))

    @property
    def title(self) -> str:
        """The chapter's title as a citation gives it: 'Stockholms län – META 2013'."""
        assert self.chapter is not None
        return f"{site.area_name(self.chapter.county)} – {self.chapter.kind.caption(self.chapter.year)}"

    def _publication(self) -> provenance.Publication:
        """The chapter's publication details (data/utgivning.yml) as inert Markdown."""
        details = provenance.publication(self.chapter.county, self.title)
        fields = ("publisher", "contact", "published", "citation")
        return dataclasses.replace(details, **{f: escape_markdown(getattr(details, f)) for f in fields})

    def byline(self) -> Markdown:
        """'Utgiven av Länsstyrelsen i Stockholms län · publicerad 2026-12-01' under the title."""
        return Markdown(provenance.byline(self._publication()))

    def provenance(self, build_date: str = "", note: str = "") -> Markdown:
        """The footer: publisher, contact, date, citation and sources; the data files the chapter
        read (as observed) with their hashes, the code version and the build date (today when none
        is given) folded in a details block (with `note`)."""
        files = list(dict.fromkeys([*observe.data_files(), config.PUBLICATION_FILE]))
        details = self._publication()
        return Markdown(provenance.footer(files, build_date or provenance.build_date(), details, note))
