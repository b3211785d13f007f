"""People and the offices they held; countries and organisations they held them for."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse

from tracker import rules
from tracker.extraction.gazetteer import name_key
from tracker.models.base import (
    BoundPrecision,
    ReviewedQuerySet,
    ReviewStatus,
    lines,
    review_status_field,
    save_with_unique_slug,
)

# --- Countries and organisations ---------------------------------------------------------


# How many people or countries a typed name may match before the picker stops listing them.
PICK_CANDIDATES = 10


class CountryQuerySet(models.QuerySet):
    def picked_by(self, text: str) -> list[Country]:
        """The countries a name typed into a picker means, most exact first: the one whose ISO code
        (alpha-2 or alpha-3), name, official name or an alias is ``text`` (case-insensitive), else
        those whose name or an alias contains it (at most ``PICK_CANDIDATES``). One to three
        queries; more than one country back means the typed name is ambiguous."""
        text = text.strip()
        if not text:
            return []
        exact = Q(name__iexact=text) | Q(official_name__iexact=text)
        if len(text) in (2, 3) and text.isalpha():
            exact |= Q(iso_alpha2__iexact=text) if len(text) == 2 else Q(iso_alpha3__iexact=text)
        found = list(self.filter(exact)[:PICK_CANDIDATES])
        if found:
            return found
        folded = text.casefold()
        near = list(self.filter(Q(name__icontains=text) | Q(aliases__icontains=text)).order_by("name")[:50])
        by_alias = [c for c in near if folded in (a.casefold() for a in c.alias_list)]
        return (by_alias or near)[:PICK_CANDIDATES]


class CountryManager(models.Manager.from_queryset(CountryQuerySet)):
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
    def name_in_text(self) -> str:
        """ "the United States", "Poland": as written after an office ("President of ...")."""
        return rules.country_in_text(self.name)

    @property
    def demonym_list(self) -> list[str]:
        return lines(self.demonyms)

    @property
    def alias_list(self) -> list[str]:
        return lines(self.aliases)


# --- People and their offices ------------------------------------------------------------


def person_named_in_q(article, prefix: str = "") -> Q:
    """People (through ``prefix``, e.g. ``"person__"`` from an office) named by an article's items."""
    return Q(**{f"{prefix}contacts__sources__article": article}) | Q(**{f"{prefix}statements__article": article})


class PersonQuerySet(ReviewedQuerySet):
    def get_by_natural_key(self, slug: str) -> Person:
        return self.get(slug=slug)

    def named(self, text: str) -> PersonQuerySet:
        """People whose name or one of whose aliases contains ``text`` (case-insensitive)."""
        return self.filter(Q(name__icontains=text) | Q(aliases__icontains=text))

    def named_in(self, article) -> PersonQuerySet:
        """The people an article's items name: participants of the contacts it reports and
        speakers of its statements (``article`` may be an ``OuterRef``); distinct."""
        return self.filter(person_named_in_q(article)).distinct()

    def picked_by(self, text: str) -> list[Person]:
        """The people a name typed into a picker means, most exact first: the one with that slug or
        that name (folded as ``name_key`` folds it: case, accents, honorifics), else the one with it
        as an alias, else those whose name or an alias contains it (at most ``PICK_CANDIDATES``).
        Up to three queries; more than one person back means the typed name is ambiguous."""
        text = text.strip()
        if not text:
            return []
        key = name_key(text)
        exact = list(self.filter(Q(slug=text) | Q(name_key=key))[:PICK_CANDIDATES])
        if exact:
            return exact
        near = list(self.named(text).order_by("name")[: PICK_CANDIDATES * 5])
        by_alias = [p for p in near if key in (name_key(a) for a in p.alias_list)]
        return (by_alias or near)[:PICK_CANDIDATES]

    def holding_office_on(self, day: date) -> PersonQuerySet:
        return self.filter(offices__in=Office.objects.held_on(day)).distinct()

    def counterparts_of(self, person: Person, limit: int | None = None) -> list[Person]:
        """The people ``person`` has held contacts with, most frequent first (then by name), each
        annotated with ``contact_count`` and ``last_contact``; the first ``limit`` of them.

        Read from the derived tables rather than the contacts, so the time does not grow with the
        leader's contacts: a pair with held contacts on two or more days has gaps, the last ending
        on its last held contact, and its ``PairContactCount`` (confirmed, planned included) less
        its confirmed planned contacts is its number of held ones (several on one day included).
        The pairs without gaps have held contacts on one day at most; those are counted from the
        contacts only when the busier counterparts do not fill ``limit``.
        """
        from tracker.models.derived import Gap, PairContactCount
        from tracker.models.record import Contact, participants

        # Each pair's last gap from the end of its index (``gap_pair_end``): a look-up per pair,
        # where grouping the person's gaps read every one of them.
        last_gap = Gap.objects.filter(person_a=models.OuterRef("person_a"), person_b=models.OuterRef("person_b"))
        pairs = PairContactCount.objects.filter(Q(person_a=person) | Q(person_b=person))
        pairs = pairs.annotate(last=models.Subquery(last_gap.order_by("-end").values("end")[:1]))
        confirmed: dict[int, int] = {}
        last_held: dict[int, date] = {}
        for a, b, n, last in pairs.values_list("person_a", "person_b", "contacts", "last"):
            other = b if a == person.pk else a
            confirmed[other] = n
            if last is not None:
                last_held[other] = last
        planned = dict(
            participants()
            .filter(person_id__in=list(last_held))
            .filter(contact__in=Contact.objects.confirmed().filter(planned=True).involving_each(person).values("pk"))
            .order_by()
            .values("person_id")
            .annotate(n=models.Count("contact_id"))
            .values_list("person_id", "n")
        )
        found: dict[int, tuple[int, date]] = {
            other: (confirmed.get(other, 0) - planned.get(other, 0), last) for other, last in last_held.items()
        }
        if limit is None or len(found) < limit:
            singles = (
                participants()
                .filter(person_id__in=list(confirmed.keys() - found.keys()))
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
    # The name folded for matching (``name_key``: case, accents, hyphens, honorifics): one person
    # per key, so two ingesters that meet a new name at once make one person. Set on every save,
    # fixtures included (``tracker.signals``).
    name_key = models.CharField(max_length=200, editable=False)
    # Confirmed by default: an editor entering a person has reviewed them. Extraction proposes
    # the people it creates; a proposed person has no public page until an editor confirms them.
    status = review_status_field(
        default=ReviewStatus.CONFIRMED,
        help_text="Only confirmed people have a public page and are offered in the filters.",
    )

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"
        constraints = [
            models.UniqueConstraint(
                fields=["name_key"],
                name="person_name_key_unique",
                violation_error_message="A person with this name is already on record.",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        # ``tracker.signals`` sets ``name_key`` from the name; a rename saves both.
        if kwargs.get("update_fields") is not None and "name" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "name_key"}
        if self.slug:
            super().save(*args, **kwargs)
        else:
            save_with_unique_slug(self, self.name, lambda: super(Person, self).save(*args, **kwargs))

    def get_absolute_url(self) -> str:
        return reverse("timeline:leader", args=[self.slug])

    @classmethod
    def slugs_reserved_by(cls) -> type[models.Model]:
        """Whose page names a new person must not take: the people merged away, which redirect."""
        return PersonRedirect

    def natural_key(self) -> tuple[str]:
        return (self.slug,)

    def clean(self):
        # The form does not hold ``name_key``, so Django leaves its constraint out of validation.
        duplicate = Person.objects.filter(name_key=name_key(self.name or "")).exclude(pk=self.pk).first()
        if duplicate is not None:
            raise ValidationError({"name": f"{duplicate} is already on record under this name."})

    @property
    def alias_list(self) -> list[str]:
        return lines(self.aliases)

    def offices_on(self, day: date) -> list[Office]:
        return [o for o in self.offices.all() if o.held_on(day)]


def office_held_on_q(day) -> Q:
    """``rules.office_held_on`` for the database: an office whose ``start`` is unknown or on or
    before ``day`` and whose ``end`` (exclusive) is unknown or after it: possibly held. ``day`` may
    be a date or an expression (``OuterRef("date")``) for the day of the row it is used against."""
    return (Q(start__isnull=True) | Q(start__lte=day)) & (Q(end__isnull=True) | Q(end__gt=day))


def office_known_held_on_q(day) -> Q:
    """``rules.term_held_on(...) is True`` for the database: known to be held on ``day`` (start
    known and on or before it; still held, or an end known and after it)."""
    still_held = Q(end__isnull=True) & ~Q(end_precision=BoundPrecision.UNKNOWN)
    return Q(start__isnull=False, start__lte=day) & (still_held | Q(end__gt=day))


class PersonRedirectQuerySet(models.QuerySet):
    def moved(self, slugs) -> dict[str, str]:
        """For those of ``slugs`` that name no person but one merged away: slug -> the slug of the
        person they were merged into (one query)."""
        rows = self.filter(slug__in=list(slugs)).exclude(slug__in=Person.objects.values("slug"))
        return dict(rows.values_list("slug", "person__slug"))


class PersonRedirect(models.Model):
    """The page address of a person merged into another: it answers with a permanent redirect to
    the page of ``person``, so links to the merged-away page keep working. Written by
    ``tracker.services.merge.people_merge``; a later merge of ``person`` carries it along."""

    slug = models.SlugField(max_length=200, unique=True, help_text="The merged-away person's page name.")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="redirects")
    name = models.CharField(max_length=200, blank=True, help_text="The merged-away person's name.")
    merged = models.DateTimeField(auto_now_add=True)

    objects = PersonRedirectQuerySet.as_manager()

    class Meta:
        ordering = ["slug"]

    def __str__(self) -> str:
        return f"{self.slug} → {self.person_id}"


class OfficeQuerySet(ReviewedQuerySet):
    def held_on(self, day: date) -> OfficeQuerySet:
        """Possibly held on ``day`` (an unknown bound does not exclude it): for placing a speaker."""
        return self.filter(office_held_on_q(day))

    def known_held_on(self, day: date) -> OfficeQuerySet:
        """Known to be held on ``day``: for "in office today"."""
        return self.filter(office_known_held_on_q(day))

    def terms(self) -> dict[int, list[rules.Term]]:
        """Each person's offices as ``rules.Term`` values, by person id (one query)."""
        found: dict[int, list[rules.Term]] = {}
        for person_id, start, end, end_precision in self.values_list("person_id", "start", "end", "end_precision"):
            found.setdefault(person_id, []).append(rules.Term(start, end, end_precision != BoundPrecision.UNKNOWN))
        return found


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
    start = models.DateField(null=True, blank=True, help_text="First day in office. Empty when not known.")
    start_precision = models.CharField(
        max_length=8,
        choices=BoundPrecision.choices,
        default=BoundPrecision.DAY,
        help_text="How exactly the start is known; 'Unknown' exactly when the start is empty.",
    )
    end = models.DateField(
        null=True,
        blank=True,
        help_text="The day the successor took office (the holder is no longer in office on this day). "
        "Empty while in office, or when not known.",
    )
    end_precision = models.CharField(
        max_length=8,
        choices=BoundPrecision.choices,
        default=BoundPrecision.DAY,
        help_text="How exactly the end is known. With an empty end: 'Unknown' when the record does not "
        "know when (or whether) the office ended; anything else means still in office.",
    )
    status = review_status_field(
        default=ReviewStatus.CONFIRMED,
        help_text="Extraction proposes the offices it infers; only confirmed offices count for the public record.",
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
                condition=Q(end__isnull=True) | Q(start__isnull=True) | Q(end__gte=models.F("start")),
                name="office_ends_after_it_starts",
                violation_error_message="An office cannot end before it starts.",
            ),
            models.CheckConstraint(
                condition=Q(start__isnull=True, start_precision=BoundPrecision.UNKNOWN)
                | (Q(start__isnull=False) & ~Q(start_precision=BoundPrecision.UNKNOWN)),
                name="office_start_unknown_exactly_when_empty",
                violation_error_message="A start's precision is 'Unknown' exactly when the start is empty.",
            ),
            models.CheckConstraint(
                condition=Q(end__isnull=True) | ~Q(end_precision=BoundPrecision.UNKNOWN),
                name="office_end_known_when_given",
                violation_error_message="An end that is given is not 'Unknown'.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} of {self.country.name_in_text} ({self.span_label()})"

    def save(self, *args, **kwargs):
        if self.start is None:
            self.start_precision = BoundPrecision.UNKNOWN  # an empty start is an unknown one
        super().save(*args, **kwargs)

    @property
    def term(self) -> rules.Term:
        return rules.Term(self.start, self.end, self.end_precision != BoundPrecision.UNKNOWN)

    def span_label(self) -> str:
        """ "2021-01-20–2025-01-20", "since 2021-01-20", "start unknown–…": never "present" on a guess."""
        start = f"{self.start:%Y-%m-%d}" if self.start else "start unknown"
        if self.end:
            return f"{start}–{self.end:%Y-%m-%d}"
        if not self.term.end_known:
            return f"{start}–end unknown"
        return f"since {start}" if self.start else f"{start}–present"

    def held_on(self, day: date) -> bool:
        return rules.office_held_on(self.start, self.end, day)


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
