"""Upkeep of ``PersonArticleCount``: for each article, how many public items of each person it
holds (confirmed reports of their confirmed contacts, their confirmed statements), and of
``PairArticleCount``, the same for each pair (reports of contacts both took part in, statements
one of them made about such a contact).

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
from django.db.models import Count, F, Q, QuerySet

from tracker.models import Contact, ContactSource, PairArticleCount, PersonArticleCount, ReviewStatus, Statement
from tracker.services import facet_counts, upkeep
from tracker.services.deferred import DeferredMarks
from tracker.services.locks import articles_lock

ARTICLE_KEYS = ("person_id", "article_id")
PAIR_ARTICLE_KEYS = ("person_a_id", "person_b_id", "article_id")
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
    """``articles_mark_dirty`` for the articles that report the contacts or hold statements about
    them (two queries): a change of a contact's status or participants changes whom they count
    (the pairs a statement about it counts for, too)."""
    contact_ids = list(contact_ids)
    facet_counts.contact_facets_mark_dirty(contact_ids)  # and their facets (participants' countries)
    if contact_ids:
        reporting = ContactSource.objects.filter(contact_id__in=contact_ids).order_by()
        articles_mark_dirty(reporting.values_list("article_id", flat=True).distinct())
        about = Statement.objects.filter(contact_id__in=contact_ids).order_by()
        articles_mark_dirty(about.values_list("article_id", flat=True).distinct())


@transaction.atomic
def person_article_counts_recompute(articles: Iterable[int]) -> int:
    """Rewrite the ``PersonArticleCount`` and ``PairArticleCount`` rows of ``articles`` from their
    reports and statements (six queries per chunk of articles); returns the rows changed."""
    articles = sorted(set(articles))
    changed = 0
    for i in range(0, len(articles), upkeep._CHUNK):
        chunk = articles[i : i + upkeep._CHUNK]
        articles_lock(chunk)
        of_chunk = {"article_id__in": chunk}
        wanted = _counted(ContactSource.objects.filter(**of_chunk), Statement.objects.filter(**of_chunk))
        stored = PersonArticleCount.objects.filter(article_id__in=chunk)
        changed += upkeep._tally_sync(PersonArticleCount, stored, ARTICLE_KEYS, wanted, count="items")
        stored = PairArticleCount.objects.filter(article_id__in=chunk)
        wanted = _pairs_counted(of_chunk)
        changed += upkeep._tally_sync(PairArticleCount, stored, PAIR_ARTICLE_KEYS, wanted, count="items")
    return changed


def person_article_counts_recompute_all() -> Counter:
    """Rewrite every article's people and pairs tallies (after a bulk load, or to repair them);
    returns the rows changed per table. The caller holds ``derived_lock_all``."""
    wanted = _counted(ContactSource.objects.all(), Statement.objects.filter(article__isnull=False))
    people = upkeep._tally_sync(
        PersonArticleCount, PersonArticleCount.objects.all(), ARTICLE_KEYS, wanted, count="items"
    )
    wanted = _pairs_counted({})
    pairs = upkeep._tally_sync(
        PairArticleCount, PairArticleCount.objects.all(), PAIR_ARTICLE_KEYS, wanted, count="items"
    )
    return Counter(PersonArticleCount=people, PairArticleCount=pairs)


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


def _pairs_counted(where: dict) -> Counter:
    """``(person_a, person_b, article) -> items`` of the reports and statements ``where`` says
    (``article_id__in``, or ``{}`` for all): two grouped reads of each contact's pairs of
    participants (lower id first) joined to its reports, then to its statements. Each relation's
    conditions sit in one ``filter()`` so they share its join."""
    pairs = Contact.participants.through.objects.order_by()
    paired = {"person_id__lt": F("contact__participants")}
    pair = ("person_id", "contact__participants")
    reports = pairs.filter(
        contact__status=CONFIRMED,
        contact__sources__status=CONFIRMED,
        **paired,
        **{f"contact__sources__{k}": v for k, v in where.items()},
    )
    spoke = Q(contact__statements__speaker_id=F("person_id")) | Q(
        contact__statements__speaker_id=F("contact__participants")
    )
    said = pairs.filter(
        spoke,
        contact__statements__status=CONFIRMED,
        contact__statements__article__isnull=False,
        **paired,
        **{f"contact__statements__{k}": v for k, v in where.items()},
    )
    counted: Counter = Counter()
    for rows in (
        reports.values_list(*pair, "contact__sources__article_id").annotate(n=Count("contact__sources")),
        said.values_list(*pair, "contact__statements__article_id").annotate(n=Count("contact__statements")),
    ):
        for a, b, article, n in rows:
            counted[(a, b, article)] += n
    return counted
