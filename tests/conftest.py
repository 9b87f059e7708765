"""Shared fixtures: the session site (built once per test session), a local web server for it and
the browser."""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from helpers import SESSION_AREAS, SESSION_BUILD_DIR, TINY_CODEBOOK, run_metabok, serve

# The order in which the two xdist workers take the test files (scripts/test.sh keeps it with
# --no-loadscope-reorder): the long files that build their own book first, so that neither worker
# is left alone with one at the end; the first file to need the session site comes early, and the
# others that read it only after more long files, so that the other worker does not sit waiting
# for the site while the first builds it. The quick files keep their collection order, last.
FIRST_FILES = (
    "build/test_cache_freshness.py",
    "build/test_hostile_build_input.py",
    "browser/test_accessibility.py",  # builds the session site
    "build/test_reproducibility.py",
    "build/test_build.py",
    "build/test_pdf.py",
    "build/test_hostile_inputs_more.py",
    "build/test_analyst_year.py",
    "build/test_new_reception_year.py",
    "build/test_survey_export_headers.py",
    "browser/test_site_in_browser.py",
    "browser/test_phone.py",
    "build/test_validate_command.py",
    "build/test_download_status.py",
    "browser/test_injection.py",
    "browser/test_page_weight.py",
    "browser/test_checks_can_fail.py",
    "build/test_nbval_gate.py",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    def rank(item: pytest.Item) -> int:
        relative = Path(item.path).relative_to(Path(__file__).parent).as_posix()
        return FIRST_FILES.index(relative) if relative in FIRST_FILES else len(FIRST_FILES)

    items.sort(key=rank)  # stable: within a file, and among the quick files, the collection order


@pytest.fixture(scope="session")
def built_site() -> Path:
    """The session site (unchanged chapters come from its build cache in _build/testsajt). Workers
    build it one at a time: the first builds it, the others find it up to date."""
    env = {**os.environ, "METABOK_BUILD_DIR": str(SESSION_BUILD_DIR)}
    areas = [a for area in SESSION_AREAS for a in ("--county", area)]
    SESSION_BUILD_DIR.mkdir(parents=True, exist_ok=True)
    with (SESSION_BUILD_DIR.parent / f"{SESSION_BUILD_DIR.name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        result = run_metabok(env, "build", "--quiet", *areas)
    assert result.returncode == 0, result.stdout + result.stderr
    return SESSION_BUILD_DIR / "html"


@pytest.fixture(scope="session")
def site_url(built_site: Path):
    """The built site served on 127.0.0.1 (a free port)."""
    with serve(built_site) as url:
        yield url


# --- Playwright driving Debian's Chromium (never a downloaded browser) ----------------------
# One Playwright per session: a second sync_playwright() while this one runs is refused.

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


# --- a tiny survey year for the survey tests ------------------------------------------------


@pytest.fixture
def tiny_year(tmp_path: Path) -> Path:
    """tmp_path/enkat/2013 with the tiny codebook and an empty svar/ (the survey dir is its parent)."""
    year_dir = tmp_path / "enkat" / "2013"
    (year_dir / "svar").mkdir(parents=True)
    (year_dir / "kodbok.yml").write_text(TINY_CODEBOOK, encoding="utf-8")
    return year_dir
