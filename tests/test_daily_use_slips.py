"""Small things a runner trips over in daily use, each fixed once and checked here."""

import datetime

from django.template import Context, Template

from tests.factories import UserFactory
from tests.tracker.factories import LegMeasurementFactory, ProteinEntryFactory, RunFactory
from tracker.log.models import Run, get_profile
from tracker.log.models.body import percent_of_target


def test_a_lockout_says_how_long_in_words():
    template = Template("{% load tracker_format %}{{ span|timespan }}")
    for span, text in (
        (datetime.timedelta(minutes=15), "15 minutes"),
        (datetime.timedelta(hours=1, minutes=30), "1 hour 30 minutes"),
        (datetime.timedelta(days=1), "1 day"),
    ):
        assert template.render(Context({"span": span})) == text


def test_logging_out_says_so(client, db):
    user = UserFactory(username="leaving")
    client.force_login(user)
    response = client.post("/accounts/logout/", follow=True)
    assert "You are logged out." in response.content.decode()


def test_the_guides_404_does_not_talk_of_other_peoples_pages(client, db):
    assert "someone else" not in client.get("/guide/no-such-article/").content.decode()
    user = UserFactory(username="looker")
    client.force_login(user)
    assert "someone else" in client.get("/log/runs/999999/").content.decode()


def test_a_percent_below_the_target_never_rounds_up_to_100():
    assert percent_of_target(130, 130.3) == 99
    assert percent_of_target(130.3, 130.3) == 100
    assert percent_of_target(10, None) is None


def test_the_runs_csv_rounds_numbers_and_names_the_utc_start(client, db):
    user = UserFactory(username="csv")
    RunFactory(
        user=user,
        distance_m=3098.533530142614,
        start_time=datetime.datetime(2025, 3, 12, 6, 30, tzinfo=datetime.UTC),
    )
    client.force_login(user)
    text = client.get("/account/export/runs.csv").content.decode()
    header, row = text.splitlines()[:2]
    assert "start_time_utc" in header.split(",")
    assert "3098.534" in row
    assert "2025-03-12T06:30:00Z" in row


def test_the_same_typed_run_twice_asks_first(client, db):
    user = UserFactory(username="twice")
    client.force_login(user)
    day = get_profile(user).today().isoformat()
    run = {"date": day, "distance": "10", "duration": "50:00", "run_type": "easy",
           "surface": "road"}  # fmt: skip
    client.post("/log/runs/new/", run)
    again = client.post("/log/runs/new/", run)
    assert again.status_code == 200
    assert "already logged a run of this distance and time" in again.content.decode()
    assert Run.objects.filter(user=user).count() == 1
    client.post("/log/runs/new/", {**run, "save_duplicate": "on"})
    assert Run.objects.filter(user=user).count() == 2


def test_the_home_protein_days_skip_today(client, db):
    user = UserFactory(username="eater")
    today = get_profile(user).today()
    LegMeasurementFactory(user=user, date=today - datetime.timedelta(days=40), weight_kg=50)
    ProteinEntryFactory(user=user, date=today, protein_g=5)  # today, at noon: not a miss
    client.force_login(user)
    week = client.get("/").context["this_week"]
    assert week.protein_days_counted == 0
