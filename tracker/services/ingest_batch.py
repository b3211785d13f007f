"""Many articles to a transaction, for bulk ingestion (the ``ingest`` command, ingest jobs).

Inside ``articles_batched()``, ``article_ingest`` stores each article in a savepoint of its own
within a transaction that lasts ``BATCH_SECONDS`` or ``BATCH_ARTICLES`` articles, whichever comes
first, then commits. An article that fails rolls back to its savepoint alone, and is reported as
it would be on its own (failed, duplicate, or an error): one bad article never loses or stops the
others. The transaction holds the ingest lock throughout (on SQLite, the file's write lock), so
what it read stays true until it commits unless it changes it itself: each article is checked
once for a duplicate rather than before and again under the lock, and the people on record once a
transaction rather than three times an article (``gazetteer_batch_hold``). The first article of
each transaction is read and extracted before it begins, as a lone article is: other writers get
the lock between two transactions as they would between two articles.

Should the commit itself fail (SQLite checks foreign keys at commit, PostgreSQL deferred
constraints too), the transaction's articles are stored again one at a time, each in a
transaction of its own, so that only the article at fault fails; their results are updated in place.
"""

from __future__ import annotations

import contextvars
import dataclasses
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from django.db import DatabaseError, transaction

from tracker.services.gazetteer import (
    gazetteer_batch,
    gazetteer_batch_forget,
    gazetteer_batch_hold,
    gazetteer_batch_release,
)
from tracker.services.locks import ingest_lock
from tracker.services.upkeep import gaps_deferred

if TYPE_CHECKING:
    from tracker.services.ingest import IngestResult

# Long enough that a commit costs little per article, short enough that an editor's save waits
# for no more than this (and a worker's progress shows as often).
BATCH_SECONDS = 0.5
BATCH_ARTICLES = 100


class ArticleBatch:
    """The open transaction of an ``articles_batched`` block, and the articles stored in it."""

    def __init__(self, *, seconds: float, articles: int):
        self.seconds, self.articles = seconds, articles
        self._atomic = None  # the transaction, while one is open
        self._began = 0.0
        self._stored: list[tuple[IngestResult, Callable[[], IngestResult]]] = []

    @property
    def holds_lock(self) -> bool:
        """Whether the transaction is open: the ingest lock is held, the gazetteer is current."""
        return self._atomic is not None

    @contextmanager
    def article(self, result: IngestResult, replay: Callable[[], IngestResult]) -> Iterator[None]:
        """One article's savepoint in the batch's transaction (begun here if none is open);
        ``replay`` stores the article alone, should the transaction fail to commit."""
        if self._atomic is None:
            self._begin()
        try:
            with transaction.atomic():
                yield
        except BaseException as error:
            if transaction.get_connection().needs_rollback:  # no savepoint could undo it alone
                self._replay(self.rollback(error))
            raise
        self._stored.append((result, replay))
        if len(self._stored) >= self.articles or time.monotonic() - self._began >= self.seconds:
            self.commit()

    def _begin(self) -> None:
        self._atomic = transaction.atomic()
        self._atomic.__enter__()
        self._began = time.monotonic()
        try:
            ingest_lock()
            gazetteer_batch_hold()
        except BaseException as error:
            self.rollback(error)
            raise

    def commit(self) -> None:
        """Commit the open transaction (if any); if the commit fails, store its articles again
        one at a time."""
        if self._atomic is None:
            return
        atomic, stored = self._atomic, self._stored
        self._atomic, self._stored = None, []
        try:
            try:
                gazetteer_batch_release()
            except BaseException as error:
                atomic.__exit__(type(error), error, error.__traceback__)
                raise
            atomic.__exit__(None, None, None)
        except DatabaseError:  # rolled back: every article of the transaction is gone
            gazetteer_batch_forget()
            self._replay(stored)

    def rollback(self, error: BaseException) -> list[tuple[IngestResult, Callable[[], IngestResult]]]:
        """Roll back the open transaction, because of ``error``; returns the articles it undid."""
        if self._atomic is None:
            return []
        atomic, stored = self._atomic, self._stored
        self._atomic, self._stored = None, []
        gazetteer_batch_forget()
        atomic.__exit__(type(error), error, error.__traceback__)
        return stored

    @staticmethod
    def _replay(stored: list[tuple[IngestResult, Callable[[], IngestResult]]]) -> None:
        """Store each of these articles alone, its result updated in place."""
        from tracker.services.ingest import article_error

        token = _open.set(None)
        try:
            for result, replay in stored:
                try:
                    again = replay()
                except Exception as error:  # noqa: BLE001 - reported as an error, the others go on
                    again = article_error(error, result.source)
                _result_replace(result, again)
        finally:
            _open.reset(token)


_open: contextvars.ContextVar[ArticleBatch | None] = contextvars.ContextVar("articles_batch", default=None)


@contextmanager
def articles_batched() -> Iterator[None]:
    """Within the block, ``article_ingest`` stores articles many to a transaction (see the module),
    with the gazetteer built once (``gazetteer_batch``) and the gaps of the pairs touched
    recomputed at the end (``gaps_deferred``), once the last articles are committed. Open no
    transaction around ``article_ingest`` inside it: the batch's must end where it began."""
    batch = ArticleBatch(seconds=BATCH_SECONDS, articles=BATCH_ARTICLES)
    with gaps_deferred(), gazetteer_batch():
        token = _open.set(batch)
        try:
            yield
        except BaseException as error:
            _open.reset(token)
            batch.rollback(error)
            raise
        _open.reset(token)
        batch.commit()


def articles_batch() -> ArticleBatch | None:
    """The batch ``article_ingest`` stores into, if an ``articles_batched`` block is open."""
    return _open.get()


def _result_replace(result: IngestResult, other: IngestResult) -> None:
    for f in dataclasses.fields(result):
        setattr(result, f.name, getattr(other, f.name))
