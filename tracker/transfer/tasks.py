"""Background jobs (Django's Tasks framework; `manage.py db_worker` runs them), and running an
upload's job, in the request for small uploads or in the worker for large ones.

A job is leased, not just started: the run that claims it (queued -> running, one conditional
UPDATE, so two workers never both win) counts one more `attempt` and writes `heartbeat_at`
after each file (a small upload imported in its request is created leased, and writes only at
the end: it takes seconds, against IMPORT_JOB_STALE_MINUTES); every write of that run is
conditional on its attempt still being the job's latest. A worker killed mid-job stops the
heartbeat; `reclaim_stale_jobs` (run by the worker at each task and start, and by the job's
status page) queues such a job again, or fails it with a message after IMPORT_JOB_MAX_ATTEMPTS
runs. A run that lost its lease (it was only slow, and was reclaimed) stops at its next file
instead of writing over the new one.
"""

import datetime
import logging
from collections.abc import Iterator

from django.conf import settings
from django.core.files import File
from django.core.files.base import ContentFile
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
UPLOAD_MISSING = (
    "The import could not start: the uploaded file {name} is no longer in the site's file "
    "storage (it was removed, or this worker does not see the storage the upload went to). "
    "Nothing was imported; upload the files again."
)


class LeaseLost(Exception):
    """Another run holds the job now (this one was taken for dead): stop, write nothing."""


@task()
def import_job(job_id: int) -> dict:
    """Import an upload stored with ImportJob `job_id`; returns the counts for the task log."""
    reclaim_stale_jobs()
    purge_old_uploads()
    report = run_job(job_id)
    if report is None:
        failed = ImportJob.objects.filter(pk=job_id, status=ImportJob.Status.FAILED)
        error = failed.values_list("error", flat=True).first()
        if error:
            return {"job": job_id, "failed": error}
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
    return _run_leased(job, attempt, list(job.uploads.all()), heartbeat=True)


def _run_leased(
    job: ImportJob, attempt: int, uploads: list[ImportUpload], *, heartbeat: bool
) -> ImportReport | None:
    """run_job once the job is claimed. With `heartbeat`, each file writes the progress and
    the heartbeat, and a run that lost its lease stops at the next file; without (an import
    in the request, which nobody watches and no worker queued), only the last write checks
    the lease."""
    job_id = job.pk
    mine = ImportJob.objects.filter(pk=job_id, attempts=attempt, status=ImportJob.Status.RUNNING)
    files = StoredUploads(uploads)
    missing = files.missing()
    if missing is not None:
        log.warning("Import job %s: its upload %s is not in storage", job_id, missing)
        mine.update(
            status=ImportJob.Status.FAILED,
            finished_at=timezone.now(),
            error=UPLOAD_MISSING.format(name=missing),
        )
        return None

    def progress(done: int, total: int) -> None:
        if not mine.update(done_files=done, total_files=total, heartbeat_at=timezone.now()):
            raise LeaseLost

    try:
        report = import_files(
            user=job.user, files=files, on_progress=progress if heartbeat else None
        )
    except UploadMissing as missing:
        log.warning("Import job %s: its upload %s vanished from storage", job_id, missing.name)
        mine.update(
            status=ImportJob.Status.FAILED,
            finished_at=timezone.now(),
            error=UPLOAD_MISSING.format(name=missing.name),
        )
        return None
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
    now = timezone.now()
    done = {
        "status": ImportJob.Status.DONE,
        "finished_at": now,
        "heartbeat_at": now,
        "report": report.as_dict(),
        "done_files": len(report.files),
        "total_files": len(report.files),
    }
    with transaction.atomic():
        finished = mine.update(**done)
        if finished:
            job.uploads.all().delete()
    if not finished:
        return None
    for name, value in done.items():  # the caller's job as it now is, without reading it
        setattr(job, name, value)
    return report


class UploadMissing(Exception):
    def __init__(self, name: str):
        super().__init__(name)
        self.name = name


class StoredUploads:
    """A job's uploads as (name, open file) for import_files, each opened from storage when
    its turn comes and closed after it: one file handle at a time, nothing read ahead."""

    def __init__(self, uploads: list[ImportUpload]):
        self.uploads = uploads

    def __len__(self) -> int:
        return len(self.uploads)

    def missing(self) -> str | None:
        """The name of the first upload whose file is not in storage, if any."""
        for upload in self.uploads:
            if not upload.file.name or not upload.file.storage.exists(upload.file.name):
                return upload.name
        return None

    def __iter__(self) -> Iterator[tuple[str, File]]:
        for upload in self.uploads:
            try:
                stored = upload.file.storage.open(upload.file.name, "rb")
            except FileNotFoundError:
                raise UploadMissing(upload.name) from None
            with stored:
                yield upload.name, stored


def purge_old_uploads(*, now: datetime.datetime | None = None) -> int:
    """Delete the stored files of jobs that failed more than IMPORT_FAILED_UPLOAD_KEEP_DAYS
    ago (kept until then for the admin's "retry"); the others go when imported."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=settings.IMPORT_FAILED_UPLOAD_KEEP_DAYS)
    old = ImportUpload.objects.filter(
        job__status=ImportJob.Status.FAILED, job__finished_at__lt=cutoff
    )
    deleted, _ = old.delete()  # the files go with the rows (models.delete_stored_upload)
    return deleted


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


def start_import(*, user, files: list[tuple[str, bytes | File]]) -> tuple[ImportJob, bool]:
    """Store an upload as an ImportJob and import it: in this request when it is small (a few
    files, a couple of MB, no archive), else by the worker once the job is committed. Returns
    the job and whether it was imported here. The web form and the API both come through.

    Each file goes to Django's default storage as it is (an upload Django spooled to a
    temporary file is moved or copied in chunks, never read whole); the job's rows name them.
    If storing fails, the rows are rolled back and the files stored so far are deleted."""
    contents = [
        (name, ContentFile(data) if isinstance(data, bytes) else data) for name, data in files
    ]
    heads = []
    for _, content in contents:
        content.seek(0)
        heads.append(content.read(4))
        content.seek(0)
    total_bytes = sum(content.size for _, content in contents)
    inline = (
        len(contents) <= INLINE_MAX_FILES
        and total_bytes <= INLINE_MAX_BYTES
        and not any(is_zip(head) for head in heads)
    )
    # An import in the request is leased to it from the start (as claim() would).
    now = timezone.now()
    lease = (
        {"status": ImportJob.Status.RUNNING, "attempts": 1, "started_at": now, "heartbeat_at": now}
        if inline
        else {}
    )
    stored: list[ImportUpload] = []
    try:
        with transaction.atomic():
            job = ImportJob.objects.create(
                user=user,
                upload_names="\n".join(name for name, _ in contents),
                upload_bytes=total_bytes,
                total_files=len(contents),
                **lease,
            )
            for name, content in contents:
                upload = ImportUpload(job=job, name=name[:255], size=content.size)
                upload.file.save(name, content, save=False)
                stored.append(upload)
            ImportUpload.objects.bulk_create(stored)
    except BaseException:
        for upload in stored:
            upload.file.storage.delete(upload.file.name)
        raise
    if inline:
        if _run_leased(job, 1, stored, heartbeat=False) is None:
            job.refresh_from_db()  # failed or taken over: as the database has it
    else:
        transaction.on_commit(lambda: import_job.enqueue(job.pk))
    return job, inline
