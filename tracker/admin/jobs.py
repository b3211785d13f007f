"""The editors' view of background ingestion: each job's status, progress and failures with
their reasons, and a retry for failed ones and for those whose worker died. Jobs are made by the article add page and by
``manage.py ingest --background``, never by hand."""

from django.contrib import admin, messages
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.timezone import localtime

from tracker.models import IngestJob
from tracker.services.ingest_jobs import ingest_job_retry


@admin.action(description="Retry the selected failed or stalled jobs", permissions=["change"])
def retry_failed(modeladmin, request, queryset):
    retried = [job for job in queryset if ingest_job_retry(job)]
    skipped = queryset.count() - len(retried)
    modeladmin.message_user(request, f"{len(retried)} job(s) queued again.", messages.SUCCESS)
    if skipped:
        modeladmin.message_user(
            request,
            f"{skipped} job(s) left alone: nothing of theirs failed, or they are still waiting or running.",
            messages.INFO,
        )


@admin.register(IngestJob)
class IngestJobAdmin(admin.ModelAdmin):
    list_display = ["id", "source", "status", "progress", "new", "duplicate", "failed", "why", "created", "finished"]
    list_filter = ["status", "confirm"]
    search_fields = ["source"]
    actions = [retry_failed]
    fields = [
        "source",
        "status",
        "progress",
        "failures",
        "error",
        "stored_articles",
        "confirm",
        "publisher",
        "requested_by",
        "attempts",
        "task_id",
        "created",
        "started",
        "heartbeat",
        "finished",
    ]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        # A job's page is read-only (no Save); the list's retry action is the one change.
        return obj is None and super().has_change_permission(request)

    def get_queryset(self, request):
        # The upload's bytes and the pasted text are not shown: no need to read them per row.
        return super().get_queryset(request).defer("upload", "text")

    @admin.display(description="progress")
    def progress(self, obj: IngestJob) -> str:
        if obj.status == IngestJob.Status.QUEUED:
            return "waiting for a worker"
        done = f"{obj.processed} of {obj.total or '?'} article(s)"
        if obj.stalled:
            since = localtime(obj.heartbeat or obj.started)
            return f"{done}; stalled: no progress since {since:%Y-%m-%d %H:%M} (retry it)"
        return done

    @admin.display(description="why it failed")
    def why(self, obj: IngestJob) -> str:
        failed = [e["reason"] for e in obj.results if e.get("status") == "failed"]
        reasons = ([obj.error] if obj.error and not failed else []) + failed
        if not reasons:
            return ""
        more = f" (and {len(reasons) - 1} more)" if len(reasons) > 1 else ""
        return reasons[0][:120] + more

    @admin.display(description="failed articles and why")
    def failures(self, obj: IngestJob):
        failed = [e for e in obj.results if e.get("status") == "failed"]
        if not failed:
            return "none"
        return format_html(
            "<ul>{}</ul>", format_html_join("", "<li>{}: {}</li>", ((e["source"], e["reason"]) for e in failed))
        )

    @admin.display(description="articles")
    def stored_articles(self, obj: IngestJob):
        links = [
            (reverse("admin:tracker_article_change", args=[e["article"]]), e["status"], e["message"])
            for e in obj.results
            if e.get("article")
        ]
        if not links:
            return "none"
        return format_html("<ul>{}</ul>", format_html_join("", '<li><a href="{}">{}</a>: {}</li>', links))
