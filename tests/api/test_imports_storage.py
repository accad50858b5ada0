"""POST /api/v1/imports/ with the uploads in storage: a queued archive waits in Django's default
storage (not in the database) and the worker empties it; a call over the cap, without
credentials or from another runner stores nothing and changes nothing; and multipart payloads
generated from the OpenAPI schema never make the endpoint fail nor leave a half-stored job."""

import io
import zipfile
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.samples import SAMPLES
from tests.worker import run_worker
from tracker.log.models import Run
from tracker.transfer.models import ImportJob, ImportUpload

STRAVA = SAMPLES / "exports" / "strava-export-4-activities.zip"
GPX_RUN = SAMPLES / "gpx" / "run-garmin-3.1km-hr.gpx"


@pytest.fixture(autouse=True)
def media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def stored(media: Path) -> list[Path]:
    folder = media / "imports"
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


def post(client, *files: tuple[str, bytes]):
    uploads = [SimpleUploadedFile(name, data) for name, data in files]
    return client.post("/api/v1/imports/", {"files": uploads}, format="multipart")


@pytest.mark.django_db(transaction=True)  # the worker's loop opens and closes connections
def test_a_queued_archive_waits_in_storage_and_the_worker_empties_it(as_runner, runner, media):
    response = post(as_runner, ("export.zip", STRAVA.read_bytes()))
    assert response.status_code == 202, response.content
    upload = ImportUpload.objects.get()
    assert upload.file.name.startswith(f"imports/{runner.pk}/{response.json()['id']}/")
    assert [p.read_bytes() for p in stored(media)] == [STRAVA.read_bytes()]
    run_worker()
    body = as_runner.get(response.json()["url"]).json()
    assert body["status"] == "done"
    assert body["total_files"] == 4
    assert stored(media) == []
    assert not ImportUpload.objects.exists()
    assert Run.objects.for_user(runner).exists()


@pytest.mark.django_db
def test_an_upload_over_the_cap_is_a_413_that_names_the_cap_and_stores_nothing(
    as_runner, settings, media
):
    settings.IMPORT_MAX_UPLOAD_MB = 1
    response = post(as_runner, ("big.zip", b"PK\x03\x04" + b"\0" * (1024 * 1024 + 1)))
    assert response.status_code == 413
    assert response.json()["detail"] == "That upload is larger than 1 MB."
    assert not ImportJob.objects.exists()
    assert stored(media) == []


@pytest.mark.django_db
def test_an_anonymous_upload_is_refused_and_stores_nothing(api, media):
    response = post(api, ("export.zip", STRAVA.read_bytes()))
    assert response.status_code == 401
    assert not ImportJob.objects.exists()
    assert stored(media) == []


@pytest.mark.django_db
def test_another_runner_cannot_poll_a_queued_job_nor_touch_its_files(
    as_runner, as_other_runner, media
):
    job_url = post(as_runner, ("export.zip", STRAVA.read_bytes())).json()["url"]
    assert as_other_runner.get(job_url).status_code == 404
    assert as_other_runner.delete(job_url).status_code in (404, 405)
    assert len(stored(media)) == 1
    assert ImportJob.objects.get().status == ImportJob.Status.QUEUED


@pytest.fixture(scope="module")
def upload_schema(django_db_blocker) -> dict:
    from rest_framework.test import APIClient

    with django_db_blocker.unblock():
        schema = (
            APIClient()
            .get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
            .json()
        )
    body = schema["paths"]["/api/v1/imports/"]["post"]["requestBody"]["content"]
    ref = body["multipart/form-data"]["schema"]["$ref"].rsplit("/", 1)[1]
    return schema["components"]["schemas"][ref]


def zip_of(members: list[tuple[str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for number, (name, data) in enumerate(members):
            archive.writestr(f"{number}/{name}", data)
    return buffer.getvalue()


SAMPLE_FILES = [GPX_RUN, SAMPLES / "fit" / "run-fr110-4.8km-hr-gps.fit", STRAVA] + sorted(
    (SAMPLES / "tcx" / "invalid").glob("*")
)[:3]
NAMES = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=30
).map(lambda stem: stem.replace('"', "").replace("/", "") or "f") | st.sampled_from(
    ["run.gpx", "run.fit", "run.tcx", "export.zip", "run.gpx.gz", "x"]
)
CONTENTS = st.one_of(
    st.binary(max_size=3000),
    st.sampled_from(SAMPLE_FILES)
    .map(Path.read_bytes)
    .flatmap(  # real files cut short
        lambda data: st.integers(0, len(data)).map(lambda n, data=data: data[:n])
    ),
    st.lists(st.tuples(NAMES, st.binary(max_size=500)), max_size=3).map(zip_of),
    st.sampled_from(SAMPLE_FILES).map(Path.read_bytes),
)


def file_strategy(field: dict) -> st.SearchStrategy:
    """The schema's "files" (an array of binary strings) as lists of uploads."""
    assert field["type"] == "array"
    assert field["items"]["format"] == "binary"
    return st.lists(st.tuples(NAMES, CONTENTS), max_size=3)


@pytest.mark.django_db
def test_no_generated_upload_makes_the_import_endpoint_fail(
    as_runner, upload_schema, media, django_capture_on_commit_callbacks
):
    files = file_strategy(upload_schema["properties"]["files"])

    @settings(
        max_examples=40,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(files=files, extra=st.dictionaries(st.sampled_from(["files", "x"]), st.text(max_size=5)))
    def check(files, extra):
        cache.clear()  # no throttling in the middle of the run
        jobs_before = ImportJob.objects.count()
        stored_before = len(stored(media))
        uploads = [SimpleUploadedFile(name, data) for name, data in files]
        payload = {**extra, "files": uploads} if uploads else extra
        with django_capture_on_commit_callbacks(execute=True):  # deletions happen on commit
            response = as_runner.post("/api/v1/imports/", payload, format="multipart")
        assert response.status_code < 500, (files, response.content[:300])
        if response.status_code >= 400:
            assert ImportJob.objects.count() == jobs_before  # nothing half-saved
            assert len(stored(media)) == stored_before
            return
        job = ImportJob.objects.get(pk=response.json()["id"])
        if response.status_code == 201:
            assert job.status == ImportJob.Status.DONE
            assert not job.uploads.exists()
            assert len(stored(media)) == stored_before
        else:
            assert response.status_code == 202
            # Each received file (Django's parser drops a part whose name it cannot use) is
            # one row and one stored file.
            assert 1 <= job.uploads.count() <= len(uploads)
            assert len(stored(media)) == stored_before + job.uploads.count()

    check()


@pytest.mark.django_db
def test_a_body_declared_over_the_cap_is_refused_before_it_is_read(as_runner, settings, media):
    settings.IMPORT_MAX_UPLOAD_MB = 1
    response = as_runner.generic(
        "POST",
        "/api/v1/imports/",
        b"not read",
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(2 * 1024 * 1024),
    )
    assert response.status_code == 413
    assert response.json()["detail"] == "That upload is larger than 1 MB."
    assert not ImportJob.objects.exists()
