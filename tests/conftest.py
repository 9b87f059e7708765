"""Shared fixtures: the session site (built once per test session), a local web server for it and
the browser."""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from helpers import SESSION_AREAS, SESSION_BUILD_DIR, TINY_CODEBOOK, run_metabok, serve


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
