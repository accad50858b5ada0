"""The default ZIP caps (legsite/settings.py) let a large real export through and still stop
bombs: the member cap, the total cap and the nesting depth, checked with the settings as
shipped, not with limits the test picks."""

import io
import time
import zipfile

import pytest
from django.conf import settings

from tracker.transfer.imports import import_files
from tracker.transfer.parsers import iter_zip_members
from tracker.transfer.report import MB

pytestmark = pytest.mark.django_db


def default_limits() -> dict:
    return {
        "max_files": settings.IMPORT_ZIP_MAX_FILES,
        "max_total_bytes": settings.IMPORT_ZIP_MAX_TOTAL_MB * MB,
        "max_member_bytes": settings.IMPORT_ZIP_MAX_MEMBER_MB * MB,
    }


def test_an_export_of_3000_activities_is_within_the_count_cap():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for number in range(3000):
            archive.writestr(f"activities/{number}.gpx", b"<gpx/>")
    assert len(list(iter_zip_members(buffer.getvalue(), **default_limits()))) == 3000


def test_a_member_that_unpacks_past_the_member_cap_is_refused_quickly(runner):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("run.gpx", b"\0" * (settings.IMPORT_ZIP_MAX_MEMBER_MB * MB + 1))
    assert len(buffer.getvalue()) < 200 * 1024  # the attack's upload is small
    started = time.perf_counter()
    report = import_files(user=runner, files=[("bomb.zip", buffer.getvalue())])
    assert time.perf_counter() - started < 2
    assert [f.status for f in report.files] == ["refused"]
    assert "this protects the site against ZIP bombs" in report.files[0].messages[0]


def test_members_that_together_unpack_past_the_total_cap_are_refused_before_reading(
    runner, settings
):
    settings.IMPORT_ZIP_MAX_TOTAL_MB = 8  # the shipped 4 GB would take a test minutes to build
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for number in range(3):
            archive.writestr(f"{number}.gpx", b"\0" * (3 * MB))
    report = import_files(user=runner, files=[("bomb.zip", buffer.getvalue())])
    assert [f.status for f in report.files] == ["refused"]
    assert "unpack to more than 8 MB in all" in report.files[0].messages[0]


def test_zips_nested_three_deep_are_refused(runner):
    inner = b"<gpx/>"
    name = "run.gpx"
    for depth in range(4):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr(name, inner)
        inner, name = buffer.getvalue(), f"level{depth}.zip"
    report = import_files(user=runner, files=[("nested.zip", inner)])
    assert [f.status for f in report.files] == ["refused"]
    assert "nested more than 2 levels deep" in report.files[0].messages[0]
