import datetime

import pytest

from tests.tracker.factories import (
    LegMeasurementFactory,
    ProteinEntryFactory,
    RunFactory,
    StrengthSessionFactory,
    StrengthSetFactory,
)
from tracker.log.models import Profile, get_profile


def test_a_new_runner_sees_how_to_start(signed_in):
    page = signed_in.get("/log/").content.decode()
    assert "Start your training log" in page
    for link in ("/settings/", "/log/runs/new/", "/log/strength/new/", "/log/measurements/new/"):
        assert f'href="{link}"' in page


def test_the_timeline_shows_every_kind_newest_first(signed_in, runner, squat):
    RunFactory(user=runner, date=datetime.date(2025, 3, 4), distance_m=10_000, duration_s=3000)
    session = StrengthSessionFactory(user=runner, date=datetime.date(2025, 3, 3))
    StrengthSetFactory(session=session, exercise=squat, reps=5, weight_kg=100)
    LegMeasurementFactory(user=runner, date=datetime.date(2025, 3, 2), thigh_left_cm=55.0)
    ProteinEntryFactory(user=runner, date=datetime.date(2025, 3, 1), protein_g=30, food="Eggs")
    ProteinEntryFactory(user=runner, date=datetime.date(2025, 3, 1), protein_g=25, food="Tofu")
    response = signed_in.get("/log/")
    assert [entry["kind"] for entry in response.context["timeline"]] == [
        "run",
        "strength",
        "measurement",
        "protein",
    ]
    page = response.content.decode()
    assert "Start your training log" not in page
    assert "10.00 km" in page
    assert "5:00 /km" in page
    assert "volume 500.0 kg" in page
    assert "55.0 cm" in page
    assert "55 g protein" in page  # the day's total
    assert "30 g Eggs" in page
    assert "25 g Tofu" in page


def test_the_timeline_uses_the_runners_units(signed_in, runner):
    profile = get_profile(runner)
    profile.units = Profile.Units.IMPERIAL
    profile.save()
    RunFactory(user=runner, distance_m=8046.72, duration_s=2400)
    LegMeasurementFactory(user=runner, weight_kg=80, thigh_left_cm=55.88, thigh_right_cm=None)
    page = signed_in.get("/log/").content.decode()
    assert "5.00 mi" in page
    assert "8:00 /mi" in page
    assert "176.4 lb" in page
    assert "22.0 in" in page


def test_the_timeline_never_shows_another_runners_entries(signed_in, other_runner):
    RunFactory(user=other_runner, distance_m=42_195)
    ProteinEntryFactory(user=other_runner, food="Their secret shake")
    page = signed_in.get("/log/").content.decode()
    assert "42.20 km" not in page
    assert "Their secret shake" not in page
    assert "Start your training log" in page


def test_today_protein_is_shown_against_the_target(signed_in, runner):
    today = get_profile(runner).today()
    LegMeasurementFactory(user=runner, date=today, weight_kg=70)
    ProteinEntryFactory(user=runner, date=today, protein_g=56)
    context = signed_in.get("/log/").context
    assert context["today_protein"]["target_g"] == pytest.approx(112)  # 1.6 × 70
    assert context["today_protein"]["percent_of_target"] == 50


def test_the_timeline_needs_few_queries_however_long_the_log(
    signed_in, runner, squat, django_assert_num_queries
):
    for day in range(1, 26):
        date = datetime.date(2025, 3, day)
        RunFactory(user=runner, date=date)
        StrengthSetFactory(session__user=runner, session__date=date, exercise=squat)
        LegMeasurementFactory(user=runner, date=date)
        ProteinEntryFactory.create_batch(3, user=runner, date=date)
    get_profile(runner)
    # session, user, profile, runs, sessions with totals, their sets, measurements,
    # protein days, their entries, today's protein and today's body weight
    with django_assert_num_queries(11):
        response = signed_in.get("/log/")
    assert len(response.context["timeline"]) == 20


def test_the_log_needs_a_signed_in_runner(client):
    assert client.get("/log/")["Location"].startswith("/accounts/login/")


def test_the_log_is_in_the_main_navigation(signed_in):
    page = signed_in.get("/log/").content.decode()
    assert 'active" aria-current="page" href="/log/">Log</a>' in page
