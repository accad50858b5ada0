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
from itertools import accumulate, pairwise

from django.db.models import Count, F, FloatField, Max, Q, Subquery, Sum
from django.db.models.functions import Cast, Coalesce
from django.urls import reverse

from knowledge.models import Guideline
from tracker import heart_rate, metrics, units
from tracker.log.models import (
    LegMeasurement,
    Profile,
    ProteinEntry,
    Run,
    StrengthSet,
    get_profile,
)
from tracker.progress.periods import (
    DEFAULT_RANGE,
    RANGES,
    InvalidRange,
    as_date,
    bar_resolution,
    period_bucket,
    periods_between,
    periods_block,
    range_start,
    resolution_for,
)
from tracker.progress.strength_charts import one_rep_max, strength_by_exercise, strength_volume

__all__ = ["DEFAULT_RANGE", "RANGES", "InvalidRange", "chart_data"]

LOAD_WARM_UP_DAYS = 2 * metrics.CHRONIC_DAYS
MEASUREMENT_FIELDS = (
    "weight_kg",
    "thigh_left_cm",
    "thigh_right_cm",
    "calf_left_cm",
    "calf_right_cm",
)


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


def runs_by_type(runs, bucket) -> list[tuple]:
    """(bucket, run type, Σ distance, Σ duration, Σ hard seconds, Σ pace distance, Σ pace
    seconds) per bucket (a day, week or month) and type.

    Hard seconds are measured from the recording where there is one (Run.hard_seconds_expression).
    Pace is over moving time, and over only the fast parts of sessions with repeats
    (work_distance_m, work_moving_s), so a sprint session is not slowed by its recoveries.
    """
    return list(
        runs.values(bucket=bucket, type=F("run_type"))
        .annotate(
            distance=Sum("distance_m"),
            duration=Sum("duration_s"),
            hard=Sum(Run.hard_seconds_expression()),
            pace_distance=Sum(Coalesce("work_distance_m", "distance_m")),
            pace_seconds=Sum(
                Coalesce("work_moving_s", Cast("moving_s", FloatField()), "duration_s"),
                output_field=FloatField(),
            ),
        )
        .order_by("bucket")
        .values_list(
            "bucket", "type", "distance", "duration", "hard", "pace_distance", "pace_seconds"
        )
    )


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


def training_load(user, start, today, resolution) -> dict:
    """Chart 3: session load (effort × minutes), 7- and 28-day load and their ratio.

    Loads are summed per day in SQL from a few weeks before the range (so the first ratios are
    whole), then walked as a dense list of days: `acwr` (metrics.acwr_rolling) and `acwr_ewma`
    (metrics.acwr_ewma) are always worked out day by day over the whole list, whatever the
    resolution. Long ranges then show only each week's or month's last day (and today):
    `load` is then that week's 7-day load, or the month's load so far; the 7-day, 28-day and
    ratio figures are those of that day.
    """
    # A run has a load when an effort was given or its recording had heart rate.
    runs = (
        Run.objects.for_user(user)
        .dated()
        .filter(Q(effort__isnull=False) | Q(hr_load__isnull=False), date__lte=today)
    )
    if start:
        runs = runs.filter(date__gte=start - datetime.timedelta(days=LOAD_WARM_UP_DAYS))
    by_day = dict(
        runs.values("date")
        .annotate(load=Sum(Run.load_expression()))
        .order_by("date")
        .values_list("date", "load")
    )
    if not by_day:
        return {"has_data": False, "resolution": resolution, "dates": []}
    first_day = min(by_day)
    if start:
        first_day = min(first_day, start)
    # One slot per day from first_day to today, rest days as 0 (no list of ten years of dates).
    daily = [0.0] * ((today - first_day).days + 1)
    for day, load in by_day.items():
        daily[(day - first_day).days] = float(load)
    acute = metrics.rolling_sums(daily, metrics.ACUTE_DAYS)
    chronic = metrics.rolling_sums(daily, metrics.CHRONIC_DAYS)
    ratio = metrics.acwr_rolling(daily)
    ewma = metrics.acwr_ewma(daily)
    shown_from = (start - first_day).days if start else 0
    if resolution == "day":
        picked = list(range(shown_from, len(daily)))
        loads = [daily[i] for i in picked]
    else:
        # The last day of each week or month (the day before the next one starts), then today.
        next_starts = periods_between(first_day, today, resolution)[1:]
        picked = [(period - first_day).days - 1 for period in next_starts]
        picked = [i for i in picked if i >= shown_from] + [len(daily) - 1]
        if resolution == "week":
            # A week's last day's 7-day load is that week's load.
            loads = [acute[i] for i in picked]
        else:
            # A month's load: the days since the previous month's end.
            running = list(accumulate(daily, initial=0.0))
            loads = [
                running[i + 1] - running[previous + 1]
                for previous, i in pairwise([shown_from - 1, *picked])
            ]
    has_load = any(daily[shown_from:])
    return {
        "has_data": has_load,
        "resolution": resolution,
        "dates": [(first_day + datetime.timedelta(days=i)).isoformat() for i in picked],
        "load": [round(load, 1) for load in loads],
        "acute_7d": [round(acute[i], 1) for i in picked],
        "chronic_weekly": [
            round(chronic[i] * metrics.ACUTE_DAYS / metrics.CHRONIC_DAYS, 1) for i in picked
        ],
        "acwr": [rounded(ratio[i], 2) for i in picked],
        "acwr_ewma": [rounded(ewma[i], 2) for i in picked],
    }


def time_in_zone(runs, bucket, start, today, resolution) -> dict:
    """Time in each heart-rate zone per week (or month), summed in SQL from the runs'
    recordings; runs without heart rate add nothing."""
    rows = list(
        runs.filter(zone1_s__isnull=False)
        .values(bucket=bucket)
        .annotate(**{name: Sum(name) for name in Run.ZONE_FIELDS})
        .order_by("bucket")
        .values_list("bucket", *Run.ZONE_FIELDS)
    )
    first = start or (as_date(rows[0][0]) if rows else today)
    periods = periods_between(first, today, resolution)
    position = {period: index for index, period in enumerate(periods)}
    zones = [[0] * len(periods) for _ in Run.ZONE_FIELDS]
    for bucket, *seconds in rows:
        index = position[as_date(bucket)]
        for zone, value in enumerate(seconds):
            zones[zone][index] = value or 0
    return {
        "has_data": bool(rows),
        **periods_block(periods, resolution),
        "series": [
            {"zone": number, "label": f"Zone {number}", "seconds": zones[number - 1]}
            for number in range(1, 6)
        ],
        "hard_from_zone": heart_rate.HARD_ZONE,
    }


def measurements(user, start) -> tuple[dict, list[tuple]]:
    """Chart 6: girths left and right and body weight, as logged (a few a month at most).

    Also returns every (date, weight) from the range plus the latest weight before it, which
    the protein chart divides by; one query for both.
    """
    rows = LegMeasurement.objects.for_user(user)
    if start:
        day_before = start - datetime.timedelta(days=1)
        latest_before = (
            LegMeasurement.objects.for_user(user).weighed_on_or_before(day_before).values("pk")[:1]
        )
        rows = rows.filter(Q(date__gte=start) | Q(pk=Subquery(latest_before)))
    rows = list(rows.order_by("date", "pk").values("date", *MEASUREMENT_FIELDS))
    weights = [(row["date"], row["weight_kg"]) for row in rows if row["weight_kg"]]
    shown = [row for row in rows if start is None or row["date"] >= start]
    chart = {
        "has_data": bool(shown),
        "dates": [row["date"].isoformat() for row in shown],
        **{name: [row[name] for row in shown] for name in MEASUREMENT_FIELDS},
    }
    return chart, weights


def protein(user, start, today, resolution, weights, target_g_per_kg) -> dict:
    """Chart 7: protein per kg of body weight per day, against the guide's range.

    Daily totals come grouped from SQL, each divided by the latest weight on or before its day.
    Long ranges show each week's (or month's) average over the finished days logged (today is
    still being eaten), dated by the bucket's first day and divided by the weight on its last
    logged day. A daily chart keeps today, named in `unfinished_date` so it is drawn as "so
    far" and counted nowhere as a day below the range.
    """
    entries = ProteinEntry.objects.for_user(user).filter(date__lte=today)
    if resolution != "day":
        entries = entries.filter(date__lt=today)
    if start:
        entries = entries.filter(date__gte=start)
    if resolution == "day":
        rows = entries.values("date").annotate(total=Sum("protein_g")).order_by("date")
        dates, total_g = [], []
        for day, total in rows.values_list("date", "total"):
            dates.append(day)
            total_g.append(total)
        # Divided by the weight on or before the day itself.
        weighed_on = dates
    else:
        rows = (
            entries.values(period=period_bucket("date", resolution))
            .annotate(total=Sum("protein_g"), days=Count("date", distinct=True), last=Max("date"))
            .order_by("period")
            .values_list("period", "total", "days", "last")
        )
        dates, total_g, weighed_on = [], [], []
        for period, total, days, last in rows:
            dates.append(as_date(period))
            total_g.append(total / days)
            weighed_on.append(last)
    per_kg = metrics.protein_g_per_kg_by_day(list(zip(weighed_on, total_g, strict=True)), weights)
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


def chart_data(
    user,
    range_key: str,
    *,
    exercise_id: int | None = None,
    today=None,
    profile: Profile | None = None,
    guidelines: dict | None = None,
) -> dict:
    """Every chart of the Progress page for `user` over `range_key` (a key of RANGES). A page
    that has already read the profile or the guidelines passes them in."""
    if range_key not in RANGES:
        raise InvalidRange(f"Unknown range {range_key!r}; use one of: {', '.join(RANGES)}.")
    profile = profile or get_profile(user)
    today = today or profile.today()
    start = range_start(range_key, today)
    resolution = resolution_for(range_key, user, today)
    bars = bar_resolution(resolution)
    guidelines = Guideline.objects.by_key() if guidelines is None else guidelines

    runs = Run.objects.for_user(user).dated().filter(date__lte=today)
    sets = StrengthSet.objects.for_user(user).filter(session__date__lte=today)
    if start:
        runs = runs.filter(date__gte=start)
        sets = sets.filter(session__date__gte=start)
    bar_runs = runs_by_type(runs, period_bucket("date", bars))
    pace_runs = runs_by_type(runs, F("date")) if resolution == "day" else bar_runs
    measurement_chart, weights = measurements(user, start)
    volume_rows, exercises = strength_by_exercise(sets, bars)
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
            "training_load": training_load(user, start, today, resolution),
            "time_in_zone": time_in_zone(runs, period_bucket("date", bars), start, today, bars),
            "strength_volume": strength_volume(volume_rows, exercises, start, today, bars),
            "one_rep_max": one_rep_max(user, sets, start, exercise_id),
            "measurements": measurement_chart,
            "protein": protein(user, start, today, resolution, weights, profile.protein_g_per_kg),
        },
    }
