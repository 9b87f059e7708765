"""Trimming the theme's stylesheets and icon font to what the site uses (metabok/build/theme_assets.py)."""

from __future__ import annotations

import io
from pathlib import Path

import pydata_sphinx_theme
from fontTools.ttLib import TTFont

from metabok.build import theme_assets
from metabok.build.theme_assets import icon_codepoints, purge_css, split_rules, subset_font

SOLID_FONT = (
    Path(pydata_sphinx_theme.__file__).parent
    / "theme/pydata_sphinx_theme/static/vendor/fontawesome/webfonts/fa-solid-900.woff2"
)


def test_a_rule_for_a_class_nobody_uses_goes_and_the_others_stay():
    css = ".used{color:red}.unused{color:blue}p{margin:0}.used .unused{x:1}"
    assert purge_css(css, {"used"}) == ".used{color:red}p{margin:0}"


def test_a_selector_list_keeps_only_its_selectors_that_can_match():
    assert purge_css(".a,.b>.c,div.a:hover{x:1}", {"a"}) == ".a,div.a:hover{x:1}"


def test_classes_inside_not_or_attribute_selectors_never_cause_a_drop():
    css = '.a:not(.gone){x:1}a[href$=".pdf"]{y:2}.a:is(.gone,.also-gone){z:3}'
    assert purge_css(css, {"a"}) == css


def test_media_blocks_are_purged_inside_and_dropped_when_empty():
    css = "@media (min-width:960px){.a{x:1}.gone{y:2}}@media print{.gone{z:3}}"
    assert purge_css(css, {"a"}) == "@media (min-width:960px){.a{x:1}}"


def test_font_faces_keyframes_and_charset_are_kept_whole():
    css = '@charset "UTF-8";@font-face{font-family:X;src:url(x.woff2)}@keyframes spin{0%{a:1}to{a:2}}'
    assert purge_css(css, set()) == css


def test_braces_and_semicolons_inside_strings_and_comments_do_not_split_rules():
    css = '/* .gone { */.a:before{content:"};{"}.gone{x:1}'
    assert split_rules(css) == [(".a:before", 'content:"};{"'), (".gone", "x:1")]
    assert purge_css(css, {"a"}) == '.a:before{content:"};{"}'


def test_classes_scripts_build_from_pieces_are_kept_by_prefix():
    assert purge_css(".bs-tooltip-auto{x:1}", set()) == ".bs-tooltip-auto{x:1}"


def test_icon_codepoints_are_read_from_escapes_and_literal_private_use_characters():
    assert icon_codepoints(['.fa-bars:before{content:"\\f0c9"}', ':root{--icon:"\uf071"}']) == {
        0xF0C9,
        0xF071,
    }


def test_the_icon_font_keeps_exactly_the_glyphs_it_is_asked_for():
    data = SOLID_FONT.read_bytes()
    smaller = subset_font(data, {0xF0C9, 0xF002})
    assert len(smaller) < len(data) / 20
    assert set(TTFont(io.BytesIO(smaller)).getBestCmap()) == {0xF0C9, 0xF002}
    assert subset_font(smaller, {0xF0C9, 0xF002}) == smaller
    # No time stamp of its own: two builds give the same bytes.
    original_stamp = TTFont(io.BytesIO(data))["head"].modified
    assert TTFont(io.BytesIO(smaller))["head"].modified == original_stamp


def test_slim_trims_a_site_and_gives_the_same_bytes_when_run_again(tmp_path: Path):
    site = tmp_path / "html"
    (site / theme_assets.ICON_FONT_DIR).mkdir(parents=True)
    (site / theme_assets.ICON_FONT_DIR / "fa-solid-900.woff2").write_bytes(SOLID_FONT.read_bytes())
    (site / "_static" / "theme.css").write_text(
        '.fa-bars:before{content:"\\f0c9"}.fa-ship:before{content:"\\f21a"}.menu{x:1}.js-added{y:2}'
        ".never-loaded{z:3}",
        encoding="utf-8",
    )
    (site / "_static" / "app.js").write_text('el.classList.add("js-added")', encoding="utf-8")
    (site / "_static" / "unused.js").write_text('"never-loaded fa-ship"', encoding="utf-8")
    (site / "index.html").write_text(
        '<script src="_static/app.js?v=1"></script><i class="fa-solid fa-bars"></i><div class="menu">',
        encoding="utf-8",
    )

    report = theme_assets.slim(site)

    css = (site / "_static" / "theme.css").read_text(encoding="utf-8")
    assert css == '.fa-bars:before{content:"\\f0c9"}.menu{x:1}.js-added{y:2}'
    font = (site / theme_assets.ICON_FONT_DIR / "fa-solid-900.woff2").read_bytes()
    assert set(TTFont(io.BytesIO(font)).getBestCmap()) == {0xF0C9}
    assert report.css_after < report.css_before and report.fonts_after < report.fonts_before
    snapshot = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    theme_assets.slim(site)
    assert {p: p.read_bytes() for p in site.rglob("*") if p.is_file()} == snapshot
