"""Import jobs whose worker died: killed with -9, its machine gone, or a web worker killed
during an in-request import. The job is leased (a heartbeat after each file); a job whose
heartbeat stopped is queued again, then failed with a message, and the staff see it all in
the admin."""

import datetime
import io

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from tests.samples import SAMPLES
from tests.worker import run_worker
from tracker.log.models import Run
from tracker.transfer import tasks
from tracker.transfer.models import ImportJob, ImportUpload

GPX_RUN = SAMPLES / "gpx" / "run-garmin-3.1km-hr.gpx"
pytestmark = pytest.mark.django_db


def job_left_by_a_dead_worker(user, *, minutes_ago=30, attempts=1) -> ImportJob:
    """What kill -9 leaves: running, "2 of 3 done", the heartbeat long stopped."""
    long_ago = timezone.now() - datetime.timedelta(minutes=minutes_ago)
    job = ImportJob.objects.create(
        user=user,
        status=ImportJob.Status.RUNNING,
        total_files=3,
        done_files=2,
        started_at=long_ago,
        heartbeat_at=long_ago,
        attempts=attempts,
    )
    ImportUpload.objects.create(
        job=job, name="morning.gpx", file=ContentFile(GPX_RUN.read_bytes(), "morning.gpx")
    )
    return job


@pytest.mark.django_db(transaction=True)  # the worker's loop opens and closes connections
def test_the_status_page_queues_a_job_with_a_dead_worker_and_the_worker_finishes_it(
    signed_in, runner
):
    job = job_left_by_a_dead_worker(runner)
    status = signed_in.get(f"/log/import/{job.pk}/status/").json()
    assert status["status"] == "queued"
    assert DBTaskResult.objects.count() == 1
    run_worker()
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE
    assert job.attempts == 2
    assert Run.objects.for_user(runner).count() == 1
    assert signed_in.get(f"/log/import/{job.pk}/status/").json()["finished"] is True


def test_a_job_whose_worker_died_on_every_try_fails_with_a_message(signed_in, runner, settings):
    job = job_left_by_a_dead_worker(runner, attempts=settings.IMPORT_JOB_MAX_ATTEMPTS)
    page = signed_in.get(f"/log/import/{job.pk}/").content.decode()
    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED
    assert "process running it stopped" in job.error
    assert "Files imported before it were kept" in page
    assert ImportUpload.objects.filter(job=job).exists()  # the admin can still retry it


def test_a_job_with_a_recent_heartbeat_is_left_alone(signed_in, runner, settings):
    job = job_left_by_a_dead_worker(runner, minutes_ago=settings.IMPORT_JOB_STALE_MINUTES - 1)
    assert signed_in.get(f"/log/import/{job.pk}/status/").json()["status"] == "running"
    assert tasks.reclaim_stale_jobs() == {"requeued": 0, "failed": 0}


def test_the_worker_reclaims_stale_jobs_when_it_starts(runner):
    job = job_left_by_a_dead_worker(runner)
    out = io.StringIO()
    call_command("reclaim_imports", stdout=out)
    assert "1 queued again" in out.getvalue()
    job.refresh_from_db()
    assert job.status == ImportJob.Status.QUEUED


def test_two_reclaimers_at_once_queue_the_job_once(runner, django_capture_on_commit_callbacks):
    job = job_left_by_a_dead_worker(runner)
    with django_capture_on_commit_callbacks(execute=True):
        first = tasks.reclaim_stale_jobs()
        second = tasks.reclaim_stale_jobs()
    assert (first["requeued"], second["requeued"]) == (1, 0)
    assert DBTaskResult.objects.count() == 1
    job.refresh_from_db()
    assert job.status == ImportJob.Status.QUEUED


def test_a_job_is_claimed_by_one_run_only(runner):
    job = ImportJob.objects.create(user=runner)
    assert tasks.claim(job.pk) == 1
    assert tasks.claim(job.pk) is None  # a second worker, or the same task delivered twice
    assert tasks.run_job(job.pk) is None


def test_a_run_that_lost_its_lease_stops_without_writing(runner, monkeypatch):
    """A worker that was only slow, and was taken for dead, must not write over the new run."""
    job = ImportJob.objects.create(user=runner)
    ImportUpload.objects.create(
        job=job, name="morning.gpx", file=ContentFile(GPX_RUN.read_bytes(), "morning.gpx")
    )
    real_import_files = tasks.import_files

    def taken_over_midway(*, user, files, on_progress):
        # Another run claims the job while this one is busy.
        ImportJob.objects.filter(pk=job.pk).update(attempts=2)
        return real_import_files(user=user, files=files, on_progress=on_progress)

    monkeypatch.setattr(tasks, "import_files", taken_over_midway)
    assert tasks.run_job(job.pk) is None
    job.refresh_from_db()
    assert job.status == ImportJob.Status.RUNNING  # the other run's, untouched
    assert job.report == {}
    assert ImportUpload.objects.filter(job=job).exists()


@pytest.mark.django_db(transaction=True)
def test_staff_see_jobs_in_the_admin_and_can_retry_a_failed_one(client, admin_user, runner):
    job = job_left_by_a_dead_worker(runner)
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.FAILED, error="x")
    client.force_login(admin_user)
    page = client.get("/admin/tracker/importjob/").content.decode()
    assert "rosa" in page
    assert "Failed" in page
    response = client.post(
        "/admin/tracker/importjob/",
        {"action": "retry_jobs", "_selected_action": [job.pk]},
        follow=True,
    )
    assert "1 import(s) queued again." in response.content.decode()
    run_worker()
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE
    assert Run.objects.for_user(runner).count() == 1


def test_a_finished_job_cannot_be_retried(runner):
    job = ImportJob.objects.create(user=runner, status=ImportJob.Status.DONE)
    assert tasks.retry(job) is False
