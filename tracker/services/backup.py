"""Backup and restore of the whole record as one JSON file: ``record_export`` / ``record_import``.

The file holds every row of the record (``tracker``: derived tables included, so ids and the
gaps a verdict names survive), the users, their groups and permissions (by natural key: a
permission is its codename, app and model; a group its name, so the ``editors`` group the
migrations make is the one restored into) and the admin's change history. Content types and
permissions themselves are not in it: ``migrate`` makes them.

A restore loads the file raw (the receivers that keep gaps right stand aside, see
``tracker.signals``), then recomputes every derived table and verdict: for a faithful backup that
changes nothing, and it says so.
"""

from __future__ import annotations

import datetime
import json
from collections import Counter
from pathlib import Path

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.core import serializers
from django.core.management import call_command
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction

from tracker.models import Article, Contact, Country, Person, Statement, Topic
from tracker.services.upkeep import derived_recompute_all, gaps_deferred

APPS = ["auth", "admin", "tracker"]
# Made by ``migrate`` in every database; a restore keys rows to them by natural key.
LEFT_OUT = {Permission}
BY_NATURAL_KEY = {Group}


class FullPrecisionEncoder(DjangoJSONEncoder):
    """Times to the microsecond (Django's own encoder keeps milliseconds): a restore is exact."""

    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


class RestoreRefused(Exception):
    """The database is not one a restore may write into; the message says why."""


def record_models() -> list:
    """The exported models, each after the ones it refers to (by natural key, and its pk)."""
    chosen = [(apps.get_app_config(label), None) for label in APPS]
    return [m for m in serializers.sort_dependencies(chosen, allow_cycles=True) if m not in LEFT_OUT]


def record_export(path: Path) -> Counter:
    """Write the record to ``path``; returns the rows written per model (``app.model``)."""
    rows: list[dict] = []
    written: Counter = Counter()
    with transaction.atomic():  # one consistent snapshot on PostgreSQL
        for model in record_models():
            found = json.loads(
                serializers.serialize(
                    "json",
                    model._default_manager.order_by("pk"),
                    use_natural_foreign_keys=True,
                    use_natural_primary_keys=model in BY_NATURAL_KEY,
                    cls=FullPrecisionEncoder,
                )
            )
            rows.extend(found)
            written[model._meta.label_lower] = len(found)
    path.write_text(json.dumps(rows, indent=0, ensure_ascii=False), encoding="utf-8")
    return written


def record_is_empty() -> bool:
    return not any(m.objects.exists() for m in (Article, Contact, Country, Person, Statement, Topic))


def record_import(path: Path) -> tuple[int, Counter]:
    """Load a file ``record_export`` wrote into an empty, migrated database; then recompute the
    derived data. Returns the rows loaded and the derived rows the recomputation changed."""
    if not record_is_empty():
        raise RestoreRefused(
            "the database already holds a record; restore into a new database (create it, run migrate, then import)"
        )
    loaded = len(json.loads(path.read_text(encoding="utf-8")))
    with transaction.atomic(), gaps_deferred() as touched:
        call_command("loaddata", str(path), verbosity=0)
        touched.clear()  # what the file holds is recomputed below as a whole
    _, changes = derived_recompute_all()
    return loaded, changes
