"""Changing the heart-rate settings (a zone set, or the profile's maximum, resting heart rate
or sex) works the zone times, TRIMP and heart-rate load of imported runs out again: in the
request for a few runs, in the background worker for more, and says which."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from tests.factories import UserFactory
from tests.samples import SAMPLES
from tests.tracker.log.test_profile_views import settings_data
from tests.worker import run_worker
from tracker import heart_rate
from tracker.log import recompute
from tracker.log.models import HeartRateZoneSet, Run, RunStream, get_profile
from tracker.transfer.imports import import_files

TCX_12KM = SAMPLES / "tcx" / "run-12km-3laps-hr-pauses.tcx"
FIT_5KM = SAMPLES / "fit" / "run-fr645m-5.8km-hr-gps.fit"


def import_sample(user, path=TCX_12KM) -> Run:
    import_files(user=user, files=[(path.name, path.read_bytes())])
    return Run.objects.for_user(user).get(source_name__contains=path.name)


def expected_zone_seconds(run: Run, zones: heart_rate.Zones) -> list[int]:
    seconds, _ = heart_rate.time_in_zones(run.recording.stream(), zones)
    return [round(value) for value in seconds]


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.fixture
def imported_run(runner):
    return import_sample(runner)


def test_a_new_maximum_in_the_settings_redoes_the_zone_times_and_load(signed_in, imported_run):
    before = (imported_run.zone_seconds, imported_run.trimp, imported_run.hr_load)
    assert imported_run.trimp is not None  # estimated maximum from the file itself
    response = signed_in.post(
        "/settings/", settings_data(max_hr_bpm="200", resting_hr_bpm="48"), follow=True
    )
    imported_run.refresh_from_db()
    after = (imported_run.zone_seconds, imported_run.trimp, imported_run.hr_load)
    assert after[0] == expected_zone_seconds(imported_run, heart_rate.zones_for(200, 48))
    assert after[0] != before[0]
    assert after[1] != pytest.approx(before[1])
    assert after[2] == pytest.approx(after[1] * heart_rate.DEFAULT_LOAD_PER_TRIMP)
    assert messages_of(response) == [
        "Settings saved; the zone times and heart-rate loads of 1 recorded run were updated."
    ]


def test_sex_changes_the_trimp_of_every_recorded_run_even_with_zone_sets(
    signed_in, runner, imported_run
):
    HeartRateZoneSet.from_zones(
        user=runner,
        valid_from=imported_run.date,
        zones=heart_rate.zones_for(195, 50),
        estimated=False,
    ).save()
    signed_in.post("/settings/", settings_data(sex="male"))
    imported_run.refresh_from_db()
    male = imported_run.trimp
    signed_in.post("/settings/", settings_data(sex="female"))
    imported_run.refresh_from_db()
    assert imported_run.trimp < male  # k = 1.67 weighs hard minutes less than 1.92
    assert imported_run.zone_seconds == expected_zone_seconds(
        imported_run, heart_rate.zones_for(195, 50)
    )


def test_a_new_maximum_leaves_runs_alone_while_a_zone_set_gives_theirs(signed_in, imported_run):
    signed_in.post(
        reverse("tracker:heart_rate_zones"),
        {"valid_from": imported_run.date.isoformat(), "max_hr_bpm": 195, "resting_hr_bpm": 50},
        follow=True,
    )
    imported_run.refresh_from_db()
    assert imported_run.zone_seconds == expected_zone_seconds(
        imported_run, heart_rate.zones_for(195, 50)
    )
    # A mark a recompute would overwrite: none runs, the zone set decides these zones.
    Run.objects.filter(pk=imported_run.pk).update(zone1_s=12_345)
    response = signed_in.post("/settings/", settings_data(max_hr_bpm="205"), follow=True)
    imported_run.refresh_from_db()
    assert imported_run.zone1_s == 12_345
    assert messages_of(response) == ["Settings saved."]


def test_settings_without_heart_rate_changes_recompute_nothing(signed_in, imported_run):
    Run.objects.filter(pk=imported_run.pk).update(zone1_s=12_345)
    response = signed_in.post("/settings/", settings_data(units="imperial"), follow=True)
    assert messages_of(response) == ["Settings saved."]
    imported_run.refresh_from_db()
    assert imported_run.zone1_s == 12_345


def test_a_bad_maximum_is_refused_and_changes_no_run(signed_in, runner, imported_run):
    before = imported_run.zone_seconds
    response = signed_in.post("/settings/", settings_data(max_hr_bpm="20"))
    assert response.status_code == 200
    assert "Enter a maximum heart rate between" in response.content.decode()
    imported_run.refresh_from_db()
    assert imported_run.zone_seconds == before
    assert get_profile(runner).max_hr_bpm is None


def test_zones_set_by_hand_redo_the_runs_they_cover_and_say_so(signed_in, imported_run):
    response = signed_in.post(
        reverse("tracker:heart_rate_zones"),
        {
            "valid_from": imported_run.date.isoformat(),
            "max_hr_bpm": 190,
            "zone2_bpm": 120,
            "zone3_bpm": 135,
            "zone4_bpm": 150,
            "zone5_bpm": 170,
        },
        follow=True,
    )
    [zone_set] = HeartRateZoneSet.objects.all()
    assert zone_set.method == "custom"
    imported_run.refresh_from_db()
    assert imported_run.zone_seconds == expected_zone_seconds(imported_run, zone_set.zones())
    assert imported_run.hard_s == sum(imported_run.zone_seconds[3:])
    assert messages_of(response) == [
        "Zones saved; the zone times and heart-rate loads of 1 recorded run were updated."
    ]


def test_zones_that_do_not_rise_are_refused_and_nothing_is_saved(signed_in, imported_run):
    before = imported_run.zone_seconds
    response = signed_in.post(
        reverse("tracker:heart_rate_zones"),
        {
            "valid_from": imported_run.date.isoformat(),
            "max_hr_bpm": 190,
            "zone2_bpm": 150,
            "zone3_bpm": 140,
            "zone4_bpm": 160,
            "zone5_bpm": 170,
        },
    )
    assert response.status_code == 200
    assert "Each zone must start above the one before" in response.content.decode()
    assert not HeartRateZoneSet.objects.exists()
    imported_run.refresh_from_db()
    assert imported_run.zone_seconds == before


def test_zones_from_a_later_date_leave_earlier_runs_as_they_were(signed_in, runner):
    run = import_sample(runner)
    signed_in.post(
        reverse("tracker:heart_rate_zones"),
        {"valid_from": run.date.replace(year=run.date.year - 1).isoformat(), "max_hr_bpm": 185},
        follow=True,
    )
    run.refresh_from_db()
    before = run.zone_seconds
    assert before == expected_zone_seconds(run, heart_rate.zones_for(185))
    response = signed_in.post(
        reverse("tracker:heart_rate_zones"),
        {"valid_from": run.date.replace(year=run.date.year + 1).isoformat(), "max_hr_bpm": 200},
        follow=True,
    )
    run.refresh_from_db()
    assert run.zone_seconds == before
    assert messages_of(response) == ["Zones saved."]


def test_another_runners_runs_are_not_touched(signed_in, other_runner, imported_run):
    theirs = import_sample(other_runner)
    before = (theirs.zone_seconds, theirs.trimp, theirs.hr_load)
    signed_in.post("/settings/", settings_data(max_hr_bpm="200", resting_hr_bpm="48"))
    theirs.refresh_from_db()
    assert (theirs.zone_seconds, theirs.trimp, theirs.hr_load) == before


@pytest.mark.django_db(transaction=True)
def test_many_runs_are_redone_by_the_background_worker(client, monkeypatch):
    """Over INLINE_MAX_RUNS (lowered here to one) the request queues a task instead, and the
    runs change once `manage.py db_worker`'s loop has run it."""
    monkeypatch.setattr(recompute, "INLINE_MAX_RUNS", 1)
    runner = UserFactory(username="hanna")
    runs = [import_sample(runner, TCX_12KM), import_sample(runner, FIT_5KM)]
    before = [(run.zone_seconds, run.trimp) for run in runs]
    client.force_login(runner)
    response = client.post(
        "/settings/", settings_data(max_hr_bpm="200", resting_hr_bpm="48"), follow=True
    )
    assert messages_of(response) == [
        "Settings saved. The zone times and heart-rate loads of your 2 recorded runs are being "
        "worked out again in the background; this takes a few minutes, and until then your "
        "pages show the figures from before."
    ]
    assert DBTaskResult.objects.get().task_path == "tracker.log.recompute.recompute_intensity"
    for run, old in zip(runs, before, strict=True):
        run.refresh_from_db()
        assert (run.zone_seconds, run.trimp) == old  # not yet

    run_worker()

    zones = heart_rate.zones_for(200, 48)
    for run, old in zip(runs, before, strict=True):
        run.refresh_from_db()
        assert run.zone_seconds == expected_zone_seconds(run, zones)
        assert run.zone_seconds != old[0]
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


def test_recompute_goes_through_the_runs_in_batches(runner, monkeypatch):
    monkeypatch.setattr(recompute, "RECOMPUTE_BATCH", 1)
    runs = [import_sample(runner, TCX_12KM), import_sample(runner, FIT_5KM)]
    profile = get_profile(runner)
    profile.max_hr_bpm, profile.resting_hr_bpm = 200, 48
    profile.save()
    assert recompute.recompute_runs(runner) == 2
    for run in runs:
        run.refresh_from_db()
        assert run.zone_seconds == expected_zone_seconds(run, heart_rate.zones_for(200, 48))


def test_a_damaged_recording_is_left_as_it_was_and_the_others_are_redone(signed_in, runner, caplog):
    damaged, sound = import_sample(runner, TCX_12KM), import_sample(runner, FIT_5KM)
    RunStream.objects.filter(run=damaged).update(data=b"LSS1 not zlib at all")
    before = damaged.zone_seconds
    response = signed_in.post(
        "/settings/", settings_data(max_hr_bpm="200", resting_hr_bpm="48"), follow=True
    )
    assert response.status_code == 200
    damaged.refresh_from_db()
    sound.refresh_from_db()
    assert damaged.zone_seconds == before
    assert sound.zone_seconds == expected_zone_seconds(sound, heart_rate.zones_for(200, 48))
    assert f"Recording of run {damaged.pk} cannot be unpacked" in caplog.text
    assert messages_of(response) == [
        "Settings saved; the zone times and heart-rate loads of 1 recorded run were updated."
    ]


def test_the_zones_page_says_saving_reworks_the_recorded_runs(signed_in, imported_run):
    html = signed_in.get(reverse("tracker:heart_rate_zones")).content.decode()
    assert "Saving works out again the zone times, hard running and heart-rate load" in html
    assert "in the background for many" in html
