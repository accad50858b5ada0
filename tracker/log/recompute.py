"""Working the zone times, hard running, TRIMP and heart-rate loads of recorded runs out again
when the runner's heart-rate settings change (a zone set, or the profile's maximum, resting
heart rate or sex), in the request for a few runs and in the background worker for more.

Bounded both ways: at most INLINE_MAX_RUNS recordings are gone through in a request (40
one-hour runs of 1-second samples took 1.45 s on a busy 2-core machine, so 25 take about a
second); more are queued as one task (`manage.py db_worker` runs it, as it runs large imports)
that goes through them RECOMPUTE_BATCH at a time, so a ten-year log never has all its samples
in memory at once. Each run is worked out with the settings in force when it is reached, so a
second change made while a task runs is picked up by the task queued for it.
"""

from __future__ import annotations

import datetime
import logging
import struct
import zlib
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction
from django.tasks import task

from tracker.log import intensity
from tracker.log.models import Run, RunStream, get_profile

log = logging.getLogger(__name__)

INLINE_MAX_RUNS = 25
RECOMPUTE_BATCH = 200
# What intensity.analyse writes; the run type stays the runner's (only the suggestion is redone).
RECOMPUTED_FIELDS = [
    *Run.ZONE_FIELDS,
    "hard_s",
    "trimp",
    "suggested_run_type",
    "run_type_reason",
    "work_distance_m",
    "work_moving_s",
]
# The profile's fields the zones or TRIMP are worked out from.
PROFILE_HEART_FIELDS = {"max_hr_bpm", "resting_hr_bpm", "sex"}


@dataclass(frozen=True)
class Recompute:
    """What a change of heart-rate settings set going: how many recorded runs, and where."""

    runs: int
    background: bool = False

    def message(self, saved: str) -> str:
        """The line for the runner, after ``saved`` ("Zones saved")."""
        if not self.runs:
            return f"{saved}."
        noun = "recorded run" if self.runs == 1 else "recorded runs"
        if self.background:
            return (
                f"{saved}. The zone times and heart-rate loads of your {self.runs:,} {noun} are "
                "being worked out again in the background; this takes a few minutes, and "
                "until then your pages show the figures from before."
            )
        return f"{saved}; the zone times and heart-rate loads of {self.runs:,} {noun} were updated."


def recorded_runs(user, *, since: datetime.date | None, until: datetime.date | None):
    """The runner's recordings with a run dated from ``since`` to ``until`` (None: open)."""
    recorded = RunStream.objects.for_user(user)
    if since is not None:
        recorded = recorded.filter(run__date__gte=since)
    if until is not None:
        recorded = recorded.filter(run__date__lte=until)
    return recorded


def recompute_runs(
    user, *, since: datetime.date | None = None, until: datetime.date | None = None
) -> int:
    """Work zones and loads out again for the runner's recorded runs in the dates, a batch of
    RECOMPUTE_BATCH at a time; returns how many runs were updated."""
    updated = 0
    pks = list(
        recorded_runs(user, since=since, until=until)
        .order_by("run__date", "pk")
        .values_list("pk", flat=True)
    )
    # Recomputing changes neither figure, so each is read once for all the runs.
    max_hr_best = intensity.YearlyBest(user, "sustained_max_hr_bpm")
    speed_best = intensity.YearlyBest(user, "best_20min_speed_ms")
    for first in range(0, len(pks), RECOMPUTE_BATCH):
        rows = RunStream.objects.filter(pk__in=pks[first : first + RECOMPUTE_BATCH])
        profile = get_profile(user)  # read again each batch: the settings may have moved on
        zone_sets = intensity.zone_sets_of(user)
        runs = []
        for row in rows.select_related("run").only("data", "run"):
            run = row.run
            try:
                stream = row.stream()
            except (ValueError, KeyError, struct.error, zlib.error):
                # A damaged recording keeps its figures; the others are still redone.
                log.warning("Recording of run %s cannot be unpacked; left as it was", run.pk)
                continue
            zones = intensity.zones_on(
                user, profile, run.date, zone_sets=zone_sets, max_hr_best=max_hr_best
            )
            threshold = intensity.threshold_speed_ms(user, run.date, best=speed_best)
            intensity.analyse(run, stream, profile, zones, threshold)
            runs.append(run)
        Run.objects.bulk_update(runs, RECOMPUTED_FIELDS, batch_size=500)
        updated += len(runs)
    intensity.refresh_hr_loads(user)
    return updated


@task()
def recompute_intensity(user_id: int, since: str | None = None, until: str | None = None) -> dict:
    """The background form of recompute_runs (dates as ISO strings, as tasks take JSON)."""
    user = get_user_model().objects.filter(pk=user_id).first()
    if user is None:
        return {"user": user_id, "skipped": "the account is gone"}
    count = recompute_runs(
        user,
        since=datetime.date.fromisoformat(since) if since else None,
        until=datetime.date.fromisoformat(until) if until else None,
    )
    log.info("Recomputed zones and loads of %s runs of user %s", count, user_id)
    return {"user": user_id, "runs": count}


def start_recompute(
    user, *, since: datetime.date | None = None, until: datetime.date | None = None
) -> Recompute:
    """Recompute the runs in the dates now when they are few, else queue it (once the
    request's transaction commits, so the worker sees the new settings)."""
    count = recorded_runs(user, since=since, until=until).count()
    if count <= INLINE_MAX_RUNS:
        return Recompute(recompute_runs(user, since=since, until=until) if count else 0)
    dates = (since.isoformat() if since else None, until.isoformat() if until else None)
    transaction.on_commit(lambda: recompute_intensity.enqueue(user.pk, *dates))
    return Recompute(count, background=True)


def after_profile_change(user, changed: set[str]) -> Recompute | None:
    """Recompute what a change of the profile's heart-rate fields alters; None when none of
    them changed. The maximum and resting heart rate count only while the runner has no zone
    set (a set gives its own); sex weighs every run's TRIMP."""
    changed = set(changed) & PROFILE_HEART_FIELDS
    if not changed:
        return None
    has_zone_sets = user.heart_rate_zone_sets.exists()
    if has_zone_sets and changed <= {"max_hr_bpm", "resting_hr_bpm"}:
        return Recompute(0)
    return start_recompute(user)
