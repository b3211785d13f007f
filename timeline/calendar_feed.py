"""iCalendar (RFC 5545) feeds of a leader's or a pair's confirmed contacts, for calendar
applications to subscribe to. Each contact is one all-day event whose UID is made from its id
alone, so an edited contact updates the subscriber's event rather than adding a second one
(SEQUENCE and LAST-MODIFIED follow the contact's ``updated`` time)."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe
from icalendar import Calendar, Event

from timeline.exports import LIST_SEPARATOR, pair_people
from tracker.models import Contact, ContactSource, Person

PRODID = "-//Diplomatic record//Contacts//EN"


def contact_uid(contact: Contact, host: str) -> str:
    """Stable for the life of the contact: its id and the site, nothing that an edit changes."""
    return f"contact-{contact.pk}@{host}"


def contacts_calendar(contacts: QuerySet, *, name: str, site: str, host: str) -> bytes:
    """The calendar of ``contacts`` (confirmed ones only: the public record)."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    sources = Prefetch(
        "sources", queryset=ContactSource.objects.select_related("article").order_by("article__published")
    )
    rows = contacts.confirmed().prefetch_related("participants", sources).order_by("date", "id")
    for contact in rows.iterator(chunk_size=500):
        people = " – ".join(p.name for p in contact.participants.all())
        urls = [s.article.url for s in contact.sources.all() if s.article.url]
        event = Event()
        event.add("uid", contact_uid(contact, host))
        event.add("dtstamp", contact.updated)
        event.add("last-modified", contact.updated)
        event.add("sequence", int(contact.updated.timestamp()))
        event.add("dtstart", contact.date)
        event.add("dtend", contact.date + timedelta(days=1))
        event.add("summary", f"{contact.get_kind_display()}: {people}")
        description = [contact.summary] if contact.summary else []
        if contact.date_precision != "day":
            description.append(f"Date: {contact.get_date_precision_display().lower()}.")
        if urls:
            description.append("Sources: " + LIST_SEPARATOR.join(urls))
        event.add("description", "\n".join(description))
        event.add("url", f"{site}{contact.get_absolute_url()}")
        event.add("status", "TENTATIVE" if contact.planned else "CONFIRMED")
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    return calendar.to_ical()


def _calendar_response(request: HttpRequest, contacts: QuerySet, name: str, filename: str) -> HttpResponse:
    site = f"{request.scheme}://{request.get_host()}"
    body = contacts_calendar(contacts, name=name, site=site, host=request.get_host().split(":")[0])
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}.ics"'
    return response


@require_safe
def leader_calendar(request: HttpRequest, slug: str) -> HttpResponse:
    person = get_object_or_404(Person, slug=slug)
    return _calendar_response(request, Contact.objects.involving(person), f"Contacts of {person.name}", slug)


@require_safe
def pair_calendar(request: HttpRequest, a: str, b: str) -> HttpResponse:
    person_a, person_b = pair_people(a, b)
    contacts = Contact.objects.involving_all(person_a, person_b)
    return _calendar_response(request, contacts, f"{person_a.name} and {person_b.name}", f"{a}-{b}")
