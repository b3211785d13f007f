"""Settings for the diplomatic relations timeline tracker.

One file, driven by environment variables, so that a fresh checkout runs on SQLite with
no configuration and production sets DATABASE_URL, SECRET_KEY, DEBUG and ALLOWED_HOSTS.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name: str, default: str = "False") -> bool:
    return os.environ.get(name, default).strip().lower() in {"1", "true", "yes", "on"}


def envint(name: str, default: int = 0) -> int:
    return int(os.environ.get(name, "").strip() or default)


def envlist(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = envbool("DEBUG", "False")

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    # Development only: never used once DEBUG is off.
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "template_partials",
    "django_filters",
    "csp",
    "ninja",  # the API's docs page and its static files (Swagger UI served by us, not a CDN)
    "import_export",  # the admin's spreadsheet import of contacts (tracker/admin/imports.py)
    "django_tasks",
    "django_tasks_db",  # the tasks table, `manage.py db_worker`
    "tracker",
    "timeline",
]

MIDDLEWARE = [
    # Pages gzipped (charts inline their figures as JSON); Django pads each response against BREACH.
    # Static files come compressed from whitenoise and are left as they are.
    "django.middleware.gzip.GZipMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "csp.middleware.CSPMiddleware",
    "tracker.planner_statistics.PlannerStatisticsMiddleware",
]

ROOT_URLCONF = "tracker.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
            ],
        },
    },
]

WSGI_APPLICATION = "tracker.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        # An empty DATABASE_URL (as `DATABASE_URL= command` sets it) means the default, as unset does.
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=envint("CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several processes (web workers, ingest) share one file: a writer waits up to `timeout`
    # seconds for the lock instead of failing with "database is locked". IMMEDIATE takes the
    # write lock when a transaction begins, so a transaction that read first cannot deadlock
    # upgrading its lock (SQLite fails that at once, whatever the timeout). WAL lets readers
    # go on while one process writes.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": envint("SQLITE_TIMEOUT", 30),
            "transaction_mode": "IMMEDIATE",
            # WAL and synchronous: tracker.sqlite_pragmas, on every new connection.
        }
    )

# Background tasks (ingest jobs): on a database server they wait in the database for
# `manage.py db_worker`; on SQLite, the embedded setup, they run at once in the process that
# enqueues them, so no worker is needed. TASKS_BACKEND=database|immediate chooses either way.
TASKS_BACKEND = os.environ.get(
    "TASKS_BACKEND", "immediate" if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3" else "database"
)
if TASKS_BACKEND not in {"database", "immediate"}:
    raise ImproperlyConfigured("TASKS_BACKEND must be 'database' or 'immediate'.")
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend"
        if TASKS_BACKEND == "database"
        else "django_tasks.backends.immediate.ImmediateBackend"
    }
}


def ingest_folders(items: list[str]) -> list[dict]:
    """INGEST_FOLDERS: ``PATH[|confirm][|publisher=NAME]``, comma-separated."""
    folders = []
    for item in items:
        path, *flags = item.split("|")
        folder = {"path": path.strip(), "confirm": False, "publisher": ""}
        for flag in (f.strip() for f in flags):
            if flag == "confirm":
                folder["confirm"] = True
            elif flag.startswith("publisher="):
                folder["publisher"] = flag.removeprefix("publisher=")
            else:
                raise ImproperlyConfigured(f"INGEST_FOLDERS: unknown flag {flag!r} (confirm, publisher=NAME)")
        folders.append(folder)
    return folders


# Folders re-ingested periodically by the workers (new and changed files only), and how often.
INGEST_FOLDERS = ingest_folders(envlist("INGEST_FOLDERS"))
INGEST_EVERY_MINUTES = envint("INGEST_EVERY_MINUTES", 60)
# A running job with no progress for this long lost its worker: editors may retry it.
INGEST_JOB_STALL_MINUTES = envint("INGEST_JOB_STALL_MINUTES", 15)

# Public pages for anonymous visitors, served from the cache until the record changes
# (timeline.page_cache). Memory in each worker by default (right on its own: the version is read
# from the database at every request); PAGE_CACHE_DIR: a folder the workers and servers of one
# machine share instead. PAGE_CACHE_SECONDS bounds an entry's life; 0 turns the cache off.
PAGE_CACHE_SECONDS = envint("PAGE_CACHE_SECONDS", 600)
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache"
        if os.environ.get("PAGE_CACHE_DIR")
        else "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": os.environ.get("PAGE_CACHE_DIR", "pages"),
        "OPTIONS": {"MAX_ENTRIES": envint("PAGE_CACHE_ENTRIES", 500)},
    }
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed, compressed names need `collectstatic` first: production does it, tests and DEBUG don't.
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if envbool("STATIC_MANIFEST", "False" if DEBUG else "True")
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# collectstatic keeps only the hashed copies (every page names its files through {% static %}):
# half the compressing (plotly.js with Brotli is most of it) and half the disk.
WHITENOISE_KEEP_ONLY_HASHED_FILES = True

LOGIN_URL = "admin:login"

# Security: the strict defaults apply whenever DEBUG is off. SECURE_COOKIES sets both cookie
# flags; SESSION_COOKIE_SECURE and CSRF_COOKIE_SECURE override one each.
SECURE_COOKIES = envbool("SECURE_COOKIES", "False" if DEBUG else "True")
SESSION_COOKIE_SECURE = envbool("SESSION_COOKIE_SECURE", str(SECURE_COOKIES))
CSRF_COOKIE_SECURE = envbool("CSRF_COOKIE_SECURE", str(SECURE_COOKIES))
# HTTPS: off by default because the TLS terminator decides; production behind a proxy sets
# them (see README "Run in production").
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT")
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS")
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD")
# "HTTP_X_FORWARDED_PROTO,https": the proxy's header that says the request came over HTTPS.
# Set it only behind a proxy that overwrites that header, or clients can forge it.
if proxy_header := envlist("SECURE_PROXY_SSL_HEADER"):
    if len(proxy_header) != 2:
        raise ImproperlyConfigured("SECURE_PROXY_SSL_HEADER must be 'HEADER,value', e.g. HTTP_X_FORWARDED_PROTO,https.")
    SECURE_PROXY_SSL_HEADER = tuple(proxy_header)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy: no inline scripts, no third-party hosts. plotly.js sets inline
# styles on the elements it draws, hence 'unsafe-inline' for styles only.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'self'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Where the demo and the tests find the shared real data when it is present (it is not on a
# user's machine: nothing at start-up depends on it).
# The admin's contact import (django-import-export): only users who may add contacts (the editors
# group) see it, and each import is one transaction.
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "add"
IMPORT_EXPORT_USE_TRANSACTIONS = True

SHARED_DATA_DIR = Path(os.environ.get("SHARED_DATA_DIR", BASE_DIR.parent / "shared"))
FIXTURE_DIRS = [BASE_DIR / "fixtures"]
