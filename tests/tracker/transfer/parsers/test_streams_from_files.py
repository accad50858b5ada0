"""The samples each parser keeps (the stream) and the laps, checked against the real files.

Lap totals are read here straight from the files (ElementTree for TCX, fitdecode for FIT);
distances and times from the stream are checked against the totals the parsers compute.
"""

import functools
import xml.etree.ElementTree as ET
from pathlib import Path

import fitdecode
import pytest

from tests.samples import SAMPLES
from tracker import heart_rate, streams
from tracker.transfer.parsers import parse_activity_file

NS = {"t": "http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"}

RUNS = [
    "fit/run-fr110-4.8km-hr-gps.fit",
    "fit/run-fr645m-5.8km-hr-gps.fit",
    "fit/run-fr70-10.2km-footpod-no-gps-pause.fit",
    "fit/run-stryd-6.8km-power-devfields.fit",
    "gpx/run-garmin-3.1km-hr.gpx",
    "gpx/run-strava-12km-hr-pauses.gpx",
    "gpx/run-strava-3.6km-gap.gpx",
    "tcx/run-4.7km-3laps-hr.tcx",
    "tcx/run-4.7km-3laps-no-hr.tcx",
    "tcx/run-12km-3laps-hr-pauses.tcx",
]
WITH_HR = [name for name in RUNS if "no-hr" not in name]
# Recorded every second (the others record "smart", every few seconds).
ONE_SECOND = [
    "fit/run-stryd-6.8km-power-devfields.fit",
    "gpx/run-strava-3.6km-gap.gpx",
    "fit/multisport-fenix2-7sessions-70km.fit",
]


@functools.cache
def parsed(name: str):
    path = SAMPLES / name
    return parse_activity_file(path.name, path.read_bytes())


def run(name: str):
    [activity] = parsed(name).activities
    return activity


def within(value: float, expected: float, share: float) -> bool:
    return abs(value - expected) <= share * expected


@pytest.mark.parametrize("name", RUNS)
def test_every_run_sample_keeps_a_stream_whose_time_only_moves_forward(name):
    stream = run(name).stream
    assert len(stream) > 100
    assert stream.t[0] >= 0
    assert all(b >= a for a, b in zip(stream.t, stream.t[1:], strict=False))
    for values in stream.channels().values():
        assert len(values) == len(stream.t)


@pytest.mark.parametrize("name", RUNS)
def test_the_stream_ends_at_the_runs_distance(name):
    activity = run(name)
    assert within(activity.stream.distance[-1], activity.distance_m, 0.005)


@pytest.mark.parametrize("name", RUNS)
@pytest.mark.parametrize("unit_m", [1000.0, streams.MILE_M])
def test_splits_add_up_to_the_runs_distance_within_half_a_percent(name, unit_m):
    activity = run(name)
    splits = streams.splits(activity.stream, unit_m)
    assert within(sum(s.distance_m for s in splits), activity.distance_m, 0.005)
    assert all(s.distance_m == pytest.approx(unit_m) for s in splits[:-1])
    assert splits[-1].distance_m <= unit_m + 1e-6


@pytest.mark.parametrize("name", RUNS)
def test_split_times_add_up_to_the_streams_moving_and_elapsed_time(name):
    stream = run(name).stream
    splits = streams.splits(stream)
    assert sum(s.moving_s for s in splits) == pytest.approx(streams.moving_seconds(stream), abs=2)
    assert sum(s.elapsed_s for s in splits) == pytest.approx(stream.t[-1] - stream.t[0], abs=2)


@pytest.mark.parametrize("name", RUNS)
def test_moving_time_from_the_stream_is_within_one_percent_of_the_runs(name):
    activity = run(name)
    assert within(streams.moving_seconds(activity.stream), activity.moving_s, 0.01)


@pytest.mark.parametrize("name", WITH_HR)
def test_time_in_zones_adds_up_to_moving_time_within_one_percent(name):
    activity = run(name)
    zones = heart_rate.zones_for(190, 55)
    seconds, without_hr = heart_rate.time_in_zones(activity.stream, zones)
    assert within(sum(seconds), activity.moving_s, 0.01)
    assert without_hr < 0.01 * activity.moving_s


def test_a_file_without_heart_rate_has_no_zone_time():
    activity = run("tcx/run-4.7km-3laps-no-hr.tcx")
    assert activity.stream.hr is None
    seconds, without_hr = heart_rate.time_in_zones(activity.stream, heart_rate.zones_for(190))
    assert sum(seconds) == 0
    assert within(without_hr, activity.moving_s, 0.01)


@pytest.mark.parametrize("name", WITH_HR)
def test_a_file_with_heart_rate_gets_a_load_without_any_typed_effort(name):
    activity = run(name)
    load = heart_rate.session_load(None, activity.moving_s, activity.stream, max_hr=190)
    assert load.source == "heart_rate"
    # Between an easy half hour and a hard two hours on the effort × minutes scale.
    assert 40 < load.value < 1200


def test_channels_follow_what_each_file_recorded():
    assert run("fit/run-stryd-6.8km-power-devfields.fit").stream.power is not None
    assert run("fit/run-fr645m-5.8km-hr-gps.fit").stream.cadence is not None
    footpod = run("fit/run-fr70-10.2km-footpod-no-gps-pause.fit").stream
    assert footpod.lat is None
    assert footpod.distance is not None
    assert footpod.hr is not None
    assert run("tcx/run-4.7km-3laps-no-hr.tcx").stream.hr is None
    gpx = run("gpx/run-strava-12km-hr-pauses.gpx").stream
    assert gpx.power is None
    assert gpx.cadence is None
    assert gpx.stops_count_as_pauses


def test_a_fit_file_without_gps_at_the_start_keeps_the_watchs_distance_from_the_first_second():
    stream = run("fit/run-fr645m-5.8km-hr-gps.fit").stream
    first_fix = next(i for i, lat in enumerate(stream.lat) if lat is not None)
    assert first_fix > 0
    assert stream.distance[first_fix] > 100  # distance counted before the first position


# --- laps ------------------------------------------------------------------------------------


def tcx_laps(path: Path) -> list[dict]:
    laps = ET.parse(path).getroot().findall(".//t:Lap", NS)
    out = []
    for lap in laps:
        avg = lap.find("t:AverageHeartRateBpm/t:Value", NS)
        out.append(
            {
                "moving_s": float(lap.find("t:TotalTimeSeconds", NS).text),
                "distance_m": float(lap.find("t:DistanceMeters", NS).text),
                "avg_hr": int(avg.text) if avg is not None else None,
            }
        )
    return out


def fit_laps(path: Path) -> list[dict]:
    out = []
    with fitdecode.FitReader(path) as reader:
        for frame in reader:
            if isinstance(frame, fitdecode.FitDataMessage) and frame.name == "lap":
                out.append(
                    {
                        "moving_s": frame.get_value("total_timer_time"),
                        "distance_m": frame.get_value("total_distance"),
                        "avg_hr": frame.get_value("avg_heart_rate", fallback=None),
                    }
                )
    return out


@pytest.mark.parametrize("name", ["tcx/run-4.7km-3laps-hr.tcx", "tcx/run-12km-3laps-hr-pauses.tcx"])
def test_tcx_laps_match_the_files_lap_totals(name):
    expected = tcx_laps(SAMPLES / name)
    laps = run(name).laps
    assert len(laps) == len(expected) == 3
    for lap, want in zip(laps, expected, strict=True):
        assert lap.moving_s == pytest.approx(want["moving_s"])
        assert lap.distance_m == pytest.approx(want["distance_m"])
        assert lap.avg_hr_bpm == want["avg_hr"]
    assert sum(lap.distance_m for lap in laps) == pytest.approx(run(name).distance_m)
    starts = [lap.start_s for lap in laps]
    assert starts[0] == 0
    assert starts == sorted(starts)


@pytest.mark.parametrize(
    ("name", "count"),
    [
        ("fit/run-fr110-4.8km-hr-gps.fit", 5),
        ("fit/run-fr645m-5.8km-hr-gps.fit", 6),
        ("fit/run-fr70-10.2km-footpod-no-gps-pause.fit", 11),
        ("fit/run-stryd-6.8km-power-devfields.fit", 1),
    ],
)
def test_fit_laps_match_the_files_lap_messages(name, count):
    expected = fit_laps(SAMPLES / name)
    activity = run(name)
    assert len(activity.laps) == len(expected) == count
    for lap, want in zip(activity.laps, expected, strict=True):
        assert lap.moving_s == pytest.approx(want["moving_s"])
        assert lap.distance_m == pytest.approx(want["distance_m"])
        assert lap.avg_hr_bpm == want["avg_hr"]
    assert within(sum(lap.distance_m for lap in activity.laps), activity.distance_m, 0.001)
    assert within(sum(lap.moving_s for lap in activity.laps), activity.moving_s, 0.001)


def test_the_fr70s_manual_pause_shows_in_its_second_lap_as_elapsed_but_not_timer_time():
    lap = run("fit/run-fr70-10.2km-footpod-no-gps-pause.fit").laps[1]
    assert lap.elapsed_s - lap.moving_s == pytest.approx(110, abs=15)  # the ~2 min pause


def test_gpx_files_have_no_laps():
    assert run("gpx/run-strava-12km-hr-pauses.gpx").laps == ()


# --- storage ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", RUNS)
def test_a_real_stream_survives_packing_at_storage_precision(name):
    stream = run(name).stream
    back = streams.unpack(streams.pack(stream))
    assert back.t == pytest.approx(stream.t, abs=0.05)
    assert set(back.channels()) == set(stream.channels())
    for channel, values in stream.channels().items():
        restored = getattr(back, channel)
        assert [v is None for v in restored] == [v is None for v in values]
        tolerance = 0.5 / streams.SCALES[channel] + 1e-9
        for a, b in zip(values, restored, strict=True):
            if a is not None:
                assert b == pytest.approx(a, abs=tolerance)


@pytest.mark.parametrize("name", ONE_SECOND)
def test_one_second_streams_take_at_most_40_kb_per_hour(name):
    for activity in parsed(name).activities:
        if activity.moving_s < 600:
            continue  # a few bytes of header dominate a short transition
        packed = streams.pack(activity.stream)
        hours = (activity.stream.t[-1] - activity.stream.t[0]) / 3600
        assert len(packed) / hours <= 40_000
        assert len(activity.stream) / streams.moving_seconds(activity.stream) > 0.9  # 1 s
