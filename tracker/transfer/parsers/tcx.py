"""TCX files (Garmin Training Center XML: Garmin Connect, Strava and many apps export it).

Read with defusedxml's ElementTree rather than tcxreader. tcxreader (0.4.11) was tried and is
not adequate here: it only opens a path and parses it with the stdlib parser itself (so the
safe parse would be done twice); it returns naive datetimes for "...Z" times; it ignores each
lap's TotalTimeSeconds (the watch's timer total, which is our moving time), StartTime and
heart-rate summaries; it merges several <Activity> elements into one and keeps the last sport;
it fails with KeyError on an <Activity> without a Sport attribute; and it prints to stdout on
odd data. The TCX structure we need (Activity > Lap > Track > Trackpoint) is small enough to
read directly.

The watch's own lap totals are preferred: distance is the sum of the laps' DistanceMeters,
moving time the sum of their TotalTimeSeconds (timer time, pauses excluded), average heart rate
the laps' AverageHeartRateBpm weighted by lap time. Trackpoints fill in what the laps lack.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from .base import (
    HR_MAX_BPM,
    HR_MIN_BPM,
    ActivityFileError,
    ParsedActivity,
    ParsedFile,
    ParsedLap,
    display_name,
    from_timestamp,
    local_tag,
    normalise_sport,
    parse_xml_safely,
    to_utc,
)
from .tracks import (
    Point,
    clean_segments,
    glitch_note,
    stream_from_points,
    summarise_points,
)


@dataclass
class _Lap:
    start: float | None = None
    total_time_s: float | None = None
    distance_m: float | None = None
    avg_hr: float | None = None
    max_hr: float | None = None
    tracks: list[list[Point]] = field(default_factory=list)
    point_distances: list[float] = field(default_factory=list)


def _children(el, name: str):
    return [c for c in el if local_tag(c.tag) == name]


def _child(el, name: str):
    for c in el:
        if local_tag(c.tag) == name:
            return c
    return None


def _text(el, name: str) -> str | None:
    c = _child(el, name)
    if c is None or c.text is None:
        return None
    return c.text.strip() or None


def _float(text: str | None) -> float | None:
    if text is None:
        return None
    try:
        value = float(text)
    except ValueError:
        return None
    return value if value == value and abs(value) != float("inf") else None  # no NaN/inf


def _time(text: str | None) -> float | None:
    if not text:
        return None
    try:
        return to_utc(datetime.fromisoformat(text.strip())).timestamp()
    except ValueError:
        return None


def _hr_value(el, name: str) -> float | None:
    c = _child(el, name)
    if c is None:
        return None
    value = _float(_text(c, "Value"))
    if value is None or not (HR_MIN_BPM <= value <= HR_MAX_BPM):
        return None
    return value


def _extension_value(tp, names: set[str]) -> float | None:
    """A value from a trackpoint's <Extensions> (Garmin's ActivityExtension TPX: Speed, Watts,
    RunCadence), found by local name."""
    ext = _child(tp, "Extensions")
    if ext is None:
        return None
    for el in ext.iter():
        if local_tag(el.tag) in names and el.text:
            return _float(el.text.strip())
    return None


def _whole(value: float | None) -> int | None:
    return int(round(value)) if value is not None else None


def _trackpoint(tp) -> tuple[Point, float | None]:
    lat = lon = None
    pos = _child(tp, "Position")
    if pos is not None:
        lat = _float(_text(pos, "LatitudeDegrees"))
        lon = _float(_text(pos, "LongitudeDegrees"))
        if (
            lat is None
            or lon is None
            or not (-90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0)
            or (lat == 0.0 and lon == 0.0)
        ):
            lat = lon = None
    hr = _hr_value(tp, "HeartRateBpm")
    distance = _float(_text(tp, "DistanceMeters"))
    cadence = _float(_text(tp, "Cadence"))  # bikes; runs put RunCadence in the extensions
    if cadence is None:
        cadence = _extension_value(tp, {"RunCadence"})
    point = Point(
        lat,
        lon,
        _time(_text(tp, "Time")),
        _float(_text(tp, "AltitudeMeters")),
        _whole(hr),
        distance=distance,
        cadence=_whole(cadence),
        speed=_extension_value(tp, {"Speed"}),
        power=_whole(_extension_value(tp, {"Watts"})),
    )
    return point, distance


def _lap(el) -> _Lap:
    lap = _Lap(
        start=_time(el.get("StartTime")),
        total_time_s=_float(_text(el, "TotalTimeSeconds")),
        distance_m=_float(_text(el, "DistanceMeters")),
        avg_hr=_hr_value(el, "AverageHeartRateBpm"),
        max_hr=_hr_value(el, "MaximumHeartRateBpm"),
    )
    for track in _children(el, "Track"):
        points = []
        for tp in _children(track, "Trackpoint"):
            point, distance = _trackpoint(tp)
            points.append(point)
            if distance is not None:
                lap.point_distances.append(distance)
        if points:
            lap.tracks.append(points)
    return lap


def _activity(el, name: str, notes: list[str]) -> ParsedActivity | None:
    sport = normalise_sport(el.get("Sport"))
    laps = [_lap(lap) for lap in _children(el, "Lap")]
    segments = [track for lap in laps for track in lap.tracks]
    if not laps:
        return None
    cleaned = clean_segments(segments, sport)
    s = summarise_points(segments, sport, cleaned)

    lap_distances = [lap.distance_m for lap in laps]
    point_distances = [d for lap in laps for d in lap.point_distances]
    if all(d is not None for d in lap_distances) and sum(lap_distances) > 0:
        distance = sum(lap_distances)
    elif point_distances and max(point_distances) > 0:
        distance = max(point_distances) - min(point_distances)
    else:
        distance = s.distance_m
        if s.glitches:
            notes.append(glitch_note(name, s.glitches, sport))

    starts = [lap.start for lap in laps if lap.start is not None]
    start = starts[0] if starts else _time(_text(el, "Id"))
    if start is None:
        start = s.start_t
    ends = [s.end_t] if s.end_t is not None else []
    ends += [
        lap.start + lap.total_time_s
        for lap in laps
        if lap.start is not None and lap.total_time_s is not None
    ]
    end = max(ends) if ends else None

    lap_times = [lap.total_time_s for lap in laps]
    if all(t is not None for t in lap_times) and sum(lap_times) > 0:
        moving = sum(lap_times)
    else:
        moving = s.moving_s
    elapsed = (end - start) if (start is not None and end is not None) else 0.0
    elapsed = max(elapsed, moving)

    if start is None and moving == 0 and distance == 0 and not segments:
        return None

    weighted = [(lap.avg_hr, lap.total_time_s) for lap in laps if lap.total_time_s]
    if weighted and all(hr is not None for hr, _ in weighted):
        avg_hr = round(sum(hr * t for hr, t in weighted) / sum(t for _, t in weighted))
    else:
        avg_hr = s.avg_hr
    # The highest of the laps' own maxima and the trackpoints' readings.
    maxima = [lap.max_hr for lap in laps if lap.max_hr is not None]
    if s.max_hr is not None:
        maxima.append(s.max_hr)
    max_hr = int(round(max(maxima))) if maxima else None

    if start is None:
        notes.append(f"{name} has no times, so its start time is unknown.")

    stream = stream_from_points(segments, sport, start, cleaned=cleaned)
    if stream is not None and stream.distance is not None and not point_distances:
        # GPS-measured: the totals may come from the laps, and the stream ends there too.
        _scale_distance(stream, distance)

    return ParsedActivity(
        sport=sport,
        start_time=from_timestamp(start),
        distance_m=float(distance),
        elapsed_s=float(elapsed),
        moving_s=float(moving),
        elevation_gain_m=s.elevation_gain_m,
        avg_hr_bpm=avg_hr,
        max_hr_bpm=max_hr,
        has_gps=s.has_gps,
        name="",  # TCX has no activity name (<Notes> is free text, e.g. "Aerobics")
        source_format="tcx",
        stream=stream,
        laps=_parsed_laps(laps, start, end),
    )


def _scale_distance(stream, distance: float) -> None:
    last = stream.distance[-1] or 0.0
    if last > 0 and distance > 0:
        factor = distance / last
        stream.distance[:] = [d * factor if d is not None else None for d in stream.distance]


def _parsed_laps(laps: list[_Lap], start: float | None, end: float | None) -> tuple:
    """The laps as the file sums them up. A lap's elapsed time runs to the next lap's start
    (the last one to the activity's end); laps without a start or timer total are left out."""
    if start is None:
        return ()
    out = []
    for i, lap in enumerate(laps):
        if lap.start is None or lap.total_time_s is None:
            return ()
        following = laps[i + 1].start if i + 1 < len(laps) else end
        elapsed = (following - lap.start) if following is not None else lap.total_time_s
        out.append(
            ParsedLap(
                start_s=lap.start - start,
                elapsed_s=max(elapsed, lap.total_time_s),
                moving_s=lap.total_time_s,
                distance_m=lap.distance_m or 0.0,
                avg_hr_bpm=_whole(lap.avg_hr),
                max_hr_bpm=_whole(lap.max_hr),
            )
        )
    return tuple(out)


def parse(filename: str, data: bytes) -> ParsedFile:
    name = display_name(filename)
    root = parse_xml_safely(data, name, "TCX")
    if local_tag(root.tag) != "TrainingCenterDatabase":
        raise ActivityFileError(
            f"{name} is not a valid TCX file: its TrainingCenterDatabase root element is missing."
        )
    result = ParsedFile()
    elements = [el for el in root.iter() if local_tag(el.tag) == "Activity"]
    for el in elements:
        activity = _activity(el, name, result.notes)
        if activity is not None:
            result.activities.append(activity)
    if not result.activities:
        if any(local_tag(el.tag) == "Course" for el in root.iter()):
            raise ActivityFileError(
                f"{name} holds a course (a planned route), not a recorded activity."
            )
        raise ActivityFileError(f"{name} has no recorded activity in it (no laps or track points).")
    if len(result.activities) > 1:
        result.notes.append(
            f"{name} holds {len(result.activities)} activities; each was imported separately."
        )
    return result
