"""/api/v1/shoes/: the runner's own pairs with their distance; another runner's are a 404."""

from tests.tracker.factories import RunFactory, ShoeFactory
from tracker.log.models import Shoe


def test_the_list_gives_each_pairs_distance_and_life_used(as_runner, runner):
    shoe = ShoeFactory(user=runner, start_distance_m=100_000, retire_at_m=500_000)
    RunFactory(user=runner, shoe=shoe, distance_m=300_000, duration_s=90_000)
    body = as_runner.get("/api/v1/shoes/").json()
    rows = body["results"] if isinstance(body, dict) else body
    assert rows[0]["distance_m"] == 400_000
    assert rows[0]["life_used_pct"] == 80.0


def test_creating_a_pair_defaults_to_700_km(as_runner, runner):
    response = as_runner.post("/api/v1/shoes/", {"name": "Speed 3"}, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["retire_at_m"] == 700_000
    assert response.json()["distance_m"] == 0
    assert Shoe.objects.get(user=runner).name == "Speed 3"


def test_bad_values_and_duplicate_names_are_refused(as_runner, runner):
    ShoeFactory(user=runner, name="Pegasus")
    response = as_runner.post(
        "/api/v1/shoes/", {"name": "pegasus", "retire_at_m": 0}, format="json"
    )
    assert response.status_code == 400
    assert set(response.json()) >= {"name", "retire_at_m"}


def test_another_runners_pair_is_a_404(as_other_runner, runner):
    shoe = ShoeFactory(user=runner, name="Mine")
    assert as_other_runner.get(f"/api/v1/shoes/{shoe.pk}/").status_code == 404
    assert as_other_runner.patch(f"/api/v1/shoes/{shoe.pk}/", {"name": "x"}).status_code == 404
    shoe.refresh_from_db()
    assert shoe.name == "Mine"


def test_a_default_must_be_a_run_type_or_surface(as_runner):
    response = as_runner.post(
        "/api/v1/shoes/",
        {"name": "X", "default_for_run_type": "jog", "default_for_surface": "sand"},
        format="json",
    )
    assert response.status_code == 400
    assert set(response.json()) == {"default_for_run_type", "default_for_surface"}
