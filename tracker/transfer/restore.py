"""Restoring an account export (exports.account_export_zip) into an empty account.

`read_account_export(data)` recognises and bounds the ZIP, `restore_account(user=..., payload=...)`
checks every row against the log's bounds (tracker/bounds.py) and saves all of it or nothing.
"""

from __future__ import annotations

import io
import json
import zipfile

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from knowledge.models import Exercise, Muscle
from tracker import bounds
from tracker.log import lifts
from tracker.log.models import (
    CrossTrainingSession,
    LegMeasurement,
    PrivateExercise,
    ProteinEntry,
    Run,
    Shoe,
    StrengthSession,
    StrengthSet,
    get_profile,
)
from tracker.transfer import shoe_transfer
from tracker.transfer.exports import (
    CROSS_TRAINING_FIELDS,
    EXERCISE_FIELDS,
    EXPORT_FORMAT,
    EXPORT_MEMBER,
    MAX_EXPORT_BYTES,
    MEASUREMENT_FIELDS,
    PROFILE_FIELDS,
    PROTEIN_FIELDS,
    RUN_FIELDS,
    SCHEMA_VERSION,
    SESSION_FIELDS,
    SET_FIELDS,
    ExportFileError,
)
from tracker.transfer.parsers import ActivityFileError

# What a restore reads, bounded before json.loads builds it: JSON's cost in memory is in its
# containers and elements, not its bytes (40 MB of "{}," is 13 million dicts, about 1 GB), so
# those are counted in the raw text first (an over-count: braces and commas inside strings
# count too). A heavy user's real export (15 years: 6,000 runs, 45,000 sets) is about 10 MB with
# 100,000 containers and 600,000 commas; the caps allow several times that, and bound a
# hostile file to some tens of MB while it is parsed.
RESTORE_MAX_JSON_BYTES = 32 * 1024 * 1024
RESTORE_MAX_CONTAINERS = 500_000
RESTORE_MAX_ELEMENTS = 2_000_000

NOT_EMPTY = (
    "an account export can only be restored into an empty account, and yours already "
    "has entries. Restore it into a new account, or delete your entries first."
)


class _TooLarge(ValueError):
    pass


def _refuse_constant(name: str):
    raise ValueError(f"{name} is not a number a log can hold")


def _parse_bounded(raw: bytes):
    if raw.count(b"{") + raw.count(b"[") > RESTORE_MAX_CONTAINERS:
        raise _TooLarge("too many rows")
    if raw.count(b",") > RESTORE_MAX_ELEMENTS:
        raise _TooLarge("too many values")
    # NaN and Infinity are not JSON, though Python's reader accepts them by default.
    return json.loads(raw, parse_constant=_refuse_constant)


def read_account_export(data, *, user=None) -> dict | None:
    """The payload of a legsite export ZIP; None when the ZIP is something else.

    With `user`, an account that already has entries is refused before the JSON is read:
    a restore could not use it anyway. The JSON is bounded in size, containers and elements
    before it is parsed, and NaN/Infinity are refused.
    """
    try:
        # The ZIP's bytes, or a seekable file holding them (an upload in storage).
        archive = zipfile.ZipFile(io.BytesIO(data) if isinstance(data, bytes) else data)
    except Exception:  # not a readable ZIP: the activity-archive reader says why
        return None
    with archive:
        try:
            info = archive.getinfo(EXPORT_MEMBER)
        except KeyError:
            return None
        if user is not None and _has_data(user):
            raise ActivityFileError(NOT_EMPTY)
        cap = min(MAX_EXPORT_BYTES, RESTORE_MAX_JSON_BYTES)
        try:
            if info.file_size > cap:
                raise _TooLarge("too large")
            with archive.open(info) as member:
                raw = member.read(cap + 1)
            if len(raw) > cap:
                raise _TooLarge("too large")
            payload = _parse_bounded(raw)
        except _TooLarge:
            raise ActivityFileError(
                "The ZIP archive looks like a legsite export, but its data is larger than a "
                f"restore reads ({cap // (1024 * 1024)} MB, {RESTORE_MAX_CONTAINERS:,} rows)."
            ) from None
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
        or CrossTrainingSession.objects.for_user(user).exists()
        or StrengthSession.objects.for_user(user).exists()
        or LegMeasurement.objects.for_user(user).exists()
        or ProteinEntry.objects.for_user(user).exists()
        or PrivateExercise.objects.for_user(user).exists()
        or Shoe.objects.for_user(user).exists()
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
        raise ExportFileError(NOT_EMPTY)
    try:
        with transaction.atomic():
            return _restore(user, payload)
    except ExportFileError:
        raise
    except (KeyError, TypeError, ValueError, AttributeError, IntegrityError):
        raise ExportFileError(
            "its data is damaged or incomplete, so nothing was restored."
        ) from None


def strength_duration_problems(duration_s) -> dict[str, str]:
    if duration_s is None:
        return {}
    if not isinstance(duration_s, int) or duration_s <= 0:
        return {"duration_s": bounds.DURATION_ZERO}
    if duration_s > bounds.LONGEST_STRENGTH_S:
        return {"duration_s": bounds.STRENGTH_TOO_LONG}
    return {}


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
    own: dict[str, PrivateExercise] = {}
    for row in payload.get("exercises", []):
        exercise = PrivateExercise(owner=user, **_pick(row, EXERCISE_FIELDS))
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

    shoes = shoe_transfer.restore_rows(  # absent from exports before shoes existed
        user, payload.get("shoes"), pick=_pick, clean=_clean, error=ExportFileError
    )
    runs = []
    for row in payload.get("runs", []):
        run = Run(user=user, **_pick(row, RUN_FIELDS))
        run.shoe = shoe_transfer.shoe_of(row, shoes, ExportFileError)
        _clean(
            run,
            "run",
            lambda r: (
                bounds.run_problems(
                    distance_m=r.distance_m,
                    duration_s=r.duration_s,
                    elevation_gain_m=r.elevation_gain_m,
                    moving_s=r.moving_s,
                )
                | bounds.heart_rate_problems(r.avg_hr_bpm, r.max_hr_bpm)
                | bounds.effort_problems(r.effort)
                | bounds.date_problems(r.date, today)
            ),
        )
        runs.append(run)
    Run.objects.bulk_create(runs)

    cross_training = []
    for row in payload.get("cross_training", []):  # absent from exports before it existed
        session = CrossTrainingSession(user=user, **_pick(row, CROSS_TRAINING_FIELDS))
        _clean(
            session,
            "cross-training session",
            lambda c: (
                bounds.cross_training_problems(
                    distance_m=c.distance_m, duration_s=c.duration_s, moving_s=c.moving_s
                )
                | bounds.heart_rate_problems(c.avg_hr_bpm, c.max_hr_bpm)
                | bounds.effort_problems(c.effort)
                | bounds.date_problems(c.date, today)
            ),
        )
        cross_training.append(session)
    CrossTrainingSession.objects.bulk_create(cross_training)

    session_count = 0
    for row in payload.get("strength_sessions", []):
        session = StrengthSession(user=user, **_pick(row, SESSION_FIELDS))
        _clean(
            session,
            "strength session",
            lambda s: (
                bounds.effort_problems(s.effort)
                | bounds.date_problems(s.date, today)
                | strength_duration_problems(s.duration_s)
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
                lambda s: bounds.set_problems(
                    reps=s.reps, weight_kg=s.weight_kg, reps_in_reserve=s.reps_in_reserve
                ),
            )
            sets.append(strength_set)
        StrengthSet.objects.bulk_create(sets)
    lifts.refresh(user)

    measurements = []
    for row in payload.get("measurements", []):
        measurement = LegMeasurement(user=user, **_pick(row, MEASUREMENT_FIELDS))
        _clean(
            measurement,
            "measurement",
            lambda m: (
                bounds.measurement_problems(
                    {name: getattr(m, name) for name in LegMeasurement.VALUE_FIELDS}
                )
                | bounds.date_problems(m.date, today)
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
            lambda e: bounds.protein_problems(e.protein_g) | bounds.date_problems(e.date, today),
        )
        entries.append(entry)
    # One at a time: created_at orders a day's entries, so they keep their order.
    for entry in entries:
        entry.save()

    return {
        "runs": len(runs),
        "cross_training": len(cross_training),
        "strength_sessions": session_count,
        "measurements": len(measurements),
        "protein": len(entries),
        "exercises": len(own),
    }
