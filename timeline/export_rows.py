"""The rows of every list the app shows, as plain dicts for the CSV and JSON exports.

Each ``*_rows`` function reads its queryset with ``.iterator(chunk_size=CHUNK)`` over
``values_list`` (no model instances) and, per chunk, one query per many-valued column
(participants, topics, sources): a constant memory footprint, whatever the number of rows.
Column names are a public contract: each ``*_COLUMNS`` maps a name to what it means, and the
/exports/ page shows them (so the documentation cannot drift from the files).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from itertools import islice

from django.db import connections
from django.db.models import CharField, F, QuerySet
from django.db.models.functions import Cast

from tracker.models import Contact, ContactSource, Person, Statement, participants

CHUNK = 2000


def chunks(rows: Iterable, size: int = CHUNK) -> Iterator[list]:
    it = iter(rows)
    while chunk := list(islice(it, size)):
        yield chunk


class Aligned:
    """A related table's rows ``(date, record id, *values)``, streamed in the records' own
    ``-date, -id`` order (``date, id`` when ``oldest_first``) and read alongside them: one query
    per column, no IN lists. Rows of a record the main stream never reached (written between the
    two queries) are skipped."""

    def __init__(self, rows: Iterable[tuple], oldest_first: bool = False, days_as_text: bool = False):
        self._rows = iter(rows)
        self._next = next(self._rows, None)
        self._descending = not oldest_first
        self._days_as_text = days_as_text

    def take(self, day: date, pk: int) -> list[tuple]:
        """The values of record ``pk`` of ``day``. Called once per record, in order: the common
        case (the next rows are this record's, then the next record's) compares ids only."""
        if self._days_as_text:
            day = day.isoformat()
        found = []
        row, rows = self._next, self._rows
        while row is not None:
            if row[1] == pk:
                found.append(row[2:])
            else:
                # Another record's row: a later record's (stop) or one the records never reached,
                # earlier in the order (skip it).
                if row[0] != day:
                    earlier = row[0] > day if self._descending else row[0] < day
                else:
                    earlier = row[1] > pk if self._descending else row[1] < pk
                if not earlier:
                    break
            row = next(rows, None)
        self._next = row
        return found


def aligned(
    related: QuerySet,
    owner: str,
    records: QuerySet,
    *fields: str,
    then: tuple[str, ...] = (),
    oldest_first: bool = False,
) -> Aligned:
    """``related`` rows of ``records`` (through their ``owner`` foreign key), in the records' order."""
    sign = "" if oldest_first else "-"
    # SQLite keeps dates as ISO text, which Django turns into a date for every row read: the day is
    # read as the text it is and compared as text (same order). PostgreSQL's driver gives dates.
    as_text = connections[related.db].vendor == "sqlite"
    day = Cast(f"{owner}__date", CharField()) if as_text else F(f"{owner}__date")
    rows = (
        related.filter(**{f"{owner}__in": records.values("pk")})
        .annotate(_day=day)
        .order_by(f"{sign}{owner}__date", f"{sign}{owner}_id", *then)
        .values_list("_day", f"{owner}_id", *fields)
    )
    return Aligned(rows.iterator(chunk_size=CHUNK), oldest_first, as_text)


CONTACT_COLUMNS = {
    "id": "The contact's id; its page is /contacts/<id>/.",
    "date": "ISO date it happened (or is planned for).",
    "date_precision": "How exactly the date is known: day, week, month or approximate.",
    "kind": "phone_call, video_call, meeting, visit, letter, message or other.",
    "planned": "true when announced but not (yet) held; planned contacts never close a gap.",
    "status": "Review status: confirmed (the public record), proposed or rejected (editors only).",
    "participants": "The people who took part, by page slug (/leaders/<slug>/).",
    "participant_names": "Their names, in the same order.",
    "host": "Slug of who hosted a meeting or visit, if known.",
    "initiator": "Slug of who placed the call or asked for the meeting, if a source says so.",
    "topics": "Topic slugs.",
    "summary": "One or two sentences, in the editor's words.",
    "page_url": "The contact's page, with its sources and statements.",
    "source_article_ids": "Ids of the articles that report it, oldest first (/articles/<id>/).",
    "source_urls": "Where each of those articles was published (same order; empty when unknown).",
    "source_publishers": "Who published each (same order).",
    "source_spans": "start-end offsets of the evidence in each article's text (same order; empty when unknown).",
}


def _order(oldest_first: bool) -> tuple[str, str]:
    return ("date", "id") if oldest_first else ("-date", "-id")


def contact_rows(
    contacts: QuerySet, base_url: str = "", sources: QuerySet | None = None, oldest_first: bool = False
) -> Iterator[dict]:
    """One dict per contact, newest first (or ``oldest_first``); people by slug, ``sources`` (every
    source when None; the confirmed ones for the public) in publication order.
    Four streamed queries (contacts, participants, topics, sources), whatever the number of rows."""
    fields = ("id", "date", "date_precision", "kind", "planned", "status", "host__slug", "initiator__slug", "summary")
    contacts = contacts.order_by(*_order(oldest_first))
    people = aligned(
        participants(),
        "contact",
        contacts,
        "person__slug",
        "person__name",
        then=("person__name", "person_id"),
        oldest_first=oldest_first,
    )
    topics = aligned(
        Contact.topics.through.objects,
        "contact",
        contacts,
        "topic__slug",
        then=("topic__slug",),
        oldest_first=oldest_first,
    )
    sources = aligned(
        ContactSource.objects.all() if sources is None else sources,
        "contact",
        contacts,
        "article_id",
        "article__url",
        "article__publisher",
        "start",
        "end",
        then=("article__published", "id"),
        oldest_first=oldest_first,
    )
    for pk, day, precision, kind, planned, status, host, initiator, summary in contacts.values_list(*fields).iterator(
        chunk_size=CHUNK
    ):
        who, cited = people.take(day, pk), sources.take(day, pk)
        yield {
            "id": pk,
            "date": day,
            "date_precision": precision,
            "kind": kind,
            "planned": planned,
            "status": status,
            "participants": [slug for slug, _ in who],
            "participant_names": [name for _, name in who],
            "host": host,
            "initiator": initiator,
            "topics": [slug for (slug,) in topics.take(day, pk)],
            "summary": summary,
            "page_url": f"{base_url}/contacts/{pk}/",
            "source_article_ids": [s[0] for s in cited],
            "source_urls": [s[1] for s in cited],
            "source_publishers": [s[2] for s in cited],
            "source_spans": [_span(s[3], s[4]) for s in cited],
        }


def _span(start: int | None, end: int | None) -> str:
    """``start-end`` character offsets into the article text, or empty when unknown."""
    return f"{start}-{end}" if start is not None and end is not None else ""


STATEMENT_COLUMNS = {
    "id": "The statement's id.",
    "date": "ISO date it was said (not when it was reported).",
    "date_precision": "day, week, month or approximate.",
    "speaker": "Slug of who said it.",
    "speaker_name": "Their name.",
    "quote": "The exact words inside the quotation marks.",
    "channel": "readout, briefing, interview, written, speech, social or other.",
    "is_fragment": "true for a short quoted phrase rather than a full quotation.",
    "status": "Review status: confirmed, proposed or rejected (the last two for editors only).",
    "contact_id": "The contact it is about, if any.",
    "topics": "Topic slugs.",
    "article_id": "The article it was quoted in.",
    "article_url": "Where that article was published.",
    "article_publisher": "Who published it.",
    "span": "start-end character offsets of the quote in the article's text.",
}


def statement_rows(statements: QuerySet, oldest_first: bool = False) -> Iterator[dict]:
    """One dict per dated statement, newest first or ``oldest_first`` (the timeline lists only dated ones)."""
    fields = (
        "id",
        "date",
        "date_precision",
        "speaker__slug",
        "speaker__name",
        "quote",
        "channel",
        "is_fragment",
        "status",
        "contact_id",
        "article_id",
        "article__url",
        "article__publisher",
        "start",
        "end",
    )
    dated = statements.filter(date__isnull=False).order_by(*_order(oldest_first))
    topics = aligned(
        Statement.topics.through.objects,
        "statement",
        dated,
        "topic__slug",
        then=("topic__slug",),
        oldest_first=oldest_first,
    )
    for row in dated.values_list(*fields).iterator(chunk_size=CHUNK):
        record = dict(zip(fields[:11], row[:11], strict=True))
        yield {
            "id": record["id"],
            "date": record["date"],
            "date_precision": record["date_precision"],
            "speaker": record["speaker__slug"],
            "speaker_name": record["speaker__name"],
            "quote": record["quote"],
            "channel": record["channel"],
            "is_fragment": record["is_fragment"],
            "status": record["status"],
            "contact_id": record["contact_id"],
            "topics": [slug for (slug,) in topics.take(record["date"], record["id"])],
            "article_id": record["article_id"],
            "article_url": row[11],
            "article_publisher": row[12],
            "span": _span(row[13], row[14]),
        }


COUNTERPART_COLUMNS = {
    "person": "The counterpart's slug.",
    "name": "Their name.",
    "contact_count": "Held, confirmed contacts the two shared.",
    "last_contact": "ISO date of the latest of them.",
    "days_since": "Days from that contact to today.",
    "page_url": "The counterpart's page.",
}


def counterpart_rows(counterparts: list[Person], today, base_url: str = "") -> Iterator[dict]:
    """A leader's counterparts (held contacts only), busiest first, as ``counterparts_of`` ranks them."""
    for other in counterparts:
        yield {
            "person": other.slug,
            "name": other.name,
            "contact_count": other.contact_count,
            "last_contact": other.last_contact,
            "days_since": (today - other.last_contact).days,
            "page_url": f"{base_url}{other.get_absolute_url()}",
        }


GAP_COLUMNS = {
    "start": "ISO date of the held contact before the silence.",
    "end": "ISO date of the held contact that ended it.",
    "days": "Length in days.",
    "approximate": "true when one of the two contacts has an inexact date.",
    "is_record": "true when no earlier gap of this pair was longer.",
    "longest_since": "The earliest date since which the pair had no longer gap.",
    "before_contact_id": "Id of the contact before (/contacts/<id>/).",
    "after_contact_id": "Id of the contact after.",
}


def gap_rows(gaps: QuerySet) -> Iterator[dict]:
    """A pair's gaps in date order; each names the two held contacts that bound it."""
    fields = ("start", "end", "days", "approximate", "is_record", "longest_since", "before_id", "after_id")
    for row in gaps.order_by("end", "id").values_list(*fields).iterator(chunk_size=CHUNK):
        yield dict(zip(GAP_COLUMNS, row, strict=True))


CLAIM_COLUMNS = {
    "id": "The claim's id.",
    "text": "The words of the article that make the claim.",
    "comparison": "more_than, at_least, exactly, longest_since or first_since.",
    "duration_days": "Claimed length in days, if counted in days.",
    "duration_months": "Claimed length in calendar months, if counted in months.",
    "anchor": "For longest_since and first_since: the date it is measured from.",
    "starts": "Date of the contact before, if the article says.",
    "ends": "Date of the contact that ended the silence the claim is about.",
    "verdict": "supported, contradicted or uncheckable, against the record.",
    "verdict_reason": "Why, in words.",
    "deciding_gap_days": "Length of the gap the verdict rests on, if any.",
    "status": "Review status of the claim.",
    "article_id": "The article that makes the claim.",
    "article_url": "Where that article was published.",
    "span": "start-end character offsets of the claim in the article's text.",
}


def claim_rows(claims: QuerySet) -> Iterator[dict]:
    """Gap claims with the verdict the record gives them, newest first."""
    fields = (
        "id",
        "text",
        "comparison",
        "duration_days",
        "duration_months",
        "anchor",
        "starts",
        "ends",
        "verdict",
        "verdict_reason",
        "deciding_gap__days",
        "status",
        "article_id",
        "article__url",
        "start_offset",
        "end_offset",
    )
    rows = claims.order_by("-ends", "-id").values_list(*fields).iterator(chunk_size=CHUNK)
    for row in rows:
        yield dict(zip(list(CLAIM_COLUMNS)[:-1], row[:-2], strict=True)) | {"span": _span(row[-2], row[-1])}
