"""Articles in, proposed items out: store an article and what extraction found in it.

``article_ingest`` is the one way text enters the record (admin paste and upload, the ``ingest``
command, the benchmark). Each article is stored in one transaction: either the article and all its
items are stored, or nothing is. Items are ``proposed`` for an editor to review unless the caller
vouches for the source (``confirm=True``, for official archives).

A contact that another article already reported becomes a second ``ContactSource`` of the same
contact (see ``contact_find_match``), so the White House readout and the Kremlin release of one
call are one contact with two sources.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Q, prefetch_related_objects

from tracker.models import (
    Article,
    Contact,
    Person,
    Precision,
    ReviewStatus,
    Statement,
    Topic,
    UnplacedName,
    text_hash,
)
from tracker.rules import (
    IN_PERSON,
    REMOTE,
    contact_after_its_report,
    kind_class,
    pair_key,
    published_in_future,
    text_looks_english,
    url_is_web,
)
from tracker.services.claims import gap_claim_create
from tracker.services.confirming import people_confirm_named_by
from tracker.services.contacts import (
    article_side,
    contact_create,
    contact_find_match,
    contact_source_add,
    contacts_set_status,
)
from tracker.services.gazetteer import (
    gazetteer_batch_settle,
    gazetteer_current,
    gazetteer_current_fingerprinted,
    gazetteer_fingerprint,
)
from tracker.services.locks import ingest_lock
from tracker.services.people import ArticlePeople, country_index
from tracker.services.upkeep import gaps_deferred

# A news article or readout is a few thousand characters; a megabyte of text is a dump or a
# mistake, and extraction time grows with length.
MAX_TEXT_CHARS = 1_000_000


# Said wherever an article without a date is stored: its "no items" is often this.
NO_DATE_NOTE = "no publication date: relative dates left unresolved ('today', 'on Monday')"


class IngestError(Exception):
    """The input cannot become an article; the message says why, for the person who supplied it."""


@dataclass
class IngestResult:
    status: str  # "new" | "duplicate" | "failed"
    article: Article | None = None
    reason: str = ""
    source: str = ""
    proposed: Counter = field(default_factory=Counter)  # item kind -> number stored
    merged: int = 0  # contacts that became a further source of a contact already on record
    people_created: int = 0
    notes: list[str] = field(default_factory=list)  # about the input, for the person who supplied it
    warnings: list[str] = field(default_factory=list)  # from extraction, about single items
    # The traceback when it failed on an error of the program or the database, not of the input:
    # the article may well be fine, and storing it again once the error is fixed may work.
    error: str = ""

    def __str__(self) -> str:
        where = f"{self.source}: " if self.source else ""
        if self.status == "failed":
            return f"{where}failed: {self.reason}"
        if self.status == "duplicate":
            return f"{where}duplicate: {self.reason}"
        items = ", ".join(f"{n} {kind}" for kind, n in sorted(self.proposed.items())) or "no items"
        notes = "".join(f"; {note}" for note in self.notes)
        return f"{where}new article {self.article.pk}: {items}, {self.merged} merged{notes}"


# --- Input checks ------------------------------------------------------------------------


def article_text_check(text: str | None, published: date | None, *, today: date | None = None) -> str:
    """The text to store, or ``IngestError`` naming what is wrong with the input."""
    if text is None or not text.strip():
        raise IngestError("the text is empty (nothing but whitespace)")
    if "\x00" in text:
        raise IngestError("the text contains NUL bytes (a binary file, not text)")
    if len(text) > MAX_TEXT_CHARS:
        raise IngestError(
            f"the text is {len(text) / 1_000_000:.1f} million characters, over the limit of "
            f"{MAX_TEXT_CHARS // 1_000_000} million for one article"
        )
    controls = sum(1 for ch in text[:20_000] if unicodedata.category(ch) == "Cc" and ch not in "\n\r\t\f")
    if controls > 20:
        raise IngestError(f"the text contains {controls} control characters (a binary file, not text)")
    if not text_looks_english(text):
        raise IngestError("the text does not look like English (extraction reads English only)")
    if published_in_future(published, today or date.today()):
        raise IngestError(f"the publication date {published.isoformat()} is in the future")
    return text


# --- Ingesting ---------------------------------------------------------------------------


def extraction_run(text: str, *, published, title, url, publisher, gazetteer=None, topics=None):
    """Run the extraction core against the record's people, countries and topics (the caller's
    ``gazetteer`` and ``topics`` when it has just read them)."""
    from tracker.extraction import extract

    if gazetteer is None:
        gazetteer, topics = gazetteer_current()
    return extract(
        text,
        published=published,
        gazetteer=gazetteer,
        topics=topics or None,
        title=title,
        url=url,
        publisher=publisher,
    )


def article_ingest(
    *,
    document: Any = None,
    text: str | None = None,
    published: date | None = None,
    title: str = "",
    url: str | None = None,
    publisher: str = "",
    authors: list[str] | tuple[str, ...] = (),
    source_file: str = "",
    confirm: bool = False,
    extraction: Any = None,
    today: date | None = None,
) -> IngestResult:
    """Store one article and what extraction finds in it; never raises on bad input.

    Pass either an ``Document`` from ``tracker.extraction.documents_from_file`` or the text and
    its metadata. ``extraction`` skips running the extractor (for callers that already ran it).
    The same text (by ``content_hash``) or the same URL is a duplicate and adds nothing. One
    article is stored at a time (``ingest_lock``), so concurrent ingesters make one record.
    """
    if document is not None:
        text = document.text
        published = document.published
        title = document.title or title
        url = document.url or url
        publisher = document.publisher or publisher or ""
        source_file = source_file or document.source or ""
        authors = authors or getattr(document, "authors", None) or ()
        if document.errors:
            return IngestResult("failed", reason="; ".join(document.errors), source=source_file)
    result = IngestResult("new", source=source_file)
    try:
        text = article_text_check(text, published, today=today)
    except IngestError as error:
        result.status, result.reason = "failed", str(error)
        return result
    if published is None:
        result.notes.append(NO_DATE_NOTE)
    url = _web_url(url, result)
    if (duplicate := article_find_duplicate(text, url)) is not None:
        return _duplicate(duplicate, source_file)
    gazetteer = None
    if fresh := extraction is None:  # run here: run again if the people on record change meanwhile
        gazetteer, topics, fingerprint = gazetteer_current_fingerprinted()
        extraction = extraction_attempt(text, published, title, url, publisher, result, gazetteer, topics)
        if extraction is None:
            return result
    try:
        with gaps_deferred(), transaction.atomic():
            ingest_lock()  # its reports and names are matched to all that other ingesters stored
            if (duplicate := article_find_duplicate(text, url)) is not None:
                return _duplicate(duplicate, source_file)
            if fresh and gazetteer_fingerprint() != fingerprint:
                gazetteer = None  # read again, with what the others stored
                extraction = extraction_attempt(text, published, title, url, publisher, result)
                if extraction is None:
                    return result
            meta = extraction.meta
            article = Article.objects.create(
                title=(title or meta.title or "")[:500],
                publisher=(publisher or meta.publisher or "")[:200],
                authors="\n".join(authors or meta.authors or []),
                url=url or _web_url(meta.url, result),
                published=published or meta.published,
                dateline=(meta.dateline or "")[:200],
                text=text,
                source_file=source_file[:1000],
            )
            result.article = article
            extraction_store(extraction, article, confirm=confirm, result=result, gazetteer=gazetteer, fresh=True)
    except IntegrityError:  # the text or URL stored meanwhile by a writer without the lock (an editor)
        if (duplicate := article_find_duplicate(text, url)) is None:
            raise
        return _duplicate(duplicate, source_file)
    result.warnings.extend(extraction.warnings)
    return result


def _web_url(url: str | None, result: IngestResult) -> str | None:  # http or https only, or None with a note
    if url and not url_is_web(url):
        result.notes.append(f"the source address {url[:80]!r} is not an http or https address: not stored")
    return url.strip() if url_is_web(url) else None


def extraction_attempt(text, published, title, url, publisher, result: IngestResult, gazetteer=None, topics=None):
    """The extraction of the text, or None with ``result`` marked failed."""
    try:
        return extraction_run(
            text,
            published=published,
            title=title or None,
            url=url,
            publisher=publisher,
            gazetteer=gazetteer,
            topics=topics,
        )
    except Exception as error:  # noqa: BLE001 - one bad article must not stop a batch
        result.status, result.reason = "failed", f"extraction failed: {type(error).__name__}: {error}"
        return None


def article_find_duplicate(text: str, url: str | None) -> Article | None:
    """The article on record with the same text, else one with the same URL: one read of ids
    (an article's text is long, and almost every article is new), then the one found."""
    digest = text_hash(text)
    same = Q(content_hash=digest) | Q(url=url) if url else Q(content_hash=digest)
    found = dict(Article.objects.filter(same).values_list("content_hash", "pk")[:2])
    if not found:
        return None
    return Article.objects.get(pk=found.get(digest) or next(iter(found.values())))


def _duplicate(article: Article, source: str) -> IngestResult:
    return IngestResult(
        "duplicate", article=article, reason=f"already stored as article {article.pk} ({article})", source=source
    )


def extraction_store(
    extraction, article: Article, *, confirm: bool, result: IngestResult, gazetteer=None, fresh: bool = False
) -> None:
    """Store an extraction's items against ``article``; the caller holds the transaction (and
    passes the ``gazetteer`` it has just checked is current, if it has).

    Items equal to ones this article already has (kept through a re-run) are not stored twice;
    ``fresh``: the article was created in this transaction, so it has none (nothing to read).
    """
    status = ReviewStatus.CONFIRMED if confirm else ReviewStatus.PROPOSED
    countries = country_index()
    people = ArticlePeople(extraction, article, countries, gazetteer=gazetteer)
    topics = list(Topic.objects.filter(name__in=extraction.topics)) if extraction.topics else []

    for mention in extraction.people:
        if mention.is_new and not mention.key:
            people.resolve(mention.name, None)

    contacts: list[tuple[Contact, Any]] = []
    for item in extraction.contacts:
        contact = _contact_store(item, article, people, status=status, topics=topics, result=result)
        if contact is not None:
            contacts.append((contact, item))

    kept_statements = set() if fresh else set(article.statements.values_list("speaker_id", "start", "end"))
    statements: list[Statement] = []
    if contacts and extraction.statements:  # who took part in each, read once for every statement
        prefetch_related_objects([c for c, _ in contacts], "participants")
    for item in extraction.statements:
        speaker = people.resolve(item.speaker, item.speaker_key)
        if speaker is None:
            result.warnings.append(f"statement without a speaker skipped: {item.quote[:60]!r}")
            continue
        if not (item.quote or "").strip():
            continue
        if (speaker.pk, item.quote_span.start, item.quote_span.end) in kept_statements:
            continue
        statement = Statement(
            speaker=speaker,
            quote=item.quote,
            date=item.date,
            date_precision=item.precision or Precision.DAY,
            channel=item.channel if item.channel in Statement.Channel.values else Statement.Channel.OTHER,
            article=article,
            start=item.quote_span.start,
            end=item.quote_span.end,
            contact=_statement_contact(item, speaker, contacts),
            is_fragment=item.is_fragment,
            status=status,
        )
        statements.append(statement)
    statements_store(statements, topics)
    if statements:
        result.proposed["statement"] += len(statements)

    claim_fields = ("person_a", "person_b", "ends", "comparison", "ordinal", "anchor", "anchor_text")
    kept_claims = set() if fresh else set(article.gap_claims.values_list(*claim_fields))
    for item in extraction.gap_claims:
        pair = [people.resolve(n, k) for n, k in zip(item.participants, item.participant_keys, strict=False)]
        pair = list({p.pk: p for p in pair if p is not None}.values())
        if len(pair) != 2:
            result.warnings.append(f"gap claim without two known people skipped: {item.text[:60]!r}")
            continue
        low, high = pair_key(pair[0].pk, pair[1].pk)
        anchor_text = (item.anchor_text or "")[:200]
        if (low, high, item.ends, item.comparison, item.ordinal, item.anchor, anchor_text) in kept_claims:
            continue
        gap_claim_create(
            person_a=pair[0],
            person_b=pair[1],
            ends=item.ends,
            starts=item.starts,
            comparison=item.comparison,
            duration_days=item.duration_days,
            duration_months=item.duration_months,
            anchor=item.anchor,
            anchor_precision=item.anchor_precision or "day",
            anchor_text=anchor_text,
            ordinal=item.ordinal,
            contact_kind=item.contact_kind or "",
            last_when=(item.last_when or "")[:200],
            text=item.text,
            article=article,
            start_offset=item.span.start,
            end_offset=item.span.end,
            status=status,
        )
        result.proposed["gap_claim"] += 1
    # A trusted archive vouches for the people its items name, new ones included (nothing to do
    # when all the people the new article's items may name are confirmed).
    if confirm and not (fresh and people.all_confirmed()):
        stored = article.statements.values_list("pk", flat=True)
        people_confirm_named_by(contact_ids=[c.pk for c, _ in contacts], statement_ids=list(stored))
    result.warnings.extend(people.warnings)
    unplaced_names_store(article, people.unplaced, fresh=fresh)
    result.people_created += people.created
    if people.created:
        result.proposed["person"] += people.created
    gazetteer_batch_settle()  # inside the transaction that added them


def statements_store(statements: list[Statement], topics: list[Topic]) -> None:
    """Insert the statements (one query, ids set) and their topics (one more)."""
    Statement.objects.bulk_create(statements)
    if topics and statements:
        through = Statement.topics.through
        rows = [through(statement_id=s.pk, topic_id=t.pk) for s in statements for t in topics]
        through.objects.bulk_create(rows)


def unplaced_names_store(article: Article, names: dict[str, str], *, fresh: bool = False) -> None:
    """Keep the names extraction could not place, for the editor (one a name per article: a name
    an editor already dealt with is not proposed again; ``fresh``: the article has none yet)."""
    if not names:
        return
    known = set() if fresh else set(UnplacedName.objects.filter(article=article).values_list("text", flat=True))
    rows = []
    for name, reason in names.items():
        if name[:200] in known:
            continue
        start = article.text.find(name)
        span = (start, start + len(name)) if start >= 0 else (None, None)
        rows.append(UnplacedName(article=article, text=name[:200], start=span[0], end=span[1], reason=reason[:300]))
    UnplacedName.objects.bulk_create(rows)


def _contact_store(item, article: Article, people: ArticlePeople, *, status, topics, result) -> Contact | None:
    resolved = [people.resolve(n, k) for n, k in zip(item.participants, item.participant_keys, strict=False)]
    participants = list({p.pk: p for p in resolved if p is not None}.values())
    if len(participants) < 2:
        result.warnings.append(f"contact with fewer than two known people skipped: {item.evidence[:60]!r}")
        return None
    if item.date is None:
        result.warnings.append(f"contact without a date skipped: {item.evidence[:60]!r}")
        return None
    if contact_after_its_report(item.date, reported := article.published or date.today(), planned=item.planned):
        result.warnings.append(
            f"contact dated {item.date}, after its report of {reported}, skipped: {item.evidence[:60]!r}"
        )
        return None
    kind = item.kind  # extraction decided it (tracker.rules.kind_from_evidence); stored as is
    precision = item.precision or Precision.DAY
    existing = contact_find_match(
        kind=kind,
        day=item.date,
        precision=precision,
        participant_ids={p.pk for p in participants},
        planned=item.planned,
        side=article_side(article.publisher, article.url),
        article=article,
    )
    if existing is not None:
        reported_by_this = existing.sources.filter(article=article).exists()
        contact_source_add(
            contact=existing,
            article=article,
            start=item.span.start,
            end=item.span.end,
            evidence=item.evidence,
            reported_kind=item.reported_kind or item.kind,
            status=status,
        )
        if not reported_by_this:
            result.merged += 1
        if kind_class(kind) == REMOTE and kind_class(existing.kind) == IN_PERSON:
            # "Meeting" is the broader word (the Kremlin uses it for calls); nobody calls an
            # in-person meeting a call, so the side that says "call" is the more exact one.
            existing.kind = kind
            existing.save(update_fields=["kind", "updated"])
        if status == ReviewStatus.CONFIRMED and existing.status == ReviewStatus.PROPOSED:
            contacts_set_status([existing], ReviewStatus.CONFIRMED)
        if topics:
            existing.topics.add(*topics)
        return existing
    by_name = {p.name.casefold(): p for p in participants}
    contact = contact_create(
        kind=kind,
        date=item.date,
        date_precision=precision,
        participants=participants,
        status=status,
        planned=item.planned,
        host=by_name.get((item.host or "").casefold()),
        initiator=by_name.get((item.initiator or "").casefold()),
        topics=topics,
    )
    contact_source_add(
        contact=contact,
        article=article,
        start=item.span.start,
        end=item.span.end,
        evidence=item.evidence,
        reported_kind=item.reported_kind or item.kind,
        status=status,
        first=True,
    )
    result.proposed["contact"] += 1
    return contact


def _statement_contact(item, speaker: Person, contacts: list[tuple[Contact, Any]]) -> Contact | None:
    """The contact of this article a statement is about: the one its speaker took part in on the
    day it was said; with one contact in a readout, that one. None when it is ambiguous."""
    unique = list({c.pk: c for c, _ in contacts}.values())
    if not unique:
        return None
    if item.channel == Statement.Channel.READOUT and len(unique) == 1:
        return unique[0]
    same_day = [
        c
        for c in unique
        if speaker.pk in {p.pk for p in c.participants.all()} and (item.date is None or item.date == c.date)
    ]
    return same_day[0] if len(same_day) == 1 else None


# --- Review ------------------------------------------------------------------------------
