"""Editors reviewing one article: confirm or reject a single item it proposed or all of them, run
its extraction again, and place the names extraction could not (create the person, or link the
name to someone on record as an alias, then propose the items that named it)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import transaction

from tracker.models import (
    Article,
    Contact,
    ContactSource,
    GapClaim,
    Office,
    Person,
    ReviewStatus,
    Statement,
    UnplacedName,
)
from tracker.services.claims import gap_claim_verify
from tracker.services.confirming import offices_set_status, people_set_status, statements_set_status
from tracker.services.contacts import contacts_set_status
from tracker.services.gazetteer import gazetteer_person_added
from tracker.services.ingest import IngestResult, extraction_attempt
from tracker.services.ingest_items import extraction_store
from tracker.services.locks import ingest_lock
from tracker.services.person_articles import articles_mark_dirty
from tracker.services.upkeep import gaps_deferred

# The kinds of item an article proposes, as the review forms name them: what it reports and the
# people (with the offices extraction inferred for them) that its items name.
ITEM_KINDS = ("contact", "statement", "gap_claim", "person", "office")


@transaction.atomic
def article_item_set_status(*, article: Article, kind: str, item_id: int, status: str) -> int:
    """Confirm or reject one item of ``article``; returns 1 if its status changed, else 0.

    Raises ``ObjectDoesNotExist`` when the article has no such item (a contact belongs to an
    article through one of its sources; a person or office through the items that name them),
    ``ValidationError`` when the change is refused. Gaps and claim verdicts follow."""
    if status not in (ReviewStatus.CONFIRMED, ReviewStatus.REJECTED, ReviewStatus.PROPOSED):
        raise ValidationError(f"unknown review status {status!r}")
    if kind == "contact":
        source = ContactSource.objects.select_related("contact").get(article=article, contact_id=item_id)
        return contact_report_set_status(source=source, status=status)
    if kind == "statement":
        statement = Statement.objects.get(article=article, pk=item_id)
        return statements_set_status([statement], status)
    if kind == "gap_claim":
        claim = GapClaim.objects.get(article=article, pk=item_id)
        changed = GapClaim.objects.filter(pk=claim.pk).exclude(status=status).update(status=status)
        gap_claim_verify(claim)
        return changed
    if kind == "person":
        return people_set_status([Person.objects.named_in(article).get(pk=item_id)], status)
    if kind == "office":
        office = Office.objects.filter(person__in=Person.objects.named_in(article)).get(pk=item_id)
        return offices_set_status([office], status)
    raise ObjectDoesNotExist(f"no item kind {kind!r}")


def contact_report_set_status(*, source: ContactSource, status: str) -> int:
    """Review one article's report of a contact.

    Confirming it confirms the contact (and what that vouches for) and this report. Rejecting it
    rejects only this report while another article's report of the contact stands: the contact
    stays, with its other sources; rejecting the last report standing rejects the contact."""
    contact = source.contact
    changed = ContactSource.objects.filter(pk=source.pk).exclude(status=status).update(status=status)
    articles_mark_dirty([source.article_id])
    others = contact.sources.exclude(pk=source.pk).exclude(status=ReviewStatus.REJECTED)
    if status == ReviewStatus.CONFIRMED and contact.status == ReviewStatus.CONFIRMED:
        return changed  # a report merged into a contact on record: the others keep their review
    if status == ReviewStatus.REJECTED and others.exists():
        return changed
    if status == ReviewStatus.PROPOSED and others.filter(status=ReviewStatus.CONFIRMED).exists():
        return changed  # other reports vouch for the contact still
    return max(changed, contacts_set_status([contact], status))


@dataclass(frozen=True)
class Placement:
    """A name placed as ``person``, and the article's extraction run again (``extraction``): the
    items that named it, skipped before, are proposed now."""

    person: Person
    extraction: IngestResult


def _place(unplaced: UnplacedName, person: Person) -> None:
    unplaced.person = person
    unplaced.status = ReviewStatus.CONFIRMED
    unplaced.save(update_fields=["person", "status"])
    gazetteer_person_added(person)


def _items_placed(unplaced: UnplacedName, person: Person, extraction: Any) -> Placement:
    # After the placement is committed: extraction takes a moment, and stores under its own lock.
    return Placement(person, article_reextract(unplaced.article, extraction=extraction))


def unplaced_name_person_create(*, unplaced: UnplacedName, extraction: Any = None) -> Placement:
    """A new person named as the article writes the name (the editor completes it afterwards);
    the article's extraction runs again to propose the items naming them (``extraction``: an
    extraction to store instead of running the extractor, for callers that already ran it)."""
    with transaction.atomic():
        person = Person.objects.create(
            name=unplaced.text,
            notes=f"Created by an editor from the name “{unplaced.text}” in article {unplaced.article_id}.",
        )
        _place(unplaced, person)
    return _items_placed(unplaced, person, extraction)


def unplaced_name_link(*, unplaced: UnplacedName, person: Person, extraction: Any = None) -> Placement:
    """The name is another way of writing ``person``: kept as one of their aliases; the article's
    extraction runs again to propose the items naming them."""
    written = unplaced.text.strip()
    with transaction.atomic():
        if written.casefold() != person.name.casefold() and all(
            written.casefold() != a.casefold() for a in person.alias_list
        ):
            person.aliases = "\n".join([*person.alias_list, written])
            person.save(update_fields=["aliases"])
        _place(unplaced, person)
    return _items_placed(unplaced, person, extraction)


def unplaced_name_dismiss(*, unplaced: UnplacedName) -> None:
    """Not a person after all ("the Minister"): nothing to place."""
    unplaced.status = ReviewStatus.REJECTED
    unplaced.save(update_fields=["status"])


def article_items_set_status(article: Article, status: str, *, only_from: str = ReviewStatus.PROPOSED) -> int:
    """Confirm (or reject) every item of an article still in ``only_from``; returns how many."""
    with gaps_deferred(), transaction.atomic():
        contacts = Contact.objects.filter(sources__article=article, status=only_from).distinct()
        changed = contacts_set_status(list(contacts), status)
        changed += statements_set_status(Statement.objects.filter(article=article, status=only_from), status)
        # Its reports merged into contacts already on record follow the article's review.
        ContactSource.objects.filter(article=article, status=only_from).update(status=status)
        articles_mark_dirty([article.pk])
        claims = list(GapClaim.objects.filter(article=article, status=only_from))
        GapClaim.objects.filter(pk__in=[c.pk for c in claims]).update(status=status)
        changed += len(claims)
    return changed


def article_reextract(article: Article, *, extraction: Any = None) -> IngestResult:
    """Run extraction on a stored article again: its still-proposed items are replaced, the ones
    an editor confirmed or rejected stay (and are not proposed a second time).

    A proposed contact that other articles also report loses only this article's source.
    """
    result = IngestResult("new", article=article, source=article.source_file)
    if extraction is None:  # on failure the article stays as it was
        extraction = extraction_attempt(
            article.text, article.published, article.title, article.url, article.publisher, result
        )
        if extraction is None:
            return result
    with gaps_deferred(), transaction.atomic():
        ingest_lock()
        proposed_sources = ContactSource.objects.filter(article=article, contact__status=ReviewStatus.PROPOSED)
        contact_ids = list(proposed_sources.values_list("contact_id", flat=True))
        proposed_sources.delete()
        Contact.objects.filter(pk__in=contact_ids, sources__isnull=True).delete()
        Statement.objects.filter(article=article, status=ReviewStatus.PROPOSED).delete()
        GapClaim.objects.filter(article=article, status=ReviewStatus.PROPOSED).delete()
        UnplacedName.objects.filter(article=article, status=ReviewStatus.PROPOSED).delete()
        extraction_store(extraction, article, confirm=False, result=result)
    result.warnings.extend(extraction.warnings)
    return result
