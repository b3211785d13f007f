"""Nothing public before review: anonymous visitors see confirmed items only, on every page,
fragment, chart and CSV; logged-in editors also see what awaits review."""

import re
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker.models import Article, Contact, Person, ReviewStatus, Statement
from tracker.services.confirming import people_set_status, statements_set_status
from tracker.services.contacts import contact_source_add, contacts_set_status
from tracker.tests.factories import make_contact, make_person

pytestmark = pytest.mark.django_db

HX = {"HX-Request": "true"}
MARKS = ["PROPOSED-CONTACT", "PROPOSED-QUOTE", "Unreviewed Wire", "Zed Proposa"]


@pytest.fixture
def under_review(people):
    """A confirmed record with, beside it, what extraction proposed and nobody reviewed yet."""
    aldo, mira = people["aldo"], people["mira"]
    zed = make_person("Zed Proposa", slug="zed-proposa", status=ReviewStatus.PROPOSED)
    confirmed = make_contact(aldo, mira, on=date(2024, 1, 10), summary="A settled call.")
    make_contact(aldo, mira, on=date(2024, 2, 10), summary="A settled second call.")
    make_contact(aldo, mira, on=date(2024, 3, 1), summary="PROPOSED-CONTACT", status=ReviewStatus.PROPOSED)
    make_contact(aldo, zed, on=date(2024, 3, 5), summary="PROPOSED-CONTACT with Zed", status=ReviewStatus.PROPOSED)
    text = "Aldo Varen spoke with Mira Tolsk. 'PROPOSED-QUOTE', Varen said."
    article = Article.objects.create(title="A story", publisher="Unreviewed Wire", text=text)
    contact_source_add(contact=confirmed, article=article, start=0, end=10, status=ReviewStatus.PROPOSED)
    Statement.objects.create(speaker=aldo, quote="PROPOSED-QUOTE", date=date(2024, 1, 10), contact=confirmed)
    return {"confirmed": confirmed, "zed": zed, "article": article}


def _public_urls(under_review):
    pair = reverse("timeline:pair", args=["aldo-varen", "mira-tolsk"])
    urls = [
        reverse("timeline:home"),
        reverse("timeline:timeline") + "?statements=on",
        reverse("timeline:timeline") + "?statements=on&status=proposed",
        reverse("timeline:timeline") + "?statements=on&status=any",
        reverse("timeline:timeline") + "?person=zed-proposa",
        pair,
        pair + "?status=any",
        reverse("timeline:leader", args=["aldo-varen"]),
        reverse("timeline:contact", args=[under_review["confirmed"].pk]),
        reverse("timeline:article", args=[under_review["article"].pk]),
        reverse("timeline:people_suggest") + "?q=Zed",
        reverse("timeline:charts") + "?status=any",
    ]
    for name in ("frequency", "gaps", "network", "calendar", "comparison"):
        for suffix in ("", "?status=any", "?pair=aldo-varen,mira-tolsk&status=proposed"):
            urls += [
                reverse("timeline:chart", args=[name]) + suffix,
                reverse("timeline:chart_csv", args=[name]) + suffix,
            ]
    return urls


def test_an_anonymous_visitor_sees_no_proposed_item_anywhere(client, under_review):
    for url in _public_urls(under_review):
        for headers in ({}, HX):
            response = client.get(url, headers=headers)
            body = response.content.decode()
            assert not [mark for mark in MARKS if mark in body], url
    assert client.get(reverse("timeline:leader", args=["zed-proposa"])).status_code == 404
    assert client.get(reverse("timeline:pair", args=["aldo-varen", "zed-proposa"])).status_code == 404
    proposed = Contact.objects.get(summary="PROPOSED-CONTACT")
    assert client.get(reverse("timeline:contact", args=[proposed.pk])).status_code == 404
    assert client.get(reverse("timeline:article", args=[under_review["article"].pk])).status_code == 404


def test_exports_and_the_api_cite_no_source_under_review_to_the_public(editor_client, under_review):
    contact = under_review["confirmed"].pk
    urls = [reverse("timeline:timeline_export", args=["csv"]), "/api/contacts", f"/api/contacts/{contact}"]
    for url in urls:
        response = Client().get(url)  # ``editor_client`` is the ``client`` fixture, logged in
        assert response.status_code == 200, url
        assert "Unreviewed Wire" not in response.getvalue().decode(), url
    assert "Unreviewed Wire" in editor_client.get(f"/api/contacts/{contact}").content.decode()


def test_a_report_under_review_does_not_let_the_public_find_a_contact_by_its_publisher(editor_client, under_review):
    # The settled January call is confirmed, but its one report from this publisher is not.
    by_publisher = "?publisher=Unreviewed+Wire"
    for url in (
        reverse("timeline:timeline") + by_publisher,
        reverse("timeline:timeline_export", args=["csv"]) + by_publisher,
        reverse("timeline:chart_csv", args=["frequency"]) + by_publisher,
    ):
        body = Client().get(url).getvalue().decode()
        assert "A settled call." not in body and "2024-01" not in body, url
    assert "A settled call." in editor_client.get(reverse("timeline:timeline") + by_publisher).content.decode()


def test_asking_for_proposed_items_is_a_form_error_for_the_public(client, under_review):
    body = client.get(reverse("timeline:timeline") + "?status=proposed").content.decode()
    assert "Only logged-in editors can list items that are not confirmed." in body


def test_an_editor_sees_what_awaits_review(editor_client, under_review):
    timeline = editor_client.get(reverse("timeline:timeline") + "?statements=on&status=any").content.decode()
    assert "PROPOSED-CONTACT" in timeline and "PROPOSED-QUOTE" in timeline
    fragment = editor_client.get(reverse("timeline:timeline") + "?status=proposed", headers=HX).content.decode()
    assert "PROPOSED-CONTACT" in fragment
    contact = editor_client.get(reverse("timeline:contact", args=[under_review["confirmed"].pk])).content.decode()
    assert "Unreviewed Wire" in contact
    assert editor_client.get(reverse("timeline:leader", args=["zed-proposa"])).status_code == 200
    assert "Zed Proposa" in editor_client.get(reverse("timeline:people_suggest") + "?q=Zed").content.decode()
    csv = editor_client.get(reverse("timeline:chart_csv", args=["frequency"]) + "?status=proposed").content.decode()
    assert csv.count("\n") > 1


def test_confirming_a_contact_confirms_the_people_it_names_and_its_sources(under_review):
    contact = Contact.objects.get(summary="PROPOSED-CONTACT with Zed")
    contacts_set_status([contact], ReviewStatus.CONFIRMED)
    assert Person.objects.get(slug="zed-proposa").status == ReviewStatus.CONFIRMED
    with pytest.raises(Exception, match="named by confirmed contacts"):
        people_set_status([under_review["zed"]], ReviewStatus.REJECTED)
    assert Person.objects.get(slug="zed-proposa").status == ReviewStatus.CONFIRMED


# --- A property: whatever editors do, the public counts are the confirmed rows ------------------

actions = st.lists(
    st.tuples(
        st.sampled_from(["contact", "statement", "person"]),
        st.integers(0, 10),
        st.sampled_from([ReviewStatus.CONFIRMED, ReviewStatus.REJECTED, ReviewStatus.PROPOSED]),
    ),
    max_size=12,
)
COUNT = re.compile(r"([\d,]+) contacts? and ([\d,]+) statements?")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=actions)
def test_public_counts_equal_the_confirmed_rows_whatever_is_reviewed(client, people, steps):
    Contact.objects.all().delete()
    Statement.objects.all().delete()
    Person.objects.exclude(pk__in=[p.pk for p in people.values()]).delete()
    Person.objects.update(status=ReviewStatus.CONFIRMED)
    aldo, mira = people["aldo"], people["mira"]
    extra = [make_person(f"Zed Proposa {n}", status=ReviewStatus.PROPOSED) for n in range(2)]
    everyone = [aldo, mira, *extra]
    for n, other in enumerate([mira, *extra, mira]):
        make_contact(aldo, other, on=date(2024, 1, 1 + n), status=ReviewStatus.PROPOSED)
        Statement.objects.create(speaker=other, quote=f"Said {n}", date=date(2024, 1, 1 + n))
    for kind, index, status in steps:
        if kind == "contact":
            contacts = list(Contact.objects.order_by("pk"))
            contacts_set_status([contacts[index % len(contacts)]], status)
        elif kind == "statement":
            statements = list(Statement.objects.order_by("pk"))
            statements_set_status([statements[index % len(statements)]], status)
        else:
            try:
                people_set_status([everyone[index % len(everyone)]], status)
            except Exception:  # refused: a confirmed item names them; nothing changed
                pass
    body = " ".join(client.get(reverse("timeline:timeline") + "?statements=on").content.decode().split())
    contacts, statements = (int(n.replace(",", "")) for n in COUNT.search(body).groups())
    assert contacts == Contact.objects.confirmed().count()
    assert statements == Statement.objects.confirmed().count()
    for person in Person.objects.all():
        page = client.get(reverse("timeline:leader", args=[person.slug]))
        assert page.status_code == (200 if person.status == ReviewStatus.CONFIRMED else 404)
    # Every public contact and statement names confirmed people only.
    named = Person.objects.filter(contacts__status=ReviewStatus.CONFIRMED) | Person.objects.filter(
        statements__status=ReviewStatus.CONFIRMED
    )
    assert not named.exclude(status=ReviewStatus.CONFIRMED).exists()
