import datetime
from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.db.models import Count

from tests.tracker.factories import ExerciseFactory, RunFactory
from tracker.log.models import LegMeasurement, ProteinEntry, Run, StrengthSession, StrengthSet

GUIDE = ["Squat", "Romanian deadlift", "Calf raise", "Bulgarian split squat", "Step-up"]


@pytest.fixture
def guide_exercises(db):
    return [ExerciseFactory(name=name) for name in GUIDE]


def seed(*args):
    out = StringIO()
    call_command("seed_demo", "--end", "2025-12-31", *args, stdout=out)
    return out.getvalue()


def test_a_year_of_demo_data_for_a_new_user(guide_exercises):
    output = seed("--user", "demo", "--years", "1", "--password", "demo-password-1")
    user = User.objects.get(username="demo")
    assert user.check_password("demo-password-1")
    assert "Created user demo with password demo-password-1" in output
    assert "Seeded demo: 1 year (2025-01-01 to 2025-12-31)" in output
    # The 1st of every month, moved by up to two days.
    measurements = LegMeasurement.objects.for_user(user)
    assert measurements.count() == 12
    assert all(m.date.day <= 3 for m in measurements)
    assert all(m.thigh_left_cm > m.thigh_right_cm for m in measurements)  # slight L/R difference
    assert set(Run.objects.for_user(user).values_list("run_type", flat=True)) == set(
        Run.RunType.values
    )
    sessions_a_week = StrengthSession.objects.for_user(user).count() / (365 / 7)
    assert 2 <= sessions_a_week <= 3
    entries_a_day = (
        ProteinEntry.objects.for_user(user)
        .values("date")
        .annotate(n=Count("pk"))
        .values_list("n", flat=True)
    )
    assert set(entries_a_day) <= {2, 3, 4}
    assert not Run.objects.filter(date__gt=datetime.date(2025, 12, 31)).exists()


def test_loads_rise_over_the_year(guide_exercises):
    seed("--user", "demo", "--years", "1")
    squats = StrengthSet.objects.filter(exercise__name="Squat").order_by("session__date")
    assert squats.last().weight_kg > squats.first().weight_kg


def test_the_same_seed_gives_the_same_data(guide_exercises):
    seed("--user", "demo", "--years", "1")

    def snapshot():
        return (
            list(
                Run.objects.order_by("date", "pk").values_list("date", "distance_m", "duration_s")
            ),
            list(StrengthSet.objects.order_by("pk").values_list("reps", "weight_kg")),
            list(ProteinEntry.objects.order_by("pk").values_list("date", "protein_g")),
        )

    first = snapshot()
    seed("--user", "demo", "--years", "1", "--replace")
    assert snapshot() == first
    seed("--user", "demo", "--years", "1", "--replace", "--seed", "2")
    assert snapshot() != first


def test_existing_data_is_kept_unless_replace_is_given(guide_exercises, runner):
    RunFactory(user=runner)
    with pytest.raises(CommandError, match="rosa already has training data; pass --replace"):
        seed("--user", "rosa")
    assert Run.objects.count() == 1
    seed("--user", "rosa", "--replace")
    assert Run.objects.count() > 100


def test_without_the_guides_exercises_it_asks_to_load_the_guide(db):
    with pytest.raises(CommandError, match="Run `manage.py load_guidance` first"):
        seed("--user", "demo")
    assert not User.objects.filter(username="demo").exists()


def test_years_must_be_sensible(guide_exercises):
    with pytest.raises(CommandError, match="--years must be between 1 and 30"):
        seed("--user", "demo", "--years", "0")
