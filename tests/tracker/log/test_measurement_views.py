import datetime

import pytest

from tests.tracker.factories import LegMeasurementFactory
from tracker.log.models import LegMeasurement, Profile, get_profile


def measurement_data(**overrides):
    data = {
        "date": "2025-03-10",
        "weight": "",
        "thigh_left": "",
        "thigh_right": "",
        "calf_left": "",
        "calf_right": "",
        "body_fat_pct": "",
        "notes": "",
    }
    return {**data, **overrides}


def test_a_measurement_is_saved_in_si_units(signed_in, runner):
    response = signed_in.post(
        "/log/measurements/new/",
        measurement_data(weight="70.5", thigh_left="55.5", thigh_right="55", body_fat_pct="15"),
    )
    measurement = LegMeasurement.objects.get()
    assert response["Location"] == f"/log/measurements/{measurement.pk}/"
    assert measurement.user == runner
    assert (measurement.weight_kg, measurement.thigh_left_cm, measurement.thigh_right_cm) == (
        70.5,
        55.5,
        55,
    )
    assert measurement.calf_left_cm is None
    assert measurement.body_fat_pct == 15


def test_an_imperial_measurement_is_entered_in_pounds_and_inches(signed_in, runner):
    profile = get_profile(runner)
    profile.units = Profile.Units.IMPERIAL
    profile.save()
    signed_in.post("/log/measurements/new/", measurement_data(weight="154", thigh_left="22"))
    measurement = LegMeasurement.objects.get()
    assert measurement.weight_kg == pytest.approx(69.853, abs=1e-3)  # 154 × 0.45359237
    assert measurement.thigh_left_cm == pytest.approx(55.88)  # 22 × 2.54
    page = signed_in.get(measurement.get_absolute_url()).content.decode()
    assert "154.0 lb" in page
    assert "22.0 in" in page
    form = signed_in.get(f"/log/measurements/{measurement.pk}/edit/").context["form"]
    assert form["thigh_left"].value() == 22.0


def test_the_detail_shows_changes_and_the_left_right_difference(signed_in, runner):
    LegMeasurementFactory(
        user=runner, date=datetime.date(2025, 1, 1), thigh_left_cm=54.0, thigh_right_cm=54.0
    )
    LegMeasurementFactory(
        user=runner, date=datetime.date(2025, 2, 1), thigh_left_cm=54.6, thigh_right_cm=54.2
    )
    latest = LegMeasurementFactory(
        user=runner, date=datetime.date(2025, 3, 1), thigh_left_cm=55.0, thigh_right_cm=54.5
    )
    page = signed_in.get(latest.get_absolute_url()).content.decode()
    assert "+0.4 cm" in page  # left thigh since February
    assert "+1.0 cm" in page  # left thigh since January
    assert "+0.5 cm" in page  # left minus right today


def test_an_empty_measurement_is_refused(signed_in):
    response = signed_in.post("/log/measurements/new/", measurement_data(notes="forgot"))
    assert response.context["form"].non_field_errors() == ["Enter at least one measurement."]
    assert "Enter at least one measurement." in response.content.decode()
    assert not LegMeasurement.objects.exists()


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"thigh_left": "5"}, "thigh_left", "Enter a thigh girth between 25 and 120 cm."),
        ({"thigh_right": "-55"}, "thigh_right", "Enter a thigh girth between 25 and 120 cm."),
        ({"calf_left": "150"}, "calf_left", "Enter a calf girth between 15 and 80 cm."),
        ({"weight": "0"}, "weight", "Enter a body weight between 20 and 400 kg."),
        ({"body_fat_pct": "90"}, "body_fat_pct", "Enter a body fat between 2 and 70 %."),
        ({"weight": "seventy"}, "weight", "Enter a number."),
    ],
)
def test_implausible_measurements_are_refused(signed_in, fields, field, message):
    response = signed_in.post("/log/measurements/new/", measurement_data(**fields))
    assert response.context["form"].errors[field] == [message]
    assert not LegMeasurement.objects.exists()


def test_bounds_are_given_in_inches_to_an_imperial_runner(signed_in, runner):
    profile = get_profile(runner)
    profile.units = Profile.Units.IMPERIAL
    profile.save()
    response = signed_in.post("/log/measurements/new/", measurement_data(thigh_left="2"))
    assert response.context["form"].errors["thigh_left"] == [
        "Enter a thigh girth between 9.8 and 47.2 in."
    ]


def test_editing_and_deleting_a_measurement(signed_in, runner):
    measurement = LegMeasurementFactory(user=runner)
    signed_in.post(f"/log/measurements/{measurement.pk}/edit/", measurement_data(calf_left="38.5"))
    measurement.refresh_from_db()
    assert measurement.calf_left_cm == 38.5
    assert measurement.weight_kg is None  # cleared in the form
    assert (
        "Delete this measurement?"
        in signed_in.get(f"/log/measurements/{measurement.pk}/delete/").content.decode()
    )
    response = signed_in.post(f"/log/measurements/{measurement.pk}/delete/")
    assert response["Location"] == "/log/measurements/"
    assert not LegMeasurement.objects.exists()


def test_the_list_shows_my_measurements_filtered_by_date(signed_in, runner, other_runner):
    LegMeasurementFactory(user=runner, date=datetime.date(2025, 1, 1), thigh_left_cm=54.0)
    LegMeasurementFactory(user=runner, date=datetime.date(2025, 3, 1), thigh_left_cm=55.5)
    LegMeasurementFactory(user=other_runner, thigh_left_cm=60.0)
    response = signed_in.get("/log/measurements/", {"end": "2025-02-01"})
    assert [m.thigh_left_cm for m in response.context["page"]] == [54.0]
    assert "60.0 cm" not in response.content.decode()


def test_a_new_runner_is_guided_to_the_first_measurement(signed_in):
    assert "Add your first measurement" in signed_in.get("/log/measurements/").content.decode()


@pytest.mark.parametrize("rows", [1, 30])
def test_the_list_needs_the_same_queries_for_1_or_30_measurements(
    signed_in, runner, rows, django_assert_num_queries
):
    LegMeasurementFactory.create_batch(rows, user=runner)
    get_profile(runner)
    # session, user, profile, page count, page rows
    with django_assert_num_queries(5):
        signed_in.get("/log/measurements/")


OBJECT_URLS = [
    "/log/measurements/{pk}/",
    "/log/measurements/{pk}/edit/",
    "/log/measurements/{pk}/delete/",
]


@pytest.mark.parametrize("url", OBJECT_URLS)
@pytest.mark.parametrize("method", ["get", "post"])
def test_another_runners_measurement_is_a_404_and_stays_unchanged(
    client, runner, other_runner, url, method
):
    theirs = LegMeasurementFactory(user=other_runner, thigh_left_cm=55.0)
    client.force_login(runner)
    response = getattr(client, method)(url.format(pk=theirs.pk), measurement_data(weight="99"))
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert (theirs.thigh_left_cm, theirs.weight_kg) == (55.0, 70.0)
