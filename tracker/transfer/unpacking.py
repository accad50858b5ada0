"""An upload as the files to import, one at a time: ZIPs (also inside ZIPs) and gzip members
opened, a legsite account export recognised, and Strava's activities.csv matched to its files.

An upload is a seekable binary file (in the worker, the stored upload opened where it lies);
a ZIP is read member by member from it, so memory holds one activity file at a time however
large the archive is."""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

from django.conf import settings

from tracker.transfer import restore
from tracker.transfer.parsers import (
    ActivityFileError,
    decompress_gzip,
    iter_zip_members,
)
from tracker.transfer.parsers.base import display_name
from tracker.transfer.report import MB, FileOutcome, ImportReport, Status, is_zip
from tracker.transfer.strava import StravaActivity, read_activities_csv


@dataclass
class Unit:
    """One thing to import: an activity file, or a legsite account export."""

    name: str
    data: bytes
    account_export: dict | None = None
    strava: StravaActivity | None = None  # its row in Strava's activities.csv
    archive: BinaryIO | None = None  # an account export's ZIP, read where it lies
    size: int = -1  # bytes, as uploaded or unpacked

    def __post_init__(self):
        if self.size < 0:
            self.size = len(self.data)


@dataclass
class Plan:
    """How many files an upload holds, for the progress count: each upload counts one until
    it is opened, then an archive counts its members (nested archives as they open)."""

    total: int = 0

    def opened(self, members: int) -> None:
        self.total += members - 1


def as_file(source: bytes | BinaryIO) -> BinaryIO:
    return io.BytesIO(source) if isinstance(source, bytes | bytearray | memoryview) else source


def _size_and_head(source: BinaryIO) -> tuple[int, bytes]:
    source.seek(0, io.SEEK_END)
    size = source.tell()
    source.seek(0)
    head = source.read(4)
    source.seek(0)
    return size, head


def expand(name: str, source: BinaryIO, report: ImportReport, user, plan: Plan) -> Iterator[Unit]:
    """The files to import in one upload, read one at a time; a broken archive or a file too
    large becomes a refused outcome (after the members read before the damage)."""
    shown = display_name(name)
    member_cap = settings.IMPORT_ZIP_MAX_MEMBER_MB * MB
    size, head = _size_and_head(source)
    yielded = 0
    try:
        if is_zip(head):
            export = restore.read_account_export(source, user=user)
            if export is not None:
                yield Unit(shown, b"", account_export=export, archive=source, size=size)
                return
            source.seek(0)
            described: dict[str, StravaActivity] = {}
            for member, raw in iter_zip_members(
                source,
                max_files=settings.IMPORT_ZIP_MAX_FILES,
                max_total_bytes=settings.IMPORT_ZIP_MAX_TOTAL_MB * MB,
                max_member_bytes=member_cap,
                companions=True,  # activities.csv comes before the files it describes
                on_archive=plan.opened,
            ):
                if member.lower().endswith(".csv"):
                    if display_name(member).lower() == "activities.csv":
                        described |= read_activities_csv(raw)
                    plan.total -= 1
                    continue
                yielded += 1
                strava = strava_activity_for(member, described)
                yield Unit(f"{shown} › {display_name(member)}", raw, strava=strava)
            if not yielded:
                raise ActivityFileError("The ZIP archive holds no GPX, TCX or FIT files.")
            return
        if size > member_cap:
            raise ActivityFileError(
                f"{shown} is larger than {settings.IMPORT_ZIP_MAX_MEMBER_MB} MB, more than one "
                "activity file holds, so it was not read. Upload a ZIP archive of your files."
            )
        data = source.read()
        if shown.lower().endswith(".gz") and data[:2] == b"\x1f\x8b":
            unpacked = decompress_gzip(data, max_bytes=member_cap, name=shown)
            yield Unit(shown[:-3], unpacked)
            return
        yield Unit(shown, data)
    except ActivityFileError as error:
        message = str(error)
        if not message.startswith(shown):  # "The ZIP archive is damaged" names no file
            if message.startswith("The "):
                message = "t" + message[1:]
            message = f"{shown}: {message}"
        if yielded:
            message += (
                f" The {yielded} activity file{'s' if yielded != 1 else ''} read before it "
                "went through the import as reported here."
            )
        report.files.append(FileOutcome(shown, Status.REFUSED, [message], bytes=size))


def strava_activity_for(member: str, described: dict[str, StravaActivity]) -> StravaActivity | None:
    """The CSV row for a member: "Filename" is relative to the export's root, which may sit in
    a folder of the uploaded ZIP ("export_123/activities/1.gpx")."""
    parts = member.replace("\\", "/").split("/")
    for start in range(len(parts)):
        found = described.get("/".join(parts[start:]))
        if found is not None:
            return found
    return None
