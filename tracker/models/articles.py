"""Articles, the text everything extracted points into, and the topics they are tagged with."""

from __future__ import annotations

import hashlib

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse

from tracker import rules
from tracker.models.base import ReviewStatus, lines, save_with_unique_slug

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
        if self.slug:
            super().save(*args, **kwargs)
        else:
            save_with_unique_slug(self, self.name, lambda: super(Topic, self).save(*args, **kwargs))

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


class ArticleQuerySet(models.QuerySet):
    def awaiting_review(self) -> ArticleQuerySet:
        """Articles with items still proposed or names still unplaced, oldest added first, each
        annotated with ``proposed_contacts``, ``proposed_sources`` (its reports merged into
        contacts on record that are no longer proposed), ``proposed_statements``,
        ``proposed_claims``, ``proposed_people`` and ``proposed_offices`` (of the people its items
        name) and ``unplaced`` (one query: a counting subquery per kind)."""
        from tracker.models.derived import GapClaim
        from tracker.models.people import Office, Person, person_named_in_q
        from tracker.models.record import ContactSource, Statement

        def count(rows) -> Coalesce:
            per_article = rows.filter(article=OuterRef("pk")).order_by().values("article")
            return Coalesce(Subquery(per_article.annotate(n=Count("pk")).values("n")), 0)

        def count_named(rows, prefix: str = "") -> Coalesce:
            # Distinct rows, grouped by their (filtered, so single) status: one count per article.
            named = rows.filter(person_named_in_q(OuterRef("pk"), prefix)).order_by().values("status")
            return Coalesce(Subquery(named.annotate(n=Count("pk", distinct=True)).values("n")), 0)

        proposed = ReviewStatus.PROPOSED
        kinds = {
            "proposed_contacts": count(ContactSource.objects.filter(contact__status=proposed)),
            "proposed_sources": count(ContactSource.objects.filter(status=proposed).exclude(contact__status=proposed)),
            "proposed_statements": count(Statement.objects.filter(status=proposed)),
            "proposed_claims": count(GapClaim.objects.filter(status=proposed)),
            "proposed_people": count_named(Person.objects.filter(status=proposed)),
            "proposed_offices": count_named(Office.objects.filter(status=proposed), "person__"),
            "unplaced": count(UnplacedName.objects.filter(status=proposed)),
        }
        waiting = Q()
        for name in kinds:
            waiting |= Q(**{f"{name}__gt": 0})
        return self.annotate(**kinds).filter(waiting).order_by("created", "id")

    def coverage(self) -> list[dict]:
        """What these articles are, by publisher: ``publisher``, ``articles``, ``first`` and
        ``last`` publication dates, busiest first (one grouped query). "What the record holds"."""
        rows = (
            self.order_by()
            .values("publisher")
            .annotate(
                articles=models.Count("id", distinct=True), first=models.Min("published"), last=models.Max("published")
            )
            .order_by("-articles", "publisher")
        )
        return list(rows)

    def reporting_confirmed(self, contacts=None, statements=None) -> ArticleQuerySet:
        """Articles with a confirmed source of one of ``contacts`` (confirmed ones) or a confirmed
        one of ``statements``; all confirmed contacts and statements when neither is given."""
        from tracker.models.record import Contact, ContactSource, Statement

        contacts = Contact.objects.confirmed() if contacts is None else contacts.confirmed()
        sources = ContactSource.objects.confirmed().filter(contact__in=contacts)
        return self._reporting(sources, Statement.objects.all() if statements is None else statements)

    def reporting_confirmed_involving(self, *people, statements) -> ArticleQuerySet:
        """``reporting_confirmed`` of the contacts every one of ``people`` took part in (a leader's,
        a pair's) and of ``statements``: the sources joined to those people's participants rows,
        which PostgreSQL hashes, where ``contact__in`` their contacts read the index of every
        contact of the record (a leader's coverage took 0.6 s at 1,000,000 contacts)."""
        from tracker.models.record import ContactSource

        sources = ContactSource.objects.confirmed().filter(contact__status=ReviewStatus.CONFIRMED)
        for person in people:  # a join each: every one of them took part
            sources = sources.filter(contact__participants=person)
        return self._reporting(sources, statements)

    def reporting_person(self, person) -> ArticleQuerySet:
        """``reporting_confirmed_involving(person, statements=person.statements)`` read from the
        person's ``PersonArticleCount`` rows: one index range of their articles, where the join
        read every report of every contact of theirs (a leader's coverage took 222 ms at
        1,000,000 contacts)."""
        from tracker.models.person_counts import PersonArticleCount

        return self.filter(pk__in=PersonArticleCount.objects.filter(person=person).values("article_id"))

    def reporting_pair(self, a, b) -> ArticleQuerySet:
        """``reporting_confirmed_involving(a, b, statements=Statement.objects.between_pair(a, b))``
        read from the pair's ``PairArticleCount`` rows: one index range of its articles, where the
        join read every report of every contact of both (a pair's coverage took 226 ms at
        1,000,000 contacts)."""
        from tracker.models.person_counts import PairArticleCount

        low, high = rules.pair_key(getattr(a, "pk", a), getattr(b, "pk", b))
        rows = PairArticleCount.objects.filter(person_a_id=low, person_b_id=high)
        return self.filter(pk__in=rows.values("article_id"))

    def _reporting(self, sources, statements) -> ArticleQuerySet:
        """Articles with one of ``sources`` or a confirmed one of ``statements``."""
        # Said outside any article brings none: named, so the index of those with one serves it.
        said = statements.confirmed().filter(article__isnull=False).values("article_id")
        return self.filter(models.Q(pk__in=sources.values("article_id")) | models.Q(pk__in=said))


class Article(models.Model):
    title = models.CharField(max_length=500, blank=True)
    publisher = models.CharField(max_length=200, blank=True)
    authors = models.TextField(blank=True, help_text="One author per line.")
    url = models.URLField(
        "URL",
        max_length=1000,
        null=True,
        blank=True,
        validators=[URLValidator(schemes=list(rules.WEB_SCHEMES))],
        help_text="Where the article was published (an http or https address); unique.",
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

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["url"],
                condition=Q(url__isnull=False),
                name="article_url_unique",
                violation_error_message="An article with this URL already exists.",
            ),
            # ``rules.url_is_web`` for the database: no script or file address is ever stored.
            models.CheckConstraint(
                condition=Q(url__isnull=True) | Q(url__istartswith="http://") | Q(url__istartswith="https://"),
                name="article_url_web",
                violation_error_message="The URL must be an http or https address.",
            ),
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


class UnplacedName(models.Model):
    """A name the extractor saw in an article but could not place: no one on record matches it
    and it is not enough to make a person of ("General Ardo", "President Kell"). The items that
    named it were skipped; an editor creates the person or links the name to one on record (an
    alias), and extraction runs again to propose those items."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="unplaced_names")
    text = models.CharField(max_length=200, help_text="The name as the article writes it.")
    start = models.PositiveIntegerField(null=True, blank=True, help_text="Offset of the name in the article.")
    end = models.PositiveIntegerField(null=True, blank=True)
    reason = models.CharField(max_length=300, blank=True, help_text="Why extraction could not place it.")
    status = models.CharField(
        max_length=12,
        choices=ReviewStatus.choices,
        default=ReviewStatus.PROPOSED,
        help_text="Proposed: awaiting an editor; confirmed: placed (see person); rejected: not a person.",
    )
    person = models.ForeignKey(
        "tracker.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The person the editor placed the name as.",
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["article", "start", "id"]
        constraints = [
            models.UniqueConstraint(fields=["article", "text"], name="unplaced_name_once_per_article"),
        ]

    def __str__(self) -> str:
        return f"{self.text} (article {self.article_id})"
