"""Keeping each runner's LiftHistory rows (sets, weighted sets, heaviest weight, most reps and
1RM record days per exercise) in step with their sets.

Every change to a runner's sets calls `refresh` with the exercises it touched, inside the same
transaction: the strength form and its delete page, the API, the admin, restoring an export
and seed_demo; deleting the account deletes the rows with it. A session's date counts too (it
moves its sets' days), so an edit passes the exercises the session had before and after.
tests/tracker/log/test_lifts.py checks each of those paths against a history worked out from
scratch.
"""

from itertools import groupby
from operator import itemgetter

from django.db import transaction
from django.db.models import Count, F, Max

from tracker import metrics
from tracker.log.models import LiftHistory, StrengthSet


def exercise_ids_of(session_pk: int) -> set[int]:
    """The exercises a session's sets use (before an edit or a deletion changes them)."""
    return set(
        StrengthSet.objects.filter(session_id=session_pk)
        .values_list("exercise_id", flat=True)
        .distinct()
    )


def histories_from_sets(user_id: int, exercise_ids=None) -> list[LiftHistory]:
    """Unsaved LiftHistory rows worked out from the runner's sets: one query, a row a day."""
    sets = StrengthSet.objects.for_user(user_id)
    if exercise_ids is not None:
        sets = sets.filter(exercise_id__in=exercise_ids)
    days = (
        sets.values("exercise_id", day=F("session__date"))
        .annotate(
            count=Count("pk"),
            weighted=Count("pk", filter=StrengthSet.weighted()),
            best=Max(StrengthSet.e1rm_expression(), filter=StrengthSet.weighted()),
            heaviest=Max("weight_kg"),
            most_reps=Max("reps"),
        )
        .order_by("exercise_id", "day")
        .values_list("exercise_id", "day", "count", "weighted", "best", "heaviest", "most_reps")
    )
    histories = []
    for exercise_id, rows in groupby(days, itemgetter(0)):
        rows = list(rows)
        histories.append(
            LiftHistory(
                user_id=user_id,
                exercise_id=exercise_id,
                sets=sum(row[2] for row in rows),
                weighted_sets=sum(row[3] for row in rows),
                heaviest_kg=max(row[5] for row in rows),
                most_reps=max(row[6] for row in rows),
                record_days=metrics.record_days(
                    (row[1], row[4]) for row in rows if row[4] is not None
                ),
            )
        )
    return histories


def refresh(user, exercise_ids=None) -> None:
    """Work out again the runner's histories of `exercise_ids` (every exercise when None)."""
    user_id = getattr(user, "pk", user)
    stored = LiftHistory.objects.filter(user_id=user_id)
    if exercise_ids is not None:
        exercise_ids = set(exercise_ids)
        if not exercise_ids:
            return
        stored = stored.filter(exercise_id__in=exercise_ids)
    histories = histories_from_sets(user_id, exercise_ids)
    with transaction.atomic():
        stored.delete()
        LiftHistory.objects.bulk_create(histories)
