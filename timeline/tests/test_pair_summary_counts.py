"""The pair page's summary and coverage read tallies and the gaps' indexes instead of every
contact of the pair; these check them against counting the pair's contacts straightforwardly."""

import statistics
from collections import Counter
from datetime import date

import pytest

from timeline.pairs import median_gap_of, pair_held_kinds, pair_open_gap, pair_summary
from tracker.models import Article, Contact, ContactSource, Gap, ReviewStatus, Statement
from tracker.services.contacts import contacts_set_status
from tracker.tests.factories import make_contact, make_person

pytestmark = pytest.mark.django_db
TODAY = date(2025, 1, 1)
CALL, MEETING, VISIT = Contact.Kind.PHONE_CALL, Contact.Kind.MEETING, Contact.Kind.VISIT


@pytest.fixture
def record():
    a, b, c = make_person("Aldo Varen"), make_person("Mira Tolsk"), make_person("Ines Qarro")
    # Two on the first day: the earliest gaps share an end (one of 0 days).
    make_contact(a, b, on=date(2024, 1, 3))
    make_contact(a, b, on=date(2024, 1, 3), kind=MEETING)
    make_contact(a, b, on=date(2024, 2, 9), kind=MEETING)
    make_contact(a, b, c, on=date(2024, 4, 1), kind=VISIT)  # a meeting of three counts for the pair
    make_contact(a, b, on=date(2024, 6, 1), kind=VISIT, planned=True)  # confirmed, not held
    make_contact(a, b, on=date(2024, 5, 1), status=ReviewStatus.PROPOSED)
    make_contact(a, b, on=date(2024, 5, 2), status=ReviewStatus.REJECTED)
    make_contact(a, c, on=date(2024, 7, 1), planned=True)  # planned, but not the pair's
    make_contact(a, c, on=date(2024, 8, 1))
    return a, b


def held_kinds_counted(a, b) -> dict[str, int]:
    return dict(Counter(Contact.objects.held().involving(a, b).values_list("kind", flat=True)))


def test_a_pairs_held_kinds_from_its_tallies_equal_its_held_contacts_kinds(record):
    a, b = record
    assert pair_held_kinds(a, b) == held_kinds_counted(a, b) == {CALL: 1, MEETING: 2, VISIT: 1}
    assert pair_held_kinds(b, a) == held_kinds_counted(a, b)


def test_the_held_kinds_follow_a_planned_contact_rejected_and_one_confirmed(record):
    a, b = record
    planned = Contact.objects.involving(a, b).get(planned=True)
    contacts_set_status([planned], ReviewStatus.REJECTED)
    contacts_set_status([Contact.objects.get(status=ReviewStatus.PROPOSED)], ReviewStatus.CONFIRMED)
    assert pair_held_kinds(a, b) == held_kinds_counted(a, b) == {CALL: 2, MEETING: 2, VISIT: 1}


def test_the_summary_counts_and_median_equal_those_of_the_held_contacts(record):
    a, b = record
    summary = pair_summary(a, b, TODAY)
    labels = dict(Contact.Kind.choices)
    assert summary.contact_count == Contact.objects.held().involving(a, b).count() == 4
    assert dict(summary.by_kind) == {labels[kind]: n for kind, n in held_kinds_counted(a, b).items()}
    assert [n for _, n in summary.by_kind] == sorted((n for _, n in summary.by_kind), reverse=True)
    assert summary.median_days == statistics.median(Gap.objects.for_pair(a, b).values_list("days", flat=True))


@pytest.mark.parametrize("extra_days", [[], [date(2024, 9, 1)], [date(2024, 9, 1), date(2024, 9, 3)]])
def test_the_median_read_from_the_middle_equals_the_median_of_every_gap(record, extra_days):
    a, b = record
    for day in extra_days:  # odd and even numbers of gaps
        make_contact(a, b, on=day)
    gaps = Gap.objects.for_pair(a, b)
    assert median_gap_of(gaps) == statistics.median(gaps.values_list("days", flat=True))
    assert median_gap_of(Gap.objects.none()) is None


def test_the_open_gap_starts_counting_from_the_first_and_last_held_contacts(record):
    a, b = record
    held = sorted(Contact.objects.held().involving(a, b).values_list("date", flat=True))
    gap = pair_open_gap(a, b, TODAY)
    assert gap.since == held[-1]
    assert gap.days == (TODAY - held[-1]).days
    # No earlier gap was as long as the present silence: "longest since" their first contact.
    assert gap.is_record and gap.longest_since == held[0]


def test_a_pairs_and_a_leaders_coverage_count_the_articles_of_their_sources_and_statements(record):
    a, b = record
    contacts = Contact.objects.involving(a, b)
    first, later = (
        Article.objects.create(text=t, publisher="Wire", published=d)
        for t, d in (("One.", date(2024, 1, 4)), ("Two.", date(2024, 2, 10)))
    )
    unconfirmed = Article.objects.create(text="Three.", publisher="Post", published=date(2024, 5, 3))
    ContactSource.objects.create(contact=contacts.get(date=date(2024, 2, 9)), article=first)
    ContactSource.objects.create(contact=contacts.get(status=ReviewStatus.PROPOSED), article=unconfirmed)
    said = contacts.get(date=date(2024, 4, 1))
    Statement.objects.create(speaker=a, quote="We agreed.", contact=said, article=later, status=ReviewStatus.CONFIRMED)
    Statement.objects.create(speaker=b, quote="No article.", contact=said, status=ReviewStatus.CONFIRMED)
    without_b = Article.objects.create(text="Four.", publisher="Post", published=date(2024, 3, 4))
    c = Contact.objects.get(date=date(2024, 4, 1)).participants.exclude(pk__in=[a.pk, b.pk]).get()
    ContactSource.objects.create(contact=make_contact(a, c, on=date(2024, 3, 3)), article=without_b)
    wire = {"publisher": "Wire", "articles": 2, "first": date(2024, 1, 4), "last": date(2024, 2, 10)}
    pair_statements = Statement.objects.between_pair(a, b)
    for people, statements, expected in [
        ((a, b), pair_statements, [wire]),
        (
            (a,),
            a.statements.all(),
            [wire, {"publisher": "Post", "articles": 1, "first": without_b.published, "last": without_b.published}],
        ),
    ]:
        # The pages' join of the people's participants rows, and the selection of their contacts.
        involving = Article.objects.reporting_confirmed_involving(*people, statements=statements).coverage()
        selected = Article.objects.reporting_confirmed(Contact.objects.involving_all(*people), statements).coverage()
        assert involving == selected == expected
