"""The built site in a real browser: pages load cleanly, nothing leaves the site, every chart draws and
has a text alternative and a table, headings are in order, search works, and a county chapter reads
on a desktop and a phone."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

import pytest

from browser import checks
from metabok import config

SCREENSHOT_DIR = config.BUILD_DIR / "screenshots"
COUNTY_CHAPTER = "book/kapitel/meta/2013/01-stockholm.html"
RECEPTION_CHAPTER = "book/kapitel/mottagande/2018/01-stockholm.html"


def site_pages(site: Path) -> list[str]:
    """The pages of the site (not the theme's template fragments it copies into _static/)."""
    pages = (p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    return sorted(p for p in pages if not p.startswith("_static/"))


def test_every_page_loads_without_errors_and_requests_nothing_outside(browser, built_site, site_url):
    host = urlparse(site_url).netloc
    pages = site_pages(built_site)
    assert len(pages) > 50
    outside, failing, headings = [], [], []
    context = browser.new_context()
    page = context.new_page()
    events = checks.watch(page)
    for relative in pages:
        events.clear()
        checks.goto(page, f"{site_url}/{relative}")
        outside += [
            f"{relative}: {u}"
            for u in events.requests
            if urlparse(u).netloc not in (host, "") and not u.startswith(("data:", "blob:", "about:"))
        ]
        failing += [f"{relative}: {e}" for e in events.errors + events.dialogs]
        headings += [f"{relative}: {p}" for p in checks.heading_problems(page)]
    context.close()
    assert outside == []
    assert failing == [], "\n".join(failing)
    assert headings == [], "\n".join(headings)


def test_every_chart_on_every_chapter_draws_with_text_alternative_and_table(browser, built_site, site_url):
    chapters = [p for p in site_pages(built_site) if p.startswith("book/kapitel/")]
    context = browser.new_context()
    page = context.new_page()
    checks.watch(page)
    problems = []
    charts_seen = 0
    for relative in chapters:
        checks.goto(page, f"{site_url}/{relative}")
        charts_seen += checks.chart_count(page)
        for problem in (
            checks.undrawn_charts(page)
            + checks.charts_without_text_alternative(page)
            + checks.charts_without_table(page)
        ):
            problems.append(f"{relative}: {problem}")
    context.close()
    assert charts_seen >= 2 * len(chapters)
    assert problems == [], "\n".join(problems)


def test_site_search_finds_a_kommun(page, site_url):
    checks.open_page(page, f"{site_url}/search.html?q=Botkyrka")
    page.wait_for_selector("#search-results ul.search li", timeout=20_000)
    hits = page.locator("#search-results ul.search li a").all_inner_texts()
    assert any("Stockholm" in hit for hit in hits)


@pytest.mark.parametrize(
    "name,width,height", [("desktop", 1280, 900), ("mobil", 390, 844), ("smal", 320, 640)]
)
@pytest.mark.parametrize("chapter", [COUNTY_CHAPTER, RECEPTION_CHAPTER])
def test_county_chapter_screenshot(browser, site_url, chapter, name, width, height):
    context = browser.new_context(viewport={"width": width, "height": height}, device_scale_factor=1)
    page = context.new_page()
    events = checks.open_page(page, f"{site_url}/{chapter}")
    assert events.errors == []
    assert checks.undrawn_charts(page) == []
    assert checks.heading_problems(page) == []
    assert page.locator("table.metabok-table").count() >= 2
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, "sidan är bredare än skärmen"
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    target = SCREENSHOT_DIR / f"{Path(chapter).parent.parent.name}-{Path(chapter).stem}-{name}.png"
    page.screenshot(path=str(target), full_page=True)
    assert target.stat().st_size > 20_000
    context.close()
