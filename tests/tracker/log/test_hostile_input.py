"""Nothing a runner types gives a 500: every field of every form gets garbage."""

import pytest

from tests.tracker.factories import RunFactory

GARBAGE = ["", "-1", "1e999", "NaN", "99999999999999999999", "١٢", "x" * 500]

FORMS = {
    "/log/runs/new/": [
        "date",
        "start_time",
        "distance",
        "duration",
        "run_type",
        "surface",
        "elevation_gain",
        "avg_hr_bpm",
        "max_hr_bpm",
        "effort",
    ],
    "/log/measurements/new/": [
        "date",
        "weight",
        "thigh_left",
        "thigh_right",
        "calf_left",
        "calf_right",
        "body_fat_pct",
    ],
    "/log/protein/new/": ["date", "protein_g", "food", "meal", "next"],
    "/settings/": [
        "units",
        "protein_g_per_kg",
        "goal",
        "sex",
        "birth_year",
        "resting_hr_bpm",
        "max_hr_bpm",
        "time_zone",
    ],
    "/log/strength/new/": [
        "date",
        "effort",
        "sets-TOTAL_FORMS",
        "sets-INITIAL_FORMS",
        "sets-0-exercise",
        "sets-0-reps",
        "sets-0-weight",
        "sets-0-reps_in_reserve",
        "sets-0-id",
    ],
}
VALID = {
    "date": "2025-03-10",
    "distance": "10",
    "duration": "50:00",
    "run_type": "easy",
    "surface": "road",
    "weight": "70",
    "protein_g": "20",
    "units": "metric",
    "protein_g_per_kg": "1.6",
    "goal": "build",
    "time_zone": "UTC",
    "sets-TOTAL_FORMS": "1",
    "sets-INITIAL_FORMS": "0",
    "sets-0-reps": "5",
    "sets-0-weight": "100",
}


# One test a field, not a form: a form's garbage took up to 9 s (the settings page renders its
# 600 time zones with every answer), too long a piece for the two workers of `make test` to share.
@pytest.mark.parametrize(
    ("url", "field"), [(url, field) for url, fields in FORMS.items() for field in fields]
)
def test_garbage_in_any_field_is_answered_with_a_form_or_a_redirect(signed_in, squat, url, field):
    valid = {**VALID, "sets-0-exercise": str(squat.pk)}
    statuses = {signed_in.post(url, {**valid, field: value}).status_code for value in GARBAGE}
    assert statuses <= {200, 302, 400}


@pytest.mark.parametrize(
    "url",
    [
        "/log/runs/99999999999999999999/",
        "/log/runs/99999999999999999999/edit/",
        "/log/strength/99999999999999999999/",
        "/log/exercises/99999999999999999999/edit/",
    ],
)
def test_an_enormous_id_is_a_404(signed_in, url):
    assert signed_in.get(url).status_code == 404


@pytest.mark.parametrize(
    "query",
    [{"page": "-1"}, {"page": "999999"}, {"start": "0000-00-00"}, {"end": "99999-01-01"}],
)
def test_odd_list_parameters_still_show_the_list(signed_in, runner, query):
    RunFactory(user=runner)
    for url in ("/log/runs/", "/log/strength/", "/log/measurements/", "/log/protein/"):
        assert signed_in.get(url, query).status_code == 200
