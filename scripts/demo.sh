#!/usr/bin/env bash
# Start the app with demo data on SQLite at http://127.0.0.1:8000 (local use only: DEBUG is on).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export DEBUG=1
.venv/bin/python manage.py migrate --noinput
.venv/bin/python manage.py load_demo
exec .venv/bin/python manage.py runserver 127.0.0.1:8000
