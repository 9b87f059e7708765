"""A county chapter is light enough for a phone: at most 300 kB of HTML and 1.5 MB over all its
requests, measured in Chromium with an empty cache (test_checks_can_fail.py shows the check fails on
a heavy page). bench/page_weight.py prints the same figures for the README."""

from __future__ import annotations

from browser import checks


def test_every_county_chapter_is_within_the_page_weight_limits(browser, built_site, site_url):
    chapters = [p for p in checks.site_pages(built_site) if p.startswith("book/kapitel/") and "/00-" not in p]
    assert len(chapters) >= 6
    problems = {}
    for chapter in chapters:
        found = checks.weight_problems(checks.page_weight(browser, f"{site_url}/{chapter}"))
        if found:
            problems[chapter] = found
    assert problems == {}
