"""Derived from the record, like the person tallies: the timeline's facets counted by month, of
the whole record and of each pair, so the facets of the plain timeline and of a pair's read a
bounded number of rows however many contacts they hold; and of both all time, so the plain
timeline's and a pair's read as few rows as the facets have values."""

from __future__ import annotations

from django.db import models

from tracker.models.derived import KindStatusCount


class FacetValueMonthCount(KindStatusCount):
    """The shape of the facet tallies: how many contacts of one kind and status in one month
    (``month`` is its first day) count for one ``value`` of one ``facet``."""

    facet = models.CharField(max_length=12)
    value = models.CharField(max_length=200)
    month = models.DateField()

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.facet} {self.value} {self.month:%Y-%m} {self.kind} {self.status}: {self.contacts}"


class FacetMonthCount(FacetValueMonthCount):
    """How many contacts of one kind and review status in one month (``month`` is its first day)
    count for one value of a facet: ``country`` (its id: a participant spoke for it on the day,
    as ``ContactQuerySet.of_countries``), ``topic`` (its id) or ``publisher`` (the name: a
    confirmed report from an article of that publisher). Derived:
    ``tracker.services.facet_counts`` rewrites a month's rows whenever one of its contacts, their
    participants' countries or offices, their topics or their reports change."""

    COUNTRY, TOPIC, PUBLISHER = "country", "topic", "publisher"
    FACETS = [(COUNTRY, "Country"), (TOPIC, "Topic"), (PUBLISHER, "Publisher")]

    facet = models.CharField(max_length=12, choices=FACETS)

    class Meta:
        constraints = [
            # Column order is the look-up order: one facet, one status, every month and value.
            models.UniqueConstraint(
                fields=["facet", "status", "month", "kind", "value"], name="facet_month_count_unique"
            ),
        ]


class PairFacetMonthCount(FacetValueMonthCount):
    """``FacetMonthCount`` for the contacts two people (lower id first) shared, with one more
    facet, ``person`` (a participant's id, the two themselves included): the facets of a pair's
    timeline and page read its rows, not every contact of the pair. Derived, and rewritten month
    by month with ``FacetMonthCount`` by ``tracker.services.facet_counts`` (the same marks)."""

    PERSON = "person"
    FACETS = [*FacetMonthCount.FACETS, (PERSON, "Person")]

    person_a = models.ForeignKey("tracker.Person", on_delete=models.CASCADE, related_name="+")
    person_b = models.ForeignKey("tracker.Person", on_delete=models.CASCADE, related_name="+")
    facet = models.CharField(max_length=12, choices=FACETS)

    class Meta:
        constraints = [
            # Column order is the look-up order: one pair, one facet, one status, every month and value.
            models.UniqueConstraint(
                fields=["person_a", "person_b", "facet", "status", "month", "kind", "value"],
                name="pair_facet_month_count_unique",
            ),
            models.CheckConstraint(
                condition=models.Q(person_a__lt=models.F("person_b")), name="pair_facet_month_count_ordered"
            ),
        ]
        # The upkeep rewrites a month's rows of every pair.
        indexes = [models.Index(fields=["month"], name="pair_facet_month_idx")]

    def __str__(self) -> str:
        return f"{self.person_a_id}–{self.person_b_id} {super().__str__()}"


class FacetCount(KindStatusCount):
    """The month tallies summed over every month: how many contacts of one kind and review status
    count for one value of a facet, all time. ``kind`` (the value is the kind: ``ContactDayCount``
    summed), ``country``, ``topic`` and ``publisher`` (``FacetMonthCount`` summed) and ``person``
    (a participant's id: ``PersonMonthCount`` summed). The plain timeline's facets read its rows
    (at 100,000 contacts on SQLite the country facet had summed 58,796 month rows). Derived, by the
    upkeep of each of those tallies, in the same transaction: ``tracker.services.facet_counts``."""

    KIND, PERSON = "kind", PairFacetMonthCount.PERSON
    FACETS = [(KIND, "Kind"), *FacetMonthCount.FACETS, (PERSON, "Person")]

    facet = models.CharField(max_length=12, choices=FACETS)
    value = models.CharField(max_length=200)
    # Signed: a month's difference is added in one upsert, whose proposed row a CHECK (contacts >= 0)
    # would refuse for a decrease; no committed row is below one (rows reaching zero are deleted).
    contacts = models.IntegerField()

    class Meta:
        constraints = [
            # Column order is the look-up order: one facet, one status, every kind and value.
            models.UniqueConstraint(fields=["facet", "status", "kind", "value"], name="facet_count_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.facet} {self.value} {self.kind} {self.status}: {self.contacts}"


class PairFacetCount(KindStatusCount):
    """``PairFacetMonthCount`` summed over every month: a pair's (lower id first) contacts of one
    kind and status that count for one value of a facet, all time. A pair's facets read its rows
    (the busiest pair's topic facet had summed a row per month). Derived, with the month rows:
    ``tracker.services.facet_counts`` adds each month rewrite's difference."""

    person_a = models.ForeignKey("tracker.Person", on_delete=models.CASCADE, related_name="+")
    person_b = models.ForeignKey("tracker.Person", on_delete=models.CASCADE, related_name="+")
    facet = models.CharField(max_length=12, choices=PairFacetMonthCount.FACETS)
    value = models.CharField(max_length=200)
    contacts = models.IntegerField()  # signed, as ``FacetCount``'s

    class Meta:
        constraints = [
            # Column order is the look-up order: one pair, one facet, one status, every kind and value.
            models.UniqueConstraint(
                fields=["person_a", "person_b", "facet", "status", "kind", "value"], name="pair_facet_count_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(person_a__lt=models.F("person_b")), name="pair_facet_count_ordered"
            ),
        ]

    def __str__(self) -> str:
        pair = f"{self.person_a_id}–{self.person_b_id}"
        return f"{pair} {self.facet} {self.value} {self.kind} {self.status}: {self.contacts}"
