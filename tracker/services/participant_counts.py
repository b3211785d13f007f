"""Each contact's stored ``participant_count``: the number of its participants rows.

Kept right whatever path writes participants: the ORM's ``participants.set/add/remove/clear``
(services, admin forms, the spreadsheet import) through ``tracker.signals``; a person deleted with
their contacts' rows through ``tracker.signals`` too; code that writes the rows without the ORM's
many-to-many methods (``bulk_create``, ``update``, raw SQL) calls ``contact_participant_counts_refresh``
with the contacts it touched (a people merge moves rows without changing a count: it refuses a
contact with both people), or stores the count with a new contact (``contact_create``: in its
insert, not an UPDATE after its participants rows, once a tenth of what storing an article cost);
bulk loads (synth, which also sets each count as it inserts,
``load_demo``, a restore) through ``derived_recompute_all``, which recomputes them all.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Count, F, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce

from tracker.models import Contact
from tracker.models.record import participants

_CHUNK = 500  # ids per ``pk IN (…)``, well inside every backend's limit on parameters


def _counted() -> Coalesce:
    """The number of participants rows of the contact of the outer query."""
    rows = participants().filter(contact_id=OuterRef("pk")).order_by().values("contact_id").annotate(n=Count("id"))
    return Coalesce(Subquery(rows.values("n"), output_field=IntegerField()), 0)


def contact_participant_counts_refresh(contact_ids: Iterable[int]) -> int:
    """Store the participant count of each of ``contact_ids`` (one UPDATE per 500); returns the
    contacts whose count changed. Call it after writing participants rows without the ORM's
    many-to-many methods (``bulk_create``, ``update``, raw SQL)."""
    ids = sorted(set(contact_ids))
    changed = 0
    for start in range(0, len(ids), _CHUNK):
        chunk = Contact.objects.filter(pk__in=ids[start : start + _CHUNK])
        changed += _stale(chunk).update(participant_count=_counted())
    return changed


def contact_participant_counts_recompute_all() -> int:
    """Store every contact's participant count (after a bulk load, or to repair them): one UPDATE
    of the contacts whose count is wrong; returns how many."""
    return _stale(Contact.objects.all()).update(participant_count=_counted())


def _stale(contacts):
    """``contacts`` whose stored count differs from their participants rows."""
    return contacts.order_by().annotate(counted=_counted()).exclude(participant_count=F("counted"))
