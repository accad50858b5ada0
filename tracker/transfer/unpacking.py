"""An upload as the files to import: ZIPs (also inside ZIPs) and gzip members opened, a
legsite account export recognised, and Strava's activities.csv matched to its files."""

from __future__ import annotations

from dataclasses import dataclass

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


def expand(name: str, data: bytes, report: ImportReport, user) -> list[Unit]:
    """An upload as the files to import; a broken archive becomes a refused outcome."""

    shown = display_name(name)
    member_cap = settings.IMPORT_ZIP_MAX_MEMBER_MB * MB
    try:
        if is_zip(data):
            export = restore.read_account_export(data, user=user)
            if export is not None:
                return [Unit(shown, data, account_export=export)]
            members = list(
                iter_zip_members(
                    data,
                    max_files=settings.IMPORT_ZIP_MAX_FILES,
                    max_total_bytes=settings.IMPORT_ZIP_MAX_TOTAL_MB * MB,
                    max_member_bytes=member_cap,
                    companions=True,
                )
            )
            described: dict[str, StravaActivity] = {}
            for member, raw in members:
                if display_name(member).lower() == "activities.csv":
                    described |= read_activities_csv(raw)
            activities = [(m, raw) for m, raw in members if not m.lower().endswith(".csv")]
            if not activities:
                raise ActivityFileError("The ZIP archive holds no GPX, TCX or FIT files.")
            return [
                Unit(f"{shown} › {display_name(m)}", raw, strava=strava_activity_for(m, described))
                for m, raw in activities
            ]
        if shown.lower().endswith(".gz") and data[:2] == b"\x1f\x8b":
            unpacked = decompress_gzip(data, max_bytes=member_cap, name=shown)
            return [Unit(shown[:-3], unpacked)]
    except ActivityFileError as error:
        message = str(error)
        if not message.startswith(shown):  # "The ZIP archive is damaged" names no file
            if message.startswith("The "):
                message = "t" + message[1:]
            message = f"{shown}: {message}"
        report.files.append(FileOutcome(shown, Status.REFUSED, [message], bytes=len(data)))
        return []
    return [Unit(shown, data)]


def strava_activity_for(member: str, described: dict[str, StravaActivity]) -> StravaActivity | None:
    """The CSV row for a member: "Filename" is relative to the export's root, which may sit in
    a folder of the uploaded ZIP ("export_123/activities/1.gpx")."""
    parts = member.replace("\\", "/").split("/")
    for start in range(len(parts)):
        found = described.get("/".join(parts[start:]))
        if found is not None:
            return found
    return None
