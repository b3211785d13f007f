"""Merging two records of one thing: contacts reported twice, people entered twice.

Each merge is planned first (``contacts_merge_plan``, ``people_merge_plan``): what will move, what
will be dropped as a duplicate, and the reasons it is refused. The admin shows the plan as a
preview; the merge itself re-plans, refuses with ``MergeRefused`` (changing nothing) when the
plan has a reason against it, and otherwise writes everything in one transaction, gaps, tallies
and claim verdicts of every touched pair recomputed before it commits.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db import models, transaction
from django.utils import timezone

from tracker import rules
from tracker.models import (
    Contact,
    ContactSource,
    Gap,
    GapClaim,
    Office,
    PairArticleCount,
    PairContactCount,
    PairFacetCount,
    PairFacetMonthCount,
    PairGapCount,
    PairMonthCount,
    Person,
    PersonArticleCount,
    PersonMonthCount,
    PersonPairCount,
    PersonRedirect,
    ReviewStatus,
    Statement,
)
from tracker.services.contacts import contact_dates_agree
from tracker.services.facet_counts import person_facets_mark_dirty
from tracker.services.person_articles import articles_mark_dirty, contact_articles_mark_dirty
from tracker.services.upkeep import contact_days_mark_dirty, gaps_deferred, gaps_mark_dirty, pairs_of_contacts


class MergeRefused(Exception):
    """The merge would make the record say something that cannot be true; nothing was changed."""

    def __init__(self, reasons: Sequence[str]):
        super().__init__("; ".join(reasons))
        self.reasons = list(reasons)


@dataclass
class MergePlan:
    """What a merge will do, for the preview, and why it may not."""

    moves: list[str] = field(default_factory=list)  # what moves to the record kept
    drops: list[str] = field(default_factory=list)  # duplicates removed
    refusals: list[str] = field(default_factory=list)  # why it cannot be done at all
    questions: list[str] = field(default_factory=list)  # what the editor must confirm first

    def check(self, *, confirmed: bool) -> None:
        reasons = self.refusals + ([] if confirmed else [f"needs confirming: {q}" for q in self.questions])
        if reasons:
            raise MergeRefused(reasons)


# Status after a merge: an editor's confirmation of either record stands for the event.
_STATUS_RANK = {ReviewStatus.CONFIRMED: 2, ReviewStatus.PROPOSED: 1, ReviewStatus.REJECTED: 0}


def _merged_status(statuses: Sequence[str]) -> str:
    return max(statuses, key=lambda s: _STATUS_RANK.get(s, 0))


# --- Contacts -----------------------------------------------------------------------------------


def _participant_ids(contact: Contact) -> set[int]:
    return {p.pk for p in contact.participants.all()}


def contacts_merge_plan(*, keep: Contact, others: Sequence[Contact]) -> MergePlan:
    """What merging ``others`` into ``keep`` will do. Refused: a contact merged into itself, or
    contacts with different participants (a summit is not the bilateral call held at it; edit the
    participants first if one report is wrong). A different kind class (a call and a meeting) or
    planned flag is asked about rather than refused: across sides one release titles a video
    call "meeting", and ``contact_find_match`` accepts that too; so are dates farther apart than
    ``contact_dates_agree`` allows (the editor may know better than the dates)."""
    plan = MergePlan()
    if not others:
        plan.refusals.append("choose at least one other contact to merge into the one kept")
    if any(o.pk == keep.pk for o in others):
        plan.refusals.append(f"contact {keep.pk} cannot be merged into itself")
        return plan
    people = _participant_ids(keep)
    for other in others:
        label = f"contact {other.pk} ({other.get_kind_display()}, {other.date:%Y-%m-%d})"
        if _participant_ids(other) != people:
            plan.refusals.append(f"{label} has other participants than contact {keep.pk}")
        if rules.kind_class(other.kind) != rules.kind_class(keep.kind):
            plan.questions.append(
                f"{label} is a {other.get_kind_display().lower()}, the kept one a {keep.get_kind_display().lower()}"
            )
        if other.planned != keep.planned:
            plan.questions.append(f"{label} is {'planned' if other.planned else 'held'}, the kept one is not")
        if not contact_dates_agree(other.date, other.date_precision, keep.date, keep.date_precision, cross_side=True):
            days = abs((other.date - keep.date).days)
            plan.questions.append(f"{label} is {days} days from the kept one: farther than two reports of one event")
        if other.date != keep.date:
            plan.moves.append(f"{label}: its date is dropped for the kept one's, {keep.date:%Y-%m-%d}")
    kept_articles = set(keep.sources.values_list("article_id", flat=True))
    for source in ContactSource.objects.filter(contact__in=others).select_related("article"):
        if source.article_id in kept_articles:
            plan.drops.append(f"source “{source.article}” of contact {source.contact_id}: the kept contact has it")
        else:
            plan.moves.append(f"source “{source.article}” of contact {source.contact_id}")
            kept_articles.add(source.article_id)
    for statement in Statement.objects.filter(contact__in=others).select_related("speaker"):
        plan.moves.append(f"statement {statement}")
    kept_topics = set(keep.topics.values_list("pk", flat=True))
    for topic in {t for o in others for t in o.topics.all() if t.pk not in kept_topics}:
        plan.moves.append(f"topic {topic}")
    status = _merged_status([keep.status, *(o.status for o in others)])
    if status != keep.status:
        plan.moves.append(f"status: the kept contact becomes {status} like one it absorbs")
    plan.drops.extend(f"contact {o.pk} itself, once emptied" for o in others)
    return plan


@dataclass
class MergeResult:
    kept: models.Model
    plan: MergePlan


def contacts_merge(*, keep: Contact, others: Sequence[Contact], confirmed: bool = False) -> MergeResult:
    """Merge ``others`` into ``keep``: their sources, statements and topics move to it, the summary
    and host or initiator fill what ``keep`` lacks, the others are deleted. All or nothing; raises
    ``MergeRefused`` (nothing changed) when the plan refuses or has unconfirmed questions."""
    others = list(others)
    plan = contacts_merge_plan(keep=keep, others=others)
    plan.check(confirmed=confirmed)
    ids = [o.pk for o in others]
    with transaction.atomic(), gaps_deferred():
        touched_days = {keep.date, *(o.date for o in others)}
        pairs = pairs_of_contacts([keep.pk, *ids])
        contact_articles_mark_dirty([keep.pk, *ids])  # their reports move to ``keep``
        kept_articles = set(keep.sources.values_list("article_id", flat=True))
        for source in ContactSource.objects.filter(contact_id__in=ids).order_by("pk"):
            if source.article_id not in kept_articles:
                ContactSource.objects.filter(pk=source.pk).update(contact=keep)
                kept_articles.add(source.article_id)
        Statement.objects.filter(contact_id__in=ids).update(contact=keep)
        keep.topics.add(*{t for o in others for t in o.topics.all()})
        for other in others:
            keep.summary = keep.summary or other.summary
            keep.host_id = keep.host_id or other.host_id
            keep.initiator_id = keep.initiator_id or other.initiator_id
        keep.status = _merged_status([keep.status, *(o.status for o in others)])
        keep.updated = timezone.now()
        keep.save()
        Contact.objects.filter(pk__in=ids).delete()
        gaps_mark_dirty(pairs)
        contact_days_mark_dirty(touched_days)
    return MergeResult(keep, plan)


# --- People -------------------------------------------------------------------------------------


def _office_label(office: Office) -> str:
    return f"{office} [office {office.pk}]"


def _same_office(a: Office, b: Office) -> bool:
    return a.title.casefold() == b.title.casefold() and a.country_id == b.country_id


def _office_pairs(keep: Person, other: Person):
    kept = list(keep.offices.select_related("country"))
    for office in other.offices.select_related("country"):
        yield office, [k for k in kept if _same_office(k, office)]


def people_merge_plan(*, keep: Person, other: Person) -> MergePlan:
    """What merging ``other`` into ``keep`` will do. Refused: a person merged into themselves;
    offices that cannot both be true of one person (``rules.offices_conflict``: the same office,
    overlapping, ending on different days); a contact or gap claim with both of them in it (it
    says they are two people)."""
    plan = MergePlan()
    if keep.pk == other.pk:
        plan.refusals.append(f"{keep} cannot be merged into themselves")
        return plan
    for office, same in _office_pairs(keep, other):
        conflicting = [k for k in same if rules.offices_conflict((k.start, k.end), (office.start, office.end))]
        overlapping = [k for k in same if rules.offices_overlap((k.start, k.end), (office.start, office.end))]
        for kept in conflicting:
            plan.refusals.append(
                f"offices conflict: {keep.name} was {_office_label(kept)}, {other.name} {_office_label(office)}; "
                "one person cannot have both (correct the dates first)"
            )
        if not conflicting and overlapping:
            plan.drops.append(f"office {_office_label(office)}: the same term as {_office_label(overlapping[0])}")
        elif not conflicting:
            plan.moves.append(f"office {_office_label(office)}")
    both = Contact.objects.involving_all(keep, other)
    for contact in both:
        plan.refusals.append(f"contact {contact.pk} ({contact}) has both of them as participants")
    for claim in GapClaim.objects.filter(
        models.Q(person_a=keep, person_b=other) | models.Q(person_a=other, person_b=keep)
    ):
        plan.refusals.append(f"gap claim {claim.pk} is about the two of them")
    aliases = _merged_aliases(keep, other)
    if aliases != keep.alias_list:
        plan.moves.append(f"aliases: {', '.join(a for a in aliases if a not in keep.alias_list)}")
    if keep.country_id is None and other.country_id is not None:
        plan.moves.append(f"country: {other.country}")
    n_contacts = other.contacts.count()
    if n_contacts:
        plan.moves.append(f"{n_contacts} contact participation(s)")
    n_statements = other.statements.count()
    if n_statements:
        plan.moves.append(f"{n_statements} statement(s)")
    n_claims = GapClaim.objects.filter(models.Q(person_a=other) | models.Q(person_b=other)).count()
    if n_claims:
        plan.moves.append(f"{n_claims} gap claim(s)")
    plan.drops.append(f"{other.name} [{other.slug}] itself, once emptied (its page address stops working)")
    return plan


def _merged_aliases(keep: Person, other: Person) -> list[str]:
    aliases = list(keep.alias_list)
    seen = {keep.name.casefold(), *(a.casefold() for a in aliases)}
    for name in [other.name, *other.alias_list]:
        if name.casefold() not in seen:
            aliases.append(name)
            seen.add(name.casefold())
    return aliases


# References to a person that are derived (deleted with them and recomputed) or moved by hand above.
_DERIVED = (
    Gap,
    PairArticleCount,
    PairArticleCount,
    PairContactCount,
    PairFacetCount,
    PairFacetMonthCount,
    PairGapCount,
    PairMonthCount,
    PersonArticleCount,
    PersonMonthCount,
    PersonPairCount,
)


def people_merge(*, keep: Person, other: Person) -> MergeResult:
    """Merge ``other`` into ``keep``: aliases (``other``'s name among them), offices, contact
    participations, hosted and initiated contacts, statements and gap claims move; an office that
    is the same term as one ``keep`` holds is folded into it (the earlier known start kept);
    ``other`` is deleted, its page address kept as a ``PersonRedirect`` to ``keep``. All or
    nothing; raises ``MergeRefused`` (nothing changed) when refused."""
    plan = people_merge_plan(keep=keep, other=other)
    plan.check(confirmed=True)
    with transaction.atomic(), gaps_deferred():
        contact_ids = list(other.contacts.values_list("pk", flat=True))
        contact_articles_mark_dirty(contact_ids)  # what they report of ``other`` is ``keep``'s now
        articles_mark_dirty(other.statements.values_list("article_id", flat=True).distinct())
        for office, same in _office_pairs(keep, other):
            overlapping = [k for k in same if rules.offices_overlap((k.start, k.end), (office.start, office.end))]
            if overlapping:
                kept = overlapping[0]
                known = [s for s in (kept.start, office.start) if s is not None]
                kept.start = min(known) if known else None
                kept.is_head = kept.is_head or office.is_head
                kept.save()
                office.delete()
            else:
                Office.objects.filter(pk=office.pk).update(person=keep)
        Contact.participants.through.objects.filter(person=other).update(person=keep)
        person_facets_mark_dirty([keep.pk])  # ``other``'s offices now count for all of ``keep``'s contacts
        Contact.objects.filter(host=other).update(host=keep)
        Contact.objects.filter(initiator=other).update(initiator=keep)
        Statement.objects.filter(speaker=other).update(speaker=keep)
        for claim in GapClaim.objects.filter(models.Q(person_a=other) | models.Q(person_b=other)):
            claim.person_a_id = keep.pk if claim.person_a_id == other.pk else claim.person_a_id
            claim.person_b_id = keep.pk if claim.person_b_id == other.pk else claim.person_b_id
            claim.save()  # the signals order the pair and check the claim again
        _references_move(keep, other)
        keep.aliases = "\n".join(_merged_aliases(keep, other))
        keep.country_id = keep.country_id or other.country_id
        if other.notes:
            keep.notes = "\n".join(filter(None, [keep.notes, f"Merged from {other.name}: {other.notes}"]))
        keep.save()
        # Links to the merged-away page keep working: its address redirects to ``keep``'s.
        PersonRedirect.objects.update_or_create(slug=other.slug, defaults={"person": keep, "name": other.name})
        other.delete()
        gaps_mark_dirty(pairs_of_contacts(contact_ids))  # the pairs with ``other`` went with it
    return MergeResult(keep, plan)


_MOVED_BY_HAND = {
    (Office, "person"),
    (Contact, "host"),
    (Contact, "initiator"),
    (Statement, "speaker"),
    (GapClaim, "person_a"),
    (GapClaim, "person_b"),
}


def _references_move(keep: Person, other: Person) -> None:
    """Point every other reference to ``other`` (models added later: unplaced names, …) at ``keep``."""
    relations = [f for f in Person._meta.get_fields(include_hidden=True) if f.auto_created and not f.concrete]
    for relation in relations:
        model, name = relation.related_model, relation.field.name
        if relation.many_to_many or model in _DERIVED or (model, name) in _MOVED_BY_HAND:
            continue
        model._default_manager.filter(**{name: other}).update(**{name: keep})


__all__ = [
    "MergePlan",
    "MergeRefused",
    "MergeResult",
    "contacts_merge",
    "contacts_merge_plan",
    "people_merge",
    "people_merge_plan",
]
