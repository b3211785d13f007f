from datetime import date

import pytest
from django.http import QueryDict

from timeline.filters import ContactFilter, StatementFilter
from tracker.models import Contact, Country, Office, ReviewStatus, Statement
from tracker.tests.factories import an_editor_request, make_contact, make_person

pytestmark = pytest.mark.django_db


def kinds(query: str) -> list[str]:
    # As an editor sees them: the public sees confirmed contacts only (test_review_visibility).
    filterset = ContactFilter(QueryDict(query), queryset=Contact.objects.all(), request=an_editor_request())
    return sorted(filterset.qs.values_list("kind", flat=True))


@pytest.fixture
def record(people):
    aldo, mira, ivo = people["aldo"], people["mira"], people["ivo"]
    make_contact(aldo, mira, on=date(2024, 1, 1), kind="phone_call", summary="They discussed grain exports.")
    make_contact(aldo, ivo, on=date(2024, 2, 1), kind="meeting")
    make_contact(mira, ivo, on=date(2024, 3, 1), kind="visit", status=ReviewStatus.PROPOSED)
    return people


def test_without_status_only_confirmed_contacts_are_listed(record):
    assert kinds("") == ["meeting", "phone_call"]
    assert kinds("status=proposed") == ["visit"]
    assert kinds("status=any") == ["meeting", "phone_call", "visit"]


def test_person_filter_keeps_contacts_of_any_of_the_people(record):
    assert kinds("person=mira-tolsk") == ["phone_call"]
    assert kinds("person=mira-tolsk&person=ivo-pell") == ["meeting", "phone_call"]


def test_an_empty_person_box_does_not_narrow_the_results(record):
    assert kinds("person=") == ["meeting", "phone_call"]


def test_pair_filter_keeps_contacts_where_both_took_part(record):
    assert kinds("pair=aldo-varen,mira-tolsk") == ["phone_call"]
    assert kinds("pair=mira-tolsk,aldo-varen") == ["phone_call"]


def test_country_filter_accepts_an_iso_code_or_an_id(record, norvania):
    assert kinds("country=xo") == ["phone_call"]
    assert kinds(f"country={norvania.pk}") == ["meeting", "phone_call"]


def test_kind_date_and_text_filters(record):
    assert kinds("kind=meeting&kind=visit") == ["meeting"]
    assert kinds("start=2024-01-15") == ["meeting"]
    assert kinds("end=2024-01-15") == ["phone_call"]
    assert kinds("q=GRAIN") == ["phone_call"]


def test_text_filter_finds_a_contact_through_a_quote_tied_to_it(record):
    meeting = Contact.objects.get(kind="meeting")
    Statement.objects.create(speaker=record["ivo"], quote="Fisheries are our priority", contact=meeting)
    assert kinds("q=fisheries") == ["meeting"]


def test_text_filter_finds_a_contact_by_each_way_it_names_it_and_no_other(record):
    """Its summary, a quote tied to it, a statement tied to it by a speaker the text names, a
    participant the text names (by name or alias): each alone finds the contact."""
    aldo, mira, ivo = record["aldo"], record["mira"], record["ivo"]
    wendel = make_person("Wendel Harrow", slug="wendel-harrow", aliases="Old Harrow")
    make_contact(aldo, mira, on=date(2024, 4, 1), kind="letter", summary="On Harrowgate dams.")
    by_quote = make_contact(aldo, ivo, on=date(2024, 4, 2), kind="message")
    Statement.objects.create(speaker=aldo, quote="Harrowgate matters", contact=by_quote)
    by_speaker = make_contact(mira, ivo, on=date(2024, 4, 3), kind="video_call")
    Statement.objects.create(speaker=wendel, quote="We spoke", contact=by_speaker)
    make_contact(wendel, ivo, on=date(2024, 4, 4), kind="other")
    Statement.objects.create(speaker=wendel, quote="Harrowgate, untied")  # tied to no contact

    assert kinds("q=harrowgate") == ["letter", "message"]
    assert kinds("q=harrow") == ["letter", "message", "other", "video_call"]
    assert kinds("q=old harrow") == ["other", "video_call"]  # the alias names the speaker and the participant
    assert kinds("q=pell") == ["meeting", "message", "other", "video_call"]  # Ivo Pell took part
    assert kinds("q=nowhere") == []


@pytest.mark.parametrize("query", ["person=nobody", "pair=aldo-varen", "pair=aldo-varen,nobody", "start=yesterday"])
def test_an_invalid_filter_gives_nothing_and_an_error_not_everything(record, query):
    f = ContactFilter(QueryDict(query), queryset=Contact.objects.all())
    assert not f.qs.exists()
    assert f.errors


def test_statement_filter_uses_the_same_parameters(record):
    phone = Contact.objects.get(kind="phone_call")
    Statement.objects.create(
        speaker=record["aldo"], quote="A good call", date=phone.date, contact=phone, status=ReviewStatus.CONFIRMED
    )
    Statement.objects.create(
        speaker=record["aldo"], quote="Unrelated", date=date(2024, 5, 1), status=ReviewStatus.CONFIRMED
    )

    def quotes(query):
        return sorted(
            StatementFilter(QueryDict(query), queryset=Statement.objects.all()).qs.values_list("quote", flat=True)
        )

    assert quotes("person=aldo-varen") == ["A good call", "Unrelated"]
    assert quotes("pair=aldo-varen,mira-tolsk") == ["A good call"]
    assert quotes("q=unrelated") == ["Unrelated"]


def test_country_filter_counts_an_office_holder_only_while_in_office(record, norvania):
    ostrelia = Country.objects.get(iso_alpha2="XO")
    # Mira (an Ostrelian) chaired Norvania's government in February 2024 only.
    Office.objects.create(
        person=record["mira"], title="Prime Minister", country=norvania, start=date(2024, 2, 1), end=date(2024, 3, 1)
    )
    stateless = make_person("Kesta Dov", slug="kesta-dov")
    make_contact(record["mira"], stateless, on=date(2024, 2, 10), kind="letter")
    both = {"meeting", "phone_call"}
    assert set(kinds(f"country={norvania.pk}")) == both | {"letter"}  # Aldo's calls, and Mira's letter as PM
    assert set(kinds(f"country={ostrelia.pk}")) == {"phone_call", "letter"}  # a national, whatever the office
    Office.objects.filter(person=record["mira"]).update(start=date(2024, 3, 1), end=None)
    assert set(kinds(f"country={norvania.pk}")) == both
