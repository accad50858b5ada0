"""The log day by day, in one query: what every chart of training and the insights add up.

    days = daily_log(user, since, today)

One UNION of three grouped queries (runs per day and run type, cross-training per day and sport,
strength sessions per day), plus the runner's latest strength session wherever it falls, so
the Progress page reads its distance, pace, load, zones, ledger and insight inputs from one
result. Rows are as many as the days trained in the window (a few hundred for a year), never
the number of samples or sets.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, F, FloatField, IntegerField, Max, Subquery, Sum, Value
from django.db.models.functions import Cast, Coalesce

from tracker.log.models import CrossTrainingSession, Run, StrengthSession
from tracker.progress.periods import as_date, month_start, week_start

RUN = "run"
STRENGTH = "strength"
CROSS_TRAINING = "cross_training"
# The latest strength session, when it falls before the window (for "weeks since leg day").
LATEST_STRENGTH = "latest_strength"
KINDS = (RUN, STRENGTH, CROSS_TRAINING)
KIND_LABELS = {RUN: "Runs", STRENGTH: "Strength", CROSS_TRAINING: "Cross-training"}

ZONE_FIELDS = Run.ZONE_FIELDS
ZONE_NAMES = tuple(f"z{number}" for number in range(1, len(ZONE_FIELDS) + 1))
# The UNION's columns, in order (each branch gives all of them).
SELECTED = (
    "date",
    "kind",
    "type",
    "n",
    "distance",
    "duration",
    "hard",
    "pace_distance",
    "pace_seconds",
    "total_load",
    "top_effort",
    *ZONE_NAMES,
)


@dataclass(frozen=True, slots=True)
class Day:
    """One kind (and run type or sport) on one day, summed."""

    date: datetime.date
    kind: str
    subtype: str  # the run type, the sport, or "" for strength
    count: int
    distance_m: float
    duration_s: float
    hard_s: float  # hard running seconds (Run.hard_seconds_expression); 0 for other kinds
    pace_distance_m: float  # the distance and time pace is worked out over (only the fast
    pace_s: float  # parts of sessions with repeats); 0 for other kinds
    load: float | None  # Σ session load; None when no session of the row had one
    effort: int | None  # the highest perceived effort given that day, if any
    zones: tuple  # seconds in heart-rate zones 1–5 (runs with a recording), else Nones


def _float(expression):
    return Cast(expression, FloatField())


def _grouped(queryset, kind: str, **columns):
    """`queryset` summed per day as the UNION's columns; those not given are 0 or NULL."""
    defaults = {
        "type": Value(""),
        "distance": Value(0.0),
        "hard": Value(0.0),
        "pace_distance": Value(0.0),
        "pace_seconds": Value(0.0),
        **{name: Value(None, output_field=IntegerField()) for name in ZONE_NAMES},
    }
    return (
        queryset.values("date")
        .annotate(
            kind=Value(kind), n=Count("pk"), top_effort=Max("effort"), **{**defaults, **columns}
        )
        .values_list(*SELECTED)
        .order_by()
    )


def daily_log(user, since: datetime.date | None, today: datetime.date) -> list[Day]:
    """Every day with training from `since` (None: the whole log) to `today`, oldest first,
    and the latest strength session before `since` as a LATEST_STRENGTH row."""

    def window(queryset):
        queryset = queryset.filter(date__lte=today)
        return queryset.filter(date__gte=since) if since else queryset

    runs = _grouped(
        window(Run.objects.for_user(user).dated()),
        RUN,
        type=F("run_type"),
        distance=_float(Sum("distance_m")),
        duration=_float(Sum("duration_s")),
        hard=_float(Sum(Run.hard_seconds_expression())),
        pace_distance=_float(Sum(Coalesce("work_distance_m", "distance_m"))),
        pace_seconds=_float(
            Sum(Coalesce("work_moving_s", _float("moving_s"), _float("duration_s")))
        ),
        total_load=_float(Sum(Run.load_expression())),
        **{name: Sum(field) for name, field in zip(ZONE_NAMES, ZONE_FIELDS, strict=True)},
    )
    cross_training = _grouped(
        window(CrossTrainingSession.objects.for_user(user)),
        CROSS_TRAINING,
        type=F("sport"),
        distance=_float(Sum(Coalesce("distance_m", Value(0.0)))),
        duration=_float(Sum("duration_s")),
        total_load=_float(Sum(CrossTrainingSession.load_expression())),
    )

    def strength(queryset, kind):
        return _grouped(
            queryset,
            kind,
            duration=_float(Sum(Coalesce("duration_s", Value(0)))),
            total_load=_float(Sum(StrengthSession.load_expression())),
        )

    sessions = StrengthSession.objects.for_user(user)
    latest = sessions.filter(date__lte=today).order_by("-date", "-pk").values("pk")[:1]
    before_window = sessions.filter(pk=Subquery(latest))
    if since:
        before_window = before_window.filter(date__lt=since)
    rows = runs.union(
        cross_training,
        strength(window(sessions), STRENGTH),
        strength(before_window, LATEST_STRENGTH),
        all=True,
    ).order_by()
    days = [
        Day(
            date=as_date(row[0]),
            kind=row[1],
            subtype=row[2] or "",
            count=row[3],
            distance_m=row[4] or 0.0,
            duration_s=row[5] or 0.0,
            hard_s=row[6] or 0.0,
            pace_distance_m=row[7] or 0.0,
            pace_s=row[8] or 0.0,
            load=row[9],
            effort=row[10],
            zones=tuple(row[11:]),
        )
        for row in rows
    ]
    days.sort(key=lambda day: (day.date, day.kind, day.subtype))
    return days


def bucket_of(day: datetime.date, resolution: str) -> datetime.date:
    """The day itself, or the Monday of its week, or the 1st of its month."""
    if resolution == "month":
        return month_start(day)
    if resolution == "week":
        return week_start(day)
    return day
