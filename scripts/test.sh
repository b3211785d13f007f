#!/usr/bin/env bash
# Set up and run the whole test suite (on SQLite unless DATABASE_URL says otherwise).
# Browser tests need Debian's Chromium: installed here with apt when we can, skipped (with the
# reason shown) when we cannot.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
if [ ! -x /usr/bin/chromium ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Chromium for the browser tests…"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
    || echo "Could not install Chromium: browser tests will be skipped."
fi
exec .venv/bin/python -m pytest -rs "$@"
