#!/usr/bin/env bash
# axe-core for the accessibility tests in the browser: exactly the version pinned in package-lock.json,
# installed with `npm ci` from the npm registry into node_modules/ (skipped when that version is there).
# Installs Debian's nodejs and npm with apt-get when npm is missing, as install_browser.sh does for chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v npm >/dev/null 2>&1; then
    sudo_cmd=""
    [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq nodejs npm >/dev/null
fi
wanted="$(node -p 'require("./package-lock.json").packages["node_modules/axe-core"].version')"
installed="$(node -p 'try { require("./node_modules/axe-core/package.json").version } catch (e) { "" }')"
if [ "$installed" != "$wanted" ] || [ ! -f node_modules/axe-core/axe.min.js ]; then
    npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
fi
