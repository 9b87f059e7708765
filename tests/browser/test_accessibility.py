"""Accessibility of the built site, checked with axe-core (the version pinned in package-lock.json) in
Chromium: the landing page, a META chapter and a reception chapter have no serious or critical
violations, in the theme's light mode (the default) and dark mode. The only exceptions are the
theme's own elements listed in checks.THEME_EXCEPTIONS (see book/tillganglighet.md)."""

from __future__ import annotations

import json

import pytest

from browser import checks
from metabok import config

PAGES = [
    "book/index.html",
    "book/kapitel/meta/2013/01-stockholm.html",
    "book/kapitel/mottagande/2018/01-stockholm.html",
]


@pytest.mark.parametrize("relative", PAGES)
@pytest.mark.parametrize("mode", ["ljust", "mörkt"])
def test_no_serious_or_critical_axe_violations(request, axe_script, site_url, relative, mode):
    page = request.getfixturevalue("page" if mode == "ljust" else "dark_page")
    events = checks.open_page(page, f"{site_url}/{relative}")
    expected_theme = "light" if mode == "ljust" else "dark"
    assert page.evaluate("() => document.documentElement.dataset.theme") == expected_theme
    assert events.errors == []
    assert checks.axe_violations(page) == []


@pytest.mark.parametrize("relative", PAGES)
def test_charts_have_text_and_table_and_headings_are_in_order(page, site_url, relative):
    checks.open_page(page, f"{site_url}/{relative}")
    if "kapitel" in relative:
        assert checks.chart_count(page) >= 2
    assert checks.undrawn_charts(page) == []
    assert checks.charts_without_text_alternative(page) == []
    assert checks.charts_without_table(page) == []
    assert checks.heading_problems(page) == []
    labels = page.eval_on_selector_all(".metabok-vis", "els => els.map(e => e.getAttribute('aria-label'))")
    assert all(len(label) > 30 for label in labels), labels


def test_wide_tables_can_be_scrolled_with_the_keyboard(page, site_url):
    checks.open_page(page, f"{site_url}/{PAGES[2]}")
    wrappers = page.locator(".metabok-table-wrap")
    assert wrappers.count() >= 3
    for index in range(wrappers.count()):
        wrapper = wrappers.nth(index)
        assert wrapper.get_attribute("tabindex") == "0"
        assert wrapper.get_attribute("role") == "region"
        caption = page.locator(f"#{wrapper.get_attribute('aria-labelledby')}")
        assert caption.evaluate("e => e.localName") == "caption"
        assert caption.inner_text().strip()


def test_the_accessibility_statement_names_the_axe_version_tested_with():
    lock = json.loads((config.PROJECT_ROOT / "package-lock.json").read_text(encoding="utf-8"))
    version = lock["packages"]["node_modules/axe-core"]["version"]
    statement = (config.BOOK_DIR / "tillganglighet.md").read_text(encoding="utf-8")
    assert f"axe-core (version {version})" in statement
