"""A runner's data out of legsite, and back in.

* `write_csv(user, kind, out)`: one CSV per kind (runs, strength sets, measurements, protein),
  in SI units with the unit in each header (`distance_m`, `weight_kg`).
* `account_export_zip(user)`: the whole account as one JSON file (legsite-export.json) in a ZIP,
  with a schema version. `restore_account(user=..., payload=...)` reads it back into an empty
  account; /log/import/ recognises the ZIP and calls it, so export, import into a new account
  and export again give the same data (apart from ids and timestamps).
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import zipfile

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from knowledge.models import Exercise, Muscle
from tracker import validation
from tracker.importers import ActivityFileError
from tracker.models import (
    LegMeasurement,
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
    own_exercises = Exercise.objects.filter(owner=user).prefetch_related(
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


def read_account_export(data: bytes) -> dict | None:
    """The payload of a legsite export ZIP; None when the ZIP is something else."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except Exception:  # not a readable ZIP: the activity-archive reader says why
        return None
    with archive:
        try:
            info = archive.getinfo(EXPORT_MEMBER)
        except KeyError:
            return None
        try:
            if info.file_size > MAX_EXPORT_BYTES:
                raise ValueError("too large")
            with archive.open(info) as member:
                raw = member.read(MAX_EXPORT_BYTES + 1)
            if len(raw) > MAX_EXPORT_BYTES:
                raise ValueError("too large")
            payload = json.loads(raw)
        except Exception:
            raise ActivityFileError(
                "The ZIP archive looks like a legsite export, but its data is damaged."
            ) from None
    if not isinstance(payload, dict) or payload.get("format") != EXPORT_FORMAT:
        raise ActivityFileError(
            "The ZIP archive holds a legsite-export.json that is not a legsite account export."
        )
    return payload


def _has_data(user) -> bool:
    return (
        Run.objects.for_user(user).exists()
        or StrengthSession.objects.for_user(user).exists()
        or LegMeasurement.objects.for_user(user).exists()
        or ProteinEntry.objects.for_user(user).exists()
        or Exercise.objects.filter(owner=user).exists()
    )


def _clean(instance, what: str, problems=None) -> None:
    """Model validation (types, choices), then the log's bounds on the converted values.
    Constraints are left to the database, which refuses the whole restore."""
    try:
        instance.full_clean(
            exclude=["user", "session", "exercise", "owner"],
            validate_unique=False,
            validate_constraints=False,
        )
    except ValidationError as error:
        fields = ", ".join(sorted(error.message_dict)) if hasattr(error, "error_dict") else ""
        raise ExportFileError(
            f"a {what} has values that cannot be restored{f' ({fields})' if fields else ''}."
        ) from None
    found = problems(instance) if problems else {}
    if found:
        raise ExportFileError(f"a {what} is out of bounds ({'; '.join(found.values())})")


def restore_account(*, user, payload: dict) -> dict[str, int]:
    """Recreate an exported account's data in `user`'s empty account, all or nothing."""
    if payload.get("schema_version") != SCHEMA_VERSION:
        raise ExportFileError(
            f"this export has schema version {payload.get('schema_version')!r}; this site "
            f"reads version {SCHEMA_VERSION}."
        )
    if _has_data(user):
        raise ExportFileError(
            "an account export can only be restored into an empty account, and yours already "
            "has entries. Restore it into a new account, or delete your entries first."
        )
    try:
        with transaction.atomic():
            return _restore(user, payload)
    except ExportFileError:
        raise
    except (KeyError, TypeError, ValueError, AttributeError, IntegrityError):
        raise ExportFileError(
            "its data is damaged or incomplete, so nothing was restored."
        ) from None


def _pick(row: dict, fields: list[str]) -> dict:
    if not isinstance(row, dict):
        raise TypeError("row")
    return {name: row[name] for name in fields if name in row}


def _restore(user, payload: dict) -> dict[str, int]:
    profile = get_profile(user)
    today = profile.today()
    for name, value in _pick(payload.get("profile") or {}, PROFILE_FIELDS).items():
        setattr(profile, name, value)
    try:
        profile.full_clean(exclude=["user"])
    except ValidationError:
        raise ExportFileError("its settings have values that cannot be restored.") from None
    profile.save()

    muscles = {m.slug: m for m in Muscle.objects.all()}
    own: dict[str, Exercise] = {}
    for row in payload.get("exercises", []):
        exercise = Exercise(owner=user, **_pick(row, EXERCISE_FIELDS))
        _clean(exercise, "private exercise")
        exercise.save()
        for relation in ("primary_muscles", "secondary_muscles"):
            slugs = row.get(relation, [])
            missing = [slug for slug in slugs if slug not in muscles]
            if missing:
                raise ExportFileError(f"it names muscles this site does not know ({missing[0]}).")
            getattr(exercise, relation).set([muscles[slug] for slug in slugs])
        own[exercise.slug] = exercise
    guide = {e.slug: e for e in Exercise.objects.guide()}

    runs = []
    for row in payload.get("runs", []):
        run = Run(user=user, **_pick(row, RUN_FIELDS))
        _clean(
            run,
            "run",
            lambda r: (
                validation.run_problems(
                    distance_m=r.distance_m,
                    duration_s=r.duration_s,
                    elevation_gain_m=r.elevation_gain_m,
                    moving_s=r.moving_s,
                )
                | validation.heart_rate_problems(r.avg_hr_bpm, r.max_hr_bpm)
                | validation.effort_problems(r.effort)
                | validation.date_problems(r.date, today)
            ),
        )
        runs.append(run)
    Run.objects.bulk_create(runs)

    session_count = 0
    for row in payload.get("strength_sessions", []):
        session = StrengthSession(user=user, **_pick(row, SESSION_FIELDS))
        _clean(
            session,
            "strength session",
            lambda s: (
                validation.effort_problems(s.effort) | validation.date_problems(s.date, today)
            ),
        )
        session.save()
        session_count += 1
        sets = []
        for set_row in row.get("sets", []):
            ref = set_row["exercise"]
            exercise = (own if ref.get("private") else guide).get(ref["slug"])
            if exercise is None:
                raise ExportFileError(
                    f"it uses an exercise this site does not have ({ref['slug']})."
                )
            strength_set = StrengthSet(
                session=session, exercise=exercise, **_pick(set_row, SET_FIELDS)
            )
            _clean(
                strength_set,
                "strength set",
                lambda s: validation.set_problems(
                    reps=s.reps, weight_kg=s.weight_kg, reps_in_reserve=s.reps_in_reserve
                ),
            )
            sets.append(strength_set)
        StrengthSet.objects.bulk_create(sets)

    measurements = []
    for row in payload.get("measurements", []):
        measurement = LegMeasurement(user=user, **_pick(row, MEASUREMENT_FIELDS))
        _clean(
            measurement,
            "measurement",
            lambda m: (
                validation.measurement_problems(
                    {name: getattr(m, name) for name in LegMeasurement.VALUE_FIELDS}
                )
                | validation.date_problems(m.date, today)
            ),
        )
        measurements.append(measurement)
    LegMeasurement.objects.bulk_create(measurements)

    entries = []
    for row in payload.get("protein", []):
        entry = ProteinEntry(user=user, **_pick(row, PROTEIN_FIELDS))
        _clean(
            entry,
            "protein entry",
            lambda e: (
                validation.protein_problems(e.protein_g) | validation.date_problems(e.date, today)
            ),
        )
        entries.append(entry)
    # One at a time: created_at orders a day's entries, so they keep their order.
    for entry in entries:
        entry.save()

    return {
        "runs": len(runs),
        "strength_sessions": session_count,
        "measurements": len(measurements),
        "protein": len(entries),
        "exercises": len(own),
    }
