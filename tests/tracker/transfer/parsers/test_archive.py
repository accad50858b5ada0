"""ZIP uploads (a Strava bulk export, say), built here in memory from the real samples."""

import gzip
import io
import zipfile

import pytest

from tests.samples import SAMPLES
from tracker.transfer.parsers import (
    ActivityFileError,
    decompress_gzip,
    iter_zip_members,
    parse_activity_file,
)

GPX_RUN = SAMPLES / "gpx" / "run-garmin-3.1km-hr.gpx"
GPX_BIG = SAMPLES / "gpx" / "run-strava-12km-hr-pauses.gpx"
TCX_RUN = SAMPLES / "tcx" / "run-4.7km-3laps-hr.tcx"
FIT_RUN = SAMPLES / "fit" / "run-fr110-4.8km-hr-gps.fit"
FIT_OTHER = SAMPLES / "fit" / "run-fr645m-5.8km-hr-gps.fit"

MB = 1024 * 1024
LIMITS = {"max_files": 100, "max_total_bytes": 20 * MB, "max_member_bytes": 5 * MB}


def make_zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries.items():
            if name.endswith("/"):
                zf.writestr(zipfile.ZipInfo(name), b"")
            else:
                zf.writestr(name, data)
    return buffer.getvalue()


def patch_headers(data: bytes, *, size: int | None = None, flags: int | None = None) -> bytes:
    """Rewrite the declared uncompressed size and/or the flags of every member, in both the
    local headers and the central directory (what a hand-crafted hostile ZIP would do)."""
    out = bytearray(data)
    for signature, flag_at, size_at in ((b"PK\x03\x04", 6, 22), (b"PK\x01\x02", 8, 24)):
        start = 0
        while (at := out.find(signature, start)) != -1:
            if size is not None:
                out[at + size_at : at + size_at + 4] = size.to_bytes(4, "little")
            if flags is not None:
                out[at + flag_at : at + flag_at + 2] = flags.to_bytes(2, "little")
            start = at + 4
    return bytes(out)


def members(data: bytes, **limits) -> list[tuple[str, bytes]]:
    return list(iter_zip_members(data, **{**LIMITS, **limits}))


# --- what comes out ---------------------------------------------------------------------------


def test_zip_yields_activity_files_with_their_folders_and_skips_everything_else():
    archive = make_zip(
        {
            "export_1234/": b"",
            "export_1234/activities/": b"",
            "export_1234/activities/1001.gpx": GPX_RUN.read_bytes(),
            "export_1234/activities/1002.tcx": TCX_RUN.read_bytes(),
            "export_1234/activities/1003.fit": FIT_RUN.read_bytes(),
            "export_1234/activities/1004.fit.gz": gzip.compress(FIT_OTHER.read_bytes()),
            "export_1234/activities.csv": b"Activity ID,Activity Date\n1001,2012-10-24\n",
            "export_1234/media/photo.jpg": b"\xff\xd8\xff\xe0 not really a photo",
            "__MACOSX/export_1234/activities/._1001.gpx": b"\x00\x05\x16\x07 resource fork",
        }
    )
    found = members(archive)
    assert [name for name, _ in found] == [
        "export_1234/activities/1001.gpx",
        "export_1234/activities/1002.tcx",
        "export_1234/activities/1003.fit",
        "export_1234/activities/1004.fit",  # unpacked, ".gz" dropped from the name
    ]
    assert [data for _, data in found] == [
        GPX_RUN.read_bytes(),
        TCX_RUN.read_bytes(),
        FIT_RUN.read_bytes(),
        FIT_OTHER.read_bytes(),
    ]


def test_every_member_of_a_bulk_export_parses_into_a_run():
    archive = make_zip(
        {
            "activities/a.gpx": GPX_RUN.read_bytes(),
            "activities/b.tcx.gz": gzip.compress(TCX_RUN.read_bytes()),
            "activities/c.fit": FIT_RUN.read_bytes(),
        }
    )
    sports = []
    for name, data in members(archive):
        result = parse_activity_file(name, data)
        sports += [a.sport for a in result.activities]
    assert sports == ["unknown", "running", "running"]


def test_non_activity_files_do_not_count_towards_the_file_limit():
    entries = {f"notes/{i}.txt": b"x" for i in range(10)}
    entries.update({f"runs/{i}.gpx": GPX_RUN.read_bytes() for i in range(3)})
    assert len(members(make_zip(entries), max_files=3)) == 3


def test_empty_archive_yields_nothing():
    assert members(make_zip({"readme.txt": b"hello"})) == []


# --- limits -----------------------------------------------------------------------------------


def test_too_many_activity_files_are_refused_before_anything_is_yielded():
    archive = make_zip({f"runs/{i}.gpx": GPX_RUN.read_bytes() for i in range(4)})
    iterator = iter_zip_members(archive, **{**LIMITS, "max_files": 3})
    with pytest.raises(ActivityFileError) as info:
        next(iterator)
    assert str(info.value) == (
        "The ZIP archive holds 4 activity files; at most 3 can be imported at once."
    )


def test_member_that_unpacks_past_the_member_limit_is_refused_as_a_zip_bomb():
    bomb = b" " * (3 * MB)
    archive = make_zip({"bomb.gpx": bomb})
    assert len(archive) < 50_000  # 3 MB squeezed into a few KB
    with pytest.raises(
        ActivityFileError, match="bomb.gpx in the ZIP archive unpacks to more than 1 MB"
    ):
        members(archive, max_member_bytes=1 * MB)


def test_declared_size_past_the_limit_is_refused_without_unpacking():
    archive = patch_headers(make_zip({"run.gpx": GPX_RUN.read_bytes()}), size=4_000_000_000)
    with pytest.raises(ActivityFileError, match="ZIP bombs"):
        members(archive)


def test_member_whose_declared_size_lies_is_refused():
    # 3 MB of data declared as 1000 bytes: the declared-size check passes, reading does not.
    archive = patch_headers(make_zip({"liar.gpx": b" " * (3 * MB)}), size=1000)
    with pytest.raises(ActivityFileError, match=r"The ZIP archive is damaged: liar.gpx"):
        members(archive, max_member_bytes=1 * MB)


def test_gzip_member_that_unpacks_past_the_limit_is_caught_while_unpacking():
    # The ZIP declares only the small .gz size; only counting the unpacked bytes catches it.
    archive = make_zip({"activities/huge.fit.gz": gzip.compress(b"\x00" * (8 * MB))})
    with zipfile.ZipFile(io.BytesIO(archive)) as zf:
        assert zf.infolist()[0].file_size < 100_000
    with pytest.raises(ActivityFileError, match="huge.fit.gz unpacks to more than 1 MB"):
        members(archive, max_member_bytes=1 * MB)


def test_members_that_together_pass_the_total_limit_are_refused():
    archive = make_zip({f"runs/{i}.gpx": GPX_BIG.read_bytes() for i in range(3)})  # 3 x 476 KB
    with pytest.raises(ActivityFileError, match="unpack to more than 1 MB in all"):
        members(archive, max_total_bytes=1 * MB, max_member_bytes=1 * MB)


def test_gzip_members_count_towards_the_total_limit_once_unpacked():
    big = GPX_BIG.read_bytes()
    archive = make_zip({f"runs/{i}.gpx.gz": gzip.compress(big) for i in range(3)})
    with pytest.raises(ActivityFileError, match="unpack to more than 1 MB in all"):
        members(archive, max_total_bytes=1 * MB, max_member_bytes=1 * MB)


# --- hostile or broken archives ---------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    ["../evil.gpx", "runs/../../evil.gpx", "/etc/evil.gpx", "C:/evil.gpx", "..\\evil.gpx"],
)
def test_path_tricks_are_refused(name):
    archive = make_zip({"runs/ok.gpx": GPX_RUN.read_bytes(), name: GPX_RUN.read_bytes()})
    with pytest.raises(ActivityFileError, match="unsafe path"):
        members(archive)


def test_password_protected_archive_is_refused():
    archive = patch_headers(make_zip({"run.gpx": GPX_RUN.read_bytes()}), flags=0x1)
    with pytest.raises(ActivityFileError, match="password-protected"):
        members(archive)


@pytest.mark.parametrize(
    "data",
    [
        b"PK\x03\x04" + b"\x00" * 200,
        b"this is not a zip file at all",
        b"",
        make_zip({"run.gpx": GPX_RUN.read_bytes()})[:-30],  # central directory cut off
    ],
    ids=["garbage-after-signature", "text", "empty", "truncated"],
)
def test_corrupt_archive_is_refused_as_damaged(data):
    with pytest.raises(ActivityFileError, match="The ZIP archive is damaged or is not a ZIP file"):
        members(data)


def test_archive_with_a_corrupted_member_is_refused_as_damaged():
    archive = bytearray(make_zip({"run.gpx": GPX_RUN.read_bytes()}))
    middle = len(archive) // 3
    archive[middle : middle + 40] = b"\xaa" * 40  # inside the compressed data
    with pytest.raises(ActivityFileError, match=r"The ZIP archive is damaged: run.gpx"):
        members(bytes(archive))


def test_damaged_gzip_member_is_refused():
    archive = make_zip({"run.gpx.gz": gzip.compress(GPX_RUN.read_bytes())[:200]})
    with pytest.raises(ActivityFileError, match="run.gpx.gz is damaged"):
        members(archive)


# --- single gzip files --------------------------------------------------------------------------


def test_decompress_gzip_unpacks_a_gzipped_activity():
    assert decompress_gzip(gzip.compress(FIT_RUN.read_bytes()), max_bytes=MB) == (
        FIT_RUN.read_bytes()
    )


def test_decompress_gzip_refuses_output_past_its_limit():
    with pytest.raises(ActivityFileError, match="run.fit.gz unpacks to more than 1 MB"):
        decompress_gzip(gzip.compress(b"\x00" * (2 * MB)), max_bytes=MB, name="up/run.fit.gz")
