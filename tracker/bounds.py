"""The log's plausibility bounds and their messages, written once.

The bounds (in SI) refuse typos and sensor garbage, not unusual athletes:

* pace faster than 1:30 per km: quicker than any sprinter holds even for 400 m;
* a run longer than 48 h or 500 km: beyond a 48-hour race, the longest we log in one go;
* elevation gain above 15,000 m: more than a 48-hour mountain ultra climbs;
* heart rate outside 30-250 bpm: sensor garbage;
* a set above 1,000 kg or 100 reps: above leg-press records, and no longer strength work;
* body weight outside 20-400 kg, thigh outside 25-120 cm, calf outside 15-80 cm, body fat
  outside 2-70 %: outside the range of adult humans measured with a tape;
* more than 300 g of protein in one entry: several days' worth in one meal;
* any date more than a day after today in the runner's time zone (a day's grace for travel);
* a run shorter than 1 m, and any value that is not a finite number (NaN, infinity): nothing
  is recorded that way, and a subnormal distance such as 2.2e-313 m made every page that
  divides by it (pace, speed) fail.

Everything that writes the log checks these: the web forms (tracker/log/forms.py, which show
the numbers in the runner's units), the REST API (api/serializers.py), watch-file imports and
the restore of an account export (tracker/transfer/). The `*_problems` functions check SI
values and return {field: message}; empty means plausible. This module imports no forms.
"""

import datetime
import math

EARLIEST_DATE = datetime.date(1950, 1, 1)
FASTEST_PACE_S_PER_KM = 90
LONGEST_RUN_S = 48 * 3600
LONGEST_RUN_M = 500_000
SHORTEST_RUN_M = 1
MOST_ELEVATION_GAIN_M = 15_000
HEART_RATE_BPM = (30, 250)
EFFORT = (1, 10)
SET_WEIGHT_KG = (0, 1000)
SET_REPS = (1, 100)
REPS_IN_RESERVE = (0, 10)
BODY_WEIGHT_KG = (20, 400)
THIGH_CM = (25, 120)
CALF_CM = (15, 80)
BODY_FAT_PCT = (2, 70)
PROTEIN_ENTRY_G = (0, 300)
PROTEIN_G_PER_KG = (0.5, 3.5)
RESTING_HR_BPM = (25, 120)
MAX_HR_BPM = (100, 240)

FASTEST_PACE = {"metric": "1:30 per km", "imperial": "2:25 per mile"}


def number(value: float) -> str:
    return f"{value:,g}"


# Messages, in the words every writer uses.
DATE_AHEAD = "That date is more than a day ahead. Log what you have done."
DATE_TOO_EARLY = f"Enter a date after {EARLIEST_DATE.year}."
HEART_RATE = f"Enter a heart rate between {HEART_RATE_BPM[0]} and {HEART_RATE_BPM[1]} bpm."
MAX_BELOW_AVERAGE = "The maximum heart rate cannot be below the average."
EFFORT_RANGE = f"Choose an effort from {EFFORT[0]} to {EFFORT[1]}."
DURATION_ZERO = "Enter a duration above zero."
DURATION_TOO_LONG = (
    f"A run can last at most {LONGEST_RUN_S // 3600} hours ({LONGEST_RUN_S // 3600}:00:00)."
)
MOVING_OVER_DURATION = "The moving time cannot be longer than the duration."
MOVING_NOT_A_TIME = "Enter the moving time as a duration of zero or more."
REPS = f"Enter from {SET_REPS[0]} to {SET_REPS[1]} reps."
RESERVE = f"Enter from {REPS_IN_RESERVE[0]} to {REPS_IN_RESERVE[1]} reps in reserve."
NO_MEASUREMENT = "Enter at least one measurement."
PROTEIN_NOT_POSITIVE = "Enter the grams of protein, above 0."
PROTEIN_TOO_MUCH = (
    f"Enter at most {number(PROTEIN_ENTRY_G[1])} g in one entry; split a big day into "
    "several entries."
)
PROTEIN_TARGET = (
    f"Enter a protein target between {PROTEIN_G_PER_KG[0]} and {PROTEIN_G_PER_KG[1]} g/kg."
)
RESTING_HR = f"Enter a resting heart rate between {RESTING_HR_BPM[0]} and {RESTING_HR_BPM[1]} bpm."
MAX_HR = f"Enter a maximum heart rate between {MAX_HR_BPM[0]} and {MAX_HR_BPM[1]} bpm."
MAX_NOT_ABOVE_RESTING = "The maximum heart rate must be above the resting one."


def too_fast(system: str = "metric") -> str:
    return f"That is faster than {FASTEST_PACE[system]}: check the distance and the duration."


def between(what: str, low: str, high: str, unit: str) -> str:
    return f"Enter {what} between {low} and {high} {unit}."


def above_zero_up_to(what: str, high: str, unit: str) -> str:
    return f"Enter {what} above 0 and up to {high} {unit}."


def set_weight(most: str, unit: str) -> str:
    return f"Enter a weight from 0 (body weight) up to {most} {unit}."


def finite(value) -> bool:
    """A real number: not NaN, not infinite (None counts: optional values are checked apart)."""
    if value is None:
        return True
    try:
        return math.isfinite(value)
    except TypeError:
        return False


def date_problems(day: datetime.date, today: datetime.date) -> dict[str, str]:
    if day > today + datetime.timedelta(days=1):
        return {"date": DATE_AHEAD}
    if day < EARLIEST_DATE:
        return {"date": DATE_TOO_EARLY}
    return {}


def heart_rate_problems(avg_hr_bpm: int | None, max_hr_bpm: int | None) -> dict[str, str]:
    low, high = HEART_RATE_BPM
    problems = {}
    for name, value in (("avg_hr_bpm", avg_hr_bpm), ("max_hr_bpm", max_hr_bpm)):
        if value is not None and not low <= value <= high:
            problems[name] = HEART_RATE
    if not problems and avg_hr_bpm and max_hr_bpm and max_hr_bpm < avg_hr_bpm:
        problems["max_hr_bpm"] = MAX_BELOW_AVERAGE
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
    if not finite(distance_m) or not distance_m or distance_m < SHORTEST_RUN_M:
        problems["distance_m"] = f"Enter a distance of at least {SHORTEST_RUN_M} m."
    elif distance_m > LONGEST_RUN_M:
        problems["distance_m"] = (
            f"Enter a distance up to {number(LONGEST_RUN_M)} m; that is beyond a 48-hour race."
        )
    if not finite(duration_s) or not duration_s or duration_s <= 0:
        problems["duration_s"] = DURATION_ZERO
    elif duration_s > LONGEST_RUN_S:
        problems["duration_s"] = DURATION_TOO_LONG
    if not finite(moving_s) or (moving_s is not None and moving_s < 0):
        problems["moving_s"] = MOVING_NOT_A_TIME
    elif moving_s is not None and duration_s and moving_s > duration_s:
        problems["moving_s"] = MOVING_OVER_DURATION
    if (
        not problems
        and distance_m
        and duration_s
        and duration_s / (distance_m / 1000) < FASTEST_PACE_S_PER_KM
    ):
        problems["duration_s"] = too_fast()
    if elevation_gain_m is not None and not 0 <= elevation_gain_m <= MOST_ELEVATION_GAIN_M:
        problems["elevation_gain_m"] = between(
            "an elevation gain", "0", number(MOST_ELEVATION_GAIN_M), "m"
        )
    return problems


def effort_problems(effort: int | None) -> dict[str, str]:
    if effort is not None and not EFFORT[0] <= effort <= EFFORT[1]:
        return {"effort": EFFORT_RANGE}
    return {}


def set_problems(
    *, reps: int | None, weight_kg: float | None, reps_in_reserve: int | None
) -> dict[str, str]:
    problems = {}
    if reps is not None and not SET_REPS[0] <= reps <= SET_REPS[1]:
        problems["reps"] = REPS
    if weight_kg is not None and not SET_WEIGHT_KG[0] <= weight_kg <= SET_WEIGHT_KG[1]:
        problems["weight_kg"] = set_weight(number(SET_WEIGHT_KG[1]), "kg")
    low, high = REPS_IN_RESERVE
    if reps_in_reserve is not None and not low <= reps_in_reserve <= high:
        problems["reps_in_reserve"] = RESERVE
    return problems


# Measurement field -> (bounds, what it is in a message, SI unit).
MEASUREMENT_BOUNDS = {
    "weight_kg": (BODY_WEIGHT_KG, "a body weight", "kg"),
    "thigh_left_cm": (THIGH_CM, "a thigh girth", "cm"),
    "thigh_right_cm": (THIGH_CM, "a thigh girth", "cm"),
    "calf_left_cm": (CALF_CM, "a calf girth", "cm"),
    "calf_right_cm": (CALF_CM, "a calf girth", "cm"),
    "body_fat_pct": (BODY_FAT_PCT, "a body fat", "%"),
}


def measurement_problems(values: dict[str, float | None]) -> dict[str, str]:
    problems = {}
    for name, ((low, high), what, unit) in MEASUREMENT_BOUNDS.items():
        value = values.get(name)
        if value is not None and not low <= value <= high:
            problems[name] = between(what, number(low), number(high), unit)
    if not problems and all(values.get(name) is None for name in MEASUREMENT_BOUNDS):
        problems["non_field_errors"] = NO_MEASUREMENT
    return problems


def protein_problems(protein_g: float | None) -> dict[str, str]:
    if protein_g is None:
        return {}
    if not finite(protein_g) or protein_g <= 0:
        return {"protein_g": PROTEIN_NOT_POSITIVE}
    if protein_g > PROTEIN_ENTRY_G[1]:
        return {"protein_g": PROTEIN_TOO_MUCH}
    return {}


# Cross-training: a ride can be long and fast, but not a drive.
LONGEST_STRENGTH_S = 6 * 3600
STRENGTH_TOO_LONG = (
    f"A strength session can last at most {LONGEST_STRENGTH_S // 3600} hours; "
    "split a longer day into sessions."
)
LONGEST_CROSS_TRAINING_M = 1_000_000
FASTEST_CROSS_TRAINING_KMH = 100
SESSION_TOO_LONG = (
    f"A session can last at most {LONGEST_RUN_S // 3600} hours ({LONGEST_RUN_S // 3600}:00:00)."
)


def cross_training_problems(
    *, distance_m: float | None, duration_s: float, moving_s: float | None = None
) -> dict[str, str]:
    problems = {}
    if not duration_s or duration_s <= 0:
        problems["duration_s"] = DURATION_ZERO
    elif duration_s > LONGEST_RUN_S:
        problems["duration_s"] = SESSION_TOO_LONG
    if moving_s is not None and duration_s and moving_s > duration_s:
        problems["moving_s"] = MOVING_OVER_DURATION
    if distance_m is not None:
        if distance_m <= 0 or distance_m > LONGEST_CROSS_TRAINING_M:
            problems["distance_m"] = above_zero_up_to(
                "a distance", number(LONGEST_CROSS_TRAINING_M / 1000), "km"
            )
        elif duration_s and distance_m / 1000 / (duration_s / 3600) > FASTEST_CROSS_TRAINING_KMH:
            problems["duration_s"] = (
                f"That is faster than {FASTEST_CROSS_TRAINING_KMH} km/h: check the distance "
                "and the duration."
            )
    return problems
