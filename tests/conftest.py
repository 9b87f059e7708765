"""Shared fixtures: the built site (built once per test session) and a local web server for it."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from metabok.build import pipeline as build

from helpers import TINY_CODEBOOK, serve


@pytest.fixture(scope="session")
def built_site() -> Path:
    """The site built from the shipped data (unchanged chapters come from the build cache)."""
    build.build(build.Options(quiet=True))
    return build.PUBLISHED


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
