"""The admin's spreadsheet import of contacts: upload, a dry-run preview with every row's errors,
confirm; all or nothing; imported contacts are proposals whose history names the file and row."""

import io
from datetime import date

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tracker.models import Article, Contact, ContactSource, Gap, ReviewStatus, Topic
from tracker.tests.factories import make_contact, make_person

pytestmark = pytest.mark.django_db
IMPORT_URL = reverse("admin:tracker_contact_import")
CONFIRM_URL = reverse("admin:tracker_contact_process_import")
CSV, XLSX, JSON = "0", "1", "2"  # the import form's formats, in ContactImportMixin's order
HEADER = "date,kind,participants,summary,topics,source_urls,source_spans\n"


@pytest.fixture
def record(people):
    Topic.objects.create(name="Grain", slug="grain")
    article = Article.objects.create(
        title="A synthetic report", publisher="Norvania Daily", url="https://news.example/a", text="Aldo called Mira."
    )
    return people | {"article": article}


def upload(client, content, *, name="contacts.csv", fmt=CSV, statuses="proposed"):
    data = content.encode() if isinstance(content, str) else content
    fields = {"import_file": SimpleUploadedFile(name, data), "format": fmt, "resource": "0", "statuses": statuses}
    return client.post(IMPORT_URL, fields)


def confirm(client, preview):
    form = preview.context["confirm_form"]
    assert form is not None, "the preview offers no confirmation"
    return client.post(CONFIRM_URL, {name: form.initial.get(name, "") for name in form.fields})


def test_a_clean_file_is_previewed_written_only_on_confirm_and_proposed(editor_client, record):
    body = HEADER + (
        "2024-03-01,phone_call,Aldo Varen | Mira Tolsk,A synthetic call.,grain,https://news.example/a,0-17\n"
        "2024-04-02,Meeting,aldo-varen;ivo-pell,,,,\n"
    )
    preview = upload(editor_client, body)
    assert preview.status_code == 200
    assert Contact.objects.count() == 0, "the preview wrote something"
    html = preview.content.decode()
    assert "Confirm import" in html and "A synthetic call." in html

    response = confirm(editor_client, preview)
    assert response.status_code == 302
    call, meeting = Contact.objects.order_by("date")
    assert call.status == meeting.status == ReviewStatus.PROPOSED
    assert {p.slug for p in call.participants.all()} == {"aldo-varen", "mira-tolsk"}
    assert [t.slug for t in call.topics.all()] == ["grain"] and meeting.kind == "meeting"
    source = ContactSource.objects.get(contact=call)
    assert (source.article, source.start, source.end, source.evidence) == (
        record["article"],
        0,
        17,
        "Aldo called Mira.",
    )
    assert source.status == ReviewStatus.PROPOSED
    note = LogEntry.objects.get(object_id=str(call.pk))
    assert note.change_message == "Imported from contacts.csv, row 1."
    assert not Gap.objects.exists(), "proposals make no gaps"


def test_every_bad_row_is_reported_with_its_number_and_reason_and_nothing_is_written(editor_client, record):
    make_contact(record["aldo"], record["mira"], on=date(2024, 5, 1))
    before = Contact.objects.count()
    body = HEADER + (
        "2024-03-01,phone_call,Aldo Varen | Mira Tolsk,Fine.,,,\n"
        "2024-13-01,phone_call,Aldo Varen | Mira Tolsk,,,,\n"
        "2024-03-02,phone_call,Aldo Varen | Nobody Atall,,,,\n"
        "2024-03-03,telepathy,Aldo Varen | Mira Tolsk,,,,\n"
        "2024-05-01,video_call,mira-tolsk | aldo-varen,,,,\n"
        "2024-03-04,phone_call,Aldo Varen,,,,\n"
        "2024-03-05,phone_call,Aldo Varen | Mira Tolsk,,nonsense,,\n"
        "2024-03-06,phone_call,Aldo Varen | Mira Tolsk,,,https://elsewhere.example/x,\n"
        "2024-03-01,phone_call,Mira Tolsk | Aldo Varen,Same as row 1.,,,\n"
    )
    preview = upload(editor_client, body)
    result = preview.context["result"]
    errors = {row.number: " ".join(m for ms in row.error_dict.values() for m in ms) for row in result.invalid_rows}
    assert set(errors) == {2, 3, 4, 5, 6, 7, 8, 9}
    assert "Not a date: '2024-13-01'" in errors[2]
    assert "Unknown person: Nobody Atall." in errors[3]
    assert "Unknown value 'telepathy'" in errors[4]
    assert "A duplicate of contact" in errors[5] and "A duplicate of contact" in errors[9]
    assert "two" in errors[6].lower()
    assert "Unknown topic: nonsense" in errors[7]
    assert "No article on record at https://elsewhere.example/x" in errors[8]
    html = preview.content.decode()
    assert "Confirm import" not in html
    assert "<td>3 </td>" in html and "Unknown person: Nobody Atall." in html  # the preview's table
    assert Contact.objects.count() == before


def test_wrong_columns_are_refused_before_any_row(editor_client, record):
    preview = upload(editor_client, "day,kind,people\n2024-03-01,phone_call,Aldo Varen | Mira Tolsk\n")
    result = preview.context["result"]
    message = str(result.base_errors[0].error)
    assert "Unknown columns: day, people." in message and "Missing columns: date, participants." in message
    assert "Confirm import" not in preview.content.decode()
    assert Contact.objects.count() == 0


def test_an_ambiguous_name_asks_for_a_slug(editor_client, record):
    make_person("Aldo Brisk", slug="aldo-brisk")
    preview = upload(editor_client, "date,kind,participants\n2024-03-01,phone_call,Aldo | Mira Tolsk\n")
    [row] = preview.context["result"].invalid_rows
    assert "could mean more than one person" in row.error_dict["participants"][0]


def test_a_spreadsheet_imports_like_a_csv(editor_client, record):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["date", "kind", "participants", "planned"])
    sheet.append([date(2024, 6, 1), "Visit", "Ivo Pell | Mira Tolsk", "yes"])
    buffer = io.BytesIO()
    book.save(buffer)
    preview = upload(editor_client, buffer.getvalue(), name="contacts.xlsx", fmt=XLSX)
    assert not preview.context["result"].has_validation_errors()
    assert confirm(editor_client, preview).status_code == 302
    visit = Contact.objects.get()
    assert (visit.kind, visit.date, visit.planned, visit.status) == ("visit", date(2024, 6, 1), True, "proposed")


def test_the_confirm_step_is_all_or_nothing(editor_client, record):
    body = "date,kind,participants\n2024-03-01,phone_call,Aldo Varen | Ivo Pell\n"
    body += "2024-03-08,phone_call,Aldo Varen | Mira Tolsk\n"
    preview = upload(editor_client, body)
    # Between the preview and the confirmation another editor enters the second row's contact.
    make_contact(record["aldo"], record["mira"], on=date(2024, 3, 8))
    response = confirm(editor_client, preview)
    assert response.status_code == 302
    assert Contact.objects.count() == 1, "the first row was stored although the second failed"
    shown = [str(m) for m in response.wsgi_request._messages]
    assert any("Nothing was imported" in m and "row 2" in m for m in shown)


def test_import_needs_a_login_and_the_right_to_add_contacts(client, record):
    assert client.get(IMPORT_URL)["Location"].startswith(reverse("admin:login"))
    viewer = User.objects.create_user("viewer", password="pw-for-tests", is_staff=True)
    client.force_login(viewer)
    assert client.get(IMPORT_URL).status_code == 403
    assert client.post(CONFIRM_URL, {}).status_code == 403


def test_the_contacts_list_links_to_the_import(editor_client, record):
    assert IMPORT_URL in editor_client.get(reverse("admin:tracker_contact_changelist")).content.decode()
