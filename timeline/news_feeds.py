"""Atom feeds of newly confirmed contacts and statements, overall and per leader or pair, with
Django's syndication framework. Pages advertise them with ``<link rel="alternate">``.

Only confirmed items appear. A contact's entry is updated when the contact is (``updated``);
statements carry no edit time, so their entries are dated by when they were said and ordered by
when they were recorded (their id)."""

from __future__ import annotations

from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

from timeline.exports import pair_people
from tracker.models import Contact, Person, Statement

ITEMS = 50


class ContactsFeed(Feed):
    """Newly confirmed contacts, most recently confirmed or edited first."""

    feed_type = Atom1Feed
    title = "Diplomatic record: newly confirmed contacts"
    subtitle = "Contacts between leaders, as editors confirm them."

    def link(self, obj=None):
        return reverse("timeline:timeline")

    def scoped(self, obj) -> QuerySet:
        return Contact.objects.all()

    def items(self, obj=None):
        return self.scoped(obj).confirmed().prefetch_related("participants").order_by("-updated", "-id")[:ITEMS]

    def item_title(self, item: Contact) -> str:
        people = " – ".join(p.name for p in item.participants.all())
        return f"{item.get_kind_display()}: {people} ({item.date:%d %b %Y})"

    def item_description(self, item: Contact) -> str:
        return item.summary

    def item_link(self, item: Contact) -> str:
        return item.get_absolute_url()

    def item_guid(self, item: Contact) -> str:
        return f"contact-{item.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item: Contact):
        return item.created

    def item_updateddate(self, item: Contact):
        return item.updated


class StatementsFeed(Feed):
    """Confirmed statements, most recently recorded first."""

    feed_type = Atom1Feed
    title = "Diplomatic record: statements"
    subtitle = "What leaders said, as editors confirm it."

    def link(self, obj=None):
        return reverse("timeline:timeline") + "?statements=on"

    def scoped(self, obj) -> QuerySet:
        return Statement.objects.all()

    def items(self, obj=None):
        return self.scoped(obj).confirmed().select_related("speaker").order_by("-id")[:ITEMS]

    def item_title(self, item: Statement) -> str:
        return str(item)

    def item_description(self, item: Statement) -> str:
        return f"“{item.quote}”"

    def item_link(self, item: Statement) -> str:
        if item.contact_id:
            return reverse("timeline:contact", args=[item.contact_id])
        return f"{item.speaker.get_absolute_url()}#s{item.pk}"

    def item_guid(self, item: Statement) -> str:
        return f"statement-{item.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item: Statement):
        if item.date is None:
            return None
        return timezone.make_aware(datetime.combine(item.date, time(12)))


class LeaderFeedMixin:
    def get_object(self, request, slug: str) -> Person:
        return get_object_or_404(Person, slug=slug)

    def link(self, obj: Person):
        return obj.get_absolute_url()


class LeaderContactsFeed(LeaderFeedMixin, ContactsFeed):
    def title(self, obj: Person) -> str:
        return f"Contacts of {obj.name}"

    def scoped(self, obj: Person) -> QuerySet:
        return Contact.objects.involving(obj)


class LeaderStatementsFeed(LeaderFeedMixin, StatementsFeed):
    def title(self, obj: Person) -> str:
        return f"Statements by {obj.name}"

    def scoped(self, obj: Person) -> QuerySet:
        return Statement.objects.by_any([obj])


class PairFeedMixin:
    def get_object(self, request, a: str, b: str) -> tuple[Person, Person]:
        return pair_people(a, b)

    def link(self, obj: tuple[Person, Person]):
        return reverse("timeline:pair", args=[obj[0].slug, obj[1].slug])


class PairContactsFeed(PairFeedMixin, ContactsFeed):
    def title(self, obj) -> str:
        return f"Contacts between {obj[0].name} and {obj[1].name}"

    def scoped(self, obj) -> QuerySet:
        return Contact.objects.involving_all(*obj)


class PairStatementsFeed(PairFeedMixin, StatementsFeed):
    def title(self, obj) -> str:
        return f"Statements of {obj[0].name} and {obj[1].name} about their contacts"

    def scoped(self, obj) -> QuerySet:
        return Statement.objects.between_pair(*obj)
