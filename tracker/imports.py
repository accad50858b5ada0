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
* Plausibility: the log's bounds (tracker/validation.py, the same as the forms') apply. An
  activity that cannot be a run (faster than 1:30/km after the parser dropped GPS glitches,
  longer than 48 h, no duration) is refused with a message; a heart rate or climb outside the
  bounds is left out with a note, and the run is kept.
* Dates: a run's date is its start in the runner's time zone. A file without an absolute time
  (some FIT files only have the watch's own clock) is dated on the day of the upload, and the
  report says so.
"""

from __future__ import annotations

import datetime
import hashlib
import logging
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from tracker import validation
from tracker.importers import (
    ActivityFileError,
    ParsedActivity,
    ParsedFile,
    decompress_gzip,
    iter_zip_members,
    parse_activity_file,
)
from tracker.importers.base import display_name
from tracker.models import ImportJob, LegMeasurement, Profile, Run, get_profile

log = logging.getLogger(__name__)

MB = 1024 * 1024
# A run starting this close to one already in the log is the same run.
SAME_START_S = 60
RUN_SPORTS = {"running"}
# What a skipped part is called in the report: "skipped 1 cycling session and 3 transitions".
SKIPPED_NOUNS = {
    "cycling": ("cycling session", "cycling sessions"),
    "walking": ("walk", "walks"),
    "hiking": ("hike", "hikes"),
    "swimming": ("swim", "swims"),
    "transition": ("transition", "transitions"),
    "other": ("session of another sport", "sessions of other sports"),
    "unknown": ("session without a sport", "sessions without a sport"),
}

ProgressCallback = Callable[[int, int], None]


class Status:
    IMPORTED = "imported"
    DUPLICATE = "duplicate"
    REFUSED = "refused"


@dataclass
class FileOutcome:
    """What happened to one file: imported (with notes), a duplicate, or refused."""

    name: str
    status: str
    messages: list[str] = field(default_factory=list)
    runs: int = 0
    measurements: int = 0
    bytes: int = 0


@dataclass
class ImportReport:
    files: list[FileOutcome] = field(default_factory=list)

    @property
    def runs(self) -> int:
        return sum(f.runs for f in self.files)

    @property
    def measurements(self) -> int:
        return sum(f.measurements for f in self.files)

    def with_status(self, status: str) -> list[FileOutcome]:
        return [f for f in self.files if f.status == status]

    @property
    def imported(self) -> list[FileOutcome]:
        return self.with_status(Status.IMPORTED)

    @property
    def duplicates(self) -> list[FileOutcome]:
        return self.with_status(Status.DUPLICATE)

    @property
    def refused(self) -> list[FileOutcome]:
        return self.with_status(Status.REFUSED)

    def summary(self) -> str:
        parts = [f"{self.runs} run{'' if self.runs == 1 else 's'} imported"]
        if self.measurements:
            parts.append(f"{self.measurements} measurement{'' if self.measurements == 1 else 's'}")
        if self.duplicates:
            parts.append(f"{len(self.duplicates)} already imported")
        if self.refused:
            parts.append(f"{len(self.refused)} refused")
        return ", ".join(parts) + "."

    def as_dict(self) -> dict:
        return {"files": [asdict(f) for f in self.files]}

    @classmethod
    def from_dict(cls, data: dict) -> ImportReport:
        return cls(files=[FileOutcome(**f) for f in (data or {}).get("files", [])])


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def is_zip(data: bytes) -> bool:
    return data[:4] in (b"PK\x03\x04", b"PK\x05\x06")


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
    from tracker import exports  # exports imports this module's report types

    shown = display_name(name)
    member_cap = settings.IMPORT_ZIP_MAX_MEMBER_MB * MB
    try:
        if is_zip(data):
            export = exports.read_account_export(data)
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
# From parsed activities to rows
# --------------------------------------------------------------------------------------------


def _plural(count: int, nouns: tuple[str, str]) -> str:
    return f"{count} {nouns[0] if count == 1 else nouns[1]}"


def _and_list(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _runnable(parsed: ParsedFile) -> tuple[list[tuple[int, ParsedActivity]], Counter]:
    """The activities to import as runs (with their position in the file), and the skipped
    ones counted by sport."""
    names_sports = any(a.sport != "unknown" for a in parsed.activities)
    kept, skipped = [], Counter()
    for index, activity in enumerate(parsed.activities):
        if activity.sport in RUN_SPORTS or (activity.sport == "unknown" and not names_sports):
            kept.append((index, activity))
        else:
            skipped[activity.sport] += 1
    return kept, skipped


def _label(name: str, activity: ParsedActivity, count: int) -> str:
    if count > 1 and activity.start_time is not None:
        return f"{name} (the run at {activity.start_time:%Y-%m-%d %H:%M} UTC)"
    return name


def _build_run(
    *, user, profile: Profile, name: str, label: str, activity: ParsedActivity, notes: list[str]
) -> tuple[Run | None, str | None]:
    """A Run for an activity, or None and the reason it cannot be one."""
    elapsed = round(activity.elapsed_s or 0)
    moving = round(activity.moving_s or 0)
    duration = elapsed or moving
    problems = validation.run_problems(
        distance_m=activity.distance_m, duration_s=duration, elevation_gain_m=None
    )
    if problems:
        return None, _refusal(label, activity.distance_m, duration, problems)
    if activity.start_time is not None:
        day = activity.start_time.astimezone(profile.zone).date()
    else:
        day = profile.today()
        notes.append(f"{label} has no calendar start time, so it was dated on the day of import.")
    date_problem = validation.date_problems(day, profile.today())
    if date_problem:
        return None, f"{label} was not imported: its date, {day:%Y-%m-%d}, is not accepted. " + (
            date_problem["date"]
        )
    elevation = activity.elevation_gain_m
    if elevation is not None and validation.run_problems(
        distance_m=activity.distance_m, duration_s=duration, elevation_gain_m=elevation
    ):
        notes.append(f"{label}: its elevation gain ({elevation:,.0f} m) is implausible; left out.")
        elevation = None
    avg_hr, max_hr = activity.avg_hr_bpm, activity.max_hr_bpm
    hr_problems = validation.heart_rate_problems(avg_hr, max_hr)
    if "avg_hr_bpm" in hr_problems:
        notes.append(f"{label}: its average heart rate ({avg_hr} bpm) is implausible; left out.")
        avg_hr = None
    if "max_hr_bpm" in hr_problems:
        notes.append(f"{label}: its maximum heart rate ({max_hr} bpm) is implausible; left out.")
        max_hr = None
    return (
        Run(
            user=user,
            date=day,
            start_time=activity.start_time,
            distance_m=activity.distance_m,
            duration_s=duration,
            moving_s=moving if 0 < moving <= duration else None,
            elevation_gain_m=elevation,
            avg_hr_bpm=avg_hr,
            max_hr_bpm=max_hr,
            notes=activity.name[:1000],
            source_format=activity.source_format,
            source_name=name[:255],
        ),
        None,
    )


def _refusal(label: str, distance_m: float, duration_s: int, problems: dict[str, str]) -> str:
    bounds = validation.bounds
    km = (distance_m or 0) / 1000
    if not distance_m or distance_m <= 0:
        return f"{label} was not imported: it records no distance."
    if not duration_s:
        return (
            f"{label} was not imported: it has no times, so its duration is unknown "
            "(log it by hand with its duration)."
        )
    if "distance_m" in problems:
        return (
            f"{label} was not imported: {km:,.1f} km is longer than a run can be here "
            f"(at most {bounds.LONGEST_RUN_M / 1000:,.0f} km)."
        )
    if duration_s > bounds.LONGEST_RUN_S:
        return (
            f"{label} was not imported: it lasts {_clock(duration_s)}, longer than a run can "
            f"be here (at most {bounds.LONGEST_RUN_S // 3600} hours)."
        )
    return (
        f"{label} was not imported: {km:.2f} km in {_clock(duration_s)} is faster than "
        f"{validation.FASTEST_PACE}, which nobody runs (is it a ride or a drive?)."
    )


def _clock(seconds: int) -> str:
    hours, rest = divmod(seconds, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}"


def _build_measurements(
    *, user, profile: Profile, label: str, parsed: ParsedFile, notes: list[str]
) -> list[LegMeasurement]:
    readings = []
    for index, weight in enumerate(parsed.weights):
        values = {"weight_kg": weight.weight_kg, "body_fat_pct": weight.body_fat_pct}
        problems = validation.measurement_problems(values)
        if "body_fat_pct" in problems and "weight_kg" not in problems:
            notes.append(
                f"{label}: a body fat of {weight.body_fat_pct} % is implausible; left out."
            )
            values["body_fat_pct"] = None
            problems = validation.measurement_problems(values)
        day = (
            weight.measured_at.astimezone(profile.zone).date()
            if weight.measured_at
            else profile.today()
        )
        problems |= validation.date_problems(day, profile.today())
        if problems:
            notes.append(
                f"{label}: reading {index + 1} was not imported "
                f"({'; '.join(problems.values()).lower()})"
            )
            continue
        readings.append(
            LegMeasurement(user=user, date=day, source_index=index, notes="Weight scale", **values)
        )
    return readings


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
    kept, skipped = _runnable(parsed)
    now = timezone.now()
    runs: list[Run] = []
    for index, activity in kept:
        label = _label(unit.name, activity, len(kept))
        run, refusal = _build_run(
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
        things = _and_list([_plural(n, SKIPPED_NOUNS[sport]) for sport, n in skipped.items()])
        notes.append(f"{unit.name}: skipped {things} (only runs are imported).")
    measurements = _build_measurements(
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
    from tracker import exports

    outcome = FileOutcome(unit.name, Status.REFUSED, bytes=len(unit.data))
    try:
        counts = exports.restore_account(user=user, payload=unit.account_export)
    except exports.ExportFileError as error:
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


# --------------------------------------------------------------------------------------------
# Jobs: the upload stored with its ImportJob, imported in the request or by the worker
# --------------------------------------------------------------------------------------------


def run_job(job_id: int) -> ImportReport | None:
    """Import a stored upload, counting progress on the job. Safe to run again after a crash:
    files imported before it are reported as already imported."""
    job = ImportJob.objects.select_related("user").filter(pk=job_id).first()
    if job is None or job.is_finished:  # deleted with its account, or already done
        return None
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportJob.Status.RUNNING, started_at=timezone.now()
    )
    files = [(name, bytes(data)) for name, data in job.uploads.values_list("name", "data")]

    def progress(done: int, total: int) -> None:
        ImportJob.objects.filter(pk=job.pk).update(done_files=done, total_files=total)

    try:
        report = import_files(user=job.user, files=files, on_progress=progress)
    except Exception:
        log.exception("Import job %s failed", job.pk)
        ImportJob.objects.filter(pk=job.pk).update(
            status=ImportJob.Status.FAILED,
            finished_at=timezone.now(),
            error=(
                "The import stopped because of an error on our side. Files imported before it "
                "were kept; upload again to import the rest (those already imported are skipped)."
            ),
        )
        raise
    with transaction.atomic():
        ImportJob.objects.filter(pk=job.pk).update(
            status=ImportJob.Status.DONE,
            finished_at=timezone.now(),
            report=report.as_dict(),
            done_files=len(report.files),
            total_files=len(report.files),
        )
        job.uploads.all().delete()
    return report
