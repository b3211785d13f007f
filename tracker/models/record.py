"""The record itself: contacts between people, the articles that report them, and what was said."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import connections, models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse

from tracker import rules
from tracker.models.articles import Article, Topic
from tracker.models.base import (
    PersonCondition,
    Precision,
    RecordQuerySet,
    ReviewedQuerySet,
    ReviewStatus,
    review_status_field,
)
from tracker.models.people import Person
from tracker.text_search import matches_most_on_postgresql

# --- Contacts ----------------------------------------------------------------------------

CROWDED = 3  # participants of a contact that pairs two people besides any one of them


class ContactQuerySet(RecordQuerySet):
    text_field = "summary"
    text_index = "tracker_contact_summary_fts"

    def held(self) -> ContactQuerySet:
        """Confirmed contacts that took place (not merely planned): what gaps are made of."""
        return self.confirmed().filter(planned=False)

    def involving(self, *people: Person) -> ContactQuerySet:
        qs = self
        for person in people:
            qs = qs.filter(participants=person)
        return qs

    # The filters below use ``pk IN (subquery)`` on the participants table rather than joins:
    # no duplicate rows (so no DISTINCT), and the database can start from the few contacts of
    # one person instead of walking every contact in date order.

    def involving_any(self, people: Iterable[Person | int]) -> ContactQuerySet:
        """Contacts with at least one of ``people`` among the participants."""
        ids = [getattr(p, "pk", p) for p in people]
        return self.filter(pk__in=participants().filter(person_id__in=ids).values("contact_id"))

    def involving_all(self, *people: Person | int) -> ContactQuerySet:
        """Contacts with every one of ``people`` among the participants (a pair: both of them)."""
        qs = self
        for person in people:
            qs = qs.filter(pk__in=participants().filter(person_id=getattr(person, "pk", person)).values("contact_id"))
        return qs

    def involving_each(self, *people: Person | int) -> ContactQuerySet:
        """As ``involving_all``, through one look-up of the participants per contact (EXISTS): for a
        selection that is already small (the planned contacts), where ``involving_all`` would read
        every contact of each person to find the few."""
        rows = participants().filter(contact_id=OuterRef("pk"))
        qs = self
        for person in people:
            qs = qs.filter(Exists(rows.filter(person_id=getattr(person, "pk", person))))
        return qs

    def _with_a_person(self, people: models.QuerySet, held: PersonCondition | None) -> ContactQuerySet:
        # One ``pk IN`` list of the participants table, read from its person index: the people's
        # contacts, and those of the few who held an office abroad, kept on the days they held it.
        took_part = Q(person_id__in=people)
        rows = participants().filter(took_part | held("person_id", OuterRef("contact__date")) if held else took_part)
        return self.filter(pk__in=rows.values("contact_id"))

    def reported_by(self, publisher: str, *, confirmed_reports_only: bool = False) -> ContactQuerySet:
        """Contacts with a source published by ``publisher`` (its exact name); with
        ``confirmed_reports_only``, a confirmed source (what the public sees of a contact's reports)."""
        reports = ContactSource.objects.filter(article__publisher=publisher)
        if confirmed_reports_only:
            reports = reports.filter(status=ReviewStatus.CONFIRMED)
        return self.filter(pk__in=reports.values("contact_id"))

    def matching(self, text: str, *, read_in_part: bool = False) -> ContactQuerySet:
        """Contacts whose summary, a statement tied to them, or a participant's name or alias contains
        ``text`` (case-insensitive).
        On SQLite, through the trigram index of ``tracker.text_search`` when ``text`` is long enough.
        ``read_in_part``: the caller reads the rows newest first and stops early (a page, a capped
        count), which on PostgreSQL tests a word in most summaries row by row."""
        # One ``pk IN`` of the ways' union (ALL: ``IN`` needs no duplicates removed), each through
        # its own index (the summary's and the quote's text indexes, the speakers', the
        # participants'): an OR of four ``pk IN`` made PostgreSQL walk every contact in date order
        # and probe four sets for each (at 1,000,000 contacts a search matching nothing took
        # 1.4 s). The people named are read first (a few hundred rows, usually none found): as a
        # list, the planner knows how few rows their ways add, and reads the matches by id
        # instead of every contact.
        speakers = list(Person.objects.named(text).values_list("pk", flat=True))
        tied = Statement.objects.filter(contact_id__isnull=False).order_by()
        ways = [
            Contact.objects.order_by().filter(self._text_contains(text)).values("pk"),
            tied.filter(tied._text_contains(text)).values("contact_id"),
        ]
        if speakers:
            ways.append(tied.filter(speaker_id__in=speakers).values("contact_id"))
            ways.append(participants().filter(person_id__in=speakers).order_by().values("contact_id"))
        if read_in_part and matches_most_on_postgresql(connections[self.db], Contact._meta.db_table, "summary", text):
            # A word in most summaries: each contact read (newest first, for a page) is tested for
            # it, and reading stops with the page; collecting every match first had made a page of
            # q=<a word in every summary> take 3.4 s at 1,000,000 contacts (2 ms so). What reads
            # every match (a chart, an export) collects them: row by row, a chart took twice as long.
            others = ways[1] if len(ways) == 2 else ways[1].union(*ways[2:], all=True)
            return self.filter(self._text_contains_in_row(text) | Q(pk__in=others))
        return self.filter(pk__in=ways[0].union(*ways[1:], all=True))


def participants() -> models.QuerySet:
    return Contact.participants.through.objects.all()


class Contact(models.Model):
    class Kind(models.TextChoices):
        PHONE_CALL = "phone_call", "Phone call"
        VIDEO_CALL = "video_call", "Video call"
        MEETING = "meeting", "Meeting"
        VISIT = "visit", "Visit"
        LETTER = "letter", "Letter"
        MESSAGE = "message", "Message"
        OTHER = "other", "Other"

    # Kinds that may be reports of the same event (``rules.KIND_CLASS``): one side's "video call"
    # is the other's "meeting via videoconference" only within a class.
    REMOTE = frozenset(rules.kinds_in_class(Kind.PHONE_CALL))
    IN_PERSON = frozenset(rules.kinds_in_class(Kind.MEETING))

    kind = models.CharField(max_length=20, choices=Kind.choices)
    date = models.DateField(help_text="When it happened (or is planned for).")
    date_precision = models.CharField(
        max_length=12,
        choices=Precision.choices,
        default=Precision.DAY,
        help_text="How exactly the date is known. 'Within the month': only the month is certain.",
    )
    participants = models.ManyToManyField(
        Person, related_name="contacts", help_text="Two or more people who took part."
    )
    host = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="hosted_contacts",
        help_text="Who hosted a meeting or visit (optional).",
    )
    initiator = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="initiated_contacts",
        help_text="Who placed the call or asked for the meeting, when a source says so.",
    )
    # How many rows of ``participants`` it has, kept by ``contact_participant_counts_refresh``: the
    # contacts of three or more (summits) are the only ones that pair two others of a leader's
    # contacts, and an index of them alone finds them without pairing every contact's participants.
    participant_count = models.PositiveSmallIntegerField(default=0, editable=False)
    topics = models.ManyToManyField(Topic, blank=True, related_name="contacts")
    summary = models.TextField(blank=True, help_text="One or two sentences, in the editor's words.")
    status = models.CharField(
        max_length=12,
        choices=ReviewStatus.choices,
        default=ReviewStatus.PROPOSED,
        db_index=True,
        help_text="Only confirmed contacts appear in gaps and charts. Extraction proposes; an editor confirms.",
    )
    planned = models.BooleanField(
        default=False,
        help_text="Announced but not (yet) held. Planned contacts never close a gap.",
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    objects = ContactQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-id"]
        indexes = [
            models.Index(fields=["status", "date", "id"], name="contact_status_date"),
            # the kind filter: its count from the index alone, its page in date order
            models.Index(fields=["status", "kind", "date", "id"], name="contact_status_kind_date"),
            # a contact's status beside its id: the selections of one person or pair (ids from the
            # participants) check each contact's status from the index, not from the table
            models.Index(fields=["id", "status"], name="contact_id_status"),
            # the few planned contacts, which held counts subtract from the tallies (planned included)
            models.Index(fields=["status", "id"], condition=Q(planned=True), name="contact_planned"),
            # the few contacts of three or more participants (``CROWDED``), which the network reads
            models.Index(
                fields=["status", "date", "id"], condition=Q(participant_count__gte=CROWDED), name="contact_crowded"
            ),
            # the (invalid, and so almost none) contacts of fewer than two, which no pair tally counts
            models.Index(fields=["status", "id"], condition=Q(participant_count__lt=2), name="contact_lone"),
            # the contacts of other than two (few), each with what a person's facets correct their
            # pairs' tallies by (``timeline.facets.person_facet_counts``): read from the index alone
            models.Index(
                fields=["status", "id", "participant_count", "kind"],
                condition=Q(participant_count__gte=CROWDED) | Q(participant_count__lt=2),
                name="contact_uneven",
            ),
        ]

    def __str__(self) -> str:
        names = " – ".join(p.name for p in self.participants.all()) if self.pk else ""
        day = f" ({self.date:%Y-%m-%d})" if self.date else ""  # a contact still being built has none
        return f"{self.get_kind_display()} {names}{day}".replace("  ", " ")

    def save(self, *args, **kwargs):
        # The participant count is written by UPDATEs as participants rows change
        # (``tracker.services.participant_counts``): saving an instance read before they changed
        # would write its stale count back.
        if not self._state.adding and kwargs.get("update_fields") is None and not kwargs.get("force_insert"):
            kwargs["update_fields"] = [
                f.attname for f in self._meta.concrete_fields if not f.primary_key and f.name != "participant_count"
            ]
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("timeline:contact", args=[self.pk])


class ContactSource(models.Model):
    """One article reporting one contact, with the span of its text that says so."""

    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="sources")
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="contact_sources")
    start = models.PositiveIntegerField(
        null=True, blank=True, help_text="Character offset where the evidence starts in the article text."
    )
    end = models.PositiveIntegerField(null=True, blank=True, help_text="Character offset where it ends.")
    evidence = models.TextField(blank=True, help_text="The words of the article that report the contact.")
    reported_kind = models.CharField(
        max_length=20,
        choices=Contact.Kind.choices,
        blank=True,
        help_text="What this source calls the contact, when it differs from the record.",
    )
    # A report merged into a contact already confirmed stays proposed until its article is reviewed.
    status = review_status_field(
        default=ReviewStatus.CONFIRMED, help_text="Only confirmed sources are listed on the public contact page."
    )

    objects = ReviewedQuerySet.as_manager()

    class Meta:
        ordering = ["article__published", "id"]
        constraints = [
            models.UniqueConstraint(fields=["contact", "article"], name="one_source_per_article_and_contact"),
            models.CheckConstraint(
                condition=Q(start__isnull=True) | Q(end__gte=models.F("start")),
                name="contact_source_span_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.article} → {self.contact_id}"


# --- Statements --------------------------------------------------------------------------


class StatementQuerySet(RecordQuerySet):
    text_field = "quote"
    text_index = "tracker_statement_quote_fts"

    def matching(self, text: str) -> StatementQuerySet:
        """Statements whose quote, or whose speaker's name or alias, contains ``text``."""
        # One subquery of the two ways, each through its index (the quote's text index, the speaker
        # index): an OR of the two made PostgreSQL read every statement.
        tied = Statement.objects.order_by()
        quoted = tied.filter(tied._text_contains(text)).values("pk")
        spoken = tied.filter(speaker__in=Person.objects.named(text).values("pk")).values("pk")
        return self.filter(pk__in=quoted.union(spoken))

    def reported_by(self, publisher: str) -> StatementQuerySet:
        """Statements quoted in an article of ``publisher`` (its exact name)."""
        return self.filter(article__publisher=publisher)

    def by_any(self, people: Iterable[Person | int]) -> StatementQuerySet:
        return self.filter(speaker_id__in=[getattr(p, "pk", p) for p in people])

    def between_pair(self, a: Person | int, b: Person | int) -> StatementQuerySet:
        """Statements one of the two made about a contact they both took part in."""
        a, b = getattr(a, "pk", a), getattr(b, "pk", b)
        shared = Contact.objects.involving_all(a, b).values("pk")
        return self.filter(speaker_id__in=[a, b], contact_id__in=shared)

    def _with_a_person(self, people: models.QuerySet, held: PersonCondition | None) -> StatementQuerySet:
        said = Q(speaker_id__in=people)
        return self.filter(said | held("speaker_id", OuterRef("date")) if held else said)


class Statement(models.Model):
    class Channel(models.TextChoices):
        READOUT = "readout", "Readout"
        BRIEFING = "briefing", "Briefing"
        INTERVIEW = "interview", "Interview"
        WRITTEN = "written", "Written statement"
        SPEECH = "speech", "Speech"
        SOCIAL = "social", "Social media post"
        OTHER = "other", "Other / unknown"

    speaker = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="statements")
    quote = models.TextField(help_text="The exact words inside the quotation marks, without the marks.")
    date = models.DateField(null=True, blank=True, help_text="When it was said (not when it was reported).")
    date_precision = models.CharField(max_length=12, choices=Precision.choices, default=Precision.DAY)
    channel = models.CharField(max_length=12, choices=Channel.choices, default=Channel.OTHER)
    article = models.ForeignKey(Article, on_delete=models.CASCADE, null=True, blank=True, related_name="statements")
    start = models.PositiveIntegerField(null=True, blank=True, help_text="Offset of the quote in the article.")
    end = models.PositiveIntegerField(null=True, blank=True)
    contact = models.ForeignKey(
        Contact,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="statements",
        help_text="The contact the statement is about, if any.",
    )
    is_fragment = models.BooleanField(
        default=False, help_text="A short quoted phrase ('deep concerns') rather than a full quotation."
    )
    status = models.CharField(max_length=12, choices=ReviewStatus.choices, default=ReviewStatus.PROPOSED, db_index=True)
    topics = models.ManyToManyField(Topic, blank=True, related_name="statements")

    objects = StatementQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-id"]
        indexes = [
            models.Index(fields=["status", "date", "id"], name="statement_status_date"),
            # what one person said, newest first (the leader page, the person filter)
            models.Index(fields=["speaker", "status", "date", "id"], name="statement_speaker_date"),
            # the statements that bring an article into a page's coverage: only those with one
            models.Index(
                fields=["speaker", "status", "contact"],
                condition=Q(article__isnull=False),
                name="statement_speaker_reported",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(quote=""), name="statement_quote_not_empty", violation_error_message="A quote is required."
            ),
        ]

    def __str__(self) -> str:
        short = self.quote if len(self.quote) < 60 else self.quote[:57] + "…"
        return f"{self.speaker}: “{short}”"

    def clean(self):
        if not (self.quote or "").strip():
            raise ValidationError({"quote": "The quote is empty."})
