"""The built site in a real browser: pages load cleanly, nothing leaves the site, every chart draws and
has a text alternative and a table, headings are in order, the län's and riket's columns are in view
at 1280 px, search works, and a county chapter reads on a desktop and a phone."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from browser import checks
from metabok import config
from metabok.build import site

from helpers import SESSION_AREAS

SCREENSHOT_DIR = config.BUILD_DIR / "screenshots"
COUNTY_CHAPTER = "book/kapitel/meta/2013/01-stockholm.html"
RECEPTION_CHAPTER = "book/kapitel/mottagande/2018/01-stockholm.html"


def test_every_page_loads_without_errors_and_requests_nothing_outside(desktop_pass):
    chapters = {f"{c.docname}.html" for c in site.chapters(counties=SESSION_AREAS)}
    assert chapters < set(desktop_pass["pages"])
    assert desktop_pass["outside"] == []
    assert desktop_pass["failing"] == [], "\n".join(desktop_pass["failing"])
    assert desktop_pass["headings"] == [], "\n".join(desktop_pass["headings"])


def test_every_chart_on_every_chapter_draws_with_text_alternative_and_table(desktop_pass):
    counts = desktop_pass["charts_seen"]
    assert counts and all(int(c.rsplit(": ", 1)[1]) >= 2 for c in counts), counts
    assert desktop_pass["charts"] == [], "\n".join(desktop_pass["charts"])


def test_county_and_riket_columns_are_in_view_at_1280(desktop_pass):
    # Every test of the desktop pass is in this file: the pass (a session fixture) is then made
    # once, in the one test worker that runs this file.
    assert desktop_pass["columns"] == [], "\n".join(desktop_pass["columns"])


def test_site_search_finds_a_kommun_in_its_reception_chapter_with_a_readable_snippet(page, site_url):
    checks.open_page(page, f"{site_url}/search.html?q=Sollentuna")
    page.wait_for_selector("#search-results ul.search li p.context", timeout=20_000)
    hits = page.locator("#search-results ul.search li")
    reception = [
        hits.nth(i).inner_text()
        for i in range(hits.count())
        if "mottagande/2018/01-stockholm" in (hits.nth(i).locator("a").first.get_attribute("href") or "")
    ]
    assert reception, hits.all_inner_texts()
    # The table's cells stay apart in the snippet: 'Sollentuna 73 … 2,9', not 'Sollentuna732,9'.
    assert re.search(r"Sollentuna\s+\d", reception[0]), reception[0]


DIMMED_MARKS = """() => [...document.querySelectorAll('.metabok-vis')]
  .map(vis => vis.querySelectorAll('[fill-opacity="0.3"]').length)"""
PICKERS = "figure.metabok-chart .vega-bindings select"


def test_a_lan_marked_in_one_riket_chart_is_marked_in_the_others(page, site_url):
    checks.open_page(page, f"{site_url}/book/kapitel/mottagande/2018/00-riket.html")
    pickers = page.locator(PICKERS)
    assert pickers.count() == 2, "the bar chart and the map of riket"
    assert [n for n in page.evaluate(DIMMED_MARKS) if n] == [], "no län is marked at first"
    pickers.nth(1).select_option(label="Gotlands län")
    page.wait_for_function(
        f"() => [...document.querySelectorAll('{PICKERS}')].every(s => s.value === 'Gotlands län')"
    )
    page.wait_for_function(f"() => ({DIMMED_MARKS})().filter(n => n === 20).length === 2")
    pickers.nth(0).select_option(index=0)
    page.wait_for_function(f"() => ({DIMMED_MARKS})().every(n => n === 0)")


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
