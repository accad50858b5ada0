"""The leg ledger: what each leg muscle of the guide got from hard and easy running, hills,
strength sets and cycling, week by week (or month by month), in the guide's stimulus points,
beside the girth changes of its thigh or calf, left and right.

    leg_ledger(rows, resolution)          -> the Progress page's block, from rows.read_rows()'s
                                             rows: one query of its own (the weights)
    muscle_month(user, muscle, today)     -> one muscle's last 30 days against the 30 before,
                                             for its guide page: four queries (five without
                                             the weights passed in)

The weights are guide data (knowledge.models.StimulusWeight, scale in knowledge/stimulus.py):
points = minutes × weight per minute, or sets × weight per set. How the log becomes minutes
and sets, for a log typed in or made only of watch files alike:

- A run of type "hills" counts whole as hill minutes. The importer gives that type to runs with
  repeated or sustained climbing (tracker/streams.py), so imported hilly runs count too.
- Any other run: its hard minutes are Run.hard_seconds_expression() (measured from the
  recording where there is one, else the whole run when its type is a hard one); the rest of
  its duration is easy.
- Strength: each set counts once for each main (primary) muscle of its exercise and once for
  each assisting (secondary) one.
- Cycling: the duration of cross-training sessions of the sport cycling.

A period's girth change is its last measurement minus the last one before it (or its own first
one), per side; the thigh stands for the quadriceps, hamstrings and glutes, the calf for the
calves, and the other muscles have no girth of their own. A period with nothing to compare
with has none (None).

Everything but stimulus_weights() and muscle_month's reads is a plain function of the grouped
rows (tracker/progress/rows.py, daily.py), which the Progress page has already fetched.
"""

import bisect
import datetime
from collections.abc import Callable

from django.urls import reverse

from knowledge import stimulus
from knowledge.models import Muscle
from tracker.log.models import CrossTrainingSession, Run
from tracker.progress.daily import CROSS_TRAINING, RUN, daily_log
from tracker.progress.periods import periods_between, periods_block
from tracker.progress.rows import ProgressRows, measurements_since, sets_by_day

Kind = stimulus.Kind
# Plain strings, so the block's keys are JSON's own.
KINDS = [kind.value for kind in Kind]
MINUTE_KINDS = [kind for kind in KINDS if stimulus.PER[kind] == stimulus.MINUTE]
SET_KINDS = [kind for kind in KINDS if stimulus.PER[kind] == stimulus.SET]
GIRTH_SEGMENT = {"quadriceps": "thigh", "hamstrings": "thigh", "glutes": "thigh", "calves": "calf"}
SIDES = {
    "thigh": {"left": "thigh_left_cm", "right": "thigh_right_cm"},
    "calf": {"left": "calf_left_cm", "right": "calf_right_cm"},
}
MONTH_DAYS = 30
# How far before the previous 30 days muscle_month looks for a girth to compare with.
GIRTH_LOOKBACK_DAYS = 90


def article_url() -> str:
    return (
        reverse("knowledge:article", args=[stimulus.ARTICLE_SLUG]) + f"#{stimulus.ARTICLE_ANCHOR}"
    )


# --------------------------------------------------------------------------------------------
# Plain functions of grouped rows. `period_index(date)` gives the period a day falls in, or
# None for a day before the first (a girth baseline, counted nowhere else).
# --------------------------------------------------------------------------------------------


def minutes_by_kind(days, period_index: Callable, count: int) -> dict[str, list]:
    """Minutes of hard running, easy running, hills and cycling per period, from the log's
    days (daily.Day: one per day and kind, with the run type or sport as `subtype`)."""
    minutes = {kind: [0.0] * count for kind in MINUTE_KINDS}
    for day in days:
        index = period_index(day.date)
        if index is None:
            continue
        if day.kind == RUN and day.subtype == Run.RunType.HILLS:
            minutes[Kind.HILLS][index] += day.duration_s / 60
        elif day.kind == RUN:
            hard = min(day.hard_s, day.duration_s)
            minutes[Kind.HARD_RUNNING][index] += hard / 60
            minutes[Kind.EASY_RUNNING][index] += (day.duration_s - hard) / 60
        elif day.kind == CROSS_TRAINING and day.subtype == CrossTrainingSession.Sport.CYCLING:
            minutes[Kind.CYCLING][index] += day.duration_s / 60
    return minutes


def sets_by_muscle(sets, exercises, period_index: Callable, count: int) -> dict[str, dict]:
    """Per muscle slug, the sets in which it was the main muscle and an assisting one, per
    period, from sets per (date, exercise id, set count, volume) and each exercise's muscles
    (rows.sets_by_day gives both)."""
    by_muscle: dict[str, dict] = {}
    for day, exercise_id, set_count, _volume in sets:
        exercise = exercises.get(exercise_id)
        index = period_index(day)
        if exercise is None or index is None:
            continue
        for role, kind in (
            ("primary", Kind.STRENGTH_PRIMARY),
            ("secondary", Kind.STRENGTH_ASSISTING),
        ):
            for slug in exercise[role]:
                by_kind = by_muscle.setdefault(slug, {k: [0] * count for k in SET_KINDS})
                by_kind[kind][index] += set_count
    return by_muscle


def points_by_kind(weights: dict, minutes: dict, sets: dict | None, count: int) -> dict:
    """Stimulus points per kind and period for one muscle: amounts × the muscle's weights (a
    kind without a weight gives nothing)."""
    sets = sets or {kind: [0] * count for kind in SET_KINDS}
    amounts = {**minutes, **sets}
    return {kind: [weights.get(kind, 0.0) * amount for amount in amounts[kind]] for kind in KINDS}


def girth_changes(rows, period_index: Callable, count: int, segment: str | None) -> dict | None:
    """Per side of the muscle's segment: each period's change (its last measurement minus the
    last one before it, or minus its own first when there is none before) and the whole
    range's (the last minus the first, or minus the one before the range when there is one).
    `rows` are dicts with a date and girth fields, in date order; `period_index(date)` gives a
    row's period, or None for a row from before the first, which only serves as a baseline."""
    if segment is None:
        return None
    result = {"periods": {}, "range": {}}
    for side, field in SIDES[segment].items():
        changes: list[float | None] = [None] * count
        last = baseline = first = None
        current = None
        for row in rows:
            value = row.get(field)
            if value is None:
                continue
            index = period_index(row["date"])
            if index is not None:
                if index != current:
                    baseline, current = last, index
                if baseline is None:
                    # The first measurement ever: later ones compare with it.
                    baseline = value
                else:
                    changes[index] = round(value - baseline, 1)
                if first is None:
                    first = baseline
            last = value
        result["periods"][side] = changes
        in_range = first is not None and last is not None and any(c is not None for c in changes)
        result["range"][side] = round(last - first, 1) if in_range else None
    return result


def combine(muscles, minutes, sets, girth_rows, period_index, count) -> list[dict]:
    """Every muscle's points by kind, total and girth changes over `count` periods."""
    combined = []
    for muscle in muscles:
        points = points_by_kind(muscle["weights"], minutes, sets.get(muscle["slug"]), count)
        total = [sum(column) for column in zip(*points.values(), strict=True)]
        segment = GIRTH_SEGMENT.get(muscle["slug"])
        girth = girth_changes(girth_rows, period_index, count, segment)
        muscle_sets = sets.get(muscle["slug"]) or {kind: [0] * count for kind in SET_KINDS}
        combined.append(
            {
                "slug": muscle["slug"],
                "name": muscle["name"],
                "url": reverse("knowledge:muscle", args=[muscle["slug"]]),
                "weights": muscle["weights"],
                "sets": {kind: [round(n, 1) for n in muscle_sets[kind]] for kind in SET_KINDS},
                "points": {kind: [round(p, 1) for p in points[kind]] for kind in KINDS},
                "total": [round(t, 1) for t in total],
                "range_points": {kind: round(sum(points[kind]), 1) for kind in KINDS},
                "range_total": round(sum(total), 1),
                "segment": segment,
                "girth_change_cm": girth["periods"] if girth else None,
                "range_girth_change_cm": girth["range"] if girth else None,
            }
        )
    return combined


def has_data(muscles) -> bool:
    def any_girth(muscle):
        changes = muscle["girth_change_cm"] or {}
        return any(c is not None for side in changes.values() for c in side)

    return any(m["range_total"] > 0 or any_girth(m) for m in muscles)


def kinds_block() -> list[dict]:
    return [{"kind": kind.value, "label": kind.label, "per": stimulus.PER[kind]} for kind in Kind]


# --------------------------------------------------------------------------------------------
# Reads
# --------------------------------------------------------------------------------------------


def stimulus_weights(muscle: Muscle | None = None) -> list[dict]:
    """Every guide muscle (or one) with its weights by kind, in the guide's order: one query,
    the muscles left-joined to their weights."""
    rows = Muscle.objects.order_by("order", "name")
    if muscle is not None:
        rows = rows.filter(pk=muscle.pk)
    muscles: dict[str, dict] = {}
    for slug, name, kind, weight in rows.values_list(
        "slug", "name", "stimulus_weights__kind", "stimulus_weights__weight"
    ):
        entry = muscles.setdefault(slug, {"slug": slug, "name": name, "weights": {}})
        if kind is not None:
            entry["weights"][kind] = weight
    return list(muscles.values())


def leg_ledger(rows: ProgressRows, resolution: str, *, weights: list[dict] | None = None) -> dict:
    """The Progress page's leg ledger over the rows' range (rows.start to rows.today), per
    week or month (`resolution`: the bar charts' one, periods.bar_resolution). Reads only the
    weights (one query), unless `weights` (stimulus_weights()) is given."""
    weights = stimulus_weights() if weights is None else weights
    start, today = rows.start, rows.today
    first = start or rows.first_day() or today
    periods = periods_between(first, today, resolution)
    count = len(periods)

    def period_index(day):
        # The period holding the day: the last one starting on or before it.
        if day > today or (start and day < start):
            return None
        index = bisect.bisect_right(periods, day) - 1
        return index if index >= 0 else None

    minutes = minutes_by_kind(rows.days, period_index, count)
    sets = sets_by_muscle(rows.sets, rows.exercises, period_index, count)
    muscles = combine(weights, minutes, sets, rows.measurements, period_index, count)
    return {
        "has_data": has_data(muscles),
        **periods_block(periods, resolution),
        "scale": stimulus.SCALE_SENTENCE,
        "article_url": article_url(),
        "kinds": kinds_block(),
        "minutes": {kind: [round(m, 1) for m in minutes[kind]] for kind in MINUTE_KINDS},
        "muscles": muscles,
    }


def muscle_month(user, muscle: Muscle, today: datetime.date, *, weights=None) -> dict:
    """One muscle's last 30 days (today included) against the 30 before: minutes, sets and
    points by kind, and the girth change of its segment since the last measurement before the
    30 days (up to GIRTH_LOOKBACK_DAYS further back). Reads the Progress page's rows for those
    60 days: the day-by-day UNION, the sets and their exercises' muscles, the measurements
    (none for a muscle without a girth); `weights` ({kind: weight}) saves the fifth query."""
    if weights is None:
        found = stimulus_weights(muscle)
        weights = found[0]["weights"] if found else {}
    current_start = today - datetime.timedelta(days=MONTH_DAYS - 1)
    previous_start = current_start - datetime.timedelta(days=MONTH_DAYS)

    def period_index(day):
        if day > today or day < previous_start:
            return None
        return 1 if day >= current_start else 0

    days = daily_log(user, previous_start, today)
    sets, exercises = sets_by_day(user, previous_start, today)
    segment = GIRTH_SEGMENT.get(muscle.slug)
    girth_rows = []
    if segment:
        lookback = previous_start - datetime.timedelta(days=GIRTH_LOOKBACK_DAYS)
        girth_rows = measurements_since(user, lookback, today)
    minutes = minutes_by_kind(days, period_index, 2)
    by_muscle = sets_by_muscle(sets, exercises, period_index, 2)
    entry = {"slug": muscle.slug, "name": muscle.name, "weights": weights}
    (ledger,) = combine([entry], minutes, by_muscle, girth_rows, period_index, 2)

    def window(index, first_day, last_day):
        return {
            "start": first_day.isoformat(),
            "end": last_day.isoformat(),
            "minutes": {kind: round(minutes[kind][index]) for kind in MINUTE_KINDS},
            "sets": {kind: ledger["sets"][kind][index] for kind in SET_KINDS},
            "points": {kind: ledger["points"][kind][index] for kind in KINDS},
            "total": ledger["total"][index],
        }

    current = window(1, current_start, today)
    previous = window(0, previous_start, current_start - datetime.timedelta(days=1))
    girth = ledger["girth_change_cm"]
    girth_now = {side: changes[1] for side, changes in girth.items()} if girth else None
    return {
        "muscle": {"slug": muscle.slug, "name": muscle.name, "url": ledger["url"]},
        "days": MONTH_DAYS,
        "current": current,
        "previous": previous,
        "change": round(current["total"] - previous["total"], 1),
        "segment": segment,
        "girth_change_cm": girth_now,
        "has_data": bool(
            current["total"]
            or previous["total"]
            or any(c is not None for c in (girth_now or {}).values())
        ),
        "kinds": kinds_block(),
        "scale": stimulus.SCALE_SENTENCE,
        "article_url": article_url(),
    }
