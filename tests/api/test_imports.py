"""POST /api/v1/imports/ and GET /api/v1/imports/{id}/: watch files sent by a script."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django_tasks_db.models import DBTaskResult

from tests.samples import SAMPLES
from tracker.log.models import CrossTrainingSession, Run
from tracker.transfer.models import ImportJob


def upload(path: str) -> SimpleUploadedFile:
    file = SAMPLES / path
    return SimpleUploadedFile(file.name, file.read_bytes())


def test_the_owner_imports_a_file_and_gets_its_report_at_once(as_runner, runner):
    response = as_runner.post(
        "/api/v1/imports/", {"files": [upload("gpx/run-garmin-3.1km-hr.gpx")]}, format="multipart"
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "done"
    assert body["summary"].startswith("1 run imported")
    assert body["report"]["files"][0]["status"] == "imported"
    assert response["Location"] == body["url"]
    assert Run.objects.for_user(runner).count() == 1
    assert as_runner.get(body["url"]).json()["id"] == body["id"]


def test_an_archive_is_queued_and_answered_with_the_url_to_poll(
    as_runner, runner, django_capture_on_commit_callbacks
):
    export = SAMPLES / "exports/strava-export-4-activities.zip"
    with django_capture_on_commit_callbacks(execute=True):
        response = as_runner.post(
            "/api/v1/imports/",
            {"files": [SimpleUploadedFile(export.name, export.read_bytes())]},
            format="multipart",
        )
    assert response.status_code == 202
    job = ImportJob.objects.get()
    assert response.json()["url"].endswith(f"/api/v1/imports/{job.pk}/")
    assert response.json()["status"] == "queued"
    assert DBTaskResult.objects.get().task_path == "tracker.transfer.tasks.import_job"
    assert not CrossTrainingSession.objects.exists()


def test_another_runner_cannot_see_the_job(as_runner, as_other_runner, runner):
    as_runner.post(
        "/api/v1/imports/", {"files": [upload("gpx/run-garmin-3.1km-hr.gpx")]}, format="multipart"
    )
    job = ImportJob.objects.get()
    assert as_other_runner.get(f"/api/v1/imports/{job.pk}/").status_code == 404


def test_anonymous_callers_can_neither_import_nor_poll(api, runner):
    job = ImportJob.objects.create(user=runner, upload_names="run.gpx", total_files=1)
    response = api.post(
        "/api/v1/imports/", {"files": [upload("gpx/run-garmin-3.1km-hr.gpx")]}, format="multipart"
    )
    assert response.status_code in (401, 403)
    assert api.get(f"/api/v1/imports/{job.pk}/").status_code in (401, 403)
    assert not Run.objects.exists()


def test_a_post_without_files_is_a_400(as_runner):
    assert as_runner.post("/api/v1/imports/", {}, format="multipart").status_code == 400
