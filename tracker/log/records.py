"""Keeping each run's best efforts (tracker/best_efforts.py) in the database, and reading the
runner's records back.

Efforts come from the run's samples, so they change only when its recording does: at import
(tracker/transfer/recordings.py calls `store_for_recordings`), when a recording is replaced
(call `recompute_best_efforts`), and for runs recorded before efforts were kept
(`manage.py recompute_records`). Editing a run's distance or duration leaves its samples, and so
its efforts, as they were; deleting a run deletes its efforts (cascade), and the records page
ranks what is left, so no record is stored that could go stale.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Exists, OuterRef

from tracker import best_efforts, streams
from tracker.log.models import BestEffort, Run, RunStream


def efforts_of(run: Run, stream: streams.Stream) -> list[BestEffort]:
    """Unsaved BestEffort rows for a run's stream (none without a distance channel)."""
    if stream.distance is None or len(stream) < 2:
        return []
    return [
        BestEffort(
            run=run,
            user_id=run.user_id,
            distance_m=effort.distance_m,
            elapsed_s=effort.elapsed_s,
            start_offset_s=effort.start_offset_s,
        )
        for effort in best_efforts.best_efforts(stream.t, stream.distance)
        if effort.elapsed_s > 0
    ]


def recompute_best_efforts(run: Run, stream: streams.Stream | None = None) -> list[BestEffort]:
    """Replace a run's efforts with those of its recording (``stream``, else the stored one)."""
    if stream is None:
        recording = RunStream.objects.filter(run=run).only("data").first()
        stream = recording.stream() if recording is not None else None
    rows = efforts_of(run, stream) if stream is not None else []
    with transaction.atomic():
        BestEffort.objects.filter(run=run).delete()
        BestEffort.objects.bulk_create(rows)
    return rows


def store_for_recordings(pairs, *, new_runs: bool = False) -> None:
    """The efforts of freshly saved recordings: ``pairs`` as recordings.save() gets them,
    (run, parsed activity, RunStream or None); the parsed stream is used as it is, unpacked.
    Efforts the runs had are replaced, unless ``new_runs`` says they were created just now."""
    rows = []
    runs = []
    for run, activity, recording in pairs:
        if recording is None or activity.stream is None:
            continue
        runs.append(run)
        rows.extend(efforts_of(run, activity.stream))
    if runs and not new_runs:
        BestEffort.objects.filter(run__in=runs).delete()
    BestEffort.objects.bulk_create(rows)


def with_record_flag(runs):
    """Runs annotated with `holds_record`: one of the runner's current records at some
    distance was set in this run (for the PR badge; one subquery, no extra query)."""
    return runs.annotate(
        holds_record=Exists(BestEffort.objects.records().filter(run=OuterRef("pk")))
    )
