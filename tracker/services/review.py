"""Editors reviewing one article: confirm or reject a single item it proposed, and place the names
extraction could not (create the person, or link the name to someone on record as an alias)."""

from __future__ import annotations

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import transaction

from tracker.models import Article, Contact, GapClaim, Person, ReviewStatus, Statement, UnplacedName
from tracker.services.claims import gap_claim_verify
from tracker.services.contacts import contacts_set_status
from tracker.services.gazetteer import gazetteer_person_added

# The kinds of item an article proposes, as the review forms name them.
ITEM_KINDS = ("contact", "statement", "gap_claim")


@transaction.atomic
def article_item_set_status(*, article: Article, kind: str, item_id: int, status: str) -> int:
    """Confirm or reject one item of ``article``; returns 1 if its status changed, else 0.

    Raises ``ObjectDoesNotExist`` when the article has no such item (a contact belongs to an
    article through one of its sources). Gaps and claim verdicts follow, as for any review."""
    if status not in (ReviewStatus.CONFIRMED, ReviewStatus.REJECTED, ReviewStatus.PROPOSED):
        raise ValidationError(f"unknown review status {status!r}")
    if kind == "contact":
        contact = Contact.objects.filter(sources__article=article).distinct().get(pk=item_id)
        return contacts_set_status([contact], status)
    if kind == "statement":
        statement = Statement.objects.get(article=article, pk=item_id)
        return Statement.objects.filter(pk=statement.pk).exclude(status=status).update(status=status)
    if kind == "gap_claim":
        claim = GapClaim.objects.get(article=article, pk=item_id)
        changed = GapClaim.objects.filter(pk=claim.pk).exclude(status=status).update(status=status)
        gap_claim_verify(claim)
        return changed
    raise ObjectDoesNotExist(f"no item kind {kind!r}")


def _placed(unplaced: UnplacedName, person: Person) -> Person:
    unplaced.person = person
    unplaced.status = ReviewStatus.CONFIRMED
    unplaced.save(update_fields=["person", "status"])
    gazetteer_person_added(person)
    return person


@transaction.atomic
def unplaced_name_person_create(*, unplaced: UnplacedName) -> Person:
    """A new person named as the article writes the name (the editor completes it afterwards)."""
    person = Person.objects.create(
        name=unplaced.text,
        notes=f"Created by an editor from the name “{unplaced.text}” in article {unplaced.article_id}.",
    )
    return _placed(unplaced, person)


@transaction.atomic
def unplaced_name_link(*, unplaced: UnplacedName, person: Person) -> Person:
    """The name is another way of writing ``person``: kept as one of their aliases."""
    written = unplaced.text.strip()
    if written.casefold() != person.name.casefold() and all(
        written.casefold() != a.casefold() for a in person.alias_list
    ):
        person.aliases = "\n".join([*person.alias_list, written])
        person.save(update_fields=["aliases"])
    return _placed(unplaced, person)


def unplaced_name_dismiss(*, unplaced: UnplacedName) -> None:
    """Not a person after all ("the Minister"): nothing to place."""
    unplaced.status = ReviewStatus.REJECTED
    unplaced.save(update_fields=["status"])
