"""FIT files (Garmin and most watches; Strava and other apps write them too), read with fitdecode.

The watch's own totals are used whenever they are present: each *session* message gives one
activity (a multisport file has several sessions: run, transition, ride...), with
total_distance, total_elapsed_time, total_timer_time, total_ascent and average/maximum heart
rate. A field the session lacks is computed from the session's *record* messages (one record per
second or so). A file of type "weight" gives weight-scale readings instead.

Damaged files are read as far as possible. If a session summary (or a whole first file of a
chain of FIT files) could be read, it is imported with a note saying the file is damaged;
otherwise the file is refused with a message naming the damage. The file CRC is checked here
(fitdecode's own check is switched off because it is slower); a bad CRC on otherwise complete
data is imported with a note.

Length (about 600 lines): one format's reader, with each FIT oddity handled next to the
reason for it; split by message type only if it grows.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import datetime

import fitdecode

from tracker.streams import PAUSE_GAP_S

from .base import (
    HR_MAX_BPM,
    HR_MIN_BPM,
    ActivityFileError,
    ParsedActivity,
    ParsedFile,
    ParsedLap,
    ParsedWeight,
    display_name,
    from_timestamp,
    to_utc,
)
from .tracks import (
    Point,
    elevation_gain,
    hr_stats,
    stream_from_points,
    summarise_points,
)

SEMICIRCLE_DEG = 180.0 / 2**31
# A session whose start_time is this far from its first record, while the first record agrees
# with (end - total_elapsed_time), has a wrong start time: the first session of the multisport
# sample is 45 minutes off. The records' start is used then.
START_MISMATCH_S = 60.0

FIT_SPORTS = {
    "running": "running",
    "cycling": "cycling",
    "e_biking": "cycling",
    "walking": "walking",
    "hiking": "hiking",
    "mountaineering": "hiking",
    "swimming": "swimming",
    "transition": "transition",
    "generic": "unknown",
    "all": "unknown",
    "multisport": "unknown",
}

_RECORD_FIELDS = {
    "timestamp",
    "distance",
    "heart_rate",
    "position_lat",
    "position_long",
    "enhanced_altitude",
    "altitude",
    "cadence",
    "enhanced_speed",
    "speed",
    "power",
}
_SUMMARY_FIELDS = {
    "timestamp",
    "start_time",
    "total_elapsed_time",
    "total_timer_time",
    "total_distance",
    "total_ascent",
    "avg_heart_rate",
    "max_heart_rate",
    "sport",
    "start_position_lat",
    "nec_lat",
}

_FILE_TYPES = {
    "course": "a course (a planned route)",
    "settings": "device settings",
    "device": "device information",
    "sport": "sport settings",
    "workout": "a planned workout",
    "schedules": "a training schedule",
    "totals": "lifetime totals",
    "goals": "goals",
    "blood_pressure": "blood-pressure readings",
    "monitoring_a": "all-day monitoring data",
    "monitoring_b": "all-day monitoring data",
    "monitoring_daily": "all-day monitoring data",
    "activity_summary": "an activity summary",
    "segment": "a segment",
    "segment_list": "a segment list",
}


@dataclass
class _Record:
    t: float | None
    distance: float | None
    hr: int | None
    lat: float | None
    lon: float | None
    alt: float | None
    cadence: int | None = None
    speed: float | None = None
    power: int | None = None


@dataclass
class _FitFile:
    file_type: object = None
    sessions: list[dict] = field(default_factory=list)
    laps: list[dict] = field(default_factory=list)
    records: list[_Record] = field(default_factory=list)
    weights: list[ParsedWeight] = field(default_factory=list)
    sport: object = None
    complete: bool = False  # its CRC footer was reached
    records_at_last_session: int = 0


# --------------------------------------------------------------------------------------------
# Reading
# --------------------------------------------------------------------------------------------

_CRC_TABLE = []
for _i in range(256):
    _c = _i
    for _ in range(8):
        _c = (_c >> 1) ^ 0xA001 if _c & 1 else _c >> 1
    _CRC_TABLE.append(_c)
del _i, _c


def _crc16(data: bytes) -> int:
    """FIT's CRC-16 (CRC-16/ARC), byte-table version (about 7x faster than fitdecode's)."""
    crc = 0
    table = _CRC_TABLE
    for byte in data:
        crc = (crc >> 8) ^ table[(crc ^ byte) & 0xFF]
    return crc


def _crc_results(data: bytes) -> list[bool | None]:
    """For each chained FIT file: True/False = CRC (mis)match, None = file cut short."""
    results: list[bool | None] = []
    offset = 0
    while offset + 12 <= len(data) and data[offset + 8 : offset + 12] == b".FIT":
        header_size = data[offset]
        body_size = int.from_bytes(data[offset + 4 : offset + 8], "little")
        if header_size < 12:
            break
        end = offset + header_size + body_size
        if end + 2 > len(data):
            results.append(None)
            break
        stored = int.from_bytes(data[end : end + 2], "little")
        results.append(_crc16(memoryview(data)[offset:end]) == stored)
        offset = end + 2
    return results


# FIT times count from 1989-12-31 UTC; values below 0x10000000 are device-relative "system
# time" (seconds since the watch was switched on), which fitdecode leaves as plain integers.
FIT_EPOCH_UNIX = 631_065_600
FIRST_ABSOLUTE_UNIX = FIT_EPOCH_UNIX + 0x10000000


def _is_absolute(t: float | None) -> bool:
    return t is not None and t >= FIRST_ABSOLUTE_UNIX


def _time(value) -> float | None:
    if isinstance(value, datetime):
        return to_utc(value).timestamp()
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)  # device-relative seconds (FIT "system time")
    return None


def _values(frame, wanted: set[str]) -> dict:
    out = {}
    for f in frame.fields:
        name = f.name
        if name in wanted and name not in out and f.value is not None:
            field_def = f.field_def
            if field_def is not None and field_def.is_dev:
                continue  # developer fields may reuse standard names
            out[name] = f.value
    return out


def _number(value) -> float | None:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    return None


def _read(data: bytes) -> tuple[list[_FitFile], Exception | None]:
    files: list[_FitFile] = []
    current: _FitFile | None = None
    error: Exception | None = None
    try:
        with fitdecode.FitReader(
            io.BytesIO(data),
            check_crc=fitdecode.CrcCheck.DISABLED,
            error_handling=fitdecode.ErrorHandling.IGNORE,
        ) as reader:
            for frame in reader:
                if isinstance(frame, fitdecode.FitHeader):
                    current = _FitFile()
                    files.append(current)
                elif current is None:
                    continue
                elif isinstance(frame, fitdecode.FitCRC):
                    current.complete = True
                elif isinstance(frame, fitdecode.FitDataMessage):
                    _take(current, frame)
    except Exception as exc:  # every fitdecode failure (and struct/KeyError on bad bytes)
        error = exc
    return files, error


def _take(f: _FitFile, frame) -> None:
    name = frame.name
    if name == "record":
        v = _values(frame, _RECORD_FIELDS)
        ts = v.get("timestamp")
        lat = _number(v.get("position_lat"))
        lon = _number(v.get("position_long"))
        alt = _number(v.get("enhanced_altitude"))
        if alt is None:
            alt = _number(v.get("altitude"))
        hr = _number(v.get("heart_rate"))
        speed = _number(v.get("enhanced_speed"))
        if speed is None:
            speed = _number(v.get("speed"))
        cadence = _number(v.get("cadence"))
        power = _number(v.get("power"))
        f.records.append(
            _Record(
                t=_time(ts),
                distance=_number(v.get("distance")),
                hr=int(hr) if hr is not None else None,
                lat=lat * SEMICIRCLE_DEG if lat is not None and lon is not None else None,
                lon=lon * SEMICIRCLE_DEG if lat is not None and lon is not None else None,
                alt=alt,
                cadence=int(cadence) if cadence is not None else None,
                speed=speed,
                power=int(power) if power is not None else None,
            )
        )
    elif name == "session":
        f.sessions.append(_values(frame, _SUMMARY_FIELDS))
        f.records_at_last_session = len(f.records)
    elif name == "lap":
        f.laps.append(_values(frame, _SUMMARY_FIELDS))
    elif name == "file_id":
        f.file_type = _values(frame, {"type"}).get("type")
    elif name == "sport":
        f.sport = _values(frame, {"sport"}).get("sport")
    elif name == "weight_scale":
        v = _values(frame, {"timestamp", "weight", "percent_fat"})
        weight = _number(v.get("weight"))
        if weight is not None and weight > 0:
            ts = v.get("timestamp")
            fat = _number(v.get("percent_fat"))
            f.weights.append(
                ParsedWeight(
                    measured_at=to_utc(ts) if isinstance(ts, datetime) else None,
                    weight_kg=round(weight, 2),
                    body_fat_pct=round(fat, 2) if fat is not None and 0 < fat < 100 else None,
                )
            )


# --------------------------------------------------------------------------------------------
# Turning messages into activities
# --------------------------------------------------------------------------------------------


def fit_sport(value) -> str:
    if value is None:
        return "unknown"
    if not isinstance(value, str):
        return "other"  # a sport number newer than the FIT profile fitdecode knows
    return FIT_SPORTS.get(value, "other")


def _hr(value) -> int | None:
    v = _number(value)
    if v is None or not (HR_MIN_BPM <= v <= HR_MAX_BPM):
        return None
    return int(round(v))


def _session_end(s: dict) -> float | None:
    end = _time(s.get("timestamp"))
    if end is None:
        start = _time(s.get("start_time"))
        elapsed = _number(s.get("total_elapsed_time"))
        if start is not None and elapsed is not None:
            end = start + elapsed
    return end


def _moving_from_records(records: list[_Record]) -> float:
    total = 0.0
    prev = None
    for r in records:
        if r.t is None:
            continue
        if prev is not None and 0 < r.t - prev <= PAUSE_GAP_S:
            total += r.t - prev
        prev = r.t
    return total


def _activity(
    s: dict,
    records: list[_Record],
    laps: list[dict],
    records_trusted: bool,
    sport_fallback,
    label: str,
    notes: list[str],
) -> ParsedActivity:
    sport = fit_sport(s.get("sport") if s.get("sport") is not None else sport_fallback)
    rec_times = [r.t for r in records if r.t is not None]
    end = _session_end(s)
    start = _time(s.get("start_time"))
    elapsed = _number(s.get("total_elapsed_time"))
    if start is not None and rec_times and end is not None and elapsed is not None:
        # Two sources must agree against the stored start_time before it is replaced: the
        # first record, and the end minus the elapsed time.
        first = rec_times[0]
        if (
            abs(start - first) > START_MISMATCH_S
            and abs(first - (end - elapsed)) <= START_MISMATCH_S
        ):
            start = first
            notes.append(
                f"{label}: the start time stored in the file did not match its own records; "
                "the records' start time was used."
            )
    if start is None and rec_times:
        start = rec_times[0]
    if end is None and rec_times:
        end = rec_times[-1]
    if elapsed is None:
        elapsed = (end - start) if start is not None and end is not None else 0.0

    distance = _number(s.get("total_distance"))
    if distance is None and records_trusted:
        dists = [r.distance for r in records if r.distance is not None]
        if dists and max(dists) > 0:
            distance = max(dists) - min(dists)
        else:  # no distance field at all: measure along the GPS positions
            distance = summarise_points([_points(records)], sport).distance_m
    moving = _number(s.get("total_timer_time"))
    if moving is None:
        moving = _moving_from_records(records) if records_trusted and records else elapsed

    ascent = _number(s.get("total_ascent"))
    if ascent is None and records_trusted:
        alts = [r.alt for r in records if r.alt is not None]
        ascent = round(elevation_gain(alts), 1) if alts else None

    rec_avg, rec_max = hr_stats([(r.t, r.hr) for r in records]) if records_trusted else (None, None)
    avg_hr = _hr(s.get("avg_heart_rate"))
    max_hr = _hr(s.get("max_heart_rate"))
    if avg_hr is None:
        avg_hr = rec_avg
    if max_hr is None:
        max_hr = rec_max

    if start is not None and not _is_absolute(start):
        notes.append(
            f"{label} has no absolute start time (the watch's clock was not set), so its start "
            "time is unknown."
        )
    has_gps = any(r.lat is not None for r in records) or (
        s.get("start_position_lat") is not None or s.get("nec_lat") is not None
    )
    return ParsedActivity(
        sport=sport,
        start_time=from_timestamp(start) if _is_absolute(start) else None,
        distance_m=float(distance or 0.0),
        elapsed_s=float(elapsed),
        moving_s=float(min(moving, elapsed) if elapsed else moving),
        elevation_gain_m=ascent,
        avg_hr_bpm=avg_hr,
        max_hr_bpm=max_hr,
        has_gps=has_gps,
        name="",
        source_format="fit",
        stream=stream_from_points([_points(records)], sport, start) if records_trusted else None,
        laps=_parsed_laps(laps, start) if start is not None else (),
    )


def _points(records: list[_Record]) -> list[Point]:
    return [
        Point(
            r.lat,
            r.lon,
            r.t,
            r.alt,
            r.hr,
            distance=r.distance,
            cadence=r.cadence,
            speed=r.speed,
            power=r.power,
        )
        for r in records
    ]


def _parsed_laps(laps: list[dict], start: float) -> tuple[ParsedLap, ...]:
    out = []
    for lap in laps:
        lap_start = _time(lap.get("start_time"))
        elapsed = _number(lap.get("total_elapsed_time"))
        if lap_start is None or elapsed is None:
            return ()
        timer = _number(lap.get("total_timer_time"))
        out.append(
            ParsedLap(
                start_s=lap_start - start,
                elapsed_s=elapsed,
                moving_s=timer if timer is not None else elapsed,
                distance_m=_number(lap.get("total_distance")) or 0.0,
                avg_hr_bpm=_hr(lap.get("avg_heart_rate")),
                max_hr_bpm=_hr(lap.get("max_heart_rate")),
            )
        )
    return tuple(out)


def _split_laps(sessions: list[dict], laps: list[dict]) -> list[list[dict]]:
    """Each session's laps: those that start within it (a lap message has its own start)."""
    if len(sessions) == 1:
        return [laps]
    out: list[list[dict]] = [[] for _ in sessions]
    for lap in laps:
        lap_start = _time(lap.get("start_time"))
        if lap_start is None:
            continue
        for i, s in enumerate(sessions):
            end = _session_end(s)
            begin = end - (_number(s.get("total_elapsed_time")) or 0.0) if end else None
            if begin is not None and begin - 1 <= lap_start < end:
                out[i].append(lap)
                break
    return out


def _split_records(sessions: list[dict], records: list[_Record]) -> list[list[_Record]]:
    """The records of each session: those after the previous session's end, up to its own."""
    if len(sessions) == 1:
        return [records]
    ends = [_session_end(s) for s in sessions]
    out: list[list[_Record]] = [[] for _ in sessions]
    order = sorted(range(len(sessions)), key=lambda i: (ends[i] is None, ends[i] or 0.0))
    for r in records:
        if r.t is None:
            continue
        for i in order:
            if ends[i] is not None and r.t <= ends[i]:
                out[i].append(r)
                break
    return out


def _file_activities(f: _FitFile, trusted: bool, name: str, notes: list[str]) -> list:
    sessions = [s for s in f.sessions if s]
    if not sessions:
        if not trusted or not (f.laps or f.records):
            return []
        # A complete file without a session message (some third-party writers): one activity
        # from the laps' totals when they have them, else from the records.
        sessions = [_merge_laps(f.laps)] if f.laps else [{}]
    per_session = _split_records(sessions, f.records)
    laps_per_session = _split_laps(sessions, f.laps)
    multi = len(sessions) > 1
    activities = []
    for i, (s, records, laps) in enumerate(
        zip(sessions, per_session, laps_per_session, strict=True)
    ):
        label = f"{name} (session {i + 1})" if multi else name
        activities.append(_activity(s, records, laps, trusted, f.sport, label, notes))
    return activities


def _merge_laps(laps: list[dict]) -> dict:
    """A session-like summary of a file that has laps but no session message."""
    merged: dict = {}
    if laps[0].get("start_time") is not None:
        merged["start_time"] = laps[0]["start_time"]
    if laps[-1].get("timestamp") is not None:
        merged["timestamp"] = laps[-1]["timestamp"]
    for key in ("total_elapsed_time", "total_timer_time", "total_distance", "total_ascent"):
        values = [_number(lap.get(key)) for lap in laps]
        if values and all(v is not None for v in values):
            merged[key] = sum(values)
    for lap in laps:
        if lap.get("sport") is not None:
            merged["sport"] = lap["sport"]
            break
    return merged


def _damage(error: Exception | None, crc_ok: list[bool | None]) -> str | None:
    if isinstance(error, fitdecode.FitEOFError):
        return "it ends early"
    if error is not None:
        return "part of its data is corrupt"
    if crc_ok and crc_ok[-1] is None:
        return "it ends early"
    if any(ok is False for ok in crc_ok):
        return "its checksum does not match its contents"
    return None


def parse(filename: str, data: bytes) -> ParsedFile:
    name = display_name(filename)
    files, error = _read(data)
    crc_ok = _crc_results(data)
    result = ParsedFile()

    if not files:
        raise ActivityFileError(f"{name} is not a valid FIT file (its header is damaged).")

    # A chain (several FIT files back to back) whose later file is broken: keep the intact
    # files before it.
    broken_chain = (
        error is not None
        and files[0].complete
        and bool(crc_ok)
        and crc_ok[0] is True
        and (isinstance(error, fitdecode.FitHeaderError) or not files[-1].complete)
    )
    damage = _damage(error, crc_ok)

    for f in files:
        if broken_chain and not f.complete:
            continue
        if isinstance(f.file_type, str) and f.file_type in _FILE_TYPES:
            # A course or a workout has records and laps too, but they are a plan, not a
            # recording: read as one, a course became a run lasting 477515 hours.
            continue
        # Records can be trusted when the file was read to its end, or when nothing was lost
        # after the last session message (the usual layout: records, laps, session, activity).
        trusted = f.complete or (bool(f.sessions) and f.records_at_last_session == len(f.records))
        result.activities.extend(_file_activities(f, trusted, name, result.notes))
        result.weights.extend(f.weights)

    if not result.activities and not result.weights:
        kind = files[0].file_type
        if isinstance(kind, str) and kind in _FILE_TYPES:
            # Said first: what the file is matters more than whether it is also damaged.
            raise ActivityFileError(
                f"{name} holds {_FILE_TYPES[kind]}, not a recorded activity or weight readings."
            )
        if broken_chain:
            damage = "a second file chained after the first is corrupt"
        if damage:
            raise ActivityFileError(f"{name} is damaged ({damage}) and holds no readable activity.")
        raise ActivityFileError(f"{name} holds no recorded activity or weight readings.")

    if broken_chain:
        result.notes.append(
            f"{name}: a damaged second file chained after the first one was ignored."
        )
    elif damage == "its checksum does not match its contents":
        result.notes.append(
            f"{name}: the file's checksum does not match its contents, so it may be damaged; "
            "its data looked complete, so it was read."
        )
    elif damage:
        result.notes.append(f"{name} is damaged ({damage}); the summary it holds was used.")

    if len(result.activities) > 1:
        sports = ", ".join(a.sport for a in result.activities)
        result.notes.append(f"{name} holds {len(result.activities)} sessions ({sports}).")
    return result
