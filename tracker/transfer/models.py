"""What an upload is while it is imported: the job with its progress and report, and the files
waiting for it."""

from django.conf import settings
from django.db import models
from django.urls import reverse

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


class ImportUpload(models.Model):
    """An uploaded file waiting for its job, kept in the database so the worker (another
    process, maybe another machine) reads exactly what was sent. Deleted once imported."""

    job = models.ForeignKey(ImportJob, on_delete=models.CASCADE, related_name="uploads")
    name = models.CharField(max_length=255)
    data = models.BinaryField()

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return self.name
