#!/usr/bin/env bash
# Regenerate the lock file requirements.txt from the direct requirements in requirements.in:
# every package of the tree pinned, with the sha256 of each of its files on PyPI (wheels for
# every platform and the sdist), so `pip install --require-hashes` accepts it on any machine.
# Run after editing requirements.in and commit both files. uv runs from its own virtual
# environment (.tools/), never from the project's.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3.11}
if [ ! -x .tools/bin/uv ]; then
  "$PYTHON" -m venv .tools
  .tools/bin/python -m pip install --quiet uv==0.13.9
fi
# --no-config and one index: the lock depends on PyPI alone, not on this machine's pip settings.
.tools/bin/uv pip compile --no-config --index-url https://pypi.org/simple --python-version 3.11 \
  --generate-hashes --quiet --custom-compile-command "bash scripts/lock.sh" \
  requirements.in -o requirements.txt
