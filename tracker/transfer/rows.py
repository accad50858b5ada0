"""From a parsed watch file to rows of the log: a run (or a message saying why it cannot be
one) and weight-scale measurements, checked against the log's bounds (tracker/bounds.py)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from tracker import bounds
from tracker.log.models import CrossTrainingSession, LegMeasurement, Profile, Run
from tracker.transfer.parsers import (
    ParsedActivity,
    ParsedFile,
)

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


def plural(count: int, nouns: tuple[str, str]) -> str:
    return f"{count} {nouns[0] if count == 1 else nouns[1]}"


def and_list(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


# The parsers' sports as the log's cross-training sports (CrossTrainingSession.Sport).
CROSS_TRAINING_SPORTS = {
    "cycling": "cycling",
    "swimming": "swimming",
    "walking": "walking",
    "hiking": "walking",
    "rowing": "rowing",
    "elliptical": "elliptical",
    "other": "other",
}
# A file that names no sport is judged by its moving speed. Few runners hold 16 km/h (3:45/km)
# for a whole recording and most rides are faster; a recording of more than 2 hours under
# 6 km/h (10:00/km including its stops) is a walk or a hike, not a run.
CYCLING_OVER_KMH = 16.0
WALKING_UNDER_KMH = 6.0
WALKING_OVER_S = 2 * 3600


@dataclass(frozen=True)
class Decision:
    """What one activity of a file becomes: "run", a cross-training sport, or None (skipped),
    and, when the file named no sport, the reason for the guess (for the report)."""

    index: int
    activity: ParsedActivity
    kind: str | None
    guessed: str = ""


def _speed_kmh(activity: ParsedActivity) -> float | None:
    seconds = activity.moving_s or activity.elapsed_s
    if not seconds or not activity.distance_m:
        return None
    return activity.distance_m / seconds * 3.6


def judge_unlabelled(activity: ParsedActivity) -> tuple[str, str]:
    """("run" or a cross-training sport, why) for an activity whose file names no sport."""
    speed = _speed_kmh(activity)
    if speed is None:
        return "run", ""
    if speed > CYCLING_OVER_KMH:
        return "cycling", (
            f"its moving speed, {speed:.1f} km/h, is faster than runners keep up "
            f"(over {CYCLING_OVER_KMH:.0f} km/h), so it was saved as a ride"
        )
    elapsed = activity.elapsed_s or activity.moving_s or 0
    if elapsed > WALKING_OVER_S and speed < WALKING_UNDER_KMH:
        return "walking", (
            f"it lasts {clock(round(elapsed))} at {speed:.1f} km/h (under "
            f"{WALKING_UNDER_KMH:.0f} km/h), so it was saved as a walk or hike"
        )
    return "run", ""


def decide(parsed: ParsedFile, sport: str | None = None) -> list[Decision]:
    """What each activity of the file becomes. ``sport`` (from Strava's activities.csv)
    overrides the file's own labels. Every sport is kept; only transitions are skipped."""
    decisions = []
    for index, activity in enumerate(parsed.activities):
        label = sport or activity.sport
        if label in RUN_SPORTS:
            decisions.append(Decision(index, activity, "run"))
        elif label == "transition":
            decisions.append(Decision(index, activity, None))
        elif label in CROSS_TRAINING_SPORTS:
            decisions.append(Decision(index, activity, CROSS_TRAINING_SPORTS[label]))
        else:
            kind, why = judge_unlabelled(activity)
            decisions.append(Decision(index, activity, kind, why))
    return decisions


def same_activity(a: ParsedActivity, b: ParsedActivity) -> bool:
    """Two copies of one recording in one file (chained FIT copies): same start, same
    distance within 1 %, same duration within a minute."""
    if a.start_time is None or b.start_time is None:
        return False
    return (
        abs((a.start_time - b.start_time).total_seconds()) <= 60
        and abs(a.distance_m - b.distance_m) <= 0.01 * max(a.distance_m, b.distance_m, 1)
        and abs((a.elapsed_s or 0) - (b.elapsed_s or 0)) <= 60
    )


def without_copies(decisions: list[Decision]) -> tuple[list[Decision], int]:
    """The decisions with later copies of an earlier activity left out, and how many were."""
    kept: list[Decision] = []
    for decision in decisions:
        if not any(same_activity(decision.activity, k.activity) for k in kept):
            kept.append(decision)
    return kept, len(decisions) - len(kept)


def label_for(name: str, activity: ParsedActivity, count: int) -> str:
    if count > 1 and activity.start_time is not None:
        return f"{name} (the run at {activity.start_time:%Y-%m-%d %H:%M} UTC)"
    return name


def build_run(
    *,
    user,
    profile: Profile,
    name: str,
    label: str,
    activity: ParsedActivity,
    notes: list[str],
    min_m: float = 0,
    min_s: float = 0,
) -> tuple[Run | None, str | None]:
    """A Run for an activity, or None and the reason it cannot be one. Shorter than ``min_m``
    or ``min_s`` (settings.IMPORT_MIN_RUN_M/_S) is refused as too short: what damaged FIT
    files leave (a 14-second, 10-metre "run")."""
    elapsed = round(activity.elapsed_s or 0)
    moving = round(activity.moving_s or 0)
    duration = elapsed or moving
    problems = bounds.run_problems(
        distance_m=activity.distance_m, duration_s=duration, elevation_gain_m=None
    )
    if problems:
        return None, refusal(label, activity.distance_m, duration, problems)
    if activity.distance_m < min_m or duration < min_s:
        return None, (
            f"{label} was not imported: {activity.distance_m:,.0f} m in {clock(duration)} is "
            f"too short to be a run (a run here is at least {min_m:,.0f} m and "
            f"{min_s:,.0f} seconds)."
        )
    needs_date = activity.start_time is None
    if not needs_date:
        day = activity.start_time.astimezone(profile.zone).date()
    else:
        # Saved on the day of import only as a placeholder: it stays out of the totals, charts
        # and insights (Run.objects.dated()) until the runner gives its date on the report.
        day = profile.today()
        notes.append(
            f"{label} has no calendar start time (the watch's clock was not set), so its date "
            "is unknown: give it on the import report. Until then it is left out of your "
            "totals and charts."
        )
    date_problem = bounds.date_problems(day, profile.today())
    if date_problem:
        return None, f"{label} was not imported: its date, {day:%Y-%m-%d}, is not accepted. " + (
            date_problem["date"]
        )
    elevation = activity.elevation_gain_m
    if elevation is not None and bounds.run_problems(
        distance_m=activity.distance_m, duration_s=duration, elevation_gain_m=elevation
    ):
        notes.append(f"{label}: its elevation gain ({elevation:,.0f} m) is implausible; left out.")
        elevation = None
    avg_hr, max_hr = activity.avg_hr_bpm, activity.max_hr_bpm
    hr_problems = bounds.heart_rate_problems(avg_hr, max_hr)
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
            needs_date=needs_date,
        ),
        None,
    )


def build_cross_training(
    *, user, profile: Profile, name: str, label: str, sport: str, activity: ParsedActivity
) -> tuple[CrossTrainingSession | None, str | None]:
    """A CrossTrainingSession for an activity of another sport, or None and why not."""
    elapsed = round(activity.elapsed_s or 0)
    moving = round(activity.moving_s or 0)
    duration = elapsed or moving
    if not duration:
        return None, (
            f"{label} was not imported: it has no times, so its duration is unknown "
            "(log it by hand with its duration)."
        )
    if activity.start_time is not None:
        day = activity.start_time.astimezone(profile.zone).date()
    else:
        return None, (
            f"{label} was not imported: it has no calendar start time, so its date is unknown "
            "(log it by hand on the cross-training page)."
        )
    date_problem = bounds.date_problems(day, profile.today())
    if date_problem:
        return None, f"{label} was not imported: its date, {day:%Y-%m-%d}, is not accepted. " + (
            date_problem["date"]
        )
    avg_hr, max_hr = activity.avg_hr_bpm, activity.max_hr_bpm
    hr_problems = bounds.heart_rate_problems(avg_hr, max_hr)
    elevation = activity.elevation_gain_m
    if elevation is not None and not 0 <= elevation <= bounds.MOST_ELEVATION_GAIN_M:
        elevation = None
    return (
        CrossTrainingSession(
            user=user,
            date=day,
            start_time=activity.start_time,
            sport=sport,
            duration_s=duration,
            moving_s=moving if 0 < moving <= duration else None,
            distance_m=activity.distance_m if activity.distance_m > 0 else None,
            elevation_gain_m=elevation,
            avg_hr_bpm=None if "avg_hr_bpm" in hr_problems else avg_hr,
            max_hr_bpm=None if "max_hr_bpm" in hr_problems else max_hr,
            notes=activity.name[:1000],
            source_format=activity.source_format,
            source_name=name[:255],
        ),
        None,
    )


def refusal(label: str, distance_m: float, duration_s: int, problems: dict[str, str]) -> str:
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
            f"{label} was not imported: it lasts {clock(duration_s)}, longer than a run can "
            f"be here (at most {bounds.LONGEST_RUN_S // 3600} hours)."
        )
    return (
        f"{label} was not imported: {km:.2f} km in {clock(duration_s)} is faster than "
        f"{bounds.FASTEST_PACE['metric']}, which nobody runs (is it a ride or a drive?)."
    )


def clock(seconds: int) -> str:
    hours, rest = divmod(seconds, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}"


def build_measurements(
    *, user, profile: Profile, label: str, parsed: ParsedFile, notes: list[str]
) -> list[LegMeasurement]:
    readings = []
    for index, weight in enumerate(parsed.weights):
        values = {"weight_kg": weight.weight_kg, "body_fat_pct": weight.body_fat_pct}
        problems = bounds.measurement_problems(values)
        if "body_fat_pct" in problems and "weight_kg" not in problems:
            notes.append(
                f"{label}: a body fat of {weight.body_fat_pct} % is implausible; left out."
            )
            values["body_fat_pct"] = None
            problems = bounds.measurement_problems(values)
        day = (
            weight.measured_at.astimezone(profile.zone).date()
            if weight.measured_at
            else profile.today()
        )
        problems |= bounds.date_problems(day, profile.today())
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
