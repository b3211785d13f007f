"""Upkeep of ``PersonArticleCount``: for each article, how many public items of each person it
holds (confirmed reports of their confirmed contacts, their confirmed statements).

Rewritten article by article: whatever changes a report, a statement or a contact marks the
articles concerned (``articles_mark_dirty``; ``tracker.signals`` for saves and deletes made
anywhere, the services for their bulk updates), and each is counted again from its own reports
and statements, a read bounded by the articles, not by the record. Like the other tallies, a
difference against the stored rows, under each article's lock (``articles_lock``, after every
other lock the transaction holds); ``tracker.services.upkeep.gaps_deferred`` batches the marks.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Count, QuerySet

from tracker.models import ContactSource, PersonArticleCount, ReviewStatus, Statement
from tracker.services import facet_counts, upkeep
from tracker.services.deferred import DeferredMarks
from tracker.services.locks import articles_lock

ARTICLE_KEYS = ("person_id", "article_id")
CONFIRMED = ReviewStatus.CONFIRMED

_marks = DeferredMarks("articles_deferred", lambda articles: person_article_counts_recompute(articles))


def articles_deferred():
    """Collect the articles marked inside the block and count each once at its end."""
    return _marks.block()


def articles_mark_dirty(articles: Iterable[int | None]) -> None:
    """The people tallies of ``articles`` (None: no article) are to be counted again."""
    articles = {pk for pk in articles if pk is not None}
    facet_counts.article_facets_mark_dirty(articles)  # a report changed: its contact's publishers
    _marks.mark(articles)


def contact_articles_mark_dirty(contact_ids: Iterable[int]) -> None:
    """``articles_mark_dirty`` for the articles that report the contacts (one query): a change of
    a contact's status or participants changes whom they count."""
    contact_ids = list(contact_ids)
    facet_counts.contact_facets_mark_dirty(contact_ids)  # and their facets (participants' countries)
    if contact_ids:
        reporting = ContactSource.objects.filter(contact_id__in=contact_ids).order_by()
        articles_mark_dirty(reporting.values_list("article_id", flat=True).distinct())


@transaction.atomic
def person_article_counts_recompute(articles: Iterable[int]) -> int:
    """Rewrite the ``PersonArticleCount`` rows of ``articles`` from their reports and statements
    (three queries per chunk of articles); returns the rows changed."""
    articles = sorted(set(articles))
    changed = 0
    for i in range(0, len(articles), upkeep._CHUNK):
        chunk = articles[i : i + upkeep._CHUNK]
        articles_lock(chunk)
        of_chunk = {"article_id__in": chunk}
        wanted = _counted(ContactSource.objects.filter(**of_chunk), Statement.objects.filter(**of_chunk))
        stored = PersonArticleCount.objects.filter(article_id__in=chunk)
        changed += upkeep._tally_sync(PersonArticleCount, stored, ARTICLE_KEYS, wanted, count="items")
    return changed


def person_article_counts_recompute_all() -> int:
    """Rewrite every article's people tallies (after a bulk load, or to repair them); the caller
    holds ``derived_lock_all``."""
    wanted = _counted(ContactSource.objects.all(), Statement.objects.filter(article__isnull=False))
    return upkeep._tally_sync(PersonArticleCount, PersonArticleCount.objects.all(), ARTICLE_KEYS, wanted, count="items")


def _counted(sources: QuerySet, statements: QuerySet) -> Counter:
    """``(person, article) -> items`` of ``sources`` and ``statements``: two grouped reads."""
    reports = sources.filter(status=CONFIRMED, contact__status=CONFIRMED).order_by()
    said = statements.filter(status=CONFIRMED).order_by()
    counted: Counter = Counter()
    for rows in (
        reports.values_list("contact__participants", "article_id").annotate(n=Count("id")),
        said.values_list("speaker_id", "article_id").annotate(n=Count("id")),
    ):
        for person, article, n in rows:
            if person is not None:  # a report of a contact with no participants names no one
                counted[(person, article)] += n
    return counted
