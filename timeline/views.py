"""Public pages of the record. Each HTMX surface is one page template with named partials: an
HTMX request (other than a history restore) gets just the partial, anything else the page."""

from __future__ import annotations

from django.db.models import Prefetch, Q
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe
from django.views.decorators.vary import vary_on_headers

from timeline.chart_views import chart_context
from timeline.exports import counterparts_export, exportable, pair_contacts_export, timeline_export
from timeline.facets import timeline_facets
from timeline.feed import COUNT_CAP, CappedCount, Cursor, count_capped, feed_entries, feed_page, within_tallied_months
from timeline.filters import ContactFilter, StatementFilter, ambiguities, canonical_query, viewer_is_editor
from timeline.htmx import is_fragment_request, pickers_out_of_band
from timeline.page_cache import public_page_cached
from timeline.pairs import pair_claims, pair_open_gap, pair_summary, quiet_pairs
from timeline.text import sentence_around
from timeline.visibility import contacts_visible, people_visible, statements_visible, visible
from tracker.highlight import Highlight, text_highlighted
from tracker.models import Article, Contact, ContactSource, Country, Gap, Person, Statement
from tracker.rules import month_start, office_left_on

PAGE_SIZE = 50
MAX_TYPED = 100  # characters of a name typed into the people autocomplete
SUGGESTIONS = 20


def _contacts_listed():
    return Contact.objects.prefetch_related("participants")


def _statements_listed():
    return Statement.objects.select_related("speaker")


def contacts_counted(contact_filter: ContactFilter) -> CappedCount:
    """A busy pair's count comes from its tallies; any other filter counts rows, up to the cap."""
    exact = contact_filter.pair_count_from_tallies()
    return CappedCount(exact, more=False) if exact is not None else count_capped(contact_filter.qs, COUNT_CAP)


def _feed_context(request: HttpRequest, *, base_url: str, fixed: dict[str, str] | None = None) -> dict:
    """Filters from the query string (plus ``fixed`` ones a page imposes), one page of the feed
    and its gap markers. A constant number of queries, whatever the size of the record."""
    data = request.GET.copy()
    for key, value in (fixed or {}).items():
        data[key] = value
    contact_filter = ContactFilter(data, queryset=_contacts_listed(), request=request, read_in_part=True)
    with_statements = data.get("statements") == "on"
    statement_filter = (
        StatementFilter(data, queryset=_statements_listed(), request=request) if with_statements else None
    )
    cursor = Cursor.parse(data.get("after"))
    oldest_first = contact_filter.oldest_first()
    contacts = within_tallied_months(contact_filter.qs, contact_filter.month_tallies(), cursor, PAGE_SIZE, oldest_first)
    items, next_cursor = feed_page(
        contacts, statement_filter.qs if statement_filter else None, cursor, PAGE_SIZE, oldest_first
    )
    today = timezone.localdate()
    pair = contact_filter.chosen_pair()
    open_gap = None
    if pair:
        contact_ids = [item.obj.pk for item in items if item.stream == "c"]
        gaps = {g.after_id: g for g in Gap.objects.for_pair(*pair).filter(after_id__in=contact_ids).order_by()}
        for item in items:
            if item.stream == "c":
                item.gap = gaps.get(item.obj.pk)
        if cursor is None:
            open_gap = pair_open_gap(*pair, today)
    contact_count = contacts_counted(contact_filter) if cursor is None else None
    # A search matching more than the count's cap: its facets count among its newest matches.
    searched = bool((data.get("q") or "").strip())
    facets_newest = COUNT_CAP if searched and contact_count is not None and contact_count.more else None
    # Typed names as slugs and codes, no empty values: what the page redirects to and pushes.
    canonical = canonical_query(contact_filter, request.GET)
    for key in fixed or {}:
        canonical.pop(key, None)
    query = canonical.copy()
    query.pop("after", None)
    export_query = query.copy()  # the fixed filters too: the export URLs have none of their own
    for key, value in (fixed or {}).items():
        export_query[key] = value
    next_query = None
    if next_cursor:
        next_query = query.copy()
        next_query["after"] = str(next_cursor)
    return {
        "filter": contact_filter,
        "form": contact_filter.form,
        "with_statements": with_statements,
        "entries": feed_entries(items, month_start(cursor.date) if cursor else None),
        "next_url": f"{base_url}?{next_query.urlencode()}" if next_query else None,
        "cursor": cursor,
        "pair": pair,
        "open_gap": open_gap,
        "today": today,
        "contact_count": contact_count,
        "statement_count": count_capped(statement_filter.qs.filter(date__isnull=False))
        if statement_filter and cursor is None
        else None,
        "query": query.urlencode(),
        "export_query": export_query.urlencode(),
        "hidden_statement_count": (
            _hidden_statements(contact_filter) if not with_statements and cursor is None else None
        ),
        "facets": timeline_facets(query, base_url, fixed, request, facets_newest) if cursor is None else [],
        "facets_newest": f"{facets_newest:,}" if facets_newest else None,
        "base_url": base_url,
        "canonical_url": f"{base_url}?{canonical.urlencode()}" if canonical else base_url,
        "is_canonical": canonical.urlencode() == request.GET.urlencode(),
        "ambiguities": ambiguities(contact_filter, request.GET, base_url),
        "oldest_first": oldest_first,
        "fixed_pair": "pair" in (fixed or {}),
    }


def _hidden_statements(contact_filter: ContactFilter) -> CappedCount | None:
    """How many statements a text search also matches while statements are not shown: the page's
    query string (fixed filters included) for the page's viewer, as the listed statements would be."""
    if not (contact_filter.data.get("q") or "").strip():
        return None
    statement_filter = contact_filter.alongside(StatementFilter, Statement.objects.all())
    return count_capped(statement_filter.qs.filter(date__isnull=False)) if statement_filter.form.is_valid() else None


def _only_ambiguous(form) -> bool:
    return all(
        item.code == "ambiguous" for errors in form.errors.as_data().values() for e in errors for item in e.error_list
    )


def _render_feed(request: HttpRequest, template: str, ctx: dict) -> HttpResponse:
    """The page, or for HTMX the partial. A typed name that resolved makes a plain request redirect
    to the URL with slugs (so the address bar holds what a link would), and an HTMX one push it;
    the fragment for new filters also carries the pickers (out of band), re-rendered as chips."""
    # The pair page includes the timeline's partials, so its fragments come from there too.
    if is_fragment_request(request):
        if ctx["cursor"]:
            return render(request, "timeline/timeline.html#items", ctx)
        # Filters that cannot be read: the results partial says why, and the status says so too;
        # a typed name that means several people is a question (which one?), not a bad request.
        status = 400 if ctx["form"].errors and not _only_ambiguous(ctx["form"]) else 200
        html = render_to_string("timeline/timeline.html#results", ctx, request)
        html += pickers_out_of_band(request, ctx["form"], fixed_pair=ctx["fixed_pair"])
        response = HttpResponse(html, status=status)
        if not ctx["is_canonical"]:
            response["HX-Push-Url"] = ctx["canonical_url"]
        return response
    if not ctx["is_canonical"]:
        return redirect(ctx["canonical_url"])
    return render(request, template, ctx)


@require_safe
@public_page_cached
@vary_on_headers("HX-Request")
@exportable(timeline_export)
def timeline(request: HttpRequest) -> HttpResponse:
    ctx = _feed_context(request, base_url=reverse("timeline:timeline"))
    return _render_feed(request, "timeline/timeline.html", ctx)


@require_safe
@public_page_cached
@vary_on_headers("HX-Request")
@exportable(pair_contacts_export)
def pair(request: HttpRequest, a: str, b: str) -> HttpResponse:
    if a == b:
        raise Http404("A pair is two different people.")
    person_a = get_object_or_404(people_visible(request), slug=a)
    person_b = get_object_or_404(people_visible(request), slug=b)
    base_url = reverse("timeline:pair", args=[a, b])
    ctx = _feed_context(request, base_url=base_url, fixed={"pair": f"{a},{b}"})
    if not is_fragment_request(request):
        chart_params = request.GET.copy()
        chart_params["pair"] = f"{a},{b}"
        ctx |= {
            "a": person_a,
            "b": person_b,
            "summary": pair_summary(person_a, person_b, ctx["today"]),
            "claims": visible(request, pair_claims(person_a, person_b)),
            "coverage": Article.objects.reporting_pair(person_a, person_b).coverage(),
            "charts": [chart_context(name, chart_params, ctx["filter"]) for name in ("gaps", "frequency")],
        }
    return _render_feed(request, "timeline/pair.html", ctx)


def _typed(request: HttpRequest, *keys: str) -> str:
    for key in keys:
        if value := (request.GET.get(key) or "").strip().replace("\x00", ""):
            return value if len(value) <= MAX_TYPED * 2 + 1 else ""
    return ""


@require_safe
def people_suggest(request: HttpRequest) -> HttpResponse:
    """Options for the people pickers (a <datalist>): the people whose name, alias or slug matches
    what was typed, each offered by name (what the picker resolves). For the pair box, the name
    after its comma is completed and the one before kept: "Aldo Varen, Mi" offers "Aldo Varen,
    Mira Tolsk". Confirmed people only, for the public. One query."""
    typed = _typed(request, "person", "pair", "q")
    before, _, typed = typed.rpartition(",") if "pair" in request.GET else ("", "", typed)
    typed = typed.strip()
    people = Person.objects.none()
    if typed and len(typed) <= MAX_TYPED:
        people = people_visible(request).filter(
            Q(name__icontains=typed) | Q(aliases__icontains=typed) | Q(slug__istartswith=typed)
        )
    prefix = f"{before.strip()}, " if before.strip() else ""
    options = [
        (prefix + p.name, p.country.name if p.country else "") for p in people.select_related("country")[:SUGGESTIONS]
    ]
    return render(request, "timeline/picker_options.html", {"options": options})


@require_safe
def countries_suggest(request: HttpRequest) -> HttpResponse:
    """Options for the countries picker: countries and organisations whose name, an alias or ISO
    code matches what was typed, offered by name. One query."""
    typed = _typed(request, "country", "q")
    countries = Country.objects.none()
    if typed and len(typed) <= MAX_TYPED:
        countries = Country.objects.filter(
            Q(name__icontains=typed)
            | Q(aliases__icontains=typed)
            | Q(iso_alpha2__iexact=typed)
            | Q(iso_alpha3__iexact=typed)
        )
    options = [(c.name, c.iso_alpha2 or c.get_kind_display()) for c in countries.order_by("name")[:SUGGESTIONS]]
    return render(request, "timeline/picker_options.html", {"options": options})


@require_safe
@public_page_cached
def home(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    contacts = _contacts_listed().confirmed().order_by("-date", "-id")[:20]
    ctx = {
        "contacts": contacts,
        "quiet": quiet_pairs(today),
        "today": today,
        "coverage": Article.objects.reporting_confirmed().coverage(),
    }
    return render(request, "timeline/home.html", ctx)


@require_safe
@public_page_cached
@exportable(counterparts_export)
def leader(request: HttpRequest, slug: str) -> HttpResponse:
    person = get_object_or_404(people_visible(request), slug=slug)
    today = timezone.localdate()
    offices = list(visible(request, person.offices.select_related("country")).order_by("start"))
    left_on = office_left_on([o.term for o in offices if o.status == "confirmed"], today)
    counterparts = Person.objects.prefetch_related("offices").counterparts_of(person, limit=30)
    for other in counterparts:
        other.days_since = (today - other.last_contact).days
        other.left_on = office_left_on([o.term for o in other.offices.all() if o.status == "confirmed"], today)
    chart_params = QueryDict(f"person={slug}")
    chart_filter = ContactFilter(chart_params, queryset=Contact.objects.all())  # one for both charts
    ctx = {
        "person": person,
        "offices": offices,
        "left_on": left_on,
        "counterparts": counterparts,
        "statements": person.statements.confirmed().filter(date__isnull=False).order_by("-date", "-id")[:10],
        "coverage": Article.objects.reporting_person(person).coverage(),
        "today": today,
        "charts": [chart_context(name, chart_params, chart_filter) for name in ("frequency", "network")],
    }
    return render(request, "timeline/leader.html", ctx)


@require_safe
@vary_on_headers("HX-Request")
def contact(request: HttpRequest, pk: int) -> HttpResponse:
    """A contact with its sources, statements and topics; HTMX gets the part that expands in place."""
    item = get_object_or_404(
        contacts_visible(request).prefetch_related(
            "participants",
            "topics",
            Prefetch("sources", queryset=visible(request, _sources())),
            Prefetch(
                "statements",
                queryset=statements_visible(request).select_related("speaker").order_by("date", "id"),
            ),
        ),
        pk=pk,
    )
    sources = [
        (s, sentence_around(s.article.text, s.start, s.end) if s.start is not None else None)
        for s in item.sources.all()
    ]
    ctx = {"contact": item, "sources": sources}
    template = "timeline/contact.html#detail" if is_fragment_request(request) else "timeline/contact.html"
    return render(request, template, ctx)


def _sources():
    return ContactSource.objects.select_related("article").order_by("article__published", "id")


@require_safe
def article(request: HttpRequest, pk: int) -> HttpResponse:
    # The public sees an article once something it reports is confirmed: not a pasted text under review.
    articles = Article.objects.all() if viewer_is_editor(request) else Article.objects.reporting_confirmed()
    item = get_object_or_404(articles, pk=pk)
    spans = [
        Highlight(s.start, s.end, reverse("timeline:contact", args=[s.contact_id]), f"Contact: {s.contact}")
        for s in visible(request, item.contact_sources.filter(start__isnull=False, end__isnull=False))
        .filter(contact__in=contacts_visible(request))
        .prefetch_related("contact__participants")
    ]
    statements = visible(request, item.statements.all())
    for statement in statements.filter(start__isnull=False, end__isnull=False).select_related("speaker"):
        url = (
            reverse("timeline:contact", args=[statement.contact_id])
            if statement.contact_id
            else statement.speaker.get_absolute_url()
        )
        spans.append(Highlight(statement.start, statement.end, url, f"Statement by {statement.speaker}"))
    ctx = {"article": item, "body": text_highlighted(item.text, spans), "span_count": len(spans)}
    return render(request, "timeline/article.html", ctx)
