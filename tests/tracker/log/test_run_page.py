"""The run page of an imported run: moving pace, splits, laps, charts' data, route, zones,
the original file; and its query budget."""

import json
import re

import pytest
from django.urls import reverse

from tests.samples import SAMPLES
from tracker.log.models import HeartRateZoneSet, Run, get_profile
from tracker.transfer.imports import import_files

TCX_12KM = SAMPLES / "tcx" / "run-12km-3laps-hr-pauses.tcx"


@pytest.fixture
def imported_run(runner):
    import_files(user=runner, files=[(TCX_12KM.name, TCX_12KM.read_bytes())])
    return Run.objects.get()


def page(client, run):
    return client.get(reverse("tracker:run_detail", args=[run.pk])).content.decode()


def test_the_pace_is_over_moving_time(signed_in, imported_run):
    html = page(signed_in, imported_run)
    moving_pace = imported_run.moving_s / imported_run.distance_m * 1000
    minutes, seconds = divmod(round(moving_pace), 60)
    assert f'id="run-pace">{minutes}:{seconds:02d} /km' in html
    assert imported_run.moving_s < imported_run.duration_s  # the pauses are left out


def test_the_page_shows_splits_laps_route_and_zones(signed_in, imported_run):
    html = page(signed_in, imported_run)
    splits = re.search(r'id="run-splits".*?</section>', html, re.S).group(0)
    assert splits.count('<th scope="row">') == 13  # 12 whole km and the rest
    laps = re.search(r'id="run-laps".*?</section>', html, re.S).group(0)
    assert laps.count('<th scope="row">') == 3
    assert "<polyline points=" in html
    assert 'class="route-start"' in html
    zones = re.search(r'id="run-zones".*?</section>', html, re.S).group(0)
    assert zones.count('<th scope="row">') == 5
    assert "estimated from the highest 30-second heart rate" in zones


def test_the_chart_data_is_handed_over_with_json_script(signed_in, imported_run):
    html = page(signed_in, imported_run)
    data = json.loads(
        re.search(
            r'<script id="run-chart-data" type="application/json">(.*?)</script>', html
        ).group(1)
    )
    assert data["unit"] == "km"
    assert 100 < len(data["distance"]) <= 400
    assert data["distance"][-1] == pytest.approx(imported_run.distance_m / 1000, rel=0.01)
    assert len(data["pace"]) == len(data["hr"]) == len(data["elevation"]) == len(data["distance"])
    assert "<script>" not in html  # the CSP allows no inline script


def test_miles_for_an_imperial_runner(signed_in, runner, imported_run):
    profile = get_profile(runner)
    profile.units = "imperial"
    profile.save()
    html = page(signed_in, imported_run)
    assert "Splits per mi" in html


def test_edited_zones_change_the_zone_times_from_their_date(signed_in, runner, imported_run):
    before = imported_run.zone_seconds
    response = signed_in.post(
        reverse("tracker:heart_rate_zones"),
        {"valid_from": imported_run.date.isoformat(), "max_hr_bpm": 200, "resting_hr_bpm": 50},
    )
    assert response.status_code == 302
    [zone_set] = HeartRateZoneSet.objects.all()
    assert zone_set.lower_bpm == (125, 140, 155, 170, 185)
    imported_run.refresh_from_db()
    assert imported_run.zone_seconds != before
    assert sum(imported_run.zone_seconds) == pytest.approx(sum(before), abs=2)
    assert "Zones by % of heart-rate reserve (Karvonen), maximum 200 bpm" in page(
        signed_in, imported_run
    )


def test_the_original_file_downloads_as_uploaded(signed_in, imported_run):
    response = signed_in.get(reverse("tracker:run_original", args=[imported_run.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == TCX_12KM.read_bytes()
    assert TCX_12KM.name in response["Content-Disposition"]
    response.close()


def test_a_typed_in_run_has_no_recording_sections(signed_in, runner):
    from tests.tracker.factories import RunFactory

    html = page(signed_in, RunFactory(user=runner))
    assert 'id="run-splits"' not in html
    assert "run-chart-data" not in html


def test_another_runner_gets_404_for_the_run_and_its_file(client, other_runner, imported_run):
    client.force_login(other_runner)
    for name in ("tracker:run_detail", "tracker:run_original"):
        assert client.get(reverse(name, args=[imported_run.pk])).status_code == 404


def test_the_run_page_stays_within_its_query_budget(
    signed_in, imported_run, django_assert_max_num_queries
):
    page(signed_in, imported_run)  # the first view keeps the page data
    # session, user, run + recording, profile, laps, zone sets, estimated maximum (and the
    # run's best efforts): the budget is 10.
    with django_assert_max_num_queries(10):
        page(signed_in, imported_run)
