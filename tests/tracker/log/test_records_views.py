"""/log/records/ and the PR badges: best efforts stored at import from real watch files,
recomputed when a recording is replaced, gone with their run; predictions on the records and
Progress pages."""

import datetime

import pytest
from django.core.management import call_command

from tests.samples import SAMPLES
from tests.tracker.factories import LegMeasurementFactory, RunFactory
from tracker import best_efforts
from tracker.log.models import BestEffort, Run, get_profile
from tracker.log.records import recompute_best_efforts
from tracker.transfer.imports import import_files
from tracker.transfer.parsers import parse_activity_file

TWELVE_K = SAMPLES / "gpx" / "run-strava-12km-hr-pauses.gpx"
FIVE_K = SAMPLES / "fit" / "run-fr645m-5.8km-hr-gps.fit"


def imported(user, path) -> Run:
    import_files(user=user, files=[(path.name, path.read_bytes())])
    return Run.objects.get(user=user, source_name=path.name)


@pytest.fixture
def twelve_k(runner):
    return imported(runner, TWELVE_K)


def test_an_import_stores_the_best_efforts_of_the_files_samples(twelve_k):
    stream = parse_activity_file(TWELVE_K.name, TWELVE_K.read_bytes()).activities[0].stream
    expected = best_efforts.best_efforts(stream.t, stream.distance)
    stored = list(BestEffort.objects.filter(run=twelve_k).order_by("distance_m"))
    assert [e.distance_m for e in stored] == [400, 1000, best_efforts.MILE_M, 5000, 10000]
    for row, effort in zip(stored, expected, strict=True):
        assert row.elapsed_s == pytest.approx(effort.elapsed_s)
        assert row.user_id == twelve_k.user_id


def test_recomputing_from_the_stored_recording_gives_the_same_efforts(twelve_k):
    before = list(BestEffort.objects.filter(run=twelve_k).values_list("distance_m", "elapsed_s"))
    recompute_best_efforts(twelve_k)
    after = list(BestEffort.objects.filter(run=twelve_k).values_list("distance_m", "elapsed_s"))
    # The stored samples are rounded to 0.1 s and 0.1 m.
    assert [d for d, _ in after] == [d for d, _ in before]
    for (_, a), (_, b) in zip(before, after, strict=True):
        assert a == pytest.approx(b, abs=0.5)


def test_replacing_a_recording_recomputes_its_efforts(twelve_k):
    other = parse_activity_file(FIVE_K.name, FIVE_K.read_bytes()).activities[0].stream
    recompute_best_efforts(twelve_k, other)
    assert max(BestEffort.objects.filter(run=twelve_k).values_list("distance_m", flat=True)) == 5000


def test_editing_a_runs_distance_keeps_its_efforts_and_deleting_it_removes_them(
    signed_in, twelve_k
):
    count = BestEffort.objects.filter(run=twelve_k).count()
    twelve_k.distance_m = 12_500
    twelve_k.save()
    assert BestEffort.objects.filter(run=twelve_k).count() == count
    signed_in.post(f"/log/runs/{twelve_k.pk}/delete/")
    assert not BestEffort.objects.filter(run_id=twelve_k.pk).exists()
    assert "No best efforts yet" in signed_in.get("/log/records/").content.decode()


def test_the_records_page_ranks_efforts_per_distance(signed_in, runner, twelve_k):
    five_k = imported(runner, FIVE_K)
    page = signed_in.get("/log/records/").content.decode()
    for label in ("400 m", "1 km", "1 mile", "5 km", "10 km"):
        assert f">{label}</h2>" in page
    fastest_5k = BestEffort.objects.filter(user=runner, distance_m=5000).order_by("elapsed_s")[0]
    assert fastest_5k.run_id in (twelve_k.pk, five_k.pk)
    assert page.count(">PR<") == 5


def test_the_run_list_and_page_mark_runs_that_hold_a_record(signed_in, runner, twelve_k):
    typed_in = RunFactory(user=runner)
    listing = signed_in.get("/log/runs/").content.decode()
    assert listing.count(">PR</span>") == 1
    detail = signed_in.get(f"/log/runs/{twelve_k.pk}/").content.decode()
    assert "Best efforts" in detail
    assert "your fastest" in detail
    assert "Best efforts" not in signed_in.get(f"/log/runs/{typed_in.pk}/").content.decode()


def test_a_slower_effort_is_ranked_behind_the_record(signed_in, runner, twelve_k):
    slower = RunFactory(user=runner, date=datetime.date(2025, 1, 1))
    BestEffort.objects.create(
        run=slower, user=runner, distance_m=5000, elapsed_s=99_999, start_offset_s=0
    )
    detail = signed_in.get(f"/log/runs/{slower.pk}/").content.decode()
    assert "2nd fastest" in detail


@pytest.mark.parametrize("runs", [1, 3])
def test_the_records_page_needs_the_same_queries_for_1_or_3_runs(
    signed_in, runner, runs, django_assert_num_queries
):
    for path in (TWELVE_K, FIVE_K, SAMPLES / "fit" / "run-fr70-10.2km-footpod-no-gps-pause.fit")[
        :runs
    ]:
        imported(runner, path)
    LegMeasurementFactory(user=runner)
    get_profile(runner)
    # session, user, profile, the top efforts with their runs, the recent best efforts (a
    # window query), the monthly efforts and the monthly measurements for the trend
    with django_assert_num_queries(7):
        signed_in.get("/log/records/")


def test_predictions_come_from_recent_efforts_and_show_on_progress(signed_in, runner):
    run = imported(runner, TWELVE_K)
    profile = get_profile(runner)
    # Recent: move the run into the last 90 days.
    Run.objects.filter(pk=run.pk).update(date=profile.today() - datetime.timedelta(days=10))
    ten_k = BestEffort.objects.get(run=run, distance_m=10000)
    page = signed_in.get("/progress/").content.decode()
    assert "Race predictions" in page
    assert "Half marathon" in page
    records = signed_in.get("/log/records/").content.decode()
    expected = ten_k.elapsed_s * (21097.5 / 10000) ** 1.06
    from tracker.units import format_duration

    assert format_duration(expected) in records


def test_old_efforts_make_no_prediction(signed_in, runner):
    run = imported(runner, TWELVE_K)
    Run.objects.filter(pk=run.pk).update(date=datetime.date(2015, 1, 1))
    assert "No best efforts of 1 km or more" in signed_in.get("/progress/").content.decode()


def test_the_trend_puts_the_predicted_10k_beside_girth_and_weight(signed_in, runner):
    run = imported(runner, TWELVE_K)
    LegMeasurementFactory(
        user=runner, date=run.date, thigh_left_cm=55, thigh_right_cm=57, weight_kg=70
    )
    from tracker.log.records_page import prediction_trend

    rows = prediction_trend(runner)["rows"]
    assert len(rows) == 1
    assert rows[0]["thigh_cm"] == 56
    assert rows[0]["weight_kg"] == 70
    ten_k = BestEffort.objects.get(run=run, distance_m=10000).elapsed_s
    assert rows[0]["predicted_10k_s"] == pytest.approx(ten_k, abs=0.1)


def test_recompute_records_fills_in_runs_without_efforts(runner, twelve_k):
    BestEffort.objects.all().delete()
    call_command("recompute_records", "--missing")
    assert BestEffort.objects.filter(run=twelve_k).count() == 5


def test_another_runner_sees_none_of_my_records(client, other_runner, twelve_k):
    client.force_login(other_runner)
    page = client.get("/log/records/").content.decode()
    assert "No best efforts yet" in page
