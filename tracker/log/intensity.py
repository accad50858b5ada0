"""How hard each run was, from its recording: heart-rate zones in force on its date, time in
zone, hard running, heart-rate load and the suggested run type. The calculations are in
tracker/heart_rate.py and tracker/streams.py; this module finds the runner's numbers and
writes the results onto the runs.

Where the maximum heart rate comes from, in order: the zone set in force on the run's date
(HeartRateZoneSet, edited in settings), the profile's maximum (with its resting heart rate),
else the highest 30-second heart rate in the runner's recordings of the 12 months before
(the page says it was estimated).
"""

from __future__ import annotations

import bisect
import datetime
from dataclasses import dataclass

from django.db.models import Case, F, Max, Q, When

from tracker import heart_rate, streams
from tracker.log.models import CrossTrainingSession, HeartRateZoneSet, Run, RunStream, get_profile

ESTIMATE_WINDOW = datetime.timedelta(days=365)


@dataclass(frozen=True)
class RunnerZones:
    zones: heart_rate.Zones
    source: str  # "set" (edited), "profile" or "estimated"

    @property
    def estimated(self) -> bool:
        return self.source == "estimated"


class YearlyBest:
    """The best of one RunStream figure (``sustained_max_hr_bpm``, ``best_20min_speed_ms``)
    over the year up to each day, from one read of the runner's recordings: what
    estimated_max_hr and threshold_speed_ms ask the database for one day, for the loops over
    many days (loads, recompute), which would otherwise ask once a session or run."""

    def __init__(self, user, field: str):
        rows = list(
            RunStream.objects.for_user(user)
            .filter(**{f"{field}__isnull": False})
            .order_by("run__date")
            .values_list("run__date", field)
        )
        self._days = [day for day, _ in rows]
        self._values = [value for _, value in rows]

    @classmethod
    def for_day(cls, user, day: datetime.date, *fields: str) -> list[YearlyBest]:
        """A YearlyBest of each field that answers for ``day`` only, from one query: an import
        needs both figures for one run, and asking for each cost a query apiece."""
        found = (
            RunStream.objects.for_user(user)
            .filter(run__date__gt=day - ESTIMATE_WINDOW, run__date__lte=day)
            .aggregate(**{field: Max(field) for field in fields})
        )
        bests = []
        for field in fields:
            best = cls.__new__(cls)
            best._days, best._values = ([day], [found[field]]) if found[field] else ([], [])
            best._only = day
            bests.append(best)
        return bests

    _only = None  # for_day's day: the one day such a YearlyBest knows

    def on(self, day: datetime.date):
        if self._only is not None and day != self._only:
            raise ValueError(f"this YearlyBest is for {self._only} only, not {day}")
        low = bisect.bisect_right(self._days, day - ESTIMATE_WINDOW)
        high = bisect.bisect_right(self._days, day)
        return max(self._values[low:high], default=None)


def _best_in_year(user, day: datetime.date, field: str, best: YearlyBest | None):
    """The highest ``field`` of the runner's recordings in the year up to ``day``."""
    if best is not None:
        return best.on(day)
    return (
        RunStream.objects.for_user(user)
        .filter(run__date__gt=day - ESTIMATE_WINDOW, run__date__lte=day)
        .aggregate(top=Max(field))["top"]
    )


def estimated_max_hr(
    user, day: datetime.date, extra: int | None = None, *, best: YearlyBest | None = None
) -> int | None:
    """The highest 30-second heart rate of the runner's recordings in the year up to ``day``
    (``best``: a YearlyBest of sustained_max_hr_bpm, for a loop over many days)."""
    found = _best_in_year(user, day, "sustained_max_hr_bpm", best)
    values = [v for v in (found, extra) if v]
    return max(values) if values else None


def zone_sets_of(user) -> list:
    """The runner's zone sets, newest first (a handful): read once for a loop of zones_on."""
    return list(HeartRateZoneSet.objects.for_user(user).order_by("-valid_from"))


def zones_on(
    user,
    profile,
    day: datetime.date,
    *,
    extra_max: int | None = None,
    zone_sets: list | None = None,
    max_hr_best: YearlyBest | None = None,
):
    """The runner's zones for a run on ``day``, or None when no maximum can be found. A loop
    over many days passes ``zone_sets`` (zone_sets_of) and ``max_hr_best`` (a YearlyBest of
    sustained_max_hr_bpm) so neither is read once a day."""
    # Newest first; before the first set, the first.
    sets = zone_sets_of(user) if zone_sets is None else zone_sets
    zone_set = next((s for s in sets if s.valid_from <= day), sets[-1] if sets else None)
    if zone_set is not None:
        return RunnerZones(zone_set.zones(), "set")
    if profile.max_hr_bpm:
        return RunnerZones(
            heart_rate.zones_for(profile.max_hr_bpm, profile.resting_hr_bpm), "profile"
        )
    estimate = estimated_max_hr(user, day, extra_max, best=max_hr_best)
    if estimate:
        return RunnerZones(heart_rate.zones_for(estimate, profile.resting_hr_bpm), "estimated")
    return None


def threshold_speed_ms(
    user, day: datetime.date, extra: float | None = None, *, best: YearlyBest | None = None
) -> float | None:
    """95 % of the runner's fastest 20 minutes in the year up to ``day`` (streams.py);
    ``best``: a YearlyBest of best_20min_speed_ms, for a loop over many days."""
    found = _best_in_year(user, day, "best_20min_speed_ms", best)
    values = [v for v in (found, extra) if v]
    return max(values) * streams.THRESHOLD_FROM_20_MIN if values else None


def analyse(run: Run, stream: streams.Stream, profile, zones: RunnerZones | None, threshold):
    """Fill in the run's zone times, hard running, TRIMP and suggested type from its stream.

    Leaves ``hr_load`` to ``refresh_hr_loads``, which scales TRIMP by the runner's factor.
    """
    has_hr = stream.hr is not None and zones is not None
    if has_hr:
        seconds, _ = heart_rate.time_in_zones(stream, zones.zones)
        for name, value in zip(Run.ZONE_FIELDS, seconds, strict=True):
            setattr(run, name, round(value))
        run.hard_s = round(heart_rate.hard_seconds(seconds))
        run.trimp = heart_rate.trimp(
            stream,
            max_hr=zones.zones.max_hr,
            resting_hr=zones.zones.resting_hr,
            sex=profile.sex or None,
        )
    else:
        for name in Run.ZONE_FIELDS:
            setattr(run, name, None)
        run.trimp = None
        run.hard_s = (
            round(
                streams.seconds_at_or_above_speed(
                    stream, threshold * streams.HARD_SHARE_OF_THRESHOLD
                )
            )
            if threshold and stream.distance is not None
            else None
        )
    kind, reason = streams.suggest_run_type(
        stream,
        hard_hr_bpm=zones.zones.lower_bpm[2] if has_hr else None,
        threshold_speed_ms=threshold,
    )
    run.suggested_run_type, run.run_type_reason = kind, reason[:300]
    work = streams.work_segments(stream)
    run.work_distance_m = sum(s.metres for s in work) if work else None
    run.work_moving_s = sum(s.seconds for s in work) if work else None


def refresh_hr_loads(user) -> float:
    """Put every run's TRIMP on the effort × minutes scale with the runner's current factor
    (heart_rate.load_per_trimp over the runs with both); two queries, and the rides'."""
    pairs = (
        Run.objects.for_user(user)
        .filter(effort__isnull=False, trimp__gt=0)
        .values_list("effort", "duration_s", "trimp")
    )
    factor, _ = heart_rate.load_per_trimp(
        (effort * duration / 60, trimp) for effort, duration, trimp in pairs
    )
    # Only the runs whose load is not yet on this scale (after an import, the new ones), so an
    # import does not rewrite the whole history; a run that lost its TRIMP loses its load.
    stale = Q(trimp__isnull=False) & (
        Q(hr_load__isnull=True)
        | Q(hr_load__lt=F("trimp") * (factor - 1e-6))
        | Q(hr_load__gt=F("trimp") * (factor + 1e-6))
    )
    Run.objects.for_user(user).filter(stale | Q(trimp__isnull=True, hr_load__isnull=False)).update(
        hr_load=Case(When(trimp__isnull=True, then=None), default=F("trimp") * factor)
    )
    refresh_cross_training_loads(user, factor)
    return factor


def refresh_cross_training_loads(user, factor: float) -> int:
    """A heart-rate load for each ride, swim or walk with an average heart rate: Banister's
    TRIMP from the average (heart_rate.trimp_from_average) on the runs' effort × minutes
    scale, with the zones in force on its day. Sessions without heart rate keep none; returns
    how many were written."""
    sessions = list(
        CrossTrainingSession.objects.for_user(user)
        .filter(avg_hr_bpm__isnull=False)
        .only("pk", "date", "avg_hr_bpm", "duration_s", "hr_load")
    )
    if not sessions:
        return 0
    profile = get_profile(user)
    zone_sets = zone_sets_of(user)
    # Estimated maxima only without zone sets or a maximum in the profile (zones_on).
    estimates = (
        YearlyBest(user, "sustained_max_hr_bpm")
        if not zone_sets and not profile.max_hr_bpm
        else None
    )
    changed = []
    for session in sessions:
        zones = zones_on(user, profile, session.date, zone_sets=zone_sets, max_hr_best=estimates)
        trimp = (
            heart_rate.trimp_from_average(
                session.avg_hr_bpm,
                session.duration_s,
                max_hr=zones.zones.max_hr,
                resting_hr=zones.zones.resting_hr,
                sex=profile.sex or None,
            )
            if zones
            else None
        )
        load = round(trimp * factor, 1) if trimp else None
        if load != session.hr_load:
            session.hr_load = load
            changed.append(session)
    CrossTrainingSession.objects.bulk_update(changed, ["hr_load"])
    return len(changed)
