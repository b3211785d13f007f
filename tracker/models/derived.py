"""Derived from the record, never edited by hand: the gaps between a pair's contacts, the tallies
charts count from, and the claims articles make about gaps (checked against the gaps)."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from tracker import rules
from tracker.models.articles import Article
from tracker.models.base import ReviewStatus
from tracker.models.events import AnchorPrecision, Event
from tracker.models.people import Person
from tracker.models.record import Contact

# --- Gaps and the claims made about them -------------------------------------------------


class GapQuerySet(models.QuerySet):
    def in_office(self) -> GapQuerySet:
        """Gaps in which both people held office throughout: the silences between leaders."""
        return self.filter(in_office=InOffice.YES)

    def involving(self, person: Person | int) -> GapQuerySet:
        pk = getattr(person, "pk", person)
        return self.filter(Q(person_a_id=pk) | Q(person_b_id=pk))

    def for_pair(self, a: Person | int, b: Person | int) -> GapQuerySet:
        low, high = rules.pair_key(getattr(a, "pk", a), getattr(b, "pk", b))
        return self.filter(person_a_id=low, person_b_id=high)

    def pair_rhythms(self, min_gaps: int) -> models.QuerySet:
        """Per pair with at least ``min_gaps`` gaps: ``person_a``, ``person_b``, ``gap_count``,
        ``mean_days`` and ``last_contact`` (the end of the latest gap), as dicts; one query."""
        return (
            self.values("person_a", "person_b")
            .annotate(gap_count=models.Count("id"), mean_days=models.Avg("days"), last_contact=models.Max("end"))
            .filter(gap_count__gte=min_gaps)
        )


class InOffice(models.TextChoices):
    YES = rules.IN_OFFICE, "Both in office throughout"
    NO = rules.OUT_OF_OFFICE, "One out of office for part of it"
    UNKNOWN = rules.OFFICE_UNKNOWN, "Office dates not known"


class Gap(models.Model):
    """The silence between two consecutive held contacts of a pair. Derived: never edit by hand;
    ``tracker.services.upkeep.gaps_recompute_pair`` rewrites a pair's gaps whenever its contacts change."""

    person_a = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    person_b = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    before = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="gaps_after")
    after = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="gaps_before")
    start = models.DateField(help_text="Date of the contact before.")
    end = models.DateField(help_text="Date of the contact after.")
    days = models.PositiveIntegerField()
    longest_since = models.DateField(
        help_text="The earliest date since which this pair had no longer gap: the end of the last longer "
        "gap, or the pair's first recorded contact if none was longer."
    )
    is_record = models.BooleanField(default=False, help_text="No earlier gap of this pair was longer.")
    approximate = models.BooleanField(default=False, help_text="One of the two contacts has an inexact date.")
    in_office = models.CharField(
        max_length=8,
        choices=InOffice.choices,
        default=InOffice.UNKNOWN,
        help_text="Whether both held office throughout, from their offices; only such gaps count as "
        "records (``longest_since``, ``is_record``).",
    )
    office_note = models.CharField(
        max_length=500,
        blank=True,
        help_text="Who was out of office during the gap and when, or whose dates are unknown.",
    )

    objects = GapQuerySet.as_manager()

    class Meta:
        ordering = ["person_a", "person_b", "end"]
        constraints = [
            models.CheckConstraint(condition=Q(person_a__lt=models.F("person_b")), name="gap_pair_ordered"),
        ]
        indexes = [
            models.Index(fields=["person_a", "person_b", "end"], name="gap_pair_end"),
            # a pair's gaps by length, from the index alone: its median, its longest, the longer ones
            models.Index(fields=["person_a", "person_b", "days"], name="gap_pair_days"),
            # A pair's record gaps in a range (the visual timeline labels them): a few of its gaps.
            models.Index(
                fields=["person_a", "person_b", "end"], condition=Q(is_record=True), name="gap_pair_record_end"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.days} days ({self.start:%Y-%m-%d} → {self.end:%Y-%m-%d})"


class KindStatusCount(models.Model):
    """The shape of every day and month tally: how many contacts of one kind and review status."""

    kind = models.CharField(max_length=20, choices=Contact.Kind.choices)
    status = models.CharField(max_length=12, choices=ReviewStatus.choices)
    contacts = models.PositiveIntegerField()

    class Meta:
        abstract = True


class ContactDayCount(KindStatusCount):
    """How many contacts of one kind and review status fell on one day. Derived, like ``Gap``:
    ``tracker.services.upkeep`` rewrites a day's rows whenever one of its contacts changes.

    The charts count from it when the filter is only status, kind and dates: it has at most
    days x kinds x statuses rows, so a chart of the whole record does not scan every contact.
    """

    date = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["status", "date", "kind"], name="contact_day_count_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.kind} {self.status}: {self.contacts}"


class PairContactCount(models.Model):
    """How many confirmed contacts two people shared (lower id first). Derived, like ``Gap``, and
    rewritten with the pair's gaps; the network chart reads the busiest pairs from its index."""

    person_a = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    person_b = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    contacts = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person_a", "person_b"], name="pair_contact_count_unique"),
            models.CheckConstraint(condition=Q(person_a__lt=models.F("person_b")), name="pair_contact_count_ordered"),
        ]
        indexes = [models.Index(fields=["-contacts", "person_a", "person_b"], name="pair_contact_count_busiest")]

    def __str__(self) -> str:
        return f"{self.person_a_id}–{self.person_b_id}: {self.contacts}"


class PairGapCount(models.Model):
    """How many gaps two people (lower id first) have: ``Gap`` rows counted by pair. Derived, and
    written with the pair's gaps (``upkeep._gaps_sync``, the one writer of gaps); the charts read
    the pairs with the most gaps from its index (at 1,000,000 contacts, grouping the 426,455 gaps
    by pair took 83 ms of the gaps and comparison charts)."""

    person_a = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    person_b = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    gaps = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person_a", "person_b"], name="pair_gap_count_unique"),
            models.CheckConstraint(condition=Q(person_a__lt=models.F("person_b")), name="pair_gap_count_ordered"),
        ]
        indexes = [models.Index(fields=["-gaps", "person_a", "person_b"], name="pair_gap_count_most")]

    def __str__(self) -> str:
        return f"{self.person_a_id}–{self.person_b_id}: {self.gaps} gaps"


class PairMonthCount(KindStatusCount):
    """How many contacts of one kind and review status two people (lower id first) shared in one
    month (``month`` is its first day). Derived, like ``Gap``, and rewritten with the pair's gaps.

    Charts about a pair (the comparison; a pair filter by month) read at most months x kinds x
    statuses rows per pair from its unique index, however many contacts the pair has.
    """

    person_a = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    person_b = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    month = models.DateField()

    class Meta:
        constraints = [
            # Column order is the look-up order: one pair, one status, a range of months.
            models.UniqueConstraint(
                fields=["person_a", "person_b", "status", "month", "kind"], name="pair_month_count_unique"
            ),
            models.CheckConstraint(condition=Q(person_a__lt=models.F("person_b")), name="pair_month_count_ordered"),
        ]

    def __str__(self) -> str:
        return f"{self.person_a_id}–{self.person_b_id} {self.month:%Y-%m} {self.kind} {self.status}: {self.contacts}"


class GapClaim(models.Model):
    class Comparison(models.TextChoices):
        MORE_THAN = "more_than", "More than (e.g. 'first call in more than a month')"
        AT_LEAST = "at_least", "At least"
        EXACTLY = "exactly", "Exactly ('N days after')"
        LESS_THAN = "less_than", "Less than ('less than a month after their last call')"
        LONGEST_SINCE = "longest_since", "Longest since a date or event ('longest gap since October 7')"
        FIRST_SINCE = "first_since", "First since a date or event ('first call since …', 'not met since 2019')"
        ORDINAL = (
            "ordinal",
            "Nth since a date, event, window or ever ('second call since the war began', 'our 12th meeting', "
            "'the first time they met')",
        )
        LAST_CONTACT = "last_contact", "Last contact was on/in ('they last met in June')"

    class ContactKind(models.TextChoices):
        ANY = "", "Any contact"
        REMOTE = rules.REMOTE, "Calls and video calls"
        IN_PERSON = rules.IN_PERSON, "Meetings and visits"

    class Verdict(models.TextChoices):
        SUPPORTED = "supported", "Supported by the record"
        CONTRADICTED = "contradicted", "Contradicted by the record"
        UNCHECKABLE = "uncheckable", "Not checkable yet (too little data)"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, null=True, blank=True, related_name="gap_claims")
    person_a = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    person_b = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    ends = models.DateField(help_text="Date of the contact that ended the silence the claim is about.")
    starts = models.DateField(
        null=True,
        blank=True,
        help_text="Date of the contact before it, if the article says ('last contact': the contact it names).",
    )
    comparison = models.CharField(max_length=20, choices=Comparison.choices)
    duration_days = models.PositiveIntegerField(
        null=True, blank=True, help_text="Claimed length in days ('more than a month' is 1 month, not 30 days)."
    )
    duration_months = models.PositiveIntegerField(
        null=True, blank=True, help_text="Claimed length in calendar months, when the article counts in months."
    )
    anchor = models.DateField(
        null=True,
        blank=True,
        help_text="For 'since' claims and ordinals: the date counted from (leave empty to use the event's).",
    )
    anchor_precision = models.CharField(
        max_length=5,
        choices=AnchorPrecision.choices,
        default=AnchorPrecision.DAY,
        help_text="How exactly the anchor (or, for 'last contact', the date it names) is known: 'since 2019' is "
        "the whole year.",
    )
    anchor_text = models.CharField(
        max_length=200, blank=True, help_text="The anchor as the article names it ('the harbour bombing', '2019')."
    )
    anchor_event = models.ForeignKey(
        Event,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="gap_claims",
        help_text="The named event the claim counts from, when the article does not date it.",
    )
    ordinal = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="For 'Nth' claims: N ('second call' is 2; 'the first time they met' is 1)."
    )
    contact_kind = models.CharField(
        max_length=10,
        choices=ContactKind.choices,
        default=ContactKind.ANY,
        blank=True,
        help_text="For 'Nth' and 'last' claims: which contacts count ('the second videoconference': calls).",
    )
    last_when = models.CharField(
        max_length=200, blank=True, help_text="For 'last contact': when or where, as written ('in Lisbon')."
    )
    text = models.TextField(help_text="The words of the article that make the claim.")
    start_offset = models.PositiveIntegerField(null=True, blank=True)
    end_offset = models.PositiveIntegerField(null=True, blank=True)
    status = models.CharField(max_length=12, choices=ReviewStatus.choices, default=ReviewStatus.PROPOSED)

    # Computed by tracker.services.claims.gap_claim_verify whenever the pair's record changes.
    verdict = models.CharField(max_length=14, choices=Verdict.choices, default=Verdict.UNCHECKABLE, editable=False)
    verdict_reason = models.TextField(blank=True, editable=False)
    deciding_gap = models.ForeignKey(
        Gap, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    runner_up_gap = models.ForeignKey(
        Gap, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    conflicting_contact = models.ForeignKey(
        Contact, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    verified = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-ends", "-id"]
        constraints = [
            models.CheckConstraint(condition=~Q(person_a=models.F("person_b")), name="gap_claim_two_people"),
        ]

    def __str__(self) -> str:
        return f"“{self.text[:80]}” ({self.get_verdict_display()})"

    def clean(self):
        """Each comparison needs what it compares: a length, a number, or something to count from."""
        errors = {}
        c = self.Comparison
        durations = (c.MORE_THAN, c.LESS_THAN, c.EXACTLY)
        if self.comparison in durations and not (self.duration_days or self.duration_months):
            errors["duration_days"] = "Give the length the claim states, in days or months."
        if self.comparison == c.ORDINAL and not self.ordinal:
            errors["ordinal"] = "Give N for an 'Nth contact' claim."
        if self.comparison in (c.FIRST_SINCE, c.LONGEST_SINCE) and not (
            self.anchor or self.anchor_event_id or self.anchor_text
        ):
            errors["anchor"] = "Give the date or event the claim counts from (or its words, if no date is known)."
        if self.comparison == c.LAST_CONTACT and not (self.starts or self.last_when):
            errors["starts"] = "Give the date of the last contact the claim names, or its words."
        if errors:
            raise ValidationError(errors)

    def anchor_resolved(self) -> tuple[date | None, str]:
        """The date the claim counts from and its precision: its own, else its event's."""
        if self.anchor is not None:
            return self.anchor, self.anchor_precision
        if self.anchor_event_id is not None:
            return self.anchor_event.date, self.anchor_event.precision
        return None, self.anchor_precision
