"""/api/v1/cross-training/: the same bounds as the form, the runner's own sessions only."""

from tracker.log.models import CrossTrainingSession


def test_the_api_takes_and_checks_a_session(api, runner):
    api.force_authenticate(runner)
    good = api.post(
        "/api/v1/cross-training/",
        {"date": "2025-03-10", "sport": "swimming", "duration_s": 2700, "distance_m": 2000},
        format="json",
    )
    assert good.status_code == 201, good.content
    assert good.json()["sport"] == "swimming"
    bad = api.post(
        "/api/v1/cross-training/",
        {"date": "2025-03-10", "sport": "cycling", "duration_s": 600, "distance_m": 50_000},
        format="json",
    )
    assert bad.status_code == 400
    assert "faster than 100 km/h" in bad.json()["duration_s"][0]
    assert CrossTrainingSession.objects.count() == 1
