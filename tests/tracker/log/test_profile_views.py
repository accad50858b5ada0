import pytest

from tracker.log.models import Profile, get_profile


def settings_data(**overrides):
    data = {
        "units": "metric",
        "protein_g_per_kg": "1.6",
        "goal": "build",
        "sex": "",
        "birth_year": "",
        "resting_hr_bpm": "",
        "max_hr_bpm": "",
        "time_zone": "Europe/London",
    }
    return {**data, **overrides}


def test_the_settings_page_creates_the_profile_with_the_default_target(signed_in, runner):
    response = signed_in.get("/settings/")
    assert response.status_code == 200
    assert response.context["form"]["protein_g_per_kg"].value() == 1.6
    assert Profile.objects.filter(user=runner).exists()


def test_saving_settings_switches_to_imperial(signed_in, runner):
    response = signed_in.post(
        "/settings/",
        settings_data(
            units="imperial",
            protein_g_per_kg="1.8",
            sex="female",
            birth_year="1990",
            resting_hr_bpm="52",
            max_hr_bpm="188",
            time_zone="America/New_York",
        ),
    )
    assert response["Location"] == "/settings/"
    profile = get_profile(runner)
    assert (profile.units, profile.protein_g_per_kg, profile.goal) == ("imperial", 1.8, "build")
    assert (profile.sex, profile.birth_year, profile.time_zone) == (
        "female",
        1990,
        "America/New_York",
    )
    assert (profile.resting_hr_bpm, profile.max_hr_bpm) == (52, 188)
    assert "Settings saved." in signed_in.get("/settings/").content.decode()


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"time_zone": "Mars/Olympus"}, "time_zone", "Choose a time zone from the list."),
        (
            {"protein_g_per_kg": "5"},
            "protein_g_per_kg",
            "Enter a protein target between 0.5 and 3.5 g/kg.",
        ),
        ({"birth_year": "1850"}, "birth_year", "Enter your birth year, for example 1990."),
        ({"birth_year": "-1990"}, "birth_year", "Enter your birth year, for example 1990."),
        (
            {"resting_hr_bpm": "10"},
            "resting_hr_bpm",
            "Enter a resting heart rate between 25 and 120 bpm.",
        ),
        (
            {"resting_hr_bpm": "110", "max_hr_bpm": "105"},
            "max_hr_bpm",
            "The maximum heart rate must be above the resting one.",
        ),
        ({"units": "furlongs"}, "units", None),
    ],
)
def test_implausible_settings_are_refused(signed_in, runner, fields, field, message):
    response = signed_in.post("/settings/", settings_data(**fields))
    assert response.status_code == 200
    errors = response.context["form"].errors[field]
    assert errors == [message] if message else errors
    assert get_profile(runner).units == "metric"
    assert get_profile(runner).time_zone != "Mars/Olympus"


def test_settings_need_a_signed_in_runner(client):
    response = client.get("/settings/")
    assert response["Location"].startswith("/accounts/login/")


def test_the_account_menu_links_to_settings(signed_in):
    assert 'href="/settings/">Settings</a>' in signed_in.get("/log/").content.decode()


def test_the_protein_hint_follows_the_guides_range_as_an_admin_set_it(signed_in, guideline):
    protein = guideline(key="protein_g_per_kg", minimum=1.2, maximum=2.0, unit="g/kg/day")
    assert "the guide suggests 1.2–2 g/kg/day" in signed_in.get("/settings/").content.decode()
    protein.minimum = 1.4
    protein.save()
    assert "the guide suggests 1.4–2 g/kg/day" in signed_in.get("/settings/").content.decode()
