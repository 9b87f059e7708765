"""Pages for the browser tests (the browser itself is shared by every test: tests/conftest.py)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

import pytest

from browser import checks
from browser.checks import AXE_SCRIPT

# The theme keeps the chosen colour mode in localStorage; set before its scripts run.
DARK_MODE = "localStorage.setItem('mode', 'dark'); localStorage.setItem('theme', 'dark');"


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="sv-SE")
    yield context.new_page()
    context.close()


@pytest.fixture
def dark_page(browser):
    context = browser.new_context(locale="sv-SE", color_scheme="dark")
    context.add_init_script(DARK_MODE)
    yield context.new_page()
    context.close()


@pytest.fixture(scope="session")
def axe_script() -> Path:
    assert AXE_SCRIPT.is_file(), (
        f"axe-core saknas ({AXE_SCRIPT}); installera den med: bash scripts/install_axe.sh"
    )
    return AXE_SCRIPT


@pytest.fixture(scope="session")
def desktop_pass(browser, built_site, site_url) -> dict[str, list[str]]:
    """One pass over every page at 1280 px: what each check found, and how many pages and charts
    were seen (read by test_site_in_browser.py only, so that the pass is made in one worker)."""
    host = urlparse(site_url).netloc
    pages = checks.site_pages(built_site)
    found: dict[str, list[str]] = {key: [] for key in ("outside", "failing", "headings", "charts", "columns")}
    found["pages"], found["charts_seen"] = pages, []
    context = browser.new_context(**checks.DESKTOP)
    page = context.new_page()
    events = checks.watch(page)
    for relative in pages:
        events.clear()
        checks.goto(page, f"{site_url}/{relative}")
        found["outside"] += [
            f"{relative}: {u}"
            for u in events.requests
            if urlparse(u).netloc not in (host, "") and not u.startswith(("data:", "blob:", "about:"))
        ]
        found["failing"] += [f"{relative}: {e}" for e in events.errors + events.dialogs]
        found["headings"] += [f"{relative}: {p}" for p in checks.heading_problems(page)]
        if relative.startswith(checks.CHAPTER_DIRS):
            found["charts_seen"].append(f"{relative}: {checks.chart_count(page)}")
            found["charts"] += [
                f"{relative}: {problem}"
                for problem in checks.undrawn_charts(page)
                + checks.charts_without_text_alternative(page)
                + checks.charts_without_table(page)
                + checks.axis_labels(page).problems
            ]
            found["columns"] += [f"{relative}: {p}" for p in checks.hidden_comparison_columns(page)]
    context.close()
    return found
