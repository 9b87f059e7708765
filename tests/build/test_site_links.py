"""Every link on every page of the built site leads to a file of the site: pages, downloads, PDFs."""

from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from metabok.build import site

from helpers import SESSION_AREAS

LINK = re.compile(r'(?:href|src)="([^"]*)"')


def local_targets(page: Path) -> list[str]:
    """The page's links and sources that point inside the site (no scheme, no host), without fragment."""
    targets = []
    for raw in LINK.findall(page.read_text(encoding="utf-8")):
        parts = urlsplit(html.unescape(raw))
        if not parts.scheme and not parts.netloc and parts.path:
            targets.append(unquote(parts.path))
    return targets


def test_every_local_link_resolves_to_a_file_of_the_site(built_site):
    """The session site is part of the book: a link to a chapter of the whole book that this build
    left out (riket's tables link every län) is allowed; every other link must resolve."""
    book_chapters = {(built_site / f"{c.docname}.html").resolve() for c in site.chapters()}
    pages = [p for p in built_site.rglob("*.html") if p.relative_to(built_site).parts[0] != "_static"]
    broken, checked = [], 0
    for page in pages:
        for target in local_targets(page):
            checked += 1
            resolved = (page.parent / target).resolve()
            if not resolved.is_file() and resolved not in book_chapters:
                broken.append(f"{page.relative_to(built_site)} -> {target}")
    assert checked > 10 * len(pages)
    assert broken == []


def test_every_chapter_links_its_years_collected_file(built_site):
    for chapter in site.chapters(counties=SESSION_AREAS):
        page = built_site / f"{chapter.docname}.html"
        linked = [(page.parent / t).resolve() for t in local_targets(page)]
        assert (built_site / chapter.kind.year_file(chapter.year)).resolve() in linked, chapter.label
