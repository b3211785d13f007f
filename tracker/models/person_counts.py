"""Derived from the record, like the pair tallies in ``tracker.models.derived``: each person's
contacts counted by month, kind and review status, the pairs of others they met with, and the
articles that report them, so a leader's charts and coverage read a bounded number of rows
however many contacts the record holds."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q

from tracker.models.articles import Article
from tracker.models.derived import KindStatusCount
from tracker.models.people import Person


class PersonMonthCount(KindStatusCount):
    """How many contacts of one kind and review status one person took part in in one month
    (``month`` is its first day). Derived: ``tracker.services.person_counts`` rewrites a person's
    rows whenever the tallies of one of their pairs are rewritten."""

    # Not indexed alone: the unique index below starts with it.
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+", db_index=False)
    month = models.DateField()

    class Meta:
        constraints = [
            # Column order is the look-up order: one person, one status, a range of months.
            models.UniqueConstraint(fields=["person", "status", "month", "kind"], name="person_month_count_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} {self.month:%Y-%m} {self.kind} {self.status}: {self.contacts}"


class PersonPairCount(models.Model):
    """How many confirmed contacts of ``person`` two other people (lower id first) both took part
    in: the pairs a leader's contacts of three or more participants make besides the leader's own
    (which ``PairContactCount`` holds). Derived, and rewritten with ``PersonMonthCount``.

    The network of one leader's whole record reads them with the leader's pair tallies instead of
    pairing the participants of every summit the leader attended."""

    # Not indexed alone: the unique index below starts with it.
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+", db_index=False)
    person_a = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    person_b = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    contacts = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "person_a", "person_b"], name="person_pair_count_unique"),
            models.CheckConstraint(condition=Q(person_a__lt=F("person_b")), name="person_pair_count_ordered"),
        ]

    def __str__(self) -> str:
        return f"{self.person_id}: {self.person_a_id}–{self.person_b_id}: {self.contacts}"


class PersonArticleCount(models.Model):
    """How many of ``person``'s public items ``article`` holds: confirmed reports of their
    confirmed contacts and their confirmed statements. Derived: ``tracker.services.person_articles``
    rewrites an article's rows whenever one of its reports or statements, or a contact it reports,
    changes.

    A leader's coverage (the articles that report them, by publisher) reads their rows instead of
    joining every report to every contact of theirs."""

    # Not indexed alone: the unique index below starts with it.
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+", db_index=False)
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+")
    items = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "article"], name="person_article_count_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} in article {self.article_id}: {self.items}"


class PairArticleCount(models.Model):
    """How many public items of the pair ``person_a``–``person_b`` (lower id first) ``article``
    holds: confirmed reports of confirmed contacts both took part in, and confirmed statements one
    of them made about a contact both took part in. Derived, and rewritten with
    ``PersonArticleCount`` (``tracker.services.person_articles``).

    A pair's coverage reads its rows instead of joining every report of every contact of both."""

    # Not indexed alone: the unique index below starts with it.
    person_a = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+", db_index=False)
    person_b = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+")
    items = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person_a", "person_b", "article"], name="pair_article_count_unique"),
            models.CheckConstraint(condition=Q(person_a__lt=F("person_b")), name="pair_article_count_ordered"),
        ]

    def __str__(self) -> str:
        return f"{self.person_a_id}–{self.person_b_id} in article {self.article_id}: {self.items}"
