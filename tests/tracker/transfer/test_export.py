"""Exports: a CSV per kind in SI units, and the whole account as JSON in a ZIP that restores
into an empty account."""

import csv
import datetime
import io
import json
import zipfile

import pytest
from django.utils import timezone

from tests.factories import UserFactory
from tests.tracker.factories import (
    CrossTrainingFactory,
    ExerciseFactory,
    LegMeasurementFactory,
    MuscleFactory,
    ProteinEntryFactory,
    RunFactory,
    StrengthSessionFactory,
    StrengthSetFactory,
)
from tracker.log.models import (
    LegMeasurement,
    Profile,
    ProteinEntry,
    Run,
    StrengthSession,
    get_profile,
)
from tracker.transfer import exports
from tracker.transfer.imports import import_files


def read_csv(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(response.content.decode())))


@pytest.fixture
def full_log(runner, squat):
    """A bit of everything, including an imported run and a private exercise."""
    profile = get_profile(runner)
    profile.units = Profile.Units.IMPERIAL
    profile.time_zone = "Europe/Berlin"
    profile.save()
    RunFactory(user=runner, notes="=HYPERLINK(evil)", elevation_gain_m=120.5, avg_hr_bpm=150)
    RunFactory(
        user=runner,
        date=datetime.date(2025, 3, 12),
        start_time=datetime.datetime(2025, 3, 12, 6, 30, tzinfo=datetime.UTC),
        moving_s=2900,
        source_format="fit",
        source_name="morning.fit",
        source_hash="a" * 64,
        source_index=2,
        imported_at=timezone.now(),
    )
    own = ExerciseFactory(
        name="Sled push",
        owner=runner,
        primary_muscles=[MuscleFactory(name="Glutes")],
    )
    session = StrengthSessionFactory(user=runner, notes="heavy", duration_s=2700)
    StrengthSetFactory(session=session, exercise=squat, order=0, reps=5, weight_kg=100)
    StrengthSetFactory(session=session, exercise=own, order=1, reps=8, weight_kg=0)
    CrossTrainingFactory(user=runner, sport="swimming", distance_m=2000.0, notes="pool")
    CrossTrainingFactory(user=runner, sport="elliptical", distance_m=None, effort=None)
    LegMeasurementFactory(user=runner, calf_left_cm=38.5, body_fat_pct=14.0)
    ProteinEntryFactory(user=runner, food="Eggs", meal="breakfast")
    ProteinEntryFactory(user=runner, food="Skyr", protein_g=25.0)
    return runner


def test_runs_csv_is_in_si_units_with_unit_named_headers(signed_in, full_log, other_runner):
    RunFactory(user=other_runner, notes="not mine")
    response = signed_in.get("/account/export/runs.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment;" in response["Content-Disposition"]
    rows = read_csv(response)
    assert len(rows) == 2
    assert {"distance_m", "duration_s", "moving_s", "elevation_gain_m", "avg_hr_bpm"} <= set(
        rows[0]
    )
    assert rows[0]["distance_m"] == "10000.0"  # metres, though the runner uses miles
    assert rows[0]["notes"] == "'=HYPERLINK(evil)"  # a spreadsheet shows it, does not run it
    assert rows[1]["source_name"] == "morning.fit"
    assert "not mine" not in response.content.decode()


@pytest.mark.parametrize(
    ("kind", "header"),
    [
        ("strength-sets", "weight_kg"),
        ("cross-training", "sport"),
        ("measurements", "calf_left_cm"),
        ("protein", "protein_g"),
    ],
)
def test_every_kind_has_its_csv(signed_in, full_log, kind, header):
    rows = read_csv(signed_in.get(f"/account/export/{kind}.csv"))
    assert rows
    assert header in rows[0]


def test_an_unknown_csv_kind_is_not_found(signed_in):
    assert signed_in.get("/account/export/passwords.csv").status_code == 404


def test_exports_need_a_login(client):
    assert client.get("/account/export/").status_code == 302
    assert client.get("/account/export/runs.csv").status_code == 302


def export_payload(response) -> dict:
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        assert archive.namelist() == ["legsite-export.json"]
        return json.loads(archive.read("legsite-export.json"))


def test_the_account_export_is_json_in_a_zip_with_a_schema_version(signed_in, full_log):
    response = signed_in.get("/account/export/")
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith('attachment; filename="legsite-rosa-')
    payload = export_payload(response)
    assert payload["format"] == "legsite-account-export"
    assert payload["schema_version"] == 1
    assert payload["profile"]["units"] == "imperial"
    assert len(payload["runs"]) == 2
    assert [s["exercise"] for s in payload["strength_sessions"][0]["sets"]] == [
        {"slug": "squat", "private": False},
        {"slug": "sled-push", "private": True},
    ]
    assert payload["exercises"][0]["primary_muscles"] == ["glutes"]
    assert payload["strength_sessions"][0]["duration_s"] == 2700  # its load needs it
    assert payload["runs"][0]["needs_date"] is False


def comparable(payload: dict) -> dict:
    return {k: v for k, v in payload.items() if k not in ("exported_at", "username")}


def test_an_export_imported_into_a_new_account_recreates_the_same_data(client, full_log):
    client.force_login(full_log)
    first = export_payload(client.get("/account/export/"))
    newcomer = UserFactory(username="nina")
    report = import_files(
        user=newcomer, files=[("legsite-rosa-export.zip", client.get("/account/export/").content)]
    )
    assert report.runs == 2
    assert (
        "is a legsite account export: restored 2 runs, 2 cross-training sessions, "
        "1 strength sessions" in (report.files[0].messages[0])
    )
    client.force_login(newcomer)
    second = export_payload(client.get("/account/export/"))
    assert comparable(second) == comparable(first)
    assert second["username"] == "nina"


def test_an_export_is_only_restored_into_an_empty_account(full_log, other_runner):
    RunFactory(user=other_runner)
    archive = exports.account_export_zip(full_log)
    report = import_files(user=other_runner, files=[("export.zip", archive)])
    assert report.files[0].status == "refused"
    assert "can only be restored into an empty account" in report.files[0].messages[0]
    assert Run.objects.for_user(other_runner).count() == 1


def tampered(payload: dict) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("legsite-export.json", json.dumps(payload))
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda p: p["runs"][1].update(distance_m=-5), "out of bounds"),
        (lambda p: p["runs"][1].update(date="yesterday"), "cannot be restored (date)"),
        (lambda p: p["protein"][0].update(protein_g=5000), "out of bounds"),
        (lambda p: p.update(schema_version=99), "schema version 99"),
        (
            lambda p: p["strength_sessions"][0]["sets"][0].update(exercise={"slug": "nope"}),
            "an exercise this site does not have (nope)",
        ),
        (lambda p: p["runs"].append("not a run"), "damaged or incomplete"),
    ],
)
def test_a_damaged_export_restores_nothing(full_log, change, message):
    payload = exports.account_data(full_log)
    change(payload)
    newcomer = UserFactory(username="nina")
    report = import_files(user=newcomer, files=[("export.zip", tampered(payload))])
    assert report.files[0].status == "refused"
    assert message in report.files[0].messages[0]
    assert report.files[0].messages[0].startswith("export.zip: ")
    for model in (Run, StrengthSession, LegMeasurement, ProteinEntry):
        assert not model.objects.for_user(newcomer).exists()


def test_a_zip_with_broken_export_json_is_refused(runner):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("legsite-export.json", "{not json")
    report = import_files(user=runner, files=[("export.zip", buffer.getvalue())])
    assert report.files[0].messages == [
        "export.zip: the ZIP archive looks like a legsite export, but its data is damaged."
    ]


def test_the_export_reads_a_fixed_number_of_queries(
    signed_in, full_log, django_assert_max_num_queries
):
    for day in range(1, 20):
        RunFactory(user=full_log, date=datetime.date(2025, 1, day))
    # session, user, profile, exercises (+2 muscle prefetches), sessions, sets, runs,
    # cross-training, shoes, measurements, protein, laps, recordings (with their runs)
    with django_assert_max_num_queries(15):
        signed_in.get("/account/export/")


def test_the_settings_page_links_every_csv_kind(signed_in):
    page = signed_in.get("/settings/").content.decode()
    for kind in exports.CSV_KINDS:
        assert f'href="/account/export/{kind}.csv"' in page, kind
