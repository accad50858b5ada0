"""The import report's one-click fixes: a run into cross-training and back, and a run's date."""

import datetime

import pytest
from django.urls import reverse

from tests.samples import SAMPLES
from tests.tracker.factories import CrossTrainingFactory, RunFactory
from tracker.log.models import CrossTrainingSession, Run
from tracker.transfer.imports import import_files


@pytest.fixture
def runner_client(client, runner):
    client.force_login(runner)
    return client


def test_a_guessed_walk_becomes_a_run_and_back_keeping_its_figures(runner_client, runner):
    path = SAMPLES / "gpx/multitrack-3days-82km.gpx"
    report = import_files(user=runner, files=[(path.name, path.read_bytes())])
    item = report.files[0].items[0]
    walk = CrossTrainingSession.objects.get(pk=item["pk"])
    response = runner_client.post(reverse("tracker:cross_training_to_run", args=[walk.pk]))
    run = Run.objects.get(source_hash=walk.source_hash, source_index=walk.source_index)
    assert response.status_code == 302
    assert response.url == run.get_absolute_url()
    assert not CrossTrainingSession.objects.filter(pk=walk.pk).exists()
    assert (run.distance_m, run.duration_s, run.date) == (
        walk.distance_m,
        walk.duration_s,
        walk.date,
    )
    runner_client.post(
        reverse("tracker:run_to_cross_training", args=[run.pk]), {"sport": "walking"}
    )
    again = CrossTrainingSession.objects.get(source_index=walk.source_index)
    assert (again.sport, again.distance_m) == ("walking", walk.distance_m)
    assert not Run.objects.exists()


def test_a_session_without_distance_cannot_become_a_run(runner_client, runner):
    session = CrossTrainingFactory(user=runner, distance_m=None)
    runner_client.post(reverse("tracker:cross_training_to_run", args=[session.pk]))
    assert CrossTrainingSession.objects.filter(pk=session.pk).exists()
    assert not Run.objects.exists()


def test_converting_needs_a_post(runner_client, runner):
    run = RunFactory(user=runner)
    response = runner_client.get(reverse("tracker:run_to_cross_training", args=[run.pk]))
    assert response.status_code == 405


def test_giving_a_date_puts_the_run_into_the_totals(runner_client, runner):
    run = RunFactory(user=runner, needs_date=True)
    assert not Run.objects.for_user(runner).dated().exists()
    runner_client.post(reverse("tracker:run_date", args=[run.pk]), {"date": "2026-05-04"})
    run.refresh_from_db()
    assert (run.date, run.needs_date) == (datetime.date(2026, 5, 4), False)
    assert Run.objects.for_user(runner).dated().get() == run


def test_a_date_in_the_future_is_refused_and_the_run_keeps_waiting(runner_client, runner):
    run = RunFactory(user=runner, needs_date=True)
    runner_client.post(reverse("tracker:run_date", args=[run.pk]), {"date": "2999-01-01"})
    run.refresh_from_db()
    assert run.needs_date


def test_the_report_asks_for_the_date_of_a_run_without_a_clock(runner_client, runner):
    from tracker.transfer.models import ImportJob

    path = SAMPLES / "fit/run-fr70-10.2km-footpod-no-gps-pause.fit"
    report = import_files(user=runner, files=[(path.name, path.read_bytes())])
    job = ImportJob.objects.create(
        user=runner,
        upload_names=path.name,
        total_files=1,
        report=report.as_dict(),
        status=ImportJob.Status.DONE,
    )
    page = runner_client.get(reverse("tracker:import_detail", args=[job.pk])).content.decode()
    assert reverse("tracker:run_date", args=[Run.objects.get().pk]) in page
    assert "Date of this run" in page
