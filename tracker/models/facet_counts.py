"""Derived from the record, like the person tallies: the timeline's facets counted by month, so
the facets of the plain timeline read a bounded number of rows however many contacts it holds."""

from __future__ import annotations

from django.db import models

from tracker.models.derived import KindStatusCount


class FacetMonthCount(KindStatusCount):
    """How many contacts of one kind and review status in one month (``month`` is its first day)
    count for one value of a facet: ``country`` (its id: a participant spoke for it on the day,
    as ``ContactQuerySet.of_countries``), ``topic`` (its id) or ``publisher`` (the name: a
    confirmed report from an article of that publisher). Derived:
    ``tracker.services.facet_counts`` rewrites a month's rows whenever one of its contacts, their
    participants' countries or offices, their topics or their reports change."""

    COUNTRY, TOPIC, PUBLISHER = "country", "topic", "publisher"
    FACETS = [(COUNTRY, "Country"), (TOPIC, "Topic"), (PUBLISHER, "Publisher")]

    facet = models.CharField(max_length=12, choices=FACETS)
    value = models.CharField(max_length=200)
    month = models.DateField()

    class Meta:
        constraints = [
            # Column order is the look-up order: one facet, one status, every month and value.
            models.UniqueConstraint(
                fields=["facet", "status", "month", "kind", "value"], name="facet_month_count_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.facet} {self.value} {self.month:%Y-%m} {self.kind} {self.status}: {self.contacts}"
