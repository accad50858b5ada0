"""Compression bombs that unpack to nothing: thousands of empty gzip members in one file.

No output cap fires on them (they unpack to 0 bytes); what used to take minutes was the work,
quadratic in the number of members. They are refused now, fast, and real concatenated gzip
files (a few members, NUL padding after the last) still unpack.
"""

import gzip
import io
import time
import zipfile

import pytest

from tests.samples import SAMPLES
from tracker.transfer.imports import import_files
from tracker.transfer.parsers import ActivityFileError, decompress_gzip, iter_zip_members
from tracker.transfer.parsers.archive import MAX_GZIP_MEMBERS

MB = 1024 * 1024
GPX_RUN = SAMPLES / "gpx" / "run-garmin-3.1km-hr.gpx"
EMPTY_MEMBER = gzip.compress(b"")


def empty_members(total_bytes: int) -> bytes:
    return EMPTY_MEMBER * (total_bytes // len(EMPTY_MEMBER))


def zip_of(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return buffer.getvalue()


def test_a_gzip_of_thousands_of_empty_members_is_refused_within_a_second():
    bomb = empty_members(2 * MB)  # about 100,000 members; took 3.5 s before, growing as n²
    started = time.perf_counter()
    with pytest.raises(ActivityFileError, match="compressed parts"):
        decompress_gzip(bomb, max_bytes=50 * MB, name="run.gpx.gz")
    assert time.perf_counter() - started < 1


def test_an_8_mb_bomb_inside_a_zip_is_refused_within_a_second():
    archive = zip_of({"export/activities/1.gpx.gz": empty_members(8 * MB)})
    assert len(archive) < 100 * 1024  # the attack's upload is small
    started = time.perf_counter()
    with pytest.raises(ActivityFileError, match="compressed parts"):
        list(
            iter_zip_members(
                archive, max_files=2000, max_total_bytes=500 * MB, max_member_bytes=50 * MB
            )
        )
    assert time.perf_counter() - started < 1


def test_the_work_is_linear_in_the_input_up_to_the_member_cap():
    """With the cap lifted, 4x the members takes about 4x the time, not 16x."""

    def seconds(members: int) -> float:
        data = EMPTY_MEMBER * members
        started = time.perf_counter()
        decompress_gzip(data, max_bytes=MB, max_members=members + 1)
        return time.perf_counter() - started

    small, large = seconds(20_000), seconds(80_000)
    assert large < 8 * max(small, 0.005)


@pytest.mark.django_db
def test_an_uploaded_gzip_bomb_is_refused_in_the_report_quickly(runner):
    started = time.perf_counter()
    report = import_files(user=runner, files=[("run.gpx.gz", empty_members(2 * MB))])
    assert time.perf_counter() - started < 1
    assert [f.status for f in report.files] == ["refused"]
    assert "compressed parts" in report.files[0].messages[0]


def test_a_real_concatenated_gzip_with_padding_still_unpacks():
    gpx = GPX_RUN.read_bytes()
    half = len(gpx) // 2
    data = gzip.compress(gpx[:half]) + gzip.compress(gpx[half:]) + b"\x00" * 100_000
    assert decompress_gzip(data, max_bytes=10 * MB) == gpx


def test_exactly_the_member_cap_still_unpacks():
    data = gzip.compress(b"<gpx>") + EMPTY_MEMBER * (MAX_GZIP_MEMBERS - 1)
    assert decompress_gzip(data, max_bytes=MB) == b"<gpx>"
    with pytest.raises(ActivityFileError, match="compressed parts"):
        decompress_gzip(data + EMPTY_MEMBER, max_bytes=MB)


def test_a_member_split_across_the_read_chunks_unpacks():
    import os

    noise = os.urandom(300_000)  # incompressible: the gzip member spans several 64 KB chunks
    data = gzip.compress(noise) + gzip.compress(b"tail")
    assert decompress_gzip(data, max_bytes=MB) == noise + b"tail"


def test_a_truncated_gzip_is_damaged_not_a_hang():
    data = gzip.compress(GPX_RUN.read_bytes())[:-30]
    with pytest.raises(ActivityFileError, match="damaged"):
        decompress_gzip(data, max_bytes=10 * MB)
