#!/usr/bin/env bash
# Run the app in production: collect the static files (hashed, compressed with gzip and Brotli,
# served by whitenoise), apply migrations, then serve with gunicorn. Configure it with the
# environment (see README "Run in production"): DATABASE_URL, SECRET_KEY, ALLOWED_HOSTS, ...
#   WEB_CONCURRENCY  gunicorn worker processes   (default: 2 per CPU core + 1)
#   BIND             address to listen on         (default: 127.0.0.1:8000, behind a proxy)
#   CONN_MAX_AGE     seconds a worker keeps its database connection (default here: 60)
#   VENV             a virtual environment that already has the locked requirements
#                    (default: .venv, made or updated by scripts/setup.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${VENV:-}" ]; then
  bash scripts/setup.sh
  VENV=.venv
fi
PY="$VENV/bin/python"
"$PY" manage.py collectstatic --noinput --verbosity 0
"$PY" manage.py migrate --noinput
# With INGEST_FOLDERS set, make sure their periodic re-ingestion waits in the workers' queue.
"$PY" manage.py ingest_folders --schedule
# Each worker keeps its connection: a cached page costs one short query, and opening a PostgreSQL
# connection for it costs several times that.
export CONN_MAX_AGE=${CONN_MAX_AGE:-60}
workers=${WEB_CONCURRENCY:-$(( 2 * $(nproc) + 1 ))}
exec "$PY" -m gunicorn tracker.wsgi:application \
  --workers "$workers" \
  --bind "${BIND:-127.0.0.1:8000}" \
  --access-logfile - \
  --forwarded-allow-ips "${FORWARDED_ALLOW_IPS:-127.0.0.1}" \
  "$@"
