"""Facets of the timeline: for the current selection, how many contacts each kind, country, topic,
person and publisher has, as links that filter on it.

Counts are made in the database. A facet of one key counts over the selection without that key's
own filter, and its link sets the key to that one value, so the number beside a link is the
number of contacts the link shows (a test checks). Values with no contacts are not offered.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from django.db import connections
from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.expressions import RawSQL
from django.http import HttpRequest, QueryDict

from timeline.charts.tally import tally_for
from timeline.filters import ContactFilter, viewer_is_editor
from timeline.visibility import visible
from tracker.models import (
    Contact,
    ContactSource,
    Country,
    FacetCount,
    FacetMonthCount,
    Office,
    Person,
    ReviewStatus,
    Topic,
    participants,
)
from tracker.models.record import CROWDED

LIMIT = 10  # values per facet, busiest first
SELECTED = "facet_selection"  # the shared selection's name in the one statement that counts over it
# Filters that make the selection costly to read again and small enough to keep (a search, people,
# a pair): at 100,000 contacts on PostgreSQL, selected once the facets of q=<rare word> took 685 ->
# 141 ms and the busiest pair's 622 -> 444; the whole record, or kinds alone, 683 -> 783 and 97 -> 182.
SHARED_WHEN = ("q", "person", "pair", "country", "topic", "publisher")
SELECTED_WITH_SIZE = "pk, kind, participants"  # a person's contacts of other than two, and how many took part


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


def _links(base_url: str, data: QueryDict, key: str) -> Callable[[str], str]:
    """The link that sets ``key`` to a value, the rest of ``data`` kept (``after`` dropped): the
    rest encoded once per facet, not copied once per value (a deep copy each), the value appended
    last as setting it on the copy did."""
    rest = _without(data, key).urlencode()

    def link(value: str) -> str:
        chosen = QueryDict(mutable=True)
        chosen.setlist(key, [value])
        return f"{base_url}?{rest}&{chosen.urlencode()}" if rest else f"{base_url}?{chosen.urlencode()}"

    return link


def kinds_from_tallies(selection: ContactFilter) -> dict[str, int] | None:
    """The number of each kind of the selection's contacts read from a stored tally, or None when
    none stands for it: a pair's or one person's month tallies (``month_tallies``: only that pair
    or person, status and kinds chosen), the record's all-time kind counts when only status and
    kinds narrow it (a row per kind and status), else the ``ContactDayCount`` rows when dates do
    too (days x kinds rows read, not every contact)."""
    if (months := selection.month_tallies()) is not None:
        counted = months.order_by().values("kind").annotate(n=Sum("contacts")).values_list("kind", "n")
    elif (all_time := selection.record_facet_tallies(FacetCount.KIND)) is not None:
        return {kind: n for kind, n in _summed(all_time, str).items() if n}
    elif (tally := tally_for(selection)) is not None and tally.days is not None:
        counted = tally.days.order_by().values("kind").annotate(n=Sum("contacts")).values_list("kind", "n")
    else:
        return None
    return {kind: n for kind, n in counted if n}


def _kinds(selected, tallied: dict[str, int] | None = None) -> Counting:
    """Each kind's count, busiest first; ``tallied``: the counts already read from a tally
    (``kinds_from_tallies``)."""
    labels = dict(Contact.Kind.choices)

    def labelled(counts: dict[str, int]) -> list[tuple[str, str, int]]:
        ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
        return [(labels.get(kind, kind), kind, n) for kind, n in ordered]

    if tallied is not None:
        return Counting(None, labelled, tallied, str)
    if isinstance(selected, RawSQL):  # the shared selection holds each contact's kind: no join
        return Counting((f"SELECT kind, COUNT(*) FROM {SELECTED} GROUP BY kind", ()), labelled, key=str)
    rows = Contact.objects.filter(pk__in=selected)
    return Counting(_sql(rows.order_by().values("kind").annotate(n=Count("id"))), labelled, key=str)


def _named(
    counts: dict[int, int], names_of: Callable[[list[int]], dict[int, tuple[str, str]]]
) -> list[tuple[str, str, int]]:
    """``(label, value, count)`` for the counted ids, busiest first, then by label; the first LIMIT.
    ``names_of`` reads the ``(label, value)`` of ids: only of those that can be among the first
    (counted at least as often as the LIMIT-th busiest, ties being ordered by label), not of every
    person of the record; of all when some of those have no name to show."""
    counted = {pk: n for pk, n in counts.items() if n}
    floor = sorted(counted.values(), reverse=True)[LIMIT - 1] if len(counted) > LIMIT else 0
    candidates = [pk for pk, n in counted.items() if n >= floor]
    names = names_of(candidates)
    if len(names) < len(candidates) < len(counted):
        names = names_of(list(counted))
    found = [(*names[pk], n) for pk, n in counted.items() if pk in names]
    return sorted(found, key=lambda f: (-f[2], f[0]))[:LIMIT]


def _names(rows) -> dict[int, tuple[str, str]]:
    """``(pk, label, value)`` rows by id."""
    return {pk: (label, value) for pk, label, value in rows}


def _summed(tallies: QuerySet, key: type = int) -> dict:
    """Each value's contacts in ``tallies`` (the record's ``FacetCount`` or a pair's
    ``PairFacetCount`` rows of one facet, status and kinds): a read of the facet's tally rows,
    not of every contact (at 1,000,000 contacts the scans took 1.7 s for countries, 0.84 s for
    topics and 0.44 s for publishers)."""
    summed = tallies.order_by().values("value").annotate(n=Sum("contacts")).values_list("value", "n")
    return {key(value): n for value, n in summed}


def _topics(selected, tallied: dict | None = None) -> Counting:
    """``tallied``: the topic facet's counts when tallies count the selection exactly
    (``_tallied``). Else grouped by id on the through table alone (its index), the names read
    for the few topics after."""

    def labelled(counts: dict[int, int]) -> list[tuple[str, str, int]]:
        return _named(counts, lambda ids: _names(Topic.objects.filter(pk__in=ids).values_list("pk", "name", "slug")))

    if tallied is not None:
        return Counting(None, labelled, tallied)
    tagged = Contact.topics.through.objects.filter(contact_id__in=selected)
    return Counting(_sql(tagged.order_by().values("topic_id").annotate(n=Count("contact_id"))), labelled)


def _people(selected, tallies: QuerySet | None = None) -> Counting:
    """``tallies``: the person facet's tallies when they count the selection's contacts exactly:
    the record's all-time rows (``record_facet_tallies``; at 1,000,000 contacts, a scan of every
    participant had taken 2.2 s of the plain timeline's facets) or a pair's
    (``pair_facet_tallies``). Else as for topics: one GROUP BY person id over the participants
    index."""

    def labelled(counts: dict[int, int]) -> list[tuple[str, str, int]]:
        return _named(counts, lambda ids: _names(Person.objects.filter(pk__in=ids).values_list("pk", "name", "slug")))

    if tallies is not None:
        return Counting(None, labelled, _summed(tallies))
    took_part = participants().filter(contact_id__in=selected)
    return Counting(_sql(took_part.order_by().values("person_id").annotate(n=Count("contact_id"))), labelled)


def _publishers(selected, sources: QuerySet, tallied: dict | None = None) -> Counting:
    """``tallied``: the publisher facet's counts when tallies (of confirmed reports: for the
    public only) count the selection exactly."""

    def labelled(counts: dict[str, int]) -> list[tuple[str, str, int]]:
        ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:LIMIT]
        return [(publisher, publisher, n) for publisher, n in ordered]

    if tallied is not None:
        return Counting(None, labelled, tallied, str)
    cited = sources.filter(contact_id__in=selected).exclude(article__publisher="")
    counted = cited.values("article__publisher").annotate(n=Count("contact_id", distinct=True))
    return Counting(_sql(counted.order_by()), labelled, key=str)


def _countries(selected, tallied: dict | None = None) -> Counting:
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
    ``tallied``: the country facet's counts when tallies count the selection exactly
    (``_tallied``), used instead."""

    def names_of(ids: list[int]) -> dict[int, tuple[str, str]]:
        countries = Country.objects.filter(pk__in=ids).values_list("pk", "name", "iso_alpha2")
        return {pk: (name, code or str(pk)) for pk, name, code in countries}

    def labelled(counts: dict[int, int]) -> list[tuple[str, str, int]]:
        return _named(counts, names_of)

    if tallied is not None:
        return Counting(None, labelled, tallied)
    connection = connections[Contact.objects.db]
    quote = connection.ops.quote_name
    selection, params = _selection_sql(selected)
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
    counting = f"SELECT country_id, COUNT(DISTINCT contact_id) FROM ({sql}) spoke_for GROUP BY country_id"
    return Counting((counting, tuple(arguments)), labelled)


FACETS = [
    ("kind", "Kind", _kinds),
    ("country", "Country", _countries),
    ("topic", "Topic", _topics),
    ("person", "Person", _people),
    ("publisher", "Publisher", _publishers),
]


@dataclass(frozen=True)
class Counting:
    """One facet's count: ``sql`` (with its parameters) gives ``(value, count)`` rows, or
    ``counts`` holds them already (read from a tally); ``labelled`` turns them into the facet's
    ``(label, value, count)`` entries."""

    sql: tuple[str, tuple] | None
    labelled: Callable[[dict], list[tuple[str, str, int]]]
    counts: dict | None = None
    key: type = int  # the type of the values counted (ids; kinds and publishers are text)


def _sql(queryset: QuerySet) -> tuple[str, tuple]:
    sql, params = queryset.query.sql_with_params()
    return sql, tuple(params)


def _selection_sql(selected) -> tuple[str, tuple]:
    if isinstance(selected, RawSQL):
        return selected.sql, tuple(selected.params)
    return _sql(selected)


# The facets a person's selection counts from their pairs' tallies (``person_facet_counts``).
PERSON_FACETS = {
    FacetMonthCount.COUNTRY: _countries,
    FacetMonthCount.TOPIC: _topics,
    FacetMonthCount.PUBLISHER: _publishers,
}
FACET_KEY_TYPES = {FacetMonthCount.COUNTRY: int, FacetMonthCount.TOPIC: int, FacetMonthCount.PUBLISHER: str}


def tallied_for(chosen: ContactFilter, facet: str) -> bool:
    """Whether tallies may count ``facet`` for ``chosen``'s viewer: the publisher tallies count
    confirmed reports, which is what the public sees of them (editors see reports under review)."""
    return facet != FacetMonthCount.PUBLISHER or not viewer_is_editor(chosen.request)


def _tallied(chosen: ContactFilter, facet: str, sources: QuerySet) -> dict | None:
    """The counts of ``facet`` (country, topic or publisher) over ``chosen``'s selection from the
    tallies that count it exactly (``facet_tallies``, or one person's from their pairs':
    ``person_facet_counts``); None when none does."""
    if not tallied_for(chosen, facet):
        return None
    if (tallies := chosen.facet_tallies(facet)) is not None:
        return _summed(tallies, FACET_KEY_TYPES[facet])
    return (person_facet_counts(chosen, [facet], sources) or {}).get(facet)


def person_facet_counts(chosen: ContactFilter, facets: list[str], sources: QuerySet) -> dict[str, dict] | None:
    """Each of ``facets``' counts over one person's contacts (``only_person``), from their pairs'
    ``PairFacetCount`` rows: a contact of k participants is in k - 1 of the person's pairs, so the
    person's contacts of other than two (few: the ``contact_uneven`` index) are counted again by
    facet, k and value and added weighted by 2 - k (``person_counts`` corrects ``PersonMonthCount``
    so). One statement for every facet, after the pairs' rows; None when the selection is not one
    person's. At 1,000,000 contacts on PostgreSQL the busiest leader's facets had been counted over
    their 216,553 contacts (2.2 s)."""
    if not facets or chosen.only_person() is None:
        return None
    counts = {f: Counter(_summed(chosen.person_pair_facet_tallies(f), FACET_KEY_TYPES[f])) for f in facets}
    uneven = Q(participant_count__gte=CROWDED) | Q(participant_count__lt=2)
    # The record's numbers of participants other than two (a read of the index alone): whom the
    # person shared them with is read from the selection.
    sizes = sorted(set(Contact.objects.filter(uneven).order_by().values_list("participant_count", flat=True)))
    if sizes:
        shared = _sql(chosen.qs.filter(uneven).order_by().values("pk", "kind", "participant_count"))
        countings, weights = [], []
        for facet in facets:
            for size in sizes:
                of_size = RawSQL(f"SELECT pk FROM {SELECTED} WHERE participants = %s", [size])
                count = PERSON_FACETS[facet]
                countings.append(count(of_size, sources) if count is _publishers else count(of_size))
                weights.append((facet, 2 - size))
        for (facet, weight), found in zip(weights, _counts_read(countings, shared, SELECTED_WITH_SIZE), strict=True):
            for value, n in found.items():
                counts[facet][value] += weight * n
    return {facet: {value: n for value, n in c.items() if n} for facet, c in counts.items()}


def _counting(count, selected, sources: QuerySet, chosen: ContactFilter, tallied: dict | None = None) -> Counting:
    """``count``'s Counting over ``selected`` (``chosen``'s selection); ``tallied``: counts of
    this facet already read from tallies, else they are looked for."""
    if count in (_publishers, _countries, _topics):
        facet = next(f for f, c in PERSON_FACETS.items() if c is count)
        counts = _tallied(chosen, facet, sources) if tallied is None else tallied
        return count(selected, sources, counts) if count is _publishers else count(selected, counts)
    if count is _kinds:
        return count(selected, kinds_from_tallies(chosen))
    if count is _people:
        of_pair = chosen.pair_facet_tallies(FacetCount.PERSON)
        return count(selected, of_pair if of_pair is not None else chosen.record_facet_tallies(FacetCount.PERSON))
    return count(selected)


def _counts_read(countings: list[Counting], shared: tuple[str, tuple] | None, columns: str = "pk, kind") -> list[dict]:
    """Each counting's ``(value, count)`` rows as a dict. Those that count over the ``shared``
    selection (its SQL) are read in one statement that selects it once (a CTE) and counts each
    facet over it, tagged by facet: a free-text search's selection, read once instead of once per
    facet (each facet query was mostly that search, at 100,000 contacts on PostgreSQL).
    ``columns``: the names of the shared selection's columns."""
    counts: list[dict | None] = [c.counts for c in countings]
    pending = [i for i, c in enumerate(countings) if c.counts is None]
    if not pending:
        return counts
    connection = connections[Contact.objects.db]
    with connection.cursor() as cursor:
        if shared is None:
            for i in pending:
                cursor.execute(*countings[i].sql)
                counts[i] = dict(cursor.fetchall())
            return counts
        # The values are ids or text, one column for all: text on PostgreSQL, which types a UNION's
        # columns (SQLite does not), read back as each facet's own type.
        postgres = connection.vendor == "postgresql"
        parts, params = [], list(shared[1])
        for i in pending:
            sql, args = countings[i].sql
            counted = f"CAST(v AS TEXT), n FROM ({sql}) counted(v, n)" if postgres else f"* FROM ({sql}) counted"
            parts.append(f"SELECT {i} AS facet, {counted}")
            params += args
        materialized = "MATERIALIZED " if postgres else ""  # read by each facet: selected once
        selection = f"WITH {SELECTED}({columns}) AS {materialized}({shared[0]}) "
        cursor.execute(selection + " UNION ALL ".join(parts), params)
        for i in pending:
            counts[i] = {}
        for i, value, n in cursor.fetchall():
            counts[i][countings[i].key(value)] = n
    return counts


def timeline_facets(
    data: QueryDict,
    base_url: str,
    fixed: dict[str, str] | None = None,
    request: HttpRequest | None = None,
    newest: int | None = None,
) -> list[Facet]:
    """The facets of the selection ``data`` describes (a page's ``fixed`` filters always apply and
    are left out of the links), as ``request``'s visitor may see it (sources under review count for
    editors only). Empty when the filters cannot be read. A few grouped queries.
    ``newest``: count among that many of the selection's newest contacts only (a search matching
    more than the page counts: at 1,000,000 contacts on PostgreSQL, counting every one of a common
    word's matches took 14 s)."""

    def rows(queryset: QuerySet) -> QuerySet:
        return queryset.order_by("-date", "-pk")[:newest] if newest else queryset.order_by()

    sources = visible(request, ContactSource.objects.all())
    merged = data.copy()
    for key, value in (fixed or {}).items():
        merged[key] = value
    # The facets of keys the query string does not hold all count over the same selection, the
    # query string's own (one filter for them all: each costs a deep copy of its fields): when a
    # filter narrows it, it is selected once for them all (``_counts_read``); the whole record or a
    # span of dates is cheaper read again than stored.
    # Read in part (newest first) only when counting among the newest matches.
    part = newest is not None
    whole = ContactFilter(_without(merged, "after"), queryset=Contact.objects.all(), request=request, read_in_part=part)
    if not whole.form.is_valid():
        return []
    shared = _sql(rows(whole.qs.values("pk", "kind"))) if any(merged.get(k) for k in SHARED_WHEN) else None
    # One person's facets that the query string does not choose: corrected together (one statement).
    of_person = [f for f in PERSON_FACETS if f not in merged and tallied_for(whole, f)]
    person_counts = person_facet_counts(whole, of_person, sources) or {}
    countings = {}
    for key, _, count in FACETS:
        if key not in merged:
            selection = whole
        else:
            selection = ContactFilter(
                _without(merged, key), queryset=Contact.objects.all(), request=request, read_in_part=part
            )
        if key in merged or shared is None:
            selected = rows(selection.qs.values("pk"))
        else:
            selected = RawSQL(f"SELECT pk FROM {SELECTED}", [])
        countings[key] = _counting(count, selected, sources, selection, person_counts.get(key))
    own = [key for key in countings if key in merged or shared is None]
    together = [key for key in countings if key not in own]
    counts = dict(zip(own, _counts_read([countings[k] for k in own], None), strict=True))
    counts |= dict(zip(together, _counts_read([countings[k] for k in together], shared), strict=True))
    facets = []
    for key, title, _ in FACETS:
        chosen = set(merged.getlist(key))
        link = _links(base_url, data, key)
        values = [
            FacetValue(label, value, n, link(value), value in chosen)
            for label, value, n in countings[key].labelled(counts[key])
            if n
        ]
        if values:
            facets.append(Facet(key, title, values))
    return facets
