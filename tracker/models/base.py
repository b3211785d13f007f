"""What every part of the record shares: review status, date precision, and the reads common to
contacts and statements (one ``RecordQuerySet``, parameterised by how a record names its people)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import TYPE_CHECKING

from django.db import IntegrityError, connections, models, router, transaction
from django.db.models import Exists, OuterRef, Q
from django.db.models.expressions import RawSQL
from django.utils.text import slugify

from tracker.text_search import fts_phrase, fts_prefix_query, fts_usable, fts_vector, text_index_usable

if TYPE_CHECKING:
    from tracker.models.articles import Topic
    from tracker.models.people import Country


def lines(text: str) -> list[str]:
    """The non-empty, stripped lines of a one-item-per-line text field."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def save_with_unique_slug(instance: models.Model, text: str, save: Callable[[], None]) -> None:
    """Save a new row with a unique slug made from ``text``: the plain slug, else ``-2``, ``-3``…

    The unique index decides, not a look-up before the insert: each candidate is inserted in a
    savepoint, and a clash on the slug moves on to the next one, so two processes saving the same
    name at once both succeed. (The slugs already taken are read first only to skip them.)
    """
    model = type(instance)
    base = slugify(text)[:180] or "item"
    taken = slugs_taken(model, base)
    for n in range(1, 10_000):
        candidate = base if n == 1 else f"{base}-{n}"
        if candidate in taken:
            continue
        instance.slug = candidate
        try:
            with transaction.atomic():
                save()
            return
        except IntegrityError:
            if not model.objects.filter(slug=candidate).exists():
                raise  # another constraint failed, not the slug's
    raise IntegrityError(f"no free slug for {text!r}")


def links_insert(relation, rows: Iterable[tuple[int, int]]) -> None:
    """Insert new rows of a many-to-many relation's table (``Contact.participants``: the
    descriptor), each ``(id of this side, id of the other)``, in their order, in one statement:
    what ``bulk_create`` of its through model writes (no m2m signals either), without the cost
    of building and compiling it (ingest writes a few for every contact and statement)."""
    rows = list(rows)
    if not rows:
        return
    field = relation.field
    connection = connections[router.db_for_write(relation.through)]
    quote = connection.ops.quote_name
    columns = f"{quote(field.m2m_column_name())}, {quote(field.m2m_reverse_name())}"
    insert = f"INSERT INTO {quote(relation.through._meta.db_table)} ({columns}) VALUES "
    with connection.cursor() as cursor:
        for i in range(0, len(rows), 500):  # 1,000 parameters a statement, within every backend's limit
            chunk = rows[i : i + 500]
            cursor.execute(insert + ", ".join(["(%s, %s)"] * len(chunk)), [pk for row in chunk for pk in row])


# How many of a slug's first candidates (``base``, ``base-2`` …) one look-up reads by equality
# (an index look-up each); only when all of them are taken are all the slugs that start alike read.
SLUG_CANDIDATES_READ = 20


def slugs_taken(model: type[models.Model], base: str) -> set[str]:
    """The slugs ``save_with_unique_slug`` tries first that are taken, the model's or reserved for
    it (``slugs_reserved_by``: a model whose slugs it must not take): one query (written out: it
    runs for every person extraction creates, and the ORM's compiling of it cost more than it);
    one more per model when every one of the first is taken."""
    first = [base] + [f"{base}-{n}" for n in range(2, SLUG_CANDIDATES_READ + 1)]
    reserving = getattr(model, "slugs_reserved_by", None)  # e.g. merged-away people's, which redirect
    sources = [model, reserving()] if reserving else [model]
    connection = connections[router.db_for_write(model)]
    marks = ", ".join(["%s"] * len(first))
    quote = connection.ops.quote_name
    sql = " UNION ALL ".join(f"SELECT slug FROM {quote(m._meta.db_table)} WHERE slug IN ({marks})" for m in sources)
    with connection.cursor() as cursor:
        cursor.execute(sql, first * len(sources))
        taken = {slug for (slug,) in cursor.fetchall()}
    if len(taken) < len(first):
        return taken
    return {
        slug for m in sources for slug in m._base_manager.filter(slug__startswith=base).values_list("slug", flat=True)
    }


class Precision(models.TextChoices):
    DAY = "day", "Exact day"
    WEEK = "week", "Within a week"
    MONTH = "month", "Within the month"
    APPROXIMATE = "approximate", "Approximate"


class ReviewStatus(models.TextChoices):
    PROPOSED = "proposed", "Proposed (awaiting review)"
    CONFIRMED = "confirmed", "Confirmed"
    REJECTED = "rejected", "Rejected"


class BoundPrecision(models.TextChoices):
    """How exactly an office's start or end is known."""

    DAY = "day", "Exact day"
    MONTH = "month", "Within the month"
    YEAR = "year", "Within the year"
    UNKNOWN = "unknown", "Unknown"


class ReviewedQuerySet(models.QuerySet):
    """Rows an editor reviews: only confirmed ones are public."""

    def confirmed(self):
        return self.filter(status=ReviewStatus.CONFIRMED)


def review_status_field(default: str = ReviewStatus.PROPOSED, **kwargs) -> models.CharField:
    return models.CharField(max_length=12, choices=ReviewStatus.choices, default=default, db_index=True, **kwargs)


class DatedQuerySet(models.QuerySet):
    """Records with a ``date``: contacts, statements."""

    def between(self, start: date | None, end: date | None):
        """On or after ``start`` and on or before ``end``; a missing bound is open."""
        qs = self
        if start:
            qs = qs.filter(date__gte=start)
        if end:
            qs = qs.filter(date__lte=end)
        return qs


def country_speakers(countries: Iterable[Country | int]) -> tuple[models.QuerySet, dict[int, int]]:
    """Who may speak for ``countries``: their nationals (a query of person ids: any day), and the
    confirmed offices of theirs held by someone of another country or none (office id -> holder,
    read at once: a short query of the offices table), who speaks for them on the office's days.
    An office still under review places no one."""
    from tracker.models.people import Office, Person

    ids = [getattr(c, "pk", c) for c in countries]
    nationals = Person.objects.filter(country_id__in=ids).values("pk")
    held = Office.objects.confirmed().filter(country_id__in=ids).exclude(person__country_id__in=ids)
    return nationals, dict(held.values_list("pk", "person_id"))


def country_speakers_every_day(countries: Iterable[Country | int]) -> frozenset[int] | None:
    """The ids of the people who speak for ``countries`` on every day (their nationals) when no one
    else ever does (no office of theirs held abroad): then a country filter is a person filter on
    them. None when who speaks for them depends on the day, or nobody does."""
    nationals, abroad = country_speakers(countries)
    if abroad:
        return None
    return frozenset(nationals.values_list("pk", flat=True)) or None


# Builds the condition "this person spoke for the countries on the day": ``(person field, day expression) -> Q``.
PersonCondition = Callable[[str, object], Q]


class RecordQuerySet(DatedQuerySet, ReviewedQuerySet):
    """The reads contacts and statements share. A subclass names its searchable text
    (``text_field`` and its SQLite trigram table ``text_index``) and says, in
    ``_with_a_person``, how a record reaches its people (participants, or the speaker)."""

    text_field: str
    text_index: str

    def before_key(self, day: date, pk: int):
        """Keyset page boundary for the ``-date, -id`` order: the rows after (day, pk)."""
        return self.filter(Q(date__lt=day) | Q(date=day, pk__lt=pk))

    def after_key(self, day: date, pk: int):
        """Keyset page boundary for the ``date, id`` order (oldest first): the rows after (day, pk)."""
        return self.filter(Q(date__gt=day) | Q(date=day, pk__gt=pk))

    def on_topic(self, topic: Topic | int):
        through = self.model.topics.through.objects.filter(topic_id=getattr(topic, "pk", topic))
        return self.filter(pk__in=through.values(f"{self.model._meta.model_name}_id"))

    def _text_contains(self, text: str) -> Q:
        """Whether the record's own text contains ``text`` (case-insensitive); on SQLite through the
        trigram index of ``tracker.text_search`` when ``text`` is long enough, on PostgreSQL through
        its full-text index (words found from their start: see ``tracker.text_search``)."""
        connection = connections[self.db]
        contains = Q(**{f"{self.text_field}__icontains": text})
        if text_index_usable(connection, text):
            found = RawSQL(f"SELECT rowid FROM {self.text_index} WHERE {self.text_index} MATCH %s", [fts_phrase(text)])
            return Q(pk__in=found)
        if fts_usable(connection, text):
            # The words through the full-text index, then the exact text over the rows found; both
            # in the subquery, so that the planner reads the index rather than every row's text.
            found = (
                self.model._default_manager.annotate(_words=fts_vector(self.text_field))
                .filter(contains, _words=fts_prefix_query(text))
                .values("pk")
            )
            return Q(pk__in=found)
        return contains

    def _text_contains_in_row(self, text: str) -> Q:
        """``_text_contains`` (on PostgreSQL) as a test of each row read, not a set of rows found
        first: the same words through the same vector, then the exact text."""
        from django.contrib.postgres.search import SearchVectorExact

        words = SearchVectorExact(fts_vector(self.text_field), fts_prefix_query(text))
        return Q(**{f"{self.text_field}__icontains": text}) & Q(words)

    def matching(self, text: str):
        return self.filter(self._text_contains(text))

    def of_countries(self, countries: Iterable[Country | int]):
        """Records where a person spoke for one of ``countries``: held one of its offices on the
        record's day (``Office.objects`` mirrors ``rules.office_held_on``), or is a national.

        An office held by a national of the countries adds no record the nationals do not, so only
        the offices held abroad (``country_speakers``) are tested on the record's day; without any
        (the usual case) the filter is the nationals' records alone, an indexed list, instead of a
        test of every record's people on its day."""
        from tracker.models.people import Office, office_held_on_q

        nationals, abroad = country_speakers(countries)

        def held_abroad(person: str, day) -> Q:
            held = Office.objects.filter(office_held_on_q(day), pk__in=list(abroad), person_id=OuterRef(person))
            return Q(**{f"{person}__in": set(abroad.values())}) & Exists(held)

        return self._with_a_person(nationals, held_abroad if abroad else None)

    def _with_a_person(self, people: models.QuerySet, held: PersonCondition | None):
        """The records with one of ``people`` (a query of person ids), or with a person for whom
        ``held`` holds on the record's day."""
        raise NotImplementedError
