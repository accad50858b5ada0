"""Account exports built to exhaust the worker: a few KB of ZIP holding tens of MB of "{}" rows,
NaN and Infinity (which Python's JSON reader accepts), and exports sent to a non-empty account."""

import io
import json
import tracemalloc
import zipfile

import pytest

from tests.factories import UserFactory
from tests.tracker.factories import RunFactory
from tracker.log.models import Run
from tracker.transfer import restore
from tracker.transfer.imports import import_files

MB = 1024 * 1024
pytestmark = pytest.mark.django_db


def export_zip(text: str | bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("legsite-export.json", text)
    return buffer.getvalue()


def empty_rows_bomb(megabytes: int) -> bytes:
    rows = "{}," * (megabytes * MB // 3)
    return export_zip('{"format": "legsite-account-export", "runs": [' + rows + "{}]}")


def test_a_bomb_of_empty_rows_is_refused_without_building_it(runner):
    bomb = empty_rows_bomb(20)  # 20 MB of "{}": about 7 million dicts, 500 MB once parsed
    assert len(bomb) < 100 * 1024
    tracemalloc.start()
    try:
        report = import_files(user=runner, files=[("export.zip", bomb)])
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert report.files[0].status == "refused"
    assert "larger than a restore reads" in report.files[0].messages[0]
    assert peak < 60 * MB  # the raw JSON (20 MB) is read; no dict is built


def test_a_json_past_the_byte_cap_is_refused_before_it_is_read(runner):
    padding = " " * (restore.RESTORE_MAX_JSON_BYTES + 1)
    report = import_files(user=runner, files=[("export.zip", export_zip("{}" + padding))])
    assert report.files[0].status == "refused"
    assert "larger than a restore reads" in report.files[0].messages[0]


def test_an_account_with_entries_is_refused_before_the_json_is_parsed(runner, monkeypatch):
    RunFactory(user=runner)

    def must_not_parse(*args, **kwargs):
        raise AssertionError("parsed the JSON of an export that cannot be restored")

    monkeypatch.setattr(restore, "_parse_bounded", must_not_parse)
    report = import_files(user=runner, files=[("export.zip", empty_rows_bomb(1))])
    assert report.files[0].status == "refused"
    assert "can only be restored into an empty account" in report.files[0].messages[0]
    assert report.files[0].messages[0].startswith("export.zip: ")


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_nan_and_infinity_in_an_export_are_refused(full_export_payload, constant):
    text = json.dumps(full_export_payload).replace(
        '"distance_m": 5000.0', f'"distance_m": {constant}'
    )
    assert constant in text
    newcomer = UserFactory(username="nina")
    report = import_files(user=newcomer, files=[("export.zip", export_zip(text))])
    assert report.files[0].status == "refused"
    assert not Run.objects.for_user(newcomer).exists()


@pytest.mark.parametrize("distance", [2.2e-313, 5e-324, 0.5])
def test_a_subnormal_or_sub_metre_distance_in_an_export_is_refused(full_export_payload, distance):
    full_export_payload["runs"][0]["distance_m"] = distance
    newcomer = UserFactory(username="nina")
    report = import_files(
        user=newcomer, files=[("export.zip", export_zip(json.dumps(full_export_payload)))]
    )
    assert report.files[0].status == "refused"
    assert "out of bounds" in report.files[0].messages[0]
    assert not Run.objects.for_user(newcomer).exists()


@pytest.fixture
def full_export_payload(runner):
    from tracker.transfer import exports

    RunFactory(user=runner, distance_m=5000.0, duration_s=1500)
    return exports.account_data(runner)
