"""What the Progress page reads from the log, once: the rows its charts, insights, outlook and
leg ledger all work from.

    rows = read_rows(user, start, today)
    chart_data(user, range_key, rows=rows)   # the charts
    gather(user, rows=rows)                  # the insights' and outlook's snapshot

Five grouped queries whatever the size of the log: training per day and kind (daily.py), sets
per day and exercise, those exercises' muscles, measurements, protein per day. Each reaches
back far enough for everything that reads it: the range with a warm-up for the load's
averages, and at least the weeks the insights look at.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q, Subquery, Sum

from knowledge.models import Exercise
from tracker.log.models import LegMeasurement, ProteinEntry, StrengthSet
from tracker.progress.daily import Day, daily_log

# Fitness (a 42-day average) needs about three time constants of history to settle.
LOAD_WARM_UP_DAYS = 126
# The insights look back this far (snapshot.py): the rows always cover it.
INSIGHT_DAYS = 56
MEASUREMENT_DAYS = 120
MEASUREMENT_FIELDS = (
    "weight_kg",
    "thigh_left_cm",
    "thigh_right_cm",
    "calf_left_cm",
    "calf_right_cm",
)


@dataclass
class ProgressRows:
    """The log's grouped rows from `since` (None: all of it) to `today`."""

    today: datetime.date
    start: datetime.date | None  # the range shown
    since: datetime.date | None  # how far back the rows reach (before `start`)
    days: list[Day]
    # (date, exercise id, sets, volume kg) per day and exercise
    sets: list[tuple]
    # exercise id -> {"name", "primary": {slug: (order, name)}, "secondary": {...}}
    exercises: dict[int, dict]
    # every measurement from `since`, plus the latest body weight before it; oldest first
    measurements: list[dict]
    protein: list[tuple]  # (date, grams) per day, oldest first

    @property
    def weights(self) -> list[tuple]:
        """(date, kg) of every measurement with a body weight, oldest first."""
        return [(row["date"], row["weight_kg"]) for row in self.measurements if row["weight_kg"]]

    def first_day(self) -> datetime.date | None:
        """The earliest day in the rows (the log's first day, when they reach back to it)."""
        dates = [
            *(day.date for day in self.days[:1]),
            *(row[0] for row in self.sets[:1]),
            *(row["date"] for row in self.measurements[:1]),
            *(row[0] for row in self.protein[:1]),
        ]
        return min(dates) if dates else None


def _days_before(day: datetime.date, days: int) -> datetime.date:
    return day - datetime.timedelta(days=days - 1)


def read_rows(user, start: datetime.date | None, today: datetime.date) -> ProgressRows:
    """The rows for a range starting on `start` (None: the whole log), ending `today`."""
    if start is None:
        load_since = sets_since = measured_since = None
    else:
        load_since = min(
            start - datetime.timedelta(days=LOAD_WARM_UP_DAYS), _days_before(today, INSIGHT_DAYS)
        )
        sets_since = min(start, _days_before(today, INSIGHT_DAYS))
        measured_since = min(start, _days_before(today, MEASUREMENT_DAYS))
    sets, exercises = sets_by_day(user, sets_since, today)
    return ProgressRows(
        today=today,
        start=start,
        since=load_since,
        days=daily_log(user, load_since, today),
        sets=sets,
        exercises=exercises,
        measurements=measurements_since(user, measured_since, today),
        protein=protein_by_day(user, sets_since, today),
    )


def sets_by_day(user, since, today) -> tuple[list[tuple], dict[int, dict]]:
    """(date, exercise id, sets, volume) per day and exercise, grouped in SQL without joining
    the muscles (which would multiply every set); and each of those exercises' name and
    muscles, primary and assisting (a few rows each)."""
    sets = StrengthSet.objects.for_user(user).filter(session__date__lte=today)
    if since:
        sets = sets.filter(session__date__gte=since)
    rows = list(
        sets.values("session__date", "exercise_id")
        .annotate(set_count=Count("pk"), volume=Sum(StrengthSet.volume_expression()))
        .order_by("session__date", "exercise_id")
        .values_list("session__date", "exercise_id", "set_count", "volume")
    )
    exercises: dict[int, dict] = {}
    muscle_fields = [
        f"{role}_muscles__{name}"
        for role in ("primary", "secondary")
        for name in ("slug", "name", "order")
    ]
    if rows:
        for row in Exercise.objects.filter(pk__in={row[1] for row in rows}).values(
            "pk", "name", *muscle_fields
        ):
            exercise = exercises.setdefault(
                row["pk"], {"name": row["name"], "primary": {}, "secondary": {}}
            )
            for role in ("primary", "secondary"):
                if row[f"{role}_muscles__slug"] is not None:
                    exercise[role][row[f"{role}_muscles__slug"]] = (
                        row[f"{role}_muscles__order"],
                        row[f"{role}_muscles__name"],
                    )
    return rows, exercises


def measurements_since(user, since, today) -> list[dict]:
    """Measurements from `since` to `today`, with the latest body weight before `since` (the
    first days' protein is divided by it), oldest first."""
    rows = LegMeasurement.objects.for_user(user).filter(date__lte=today)
    if since:
        latest_before = (
            LegMeasurement.objects.for_user(user)
            .weighed_on_or_before(since - datetime.timedelta(days=1))
            .values("pk")[:1]
        )
        rows = rows.filter(Q(date__gte=since) | Q(pk=Subquery(latest_before)))
    return list(rows.order_by("date", "pk").values("date", *MEASUREMENT_FIELDS))


def protein_by_day(user, since, today) -> list[tuple]:
    entries = ProteinEntry.objects.for_user(user).filter(date__lte=today)
    if since:
        entries = entries.filter(date__gte=since)
    return list(
        entries.values("date")
        .annotate(total=Sum("protein_g"))
        .order_by("date")
        .values_list("date", "total")
    )
