"""What the records page (/log/records/) and the Progress page's prediction card show: the top
efforts per distance, race predictions from recent efforts (tracker/predictions.py), and the
predicted 10 km month by month beside thigh and calf girth and body weight."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Avg, CharField, Count, F, Min, OuterRef, Q, Subquery
from django.db.models.functions import Cast, Substr

from tracker import best_efforts, predictions
from tracker.log.models import BestEffort, LegMeasurement, Run

TOP_EFFORTS = 5
# The trend's target: the distance most runners race, and short enough to predict from 5 km.
TREND_TARGET_M = 10000.0
# How many months of efforts make each month's prediction (about RECENT_DAYS).
TREND_WINDOW_MONTHS = 3


@dataclass(frozen=True)
class DistanceRecords:
    distance_m: float
    label: str
    efforts: list  # BestEffort rows with their run, fastest first


def top_efforts(user, top: int = TOP_EFFORTS) -> list[DistanceRecords]:
    """Each distance's fastest ``top`` efforts with their runs, in one query: the ids come from
    one short scan of the best_effort_ranking index per distance (``IN (SELECT ... LIMIT 5)``,
    each evaluated once). A window function over every effort sorts all of them instead:
    0.3 s for a 10-year log on SQLite."""
    mine = BestEffort.objects.for_user(user)
    fastest = Q()
    for distance, _ in best_efforts.DISTANCES:
        ids = mine.filter(distance_m=distance).order_by("elapsed_s", "pk").values("pk")[:top]
        fastest |= Q(pk__in=ids)
    rows = mine.filter(fastest).select_related("run")
    grouped: dict[float, list] = {}
    for effort in sorted(rows, key=lambda e: (e.distance_m, e.elapsed_s, e.pk)):
        efforts = grouped.setdefault(effort.distance_m, [])
        effort.rank = len(efforts) + 1
        efforts.append(effort)
    return [
        DistanceRecords(distance, label, grouped[distance])
        for distance, label in best_efforts.DISTANCES
        if distance in grouped
    ]


def recent_predictions(user, today: datetime.date) -> list[predictions.Prediction]:
    """Predictions from the best effort at each distance in the last RECENT_DAYS (one query)."""
    since = today - datetime.timedelta(days=predictions.RECENT_DAYS - 1)
    # The window's runs first (the runs' user-and-date index), then their efforts: a join on
    # the date would read every effort of a ten-year log.
    recent_runs = Run.objects.for_user(user).filter(date__gte=since, date__lte=today)
    rows = (
        BestEffort.objects.filter(run__in=recent_runs.values("pk"))
        .filter(distance_m__gte=predictions.MIN_SOURCE_M)
        .ranked()
        .filter(rank=1)
        .values("distance_m", "elapsed_s", "run_id", "run__date")
    )
    sources = [
        predictions.Source(row["distance_m"], row["elapsed_s"], row["run_id"], row["run__date"])
        for row in rows
    ]
    return predictions.predict(sources)


def month_of(date_field: str):
    """ "2025-03" for a date in March 2025, in plain SQL on every database: TruncMonth is a
    Python function on SQLite, called once per row (0.25 s for a 10-year log's efforts)."""
    return Substr(Cast(date_field, CharField()), 1, 7)


def _month_key(value: str) -> datetime.date:
    return datetime.date(int(value[:4]), int(value[5:7]), 1)


def _months_before(month: datetime.date, count: int) -> datetime.date:
    index = month.year * 12 + month.month - 1 - count
    return datetime.date(index // 12, index % 12 + 1, 1)


def prediction_trend(user) -> dict:
    """Month by month: the predicted 10 km (Riegel, from the best efforts of that month and the
    two before), average thigh and calf girth (both legs) and body weight. Two grouped queries;
    values are SI (seconds, cm, kg), months as ISO dates of their first day."""
    effort_rows = (
        BestEffort.objects.for_user(user)
        .filter(distance_m__gte=predictions.MIN_SOURCE_M)
        .annotate(month=month_of("run__date"))
        .values("month", "distance_m")
        .annotate(best=Min("elapsed_s"))
        .order_by("month")
    )
    by_month: dict[datetime.date, list[predictions.Source]] = {}
    for row in effort_rows:
        month = _month_key(row["month"])
        by_month.setdefault(month, []).append(predictions.Source(row["distance_m"], row["best"]))
    measurement_rows = (
        LegMeasurement.objects.for_user(user)
        .annotate(month=month_of("date"))
        .values("month")
        .annotate(
            thigh=Avg((F("thigh_left_cm") + F("thigh_right_cm")) / 2.0),
            calf=Avg((F("calf_left_cm") + F("calf_right_cm")) / 2.0),
            weight=Avg("weight_kg"),
        )
        .order_by("month")
    )
    legs = {_month_key(row["month"]): row for row in measurement_rows}
    months = sorted(set(by_month) | set(legs))
    rows = []
    for month in months:
        window = _months_before(month, TREND_WINDOW_MONTHS - 1)
        sources = [s for m, found in by_month.items() if window <= m <= month for s in found]
        predicted = predictions.nearest_riegel(sources, TREND_TARGET_M)
        leg = legs.get(month, {})
        rows.append(
            {
                "month": month.isoformat(),
                "predicted_10k_s": None if predicted is None else round(predicted, 1),
                "thigh_cm": _rounded(leg.get("thigh")),
                "calf_cm": _rounded(leg.get("calf")),
                "weight_kg": _rounded(leg.get("weight")),
            }
        )
    return {"target_m": TREND_TARGET_M, "rows": rows}


def _rounded(value, places: int = 2):
    return None if value is None else round(value, places)


def records_context(user, today: datetime.date) -> dict:
    return {
        "distances": top_efforts(user),
        "trend": prediction_trend(user),
        **prediction_context(user, today),
    }


def run_efforts(run) -> list[BestEffort]:
    """A run's efforts, each with `rank` among the runner's efforts at its distance (one
    query: a correlated count of faster efforts)."""
    faster = (
        BestEffort.objects.filter(user_id=run.user_id, distance_m=OuterRef("distance_m"))
        .filter(
            Q(elapsed_s__lt=OuterRef("elapsed_s"))
            | Q(elapsed_s=OuterRef("elapsed_s"), pk__lt=OuterRef("pk"))
        )
        .order_by()
        .values("distance_m")
        .annotate(count=Count("pk"))
        .values("count")
    )
    efforts = list(BestEffort.objects.filter(run=run).annotate(faster=Subquery(faster)))
    for effort in efforts:
        effort.rank = (effort.faster or 0) + 1
    return efforts


def prediction_context(user, today: datetime.date) -> dict:
    """For tracker/_predictions.html on another page (the Progress page)."""
    return {
        "predictions": recent_predictions(user, today),
        "recent_days": predictions.RECENT_DAYS,
    }
