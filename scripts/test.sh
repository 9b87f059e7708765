#!/usr/bin/env bash
# Run every test: lint, unit and data tests, notebook and browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/install_browser.sh
bash scripts/install_axe.sh
.venv/bin/ruff check metabok tests scripts bench book/_ext
status=0
# Two workers (pytest-xdist): while one test waits on a single-threaded step (Sphinx, the browser),
# the other computes. A test file stays in one worker, so that its own build is made once; the
# files are handed out in the order tests/conftest.py gives them (FIRST_FILES).
.venv/bin/python -m pytest --numprocesses=2 --dist=loadfile --no-loadscope-reorder --durations=20 "$@" \
    || status=$?
# The chapter templates' stored outputs, re-executed and compared (refresh them with
# scripts/refresh_notebooks.py). The kernel starts in notebooks/, so it needs the project on its path.
PYTHONPATH="$PWD" .venv/bin/python -m pytest --nbval notebooks/ \
    --nbval-sanitize-with nbval_sanitize.cfg --nbval-current-env || status=$?
exit "$status"
