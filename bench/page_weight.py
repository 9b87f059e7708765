"""Page weight of the built site, as a reader's browser loads it; prints JSON.

Usage: python bench/page_weight.py [SITE] [PAGE ...]
SITE defaults to the published build (_build/html, or METABOK_BUILD_DIR/html); the pages default to
META Stockholm 2013, mottagande Stockholm 2018 and the riket chapters of those years. Each page is
opened in Chromium with an empty cache and every response body is counted (bytes as served, without
compression, as a plain static server sends them), with the HTML and the largest requests apart.
"""

from __future__ import annotations

import functools
import http.server
import json
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from metabok import config  # noqa: E402

PAGES = (
    "book/kapitel/meta/2013/01-stockholm.html",
    "book/kapitel/meta/2013/00-riket.html",
    "book/kapitel/mottagande/2018/01-stockholm.html",
    "book/kapitel/mottagande/2018/00-riket.html",
)
LIMITS_KB = {"html": 300, "total": 1500}  # a county chapter's targets (issue 12)


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def body_size(response) -> int:
    """The body's bytes, read after the page has loaded (a large body is not there yet while its
    response event runs); 0 for a redirect or an aborted request."""
    try:
        return len(response.body())
    except Exception:  # noqa: BLE001 - a redirect or aborted request has no body
        return 0


def measure(browser, base: str, relative: str) -> dict:
    context = browser.new_context()
    page = context.new_page()
    responses = []
    page.on("response", lambda response: responses.append(response))
    page.goto(f"{base}/{relative}", wait_until="networkidle")
    page.wait_for_timeout(500)
    sizes = {response.url: body_size(response) for response in responses}
    context.close()
    html = sizes.get(f"{base}/{relative}", 0)
    largest = sorted(sizes.items(), key=lambda pair: -pair[1])[:5]
    return {
        "html_kb": round(html / 1000, 1),
        "total_kb": round(sum(sizes.values()) / 1000, 1),
        "requests": len(sizes),
        "largest_kb": {url.removeprefix(base + "/").split("?")[0]: round(n / 1000, 1) for url, n in largest},
    }


def site_and_pages(argv: list[str]) -> tuple[Path, list[str]]:
    """The site (argument 1, or the published build) and the pages (the rest, or PAGES)."""
    site = Path(argv[1]) if len(argv) > 1 else config.BUILD_DIR / "html"
    return site, argv[2:] or [p for p in PAGES if (site / p).is_file()]


@contextmanager
def served(site: Path) -> Iterator[str]:
    """The site served on 127.0.0.1 by a plain static server; yields its base URL."""
    handler = functools.partial(QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


def main() -> None:
    site, pages = site_and_pages(sys.argv)
    with served(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        measured = {p: measure(browser, base, p) for p in pages}
        browser.close()
    result = {"site": str(site), "limits_kb": LIMITS_KB, "pages": measured}
    print(json.dumps(result, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
