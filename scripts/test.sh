#!/usr/bin/env bash
# Set up and run the whole test suite (on SQLite unless DATABASE_URL says otherwise).
# Browser tests need Debian's Chromium (scripts/chromium.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/chromium.sh
exec .venv/bin/python -m pytest -rs "$@"
