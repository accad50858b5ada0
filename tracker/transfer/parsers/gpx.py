"""GPX files (Strava, Garmin Connect, phone apps, GPSBabel, gpxpy...).

The XML is parsed with defusedxml (no DTD, no entities) and read straight from that tree.
gpxpy (1.6) read the same tree a second time and took two thirds of the import time of a GPX
file (about 50 of 80 ms for a typical 10 km history file), so it is no longer used here; the
tests still compare our distances with gpxpy's.

A GPX file has no totals of its own, so everything is computed from the track points (see
``tracks.summarise_points``). Tracks become activities like this: tracks (and stretches inside a
track) more than 2 h apart are separate activities; closer ones are one activity. Stretches
without any times are joined to their neighbours.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass, field
from datetime import UTC, datetime

from .base import (
    SPLIT_GAP_S,
    ActivityFileError,
    ParsedActivity,
    ParsedFile,
    display_name,
    format_km,
    from_timestamp,
    local_tag,
    normalise_sport,
    parse_xml_safely,
)
from .tracks import (
    Point,
    TrackSummary,
    clean_segments,
    glitch_note,
    stream_from_points,
    summarise_points,
)

# When a file yields several activities, a piece must be at least this long (distance and
# moving time) and no faster on average than a human can run to count as an activity of its
# own. Otherwise it is a leftover: a watch left recording at home, or carried in a car
# afterwards (one history sample does both). If no piece qualifies, the longest is kept.
MIN_EXTRA_ACTIVITY_M = 500.0
MIN_EXTRA_ACTIVITY_S = 300.0
# Faster than this on average while moving is not running (the 1500 m world record is about
# 26 km/h). Such activities get a note; such leftover pieces are dropped.
MAX_RUN_AVERAGE_KMH = 30.0
ON_FOOT = {"running", "walking", "hiking", "unknown"}
# A group in which fewer than this share of the points have times has no usable duration.
MIN_TIMED_SHARE = 0.5

_HR_TAGS = {"hr", "heartrate", "heart_rate"}


@dataclass
class _Group:
    names: list[str] = field(default_factory=list)
    types: list[str] = field(default_factory=list)
    segments: list[list[Point]] = field(default_factory=list)
    last_t: float | None = None


class _Invalid(ValueError):
    """A value gpxpy would also refuse (a latitude that is not a number, say)."""


@dataclass
class _Track:
    name: str
    type: str
    segments: list[list[Point]]


def _children(el, name: str):
    return [c for c in el if local_tag(c.tag) == name]


def _child_text(el, name: str) -> str:
    for c in el:
        if local_tag(c.tag) == name:
            return (c.text or "").strip()
    return ""


def _timestamp(text: str) -> float | None:
    if not text:
        return None
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.timestamp()


def _number(text: str | None) -> float | None:
    if text is None:
        return None
    try:
        value = float(text)  # float() allows the spaces around it
    except ValueError:
        if not text.strip():
            return None
        raise _Invalid(text) from None
    if not math.isfinite(value):
        raise _Invalid(text)
    return value


@functools.lru_cache(maxsize=256)
def _is_hr_tag(tag: object) -> bool:
    """<gpxtpx:hr>, <ns3:hr>, <heartrate>...: a file uses a handful of tags, looked up here
    once each, not once a point (lru_cache: a hostile file's many names stay bounded)."""
    return local_tag(tag).lower() in _HR_TAGS


def _heart_rate(extensions) -> int | None:
    for el in extensions.iter():
        if el.text and _is_hr_tag(el.tag):
            try:
                return int(round(float(el.text.strip())))
            except ValueError:
                return None
    return None


def _point(el) -> Point:
    lat, lon = el.get("lat"), el.get("lon")
    if lat is None or lon is None:
        raise _Invalid("a point without lat or lon")
    lat, lon = _number(lat), _number(lon)
    if (
        lat is None
        or lon is None
        or not (-90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0)
        or (lat == 0.0 and lon == 0.0)  # "null island": a receiver with no fix
    ):
        lat = lon = None
    t = ele = None
    hr = None
    for c in el:
        tag = local_tag(c.tag)
        if tag == "time":
            t = _timestamp((c.text or "").strip())
        elif tag == "ele":
            ele = _number(c.text)
        elif tag == "extensions":
            hr = _heart_rate(c)
    return Point(lat, lon, t, ele, hr)


def _tracks(root) -> list[_Track]:
    tracks = []
    for trk in _children(root, "trk"):
        segments = [
            [_point(p) for p in _children(seg, "trkpt")] for seg in _children(trk, "trkseg")
        ]
        tracks.append(_Track(_child_text(trk, "name"), _child_text(trk, "type"), segments))
    return tracks


def _first_time(segments: list[list[Point]]) -> float | None:
    for seg in segments:
        for p in seg:
            if p.t is not None:
                return p.t
    return None


def _last_time(segments: list[list[Point]]) -> float | None:
    for seg in reversed(segments):
        for p in reversed(seg):
            if p.t is not None:
                return p.t
    return None


def _track_pieces(track: _Track) -> list[list[list[Point]]]:
    """A track's segments, cut wherever two timed points are more than SPLIT_GAP_S apart."""
    pieces: list[list[list[Point]]] = []
    current: list[list[Point]] = []
    last_t: float | None = None
    for points in track.segments:
        seg: list[Point] = []
        for p in points:
            if p.t is not None:
                if last_t is not None and abs(p.t - last_t) > SPLIT_GAP_S:
                    if seg:
                        current.append(seg)
                        seg = []
                    if current:
                        pieces.append(current)
                        current = []
                last_t = p.t
            seg.append(p)
        if seg:
            current.append(seg)
    if current:
        pieces.append(current)
    return pieces


def _groups(tracks: list[_Track]) -> list[_Group]:
    groups: list[_Group] = []
    for track in tracks:
        for piece in _track_pieces(track):
            first = _first_time(piece)
            current = groups[-1] if groups else None
            if current is None or (
                first is not None
                and current.last_t is not None
                and abs(first - current.last_t) > SPLIT_GAP_S
            ):
                current = _Group()
                groups.append(current)
            if track.name and track.name.strip():
                current.names.append(track.name.strip())
            if track.type and track.type.strip():
                current.types.append(track.type.strip())
            current.segments.extend(piece)
            last = _last_time(piece)
            if last is not None:
                current.last_t = last
    return groups


def parse(filename: str, data: bytes) -> ParsedFile:
    name = display_name(filename)
    root = parse_xml_safely(data, name, "GPX")
    if local_tag(root.tag) != "gpx":
        raise ActivityFileError(
            f"{name} is not a valid GPX file: its <gpx> root element is missing."
        )
    try:
        tracks = _tracks(root)
    except _Invalid:
        raise ActivityFileError(
            f"{name} is not a valid GPX file (its content does not follow the GPX format)."
        ) from None

    result = ParsedFile()
    groups = [g for g in _groups(tracks) if any(g.segments)]
    summaries = []
    for group in groups:
        sport = "unknown"
        for raw in group.types:
            sport = normalise_sport(raw)
            if sport != "unknown":
                break
        cleaned = clean_segments(group.segments, sport)
        summaries.append((group, sport, summarise_points(group.segments, sport, cleaned), cleaned))
    summaries = [s for s in summaries if s[2].points > 0 and s[2].has_gps]

    if len(summaries) > 1:
        kept = [s for s in summaries if _is_activity_of_its_own(s[1], s[2])]
        if not kept:
            kept = [max(summaries, key=lambda s: s[2].distance_m)]
        dropped = len(summaries) - len(kept)
        if dropped:
            result.notes.append(
                f"{name}: {dropped} leftover piece{'s' if dropped > 1 else ''} of track, "
                "recorded hours away from the rest, "
                f"{'were' if dropped > 1 else 'was'} ignored (too short, or too fast to be "
                "on foot)."
            )
        summaries = kept

    if not summaries:
        if _children(root, "rte") or _children(root, "wpt"):
            raise ActivityFileError(
                f"{name} has no track points: it holds only a planned route or waypoints, "
                "not a recorded activity."
            )
        raise ActivityFileError(f"{name} has no track points.")

    if len(summaries) > 1:
        result.notes.append(
            f"{name} holds {len(summaries)} separate recordings (more than "
            f"{SPLIT_GAP_S / 3600:.0f} hours apart); each was imported as its own activity."
        )

    for group, sport, s, cleaned in summaries:
        track_name = group.names[0] if group.names else _file_name(root)
        label = name
        if len(summaries) > 1:
            if track_name:
                label = f"{name} ('{track_name}')"
            elif s.start_t is not None:
                label = f"{name} (from {from_timestamp(s.start_t):%Y-%m-%d %H:%M} UTC)"
        timed = s.timed_points >= 2 and s.timed_points >= MIN_TIMED_SHARE * s.points
        if s.glitches:
            result.notes.append(glitch_note(label, s.glitches, sport))
        if timed and sport in ON_FOOT and _average_kmh(s) > MAX_RUN_AVERAGE_KMH:
            result.notes.append(
                f"{label} averages {_average_kmh(s):.0f} km/h while moving, faster than anyone "
                "runs: it may be a ride or a drive."
            )
        if not timed:
            if s.timed_points:
                result.notes.append(
                    f"{label}: only {s.timed_points} of {s.points} points have a time, so its "
                    f"start time and duration are unknown; its distance "
                    f"({format_km(s.distance_m)}) was imported."
                )
            else:
                result.notes.append(
                    f"{label} has no times, so its start time and duration are unknown; its "
                    f"distance ({format_km(s.distance_m)}) was imported."
                )
        elif s.timed_points < s.points:
            result.notes.append(
                f"{label}: {s.points - s.timed_points} of {s.points} points have no time; "
                "they count towards the distance but not the duration."
            )
        result.activities.append(
            ParsedActivity(
                sport=sport,
                start_time=from_timestamp(s.start_t) if timed else None,
                distance_m=s.distance_m,
                elapsed_s=s.elapsed_s if timed else 0.0,
                moving_s=s.moving_s if timed else 0.0,
                elevation_gain_m=s.elevation_gain_m,
                avg_hr_bpm=s.avg_hr,
                max_hr_bpm=s.max_hr,
                has_gps=s.has_gps,
                name=track_name,
                source_format="gpx",
                stream=(
                    stream_from_points(
                        group.segments,
                        sport,
                        s.start_t,
                        stops_count_as_pauses=True,
                        cleaned=cleaned,
                    )
                    if timed
                    else None
                ),
            )
        )
    return result


def _average_kmh(s: TrackSummary) -> float:
    return s.distance_m / s.moving_s * 3.6 if s.moving_s > 0 else 0.0


def _is_activity_of_its_own(sport: str, s: TrackSummary) -> bool:
    if s.distance_m < MIN_EXTRA_ACTIVITY_M or s.moving_s < MIN_EXTRA_ACTIVITY_S:
        return False
    return not (sport in ON_FOOT and _average_kmh(s) > MAX_RUN_AVERAGE_KMH)


def _file_name(root) -> str:
    """GPX 1.1 keeps the file's name in <metadata>, GPX 1.0 directly under <gpx>."""
    name = _child_text(root, "name")
    if not name:
        for metadata in _children(root, "metadata"):
            name = _child_text(metadata, "name")
    return name
