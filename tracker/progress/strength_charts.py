"""The Progress page's strength charts: volume per muscle group, and the estimated one-rep
max of one exercise with its records."""

from django.db.models import Count, F, FloatField, Max, Q, Subquery, Sum, Value

from knowledge.models import Exercise
from tracker import metrics
from tracker.log.models import (
    StrengthSet,
)
from tracker.progress.periods import (
    as_date,
    period_bucket,
    periods_between,
    periods_block,
)


def strength_by_exercise(sets, resolution) -> tuple[list[tuple], dict[int, dict]]:
    """(exercise id, bucket, sets, volume) per week (or month) and exercise in the range,
    grouped in SQL without joining the muscles, which would multiply every set; and each of
    those exercises' name and muscles."""
    rows = list(
        sets.values("exercise_id", period=period_bucket("session__date", resolution))
        .annotate(
            set_count=Count("pk"),
            volume=Sum(StrengthSet.volume_expression()),
        )
        .order_by()
        .values_list("exercise_id", "period", "set_count", "volume")
    )
    exercises: dict[int, dict] = {}
    muscle_fields = [
        f"{role}_muscles__{name}"
        for role in ("primary", "secondary")
        for name in ("slug", "name", "order")
    ]
    # Primary × secondary muscles per exercise: a few rows each.
    for row in Exercise.objects.filter(pk__in={row[0] for row in rows}).values(
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


def strength_volume(rows, exercises, start, today, resolution) -> dict:
    """Chart 4: volume (reps × weight) per week or month and muscle group, through each
    exercise's muscles, secondary muscles at SECONDARY_MUSCLE_SHARE (as
    counted with metrics.SECONDARY_MUSCLE_SHARE)."""
    if not rows:
        return {"has_data": False, **periods_block([], resolution), "muscles": []}
    first = start or min(as_date(period) for _, period, _, _ in rows)
    periods = periods_between(first, today, resolution)
    position = {period: index for index, period in enumerate(periods)}
    muscles: dict[str, dict] = {}

    def add(slug, order_and_name, index, volume, set_count):
        muscle = muscles.get(slug)
        if muscle is None:
            muscle = muscles[slug] = {
                "slug": slug,
                "name": order_and_name[1],
                "order": order_and_name[0],
                "volume_kg": [0.0] * len(periods),
                "sets": [0.0] * len(periods),
            }
        muscle["volume_kg"][index] += volume
        muscle["sets"][index] += set_count

    share = metrics.SECONDARY_MUSCLE_SHARE
    for exercise_id, period, set_count, volume in rows:
        exercise = exercises.get(exercise_id)
        if exercise is None:
            continue
        index = position[as_date(period)]
        volume = volume or 0.0
        for slug, info in exercise["primary"].items():
            add(slug, info, index, volume, set_count)
        for slug, info in exercise["secondary"].items():
            add(slug, info, index, volume * share, set_count * share)
    ordered = sorted(muscles.values(), key=lambda m: (m["order"], m["name"]))
    for muscle in ordered:
        muscle["volume_kg"] = [round(v, 1) for v in muscle["volume_kg"]]
        del muscle["order"]
    return {"has_data": bool(ordered), **periods_block(periods, resolution), "muscles": ordered}


def one_rep_max(user, sets, start, exercise_id, volume_rows, exercises) -> dict:
    """Chart 5: best estimated 1RM (Epley) per day for one exercise, records marked.

    The picker lists the exercises logged in the range (those with a line to draw); an unknown
    id falls back to the one with the most sets. The best before the range comes along as a
    scalar subquery, so a record is a record against the whole history.
    """
    set_counts: dict[int, int] = {}
    for pk, _, set_count, _ in volume_rows:
        set_counts[pk] = set_counts.get(pk, 0) + set_count
    listed = sorted(set_counts, key=lambda pk: (exercises.get(pk, {}).get("name", ""), pk))
    choices = [{"id": pk, "name": exercises.get(pk, {}).get("name", "")} for pk in listed]
    if exercise_id not in set_counts:
        exercise_id = max(listed, key=lambda pk: set_counts[pk]) if listed else None
    result = {"has_data": False, "exercises": choices, "exercise_id": exercise_id, "points": []}
    if exercise_id is None:
        return result
    weighted = Q(reps__lte=metrics.EPLEY_MAX_REPS, weight_kg__gt=0, exercise_id=exercise_id)
    best_before = Value(None, FloatField())
    if start:
        best_before = Subquery(
            StrengthSet.objects.for_user(user)
            .filter(weighted, session__date__lt=start)
            .annotate(group=Value(1))
            .values("group")
            .annotate(best=Max(StrengthSet.e1rm_expression()))
            .values("best")
            .order_by()[:1]
        )
    rows = (
        sets.filter(weighted)
        .values(day=F("session__date"))
        .annotate(best=Max(StrengthSet.e1rm_expression()), best_before=best_before)
        .order_by("day")
    )
    points, record = [], None
    for row in rows:
        if record is None:
            record = row["best_before"]
        is_record = record is None or row["best"] > record + 1e-9
        if is_record:
            record = row["best"]
        points.append(
            {
                "date": row["day"].isoformat(),
                "e1rm_kg": round(row["best"], 1),
                "is_record": is_record,
            }
        )
    result.update(has_data=bool(points), points=points)
    return result
