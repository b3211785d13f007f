"""Facets of the timeline: for the current selection, how many contacts each kind, country, topic,
person and publisher has, as links that filter on it.

Counts are made in the database. A facet of one key counts over the selection without that key's
own filter, and its link sets the key to that one value, so the number beside a link is the
number of contacts the link shows (a test checks). Values with no contacts are not offered.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connections
from django.db.models import Count, QuerySet, Sum
from django.http import HttpRequest, QueryDict

from timeline.charts.tally import tally_for
from timeline.filters import ContactFilter, viewer_is_editor
from timeline.visibility import visible
from tracker.models import (
    Contact,
    ContactSource,
    Country,
    FacetMonthCount,
    Office,
    Person,
    ReviewStatus,
    Topic,
    participants,
)

LIMIT = 10  # values per facet, busiest first


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


def kinds_from_tallies(selection: ContactFilter) -> dict[str, int] | None:
    """The number of each kind of the selection's contacts read from a stored tally, or None when
    none stands for it: a pair's or one person's month tallies (``month_tallies``: only that pair
    or person, status and kinds chosen), else the ``ContactDayCount`` rows when only status, kinds
    and dates narrow it (the whole record: days x kinds rows read, not every contact)."""
    tallied = None
    if (months := selection.month_tallies()) is not None:
        counted = months.order_by().values("kind").annotate(n=Sum("contacts")).values_list("kind", "n")
        tallied = {kind: n for kind, n in counted if n}
    elif (tally := tally_for(selection)) is not None and tally.days is not None:
        counted = tally.days.order_by().values("kind").annotate(n=Sum("contacts")).values_list("kind", "n")
        tallied = {kind: n for kind, n in counted if n}
    return tallied


def _kinds(rows: QuerySet, tallied: dict[str, int] | None = None) -> list[tuple[str, str, int]]:
    """Each kind's count, busiest first; ``tallied``: the counts already read from a tally
    (``kinds_from_tallies``)."""
    labels = dict(Contact.Kind.choices)
    if tallied is None:
        counted = rows.order_by().values("kind").annotate(n=Count("id")).values_list("kind", "n")
        tallied = dict(counted)
    ordered = sorted(tallied.items(), key=lambda item: (-item[1], item[0]))
    return [(labels.get(kind, kind), kind, n) for kind, n in ordered]


def _named(counts: dict[int, int], names: dict[int, tuple[str, str]]) -> list[tuple[str, str, int]]:
    """``(label, value, count)`` for the counted ids, busiest first, then by label; the first LIMIT."""
    found = [(*names[pk], n) for pk, n in counts.items() if n and pk in names]
    return sorted(found, key=lambda f: (-f[2], f[0]))[:LIMIT]


def _summed(tallies: QuerySet) -> dict[str, int]:
    """Each value's contacts in ``tallies`` (``FacetMonthCount`` rows of one facet, status and
    kinds): a read of the facet's month rows, not of every contact (at 1,000,000 contacts the
    scans took 1.7 s for countries, 0.84 s for topics and 0.44 s for publishers)."""
    return dict(tallies.order_by().values("value").annotate(n=Sum("contacts")).values_list("value", "n"))


def _topics(rows: QuerySet, tallies: QuerySet | None = None) -> list[tuple[str, str, int]]:
    """``tallies``: the topic facet's month tallies when they count the selection exactly
    (``facet_tallies``). Else grouped by id on the through table alone (its index), the names read
    for the few topics after."""
    if tallies is not None:
        counts = {int(value): n for value, n in _summed(tallies).items()}
    else:
        tagged = Contact.topics.through.objects.filter(contact_id__in=rows.values("pk"))
        counted = tagged.order_by().values("topic_id").annotate(n=Count("contact_id"))
        counts = dict(counted.values_list("topic_id", "n"))
    topics = Topic.objects.filter(pk__in=counts).values_list("pk", "name", "slug")
    names = {pk: (name, slug) for pk, name, slug in topics}
    return _named(counts, names)


def _people(rows: QuerySet, tallies: QuerySet | None = None) -> list[tuple[str, str, int]]:
    """``tallies``: every person's month tallies when they count the selection's contacts exactly
    (``people_tallies``): their rows summed, not every participant of the record (at 1,000,000
    contacts, 2.2 s of the plain timeline's facets). Else as for topics: one GROUP BY person id over
    the participants index."""
    if tallies is not None:
        counted = tallies.order_by().values("person_id").annotate(n=Sum("contacts"))
    else:
        took_part = participants().filter(contact_id__in=rows.values("pk"))
        counted = took_part.order_by().values("person_id").annotate(n=Count("contact_id"))
    counts = dict(counted.values_list("person_id", "n"))
    people = Person.objects.filter(pk__in=counts).values_list("pk", "name", "slug")
    names = {pk: (name, slug) for pk, name, slug in people}
    return _named(counts, names)


def _publishers(rows: QuerySet, sources: QuerySet, tallies: QuerySet | None = None) -> list[tuple[str, str, int]]:
    """``tallies``: the publisher facet's month tallies (of confirmed reports: for the public
    only) when they count the selection exactly."""
    if tallies is not None:
        ordered = sorted(_summed(tallies).items(), key=lambda item: (-item[1], item[0]))
        return [(name, name, n) for name, n in ordered[:LIMIT]]
    cited = sources.filter(contact_id__in=rows.values("pk")).exclude(article__publisher="")
    counted = cited.values("article__publisher").annotate(n=Count("contact_id", distinct=True))
    return [(r["article__publisher"], r["article__publisher"], r["n"]) for r in counted.order_by("-n")[:LIMIT]]


def _countries(rows: QuerySet, tallies: QuerySet | None = None) -> list[tuple[str, str, int]]:
    """A contact counts for a country when a participant spoke for it on the day (``of_countries``:
    a national of it, or holding one of its confirmed offices that day). One query for every
    country at once: the (contact, country) pairs of the two ways, grouped by country, each contact
    counted once (COUNT DISTINCT per group sorts small groups; a UNION's dedupe of all the pairs
    first took two to five times as long on PostgreSQL at 100,000 contacts).
    An office of the holder's own country adds nothing to the nationals' pairs, so the second way
    reads only the confirmed offices held abroad, found first (one short read of the offices table:
    the planner cannot tell that a cross-table inequality keeps few rows, and read every participant
    for it); without any, the nationals alone answer. Together these made the count at 100,000
    contacts on PostgreSQL 250 -> 110 ms (whole record) and 100 -> 40 ms (the busiest pair).
    Raw SQL because the ORM cannot group a UNION; the selection itself is the filter's own SQL.
    ``tallies``: the country facet's month tallies when they count the selection exactly
    (``facet_tallies``), summed instead."""
    if tallies is not None:
        return _country_names({int(value): n for value, n in _summed(tallies).items()})
    connection = connections[rows.db]
    quote = connection.ops.quote_name
    selection, params = rows.order_by().values("pk").query.sql_with_params()
    took_part = quote(Contact.participants.through._meta.db_table)
    person, office, contact = (quote(m._meta.db_table) for m in (Person, Office, Contact))
    end = quote("end")
    held = Office.objects.filter(status=ReviewStatus.CONFIRMED)
    abroad = [pk for pk, country, own in held.values_list("pk", "country_id", "person__country_id") if country != own]
    sql = f"""
        SELECT cp.contact_id, p.country_id FROM {took_part} cp JOIN {person} p ON p.id = cp.person_id
        WHERE p.country_id IS NOT NULL AND cp.contact_id IN ({selection})
    """
    arguments = list(params)
    if abroad:
        sql += f"""
            UNION ALL
            SELECT cp.contact_id, o.country_id FROM {office} o
            JOIN {took_part} cp ON cp.person_id = o.person_id
            JOIN {contact} c ON c.id = cp.contact_id
            WHERE o.id IN ({", ".join(["%s"] * len(abroad))})
            AND (o.start IS NULL OR o.start <= c.date) AND (o.{end} IS NULL OR o.{end} > c.date)
            AND cp.contact_id IN ({selection})
        """
        arguments += [*abroad, *params]
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT country_id, COUNT(DISTINCT contact_id) FROM ({sql}) spoke_for GROUP BY country_id", arguments
        )
        counts = dict(cursor.fetchall())
    return _country_names(counts)


def _country_names(counts: dict[int, int]) -> list[tuple[str, str, int]]:
    countries = Country.objects.filter(pk__in=counts).values_list("pk", "name", "iso_alpha2")
    return _named(counts, {pk: (name, code or str(pk)) for pk, name, code in countries})


FACETS = [
    ("kind", "Kind", _kinds),
    ("country", "Country", _countries),
    ("topic", "Topic", _topics),
    ("person", "Person", _people),
    ("publisher", "Publisher", _publishers),
]


def _counted(count, rows: QuerySet, sources: QuerySet, chosen: ContactFilter) -> list[tuple[str, str, int]]:
    if count is _publishers:
        # The tallies count confirmed reports, which is what the public sees of them.
        public = not viewer_is_editor(chosen.request)
        return count(rows, sources, chosen.facet_tallies(FacetMonthCount.PUBLISHER) if public else None)
    if count is _countries:
        return count(rows, chosen.facet_tallies(FacetMonthCount.COUNTRY))
    if count is _topics:
        return count(rows, chosen.facet_tallies(FacetMonthCount.TOPIC))
    if count is _kinds:
        return count(rows, kinds_from_tallies(chosen))
    if count is _people:
        return count(rows, chosen.people_tallies())
    return count(rows)


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
        selection = ContactFilter(rest, queryset=Contact.objects.all(), request=request)
        rows = selection.qs
        chosen = set(merged.getlist(key))
        values = [
            FacetValue(label, value, n, _link(base_url, _without(data, "after"), key, value), value in chosen)
            for label, value, n in _counted(count, rows, sources, selection)
            if n
        ]
        if values:
            facets.append(Facet(key, title, values))
    return facets
