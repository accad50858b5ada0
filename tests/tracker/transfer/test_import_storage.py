"""Uploads waiting for the worker live in Django's default storage, not in database rows: the
request stores them, the worker opens them there and reads a ZIP member by member, and the
files go once imported, with their job and with their user."""

import io
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from tests.samples import SAMPLES
from tests.worker import run_worker
from tracker.log.models import Run
from tracker.transfer import tasks
from tracker.transfer.imports import import_files
from tracker.transfer.models import ImportJob, ImportUpload

STRAVA = SAMPLES / "exports" / "strava-export-4-activities.zip"
GPX_RUN = SAMPLES / "gpx" / "run-garmin-3.1km-hr.gpx"
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path) -> Path:
    """A storage of each test's own, so what is left in it is this test's doing."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def stored_uploads(media: Path) -> list[Path]:
    folder = media / "imports"
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


def test_an_upload_lands_in_storage_under_its_user_and_job_not_in_the_database(
    signed_in, runner, media
):
    response = signed_in.post(
        "/log/import/", {"files": [SimpleUploadedFile("export.zip", STRAVA.read_bytes())]}
    )
    job = ImportJob.objects.get()
    assert response["Location"] == f"/log/import/{job.pk}/"
    upload = ImportUpload.objects.get(job=job)
    assert upload.file.name.startswith(f"imports/{runner.pk}/{job.pk}/")
    assert upload.file.name.endswith("-export.zip")
    assert upload.size == STRAVA.stat().st_size
    assert stored_uploads(media) == [media / upload.file.name]
    assert (media / upload.file.name).read_bytes() == STRAVA.read_bytes()
    assert "data" not in {field.name for field in ImportUpload._meta.get_fields()}


@pytest.mark.django_db(transaction=True)  # the worker's loop opens and closes connections
def test_the_worker_imports_from_storage_and_then_deletes_the_file(signed_in, runner, media):
    signed_in.post(
        "/log/import/", {"files": [SimpleUploadedFile("export.zip", STRAVA.read_bytes())]}
    )
    assert len(stored_uploads(media)) == 1
    run_worker()
    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.DONE, job.error
    assert (job.done_files, job.total_files) == (4, 4)
    assert Run.objects.for_user(runner).count() >= 3
    assert not ImportUpload.objects.exists()
    assert stored_uploads(media) == []


def test_a_small_upload_imported_in_the_request_leaves_nothing_in_storage(
    signed_in, runner, media, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        signed_in.post(
            "/log/import/", {"files": [SimpleUploadedFile(GPX_RUN.name, GPX_RUN.read_bytes())]}
        )
    assert ImportJob.objects.get().status == ImportJob.Status.DONE
    assert Run.objects.for_user(runner).count() == 1
    assert stored_uploads(media) == []


def test_an_oversized_upload_is_refused_with_a_message_and_nothing_is_stored(
    signed_in, settings, media
):
    settings.IMPORT_MAX_UPLOAD_MB = 1
    big = SimpleUploadedFile("big.zip", b"PK\x03\x04" + b"\0" * (2 * 1024 * 1024))
    response = signed_in.post("/log/import/", {"files": [big]})
    assert response.status_code == 413
    assert "That upload is larger than 1 MB, more than one import can take" in (
        response.content.decode()
    )
    assert not ImportJob.objects.exists()
    assert stored_uploads(media) == []


def test_the_default_cap_takes_a_4_gb_export():
    assert settings.IMPORT_MAX_UPLOAD_MB == 4096
    assert settings.IMPORT_ZIP_MAX_FILES >= 3000
    assert settings.IMPORT_ZIP_MAX_TOTAL_MB >= 1100  # 1 GB of stored members, unpacked


@pytest.mark.django_db(transaction=True)
def test_a_missing_stored_file_fails_the_job_with_a_clear_error(signed_in, runner, media):
    signed_in.post(
        "/log/import/", {"files": [SimpleUploadedFile("export.zip", STRAVA.read_bytes())]}
    )
    upload = ImportUpload.objects.get()
    default_storage.delete(upload.file.name)  # a lost volume, or a worker on another disk
    run_worker()
    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.FAILED
    assert "export.zip is no longer in the site's file storage" in job.error
    assert "Nothing was imported; upload the files again." in job.error
    assert not Run.objects.exists()
    page = signed_in.get(f"/log/import/{job.pk}/").content.decode()
    assert "no longer in the site" in page


def test_deleting_a_job_deletes_its_stored_files(runner, media, django_capture_on_commit_callbacks):
    job, _ = tasks.start_import(user=runner, files=[("export.zip", STRAVA.read_bytes())])
    assert len(stored_uploads(media)) == 1
    with django_capture_on_commit_callbacks(execute=True):
        job.delete()
    assert stored_uploads(media) == []


def test_deleting_the_user_deletes_their_stored_uploads_and_no_one_elses(
    runner, other_runner, media, django_capture_on_commit_callbacks
):
    tasks.start_import(user=runner, files=[("a.zip", STRAVA.read_bytes())])
    tasks.start_import(user=other_runner, files=[("b.zip", STRAVA.read_bytes())])
    with django_capture_on_commit_callbacks(execute=True):
        runner.delete()
    left = stored_uploads(media)
    assert len(left) == 1
    assert left[0].parent.parent.name == str(other_runner.pk)


def test_a_rolled_back_deletion_keeps_the_file(runner, media):
    job, _ = tasks.start_import(user=runner, files=[("export.zip", STRAVA.read_bytes())])
    pk = job.pk

    def delete_then_fail():
        with transaction.atomic():
            job.delete()
            raise RuntimeError("changed my mind")

    with pytest.raises(RuntimeError):
        delete_then_fail()
    assert len(stored_uploads(media)) == 1
    assert ImportUpload.objects.filter(job_id=pk).exists()


def test_a_failed_jobs_files_are_kept_for_a_retry_then_purged(
    runner, settings, media, django_capture_on_commit_callbacks
):
    import datetime

    from django.utils import timezone

    job, _ = tasks.start_import(user=runner, files=[("export.zip", STRAVA.read_bytes())])
    failed_at = timezone.now() - datetime.timedelta(days=settings.IMPORT_FAILED_UPLOAD_KEEP_DAYS)
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportJob.Status.FAILED, finished_at=failed_at
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.purge_old_uploads(now=failed_at) == 0  # just failed: kept for a retry
    assert len(stored_uploads(media)) == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.purge_old_uploads() == 1
    assert stored_uploads(media) == []
    assert not ImportUpload.objects.exists()


def test_import_files_counts_an_archives_members_before_the_first_is_imported(runner):
    seen = []
    with STRAVA.open("rb") as stored:
        report = import_files(
            user=runner,
            files=[("export.zip", stored)],
            on_progress=lambda d, t: seen.append((d, t)),
        )
    assert len(report.files) == 4
    assert seen[0] == (0, 1)  # the upload, not yet opened
    assert seen[1:] == [(1, 4), (2, 4), (3, 4), (4, 4)]  # activities.csv is not a file to import


def test_an_inner_zip_larger_than_the_member_cap_is_spooled_and_imported(runner, settings):
    """A Garmin Connect export keeps its files in ZIPs inside the ZIP; the inner ZIP is
    spooled to a temporary file, bounded by the total cap, while each activity is still
    held to the member cap."""
    names = ["run-garmin-3.1km-hr.gpx", "run-strava-3.6km-gap.gpx", "run-strava-12km-hr-pauses.gpx"]
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w", compression=zipfile.ZIP_STORED) as archive:
        for name in names:
            archive.writestr(name, (SAMPLES / "gpx" / name).read_bytes())
    outer = io.BytesIO()
    with zipfile.ZipFile(outer, "w") as archive:
        archive.writestr("DI_CONNECT/DI-Connect-Uploaded-Files/Part1.zip", inner.getvalue())
    assert len(inner.getvalue()) > 0.6 * 1024 * 1024
    settings.IMPORT_ZIP_MAX_MEMBER_MB = 0.6  # below the inner ZIP, above each activity in it
    report = import_files(user=runner, files=[("garmin.zip", outer.getvalue())])
    assert len(report.imported) == 3, [f.messages for f in report.refused]


def test_a_damaged_member_refuses_the_rest_after_importing_those_before_it(runner):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("a/first.gpx", GPX_RUN.read_bytes())
        archive.writestr("a/second.tcx", (SAMPLES / "tcx" / "run-4.7km-3laps-hr.tcx").read_bytes())
    data = bytearray(buffer.getvalue())
    second = data.rindex(b"a/second.tcx", 0, data.index(b"PK\x01\x02"))
    data[second + 200] ^= 0xFF  # inside the second member's compressed data: a CRC error
    report = import_files(user=runner, files=[("export.zip", bytes(data))])
    assert [f.status for f in report.files] == ["imported", "refused"]
    message = report.files[1].messages[0]
    assert message.startswith("export.zip: the ZIP archive is damaged: second.tcx")
    assert "The 1 activity file read before it went through the import" in message
    assert Run.objects.for_user(runner).count() == 1


def test_a_plain_file_larger_than_an_activity_file_is_refused_unread(runner, settings):
    settings.IMPORT_ZIP_MAX_MEMBER_MB = 1
    report = import_files(user=runner, files=[("huge.gpx", b"<gpx>" + b" " * (2 * 1024 * 1024))])
    assert [f.status for f in report.files] == ["refused"]
    assert (
        "huge.gpx is larger than 1 MB, more than one activity file holds"
        in (report.files[0].messages[0])
    )


def test_a_stored_account_export_restores_from_storage(
    signed_in, runner, other_runner, media, django_capture_on_commit_callbacks
):
    from tests.tracker.factories import RunFactory
    from tracker.transfer.exports import account_export_zip

    RunFactory(user=other_runner)
    export = account_export_zip(other_runner)
    job, inline = tasks.start_import(user=runner, files=[("export.zip", ContentFile(export))])
    assert not inline
    tasks.run_job(job.pk)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE, job.error
    assert Run.objects.for_user(runner).count() == 1


def test_the_import_works_on_any_configured_storage_not_only_the_disk(
    runner, settings, media, django_capture_on_commit_callbacks
):
    """STORAGE_BACKEND may name an object store (django-storages' S3Storage): nothing in the
    import may assume a file on the local disk. Django's in-memory storage stands in for it."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }
    job, inline = tasks.start_import(user=runner, files=[("export.zip", STRAVA.read_bytes())])
    name = job.uploads.get().file.name
    assert default_storage.exists(name)
    assert not inline
    assert stored_uploads(media) == []  # nothing went to the disk
    with django_capture_on_commit_callbacks(execute=True):
        tasks.run_job(job.pk)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE, job.error
    assert Run.objects.for_user(runner).count() >= 3
    assert not default_storage.exists(name)


def test_storage_options_that_are_not_a_json_object_stop_the_site_with_a_message(tmp_path):
    import os
    import subprocess
    import sys

    env = {**os.environ, "LEGSITE_VAR_DIR": str(tmp_path), "STORAGE_OPTIONS": "[1, 2]"}
    env["DJANGO_SETTINGS_MODULE"] = "legsite.settings"
    done = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=Path(__file__).resolve().parents[3],
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode != 0
    assert "STORAGE_OPTIONS must be a JSON object, not '[1, 2]'." in done.stderr


def test_staff_see_a_jobs_stored_files_by_name_without_a_link_to_them(client, admin_user, runner):
    job, _ = tasks.start_import(user=runner, files=[("export.zip", STRAVA.read_bytes())])
    client.force_login(admin_user)
    page = client.get(f"/admin/tracker/importjob/{job.pk}/change/").content.decode()
    name = job.uploads.get().file.name
    assert name in page
    assert "/media/" not in page  # never served directly


class ReadSizes(io.BytesIO):
    """An archive on "disk" that notes the largest single read asked of it."""

    largest = 0

    def read(self, size=-1):
        data = super().read(size)
        self.largest = max(self.largest, len(data))
        return data


def test_a_large_archive_is_read_in_pieces_never_whole(runner):
    history = sorted((SAMPLES / "gpx" / "history").glob("*.gpx"))[:20]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as archive:
        for path in history:
            archive.writestr(f"activities/{path.name}", path.read_bytes())
    stored = ReadSizes(buffer.getvalue())
    report = import_files(user=runner, files=[("export.zip", stored)])
    assert len(report.imported) == 20
    assert len(buffer.getvalue()) > 3 * 1024 * 1024
    assert stored.largest <= 64 * 1024  # the unpacker's chunk: one member a piece at a time


def starting_at(data: bytes, start: str) -> bytes:
    """The sample run moved to start at `start` (UTC), every point by the same amount."""
    import datetime
    import re

    stamps = re.compile(rb"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)")
    first = datetime.datetime.fromisoformat(stamps.search(data).group(1).decode())
    shift = datetime.datetime.fromisoformat(start) - first

    def move(match):
        moved = datetime.datetime.fromisoformat(match.group(1).decode()) + shift
        return moved.strftime("%Y-%m-%dT%H:%M:%S").encode()

    return stamps.sub(move, data)


@pytest.mark.parametrize("zone", ["Pacific/Kiritimati", "Pacific/Pago_Pago", "UTC"])
def test_the_same_run_across_midnight_utc_is_caught_in_any_time_zone(runner, zone):
    """The same-start check looks the runner's rows up by date (for the index): a run just
    before midnight UTC and its copy just after are still one run, 14 hours either side."""
    from tracker.log.models import get_profile

    profile = get_profile(runner)
    profile.time_zone = zone
    profile.save()
    gpx = GPX_RUN.read_bytes()
    report = import_files(
        user=runner,
        files=[
            ("before.gpx", starting_at(gpx, "2024-03-09T23:59:40")),
            ("after.gpx", starting_at(gpx, "2024-03-10T00:00:20")),
        ],
    )
    assert [f.status for f in report.files] == ["imported", "refused"]
    assert "already has a run starting at the same time" in report.files[1].messages[-1]
    assert Run.objects.for_user(runner).count() == 1
