"""Imports in the admin: each upload's job, its status and report."""

from django.contrib import admin

from tracker.transfer.models import ImportJob


@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin):
    list_display = ["pk", "user", "status", "done_files", "total_files", "created_at"]
    list_filter = ["status", "created_at"]
    search_fields = ["user__username", "upload_names"]
    date_hierarchy = "created_at"
    list_select_related = ["user"]
    raw_id_fields = ["user"]
    readonly_fields = ["created_at", "started_at", "finished_at"]
