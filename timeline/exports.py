"""CSV and JSON exports of every list the app shows, off the same URL as the page (Datasette
style: ``/timeline.csv?…``, ``/timeline.json?…`` or ``/timeline/?_format=csv``) and with exactly its
filters. Responses stream: the header goes out before the first query runs, and rows are read
in chunks (``timeline.export_rows``), so a 100,000-row export never holds all rows in memory.

A filter that cannot be read is a 400 whose body, in the asked-for format, says why; never the
unfiltered record. Proposed and rejected items are for logged-in editors only (a 400 for others).
Columns are documented on the /exports/ page (``exports_doc``).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator
from functools import wraps

from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpRequest, HttpResponse, QueryDict, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_safe

from timeline import export_rows as rows
from timeline.filters import ContactFilter, StatementFilter, viewer_is_editor
from timeline.pairs import pair_claims
from timeline.visibility import visible
from tracker.models import Contact, ContactSource, Gap, Person, ReviewStatus, Statement

FORMATS = {"csv": "text/csv; charset=utf-8", "json": "application/json"}
LIST_SEPARATOR = " | "  # between the values of a many-valued column in CSV (not in URLs or slugs)
ROWS_PER_WRITE = 500  # rows per chunk handed to the server: fewer, larger writes


def is_editor(request: HttpRequest) -> bool:
    """Editors may see proposed and rejected items; everyone else, the confirmed record (one rule:
    ``timeline.filters.viewer_is_editor``)."""
    return viewer_is_editor(request)


def _csv_value(value) -> str:
    if type(value) is list:
        try:
            return LIST_SEPARATOR.join(value)  # a list of text, the usual case
        except TypeError:
            return LIST_SEPARATOR.join("" if v is None else str(v) for v in value)
    if value is None:
        return ""
    return str(value)


def csv_lines(columns: list[str], records: Iterable[dict]) -> Iterator[str]:
    """The header at once, then the rows ``ROWS_PER_WRITE`` at a time. The csv module writes None
    as an empty cell and other scalars with ``str`` itself, so only lists go through ``_csv_value``."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(columns)
    yield buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    for n, record in enumerate(records, 1):
        writer.writerow([_csv_value(v) if type(v) is list else v for v in map(record.__getitem__, columns)])
        if n % ROWS_PER_WRITE == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def json_lines(columns: list[str], records: Iterable[dict]) -> Iterator[str]:
    """``{"columns": [...], "rows": [{...}, ...]}``, one row per line."""
    encoder = DjangoJSONEncoder(ensure_ascii=False)
    yield '{"columns": ' + encoder.encode(columns) + ', "rows": [\n'
    batch: list[str] = []
    first = True
    for record in records:
        batch.append(("" if first else ",\n") + encoder.encode({c: record[c] for c in columns}))
        first = False
        if len(batch) >= ROWS_PER_WRITE:
            yield "".join(batch)
            batch = []
    yield "".join(batch) + "\n]}\n"


def export_stream(
    request: HttpRequest, fmt: str, columns: Iterable[str], records: Iterable[dict], filename: str
) -> HttpResponse:
    """The rows as a stream; the file's headers alone when the request is HEAD (no rows are read)."""
    columns = list(columns)
    if request.method == "HEAD":
        response = HttpResponse(content_type=FORMATS[fmt])
    else:
        lines = csv_lines(columns, records) if fmt == "csv" else json_lines(columns, records)
        response = StreamingHttpResponse(lines, content_type=FORMATS[fmt])
    if fmt == "csv":
        response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def export_refused(fmt: str, errors: dict[str, list[str]], status: int = 400) -> HttpResponse:
    """What went wrong, in the asked-for format: ``field,error`` rows or ``{"errors": {...}}``."""
    if fmt == "json":
        return HttpResponse(json.dumps({"errors": errors}), content_type=FORMATS["json"], status=status)
    if fmt not in FORMATS:
        text = "\n".join(f"{field}: {msg}" for field, msgs in errors.items() for msg in msgs)
        return HttpResponse(text + "\n", content_type="text/plain; charset=utf-8", status=status)
    lines = "".join(csv_lines(["field", "error"], ({"field": f, "error": m} for f, ms in errors.items() for m in ms)))
    return HttpResponse(lines, content_type=FORMATS["csv"], status=status)


def _status_refused(request: HttpRequest, data: QueryDict, fmt: str) -> HttpResponse | None:
    status = data.get("status") or ReviewStatus.CONFIRMED
    if status != ReviewStatus.CONFIRMED and not is_editor(request):
        return export_refused(fmt, {"status": ["Only logged-in editors can see unconfirmed items."]})
    return None


def _format_checked(fmt: str) -> HttpResponse | None:
    if fmt not in FORMATS:
        return export_refused("text", {"_format": [f"Unknown format {fmt[:20]!r}: csv or json."]})
    return None


def _filtered_export(
    request: HttpRequest,
    fmt: str,
    filter_class: type,
    queryset,
    to_rows: Callable,
    columns: list[str],
    filename: str,
    fixed: dict[str, str] | None = None,
) -> HttpResponse:
    if refused := _format_checked(fmt):
        return refused
    data = request.GET.copy()
    for key, value in (fixed or {}).items():
        data[key] = value
    if refused := _status_refused(request, data, fmt):
        return refused
    record_filter = filter_class(data, queryset=queryset, request=request)
    if not record_filter.form.is_valid():
        return export_refused(fmt, {k: list(v) for k, v in record_filter.form.errors.items()})
    return export_stream(request, fmt, columns, to_rows(record_filter.qs, record_filter.oldest_first()), filename)


def exportable(export_view: Callable) -> Callable:
    """Lets a page answer ``?_format=csv|json`` with ``export_view`` (same URL arguments)."""

    def decorate(page_view: Callable) -> Callable:
        @wraps(page_view)
        def view(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if "_format" in request.GET:
                return export_view(request, *args, fmt=request.GET["_format"], **kwargs)
            return page_view(request, *args, **kwargs)

        return view

    return decorate


def _site(request: HttpRequest) -> str:
    return f"{request.scheme}://{request.get_host()}"


def _contacts_export(request: HttpRequest, fmt: str, filename: str, fixed: dict[str, str] | None = None):
    site = _site(request)
    sources = visible(request, ContactSource.objects.all())
    to_rows = lambda qs, oldest_first: rows.contact_rows(qs, site, sources, oldest_first)  # noqa: E731
    columns = rows.CONTACT_COLUMNS
    return _filtered_export(request, fmt, ContactFilter, Contact.objects.all(), to_rows, columns, filename, fixed)


@require_safe
def timeline_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The timeline's contacts with the page's filters."""
    return _contacts_export(request, fmt, "contacts")


@require_safe
def statements_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The timeline's statements (what "Include statements" adds) with the page's filters."""
    return _filtered_export(
        request,
        fmt,
        StatementFilter,
        Statement.objects.all(),
        rows.statement_rows,
        rows.STATEMENT_COLUMNS,
        "statements",
    )


@require_safe
def pair_contacts_export(request: HttpRequest, a: str, b: str, fmt: str) -> HttpResponse:
    """The pair page's contacts: the timeline's with the pair fixed."""
    pair_people(a, b)
    return _contacts_export(request, fmt, f"contacts-{a}-{b}", fixed={"pair": f"{a},{b}"})


def pair_people(a: str, b: str) -> tuple[Person, Person]:
    if a == b:
        raise Http404("A pair is two different people.")
    return get_object_or_404(Person, slug=a), get_object_or_404(Person, slug=b)


@require_safe
def counterparts_export(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    """A leader's counterparts (all of them, not only the page's top 30)."""
    if refused := _format_checked(fmt):
        return refused
    person = get_object_or_404(Person, slug=slug)
    counterparts = Person.objects.counterparts_of(person)
    records = rows.counterpart_rows(counterparts, timezone.localdate(), _site(request))
    return export_stream(request, fmt, rows.COUNTERPART_COLUMNS, records, f"counterparts-{slug}")


@require_safe
def gaps_export(request: HttpRequest, a: str, b: str, fmt: str) -> HttpResponse:
    """A pair's gaps: derived from confirmed, held contacts only, so public as they are."""
    if refused := _format_checked(fmt):
        return refused
    person_a, person_b = pair_people(a, b)
    return export_stream(
        request, fmt, rows.GAP_COLUMNS, rows.gap_rows(Gap.objects.for_pair(person_a, person_b)), f"gaps-{a}-{b}"
    )


@require_safe
def claims_export(request: HttpRequest, a: str, b: str, fmt: str) -> HttpResponse:
    """A pair's gap claims with their verdicts; confirmed ones unless an editor asks for ``status``."""
    if refused := _format_checked(fmt):
        return refused
    person_a, person_b = pair_people(a, b)
    if refused := _status_refused(request, request.GET, fmt):
        return refused
    status = request.GET.get("status") or ReviewStatus.CONFIRMED
    if status not in {*ReviewStatus.values, "any"}:
        return export_refused(fmt, {"status": [f"Unknown status {status[:20]!r}."]})
    claims = pair_claims(person_a, person_b)
    if status != "any":
        claims = claims.filter(status=status)
    return export_stream(request, fmt, rows.CLAIM_COLUMNS, rows.claim_rows(claims), f"claims-{a}-{b}")


EXPORTS = [
    ("Timeline contacts", "/timeline.csv?… (or .json, or /timeline/?_format=csv)", rows.CONTACT_COLUMNS),
    ("Timeline statements", "/timeline/statements.csv?…", rows.STATEMENT_COLUMNS),
    ("A pair's contacts", "/pairs/<a>/<b>/contacts.csv?…", rows.CONTACT_COLUMNS),
    ("A leader's counterparts", "/leaders/<slug>/counterparts.csv", rows.COUNTERPART_COLUMNS),
    ("A pair's gaps", "/pairs/<a>/<b>/gaps.csv", rows.GAP_COLUMNS),
    ("A pair's gap claims with verdicts", "/pairs/<a>/<b>/claims.csv", rows.CLAIM_COLUMNS),
]


@require_safe
def exports_doc(request: HttpRequest) -> HttpResponse:
    """What each export holds, column by column."""
    ctx = {"exports": EXPORTS, "separator": LIST_SEPARATOR}
    return render(request, "timeline/exports_doc.html", ctx)
