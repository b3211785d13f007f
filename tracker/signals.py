"""Keep gaps right whatever path a contact change takes (admin, shell, services, fixtures), and
each person's matching key right whatever path a name change takes, each contact's stored
participant count right whatever path writes its participants, and each article's people
tallies right whatever path writes its reports, its statements or the contacts it reports.

Each receiver only works out which pairs (and, for the charts' day tally, which days; for the
people tallies of articles, which articles) a change touches and hands them to
``gaps_mark_dirty`` / ``contact_days_mark_dirty`` / ``articles_mark_dirty``; the recomputation
itself lives in ``tracker.services.upkeep`` and ``tracker.services.person_articles``.
"""

from django.db.models import QuerySet
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver

from tracker.extraction.gazetteer import name_key
from tracker.models import (
    Article,
    Contact,
    ContactSource,
    Country,
    Event,
    GapClaim,
    Office,
    Person,
    Statement,
    Topic,
)
from tracker.rules import pair_key
from tracker.services.claims import event_claims_link
from tracker.services.facet_counts import (
    article_facets_mark_dirty,
    contact_facets_mark_dirty,
    facet_months_mark_dirty,
    person_facet_counts_delete,
    person_facets_mark_dirty,
)
from tracker.services.offices import pairs_with_gaps_of
from tracker.services.participant_counts import contact_participant_counts_refresh
from tracker.services.person_articles import articles_mark_dirty, contact_articles_mark_dirty
from tracker.services.upkeep import contact_days_mark_dirty, gap_claim_mark_dirty, gaps_mark_dirty, pairs_among


def _participant_ids(contact: Contact) -> list[int]:
    return list(Contact.participants.through.objects.filter(contact_id=contact.pk).values_list("person_id", flat=True))


@receiver(pre_save, sender=Contact)
def contact_saving(sender, instance: Contact, raw=False, **kwargs):
    # A raw load (loaddata, record_import) sets the participants next: they trigger nothing either.
    instance._loaded_raw = raw
    # The day it was on before a move loses a count: one look-up of the stored date.
    if not raw and instance.pk:
        instance._date_before_save = Contact.objects.filter(pk=instance.pk).values_list("date", flat=True).first()


@receiver(post_save, sender=Contact)
def contact_saved(sender, instance: Contact, raw=False, created=False, **kwargs):
    if raw:  # loaddata: participants arrive later; the m2m rows trigger nothing, see load_demo
        return
    if not created:  # a new contact has no participants yet: adding them marks their pairs
        gaps_mark_dirty(pairs_among(_participant_ids(instance)))
        contact_articles_mark_dirty([instance.pk])  # its status counts in its articles' tallies
    before = getattr(instance, "_date_before_save", None)
    contact_days_mark_dirty({instance.date} | ({before} if before else set()))


@receiver(pre_delete, sender=Contact)
def contact_deleting(sender, instance: Contact, **kwargs):
    instance._pairs_before_delete = pairs_among(_participant_ids(instance))
    # Its statements lose it (SET_NULL, no signal): the pairs they counted for, in their articles.
    about = Statement.objects.filter(contact_id=instance.pk).order_by()
    instance._statement_articles = list(about.values_list("article_id", flat=True).distinct())


@receiver(post_delete, sender=Contact)
def contact_deleted(sender, instance: Contact, **kwargs):
    gaps_mark_dirty(getattr(instance, "_pairs_before_delete", set()))
    contact_days_mark_dirty({instance.date})
    articles_mark_dirty(getattr(instance, "_statement_articles", ()))


# Before the pairs are marked (receivers run in the order they are connected): their upkeep reads
# the count (``tracker.services.person_counts``).
@receiver(m2m_changed, sender=Contact.participants.through)
def contact_participants_counted(sender, instance, action, reverse, pk_set, **kwargs):
    if getattr(instance, "_loaded_raw", False):  # the loader recomputes (derived_recompute_all)
        return
    if reverse and action == "pre_clear":  # person.contacts.clear(): the contacts it leaves
        instance._contacts_before_clear = list(instance.contacts.values_list("pk", flat=True))
    elif action in ("post_add", "post_remove", "post_clear"):
        if not reverse:
            contact_participant_counts_refresh([instance.pk])
        else:
            contact_participant_counts_refresh(pk_set or getattr(instance, "_contacts_before_clear", ()))


@receiver(m2m_changed, sender=Contact.participants.through)
def contact_participants_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if getattr(instance, "_loaded_raw", False):  # the loader recomputes (see record_import, load_demo)
        return
    if action == "pre_clear":
        contacts = [instance] if not reverse else list(instance.contacts.all())
        instance._pairs_before_clear = set().union(*(pairs_among(_participant_ids(c)) for c in contacts))
        return
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if action == "post_clear":
        gaps_mark_dirty(getattr(instance, "_pairs_before_clear", set()))
        return
    if not reverse:
        gaps_mark_dirty(pairs_among(set(_participant_ids(instance)) | set(pk_set or ())))
        return
    # person.contacts.add(...): the person joins (or leaves) each of those contacts
    for contact_id in pk_set or ():
        people = set(
            Contact.participants.through.objects.filter(contact_id=contact_id).values_list("person_id", flat=True)
        )
        gaps_mark_dirty(pairs_among(people | {instance.pk}))


@receiver(pre_save, sender=Person)
def person_name_keyed(sender, instance: Person, **kwargs):
    # Raw loads (fixtures, restores) too: the key is what keeps one person per name.
    instance.name_key = name_key(instance.name)


@receiver(pre_save, sender=GapClaim)
def gap_claim_order_pair(sender, instance: GapClaim, **kwargs):
    # Claims are stored with the pair in the same order as gaps, so a pair has one key.
    if instance.person_a_id and instance.person_b_id:
        instance.person_a_id, instance.person_b_id = pair_key(instance.person_a_id, instance.person_b_id)


@receiver(post_save, sender=GapClaim)
def gap_claim_saved(sender, instance: GapClaim, raw=False, **kwargs):
    if not raw:
        gap_claim_mark_dirty(instance)


@receiver(post_save, sender=Event)
def event_saved(sender, instance: Event, raw=False, **kwargs):
    if not raw:
        event_claims_link(instance)


# Whether a gap was a silence between two people in office follows their offices (and its note
# names them): an office change, or a renamed person, recomputes the gaps of their pairs.


@receiver(pre_save, sender=Office)
def office_saving(sender, instance: Office, raw=False, **kwargs):
    if not raw and instance.pk:
        instance._person_before_save = Office.objects.filter(pk=instance.pk).values_list("person_id", flat=True).first()


@receiver(post_save, sender=Office)
@receiver(post_delete, sender=Office)
def office_changed(sender, instance: Office, raw=False, **kwargs):
    if raw:
        return
    people = {instance.person_id, getattr(instance, "_person_before_save", None)} - {None}
    gaps_mark_dirty(pairs_with_gaps_of(*people))
    person_facets_mark_dirty(people)  # the countries their contacts count for


@receiver(pre_save, sender=Person)
def person_saving(sender, instance: Person, raw=False, **kwargs):
    if not raw and instance.pk:
        stored = Person.objects.filter(pk=instance.pk).values_list("name", "country_id").first()
        instance._name_before_save, instance._country_before_save = stored or (instance.name, instance.country_id)


@receiver(post_save, sender=Person)
def person_saved(sender, instance: Person, raw=False, created=False, **kwargs):
    if not raw and not created and getattr(instance, "_name_before_save", instance.name) != instance.name:
        gaps_mark_dirty(pairs_with_gaps_of(instance.pk))
    moved = getattr(instance, "_country_before_save", instance.country_id) != instance.country_id
    if not raw and not created and moved:  # their contacts count for another country
        person_facets_mark_dirty([instance.pk])


# Each contact's stored participant count follows its participants rows, whichever side writes them.


@receiver(pre_delete, sender=Person)
def person_deleting(sender, instance: Person, **kwargs):
    instance._contacts_before_delete = list(instance.contacts.values_list("pk", flat=True))
    met = Contact.participants.through.objects.filter(contact_id__in=instance._contacts_before_delete)
    others = met.exclude(person_id=instance.pk).values_list("person_id", flat=True).distinct()
    instance._pairs_before_delete = {pair_key(instance.pk, other) for other in others}


@receiver(post_delete, sender=Person)
def person_deleted(sender, instance: Person, **kwargs):
    # Their participants rows went with them (a cascade, which sends no m2m signal).
    contact_participant_counts_refresh(getattr(instance, "_contacts_before_delete", ()))
    contact_facets_mark_dirty(getattr(instance, "_contacts_before_delete", ()))
    # After the counts: the people they met are counted again from them (a contact left with one
    # participant counts for that one). Their own all-time person facet rows go with their month
    # rows (a cascade), also when a merge has moved their contacts away first.
    gaps_mark_dirty(getattr(instance, "_pairs_before_delete", ()))
    person_facet_counts_delete(instance.pk)


# Each article's people tallies follow its reports and statements whichever path writes them, and
# the participants of the contacts it reports (a contact's own save is marked above).


@receiver(m2m_changed, sender=Contact.participants.through)
def contact_participants_reported(sender, instance, action, reverse, pk_set, **kwargs):
    if getattr(instance, "_loaded_raw", False) or action not in ("post_add", "post_remove", "post_clear"):
        return
    # Reverse (person.contacts.…): the contacts are pk_set, or those the clear left (counted above).
    contact_articles_mark_dirty(pk_set or getattr(instance, "_contacts_before_clear", ()) if reverse else [instance.pk])


@receiver(pre_save, sender=ContactSource)
@receiver(pre_save, sender=Statement)
def reported_saving(sender, instance, raw=False, **kwargs):
    # Moved to another article: the one it leaves counts it no more.
    if not raw and instance.pk:
        before = sender._default_manager.filter(pk=instance.pk).values_list("article_id", flat=True).first()
        instance._article_before_save = before


@receiver(post_save, sender=ContactSource)
@receiver(post_save, sender=Statement)
def reported_saved(sender, instance, raw=False, **kwargs):
    if not raw:  # a raw load recomputes every tally (derived_recompute_all)
        articles_mark_dirty([instance.article_id, getattr(instance, "_article_before_save", None)])


@receiver(post_delete, sender=ContactSource)
@receiver(post_delete, sender=Statement)
def reported_deleted(sender, instance, origin=None, **kwargs):
    # An article deleted takes its tallies with it (a cascade): counting it again would write rows
    # for an article about to go.
    deleted = origin.model if isinstance(origin, QuerySet) else type(origin)
    if deleted is not Article:
        articles_mark_dirty([instance.article_id])
    if sender is ContactSource and deleted is not Contact:  # the article no longer finds its contact
        contact_facets_mark_dirty([instance.contact_id])


# The facets' month tallies follow each contact's topics, whichever side writes them, and each
# article's publisher; a topic or an article deleted takes its rows with it (a cascade, no signal).


@receiver(m2m_changed, sender=Contact.topics.through)
def contact_topics_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if getattr(instance, "_loaded_raw", False):  # the loader recomputes
        return
    if action == "pre_clear":
        instance._topic_days_before_clear = list(instance.contacts.values_list("date", flat=True)) if reverse else []
    elif action in ("post_add", "post_remove", "post_clear"):
        if not reverse:
            facet_months_mark_dirty([instance.date])
        elif action == "post_clear":
            facet_months_mark_dirty(getattr(instance, "_topic_days_before_clear", ()))
        else:
            contact_facets_mark_dirty(pk_set or ())


@receiver(pre_save, sender=Article)
def article_saving(sender, instance: Article, raw=False, **kwargs):
    if not raw and instance.pk:
        stored = Article.objects.filter(pk=instance.pk).values_list("publisher", flat=True).first()
        instance._publisher_before_save = stored


@receiver(post_save, sender=Article)
def article_saved(sender, instance: Article, raw=False, created=False, **kwargs):
    renamed = getattr(instance, "_publisher_before_save", instance.publisher) != instance.publisher
    if not raw and not created and renamed:
        article_facets_mark_dirty([instance.pk])


@receiver(pre_delete, sender=Article)
@receiver(pre_delete, sender=Topic)
@receiver(pre_delete, sender=Country)  # its nationals' country is set to none (no save signal)
def faceted_deleting(sender, instance, **kwargs):
    if sender is Topic:
        reported = instance.contacts
    elif sender is Country:
        reported = Contact.objects.filter(participants__country=instance)
    else:
        reported = Contact.objects.filter(sources__article=instance)
    instance._days_before_delete = list(reported.values_list("date", flat=True).distinct())


@receiver(post_delete, sender=Article)
@receiver(post_delete, sender=Topic)
@receiver(post_delete, sender=Country)
def faceted_deleted(sender, instance, **kwargs):
    facet_months_mark_dirty(getattr(instance, "_days_before_delete", ()))
