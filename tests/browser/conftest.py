"""Pages for the browser tests (the browser itself is shared by every test: tests/conftest.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

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
