"""What an upload is while it is imported: the job with its progress and report, and the files
waiting for it (in Django's default storage, not in the database)."""

import uuid

from django.conf import settings
from django.db import models, transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.urls import reverse
from django.utils.text import get_valid_filename

from tracker.log.models import OwnedQuerySet


class ImportJob(models.Model):
    """One upload on /log/import/: its files (until imported), progress and the report.

    Small uploads are imported in the request; larger ones by a background task
    (tracker/tasks.py) that counts `done_files` up while the progress page polls it.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "Importing"
        DONE = "done", "Finished"
        FAILED = "failed", "Failed"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="import_jobs"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    upload_names = models.TextField(blank=True, help_text="The uploaded files, one a line.")
    upload_bytes = models.PositiveBigIntegerField(default=0)
    total_files = models.PositiveIntegerField(default=0)
    done_files = models.PositiveIntegerField(default=0)
    # ImportReport.as_dict(): one entry per file, with what happened to it.
    report = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # The lease (tracker/transfer/tasks.py): a running job's worker writes heartbeat_at after
    # each file; `attempts` counts the runs that claimed the job, and only the latest may write
    # to it. A job whose heartbeat stops (its worker was killed) is queued again or failed.
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)

    objects = OwnedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"Import {self.pk} by {self.user} ({self.status})"

    def get_absolute_url(self):
        return reverse("tracker:import_detail", args=[self.pk])

    @property
    def is_finished(self) -> bool:
        return self.status in {self.Status.DONE, self.Status.FAILED}

    @property
    def percent(self) -> int:
        if self.is_finished:
            return 100
        if not self.total_files:
            return 0
        return min(100, round(100 * self.done_files / self.total_files))


def upload_path(upload: "ImportUpload", filename: str) -> str:
    """imports/<user id>/<job id>/<random>-<name>: private (MEDIA_URL is never served), one
    folder per job, and a random part so two files of one name do not meet."""
    safe = get_valid_filename(filename.rsplit("/", 1)[-1])[-100:] or "upload"
    return f"imports/{upload.job.user_id}/{upload.job_id}/{uuid.uuid4().hex}-{safe}"


class ImportUpload(models.Model):
    """An uploaded file waiting for its job, in Django's default storage (STORAGES["default"]:
    var/media/ or a shared or object store), so the worker (another process, maybe another
    machine) reads exactly what was sent without the upload passing through database rows.
    The row and its file are deleted once imported, with the job, and with the user."""

    job = models.ForeignKey(ImportJob, on_delete=models.CASCADE, related_name="uploads")
    name = models.CharField(max_length=255)
    file = models.FileField(upload_to=upload_path, max_length=500)
    size = models.PositiveBigIntegerField(default=0)

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return self.name


@receiver(post_delete, sender=ImportUpload)
def delete_stored_upload(sender, instance: ImportUpload, **kwargs) -> None:
    """The file goes with its row, however the row goes (imported, the job or the user
    deleted, the admin); only once the deletion is committed, so a rollback keeps both."""
    if instance.file.name:
        storage, name = instance.file.storage, instance.file.name
        transaction.on_commit(lambda: storage.delete(name), robust=True)
