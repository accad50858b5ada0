"""The home page: the pitch for visitors; for a signed-in runner this week and the four before
it, a month calendar, the latest entries and insights, and the one next step."""

import datetime

import pytest
from django.utils import timezone

from tests.snapshots import load_guide
from tests.tracker.factories import (
    LegMeasurementFactory,
    ProteinEntryFactory,
    RunFactory,
    StrengthSessionFactory,
)
from tracker.log.models import get_profile


@pytest.fixture
def set_up_runner(runner):
    """A runner who finished the form after sign-up."""
    profile = get_profile(runner)
    profile.onboarded_at = timezone.now()
    profile.save()
    return runner


def monday_of(day):
    return day - datetime.timedelta(days=day.weekday())


def test_a_visitor_is_invited_to_sign_up(client, db):
    page = client.get("/").content.decode()

    assert "Start tracking, free" in page
    assert "What your log says" not in page


def test_a_signed_in_runner_sees_their_top_insights_with_links(client, set_up_runner):
    runner = set_up_runner
    load_guide()
    today = get_profile(runner).today()
    LegMeasurementFactory(user=runner, date=today, thigh_left_cm=60.0, thigh_right_cm=54.0)
    for n in range(7):  # no rest day, never lifted, a posterior-chain gap is not yet due
        RunFactory(user=runner, date=today - datetime.timedelta(days=n))
    client.force_login(runner)

    page = client.get("/").content.decode()

    assert "Welcome back, rosa." in page
    assert "Start tracking, free" not in page  # no marketing page for a runner
    assert "Your thighs differ by 10.0 %" in page  # a warning comes first
    assert 'href="/guide/muscle-balance-and-single-leg-work/"' in page
    assert page.count('class="alert alert-') == 3  # the top three of four
    assert 'href="/progress/"' in page


def test_this_weeks_figures_match_the_log(client, set_up_runner, guide):
    runner = set_up_runner
    today = get_profile(runner).today()
    monday = monday_of(today)
    RunFactory(user=runner, date=monday, distance_m=10_000, duration_s=3000, effort=4)
    RunFactory(user=runner, date=today, distance_m=5_000, duration_s=1500, effort=6)
    RunFactory(user=runner, date=monday - datetime.timedelta(days=1), distance_m=42_000)
    StrengthSessionFactory(user=runner, date=today)
    LegMeasurementFactory(user=runner, date=monday - datetime.timedelta(days=30), weight_kg=80)
    yesterday = today - datetime.timedelta(days=1)
    if yesterday >= monday:
        ProteinEntryFactory(user=runner, date=yesterday, protein_g=160)  # 2.0 g/kg: met
    ProteinEntryFactory(user=runner, date=today, protein_g=10)  # today is not over
    client.force_login(runner)

    response = client.get("/")

    week = response.context["this_week"]
    assert week.start == monday
    assert week.distance_m == 15_000
    assert week.duration_s == 4500
    assert week.load == pytest.approx(4 * 50 + 6 * 25)
    assert week.runs == 2
    assert week.strength_sessions == 1
    assert (week.protein_days_met, week.protein_days_counted) == (
        (1, 1) if yesterday >= monday else (0, 0)
    )
    last_week = response.context["weeks"][1]
    assert last_week.distance_m == 42_000
    assert len(response.context["weeks"]) == 5
    page = response.content.decode()
    assert '<dd class="stat-value mb-0" data-week="distance">15.00 km</dd>' in page


def test_the_calendar_marks_the_days_with_entries(client, set_up_runner):
    runner = set_up_runner
    today = get_profile(runner).today()
    RunFactory(user=runner, date=today)
    StrengthSessionFactory(user=runner, date=today)
    client.force_login(runner)

    response = client.get("/")

    days = [day for week in response.context["calendar_weeks"] for day in week]
    marked = next(day for day in days if day.is_today)
    assert marked.logged == {"run": 1, "strength": 1, "measurement": 0}
    assert marked.description == "1 run, 1 strength session"
    assert f"{today:%-d %B}: 1 run, 1 strength session" in response.content.decode()
    assert all(day.date.weekday() == n % 7 for n, day in enumerate(days))


def test_a_new_runner_is_asked_to_set_up_first(client, runner):
    client.force_login(runner)

    response = client.get("/")

    assert response.context["next_step"].url == "/settings/start/"


def test_a_set_up_runner_with_an_empty_log_is_asked_for_a_first_run(client, set_up_runner):
    client.force_login(set_up_runner)

    response = client.get("/")

    assert response.context["next_step"].url == "/log/runs/new/"
    assert "What your log says" in response.content.decode()


def test_another_runners_entries_never_show(client, set_up_runner, other_runner):
    today = get_profile(set_up_runner).today()
    RunFactory(user=other_runner, date=today, distance_m=42_195)
    client.force_login(set_up_runner)

    response = client.get("/")

    assert response.context["this_week"].distance_m == 0
    assert response.context["recent"] == []
    assert "42.20 km" not in response.content.decode()


def test_the_home_page_needs_the_same_queries_however_long_the_log(
    client, set_up_runner, guide, django_assert_num_queries
):
    runner = set_up_runner
    today = get_profile(runner).today()
    client.force_login(runner)

    def history(days):
        for n in range(days):
            day = today - datetime.timedelta(days=n)
            RunFactory(user=runner, date=day)
            StrengthSessionFactory(user=runner, date=day)
            LegMeasurementFactory(user=runner, date=day)
            ProteinEntryFactory(user=runner, date=day)

    history(3)
    client.get("/")  # warm the guide's caches
    # session, user, profile; the Snapshot's guidelines, articles, its rows (training per day,
    # sets per day, their exercises, measurements, protein) and worn shoes; runs, sessions and
    # measurements per day; protein days; the timeline's runs, sessions, their sets,
    # measurements, protein days and their entries
    with django_assert_num_queries(20) as short:
        client.get("/")
    history(400)
    with django_assert_num_queries(len(short.captured_queries)):
        client.get("/")


def test_a_run_waiting_for_its_date_is_in_no_weekly_total_nor_the_timeline(
    client, set_up_runner, guide
):
    from tracker.log.models import get_profile

    runner = set_up_runner
    today = get_profile(runner).today()
    RunFactory(user=runner, date=today, distance_m=7_777, needs_date=True)
    RunFactory(user=runner, date=today, distance_m=5_000)
    client.force_login(runner)

    home = client.get("/").content.decode()
    log = client.get("/log/").content.decode()

    assert "7.78 km" not in home  # the dated run's 5.00 km is the week's total
    assert "5.00 km" in home
    assert "7.78 km" not in log
