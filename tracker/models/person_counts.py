"""Derived from the record, like the pair tallies in ``tracker.models.derived``: each person's
contacts counted by month, kind and review status, so a leader's charts and counts read at most
months x kinds x statuses rows however many contacts the leader has."""

from __future__ import annotations

from django.db import models

from tracker.models.base import ReviewStatus
from tracker.models.people import Person
from tracker.models.record import Contact


class PersonMonthCount(models.Model):
    """How many contacts of one kind and review status one person took part in in one month
    (``month`` is its first day). Derived: ``tracker.services.person_counts`` rewrites a person's
    rows whenever the tallies of one of their pairs are rewritten."""

    # Not indexed alone: the unique index below starts with it.
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+", db_index=False)
    month = models.DateField()
    kind = models.CharField(max_length=20, choices=Contact.Kind.choices)
    status = models.CharField(max_length=12, choices=ReviewStatus.choices)
    contacts = models.PositiveIntegerField()

    class Meta:
        constraints = [
            # Column order is the look-up order: one person, one status, a range of months.
            models.UniqueConstraint(fields=["person", "status", "month", "kind"], name="person_month_count_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} {self.month:%Y-%m} {self.kind} {self.status}: {self.contacts}"
