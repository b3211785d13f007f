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

import re
import traceback
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import IntegrityError, connection, transaction

from tracker.models import (
    Article,
    text_hash,
)
from tracker.rules import (
    published_in_future,
    text_looks_english,
    url_is_web,
)
from tracker.services.gazetteer import (
    gazetteer_current,
    gazetteer_current_fingerprinted,
    gazetteer_fingerprint,
)
from tracker.services.ingest_batch import articles_batch
from tracker.services.ingest_items import extraction_store
from tracker.services.locks import ingest_lock
from tracker.services.upkeep import gaps_deferred

# A news article or readout is a few thousand characters; a megabyte of text is a dump or a
# mistake, and extraction time grows with length.
MAX_TEXT_CHARS = 1_000_000


# Unicode's control characters (category Cc) but the line breaks, tab and form feed, as one
# regular expression: a category look-up per character took 1-2 ms of a long release's storing.
_CONTROLS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")

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
    controls = len(_CONTROLS.findall(text, 0, 20_000))
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
    article is stored at a time (``ingest_lock``), so concurrent ingesters make one record; inside
    ``articles_batched`` many to a transaction, each in a savepoint (``tracker.services.ingest_batch``).
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
    # What storing it alone would be, should a batch's transaction fail to commit.
    alone = dict(text=text, published=published, title=title, url=url, publisher=publisher, authors=authors)
    alone.update(source_file=source_file, confirm=confirm, extraction=extraction, today=today)
    url = _web_url(url, result)
    batch = articles_batch()
    held = batch is not None and batch.holds_lock  # the record cannot change but by this batch
    if not held and (duplicate := article_find_duplicate(text, url)) is not None:
        return _duplicate(duplicate, source_file)
    gazetteer = None
    fresh = extraction is None
    if fresh and not held:  # run here: run again if the people on record change meanwhile
        gazetteer, topics, fingerprint = gazetteer_current_fingerprinted()
        extraction = extraction_attempt(text, published, title, url, publisher, result, gazetteer, topics)
        if extraction is None:
            return result
    stored = transaction.atomic() if batch is None else batch.article(result, lambda: article_ingest(**alone))
    try:
        with gaps_deferred(), stored:
            if not held:
                ingest_lock()  # its reports and names are matched to all that other ingesters stored
            if (duplicate := article_find_duplicate(text, url)) is not None:
                return _duplicate(duplicate, source_file)
            if fresh and (held or gazetteer_fingerprint() != fingerprint):
                gazetteer = None  # read again, with what the others stored (held: the batch's)
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


def article_error(error: Exception, source: str, what: str = "") -> IngestResult:
    """An article not stored because of an error of the program or the database, not of its file
    (call while handling ``error``: its traceback is kept)."""
    reason = f"{what}{type(error).__name__}: {error}"
    return IngestResult("failed", reason=reason, source=source, error=traceback.format_exc())


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
    (an article's text is long, and almost every article is new), then the one found. The read
    is written out: it runs once an article, and the ORM's compiling of it cost more than it."""
    digest = text_hash(text)
    where, params = ("content_hash = %s OR url = %s", [digest, url]) if url else ("content_hash = %s", [digest])
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT content_hash, id FROM {Article._meta.db_table} WHERE {where} LIMIT 2", params)
        found = dict(cursor.fetchall())
    if not found:
        return None
    return Article.objects.get(pk=found.get(digest) or next(iter(found.values())))


def _duplicate(article: Article, source: str) -> IngestResult:
    return IngestResult(
        "duplicate", article=article, reason=f"already stored as article {article.pk} ({article})", source=source
    )
