"""A small training log for the leg-ledger tests, and round weights to read it with (the
numbers each test expects are worked out in tests/tracker/test_ledger.py's docstring)."""

import datetime

from knowledge.models import Exercise, StimulusWeight
from tests.tracker.factories import (
    CrossTrainingFactory,
    LegMeasurementFactory,
    RunFactory,
    StrengthSessionFactory,
    StrengthSetFactory,
)
from tracker.log.models import CrossTrainingSession, Run

WEIGHTS = {
    "hamstrings": {
        "hard_running": 0.1,
        "easy_running": 0.02,
        "hills": 0.05,
        "strength_primary": 1.0,
        "strength_assisting": 0.5,
        "cycling": 0.01,
    },
    "calves": {
        "hard_running": 0.05,
        "easy_running": 0.04,
        "hills": 0.1,
        "strength_primary": 1.0,
        "strength_assisting": 0.5,
        "cycling": 0.02,
    },
}


def set_weights():
    for slug, weights in WEIGHTS.items():
        for kind, weight in weights.items():
            StimulusWeight.objects.filter(muscle__slug=slug, kind=kind).update(weight=weight)


def days_ago(today, days):
    return today - datetime.timedelta(days=days)


def build_log(user, today):
    """The log above, dated back from `today` (8 days before it is the intervals)."""
    RunFactory(user=user, date=days_ago(today, 8), duration_s=2400, run_type=Run.RunType.INTERVALS)
    RunFactory(user=user, date=days_ago(today, 7), duration_s=3000)
    RunFactory(
        user=user,
        date=days_ago(today, 7),
        duration_s=1800,
        effort=None,
        hard_s=600,
        source_format="fit",
        source_hash="a" * 64,
    )
    RunFactory(user=user, date=days_ago(today, 6), duration_s=1800, run_type=Run.RunType.HILLS)
    CrossTrainingFactory(user=user, date=days_ago(today, 5), duration_s=3600)
    CrossTrainingFactory(
        user=user,
        date=days_ago(today, 5),
        duration_s=1800,
        sport=CrossTrainingSession.Sport.SWIMMING,
        distance_m=None,
    )
    session = StrengthSessionFactory(user=user, date=days_ago(today, 4))
    rdl = Exercise.objects.guide().get(slug="romanian-deadlift")
    squat = Exercise.objects.guide().get(slug="squat")
    for _ in range(3):
        StrengthSetFactory(session=session, exercise=rdl)
    for _ in range(4):
        StrengthSetFactory(session=session, exercise=squat)
    RunFactory(user=user, date=days_ago(today, 1), duration_s=1200)
    # An imported hill run still waiting for its date counts nowhere.
    RunFactory(user=user, date=days_ago(today, 2), run_type=Run.RunType.HILLS, needs_date=True)
    girths = [
        (22, 55.0, 54.6, 37.0, 37.2),
        (8, 55.4, 54.6, None, None),
        (1, 55.6, None, 37.3, 37.0),
    ]
    for days, thigh_left, thigh_right, calf_left, calf_right in girths:
        LegMeasurementFactory(
            user=user,
            date=days_ago(today, days),
            weight_kg=None,
            thigh_left_cm=thigh_left,
            thigh_right_cm=thigh_right,
            calf_left_cm=calf_left,
            calf_right_cm=calf_right,
        )
