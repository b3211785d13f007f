"""The one rule every HTMX surface follows when choosing between a page and its fragment."""

from django.http import HttpRequest


def is_fragment_request(request: HttpRequest) -> bool:
    """An HTMX request wants just the fragment, except a history restore, which needs the whole page."""
    return bool(request.htmx) and not request.htmx.history_restore_request


FILTER_FORM_ID = "filters"  # the id of the shared filter form (``timeline/timeline.html#filters``)


def pickers_out_of_band(request: HttpRequest, form, **ctx) -> str:
    """The filter form's chips (the chosen people and countries), to swap in out of band beside a
    fragment answering that form: the fragment replaces only the results, and the chips must follow
    the names the server resolved. Empty for any other request (a chart slot on a pair page)."""
    from django.template.loader import render_to_string

    if request.headers.get("HX-Trigger") != FILTER_FORM_ID:
        return ""
    return render_to_string("timeline/timeline.html#pickers_oob", {"form": form, "oob": True, **ctx}, request)
