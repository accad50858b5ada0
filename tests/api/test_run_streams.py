"""GET /api/v1/runs/{id}/stream/: a run's samples, downsampled, apart from the run lists."""

import pytest
from rest_framework.test import APIClient

from tests.samples import SAMPLES
from tracker.log.models import Run
from tracker.transfer.imports import import_files

FIT = SAMPLES / "fit" / "run-stryd-6.8km-power-devfields.fit"


@pytest.fixture
def api(runner):
    client = APIClient()
    client.force_authenticate(runner)
    return client


@pytest.fixture
def run(runner):
    import_files(user=runner, files=[(FIT.name, FIT.read_bytes())])
    return Run.objects.get()


def test_the_stream_is_downsampled_to_the_points_asked_for(api, run):
    body = api.get(f"/api/v1/runs/{run.pk}/stream/", {"points": 500}).json()
    assert body["samples"] > 3000
    assert body["points"] <= 501
    assert len(body["t_s"]) == len(body["heart_rate_bpm"]) == len(body["power_w"]) == body["points"]
    assert body["distance_m"][-1] == pytest.approx(run.distance_m, rel=0.005)
    assert body["laps"][0]["number"] == 1


def test_run_lists_carry_the_new_fields_but_not_the_samples(api, run):
    [item] = api.get("/api/v1/runs/").json()["results"]
    assert item["has_stream"] is True
    assert item["load_source"] == "heart_rate"
    assert item["zone1_s"] is not None
    assert "t_s" not in item


def test_a_run_without_a_recording_has_no_stream(api, runner):
    from tests.tracker.factories import RunFactory

    typed = RunFactory(user=runner)
    assert api.get(f"/api/v1/runs/{typed.pk}/stream/").status_code == 404


def test_another_runners_stream_is_a_404(run, other_runner):
    client = APIClient()
    client.force_authenticate(other_runner)
    assert client.get(f"/api/v1/runs/{run.pk}/stream/").status_code == 404
