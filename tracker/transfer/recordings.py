"""Keeping what the watch recorded with each imported run: the packed samples, the laps, the
original file (in the default storage), and the zone times, loads and run type worked out
from them (tracker/log/intensity.py)."""

from __future__ import annotations

import posixpath
from zlib import error as zlib_error

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from tracker import heart_rate, streams
from tracker.log import intensity, records
from tracker.log.models import Lap, Run, RunStream
from tracker.transfer.parsers import ParsedActivity

# The Run fields prepare() fills in.
ANALYSED_FIELDS = [
    *Run.ZONE_FIELDS,
    "hard_s",
    "trimp",
    "suggested_run_type",
    "run_type_reason",
    "run_type",
    "work_distance_m",
    "work_moving_s",
]


def prepare(
    run: Run, activity: ParsedActivity, profile, *, set_type: bool = True
) -> RunStream | None:
    """Work out the run's intensity from its stream and return the unsaved RunStream row (the
    run must be saved before the row is). None when the file has no samples."""
    stream = activity.stream
    if stream is None or len(stream) < 2:
        return None
    sustained = heart_rate.highest_sustained_hr(stream)
    best = streams.best_average_speed(stream)
    # The year's best heart rate and 20 minutes before this run, in one query.
    max_hr_best, speed_best = intensity.YearlyBest.for_day(
        run.user, run.date, "sustained_max_hr_bpm", "best_20min_speed_ms"
    )
    zones = intensity.zones_on(
        run.user, profile, run.date, extra_max=sustained, max_hr_best=max_hr_best
    )
    threshold = intensity.threshold_speed_ms(
        run.user, run.date, best * streams.THRESHOLD_FROM_20_MIN if best else None, best=speed_best
    )
    intensity.analyse(run, stream, profile, zones, threshold)
    if set_type and run.suggested_run_type:
        run.run_type = run.suggested_run_type
    return RunStream(
        run=run,
        data=streams.pack(stream),
        samples=len(stream),
        channels=",".join(stream.channels()),
        sustained_max_hr_bpm=sustained,
        best_20min_speed_ms=best,
    )


def laps_of(run: Run, activity: ParsedActivity) -> list[Lap]:
    return [
        Lap(
            run=run,
            number=number,
            start_s=lap.start_s,
            elapsed_s=lap.elapsed_s,
            moving_s=lap.moving_s,
            distance_m=lap.distance_m,
            avg_hr_bpm=lap.avg_hr_bpm,
            max_hr_bpm=lap.max_hr_bpm,
        )
        for number, lap in enumerate(activity.laps, start=1)
    ]


def store_original(user, name: str, digest: str, data: bytes) -> str:
    """Save the uploaded file once under its hash; returns its storage name."""
    extension = posixpath.splitext(name.lower())[1][:8]
    path = f"originals/{user.pk}/{digest[:2]}/{digest}{extension}"
    if not default_storage.exists(path):
        path = default_storage.save(path, ContentFile(data))
    return path


def save(
    user,
    pairs: list[tuple[Run, ParsedActivity, RunStream | None]],
    *,
    name,
    digest,
    data,
    refresh_loads: bool = True,
    new_runs: bool = False,
):
    """Save the recordings and laps of saved runs, and the original file they came from.
    With `refresh_loads` False the caller puts the heart-rate loads on the runner's scale
    (intensity.refresh_hr_loads) itself, once for a whole upload. ``new_runs``: the runs were
    created just now, so they have no best efforts to replace."""
    rows = [row for _, _, row in pairs if row is not None]
    laps = [lap for run, activity, _ in pairs for lap in laps_of(run, activity)]
    if rows:
        path = store_original(user, name, digest, data)
        for row in rows:
            row.original.name = path
            row.original_name = name[:255]
        RunStream.objects.bulk_create(rows)
    if laps:
        Lap.objects.bulk_create(laps)
    records.store_for_recordings(pairs, new_runs=new_runs)  # best efforts, from the samples
    if refresh_loads and any(run.trimp is not None for run, _, _ in pairs):
        intensity.refresh_hr_loads(user)


# --------------------------------------------------------------------------------------------
# Account export and restore
# --------------------------------------------------------------------------------------------

LAP_FIELDS = Lap.VALUE_FIELDS


def export_members(user) -> dict:
    """The recordings for the account export: (JSON entry, packed bytes) per recorded run,
    keyed in the JSON by the run's source file and position, and the original files."""
    laps: dict[int, list] = {}
    for lap in Lap.objects.for_user(user).order_by("run", "number"):
        laps.setdefault(lap.run_id, []).append({name: getattr(lap, name) for name in LAP_FIELDS})
    entries, originals = [], {}
    for row in RunStream.objects.for_user(user).select_related("run").order_by("run__date"):
        run = row.run
        original = ""
        if row.original and row.original.name not in originals:
            original = f"originals/{posixpath.basename(row.original.name)}"
            try:
                with row.original.open("rb") as handle:
                    originals[original] = handle.read()
            except FileNotFoundError:
                original = ""
        elif row.original:
            original = f"originals/{posixpath.basename(row.original.name)}"
        entry = {
            "source_hash": run.source_hash,
            "source_index": run.source_index,
            "stream": f"recordings/{run.source_hash}-{run.source_index}.bin",
            "samples": row.samples,
            "channels": row.channels,
            "sustained_max_hr_bpm": row.sustained_max_hr_bpm,
            "best_20min_speed_ms": row.best_20min_speed_ms,
            "original": original,
            "original_name": row.original_name,
            "laps": laps.get(run.pk, []),
        }
        entries.append((entry, bytes(row.data)))
    return {"recordings": entries, "originals": originals}


def restore_recordings(user, archive, payload: dict) -> int:
    """Bring back the recordings of restored runs from an export ZIP (a zipfile.ZipFile);
    each is matched to its run by source file and position. Returns how many came back."""
    wanted = {
        (entry.get("source_hash"), entry.get("source_index")): entry
        for entry in payload.get("recordings") or []
        if isinstance(entry, dict)
    }
    if not wanted:
        return 0
    runs = {
        (run.source_hash, run.source_index): run
        for run in Run.objects.for_user(user).filter(
            source_hash__in={key[0] for key in wanted}, recording__isnull=True
        )
    }
    rows, laps, stored = [], [], {}
    names = set(archive.namelist())
    for key, entry in wanted.items():
        run = runs.get(key)
        member = entry.get("stream")
        if run is None or member not in names:
            continue
        data = archive.read(member)
        try:
            stream = streams.unpack(data)
        except (ValueError, KeyError, zlib_error):
            continue  # a damaged member: the run stays, without its samples
        row = RunStream(
            run=run,
            data=data,
            samples=len(stream),
            channels=",".join(stream.channels()),
            sustained_max_hr_bpm=entry.get("sustained_max_hr_bpm"),
            best_20min_speed_ms=entry.get("best_20min_speed_ms"),
            original_name=str(entry.get("original_name") or "")[:255],
        )
        original = entry.get("original")
        if original in names:
            if original not in stored:
                stored[original] = store_original(
                    user, posixpath.basename(original), run.source_hash, archive.read(original)
                )
            row.original.name = stored[original]
        rows.append(row)
        for lap in entry.get("laps") or []:
            if isinstance(lap, dict):
                laps.append(Lap(run=run, **{name: lap.get(name) for name in LAP_FIELDS}))
    RunStream.objects.bulk_create(rows)
    Lap.objects.bulk_create(laps)
    return len(rows)
