"""Changing what an import decided: a run into a cross-training session and back (the importer
guessed the sport from the speed, or the file said nothing), and dating a run whose file had
no clock. Plain functions on the models; the views in reclassify_views.py call them."""

from __future__ import annotations

import datetime

from django.db import transaction

from tracker import bounds
from tracker.log.models import CrossTrainingSession, Run

# What the two models share, carried over as it is. A run's recording (samples, laps, zones)
# belongs to runs only and goes with it; converting back keeps the figures, not the samples.
SHARED_FIELDS = (
    "user",
    "date",
    "start_time",
    "duration_s",
    "moving_s",
    "elevation_gain_m",
    "avg_hr_bpm",
    "max_hr_bpm",
    "effort",
    "hr_load",
    "notes",
    "source_format",
    "source_name",
    "source_hash",
    "source_index",
    "imported_at",
)


class CannotConvert(ValueError):
    """The sentence to show the runner."""


@transaction.atomic
def run_to_cross_training(run: Run, sport: str) -> CrossTrainingSession:
    if sport not in CrossTrainingSession.Sport.values:
        raise CannotConvert("Choose a sport for the session.")
    session = CrossTrainingSession.objects.create(
        sport=sport,
        distance_m=run.distance_m if run.distance_m and run.distance_m > 0 else None,
        **{name: getattr(run, name) for name in SHARED_FIELDS},
    )
    run.delete()
    return session


@transaction.atomic
def cross_training_to_run(session: CrossTrainingSession) -> Run:
    if not session.distance_m:
        raise CannotConvert("A run needs a distance; this session has none.")
    problems = bounds.run_problems(distance_m=session.distance_m, duration_s=session.duration_s)
    if problems:
        raise CannotConvert(" ".join(problems.values()))
    run = Run.objects.create(
        distance_m=session.distance_m, **{name: getattr(session, name) for name in SHARED_FIELDS}
    )
    session.delete()
    return run


def give_date(run: Run, day: datetime.date, today: datetime.date) -> None:
    """Date a run that was waiting for its date; it then counts in totals and charts."""
    problem = bounds.date_problems(day, today)
    if problem:
        raise CannotConvert(problem["date"])
    run.date, run.needs_date = day, False
    run.save(update_fields=["date", "needs_date", "updated_at"])
