"""The editors' tool: enter and correct the record, review what extraction proposes.

Admin actions call ``tracker.services`` and add no logic of their own.
"""

import os
import tempfile
from pathlib import Path

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.html import format_html, format_html_join
from django.views.decorators.http import require_POST

from tracker.highlight import Highlight, text_highlighted
from tracker.models import (
    Article,
    Contact,
    ContactSource,
    Country,
    Gap,
    GapClaim,
    Office,
    Person,
    ReviewStatus,
    Statement,
    Topic,
)
from tracker.services.ingest import (
    MAX_TEXT_CHARS,
    IngestResult,
    article_ingest,
    article_item_links,
    article_items_set_status,
    article_reextract,
)
from tracker.services.records import contact_validate_participants, contacts_set_status, gap_claim_verify


@admin.register(Country)
class CountryAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "iso_alpha2", "iso_alpha3", "demonyms"]
    list_filter = ["kind"]
    search_fields = ["name", "official_name", "iso_alpha2", "iso_alpha3", "aliases", "demonyms"]


class OfficeInline(admin.TabularInline):
    model = Office
    extra = 1
    autocomplete_fields = ["country"]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["name", "country", "current_offices", "contact_count"]
    list_filter = [("country", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name", "aliases"]
    autocomplete_fields = ["country"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [OfficeInline]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("country").annotate(n_contacts=Count("contacts"))

    @admin.display(description="Contacts", ordering="n_contacts")
    def contact_count(self, obj):
        return obj.n_contacts

    @admin.display(description="Offices")
    def current_offices(self, obj):
        return "; ".join(f"{o.title} of {o.country}" for o in obj.offices.all() if o.end is None)


@admin.register(Office)
class OfficeAdmin(admin.ModelAdmin):
    list_display = ["person", "title", "country", "start", "end", "is_head"]
    list_filter = ["is_head", "title", ("country", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["person__name", "title", "country__name"]
    autocomplete_fields = ["person", "country"]
    date_hierarchy = "start"


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "keywords"]
    search_fields = ["name", "keywords"]
    prepopulated_fields = {"slug": ["name"]}


class ContactAdminForm(forms.ModelForm):
    class Meta:
        model = Contact
        fields = [
            "kind",
            "date",
            "date_precision",
            "participants",
            "host",
            "initiator",
            "topics",
            "summary",
            "status",
            "planned",
        ]

    def clean(self):
        cleaned = super().clean()
        participants = cleaned.get("participants")
        if participants is not None:
            try:
                contact_validate_participants(participants)
            except forms.ValidationError as error:
                self.add_error("participants", error)
        return cleaned


class ContactSourceInline(admin.TabularInline):
    model = ContactSource
    extra = 0
    autocomplete_fields = ["article"]
    fields = ["article", "evidence", "start", "end", "reported_kind"]


class StatementInline(admin.TabularInline):
    model = Statement
    extra = 0
    autocomplete_fields = ["speaker", "contact"]
    fields = ["speaker", "quote", "date", "channel", "contact", "is_fragment", "status", "start", "end"]


@admin.action(description="Confirm the selected items")
def confirm_selected(modeladmin, request, queryset):
    _set_status(modeladmin, request, queryset, ReviewStatus.CONFIRMED)


@admin.action(description="Reject the selected items")
def reject_selected(modeladmin, request, queryset):
    _set_status(modeladmin, request, queryset, ReviewStatus.REJECTED)


def _set_status(modeladmin, request, queryset, status):
    if queryset.model is Contact:
        changed = contacts_set_status(queryset, status)
    else:
        changed = queryset.exclude(status=status).update(status=status)
        if queryset.model is GapClaim:
            for claim in queryset:
                gap_claim_verify(claim)
    modeladmin.message_user(request, f"{changed} item(s) marked {status}.", messages.SUCCESS)


@admin.register(Contact)
class ContactAdmin(admin.ModelAdmin):
    form = ContactAdminForm
    list_display = ["date", "kind", "people", "status", "planned", "source_count"]
    list_filter = [
        "kind",
        "status",
        "planned",
        "date_precision",
        ("participants__country", admin.RelatedOnlyFieldListFilter),
        ("topics", admin.RelatedOnlyFieldListFilter),
        "date",
    ]
    search_fields = ["summary", "participants__name", "participants__aliases"]
    autocomplete_fields = ["participants", "host", "initiator", "topics"]
    date_hierarchy = "date"
    actions = [confirm_selected, reject_selected]
    inlines = [ContactSourceInline, StatementInline]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .prefetch_related("participants")
            .annotate(n_sources=Count("sources", distinct=True))
        )

    @admin.display(description="Participants")
    def people(self, obj):
        return ", ".join(p.name for p in obj.participants.all())

    @admin.display(description="Sources", ordering="n_sources")
    def source_count(self, obj):
        return obj.n_sources


@admin.register(ContactSource)
class ContactSourceAdmin(admin.ModelAdmin):
    list_display = ["contact", "article", "evidence"]
    search_fields = ["evidence", "article__title"]
    autocomplete_fields = ["contact", "article"]
    list_select_related = ["contact", "article"]


@admin.register(Statement)
class StatementAdmin(admin.ModelAdmin):
    list_display = ["speaker", "short_quote", "date", "channel", "is_fragment", "status"]
    list_filter = ["status", "channel", "is_fragment", ("speaker__country", admin.RelatedOnlyFieldListFilter), "date"]
    search_fields = ["quote", "speaker__name"]
    autocomplete_fields = ["speaker", "contact", "article", "topics"]
    date_hierarchy = "date"
    actions = [confirm_selected, reject_selected]
    list_select_related = ["speaker"]

    @admin.display(description="Quote")
    def short_quote(self, obj):
        return obj.quote if len(obj.quote) <= 90 else obj.quote[:87] + "…"


class GapClaimInline(admin.StackedInline):
    model = GapClaim
    extra = 0
    fk_name = "article"
    autocomplete_fields = ["person_a", "person_b"]
    readonly_fields = ["verdict", "verdict_reason"]


class ArticleContactInline(ContactSourceInline):
    """An article's contacts, through the sources that tie them to it."""

    autocomplete_fields = ["contact"]
    fields = ["contact", "evidence", "start", "end", "reported_kind"]
    verbose_name = "contact reported"
    verbose_name_plural = "contacts reported by this article"


class ArticleIngestForm(forms.Form):
    """Add an article by pasting its text or uploading a file; either way it goes through
    ``article_ingest`` like the ``ingest`` command."""

    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 18, "cols": 100}), required=False, strip=False)
    upload = forms.FileField(
        label="or upload a file",
        required=False,
        help_text=".txt, .html, .md (with YAML front matter) or .jsonl (one article per line).",
    )
    title = forms.CharField(max_length=500, required=False)
    url = forms.URLField(label="URL", max_length=1000, required=False, assume_scheme="https")
    publisher = forms.CharField(max_length=200, required=False)
    published = forms.DateField(
        required=False,
        help_text="YYYY-MM-DD. Relative dates in the text (Monday, yesterday) are read against it.",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    confirm = forms.BooleanField(
        label="Confirm the items at once",
        required=False,
        help_text="Only for trusted official archives; otherwise every item waits for review.",
    )

    def clean(self):
        cleaned = super().clean()
        has_text = bool((cleaned.get("text") or "").strip())
        if has_text == bool(cleaned.get("upload")):
            raise forms.ValidationError("Paste the article's text or upload a file (one of the two).")
        upload = cleaned.get("upload")
        if upload and upload.size > 4 * MAX_TEXT_CHARS:
            raise forms.ValidationError(
                f"{upload.name}: the file is {upload.size / 1e6:.1f} MB, too big for an article."
            )
        return cleaned

    def ingest(self) -> list[IngestResult]:
        data = self.cleaned_data
        common = {"confirm": data["confirm"]}
        if data.get("upload"):
            return _ingest_upload(data["upload"], publisher=data["publisher"], **common)
        return [
            article_ingest(
                text=data["text"],
                published=data["published"],
                title=data["title"],
                url=data["url"] or None,
                publisher=data["publisher"],
                **common,
            )
        ]


def _ingest_upload(upload, *, publisher: str, confirm: bool) -> list[IngestResult]:
    """Read an uploaded file the way the ``ingest`` command reads one from disk."""
    from tracker.extraction import documents_from_file

    suffix = Path(upload.name).suffix.lower()
    handle, tmp = tempfile.mkstemp(suffix=suffix)
    try:
        with os.fdopen(handle, "wb") as out:
            for chunk in upload.chunks():
                out.write(chunk)
        try:
            documents = list(documents_from_file(tmp))
        except Exception as error:  # noqa: BLE001 - shown to the editor, not raised
            return [IngestResult("failed", reason=f"cannot read the file: {error}", source=upload.name)]
        if not documents:
            return [IngestResult("failed", reason="the file holds no article", source=upload.name)]
        return [
            article_ingest(document=d, source_file=upload.name, publisher=publisher, confirm=confirm) for d in documents
        ]
    finally:
        os.unlink(tmp)


def article_text_highlighted(text: str, spans) -> str:
    """The article's text for editors: every extracted span coloured by kind and review status."""
    return text_highlighted(
        text,
        (
            Highlight(start, end, url, f"{kind} ({status})", f"hl hl-{kind.replace(' ', '-')} hl-{status}")
            for start, end, kind, status, url in spans
        ),
    )


@admin.action(description="Confirm every proposed item of the selected articles")
def confirm_all_proposed(modeladmin, request, queryset):
    changed = sum(article_items_set_status(article, ReviewStatus.CONFIRMED) for article in queryset)
    modeladmin.message_user(request, f"{changed} proposed item(s) confirmed.", messages.SUCCESS)


@admin.action(description="Re-run extraction (replaces proposed items, keeps reviewed ones)")
def reextract_selected(modeladmin, request, queryset):
    for article in queryset:
        result = article_reextract(article)
        level = messages.ERROR if result.status == "failed" else messages.SUCCESS
        modeladmin.message_user(request, f"{article}: {result}", level)


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "publisher", "published", "url"]
    list_filter = ["publisher", "published"]
    search_fields = ["title", "text", "url", "authors"]
    date_hierarchy = "published"
    readonly_fields = ["content_hash", "created", "highlighted_text"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    inlines = [ArticleContactInline, StatementInline, GapClaimInline]
    actions = [confirm_all_proposed, reextract_selected]
    change_form_template = "admin/tracker/article/change_form.html"

    class Media:
        css = {"all": ["tracker/admin-article.css"]}

    def get_readonly_fields(self, request, obj=None):
        # Spans are offsets into the text: editing it would leave them pointing at other words.
        return [*self.readonly_fields, "text"] if obj else self.readonly_fields

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        return ["highlighted_text", *(f for f in fields if f not in ("highlighted_text", "text"))]

    @admin.display(description="Text and extracted items")
    def highlighted_text(self, obj):
        if obj is None or not obj.pk:
            return ""
        legend = format_html_join(
            " ",
            '<span class="hl hl-{}">{}</span>',
            [("contact", "contact"), ("statement", "statement"), ("gap-claim", "gap claim")],
        )
        body = article_text_highlighted(obj.text, article_item_links(obj))
        return format_html('<div class="hl-legend">{}</div><div class="article-text">{}</div>', legend, body)

    def get_urls(self):
        urls = super().get_urls()
        wrap = self.admin_site.admin_view
        return [
            path("<path:object_id>/reextract/", wrap(self.reextract_view), name="tracker_article_reextract"),
            path(
                "<path:object_id>/confirm-proposed/", wrap(self.confirm_proposed_view), name="tracker_article_confirm"
            ),
            *urls,
        ]

    def add_view(self, request, form_url="", extra_context=None):
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = ArticleIngestForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            results = form.ingest()
            failed = [r for r in results if r.status == "failed"]
            for r in results:
                level = {"new": messages.SUCCESS, "duplicate": messages.WARNING}.get(r.status, messages.ERROR)
                self.message_user(request, str(r), level)
            stored = [r.article for r in results if r.article is not None]
            if len(stored) == 1 and not failed:
                return redirect("admin:tracker_article_change", stored[0].pk)
            if stored:
                return redirect("admin:tracker_article_changelist")
            for r in failed:
                form.add_error(None, str(r))
        context = {
            **self.admin_site.each_context(request),
            "title": "Add article",
            "subtitle": None,
            "form": form,
            "opts": self.model._meta,
            "media": self.media + form.media,
            "has_view_permission": self.has_view_permission(request),
        }
        return TemplateResponse(request, "admin/tracker/article/add_form.html", context)

    def _article_for_post(self, request, object_id) -> Article:
        article = get_object_or_404(Article, pk=object_id)
        if not self.has_change_permission(request, article):
            raise PermissionDenied
        return article

    def reextract_view(self, request, object_id):
        return require_POST(self._reextract)(request, object_id)

    def _reextract(self, request, object_id):
        article = self._article_for_post(request, object_id)
        result = article_reextract(article)
        level = messages.ERROR if result.status == "failed" else messages.SUCCESS
        self.message_user(request, f"Extraction re-run: {result}", level)
        return redirect("admin:tracker_article_change", article.pk)

    def confirm_proposed_view(self, request, object_id):
        return require_POST(self._confirm_proposed)(request, object_id)

    def _confirm_proposed(self, request, object_id):
        article = self._article_for_post(request, object_id)
        changed = article_items_set_status(article, ReviewStatus.CONFIRMED)
        self.message_user(request, f"{changed} proposed item(s) confirmed.", messages.SUCCESS)
        return redirect("admin:tracker_article_change", article.pk)


@admin.register(Gap)
class GapAdmin(admin.ModelAdmin):
    """Derived from confirmed contacts: shown, never edited."""

    list_display = ["person_a", "person_b", "start", "end", "days", "longest_since", "is_record", "approximate"]
    list_filter = ["is_record", "approximate"]
    search_fields = ["person_a__name", "person_b__name"]
    list_select_related = ["person_a", "person_b"]
    date_hierarchy = "end"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.action(description="Check the selected claims against the record again")
def reverify_selected(modeladmin, request, queryset):
    for claim in queryset:
        gap_claim_verify(claim)
    modeladmin.message_user(request, f"{queryset.count()} claim(s) checked.", messages.SUCCESS)


@admin.register(GapClaim)
class GapClaimAdmin(admin.ModelAdmin):
    list_display = ["text", "person_a", "person_b", "ends", "comparison", "verdict", "status"]
    list_filter = ["verdict", "comparison", "status"]
    search_fields = ["text", "person_a__name", "person_b__name"]
    autocomplete_fields = ["person_a", "person_b", "article"]
    readonly_fields = ["verdict", "verdict_reason", "deciding_gap", "runner_up_gap", "conflicting_contact", "verified"]
    actions = [confirm_selected, reject_selected, reverify_selected]
    list_select_related = ["person_a", "person_b"]
