"""Public pages served again from the cache until the record changes.

A page an anonymous visitor asks for is rendered once per record version
(``timeline.record_version``) and kept, plain and gzipped, in Django's cache (``settings.CACHES``:
by default memory in each worker, ``PAGE_CACHE_DIR`` a folder the workers share), keyed by the
version, the day, the host and full path (the query string with it) and the HTMX headers the
views read, so the fragment and the page are separate entries, as ``Vary: HX-Request`` says to a
browser. Logged-in users (editors
see the record under review) are never served from it nor stored in it. Each cached answer
carries an ETag of the same key: a browser's conditional GET costs one query, answered 304 while
the record has not changed. ``PAGE_CACHE_SECONDS`` bounds an entry's life (a change made outside
Django, e.g. with psql, moves no version); 0 turns the cache off.
"""

from __future__ import annotations

import hashlib
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.middleware.gzip import re_accepts_gzip
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.http import parse_etags
from django.utils.text import compress_string

from timeline.record_version import record_version

# The request headers the views answer by (timeline.htmx): fragment or page, history restore,
# and whether the filter form asked (its pickers come along out of band).
VARIANT_HEADERS = ("HX-Request", "HX-History-Restore-Request", "HX-Trigger")


def page_cache_on(request: HttpRequest) -> bool:
    return settings.PAGE_CACHE_SECONDS > 0 and request.method in ("GET", "HEAD") and not request.user.is_authenticated


def page_key(request: HttpRequest, version: int) -> str:
    """The version, today (pages count the days since a pair's last contact), the address and the
    variant asked for."""
    variant = "|".join(request.headers.get(name, "") for name in VARIANT_HEADERS)
    described = (
        f"{version}|{timezone.localdate()}|{request.scheme}://{request.get_host()}{request.get_full_path()}|{variant}"
    )
    return "page:" + hashlib.sha256(described.encode()).hexdigest()[:32]


def _etag_matches(request: HttpRequest, etag: str) -> bool:
    # GZipMiddleware weakens the tag it sent ("W/..."); a weak match is enough for a GET.
    sent = parse_etags(request.headers.get("If-None-Match", ""))
    return any(tag.removeprefix("W/") == etag for tag in sent)


def _storable(response: HttpResponse) -> bool:
    """A whole 200 answer that sets no cookie (a cookie is one visitor's) and says nothing against it."""
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "private" not in cache_control
        and "no-store" not in cache_control
    )


def _stored(response: HttpResponse) -> dict:
    """The answer as kept: its body, gzipped once here rather than by GZipMiddleware at each read
    (a public page holds no secret, so BREACH's random padding has nothing to guard), its headers."""
    return {"content": response.content, "gzip": compress_string(response.content), "headers": dict(response.items())}


def _answer(request: HttpRequest, stored: dict, etag: str) -> HttpResponse:
    compressed = stored["gzip"]
    if re_accepts_gzip.search(request.headers.get("Accept-Encoding", "")) and len(compressed) < len(stored["content"]):
        response = HttpResponse(compressed, headers=stored["headers"])
        response["Content-Encoding"] = "gzip"
        response["ETag"] = f"W/{etag}"  # as GZipMiddleware marks what it compressed
    else:
        response = HttpResponse(stored["content"], headers=stored["headers"])
        response["ETag"] = etag
    patch_vary_headers(response, ("Accept-Encoding",))
    return response


def public_page_cached(view):
    """Decorate a public GET view (under ``vary_on_headers``, so the stored answer has its Vary)."""

    @wraps(view)
    def cached(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not page_cache_on(request):
            return view(request, *args, **kwargs)
        version = record_version()
        if version is None:
            return view(request, *args, **kwargs)
        key = page_key(request, version)
        etag = f'"{key.removeprefix("page:")}"'
        stored = cache.get(key)
        if stored is None:
            response = view(request, *args, **kwargs)
            if not _storable(response):
                return response
            stored = _stored(response)
            cache.set(key, stored, settings.PAGE_CACHE_SECONDS)
        elif _etag_matches(request, etag):
            response = HttpResponseNotModified()
            response["ETag"] = etag
            if "Vary" in stored["headers"]:
                response["Vary"] = stored["headers"]["Vary"]
            return response
        return _answer(request, stored, etag)

    return cached
