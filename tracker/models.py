"""The diplomatic record: who held which office, who spoke with whom, who said what, and
the silences between contacts.

Reads live in QuerySet methods; writes that span models live in ``tracker.services``; the
pure computations (gaps, verdicts) live in ``tracker.gaps`` and work on plain values.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import connections, models
from django.db.models import Exists, OuterRef, Q
from django.db.models.expressions import RawSQL
from django.urls import reverse
from django.utils.text import slugify

from tracker.text_search import fts_phrase, text_index_usable


def lines(text: str) -> list[str]:
    """The non-empty, stripped lines of a one-item-per-line text field."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class DatedQuerySet(models.QuerySet):
    """Records with a ``date``: contacts, statements."""

    def between(self, start: date | None, end: date | None):
        """On or after ``start`` and on or before ``end``; a missing bound is open."""
        qs = self
        if start:
            qs = qs.filter(date__gte=start)
        if end:
            qs = qs.filter(date__lte=end)
        return qs


class Precision(models.TextChoices):
    DAY = "day", "Exact day"
    WEEK = "week", "Within a week"
    MONTH = "month", "Within the month"
    APPROXIMATE = "approximate", "Approximate"


class ReviewStatus(models.TextChoices):
    PROPOSED = "proposed", "Proposed (awaiting review)"
    CONFIRMED = "confirmed", "Confirmed"
    REJECTED = "rejected", "Rejected"


# --- Countries and organisations ---------------------------------------------------------


class CountryManager(models.Manager):
    def get_by_natural_key(self, name: str) -> Country:
        return self.get(name=name)


class Country(models.Model):
    class Kind(models.TextChoices):
        STATE = "state", "State"
        ORGANISATION = "organisation", "International organisation"
        GROUP = "group", "Non-state group"

    name = models.CharField(max_length=200, unique=True, help_text="The common English name.")
    official_name = models.CharField(max_length=300, blank=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.STATE)
    iso_alpha2 = models.CharField(
        "ISO 3166 alpha-2",
        max_length=2,
        blank=True,
        null=True,
        unique=True,
        help_text="Two-letter ISO 3166-1 code, states only (e.g. IL). Empty for organisations.",
    )
    iso_alpha3 = models.CharField("ISO 3166 alpha-3", max_length=3, blank=True, null=True, unique=True)
    demonyms = models.TextField(
        blank=True,
        help_text="Adjectives articles use for it, one per line (e.g. Israeli). "
        "Extraction reads these to place unnamed officials.",
    )
    aliases = models.TextField(
        blank=True, help_text="Other names articles use, one per line (e.g. US, United States of America)."
    )

    objects = CountryManager()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "countries and organisations"

    def __str__(self) -> str:
        return self.name

    def natural_key(self) -> tuple[str]:
        return (self.name,)

    @property
    def demonym_list(self) -> list[str]:
        return lines(self.demonyms)

    @property
    def alias_list(self) -> list[str]:
        return lines(self.aliases)


# --- People and their offices ------------------------------------------------------------


class PersonQuerySet(models.QuerySet):
    def get_by_natural_key(self, slug: str) -> Person:
        return self.get(slug=slug)

    def holding_office_on(self, day: date) -> PersonQuerySet:
        return self.filter(offices__in=Office.objects.held_on(day)).distinct()

    def counterparts_of(self, person: Person, limit: int | None = None) -> list[Person]:
        """The people ``person`` has held contacts with, most frequent first (then by name), each
        annotated with ``contact_count`` and ``last_contact``; the first ``limit`` of them.

        Read from the derived tables rather than the contacts, so the time does not grow with the
        leader's contacts: a pair with n >= 2 held contacts has n - 1 gaps, the last ending on its
        last held contact. ``PairContactCount`` (confirmed, planned included) names the other pairs,
        which have at most one held contact; those are counted from the contacts only when the
        busier counterparts do not fill ``limit``.
        """
        found: dict[int, tuple[int, date]] = {}
        for mine, theirs in (("person_a", "person_b"), ("person_b", "person_a")):
            rows = (
                Gap.objects.filter(**{mine: person})
                .order_by()
                .values(theirs)
                .annotate(gaps=models.Count("id"), last=models.Max("end"))
            )
            found.update((r[theirs], (r["gaps"] + 1, r["last"])) for r in rows)
        if limit is None or len(found) < limit:
            pairs = PairContactCount.objects.filter(Q(person_a=person) | Q(person_b=person))
            others = {b if a == person.pk else a for a, b in pairs.values_list("person_a", "person_b")}
            singles = (
                _participants()
                .filter(person_id__in=others - found.keys())
                .filter(contact__in=Contact.objects.held().involving_all(person).values("pk"))
                .order_by()
                .values("person_id")
                .annotate(n=models.Count("contact_id"), last=models.Max("contact__date"))
            )
            found.update((r["person_id"], (r["n"], r["last"])) for r in singles)
        people = list(self.filter(pk__in=found.keys()).exclude(pk=person.pk))
        for other in people:
            other.contact_count, other.last_contact = found[other.pk]
        people.sort(key=lambda p: (-p.contact_count, p.name, p.pk))
        return people[:limit]


class Person(models.Model):
    name = models.CharField(max_length=200, help_text="Full name as usually written in English.")
    slug = models.SlugField(max_length=200, unique=True, help_text="Used in page addresses.")
    aliases = models.TextField(
        blank=True,
        help_text="Other names articles use, one per line (e.g. Bibi, Netanyahu). "
        "The surname alone is matched without being listed.",
    )
    country = models.ForeignKey(
        Country,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="people",
        help_text="Nationality; the country each office is held for is set on the office.",
    )
    notes = models.TextField(blank=True)

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Person, self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("timeline:leader", args=[self.slug])

    def natural_key(self) -> tuple[str]:
        return (self.slug,)

    @property
    def alias_list(self) -> list[str]:
        return lines(self.aliases)

    def offices_on(self, day: date) -> list[Office]:
        return [o for o in self.offices.all() if o.held_on(day)]


def unique_slug(model: type[models.Model], text: str) -> str:
    base = slugify(text)[:180] or "item"
    slug, n = base, 2
    while model.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


class OfficeQuerySet(models.QuerySet):
    def held_on(self, day: date) -> OfficeQuerySet:
        return self.filter(start__lte=day).filter(Q(end__isnull=True) | Q(end__gt=day))


class Office(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="offices")
    title = models.CharField(
        max_length=200,
        help_text="The office without the country, as articles write it: President, Prime Minister, "
        "Chancellor, National Security Adviser.",
    )
    country = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        related_name="offices",
        help_text="The state or organisation the office belongs to.",
    )
    start = models.DateField(help_text="First day in office.")
    end = models.DateField(
        null=True,
        blank=True,
        help_text="The day the successor took office (the holder is no longer in office on this day). "
        "Empty while in office.",
    )
    is_head = models.BooleanField(
        "leader",
        default=True,
        help_text="Head of state or government (counts as a leader in charts and gaps).",
    )

    objects = OfficeQuerySet.as_manager()

    class Meta:
        ordering = ["start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=models.F("start")),
                name="office_ends_after_it_starts",
                violation_error_message="An office cannot end before it starts.",
            )
        ]

    def __str__(self) -> str:
        span = f"{self.start:%Y-%m-%d}–{self.end:%Y-%m-%d}" if self.end else f"since {self.start:%Y-%m-%d}"
        return f"{self.title} of {self.country} ({span})"

    def held_on(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day < self.end)


def office_holder(title: str, country: Country, day: date) -> Person | None:
    """Who held ``title`` of ``country`` on ``day`` (one query), or None."""
    office = (
        Office.objects.held_on(day)
        .filter(title__iexact=title, country=country)
        .select_related("person")
        .order_by("-start")
        .first()
    )
    return office.person if office else None


# --- Topics ------------------------------------------------------------------------------


class TopicManager(models.Manager):
    def get_by_natural_key(self, slug: str) -> Topic:
        return self.get(slug=slug)


class Topic(models.Model):
    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    keywords = models.TextField(
        blank=True,
        help_text="Words or phrases that mark this topic in an article, one per line; matched "
        "case-insensitively as whole words.",
    )

    objects = TopicManager()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Topic, self.name)
        super().save(*args, **kwargs)

    def natural_key(self) -> tuple[str]:
        return (self.slug,)

    @property
    def keyword_list(self) -> list[str]:
        return lines(self.keywords) or [self.name]


# --- Articles ----------------------------------------------------------------------------


def text_hash(text: str) -> str:
    """The content hash that makes the same text ingested twice one article.

    Whitespace is folded so that a re-saved copy with other line endings is the same text.
    """
    folded = " ".join((text or "").split())
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()


class Article(models.Model):
    title = models.CharField(max_length=500, blank=True)
    publisher = models.CharField(max_length=200, blank=True)
    authors = models.TextField(blank=True, help_text="One author per line.")
    url = models.URLField(
        "URL", max_length=1000, null=True, blank=True, help_text="Where the article was published; unique."
    )
    published = models.DateField(
        null=True,
        blank=True,
        help_text="Publication date. Relative dates in the text (Monday, yesterday) are read against it; "
        "without it none are guessed.",
    )
    dateline = models.CharField(max_length=200, blank=True, help_text="Place the story was filed from.")
    text = models.TextField(help_text="The full text as received; extracted spans point into it.")
    content_hash = models.CharField(max_length=64, unique=True, editable=False)
    source_file = models.CharField(max_length=1000, blank=True, help_text="File it was ingested from, if any.")
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-published", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["url"],
                condition=Q(url__isnull=False),
                name="article_url_unique",
                violation_error_message="An article with this URL already exists.",
            )
        ]

    def __str__(self) -> str:
        return self.title or f"Article {self.pk}"

    def save(self, *args, **kwargs):
        self.url = self.url or None
        self.content_hash = text_hash(self.text)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("timeline:article", args=[self.pk])

    def clean(self):
        if not (self.text or "").strip():
            raise ValidationError({"text": "The article has no text."})
        self.url = self.url or None
        self.content_hash = text_hash(self.text)
        duplicate = Article.objects.filter(content_hash=self.content_hash).exclude(pk=self.pk).first()
        if duplicate:
            raise ValidationError({"text": f"The same text is already stored as article {duplicate.pk}: {duplicate}."})

    @property
    def author_list(self) -> list[str]:
        return lines(self.authors)


# --- Contacts ----------------------------------------------------------------------------


class ContactQuerySet(DatedQuerySet):
    def confirmed(self) -> ContactQuerySet:
        return self.filter(status=ReviewStatus.CONFIRMED)

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
        return self.filter(pk__in=_participants().filter(person_id__in=ids).values("contact_id"))

    def involving_all(self, *people: Person | int) -> ContactQuerySet:
        """Contacts with every one of ``people`` among the participants (a pair: both of them)."""
        qs = self
        for person in people:
            qs = qs.filter(pk__in=_participants().filter(person_id=getattr(person, "pk", person)).values("contact_id"))
        return qs

    def of_countries(self, countries: Iterable[Country | int]) -> ContactQuerySet:
        """Contacts where a participant spoke for one of ``countries``: held one of its offices on
        the day, or is one of its nationals.

        Two conditions, so the database can stop after one page: ``pk IN`` the contacts of the
        few people who ever could (read from the participants index), and, per contact walked in
        date order, EXISTS a participant who did on that day (a look-up by contact)."""
        ids = [getattr(c, "pk", c) for c in countries]
        nationals = Person.objects.filter(country_id__in=ids).values("pk")
        office_holders = Office.objects.filter(country_id__in=ids).values("person_id")
        could = _participants().filter(Q(person_id__in=nationals) | Q(person_id__in=office_holders))
        office_on_the_day = Office.objects.filter(
            person_id=OuterRef("person_id"), country_id__in=ids, start__lte=OuterRef(OuterRef("date"))
        ).filter(Q(end__isnull=True) | Q(end__gt=OuterRef(OuterRef("date"))))
        did = (
            _participants()
            .filter(contact_id=OuterRef("pk"))
            .filter(Q(person_id__in=nationals) | Exists(office_on_the_day))
        )
        return self.filter(pk__in=could.values("contact_id")).filter(Exists(did))

    def on_topic(self, topic: Topic | int) -> ContactQuerySet:
        return self.filter(
            pk__in=Contact.topics.through.objects.filter(topic_id=getattr(topic, "pk", topic)).values("contact_id")
        )

    def matching(self, text: str) -> ContactQuerySet:
        """Contacts whose summary, or a statement tied to them, contains ``text`` (case-insensitive).
        On SQLite, through the trigram index of ``tracker.text_search`` when ``text`` is long enough."""
        if text_index_usable(connections[self.db], text):
            summaries = RawSQL(
                "SELECT rowid FROM tracker_contact_summary_fts WHERE tracker_contact_summary_fts MATCH %s",
                [fts_phrase(text)],
            )
            quoted = Statement.objects.matching(text).filter(contact_id__isnull=False).values("contact_id")
            return self.filter(Q(pk__in=summaries) | Q(pk__in=quoted))
        quoted = Statement.objects.filter(quote__icontains=text, contact_id__isnull=False).values("contact_id")
        return self.filter(Q(summary__icontains=text) | Q(pk__in=quoted))

    def before_key(self, day: date, pk: int) -> ContactQuerySet:
        """Keyset page boundary for the ``-date, -id`` order: the rows after (day, pk)."""
        return self.filter(Q(date__lt=day) | Q(date=day, pk__lt=pk))


def _participants() -> models.QuerySet:
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

    # Kinds that count as the same event when two sources describe one contact differently:
    # one side's "video call" is the other's "meeting via videoconference".
    REMOTE = {Kind.PHONE_CALL, Kind.VIDEO_CALL}
    IN_PERSON = {Kind.MEETING, Kind.VISIT}

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
        ]

    def __str__(self) -> str:
        names = " – ".join(p.name for p in self.participants.all()) if self.pk else ""
        return f"{self.get_kind_display()} {names} ({self.date:%Y-%m-%d})".replace("  ", " ")

    def get_absolute_url(self) -> str:
        return reverse("timeline:contact", args=[self.pk])

    @classmethod
    def kind_class(cls, kind: str) -> str:
        if kind in cls.REMOTE:
            return "remote"
        if kind in cls.IN_PERSON:
            return "in_person"
        return kind


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


class StatementQuerySet(DatedQuerySet):
    def confirmed(self) -> StatementQuerySet:
        return self.filter(status=ReviewStatus.CONFIRMED)

    def by_any(self, people: Iterable[Person | int]) -> StatementQuerySet:
        return self.filter(speaker_id__in=[getattr(p, "pk", p) for p in people])

    def between_pair(self, a: Person | int, b: Person | int) -> StatementQuerySet:
        """Statements one of the two made about a contact they both took part in."""
        a, b = getattr(a, "pk", a), getattr(b, "pk", b)
        shared = Contact.objects.involving_all(a, b).values("pk")
        return self.filter(speaker_id__in=[a, b], contact_id__in=shared)

    def of_countries(self, countries: Iterable[Country | int]) -> StatementQuerySet:
        """Statements by someone who held an office of one of ``countries`` on the day, or is a national."""
        ids = [getattr(c, "pk", c) for c in countries]
        nationals = Person.objects.filter(country_id__in=ids).values("pk")
        office_holders = Office.objects.filter(country_id__in=ids).values("person_id")
        office_on_the_day = Office.objects.filter(
            person_id=OuterRef("speaker_id"), country_id__in=ids, start__lte=OuterRef("date")
        ).filter(Q(end__isnull=True) | Q(end__gt=OuterRef("date")))
        # The speaker list first: the few people who ever could, so a page needs no full scan.
        could = self.filter(Q(speaker_id__in=nationals) | Q(speaker_id__in=office_holders))
        return could.filter(Q(speaker_id__in=nationals) | Exists(office_on_the_day))

    def on_topic(self, topic: Topic | int) -> StatementQuerySet:
        through = Statement.topics.through.objects.filter(topic_id=getattr(topic, "pk", topic))
        return self.filter(pk__in=through.values("statement_id"))

    def matching(self, text: str) -> StatementQuerySet:
        """Statements whose quote contains ``text`` (case-insensitive); on SQLite through the
        trigram index of ``tracker.text_search`` when ``text`` is long enough."""
        if text_index_usable(connections[self.db], text):
            found = RawSQL(
                "SELECT rowid FROM tracker_statement_quote_fts WHERE tracker_statement_quote_fts MATCH %s",
                [fts_phrase(text)],
            )
            return self.filter(pk__in=found)
        return self.filter(quote__icontains=text)

    def before_key(self, day: date, pk: int) -> StatementQuerySet:
        """Keyset page boundary for the ``-date, -id`` order: the rows after (day, pk)."""
        return self.filter(Q(date__lt=day) | Q(date=day, pk__lt=pk))


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


# --- Gaps and the claims made about them -------------------------------------------------


class GapQuerySet(models.QuerySet):
    def for_pair(self, a: Person | int, b: Person | int) -> GapQuerySet:
        low, high = sorted([getattr(a, "pk", a), getattr(b, "pk", b)])
        return self.filter(person_a_id=low, person_b_id=high)

    def pair_rhythms(self, min_gaps: int) -> models.QuerySet:
        """Per pair with at least ``min_gaps`` gaps: ``person_a``, ``person_b``, ``gap_count``,
        ``mean_days`` and ``last_contact`` (the end of the latest gap), as dicts; one query."""
        return (
            self.values("person_a", "person_b")
            .annotate(gap_count=models.Count("id"), mean_days=models.Avg("days"), last_contact=models.Max("end"))
            .filter(gap_count__gte=min_gaps)
        )


class Gap(models.Model):
    """The silence between two consecutive held contacts of a pair. Derived: never edit by hand;
    ``tracker.services.gaps_recompute_pair`` rewrites a pair's gaps whenever its contacts change."""

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

    objects = GapQuerySet.as_manager()

    class Meta:
        ordering = ["person_a", "person_b", "end"]
        constraints = [
            models.CheckConstraint(condition=Q(person_a__lt=models.F("person_b")), name="gap_pair_ordered"),
        ]
        indexes = [models.Index(fields=["person_a", "person_b", "end"], name="gap_pair_end")]

    def __str__(self) -> str:
        return f"{self.days} days ({self.start:%Y-%m-%d} → {self.end:%Y-%m-%d})"


class ContactDayCount(models.Model):
    """How many contacts of one kind and review status fell on one day. Derived, like ``Gap``:
    ``tracker.services.records`` rewrites a day's rows whenever one of its contacts changes.

    The charts count from it when the filter is only status, kind and dates: it has at most
    days x kinds x statuses rows, so a chart of the whole record does not scan every contact.
    """

    date = models.DateField()
    kind = models.CharField(max_length=20, choices=Contact.Kind.choices)
    status = models.CharField(max_length=12, choices=ReviewStatus.choices)
    contacts = models.PositiveIntegerField()

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


class PairMonthCount(models.Model):
    """How many contacts of one kind and review status two people (lower id first) shared in one
    month (``month`` is its first day). Derived, like ``Gap``, and rewritten with the pair's gaps.

    Charts about a pair (the comparison; a pair filter by month) read at most months x kinds x
    statuses rows per pair from its unique index, however many contacts the pair has.
    """

    person_a = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    person_b = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    month = models.DateField()
    kind = models.CharField(max_length=20, choices=Contact.Kind.choices)
    status = models.CharField(max_length=12, choices=ReviewStatus.choices)
    contacts = models.PositiveIntegerField()

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
        LONGEST_SINCE = "longest_since", "Longest since a date ('longest gap since October 7')"
        FIRST_SINCE = "first_since", "First since a date or event ('first call since …')"

    class Verdict(models.TextChoices):
        SUPPORTED = "supported", "Supported by the record"
        CONTRADICTED = "contradicted", "Contradicted by the record"
        UNCHECKABLE = "uncheckable", "Not checkable yet (too little data)"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, null=True, blank=True, related_name="gap_claims")
    person_a = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    person_b = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    ends = models.DateField(help_text="Date of the contact that ended the silence the claim is about.")
    starts = models.DateField(null=True, blank=True, help_text="Date of the contact before it, if the article says.")
    comparison = models.CharField(max_length=20, choices=Comparison.choices)
    duration_days = models.PositiveIntegerField(
        null=True, blank=True, help_text="Claimed length in days ('more than a month' is 1 month, not 30 days)."
    )
    duration_months = models.PositiveIntegerField(
        null=True, blank=True, help_text="Claimed length in calendar months, when the article counts in months."
    )
    anchor = models.DateField(
        null=True, blank=True, help_text="For 'longest since' and 'first since': the date it is measured from."
    )
    text = models.TextField(help_text="The words of the article that make the claim.")
    start_offset = models.PositiveIntegerField(null=True, blank=True)
    end_offset = models.PositiveIntegerField(null=True, blank=True)
    status = models.CharField(max_length=12, choices=ReviewStatus.choices, default=ReviewStatus.PROPOSED)

    # Computed by tracker.services.gap_claim_verify whenever the pair's record changes.
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
