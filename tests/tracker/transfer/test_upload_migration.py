"""Migration 0012: uploads still waiting in the old BinaryField (a queued or failed job) are
written out to storage, byte for byte, so the worker or a retry finds them there."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("tracker", "0011_strength_duration")]
AFTER = [("tracker", "0012_import_upload_in_storage")]


@pytest.mark.django_db(transaction=True)
def test_waiting_upload_bytes_are_written_to_storage(settings, tmp_path, django_user_model):
    settings.MEDIA_ROOT = tmp_path / "media"
    user = django_user_model.objects.create_user("waiting")
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    job = old.get_model("tracker", "ImportJob").objects.create(user_id=user.pk)
    old.get_model("tracker", "ImportUpload").objects.create(
        job=job, name="morning run.gpx", data=b"<gpx>waiting</gpx>"
    )
    try:
        executor = MigrationExecutor(connection)
        executor.migrate(AFTER)
        new = executor.loader.project_state(AFTER).apps
        upload = new.get_model("tracker", "ImportUpload").objects.get()
        assert upload.file.name.startswith(f"imports/{user.pk}/{job.pk}/")
        assert upload.size == len(b"<gpx>waiting</gpx>")
        assert (settings.MEDIA_ROOT / upload.file.name).read_bytes() == b"<gpx>waiting</gpx>"
    finally:
        call_command("migrate", verbosity=0)  # back to the latest, for the tests after
