"""/log/import/: the upload form, small imports at once, large ones in the background with
progress, caps on what is uploaded, and each job visible to its owner only."""

import io
import json
import zipfile

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django_tasks_db.models import DBTaskResult

from tests.samples import SAMPLES
from tests.worker import run_worker
from tracker.log.models import LegMeasurement, Run
from tracker.transfer import imports, tasks
from tracker.transfer.models import ImportJob, ImportUpload

HISTORY = sorted((SAMPLES / "gpx" / "history").glob("*.gpx"))


def upload(path: str) -> SimpleUploadedFile:
    file = SAMPLES / path
    return SimpleUploadedFile(file.name, file.read_bytes())


def history_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for file in HISTORY:
            archive.writestr(f"export_123/activities/{file.name}", file.read_bytes())
    return buffer.getvalue()


def test_the_import_page_asks_for_files_and_links_from_the_log(signed_in):
    page = signed_in.get("/log/import/").content.decode()
    assert 'type="file"' in page
    assert "multiple" in page
    assert 'enctype="multipart/form-data"' in page
    assert "/log/import/" in signed_in.get("/log/").content.decode()


def test_the_import_page_needs_a_login(client):
    response = client.get("/log/import/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_a_small_upload_is_imported_at_once_and_shows_its_report(signed_in, runner):
    response = signed_in.post(
        "/log/import/",
        {
            "files": [
                upload("fit/run-fr110-4.8km-hr-gps.fit"),
                upload("tcx/invalid/no-root-element.tcx"),
                upload("fit/weight-scale-2-readings.fit"),
            ]
        },
    )
    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/log/import/{job.pk}/"
    assert job.status == ImportJob.Status.DONE
    assert not ImportUpload.objects.exists()  # the bytes are gone once imported
    assert Run.objects.for_user(runner).count() == 1
    assert LegMeasurement.objects.for_user(runner).count() == 2
    assert not DBTaskResult.objects.exists()  # nothing went to the worker
    page = signed_in.get(response["Location"]).content.decode()
    assert "1 run imported, 2 measurements, 1 refused." in page
    assert "Not imported: 1 file" in page
    assert "no-root-element.tcx is not a valid TCX file" in page
    run = Run.objects.for_user(runner).get()
    assert f'href="/log/runs/{run.pk}/"' in page  # the report links the run it created


def test_uploading_the_same_file_again_says_already_imported(signed_in, runner):
    signed_in.post("/log/import/", {"files": [upload("fit/run-fr110-4.8km-hr-gps.fit")]})
    response = signed_in.post(
        "/log/import/", {"files": [upload("fit/run-fr110-4.8km-hr-gps.fit")]}, follow=True
    )
    assert Run.objects.count() == 1
    page = response.content.decode()
    assert "Already imported: 1 file" in page
    assert "run-fr110-4.8km-hr-gps.fit was already imported; nothing was added." in page


def test_an_empty_form_says_to_choose_a_file(signed_in):
    response = signed_in.post("/log/import/", {})
    assert response.status_code == 400
    assert "Choose at least one file to import." in response.content.decode()
    assert not ImportJob.objects.exists()


def test_an_upload_over_the_cap_gets_a_form_error_not_a_crash(signed_in, settings):
    settings.IMPORT_MAX_UPLOAD_MB = 1
    big = SimpleUploadedFile("big.gpx", b"<gpx>" + b" " * (1024 * 1024 + 200 * 1024))
    response = signed_in.post("/log/import/", {"files": [big]})
    assert response.status_code == 413
    assert "That upload is larger than 1 MB" in response.content.decode()
    assert not ImportJob.objects.exists()


def test_the_cap_holds_while_reading_when_the_declared_length_is_near_it(signed_in, settings):
    # Within the allowance for form fields, so only the upload handler sees it is too big.
    settings.IMPORT_MAX_UPLOAD_MB = 1
    big = SimpleUploadedFile("big.gpx", b"<gpx>" + b" " * (1024 * 1024 + 30 * 1024))
    response = signed_in.post("/log/import/", {"files": [big]})
    assert response.status_code == 413
    assert "That upload is larger than 1 MB" in response.content.decode()
    assert not ImportJob.objects.exists()


def test_a_zip_goes_to_the_worker_and_its_page_shows_progress(
    signed_in, runner, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in.post(
            "/log/import/",
            {"files": [SimpleUploadedFile("strava.zip", history_zip())]},
        )
    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.QUEUED
    assert DBTaskResult.objects.get().task_path == "tracker.transfer.tasks.import_job"
    page = signed_in.get(response["Location"]).content.decode()
    assert "Importing your files" in page
    assert "import-progress.js" in page
    assert '<noscript><meta http-equiv="refresh" content="3"></noscript>' in page
    status = signed_in.get(f"/log/import/{job.pk}/status/").json()
    assert status == {
        "status": "queued",
        "status_label": "Waiting to start",
        "finished": False,
        "done": 0,
        "total": 1,
        "percent": 0,
    }


@pytest.mark.django_db(transaction=True)
def test_the_68_file_history_imports_in_the_background_with_progress(client, monkeypatch):
    """The production path: upload, a queued task, the db_worker's loop, the status endpoint."""
    from tests.factories import UserFactory

    runner = UserFactory(username="hanna")
    client.force_login(runner)
    response = client.post(
        "/log/import/", {"files": [SimpleUploadedFile("strava_export.zip", history_zip())]}
    )
    job = ImportJob.objects.get()
    status_url = f"/log/import/{job.pk}/status/"
    seen = []
    real_import_files = imports.import_files

    def import_files_watched(*, user, files, on_progress=None):
        def progress(done, total):
            on_progress(done, total)
            if done in (1, 34, 68):
                seen.append(client.get(status_url).json())

        return real_import_files(user=user, files=files, on_progress=progress)

    monkeypatch.setattr(tasks, "import_files", import_files_watched)
    run_worker()

    assert [(s["status"], s["done"], s["total"]) for s in seen] == [
        ("running", 1, 68),
        ("running", 34, 68),
        ("running", 68, 68),
    ]
    assert seen[1]["percent"] == 50
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
    report = imports.ImportReport.from_dict(job.report)
    assert len(report.files) == 68
    # Every file is handled: imported, or refused with a message that names it.
    for outcome in report.files:
        assert outcome.status in ("imported", "refused")
        if outcome.status == "refused":
            assert outcome.messages
            assert outcome.name.split(" › ")[1] in outcome.messages[0]
    assert Run.objects.for_user(runner).count() == report.runs >= 66
    assert not ImportUpload.objects.exists()
    page = client.get(response["Location"]).content.decode()
    assert "Import finished" in page
    assert f"{report.runs} runs imported" in page
    assert client.get(status_url).json()["finished"] is True


def test_a_failed_job_keeps_what_was_imported_and_says_so(signed_in, runner, monkeypatch):
    def explode(**kwargs):
        raise RuntimeError("disk on fire")

    job = ImportJob.objects.create(user=runner, total_files=1)
    ImportUpload.objects.create(job=job, name="a.gpx", file=ContentFile(b"<gpx/>", "a.gpx"))
    monkeypatch.setattr(tasks, "import_files", explode)
    with pytest.raises(RuntimeError):
        tasks.run_job(job.pk)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED
    assert ImportUpload.objects.filter(job=job).exists()  # nothing lost
    page = signed_in.get(f"/log/import/{job.pk}/").content.decode()
    assert "Files imported before it were kept" in page


def test_another_runner_s_import_is_not_found(client, runner, other_runner):
    job = ImportJob.objects.create(user=runner, status=ImportJob.Status.DONE)
    client.force_login(other_runner)
    assert client.get(f"/log/import/{job.pk}/").status_code == 404
    assert client.get(f"/log/import/{job.pk}/status/").status_code == 404
    job.refresh_from_db()
    assert job.user == runner


def test_the_status_endpoint_answers_in_three_queries(signed_in, runner, django_assert_num_queries):
    job = ImportJob.objects.create(user=runner, total_files=4, done_files=1)
    with django_assert_num_queries(3):  # the session, its user, the job
        data = json.loads(signed_in.get(f"/log/import/{job.pk}/status/").content)
    assert data["percent"] == 25
    assert connection.vendor in ("sqlite", "postgresql")
