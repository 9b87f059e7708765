"""Every chapter as a PDF: printed from the built page (A4, print stylesheet, footer with source,
date and page numbers), linked from the page, cached by what the page shows, and a failure
fails the build without touching the published site."""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from metabok import config
from metabok.build import pdf, publications, site

from helpers import isolated_env, run_metabok, site_digest

A4 = "595.92 x 842.88 pts (A4)"


# --- without a browser ---------------------------------------------------------------------------


def test_the_link_is_relative_to_the_chapter_page():
    chapter = site.Chapter(site.META, 2013, "01")
    assert pdf.pdf_path(chapter) == "pdf/meta/2013/01-stockholm.pdf"
    link = pdf.download_link(chapter)
    assert 'href="../../../../pdf/meta/2013/01-stockholm.pdf"' in link
    assert "Ladda ner kapitlet som PDF" in link
    # From book/kapitel/meta/2013/ four levels up is the site root.
    page_dir = Path("/site") / Path(chapter.docname).parent
    assert (page_dir / "../../../../pdf/meta/2013/01-stockholm.pdf").resolve() == Path(
        "/site/pdf/meta/2013/01-stockholm.pdf"
    )


def fake_page(site_dir: Path, chapter: site.Chapter, navigation: str, article: str) -> None:
    path = site_dir / f"{chapter.docname}.html"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        "<html><head><title>Uppsala län – META 2013 &#8212; META-boken</title></head><body>"
        f'<nav>{navigation}</nav><article class="bd-article">{article}</article></body></html>',
        encoding="utf-8",
    )


def test_the_cache_key_follows_the_article_not_the_navigation(tmp_path):
    chapter = site.Chapter(site.META, 2013, "03")
    fake_page(tmp_path, chapter, "Stockholms län", "<p>syntetiska exempeldata</p><p>Byggd 2026-01-02.</p>")
    first = pdf.printable(chapter, tmp_path)
    assert first.title == "Uppsala län – META 2013"
    assert first.built == "2026-01-02"
    assert first.source == "META 2013, länsstyrelsernas enkät till kommunerna (exempeldata)"
    fake_page(
        tmp_path,
        chapter,
        "Stockholms län, Lägesbilder 2022",
        "<p>syntetiska exempeldata</p><p>Byggd 2026-01-02.</p>",
    )
    assert pdf.printable(chapter, tmp_path).key == first.key
    fake_page(tmp_path, chapter, "Stockholms län", "<p>syntetiska exempeldata</p><p>Byggd 2026-01-03.</p>")
    assert pdf.printable(chapter, tmp_path).key != first.key


def test_the_cache_key_follows_how_charts_are_drawn(tmp_path, monkeypatch):
    """A new chart script or chart library prints the PDFs again, though no page changed."""
    chapter = site.Chapter(site.META, 2013, "03")
    fake_page(tmp_path, chapter, "", "<p>Byggd 2026-01-02.</p>")
    first = pdf.printable(chapter, tmp_path).key
    library = tmp_path / publications.VEGA_BUNDLE_PATH
    library.parent.mkdir(parents=True)
    library.write_text("/* vega 6.1 */", encoding="utf-8")
    second = pdf.printable(chapter, tmp_path).key
    assert second != first
    assert config.BOOK_DIR / "_static" / "metabok.js" in pdf.PRINT_INPUTS
    script = tmp_path / "metabok.js"
    script.write_text("/* drawn one way */", encoding="utf-8")
    monkeypatch.setattr(pdf, "PRINT_INPUTS", (script,))
    third = pdf.printable(chapter, tmp_path).key
    script.write_text("/* drawn another way */", encoding="utf-8")
    assert pdf.printable(chapter, tmp_path).key != third


def test_the_footer_has_source_date_and_page_numbers():
    footer = pdf.footer_template("Titel", "Källa <b>x</b>", "2026-01-02")
    assert '<span class="pageNumber"></span>' in footer and '<span class="totalPages"></span>' in footer
    assert "Källa: Källa &lt;b&gt;x&lt;/b&gt;. META-boken, byggd 2026-01-02." in footer
    assert "font-size" in footer  # Chromium's footer text is invisible without a size


def test_a_chapter_without_a_page_is_a_failure(tmp_path):
    with pytest.raises(pdf.PdfFailed, match="Uppsala län.*finns inte i den byggda webbplatsen"):
        pdf.print_chapters([site.Chapter(site.META, 2013, "03")], tmp_path)


# --- printed from a real build -------------------------------------------------------------------


@pytest.fixture(scope="session")
def poppler() -> None:
    """pdftotext, pdfinfo and pdftoppm (poppler-utils), installed with apt-get when missing."""
    if shutil.which("pdftotext") is None:
        sudo = [] if os.geteuid() == 0 else ["sudo"]
        subprocess.run([*sudo, "apt-get", "update", "-qq"], check=False, capture_output=True)
        subprocess.run(
            [*sudo, "apt-get", "install", "-y", "-qq", "poppler-utils"],
            check=False,
            capture_output=True,
            env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
        )
    assert shutil.which("pdftotext"), "poppler-utils (pdftotext) behövs för PDF-testerna"


@pytest.fixture(scope="module")
def built(tmp_path_factory, poppler):
    """Uppsala län's chapters (META 2013 and 2021, reception 2018) built on a copy of the data."""
    root = tmp_path_factory.mktemp("pdf")
    env = isolated_env(root)
    result = run_metabok(env, "build", "--county", "03")
    assert result.returncode == 0, result.stderr
    assert "3 PDF skrevs ut" in result.stdout
    return root, env


def pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def pdf_info(path: Path) -> dict[str, str]:
    output = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return dict(line.split(":", 1) for line in output.splitlines() if ":" in line)


def test_every_chapter_of_the_site_has_its_pdf_linked_from_the_page(built):
    root, _ = built
    html = root / "_build" / "html"
    chapters = html / "book" / "kapitel"
    pages = sorted(p for kind in ("meta", "mottagande") for p in (chapters / kind).rglob("*.html"))
    assert len(pages) == 3
    for page in pages:
        kind, year, slug = page.relative_to(html / "book" / "kapitel").with_suffix("").parts
        target = html / "pdf" / kind / year / f"{slug}.pdf"
        assert target.read_bytes().startswith(b"%PDF-"), target
        links = re.findall(r'href="([^"]+\.pdf)"', page.read_text(encoding="utf-8"))
        assert len(links) == 1 and "Ladda ner kapitlet som PDF" in page.read_text(encoding="utf-8")
        assert (page.parent / links[0]).resolve() == target.resolve()
    assert sorted(p.relative_to(html).as_posix() for p in (html / "pdf").rglob("*.pdf")) == [
        "pdf/meta/2013/03-uppsala.pdf",
        "pdf/meta/2021/03-uppsala.pdf",
        "pdf/mottagande/2018/03-uppsala.pdf",
    ]


def test_the_pdf_is_a4_with_the_chapter_and_a_footer_but_no_navigation(built):
    root, _ = built
    path = root / "_build" / "html" / "pdf" / "meta" / "2013" / "03-uppsala.pdf"
    info = pdf_info(path)
    pages = int(info["Pages"])
    assert pages >= 2
    assert info["Page size"].strip() == A4
    text = pdf_text(path)
    assert "Uppsala län – META 2013" in text
    assert "Förändring sedan föregående enkät" in text
    assert f"Sida 1 av {pages}" in text and f"Sida {pages} av {pages}" in text
    assert "Källa: META 2013, länsstyrelsernas enkät till kommunerna (exempeldata)" in text
    assert re.search(r"META-boken, byggd \d{4}-\d{2}-\d{2}", text)
    # The site around the article and the download links are not printed.
    assert "Handbok för analytiker" not in text
    assert "Ladda ner tabellen" not in text and "Ladda ner kapitlet" not in text
    reception = pdf_text(root / "_build" / "html" / "pdf" / "mottagande" / "2018" / "03-uppsala.pdf")
    assert "Uppsala län" in reception and "Källa: Migrationsverket och SCB" in reception


def test_a_pdf_page_renders_as_an_image(built, tmp_path):
    root, _ = built
    path = root / "_build" / "html" / "pdf" / "meta" / "2021" / "03-uppsala.pdf"
    subprocess.run(
        ["pdftoppm", "-r", "50", "-png", "-f", "2", "-l", "2", str(path), str(tmp_path / "sida")], check=True
    )
    (image,) = tmp_path.glob("sida*.png")
    assert image.read_bytes().startswith(b"\x89PNG") and image.stat().st_size > 10_000


def print_in_a_thread_of_its_own(items: list[pdf.Printable]) -> list[str]:
    """pdf._print_all as the build runs it, in a thread of its own: a browser test in the same worker
    may hold this thread's event loop (Playwright's sync API)."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(lambda: asyncio.run(pdf._print_all(items, 2))).result()


def test_printed_in_another_order_the_pdfs_are_the_same_bytes(built, tmp_path, monkeypatch):
    """The chapters share one browser, so the tagged PDF's structure ids depend on what was printed
    before; they are numbered anew (pdf.numbered_structure_ids), and the files do not depend on the
    order of printing."""
    root, _ = built
    site_dir = root / "_build" / "html"
    chapters = [c for c in site.chapters() if (site_dir / f"{c.docname}.html").is_file()]
    items = [pdf.printable(chapter, site_dir) for chapter in chapters]
    assert len(items) == 3
    printed = []
    for number, order in enumerate((items, items[::-1])):
        monkeypatch.setattr(pdf, "CACHE_DIR", tmp_path / f"utskrift-{number}")
        assert print_in_a_thread_of_its_own(order) == []
        printed.append({item.chapter.label: pdf.cached_pdf(item.chapter).read_bytes() for item in items})
    assert printed[0] == printed[1]


SHOWN_WIDTHS = """() => [...document.querySelectorAll('.metabok-vis svg')].map((svg) => [
    svg.width.baseVal.value, svg.getBoundingClientRect().width, svg.closest('.metabok-vis').clientWidth])"""


def test_a_chart_wider_than_the_column_is_scaled_to_sixteenths(built):
    """The page is laid out at the paper's column width, and a chart drawn wider is scaled down to
    a multiple of 1/16 of its width (pdf.FIT_CHARTS): its text then has one of few sizes, which a
    reused page prints the same whatever was printed before it."""
    root, _ = built
    page_file = root / "_build" / "html" / f"{site.Chapter(site.META, 2021, '03').docname}.html"

    async def widths() -> list[list[float]]:
        from playwright.async_api import async_playwright

        async with async_playwright() as playwright:
            chromium = playwright.chromium
            browser = await chromium.launch(executable_path=str(pdf.CHROMIUM), args=pdf.CHROMIUM_ARGS)
            context = await browser.new_context(viewport={"width": pdf.COLUMN_PX, "height": 1400})
            page = await pdf._new_page(context)
            await page.goto(page_file.as_uri(), wait_until="load")
            await page.wait_for_function(pdf.CHARTS_DRAWN)
            await page.evaluate(pdf.FIT_CHARTS, pdf.SCALE_STEPS)
            shown = await page.evaluate(SHOWN_WIDTHS)
            await browser.close()
            return shown

    with ThreadPoolExecutor(max_workers=1) as pool:
        charts = pool.submit(lambda: asyncio.run(widths())).result()
    assert pdf.COLUMN_PX == 702
    assert any(drawn > room for drawn, _, room in charts), "no chart was wider than the column"
    for drawn, shown, room in charts:
        assert shown <= room
        steps = shown / drawn * pdf.SCALE_STEPS
        assert abs(steps - round(steps)) < 1e-6, (drawn, shown)
        assert drawn > room or shown == drawn


def test_only_the_changed_chapter_is_printed_again(built):
    root, env = built
    html = root / "_build" / "html" / "pdf"
    others = [*(html / "meta" / "2021").glob("*.pdf"), *(html / "mottagande" / "2018").glob("*.pdf")]
    unchanged = {path: path.read_bytes() for path in others}
    (root / "data" / "enkat" / "2013" / "berattelse" / "03.md").write_text(
        "## Sammanfattning\n\n**Boende**\nLänets kommuner ordnar fler bostäder.\n", encoding="utf-8"
    )
    result = run_metabok(env, "build", "--county", "03")
    assert result.returncode == 0, result.stderr
    assert "1 PDF skrevs ut" in result.stdout
    assert {p: p.read_bytes() for p in unchanged} == unchanged
    assert "Länets kommuner ordnar fler bostäder." in pdf_text(html / "meta" / "2013" / "03-uppsala.pdf")


def test_a_pdf_failure_fails_the_build_and_keeps_the_site(built):
    root, env = built
    published = root / "_build" / "html"
    before = site_digest(published)
    (root / "data" / "enkat" / "2013" / "berattelse" / "03.md").write_text(
        "## Sammanfattning\n\n**Boende**\nEn ändring som inte når fram.\n", encoding="utf-8"
    )
    result = run_metabok({**env, "METABOK_CHROMIUM": str(root / "ingen-chromium")}, "build", "--county", "03")
    assert result.returncode == 1
    assert "Chromium saknas" in result.stderr and "scripts/install_browser.sh" in result.stderr
    assert "Traceback" not in result.stderr
    assert site_digest(published) == before


def test_a_build_without_pdfs_drops_them_and_their_links_until_the_next_full_build(built):
    root, env = built
    html = root / "_build" / "html"
    chapters = html / "book" / "kapitel"
    pages = sorted(p for kind in ("meta", "mottagande") for p in (chapters / kind).rglob("*.html"))
    quick = run_metabok(env, "build", "--county", "03", "--no-pdf")
    assert quick.returncode == 0, quick.stderr
    assert "Inga PDF (--no-pdf)" in quick.stdout and "PDF skrevs ut" not in quick.stdout
    assert not (html / "pdf").exists()
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert "Uppsala län" in text and "metabok-pdf" not in text and ".pdf" not in text, page
    full = run_metabok(env, "build", "--county", "03")
    assert full.returncode == 0, full.stderr
    assert "1 PDF skrevs ut" in full.stdout  # the chapter changed by the test before; the others were kept
    assert len(list((html / "pdf").rglob("*.pdf"))) == 3
    assert all("Ladda ner kapitlet som PDF" in page.read_text(encoding="utf-8") for page in pages)


def test_pdf_clock_dates_become_the_build_date_with_the_same_length():
    from metabok.build.pdf import fixed_dates

    raw = b"<< /CreationDate (D:20261123125500+00'00') /ModDate (D:20261123125501+00'00') >>"
    fixed = fixed_dates(raw, "2026-01-02")
    assert fixed == b"<< /CreationDate (D:20260102000000+00'00') /ModDate (D:20260102000000+00'00') >>"
    assert len(fixed) == len(raw)


def test_pdf_structure_ids_are_numbered_in_order_with_the_same_length():
    from metabok.build.pdf import numbered_structure_ids

    raw = b"/ID (node00000258) /ID (node00000013) /Names [(node00000013) 5 R (node00000258) 7 R]"
    fixed = numbered_structure_ids(raw)
    assert fixed == b"/ID (node00000002) /ID (node00000001) /Names [(node00000001) 5 R (node00000002) 7 R]"
    assert len(fixed) == len(raw)
