"""What confirming an item vouches for. Only confirmed items are public, so a confirmed contact
or statement must not name someone still under review: confirming it confirms the people it
names (and, with a person, the offices extraction proposed for them); a person named by a
confirmed item cannot be taken back to review or rejected until those items are."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction

from tracker.models import Contact, ContactSource, Office, Person, ReviewStatus, Statement
from tracker.services.facet_counts import person_facets_mark_dirty
from tracker.services.offices import pairs_with_gaps_of
from tracker.services.person_articles import articles_mark_dirty, contact_articles_mark_dirty
from tracker.services.upkeep import gaps_mark_dirty


def people_confirm_named_by(*, contact_ids: Iterable[int] = (), statement_ids: Iterable[int] = ()) -> int:
    """Confirm the participants of these contacts and the speakers of these statements."""
    through = Contact.participants.through.objects.filter(contact_id__in=list(contact_ids)).values("person_id")
    speakers = Statement.objects.filter(pk__in=list(statement_ids)).values("speaker_id")
    # A rejected person too: the editor who confirms the item vouches for everyone it names.
    named = Person.objects.filter(pk__in=through) | Person.objects.filter(pk__in=speakers)
    return people_set_status(list(named.exclude(status=ReviewStatus.CONFIRMED)), ReviewStatus.CONFIRMED)


def contact_sources_confirm(contact_ids: Iterable[int]) -> int:
    """An editor confirming a contact vouches for the reports listed with it."""
    contact_ids = list(contact_ids)
    proposed = ContactSource.objects.filter(contact_id__in=contact_ids, status=ReviewStatus.PROPOSED)
    changed = proposed.update(status=ReviewStatus.CONFIRMED)
    contact_articles_mark_dirty(contact_ids)
    return changed


@transaction.atomic
def people_set_status(people: Iterable[Person], status: str) -> int:
    """Confirm, reject or re-propose people; confirming one confirms the offices proposed for them.

    Refused (``ValidationError``, nothing changes) for a person a confirmed contact or statement
    names, unless ``status`` is confirmed: the public record would name someone not in it.
    """
    ids = [p.pk for p in people]
    if status == ReviewStatus.CONFIRMED:
        return people_confirm(ids)
    named = set(
        Contact.participants.through.objects.filter(
            person_id__in=ids, contact__status=ReviewStatus.CONFIRMED
        ).values_list("person_id", flat=True)
    ) | set(Statement.objects.confirmed().filter(speaker_id__in=ids).values_list("speaker_id", flat=True))
    if named:
        names = ", ".join(sorted(Person.objects.filter(pk__in=named).values_list("name", flat=True)))
        raise ValidationError(f"{names}: named by confirmed contacts or statements; reject or re-propose those first.")
    return Person.objects.filter(pk__in=ids).exclude(status=status).update(status=status)


def people_confirm(ids: list[int]) -> int:
    """``people_set_status(…, confirmed)`` in the caller's transaction, with no savepoint of its
    own (ingest stores each article in one): the people, then the offices proposed for them. One
    update and one read; an update and a read more if any office was proposed."""
    confirmed = ReviewStatus.CONFIRMED
    changed = Person.objects.filter(pk__in=ids).exclude(status=confirmed).update(status=confirmed)
    offices = Office.objects.filter(person_id__in=ids, status=ReviewStatus.PROPOSED)
    _offices_set_status(list(offices.values_list("pk", "person_id")), confirmed)
    return changed


@transaction.atomic
def offices_set_status(offices: Iterable[Office], status: str) -> int:
    """Confirm, reject or re-propose offices; only confirmed ones say who held office when, so the
    gaps of their holders' pairs are judged again."""
    return _offices_set_status([(o.pk, o.person_id) for o in offices], status)


def _offices_set_status(rows: list[tuple[int, int]], status: str) -> int:
    """``offices_set_status`` of the offices ``(id, person id)``."""
    if not rows:
        return 0
    changed = Office.objects.filter(pk__in=[pk for pk, _ in rows]).exclude(status=status).update(status=status)
    if changed:
        gaps_mark_dirty(pairs_with_gaps_of(*{p for _, p in rows}))
        person_facets_mark_dirty({p for _, p in rows})  # a confirmed office: a country their contacts count for
    return changed


@transaction.atomic
def statements_set_status(statements: Iterable[Statement], status: str) -> int:
    ids = [s.pk for s in statements]
    changed = Statement.objects.filter(pk__in=ids).exclude(status=status).update(status=status)
    if status == ReviewStatus.CONFIRMED:
        people_confirm_named_by(statement_ids=ids)
    articles_mark_dirty(Statement.objects.filter(pk__in=ids).values_list("article_id", flat=True).distinct())
    return changed
