"""`seed_demo --streams`: every seeded run recorded second by second and saved through the
importer's code, so its zones, loads, laps, best efforts and run page are an imported log's."""

import re
from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db.models import Count, Q
from django.urls import reverse

from tests.tracker.factories import ExerciseFactory
from tracker import heart_rate
from tracker.log.models import BestEffort, Lap, Run, RunStream, get_profile

GUIDE = ["Squat", "Romanian deadlift", "Calf raise", "Bulgarian split squat", "Step-up"]


@pytest.fixture(scope="module")
def seeded_year(django_db_setup, django_db_blocker):
    """A year of recorded runs (about ten seconds to make), made once for this module and
    removed after it; each test still runs in its own transaction."""
    with django_db_blocker.unblock():
        exercises = [ExerciseFactory(name=name) for name in GUIDE]
        out = StringIO()
        call_command(
            "seed_demo", "--user", "demo", "--years", "1", "--end", "2025-12-31", "--streams",
            stdout=out,
        )  # fmt: skip
    yield out.getvalue()
    with django_db_blocker.unblock():
        User.objects.filter(username="demo").delete()
        for exercise in exercises:
            exercise.delete()


@pytest.fixture
def seeded(seeded_year, db):
    return Run.objects.filter(user__username="demo"), seeded_year


def test_every_seeded_run_has_a_one_second_recording(seeded):
    runs, output = seeded
    assert runs.count() > 200
    assert RunStream.objects.filter(run__in=runs).count() == runs.count()
    for run in runs.select_related("recording")[:40]:
        recording = run.recording
        stream = recording.stream()
        assert recording.channels == "distance,lat,lon,alt,hr,cadence" or (
            run.surface == "treadmill" and recording.channels == "distance,alt,hr,cadence"
        )
        assert recording.samples == run.moving_s + 1  # one a second, the pause left out
        assert stream.distance[-1] == pytest.approx(run.distance_m, abs=0.1)
        assert stream.t[-1] == run.duration_s
    # How much was recorded and how long it took, then the whole seed's line.
    assert re.search(
        rf"Recorded {runs.count()} runs: [\d,]+ samples \([\d,]+ h, [\d.]+ MB packed, "
        r"1\d\.\d KB/h\), [\d,]+ laps, in [\d.]+ s\.",
        output,
    )
    assert re.search(r"Seeded demo: .* in [\d.]+ s\.", output)


def test_zones_loads_and_laps_are_worked_out_as_at_import(seeded):
    runs, _ = seeded
    profile = get_profile(runs.first().user)
    zones = heart_rate.zones_for(profile.max_hr_bpm, profile.resting_hr_bpm)
    run = runs.filter(run_type="tempo").select_related("recording").first()
    seconds, _ = heart_rate.time_in_zones(run.recording.stream(), zones)
    assert run.zone_seconds == [round(s) for s in seconds]
    assert run.hard_s == sum(run.zone_seconds[3:]) > 10 * 60
    assert not runs.filter(Q(trimp__isnull=True) | Q(hr_load__isnull=True)).exists()
    # Most recorded runs have no effort given: their load is the heart-rate load.
    without_effort = runs.filter(effort__isnull=True).count()
    assert 0.5 < without_effort / runs.count() < 0.8
    # An auto-lap each kilometre, the rest in a last one.
    laps = dict(runs.annotate(n=Count("laps")).values_list("pk", "n"))
    for run in runs[:40]:
        assert laps[run.pk] == -(-run.distance_m // 1000) or laps[run.pk] == run.distance_m // 1000
    assert Lap.objects.filter(run__in=runs).count() == sum(laps.values())
    assert BestEffort.objects.filter(run__in=runs, distance_m=5000).count() > 100
    # The watch's run types come out of the samples as the importer would suggest them.
    assert runs.filter(run_type="intervals", suggested_run_type="intervals").exists()
    assert runs.filter(run_type="long", suggested_run_type="long").exists()


def test_the_run_and_progress_pages_read_the_seeded_recordings(client, seeded):
    runs, _ = seeded
    client.force_login(runs.first().user)
    run = runs.filter(surface="road").first()
    html = client.get(reverse("tracker:run_detail", args=[run.pk])).content.decode()
    assert 'id="run-splits"' in html
    assert 'id="run-laps"' in html
    assert "<polyline points=" in html
    assert 'id="run-zones"' in html
    assert client.get("/progress/").status_code == 200
