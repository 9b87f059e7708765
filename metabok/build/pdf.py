"""Every chapter also as a PDF, for a county board to send to its kommuner.

The PDF is printed from the built page by headless Chromium (Playwright's `page.pdf`: A4,
backgrounds printed), after the charts are drawn and fitted to the column (FIT_CHARTS), with the
book's print stylesheet (book/_static/print.css: no navigation, charts kept whole, tables not cut
mid-row) and a footer with the source, the build date and the page number. A page is reused for
the next chapter; the PDFs do not depend on the order of printing. A PDF is printed again only when
what it shows changed: the key is a hash of the page's article (not its navigation, which
changes whenever a chapter is added), the stylesheets, the chart script and library, this
module and the footer. Printed PDFs are kept in
the build cache and copied into the new site under pdf/<kind>/<year>/<slug>.pdf.
"""

from __future__ import annotations

import asyncio
import hashlib
import html
import os
import re
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

from metabok import config
from metabok.build import provenance, publications, site
from metabok.files import link_or_copy, write_atomic

PDF_DIR = "pdf"
CACHE_DIR = config.BUILD_DIR / "cache" / "pdf"
CHROMIUM = Path(os.environ.get("METABOK_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
LINK_TEXT = "Ladda ner kapitlet som PDF"
# Besides the page's article, what a printed PDF depends on: the stylesheets, the script that draws
# the charts, the chart library (in the built site) and how this module prints.
PRINT_INPUTS = (
    config.BOOK_DIR / "_static" / "print.css",
    config.BOOK_DIR / "_static" / "metabok.css",
    config.BOOK_DIR / "_static" / "metabok.js",
    Path(__file__),
)
SIDE_MARGIN_MM = 12
MARGINS = {"top": "14mm", "bottom": "16mm", "left": f"{SIDE_MARGIN_MM}mm", "right": f"{SIDE_MARGIN_MM}mm"}
# The printed column of an A4 page in CSS pixels (96 per inch), rounded down: the page is laid out
# at this width before printing, as it is printed.
COLUMN_PX = int((210 - 2 * SIDE_MARGIN_MM) / 25.4 * 96)
# A chart wider than the column is scaled down to a multiple of 1/SCALE_STEPS of its drawn width.
# Pages are reused from chapter to chapter, and Chromium shares one font between text sizes in the
# same hundredth of a pixel: with any scale, a chart's text could print 10.10 or 10.11 depending on
# the chapters printed before in that page. On a coarse grid of scales the sizes lie apart, and a
# PDF does not depend on the order of printing (tests/build/test_pdf.py).
SCALE_STEPS = 16
FIT_CHARTS = """(steps) => {
  const drawings = [...document.querySelectorAll('.metabok-vis svg')];
  const rooms = drawings.map((svg) => svg.parentElement.clientWidth);
  drawings.forEach((svg, i) => {
    const width = svg.width.baseVal.value;
    if (width > rooms[i]) {
      const scale = Math.floor((rooms[i] / width) * steps) / steps;
      svg.style.setProperty('width', `${width * scale}px`, 'important');
    }
  });
}"""
PAGE_TIMEOUT_MS = 180_000  # loading a page and drawing its charts; a stuck page fails the build
MAX_PARALLEL = 4
# True once every chart on the page has been drawn (vega-embed puts an <svg> in its div).
CHARTS_DRAWN = (
    "() => document.readyState === 'complete' && "
    "[...document.querySelectorAll('.metabok-vis')].every(e => e.querySelector('svg'))"
)

# book/_static/metabok.js then draws each chart once, as designed, instead of fitting it to the
# screen (print.css scales it to the paper): a chapter's charts are drawn in about half the time.
PRINTING = "window.metabokPrinting = true;"

# Links to other pages of the book would print as file:// addresses of the build folder, which
# mean nothing to a reader of the PDF: they are printed as plain text instead.
UNLINK_LOCAL = (
    "() => document.querySelectorAll('a[href]').forEach(a => {"
    " if (!/^(https?:|mailto:)/.test(a.getAttribute('href'))) a.removeAttribute('href'); })"
)
_PDF_DATE = re.compile(rb"/(CreationDate|ModDate) \(D:(\d{14})")
_STRUCTURE_ID = re.compile(rb"\(node(\d{8})\)")
_ARTICLE = re.compile(r"<article\b.*?</article>", re.S)
_TITLE = re.compile(r"<title>(.*?)</title>", re.S)
_BUILT = re.compile(r"Byggd (\d{4}-\d{2}-\d{2})")
_TAGS = re.compile(r"<[^>]+>")


class PdfFailed(Exception):
    """One or more chapters could not be printed; the message lists them all."""


def pdf_path(chapter: site.Chapter) -> str:
    """Where the chapter's PDF is published, relative to the site root."""
    return f"{PDF_DIR}/{chapter.kind.name}/{chapter.year}/{site.area_slug(chapter.county)}.pdf"


def download_link(chapter: site.Chapter) -> str:
    """The link to the chapter's PDF (relative to the page), as raw HTML for a Markdown cell: a
    Markdown link to a file outside the book's sources would be a Sphinx warning, and in a
    Markdown cell the link keeps the theme's colours (in dark mode too)."""
    href = site.link_from(chapter.docname, pdf_path(chapter))
    return f'<p class="metabok-pdf"><a href="{html.escape(href)}" download>{LINK_TEXT}</a> (A4)</p>'


_LINK_PARAGRAPH = re.compile(r'<p class="metabok-pdf">.*?</p>\s*', re.S)


def remove_pdfs(chapters: list[site.Chapter], site_dir: Path) -> None:
    """A site published without PDFs: no pdf/ folder (an earlier build's PDFs may be stale) and no
    chapter page linking to one."""
    shutil.rmtree(site_dir / PDF_DIR, ignore_errors=True)
    for chapter in chapters:
        page = site_dir / f"{chapter.docname}.html"
        if page.is_file():
            page.write_text(_LINK_PARAGRAPH.sub("", page.read_text(encoding="utf-8")), encoding="utf-8")


# --- what a PDF shows --------------------------------------------------------------------------


@dataclass(frozen=True)
class Printable:
    """One chapter page to print: where its HTML is and what goes into the footer."""

    chapter: site.Chapter
    html_file: Path
    title: str
    source: str
    built: str
    key: str


def _plain(fragment: str) -> str:
    return " ".join(html.unescape(_TAGS.sub(" ", fragment)).split())


def printable(chapter: site.Chapter, site_dir: Path) -> Printable:
    """The chapter's built page with its footer text and cache key; PdfFailed without a page."""
    html_file = site_dir / f"{chapter.docname}.html"
    if not html_file.is_file():
        raise PdfFailed(f"{chapter.label}: sidan {chapter.docname}.html finns inte i den byggda webbplatsen")
    text = html_file.read_text(encoding="utf-8")
    article = _ARTICLE.search(text)
    shown = article.group(0) if article else text
    title_match = _TITLE.search(text)
    title = _plain(title_match.group(1)).split(" \u2014 ")[0] if title_match else chapter.label
    built = _BUILT.search(shown)
    build_date = built.group(1) if built else provenance.build_date()
    source = chapter.kind.source(chapter.year)
    if "syntetiska exempeldata" in shown:
        source += " (exempeldata)"
    digest = hashlib.sha256()
    for part in (shown, title, source, build_date, footer_template(title, source, build_date)):
        digest.update(part.encode())
    for path in (*PRINT_INPUTS, site_dir / publications.VEGA_BUNDLE_PATH):
        digest.update(path.read_bytes() if path.is_file() else b"")
    digest.update(repr(MARGINS).encode())
    return Printable(chapter, html_file, title, source, build_date, digest.hexdigest())


def header_template(title: str) -> str:
    return (
        '<div style="font-family: sans-serif; font-size: 7pt; color: #555; width: 100%; '
        f'padding: 0 12mm; text-align: right;">{html.escape(title)}</div>'
    )


def footer_template(title: str, source: str, built: str) -> str:
    """The page footer: source, build date and 'Sida 3 av 12' (Chromium fills in the numbers)."""
    return (
        '<div style="font-family: sans-serif; font-size: 7pt; color: #333; width: 100%; '
        'padding: 0 12mm; display: flex; justify-content: space-between; gap: 6mm;">'
        f"<span>Källa: {html.escape(source)}. META-boken, byggd {html.escape(built)}.</span>"
        '<span style="white-space: nowrap;">Sida <span class="pageNumber"></span> av '
        '<span class="totalPages"></span></span></div>'
    )


# --- printing -----------------------------------------------------------------------------------


def fixed_dates(pdf: bytes, built: str) -> bytes:
    """Chromium stamps the clock into the PDF; the build date (same length) makes two builds equal."""
    stamp = built.replace("-", "").encode() + b"000000"
    return _PDF_DATE.sub(lambda m: b"/" + m.group(1) + b" (D:" + stamp, pdf)


def numbered_structure_ids(pdf: bytes) -> bytes:
    """The tagged PDF names its structure elements after the page's DOM nodes ('node00000258'), whose
    numbers depend on what the browser's page process drew before. Numbered 1, 2, 3 … in their order
    (same length, same order, so the PDF's ID tree stays sorted), two builds print equal files."""
    found = sorted(set(_STRUCTURE_ID.findall(pdf)))
    number = {old: b"(node%08d)" % rank for rank, old in enumerate(found, start=1)}
    return _STRUCTURE_ID.sub(lambda m: number[m.group(1)], pdf)


def reproducible(pdf: bytes, built: str) -> bytes:
    return numbered_structure_ids(fixed_dates(pdf, built))


def cached_pdf(chapter: site.Chapter) -> Path:
    return CACHE_DIR / pdf_path(chapter).removeprefix(f"{PDF_DIR}/")


def is_cached(item: Printable) -> bool:
    target = cached_pdf(item.chapter)
    stamp = target.with_suffix(".key")
    return target.is_file() and stamp.is_file() and stamp.read_text() == item.key


async def _new_page(context):
    page = await context.new_page()
    await page.add_init_script(PRINTING)
    # Laid out for print from the start (once, not for the screen and then again for print), at
    # the paper's width (COLUMN_PX): the book printed in about seven eighths of the time.
    await page.emulate_media(media="print")
    return page


async def _print_one(page, item: Printable) -> None:
    target = cached_pdf(item.chapter)
    target.parent.mkdir(parents=True, exist_ok=True)
    work = target.with_name(f"{target.stem}.tmp-{os.getpid()}.pdf")
    try:
        await page.goto(item.html_file.resolve().as_uri(), wait_until="load", timeout=PAGE_TIMEOUT_MS)
        await page.wait_for_function(CHARTS_DRAWN, timeout=PAGE_TIMEOUT_MS)
        await page.evaluate("() => document.fonts.ready.then(() => true)")
        await page.evaluate(UNLINK_LOCAL)
        await page.evaluate(FIT_CHARTS, SCALE_STEPS)
        await page.pdf(
            path=str(work),
            format="A4",
            print_background=True,
            display_header_footer=True,
            header_template=header_template(item.title),
            footer_template=footer_template(item.title, item.source, item.built),
            margin=MARGINS,
            outline=True,
            tagged=True,
        )
        work.write_bytes(reproducible(work.read_bytes(), item.built))
        work.replace(target)
        write_atomic(target.with_suffix(".key"), item.key)
    finally:
        work.unlink(missing_ok=True)


async def _print_in_turn(context, queue: asyncio.Queue, failures: dict) -> None:
    """Print the queued items one after another in one page (a page that failed is replaced)."""
    page = None
    while not queue.empty():
        item = queue.get_nowait()
        try:
            page = page or await _new_page(context)
            await _print_one(page, item)
        except Exception as error:  # noqa: BLE001 - every chapter that fails is reported
            failures[item] = error
            if page is not None:
                await page.close()
            page = None
    if page is not None:
        await page.close()


async def _print_all(items: list[Printable], jobs: int) -> list[str]:
    """Print every item; returns the failures (chapter: reason) instead of stopping at the first."""
    from playwright.async_api import async_playwright

    queue: asyncio.Queue = asyncio.Queue()
    for item in items:
        queue.put_nowait(item)
    failures: dict[Printable, BaseException] = {}
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            # One browser context, and one page for each of `jobs` chapters printed at a time: the
            # chart library is compiled once per page and its code reused (a book printed two at a
            # time in 44 s instead of 50 s with a new page per chapter).
            context = await browser.new_context(viewport={"width": COLUMN_PX, "height": 1400})
            pages = max(1, min(jobs, MAX_PARALLEL, len(items)))
            await asyncio.gather(*(_print_in_turn(context, queue, failures) for _ in range(pages)))
        finally:
            await browser.close()
    return [f"{item.chapter.label}: {_reason(failures[item])}" for item in items if item in failures]


def _reason(error: BaseException) -> str:
    """The first line of an error, with its type (Playwright's messages run over many lines)."""
    lines = str(error).strip().splitlines()
    return f"{type(error).__name__}: {lines[0]}" if lines else type(error).__name__


@dataclass
class PdfReport:
    printed: list[str] = field(default_factory=list)
    cached: list[str] = field(default_factory=list)


def print_chapters(
    chapters: list[site.Chapter], site_dir: Path, jobs: int = 2, quiet: bool = False
) -> PdfReport:
    """Make site_dir/pdf hold exactly one PDF per chapter, printing those whose page changed.

    Raises PdfFailed listing every chapter that could not be printed."""
    items, failures = [], []
    for chapter in chapters:
        try:
            items.append(printable(chapter, site_dir))
        except PdfFailed as error:
            failures.append(str(error))
    stale = [item for item in items if not is_cached(item)]
    report = PdfReport(
        printed=[i.chapter.label for i in stale], cached=[i.chapter.label for i in items if i not in stale]
    )
    if stale:
        if not CHROMIUM.is_file():
            raise PdfFailed(
                f"Chromium saknas ({CHROMIUM}); PDF-filerna kan inte skrivas ut. "
                "Installera den med: bash scripts/install_browser.sh"
            )
        if not quiet:
            print(f"PDF: skriver ut {len(stale)} kapitel …", file=sys.stderr)
        try:
            failures += asyncio.run(_print_all(stale, jobs))
        except Exception as error:  # noqa: BLE001 - e.g. the browser does not start
            failures.append(f"webbläsaren startade inte: {_reason(error)}")
    if failures:
        raise PdfFailed(
            "Kapitel som inte gick att skriva ut som PDF:\n" + "\n".join(f"  - {f}" for f in sorted(failures))
        )
    output = site_dir / PDF_DIR
    shutil.rmtree(output, ignore_errors=True)
    for item in items:
        target = site_dir / pdf_path(item.chapter)
        target.parent.mkdir(parents=True, exist_ok=True)
        link_or_copy(cached_pdf(item.chapter), target)
    return report
