"""Importing keeps what the watch recorded: samples, laps, the original file, and the load,
zone times and run type worked out from them; re-uploading fills in what a run lacks."""

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse

from tests.samples import SAMPLES
from tracker import streams
from tracker.log.models import Lap, Run, RunStream, get_profile
from tracker.transfer.imports import import_files

TCX_12KM = SAMPLES / "tcx" / "run-12km-3laps-hr-pauses.tcx"
FIT_645 = SAMPLES / "fit" / "run-fr645m-5.8km-hr-gps.fit"


def upload(user, *paths):
    return import_files(user=user, files=[(p.name, p.read_bytes()) for p in paths])


def test_an_imported_run_keeps_its_samples_laps_and_original_file(runner):
    upload(runner, TCX_12KM)
    run = Run.objects.get()
    recording = RunStream.objects.get(run=run)
    stream = recording.stream()
    assert recording.samples == len(stream) > 1000
    assert recording.channels.split(",")[:5] == ["distance", "lat", "lon", "alt", "hr"]
    assert stream.distance[-1] == pytest.approx(run.distance_m, rel=0.005)
    assert [lap.number for lap in Lap.objects.filter(run=run)] == [1, 2, 3]
    with default_storage.open(recording.original.name) as original:
        assert original.read() == TCX_12KM.read_bytes()


def test_a_file_with_heart_rate_gets_a_load_and_zone_times_without_any_typed_effort(runner):
    upload(runner, FIT_645)
    run = Run.objects.get()
    assert run.effort is None
    assert run.load_source == "heart_rate"
    assert run.session_load > 0
    assert run.trimp > 0
    # Zone times add up to the moving time within 1 %.
    assert sum(run.zone_seconds) == pytest.approx(run.moving_s, rel=0.01)
    assert run.hard_s == run.zone4_s + run.zone5_s


def test_the_importer_suggests_a_run_type_and_says_why(runner):
    upload(runner, TCX_12KM)
    run = Run.objects.get()
    assert run.suggested_run_type in Run.RunType.values
    assert run.run_type == run.suggested_run_type
    assert run.run_type_reason.endswith(".")


def test_the_profiles_maximum_heart_rate_sets_the_zones(runner):
    profile = get_profile(runner)
    profile.max_hr_bpm, profile.resting_hr_bpm = 200, 50
    profile.save()
    upload(runner, FIT_645)
    run = Run.objects.get()
    # Karvonen with rest 50 and max 200: zone 4 starts at 50 + 0.8 × 150 = 170 bpm; this
    # easy-ish run (average 131 bpm) has almost none of it.
    assert run.avg_hr_bpm < 140
    assert run.zone4_s + run.zone5_s < 0.05 * run.moving_s


def test_re_uploading_a_file_fills_in_the_recording_a_run_lacks(runner):
    upload(runner, TCX_12KM)
    RunStream.objects.all().delete()
    Lap.objects.all().delete()
    Run.objects.update(zone1_s=None, zone2_s=None, zone3_s=None, zone4_s=None, zone5_s=None)

    report = upload(runner, TCX_12KM)

    [outcome] = report.files
    assert outcome.status == "imported"
    assert "its recording (samples, laps and the file) was added to its run" in outcome.messages[0]
    assert Run.objects.count() == 1
    assert RunStream.objects.count() == 1
    assert Lap.objects.count() == 3
    assert Run.objects.get().zone_seconds is not None


def test_re_uploading_a_file_whose_runs_have_their_recording_adds_nothing(runner):
    upload(runner, TCX_12KM)
    report = upload(runner, TCX_12KM)
    assert report.files[0].status == "duplicate"
    assert RunStream.objects.count() == 1


def test_a_runner_who_only_imported_files_sees_load_and_hard_running_on_progress(signed_in, runner):
    history = sorted((SAMPLES / "gpx" / "history").glob("*.gpx"))[:6]
    upload(runner, FIT_645, TCX_12KM, *history)
    assert not Run.objects.filter(effort__isnull=False).exists()
    today = max(Run.objects.values_list("date", flat=True))

    from tracker.progress.charts import chart_data
    from tracker.progress.snapshot import gather

    charts = chart_data(runner, "all", today=today)["charts"]
    assert charts["training_load"]["has_data"]
    assert any(charts["training_load"]["load"])
    assert charts["time_in_zone"]["has_data"]
    assert any(share for share in charts["weekly_distance"]["hard_share_pct"] if share)
    snapshot = gather(runner, today=today)
    assert snapshot.hard_share_pct is not None
    assert snapshot.hard_share_pct > 0
    assert signed_in.get(reverse("tracker:progress")).status_code == 200


def test_the_stream_is_small_on_disk(runner):
    upload(runner, SAMPLES / "fit" / "run-stryd-6.8km-power-devfields.fit")  # 1 s, 8 channels
    recording = RunStream.objects.get()
    hours = streams.unpack(bytes(recording.data)).t[-1] / 3600
    assert len(recording.data) / hours < 40_000


def test_the_account_export_carries_recordings_and_originals_and_restore_brings_them_back(
    runner, other_runner
):
    import io
    import json
    import zipfile

    from tracker.transfer.exports import account_export_zip

    upload(runner, TCX_12KM)
    data = account_export_zip(runner)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
        payload = json.loads(archive.read("legsite-export.json"))
    [entry] = payload["recordings"]
    assert entry["stream"] in names
    assert entry["original"] in names
    assert len(entry["laps"]) == 3
    assert payload["runs"][0]["zone4_s"] is not None

    report = import_files(user=other_runner, files=[("export.zip", data)])

    assert "1 runs got their watch recordings back" in report.files[0].messages[0]
    restored = Run.objects.get(user=other_runner)
    recording = RunStream.objects.get(run=restored)
    assert recording.stream().t == RunStream.objects.get(run__user=runner).stream().t
    assert Lap.objects.filter(run=restored).count() == 3
    with default_storage.open(recording.original.name) as original:
        assert original.read() == TCX_12KM.read_bytes()
    assert restored.zone_seconds == Run.objects.get(user=runner).zone_seconds
