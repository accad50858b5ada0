"""Sixteen uploads at once of one activity in different bytes (a GPX re-exported, a comment
added): they must give one run, not two. Before the profile lock, PostgreSQL saved two in 2 of
4 trials; the lock serialises the saving of one runner's imports."""

import threading

import pytest
from django.db import connection

from tests.samples import SAMPLES
from tracker.log.models import Run, get_profile
from tracker.transfer.imports import import_files

GPX_RUN = SAMPLES / "gpx" / "run-garmin-3.1km-hr.gpx"
UPLOADS = 16


@pytest.mark.django_db(transaction=True)
def test_simultaneous_uploads_of_one_activity_in_different_bytes_give_one_run(runner):
    get_profile(runner)
    data = GPX_RUN.read_bytes()
    variants = [data + f"\n<!-- copy {n} -->\n".encode() for n in range(UPLOADS)]
    start = threading.Barrier(UPLOADS)
    statuses: list[str] = []
    errors: list[BaseException] = []

    def upload(n: int) -> None:
        try:
            start.wait()
            report = import_files(user=runner, files=[(f"copy-{n}.gpx", variants[n])])
            statuses.extend(f.status for f in report.files)
        except BaseException as error:  # noqa: BLE001 -- reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=upload, args=(n,)) for n in range(UPLOADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert Run.objects.for_user(runner).count() == 1
    assert statuses.count("imported") == 1
    assert len(statuses) == UPLOADS
