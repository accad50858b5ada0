import datetime

import pytest

from tests.tracker.factories import RunFactory
from tracker.log.models import Profile, Run, get_profile


def run_data(**overrides):
    data = {
        "date": "2025-03-10",
        "start_time": "",
        "distance": "10",
        "duration": "50:00",
        "run_type": "tempo",
        "surface": "road",
        "elevation_gain": "",
        "avg_hr_bpm": "",
        "max_hr_bpm": "",
        "effort": "6",
        "notes": "",
    }
    return {**data, **overrides}


def use_imperial(user):
    profile = get_profile(user)
    profile.units = Profile.Units.IMPERIAL
    profile.save()


def test_logging_a_run_stores_si_values_and_shows_pace_speed_and_load(signed_in, runner):
    response = signed_in.post("/log/runs/new/", run_data())
    run = Run.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/log/runs/{run.pk}/"
    assert run.user == runner
    assert run.distance_m == 10_000
    assert run.duration_s == 3000
    page = signed_in.get(response["Location"]).content.decode()
    assert "10.00 km" in page
    assert "5:00 /km" in page
    assert "12.0 km/h" in page
    assert "300" in page  # load: effort 6 × 50 min


def test_an_imperial_run_is_entered_and_shown_in_miles_and_feet(signed_in, runner):
    use_imperial(runner)
    signed_in.post(
        "/log/runs/new/", run_data(distance="3.1", duration="25:00", elevation_gain="328")
    )
    run = Run.objects.get()
    assert run.distance_m == pytest.approx(4988.97, abs=0.01)  # 3.1 × 1609.344
    assert run.elevation_gain_m == pytest.approx(99.97, abs=0.01)  # 328 × 0.3048
    page = signed_in.get(f"/log/runs/{run.pk}/").content.decode()
    assert "3.10 mi" in page
    assert "8:04 /mi" in page  # 1500 s / 3.1 mi = 483.9 s
    assert "328 ft" in page


def test_a_start_time_is_kept_in_the_runners_time_zone(signed_in, runner):
    profile = get_profile(runner)
    profile.time_zone = "Europe/Berlin"
    profile.save()
    signed_in.post("/log/runs/new/", run_data(start_time="07:30"))
    run = Run.objects.get()
    assert run.start_time == datetime.datetime(2025, 3, 10, 6, 30, tzinfo=datetime.UTC)
    assert "07:30" in signed_in.get(f"/log/runs/{run.pk}/edit/").content.decode()


def test_the_edit_form_shows_the_run_in_the_runners_units(signed_in, runner):
    use_imperial(runner)
    run = RunFactory(user=runner, distance_m=8046.72, duration_s=2400)
    form = signed_in.get(f"/log/runs/{run.pk}/edit/").context["form"]
    assert form["distance"].value() == 5.0
    assert form["duration"].value() == "40:00"


def test_editing_a_run_changes_it(signed_in, runner):
    run = RunFactory(user=runner)
    response = signed_in.post(
        f"/log/runs/{run.pk}/edit/", run_data(distance="12.5", duration="1:02:30")
    )
    assert response["Location"] == f"/log/runs/{run.pk}/"
    run.refresh_from_db()
    assert (run.distance_m, run.duration_s, run.run_type) == (12_500, 3750, "tempo")


def test_deleting_a_run_asks_first_then_deletes_it(signed_in, runner):
    run = RunFactory(user=runner)
    confirm = signed_in.get(f"/log/runs/{run.pk}/delete/")
    assert "Delete this run?" in confirm.content.decode()
    assert Run.objects.filter(pk=run.pk).exists()
    response = signed_in.post(f"/log/runs/{run.pk}/delete/")
    assert response["Location"] == "/log/runs/"
    assert not Run.objects.filter(pk=run.pk).exists()


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"distance": "0"}, "distance", "Enter a distance above 0 and up to 500 km."),
        ({"distance": "-5"}, "distance", "Enter a distance above 0 and up to 500 km."),
        ({"distance": "600"}, "distance", "Enter a distance above 0 and up to 500 km."),
        ({"distance": "nan"}, "distance", "Enter a number."),
        ({"distance": "1e999"}, "distance", "Enter a smaller number."),
        ({"distance": "5.123"}, "distance", "Use fewer decimal places (at most 2)."),
        (
            {"duration": "abc"},
            "duration",
            "Enter the duration as h:mm:ss or mm:ss, for example 45:30 or 1:05:00.",
        ),
        ({"duration": "0:00"}, "duration", "Enter a duration above zero."),
        ({"duration": "49:00:00"}, "duration", "A run can last at most 48 hours (48:00:00)."),
        (
            {"duration": "99999999999999999999"},
            "duration",
            "A run can last at most 48 hours (48:00:00).",
        ),
        (
            {"distance": "10", "duration": "14:59"},
            "duration",
            "That is faster than 1:30 per km: check the distance and the duration.",
        ),
        (
            {"elevation_gain": "-3"},
            "elevation_gain",
            "Enter an elevation gain between 0 and 15,000 m.",
        ),
        ({"avg_hr_bpm": "300"}, "avg_hr_bpm", "Enter a heart rate between 30 and 250 bpm."),
        (
            {"avg_hr_bpm": "160", "max_hr_bpm": "150"},
            "max_hr_bpm",
            "The maximum heart rate cannot be below the average.",
        ),
        ({"effort": "11"}, "effort", "Choose an effort from 1 to 10."),
        ({"effort": "-1"}, "effort", "Choose an effort from 1 to 10."),
        ({"max_hr_bpm": "-60"}, "max_hr_bpm", "Enter a heart rate between 30 and 250 bpm."),
        ({"effort": "hard"}, "effort", "Enter a whole number."),
        (
            {"run_type": "jog"},
            "run_type",
            "Select a valid choice. jog is not one of the available choices.",
        ),
        ({"date": "2025-02-30"}, "date", "Enter a valid date."),
        ({"date": "1949-12-31"}, "date", "Enter a date after 1950."),
        ({"start_time": "25:00"}, "start_time", "Enter a valid time."),
    ],
)
def test_implausible_runs_are_refused_with_a_message_on_the_field(
    signed_in, fields, field, message
):
    response = signed_in.post("/log/runs/new/", run_data(**fields))
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    assert message.replace("'", "&#x27;") in response.content.decode()
    assert not Run.objects.exists()


def test_an_imperial_runner_is_told_the_fastest_pace_per_mile(signed_in, runner):
    use_imperial(runner)
    response = signed_in.post("/log/runs/new/", run_data(distance="10", duration="20:00"))
    assert response.context["form"].errors["duration"] == [
        "That is faster than 2:25 per mile: check the distance and the duration."
    ]


def test_a_run_may_be_dated_tomorrow_but_not_the_day_after(signed_in, runner):
    today = get_profile(runner).today()
    day_after = today + datetime.timedelta(days=2)
    response = signed_in.post("/log/runs/new/", run_data(date=day_after.isoformat()))
    assert response.context["form"].errors["date"] == [
        "That date is more than a day ahead. Log what you have done."
    ]
    tomorrow = today + datetime.timedelta(days=1)
    assert signed_in.post("/log/runs/new/", run_data(date=tomorrow.isoformat())).status_code == 302


def test_the_new_run_form_starts_on_today(signed_in, runner):
    form = signed_in.get("/log/runs/new/").context["form"]
    assert form["date"].value() == get_profile(runner).today()


def test_the_run_list_shows_only_my_runs_newest_first(signed_in, runner, other_runner):
    RunFactory(user=runner, date=datetime.date(2025, 3, 1), distance_m=5000)
    RunFactory(user=runner, date=datetime.date(2025, 3, 5), distance_m=8000)
    RunFactory(user=other_runner, distance_m=42_195)
    response = signed_in.get("/log/runs/")
    assert [r.distance_m for r in response.context["page"]] == [8000, 5000]
    assert "42.20 km" not in response.content.decode()
    assert "13.00 km" in response.content.decode()  # the total


def test_the_run_list_filters_by_date(signed_in, runner):
    for day in (1, 10, 20):
        RunFactory(user=runner, date=datetime.date(2025, 3, day))
    response = signed_in.get("/log/runs/", {"start": "2025-03-05", "end": "2025-03-15"})
    assert [r.date.day for r in response.context["page"]] == [10]


def test_a_broken_date_filter_shows_an_error_and_every_run(signed_in, runner):
    RunFactory(user=runner)
    response = signed_in.get("/log/runs/", {"start": "yesterday", "page": "x"})
    assert response.status_code == 200
    assert "Enter a valid date." in response.content.decode()
    assert len(response.context["page"]) == 1


def test_the_run_list_pages_by_25(signed_in, runner):
    RunFactory.create_batch(30, user=runner)
    assert len(signed_in.get("/log/runs/").context["page"]) == 25
    assert len(signed_in.get("/log/runs/", {"page": 2}).context["page"]) == 5


def test_a_new_runner_is_guided_to_the_first_run(signed_in):
    assert "Log your first run" in signed_in.get("/log/runs/").content.decode()


@pytest.mark.parametrize("rows", [1, 30])
def test_the_run_list_needs_the_same_queries_for_1_or_30_runs(
    signed_in, runner, rows, django_assert_num_queries
):
    RunFactory.create_batch(rows, user=runner)
    get_profile(runner)
    # session, user, profile, totals, page count, page rows
    with django_assert_num_queries(6):
        signed_in.get("/log/runs/")


def test_signed_out_visitors_are_sent_to_log_in(client, runner):
    run = RunFactory(user=runner)
    for url in ("/log/runs/", "/log/runs/new/", f"/log/runs/{run.pk}/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")


OBJECT_URLS = ["/log/runs/{pk}/", "/log/runs/{pk}/edit/", "/log/runs/{pk}/delete/"]


@pytest.mark.parametrize("url", OBJECT_URLS)
@pytest.mark.parametrize("method", ["get", "post"])
def test_another_runners_run_is_a_404_and_stays_unchanged(
    client, runner, other_runner, url, method
):
    theirs = RunFactory(user=other_runner, distance_m=5000, duration_s=1500)
    client.force_login(runner)
    response = getattr(client, method)(url.format(pk=theirs.pk), run_data(distance="1"))
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert (theirs.distance_m, theirs.duration_s, theirs.user) == (5000, 1500, other_runner)
