"""Best efforts: the fastest stretch of a run over each standard distance (400 m, 1 km, 1 mile,
5 km, 10 km, half and full marathon), found anywhere inside the run, as Strava, Garmin Connect
and Runalyze show them.

Pure Python: cumulative ``(elapsed_s, distance_m)`` samples in, ``Effort`` values out.

Elapsed time, not moving time. A stretch is timed by the clock, pauses and stops included, as a
race is. Moving time would let a stretch "skip" the standing rests of an interval session (three
400 m repeats with a minute's rest between them would come out as a 1 km effort at repeat
pace), and a prediction built on that would be too fast. The price is that a stop at a crossing
inside the fastest kilometre counts against it.

Between two samples the runner is taken to move at an even speed (distance is linear in time),
so a stretch of exactly ``D`` metres usually starts or ends between samples. Its duration as a
function of where it starts is piecewise linear, with corners where its start or its end passes
a sample, so the fastest one starts at a sample or ends at one: ``best_effort`` searches those
corners, skipping the parts of the run that cannot hold the best (see there).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from heapq import heapify, heappop, heappush

MILE_M = 1609.344
HALF_MARATHON_M = 21097.5
MARATHON_M = 42195.0

# (metres, label), shortest first: the distances every run is searched for.
DISTANCES: tuple[tuple[float, str], ...] = (
    (400.0, "400 m"),
    (1000.0, "1 km"),
    (MILE_M, "1 mile"),
    (5000.0, "5 km"),
    (10000.0, "10 km"),
    (HALF_MARATHON_M, "Half marathon"),
    (MARATHON_M, "Marathon"),
)
LABELS = dict(DISTANCES)

# A stream's last sample may fall a few centimetres short of a distance because of rounding
# (0.1 m in storage); a run this close to a distance still counts as having run it.
DISTANCE_TOLERANCE_M = 0.5


@dataclass(frozen=True)
class Effort:
    distance_m: float
    elapsed_s: float
    start_offset_s: float  # seconds from the run's first sample to the effort's start

    @property
    def label(self) -> str:
        return LABELS.get(self.distance_m, f"{self.distance_m:g} m")

    @property
    def pace_s_per_km(self) -> float:
        return self.elapsed_s / self.distance_m * 1000


def cumulative(t: Sequence[float], distance: Sequence[float | None]) -> tuple[list, list]:
    """Times and distances with missing distances filled from the sample before, and
    distance made non-decreasing (a watch never "unruns" a metre)."""
    times: list[float] = []
    metres: list[float] = []
    last = 0.0
    for time, value in zip(t, distance, strict=True):
        if value is not None and value > last:
            last = value
        times.append(time)
        metres.append(last)
    return times, metres


def best_effort(t: Sequence[float], d: Sequence[float], distance_m: float) -> Effort | None:
    """The fastest stretch of ``distance_m`` metres, or None when the run is shorter.

    ``t`` and ``d`` are cumulative and non-decreasing (see ``cumulative``).

    Branch and bound, so that a 3-hour 1-second stream takes milliseconds per distance in plain
    Python (bench/best_efforts.py). Every stretch that starts between samples a and b starts
    no later than t[b] and ends no earlier than the stretch from sample a does, so
    ``elapsed(a) - (t[b] - t[a])`` bounds them all from below. The run is cut into blocks of
    BLOCK samples and the stretch from each block's first sample is timed exactly; then the
    block with the lowest bound is halved (timing the stretch from its middle sample), again
    and again, until the lowest bound left is no better than the best stretch found. Blocks of
    LEAF samples or fewer are searched corner by corner. A perfectly even run, with nothing to
    prune, is searched in full, in O(n log n).
    """
    n = len(t)
    if n < 2 or d[-1] - d[0] < distance_m - DISTANCE_TOLERANCE_M:
        return None
    if d[-1] - d[0] < distance_m:  # within the tolerance: the whole run is the stretch
        return Effort(distance_m, t[-1] - t[0], 0.0)
    last = d[-1]
    best_time, best_start = float("inf"), 0.0
    heap: list[tuple[float, int, int, float]] = []
    for a in range(0, n - 1, BLOCK):
        target = d[a] + distance_m
        if target > last:
            break
        elapsed = _first_time_at(t, d, target) - t[a]
        if elapsed < best_time:
            best_time, best_start = elapsed, t[a]
        b = min(a + BLOCK, n - 1)
        heap.append((elapsed - (t[b] - t[a]), a, b, elapsed))
    heapify(heap)
    while heap and heap[0][0] < best_time:
        _, a, b, elapsed_a = heappop(heap)
        if b - a > LEAF:
            middle = (a + b) // 2
            heappush(heap, (elapsed_a - (t[middle] - t[a]), a, middle, elapsed_a))
            target = d[middle] + distance_m
            if target <= last:  # else no stretch starts in the second half
                elapsed = _first_time_at(t, d, target) - t[middle]
                if elapsed < best_time:
                    best_time, best_start = elapsed, t[middle]
                heappush(heap, (elapsed - (t[b] - t[middle]), middle, b, elapsed))
            continue
        # A leaf: the corners that start at one of its samples...
        for i in range(a + 1, b + 1):
            target = d[i] + distance_m
            if target > last:
                break
            elapsed = _first_time_at(t, d, target) - t[i]
            if elapsed < best_time:
                best_time, best_start = elapsed, t[i]
        # ...and those that end at a sample and start inside it.
        for j in range(
            bisect_left(d, d[a] + distance_m), min(bisect_right(d, d[b] + distance_m), n)
        ):
            start = _last_time_at(t, d, d[j] - distance_m)
            if t[j] - start < best_time:
                best_time, best_start = t[j] - start, start
    return Effort(distance_m, best_time, best_start - t[0])


# Samples per block in best_effort, and per leaf: blocks of 32 one-second samples are few to
# time and sort; leaves of 4 keep the corner-by-corner search short.
BLOCK = 32
LEAF = 4


def _first_time_at(t: Sequence[float], d: Sequence[float], metres: float) -> float:
    """When the runner first reached ``metres`` (d[0] < metres <= d[-1])."""
    k = bisect_left(d, metres)
    d0, t0 = d[k - 1], t[k - 1]
    return t0 + (metres - d0) / (d[k] - d0) * (t[k] - t0)


def _last_time_at(t: Sequence[float], d: Sequence[float], metres: float) -> float:
    """When the runner was last at ``metres`` (d[0] <= metres < d[-1])."""
    k = bisect_right(d, metres) - 1
    d0, t0 = d[k], t[k]
    return t0 + (metres - d0) / (d[k + 1] - d0) * (t[k + 1] - t0)


def best_efforts(
    t: Sequence[float],
    distance: Sequence[float | None],
    distances: Sequence[float] = tuple(metres for metres, _ in DISTANCES),
) -> list[Effort]:
    """The best effort at each of ``distances`` the run covers, shortest first."""
    times, metres = cumulative(t, distance)
    found = []
    for distance_m in sorted(distances):
        effort = best_effort(times, metres, distance_m)
        if effort is None:
            break  # longer distances are not covered either
        found.append(effort)
    return found
