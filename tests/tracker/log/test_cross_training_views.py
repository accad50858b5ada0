"""/log/cross-training/: rides, swims, walks and other sports, logged in the runner's units."""

import pytest

from tests.tracker.factories import CrossTrainingFactory
from tracker.log.models import CrossTrainingSession, Profile, get_profile


def session_data(**overrides):
    data = {
        "date": "2025-03-10",
        "start_time": "07:30",
        "sport": "cycling",
        "duration": "1:30:00",
        "distance": "45",
        "avg_hr_bpm": "",
        "max_hr_bpm": "",
        "effort": "5",
        "notes": "",
    }
    return {**data, **overrides}


def test_a_ride_is_saved_in_si_and_shown_with_its_load(signed_in, runner):
    response = signed_in.post("/log/cross-training/new/", session_data())
    session = CrossTrainingSession.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/log/cross-training/{session.pk}/"
    assert (session.user, session.sport) == (runner, "cycling")
    assert (session.duration_s, session.distance_m) == (5400, 45_000)
    page = signed_in.get(response["Location"]).content.decode()
    assert "45.00 km" in page
    assert "30.0 km/h" in page
    assert "450" in page  # load: effort 5 × 90 min


def test_an_elliptical_session_needs_no_distance(signed_in):
    response = signed_in.post(
        "/log/cross-training/new/", session_data(sport="elliptical", distance="")
    )
    assert response.status_code == 302
    assert CrossTrainingSession.objects.get().distance_m is None


def test_an_imperial_runner_enters_miles(signed_in, runner):
    profile = get_profile(runner)
    profile.units = Profile.Units.IMPERIAL
    profile.save()
    signed_in.post("/log/cross-training/new/", session_data(distance="20"))
    assert CrossTrainingSession.objects.get().distance_m == pytest.approx(32186.88)


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"duration": "0:00"}, "duration", "Enter a duration above zero."),
        ({"duration": "49:00:00"}, "duration", "A session can last at most 48 hours"),
        ({"distance": "300", "duration": "1:00:00"}, "duration", "faster than 100 km/h"),
        ({"distance": "-1"}, "distance", "Enter a distance above 0 and up to 1,000 km."),
        ({"avg_hr_bpm": "300"}, "avg_hr_bpm", "Enter a heart rate between 30 and 250 bpm."),
        ({"effort": "11"}, "effort", "Choose an effort from 1 to 10."),
    ],
)
def test_implausible_sessions_are_refused_on_the_field(signed_in, overrides, field, message):
    response = signed_in.post("/log/cross-training/new/", session_data(**overrides))
    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors.get(field, []))
    assert message in errors
    assert not CrossTrainingSession.objects.exists()


def test_the_list_totals_the_runners_own_sessions_only(signed_in, runner, other_runner):
    CrossTrainingFactory(user=runner, duration_s=3600)
    CrossTrainingFactory(user=runner, duration_s=1800, sport="swimming")
    CrossTrainingFactory(user=other_runner, duration_s=7200)
    page = signed_in.get("/log/cross-training/").content.decode()
    assert "2 sessions, 1:30:00" in page
    assert "Swimming" in page


def test_editing_and_deleting_a_session(signed_in, runner):
    session = CrossTrainingFactory(user=runner)
    signed_in.post(f"/log/cross-training/{session.pk}/edit/", session_data(sport="rowing"))
    session.refresh_from_db()
    assert session.sport == "rowing"
    signed_in.post(f"/log/cross-training/{session.pk}/delete/")
    assert not CrossTrainingSession.objects.exists()


def test_another_runner_gets_404_and_the_session_is_unchanged(client, runner, other_runner):
    session = CrossTrainingFactory(user=runner, notes="mine")
    client.force_login(other_runner)
    for url in (
        f"/log/cross-training/{session.pk}/",
        f"/log/cross-training/{session.pk}/edit/",
        f"/log/cross-training/{session.pk}/delete/",
    ):
        assert client.get(url).status_code == 404
        assert client.post(url, session_data(notes="theirs")).status_code == 404
    session.refresh_from_db()
    assert session.notes == "mine"
