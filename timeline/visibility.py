"""What a visitor may see: the public sees the confirmed record only; logged-in editors also see
what is under review (``timeline.filters.viewer_is_editor``). Every public read starts here."""

from __future__ import annotations

from django.db import models
from django.http import HttpRequest

from timeline.filters import viewer_is_editor
from tracker.models import Contact, Person, Statement


def visible(request: HttpRequest | None, queryset: models.QuerySet) -> models.QuerySet:
    """``queryset`` as this visitor may see it: everything for an editor, else the confirmed rows."""
    return queryset if viewer_is_editor(request) else queryset.filter(status="confirmed")


def people_visible(request: HttpRequest | None) -> models.QuerySet:
    return visible(request, Person.objects.all())


def contacts_visible(request: HttpRequest | None) -> models.QuerySet:
    return visible(request, Contact.objects.all())


def statements_visible(request: HttpRequest | None) -> models.QuerySet:
    return visible(request, Statement.objects.all())
