"""The one rule every HTMX surface follows when choosing between a page and its fragment."""

from django.http import HttpRequest


def is_fragment_request(request: HttpRequest) -> bool:
    """An HTMX request wants just the fragment, except a history restore, which needs the whole page."""
    return bool(request.htmx) and not request.htmx.history_restore_request
