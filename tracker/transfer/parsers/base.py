"""Shared pieces of the watch-file importers: result types, the error, and track arithmetic.

Pure Python on purpose: nothing here knows about Django, the database or a request.

Thresholds (each one is a decision; the reasons are next to the constant):

* ``PAUSE_GAP_S``: a gap of more than 60 s between two recorded points is a pause.
* ``STOP_SPEED_MS``: an interval slower than 1 km/h counts as standing still (gpxpy's default).
* ``SPLIT_GAP_S``: points more than 2 h apart belong to different activities.
* ``MAX_SPEED_KMH``: a point that could only be reached faster than this is a GPS glitch.
* ``ELEVATION_THRESHOLD_M``: climbs smaller than 3 m are treated as altitude noise.

Length (about 580 lines): the result types and the track arithmetic all three formats
share; each helper is small and documented where its threshold is defined.
"""

from __future__ import annotations

import functools
import math
import re
import xml.etree.ElementTree as StdET  # only for documents without declarations; see below
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import PurePosixPath
from typing import NamedTuple

import defusedxml
import defusedxml.ElementTree as SafeET

from tracker.streams import PAUSE_GAP_S, STOP_SPEED_MS, Stream

# PAUSE_GAP_S and STOP_SPEED_MS are defined with the Stream in tracker/streams.py, which the
# log's pages use too (a pure module below the transfer package).

# Points (tracks, segments) more than this far apart in time are separate activities: the 3-day
# hiking file has overnight gaps, and one history file keeps recording until the next day.
SPLIT_GAP_S = 2 * 3600.0

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

# Heart-rate readings outside this range are sensor dropouts or garbage.
HR_MIN_BPM = 1
HR_MAX_BPM = 250

EARTH_RADIUS_M = 6_371_008.8  # mean Earth radius (IUGG)


@dataclass(frozen=True)
class ParsedActivity:
    sport: str  # running/cycling/walking/hiking/swimming/transition/other, or "unknown"
    start_time: datetime | None  # timezone-aware UTC; None when the file has no absolute time
    distance_m: float
    elapsed_s: float  # wall clock from start to end, pauses included
    moving_s: float  # timer/moving time, pauses excluded
    elevation_gain_m: float | None
    avg_hr_bpm: int | None
    max_hr_bpm: int | None
    has_gps: bool
    name: str  # track/activity name or ""
    source_format: str  # "gpx" | "tcx" | "fit"
    # What the watch recorded, sample by sample, and its laps (see Stream and ParsedLap). Left
    # out of equality: two parses of one file compare by their totals.
    stream: Stream | None = field(default=None, compare=False, repr=False)
    laps: tuple[ParsedLap, ...] = field(default=(), compare=False, repr=False)


@dataclass(frozen=True)
class ParsedLap:
    """One lap as the watch summed it up (TCX <Lap>, FIT lap message)."""

    start_s: float  # from the activity's start
    elapsed_s: float
    moving_s: float  # the watch's timer time for the lap
    distance_m: float
    avg_hr_bpm: int | None = None
    max_hr_bpm: int | None = None


@dataclass(frozen=True)
class ParsedWeight:
    measured_at: datetime | None
    weight_kg: float
    body_fat_pct: float | None


@dataclass
class ParsedFile:
    activities: list[ParsedActivity] = field(default_factory=list)
    weights: list[ParsedWeight] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


class ActivityFileError(ValueError):
    """The file cannot be imported. The message is a sentence to show to the user."""


# --------------------------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------------------------


def display_name(filename: str) -> str:
    """The file's own name without folders, for messages ("run.gpx", not "export/x/run.gpx")."""
    name = PurePosixPath((filename or "").replace("\\", "/")).name
    return name or "The file"


def to_utc(value: datetime | None) -> datetime | None:
    """Timezone-aware UTC. Naive times are UTC already (GPX, TCX and FIT all store UTC)."""
    if value is None:
        return None
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


def from_timestamp(seconds: float | None) -> datetime | None:
    if seconds is None:
        return None
    return datetime.fromtimestamp(seconds, tz=UTC)


def haversine_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1 = math.radians(lat1)
    p2 = math.radians(lat2)
    dp = p2 - p1
    dl = math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(a)))


def format_km(metres: float) -> str:
    return f"{metres / 1000:.1f} km"


def glitch_note(label: str, count: int, sport: str) -> str:
    plural = count > 1
    return (
        f"{label}: {count} GPS glitch{'es' if plural else ''} (position jumps faster than "
        f"{MAX_SPEED_KMH.get(sport, DEFAULT_MAX_SPEED_KMH):.0f} km/h) "
        f"{'were' if plural else 'was'} left out of the distance."
    )


# Words that name some other sport, or something that is not exercise: such files are "other",
# not "unknown". Checked before _SPORT_WORDS, because "motorcycling" contains "cycl",
# "horseback riding" contains "riding" and "wheelchair_push_run" contains "run".
_OTHER_FIRST = ("motor", "horse", "wheelchair", "driving", "snowmobil", "boat")
_OTHER_SPORT_WORD = re.compile(
    r"(?:ski|skiing|skate|skating|snowboard(?:ing)?|snowshoe(?:ing)?|rowing|row|kayak(?:ing)?|"
    r"canoe(?:ing)?|paddle|paddling|surf(?:ing)?|sail(?:ing)?|climb(?:ing)?|yoga|workout|"
    r"training|fitness|elliptical|stair|stepper|weights?|crossfit|golf|tennis|soccer|football|"
    r"basketball|drive|car|flight|fly|flying|aerobics?|strength|cardio|hiit|dance|pilates)"
)
_SPORT_WORDS = (
    # (substring of the lower-cased label, sport); the first match wins, so order matters.
    ("transition", "transition"),
    ("run", "running"),
    ("jog", "running"),
    ("walk", "walking"),
    ("hik", "hiking"),
    ("trek", "hiking"),
    ("mountaineer", "hiking"),
    ("swim", "swimming"),
    ("cycl", "cycling"),
    ("bik", "cycling"),
    ("ride", "cycling"),
    ("riding", "cycling"),
)

# Strava's GPX export writes <type> as a number. Strava does not document the numbers; this is
# the community-compiled list (StackOverflow question 61903437 "What do the Strava GPX <type>
# elements mean"). 9 = Run is confirmed by the 12 km sample: its TCX export of the same activity
# says Sport="Running". Numbers not listed here give "unknown".
STRAVA_GPX_TYPES = {
    1: "cycling",  # Ride
    2: "other",  # Alpine Ski
    3: "other",  # Backcountry Ski
    4: "hiking",  # Hike
    5: "other",  # Ice Skate
    6: "other",  # Inline Skate
    7: "other",  # Nordic Ski
    8: "other",  # Roller Ski
    9: "running",  # Run
    10: "walking",  # Walk
    11: "other",  # Workout
    12: "other",  # Snowboard
    13: "other",  # Snowshoe
    16: "swimming",  # Swim
    17: "cycling",  # Virtual Ride
    18: "cycling",  # E-Bike Ride
    53: "running",  # Virtual Run
}

_WORD_SPLIT = re.compile(r"[^a-z]+")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")


def normalise_sport(value: object) -> str:
    """Map a file's own sport label (text or Strava number) to our small vocabulary."""
    if value is None:
        return "unknown"
    text = str(value).strip().lower()
    if not text:
        return "unknown"
    if text.isdigit():
        return STRAVA_GPX_TYPES.get(int(text), "unknown")
    if text in {"generic", "all", "invalid", "unknown", "none", "multisport"}:
        return "unknown"
    if any(word in text for word in _OTHER_FIRST):
        return "other"
    for word, sport in _SPORT_WORDS:
        if word in text:
            return sport
    camel_split = _CAMEL.sub(" ", str(value).strip()).lower()  # "WeightTraining" -> 2 words
    words = [w for w in _WORD_SPLIT.split(camel_split) if w]
    if text == "other" or any(_OTHER_SPORT_WORD.fullmatch(w) for w in words):
        return "other"
    return "unknown"


# --------------------------------------------------------------------------------------------
# Safe XML
# --------------------------------------------------------------------------------------------

_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._\-]+)["']""")


# Any markup declaration other than a comment or CDATA: "<!DOCTYPE", "<!ENTITY"...
_DECLARATION = re.compile(rb"<!(?!--|\[CDATA\[)")
_PLAIN_ENCODINGS = {b"utf-8", b"utf8", b"us-ascii", b"ascii", b"iso-8859-1", b"latin-1", b"latin1"}


def _without_declarations(data: bytes) -> bool:
    """True when ``data`` is in an ASCII-compatible encoding expat reads itself and has no
    markup declaration: then it cannot declare an entity or name an external resource, and the
    standard parser is as safe as defusedxml's (which is about twice as slow)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data[:4]:
        return False
    match = _XML_ENCODING.match(data[:300])
    if match and match.group(1).lower() not in _PLAIN_ENCODINGS:
        return False
    return _DECLARATION.search(data) is None


def parse_xml_safely(data: bytes, name: str, kind: str):
    """Parse XML with defusedxml: no DTDs, no entities, no external references.

    Returns the root element. Every failure becomes an ActivityFileError naming the problem.
    """
    try:
        if _without_declarations(data):
            return StdET.fromstring(data)
        return SafeET.fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except (
        defusedxml.DTDForbidden,
        defusedxml.EntitiesForbidden,
        defusedxml.ExternalReferenceForbidden,
    ):
        raise ActivityFileError(
            f"{name} uses XML features that are not allowed in uploaded files "
            "(a document type declaration or entities), so it was not read."
        ) from None
    except (SafeET.ParseError, StdET.ParseError) as exc:
        line = getattr(exc, "position", (None, None))[0]
        where = f" (near line {line})" if line else ""
        raise ActivityFileError(
            f"{name} is not a valid {kind} file: its XML is damaged or incomplete{where}."
        ) from None
    except (ValueError, LookupError, UnicodeError):
        raise ActivityFileError(
            f"{name} is not a valid {kind} file: its text encoding could not be read."
        ) from None


def decode_xml_text(data: bytes, name: str, kind: str) -> str:
    """Bytes to text, honouring a BOM or the XML declaration's encoding (for gpxpy)."""
    try:
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            return data.decode("utf-16")
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError:
            match = _XML_ENCODING.match(data[:300])
            if not match:
                raise
            return data.decode(match.group(1).decode("ascii"))
    except (UnicodeError, LookupError):
        raise ActivityFileError(
            f"{name} is not a valid {kind} file: its text encoding could not be read."
        ) from None


@functools.lru_cache(maxsize=512)
def local_tag(tag: object) -> str:
    """'{namespace}Name' -> 'Name'. Comments and processing instructions give ''.

    Cached: the parsers ask for every element, and a file uses a handful of tags (bounded, so
    a file with a million different names cannot grow the cache)."""
    if not isinstance(tag, str):
        return ""
    return tag.rpartition("}")[2]


# --------------------------------------------------------------------------------------------
# Track arithmetic (GPX tracks, TCX trackpoints, FIT records when the session lacks a total)
# --------------------------------------------------------------------------------------------


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
