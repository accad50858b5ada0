"""From a parsed watch file to rows of the log: a run (or a message saying why it cannot be
one) and weight-scale measurements, checked against the log's bounds (tracker/bounds.py)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from tracker import bounds
from tracker.log.models import LegMeasurement, Profile, Run
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


def runnable(parsed: ParsedFile) -> tuple[list[tuple[int, ParsedActivity]], Counter]:
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


def label_for(name: str, activity: ParsedActivity, count: int) -> str:
    if count > 1 and activity.start_time is not None:
        return f"{name} (the run at {activity.start_time:%Y-%m-%d %H:%M} UTC)"
    return name


def build_run(
    *, user, profile: Profile, name: str, label: str, activity: ParsedActivity, notes: list[str]
) -> tuple[Run | None, str | None]:
    """A Run for an activity, or None and the reason it cannot be one."""
    elapsed = round(activity.elapsed_s or 0)
    moving = round(activity.moving_s or 0)
    duration = elapsed or moving
    problems = bounds.run_problems(
        distance_m=activity.distance_m, duration_s=duration, elevation_gain_m=None
    )
    if problems:
        return None, refusal(label, activity.distance_m, duration, problems)
    if activity.start_time is not None:
        day = activity.start_time.astimezone(profile.zone).date()
    else:
        day = profile.today()
        notes.append(f"{label} has no calendar start time, so it was dated on the day of import.")
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
