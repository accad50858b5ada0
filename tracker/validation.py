"""The log's plausibility bounds, checked on values in SI units.

The web forms (tracker/forms.py) check the same bounds in the runner's units and own the
numbers; this module applies them to SI values for the writers that have no form: watch-file
imports (tracker/imports.py) and the REST API (api/serializers.py). Each function returns
{field: message}; empty means plausible.
"""

import datetime

from tracker import forms as bounds

FASTEST_PACE = (
    f"{bounds.FASTEST_PACE_S_PER_KM // 60}:{bounds.FASTEST_PACE_S_PER_KM % 60:02d} per km"
)


def _format(value: float) -> str:
    return f"{value:,g}"


def date_problems(day: datetime.date, today: datetime.date) -> dict[str, str]:
    if day > today + datetime.timedelta(days=1):
        return {"date": "That date is more than a day ahead. Log what you have done."}
    if day < bounds.EARLIEST_DATE:
        return {"date": f"Enter a date after {bounds.EARLIEST_DATE.year}."}
    return {}


def heart_rate_problems(avg_hr_bpm: int | None, max_hr_bpm: int | None) -> dict[str, str]:
    low, high = bounds.HEART_RATE_BPM
    problems = {}
    for name, value in (("avg_hr_bpm", avg_hr_bpm), ("max_hr_bpm", max_hr_bpm)):
        if value is not None and not low <= value <= high:
            problems[name] = f"Enter a heart rate between {low} and {high} bpm."
    if not problems and avg_hr_bpm and max_hr_bpm and max_hr_bpm < avg_hr_bpm:
        problems["max_hr_bpm"] = "The maximum heart rate cannot be below the average."
    return problems


def run_problems(
    *,
    distance_m: float,
    duration_s: float,
    elevation_gain_m: float | None = None,
    moving_s: float | None = None,
) -> dict[str, str]:
    """Distance, duration, pace and elevation: what makes a recording impossible as a run."""
    problems = {}
    if not distance_m or distance_m <= 0:
        problems["distance_m"] = "Enter a distance above 0 m."
    elif distance_m > bounds.LONGEST_RUN_M:
        problems["distance_m"] = (
            f"Enter a distance up to {_format(bounds.LONGEST_RUN_M)} m; that is beyond a "
            "48-hour race."
        )
    if not duration_s or duration_s <= 0:
        problems["duration_s"] = "Enter a duration above zero."
    elif duration_s > bounds.LONGEST_RUN_S:
        problems["duration_s"] = (
            f"A run can last at most {bounds.LONGEST_RUN_S // 3600} hours "
            f"({bounds.LONGEST_RUN_S:,} s)."
        )
    if moving_s is not None and duration_s and moving_s > duration_s:
        problems["moving_s"] = "The moving time cannot be longer than the duration."
    if (
        not problems
        and distance_m
        and duration_s
        and duration_s / (distance_m / 1000) < bounds.FASTEST_PACE_S_PER_KM
    ):
        problems["duration_s"] = (
            f"That is faster than {FASTEST_PACE}: check the distance and the duration."
        )
    if elevation_gain_m is not None and not 0 <= elevation_gain_m <= bounds.MOST_ELEVATION_GAIN_M:
        problems["elevation_gain_m"] = (
            f"Enter an elevation gain between 0 and {_format(bounds.MOST_ELEVATION_GAIN_M)} m."
        )
    return problems


def effort_problems(effort: int | None) -> dict[str, str]:
    if effort is not None and not 1 <= effort <= 10:
        return {"effort": "Choose an effort from 1 to 10."}
    return {}


def set_problems(
    *, reps: int | None, weight_kg: float | None, reps_in_reserve: int | None
) -> dict[str, str]:
    problems = {}
    if reps is not None and not bounds.SET_REPS[0] <= reps <= bounds.SET_REPS[1]:
        problems["reps"] = f"Enter from {bounds.SET_REPS[0]} to {bounds.SET_REPS[1]} reps."
    if (
        weight_kg is not None
        and not bounds.SET_WEIGHT_KG[0] <= weight_kg <= bounds.SET_WEIGHT_KG[1]
    ):
        problems["weight_kg"] = (
            f"Enter a weight from 0 (body weight) up to {_format(bounds.SET_WEIGHT_KG[1])} kg."
        )
    low, high = bounds.REPS_IN_RESERVE
    if reps_in_reserve is not None and not low <= reps_in_reserve <= high:
        problems["reps_in_reserve"] = f"Enter from {low} to {high} reps in reserve."
    return problems


MEASUREMENT_BOUNDS = {
    "weight_kg": (bounds.BODY_WEIGHT_KG, "a body weight", "kg"),
    "thigh_left_cm": (bounds.THIGH_CM, "a thigh girth", "cm"),
    "thigh_right_cm": (bounds.THIGH_CM, "a thigh girth", "cm"),
    "calf_left_cm": (bounds.CALF_CM, "a calf girth", "cm"),
    "calf_right_cm": (bounds.CALF_CM, "a calf girth", "cm"),
    "body_fat_pct": (bounds.BODY_FAT_PCT, "a body fat", "%"),
}


def measurement_problems(values: dict[str, float | None]) -> dict[str, str]:
    problems = {}
    for name, ((low, high), what, unit) in MEASUREMENT_BOUNDS.items():
        value = values.get(name)
        if value is not None and not low <= value <= high:
            problems[name] = f"Enter {what} between {_format(low)} and {_format(high)} {unit}."
    if not problems and all(values.get(name) is None for name in MEASUREMENT_BOUNDS):
        problems["non_field_errors"] = "Enter at least one measurement."
    return problems


def protein_problems(protein_g: float | None) -> dict[str, str]:
    if protein_g is None:
        return {}
    if protein_g <= 0:
        return {"protein_g": "Enter the grams of protein, above 0."}
    if protein_g > bounds.PROTEIN_ENTRY_G[1]:
        return {
            "protein_g": (
                f"Enter at most {_format(bounds.PROTEIN_ENTRY_G[1])} g in one entry; split a big "
                "day into several entries."
            )
        }
    return {}
