"""Imports in the admin: each upload's job, its status, lease and report, its files waiting in
storage, and a retry."""

from django.contrib import admin, messages

from tracker.transfer import tasks
from tracker.transfer.models import ImportJob, ImportUpload


class ImportUploadInline(admin.TabularInline):
    """The files a job still holds in storage, by name only: they are never served."""

    model = ImportUpload
    fields = ["name", "size", "stored_as"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = False

    @admin.display(description="stored as")
    def stored_as(self, upload: ImportUpload) -> str:
        return upload.file.name

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin):
    list_display = [
        "pk",
        "user",
        "status",
        "done_files",
        "total_files",
        "attempts",
        "created_at",
        "heartbeat_at",
        "finished_at",
    ]
    list_filter = ["status", "created_at"]
    search_fields = ["user__username", "upload_names"]
    date_hierarchy = "created_at"
    list_select_related = ["user"]
    raw_id_fields = ["user"]
    readonly_fields = [
        "created_at",
        "started_at",
        "heartbeat_at",
        "finished_at",
        "attempts",
        "upload_bytes",
        "report",
    ]
    inlines = [ImportUploadInline]
    actions = ["retry_jobs", "reclaim_stale"]

    @admin.action(description="Retry the selected failed or stuck imports")
    def retry_jobs(self, request, queryset):
        retried = sum(tasks.retry(job) for job in queryset)
        skipped = queryset.count() - retried
        self.message_user(request, f"{retried} import(s) queued again.", messages.SUCCESS)
        if skipped:
            self.message_user(
                request,
                f"{skipped} could not be retried: finished, or their files are gone.",
                messages.WARNING,
            )

    @admin.action(description="Requeue or fail the selected imports whose worker is gone")
    def reclaim_stale(self, request, queryset):
        counts = tasks.reclaim_stale_jobs(queryset)
        self.message_user(
            request,
            f"{counts['requeued']} queued again, {counts['failed']} marked failed.",
            messages.SUCCESS,
        )
