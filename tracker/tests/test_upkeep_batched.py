"""Upkeep deferred to the end of a batch makes the record upkeep after every change makes: the
pairs of a batch recomputed together (``gaps_recompute_pairs``) store the rows and verdicts each
pair recomputed alone stores, and an ingest with upkeep deferred to its end ends with the record
of one whose every article kept the derived data right as it was stored."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction

from tracker.models import (
    Contact,
    ContactDayCount,
    Gap,
    GapClaim,
    Office,
    PairContactCount,
    PairGapCount,
    PairMonthCount,
)
from tracker.services.claims import gap_claim_create
from tracker.services.ingest_files import file_ingest
from tracker.services.upkeep import gaps_recompute_pair, gaps_recompute_pairs
from tracker.tests.factories import make_contact, make_person
from tracker.tests.ingest_world import world_articles, world_fixture

pytestmark = pytest.mark.django_db


PAIR = ("person_a__name", "person_b__name")
GAP = (*PAIR, "start", "end", "days", "longest_since", "is_record", "approximate", "in_office", "office_note")
MONTH = (*PAIR, "month", "kind", "status", "contacts")
VERDICT = (
    "text",
    "verdict",
    "verdict_reason",
    "deciding_gap__start",
    "runner_up_gap__end",
    "conflicting_contact__date",
)


def derived_snapshot() -> dict:
    """Every derived row and verdict, without ids (which depend on the order of inserts)."""
    return {
        "gaps": sorted(Gap.objects.values_list(*GAP)),
        "months": sorted(PairMonthCount.objects.values_list(*MONTH)),
        "pairs": sorted(PairContactCount.objects.values_list(*PAIR, "contacts")),
        "pair gaps": sorted(PairGapCount.objects.values_list(*PAIR, "gaps")),
        "days": sorted(ContactDayCount.objects.values_list("date", "kind", "status", "contacts")),
        "verdicts": sorted(GapClaim.objects.values_list(*VERDICT), key=str),
    }


@pytest.fixture
def four_pairs(people):
    """Three people in office and one whose office ended: calls, meetings, a summit of three, a
    planned visit, proposed and rejected contacts, and claims about two of the pairs."""
    aldo, mira, ivo = people["aldo"], people["mira"], people["ivo"]
    oda = make_person("Oda Fenn", office="President", start=date(2019, 1, 1), end=date(2024, 3, 1))
    days = [date(2024, 1, 5), date(2024, 2, 20), date(2024, 4, 2), date(2024, 4, 30), date(2024, 7, 1)]
    for n, day in enumerate(days):
        make_contact(aldo, mira, on=day, kind=[Contact.Kind.PHONE_CALL, Contact.Kind.MEETING][n % 2])
        make_contact(aldo, oda, on=day + timedelta(days=1))
    make_contact(aldo, mira, ivo, on=date(2024, 3, 10), kind=Contact.Kind.MEETING)
    make_contact(aldo, mira, on=date(2024, 9, 1), kind=Contact.Kind.VISIT, planned=True)
    make_contact(mira, ivo, on=date(2024, 5, 5), status="proposed")
    make_contact(mira, ivo, on=date(2024, 6, 5), status="rejected")
    make_contact(mira, oda, on=date(2024, 2, 2))
    for ends, months in [(date(2024, 4, 2), 1), (date(2024, 7, 1), 3)]:
        gap_claim_create(
            person_a=aldo, person_b=mira, ends=ends, comparison="more_than", duration_months=months, text=f"{months}"
        )
    gap_claim_create(
        person_a=oda, person_b=aldo, ends=date(2024, 2, 21), comparison="more_than", duration_days=20, text="oda"
    )
    return [aldo, mira, ivo, oda]


def _spoil_derived_rows(people) -> None:
    """Lost, doubled, wrong and stray derived rows, and verdicts never decided."""
    aldo, mira, ivo, oda = people
    gaps = list(Gap.objects.order_by("person_a", "person_b", "end"))
    gaps[0].delete()
    Gap.objects.create(**{f.attname: getattr(gaps[1], f.attname) for f in Gap._meta.fields if f.name != "id"})
    Gap.objects.filter(pk=gaps[2].pk).update(days=999)
    PairMonthCount.objects.filter(month=date(2024, 4, 1)).update(contacts=7)
    PairMonthCount.objects.filter(month=date(2024, 7, 1)).delete()
    PairContactCount.objects.filter(person_a=min(mira.pk, ivo.pk)).delete()
    PairContactCount.objects.update(contacts=1)
    GapClaim.objects.update(verdict="unchecked", verdict_reason="", deciding_gap=None, verified=None)


def test_pairs_recomputed_together_store_what_each_recomputed_alone_stores(four_pairs):
    pairs = {(min(a.pk, b.pk), max(a.pk, b.pk)) for a in four_pairs for b in four_pairs if a.pk < b.pk}
    sound = derived_snapshot()
    assert sound["gaps"] and sound["months"] and any(v[1] != "unchecked" for v in sound["verdicts"])

    _spoil_derived_rows(four_pairs)
    assert derived_snapshot() != sound
    alone = Counter()
    for a, b in sorted(pairs):
        alone.update(gaps_recompute_pair(a, b))
    assert derived_snapshot() == sound

    _spoil_derived_rows(four_pairs)
    together = gaps_recompute_pairs(pairs)
    assert derived_snapshot() == sound
    assert together == alone and together["Gap"] > 0 and together["gap verdicts"] > 0


def test_pairs_recomputed_together_leave_other_pairs_as_they_are(four_pairs):
    aldo, mira, ivo, oda = four_pairs
    Gap.objects.update(days=999)
    PairMonthCount.objects.update(contacts=7)
    gaps_recompute_pairs([(mira.pk, aldo.pk)])
    low, high = sorted([aldo.pk, mira.pk])
    others = Gap.objects.exclude(person_a=low, person_b=high)
    assert others.exists() and all(g.days == 999 for g in others)
    assert all(g.days != 999 for g in Gap.objects.filter(person_a=low, person_b=high))
    assert set(PairMonthCount.objects.exclude(person_a=low, person_b=high).values_list("contacts", flat=True)) == {7}


def test_pairs_recomputed_together_follow_an_office_that_ended(four_pairs):
    aldo, _, _, oda = four_pairs
    Office.objects.filter(person=oda).update(end=date(2024, 6, 1))  # an update: no signal recomputes
    before = derived_snapshot()
    gaps_recompute_pairs([(aldo.pk, oda.pk)])
    after = derived_snapshot()
    assert after["gaps"] != before["gaps"]
    gaps_recompute_pair(aldo.pk, oda.pk)
    assert derived_snapshot() == after


class _RolledBack(Exception):
    pass


def test_an_ingest_with_upkeep_at_its_end_makes_the_record_of_upkeep_after_each_article(tmp_path):
    """On the fictional world: its articles stored one by one, each keeping the derived data
    right before the next (then rolled back), and the same articles through ``manage.py ingest``,
    which defers all upkeep to the end of the batch."""
    call_command("loaddata", str(world_fixture(tmp_path / "world.json")), verbosity=0)
    files = world_articles(tmp_path / "articles")
    try:
        with transaction.atomic():
            for path in files:
                assert file_ingest(path, confirm=True, publisher="")[0].status == "new"
            each = derived_snapshot()
            raise _RolledBack
    except _RolledBack:
        pass
    assert not Gap.objects.exists()
    assert each["gaps"] and each["verdicts"] and each["months"] and each["days"]
    call_command("ingest", str(files[0].parent), "--confirm", verbosity=0, stdout=StringIO())
    assert derived_snapshot() == each
