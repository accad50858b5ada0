"""GPX import, checked against the real sample files in tests/data/activity-samples/gpx.

GPX files carry no totals of their own, so the expected values are computed here independently:
times straight from the XML, distances with gpxpy's own length_2d (a different implementation
from ours), and for the 12 km run the watch's totals from the TCX export of the same activity.
"""

import re
import time
import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta
from pathlib import Path

import gpxpy
import pytest
from gpxpy.geo import haversine_distance

from tests.samples import SAMPLES
from tracker.transfer.parsers import ActivityFileError, parse_activity_file

GPX = SAMPLES / "gpx"
HISTORY = sorted((GPX / "history").glob("*.gpx"))
NS = {"g": "http://www.topografix.com/GPX/1/1", "g0": "http://www.topografix.com/GPX/1/0"}


def parse(path: Path):
    return parse_activity_file(path.name, path.read_bytes())


def point_times(track) -> list[datetime]:
    return [
        datetime.fromisoformat(t.text).astimezone(UTC)
        for t in track.iter()
        if t.tag.endswith("}time") and t.text
    ]


def xml_tracks(path: Path):
    root = ET.parse(path).getroot()
    return [t for t in root if t.tag.endswith("}trk")]


def gpx_lengths(path: Path) -> list[float]:
    """gpxpy's own 2D length of each track (no distance between segments)."""
    return [t.length_2d() for t in gpxpy.parse(path.read_text(encoding="utf-8")).tracks]


def heart_rates(path: Path) -> list[int]:
    return [int(m) for m in re.findall(r"<gpxtpx:hr>(\d+)</gpxtpx:hr>", path.read_text())]


def within(actual: float, expected: float, share: float = 0.01) -> bool:
    return abs(actual - expected) <= share * expected


# --- the Strava 12 km run (same activity as the TCX sample) ---------------------------------


def test_strava_run_is_read_with_its_numeric_type_as_running_and_its_name():
    result = parse(GPX / "run-strava-12km-hr-pauses.gpx")
    [run] = result.activities
    assert run.sport == "running"  # <type>9</type>
    assert run.name == "Ciclofaixa Recife Antigo x Jaqueira 002 - 12km livre"
    assert run.source_format == "gpx"
    assert run.has_gps is True


def test_strava_run_starts_at_its_first_point_and_lasts_until_its_last():
    path = GPX / "run-strava-12km-hr-pauses.gpx"
    [track] = xml_tracks(path)
    times = point_times(track)
    [run] = parse(path).activities
    assert run.start_time == times[0]
    assert run.start_time.tzinfo is not None
    assert run.elapsed_s == pytest.approx((times[-1] - times[0]).total_seconds(), abs=1)


def test_strava_run_heart_rate_comes_from_its_points():
    path = GPX / "run-strava-12km-hr-pauses.gpx"
    hrs = heart_rates(path)
    [run] = parse(path).activities
    assert run.max_hr_bpm == max(hrs)
    assert min(hrs) <= run.avg_hr_bpm <= max(hrs)
    assert run.avg_hr_bpm == pytest.approx(sum(hrs) / len(hrs), abs=5)


def test_strava_gpx_agrees_with_the_watch_totals_in_the_tcx_of_the_same_run():
    tcx = ET.parse(SAMPLES / "tcx" / "run-12km-3laps-hr-pauses.tcx").getroot()
    ns = {"t": "http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"}
    laps = tcx.findall(".//t:Lap", ns)
    watch_distance = sum(float(lap.find("t:DistanceMeters", ns).text) for lap in laps)
    watch_timer = sum(float(lap.find("t:TotalTimeSeconds", ns).text) for lap in laps)
    [run] = parse(GPX / "run-strava-12km-hr-pauses.gpx").activities
    # Raw GPS points zig-zag a little, so the point-to-point distance is a few % longer than
    # the watch's smoothed distance (12 595 m here against 12 008 m).
    assert within(run.distance_m, watch_distance, 0.06)
    # Moving time leaves out the pauses (gaps over 60 s) and standing still, which the watch's
    # timer counts while it runs: so it is a little shorter, never longer.
    assert 0.9 * watch_timer <= run.moving_s <= watch_timer
    assert run.moving_s < run.elapsed_s


def test_strava_run_drops_its_one_impossible_jump_and_says_so():
    path = GPX / "run-strava-12km-hr-pauses.gpx"
    [run] = (result := parse(path)).activities
    [raw_length] = gpx_lengths(path)
    assert run.distance_m < raw_length
    assert any("GPS glitch" in note for note in result.notes)


# --- other single-track runs ----------------------------------------------------------------


def test_strava_run_with_a_recording_gap_counts_the_gap_as_a_pause_and_the_jump_as_distance():
    path = GPX / "run-strava-3.6km-gap.gpx"
    [track] = xml_tracks(path)
    times = point_times(track)
    [run] = (result := parse(path)).activities
    assert run.sport == "unknown"  # no <type>
    assert run.elapsed_s == pytest.approx((times[-1] - times[0]).total_seconds(), abs=1)
    gaps = [(b - a).total_seconds() for a, b in zip(times, times[1:], strict=False)]
    assert max(gaps) > 60  # the ~2 min recording gap
    assert run.moving_s <= run.elapsed_s - max(gaps)
    # Just after the gap the position jumps 82 m in 1 s and the track carries on from there:
    # a glitch is a jump away and back, so this one is real distance, as gpxpy counts it.
    g = gpxpy.parse(path.read_text())
    pts = [p for s in g.tracks[0].segments for p in s.points]
    jumps = [
        haversine_distance(a.latitude, a.longitude, b.latitude, b.longitude)
        for a, b in zip(pts, pts[1:], strict=False)
        if haversine_distance(a.latitude, a.longitude, b.latitude, b.longitude)
        > 50 / 3.6 * (b.time - a.time).total_seconds() + 20
    ]
    assert jumps == [pytest.approx(82, abs=1)]
    [raw_length] = gpx_lengths(path)
    assert within(run.distance_m, raw_length)
    assert not any("GPS glitch" in note for note in result.notes)
    assert run.avg_hr_bpm is not None


def test_garmin_run_with_lon_before_lat_matches_gpxpys_length_and_heart_rate():
    path = GPX / "run-garmin-3.1km-hr.gpx"
    [run] = parse(path).activities
    [length] = gpx_lengths(path)
    assert within(run.distance_m, length)
    assert run.max_hr_bpm == max(heart_rates(path))
    assert run.start_time == datetime(2012, 10, 24, 23, 29, 40, tzinfo=UTC)  # first <time>
    assert run.elevation_gain_m is not None
    assert run.elevation_gain_m > 0


def test_three_segments_make_one_activity_with_hr_from_the_points_that_have_it():
    path = GPX / "3segments-partial-hr.gpx"
    [run] = parse(path).activities
    [length] = gpx_lengths(path)
    assert within(run.distance_m, length)
    hrs = heart_rates(path)
    assert 0 < len(hrs) < 16
    assert run.max_hr_bpm == max(hrs)
    assert min(hrs) <= run.avg_hr_bpm <= max(hrs)
    [track] = xml_tracks(path)
    times = point_times(track)
    assert run.elapsed_s == pytest.approx((times[-1] - times[0]).total_seconds())
    assert run.moving_s < run.elapsed_s  # no moving time is counted between segments


@pytest.mark.parametrize(
    ("gpx_type", "sport"),
    [
        ("9", "running"),  # Strava's number for Run (the 12 km sample's TCX says "Running")
        ("1", "cycling"),  # Strava: Ride
        ("10", "walking"),  # Strava: Walk
        ("4", "hiking"),  # Strava: Hike
        ("running", "running"),
        ("Trail Running", "running"),
        ("cycling", "cycling"),
        ("biking", "cycling"),
        ("Hiking", "hiking"),
        ("AlpineSki", "other"),
        ("jkljkl", "unknown"),
        ("77", "unknown"),
    ],
)
def test_track_type_gives_the_sport(gpx_type, sport):
    text = (GPX / "run-garmin-3.1km-hr.gpx").read_text()
    text = text.replace("<name>Untitled</name>", f"<name>Untitled</name><type>{gpx_type}</type>")
    [activity] = parse_activity_file("typed.gpx", text.encode()).activities
    assert activity.sport == sport


def test_zero_heart_rate_readings_count_as_missing():
    path = GPX / "run-garmin-3.1km-hr.gpx"
    text = path.read_text()
    zeroed = re.sub(r"<gpxtpx:hr>\d+</gpxtpx:hr>", "<gpxtpx:hr>0</gpxtpx:hr>", text, count=20)
    removed = re.sub(r"<gpxtpx:hr>\d+</gpxtpx:hr>", "", text, count=20)
    [with_zeros] = parse_activity_file(path.name, zeroed.encode()).activities
    [without] = parse_activity_file(path.name, removed.encode()).activities
    [original] = parse(path).activities
    assert with_zeros.avg_hr_bpm == without.avg_hr_bpm
    assert with_zeros.avg_hr_bpm != original.avg_hr_bpm  # the 20 readings did matter
    assert with_zeros.max_hr_bpm == original.max_hr_bpm


# --- several tracks, missing times, empty files ------------------------------------------------


def test_three_day_file_gives_one_activity_per_day_with_each_tracks_own_numbers():
    path = GPX / "multitrack-3days-82km.gpx"
    result = parse(path)
    assert [a.name for a in result.activities] == ["Tag 1", "Tag 2", "Tag 3"]
    for activity, track, length in zip(
        result.activities, xml_tracks(path), gpx_lengths(path), strict=True
    ):
        times = point_times(track)
        assert activity.start_time == times[0]
        assert activity.elapsed_s == pytest.approx((times[-1] - times[0]).total_seconds())
        assert within(activity.distance_m, length)
        assert activity.moving_s < activity.elapsed_s
        assert activity.sport == "unknown"
        assert activity.avg_hr_bpm is None
        assert activity.max_hr_bpm is None
    assert len({a.start_time.date() for a in result.activities}) == 3
    assert any("3 separate recordings" in note for note in result.notes)


def test_file_without_times_keeps_its_distance_and_says_its_duration_is_unknown():
    path = GPX / "no-times-8tracks-waypoints.gpx"
    result = parse(path)
    [walk] = result.activities
    assert walk.start_time is None
    assert walk.elapsed_s == 0
    assert walk.moving_s == 0
    assert within(walk.distance_m, sum(gpx_lengths(path)))
    assert any("start time and duration are unknown" in note for note in result.notes)


def test_file_with_some_untimed_tracks_counts_their_distance_but_not_their_time():
    path = GPX / "partial-times-4tracks.gpx"
    result = parse(path)
    [hike] = result.activities
    assert within(hike.distance_m, sum(gpx_lengths(path)))
    timed = [t for track in xml_tracks(path) for t in point_times(track)]
    assert hike.start_time == min(timed)
    assert hike.elapsed_s == pytest.approx((max(timed) - min(timed)).total_seconds())
    assert hike.sport == "unknown"  # its <type> values are "jkljkl" and "..."
    assert any("have no time" in note for note in result.notes)


def test_empty_track_is_refused_because_it_has_no_track_points():
    with pytest.raises(ActivityFileError, match="empty-track.gpx has no track points"):
        parse(GPX / "empty-track.gpx")


def test_gpx_with_only_a_route_is_refused_as_not_a_recording():
    data = (
        b'<?xml version="1.0"?><gpx version="1.1" creator="t" '
        b'xmlns="http://www.topografix.com/GPX/1/1"><rte><rtept lat="1" lon="2"/>'
        b'<rtept lat="1.1" lon="2"/></rte></gpx>'
    )
    with pytest.raises(ActivityFileError, match="has no track points: it holds only a planned"):
        parse_activity_file("plan.gpx", data)


# --- GPS glitches inserted into a copy of a real file -------------------------------------------


def _with_point_inserted(path: Path, after_index: int, lat: float, lon: float) -> bytes:
    """A copy of the file with one extra point 1 s after point ``after_index``."""
    g = gpxpy.parse(path.read_text())
    points = g.tracks[0].segments[0].points
    anchor = points[after_index]
    glitch = gpxpy.gpx.GPXTrackPoint(
        lat, lon, time=anchor.time + (points[after_index + 1].time - anchor.time) / 2
    )
    points.insert(after_index + 1, glitch)
    return g.to_xml().encode()


def test_a_point_kilometres_away_a_second_later_is_ignored():
    path = GPX / "run-garmin-3.1km-hr.gpx"
    [original] = parse(path).activities
    # 5 km north of the run, halfway between two recorded points
    data = _with_point_inserted(path, 100, 38.97, -77.02)
    result = parse_activity_file(path.name, data)
    [run] = result.activities
    assert within(run.distance_m, original.distance_m)
    assert run.moving_s == pytest.approx(original.moving_s, abs=10)
    assert any("1 GPS glitch" in note for note in result.notes)


def test_a_first_point_kilometres_away_does_not_swallow_the_run():
    path = GPX / "run-garmin-3.1km-hr.gpx"
    [original] = parse(path).activities
    g = gpxpy.parse(path.read_text())
    points = g.tracks[0].segments[0].points
    first = points[0]
    points.insert(0, gpxpy.gpx.GPXTrackPoint(39.2, -76.6, time=first.time - timedelta(seconds=1)))
    [run] = parse_activity_file(path.name, g.to_xml().encode()).activities
    assert within(run.distance_m, original.distance_m)


def _with_point_moved(path: Path, index: int, metres_north: float, gpx_type: str = "") -> bytes:
    g = gpxpy.parse(path.read_text())
    if gpx_type:
        g.tracks[0].type = gpx_type
    g.tracks[0].segments[0].points[index].latitude += metres_north / 111_195
    return g.to_xml().encode()


def test_the_glitch_limit_is_50_kmh_for_runs_and_100_kmh_for_rides():
    path = GPX / "run-strava-3.6km-gap.gpx"  # one point per second
    points = gpxpy.parse(path.read_text()).tracks[0].segments[0].points
    assert (points[301].time - points[300].time).total_seconds() == 1
    assert (points[300].time - points[299].time).total_seconds() == 1
    [original] = parse(path).activities
    # One point 20 m off the route: reaching it takes 20 m in 1 s, i.e. 72 km/h.
    [run] = parse_activity_file("run.gpx", _with_point_moved(path, 300, 20)).activities
    [ride] = parse_activity_file("ride.gpx", _with_point_moved(path, 300, 20, "1")).activities
    assert ride.sport == "cycling"
    assert run.distance_m == pytest.approx(original.distance_m, abs=3)  # dropped
    assert ride.distance_m > original.distance_m + 30  # kept: there and back again


# --- safety ---------------------------------------------------------------------------------------

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<gpx version="1.1" creator="x" xmlns="http://www.topografix.com/GPX/1/1">
 <trk><name>&lol9;</name><trkseg>
  <trkpt lat="1" lon="2"><time>2020-01-01T00:00:00Z</time></trkpt>
  <trkpt lat="1.001" lon="2"><time>2020-01-01T00:00:10Z</time></trkpt>
 </trkseg></trk>
</gpx>
"""


def test_billion_laughs_gpx_is_refused_quickly_without_expanding_entities():
    started = time.perf_counter()
    with pytest.raises(ActivityFileError, match="not allowed in uploaded files"):
        parse_activity_file("laughs.gpx", BILLION_LAUGHS)
    assert time.perf_counter() - started < 2


# --- the 68-file history ------------------------------------------------------------------------


def test_history_has_all_68_files():
    assert len(HISTORY) == 68


@pytest.mark.parametrize("path", HISTORY, ids=[p.name[:8] for p in HISTORY])
def test_every_history_file_gives_a_plausible_run(path):
    result = parse(path)
    assert result.activities
    for run in result.activities:
        assert run.sport in {"running", "unknown"}
        assert run.start_time is not None
        assert run.start_time.year in (2020, 2021)
        assert 500 < run.distance_m < 25_000
        assert 0 < run.moving_s <= run.elapsed_s
        # no faster than 25 km/h on average while moving: glitches were filtered
        assert run.distance_m / run.moving_s < 25 / 3.6
        assert run.has_gps


def test_history_file_with_large_gps_jumps_keeps_only_the_real_distance():
    path = GPX / "history" / "556160e9-d74c-440c-b0af-363efb753430.gpx"
    result = parse(path)
    [run] = result.activities
    [raw_length] = gpx_lengths(path)
    assert raw_length > 20_000  # 22 km of zig-zag in 48 minutes: impossible on foot
    assert 4_000 < run.distance_m < 7_000
    assert any("GPS glitches" in note for note in result.notes)


def test_history_file_that_kept_recording_into_the_next_day_keeps_only_the_run():
    path = GPX / "history" / "720bf570-d855-4303-87c2-74d85429e52d.gpx"
    [track] = xml_tracks(path)
    times = point_times(track)
    assert (times[-1] - times[0]).total_seconds() > 20 * 3600
    result = parse(path)
    [run] = result.activities
    assert run.start_time == times[0]
    assert 7_000 < run.distance_m < 9_000
    assert any("leftover pieces" in note for note in result.notes)
