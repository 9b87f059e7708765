#!/usr/bin/env bash
# Build the whole book from the shipped data into _build/html.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# The build prints every chapter to PDF with Debian's Chromium (installed when missing).
bash scripts/install_browser.sh
exec .venv/bin/python -m metabok build "$@"
