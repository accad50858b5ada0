"""Background jobs (Django's Tasks framework; `manage.py db_worker` runs them), and running an
upload's job, in the request for small uploads or in the worker for large ones."""

import logging

from django.db import transaction
from django.tasks import task
from django.utils import timezone

from tracker.transfer.imports import import_files
from tracker.transfer.models import ImportJob
from tracker.transfer.report import ImportReport

log = logging.getLogger(__name__)


@task()
def import_job(job_id: int) -> dict:
    """Import an upload stored with ImportJob `job_id`; returns the counts for the task log."""
    report = run_job(job_id)
    if report is None:
        return {"job": job_id, "skipped": "already finished"}
    return {
        "job": job_id,
        "runs": report.runs,
        "measurements": report.measurements,
        "refused": len(report.refused),
        "duplicates": len(report.duplicates),
    }


def run_job(job_id: int) -> ImportReport | None:
    """Import a stored upload, counting progress on the job. Safe to run again after a crash:
    files imported before it are reported as already imported."""
    job = ImportJob.objects.select_related("user").filter(pk=job_id).first()
    if job is None or job.is_finished:  # deleted with its account, or already done
        return None
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportJob.Status.RUNNING, started_at=timezone.now()
    )
    files = [(name, bytes(data)) for name, data in job.uploads.values_list("name", "data")]

    def progress(done: int, total: int) -> None:
        ImportJob.objects.filter(pk=job.pk).update(done_files=done, total_files=total)

    try:
        report = import_files(user=job.user, files=files, on_progress=progress)
    except Exception:
        log.exception("Import job %s failed", job.pk)
        ImportJob.objects.filter(pk=job.pk).update(
            status=ImportJob.Status.FAILED,
            finished_at=timezone.now(),
            error=(
                "The import stopped because of an error on our side. Files imported before it "
                "were kept; upload again to import the rest (those already imported are skipped)."
            ),
        )
        raise
    with transaction.atomic():
        ImportJob.objects.filter(pk=job.pk).update(
            status=ImportJob.Status.DONE,
            finished_at=timezone.now(),
            report=report.as_dict(),
            done_files=len(report.files),
            total_files=len(report.files),
        )
        job.uploads.all().delete()
    return report
