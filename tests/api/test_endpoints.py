"""What the API says and accepts: SI fields named with their unit, the forms' bounds, nested
sets, pages, date filters, throttling and the schema."""

import datetime

import pytest
from rest_framework.throttling import UserRateThrottle

from tests.tracker.factories import ExerciseFactory, RunFactory, StrengthSessionFactory
from tracker.log.models import Run, StrengthSession, StrengthSet


def test_a_run_reads_in_si_units_named_with_their_unit(as_runner, runner):
    RunFactory(user=runner, distance_m=10_000, duration_s=3000, elevation_gain_m=80, avg_hr_bpm=150)
    (row,) = as_runner.get("/api/v1/runs/").json()["results"]
    assert row["distance_m"] == 10_000
    assert row["duration_s"] == 3000
    assert row["pace_s_per_km"] == 300
    assert row["elevation_gain_m"] == 80
    assert row["avg_hr_bpm"] == 150


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"distance_m": 10_000, "duration_s": 600}, "duration_s", "faster than 1:30 per km"),
        ({"distance_m": 600_000, "duration_s": 100_000}, "distance_m", "up to 500,000 m"),
        ({"distance_m": 10_000, "duration_s": 200_000}, "duration_s", "at most 48 hours"),
        ({"avg_hr_bpm": 300}, "avg_hr_bpm", "between 30 and 250 bpm"),
        ({"avg_hr_bpm": 160, "max_hr_bpm": 150}, "max_hr_bpm", "cannot be below the average"),
        ({"effort": 11}, "effort", "from 1 to 10"),
        ({"elevation_gain_m": 20_000}, "elevation_gain_m", "between 0 and 15,000 m"),
        ({"date": "2999-01-01"}, "date", "more than a day ahead"),
        ({"date": "1900-01-01"}, "date", "after 1950"),
    ],
)
def test_a_run_is_checked_against_the_forms_bounds(as_runner, data, field, message):
    body = {"date": "2025-03-10", "distance_m": 10_000, "duration_s": 3000, **data}
    response = as_runner.post("/api/v1/runs/", body, format="json")
    assert response.status_code == 400
    assert message in response.json()[field][0]
    assert not Run.objects.exists()


def test_a_patch_is_checked_with_the_values_it_leaves(as_runner, runner):
    run = RunFactory(user=runner, distance_m=10_000, duration_s=3000)
    response = as_runner.patch(f"/api/v1/runs/{run.pk}/", {"duration_s": 60}, format="json")
    assert response.status_code == 400
    assert "faster than 1:30 per km" in response.json()["duration_s"][0]


@pytest.mark.parametrize(
    ("path", "data", "field", "message"),
    [
        ("measurements", {"thigh_left_cm": 500}, "thigh_left_cm", "between 25 and 120 cm"),
        ("measurements", {"weight_kg": 5}, "weight_kg", "between 20 and 400 kg"),
        ("measurements", {}, "non_field_errors", "at least one measurement"),
        ("protein", {"protein_g": 301}, "protein_g", "at most 300 g"),
        ("protein", {"protein_g": 0}, "protein_g", "above 0"),
    ],
)
def test_measurements_and_protein_are_checked_too(as_runner, path, data, field, message):
    response = as_runner.post(f"/api/v1/{path}/", {"date": "2025-03-10", **data}, format="json")
    assert response.status_code == 400
    assert message in response.json()[field][0]


def test_a_session_is_created_with_its_sets_in_order(as_runner, runner, squat):
    deadlift = ExerciseFactory(name="Deadlift")
    response = as_runner.post(
        "/api/v1/strength-sessions/",
        {
            "date": "2025-03-10",
            "effort": 7,
            "sets": [
                {"exercise": squat.pk, "reps": 5, "weight_kg": 100},
                {"exercise": deadlift.pk, "reps": 3, "weight_kg": 140, "reps_in_reserve": 2},
            ],
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert [s["exercise_name"] for s in body["sets"]] == ["Squat", "Deadlift"]
    assert body["volume_kg"] == 5 * 100 + 3 * 140
    session = StrengthSession.objects.get(user=runner)
    assert list(session.sets.values_list("order", "reps")) == [(0, 5), (1, 3)]


def test_a_full_update_replaces_the_sets_and_a_bad_set_changes_nothing(as_runner, runner, squat):
    session = StrengthSessionFactory(user=runner)
    StrengthSet.objects.create(session=session, exercise=squat, reps=5, weight_kg=100)
    url = f"/api/v1/strength-sessions/{session.pk}/"
    bad = as_runner.put(
        url,
        {
            "date": "2025-03-10",
            "sets": [
                {"exercise": squat.pk, "reps": 8, "weight_kg": 80},
                {"exercise": squat.pk, "reps": 500, "weight_kg": 80},
            ],
        },
        format="json",
    )
    assert bad.status_code == 400
    assert "from 1 to 100 reps" in bad.json()["sets"]["1"]["reps"][0]
    assert list(session.sets.values_list("reps", flat=True)) == [5]
    good = as_runner.put(
        url,
        {"date": "2025-03-10", "sets": [{"exercise": squat.pk, "reps": 8, "weight_kg": 80}]},
        format="json",
    )
    assert good.status_code == 200
    assert [s["reps"] for s in good.json()["sets"]] == [8]
    assert list(session.sets.values_list("reps", flat=True)) == [8]


def test_a_patch_with_a_set_missing_its_reps_is_refused_and_changes_nothing(
    as_runner, runner, squat
):
    # Found by the schema fuzz: a PATCH made every set field optional, and a set without reps
    # reached the database (500).
    session = StrengthSessionFactory(user=runner)
    StrengthSet.objects.create(session=session, exercise=squat, reps=5, weight_kg=100)
    response = as_runner.patch(
        f"/api/v1/strength-sessions/{session.pk}/",
        {"sets": [{"exercise": squat.pk, "weight_kg": 80}]},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["sets"]["0"]["reps"] == ["This field is required."]
    assert list(session.sets.values_list("reps", flat=True)) == [5]


def test_a_session_needs_a_set_and_an_exercise_the_runner_can_see(as_runner, other_runner):
    theirs = ExerciseFactory(name="Secret move", owner=other_runner)
    empty = as_runner.post(
        "/api/v1/strength-sessions/", {"date": "2025-03-10", "sets": []}, format="json"
    )
    assert empty.json()["sets"] == ["Add at least one set."]
    hidden = as_runner.post(
        "/api/v1/strength-sessions/",
        {"date": "2025-03-10", "sets": [{"exercise": theirs.pk, "reps": 5, "weight_kg": 10}]},
        format="json",
    )
    assert hidden.status_code == 400
    assert "does not exist" in hidden.json()["sets"]["0"]["exercise"][0]


def test_lists_are_paginated_50_a_page_up_to_200(as_runner, runner):
    Run.objects.bulk_create(
        Run(user=runner, date=datetime.date(2024, 1, 1), distance_m=5000, duration_s=1500)
        for _ in range(230)
    )
    first = as_runner.get("/api/v1/runs/").json()
    assert first["count"] == 230
    assert len(first["results"]) == 50
    assert "page=2" in first["next"]
    assert len(as_runner.get("/api/v1/runs/?page_size=1000").json()["results"]) == 200
    assert as_runner.get("/api/v1/runs/?page=99").status_code == 404


def test_lists_filter_by_date(as_runner, runner):
    for day in (1, 10, 20):
        RunFactory(user=runner, date=datetime.date(2025, 3, day))
    dates = [
        row["date"]
        for row in as_runner.get(
            "/api/v1/runs/?date_after=2025-03-05&date_before=2025-03-15"
        ).json()["results"]
    ]
    assert dates == ["2025-03-10"]


@pytest.mark.parametrize("value", ["yesterday", "2025-02-30", "2025-3-1x"])
def test_a_bad_date_filter_is_a_400_that_says_so(as_runner, value):
    response = as_runner.get(f"/api/v1/measurements/?date_after={value}")
    assert response.status_code == 400
    assert response.json()["date_after"][0].startswith("Enter a date as YYYY-MM-DD")


def test_calls_past_the_user_rate_are_throttled(as_runner, monkeypatch):
    monkeypatch.setitem(UserRateThrottle.THROTTLE_RATES, "user", "3/minute")
    statuses = [as_runner.get("/api/v1/runs/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]


def test_exercises_are_the_guide_s_and_my_own(as_runner, runner, other_runner, squat):
    ExerciseFactory(name="My move", owner=runner)
    ExerciseFactory(name="Their move", owner=other_runner)
    rows = as_runner.get("/api/v1/exercises/").json()["results"]
    assert [(r["name"], r["is_private"]) for r in rows] == [("My move", True), ("Squat", False)]


def test_articles_come_with_rendered_html(as_runner, article):
    (row,) = as_runner.get("/api/v1/articles/").json()["results"]
    assert "<strong>depends</strong>" in row["body_html"]
    assert row["url"].endswith("/guide/running-legs/") or "running-legs" in row["url"]


def test_the_chart_data_is_not_repeated_under_the_api(as_runner):
    # One chart-data endpoint: /progress/data/ (tests/tracker/progress/test_progress_data.py).
    assert as_runner.get("/api/v1/progress/").status_code == 404


def test_the_schema_describes_every_endpoint(api):
    response = api.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    schema = response.json()
    for path in [
        "/api/v1/runs/",
        "/api/v1/runs/{id}/",
        "/api/v1/strength-sessions/",
        "/api/v1/measurements/",
        "/api/v1/protein/",
        "/api/v1/exercises/",
        "/api/v1/articles/",
    ]:
        assert path in schema["paths"], path
    assert "/api/v1/progress/" not in schema["paths"]
    parameters = {p["name"] for p in schema["paths"]["/api/v1/runs/"]["get"]["parameters"]}
    assert {"date_after", "date_before", "page", "page_size"} <= parameters
    assert "distance_m" in schema["components"]["schemas"]["Run"]["properties"]


def test_the_docs_page_uses_no_cdn_and_no_inline_script(api):
    response = api.get("/api/v1/docs/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "swagger-ui-dist" in page
    assert "/static/" in page
    assert "cdn" not in page.lower()
    assert "<script>" not in page
    assert "<style>" not in page
    script_url = page.split('<script src="')[-1].split('"')[0].replace("&amp;", "&")
    script = api.get(script_url)
    assert script.status_code == 200
    assert "SwaggerUIBundle" in script.content.decode()


def test_the_schema_builds_without_warnings_and_validates(tmp_path):
    from django.core.management import call_command

    call_command(
        "spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yml")
    )
    assert "/api/v1/strength-sessions/{id}/" in (tmp_path / "schema.yml").read_text()


def test_a_session_without_a_duration_gets_three_minutes_a_set_and_a_load(as_runner, squat):
    sets = [{"exercise": squat.pk, "reps": 5, "weight_kg": 100}] * 4
    body = as_runner.post(
        "/api/v1/strength-sessions/",
        {"date": "2025-03-10", "effort": 7, "sets": sets},
        format="json",
    ).json()
    assert (body["duration_s"], body["session_load"]) == (4 * 180, 7 * 12)

    url = f"/api/v1/strength-sessions/{body['id']}/"
    timed = as_runner.patch(url, {"duration_s": 3000}, format="json").json()
    assert (timed["duration_s"], timed["session_load"]) == (3000, 7 * 50)
    cleared = as_runner.patch(url, {"duration_s": None}, format="json").json()
    assert cleared["duration_s"] == 4 * 180  # back to the suggestion

    for bad, message in ((0, "above zero"), (7 * 3600, "at most 6 hours")):
        response = as_runner.patch(url, {"duration_s": bad}, format="json")
        assert response.status_code == 400
        assert message in response.json()["duration_s"][0]
