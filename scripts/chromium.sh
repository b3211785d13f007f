#!/usr/bin/env bash
# Debian's Chromium for the browser tests: installed with apt when we can (as root), else the
# browser tests skip with the reason shown.
set -euo pipefail
if [ ! -x /usr/bin/chromium ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Chromium for the browser tests…"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
    || echo "Could not install Chromium: browser tests will be skipped."
fi
