"""Background jobs (Django's Tasks framework; `manage.py db_worker` runs them), and running an
upload's job, in the request for small uploads or in the worker for large ones.

A job is leased, not just started: the run that claims it (queued -> running, one conditional
UPDATE, so two workers never both win) counts one more `attempt` and writes `heartbeat_at`
after each file; every write of that run is conditional on its attempt still being the job's
latest. A worker killed mid-job stops the heartbeat; `reclaim_stale_jobs` (run by the worker
at each task and start, and by the job's status page) queues such a job again, or fails it with
a message after IMPORT_JOB_MAX_ATTEMPTS runs. A run that lost its lease (it was only slow, and
was reclaimed) stops at its next file instead of writing over the new one.
"""

import datetime
import logging

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.tasks import task
from django.utils import timezone

from tracker.transfer.imports import import_files
from tracker.transfer.models import ImportJob, ImportUpload
from tracker.transfer.report import MB, ImportReport, is_zip

log = logging.getLogger(__name__)

FAILED_ON_OUR_SIDE = (
    "The import stopped because of an error on our side. Files imported before it "
    "were kept; upload again to import the rest (those already imported are skipped)."
)
WORKER_LOST = (
    "The import stopped because the process running it stopped (a restart or a crash) and "
    "it did not finish after {attempts} tries. Files imported before it were kept; upload "
    "again to import the rest (those already imported are skipped)."
)


class LeaseLost(Exception):
    """Another run holds the job now (this one was taken for dead): stop, write nothing."""


@task()
def import_job(job_id: int) -> dict:
    """Import an upload stored with ImportJob `job_id`; returns the counts for the task log."""
    reclaim_stale_jobs()
    report = run_job(job_id)
    if report is None:
        return {"job": job_id, "skipped": "already running, finished or gone"}
    return {
        "job": job_id,
        "runs": report.runs,
        "measurements": report.measurements,
        "refused": len(report.refused),
        "duplicates": len(report.duplicates),
    }


def claim(job_id: int) -> int | None:
    """Lease a queued job for this run: its attempt number, or None when it is not queued."""
    now = timezone.now()
    claimed = ImportJob.objects.filter(pk=job_id, status=ImportJob.Status.QUEUED).update(
        status=ImportJob.Status.RUNNING,
        started_at=now,
        heartbeat_at=now,
        attempts=F("attempts") + 1,
    )
    if not claimed:
        return None
    return ImportJob.objects.filter(pk=job_id).values_list("attempts", flat=True).first()


def run_job(job_id: int) -> ImportReport | None:
    """Import a stored upload, counting progress on the job; None when another run has it or
    it is finished. Safe to run again after a crash: files imported before it are reported as
    already imported."""
    attempt = claim(job_id)
    if attempt is None:
        return None
    job = ImportJob.objects.select_related("user").get(pk=job_id)
    mine = ImportJob.objects.filter(pk=job_id, attempts=attempt, status=ImportJob.Status.RUNNING)
    files = [(name, bytes(data)) for name, data in job.uploads.values_list("name", "data")]

    def progress(done: int, total: int) -> None:
        if not mine.update(done_files=done, total_files=total, heartbeat_at=timezone.now()):
            raise LeaseLost

    try:
        report = import_files(user=job.user, files=files, on_progress=progress)
    except LeaseLost:
        log.warning(
            "Import job %s was taken over by another run; attempt %s stops", job_id, attempt
        )
        return None
    except Exception:
        log.exception("Import job %s failed", job_id)
        mine.update(
            status=ImportJob.Status.FAILED, finished_at=timezone.now(), error=FAILED_ON_OUR_SIDE
        )
        raise
    with transaction.atomic():
        finished = mine.update(
            status=ImportJob.Status.DONE,
            finished_at=timezone.now(),
            heartbeat_at=timezone.now(),
            report=report.as_dict(),
            done_files=len(report.files),
            total_files=len(report.files),
        )
        if finished:
            job.uploads.all().delete()
    return report if finished else None


def stale_before(now: datetime.datetime | None = None) -> datetime.datetime:
    now = now or timezone.now()
    return now - datetime.timedelta(minutes=settings.IMPORT_JOB_STALE_MINUTES)


def reclaim_stale_jobs(jobs=None, *, now: datetime.datetime | None = None) -> dict[str, int]:
    """Queue again (or fail, after IMPORT_JOB_MAX_ATTEMPTS) running jobs whose heartbeat is
    older than IMPORT_JOB_STALE_MINUTES. `jobs` narrows the search (a status page looks at its
    own job only). Each change is conditional on the job being unchanged, so two reclaimers
    at once requeue a job once."""
    now = now or timezone.now()
    cutoff = stale_before(now)
    jobs = ImportJob.objects.all() if jobs is None else jobs
    stale = jobs.filter(status=ImportJob.Status.RUNNING).filter(
        Q(heartbeat_at__lt=cutoff) | Q(heartbeat_at__isnull=True, started_at__lt=cutoff)
    )
    counts = {"requeued": 0, "failed": 0}
    for pk, attempts in stale.values_list("pk", "attempts"):
        same = ImportJob.objects.filter(pk=pk, status=ImportJob.Status.RUNNING, attempts=attempts)
        if attempts < settings.IMPORT_JOB_MAX_ATTEMPTS:
            if same.update(status=ImportJob.Status.QUEUED, heartbeat_at=None):
                log.warning("Import job %s lost its worker; queued again", pk)
                counts["requeued"] += 1
                transaction.on_commit(lambda pk=pk: import_job.enqueue(pk))
        elif same.update(
            status=ImportJob.Status.FAILED,
            finished_at=now,
            error=WORKER_LOST.format(attempts=attempts),
        ):
            log.warning("Import job %s lost its worker %s times; failed", pk, attempts)
            counts["failed"] += 1
    return counts


def retry(job: ImportJob) -> bool:
    """Queue a failed or stuck job again from its kept uploads (the admin's "retry")."""
    if job.status == ImportJob.Status.DONE or not job.uploads.exists():
        return False
    updated = ImportJob.objects.filter(pk=job.pk, status=job.status).update(
        status=ImportJob.Status.QUEUED, attempts=0, heartbeat_at=None, error="", finished_at=None
    )
    if updated:
        transaction.on_commit(lambda: import_job.enqueue(job.pk))
    return bool(updated)


# At most this much is imported during the request; more goes to the background worker.
INLINE_MAX_FILES = 5
INLINE_MAX_BYTES = 2 * MB


def start_import(*, user, files: list[tuple[str, bytes]]) -> tuple[ImportJob, bool]:
    """Store an upload as an ImportJob and import it: in this request when it is small (a few
    files, a couple of MB, no archive), else by the worker once the job is committed. Returns
    the job and whether it was imported here. The web form and the API both come through."""
    total_bytes = sum(len(data) for _, data in files)
    with transaction.atomic():
        job = ImportJob.objects.create(
            user=user,
            upload_names="\n".join(name for name, _ in files),
            upload_bytes=total_bytes,
            total_files=len(files),
        )
        ImportUpload.objects.bulk_create(
            ImportUpload(job=job, name=name[:255], data=data) for name, data in files
        )
    inline = (
        len(files) <= INLINE_MAX_FILES
        and total_bytes <= INLINE_MAX_BYTES
        and not any(is_zip(data) for _, data in files)
    )
    if inline:
        run_job(job.pk)
        job.refresh_from_db()
    else:
        transaction.on_commit(lambda: import_job.enqueue(job.pk))
    return job, inline
