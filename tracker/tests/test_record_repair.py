"""``record_repair`` puts every derived row back as the record makes it, and says how many rows
of each table it changed; on a sound record it changes nothing."""

from __future__ import annotations

from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command

from tracker.models import (
    ContactDayCount,
    FacetCount,
    FacetMonthCount,
    Gap,
    GapClaim,
    PairContactCount,
    PairFacetCount,
    PairFacetMonthCount,
    PairGapCount,
    PairMonthCount,
    PersonMonthCount,
)
from tracker.services.claims import gap_claim_create
from tracker.tests.factories import make_contact

pytestmark = pytest.mark.django_db


def repair() -> str:
    out = StringIO()
    call_command("record_repair", stdout=out)
    return out.getvalue()


@pytest.fixture
def record(people):
    aldo, mira = people["aldo"], people["mira"]
    for day in [date(2024, 1, 5), date(2024, 2, 20), date(2024, 4, 2), date(2024, 4, 30)]:
        make_contact(aldo, mira, on=day)
    claim = gap_claim_create(
        person_a=aldo, person_b=mira, ends=date(2024, 2, 20), comparison="more_than", duration_months=1, text="x"
    )
    return aldo, mira, claim


def snapshot():
    return (
        sorted(Gap.objects.values_list("person_a", "person_b", "start", "end", "days", "is_record", "longest_since")),
        sorted(ContactDayCount.objects.values_list("date", "kind", "status", "contacts")),
        sorted(PairMonthCount.objects.values_list("person_a", "person_b", "month", "kind", "status", "contacts")),
        sorted(PairContactCount.objects.values_list("person_a", "person_b", "contacts")),
        sorted(PairGapCount.objects.values_list("person_a", "person_b", "gaps")),
        sorted(PersonMonthCount.objects.values_list("person", "month", "kind", "status", "contacts")),
        sorted(FacetCount.objects.values_list("facet", "status", "kind", "value", "contacts")),
        sorted(PairFacetCount.objects.values_list("person_a", "facet", "status", "kind", "value", "contacts")),
        sorted(GapClaim.objects.values_list("verdict", "verdict_reason", "deciding_gap__start")),
    )


def test_a_sound_record_has_nothing_to_repair(record):
    assert "Nothing to repair." in repair()


def test_lost_doubled_and_wrong_derived_rows_are_put_back_and_counted(record):
    aldo, mira, claim = record
    sound = snapshot()
    gaps = list(Gap.objects.order_by("end"))
    gaps[0].delete()  # lost (the claim's deciding gap, so its verdict changes too)
    doubled = {f.attname: getattr(gaps[1], f.attname) for f in Gap._meta.fields if f.name != "id"}
    Gap.objects.create(**doubled)
    PairMonthCount.objects.filter(month=date(2024, 4, 1)).update(contacts=7)  # wrong
    ContactDayCount.objects.filter(date=date(2024, 1, 5)).delete()  # lost
    PairContactCount.objects.update(contacts=1)  # wrong
    PairGapCount.objects.update(gaps=9)  # wrong
    PersonMonthCount.objects.filter(person=aldo, month=date(2024, 2, 1)).delete()  # lost
    PersonMonthCount.objects.filter(person=mira, month=date(2024, 4, 1)).update(contacts=9)  # wrong
    FacetMonthCount.objects.filter(pk=FacetMonthCount.objects.order_by("pk").values("pk")[:1]).delete()  # lost
    PairFacetMonthCount.objects.filter(pk=PairFacetMonthCount.objects.order_by("pk").values("pk")[:1]).update(
        contacts=5
    )  # wrong
    FacetCount.objects.filter(facet="kind").delete()  # lost
    FacetCount.objects.filter(facet="person", value=str(aldo.pk)).update(contacts=3)  # wrong
    PairFacetCount.objects.filter(pk=PairFacetCount.objects.order_by("pk").values("pk")[:1]).update(
        contacts=99
    )  # wrong
    out = repair()
    changed = (
        "Gap 2, PairGapCount 1, PairContactCount 1, PairMonthCount 1, ContactDayCount 1, PersonMonthCount 2, "
        "PersonPairCount 0, "
        "PersonArticleCount 0, PairArticleCount 0, FacetMonthCount 1, PairFacetMonthCount 1, FacetCount 2, "
        "PairFacetCount 1, "
        "gap verdicts 1, "
        "participant counts 0."
    )
    assert f"Rows changed: {changed}" in out, out
    assert snapshot() == sound
    assert "Nothing to repair." in repair()
