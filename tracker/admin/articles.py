"""The editors' article pages: add an article by pasting or uploading it (through ``article_ingest``,
like the ``ingest`` command), read its text with every extracted item highlighted, re-run
extraction, confirm what it proposed."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.core.validators import URLValidator
from django.db import models
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.html import format_html, format_html_join
from django.views.decorators.http import require_POST

from tracker.admin import review
from tracker.admin.record import ContactSourceInline, GapClaimInline, StatementInline
from tracker.admin.review import article_review_context, article_review_items, review_list_html
from tracker.highlight import Highlight, text_highlighted
from tracker.models import Article, IngestJob, ReviewStatus
from tracker.rules import WEB_SCHEMES
from tracker.services.ingest import MAX_TEXT_CHARS
from tracker.services.ingest_jobs import ingest_job_create
from tracker.services.review import article_items_set_status, article_reextract


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
    url = forms.URLField(
        label="URL",
        max_length=1000,
        required=False,
        assume_scheme="https",
        validators=[URLValidator(schemes=list(WEB_SCHEMES))],
    )
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

    def enqueue(self, user) -> IngestJob:
        """Queue the article for the workers (run at once with the immediate backend)."""
        data = self.cleaned_data
        common = {"confirm": data["confirm"], "publisher": data["publisher"], "user": user}
        if upload := data.get("upload"):
            return ingest_job_create(upload=b"".join(upload.chunks()), upload_name=upload.name, **common)
        return ingest_job_create(
            text=data["text"], published=data["published"], title=data["title"], url=data["url"] or None, **common
        )


def article_item_links(article: Article, items=None) -> list[tuple[int, int, str, str, str]]:
    """Every extracted span of an article as (start, end, kind, status, admin URL); three queries
    unless its ``article_review_items`` are passed."""
    items = article_review_items(article) if items is None else items
    return [(i.start, i.end, i.kind_label, i.status, i.url) for i in items if i.start is not None]


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
        items = article_review_items(obj)
        body = article_text_highlighted(obj.text, article_item_links(obj, items))
        return format_html(
            '<div class="hl-legend">{}</div><div class="article-review"><div class="article-text">{}</div>'
            '<div class="review-panel"><h3>Items</h3>{}</div></div>',
            legend,
            body,
            review_list_html(obj, items),
        )

    def get_urls(self):
        urls = super().get_urls()
        wrap = self.admin_site.admin_view
        return [
            path("<path:object_id>/reextract/", wrap(self.reextract_view), name="tracker_article_reextract"),
            path(
                "<path:object_id>/confirm-proposed/", wrap(self.confirm_proposed_view), name="tracker_article_confirm"
            ),
            path("review/", wrap(self._view(review.review_queue_view)), name="tracker_article_review_queue"),
            path(
                "<path:object_id>/review-item/",
                wrap(require_POST(self._view(review.item_review_view))),
                name="tracker_article_review_item",
            ),
            path(
                "<path:object_id>/unplaced/<int:name_id>/",
                wrap(require_POST(self._view(review.unplaced_name_view))),
                name="tracker_article_unplaced_name",
            ),
            *urls,
        ]

    def _view(self, view):
        def bound(request, *args, **kwargs):
            return view(self, request, *args, **kwargs)

        return bound

    def change_view(self, request, object_id, form_url="", extra_context=None):
        article = self.get_object(request, object_id)
        extra = article_review_context(article) if article is not None else {}
        return super().change_view(request, object_id, form_url, {**extra, **(extra_context or {})})

    def add_view(self, request, form_url="", extra_context=None):
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = ArticleIngestForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            job = form.enqueue(request.user)
            if job.status == IngestJob.Status.QUEUED:
                self.message_user(
                    request, f"Queued as ingest job {job.pk}: a worker ingests it; this page shows how it goes."
                )
                return redirect("admin:tracker_ingestjob_change", job.pk)
            entries = job.results or [{"status": "failed", "message": f"{job.source}: failed: {job.error}"}]
            for e in entries:
                level = {"new": messages.SUCCESS, "duplicate": messages.WARNING}.get(e["status"], messages.ERROR)
                self.message_user(request, e["message"], level)
            stored = [e["article"] for e in entries if e.get("article")]
            failed = [e for e in entries if e["status"] == "failed"]
            if len(stored) == 1 and not failed:
                return redirect("admin:tracker_article_change", stored[0])
            if stored:
                return redirect("admin:tracker_article_changelist")
            for e in failed:
                form.add_error(None, e["message"])
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
