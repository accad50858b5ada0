"""What a run's samples say: the Stream itself, compact storage, moving time, splits, chart
series, the route drawn as SVG, and a suggested run type.

Pure Python: a ``Stream`` (filled by tracker/transfer/parsers) in, numbers out. No Django, no
imports from the transfer package, so the log's pages can use it.

Storage format (``pack``/``unpack``), version 1::

    b"LSS1" + zlib (level 6) of: u32 header length, header JSON, channel arrays

Each channel (``t`` first, then ``STREAM_CHANNELS``) is quantised to integers (``SCALES``:
0.1 s, 0.1 m, 1e-6 degrees which is 0.11 m, 0.1 m of altitude, whole bpm/rpm/W, 1 cm/s),
missing samples are filled with the value before them and remembered as run lengths, then
the first value goes in the header and the rest are stored as differences from the sample
before. Differences are small (1 s, 30 dm, a few bpm), so each channel takes the narrowest
array type that holds all of them, and the bytes of wider types are "shuffled" (all low bytes,
then all high bytes) so that zlib finds the long runs of zeros. Measured on the samples and
the 1-second demo streams: see tests/tracker/test_streams.py and bench/run_page.py.

Length (about 740 lines, past STYLE.md's ~400): every function here works on the same
``Stream`` and its moving samples, and they are tested together on the same real files;
storage (pack/unpack) and the run-type suggestion are the seams to cut along next.
"""

from __future__ import annotations

import itertools
import json
import math
import operator
import statistics
import struct
import zlib
from array import array
from dataclasses import dataclass, field

# A gap longer than this between consecutive points is a pause (timer stopped, auto-pause, or a
# recording gap). Phones and watches that record "every second" or "smart" (every few seconds)
# never leave a full minute without a point while the runner is moving; the 12 km Strava sample
# shows the effect: with 60 s its moving time comes within 0.5 % of the watch's own timer total.
PAUSE_GAP_S = 60.0

# Slower than this over an interval counts as stopped: 1 km/h, the default of gpxpy's
# get_moving_data. Slow uphill hiking (the 3-day sample) is still counted as moving.
STOP_SPEED_MS = 1.0 / 3.6

# The channels a Stream may carry, in storage order.
STREAM_CHANNELS = ("distance", "lat", "lon", "alt", "hr", "cadence", "speed", "power")


@dataclass(eq=False)
class Stream:
    """The samples of one activity as parallel lists, one entry per recorded point.

    ``t`` is seconds from the activity's start (its ``start_time``, or the first sample when
    the file has no absolute time) and never decreases. Every other channel is either None
    (the file has none of it) or a list as long as ``t`` with None where one sample lacks it.
    ``distance`` is cumulative metres and ends at the activity's distance: the watch's own
    distance field where the file has one, else the GPS distance with glitches left out, as in
    the totals. Units: degrees, metres (altitude), bpm, the file's cadence (rpm: FIT and TCX
    count one foot), m/s, W.
    """

    t: list[float]
    distance: list[float | None] | None = None
    lat: list[float | None] | None = None
    lon: list[float | None] | None = None
    alt: list[float | None] | None = None
    hr: list[int | None] | None = None
    cadence: list[int | None] | None = None
    speed: list[float | None] | None = None
    power: list[int | None] | None = None
    # How pauses show: with a watch's timer (FIT, TCX) only gaps over PAUSE_GAP_S are pauses;
    # in a GPX file standing still (slower than STOP_SPEED_MS) is too, as in its moving time.
    stops_count_as_pauses: bool = False
    # Derived series (moving flags, smoothed speeds, work segments), worked out once: the
    # importer asks for each several times. Treat a stream as read-only once analysed.
    derived: dict = field(default_factory=dict, repr=False)

    def __len__(self) -> int:
        return len(self.t)

    def channels(self) -> dict[str, list]:
        """The channels the file has, by name (``t`` not included)."""
        return {
            name: values for name in STREAM_CHANNELS if (values := getattr(self, name)) is not None
        }


MAGIC = b"LSS1"
# Level 6 (the default) is within 0.3 % of level 9 on these arrays and about 8 times faster.
ZLIB_LEVEL = 6
SCALES = {
    "t": 10,
    "distance": 10,
    "lat": 1_000_000,
    "lon": 1_000_000,
    "alt": 10,
    "hr": 1,
    "cadence": 1,
    "speed": 100,
    "power": 1,
}
# Channels that are whole numbers when unpacked.
INTEGER_CHANNELS = {"hr", "cadence", "power"}
_TYPECODES = (("b", 1 << 7), ("h", 1 << 15), ("i", 1 << 31), ("q", 1 << 63))

MILE_M = 1609.344


# --------------------------------------------------------------------------------------------
# Packing
# --------------------------------------------------------------------------------------------


def _quantise(values: list, scale: int) -> tuple[list[int], list[int]]:
    """Integers with gaps filled forward, and the run lengths of present/missing samples
    (starting with a present run, which may be 0 long)."""
    if None not in values:
        return [round(v * scale) for v in values], []
    out: list[int] = []
    runs: list[int] = []
    present = True
    run = 0
    last = next((v for v in values if v is not None), 0)
    last = round(last * scale)
    for v in values:
        if (v is not None) != present:
            runs.append(run)
            present = not present
            run = 0
        run += 1
        if v is not None:
            last = round(v * scale)
        out.append(last)
    runs.append(run)
    return out, runs if len(runs) > 1 else []


def _shuffle(data: bytes, width: int) -> bytes:
    if width == 1:
        return data
    return b"".join(data[i::width] for i in range(width))


def _unshuffle(data: bytes, width: int) -> bytes:
    if width == 1:
        return data
    out = bytearray(len(data))
    step = len(data) // width
    for i in range(width):
        out[i::width] = data[i * step : (i + 1) * step]
    return bytes(out)


def pack(stream: Stream) -> bytes:
    """The stream as compact bytes (see the module docstring)."""
    header: dict = {"n": len(stream.t), "stops": stream.stops_count_as_pauses, "channels": []}
    blobs: list[bytes] = []
    named = [("t", stream.t), *stream.channels().items()]
    for name, values in named:
        ints, missing_runs = _quantise(values, SCALES[name])
        deltas = list(map(operator.sub, ints[1:], ints))
        widest = max(max(deltas, default=0), -min(deltas, default=0))
        typecode = next(code for code, limit in _TYPECODES if widest < limit)
        raw = array(typecode, deltas)
        blob = _shuffle(raw.tobytes(), raw.itemsize)
        header["channels"].append(
            {
                "name": name,
                "first": ints[0] if ints else 0,
                "type": typecode,
                "bytes": len(blob),
                "missing": missing_runs,
            }
        )
        blobs.append(blob)
    head = json.dumps(header, separators=(",", ":")).encode()
    payload = struct.pack("<I", len(head)) + head + b"".join(blobs)
    return MAGIC + zlib.compress(payload, ZLIB_LEVEL)


def unpack(data: bytes) -> Stream:
    """The Stream that ``pack`` stored; values come back at the storage precision."""
    if not data.startswith(MAGIC):
        raise ValueError("Not a packed stream.")
    payload = zlib.decompress(data[len(MAGIC) :])
    (head_len,) = struct.unpack_from("<I", payload)
    header = json.loads(payload[4 : 4 + head_len])
    offset = 4 + head_len
    channels: dict[str, list] = {}
    for spec in header["channels"]:
        raw = array(spec["type"])
        size = spec["bytes"]
        raw.frombytes(_unshuffle(payload[offset : offset + size], raw.itemsize))
        offset += size
        ints = itertools.accumulate(raw, initial=spec["first"])
        scale = SCALES[spec["name"]]
        if spec["name"] in INTEGER_CHANNELS:
            values: list = list(ints)
        else:
            values = [v / scale for v in ints]
        if spec["missing"]:
            values = _blank_missing(values, spec["missing"])
        channels[spec["name"]] = values
    t = channels.pop("t")
    return Stream(t=t, stops_count_as_pauses=header["stops"], **channels)


def _blank_missing(values: list, runs: list[int]) -> list:
    out = []
    position = 0
    for i, run in enumerate(runs):
        if i % 2 == 0:
            out.extend(values[position : position + run])
        else:
            out.extend([None] * run)
        position += run
    return out


# --------------------------------------------------------------------------------------------
# Moving time and splits
# --------------------------------------------------------------------------------------------


def moving_flags(stream: Stream) -> list[bool]:
    """For each sample, whether the interval that ends there was moving (the first is False).

    The same rule as the file's moving time: a gap over PAUSE_GAP_S is a pause; in files
    without a timer (GPX) so is an interval slower than STOP_SPEED_MS.
    """
    key = ("moving", stream.stops_count_as_pauses, len(stream.t))
    if key in stream.derived:
        return stream.derived[key]
    t = stream.t
    d = stream.distance
    flags = [False]
    for i in range(1, len(t)):
        dt = t[i] - t[i - 1]
        moving = 0 < dt <= PAUSE_GAP_S
        if moving and stream.stops_count_as_pauses and d is not None:
            a, b = d[i - 1], d[i]
            moving = a is not None and b is not None and (b - a) / dt >= STOP_SPEED_MS
        flags.append(moving)
    stream.derived[key] = flags
    return flags


def moving_seconds(stream: Stream) -> float:
    t = stream.t
    return sum(t[i] - t[i - 1] for i, m in enumerate(moving_flags(stream)) if m)


@dataclass(frozen=True)
class Split:
    number: int  # 1, 2, ...
    distance_m: float  # the full unit, less for the last one
    elapsed_s: float
    moving_s: float
    avg_hr_bpm: int | None
    elevation_gain_m: float
    elevation_loss_m: float

    @property
    def pace_s_per_unit(self) -> float | None:
        """Moving-time pace over this split, scaled to a whole unit (km or mile)."""
        if self.distance_m <= 0 or self.moving_s <= 0:
            return None
        return self.moving_s / self.distance_m * self.unit_m

    unit_m: float = 1000.0


def _filled_distance(stream: Stream) -> list[float]:
    out = []
    last = 0.0
    for v in stream.distance or ():
        if v is not None:
            last = max(last, v)
        out.append(last)
    return out


def splits(stream: Stream, unit_m: float = 1000.0) -> list[Split]:
    """Splits per ``unit_m`` (1000 for km, MILE_M for miles) by the stream's distance.

    A split boundary falls inside an interval; its time (and moving time) is shared out in
    proportion to the distance on each side. The last split holds what is left, so the split
    distances add up to the stream's distance exactly.
    """
    if stream.distance is None or len(stream.t) < 2:
        return []
    t = stream.t
    d = _filled_distance(stream)
    moving = moving_flags(stream)
    hr = stream.hr
    alt = stream.alt
    out: list[Split] = []
    acc = {"elapsed": 0.0, "moving": 0.0, "hr": 0.0, "hr_s": 0.0, "up": 0.0, "down": 0.0}
    boundary = unit_m
    start_d = d[0]

    def close(distance: float) -> None:
        out.append(
            Split(
                number=len(out) + 1,
                distance_m=distance,
                elapsed_s=acc["elapsed"],
                moving_s=acc["moving"],
                avg_hr_bpm=round(acc["hr"] / acc["hr_s"]) if acc["hr_s"] else None,
                elevation_gain_m=acc["up"],
                elevation_loss_m=acc["down"],
                unit_m=unit_m,
            )
        )
        for key in acc:
            acc[key] = 0.0

    for i in range(1, len(t)):
        dt = t[i] - t[i - 1]
        a, b = d[i - 1] - start_d, d[i] - start_d
        climb = 0.0
        if alt is not None and alt[i] is not None and alt[i - 1] is not None:
            climb = alt[i] - alt[i - 1]
        beat = hr[i] if hr is not None else None
        position = a
        while True:
            end = min(b, boundary)
            share = (end - position) / (b - a) if b > a else (1.0 if end == b else 0.0)
            acc["elapsed"] += dt * share
            if moving[i]:
                acc["moving"] += dt * share
                if beat is not None:
                    acc["hr"] += beat * dt * share
                    acc["hr_s"] += dt * share
            if climb > 0:
                acc["up"] += climb * share
            else:
                acc["down"] -= climb * share
            position = end
            if b >= boundary:
                close(unit_m)
                boundary += unit_m
                if position >= b:
                    break
            else:
                break
    total = d[-1] - start_d
    remainder = total - unit_m * len(out)
    if remainder > 0.5 or not out:
        close(max(remainder, 0.0))
    return out


# --------------------------------------------------------------------------------------------
# Speed, work segments, hard running by pace
# --------------------------------------------------------------------------------------------


def smoothed_speed(stream: Stream, window_s: float = 30.0) -> list[float | None]:
    """Speed in m/s at each sample over the ``window_s`` ending there (None before a full
    window, or where the window spans a pause)."""
    if stream.distance is None:
        return [None] * len(stream.t)
    key = ("speed", window_s, len(stream.t))
    if key in stream.derived:
        return stream.derived[key]
    t = stream.t
    d = _filled_distance(stream)
    out: list[float | None] = []
    lo = 0
    for i in range(len(t)):
        while t[i] - t[lo] > window_s:
            lo += 1
        span = t[i] - t[lo]
        if lo > 0 and t[i] - t[lo - 1] <= window_s + PAUSE_GAP_S and span < window_s * 0.5:
            span = t[i] - t[lo - 1]
            out.append((d[i] - d[lo - 1]) / span if span > 0 else None)
        elif span >= window_s * 0.5:
            out.append((d[i] - d[lo]) / span)
        else:
            out.append(None)
    stream.derived[key] = out
    return out


@dataclass(frozen=True)
class Segment:
    start: int  # sample index
    end: int  # sample index (inclusive)
    seconds: float
    metres: float

    @property
    def speed_ms(self) -> float:
        return self.metres / self.seconds if self.seconds > 0 else 0.0


# A repeat is a stretch of at least MIN_REPEAT_S clearly faster than the recoveries around it.
# Speed is smoothed over REPEAT_SMOOTHING_S so that GPS noise does not make "repeats"; the
# price is that strides shorter than about 15 s are not seen.
REPEAT_SMOOTHING_S = 15.0
MIN_REPEAT_S = 20.0
# The spread of speeds (90th over 25th percentile) of a session with repeats is at least this;
# steady runs, with hills, crossings and GPS noise, stay below it.
MIN_SPEED_SPREAD = 1.4
# The repeats as a whole must be this much faster than the running between them.
WORK_CONTRAST = 1.5
MIN_REPEATS = 3


def work_segments(stream: Stream) -> list[Segment]:
    """The fast parts of a session with repeats (intervals, sprints, fartlek), else [].

    A stretch starts when the smoothed speed rises above 60 % of the way from the 25th to the
    90th percentile of moving speeds, and ends when it falls below 35 % (hysteresis, so noise
    near one line does not cut a repeat in pieces). It only counts as a session with repeats
    when there are MIN_REPEATS stretches of MIN_REPEAT_S or more, and their average speed is
    WORK_CONTRAST times that of the running between the first and the last.
    """
    key = ("work", stream.stops_count_as_pauses, len(stream.t))
    if key not in stream.derived:
        stream.derived[key] = _work_segments(stream)
    return stream.derived[key]


def _work_segments(stream: Stream) -> list[Segment]:
    speed = smoothed_speed(stream, REPEAT_SMOOTHING_S)
    moving = moving_flags(stream)
    values = sorted(s for s, m in zip(speed, moving, strict=True) if s is not None and m)
    if len(values) < 20:
        return []
    p25 = values[len(values) // 4]
    p90 = values[int(len(values) * 0.9)]
    if p25 <= 0 or p90 < p25 * MIN_SPEED_SPREAD:
        return []
    high = p25 + 0.6 * (p90 - p25)
    low = p25 + 0.35 * (p90 - p25)
    t = stream.t
    d = _filled_distance(stream)
    segments: list[Segment] = []
    start = None
    for i in range(len(t) + 1):
        s = speed[i] if i < len(t) else None
        if start is None:
            if s is not None and moving[i] and s >= high:
                start = i
        elif s is None or not moving[i] or s < low:
            first, end = _trim(t, d, max(start - 1, 0), i - 1, (low + high) / 2)
            seconds = t[end] - t[first]
            if seconds >= MIN_REPEAT_S:
                segments.append(Segment(first, end, seconds, d[end] - d[first]))
            start = None
    if len(segments) < MIN_REPEATS:
        return []
    work_s = sum(seg.seconds for seg in segments)
    work_m = sum(seg.metres for seg in segments)
    first, last = segments[0].start, segments[-1].end
    between_s = between_m = 0.0
    for i in range(first + 1, last + 1):
        if moving[i]:
            between_s += t[i] - t[i - 1]
            between_m += d[i] - d[i - 1]
    between_s -= work_s
    between_m -= work_m
    if between_s <= 0 or between_m <= 0:
        return segments
    if work_m / work_s < WORK_CONTRAST * (between_m / between_s):
        return []
    return segments


def _trim(t: list[float], d: list[float], first: int, end: int, speed: float) -> tuple[int, int]:
    """Fit a stretch found on (trailing) smoothed speed to where the raw speed is at least
    ``speed``: the smoothed speed rises after the repeat starts and falls after it ends."""

    def raw(i: int) -> float:
        dt = t[i] - t[i - 1]
        return (d[i] - d[i - 1]) / dt if dt > 0 else 0.0

    while first > 0 and raw(first) >= speed:  # the smoothed speed rises late
        first -= 1
    while first < end and raw(first + 1) < speed:
        first += 1
    while end > first and raw(end) < speed:
        end -= 1
    return first, end


def best_average_speed(stream: Stream, window_s: float = 1200.0) -> float | None:
    """The fastest average moving speed over ``window_s`` of moving time, in m/s."""
    if stream.distance is None:
        return None
    t = stream.t
    d = _filled_distance(stream)
    moving = moving_flags(stream)
    moving_clock = list(
        itertools.accumulate(
            ((t[i] - t[i - 1]) if moving[i] else 0.0 for i in range(1, len(t))), initial=0.0
        )
    )
    moving_dist = list(
        itertools.accumulate(
            ((d[i] - d[i - 1]) if moving[i] else 0.0 for i in range(1, len(t))), initial=0.0
        )
    )
    if moving_clock[-1] < window_s:
        return None
    best = 0.0
    lo = 0
    for hi in range(len(t)):
        while moving_clock[hi] - moving_clock[lo] > window_s:
            lo += 1
        span = moving_clock[hi] - moving_clock[lo]
        if span >= window_s * 0.95:
            best = max(best, (moving_dist[hi] - moving_dist[lo]) / span)
    return best or None


# Threshold speed from the best 20 minutes: 95 % of it, the same step from a 20-minute best to
# a one-hour (threshold) effort that Allen and Coggan use for power ("Training and Racing with a
# Power Meter", 2010); for runners it sits near critical speed.
THRESHOLD_FROM_20_MIN = 0.95
# Faster than this share of threshold speed is hard running when there is no heart rate: about
# marathon-to-half-marathon effort and up, the pace counterpart of heart-rate zone 4.
HARD_SHARE_OF_THRESHOLD = 0.92


def seconds_at_or_above_speed(stream: Stream, speed_ms: float) -> float:
    """Moving seconds run at ``speed_ms`` or faster (speed smoothed over 30 s)."""
    speed = smoothed_speed(stream, 30.0)
    moving = moving_flags(stream)
    t = stream.t
    return sum(
        t[i] - t[i - 1]
        for i in range(1, len(t))
        if moving[i] and speed[i] is not None and speed[i] >= speed_ms
    )


# --------------------------------------------------------------------------------------------
# Charts
# --------------------------------------------------------------------------------------------


def chart_series(stream: Stream, max_points: int = 400) -> dict:
    """At most ``max_points`` points for the pace, heart-rate and elevation charts.

    Samples are grouped into equal runs of samples; each point is the group's last distance
    (km), its moving-time pace (s per km; None when standing), mean heart rate and altitude.
    """
    n = len(stream.t)
    if n < 2 or stream.distance is None:
        return {"distance_km": [], "pace_s_per_km": [], "hr": [], "alt": []}
    d = _filled_distance(stream)
    t = stream.t
    moving = moving_flags(stream)
    size = max(1, math.ceil(n / max_points))
    out: dict[str, list] = {"distance_km": [], "pace_s_per_km": [], "hr": [], "alt": []}
    # Pace over at least 30 s, so that a 1-second group is not all GPS noise.
    speed = smoothed_speed(stream, 30.0)
    for lo in range(1, n, size):
        hi = min(n, lo + size)
        out["distance_km"].append(round(d[hi - 1] / 1000, 3))
        speeds = [speed[i] for i in range(lo, hi) if moving[i] and speed[i]]
        mean_speed = sum(speeds) / len(speeds) if speeds else 0.0
        out["pace_s_per_km"].append(
            round(1000 / mean_speed) if mean_speed > STOP_SPEED_MS * 2 else None
        )
        for name in ("hr", "alt"):
            channel = getattr(stream, name)
            values = [channel[i] for i in range(lo, hi) if channel and channel[i] is not None]
            out[name].append(round(sum(values) / len(values), 1) if values else None)
    del t
    return out


# --------------------------------------------------------------------------------------------
# The route as SVG
# --------------------------------------------------------------------------------------------


def route_svg(
    stream: Stream, width: int = 400, height: int = 300, max_points: int = 600
) -> dict | None:
    """The route projected into a ``width``×``height`` box, for an SVG polyline.

    Equirectangular projection around the route's mean latitude (exact enough over a run's few
    kilometres), north up, aspect kept, 10 px margin. Returns the viewBox, one "x,y x,y ..."
    string per stretch with positions (a stretch without fixes breaks the line), and the start
    and finish points; None without positions.
    """
    if stream.lat is None or stream.lon is None:
        return None
    points = [
        (lat, lon) for lat, lon in zip(stream.lat, stream.lon, strict=True) if lat is not None
    ]
    if len(points) < 2:
        return None
    mean_lat = math.radians(sum(p[0] for p in points) / len(points))
    kx = math.cos(mean_lat)
    xs = [lon * kx for _, lon in points]
    ys = [-lat for lat, _ in points]
    min_x, max_x, min_y, max_y = min(xs), max(xs), min(ys), max(ys)
    margin = 10
    span = max(max_x - min_x, max_y - min_y) or 1e-9
    scale = min(
        (width - 2 * margin) / (max_x - min_x or span),
        (height - 2 * margin) / (max_y - min_y or span),
    )
    off_x = (width - (max_x - min_x) * scale) / 2
    off_y = (height - (max_y - min_y) * scale) / 2

    def project(lat: float, lon: float) -> tuple[float, float]:
        return (
            round(off_x + (lon * kx - min_x) * scale, 1),
            round(off_y + (-lat - min_y) * scale, 1),
        )

    step = max(1, math.ceil(len(stream.t) / max_points))
    lines: list[list[tuple[float, float]]] = [[]]
    for i, (lat, lon) in enumerate(zip(stream.lat, stream.lon, strict=True)):
        if lat is None or lon is None:
            if lines[-1]:
                lines.append([])
            continue
        if i % step == 0 or i == len(stream.t) - 1 or not lines[-1]:
            lines[-1].append(project(lat, lon))
    lines = [line for line in lines if len(line) >= 2]
    if not lines:
        return None
    return {
        "view_box": f"0 0 {width} {height}",
        "width": width,
        "height": height,
        "polylines": [" ".join(f"{x},{y}" for x, y in line) for line in lines],
        "start": project(*points[0]),
        "finish": project(*points[-1]),
    }


# --------------------------------------------------------------------------------------------
# Run type from the stream's structure
# --------------------------------------------------------------------------------------------

LONG_RUN_S = 90 * 60  # 90 minutes moving: the usual line for a long run
# Hills: climbing that sets the run apart: at least this much per km and in all, or repeats.
HILLY_M_PER_KM = 20.0
HILLY_MIN_GAIN_M = 100.0
HILL_REPEAT_MIN_M = 15.0
HILL_REPEATS = 3
# Repeats this short (median) are sprints, not intervals.
SPRINT_MAX_S = 30.0
TEMPO_MIN_S = 20 * 60
TEMPO_MIN_SHARE = 0.5


def _climbs(stream: Stream, threshold_m: float = 3.0) -> list[float]:
    """Each uninterrupted climb's height (descents under threshold_m do not end a climb)."""
    climbs: list[float] = []
    if stream.alt is None:
        return climbs
    low = high = None
    for v in stream.alt:
        if v is None:
            continue
        if low is None:
            low = high = v
        elif v > high:
            high = v
        elif high - v >= threshold_m:
            if high - low >= threshold_m:
                climbs.append(high - low)
            low = high = v
        elif v < low:
            low = high = v
    if low is not None and high - low >= threshold_m:
        climbs.append(high - low)
    return climbs


def _minutes(seconds: float) -> str:
    minutes = round(seconds / 60)
    return f"{minutes // 60} h {minutes % 60:02d} min" if minutes >= 60 else f"{minutes} min"


def suggest_run_type(
    stream: Stream,
    *,
    hard_hr_bpm: int | None = None,
    threshold_speed_ms: float | None = None,
) -> tuple[str, str]:
    """A run type (a Run.RunType value) and the reason, from how the run went.

    In order: repeats of fast running with slower recoveries → sprints (median repeat of
    SPRINT_MAX_S or less) or intervals; 90 minutes or more moving → long; repeated or
    sustained climbing → hills; at least 20 minutes and half the run at or above
    ``hard_hr_bpm`` (the start of zone 3), or at HARD_SHARE_OF_THRESHOLD of threshold speed
    without heart rate → tempo; otherwise easy.
    """
    moving = moving_flags(stream)
    t = stream.t
    moving_s = sum(t[i] - t[i - 1] for i in range(1, len(t)) if moving[i])
    repeats = work_segments(stream)
    if repeats:
        typical = statistics.median(r.seconds for r in repeats)
        kind = "sprints" if typical <= SPRINT_MAX_S else "intervals"
        pace = sum(r.seconds for r in repeats) / max(sum(r.metres for r in repeats), 1) * 1000
        return kind, (
            f"{len(repeats)} fast repeats of about {round(typical)} s "
            f"(averaging {int(pace // 60)}:{round(pace % 60):02d} /km) with slower running "
            "between them."
        )
    if moving_s >= LONG_RUN_S:
        return "long", f"{_minutes(moving_s)} of moving time (90 min or more)."
    climbs = _climbs(stream)
    distance_km = (_filled_distance(stream)[-1] / 1000) if stream.distance else 0.0
    gain = sum(climbs)
    big = [c for c in climbs if c >= HILL_REPEAT_MIN_M]
    if len(big) >= HILL_REPEATS:
        return (
            "hills",
            f"{len(big)} climbs of {HILL_REPEAT_MIN_M:.0f} m or more ({gain:.0f} m in all).",
        )
    if distance_km > 0 and gain >= HILLY_MIN_GAIN_M and gain / distance_km >= HILLY_M_PER_KM:
        return "hills", f"{gain:.0f} m of climbing ({gain / distance_km:.0f} m per km)."
    if moving_s > 0:
        hard_s = 0.0
        how = ""
        if hard_hr_bpm is not None and stream.hr is not None:
            hr = stream.hr
            hard_s = sum(
                t[i] - t[i - 1]
                for i in range(1, len(t))
                if moving[i] and hr[i] is not None and hr[i] >= hard_hr_bpm
            )
            how = f"at {hard_hr_bpm} bpm or more (zone 3 and up)"
        elif threshold_speed_ms:
            hard_s = seconds_at_or_above_speed(stream, threshold_speed_ms * HARD_SHARE_OF_THRESHOLD)
            how = "near your threshold pace"
        if hard_s >= TEMPO_MIN_S and hard_s >= TEMPO_MIN_SHARE * moving_s:
            return "tempo", f"{_minutes(hard_s)} of {_minutes(moving_s)} {how}."
    return "easy", "Steady running without repeats, long climbs or a sustained hard stretch."
