"""The timeline feed: contacts and statements merged in date order, one keyset page at a time.

Order is newest first by (date, rank, id), contacts ranking above statements on the same day;
oldest first (``sort=oldest``) is the same order reversed.
A page reads at most ``size`` rows of each stream with a keyset condition (no OFFSET), so its
cost depends on the page size, not on how deep into the record the reader has scrolled.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Q, QuerySet, Sum

from tracker.models import Contact, Gap, Statement
from tracker.rules import month_after, month_start
from tracker.text_search import MATCHES_READ

CONTACT, STATEMENT = "c", "s"
RANK = {CONTACT: 1, STATEMENT: 0}
# Ids of at most 18 digits: any larger one is no row, and must not reach the database.
_CURSOR = re.compile(r"^(\d{4}-\d{2}-\d{2})_([cs])(\d{1,18})$", re.ASCII)

# Counting every match costs as much as reading every match; past this many the page says
# "10,000+" instead (never a guess: the number shown is always a true lower bound).
COUNT_CAP = MATCHES_READ


@dataclass(frozen=True)
class Cursor:
    """The last item shown: the next page starts just after it. Written ``2023-10-07_c123``."""

    date: date
    stream: str
    id: int

    def __str__(self) -> str:
        return f"{self.date.isoformat()}_{self.stream}{self.id}"

    @classmethod
    def parse(cls, text: str | None) -> Cursor | None:
        match = _CURSOR.match(text or "")
        if not match:
            return None
        try:
            return cls(date.fromisoformat(match[1]), match[2], int(match[3]))
        except ValueError:
            return None


@dataclass
class Item:
    stream: str
    obj: Contact | Statement
    gap: Gap | None = None  # for a contact of the chosen pair: the silence that it ended

    @property
    def date(self) -> date:
        return self.obj.date

    @property
    def key(self) -> tuple[date, int, int]:
        return (self.obj.date, RANK[self.stream], self.obj.pk)

    @property
    def cursor(self) -> Cursor:
        return Cursor(self.obj.date, self.stream, self.obj.pk)


@dataclass
class Page:
    items: list[Item]
    next_cursor: Cursor | None
    previous_month: date | None = None  # month of the item just before this page, if any
    entries: list[tuple[str, object]] = field(default_factory=list)


def _contacts_after(contacts: QuerySet, cursor: Cursor | None, oldest_first: bool = False) -> QuerySet:
    if cursor is None:
        return contacts
    if oldest_first:
        if cursor.stream == CONTACT:
            return contacts.after_key(cursor.date, cursor.id)
        return contacts.filter(date__gte=cursor.date)  # oldest first, a day's contacts follow its statements
    if cursor.stream == CONTACT:
        return contacts.before_key(cursor.date, cursor.id)
    return contacts.filter(date__lt=cursor.date)  # contacts of that day came before its statements


def _statements_after(statements: QuerySet, cursor: Cursor | None, oldest_first: bool = False) -> QuerySet:
    if cursor is None:
        return statements
    if oldest_first:
        if cursor.stream == STATEMENT:
            return statements.after_key(cursor.date, cursor.id)
        return statements.filter(date__gt=cursor.date)  # that day's statements came before its contacts
    if cursor.stream == STATEMENT:
        return statements.before_key(cursor.date, cursor.id)
    return statements.filter(date__lte=cursor.date)  # all of that day's statements are still to come


def feed_page(
    contacts: QuerySet, statements: QuerySet | None, cursor: Cursor | None, size: int = 50, oldest_first: bool = False
) -> tuple[list[Item], Cursor | None]:
    """One page of the merged feed after ``cursor``, newest first (or ``oldest_first``); two queries
    (one per stream) plus the prefetches the querysets carry. Returns the items and the cursor of
    the next page, if any."""
    order = ("date", "id") if oldest_first else ("-date", "-id")
    rows = [Item(CONTACT, c) for c in _contacts_after(contacts, cursor, oldest_first).order_by(*order)[: size + 1]]
    if statements is not None:
        dated = _statements_after(statements.filter(date__isnull=False), cursor, oldest_first).order_by(*order)
        rows += [Item(STATEMENT, s) for s in dated[: size + 1]]
    rows.sort(key=lambda item: item.key, reverse=not oldest_first)
    page = rows[:size]
    more = len(rows) > size
    return page, (page[-1].cursor if more and page else None)


def within_tallied_months(
    contacts: QuerySet, tallies: QuerySet | None, cursor: Cursor | None, size: int, oldest_first: bool = False
) -> QuerySet:
    """``contacts`` kept to the months that hold the next ``size + 1`` of them after ``cursor``,
    as ``tallies`` (month rows that count exactly these contacts, or None: ``contacts`` unchanged)
    tell: the same page, read from a few months of the date index. Without the bounds PostgreSQL
    walks the date index from the newest contact of the record, hoping to meet one person's soon,
    and at 1,000,000 contacts read 421,750 of them for a leader last seen years before."""
    if tallies is None:
        return contacts
    months = tallies.order_by().values("month").annotate(n=Sum("contacts")).filter(n__gt=0)
    if cursor is not None:  # the cursor's month still holds rows to come, but not how many
        reached = month_start(cursor.date)
        months = months.filter(month__gte=reached) if oldest_first else months.filter(month__lte=reached)
    first = last = None
    counted = 0
    for month, n in months.order_by("month" if oldest_first else "-month").values_list("month", "n"):
        first = first or month
        last = month
        if cursor is None or month != month_start(cursor.date):
            counted += n
        if counted > size:
            break
    else:
        last = None  # fewer than the page: no bound on that side
    if first is None:
        return contacts.none()
    newest, oldest = (last, first) if oldest_first else (first, last)
    bounds = Q(date__lt=month_after(newest)) if newest else Q()
    return contacts.filter(bounds & Q(date__gte=oldest) if oldest else bounds)


@dataclass(frozen=True)
class CappedCount:
    """How many rows matched, up to a cap: ``n`` exactly, or ``more`` than the cap."""

    n: int
    more: bool

    def __str__(self) -> str:
        return f"{self.n:,}+" if self.more else f"{self.n:,}"


def count_capped(rows: QuerySet, cap: int = COUNT_CAP) -> CappedCount:
    """One query that stops reading after ``cap + 1`` matches (a COUNT over a LIMITed subquery)."""
    n = rows.order_by().values("pk")[: cap + 1].count()
    return CappedCount(min(n, cap), n > cap)


def feed_entries(items: Sequence[Item], previous_month: date | None) -> list[tuple[str, object]]:
    """The items with a ("month", first-day) entry wherever the month changes, continuing the
    grouping of the page before (so "load more" does not repeat a month heading)."""
    entries: list[tuple[str, object]] = []
    current = previous_month
    for item in items:
        month = month_start(item.date)
        if month != current:
            entries.append(("month", month))
            current = month
        entries.append(("item", item))
    return entries
