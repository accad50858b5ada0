"""Importing watch files into a runner's log: the write side of tracker/importers/.

`import_files(user=..., files=[(name, bytes), ...])` reads GPX, TCX and FIT files, ZIP archives of
them (a Strava bulk export) and legsite's own account export, and saves runs and weight-scale
readings. Each file is saved in its own transaction: a bad file is refused with a message that
names it, the good files of the same upload are still imported, and nothing is half-saved.

Decisions:

* Duplicates: a file is identified by the SHA-256 of its bytes (a ZIP member by its own bytes),
  and each activity by (user, file hash, position in the file), enforced by a unique constraint.
  The position is deterministic because the parser is: the same bytes give the same activities
  in the same order. A second upload of a file says "already imported" before parsing it, which
  also makes re-uploading a whole export cheap. The same run exported twice in different formats
  (the GPX and TCX of one activity) has different bytes; it is caught by its start time instead:
  a run starting within a minute of one already in the log is refused as a duplicate.
* Sports: "running" becomes a run, and so does "unknown" when the file names no sport at all
  (a GPX without <type>, a treadmill FIT). In a file that names the sports of its parts (a
  multisport FIT), a part without a sport is skipped like the rides and transitions, and the
  report says what was skipped.
* Plausibility: the log's bounds (tracker/bounds.py, the same as the forms') apply. An
  activity that cannot be a run (faster than 1:30/km after the parser dropped GPS glitches,
  longer than 48 h, no duration) is refused with a message; a heart rate or climb outside the
  bounds is left out with a note, and the run is kept.
* Dates: a run's date is its start in the runner's time zone. A file without an absolute time
  (some FIT files only have the watch's own clock) is dated on the day of the upload, and the
  report says so.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from tracker.log.models import LegMeasurement, Profile, Run, get_profile
from tracker.transfer import restore
from tracker.transfer.parsers import (
    ActivityFileError,
    decompress_gzip,
    iter_zip_members,
    parse_activity_file,
)
from tracker.transfer.parsers.base import display_name
from tracker.transfer.report import MB, FileOutcome, ImportReport, Status, is_zip, sha256
from tracker.transfer.rows import (
    SKIPPED_NOUNS,
    and_list,
    build_measurements,
    build_run,
    label_for,
    plural,
    runnable,
)

log = logging.getLogger(__name__)

__all__ = ["MB", "ImportReport", "import_files", "is_zip"]

# A run starting this close to one already in the log is the same run.
SAME_START_S = 60

ProgressCallback = Callable[[int, int], None]


# --------------------------------------------------------------------------------------------
# Unpacking uploads into files
# --------------------------------------------------------------------------------------------


@dataclass
class _Unit:
    """One thing to import: an activity file, or a legsite account export."""

    name: str
    data: bytes
    account_export: dict | None = None


def _expand(name: str, data: bytes, report: ImportReport) -> list[_Unit]:
    """An upload as the files to import; a broken archive becomes a refused outcome."""

    shown = display_name(name)
    member_cap = settings.IMPORT_ZIP_MAX_MEMBER_MB * MB
    try:
        if is_zip(data):
            export = restore.read_account_export(data)
            if export is not None:
                return [_Unit(shown, data, account_export=export)]
            members = list(
                iter_zip_members(
                    data,
                    max_files=settings.IMPORT_ZIP_MAX_FILES,
                    max_total_bytes=settings.IMPORT_ZIP_MAX_TOTAL_MB * MB,
                    max_member_bytes=member_cap,
                )
            )
            if not members:
                raise ActivityFileError("The ZIP archive holds no GPX, TCX or FIT files.")
            return [_Unit(f"{shown} › {display_name(m)}", raw) for m, raw in members]
        if shown.lower().endswith(".gz") and data[:2] == b"\x1f\x8b":
            unpacked = decompress_gzip(data, max_bytes=member_cap, name=shown)
            return [_Unit(shown[:-3], unpacked)]
    except ActivityFileError as error:
        message = str(error)
        if not message.startswith(shown):  # "The ZIP archive is damaged" names no file
            if message.startswith("The "):
                message = "t" + message[1:]
            message = f"{shown}: {message}"
        report.files.append(FileOutcome(shown, Status.REFUSED, [message], bytes=len(data)))
        return []
    return [_Unit(shown, data)]


# --------------------------------------------------------------------------------------------
# The import
# --------------------------------------------------------------------------------------------


def import_files(
    *,
    user,
    files: Iterable[tuple[str, bytes]],
    on_progress: ProgressCallback | None = None,
) -> ImportReport:
    """Import uploaded files (name, bytes) into `user`'s log, one transaction per file.

    `on_progress(done, total)` is called after each file (ZIP archives count their members).
    Never raises for a bad file: every file gets an outcome in the report.
    """
    profile = get_profile(user)
    report = ImportReport()
    units: list[_Unit] = []
    for name, data in files:
        units.extend(_expand(name, data, report))
    total = len(units)
    hashes = [sha256(unit.data) for unit in units]
    known = set(
        Run.objects.for_user(user)
        .filter(source_hash__in=set(hashes))
        .values_list("source_hash", flat=True)
    ) | set(
        LegMeasurement.objects.for_user(user)
        .filter(source_hash__in=set(hashes))
        .values_list("source_hash", flat=True)
    )
    first_name_of: dict[str, str] = {}
    if on_progress:
        on_progress(0, total)
    for done, (unit, digest) in enumerate(zip(units, hashes, strict=True), start=1):
        if unit.account_export is not None:
            report.files.append(_import_account_export(user, unit))
        elif digest in known:
            report.files.append(
                FileOutcome(
                    unit.name,
                    Status.DUPLICATE,
                    [f"{unit.name} was already imported; nothing was added."],
                    bytes=len(unit.data),
                )
            )
        elif digest in first_name_of:
            report.files.append(
                FileOutcome(
                    unit.name,
                    Status.DUPLICATE,
                    [f"{unit.name} is the same file as {first_name_of[digest]} in this upload."],
                    bytes=len(unit.data),
                )
            )
        else:
            first_name_of[digest] = unit.name
            report.files.append(_import_one(user, profile, unit, digest))
        if on_progress:
            on_progress(done, total)
    return report


def _import_one(user, profile: Profile, unit: _Unit, digest: str) -> FileOutcome:
    outcome = FileOutcome(unit.name, Status.REFUSED, bytes=len(unit.data))
    try:
        parsed = parse_activity_file(unit.name, unit.data)
    except ActivityFileError as error:
        outcome.messages.append(str(error))
        return outcome
    notes = list(parsed.notes)
    kept, skipped = runnable(parsed)
    now = timezone.now()
    runs: list[Run] = []
    for index, activity in kept:
        label = label_for(unit.name, activity, len(kept))
        run, refusal = build_run(
            user=user,
            profile=profile,
            name=unit.name,
            label=label,
            activity=activity,
            notes=notes,
        )
        if run is None:
            notes.append(refusal)
            continue
        duplicate = _run_starting_near(user, run.start_time)
        if duplicate is not None:
            notes.append(
                f"{label} was not imported: your log already has a run starting at the same "
                f"time ({duplicate.date:%Y-%m-%d}"
                f"{', from ' + duplicate.source_name if duplicate.source_name else ''})."
            )
            continue
        run.source_hash, run.source_index, run.imported_at = digest, index, now
        runs.append(run)
    if skipped:
        things = and_list([plural(n, SKIPPED_NOUNS[sport]) for sport, n in skipped.items()])
        notes.append(f"{unit.name}: skipped {things} (only runs are imported).")
    measurements = build_measurements(
        user=user, profile=profile, label=unit.name, parsed=parsed, notes=notes
    )
    for measurement in measurements:
        measurement.source_hash = digest
    outcome.messages = notes
    if not runs and not measurements:
        if not kept and not parsed.weights:
            notes.append(f"{unit.name} holds no run, so nothing was imported.")
        return outcome
    try:
        with transaction.atomic():
            Run.objects.bulk_create(runs)
            LegMeasurement.objects.bulk_create(measurements)
    except IntegrityError:
        if _already_imported(user, digest):  # by another request or worker, just now
            return FileOutcome(
                unit.name,
                Status.DUPLICATE,
                [f"{unit.name} was already imported; nothing was added."],
                bytes=len(unit.data),
            )
        log.exception("Could not save %s", unit.name)
        outcome.messages.append(f"{unit.name} could not be saved; nothing of it was kept.")
        return outcome
    outcome.status = Status.IMPORTED
    outcome.runs, outcome.measurements = len(runs), len(measurements)
    return outcome


def _already_imported(user, digest: str) -> bool:
    return (
        Run.objects.for_user(user).filter(source_hash=digest).exists()
        or LegMeasurement.objects.for_user(user).filter(source_hash=digest).exists()
    )


def _run_starting_near(user, start: datetime.datetime | None) -> Run | None:
    if start is None:
        return None
    window = datetime.timedelta(seconds=SAME_START_S)
    return (
        Run.objects.for_user(user)
        .filter(start_time__range=(start - window, start + window))
        .only("date", "source_name")
        .first()
    )


def _import_account_export(user, unit: _Unit) -> FileOutcome:

    outcome = FileOutcome(unit.name, Status.REFUSED, bytes=len(unit.data))
    try:
        counts = restore.restore_account(user=user, payload=unit.account_export)
    except restore.ExportFileError as error:
        outcome.messages.append(f"{unit.name}: {error}")
        return outcome
    outcome.status = Status.IMPORTED
    outcome.runs = counts["runs"]
    outcome.measurements = counts["measurements"]
    outcome.messages.append(
        f"{unit.name} is a legsite account export: restored {counts['runs']} runs, "
        f"{counts['strength_sessions']} strength sessions, {counts['measurements']} "
        f"measurements, {counts['protein']} protein entries and {counts['exercises']} "
        "exercises of your own."
    )
    return outcome
