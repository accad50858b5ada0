"""Synthetic watch recordings for `manage.py seed_demo --streams`: for each planned demo run, a
1-second stream and its auto-laps as a FIT file would give them to the importer (a
ParsedActivity), saved through the import's own code (tracker/transfer/recordings.py:
`prepare` works out the zones, hard running, TRIMP and packed row, `laps_of` the laps, then
the best efforts and heart-rate loads), so the demo log reads like an imported one.

How a run looks, by type: easy, long, recovery and races are steady with small pace changes;
tempo runs are a warm-up, a sustained hard stretch and a cool-down; intervals and sprints
are repeats with jogs between; hill runs go up and down one climb. Heart rate follows the
pace with a lag and drifts up over long runs. Road runs go round one of a few loops with
GPS noise, track runs round 400 m, treadmill runs have no position. Some road runs have a
pause (auto-pause at a crossing): a gap in the samples over streams.PAUSE_GAP_S.
"""

from __future__ import annotations

import datetime
import hashlib
import math
import random
import time

from django.utils import timezone

from tracker.log import intensity, records
from tracker.log.models import Lap, Run, RunStream
from tracker.streams import Stream
from tracker.transfer import recordings
from tracker.transfer.parsers import ParsedActivity
from tracker.transfer.parsers.base import (
    ParsedLap,
)
from tracker.transfer.parsers.tracks import (
    elevation_gain,
)

# The runner's heart rate in the demo: the profile gets these when it has none.
DEMO_MAX_HR = 190
DEMO_RESTING_HR = 50
HR_LAG_S = 25.0  # how fast heart rate follows a change of pace
AUTO_LAP_M = 1000.0
# Parks the road runs go round: (latitude, longitude, loop length in metres).
LOOPS = [(52.3579, 4.8686, 3100.0), (52.3720, 4.9250, 2400.0), (52.3310, 4.8890, 4200.0)]
TRACK_M = 400.0
# A runner logs how hard a recorded run felt now and then; the rest get their load from heart
# rate (on the scale learnt from the runs with both, as for an imported log).
EFFORT_KEPT_SHARE = 0.35
BATCH_RUNS = 100  # runs analysed and saved together (streams of a batch are in memory)
# The Run fields a recording sets besides recordings.ANALYSED_FIELDS.
RECORDED_FIELDS = [
    "duration_s",
    "moving_s",
    "avg_hr_bpm",
    "max_hr_bpm",
    "elevation_gain_m",
    "effort",
    "source_format",
    "source_name",
    "source_hash",
    "source_index",
    "imported_at",
]


def _pace_shape(run_type: str, seconds: int, rng: random.Random) -> list[float]:
    """Relative speed for each second (1.0 = the run's average before rescaling)."""
    shape = [1.0] * (seconds + 1)
    warm = min(600, seconds // 5)

    def stretch(start: int, end: int, value: float) -> None:
        for i in range(max(0, start), min(seconds + 1, end)):
            shape[i] = value

    if run_type == "tempo":
        stretch(0, warm, 0.85)
        stretch(seconds - warm, seconds + 1, 0.85)
        stretch(warm, seconds - warm, 1.1)
    elif run_type in ("intervals", "sprints"):
        work, rest = (240, 120) if run_type == "intervals" else (20, 90)
        fast, slow = (1.35, 0.8) if run_type == "intervals" else (1.8, 0.85)
        stretch(0, seconds + 1, 0.9)
        at = warm
        while at + work + rest < seconds - warm:
            stretch(at, at + work, fast)
            stretch(at + work, at + work + rest, slow)
            at += work + rest
    elif run_type == "hills":
        at = warm
        while at + 150 < seconds - warm:
            stretch(at, at + 75, 0.8)  # up
            stretch(at + 75, at + 150, 1.15)  # down
            at += 150
    # Everyone's pace wanders a little from minute to minute.
    wander = 0.0
    for i in range(seconds + 1):
        if i % 60 == 0:
            wander = 0.7 * wander + rng.gauss(0, 0.02)
        shape[i] *= 1 + wander + 0.015 * math.sin(i / 41)
    return shape


def _positions(surface: str, distance: list[float], rng: random.Random):
    """Latitude and longitude along the route (None indoors)."""
    if surface == "treadmill":
        return None, None
    if surface == "track":
        lat0, lon0, loop_m = 52.3460, 4.8590, TRACK_M
    else:
        lat0, lon0, loop_m = rng.choice(LOOPS)
    radius_deg = loop_m / (2 * math.pi) / 111_195
    squash = math.cos(math.radians(lat0))
    wobble = rng.uniform(0.05, 0.2) if surface != "track" else 0.0
    lat, lon = [], []
    for metres in distance:
        angle = 2 * math.pi * metres / loop_m
        r = radius_deg * (1 + wobble * math.sin(3 * angle))
        lat.append(lat0 + r * math.sin(angle) + rng.gauss(0, 1.5e-5))
        lon.append(lon0 + r * math.cos(angle) / squash + rng.gauss(0, 2.5e-5))
    return lat, lon


def _altitudes(run_type: str, surface: str, distance: list[float], t: list[float], rng):
    if surface in ("track", "treadmill"):
        return [2.0 + rng.gauss(0, 0.2) for _ in distance]
    if run_type == "hills":  # one climb, up and down: the shape's up and down halves
        return [5 + 12 * (1 - math.cos(2 * math.pi * s / 150)) + rng.gauss(0, 0.2) for s in t]
    height = 30.0 if surface == "trail" else 8.0
    return [
        5 + height * math.sin(m / 700) + height / 3 * math.sin(m / 210) + rng.gauss(0, 0.3)
        for m in distance
    ]


def _laps(stream: Stream) -> tuple[ParsedLap, ...]:
    """The watch's auto-laps, one a kilometre and the rest."""
    laps = []
    t, d, hr = stream.t, stream.distance, stream.hr
    first = 0
    for i in range(1, len(t)):
        if d[i] - d[first] >= AUTO_LAP_M or i == len(t) - 1:
            beats = hr[first + 1 : i + 1]
            laps.append(
                ParsedLap(
                    start_s=t[first],
                    elapsed_s=t[i] - t[first],
                    moving_s=sum(1.0 for k in range(first + 1, i + 1) if t[k] - t[k - 1] <= 60),
                    distance_m=d[i] - d[first],
                    avg_hr_bpm=round(sum(beats) / len(beats)),
                    max_hr_bpm=max(beats),
                )
            )
            first = i
    return tuple(laps)


def activity_for(
    *,
    run_type: str,
    surface: str,
    distance_m: float,
    moving_s: int,
    avg_hr_bpm: int,
    start_time: datetime.datetime,
    rng: random.Random,
) -> ParsedActivity:
    """What a watch would hand the importer for this run: a 1-second stream, its laps, and
    the totals worked out from them."""
    shape = _pace_shape(run_type, moving_s, rng)
    scale = distance_m / sum(shape[1:])
    pause_at = rng.randrange(600, moving_s - 300) if surface == "road" and moving_s > 1200 else 0
    pause_s = rng.randint(70, 150) if pause_at and rng.random() < 0.3 else 0
    t, distance, hr, cadence = [], [], [], []
    metres = 0.0
    beat = float(avg_hr_bpm - 25)
    drift = 6.0 if moving_s > 5400 else 3.0
    for i in range(moving_s + 1):
        if i:
            metres += shape[i] * scale
        # Heart rate heads for the level the pace asks for, with a lag and a slow drift.
        level = avg_hr_bpm + 45 * (shape[i] - 1) + drift * (i / moving_s - 0.5)
        beat += (level - beat) / HR_LAG_S
        t.append(float(i + (pause_s if pause_s and i > pause_at else 0)))
        distance.append(metres)
        hr.append(min(DEMO_MAX_HR, round(beat + rng.gauss(0, 1.2))))
        cadence.append(round(78 + 6 * shape[i] + rng.gauss(0, 1.0)))
    lat, lon = _positions(surface, distance, rng)
    alt = _altitudes(run_type, surface, distance, t, rng)
    stream = Stream(t=t, distance=distance, lat=lat, lon=lon, alt=alt, hr=hr, cadence=cadence)
    moving_hr = hr[1:]
    return ParsedActivity(
        sport="running",
        start_time=start_time.astimezone(datetime.UTC),
        distance_m=distance[-1],
        elapsed_s=t[-1],
        moving_s=float(moving_s),
        elevation_gain_m=round(elevation_gain(alt), 1),
        avg_hr_bpm=round(sum(moving_hr) / len(moving_hr)),
        max_hr_bpm=max(moving_hr),
        has_gps=lat is not None,
        name="",
        source_format="fit",
        stream=stream,
        laps=_laps(stream),
    )


def record_runs(user, profile, runs: list[Run], rng: random.Random) -> dict:
    """Give saved demo runs their recordings, oldest first and a batch at a time (so that a
    run's threshold pace and estimated maximum come from the recordings before it, as in an
    import of a history). Returns counts and the seconds it took."""
    started = time.perf_counter()
    now = timezone.now()
    runs = sorted(runs, key=lambda run: (run.date, run.pk))
    fields = list(dict.fromkeys([*recordings.ANALYSED_FIELDS, *RECORDED_FIELDS]))
    counts = {"recorded": 0, "samples": 0, "stream_bytes": 0, "hours": 0.0, "laps": 0}
    for first in range(0, len(runs), BATCH_RUNS):
        batch = runs[first : first + BATCH_RUNS]
        pairs = []
        for run in batch:
            activity = activity_for(
                run_type=run.run_type,
                surface=run.surface,
                distance_m=run.distance_m,
                moving_s=run.duration_s,  # the planned time is the moving time; pauses add
                avg_hr_bpm=run.avg_hr_bpm or 145,
                start_time=run.start_time,
                rng=rng,
            )
            run.duration_s = round(activity.elapsed_s)
            run.moving_s = round(activity.moving_s)
            run.distance_m = round(activity.distance_m, 1)
            run.avg_hr_bpm, run.max_hr_bpm = activity.avg_hr_bpm, activity.max_hr_bpm
            run.elevation_gain_m = activity.elevation_gain_m
            if rng.random() >= EFFORT_KEPT_SHARE:
                run.effort = None
            run.source_format, run.imported_at = "fit", now
            run.source_name = f"demo-{run.date:%Y-%m-%d}-{run.pk}.fit"
            run.source_hash = hashlib.sha256(f"seed_demo {user.pk} {run.pk}".encode()).hexdigest()
            run.source_index = 0
            row = recordings.prepare(run, activity, profile, set_type=False)
            pairs.append((run, activity, row))
        Run.objects.bulk_update(batch, fields)
        rows = [row for _, _, row in pairs if row is not None]
        laps = [lap for run, activity, _ in pairs for lap in recordings.laps_of(run, activity)]
        RunStream.objects.bulk_create(rows)
        Lap.objects.bulk_create(laps)
        records.store_for_recordings(pairs)
        counts["recorded"] += len(rows)
        counts["samples"] += sum(row.samples for row in rows)
        counts["stream_bytes"] += sum(len(row.data) for row in rows)
        counts["hours"] += sum(run.moving_s for run in batch) / 3600
        counts["laps"] += len(laps)
    intensity.refresh_hr_loads(user)
    counts["seconds"] = time.perf_counter() - started
    return counts
