"""Merging two contacts reported twice and two people entered twice: what moves, what is refused,
and that gaps, tallies and verdicts afterwards equal a recomputation from scratch."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest

from tracker.models import (
    Article,
    Contact,
    ContactDayCount,
    ContactSource,
    Gap,
    GapClaim,
    Office,
    PairContactCount,
    PairGapCount,
    PairMonthCount,
    Person,
    PersonMonthCount,
    PersonPairCount,
    Statement,
    Topic,
    UnplacedName,
)
from tracker.services.claims import gap_claim_create
from tracker.services.contacts import contact_source_add
from tracker.services.merge import MergeRefused, contacts_merge, contacts_merge_plan, people_merge, people_merge_plan
from tracker.services.upkeep import gaps_recompute_all
from tracker.tests.factories import make_contact, make_country, make_person

pytestmark = pytest.mark.django_db


def derived_state():
    """Everything derived from the record, by what it is about rather than by row ids that a
    recomputation renumbers."""

    def gap_ends(gap):
        return (gap.before_id, gap.after_id) if gap else None

    return {
        "gaps": sorted(
            Gap.objects.values_list(
                "person_a", "person_b", "before", "after", "start", "end", "days", "longest_since", "is_record"
            )
        ),
        "claims": sorted(
            (
                c.pk,
                c.person_a_id,
                c.person_b_id,
                c.verdict,
                c.verdict_reason,
                gap_ends(c.deciding_gap),
                gap_ends(c.runner_up_gap),
                c.conflicting_contact_id,
            )
            for c in GapClaim.objects.select_related("deciding_gap", "runner_up_gap")
        ),
        "days": sorted(ContactDayCount.objects.values_list("date", "kind", "status", "contacts")),
        "pairs": sorted(PairContactCount.objects.values_list("person_a", "person_b", "contacts")),
        "pair gaps": sorted(PairGapCount.objects.values_list("person_a", "person_b", "gaps")),
        "months": sorted(
            PairMonthCount.objects.values_list("person_a", "person_b", "month", "kind", "status", "contacts")
        ),
        "person months": sorted(PersonMonthCount.objects.values_list("person", "month", "kind", "status", "contacts")),
        "person pairs": sorted(PersonPairCount.objects.values_list("person", "person_a", "person_b", "contacts")),
    }


def assert_derived_equals_a_recomputation():
    after_merge = derived_state()
    gaps_recompute_all()
    assert after_merge == derived_state()


def article(title: str, publisher: str = "Norvanian Presidency") -> Article:
    return Article.objects.create(title=title, publisher=publisher, text=f"{title}: the text.")


@pytest.fixture
def pair(people):
    """Aldo and Mira: calls every ten days, one of them reported twice (two contacts a day apart)."""
    aldo, mira = people["aldo"], people["mira"]
    calls = [make_contact(aldo, mira, on=date(2024, 1, 1) + timedelta(days=10 * n)) for n in range(6)]
    twin = make_contact(aldo, mira, on=date(2024, 1, 22), kind="video_call", summary="The Ostrelian side's account.")
    contact_source_add(contact=calls[2], article=article("Norvanian readout"))
    contact_source_add(contact=twin, article=article("Ostrelian release", publisher="Ostrelian Office"))
    claim = gap_claim_create(
        person_a=aldo, person_b=mira, ends=date(2024, 2, 20), comparison="more_than", duration_days=15, text="x"
    )
    return {"aldo": aldo, "mira": mira, "calls": calls, "twin": twin, "claim": claim}


def test_merging_a_contact_reported_twice_moves_its_sources_statements_and_topics(pair):
    keep, twin = pair["calls"][2], pair["twin"]
    topic = Topic.objects.create(name="Trade")
    twin.topics.add(topic)
    said = Statement.objects.create(speaker=pair["mira"], quote="A good call.", contact=twin, date=twin.date)
    contacts_merge(keep=keep, others=[twin])
    assert not Contact.objects.filter(pk=twin.pk).exists()
    assert sorted(keep.sources.values_list("article__title", flat=True)) == ["Norvanian readout", "Ostrelian release"]
    assert Statement.objects.get(pk=said.pk).contact_id == keep.pk
    assert list(keep.topics.all()) == [topic]
    assert Contact.objects.get(pk=keep.pk).summary == "The Ostrelian side's account."
    assert not Gap.objects.filter(days=1).exists()
    assert_derived_equals_a_recomputation()


def test_gaps_and_verdicts_after_merging_contacts_equal_a_recomputation(pair):
    # Before: the twin a day after the third call makes a 1-day gap and a 9-day one.
    assert Gap.objects.filter(days=1).exists()
    contacts_merge(keep=pair["twin"], others=[pair["calls"][2]])
    assert not Gap.objects.filter(days=1).exists()
    assert_derived_equals_a_recomputation()


def test_gaps_and_verdicts_after_merging_people_equal_a_recomputation(pair, people):
    aldo, mira, ivo = pair["aldo"], pair["mira"], people["ivo"]
    double = make_person("A. Varen", country=aldo.country, aliases="The Norvanian President")
    for n in range(4):
        make_contact(double, mira, on=date(2024, 3, 1) + timedelta(days=30 * n))
        make_contact(double, ivo, on=date(2024, 3, 5) + timedelta(days=20 * n))
    gap_claim_create(
        person_a=double, person_b=mira, ends=date(2024, 3, 31), comparison="more_than", duration_months=1, text="y"
    )
    said = Statement.objects.create(speaker=double, quote="We spoke.", date=date(2024, 3, 1))
    unplaced = UnplacedName.objects.create(article=article("Later article"), text="Varen", person=double)
    people_merge(keep=aldo, other=double)
    assert not Person.objects.filter(pk=double.pk).exists()
    assert Contact.objects.involving_all(aldo, mira).count() == 7 + 4
    assert Contact.objects.involving_all(aldo, ivo).count() == 4
    assert Statement.objects.get(pk=said.pk).speaker_id == aldo.pk
    assert UnplacedName.objects.get(pk=unplaced.pk).person_id == aldo.pk
    assert Person.objects.get(pk=aldo.pk).alias_list == ["A. Varen", "The Norvanian President"]
    assert GapClaim.objects.filter(person_a=aldo).count() + GapClaim.objects.filter(person_b=aldo).count() == 2
    assert_derived_equals_a_recomputation()


def test_random_merges_keep_the_derived_data_equal_to_a_recomputation(people):
    rng = random.Random(7)
    cast = [people["aldo"], people["mira"], people["ivo"], make_person("Tavi Orm", country=make_country("Ostrelia"))]
    contacts = []
    for _ in range(40):
        a, b = rng.sample(cast, 2)
        day = date(2024, 1, 1) + timedelta(days=rng.randrange(200))
        contacts.append(make_contact(a, b, on=day, status=rng.choice(["confirmed", "confirmed", "proposed"])))
    for a, b in [(cast[0], cast[1]), (cast[2], cast[3]), (cast[0], cast[3])]:
        gap_claim_create(
            person_a=a, person_b=b, ends=date(2024, 5, 1), comparison="more_than", duration_days=20, text="z"
        )
    merged = 0
    for _ in range(12):
        keep = rng.choice(contacts)
        same = [c for c in contacts if c.pk != keep.pk and set(c.participants.all()) == set(keep.participants.all())]
        if same:
            other = rng.choice(same)
            contacts_merge(keep=keep, others=[other], confirmed=True)
            contacts.remove(other)
            merged += 1
            assert_derived_equals_a_recomputation()
    assert merged >= 8
    double = make_person("M. Tolsk")
    for _ in range(10):
        day = date(2024, 1, 1) + timedelta(days=rng.randrange(200))
        make_contact(double, rng.choice([cast[0], cast[2], cast[3]]), on=day)
    people_merge(keep=cast[1], other=double)
    assert_derived_equals_a_recomputation()


def test_merging_a_contact_into_itself_is_refused_and_changes_nothing(pair):
    keep = pair["calls"][0]
    before = derived_state()
    with pytest.raises(MergeRefused, match="cannot be merged into itself"):
        contacts_merge(keep=keep, others=[keep])
    assert Contact.objects.filter(pk=keep.pk).exists() and derived_state() == before


def test_contacts_with_other_participants_are_not_merged(pair, people):
    summit = make_contact(pair["aldo"], pair["mira"], people["ivo"], on=date(2024, 1, 21), kind="meeting")
    sources = ContactSource.objects.count()
    with pytest.raises(MergeRefused, match="other participants"):
        contacts_merge(keep=pair["calls"][2], others=[summit])
    assert Contact.objects.filter(pk=summit.pk).exists() and ContactSource.objects.count() == sources


def test_a_call_and_a_meeting_merge_only_once_the_editor_confirms(pair):
    meeting = make_contact(pair["aldo"], pair["mira"], on=date(2024, 1, 21), kind="meeting")
    plan = contacts_merge_plan(keep=pair["calls"][2], others=[meeting])
    assert plan.refusals == [] and "is a meeting, the kept one a phone call" in plan.questions[0]
    with pytest.raises(MergeRefused, match="needs confirming"):
        contacts_merge(keep=pair["calls"][2], others=[meeting])
    assert Contact.objects.filter(pk=meeting.pk).exists()
    contacts_merge(keep=pair["calls"][2], others=[meeting], confirmed=True)
    assert not Contact.objects.filter(pk=meeting.pk).exists()


def test_a_confirmed_report_makes_the_merged_contact_confirmed(pair):
    proposed = make_contact(pair["aldo"], pair["mira"], on=date(2024, 6, 1), status="proposed")
    confirmed = make_contact(pair["aldo"], pair["mira"], on=date(2024, 6, 1), status="confirmed")
    contacts_merge(keep=proposed, others=[confirmed])
    assert Contact.objects.get(pk=proposed.pk).status == "confirmed"
    assert_derived_equals_a_recomputation()


def test_people_whose_offices_cannot_both_be_true_are_not_merged(norvania):
    aldo = make_person("Aldo Varen", country=norvania, office="President", start=date(2019, 1, 1), end=date(2023, 1, 1))
    double = make_person("Aldo K. Varen", country=norvania, office="President", start=date(2022, 5, 1))
    plan = people_merge_plan(keep=aldo, other=double)
    assert len(plan.refusals) == 1 and "offices conflict" in plan.refusals[0]
    with pytest.raises(MergeRefused, match="offices conflict"):
        people_merge(keep=aldo, other=double)
    assert Person.objects.filter(pk=double.pk).exists() and double.offices.count() == 1


def test_the_same_term_seen_twice_becomes_one_office_and_other_offices_move(norvania):
    aldo = make_person("Aldo Varen", country=norvania, office="President", start=date(2022, 5, 1))
    double = make_person("Aldo K. Varen", country=norvania, office="President", start=date(2019, 1, 1))
    Office.objects.create(
        person=double, title="Foreign Minister", country=norvania, start=date(2015, 1, 1), end=date(2019, 1, 1)
    )
    plan = people_merge_plan(keep=aldo, other=double)
    assert plan.refusals == [] and any("the same term" in d for d in plan.drops)
    people_merge(keep=aldo, other=double)
    offices = sorted(aldo.offices.values_list("title", "start", "end"))
    assert offices == [("Foreign Minister", date(2015, 1, 1), date(2019, 1, 1)), ("President", date(2019, 1, 1), None)]


def test_a_person_is_not_merged_into_themselves_nor_with_someone_they_met(people):
    aldo, mira = people["aldo"], people["mira"]
    with pytest.raises(MergeRefused, match="into themselves"):
        people_merge(keep=aldo, other=aldo)
    make_contact(aldo, mira, on=date(2024, 1, 1))
    with pytest.raises(MergeRefused, match="has both of them as participants"):
        people_merge(keep=aldo, other=mira)
    assert Person.objects.filter(pk=mira.pk).exists() and Contact.objects.involving_all(aldo, mira).count() == 1


def test_a_merge_that_fails_halfway_leaves_everything_as_it_was(pair, people, monkeypatch):
    from tracker.services import merge as merge_service

    keep, twin = pair["calls"][2], pair["twin"]
    double = make_person("A. Varen")
    make_contact(double, people["ivo"], on=date(2024, 5, 1))
    before = derived_state(), sorted(ContactSource.objects.values_list("pk", "contact_id"))

    def broken(*args, **kwargs):
        raise RuntimeError("the disk filled up")

    monkeypatch.setattr(merge_service, "contact_days_mark_dirty", broken)
    with pytest.raises(RuntimeError):
        contacts_merge(keep=keep, others=[twin])
    monkeypatch.setattr(merge_service, "_references_move", broken)
    with pytest.raises(RuntimeError):
        people_merge(keep=pair["aldo"], other=double)
    assert Contact.objects.filter(pk=twin.pk).exists() and Person.objects.filter(pk=double.pk).exists()
    assert Contact.objects.involving_all(double, people["ivo"]).count() == 1
    assert (derived_state(), sorted(ContactSource.objects.values_list("pk", "contact_id"))) == before


def test_contacts_months_apart_merge_only_once_the_editor_confirms(pair):
    first, last = pair["calls"][0], pair["calls"][-1]
    plan = contacts_merge_plan(keep=first, others=[last])
    assert plan.refusals == [] and "50 days from the kept one" in plan.questions[0]
    with pytest.raises(MergeRefused, match="needs confirming"):
        contacts_merge(keep=first, others=[last])
