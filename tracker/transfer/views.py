"""Importing watch files on /log/import/ (the upload form, the job's progress and its report),
and the account export at /account/export/ (one ZIP, or a CSV per kind).

Every upload becomes an ImportJob holding its files (in Django's default storage). A small one
(a few files, a couple of MB, no archive) is imported in the request; a larger one by the
background worker (tracker/transfer/tasks.py), while the job page shows its progress from a
small JSON endpoint.
"""

import io

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from tracker.transfer import exports
from tracker.transfer.imports import MB, ImportReport
from tracker.transfer.models import ImportJob
from tracker.transfer.tasks import reclaim_stale_jobs, start_import

RECENT_JOBS = 5


def upload_cap_bytes() -> int:
    return settings.IMPORT_MAX_UPLOAD_MB * MB


def too_large_message() -> str:
    return (
        f"That upload is larger than {settings.IMPORT_MAX_UPLOAD_MB} MB, more than one import "
        "can take. Upload fewer files at a time, or a smaller ZIP archive."
    )


class UploadCapHandler(FileUploadHandler):
    """Stops reading file data once the upload passes the cap, for requests whose length was
    not declared up front (the view checks CONTENT_LENGTH before this runs)."""

    def __init__(self, request, cap: int):
        super().__init__(request)
        self.cap = cap
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > self.cap:
            self.request.upload_too_large = True
            raise StopUpload(connection_reset=False)
        return raw_data

    def file_complete(self, file_size):
        return None


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".gpx,.tcx,.fit,.zip,.gz"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple) and data:
            return [single(item, initial) for item in data]
        if not data:
            return single(None, initial)  # "required"
        return [single(data, initial)]


class ImportForm(forms.Form):
    files = MultipleFileField(
        label="Activity files",
        help_text=(
            "GPX, TCX or FIT files, several at once, or a ZIP archive of them such as a Strava "
            "bulk export. A legsite account export (ZIP) restores an empty account."
        ),
        error_messages={"required": "Choose at least one file to import."},
    )

    def clean_files(self):
        files = self.cleaned_data["files"]
        if sum(f.size for f in files) > upload_cap_bytes():
            raise forms.ValidationError(too_large_message())
        return files


def _render_form(request, form, status=200, error=None):
    jobs = ImportJob.objects.for_user(request.user)[:RECENT_JOBS]
    return render(
        request,
        "tracker/import_form.html",
        {
            "form": form,
            "upload_error": error,
            "jobs": jobs,
            "cap_mb": settings.IMPORT_MAX_UPLOAD_MB,
        },
        status=status,
    )


@csrf_exempt
@login_required
def import_upload(request):
    # The cap is checked before the body is read; CSRF is checked by the inner view once the
    # cap handler is in place, since reading the CSRF token means reading the body.
    if request.method == "POST":
        length = int(request.META.get("CONTENT_LENGTH") or 0)
        # A little allowance for the form's own fields and multipart boundaries.
        if length > upload_cap_bytes() + 64 * 1024:
            return _render_form(request, ImportForm(), status=413, error=too_large_message())
        request.upload_handlers.insert(0, UploadCapHandler(request, upload_cap_bytes()))
    return _import_upload(request)


@csrf_protect
def _import_upload(request):
    if request.method != "POST":
        return _render_form(request, ImportForm())
    request.FILES  # noqa: B018 -- reads the body, so the cap handler has had its say
    if getattr(request, "upload_too_large", False):
        return _render_form(request, ImportForm(), status=413, error=too_large_message())
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return _render_form(request, form, status=400)
    uploads = form.cleaned_data["files"]
    # The uploaded files go to storage as they are (spooled to disk by Django when large).
    job, _ = start_import(user=request.user, files=[(upload.name, upload) for upload in uploads])
    return redirect(job)


def _job_payload(job: ImportJob) -> dict:
    return {
        "status": job.status,
        "status_label": job.get_status_display(),
        "finished": job.is_finished,
        "done": job.done_files,
        "total": job.total_files,
        "percent": job.percent,
    }


def _job_with_live_lease(request, pk) -> ImportJob:
    """The runner's job; a running one whose worker died is queued again (or failed) first,
    so the page the runner watches moves on (tracker/transfer/tasks.py)."""
    job = get_object_or_404(ImportJob.objects.for_user(request.user), pk=pk)
    if job.status == ImportJob.Status.RUNNING and reclaim_stale_jobs(
        ImportJob.objects.filter(pk=job.pk)
    ) != {"requeued": 0, "failed": 0}:
        job.refresh_from_db()
    return job


@login_required
def import_detail(request, pk):
    job = _job_with_live_lease(request, pk)
    report = ImportReport.from_dict(job.report)
    return render(
        request,
        "tracker/import_detail.html",
        {
            "job": job,
            "report": report,
            "progress": _job_payload(job),
            "notes": [f for f in report.imported if f.messages],
        },
    )


@login_required
def import_status(request, pk):
    job = _job_with_live_lease(request, pk)
    return JsonResponse(_job_payload(job))


def _filename(user, suffix: str) -> str:
    safe = "".join(c if c.isalnum() or c in "-_" else "-" for c in user.get_username())
    return f"legsite-{safe}-{timezone.localdate():%Y-%m-%d}{suffix}"


@never_cache
@login_required
def account_export(request):
    """The whole account: one JSON file in a ZIP, which /log/import/ can restore."""
    response = HttpResponse(
        exports.account_export_zip(request.user), content_type="application/zip"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="{_filename(request.user, "-export.zip")}"'
    )
    return response


@never_cache
@login_required
def account_export_csv(request, kind):
    if kind not in exports.CSV_KINDS:
        raise Http404("No such export.")
    out = io.StringIO()
    exports.write_csv(request.user, kind, out)
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="{_filename(request.user, f"-{kind}.csv")}"'
    )
    return response
