#!/usr/bin/env bash
# Shared set-up for the demo, the tests and the server: a virtual environment with the locked
# requirements. Needs only Python 3.11 and network access to the package index.
# The lock (requirements.txt) pins every package with its hashes, so the pip that Python ships
# installs exactly the same tree as any newer one: pip is deliberately not upgraded here.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3.11}
command -v "$PYTHON" >/dev/null 2>&1 || PYTHON=python3
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
stamp=.venv/.requirements.sha
want=$(sha256sum requirements.txt scripts/check_install.py | sha256sum | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  rm -f "$stamp"
  .venv/bin/python -m pip install --quiet --require-hashes --no-deps -r requirements.txt
  .venv/bin/python -m pip check
  .venv/bin/python scripts/check_install.py
  echo "$want" > "$stamp"
fi
