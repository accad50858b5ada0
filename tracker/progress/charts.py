"""The Progress page's chart data: seven charts aggregated in the database, one dict.

    chart_data(user, "12w") -> {"range": ..., "units": ..., "guidelines": ..., "charts": {...}}

Values are in SI units (metres, seconds, kilograms, centimetres) under names that say so, like
the models; `units` carries the runner's unit labels and the factors to convert them
(`distance_m / units["metres_per_distance_unit"]`), so the same dict serves the page's script,
its tables and the REST API. Dates are ISO strings.

Resolution: the ranges up to a year draw load, protein and pace per day and bars per week; "all"
draws everything per week, or per calendar month once the log spans more than
MONTHLY_AFTER_WEEKS weeks (a ten-year log would otherwise mean 500 bars a chart). The range and
each bucketed chart say which (`"resolution": "day" | "week" | "month"`); the 1RM and
measurement charts always show each logged day. Bar charts list their buckets' first days as
`periods` (Mondays, or the 1st of each month) and, when weekly, as `weeks` too: that was their
only name before monthly buckets, and API clients read it.

A fixed set of queries (about a dozen, whatever the size of the log), each grouped by day, week
or month in SQL and restricted to the range: Python only walks the grouped rows and the days of
the range.
"""

import datetime

from django.urls import reverse

from knowledge.models import Guideline
from tracker import heart_rate, metrics, units
from tracker.log.models import Profile, Run, StrengthSet, get_profile
from tracker.progress.daily import RUN, Day, bucket_of
from tracker.progress.ledger import leg_ledger
from tracker.progress.load_charts import fitness_form, load_span, training_load, weekly_strain
from tracker.progress.periods import (
    DEFAULT_RANGE,
    RANGES,
    InvalidRange,
    as_date,
    bar_resolution,
    periods_between,
    periods_block,
    range_start,
    resolution_for,
)
from tracker.progress.rows import MEASUREMENT_FIELDS, ProgressRows, read_rows
from tracker.progress.strength_charts import one_rep_max, strength_volume

__all__ = ["DEFAULT_RANGE", "RANGES", "InvalidRange", "chart_data"]


def rounded(value, places: int = 1):
    return None if value is None else round(value, places)


def units_block(system: str) -> dict:
    return {
        "system": system,
        "distance": units.unit_label("distance", system),
        "weight": units.unit_label("weight", system),
        "length": units.unit_label("length", system),
        "metres_per_distance_unit": units.to_si("distance", 1, system),
        "kg_per_weight_unit": units.to_si("weight", 1, system),
        "cm_per_length_unit": units.to_si("length", 1, system),
    }


def guideline_block(guidelines: dict[str, Guideline]) -> dict:
    def band(key):
        g = guidelines.get(key)
        if g is None or g.minimum is None or g.maximum is None:
            return None
        return {"minimum": g.minimum, "maximum": g.maximum, **article_of(g)}

    def single(key):
        g = guidelines.get(key)
        if g is None or g.value is None:
            return None
        return {"value": g.value, **article_of(g)}

    return {
        "acwr_sweet_spot": band("acwr_sweet_spot"),
        "acwr_danger": single("acwr_danger"),
        "protein_g_per_kg": band("protein_g_per_kg"),
        "hard_running_share_pct": band("hard_running_share_pct"),
        # Form as a share of fitness: training below zero, fresh above it (fitness chart).
        "form_training_pct": band("form_training_pct"),
        "form_fresh_pct": band("form_fresh_pct"),
        "monotony_high": single("monotony_high"),
    }


def article_of(guideline: Guideline) -> dict:
    return {
        "article_url": reverse("knowledge:article", args=[guideline.article.slug]),
        "article_title": guideline.article.title,
    }


# --------------------------------------------------------------------------------------------
# The seven charts
# --------------------------------------------------------------------------------------------


def run_type_labels() -> dict[str, str]:
    return dict(Run.RunType.choices)


def runs_by_type(days: list[Day], start, resolution: str) -> list[tuple]:
    """(bucket, run type, Σ distance, Σ duration, Σ hard seconds, Σ pace distance, Σ pace
    seconds) per bucket (a day, week or month) and type, from `start`, oldest first.

    Hard seconds are measured from the recording where there is one (Run.hard_seconds_expression).
    Pace is over moving time, and over only the fast parts of sessions with repeats
    (work_distance_m, work_moving_s), so a sprint session is not slowed by its recoveries.
    """
    sums: dict[tuple, list[float]] = {}
    for day in days:
        if day.kind != RUN or (start and day.date < start):
            continue
        key = (bucket_of(day.date, resolution), day.subtype)
        total = sums.setdefault(key, [0.0] * 5)
        total[0] += day.distance_m
        total[1] += day.duration_s
        total[2] += day.hard_s
        total[3] += day.pace_distance_m
        total[4] += day.pace_s
    return [(*key, *values) for key, values in sorted(sums.items())]


def weekly_distance(rows, start, today, resolution) -> dict:
    """Chart 1: distance per week (or month), one series per run type (the intensity mix)."""
    first = start or (as_date(rows[0][0]) if rows else today)
    periods = periods_between(first, today, resolution)
    position = {period: index for index, period in enumerate(periods)}
    series: dict[str, list[float]] = {}
    hard_s = [0.0] * len(periods)
    total_s = [0.0] * len(periods)
    for bucket, run_type, distance_m, duration_s, hard, *_ in rows:
        index = position[as_date(bucket)]
        series.setdefault(run_type, [0.0] * len(periods))[index] = round(distance_m, 1)
        total_s[index] += duration_s
        hard_s[index] += hard or 0
    total_m = [round(sum(by_type), 1) for by_type in zip(*series.values(), strict=True)]
    return {
        "has_data": bool(rows),
        **periods_block(periods, resolution),
        "series": [
            {
                "run_type": key,
                "label": label,
                "hard": key in metrics.HARD_RUN_TYPES,
                "distance_m": series[key],
            }
            for key, label in run_type_labels().items()
            if key in series
        ],
        "total_distance_m": total_m or [0.0] * len(periods),
        "hard_share_pct": [
            rounded(100 * hard / total) if total else None
            for hard, total in zip(hard_s, total_s, strict=True)
        ],
    }


def pace_by_type(rows, resolution) -> dict:
    """Chart 2: pace per run type, per day (short ranges), week or month: Σ time ÷ Σ distance.
    Weekly and monthly points are dated by their bucket's first day."""
    series: dict[str, dict] = {}
    for bucket, run_type, _, _, _, distance_m, seconds in rows:
        points = series.setdefault(run_type, {"dates": [], "pace_s_per_km": []})
        points["dates"].append(as_date(bucket).isoformat())
        points["pace_s_per_km"].append(rounded(metrics.pace_s_per_km(distance_m, seconds)))
    return {
        "has_data": bool(series),
        "resolution": resolution,
        "series": [
            {"run_type": key, "label": label, **series[key]}
            for key, label in run_type_labels().items()
            if key in series
        ],
    }


def time_in_zone(days: list[Day], start, today, resolution) -> dict:
    """Time in each heart-rate zone per week (or month), from the runs' recordings; runs
    without heart rate add nothing."""
    sums: dict[datetime.date, list[float]] = {}
    for day in days:
        if day.kind != RUN or day.zones[0] is None or (start and day.date < start):
            continue
        total = sums.setdefault(bucket_of(day.date, resolution), [0] * len(day.zones))
        for zone, seconds in enumerate(day.zones):
            total[zone] += seconds or 0
    first = start or (min(sums) if sums else today)
    periods = periods_between(first, today, resolution)
    zones = [[sums.get(period, [0] * 5)[zone] for period in periods] for zone in range(5)]
    return {
        "has_data": bool(sums),
        **periods_block(periods, resolution),
        "series": [
            {"zone": number, "label": f"Zone {number}", "seconds": zones[number - 1]}
            for number in range(1, 6)
        ],
        "hard_from_zone": heart_rate.HARD_ZONE,
    }


def measurements(rows: ProgressRows, start) -> dict:
    """Chart 6: girths left and right and body weight, as logged (a few a month at most)."""
    shown = [row for row in rows.measurements if start is None or row["date"] >= start]
    return {
        "has_data": bool(shown),
        "dates": [row["date"].isoformat() for row in shown],
        **{name: [row[name] for row in shown] for name in MEASUREMENT_FIELDS},
    }


def protein(rows: ProgressRows, start, today, resolution, target_g_per_kg) -> dict:
    """Chart 7: protein per kg of body weight per day, against the guide's range.

    Each day's total is divided by the latest weight on or before its day. Long ranges show
    each week's (or month's) average over the finished days logged (today is still being
    eaten), dated by the bucket's first day and divided by the weight on its last logged day.
    A daily chart keeps today, named in `unfinished_date` so it is drawn as "so far" and
    counted nowhere as a day below the range.
    """
    days = [(day, grams) for day, grams in rows.protein if start is None or day >= start]
    if resolution == "day":
        dates = [day for day, _ in days]
        total_g = [grams for _, grams in days]
        weighed_on = dates  # divided by the weight on or before the day itself
    else:
        buckets: dict[datetime.date, list] = {}
        for day, grams in days:
            if day < today:
                bucket = buckets.setdefault(bucket_of(day, resolution), [0.0, 0, day])
                bucket[0] += grams
                bucket[1] += 1
                bucket[2] = day
        dates = list(buckets)
        total_g = [total / count for total, count, _ in buckets.values()]
        weighed_on = [last for _, _, last in buckets.values()]
    per_kg = metrics.protein_g_per_kg_by_day(
        list(zip(weighed_on, total_g, strict=True)), rows.weights
    )
    g_per_kg_values = [value for _, value in per_kg]
    return {
        "has_data": bool(total_g),
        "has_body_weight": any(value is not None for value in g_per_kg_values),
        "resolution": resolution,
        "dates": [day.isoformat() for day in dates],
        "total_g": [round(g, 1) for g in total_g],
        "g_per_kg": [rounded(v, 2) for v in g_per_kg_values],
        "target_g_per_kg": target_g_per_kg,
        "unfinished_date": today.isoformat() if resolution == "day" and today in dates else None,
    }


def strength_buckets(rows: ProgressRows, start, resolution) -> list[tuple]:
    """(exercise id, bucket, sets, volume) per week (or month) and exercise, from `start`."""
    sums: dict[tuple, list] = {}
    for day, exercise_id, set_count, volume in rows.sets:
        if start and day < start:
            continue
        total = sums.setdefault((exercise_id, bucket_of(day, resolution)), [0, 0.0])
        total[0] += set_count
        total[1] += volume or 0.0
    return [(*key, *values) for key, values in sums.items()]


def chart_data(
    user,
    range_key: str,
    *,
    exercise_id: int | None = None,
    today=None,
    profile: Profile | None = None,
    guidelines: dict | None = None,
    rows: ProgressRows | None = None,
) -> dict:
    """Every chart of the Progress page for `user` over `range_key` (a key of RANGES). A page
    that has already read the profile, the guidelines or the rows (rows.read_rows) passes them."""
    if range_key not in RANGES:
        raise InvalidRange(f"Unknown range {range_key!r}; use one of: {', '.join(RANGES)}.")
    profile = profile or get_profile(user)
    today = today or profile.today()
    start = range_start(range_key, today)
    rows = rows or read_rows(user, start, today)
    resolution = resolution_for(range_key, rows.first_day(), today)
    bars = bar_resolution(resolution)
    guidelines = Guideline.objects.by_key() if guidelines is None else guidelines

    bar_runs = runs_by_type(rows.days, start, bars)
    pace_runs = runs_by_type(rows.days, start, "day") if resolution == "day" else bar_runs
    sets = StrengthSet.objects.for_user(user).filter(session__date__lte=today)
    if start:
        sets = sets.filter(session__date__gte=start)
    daily_load = load_span(rows.days, start, today)
    return {
        "range": {
            "key": range_key,
            "label": RANGES[range_key].label,
            "start": start.isoformat() if start else None,
            "end": today.isoformat(),
            "resolution": resolution,
        },
        "units": units_block(profile.units),
        "guidelines": guideline_block(guidelines),
        "charts": {
            "weekly_distance": weekly_distance(bar_runs, start, today, bars),
            "pace": pace_by_type(pace_runs, resolution),
            "training_load": training_load(daily_load, start, resolution),
            "fitness": fitness_form(daily_load, start, resolution),
            "weekly_strain": weekly_strain(daily_load, start, resolution),
            "time_in_zone": time_in_zone(rows.days, start, today, bars),
            "strength_volume": strength_volume(
                strength_buckets(rows, start, bars), rows.exercises, start, today, bars
            ),
            "one_rep_max": one_rep_max(user, sets, start, exercise_id),
            "measurements": measurements(rows, start),
            "protein": protein(rows, start, today, resolution, profile.protein_g_per_kg),
        },
        # Not a chart: a table per muscle of the stimulus it got (tracker/progress/ledger.py).
        "leg_ledger": leg_ledger(rows, bars),
    }
