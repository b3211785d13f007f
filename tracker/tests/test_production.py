"""Production mode: the deploy checks pass with the documented variables, a server without its
collected static files refuses to start, and scripts/serve.sh serves pages and compressed,
hashed static files with gunicorn."""

from __future__ import annotations

import os
import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]


def production_env(**extra: str) -> dict[str, str]:
    """The variables README "Run in production" lists, DEBUG off, and nothing from the test run
    (whose variables, such as the browser tests' DJANGO_ALLOW_ASYNC_UNSAFE, would fail the checks)."""
    env = {name: os.environ[name] for name in ("PATH", "HOME", "LANG", "TMPDIR") if name in os.environ}
    env.update(
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="tracker.example.org,127.0.0.1",
        SECURE_SSL_REDIRECT="1",
        SECURE_HSTS_SECONDS="31536000",
        SECURE_HSTS_INCLUDE_SUBDOMAINS="1",
        SECURE_HSTS_PRELOAD="1",
        SECURE_PROXY_SSL_HEADER="HTTP_X_FORWARDED_PROTO,https",
    )
    env.update(extra)
    return env


def run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)


def test_check_deploy_with_the_production_variables_reports_nothing():
    result = run([sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"], production_env())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_check_deploy_without_them_warns_on_hsts_and_ssl_redirect():
    env = production_env()
    for name in ("SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS"):
        del env[name]
    result = run([sys.executable, "manage.py", "check", "--deploy"], env)
    assert "security.W004" in result.stderr and "security.W008" in result.stderr


def test_without_collected_static_files_the_server_refuses_to_start_and_says_why(tmp_path):
    env = production_env(STATIC_ROOT=str(tmp_path / "empty"), DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}")
    result = run([sys.executable, "-c", "import tracker.wsgi"], env)
    assert result.returncode != 0
    assert "Static files are not collected" in result.stderr and "collectstatic" in result.stderr


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str, **headers: str):
    request = urllib.request.Request(url, headers={"Host": "127.0.0.1", "X-Forwarded-Proto": "https", **headers})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status, dict(response.headers), response.read()


@pytest.mark.slow
@pytest.mark.skipif(connection.vendor != "sqlite", reason="serves its own SQLite file: once per CI run is enough")
def test_serve_script_serves_pages_and_compressed_hashed_static_files(tmp_path):
    pytest.importorskip("gunicorn", reason="the locked requirements install gunicorn: run scripts/setup.sh")
    pytest.importorskip("brotli", reason="the locked requirements install brotli: run scripts/setup.sh")
    port = free_port()
    env = production_env(
        VENV=sys.prefix,
        BIND=f"127.0.0.1:{port}",
        WEB_CONCURRENCY="2",
        STATIC_ROOT=str(tmp_path / "static"),
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
    )
    server = subprocess.Popen(["bash", "scripts/serve.sh"], cwd=ROOT, env=env, stderr=subprocess.PIPE, text=True)
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 300  # collectstatic compresses plotly.js with Brotli
        while True:
            assert server.poll() is None, server.stderr.read()
            try:
                status, headers, body = fetch(base + "/")
                break
            except OSError:
                assert time.monotonic() < deadline, "the server did not answer"
                time.sleep(0.5)
        assert status == 200
        assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
        stylesheet = re.search(r'href="(/static/css/app\.[0-9a-f]{12}\.css)"', body.decode()).group(1)
        status, headers, _ = fetch(base + stylesheet, **{"Accept-Encoding": "br"})
        assert status == 200 and headers["Content-Encoding"] == "br"
        assert "immutable" in headers["Cache-Control"]
    finally:
        server.terminate()
        server.wait(timeout=30)
