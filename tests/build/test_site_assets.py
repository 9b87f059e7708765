"""The built site's own weight: chapters load only the assets they use, the theme's stylesheets and
icon font are cut to what the site uses, and every icon the stylesheets draw is still in the font."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pydata_sphinx_theme
import pytest
from fontTools.ttLib import TTFont

from metabok.build import theme_assets

THEME_STATIC = Path(pydata_sphinx_theme.__file__).parent / "theme/pydata_sphinx_theme/static"
THEME_CSS = THEME_STATIC / "styles/pydata-sphinx-theme.css"
THEME_FONTS = THEME_STATIC / "vendor/fontawesome/webfonts"
OPTIONAL = ("copybutton", "clipboard.min.js", "togglebutton", "sphinx-design", "design-tabs", "pygments.css")
ASSET = re.compile(r"""<(?:script|link)\b[^>]*\b(?:src|href)="([^"]+)""")


def assets(page: Path) -> list[str]:
    return ASSET.findall(page.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def chapter_pages(built_site) -> list[Path]:
    pages = sorted((built_site / "book" / "kapitel").rglob("*.html"))
    assert len(pages) > 10
    return pages


def test_chapters_load_no_asset_for_code_toggles_or_tabs(chapter_pages):
    loaded = {
        p.relative_to(p.parents[3]).as_posix(): [a for a in assets(p) if any(o in a for o in OPTIONAL)]
        for p in chapter_pages
    }
    assert {page: found for page, found in loaded.items() if found} == {}


def test_a_page_with_code_blocks_keeps_its_copy_button(built_site):
    handbook = built_site / "book" / "handbok.html"
    assert "<pre" in handbook.read_text(encoding="utf-8")
    assert any("copybutton" in a for a in assets(handbook))


def test_a_county_chapter_is_at_most_300_kb_of_html(chapter_pages):
    heavy = {p.name: p.stat().st_size for p in chapter_pages if not p.name.startswith("00-")}
    assert heavy and {name: size for name, size in heavy.items() if size > 300_000} == {}


def test_the_theme_stylesheet_keeps_what_the_pages_use_and_loses_the_rest(built_site):
    served = (built_site / "_static" / "styles" / "pydata-sphinx-theme.css").read_text(encoding="utf-8")
    assert len(served) < len(THEME_CSS.read_text(encoding="utf-8")) / 2
    for used in (".bd-sidebar-primary", ".fa-bars:before", ".bd-search", "[data-theme=dark]"):
        assert used in served
    assert ".fa-ship:before" not in served and ".display-1" not in served and ".form-range" not in served


def test_every_icon_the_stylesheets_draw_is_in_the_cut_font(built_site):
    sheets = [p.read_text(encoding="utf-8") for p in (built_site / "_static").rglob("*.css")]
    drawn = theme_assets.icon_codepoints(sheets)
    font_file = built_site / theme_assets.ICON_FONT_DIR / "fa-solid-900.woff2"
    glyphs = set(TTFont(io.BytesIO(font_file.read_bytes())).getBestCmap())
    original = set(TTFont(THEME_FONTS / "fa-solid-900.woff2").getBestCmap())
    assert 0xF0C9 in drawn  # the menu button's bars
    assert drawn & original <= glyphs
    assert font_file.stat().st_size < 10_000
