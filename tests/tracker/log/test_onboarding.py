"""The short form after sign-up: goal, units, body weight (the first measurement) and time zone;
and the settings page's body weight, birth year and time-zone helpers."""

import datetime

from django.utils import timezone

from tests.tracker.factories import LegMeasurementFactory
from tracker.log.models import LegMeasurement, Profile, get_profile

URL = "/settings/start/"


def test_sign_up_leads_to_the_short_form(client, db):
    response = client.post(
        "/accounts/signup/",
        {"username": "newbie", "password1": "a-long-pass-4242", "password2": "a-long-pass-4242"},
    )
    assert response["Location"] == URL
    page = client.get(URL).content.decode()
    assert "Welcome, newbie" in page
    assert "Welcome back" not in page


def test_the_form_saves_goal_units_time_zone_and_a_first_body_weight(signed_in, runner):
    page = signed_in.get(URL).content.decode()
    assert 'data-browser-time-zone="true"' in page
    assert 'value="build"' in page
    assert 'value="build" checked' not in page  # no goal is assumed

    response = signed_in.post(
        URL,
        {"goal": "lean", "units": "imperial", "time_zone": "Europe/Berlin", "body_weight": "154"},
    )

    assert response["Location"] == "/"
    profile = Profile.objects.get(user=runner)
    assert (profile.goal, profile.units, profile.time_zone) == ("lean", "imperial", "Europe/Berlin")
    assert profile.onboarded_at is not None
    measurement = LegMeasurement.objects.for_user(runner).get()
    assert round(measurement.weight_kg, 1) == 69.9  # 154 lb
    assert measurement.date == profile.today()


def test_an_implausible_body_weight_is_refused_in_the_chosen_units(signed_in, runner):
    response = signed_in.post(
        URL, {"goal": "build", "units": "metric", "time_zone": "UTC", "body_weight": "5"}
    )
    assert response.status_code == 200
    assert "Enter a body weight between 20 and 400 kg." in response.content.decode()
    assert not LegMeasurement.objects.exists()


def test_skipping_marks_the_runner_set_up(signed_in, runner):
    signed_in.post(URL, {"skip": "1"})
    assert get_profile(runner).onboarded_at is not None
    assert signed_in.get("/").context["next_step"].url != URL


def test_settings_show_the_latest_body_weight_and_an_age_predicted_max_hr(signed_in, runner):
    profile = get_profile(runner)
    profile.birth_year = profile.today().year - 40
    profile.onboarded_at = timezone.now()
    profile.save()
    LegMeasurementFactory(user=runner, date=datetime.date(2025, 1, 1), weight_kg=70)
    LegMeasurementFactory(user=runner, date=datetime.date(2025, 2, 1), weight_kg=71.5)

    page = signed_in.get("/settings/").content.decode()

    assert "71.5 kg</span> on 1 Feb 2025" in page
    assert "Your age predicts about 180 bpm (208 − 0.7 × age, Tanaka 2001)." in page
    assert "Used for the heart-rate training load (TRIMP)." in page


def test_a_new_profile_has_no_run_faster_goal_preselected_on_the_form(signed_in):
    page = signed_in.get(URL).content.decode()
    assert 'value="faster" checked' not in page
