"""Uploads waiting for the worker move from a BinaryField to Django's default storage.

Any upload still waiting (a queued or failed job) is written out to a file first, so the
worker, or the admin's "retry", finds it there; nothing waiting is lost."""

from django.core.files.base import ContentFile
from django.db import migrations, models

import tracker.transfer.models


def bytes_to_files(apps, schema_editor):
    ImportUpload = apps.get_model("tracker", "ImportUpload")
    for upload in ImportUpload.objects.select_related("job").iterator(chunk_size=20):
        # upload_to (tracker.transfer.models.upload_path) makes the private path.
        upload.file.save(upload.name, ContentFile(bytes(upload.data or b"")), save=False)
        upload.size = len(upload.data or b"")
        upload.save(update_fields=["file", "size"])


def files_to_bytes(apps, schema_editor):
    ImportUpload = apps.get_model("tracker", "ImportUpload")
    for upload in ImportUpload.objects.iterator(chunk_size=20):
        if upload.file.name:
            with upload.file.open("rb") as stored:
                upload.data = stored.read()
            upload.save(update_fields=["data"])


class Migration(migrations.Migration):
    dependencies = [
        ("tracker", "0011_strength_duration"),
    ]

    operations = [
        migrations.AddField(
            model_name="importupload",
            name="file",
            field=models.FileField(
                default="", max_length=500, upload_to=tracker.transfer.models.upload_path
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="importupload",
            name="size",
            field=models.PositiveBigIntegerField(default=0),
        ),
        migrations.AlterField(
            model_name="importupload",
            name="data",
            field=models.BinaryField(null=True),
        ),
        migrations.RunPython(bytes_to_files, files_to_bytes, elidable=True),
        migrations.RemoveField(
            model_name="importupload",
            name="data",
        ),
    ]
