"""Way-finding in the built site: every chapter is one tap from the landing page, every chapter links
to the same area's other chapters and to riket (riket to every län), riket's tables link each län
to its chapter, and 'Hitta kommun' lists all 290 kommuner with links to where their figures stand."""

from __future__ import annotations

import json
import posixpath
import re
from pathlib import Path

import pytest
from sphinx.search.sv import SearchSwedish

from metabok.build import county_map, kommunsok, site
from metabok.sources import geography

HREF = re.compile(r'<a [^>]*href="([^"#]+)(?:#[^"]*)?"')


def links_from(built_site: Path, page: Path, html: str) -> set[str]:
    """The site pages a page links to, as paths from the site root."""
    folder = posixpath.dirname(page.relative_to(built_site).as_posix())
    return {
        posixpath.normpath(posixpath.join(folder, href))
        for href in HREF.findall(html)
        if not href.startswith(("http:", "https:", "mailto:"))
    }


@pytest.fixture(scope="module")
def chapter_pages(built_site) -> dict[str, Path]:
    pages = {
        p.relative_to(built_site).as_posix(): p
        for p in (built_site / "book" / "kapitel").rglob("*.html")
        if p.stem != "hitta-kommun"
    }
    assert pages
    return pages


def area(path: str) -> str:
    return path.rsplit("/", 1)[1].split("-", 1)[0]


def test_every_chapter_is_one_tap_from_the_landing_page(built_site, chapter_pages):
    index = built_site / "index.html"
    target = built_site / "book" / "index.html"
    page = target if target.is_file() else index
    linked = links_from(built_site, page, page.read_text(encoding="utf-8"))
    assert sorted(set(chapter_pages) - linked) == []
    assert f"{kommunsok.DOCNAME}.html" in linked


def test_the_landing_map_leads_each_built_lan_to_its_newest_chapter(built_site, chapter_pages):
    page = built_site / "book" / "index.html"
    html = page.read_text(encoding="utf-8")
    drawing = re.search(r'<figure class="metabok-lankarta">.*?</figure>', html, re.S)
    assert drawing, "the landing page has no map"
    linked = links_from(built_site, page, drawing.group(0))
    built_counties = {area(p) for p in chapter_pages} - {"00"}
    newest: dict[str, str] = {}
    for path in sorted(chapter_pages, reverse=True):  # the newest survey year first
        if path.startswith("book/kapitel/meta/"):
            newest.setdefault(area(path), path)
    assert linked == {newest[code] for code in built_counties}
    assert drawing.group(0).count('aria-label="') == len(built_counties)


def test_the_map_draws_all_21_lan_as_links_with_their_names():
    drawing = county_map.county_map(site.chapters())
    link = r'<a href="([^"]+)" aria-label="([^"]+)"><title>([^<]+)</title><path d="M[^"]+"/></a>'
    links = re.findall(link, drawing)
    assert len(links) == 21
    names = {site.area_name(code) for code in geography.county_codes()}
    assert {label.split(":")[0] for _, label, _ in links} == names
    assert all(label == title for _, label, title in links)
    assert len(drawing) < 40_000, "the map is kept light for a phone"


def test_the_map_shows_only_the_lan_of_the_book():
    drawing = county_map.county_map(site.chapters(counties=["00", "09"]))
    assert drawing.count("<a href=") == 1 and "Gotlands län" in drawing
    assert drawing.count('<g class="metabok-utanfor">') == 20, "the other län are drawn, without links"


def test_every_chapter_links_its_areas_other_chapters_and_riket(built_site, chapter_pages):
    missing = []
    for path, page in chapter_pages.items():
        html = page.read_text(encoding="utf-8")
        switcher = re.search(r'<nav class="metabok-switcher".*?</nav>', html, re.S)
        if switcher is None:
            missing.append(f"{path}: ingen länk till andra kapitel")
            continue
        linked = links_from(built_site, page, switcher.group(0))
        same_area = {p for p in chapter_pages if area(p) == area(path)}
        part = path.rsplit("/", 1)[0]
        wanted = same_area | (
            {p for p in chapter_pages if p.startswith(part + "/")}
            if area(path) == "00"
            else {p for p in chapter_pages if p.startswith(part + "/00-")}
        )
        missing += [f"{path}: saknar länk till {p}" for p in sorted(wanted - linked)]
    assert missing == [], "\n".join(missing)


def test_riket_tables_link_each_lan_to_its_chapter(built_site, chapter_pages):
    for path, page in chapter_pages.items():
        if area(path) != "00":
            continue
        html = page.read_text(encoding="utf-8")
        part = path.rsplit("/", 1)[0]
        counties = {p for p in chapter_pages if p.startswith(part + "/") and area(p) != "00"}
        headers = re.findall(r'<th scope="row">(.*?)</th>', html)
        linked = links_from(built_site, page, " ".join(h for h in headers if h.startswith("<a ")))
        assert counties <= linked, f"{path}: {sorted(counties - linked)}"


def test_hitta_kommun_lists_all_290_with_links(built_site, chapter_pages):
    page = built_site / f"{kommunsok.DOCNAME}.html"
    html = page.read_text(encoding="utf-8")
    items = re.findall(r"<li>(.*?)</li>", html.split('id="metabok-kommuner"', 1)[1], re.S)
    assert len(items) == 290
    # Every kommun in a län whose chapters are built links to them (all 290 in the whole book).
    built = {site.area_name(area(p)) for p in chapter_pages if area(p) != "00"}
    unlinked = [i for i in items if any(f"({name})" in i for name in built) and '<a href="' not in i]
    assert unlinked == []
    sollentuna = next(item for item in items if "Sollentuna" in item)
    assert "mottagande/2018/01-stockholm.html#tabell-mottagna_per_1000_inv" in sollentuna
    if any(p.startswith("book/kapitel/meta/") for p in chapter_pages):
        assert "svarade" in sollentuna


def test_the_landing_list_names_every_area_once():
    text = site.landing_list(site.chapters())
    assert text.count("- **") == 22
    assert "- **Riket**:" in text.splitlines()[0]


def test_site_search_indexes_every_kommun_in_its_lans_reception_chapters(built_site, chapter_pages):
    """The search index holds each kommun's name as a word of its län's reception chapters (the
    tables are raw HTML, which Sphinx indexes with the tags stripped: cells run together into one
    word, 'Sollentuna68', unless they are apart)."""
    text = (built_site / "searchindex.js").read_text(encoding="utf-8")
    index = json.loads(text[text.index("(") + 1 : text.rindex(")")])
    swedish = SearchSwedish({})
    kommuner = geography.municipalities()
    missing = []
    for path in chapter_pages:
        if "/mottagande/" not in path or area(path) == "00":
            continue
        doc = index["docnames"].index(path.removesuffix(".html"))
        for name in kommuner.loc[kommuner["lanskod"] == area(path), "kommun"]:
            for word in re.findall(r"\w+", name.lower()):
                # A word of the page's title is listed among the title terms only.
                found = [index[kind].get(swedish.stem(word), []) for kind in ("terms", "titleterms")]
                docs = [d for f in found for d in (f if isinstance(f, list) else [f])]
                if word not in swedish.stopwords and doc not in docs:
                    missing.append(f"{path}: {name}")
    assert missing == [], missing


def test_the_site_root_sends_readers_on_with_the_site_icon(built_site):
    """The root page names its icon: a bare redirect made the browser ask for a /favicon.ico the
    site does not have (a 404 in the console, now and then, as the redirect raced it)."""
    root = (built_site / "index.html").read_text(encoding="utf-8")
    assert '<html lang="sv">' in root
    assert 'url=book/index.html"' in root and '<a href="book/index.html">' in root
    icon = re.search(r'<link rel="icon" href="([^"]+)"', root)
    assert icon and (built_site / icon.group(1)).is_file()
