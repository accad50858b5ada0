"""FIT import, checked against the real samples in tests/data/activity-samples/fit.

Expected values are the file's own session totals, read here directly with fitdecode.
"""

import functools
import random
from datetime import UTC, datetime
from pathlib import Path

import fitdecode
import pytest

from tests.samples import SAMPLES
from tracker.transfer.parsers import ActivityFileError, ParsedFile, parse_activity_file

FIT = SAMPLES / "fit"
INVALID = FIT / "invalid"


def parse(path: Path):
    return parse_activity_file(path.name, path.read_bytes())


MULTISPORT = FIT / "multisport-fenix2-7sessions-70km.fit"


@pytest.fixture(scope="module")
def multisport():
    """The 1 MB multisport file, parsed once for the tests below (it takes about a second)."""
    return parse(MULTISPORT)


@functools.cache
def _all_messages(path: Path) -> dict[str, list[dict]]:
    found: dict[str, list[dict]] = {}
    try:
        with fitdecode.FitReader(
            path,
            check_crc=fitdecode.CrcCheck.DISABLED,
            error_handling=fitdecode.ErrorHandling.IGNORE,
        ) as reader:
            for frame in reader:
                if isinstance(frame, fitdecode.FitDataMessage):
                    found.setdefault(frame.name, []).append({f.name: f.value for f in frame.fields})
    except fitdecode.FitError:
        pass  # the broken samples: keep what was read
    return found


def messages(path: Path, name: str) -> list[dict]:
    """Every message called ``name`` in the file, as {field: value}, read with fitdecode."""
    return _all_messages(path).get(name, [])


def session(path: Path) -> dict:
    [only] = messages(path, "session")
    return only


def record_heart_rates(path: Path) -> list[int]:
    return [r["heart_rate"] for r in messages(path, "record") if r.get("heart_rate")]


# --- plain runs ------------------------------------------------------------------------------

RUNS = [
    "run-fr110-4.8km-hr-gps.fit",
    "run-stryd-6.8km-power-devfields.fit",
    "run-fr70-10.2km-footpod-no-gps-pause.fit",
    "run-fr645m-5.8km-hr-gps.fit",
]


@pytest.mark.parametrize("name", RUNS)
def test_fit_run_uses_the_sessions_own_totals(name):
    path = FIT / name
    s = session(path)
    result = parse(path)
    [run] = result.activities
    assert run.source_format == "fit"
    assert run.sport == "running"
    assert s["sport"] == "running"
    assert run.distance_m == pytest.approx(s["total_distance"], rel=0.01)
    assert run.elapsed_s == pytest.approx(s["total_elapsed_time"], rel=0.01)
    assert run.moving_s == pytest.approx(s["total_timer_time"], rel=0.01)


def test_forerunner_110_run_has_its_start_heart_rate_climb_and_gps():
    path = FIT / "run-fr110-4.8km-hr-gps.fit"
    s = session(path)
    [run] = parse(path).activities
    assert run.start_time == s["start_time"]
    assert run.start_time.tzinfo is not None
    assert run.avg_hr_bpm == s["avg_heart_rate"]
    assert run.max_hr_bpm == s["max_heart_rate"]
    assert run.elevation_gain_m == s["total_ascent"]
    assert run.has_gps is True


def test_forerunner_645_run_keeps_the_watch_distance_although_gps_started_late():
    path = FIT / "run-fr645m-5.8km-hr-gps.fit"
    s = session(path)
    records = messages(path, "record")
    assert records[0].get("position_lat") is None  # no GPS fix at the start
    [run] = parse(path).activities
    assert run.distance_m == pytest.approx(s["total_distance"], abs=1)
    assert run.has_gps is True
    assert run.avg_hr_bpm == s["avg_heart_rate"]


def test_stryd_run_without_session_heart_rate_takes_it_from_the_records():
    path = FIT / "run-stryd-6.8km-power-devfields.fit"
    s = session(path)
    assert "avg_heart_rate" not in s or s["avg_heart_rate"] is None
    assert s.get("total_ascent") is None
    hrs = record_heart_rates(path)
    [run] = parse(path).activities
    assert run.max_hr_bpm == max(hrs)
    # one record per second, so the time-weighted average is the plain mean, give or take
    assert run.avg_hr_bpm == pytest.approx(sum(hrs) / len(hrs), abs=1)
    assert run.elevation_gain_m is not None  # computed from the records' altitude
    assert run.elevation_gain_m >= 0


def test_stryd_developer_fields_do_not_disturb_the_standard_fields():
    path = FIT / "run-stryd-6.8km-power-devfields.fit"
    records = messages(path, "record")
    assert "Form Power" in records[0]  # a developer field
    [run] = parse(path).activities
    assert run.distance_m == pytest.approx(records[-1]["distance"], rel=0.01)


def test_watch_without_a_set_clock_gives_no_start_time_but_correct_distance_and_pause():
    path = FIT / "run-fr70-10.2km-footpod-no-gps-pause.fit"
    s = session(path)
    assert isinstance(s["start_time"], int)  # device-relative "system time"
    assert s["start_time"] < 0x10000000
    result = parse(path)
    [run] = result.activities
    assert run.start_time is None
    assert run.has_gps is False
    assert run.elapsed_s - run.moving_s == pytest.approx(
        s["total_elapsed_time"] - s["total_timer_time"], abs=1
    )  # the ~2 minute pause
    assert run.avg_hr_bpm == s["avg_heart_rate"]
    assert any("no absolute start time" in note for note in result.notes)


# --- multisport --------------------------------------------------------------------------------


def test_multisport_file_gives_one_activity_per_session_with_each_sessions_sport(multisport):
    sessions = messages(MULTISPORT, "session")
    assert len(sessions) == 7
    result = multisport
    assert len(result.activities) == 7
    expected_sports = [
        {"generic": "unknown"}.get(s["sport"], s["sport"]) for s in sessions
    ]  # "generic" means the file does not say
    assert [a.sport for a in result.activities] == expected_sports
    assert expected_sports == [
        "unknown",
        "transition",
        "running",
        "transition",
        "running",
        "transition",
        "cycling",
    ]
    for activity, s in zip(result.activities, sessions, strict=True):
        assert activity.distance_m == pytest.approx(s["total_distance"], rel=0.01)
        assert activity.elapsed_s == pytest.approx(s["total_elapsed_time"], rel=0.01)
        assert activity.moving_s == pytest.approx(s["total_timer_time"], rel=0.01)
        assert activity.elevation_gain_m == s["total_ascent"]


def test_multisport_runs_are_found_with_heart_rate_from_the_records(multisport):
    runs = [a for a in multisport.activities if a.sport == "running"]
    assert [round(r.distance_m / 1000, 1) for r in runs] == [2.2, 12.7]
    for run in runs:
        assert run.avg_hr_bpm is not None
        assert run.max_hr_bpm >= run.avg_hr_bpm
        assert run.has_gps is True
    assert max(r.max_hr_bpm for r in runs) <= max(record_heart_rates(MULTISPORT))


def test_multisport_first_session_start_is_taken_from_its_records_when_the_stored_one_is_wrong(
    multisport,
):
    first_session = messages(MULTISPORT, "session")[0]
    first_record = messages(MULTISPORT, "record")[0]
    assert (first_session["start_time"] - first_record["timestamp"]).total_seconds() > 2000
    result = multisport
    assert result.activities[0].start_time == first_record["timestamp"]
    assert result.activities[1].start_time == messages(MULTISPORT, "session")[1]["start_time"]
    assert any("did not match its own records" in note for note in result.notes)


# --- weight scale ----------------------------------------------------------------------------


def test_weight_scale_file_gives_two_weight_readings():
    path = FIT / "weight-scale-2-readings.fit"
    readings = messages(path, "weight_scale")
    result = parse(path)
    assert result.activities == []
    assert len(result.weights) == 2
    for weight, reading in zip(result.weights, readings, strict=True):
        assert weight.weight_kg == pytest.approx(reading["weight"])
        assert weight.body_fat_pct == pytest.approx(reading["percent_fat"])
        assert weight.measured_at == reading["timestamp"]
    assert [w.weight_kg for w in result.weights] == [75.8, 76.09]
    assert [w.body_fat_pct for w in result.weights] == [22.3, 25.1]
    assert result.weights[0].measured_at == datetime(2009, 9, 9, 21, 38, tzinfo=UTC)


# --- damaged files -----------------------------------------------------------------------------


def test_truncated_fit_whose_session_was_read_is_imported_with_a_note():
    path = INVALID / "truncated.fit"
    s = session(path)
    result = parse(path)
    [run] = result.activities
    assert run.distance_m == pytest.approx(s["total_distance"])
    assert run.elapsed_s == pytest.approx(s["total_elapsed_time"], abs=0.1)
    assert run.start_time == s["start_time"]
    assert result.notes == [
        "truncated.fit is damaged (it ends early); the summary it holds was used."
    ]


def test_fit_with_a_bad_file_checksum_but_complete_data_is_imported_with_a_note():
    path = INVALID / "bad-file-crc.fit"
    s = session(path)
    result = parse(path)
    [run] = result.activities
    assert run.distance_m == pytest.approx(s["total_distance"])
    assert result.notes == [
        "bad-file-crc.fit: the file's checksum does not match its contents, so it may be "
        "damaged; its data looked complete, so it was read."
    ]


def test_chained_fit_with_a_corrupt_second_header_keeps_the_complete_first_file():
    path = INVALID / "chained-corrupt-second-header.fit"
    s = session(path)
    result = parse(path)
    [run] = result.activities
    assert run.distance_m == pytest.approx(s["total_distance"])
    assert run.sport == "running"
    assert result.notes == [
        "chained-corrupt-second-header.fit: a damaged second file chained after the first one "
        "was ignored."
    ]


def test_two_intact_chained_fit_files_give_two_activities():
    first, second = FIT / "run-fr110-4.8km-hr-gps.fit", FIT / "run-fr645m-5.8km-hr-gps.fit"
    result = parse_activity_file("chain.fit", first.read_bytes() + second.read_bytes())
    assert [a.distance_m for a in result.activities] == [
        pytest.approx(session(first)["total_distance"]),
        pytest.approx(session(second)["total_distance"]),
    ]
    assert not any("damaged" in note for note in result.notes)


def test_chained_fit_whose_second_file_is_cut_keeps_the_first():
    first, second = FIT / "run-fr110-4.8km-hr-gps.fit", FIT / "run-fr645m-5.8km-hr-gps.fit"
    data = first.read_bytes() + second.read_bytes()[:20_000]
    result = parse_activity_file("chain.fit", data)
    [run] = result.activities
    assert run.distance_m == pytest.approx(session(first)["total_distance"])
    assert result.notes == [
        "chain.fit: a damaged second file chained after the first one was ignored."
    ]


def test_strava_fit_with_a_corrupt_body_is_imported_from_its_session_summary():
    path = INVALID / "strava-app-run-11.3km-corrupt-body.fit"
    s = session(path)
    result = parse(path)
    [run] = result.activities
    assert run.distance_m == pytest.approx(s["total_distance"])  # 11.3 km
    assert run.elapsed_s == pytest.approx(s["total_elapsed_time"])
    assert run.start_time == s["start_time"]
    assert run.avg_hr_bpm is None
    assert run.has_gps is True
    assert result.notes == [
        "strava-app-run-11.3km-corrupt-body.fit is damaged (part of its data is corrupt); the "
        "summary it holds was used."
    ]


def test_fit_cut_before_its_session_is_refused_as_damaged():
    data = (FIT / "run-fr110-4.8km-hr-gps.fit").read_bytes()[:9000]
    with pytest.raises(ActivityFileError) as info:
        parse_activity_file("cut.fit", data)
    assert str(info.value) == "cut.fit is damaged (it ends early) and holds no readable activity."


def test_fit_with_garbage_after_a_valid_header_is_refused_as_damaged():
    header = (FIT / "run-fr110-4.8km-hr-gps.fit").read_bytes()[:14]
    data = header + bytes(range(256)) * 20
    with pytest.raises(ActivityFileError, match=r"cut.fit is damaged \(.*\)"):
        parse_activity_file("cut.fit", data)


def fit_crc(data: bytes) -> int:
    """The FIT SDK's CRC-16, nibble by nibble, as the SDK documents it."""
    table = [0x0000, 0xCC01, 0xD801, 0x1400, 0xF001, 0x3C00, 0x2800, 0xE401,
             0xA001, 0x6C00, 0x7800, 0xB401, 0x5000, 0x9C01, 0x8801, 0x4400]  # fmt: skip
    crc = 0
    for byte in data:
        tmp = table[crc & 0xF]
        crc = ((crc >> 4) & 0x0FFF) ^ tmp ^ table[byte & 0xF]
        tmp = table[crc & 0xF]
        crc = ((crc >> 4) & 0x0FFF) ^ tmp ^ table[(byte >> 4) & 0xF]
    return crc


def minimal_fit(file_type: int) -> bytes:
    """A valid FIT file holding only a file_id message of the given type."""
    definition = bytes([0x40, 0, 0]) + (0).to_bytes(2, "little") + bytes([1, 0, 1, 0x00])
    body = definition + bytes([0x00, file_type])
    header = bytes([14, 0x10]) + (2093).to_bytes(2, "little") + len(body).to_bytes(4, "little")
    header += b".FIT" + (0).to_bytes(2, "little")
    data = header + body
    return data + fit_crc(data).to_bytes(2, "little")


def test_fit_course_file_is_refused_as_a_planned_route():
    with pytest.raises(ActivityFileError) as info:
        parse_activity_file("loop.fit", minimal_fit(6))  # file type 6 = course
    assert str(info.value) == (
        "loop.fit holds a course (a planned route), not a recorded activity or weight readings."
    )


def test_fit_activity_file_without_any_activity_data_is_refused():
    with pytest.raises(ActivityFileError) as info:
        parse_activity_file("empty.fit", minimal_fit(4))  # file type 4 = activity
    assert str(info.value) == "empty.fit holds no recorded activity or weight readings."


def parse_or_error(filename: str, data: bytes):
    """The ParsedFile, or the ActivityFileError; any other exception fails the test."""
    try:
        return parse_activity_file(filename, data)
    except ActivityFileError as error:
        return error


@pytest.mark.parametrize("seed", range(40))
def test_randomly_damaged_fit_never_leaks_a_library_exception(seed):
    rng = random.Random(seed)
    source = rng.choice(
        [FIT / "run-fr110-4.8km-hr-gps.fit", FIT / "run-stryd-6.8km-power-devfields.fit"]
    )
    data = bytearray(source.read_bytes())
    if seed % 2:
        del data[rng.randrange(14, len(data)) :]
    for _ in range(rng.randrange(1, 20)):
        data[rng.randrange(14, len(data))] = rng.randrange(256)
    outcome = parse_or_error("damaged.fit", bytes(data))
    if isinstance(outcome, ActivityFileError):
        assert str(outcome).startswith("damaged.fit ")
    else:
        assert isinstance(outcome, ParsedFile)
        assert outcome.activities or outcome.weights
