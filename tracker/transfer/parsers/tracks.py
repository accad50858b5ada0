"""Arithmetic on recorded points, shared by the GPX, TCX and FIT parsers (FIT only when a
session lacks its own totals): GPS glitches, distance, moving and elapsed time, climb, heart
rate, and the Stream kept with each run.

Pure Python on purpose, like base.py: nothing here knows about Django, the database or a
request. Thresholds sit next to their reasons below; the pause and standing-still ones
(PAUSE_GAP_S, STOP_SPEED_MS) are defined with the Stream in tracker/streams.py.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from tracker.streams import PAUSE_GAP_S, STOP_SPEED_MS, Stream

from .base import HR_MAX_BPM, HR_MIN_BPM

# A point that could only be reached from the last good point faster than this is a GPS glitch
# and is dropped. 50 km/h is above any human running speed (Bolt's top speed is ~45 km/h) and
# below car or "teleport" speeds. Files that say they are rides get a cycling limit; files that
# say nothing are treated like runs (the caller imports them as runs).
MAX_SPEED_KMH = {"cycling": 100.0, "other": 200.0, "transition": 200.0}
DEFAULT_MAX_SPEED_KMH = 50.0
# GPS noise allowance added to the speed limit, so that two fixes a few metres apart with almost
# the same timestamp are not called a glitch.
GPS_SLACK_M = 2.0
# A point is a glitch only if the track jumps away and comes back. After this many consecutive
# rejected points that agree with each other, the track has carried on from the new position:
# the jump is real distance (a runner who kept going while the GPS lost its fix), unless fewer
# points than this came before it, in which case those were the glitch (a first fix far away).
REANCHOR_POINTS = 5

# Climbs smaller than this are altitude noise (GPS elevation wanders by several metres). Used
# only when the file has no ascent total of its own. On the FIT samples with barometric altitude
# this gives within 2-10 % of the watch's own total_ascent.
ELEVATION_THRESHOLD_M = 3.0

EARTH_RADIUS_M = 6_371_008.8  # mean Earth radius (IUGG)


def haversine_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1 = math.radians(lat1)
    p2 = math.radians(lat2)
    dp = p2 - p1
    dl = math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(a)))


def glitch_note(label: str, count: int, sport: str) -> str:
    plural = count > 1
    return (
        f"{label}: {count} GPS glitch{'es' if plural else ''} (position jumps faster than "
        f"{MAX_SPEED_KMH.get(sport, DEFAULT_MAX_SPEED_KMH):.0f} km/h) "
        f"{'were' if plural else 'was'} left out of the distance."
    )


class Point(NamedTuple):
    lat: float | None
    lon: float | None
    t: float | None  # seconds since the epoch (or device-relative seconds for some FIT files)
    ele: float | None
    hr: int | None
    # Optional channels; FIT and TCX files have some of them.
    distance: float | None = None  # the device's own cumulative distance, m
    cadence: int | None = None
    speed: float | None = None
    power: int | None = None


@dataclass
class TrackSummary:
    distance_m: float = 0.0
    moving_s: float = 0.0
    elapsed_s: float = 0.0
    start_t: float | None = None
    end_t: float | None = None
    elevation_gain_m: float | None = None
    avg_hr: int | None = None
    max_hr: int | None = None
    has_gps: bool = False
    points: int = 0
    timed_points: int = 0
    glitches: int = 0  # GPS points dropped, plus jumps not counted as distance


def max_speed_ms(sport: str) -> float:
    return MAX_SPEED_KMH.get(sport, DEFAULT_MAX_SPEED_KMH) / 3.6


def _plausible(a: Point, b: Point, limit_ms: float) -> tuple[bool, float]:
    d = haversine_m(a.lat, a.lon, b.lat, b.lon)
    if a.t is None or b.t is None:
        return True, d
    dt = b.t - a.t
    if dt < 0:
        return False, d
    return d <= limit_ms * dt + GPS_SLACK_M, d


class CleanSegment(NamedTuple):
    """A segment's points without GPS glitches: ``runs`` of kept points (today always one
    per segment; no distance counts between runs), ``steps[k][i]`` the metres from
    ``runs[k][i - 1]`` to ``runs[k][i]`` (0 at a run's start), and the points dropped."""

    runs: list[list[Point]]
    steps: list[list[float]]
    rejected: int


def filter_glitches(points: Sequence[Point], limit_ms: float) -> CleanSegment:
    """Drop GPS points that could only be reached impossibly fast from the last good point.

    Points without a position are ignored here. Each distance between two kept points is
    worked out once, here, and kept in ``steps`` for the totals and the stream.
    """
    runs: list[list[Point]] = []
    steps: list[list[float]] = []
    run: list[Point] = []
    run_steps: list[float] = []
    pending: list[Point] = []
    pending_steps: list[float] = []  # the first from run[-1], the others from the one before
    rejected = 0
    for p in points:
        if p.lat is None or p.lon is None:
            continue
        if not run:
            run.append(p)
            run_steps.append(0.0)
            continue
        ok, d = _plausible(run[-1], p, limit_ms)
        if ok:
            rejected += len(pending)
            pending.clear()
            pending_steps.clear()
            run.append(p)
            run_steps.append(d)
            continue
        if pending:
            ok, from_pending = _plausible(pending[-1], p, limit_ms)
            if ok:
                d = from_pending
            else:
                rejected += len(pending)
                pending.clear()
                pending_steps.clear()
        pending.append(p)
        pending_steps.append(d)
        if len(pending) >= REANCHOR_POINTS:
            if len(run) < REANCHOR_POINTS:
                # A few stray fixes before the track really starts (a first fix far away).
                rejected += len(run)
                run, run_steps = pending, [0.0, *pending_steps[1:]]
            else:
                # The track carried on from the new position: the jump was real distance.
                run.extend(pending)
                run_steps.extend(pending_steps)
            pending, pending_steps = [], []
    rejected += len(pending)
    if run:
        runs.append(run)
        steps.append(run_steps)
    return CleanSegment(runs, steps, rejected)


def clean_segments(segments: Sequence[Sequence[Point]], sport: str) -> list[CleanSegment]:
    """Each segment without its GPS glitches (filter_glitches), at the sport's speed limit:
    read once and passed to both summarise_points and stream_from_points."""
    limit = max_speed_ms(sport)
    return [filter_glitches(segment, limit) for segment in segments]


def elevation_gain(values: Iterable[float], threshold: float = ELEVATION_THRESHOLD_M) -> float:
    """Total climb, ignoring wiggles smaller than ``threshold`` (hysteresis)."""
    gain = 0.0
    ref: float | None = None
    for v in values:
        if ref is None:
            ref = v
        elif v - ref >= threshold:
            gain += v - ref
            ref = v
        elif v < ref:
            ref = v
    return gain


def hr_stats(samples: Sequence[tuple[float | None, int | None]]) -> tuple[int | None, int | None]:
    """Average and maximum heart rate from (time, bpm) samples in time order.

    The average is time-weighted: each reading counts for the time until the next reading, at
    most PAUSE_GAP_S (so a reading before a pause does not dominate). Zeros and readings outside
    HR_MIN_BPM..HR_MAX_BPM are ignored. Without usable times it is the plain sample mean.
    """
    valid = [(t, hr) for t, hr in samples if hr is not None and HR_MIN_BPM <= hr <= HR_MAX_BPM]
    if not valid:
        return None, None
    max_hr = max(hr for _, hr in valid)
    weighted = 0.0
    total = 0.0
    for (t0, hr0), (t1, _) in zip(valid, valid[1:], strict=False):
        if t0 is None or t1 is None:
            continue
        dt = t1 - t0
        if dt <= 0:
            continue
        dt = min(dt, PAUSE_GAP_S)
        weighted += hr0 * dt
        total += dt
    avg = weighted / total if total > 0 else sum(hr for _, hr in valid) / len(valid)
    return round(avg), max_hr


def summarise_points(
    segments: Sequence[Sequence[Point]],
    sport: str,
    cleaned: Sequence[CleanSegment] | None = None,
) -> TrackSummary:
    """Distance, times, climb and heart rate of recorded points.

    ``segments`` are lists of points in time order; no distance or moving time is counted
    between two segments (GPX <trkseg> boundaries are pauses). Distance is the haversine sum
    along the points after dropping GPS glitches (``cleaned``: clean_segments(segments,
    sport), worked out here when not given). Moving time counts the intervals of at most
    PAUSE_GAP_S that are faster than STOP_SPEED_MS. Elapsed time is first to last timestamp.
    """
    out = TrackSummary()
    if cleaned is None:
        cleaned = clean_segments(segments, sport)
    times: list[float] = []
    hr_samples: list[tuple[float | None, int | None]] = []
    elevations: list[float] = []
    for segment, clean in zip(segments, cleaned, strict=True):
        out.points += len(segment)
        for p in segment:
            if p.t is not None:
                out.timed_points += 1
            if p.hr is not None:
                hr_samples.append((p.t, p.hr))
            if p.t is not None and (p.lat is None or p.lon is None):
                times.append(p.t)  # a point without position still marks time (TCX)
        out.glitches += clean.rejected + max(0, len(clean.runs) - 1)
        for run, steps in zip(clean.runs, clean.steps, strict=True):
            out.has_gps = True
            prev: Point | None = None
            for p, d in zip(run, steps, strict=True):
                if p.t is not None:
                    times.append(p.t)  # glitches are left out: their times can be bogus too
                if p.ele is not None:
                    elevations.append(p.ele)
                if prev is not None:
                    out.distance_m += d
                    if prev.t is not None and p.t is not None:
                        dt = p.t - prev.t
                        if 0 < dt <= PAUSE_GAP_S and d / dt >= STOP_SPEED_MS:
                            out.moving_s += dt
                prev = p
    if times:
        out.start_t = min(times)
        out.end_t = max(times)
        out.elapsed_s = out.end_t - out.start_t
    if elevations:
        out.elevation_gain_m = round(elevation_gain(elevations), 1)
    out.avg_hr, out.max_hr = hr_stats(hr_samples)
    return out


def _valid_hr(hr: int | None) -> int | None:
    return hr if hr is not None and HR_MIN_BPM <= hr <= HR_MAX_BPM else None


def stream_from_points(
    segments: Sequence[Sequence[Point]],
    sport: str,
    start_t: float | None,
    *,
    stops_count_as_pauses: bool = False,
    cleaned: Sequence[CleanSegment] | None = None,
) -> Stream | None:
    """The Stream of recorded points, consistent with ``summarise_points``.

    The same GPS glitches are dropped and no distance is counted across a segment boundary or
    a re-anchoring jump, so a GPS-measured stream ends at the same distance as the totals.
    Where the points carry the device's own distance (TCX DistanceMeters, FIT records) that is
    used instead, counted from the first point. Points without a time count towards the
    distance but give no sample; a point earlier than the one before it is left out. Returns
    None when fewer than two points have times. ``cleaned`` as for summarise_points.
    """
    if cleaned is None:
        cleaned = clean_segments(segments, sport)
    device_distance = any(p.distance is not None for seg in segments for p in seg)
    rows: list[tuple] = []  # (t, distance, lat, lon, ele, hr, cadence, speed, power)
    cumulative = 0.0
    first_device: float | None = None
    last_t: float | None = None
    for segment, clean in zip(segments, cleaned, strict=True):
        # id(point) -> metres from the kept point before (0 at a run's start: no distance
        # counts across a re-anchoring jump or from the segment before)
        step: dict[int, float] = {
            id(p): d
            for run, steps in zip(clean.runs, clean.steps, strict=True)
            for p, d in zip(run, steps, strict=True)
        }
        for p in segment:
            positioned = p.lat is not None and p.lon is not None
            if positioned and id(p) not in step:
                continue  # a glitch
            if device_distance:
                if p.distance is not None:
                    if first_device is None:
                        first_device = p.distance
                    cumulative = max(cumulative, p.distance - first_device)
            elif positioned:
                cumulative += step[id(p)]
            if p.t is None or (last_t is not None and p.t < last_t):
                continue
            last_t = p.t
            rows.append(
                (
                    p.t,
                    cumulative,
                    p.lat if positioned else None,
                    p.lon if positioned else None,
                    p.ele,
                    _valid_hr(p.hr),
                    p.cadence,
                    p.speed,
                    p.power,
                )
            )
    if len(rows) < 2:
        return None
    origin = start_t if start_t is not None and start_t <= rows[0][0] else rows[0][0]
    columns = list(zip(*rows, strict=True))

    def channel(index: int) -> list | None:
        values = list(columns[index])
        return values if any(v is not None for v in values) else None

    return Stream(
        t=[t - origin for t in columns[0]],
        distance=channel(1) if (device_distance or channel(2)) else None,
        lat=channel(2),
        lon=channel(3),
        alt=channel(4),
        hr=channel(5),
        cadence=channel(6),
        speed=channel(7),
        power=channel(8),
        stops_count_as_pauses=stops_count_as_pauses,
    )
