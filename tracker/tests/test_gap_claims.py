"""Verdicts on the founding article's gap claims, computed against the record."""

from datetime import date, timedelta

import pytest
from django.core.management import call_command

from tracker.models import Contact, GapClaim, Person
from tracker.tests.factories import make_contact

pytestmark = pytest.mark.django_db

MONTH_CLAIM = "their first known interaction in more than a month"
SINCE_CLAIM = "the longest gap in calls since the October 7 terror attacks"


@pytest.fixture
def founding_record():
    call_command("load_demo", "--no-editor", "--no-readout-facts", verbosity=0)
    return Person.objects.get(slug="joe-biden"), Person.objects.get(slug="benjamin-netanyahu")


def claim(text: str) -> GapClaim:
    return GapClaim.objects.get(text=text)


def test_more_than_a_month_is_supported_by_the_32_day_gap(founding_record):
    verdict = claim(MONTH_CLAIM)
    assert verdict.verdict == "supported"
    assert verdict.deciding_gap.days == 32


def test_longest_since_october_7_is_not_checkable_with_only_two_calls(founding_record):
    verdict = claim(SINCE_CLAIM)
    assert verdict.verdict == "uncheckable"
    assert "131 days from 2023-10-07 are unknown" in verdict.verdict_reason


def test_calls_filling_the_unknown_stretch_without_a_longer_gap_make_it_supported(founding_record):
    biden, netanyahu = founding_record
    day = date(2023, 10, 7)
    while day < date(2024, 2, 15):  # a call every 20 days: no gap longer than 32
        make_contact(biden, netanyahu, on=day)
        day += timedelta(days=20)
    verdict = claim(SINCE_CLAIM)
    assert verdict.verdict == "supported"
    assert verdict.deciding_gap.days == 32
    assert verdict.runner_up_gap is not None and verdict.runner_up_gap.days <= 32


def test_a_longer_gap_after_october_7_contradicts_it_and_is_named(founding_record):
    biden, netanyahu = founding_record
    make_contact(biden, netanyahu, on=date(2023, 10, 10))
    make_contact(biden, netanyahu, on=date(2023, 10, 20))
    longer_end = make_contact(biden, netanyahu, on=date(2024, 1, 5))  # 77 days after 20 Oct
    make_contact(biden, netanyahu, on=date(2024, 1, 25))
    verdict = claim(SINCE_CLAIM)
    assert verdict.verdict == "contradicted"
    assert verdict.deciding_gap.after_id == longer_end.pk
    assert verdict.deciding_gap.days == 77
    assert "77 days (2023-10-20 → 2024-01-05)" in verdict.verdict_reason


def test_a_call_inside_the_claimed_month_contradicts_more_than_a_month(founding_record):
    biden, netanyahu = founding_record
    inside = make_contact(biden, netanyahu, on=date(2024, 3, 1))
    verdict = claim(MONTH_CLAIM)
    assert verdict.verdict == "contradicted"
    assert verdict.conflicting_contact_id == inside.pk


def test_verdicts_follow_the_record_when_a_contact_is_deleted_again(founding_record):
    biden, netanyahu = founding_record
    inside = make_contact(biden, netanyahu, on=date(2024, 3, 1))
    assert claim(MONTH_CLAIM).verdict == "contradicted"
    Contact.objects.get(pk=inside.pk).delete()
    assert claim(MONTH_CLAIM).verdict == "supported"
