import datetime

import pytest

from tests.tracker.factories import (
    LegMeasurementFactory,
    ProteinEntryFactory,
    RunFactory,
    ShoeFactory,
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
    # protein days, their entries, today's protein, today's body weight and worn shoes
    with django_assert_num_queries(12):
        response = signed_in.get("/log/")
    assert len(response.context["timeline"]) == 20


def test_the_log_needs_a_signed_in_runner(client):
    assert client.get("/log/")["Location"].startswith("/accounts/login/")


def test_the_log_is_in_the_main_navigation(signed_in):
    page = signed_in.get("/log/").content.decode()
    assert 'active" aria-current="page" href="/log/">Log</a>' in page


def test_older_entries_are_a_page_away_and_cost_the_same_queries(
    signed_in, runner, django_assert_num_queries
):
    get_profile(runner)
    for day in range(1, 61):  # one run a day for 60 days
        RunFactory(user=runner, date=datetime.date(2025, 1, 1) + datetime.timedelta(days=day))
    first = signed_in.get("/log/")
    older = first.context["older_before"]
    assert older is not None
    assert f'href="?before={older:%Y-%m-%d}">Older entries</a>' in first.content.decode()
    shown = {entry["object"].pk for entry in first.context["timeline"]}

    # session, user, profile, runs, sessions, measurements, protein days (no sets or entries)
    with django_assert_num_queries(7):
        second = signed_in.get("/log/", {"before": older.isoformat()})
    page_two = second.context["timeline"]
    assert page_two
    assert all(entry["object"].date < older for entry in page_two)
    assert not shown & {entry["object"].pk for entry in page_two}  # no entry twice
    assert "Back to the latest" in second.content.decode()

    seen, before, pages = set(), None, 0
    while True:
        response = signed_in.get("/log/", {"before": before.isoformat()} if before else {})
        seen |= {entry["object"].pk for entry in response.context["timeline"]}
        before, pages = response.context["older_before"], pages + 1
        if before is None:
            break
    assert len(seen) == 60  # every run, on some page
    assert pages >= 3


def test_a_page_never_splits_a_day(signed_in, runner):
    for n in range(25):
        RunFactory(user=runner, date=datetime.date(2025, 3, 1 + n // 5))  # 5 runs a day
    response = signed_in.get("/log/")
    dates = [entry["object"].date for entry in response.context["timeline"]]
    older = response.context["older_before"]
    rest = signed_in.get("/log/", {"before": older.isoformat()}).context["timeline"]
    assert len(dates) + len(rest) == 25
    assert not set(dates) & {entry["object"].date for entry in rest}


def test_a_bad_before_date_shows_the_latest(signed_in, runner):
    RunFactory(user=runner)
    response = signed_in.get("/log/", {"before": "yesterday"})
    assert response.status_code == 200
    assert len(response.context["timeline"]) == 1


def test_the_newest_page_warns_about_worn_shoes(signed_in, runner):
    shoe = ShoeFactory(user=runner, name="Ghost", retire_at_m=100_000, start_distance_m=90_000)
    RunFactory(user=runner, shoe=shoe, distance_m=10_000)
    page = signed_in.get("/log/").content.decode()
    assert "Ghost</strong> have reached 100 %" in page
    older = signed_in.get("/log/?before=2025-03-01").content.decode()
    assert "Ghost" not in older
