"""Heart-rate zones, time in zone, heart-rate training load (TRIMP) and a maximum heart rate
estimated from recordings.

Pure Python, no Django: streams (tracker/streams.py) and numbers in.

Zones. Five zones with lower bounds at 50, 60, 70, 80 and 90 % (``ZONE_PERCENTS``):

* of heart-rate reserve when both resting and maximum heart rate are known (the Karvonen
  method: bound = resting + share × (max − resting); Karvonen, Kentala and Mustala 1957, "The
  effects of training on heart rate; a longitudinal study", Ann Med Exp Biol Fenn 35:307-315);
* else of maximum heart rate (Edwards' five zones, "The Heart Rate Monitor Book", 1993).

Time below the bottom of zone 1 is counted in zone 1, so that the zones add up to the time
with heart rate. Hard running is zone 4 and up (80 % and more): around and above the
lactate threshold, the running that builds rather than keeps legs lean.

Load. Banister's TRIMP (Banister 1991, "Modeling elite athletic performance", in Physiological
Testing of the High-Performance Athlete, pp. 403-424): for each moving minute,
``minutes × HRr × 0.64 × e^(k × HRr)`` with HRr = (HR − resting) / (max − resting), k = 1.92
for men, 1.67 for women and their mean 1.795 when the profile gives no sex. It is put on the
scale of the tracker's session load (perceived effort 1-10 × minutes, Foster et al. 2001)
by a factor: the median of (effort × minutes) / TRIMP over the runner's own runs that have both,
once there are ``MIN_RUNS_TO_LEARN`` of them, else ``DEFAULT_LOAD_PER_TRIMP``.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable
from dataclasses import dataclass

from tracker.streams import Stream, moving_flags

ZONE_PERCENTS = (50, 60, 70, 80, 90)
ZONE_NAMES = ("Recovery", "Easy", "Moderate", "Threshold", "Maximum")
HARD_ZONE = 4  # zone 4 and up is hard running

BANISTER_K = {"male": 1.92, "female": 1.67}
BANISTER_K_NEUTRAL = (1.92 + 1.67) / 2
# Without a resting heart rate TRIMP takes 60 bpm, the conventional adult figure; a runner's
# true value is often lower, which would raise TRIMP a little (about 5 % at 50 bpm).
DEFAULT_RESTING_HR = 60

# (effort × minutes) per TRIMP unit before a runner has runs with both. Worked from two
# typical sessions with k = 1.92, rest 60, max 190: an easy hour at 60 % HRR (138 bpm) is
# TRIMP 73 and effort 3 × 60 = 180 (2.47); a 30-minute tempo at 85 % HRR (171 bpm) is TRIMP
# 83 and effort 7 × 30 = 210 (2.52).
DEFAULT_LOAD_PER_TRIMP = 2.5
MIN_RUNS_TO_LEARN = 3

# A maximum is read from the highest 30-second average, so a one-second spike (a strap's
# static, a cadence lock) does not count; the true peak is typically 1-3 bpm above it.
MAX_HR_WINDOW_S = 30.0


@dataclass(frozen=True)
class Zones:
    """Five heart-rate zones: ``lower_bpm[i]`` is where zone i + 1 starts."""

    lower_bpm: tuple[int, int, int, int, int]
    method: str  # "reserve" (Karvonen), "max" (% of maximum) or "custom"
    max_hr: int
    resting_hr: int | None = None

    def zone_of(self, bpm: float) -> int:
        """1-5; below zone 1 counts as zone 1."""
        zone = 1
        for i, low in enumerate(self.lower_bpm):
            if bpm >= low:
                zone = i + 1
        return zone

    def ranges(self) -> list[tuple[int, str, int, int]]:
        """(zone, name, from bpm, to bpm) for display; zone 5 runs to the maximum."""
        highs = [low - 1 for low in self.lower_bpm[1:]] + [self.max_hr]
        return [
            (i + 1, ZONE_NAMES[i], low, high)
            for i, (low, high) in enumerate(zip(self.lower_bpm, highs, strict=True))
        ]

    @property
    def hard_from_bpm(self) -> int:
        return self.lower_bpm[HARD_ZONE - 1]


def zones_for(max_hr: int, resting_hr: int | None = None) -> Zones:
    """The five zones from a maximum (and, when known, resting) heart rate."""
    if resting_hr is not None and 0 < resting_hr < max_hr:
        reserve = max_hr - resting_hr
        bounds = tuple(round(resting_hr + p / 100 * reserve) for p in ZONE_PERCENTS)
        return Zones(bounds, "reserve", max_hr, resting_hr)
    bounds = tuple(round(p / 100 * max_hr) for p in ZONE_PERCENTS)
    return Zones(bounds, "max", max_hr, resting_hr)


def _interval_hr(hr: list, i: int) -> int | None:
    """The reading that covers the interval ending at sample i: its own, else the one before."""
    value = hr[i]
    return value if value is not None else hr[i - 1]


def time_in_zones(stream: Stream, zones: Zones) -> tuple[list[float], float]:
    """Moving seconds in each zone (a list of five) and moving seconds without heart rate."""
    seconds = [0.0] * 5
    without = 0.0
    t = stream.t
    moving = moving_flags(stream)
    hr = stream.hr
    for i in range(1, len(t)):
        if not moving[i]:
            continue
        dt = t[i] - t[i - 1]
        bpm = _interval_hr(hr, i) if hr is not None else None
        if bpm is None:
            without += dt
        else:
            seconds[zones.zone_of(bpm) - 1] += dt
    return seconds, without


def hard_seconds(zone_seconds: list[float]) -> float:
    return sum(zone_seconds[HARD_ZONE - 1 :])


def banister_k(sex: str | None) -> float:
    return BANISTER_K.get(sex or "", BANISTER_K_NEUTRAL)


def _trimp_term(bpm: float, max_hr: int, resting_hr: int, k: float) -> float:
    ratio = (bpm - resting_hr) / (max_hr - resting_hr)
    ratio = min(1.0, max(0.0, ratio))
    return ratio * 0.64 * math.exp(k * ratio)


def trimp(
    stream: Stream, *, max_hr: int, resting_hr: int | None = None, sex: str | None = None
) -> float | None:
    """Banister TRIMP summed minute by minute over the moving samples with heart rate."""
    if stream.hr is None or not max_hr:
        return None
    rest = resting_hr or DEFAULT_RESTING_HR
    if max_hr <= rest:
        return None
    k = banister_k(sex)
    t = stream.t
    hr = stream.hr
    moving = moving_flags(stream)
    total = 0.0
    counted = 0.0
    for i in range(1, len(t)):
        if not moving[i]:
            continue
        bpm = _interval_hr(hr, i)
        if bpm is None:
            continue
        minutes = (t[i] - t[i - 1]) / 60
        total += minutes * _trimp_term(bpm, max_hr, rest, k)
        counted += minutes
    return total if counted > 0 else None


def trimp_from_average(
    avg_hr: int,
    duration_s: float,
    *,
    max_hr: int,
    resting_hr: int | None = None,
    sex: str | None = None,
) -> float | None:
    """Banister's original session form: duration × the average heart rate's weighting."""
    rest = resting_hr or DEFAULT_RESTING_HR
    if not avg_hr or not max_hr or max_hr <= rest or duration_s <= 0:
        return None
    return duration_s / 60 * _trimp_term(avg_hr, max_hr, rest, banister_k(sex))


def load_per_trimp(pairs: Iterable[tuple[float, float]]) -> tuple[float, bool]:
    """The factor from TRIMP to effort × minutes, and whether it was learnt from the runner.

    ``pairs`` are (effort × minutes, TRIMP) of the runner's sessions that have both.
    """
    ratios = [load / value for load, value in pairs if load and value and value > 0]
    if len(ratios) >= MIN_RUNS_TO_LEARN:
        return statistics.median(ratios), True
    return DEFAULT_LOAD_PER_TRIMP, False


@dataclass(frozen=True)
class SessionLoad:
    value: float | None
    source: str  # "effort", "heart_rate" or "" (neither)

    @property
    def explanation(self) -> str:
        if self.source == "effort":
            return "perceived effort × minutes"
        if self.source == "heart_rate":
            return "from heart rate (Banister TRIMP, scaled to effort × minutes)"
        return "no effort or heart rate"


def session_load(
    effort: int | None,
    duration_s: float,
    stream: Stream | None = None,
    *,
    avg_hr: int | None = None,
    max_hr: int | None = None,
    resting_hr: int | None = None,
    sex: str | None = None,
    load_per_trimp: float = DEFAULT_LOAD_PER_TRIMP,
) -> SessionLoad:
    """Load of any session (a run, later cross-training): effort × minutes where an effort was
    given, else heart-rate TRIMP (from the stream, or from the average heart rate) scaled by
    ``load_per_trimp``."""
    if effort:
        return SessionLoad(effort * duration_s / 60, "effort")
    if max_hr:
        value = None
        if stream is not None:
            value = trimp(stream, max_hr=max_hr, resting_hr=resting_hr, sex=sex)
        if value is None and avg_hr:
            value = trimp_from_average(
                avg_hr, duration_s, max_hr=max_hr, resting_hr=resting_hr, sex=sex
            )
        if value is not None:
            return SessionLoad(value * load_per_trimp, "heart_rate")
    return SessionLoad(None, "")


def highest_sustained_hr(stream: Stream, window_s: float = MAX_HR_WINDOW_S) -> int | None:
    """The highest average heart rate over ``window_s`` of the stream (time-weighted)."""
    hr = stream.hr
    if hr is None:
        return None
    t = stream.t
    best = None
    lo = 1
    weighted = 0.0
    span = 0.0
    covered: list[tuple[float, float]] = []  # (seconds, bpm × seconds) per interval
    for i in range(1, len(t)):
        dt = t[i] - t[i - 1]
        bpm = _interval_hr(hr, i)
        if dt <= 0 or dt > window_s or bpm is None:
            covered.clear()
            weighted = span = 0.0
            continue
        covered.append((dt, bpm * dt))
        weighted += bpm * dt
        span += dt
        while covered and span - covered[0][0] >= window_s:
            old_dt, old_w = covered.pop(0)
            span -= old_dt
            weighted -= old_w
        if span >= window_s:
            value = weighted / span
            best = value if best is None else max(best, value)
    del lo
    return round(best) if best is not None else None


def highest_reliable_max_hr(streams: Iterable[Stream]) -> int | None:
    """The highest 30-second heart rate over several recordings (the runner's last year)."""
    values = [v for s in streams if (v := highest_sustained_hr(s)) is not None]
    return max(values) if values else None
