"""The loops over a whole log (heart-rate loads after an import, the zone recompute) read the
runner's yearly bests once, not once a session or run, and get the same numbers as the
one-day queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.samples import SAMPLES
from tracker.log import intensity
from tracker.log.models import CrossTrainingSession, Run, RunStream
from tracker.transfer.imports import import_files

HR_FILES = [
    SAMPLES / "tcx" / "run-12km-3laps-hr-pauses.tcx",
    SAMPLES / "fit" / "run-fr645m-5.8km-hr-gps.fit",
]
FIRST = datetime.date(2024, 3, 1)
SECOND = datetime.date(2024, 9, 15)


@pytest.fixture
def two_recorded_runs(runner):
    """Two imported runs with heart rate, moved to known dates six months apart."""
    import_files(user=runner, files=[(path.name, path.read_bytes()) for path in HR_FILES])
    runs = list(Run.objects.for_user(runner).order_by("pk"))
    assert len(runs) == 2
    for run, day in zip(runs, (FIRST, SECOND), strict=True):
        Run.objects.filter(pk=run.pk).update(date=day)
    streams = RunStream.objects.for_user(runner)
    assert streams.filter(sustained_max_hr_bpm__isnull=False).count() == 2
    return runs


DAYS = [
    FIRST - datetime.timedelta(days=1),  # before any recording
    FIRST,  # the day of the first
    SECOND - datetime.timedelta(days=1),
    SECOND,
    FIRST + intensity.ESTIMATE_WINDOW - datetime.timedelta(days=1),  # first still in the year
    FIRST + intensity.ESTIMATE_WINDOW,  # first just out of it
    SECOND + intensity.ESTIMATE_WINDOW,  # both out
]


def test_yearly_bests_match_the_one_day_queries(runner, two_recorded_runs):
    max_hr = intensity.YearlyBest(runner, "sustained_max_hr_bpm")
    speed = intensity.YearlyBest(runner, "best_20min_speed_ms")
    answers = []
    for day in DAYS:
        expected_hr = intensity.estimated_max_hr(runner, day)
        expected_threshold = intensity.threshold_speed_ms(runner, day)
        assert intensity.estimated_max_hr(runner, day, best=max_hr) == expected_hr, day
        assert intensity.threshold_speed_ms(runner, day, best=speed) == expected_threshold, day
        answers.append(expected_hr)
    # The window really moves: nothing before the first run and after both leave the year.
    assert answers[0] is None
    assert answers[-1] is None
    assert all(answer is not None for answer in answers[1:-1])


def add_rides(user, count: int) -> None:
    CrossTrainingSession.objects.bulk_create(
        CrossTrainingSession(
            user=user,
            date=FIRST + datetime.timedelta(days=8 * index),
            sport="cycling",
            duration_s=3600,
            avg_hr_bpm=125 + index % 20,
        )
        for index in range(count)
    )


def loads_the_slow_way(user, factor: float) -> dict[int, float | None]:
    """What the loads were before: the zones of each session's day asked for one by one."""
    from tracker import heart_rate
    from tracker.log.models import get_profile

    profile = get_profile(user)
    loads = {}
    for session in CrossTrainingSession.objects.for_user(user):
        zones = intensity.zones_on(user, profile, session.date)
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
        loads[session.pk] = round(trimp * factor, 1) if trimp else None
    return loads


def test_ride_loads_take_the_same_queries_for_5_or_80_rides(runner, two_recorded_runs):
    add_rides(runner, 5)
    with CaptureQueriesContext(connection) as few:
        intensity.refresh_hr_loads(runner)
    add_rides(runner, 75)
    with CaptureQueriesContext(connection) as many:
        factor = intensity.refresh_hr_loads(runner)
    assert len(many.captured_queries) == len(few.captured_queries)
    stored = dict(CrossTrainingSession.objects.for_user(runner).values_list("pk", "hr_load"))
    assert stored == loads_the_slow_way(runner, factor)
    # Rides more than a year after both recordings have no estimate, so no load.
    assert any(load is None for load in stored.values())
    assert sum(load is not None for load in stored.values()) > 40
