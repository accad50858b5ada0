"""Race-time predictions from a runner's recent best efforts: Riegel's endurance formula and
Daniels and Gilbert's VDOT.

Pure Python: (distance, time) pairs in, predicted times out.

* Riegel, P. S. (1981). "Athletic records and human endurance." American Scientist 69(3),
  285-290: over about 3.5 to 230 minutes, T2 = T1 × (D2 / D1) ** 1.06.
* Daniels, J. and Gilbert, J. (1979). Oxygen Power: Performance Tables for Distance Runners.
  The oxygen cost of running at v metres a minute, VO2 = -4.60 + 0.182258 v + 0.000104 v²
  (ml/kg/min), and the share of VO2max that can be held for t minutes,
  0.8 + 0.1894393 e^(-0.012778 t) + 0.2989558 e^(-0.1932605 t). A performance's VDOT is the
  first over the second; the predicted time at another distance is the one with the same VDOT.

Which efforts count: the best effort at each distance of 1 km or more in the last
RECENT_DAYS (a 400 m effort says more about speed than endurance, and Riegel's fit starts at
about 3.5 minutes). VDOT is used only for efforts between VDOT_MIN_MINUTES and
VDOT_MAX_MINUTES, the span of the races Daniels and Gilbert fitted. Each target gets the
prediction from the effort nearest to it in distance (the most reliable), and a range: the
fastest and slowest of the predictions from every effort, by both formulas.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from tracker.best_efforts import HALF_MARATHON_M, LABELS, MARATHON_M

RIEGEL_EXPONENT = 1.06
RECENT_DAYS = 90
MIN_SOURCE_M = 1000.0
VDOT_MIN_MINUTES = 3.5
VDOT_MAX_MINUTES = 240.0
TARGETS: tuple[tuple[float, str], ...] = (
    (5000.0, "5 km"),
    (10000.0, "10 km"),
    (HALF_MARATHON_M, "Half marathon"),
    (MARATHON_M, "Marathon"),
)


def riegel(time_s: float, distance_m: float, target_m: float) -> float:
    """Riegel's T2 = T1 × (D2 / D1) ** 1.06."""
    return time_s * (target_m / distance_m) ** RIEGEL_EXPONENT


def oxygen_cost(speed_m_per_min: float) -> float:
    """Daniels and Gilbert's VO2 (ml/kg/min) of running at a speed in metres a minute."""
    v = speed_m_per_min
    return -4.60 + 0.182258 * v + 0.000104 * v * v


def sustainable_share(minutes: float) -> float:
    """Daniels and Gilbert's share of VO2max that can be held for ``minutes``."""
    return (
        0.8 + 0.1894393 * math.exp(-0.012778 * minutes) + 0.2989558 * math.exp(-0.1932605 * minutes)
    )


def vdot(time_s: float, distance_m: float) -> float:
    minutes = time_s / 60
    return oxygen_cost(distance_m / minutes) / sustainable_share(minutes)


def vdot_time(value: float, target_m: float) -> float:
    """The time (s) at ``target_m`` whose VDOT is ``value``: VDOT falls as time grows, so
    bisection between 1 minute and 24 hours finds it (to a hundredth of a second)."""
    low, high = 60.0, 86_400.0
    while high - low > 0.01:
        middle = (low + high) / 2
        if vdot(middle, target_m) > value:
            low = middle
        else:
            high = middle
    return (low + high) / 2


def vdot_fits(time_s: float) -> bool:
    return VDOT_MIN_MINUTES <= time_s / 60 <= VDOT_MAX_MINUTES


@dataclass(frozen=True)
class Source:
    """A best effort a prediction is built on."""

    distance_m: float
    elapsed_s: float
    run_id: int | None = None
    date: object = None  # datetime.date, for the page

    @property
    def label(self) -> str:
        return LABELS.get(self.distance_m, f"{self.distance_m:g} m")


@dataclass(frozen=True)
class Prediction:
    target_m: float
    label: str
    riegel_s: float  # from the effort nearest in distance
    vdot_s: float | None  # same effort, by VDOT; None when VDOT does not fit it
    low_s: float  # the fastest prediction from any effort, either formula
    high_s: float  # the slowest
    nearest: Source
    sources: tuple[Source, ...]

    @property
    def time_s(self) -> float:
        return self.riegel_s

    @property
    def pace_s_per_km(self) -> float:
        return self.riegel_s / self.target_m * 1000


def recent_sources(efforts: Iterable[Source]) -> list[Source]:
    """The best effort at each distance of MIN_SOURCE_M or more, shortest distance first.
    The caller picks the recent ones (the last RECENT_DAYS)."""
    best: dict[float, Source] = {}
    for effort in efforts:
        if effort.distance_m < MIN_SOURCE_M or effort.elapsed_s <= 0:
            continue
        held = best.get(effort.distance_m)
        if held is None or effort.elapsed_s < held.elapsed_s:
            best[effort.distance_m] = effort
    return [best[distance] for distance in sorted(best)]


def _nearest(sources: list[Source], target_m: float) -> Source:
    """The source nearest the target in distance (by ratio; the longer one on a tie)."""
    return min(sources, key=lambda s: (abs(math.log(target_m / s.distance_m)), -s.distance_m))


def nearest_riegel(efforts: Iterable[Source], target_m: float) -> float | None:
    """Riegel's time at ``target_m`` from the best effort nearest it (None without any): the
    central value of ``predict``, without the range's VDOT searches."""
    sources = recent_sources(efforts)
    if not sources:
        return None
    nearest = _nearest(sources, target_m)
    return riegel(nearest.elapsed_s, nearest.distance_m, target_m)


def predict(efforts: Iterable[Source], targets=TARGETS) -> list[Prediction]:
    """A prediction per target from the efforts' best at each distance (none without any)."""
    sources = recent_sources(efforts)
    if not sources:
        return []
    predictions = []
    for target_m, label in targets:
        nearest = _nearest(sources, target_m)
        times = []
        for source in sources:
            times.append(riegel(source.elapsed_s, source.distance_m, target_m))
            if vdot_fits(source.elapsed_s):
                times.append(vdot_time(vdot(source.elapsed_s, source.distance_m), target_m))
        nearest_vdot = None
        if vdot_fits(nearest.elapsed_s):
            nearest_vdot = vdot_time(vdot(nearest.elapsed_s, nearest.distance_m), target_m)
        predictions.append(
            Prediction(
                target_m=target_m,
                label=label,
                riegel_s=riegel(nearest.elapsed_s, nearest.distance_m, target_m),
                vdot_s=nearest_vdot,
                low_s=min(times),
                high_s=max(times),
                nearest=nearest,
                sources=tuple(sources),
            )
        )
    return predictions
