"""The Progress page's strength charts: volume per muscle group, and the estimated one-rep
max of one exercise with its records."""

from django.db.models import F, Max

from tracker import metrics
from tracker.log.models import LiftHistory, StrengthSet
from tracker.progress.periods import (
    as_date,
    periods_between,
    periods_block,
)


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


def one_rep_max(user, sets, start, exercise_id) -> dict:
    """Chart 5: best estimated 1RM (Epley) per day for one exercise, records marked.

    The picker lists every exercise the runner ever logged a weighted set of, and the default
    is the one with the most such sets over the whole log, so neither changes with the range.
    A point is a record only when it beats every earlier day; the first day ever logged is no
    record (there was nothing to beat). The whole log is read through LiftHistory, a row an
    exercise kept as the log changes (tracker/log/lifts.py); only the range's sets are read.
    """
    logged = list(
        LiftHistory.objects.filter(user=user, weighted_sets__gt=0)
        .order_by("exercise__name", "exercise_id")
        .values_list("exercise_id", "exercise__name", "weighted_sets", "record_days")
    )
    choices = [{"id": pk, "name": name} for pk, name, _, _ in logged]
    counts = {pk: count for pk, _, count, _ in logged}
    if exercise_id not in counts:
        exercise_id = max(counts, key=lambda pk: (counts[pk], -pk)) if counts else None
    result = {"has_data": False, "exercises": choices, "exercise_id": exercise_id, "points": []}
    if exercise_id is None:
        return result
    record_days = next(days for pk, _, _, days in logged if pk == exercise_id)
    best_before = metrics.best_before(record_days, start) if start else None
    rows = (
        sets.filter(StrengthSet.weighted(), exercise_id=exercise_id)
        .values(day=F("session__date"))
        .annotate(best=Max(StrengthSet.e1rm_expression()))
        .order_by("day")
    )
    points, record = [], best_before
    for row in rows:
        is_record = record is not None and row["best"] > record + 1e-9
        if record is None or is_record:
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
