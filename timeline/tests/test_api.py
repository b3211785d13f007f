from datetime import date

import pytest
import schemathesis
from django.contrib.auth.models import User
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.test import override_settings
from hypothesis import HealthCheck, settings

from tracker.models import Article, ContactSource, GapClaim, Office, ReviewStatus, Statement
from tracker.tests.factories import make_contact, make_country

pytestmark = pytest.mark.django_db


@pytest.fixture
def record(people):
    aldo, mira, ivo = people["aldo"], people["mira"], people["ivo"]
    aldo.offices.all().delete()  # the fixture's office: his only one is this
    Office.objects.create(person=aldo, title="Premier", country=make_country("Norvania"), start=date(2020, 1, 1))
    article = Article.objects.create(
        title="R", url="https://example.org/r", text="Aldo called Mira.", published=date(2024, 3, 2)
    )
    first = make_contact(aldo, mira, on=date(2024, 3, 1), summary="A call.")
    ContactSource.objects.create(contact=first, article=article, start=0, end=17)
    for month in (4, 5, 6):
        make_contact(aldo, mira, on=date(2024, month, 1), summary=f"Call {month}.")
    make_contact(aldo, ivo, on=date(2024, 6, 2), summary="Unreviewed.", status=ReviewStatus.PROPOSED)
    Statement.objects.create(speaker=aldo, quote="Grain", date=date(2024, 3, 1), contact=first, status="confirmed")
    low, high = sorted([aldo, mira], key=lambda p: p.pk)
    GapClaim.objects.create(
        person_a=low,
        person_b=high,
        ends=date(2024, 4, 1),
        comparison="more_than",
        duration_months=1,
        text="first call in more than a month",
        status=ReviewStatus.CONFIRMED,
        article=article,
    )
    return first


def test_contacts_come_with_sources_in_cursor_pages(client, record):
    first = client.get("/api/contacts", {"limit": 3}).json()
    assert [c["summary"] for c in first["items"]] == ["Call 6.", "Call 5.", "Call 4."] and first["next"]
    rest = client.get("/api/contacts", {"limit": 3, "after": first["next"]}).json()
    assert [c["summary"] for c in rest["items"]] == ["A call."] and rest["next"] is None
    (source,) = rest["items"][0]["sources"]
    assert source == {
        "article_id": record.sources.get().article_id,
        "url": "https://example.org/r",
        "publisher": "",
        "span": "0-17",
    }


def test_contacts_take_the_timelines_filters_and_refuse_bad_ones(client, record):
    assert len(client.get("/api/contacts", {"person": "ivo-pell"}).json()["items"]) == 0  # proposed only
    assert len(client.get("/api/contacts", {"q": "call 5"}).json()["items"]) == 1
    bad = client.get("/api/contacts", {"start": "2024-13-01"})
    assert bad.status_code == 400 and "start" in bad.json()["errors"]
    assert client.get("/api/contacts", {"status": "proposed"}).status_code == 400
    client.force_login(User.objects.create_user("ed", is_staff=True))
    assert [c["summary"] for c in client.get("/api/contacts", {"status": "proposed"}).json()["items"]] == [
        "Unreviewed."
    ]


def test_people_offices_statements_gaps_and_claims(client, record):
    assert {p["slug"] for p in client.get("/api/people", {"q": "tolsk"}).json()["items"]} == {"mira-tolsk"}
    assert client.get("/api/offices", {"person": "aldo-varen"}).json()["items"][0]["title"] == "Premier"
    assert client.get("/api/statements").json()["items"][0]["quote"] == "Grain"
    gaps = client.get("/api/pairs/aldo-varen/mira-tolsk/gaps").json()["items"]
    assert [g["days"] for g in gaps] == [31, 30, 31]
    (claim,) = client.get("/api/claims", {"pair": "mira-tolsk,aldo-varen"}).json()["items"]
    assert claim["text"] == "first call in more than a month" and claim["verdict"]


@pytest.mark.parametrize(
    "path, params, field",
    [
        ("/api/people", {"q": "tol\x00sk"}, "q"),
        ("/api/offices", {"person": "aldo-varen\x00"}, "person"),
        ("/api/claims", {"pair": "mira-tolsk,\x00aldo-varen"}, "pair"),
        ("/api/pairs/aldo-varen/mira%00tolsk/gaps", {}, "b"),
        ("/api/contacts", {"person": "aldo\x00-varen"}, "person"),
    ],
)
def test_a_nul_character_in_any_parameter_is_refused_with_the_parameter_named(client, record, path, params, field):
    # PostgreSQL cannot compare text holding NUL; before this the claims and gaps answered 500 there.
    refused = client.get(path, params)
    assert refused.status_code == 400 and field in refused.json()["errors"]


def test_the_docs_page_uses_our_static_files_only(client):
    body = client.get("/api/docs").content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in body and "cdn" not in body.lower()
    assert "<script>" not in body.replace('<script type="application/json"', "")  # no inline script under the CSP


# schemathesis sends "Host: localhost"; tests run with DEBUG off, where no host is allowed by default.
with override_settings(ALLOWED_HOSTS=["localhost"]):
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())


@pytest.fixture
def connection_kept_open():
    """Keep the test's database connection across requests, as Django's test client does:
    schemathesis calls the WSGI application itself, whose request_finished would close the
    connection and, on PostgreSQL, the test's transaction with it."""
    signals = (request_started, request_finished)
    for signal in signals:
        signal.disconnect(close_old_connections)
    with override_settings(ALLOWED_HOSTS=["localhost"]):
        yield
    for signal in signals:
        signal.connect(close_old_connections)


@pytest.mark.slow
@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_the_api_never_answers_500_nor_breaks_its_schema(case, people, connection_kept_open):
    # Well-typed values the record does not know (an unknown slug) are a documented 400, so the
    # fuzzer's "valid data must be accepted" check does not apply; every other response must
    # match its documented status, content type and schema.
    checks = schemathesis.checks
    case.call_and_validate(
        # The site gzips what a client accepts; the checks read the body as it is.
        headers={"Accept-Encoding": "identity"},
        checks=[
            checks.not_a_server_error,
            checks.status_code_conformance,
            checks.content_type_conformance,
            checks.response_schema_conformance,
        ],
    )
