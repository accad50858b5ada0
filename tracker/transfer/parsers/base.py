"""Shared pieces of the watch-file importers: result types, the error, sport names and safe
XML. The arithmetic on recorded points (distance, glitches, times, the Stream) is in tracks.py.

Pure Python on purpose: nothing here knows about Django, the database or a request.

Thresholds here (each one is a decision; the reason is next to the constant): ``SPLIT_GAP_S``,
points more than 2 h apart belong to different activities, and the plausible heart rates. The
glitch, climb, pause and standing-still thresholds are with the arithmetic, in tracks.py.
"""

from __future__ import annotations

import functools
import re
import xml.etree.ElementTree as StdET  # only for documents without declarations; see below
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import PurePosixPath

import defusedxml
import defusedxml.ElementTree as SafeET

from tracker.streams import Stream

# Points (tracks, segments) more than this far apart in time are separate activities: the 3-day
# hiking file has overnight gaps, and one history file keeps recording until the next day.
SPLIT_GAP_S = 2 * 3600.0

# Heart-rate readings outside this range are sensor dropouts or garbage.
HR_MIN_BPM = 1
HR_MAX_BPM = 250


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


def format_km(metres: float) -> str:
    return f"{metres / 1000:.1f} km"


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
