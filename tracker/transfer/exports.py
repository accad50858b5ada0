"""A runner's data out of legsite, and back in.

* `write_csv(user, kind, out)`: one CSV per kind (runs, strength sets, measurements, protein),
  in SI units with the unit in each header (`distance_m`, `weight_kg`).
* `account_export_zip(user)`: the whole account as one JSON file (legsite-export.json) in a ZIP,
  with a schema version. `restore.restore_account(user=..., payload=...)` reads it back into an
  empty account; /log/import/ recognises the ZIP and calls it, so export, import into a new account
  and export again give the same data (apart from ids and timestamps).
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import zipfile

from django.utils import timezone

from tracker.log.models import (
    CrossTrainingSession,
    LegMeasurement,
    PrivateExercise,
    ProteinEntry,
    Run,
    StrengthSession,
    StrengthSet,
    get_profile,
)
from tracker.transfer import recordings, shoe_transfer

EXPORT_FORMAT = "legsite-account-export"
SCHEMA_VERSION = 1
EXPORT_MEMBER = "legsite-export.json"
# An export's JSON is read whole; past this it is not one of ours.
MAX_EXPORT_BYTES = 200 * 1024 * 1024

PROFILE_FIELDS = [
    "units",
    "protein_g_per_kg",
    "goal",
    "sex",
    "birth_year",
    "resting_hr_bpm",
    "max_hr_bpm",
    "time_zone",
]
RUN_FIELDS = [
    "date",
    "start_time",
    "distance_m",
    "duration_s",
    "moving_s",
    "run_type",
    "surface",
    "elevation_gain_m",
    "avg_hr_bpm",
    "max_hr_bpm",
    "effort",
    "notes",
    "source_format",
    "source_name",
    "source_hash",
    "source_index",
    "imported_at",
    # Worked out from the recording (tracker/log/intensity.py).
    "zone1_s",
    "zone2_s",
    "zone3_s",
    "zone4_s",
    "zone5_s",
    "hard_s",
    "trimp",
    "hr_load",
    "suggested_run_type",
    "run_type_reason",
    "work_distance_m",
    "work_moving_s",
    # A run imported without a clock, waiting for its date on the import report.
    "needs_date",
]
CROSS_TRAINING_FIELDS = [
    "date",
    "start_time",
    "sport",
    "duration_s",
    "moving_s",
    "distance_m",
    "elevation_gain_m",
    "avg_hr_bpm",
    "max_hr_bpm",
    "effort",
    "hr_load",
    "notes",
    "source_format",
    "source_name",
    "source_hash",
    "source_index",
    "imported_at",
]
SESSION_FIELDS = ["date", "effort", "duration_s", "notes"]
SET_FIELDS = ["order", "reps", "weight_kg", "reps_in_reserve"]
MEASUREMENT_FIELDS = [
    "date",
    *LegMeasurement.VALUE_FIELDS,
    "notes",
    "source_hash",
    "source_index",
]
PROTEIN_FIELDS = ["date", "protein_g", "food", "meal"]
EXERCISE_FIELDS = ["name", "slug", "kind", "equipment"]


class ExportFileError(ValueError):
    """An account export that cannot be restored; the message is shown to the user."""


# --------------------------------------------------------------------------------------------
# CSV per kind
# --------------------------------------------------------------------------------------------

CSV_KINDS = {
    "runs": "Runs",
    "cross-training": "Cross-training",
    "strength-sets": "Strength sets",
    "measurements": "Leg measurements",
    "protein": "Protein",
}


CSV_HEADERS = {"start_time": "start_time_utc"}


def _cell(value):
    """A CSV cell; text that a spreadsheet would run as a formula is quoted with a '."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.astimezone(datetime.UTC).isoformat().replace("+00:00", "Z")
    if isinstance(value, float):
        # Millimetres, grams and milliseconds are plenty: no 3098.533530142614.
        return round(value, 3)
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def csv_rows(user, kind: str):
    """Header and rows of one kind, oldest first."""
    if kind == "runs":
        fields = [f for f in RUN_FIELDS if f not in ("source_hash", "source_index")]
        # `date` is the runner's own day; the start time is UTC, and the header says so.
        yield [CSV_HEADERS.get(name, name) for name in fields]
        for run in Run.objects.for_user(user).order_by("date", "pk"):
            yield [getattr(run, name) for name in fields]
    elif kind == "cross-training":
        fields = [f for f in CROSS_TRAINING_FIELDS if f not in ("source_hash", "source_index")]
        yield fields
        for session in CrossTrainingSession.objects.for_user(user).order_by("date", "pk"):
            yield [getattr(session, name) for name in fields]
    elif kind == "strength-sets":
        yield [
            "session_date",
            "session_id",
            "session_effort",
            "session_duration_s",
            "exercise",
            "order",
            "reps",
            "weight_kg",
            "reps_in_reserve",
        ]
        for s in (
            StrengthSet.objects.for_user(user)
            .select_related("session", "exercise")
            .order_by("session__date", "session__pk", "order", "pk")
        ):
            yield [
                s.session.date,
                s.session_id,
                s.session.effort,
                s.session.duration_s,
                s.exercise.name,
                s.order,
                s.reps,
                s.weight_kg,
                s.reps_in_reserve,
            ]
    elif kind == "measurements":
        fields = ["date", *LegMeasurement.VALUE_FIELDS, "notes"]
        yield fields
        for m in LegMeasurement.objects.for_user(user).order_by("date", "pk"):
            yield [getattr(m, name) for name in fields]
    elif kind == "protein":
        yield PROTEIN_FIELDS
        for entry in ProteinEntry.objects.for_user(user).order_by("date", "created_at", "pk"):
            yield [getattr(entry, name) for name in PROTEIN_FIELDS]
    else:
        raise KeyError(kind)


def write_csv(user, kind: str, out) -> None:
    writer = csv.writer(out)
    for row in csv_rows(user, kind):
        writer.writerow([_cell(value) for value in row])


# --------------------------------------------------------------------------------------------
# The whole account as JSON
# --------------------------------------------------------------------------------------------


def _json_value(value):
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    return value


def _row(obj, fields: list[str]) -> dict:
    return {name: _json_value(getattr(obj, name)) for name in fields}


def account_data(user) -> dict:
    """Everything the runner logged, in a stable order, without database ids."""
    profile = get_profile(user)
    own_exercises = PrivateExercise.objects.for_user(user).prefetch_related(
        "primary_muscles", "secondary_muscles"
    )
    sessions = StrengthSession.objects.for_user(user).order_by("date", "pk")
    sets_by_session: dict[int, list] = {}
    for s in (
        StrengthSet.objects.for_user(user)
        .select_related("exercise")
        .order_by("session", "order", "pk")
    ):
        sets_by_session.setdefault(s.session_id, []).append(
            {
                "exercise": {"slug": s.exercise.slug, "private": s.exercise.owner_id is not None},
                **_row(s, SET_FIELDS),
            }
        )
    return {
        "format": EXPORT_FORMAT,
        "schema_version": SCHEMA_VERSION,
        "exported_at": timezone.now().isoformat(),
        "username": user.get_username(),
        "profile": _row(profile, PROFILE_FIELDS),
        "exercises": [
            {
                **_row(exercise, EXERCISE_FIELDS),
                "primary_muscles": sorted(m.slug for m in exercise.primary_muscles.all()),
                "secondary_muscles": sorted(m.slug for m in exercise.secondary_muscles.all()),
            }
            for exercise in own_exercises.order_by("slug")
        ],
        "runs": [
            {**_row(r, RUN_FIELDS), "shoe": shoe_transfer.run_shoe_name(r)}
            for r in Run.objects.for_user(user).select_related("shoe").order_by("date", "pk")
        ],
        "shoes": shoe_transfer.export_rows(user, _row),
        "cross_training": [
            _row(c, CROSS_TRAINING_FIELDS)
            for c in CrossTrainingSession.objects.for_user(user).order_by("date", "pk")
        ],
        "strength_sessions": [
            {**_row(session, SESSION_FIELDS), "sets": sets_by_session.get(session.pk, [])}
            for session in sessions
        ],
        "measurements": [
            _row(m, MEASUREMENT_FIELDS)
            for m in LegMeasurement.objects.for_user(user).order_by("date", "pk")
        ],
        "protein": [
            _row(p, PROTEIN_FIELDS)
            for p in ProteinEntry.objects.for_user(user).order_by("date", "created_at", "pk")
        ],
    }


def account_export_zip(user) -> bytes:
    """The JSON, and beside it each recording's packed samples (recordings/) and each original
    watch file (originals/), which the JSON's "recordings" list names."""
    payload = account_data(user)
    members = recordings.export_members(user)
    payload["recordings"] = [entry for entry, _ in members["recordings"]]
    data = json.dumps(payload, indent=1, ensure_ascii=False).encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(EXPORT_MEMBER, data)
        for entry, stream_bytes in members["recordings"]:
            # Already zlib-packed: stored, not deflated again.
            archive.writestr(entry["stream"], stream_bytes, compress_type=zipfile.ZIP_STORED)
        for name, original in members["originals"].items():
            archive.writestr(name, original)
    return buffer.getvalue()
