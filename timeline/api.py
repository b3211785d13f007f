"""The read-only JSON API (django-ninja): people, offices, contacts with their sources,
statements, a pair's gaps and gap claims. Contacts and statements take the timeline's filters
(``timeline.filters``, the same parameters and the same 400 for a bad one). Lists are pages of
``limit`` items with a ``next`` cursor (keyset, no OFFSET). The OpenAPI 3 document is at
/api/openapi.json and its interactive docs at /api/docs, from our own static files.

Public readers get confirmed items only; ``status`` other than confirmed is for logged-in editors.
Rows are those of the exports (``timeline.export_rows``), so the two cannot disagree.
"""

from __future__ import annotations

import re
from datetime import date
from itertools import islice

from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, QueryDict
from django.shortcuts import get_object_or_404
from ninja import NinjaAPI, Query, Schema, Status
from ninja.errors import HttpError, ValidationError

from timeline import export_rows as rows
from timeline.exports import is_editor
from timeline.filters import ContactFilter, StatementFilter
from timeline.visibility import visible
from tracker.models import Contact, ContactSource, Gap, GapClaim, Office, Person, ReviewStatus, Statement
from tracker.rules import pair_key

api = NinjaAPI(
    title="Diplomatic record API",
    version="1",
    description="Read-only: the confirmed record of contacts between leaders, what they said, and the gaps.",
    urls_namespace="api",
)
MAX_LIMIT = 500


class Refused(HttpError):
    """A request the API will not answer, with the parameter to blame."""

    def __init__(self, field: str, message: str):
        super().__init__(400, message)
        self.field = field


@api.exception_handler(HttpError)
def _refused(request, exc: HttpError):
    # Every error has the one documented shape: {"errors": {parameter: [messages]}}.
    return api.create_response(
        request, {"errors": {getattr(exc, "field", "request"): [str(exc)]}}, status=exc.status_code
    )


@api.exception_handler(Http404)
def _not_found(request, exc: Http404):
    return api.create_response(request, {"errors": {"request": [str(exc) or "Not found."]}}, status=404)


@api.exception_handler(ValidationError)
def _unreadable(request, exc: ValidationError):
    errors: dict[str, list[str]] = {}
    for error in exc.errors:
        errors.setdefault(str(error.get("loc", ["request"])[-1]), []).append(error.get("msg", "invalid"))
    return api.create_response(request, {"errors": errors}, status=400)


_KEY = re.compile(r"^(\d{4}-\d{2}-\d{2})_(\d{1,18})$", re.ASCII)
_ID = re.compile(r"^\d{1,18}$", re.ASCII)


class Errors(Schema):
    errors: dict[str, list[str]]


class Source(Schema):
    article_id: int
    url: str | None
    publisher: str
    span: str


class ContactOut(Schema):
    id: int
    date: date
    date_precision: str
    kind: str
    planned: bool
    status: str
    participants: list[str]
    participant_names: list[str]
    host: str | None
    initiator: str | None
    topics: list[str]
    summary: str
    page_url: str
    sources: list[Source]


class StatementOut(Schema):
    id: int
    date: date
    date_precision: str
    speaker: str
    speaker_name: str
    quote: str
    channel: str
    is_fragment: bool
    status: str
    contact_id: int | None
    topics: list[str]
    article_id: int | None
    article_url: str | None
    article_publisher: str | None
    span: str


class PersonOut(Schema):
    id: int
    slug: str
    name: str
    aliases: list[str]
    country: str | None


class OfficeOut(Schema):
    id: int
    person: str
    title: str
    country: str
    start: date | None
    end: date | None
    is_head: bool


class GapOut(Schema):
    start: date
    end: date
    days: int
    approximate: bool
    is_record: bool
    longest_since: date
    before_contact_id: int
    after_contact_id: int


class ClaimOut(Schema):
    id: int
    person_a: str
    person_b: str
    text: str
    comparison: str
    duration_days: int | None
    duration_months: int | None
    anchor: date | None
    starts: date | None
    ends: date
    verdict: str
    verdict_reason: str
    deciding_gap_days: int | None
    status: str
    article_id: int | None
    article_url: str | None
    span: str


def _page(items: list, limit: int, key) -> dict:
    more = len(items) > limit
    items = items[:limit]
    return {"items": items, "next": key(items[-1]) if more and items else None}


class ContactPage(Schema):
    items: list[ContactOut]
    next: str | None


class StatementPage(Schema):
    items: list[StatementOut]
    next: str | None


class PersonPage(Schema):
    items: list[PersonOut]
    next: str | None


class OfficePage(Schema):
    items: list[OfficeOut]
    next: str | None


class GapPage(Schema):
    items: list[GapOut]
    next: str | None


class ClaimPage(Schema):
    items: list[ClaimOut]
    next: str | None


class RecordFilters(Schema):
    """The timeline's filters (see the timeline's documentation of each)."""

    person: list[str] = []
    country: list[str] = []
    pair: str | None = None
    kind: list[str] = []
    topic: str | None = None
    publisher: str | None = None
    status: str | None = None
    start: str | None = None
    end: str | None = None
    q: str | None = None
    after: str | None = None
    limit: int = 100


def _filter_data(request: HttpRequest, filters: RecordFilters) -> QueryDict:
    data = QueryDict(mutable=True)
    for key, value in filters.dict().items():
        if key in ("after", "limit") or value in (None, "", []):
            continue
        data.setlist(key, value if isinstance(value, list) else [str(value)])
    if (data.get("status") or ReviewStatus.CONFIRMED) != ReviewStatus.CONFIRMED and not is_editor(request):
        raise Refused("status", "Only logged-in editors can see unconfirmed items.")
    return data


def _text(name: str, value: str | None) -> str | None:
    """A free-text parameter as given; NUL is refused here, as Django's forms refuse it for the
    filters (PostgreSQL cannot compare text holding it)."""
    if value and "\x00" in value:
        raise Refused(name, f"{name} cannot contain NUL characters.")
    return value


def _limit(limit: int) -> int:
    if not 1 <= limit <= MAX_LIMIT:
        raise Refused("limit", f"limit is between 1 and {MAX_LIMIT}.")
    return limit


def _keyset(rows_qs: QuerySet, after: str | None) -> QuerySet:
    """Rows after the cursor ``<date>_<id>`` in ``-date, -id`` order."""
    if not after:
        return rows_qs
    match = _KEY.match(after)
    try:
        day = date.fromisoformat(match[1]) if match else None
    except ValueError:
        day = None
    if day is None:
        raise Refused("after", "after is a cursor from a previous page's next.")
    return rows_qs.before_key(day, int(match[2]))


def _by_id(rows_qs: QuerySet, after: str | None) -> QuerySet:
    if not after:
        return rows_qs.order_by("id")
    if not _ID.match(after):
        raise Refused("after", "after is a cursor from a previous page's next.")
    return rows_qs.filter(id__gt=int(after)).order_by("id")


def _filtered(request, filter_class, queryset, filters: RecordFilters):
    record_filter = filter_class(_filter_data(request, filters), queryset=queryset, request=request)
    if not record_filter.form.is_valid():
        return None, {"errors": {k: list(v) for k, v in record_filter.form.errors.items()}}
    return record_filter.qs, None


def _contact_out(row: dict) -> dict:
    sources = zip(
        row["source_article_ids"], row["source_urls"], row["source_publishers"], row["source_spans"], strict=True
    )
    keys = ("article_id", "url", "publisher", "span")
    return row | {"sources": [dict(zip(keys, s, strict=True)) for s in sources]}


@api.get("/contacts", response={200: ContactPage, 400: Errors}, tags=["record"])
def contacts(request, filters: Query[RecordFilters]):
    """Contacts, newest first, with their participants, topics and sources."""
    limit = _limit(filters.limit)
    qs, errors = _filtered(request, ContactFilter, Contact.objects.all(), filters)
    if errors:
        return Status(400, errors)
    page = _keyset(qs, filters.after).order_by("-date", "-id")[: limit + 1]
    site = f"{request.scheme}://{request.get_host()}"
    items = [
        _contact_out(r)
        for r in rows.contact_rows(
            Contact.objects.filter(pk__in=list(page.values_list("pk", flat=True))),
            site,
            visible(request, ContactSource.objects.all()),
        )
    ]
    return _page(items, limit, lambda r: f"{r['date'].isoformat()}_{r['id']}")


@api.get("/contacts/{contact_id}", response={200: ContactOut, 400: Errors, 404: Errors}, tags=["record"])
def contact(request, contact_id: int):
    shown = visible(request, Contact.objects.all())
    site = f"{request.scheme}://{request.get_host()}"
    found = list(rows.contact_rows(shown.filter(pk=contact_id), site, visible(request, ContactSource.objects.all())))
    if not found:
        return Status(404, {"errors": {"contact_id": ["No such contact."]}})
    return _contact_out(found[0])


@api.get("/statements", response={200: StatementPage, 400: Errors}, tags=["record"])
def statements(request, filters: Query[RecordFilters]):
    """Dated statements, newest first."""
    limit = _limit(filters.limit)
    qs, errors = _filtered(request, StatementFilter, Statement.objects.all(), filters)
    if errors:
        return Status(400, errors)
    page = _keyset(qs.filter(date__isnull=False), filters.after).order_by("-date", "-id")[: limit + 1]
    items = list(rows.statement_rows(Statement.objects.filter(pk__in=list(page.values_list("pk", flat=True)))))
    return _page(items, limit, lambda r: f"{r['date'].isoformat()}_{r['id']}")


@api.get("/people", response={200: PersonPage, 400: Errors}, tags=["people"])
def people(request, q: str | None = None, after: str | None = None, limit: int = 100):
    """People by id; ``q`` matches names and aliases."""
    limit = _limit(limit)
    q = _text("q", q)
    found = Person.objects.named(q) if q else Person.objects.all()
    page = list(_by_id(found.select_related("country"), after)[: limit + 1])
    items = [
        {
            "id": p.pk,
            "slug": p.slug,
            "name": p.name,
            "aliases": p.alias_list,
            "country": p.country.name if p.country else None,
        }
        for p in page
    ]
    return _page(items, limit, lambda r: str(r["id"]))


@api.get("/offices", response={200: OfficePage, 400: Errors}, tags=["people"])
def offices(request, person: str | None = None, after: str | None = None, limit: int = 100):
    limit = _limit(limit)
    found = Office.objects.select_related("person", "country")
    if person := _text("person", person):
        found = found.filter(person__slug=person)
    items = [
        {
            "id": o.pk,
            "person": o.person.slug,
            "title": o.title,
            "country": o.country.name,
            "start": o.start,
            "end": o.end,
            "is_head": o.is_head,
        }
        for o in _by_id(found, after)[: limit + 1]
    ]
    return _page(items, limit, lambda r: str(r["id"]))


@api.get("/pairs/{a}/{b}/gaps", response={200: GapPage, 400: Errors, 404: Errors}, tags=["gaps"])
def gaps(request, a: str, b: str, after: str | None = None, limit: int = 100):
    """A pair's gaps between held, confirmed contacts, oldest first."""
    limit = _limit(limit)
    person_a = get_object_or_404(Person, slug=_text("a", a))
    person_b = get_object_or_404(Person, slug=_text("b", b))
    fields = ("id", *rows.GAP_COLUMNS)
    found = _by_id(Gap.objects.for_pair(person_a, person_b), after)
    values = found.values_list(
        "id", "start", "end", "days", "approximate", "is_record", "longest_since", "before", "after"
    )
    items = [dict(zip(fields, row, strict=True)) for row in values[: limit + 1]]
    return _page(items, limit, lambda r: str(r["id"]))


@api.get("/claims", response={200: ClaimPage, 400: Errors}, tags=["gaps"])
def claims(request, pair: str | None = None, after: str | None = None, limit: int = 100):
    """Gap claims with their verdicts; ``pair=slug-a,slug-b`` for one pair's."""
    limit = _limit(limit)
    found = GapClaim.objects.all() if is_editor(request) else GapClaim.objects.filter(status=ReviewStatus.CONFIRMED)
    if pair := _text("pair", pair):
        slugs = [s.strip() for s in pair.split(",")]
        people_found = {p.slug: p.pk for p in Person.objects.filter(slug__in=slugs)}
        if len(slugs) != 2 or len(people_found) != 2:
            return Status(400, {"errors": {"pair": ["A pair is two known people: slug-a,slug-b."]}})
        low, high = pair_key(*people_found.values())
        found = found.filter(Q(person_a_id=low, person_b_id=high))
    page = list(_by_id(found.select_related("person_a", "person_b"), after)[: limit + 1])
    names = {c.pk: (c.person_a.slug, c.person_b.slug) for c in page}
    claim_rows = rows.claim_rows(GapClaim.objects.filter(pk__in=list(names)).order_by("id"))
    items = sorted(
        (r | {"person_a": names[r["id"]][0], "person_b": names[r["id"]][1]} for r in islice(claim_rows, limit + 1)),
        key=lambda r: r["id"],
    )
    return _page(items, limit, lambda r: str(r["id"]))
