#!/usr/bin/env bash
# Sets up everything timeline needs on a fresh Debian machine, then runs one job:
#   bash bootstrap.sh serve [ARGS...]   the app on data/ (http://127.0.0.1:8050), Chromium for image export
#   bash bootstrap.sh test  [ARGS...]   ruff (lint, format), mypy --strict, then the whole test
#                                       suite (real headless Chromium included); ARGS go to pytest
#   bash bootstrap.sh setup             only the set-up
# The virtual environment lives in .venv/ at the repository root. Re-running is cheap: each
# step is skipped when already done.
set -euo pipefail
cd "$(dirname "$0")"

job="${1:-serve}"
shift || true

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

apt_install() {  # install the Debian packages that are missing, if any
    local missing=()
    for package in "$@"; do
        dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
    done
    if [ "${#missing[@]}" -gt 0 ]; then
        echo "bootstrap: installing Debian packages: ${missing[*]}"
        as_root apt-get update -qq
        DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    fi
}

python_env() {
    local python="${PYTHON:-python3}"
    if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
        echo "bootstrap: timeline needs Python 3.11 or newer as $python" >&2
        exit 1
    fi
    if [ ! -x .venv/bin/python ]; then
        if ! "$python" -m venv .venv 2>/dev/null; then
            rm -rf .venv
            apt_install python3-venv
            "$python" -m venv .venv
        fi
    fi
    local stamp=.venv/.timeline-installed
    if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
        echo "bootstrap: installing Python packages into .venv"
        .venv/bin/python -m pip install -q --upgrade pip
        .venv/bin/python -m pip install -q -e ".[test]"
        touch "$stamp"
    fi
}

compiled() {  # the extractor's hot modules compiled by mypyc (timeline/compiled.py): optional, ~20% faster
    if .venv/bin/python -m timeline.compiled status | grep -q fresh; then return; fi
    command -v cc >/dev/null 2>&1 || apt_install gcc || true
    .venv/bin/python -c 'import sysconfig, os, sys; sys.exit(not os.path.isfile(os.path.join(sysconfig.get_paths()["include"], "Python.h")))' \
        || apt_install python3-dev || true
    echo "bootstrap: compiling the extractor with mypyc (a minute; once per change of its sources)"
    .venv/bin/python -m timeline.compiled build >/dev/null || true  # on failure it says so and the sources run
}

browser() {  # Debian's Chromium and its driver (tests, image export) and CJK fonts for images
    apt_install chromium chromium-driver fonts-noto-cjk
}

TIMELINEJS_VERSION=3.9.11  # the real TimelineJS the browser tests load exports into
timelinejs() {  # Knight Lab's TimelineJS from npm, into .node/ (not shipped: tests only)
    if [ ! -f .node/node_modules/@knight-lab/timelinejs/dist/js/timeline.js ] \
        || ! grep -q "\"version\": \"$TIMELINEJS_VERSION\"" .node/node_modules/@knight-lab/timelinejs/package.json; then
        command -v npm >/dev/null 2>&1 || apt_install npm
        echo "bootstrap: installing TimelineJS $TIMELINEJS_VERSION from npm into .node/"
        mkdir -p .node
        npm install --prefix .node --no-audit --no-fund --loglevel=error "@knight-lab/timelinejs@$TIMELINEJS_VERSION" >/dev/null
    fi
}

have_browser() {  # the browser image export would use (timeline/export/chromium.py looks the same way)
    if [ -n "${BROWSER_PATH:-}" ]; then [ -x "$BROWSER_PATH" ]; return; fi
    command -v chromium >/dev/null || command -v chromium-browser >/dev/null || command -v google-chrome >/dev/null
}

image_export() {  # what the app's PNG/SVG/PDF downloads need: a Chromium (Debian's) and the fonts
    local packages=(fonts-noto-cjk)
    have_browser || packages+=(chromium)
    apt_install "${packages[@]}" || echo "bootstrap: could not install ${packages[*]}; the app runs, but" \
        "without PNG, SVG and PDF downloads until Chromium is installed (apt-get install chromium)" >&2
}

case "$job" in
    setup)
        browser
        python_env
        compiled
        ;;
    serve)
        image_export
        python_env
        compiled
        exec .venv/bin/timeline serve "$@"
        ;;
    test)
        browser
        python_env
        compiled
        timelinejs
        .venv/bin/ruff check .
        .venv/bin/ruff format --check .
        .venv/bin/mypy --strict timeline
        exec .venv/bin/python -m pytest --headless "$@"
        ;;
    *)
        echo "usage: bash bootstrap.sh serve|test|setup [ARGS...]" >&2
        exit 2
        ;;
esac
