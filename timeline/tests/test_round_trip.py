"""A round trip: the timeline's export of every contact, imported through the admin into a record
that has the same people, topics and articles but no contacts, exports again identically (on
SQLite and, with DATABASE_URL, PostgreSQL: the suite runs on both)."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tracker.models import Article, Contact, ContactSource, Gap, Precision, ReviewStatus, Topic
from tracker.services.contacts import contact_source_add
from tracker.tests.factories import make_contact

pytestmark = pytest.mark.django_db
FORMATS = {"csv": "0", "json": "2"}  # the import form's formats (tracker.admin.imports)


@pytest.fixture
def record(people):
    aldo, mira, ivo = people["aldo"], people["mira"], people["ivo"]
    grain = Topic.objects.create(name="Grain", slug="grain")
    ports = Topic.objects.create(name="Ports", slug="ports")
    early = Article.objects.create(
        title="Early",
        publisher="Norvania Daily",
        url="https://news.example/1",
        text="Aldo Varen called Mira Tolsk.",
        published=date(2024, 1, 2),
    )
    late = Article.objects.create(title="Late", publisher="Ostrelia Herald", text="The two met; Ivo Pell joined.")
    call = make_contact(aldo, mira, on=date(2024, 1, 1), summary="A call, with “quotes” and a comma, here.")
    call.topics.set([grain, ports])
    contact_source_add(contact=call, article=early, start=0, end=10)
    contact_source_add(contact=call, article=late)
    meeting = make_contact(
        aldo, mira, ivo, on=date(2024, 2, 1), kind="meeting", host=ivo, initiator=aldo, date_precision=Precision.MONTH
    )
    contact_source_add(contact=meeting, article=late, start=4, end=16)
    make_contact(aldo, ivo, on=date(2024, 2, 1), kind="visit", planned=True, summary="Planned.")
    make_contact(mira, ivo, on=date(2024, 3, 9), status=ReviewStatus.PROPOSED, summary="Under review.")
    make_contact(aldo, mira, on=date(2024, 4, 9), kind="letter", status=ReviewStatus.REJECTED)
    return people


def export(client, fmt: str) -> bytes:
    response = client.get(f"/timeline.{fmt}?status=any")
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def import_through_the_admin(client, fmt: str, data: bytes) -> None:
    upload = SimpleUploadedFile(f"contacts.{fmt}", data)
    preview = client.post(
        reverse("admin:tracker_contact_import"),
        {"import_file": upload, "format": FORMATS[fmt], "resource": "0", "statuses": "file"},
    )
    result = preview.context["result"]
    assert not result.has_errors() and not result.has_validation_errors(), [r.error_dict for r in result.invalid_rows]
    form = preview.context["confirm_form"]
    assert client.post(reverse("admin:tracker_contact_process_import"), dict(form.initial)).status_code == 302


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_an_export_imported_into_a_record_without_contacts_exports_the_same(editor_client, record, fmt):
    before = export(editor_client, fmt)
    gaps_before = sorted(Gap.objects.values_list("person_a", "person_b", "start", "end", "days"))
    assert before.count(b"/contacts/") == 5
    Contact.objects.all().delete()
    assert not ContactSource.objects.exists() and not Gap.objects.exists()

    import_through_the_admin(editor_client, fmt, before)

    assert export(editor_client, fmt) == before
    # The derived record follows the imported contacts.
    assert sorted(Gap.objects.values_list("person_a", "person_b", "start", "end", "days")) == gaps_before
    # Ids came from the file: the next contact entered gets a new one (PostgreSQL's sequence moved).
    fresh = make_contact(record["aldo"], record["ivo"], on=date(2025, 1, 1))
    assert fresh.pk > max(Contact.objects.exclude(pk=fresh.pk).values_list("pk", flat=True))


def test_importing_the_same_export_twice_is_refused_whole(editor_client, record):
    data = export(editor_client, "json")
    preview = editor_client.post(
        reverse("admin:tracker_contact_import"),
        {"import_file": SimpleUploadedFile("c.json", data), "format": "2", "resource": "0", "statuses": "file"},
    )
    result = preview.context["result"]
    assert len(result.invalid_rows) == 5
    assert all("already on record" in " ".join(r.error_dict["id"]) for r in result.invalid_rows)
    assert Contact.objects.count() == 5
