"""import_files with the real sample files (tests/data/activity-samples, see SOURCES.md): what is
saved, what is refused and why, and that nothing is saved twice."""

import datetime
import io
import re
import xml.etree.ElementTree as ET
import zipfile

import fitdecode
import pytest

from tests.samples import SAMPLES
from tracker.log.models import CrossTrainingSession, LegMeasurement, Profile, Run, get_profile
from tracker.transfer.imports import import_files


def sample(path: str) -> tuple[str, bytes]:
    file = SAMPLES / path
    return file.name, file.read_bytes()


def fit_sessions(path: str) -> list[dict]:
    """The FIT file's own session totals, read with fitdecode directly."""
    sessions = []
    with fitdecode.FitReader(str(SAMPLES / path), check_crc=fitdecode.CrcCheck.DISABLED) as fit:
        for frame in fit:
            if isinstance(frame, fitdecode.FitDataMessage) and frame.name == "session":
                sessions.append({f.name: f.value for f in frame.fields})
    return sessions


def tcx_lap_totals(path: str) -> tuple[float, float]:
    """Sum of the TCX laps' DistanceMeters and TotalTimeSeconds."""
    ns = {"t": "http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"}
    root = ET.parse(SAMPLES / path).getroot()
    laps = root.findall(".//t:Lap", ns)
    distance = sum(float(lap.find("t:DistanceMeters", ns).text) for lap in laps)
    seconds = sum(float(lap.find("t:TotalTimeSeconds", ns).text) for lap in laps)
    return distance, seconds


def messages(report) -> str:
    return " ".join(m for f in report.files for m in f.messages)


# --------------------------------------------------------------------------------------------
# Totals match the files' own
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "fit/run-fr110-4.8km-hr-gps.fit",
        "fit/run-fr645m-5.8km-hr-gps.fit",
        "fit/run-stryd-6.8km-power-devfields.fit",
        "fit/run-fr70-10.2km-footpod-no-gps-pause.fit",
    ],
)
def test_a_fit_run_keeps_the_watch_s_own_distance_and_times(runner, path):
    (session,) = fit_sessions(path)
    report = import_files(user=runner, files=[sample(path)])
    run = Run.objects.for_user(runner).get()
    assert report.runs == 1
    assert run.distance_m == pytest.approx(session["total_distance"], rel=0.01)
    assert run.duration_s == pytest.approx(session["total_elapsed_time"], rel=0.01)
    assert run.moving_s == pytest.approx(session["total_timer_time"], rel=0.01)
    assert run.source_format == "fit"
    assert len(run.source_hash) == 64
    assert run.imported_at is not None
    # The importer suggests the type from the recording, and says why.
    assert run.run_type == run.suggested_run_type != ""
    assert run.run_type_reason
    assert run.effort is None


def test_a_fit_run_keeps_heart_rate_climb_and_start_time(runner):
    import_files(user=runner, files=[sample("fit/run-fr110-4.8km-hr-gps.fit")])
    run = Run.objects.get()
    (session,) = fit_sessions("fit/run-fr110-4.8km-hr-gps.fit")
    assert run.avg_hr_bpm == session["avg_heart_rate"]
    assert run.max_hr_bpm == session["max_heart_rate"]
    assert run.elevation_gain_m == session["total_ascent"]
    assert run.start_time == session["start_time"]
    assert run.date == datetime.date(2013, 2, 6)


@pytest.mark.parametrize("path", ["tcx/run-4.7km-3laps-hr.tcx", "tcx/run-12km-3laps-hr-pauses.tcx"])
def test_a_tcx_run_keeps_the_sum_of_its_laps(runner, path):
    distance, timer = tcx_lap_totals(path)
    import_files(user=runner, files=[sample(path)])
    run = Run.objects.get()
    assert run.distance_m == pytest.approx(distance, rel=0.01)
    assert run.moving_s == pytest.approx(timer, rel=0.01)
    assert run.source_format == "tcx"


def test_a_tcx_run_without_heart_rate_has_none(runner):
    import_files(user=runner, files=[sample("tcx/run-4.7km-3laps-no-hr.tcx")])
    run = Run.objects.get()
    assert run.avg_hr_bpm is None
    assert run.max_hr_bpm is None
    assert run.distance_m == pytest.approx(4689, rel=0.01)


def test_a_gpx_run_is_measured_from_its_track(runner):
    import_files(user=runner, files=[sample("gpx/run-garmin-3.1km-hr.gpx")])
    run = Run.objects.get()
    assert run.distance_m == pytest.approx(3102, rel=0.01)  # gpxpy's length_2d
    assert run.duration_s == 948  # first to last point
    assert run.avg_hr_bpm is not None
    assert run.source_format == "gpx"


def test_the_gpx_and_tcx_of_one_run_agree_and_the_second_is_a_duplicate(runner):
    report = import_files(
        user=runner,
        files=[
            sample("tcx/run-12km-3laps-hr-pauses.tcx"),
            sample("gpx/run-strava-12km-hr-pauses.gpx"),
        ],
    )
    run = Run.objects.get()
    assert run.source_format == "tcx"
    assert run.duration_s == pytest.approx(5127, rel=0.01)  # the GPX's first to last point
    assert "already has a run starting at the same time" in messages(report)
    assert [f.status for f in report.files] == ["imported", "refused"]


def test_a_gps_jump_does_not_make_an_impossible_speed_refuse_the_run(runner):
    report = import_files(user=runner, files=[sample("gpx/run-strava-3.6km-gap.gpx")])
    run = Run.objects.get()
    # The 82 m jump after the recording gap is followed by the track carrying on from there,
    # so it is distance (a glitch jumps away and comes back): gpxpy's 3,572 m.
    assert run.distance_m == pytest.approx(3572, abs=5)
    assert "GPS glitch" not in messages(report)


def test_a_run_date_is_its_start_in_the_runner_s_time_zone(runner):
    profile = get_profile(runner)
    profile.time_zone = "America/Los_Angeles"
    profile.save()
    # Starts 2012-10-24 23:29 UTC: still the 24th in California, but the 25th in Tokyo.
    import_files(user=runner, files=[sample("gpx/run-garmin-3.1km-hr.gpx")])
    assert Run.objects.get().date == datetime.date(2012, 10, 24)
    profile.time_zone = "Asia/Tokyo"
    profile.save()
    Run.objects.all().delete()
    import_files(user=runner, files=[sample("gpx/run-garmin-3.1km-hr.gpx")])
    assert Run.objects.get().date == datetime.date(2012, 10, 25)


def test_a_treadmill_file_without_gps_or_clock_is_a_run_waiting_for_its_date(runner):
    report = import_files(
        user=runner, files=[sample("fit/run-fr70-10.2km-footpod-no-gps-pause.fit")]
    )
    run = Run.objects.get()
    assert run.start_time is None
    assert run.needs_date
    assert not Run.objects.for_user(runner).dated().exists()  # out of totals and charts
    assert "give it on the import report" in messages(report)
    assert "dated on the day" not in messages(report)
    assert report.files[0].items == [
        {
            "kind": "run",
            "pk": run.pk,
            "label": f"{run.date:%Y-%m-%d}, 10.2 km run",
            "guessed": "",
            "needs_date": True,
        }
    ]
    assert run.moving_s < run.duration_s  # the 2-minute pause


# --------------------------------------------------------------------------------------------
# Multisport, several recordings, weight scale
# --------------------------------------------------------------------------------------------


def test_a_multisport_file_keeps_every_sport_and_skips_only_transitions(runner):
    report = import_files(user=runner, files=[sample("fit/multisport-fenix2-7sessions-70km.fit")])
    sessions = fit_sessions("fit/multisport-fenix2-7sessions-70km.fit")
    run_totals = [s["total_distance"] for s in sessions if s["sport"] == "running"]
    generic = [s["total_distance"] for s in sessions if s["sport"] == "generic"]
    ride = next(s for s in sessions if s["sport"] == "cycling")
    runs = Run.objects.for_user(runner).order_by("start_time")
    # The generic part names no sport; at its speed it is judged a run, and the report says so.
    assert sorted(r.distance_m for r in runs) == pytest.approx(
        sorted(run_totals + generic), rel=0.01
    )
    assert sorted(r.source_index for r in runs) == [0, 2, 4]
    (cycling,) = CrossTrainingSession.objects.for_user(runner)
    assert cycling.sport == "cycling"
    assert cycling.distance_m == pytest.approx(ride["total_distance"], rel=0.01)
    assert (report.runs, report.cross_training) == (3, 1)
    text = messages(report)
    assert "skipped 3 transitions" in text
    assert "names no sport" not in text  # the generic part: judged a run, nothing to say


def test_a_file_of_several_days_at_walking_pace_gives_one_walk_a_day(runner):
    report = import_files(user=runner, files=[sample("gpx/multitrack-3days-82km.gpx")])
    assert report.runs == 0
    assert report.cross_training == 3
    walks = CrossTrainingSession.objects.for_user(runner).order_by("date")
    assert [(w.date, w.sport) for w in walks] == [
        (datetime.date(2008, 7, 12), "walking"),
        (datetime.date(2008, 7, 13), "walking"),
        (datetime.date(2008, 7, 14), "walking"),
    ]
    assert "so it was saved as a walk or hike" in messages(report)
    assert all(item["guessed"] for item in report.files[0].items)


def test_a_weight_scale_file_adds_body_weight_and_body_fat(runner):
    report = import_files(user=runner, files=[sample("fit/weight-scale-2-readings.fit")])
    readings = LegMeasurement.objects.for_user(runner).order_by("source_index")
    assert [(m.weight_kg, m.body_fat_pct) for m in readings] == [(75.8, 22.3), (76.09, 25.1)]
    assert readings[0].date == datetime.date(2009, 9, 9)
    assert report.measurements == 2
    assert report.runs == 0
    assert not Run.objects.exists()


# --------------------------------------------------------------------------------------------
# Duplicates
# --------------------------------------------------------------------------------------------


def test_importing_the_same_file_twice_creates_no_duplicate(runner):
    files = [sample("fit/run-fr110-4.8km-hr-gps.fit"), sample("fit/weight-scale-2-readings.fit")]
    import_files(user=runner, files=files)
    report = import_files(user=runner, files=files)
    assert Run.objects.count() == 1
    assert LegMeasurement.objects.count() == 2
    assert [f.status for f in report.files] == ["duplicate", "duplicate"]
    assert "run-fr110-4.8km-hr-gps.fit was already imported" in messages(report)


def test_the_same_file_twice_in_one_upload_is_imported_once(runner):
    file = sample("tcx/run-4.7km-3laps-hr.tcx")
    report = import_files(user=runner, files=[file, file])
    assert Run.objects.count() == 1
    assert "is the same file as run-4.7km-3laps-hr.tcx in this upload" in messages(report)


def test_another_runner_can_import_the_same_file(runner, other_runner):
    file = sample("tcx/run-4.7km-3laps-hr.tcx")
    import_files(user=runner, files=[file])
    report = import_files(user=other_runner, files=[file])
    assert report.runs == 1
    assert Run.objects.for_user(other_runner).count() == 1


def test_a_zip_member_is_recognised_as_the_file_imported_before(runner):
    name, data = sample("fit/run-fr110-4.8km-hr-gps.fit")
    import_files(user=runner, files=[(name, data)])
    report = import_files(
        user=runner, files=[("export.zip", make_zip({f"activities/{name}": data}))]
    )
    assert report.files[0].status == "duplicate"
    assert Run.objects.count() == 1


# --------------------------------------------------------------------------------------------
# Broken and hostile files
# --------------------------------------------------------------------------------------------


def make_zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("path", "message"),
    [
        (
            "tcx/invalid/no-root-element.tcx",
            "no-root-element.tcx is not a valid TCX file: its TrainingCenterDatabase root "
            "element is missing.",
        ),
        ("gpx/empty-track.gpx", "empty-track.gpx has no track points."),
        (
            "gpx/no-times-8tracks-waypoints.gpx",
            "no-times-8tracks-waypoints.gpx was not imported: it has no times, so its duration "
            "is unknown",
        ),
    ],
)
def test_a_file_that_cannot_be_a_run_is_refused_with_a_message_naming_it(runner, path, message):
    report = import_files(user=runner, files=[sample(path)])
    (outcome,) = report.files
    assert outcome.status == "refused"
    assert message in " ".join(outcome.messages)
    assert not Run.objects.exists()


@pytest.mark.parametrize(
    "path",
    [
        "fit/invalid/bad-file-crc.fit",
        "fit/invalid/truncated.fit",
        "fit/invalid/chained-corrupt-second-header.fit",
    ],
)
def test_a_damaged_fit_file_holding_a_few_seconds_is_refused_as_too_short(runner, path):
    report = import_files(user=runner, files=[sample(path)])
    (outcome,) = report.files
    assert outcome.status == "refused"
    text = " ".join(outcome.messages)
    assert "too short to be a run (a run here is at least 200 m and 60 seconds)" in text
    assert re.search(r"was not imported: \d+ m in 0:00:\d\d is too short", text)
    assert "was imported" not in text  # no note contradicts the refusal
    assert not Run.objects.exists()


@pytest.mark.parametrize(
    ("path", "note"),
    [("fit/invalid/strava-app-run-11.3km-corrupt-body.fit", "the summary it holds was used")],
)
def test_a_damaged_fit_file_with_a_readable_summary_is_imported_with_a_warning(runner, path, note):
    report = import_files(user=runner, files=[sample(path)])
    (outcome,) = report.files
    assert outcome.status == "imported"
    assert note in " ".join(outcome.messages)
    assert Run.objects.count() == 1


def test_good_files_still_import_beside_bad_ones_and_each_bad_one_is_named(runner):
    report = import_files(
        user=runner,
        files=[
            sample("tcx/invalid/no-root-element.tcx"),
            sample("fit/run-fr110-4.8km-hr-gps.fit"),
            ("notes.txt", b"just some notes about my run"),
            ("empty.gpx", b""),
            sample("gpx/run-garmin-3.1km-hr.gpx"),
            ("photo.fit", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100),
        ],
    )
    assert Run.objects.count() == 2
    refused = {f.name: " ".join(f.messages) for f in report.refused}
    assert set(refused) == {"no-root-element.tcx", "notes.txt", "empty.gpx", "photo.fit"}
    assert refused["notes.txt"] == "notes.txt is not a GPX, TCX or FIT file."
    assert refused["empty.gpx"] == "empty.gpx is empty."
    assert "photo.fit is not a valid FIT file" in refused["photo.fit"]


def test_an_xml_entity_bomb_is_refused_without_expanding_it(runner):
    # Billion laughs: each entity is ten of the one before; expanded it would be 3 GB.
    entities = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)
    ]
    bomb = (
        f'<?xml version="1.0"?><!DOCTYPE lolz [{"".join(entities)}]>'
        '<gpx version="1.1"><trk><name>&lol9;</name></trk></gpx>'
    ).encode()
    report = import_files(user=runner, files=[("bomb.gpx", bomb)])
    assert report.files[0].status == "refused"
    assert "bomb.gpx uses XML features that are not allowed" in messages(report)


def test_a_zip_bomb_is_refused_by_its_unpacked_size(runner, settings):
    settings.IMPORT_ZIP_MAX_MEMBER_MB = 1
    bomb = make_zip({"huge.gpx": b"<gpx>" + b" " * (3 * 1024 * 1024)})
    assert len(bomb) < 20_000
    report = import_files(user=runner, files=[("strava.zip", bomb)])
    (outcome,) = report.files
    assert outcome.status == "refused"
    assert outcome.messages == [
        "strava.zip: huge.gpx in the ZIP archive unpacks to more than 1 MB, so the archive was "
        "refused (this protects the site against ZIP bombs)."
    ]


def test_a_zip_with_too_many_files_is_refused(runner, settings):
    settings.IMPORT_ZIP_MAX_FILES = 3
    archive = make_zip({f"{n}.gpx": b"<gpx/>" for n in range(4)})
    report = import_files(user=runner, files=[("many.zip", archive)])
    assert "at most 3 can be imported at once" in messages(report)


def test_a_damaged_zip_is_refused_and_the_other_uploads_still_import(runner):
    name, data = sample("fit/run-fr110-4.8km-hr-gps.fit")
    report = import_files(user=runner, files=[("broken.zip", b"PK\x03\x04garbage"), (name, data)])
    assert Run.objects.count() == 1
    assert "broken.zip: the ZIP archive is damaged or is not a ZIP file." in messages(report)


def test_a_zip_of_files_imports_each_and_names_them_with_the_archive(runner):
    archive = make_zip(
        {
            "export/activities/a.tcx": sample("tcx/run-4.7km-3laps-hr.tcx")[1],
            "export/activities/b.fit": sample("fit/run-fr110-4.8km-hr-gps.fit")[1],
            "export/activities/bad.gpx": b"<gpx><trk>",
            "export/profile.csv": b"not an activity",
        }
    )
    report = import_files(user=runner, files=[("strava_export.zip", archive)])
    assert report.runs == 2
    assert [f.name for f in report.files] == [
        "strava_export.zip › a.tcx",
        "strava_export.zip › b.fit",
        "strava_export.zip › bad.gpx",
    ]
    assert report.files[2].status == "refused"


def test_an_activity_too_fast_to_be_a_run_is_refused(runner):
    # 45 km/h for 5 minutes: below the GPS-glitch limit, but faster than 1:30 per km.
    points = b"".join(
        f'<trkpt lat="{52 + i * 0.000337:.6f}" lon="13.0">'
        f"<time>2024-05-01T10:{i * 3 // 60:02d}:{i * 3 % 60:02d}Z</time></trkpt>".encode()
        for i in range(100)
    )
    gpx = (
        b'<?xml version="1.0"?><gpx version="1.1" creator="test"><trk><type>running</type>'
        b"<trkseg>" + points + b"</trkseg></trk></gpx>"
    )
    report = import_files(user=runner, files=[("scooter.gpx", gpx)])
    assert not Run.objects.exists()
    assert report.files[0].status == "refused"
    assert "scooter.gpx was not imported: 3.71 km in 0:04:57 is faster than 1:30 per km" in (
        messages(report)
    )


def test_nothing_is_half_saved_when_the_database_refuses_a_file(runner, monkeypatch):
    from django.db import IntegrityError

    from tracker.log.models import LegMeasurement as Measurement

    def refuse(*args, **kwargs):
        raise IntegrityError("simulated")

    # Runs of a file are written, then its readings fail: the file's runs must roll back.
    monkeypatch.setattr(Measurement.objects, "bulk_create", refuse)
    report = import_files(user=runner, files=[sample("fit/run-fr110-4.8km-hr-gps.fit")])
    assert not Run.objects.exists()
    assert report.files[0].status == "refused"
    assert "run-fr110-4.8km-hr-gps.fit could not be saved" in messages(report)


def test_imperial_runners_get_the_same_si_values(runner):
    profile = get_profile(runner)
    profile.units = Profile.Units.IMPERIAL
    profile.save()
    import_files(user=runner, files=[sample("tcx/run-4.7km-3laps-hr.tcx")])
    assert Run.objects.get().distance_m == pytest.approx(4689, rel=0.01)
