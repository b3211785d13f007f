"""Pages of people merged into others: their addresses answer with a permanent redirect.

``tracker.services.merge.people_merge`` keeps the merged-away person's page name as a
``PersonRedirect``; any page, feed or export addressed by person slugs follows it.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.urls import reverse

from tracker.models import PersonRedirect

# The URL parameters that hold a person's page name.
PERSON_SLUG_KWARGS = ("slug", "a", "b")


def follows_merged_people(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """``view``, except that where it finds no page (404) because a person slug in the address
    names someone merged away, the answer is a 301 to the same page of the person they were merged
    into, query string kept. Costs nothing on pages found; one query on a 404."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except Http404:
            slugs = {k: v for k, v in kwargs.items() if k in PERSON_SLUG_KWARGS}
            moved = PersonRedirect.objects.moved(slugs.values())
            if not moved:
                raise
            new = {k: moved.get(v, v) for k, v in slugs.items()}
            url = reverse(request.resolver_match.view_name, args=args, kwargs={**kwargs, **new})
            query = request.META.get("QUERY_STRING", "")
            return HttpResponsePermanentRedirect(f"{url}?{query}" if query else url)

    return wrapped
