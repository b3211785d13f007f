"""Facets of the timeline: for the current selection, how many contacts each kind, country, topic,
person and publisher has, as links that filter on it.

Counts are made in the database. A facet of one key counts over the selection without that key's
own filter, and its link sets the key to that one value, so the number beside a link is the
number of contacts the link shows (a test checks). Values with no contacts are not offered.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest, QueryDict

from timeline.filters import ContactFilter
from timeline.visibility import visible
from tracker.models import Contact, ContactSource, Country, Office, Person, participants

LIMIT = 10  # values per facet, busiest first
COUNTRY_CANDIDATES = 15  # countries counted exactly, chosen by a grouped pre-count


@dataclass(frozen=True)
class FacetValue:
    label: str
    value: str
    count: int
    url: str
    chosen: bool


@dataclass(frozen=True)
class Facet:
    key: str
    title: str
    values: list[FacetValue]


def _without(data: QueryDict, key: str) -> QueryDict:
    rest = data.copy()
    rest.pop(key, None)
    rest.pop("after", None)
    return rest


def _link(base_url: str, data: QueryDict, key: str, value: str) -> str:
    query = _without(data, key)
    query.setlist(key, [value])
    return f"{base_url}?{query.urlencode()}"


def _kinds(rows: QuerySet) -> list[tuple[str, str, int]]:
    labels = dict(Contact.Kind.choices)
    counted = rows.order_by().values("kind").annotate(n=Count("id")).order_by("-n", "kind")
    return [(labels.get(r["kind"], r["kind"]), r["kind"], r["n"]) for r in counted]


def _topics(rows: QuerySet) -> list[tuple[str, str, int]]:
    tagged = Contact.topics.through.objects.filter(contact_id__in=rows.values("pk"))
    counted = tagged.values("topic__name", "topic__slug").annotate(n=Count("contact_id")).order_by("-n", "topic__name")
    return [(r["topic__name"], r["topic__slug"], r["n"]) for r in counted[:LIMIT]]


def _people(rows: QuerySet) -> list[tuple[str, str, int]]:
    took_part = participants().filter(contact_id__in=rows.values("pk"))
    counted = took_part.values("person__name", "person__slug").annotate(n=Count("contact_id"))
    return [(r["person__name"], r["person__slug"], r["n"]) for r in counted.order_by("-n", "person__name")[:LIMIT]]


def _publishers(rows: QuerySet, sources: QuerySet) -> list[tuple[str, str, int]]:
    cited = sources.filter(contact_id__in=rows.values("pk")).exclude(article__publisher="")
    counted = cited.values("article__publisher").annotate(n=Count("contact_id", distinct=True))
    return [(r["article__publisher"], r["article__publisher"], r["n"]) for r in counted.order_by("-n")[:LIMIT]]


def _countries(rows: QuerySet) -> list[tuple[str, str, int]]:
    """A contact counts for a country when a participant spoke for it on the day (``of_countries``),
    which a GROUP BY cannot say; so the countries of the participants' nationality and offices are
    pre-ranked in one query, and the likeliest few counted exactly in one more."""
    took_part = participants().filter(contact_id__in=rows.values("pk"))
    people = took_part.values("person_id")
    nationals = Person.objects.filter(pk__in=people).exclude(country=None).values_list("country_id", flat=True)
    holders = Office.objects.filter(person_id__in=people).values_list("country_id", flat=True)
    candidates = list(
        Country.objects.filter(Q(pk__in=nationals) | Q(pk__in=holders))
        .annotate(n=Count("people__contacts", distinct=True))
        .order_by("-n", "name")
        .values_list("pk", "name", "iso_alpha2")[:COUNTRY_CANDIDATES]
    )
    if not candidates:
        return []
    # One query however many candidates: a filtered COUNT per country.
    counts = rows.order_by().aggregate(
        **{f"c{pk}": Count("pk", filter=Q(pk__in=rows.of_countries([pk]).values("pk"))) for pk, _, _ in candidates}
    )
    found = [(name, code or str(pk), counts[f"c{pk}"]) for pk, name, code in candidates]
    return sorted((f for f in found if f[2]), key=lambda f: (-f[2], f[0]))[:LIMIT]


FACETS = [
    ("kind", "Kind", _kinds),
    ("country", "Country", _countries),
    ("topic", "Topic", _topics),
    ("person", "Person", _people),
    ("publisher", "Publisher", _publishers),
]


def timeline_facets(
    data: QueryDict, base_url: str, fixed: dict[str, str] | None = None, request: HttpRequest | None = None
) -> list[Facet]:
    """The facets of the selection ``data`` describes (a page's ``fixed`` filters always apply and
    are left out of the links), as ``request``'s visitor may see it (sources under review count for
    editors only). Empty when the filters cannot be read. A few grouped queries."""
    sources = visible(request, ContactSource.objects.all())
    merged = data.copy()
    for key, value in (fixed or {}).items():
        merged[key] = value
    if not ContactFilter(merged, queryset=Contact.objects.all(), request=request).form.is_valid():
        return []
    facets = []
    for key, title, count in FACETS:
        rest = _without(merged, key)
        rows = ContactFilter(rest, queryset=Contact.objects.all(), request=request).qs
        chosen = set(merged.getlist(key))
        values = [
            FacetValue(label, value, n, _link(base_url, _without(data, "after"), key, value), value in chosen)
            for label, value, n in (count(rows, sources) if count is _publishers else count(rows))
            if n
        ]
        if values:
            facets.append(Facet(key, title, values))
    return facets
