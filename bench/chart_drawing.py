"""How much work a reader's browser does to draw a chapter's charts; prints JSON.

Usage: python bench/chart_drawing.py [SITE] [PAGE ...]
SITE and the pages default as in bench/page_weight.py. Each page is opened at a phone's width (390 px)
and a desktop's (1280 px), LOADS times in a fresh browser context; printed per page and width: the
charts, the drawings (vega-embed calls: metabok.js draws a chart again to fit it to a narrow place)
and the median milliseconds from the start of the page load until the last drawing is done.
"""

from __future__ import annotations

import json
import statistics
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.page_weight import served, site_and_pages  # noqa: E402
from tests.browser import checks  # noqa: E402

WIDTHS = (390, 1280)
LOADS = 5  # the first load of each page and width is a warm-up and not counted


def measure(browser, base: str, relative: str, width: int) -> dict:
    """Counted with the browser tests' own chart tracker (tests/browser/checks.py)."""
    times, drawings, charts = [], 0, 0
    for load in range(LOADS):
        context = browser.new_context(viewport={"width": width, "height": 800})
        page = context.new_page()
        checks.open_page(page, f"{base}/{relative}")
        drawings, charts = checks.drawings(page), checks.chart_count(page)
        if load:
            times.append(page.evaluate("window.__metabokCharts.lastSettled"))
        context.close()
    return {"charts": charts, "drawings": drawings, "charts_drawn_ms": round(statistics.median(times))}


def main() -> None:
    site, pages = site_and_pages(sys.argv)
    with served(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        measured = {p: {str(w): measure(browser, base, p, w) for w in WIDTHS} for p in pages}
        browser.close()
    print(json.dumps({"site": str(site), "pages": measured}, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
