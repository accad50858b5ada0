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
    LegMeasurement,
    PrivateExercise,
    ProteinEntry,
    Run,
    StrengthSession,
    StrengthSet,
    get_profile,
)

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
]
SESSION_FIELDS = ["date", "effort", "notes"]
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
    "strength-sets": "Strength sets",
    "measurements": "Leg measurements",
    "protein": "Protein",
}


def _cell(value):
    """A CSV cell; text that a spreadsheet would run as a formula is quoted with a '."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def csv_rows(user, kind: str):
    """Header and rows of one kind, oldest first."""
    if kind == "runs":
        fields = [f for f in RUN_FIELDS if f not in ("source_hash", "source_index")]
        yield fields
        for run in Run.objects.for_user(user).order_by("date", "pk"):
            yield [getattr(run, name) for name in fields]
    elif kind == "strength-sets":
        yield [
            "session_date",
            "session_id",
            "session_effort",
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
        "runs": [_row(r, RUN_FIELDS) for r in Run.objects.for_user(user).order_by("date", "pk")],
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
    data = json.dumps(account_data(user), indent=1, ensure_ascii=False).encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(EXPORT_MEMBER, data)
    return buffer.getvalue()
