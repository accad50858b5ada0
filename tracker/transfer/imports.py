"""Importing watch files into a runner's log: the write side of tracker/importers/.

`import_files(user=..., files=[(name, bytes or file), ...])` reads GPX, TCX and FIT files, ZIP
archives of them (a Strava bulk export) and legsite's own account export, and saves runs and
weight-scale readings, one file (one ZIP member) in memory at a time. Each file is saved in
its own transaction: a bad file is refused with a message that names it, the good files of
the same upload are still imported, and nothing is half-saved.

Decisions:

* Duplicates: a file is identified by the SHA-256 of its bytes (a ZIP member by its own bytes),
  and each activity by (user, file hash, position in the file), enforced by a unique constraint.
  The position is deterministic because the parser is: the same bytes give the same activities
  in the same order. A second upload of a file says "already imported" before parsing it, which
  also makes re-uploading a whole export cheap. The same run exported twice in different formats
  (the GPX and TCX of one activity) has different bytes; it is caught by its start time instead:
  a run starting within a minute of one already in the log is refused as a duplicate.
* Sports: every sport is kept. Runs become Runs; rides, swims, walks and hikes, rowing, the
  elliptical and other sports become CrossTrainingSessions; only multisport transitions are
  skipped. A part that names no sport is judged by its speed (rows.judge_unlabelled), the
  report says so, and the runner can change it with one click. Strava's activities.csv, when
  the export has one, gives each file's sport, name, description, effort and gear. Copies of
  one activity inside one file (chained FIT copies) are saved once.
* Plausibility: the log's bounds (tracker/bounds.py, the same as the forms') apply. An
  activity that cannot be a run (faster than 1:30/km after the parser dropped GPS glitches,
  longer than 48 h, no duration) is refused with a message; a heart rate or climb outside the
  bounds is left out with a note, and the run is kept.
* Dates: a run's date is its start in the runner's time zone. A run from a file without an
  absolute time (some FIT files only have the watch's own clock) is saved with
  ``needs_date``: its date is a placeholder, it counts in no chart or insight
  (``Run.objects.dated()``), and the report asks for its date. A flag on the run rather than a
  pending entry in the job's report: the recording, laps and original file are saved with it
  as for any run, and the report, the run's page and the API can all give the date.
"""

from __future__ import annotations

import logging
import zipfile
from collections.abc import Callable, Iterable, Sized
from typing import BinaryIO

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from tracker.log import intensity, shoes
from tracker.log.models import CrossTrainingSession, LegMeasurement, Profile, Run, get_profile
from tracker.transfer import recordings, restore
from tracker.transfer.log_checks import already_imported, starting_near
from tracker.transfer.parsers import (
    ActivityFileError,
    parse_activity_file,
)
from tracker.transfer.report import MB, FileOutcome, ImportReport, Status, is_zip, sha256
from tracker.transfer.rows import (
    SKIPPED_NOUNS,
    build_cross_training,
    build_measurements,
    build_run,
    decide,
    label_for,
    plural,
    without_copies,
)
from tracker.transfer.unpacking import Plan, Unit, as_file, expand

log = logging.getLogger(__name__)

__all__ = ["MB", "ImportReport", "import_files", "is_zip"]

ProgressCallback = Callable[[int, int], None]


# --------------------------------------------------------------------------------------------
# The import
# --------------------------------------------------------------------------------------------


def import_files(
    *,
    user,
    files: Iterable[tuple[str, bytes | BinaryIO]] | Sized,
    on_progress: ProgressCallback | None = None,
) -> ImportReport:
    """Import uploaded files (name, bytes or a seekable binary file) into `user`'s log, one
    transaction per file, reading one file (one ZIP member) at a time.

    `on_progress(done, total)` is called after each file (ZIP archives count their members,
    once each is opened). Never raises for a bad file: every file gets an outcome.
    """
    profile = get_profile(user)
    report = ImportReport()
    if not isinstance(files, Sized):
        files = list(files)
    plan = Plan(total=len(files))
    first_name_of: dict[str, str] = {}  # digest -> name, for the files new to the log
    if on_progress:
        on_progress(0, plan.total)
    for name, source in files:  # a job's stored uploads open one at a time (tasks.py)
        for unit in expand(name, as_file(source), report, user, plan):
            report.files.append(_import_unit(user, profile, unit, first_name_of))
            if on_progress:
                on_progress(len(report.files), max(plan.total, len(report.files)))
    if report.runs or report.cross_training:
        # Once for the upload, not once a file: it reads the runner's runs with an effort and
        # a TRIMP to set the scale, which grows with the log (4-8 ms a file at 3,000 runs).
        with transaction.atomic():
            intensity.refresh_hr_loads(user)
    return report


def _import_unit(user, profile: Profile, unit: Unit, first_name_of: dict[str, str]):
    if unit.account_export is not None:
        return _import_account_export(user, unit)
    digest = sha256(unit.data)
    if digest in first_name_of:
        return FileOutcome(
            unit.name,
            Status.DUPLICATE,
            [f"{unit.name} is the same file as {first_name_of[digest]} in this upload."],
            bytes=unit.size,
        )
    if already_imported(user, digest):
        return _fill_in(user, profile, unit, digest)
    first_name_of[digest] = unit.name
    return _import_one(user, profile, unit, digest)


def _import_one(user, profile: Profile, unit: Unit, digest: str) -> FileOutcome:
    outcome = FileOutcome(unit.name, Status.REFUSED, bytes=unit.size)
    try:
        parsed = parse_activity_file(unit.name, unit.data)
    except ActivityFileError as error:
        outcome.messages.append(str(error))
        return outcome
    notes = list(parsed.notes)
    strava = unit.strava
    decisions, copies = without_copies(
        decide(parsed, sport=strava.sport if strava and strava.sport else None)
    )
    if copies:
        notes.append(
            f"{unit.name} holds the same activity {copies + 1} times (copies chained in one "
            "file); it was imported once."
        )
    now = timezone.now()
    runs: list[Run] = []
    sessions: list[CrossTrainingSession] = []
    guessed: dict[int, str] = {}  # id(row) -> why its sport was guessed
    recorded = []
    transitions = 0
    for decision in decisions:
        activity = decision.activity
        if decision.kind is None:
            transitions += 1
            continue
        label = label_for(unit.name, activity, len(decisions))
        if decision.kind == "run":
            row, refusal = build_run(
                user=user,
                profile=profile,
                name=unit.name,
                label=label,
                activity=activity,
                notes=notes,
                min_m=settings.IMPORT_MIN_RUN_M,
                min_s=settings.IMPORT_MIN_RUN_S,
            )
        else:
            row, refusal = build_cross_training(
                user=user,
                profile=profile,
                name=unit.name,
                label=label,
                sport=decision.kind,
                activity=activity,
            )
        if row is None:
            notes.append(refusal)
            continue
        duplicate = starting_near(user, row.start_time)
        if duplicate is not None:
            notes.append(
                f"{label} was not imported: your log already has {duplicate.kind} starting "
                f"at the same time ({duplicate.date:%Y-%m-%d}"
                f"{', from ' + duplicate.source_name if duplicate.source_name else ''})."
            )
            continue
        if strava is not None:
            row.notes = strava.notes()[:1000] or row.notes
            row.effort = strava.effort
        if decision.guessed:
            guessed[id(row)] = decision.guessed
            notes.append(
                f"{label} names no sport: {decision.guessed}. If that is wrong, change it on "
                "this report."
            )
        row.source_hash, row.source_index, row.imported_at = digest, decision.index, now
        if decision.kind == "run":
            runs.append(row)
            recorded.append((row, activity, recordings.prepare(row, activity, profile)))
        else:
            sessions.append(row)
    if transitions:
        notes.append(f"{unit.name}: skipped {plural(transitions, SKIPPED_NOUNS['transition'])}.")
    measurements = build_measurements(
        user=user, profile=profile, label=unit.name, parsed=parsed, notes=notes
    )
    for measurement in measurements:
        measurement.source_hash = digest
    outcome.messages = notes
    if not runs and not sessions and not measurements:
        if not decisions and not parsed.weights:
            notes.append(f"{unit.name} holds no activity, so nothing was imported.")
        return outcome
    try:
        with transaction.atomic():
            if _same_start_just_imported(user, runs + sessions):
                raise _SameStartJustImported
            Run.objects.bulk_create(runs)
            CrossTrainingSession.objects.bulk_create(sessions)
            LegMeasurement.objects.bulk_create(measurements)
            recordings.save(
                user,
                recorded,
                name=unit.name,
                digest=digest,
                data=unit.data,
                refresh_loads=False,
                new_runs=True,
            )
            gear = dict.fromkeys(runs, strava.gear) if strava and strava.gear else None
            shoes.assign_on_import(user, runs, gear)  # gear or default shoes (log/shoes.py)
    except _SameStartJustImported:
        return FileOutcome(
            unit.name,
            Status.DUPLICATE,
            [f"{unit.name}: your log already has a run starting at the same time (just now)."],
            bytes=unit.size,
        )
    except IntegrityError:
        if already_imported(user, digest):  # by another request or worker, just now
            return FileOutcome(
                unit.name,
                Status.DUPLICATE,
                [f"{unit.name} was already imported; nothing was added."],
                bytes=unit.size,
            )
        log.exception("Could not save %s", unit.name)
        outcome.messages = [f"{unit.name} could not be saved; nothing of it was kept."]
        return outcome
    outcome.status = Status.IMPORTED
    outcome.runs, outcome.measurements = len(runs), len(measurements)
    outcome.cross_training = len(sessions)
    outcome.items = [
        {
            "kind": "run",
            "pk": run.pk,
            "label": f"{run.date:%Y-%m-%d}, {run.distance_m / 1000:.1f} km run",
            "guessed": guessed.get(id(run), ""),
            "needs_date": run.needs_date,
        }
        for run in runs
    ] + [
        {
            "kind": "cross_training",
            "pk": session.pk,
            "label": f"{session.date:%Y-%m-%d}, {session.get_sport_display().lower()}"
            + (f", {session.distance_m / 1000:.1f} km" if session.distance_m else ""),
            "guessed": guessed.get(id(session), ""),
            "needs_date": False,
        }
        for session in sessions
    ]
    return outcome


def _fill_in(user, profile: Profile, unit: Unit, digest: str) -> FileOutcome:
    """A file already in the log: add what its runs lack (samples, laps, the original file),
    for runs imported before recordings were kept; else report the duplicate."""
    duplicate = FileOutcome(
        unit.name,
        Status.DUPLICATE,
        [f"{unit.name} was already imported; nothing was added."],
        bytes=unit.size,
    )
    lacking = {
        run.source_index: run
        for run in Run.objects.for_user(user).filter(source_hash=digest, recording__isnull=True)
    }
    if not lacking:
        return duplicate
    try:
        parsed = parse_activity_file(unit.name, unit.data)
    except ActivityFileError:
        return duplicate
    recorded = []
    for index, activity in enumerate(parsed.activities):
        run = lacking.get(index)
        if run is None or activity.stream is None:
            continue
        # The type the runner left at the default is the importer's to suggest.
        suggest = run.run_type == Run.RunType.EASY
        row = recordings.prepare(run, activity, profile, set_type=suggest)
        recorded.append((run, activity, row))
    if not recorded:
        return duplicate
    with transaction.atomic():
        Run.objects.bulk_update(
            [run for run, _, _ in recorded], recordings.ANALYSED_FIELDS, batch_size=500
        )
        recordings.save(
            user, recorded, name=unit.name, digest=digest, data=unit.data, refresh_loads=False
        )
    count = len(recorded)
    return FileOutcome(
        unit.name,
        Status.IMPORTED,
        [
            f"{unit.name} was already imported; its recording (samples, laps and the file) "
            f"was added to {'its run' if count == 1 else f'its {count} runs'}."
        ],
        bytes=unit.size,
    )


class _SameStartJustImported(Exception):
    pass


def _same_start_just_imported(user, runs: list[Run]) -> bool:
    """Inside the saving transaction: lock the runner's profile row, so imports for one runner
    save one at a time, then look again for runs with the same start. The check before
    parsing is not enough on PostgreSQL: 16 uploads of one activity in different bytes at
    once all passed it, and two were saved. (SQLite's IMMEDIATE transactions already
    serialise writers, and select_for_update does nothing there, so the lock is not asked.)"""
    if connection.features.has_select_for_update:
        list(Profile.objects.select_for_update().filter(user=user).values_list("pk", flat=True))
    return any(starting_near(user, run.start_time) is not None for run in runs)


def _import_account_export(user, unit: Unit) -> FileOutcome:

    outcome = FileOutcome(unit.name, Status.REFUSED, bytes=unit.size)
    try:
        counts = restore.restore_account(user=user, payload=unit.account_export)
    except restore.ExportFileError as error:
        outcome.messages.append(f"{unit.name}: {error}")
        return outcome
    unit.archive.seek(0)
    with zipfile.ZipFile(unit.archive) as archive:
        recorded = recordings.restore_recordings(user, archive, unit.account_export)
    outcome.status = Status.IMPORTED
    outcome.runs = counts["runs"]
    outcome.measurements = counts["measurements"]
    outcome.messages.append(
        f"{unit.name} is a legsite account export: restored {counts['runs']} runs, "
        f"{counts['cross_training']} cross-training sessions, "
        f"{counts['strength_sessions']} strength sessions, {counts['measurements']} "
        f"measurements, {counts['protein']} protein entries and {counts['exercises']} "
        "exercises of your own."
        + (f" {recorded} runs got their watch recordings back." if recorded else "")
    )
    return outcome
