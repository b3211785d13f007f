"""Chart pages, fragments, embeds and CSV: one chart function (``timeline.charts``) behind each.

Every chart answers at four stable addresses that take the timeline's query string:
``charts/<name>/`` (a page; the bare fragment for HTMX), ``charts/<name>/embed/`` (for an
iframe on another site), ``charts/<name>.csv`` (the numbers) and, together, ``charts/``.

To show a chart on another page (a leader's, a pair's), build its context and include the
partial, with the two scripts in the page's ``scripts`` block::

    params = request.GET.copy(); params.setlist("person", [person.slug])
    ctx["frequency_chart"] = chart_context("frequency", params)
    {% include "timeline/_chart.html" with c=frequency_chart %}
    {% block scripts %}{% include "timeline/_chart_scripts.html" %}{% endblock %}
"""

from __future__ import annotations

import csv

from csp.decorators import csp_replace
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_safe
from django.views.decorators.vary import vary_on_headers

from timeline.charts import CHARTS, OPTIONS, Chart, tally_for
from timeline.filters import ContactFilter
from timeline.htmx import is_fragment_request, pickers_out_of_band
from timeline.page_cache import public_page_cached
from tracker.models import Contact

# Query parameters a chart reads for itself (declared by its options form); the rest are the
# shared timeline filters.
EMBED_FURNITURE_PX = 220
CHART_OPTIONS = {key for form in OPTIONS.values() for key in form.base_fields} - set(ContactFilter.base_filters)


def chart_context(
    name: str, params: QueryDict, filterset: ContactFilter | None = None, request: HttpRequest | None = None
) -> dict:
    """Everything ``timeline/_chart.html`` needs to render chart ``name`` for ``params``.

    Costs the chart's aggregate queries (one to a few; from the stored tallies when the filter
    is only status, kind and dates) plus the filter's own look-ups; pass a
    ``filterset`` already built for the same params to share it between several charts.
    """
    if name not in CHARTS:
        raise Http404(f"No chart called {name!r}.")
    filterset = filterset or ContactFilter(params, queryset=Contact.objects.all(), request=request)
    chart: Chart = CHARTS[name](filterset.qs, params, tally=tally_for(filterset))
    query = params.urlencode()
    suffix = f"?{query}" if query else ""
    # The filter params without this chart's own options: the hidden fields of its controls.
    shared = [(k, v) for k, values in params.lists() if k not in CHART_OPTIONS for v in values]
    return {
        "chart": chart,
        # Filters or options that could not be read: the page says why, a fragment is a 400.
        "invalid": bool(filterset.form.errors or chart.errors),
        "filter_errors": [" ".join(errors) for errors in filterset.form.errors.values()],
        "figure_id": f"chart-{name}-figure",
        "query": query,
        "shared_params": shared,
        "subject": chart_subject(filterset),
        # The embed's height at which nothing is cut off: the figure plus title, note and links.
        "embed_height": chart.figure.get("layout", {}).get("height", 400) + EMBED_FURNITURE_PX,
        "page_url": reverse("timeline:chart", args=[name]) + suffix,
        "fragment_url": reverse("timeline:chart", args=[name]),
        "embed_url": reverse("timeline:chart_embed", args=[name]) + suffix,
        "csv_url": reverse("timeline:chart_csv", args=[name]) + suffix,
    }


def chart_subject(filterset: ContactFilter) -> str:
    """Whom the chart is about, for its title: the pair, else the people the filter names."""
    if not filterset.form.is_valid():
        return ""
    data = filterset.form.cleaned_data
    if data.get("pair"):
        return " and ".join(p.name for p in data["pair"])
    return ", ".join(p.name for p in data.get("person") or ())


def fragment_status(request, invalid: bool) -> int:
    """A page shows bad input as form errors (200); a fragment answers 400, with the same message."""
    return 400 if invalid and is_fragment_request(request) else 200


@require_safe
@public_page_cached
@vary_on_headers("HX-Request")
def charts(request):
    filterset = ContactFilter(request.GET, queryset=Contact.objects.all(), request=request)
    contexts = [chart_context(name, request.GET, filterset) for name in CHARTS]
    ctx = {"filter": filterset, "charts": contexts}
    status = fragment_status(request, any(c["invalid"] for c in contexts))
    if is_fragment_request(request):
        return _with_pickers(request, render(request, "timeline/charts.html#charts", ctx, status=status), filterset)
    return render(request, "timeline/charts.html", ctx, status=status)


@require_safe
@public_page_cached
@vary_on_headers("HX-Request")
def chart(request, name: str):
    filterset = ContactFilter(request.GET, queryset=Contact.objects.all(), request=request)
    ctx = {"filter": filterset, "c": chart_context(name, request.GET, filterset)}
    # The fragment replaces only the chart: it carries the filter's errors too.
    ctx["c"]["show_filter_errors"] = is_fragment_request(request)
    status = fragment_status(request, ctx["c"]["invalid"])
    if is_fragment_request(request):
        return _with_pickers(request, render(request, "timeline/_chart.html", ctx, status=status), filterset)
    return render(request, "timeline/charts_detail.html", ctx, status=status)


def _with_pickers(request, response: HttpResponse, filterset: ContactFilter) -> HttpResponse:
    """A fragment answering the filter form also brings its chips up to date (``pickers_out_of_band``)."""
    response.write(pickers_out_of_band(request, filterset.form))
    return response


@require_safe
@xframe_options_exempt
# Only the embed view may be framed, and by any site; everything else keeps frame-ancestors 'self'.
@csp_replace({"frame-ancestors": ["*"]})
@public_page_cached  # under the decorators above: they mark the answer, cached or not
def chart_embed(request, name: str):
    ctx = {"c": chart_context(name, request.GET, request=request) | {"show_filter_errors": True}}
    return render(request, "timeline/chart_embed.html", ctx, status=400 if ctx["c"]["invalid"] else 200)


@require_safe
@public_page_cached
def chart_csv(request, name: str):
    ctx = chart_context(name, request.GET, request=request)
    if ctx["invalid"]:
        message = " ".join(ctx["filter_errors"] + ctx["chart"].errors)
        return HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")
    chart = ctx["chart"]
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    writer = csv.writer(response)
    writer.writerow(chart.table.columns)
    writer.writerows(chart.table.csv_rows())
    return response
