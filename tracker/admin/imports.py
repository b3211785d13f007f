"""Spreadsheet import of contacts in the admin (django-import-export): the editor uploads a CSV,
an Excel workbook or the timeline's own JSON export, sees a dry run with every row's errors, and
only then confirms; the confirmed import is one transaction, so a row that fails then (another
editor added the same contact meanwhile) stores nothing at all.

Columns are the timeline export's (``timeline.export_rows.CONTACT_COLUMNS``, listed on /exports/):
``date``, ``kind`` and ``participants`` are required; people by slug, name or alias (an unknown or
ambiguous one is that row's error), topics by slug or name, sources by article id or URL among the
articles on record (``source_spans`` give the evidence's offsets). Columns the export derives
(``participant_names``, ``page_url``, ``source_publishers``) are read and ignored; any other is
refused before a row is read.

Imported contacts are proposals for review, their history noting the file and row; an editor
restoring an export may keep the file's review status and ids instead (``keep_file_status``).
A row that describes a contact on record (``contact_find_match``: same people, kind class and
date) is refused as a duplicate, earlier rows of the same file included.
"""

from __future__ import annotations

import json
from datetime import date, datetime

import tablib
from django import forms
from django.contrib import messages
from django.contrib.admin.models import ADDITION, LogEntry
from django.core.exceptions import ValidationError
from django.core.management.color import no_style
from django.db import connections
from django.db.models import Q
from django.http import HttpResponseRedirect
from django.urls import reverse
from import_export import fields, resources, widgets
from import_export.admin import ImportMixin
from import_export.formats import base_formats
from import_export.forms import ConfirmImportForm, ImportForm

from tracker.models import Article, Contact, ContactSource, Person, Precision, ReviewStatus, Topic
from tracker.rules import FIRST_DAY, LAST_DAY
from tracker.services.contacts import contact_find_match, contact_validate_participants

LIST_SEPARATORS = ("|", ";")  # between the values of a many-valued cell (the export writes " | ")
REQUIRED_COLUMNS = ("date", "kind", "participants")
DERIVED_COLUMNS = ("participant_names", "page_url", "source_publishers")
IMPORTED_COLUMNS = (
    "id",
    "date",
    "date_precision",
    "kind",
    "planned",
    "status",
    "participants",
    "host",
    "initiator",
    "topics",
    "summary",
    "source_article_ids",
    "source_urls",
    "source_spans",
)
KEEP_FILE_STATUS = "file"


def cell_values(value) -> list[str]:
    """The values of a many-valued cell: a JSON list, or text split on ``|`` or ``;``."""
    if value is None:
        return []
    if isinstance(value, list | tuple):
        return [str(v).strip() if v is not None else "" for v in value]
    text = str(value)
    for separator in LIST_SEPARATORS:
        if separator in text:
            return [part.strip() for part in text.split(separator)]
    return [text.strip()] if text.strip() else []


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def person_named(text: str) -> Person:
    """The one person ``text`` (a slug, a name or an alias) means, as the timeline's pickers read
    a typed name; anyone on record, people under review included (this is an editor's tool)."""
    found = Person.objects.picked_by(text)
    if not found:
        raise ValueError(f"Unknown person: {text}.")
    if len(found) > 1:
        raise ValueError(f"“{text}” could mean more than one person ({', '.join(p.name for p in found)}): use a slug.")
    return found[0]


class PersonWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        return None if _blank(value) else person_named(str(value).strip())

    def render(self, value, obj=None, **kwargs):
        return value.slug if value else ""


class PeopleWidget(widgets.ManyToManyWidget):
    """Participants: two or more people, by slug, name or alias."""

    def __init__(self):
        super().__init__(Person, field="slug")

    def clean(self, value, row=None, **kwargs):
        return [person_named(text) for text in cell_values(value) if text]

    def render(self, value, obj=None, **kwargs):
        return " | ".join(p.name for p in value.all()) if value is not None and obj is not None and obj.pk else ""


class TopicsWidget(widgets.ManyToManyWidget):
    def __init__(self):
        super().__init__(Topic, field="slug")

    def clean(self, value, row=None, **kwargs):
        topics = []
        for text in (t for t in cell_values(value) if t):
            topic = Topic.objects.filter(Q(slug=text) | Q(name__iexact=text)).first()
            if topic is None:
                raise ValueError(f"Unknown topic: {text} (topics are added under Topics first).")
            topics.append(topic)
        return topics


class ChoiceWidget(widgets.Widget):
    """One of ``choices``, by value or label (case-insensitive); empty gives ``default``."""

    def __init__(self, choices, default: str | None = None):
        self.choices, self.default = choices, default

    def clean(self, value, row=None, **kwargs):
        if _blank(value):
            if self.default is None:
                raise ValueError("Required.")
            return self.default
        text = str(value).strip().casefold()
        for key, label in self.choices:
            if text in (key.casefold(), str(label).casefold()):
                return key
        raise ValueError(f"Unknown value {str(value)[:40]!r}: one of {', '.join(k for k, _ in self.choices)}.")


class IsoDateWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        if _blank(value):
            raise ValueError("Required: the date of the contact, as YYYY-MM-DD.")
        if isinstance(value, datetime):
            day = value.date()
        elif isinstance(value, date):
            day = value
        else:
            try:
                day = date.fromisoformat(str(value).strip())
            except ValueError:
                raise ValueError(f"Not a date: {str(value)[:40]!r} (write it as YYYY-MM-DD).") from None
        if not FIRST_DAY <= day <= LAST_DAY:
            raise ValueError(f"{day} is outside {FIRST_DAY.year}–{LAST_DAY.year}.")
        return day

    def render(self, value, obj=None, **kwargs):
        return value.isoformat() if value else ""


class FlagWidget(widgets.BooleanWidget):
    def clean(self, value, row=None, **kwargs):
        if isinstance(value, str) and value.strip().casefold() in ("yes", "no"):
            return value.strip().casefold() == "yes"
        cleaned = super().clean(value, row, **kwargs)
        return bool(cleaned)


class RecordJSON(base_formats.JSON):
    """The timeline's JSON export (``{"columns": [...], "rows": [{...}, ...]}``), or a plain list
    of objects; list values (participants, topics, sources) stay lists."""

    def create_dataset(self, in_stream, **kwargs):
        data = json.loads(in_stream)
        if isinstance(data, dict):
            rows, columns = data.get("rows"), data.get("columns")
        else:
            rows, columns = data, None
        if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
            raise ValueError('Expected the export\'s {"columns": [...], "rows": [{...}]} or a list of objects.')
        columns = list(columns or dict.fromkeys(key for row in rows for key in row))
        dataset = tablib.Dataset(headers=columns)
        for row in rows:
            dataset.append([row.get(column) for column in columns])
        return dataset


def _span(text) -> tuple[int | None, int | None]:
    if _blank(text):
        return None, None
    start, dash, end = str(text).strip().partition("-")
    if not dash or not start.isdigit() or not end.isdigit() or int(end) < int(start):
        raise ValueError(f"Not a span: {str(text)[:40]!r} (write it as start-end).")
    return int(start), int(end)


def _article(article_id: str, url: str) -> Article:
    found = None
    if article_id:
        if not article_id.isdigit():
            raise ValueError(f"Not an article id: {article_id[:40]!r}.")
        found = Article.objects.filter(pk=int(article_id)).first()
        if found is None:
            raise ValueError(f"No article {article_id} on record: add it under Articles first.")
        if url and found.url != url:
            raise ValueError(f"Article {article_id} is at {found.url or 'no address'}, not {url}.")
    elif url:
        found = Article.objects.filter(url=url).first()
        if found is None:
            raise ValueError(f"No article on record at {url}: add it under Articles first.")
    return found


def sources_read(row: dict) -> list[tuple[Article, int | None, int | None]]:
    """The row's sources: ``(article, start, end)`` from its aligned source columns."""
    ids, urls, spans = (cell_values(row.get(c)) for c in ("source_article_ids", "source_urls", "source_spans"))
    count = max(len(ids), len(urls))
    if spans and len(spans) != count:
        raise ValueError(f"{len(spans)} spans for {count} sources: give one per source (or none).")
    found = []
    for n in range(count):
        article = _article(ids[n] if n < len(ids) else "", urls[n] if n < len(urls) else "")
        if article is None:
            continue
        start, end = _span(spans[n]) if spans else (None, None)
        if end is not None and end > len(article.text):
            length = len(article.text)
            raise ValueError(f"Span {start}-{end} is past the end of article {article.pk} ({length} characters).")
        found.append((article, start, end))
    return found


class ContactResource(resources.ModelResource):
    """Rows to proposed contacts (see the module's docstring)."""

    date = fields.Field("date", "date", widget=IsoDateWidget())
    kind = fields.Field("kind", "kind", widget=ChoiceWidget(Contact.Kind.choices))
    date_precision = fields.Field(
        "date_precision", "date_precision", widget=ChoiceWidget(Precision.choices, Precision.DAY)
    )
    planned = fields.Field("planned", "planned", widget=FlagWidget())
    participants = fields.Field("participants", "participants", widget=PeopleWidget())
    host = fields.Field("host", "host", widget=PersonWidget())
    initiator = fields.Field("initiator", "initiator", widget=PersonWidget())
    topics = fields.Field("topics", "topics", widget=TopicsWidget())
    summary = fields.Field("summary", "summary", widget=widgets.CharWidget(allow_blank=True))

    class Meta:
        model = Contact
        fields = ("date", "kind", "date_precision", "planned", "participants", "host", "initiator", "topics", "summary")
        import_id_fields = ()
        use_transactions = True
        clean_model_instances = True
        skip_unchanged = False
        report_skipped = True

    def __init__(self, keep_file_status: bool = False, **kwargs):
        super().__init__(**kwargs)
        self.keep_file_status = keep_file_status

    @classmethod
    def get_display_name(cls) -> str:
        return "contacts"

    def get_instance(self, instance_loader, row):
        return None  # every row is a new contact: an import never changes one on record

    def _check_import_id_fields(self, headers):
        pass  # no id identifies an existing row (see get_instance)

    def before_import(self, dataset, **kwargs):
        headers = [h.strip() if isinstance(h, str) else h for h in (dataset.headers or [])]
        dataset.headers = headers
        unknown = [str(h) for h in headers if h not in IMPORTED_COLUMNS and h not in DERIVED_COLUMNS]
        missing = [c for c in REQUIRED_COLUMNS if c not in headers]
        problems = []
        if unknown:
            problems.append(f"Unknown column{'s' if len(unknown) > 1 else ''}: {', '.join(unknown)}.")
        if missing:
            problems.append(f"Missing column{'s' if len(missing) > 1 else ''}: {', '.join(missing)}.")
        if problems:
            raise ValueError(" ".join(problems) + " The columns are those of the timeline's export (/exports/).")

    def import_instance(self, instance, row, **kwargs):
        """Every field of the row read at once, many-valued ones and sources included, so the
        preview lists all of a row's errors together."""
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        instance._import = {}
        for name in ("participants", "topics"):
            try:
                instance._import[name] = self.fields[name].clean(row) if name in row else []
            except ValueError as error:
                errors[name] = [str(error)]
        try:
            instance._import["sources"] = sources_read(row)
        except ValueError as error:
            errors["sources"] = [str(error)]
        instance.status = ReviewStatus.PROPOSED
        if self.keep_file_status:
            self._keep_from_file(instance, row, errors)
        if errors:
            raise ValidationError(errors)

    def _keep_from_file(self, instance, row, errors: dict) -> None:
        """An export being restored: its review status and, where free, its ids."""
        status = str(row.get("status") or "").strip()
        if status:
            if status not in ReviewStatus.values:
                errors["status"] = [f"Unknown review status {status[:20]!r}: one of {', '.join(ReviewStatus.values)}."]
            else:
                instance.status = status
        pk = str(row.get("id") if row.get("id") is not None else "").strip()
        if pk:
            if not pk.isdigit() or int(pk) > 2**31 - 1:
                errors["id"] = [f"Not a contact id: {pk[:20]!r}."]
            elif Contact.objects.filter(pk=int(pk)).exists():
                errors["id"] = [f"Contact {pk} is already on record: an import adds contacts, it changes none."]
            else:
                instance.pk = int(pk)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = dict(import_validation_errors or {})
        people = instance._import.get("participants")
        if "participants" not in errors:
            try:
                contact_validate_participants(people)
            except ValidationError as error:
                errors["participants"] = error.messages
        if not errors and not self.keep_file_status:
            match = contact_find_match(
                kind=instance.kind,
                day=instance.date,
                precision=instance.date_precision,
                participant_ids={p.pk for p in people},
                planned=instance.planned,
            )
            if match is not None:
                errors["participants"] = [f"A duplicate of contact {match.pk} on record ({match})."]
        super().validate_instance(instance, errors, validate_unique)

    def do_instance_save(self, instance, is_create):
        instance.save(force_insert=True)

    def save_m2m(self, instance, row, **kwargs):
        # Participants first: their change recomputes the pairs' gaps (``tracker.signals``).
        instance.participants.set(instance._import["participants"])
        instance.topics.set(instance._import["topics"])
        for article, start, end in instance._import["sources"]:
            ContactSource.objects.get_or_create(
                contact=instance,
                article=article,
                defaults={
                    "start": start,
                    "end": end,
                    "evidence": article.text[start:end] if start is not None else "",
                    "status": instance.status,
                },
            )

    def after_import(self, dataset, result, **kwargs):
        super().after_import(dataset, result, **kwargs)
        result.file_name = kwargs.get("file_name") or ""
        if self.keep_file_status:
            # Ids from the file: the next contact entered must not take one of them (PostgreSQL's
            # sequence does not move by itself; SQLite needs nothing).
            connection = connections[self.get_db_connection_name()]
            with connection.cursor() as cursor:
                for sql in connection.ops.sequence_reset_sql(no_style(), [Contact]):
                    cursor.execute(sql)


STATUS_CHOICES = [
    (ReviewStatus.PROPOSED, "Proposed: every imported contact awaits review"),
    (KEEP_FILE_STATUS, "As in the file (restoring an export): its status and, where free, its ids"),
]


class ContactImportForm(ImportForm):
    statuses = forms.ChoiceField(label="Review status", choices=STATUS_CHOICES, initial=ReviewStatus.PROPOSED)


class ContactConfirmImportForm(ConfirmImportForm):
    statuses = forms.ChoiceField(choices=STATUS_CHOICES, widget=forms.HiddenInput())


class ContactImportMixin(ImportMixin):
    """The admin's "Import" button on the contacts list: upload, preview, confirm."""

    resource_classes = [ContactResource]
    import_formats = [base_formats.CSV, base_formats.XLSX, RecordJSON]
    import_form_class = ContactImportForm
    confirm_form_class = ContactConfirmImportForm
    import_error_display = ("message", "row")

    def get_import_resource_kwargs(self, request, **kwargs):
        form = kwargs.get("form")
        keep = bool(form and form.is_valid() and form.cleaned_data.get("statuses") == KEEP_FILE_STATUS)
        return {**super().get_import_resource_kwargs(request, **kwargs), "keep_file_status": keep}

    def get_confirm_form_initial(self, request, import_form):
        initial = super().get_confirm_form_initial(request, import_form)
        if import_form is not None:
            initial["statuses"] = import_form.cleaned_data["statuses"]
        return initial

    def get_import_data_kwargs(self, **kwargs):
        # All or nothing at the confirm step too: a row that fails then rolls every row back.
        return {**super().get_import_data_kwargs(**kwargs), "rollback_on_validation_errors": True}

    def process_result(self, result, request):
        if result.has_errors() or result.has_validation_errors():
            failed = [f"row {row.number}: {'; '.join(_messages(row.error))}" for row in result.invalid_rows][:5]
            failed += [f"row {row}: {errors[0].error}" for row, errors in result.row_errors()][:5]
            failed += [str(e.error) for e in result.base_errors][:1]
            self.message_user(request, "Nothing was imported: " + " · ".join(failed), messages.ERROR)
            return HttpResponseRedirect(reverse("admin:tracker_contact_changelist"))
        return super().process_result(result, request)

    def generate_log_entries(self, result, request):
        """Each contact's history says where it came from: the file and its row."""
        name = getattr(result, "file_name", "") or "a file"
        for number, row in enumerate(result.rows, 1):
            if row.instance is not None and row.import_type == "new":
                LogEntry.objects.log_actions(
                    request.user.pk,
                    Contact.objects.filter(pk=row.instance.pk),
                    ADDITION,
                    change_message=f"Imported from {name}, row {number}.",
                    single_object=True,
                )


def _messages(error: ValidationError) -> list[str]:
    if hasattr(error, "message_dict"):
        return [f"{field}: {' '.join(msgs)}" for field, msgs in error.message_dict.items()]
    return error.messages
