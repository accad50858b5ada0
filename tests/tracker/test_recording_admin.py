"""What the watch recorded, in the admin: a run's recording summary and laps shown read-only
on its page (never the packed samples), whether each run is recorded in the run list, and the
runners' heart-rate zone sets; each changelist's queries do not grow with its rows."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import UserFactory
from tests.samples import SAMPLES
from tests.tracker.factories import RunFactory
from tracker import heart_rate
from tracker.log.models import HeartRateZoneSet, Lap, Run, RunStream
from tracker.transfer.imports import import_files

TCX_12KM = SAMPLES / "tcx" / "run-12km-3laps-hr-pauses.tcx"


@pytest.fixture
def imported_run(runner):
    import_files(user=runner, files=[(TCX_12KM.name, TCX_12KM.read_bytes())])
    return Run.objects.get()


@pytest.fixture
def as_admin(client, admin_user):
    client.force_login(admin_user)
    return client


def zone_set(user, day: datetime.date, max_hr: int = 190) -> HeartRateZoneSet:
    saved = HeartRateZoneSet.from_zones(
        user=user, valid_from=day, zones=heart_rate.zones_for(max_hr, 50), estimated=False
    )
    saved.save()
    return saved


def queries_for(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_a_run_page_shows_its_recording_summary_and_laps_read_only(as_admin, imported_run):
    recording = RunStream.objects.get(run=imported_run)
    response = as_admin.get(f"/admin/tracker/run/{imported_run.pk}/change/")
    html = response.content.decode()
    assert response.status_code == 200
    summary = {
        "Samples": f"{recording.samples:,}",
        "Packed size": f"{len(bytes(recording.data)):,} bytes",
        "Channels": recording.channels,
        "Highest 30-second heart rate": f"{recording.sustained_max_hr_bpm} bpm",
    }
    for label, value in summary.items():
        assert re.search(
            rf"<label>{label}:</label>.*?<div class=\"readonly\">{value}</div>", html, re.S
        )
    laps, stream = (
        next(f for f in response.context["inline_admin_formsets"] if f.opts.model is model)
        for model in (Lap, RunStream)
    )
    assert len(laps.formset.queryset) == 3
    for inline in (laps, stream):
        assert not inline.has_add_permission
        assert not inline.has_change_permission
        assert not inline.has_delete_permission
    assert 'name="laps-0-distance_m"' not in html  # shown, not an input
    assert 'name="recording-0-data"' not in html
    assert "page_data" not in html


def test_the_run_page_does_not_read_the_packed_samples(as_admin, imported_run):
    with CaptureQueriesContext(connection) as queries:
        as_admin.get(f"/admin/tracker/run/{imported_run.pk}/change/")
    recording_reads = [q["sql"] for q in queries if 'FROM "tracker_runstream"' in q["sql"]]
    assert recording_reads
    for sql in recording_reads:
        assert '"tracker_runstream"."data"' not in sql.split("LENGTH")[0]
        assert '"tracker_runstream"."page_data"' not in sql


def test_saving_a_run_in_the_admin_leaves_its_recording_and_laps(as_admin, imported_run):
    page = as_admin.get(f"/admin/tracker/run/{imported_run.pk}/change/")
    form = page.context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if name in form.fields and value is not None
    }
    data["notes"] = "Edited by support"
    for inline in page.context["inline_admin_formsets"]:
        management = inline.formset.management_form
        data |= {management.add_prefix(name): value for name, value in management.initial.items()}
    data["start_time_0"], data["start_time_1"] = "", ""
    if imported_run.start_time:
        local = imported_run.start_time
        data["start_time_0"] = local.strftime("%Y-%m-%d")
        data["start_time_1"] = local.strftime("%H:%M:%S")
    data = {k: v for k, v in data.items() if k != "start_time"}
    response = as_admin.post(f"/admin/tracker/run/{imported_run.pk}/change/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    imported_run.refresh_from_db()
    assert imported_run.notes == "Edited by support"
    assert imported_run.laps.count() == 3
    assert RunStream.objects.filter(run=imported_run).exists()


def test_the_run_list_says_which_runs_are_recorded_in_constant_queries(
    as_admin, runner, imported_run
):
    RunFactory(user=runner, date=datetime.date(2024, 5, 1))
    response = as_admin.get("/admin/tracker/run/")
    rows = {run.pk: run.has_recording for run in response.context["cl"].result_list}
    assert rows == {imported_run.pk: True, Run.objects.exclude(pk=imported_run.pk).get().pk: False}
    few = queries_for(as_admin, "/admin/tracker/run/")
    for day in range(1, 21):
        RunFactory(user=UserFactory(), date=datetime.date(2024, 6, day))
    assert queries_for(as_admin, "/admin/tracker/run/") == few
    assert (
        as_admin.get("/admin/tracker/run/", {"source_format": "tcx"}).context["cl"].result_count
        == 1
    )


def test_zone_sets_are_listed_searchable_and_read_only(as_admin, runner, other_runner):
    zone_set(runner, datetime.date(2025, 1, 1))
    theirs = zone_set(other_runner, datetime.date(2025, 3, 1), max_hr=200)
    response = as_admin.get("/admin/tracker/heartratezoneset/")
    assert response.status_code == 200
    assert response.context["cl"].result_count == 2
    assert "120, 134, 148, 162, 176" in response.content.decode()
    found = as_admin.get("/admin/tracker/heartratezoneset/", {"q": "otto"}).context["cl"]
    assert [s.pk for s in found.result_list] == [theirs.pk]
    assert as_admin.get("/admin/tracker/heartratezoneset/add/").status_code == 403
    change = as_admin.get(f"/admin/tracker/heartratezoneset/{theirs.pk}/change/")
    assert change.status_code == 200
    assert 'name="max_hr_bpm"' not in change.content.decode()  # shown, not editable
    delete = as_admin.post(f"/admin/tracker/heartratezoneset/{theirs.pk}/delete/", {"post": "yes"})
    assert delete.status_code == 403
    assert HeartRateZoneSet.objects.filter(pk=theirs.pk).exists()


def test_the_zone_set_list_queries_do_not_grow_with_its_rows(as_admin, runner):
    zone_set(runner, datetime.date(2025, 1, 1))
    few = queries_for(as_admin, "/admin/tracker/heartratezoneset/")
    for number in range(20):
        zone_set(UserFactory(), datetime.date(2025, 1, 1) + datetime.timedelta(days=number))
    assert queries_for(as_admin, "/admin/tracker/heartratezoneset/") == few


def test_runners_cannot_open_the_recording_admin(signed_in, imported_run):
    assert signed_in.get(f"/admin/tracker/run/{imported_run.pk}/change/").status_code == 302
    assert signed_in.get("/admin/tracker/heartratezoneset/").status_code == 302
