"""tracker/heart_rate.py: zones, time in zone, TRIMP and its scaling, worked out by hand."""

import math

import pytest

from tracker import heart_rate
from tracker.streams import Stream


def recording(*pieces: tuple[int, int | None], speed: float = 3.0) -> Stream:
    """1-second samples: (seconds, bpm) pieces at a steady running speed."""
    t, d, hr = [0.0], [0.0], [pieces[0][1]]
    for seconds, bpm in pieces:
        for _ in range(seconds):
            t.append(t[-1] + 1)
            d.append(d[-1] + speed)
            hr.append(bpm)
    return Stream(t=t, distance=d, hr=hr)


# --- zones ------------------------------------------------------------------------------------


def test_zones_by_heart_rate_reserve_when_resting_and_max_are_known():
    # Reserve 190 - 50 = 140: 50 % is 50 + 70 = 120, 60 % is 134, 70 % 148, 80 % 162, 90 % 176.
    zones = heart_rate.zones_for(190, 50)
    assert zones.method == "reserve"
    assert zones.lower_bpm == (120, 134, 148, 162, 176)
    assert zones.hard_from_bpm == 162


def test_zones_by_percent_of_max_without_a_resting_heart_rate():
    zones = heart_rate.zones_for(200)
    assert zones.method == "max"
    assert zones.lower_bpm == (100, 120, 140, 160, 180)
    assert zones.ranges()[-1] == (5, "Maximum", 180, 200)
    assert zones.ranges()[0] == (1, "Recovery", 100, 119)


@pytest.mark.parametrize(
    ("bpm", "zone"), [(60, 1), (100, 1), (119, 1), (120, 2), (159, 3), (160, 4), (199, 5)]
)
def test_a_reading_falls_in_one_zone_and_below_zone_1_counts_as_zone_1(bpm, zone):
    assert heart_rate.zones_for(200).zone_of(bpm) == zone


def test_time_in_zones_counts_moving_seconds_and_seconds_without_heart_rate():
    stream = recording((600, 130), (300, 165), (60, None), (120, 185))
    seconds, without = heart_rate.time_in_zones(stream, heart_rate.zones_for(200))
    # 130 is zone 2, 165 zone 4, 185 zone 5; the first second without a reading takes the
    # reading before it (165), the other 59 have none.
    assert seconds == [0, 600, 0, 301, 120]
    assert without == 59
    assert heart_rate.hard_seconds(seconds) == 421


def test_time_standing_still_in_a_gpx_file_is_not_in_any_zone():
    stream = recording((300, 150))
    stream.distance[100:200] = [stream.distance[100]] * 100  # 99 s standing
    stream.stops_count_as_pauses = True
    seconds, _ = heart_rate.time_in_zones(stream, heart_rate.zones_for(200))
    assert sum(seconds) == 300 - 99


# --- TRIMP ------------------------------------------------------------------------------------


def test_trimp_of_an_hour_at_half_the_reserve_is_worked_out_by_hand():
    # rest 60, max 180: 120 bpm is HRr 0.5. Men: 60 × 0.5 × 0.64 × e^(1.92 × 0.5) = 50.14.
    stream = recording((3600, 120))
    male = heart_rate.trimp(stream, max_hr=180, resting_hr=60, sex="male")
    female = heart_rate.trimp(stream, max_hr=180, resting_hr=60, sex="female")
    neutral = heart_rate.trimp(stream, max_hr=180, resting_hr=60)
    assert male == pytest.approx(60 * 0.5 * 0.64 * math.exp(0.96))
    assert male == pytest.approx(50.14, abs=0.01)
    assert female == pytest.approx(60 * 0.5 * 0.64 * math.exp(0.835))  # 44.25
    assert female < neutral < male


def test_trimp_without_a_resting_heart_rate_takes_60():
    stream = recording((3600, 120))
    assert heart_rate.trimp(stream, max_hr=180) == pytest.approx(
        heart_rate.trimp(stream, max_hr=180, resting_hr=60)
    )


def test_trimp_from_the_average_heart_rate_matches_a_steady_stream():
    assert heart_rate.trimp_from_average(
        120, 3600, max_hr=180, resting_hr=60, sex="male"
    ) == pytest.approx(50.14, abs=0.01)


def test_the_default_scale_turns_typical_sessions_into_their_effort_times_minutes():
    # An easy hour at 60 % HRR (rest 60, max 190: 138 bpm) is about effort 3 × 60 min.
    easy = heart_rate.session_load(
        None, 3600, recording((3600, 138)), max_hr=190, resting_hr=60, sex="male"
    )
    assert easy.source == "heart_rate"
    assert easy.value == pytest.approx(180, rel=0.05)
    # A 30-minute tempo at 85 % HRR (170.5 bpm, recorded as 171) is about effort 7 × 30.
    tempo = heart_rate.session_load(
        None, 1800, recording((1800, 171)), max_hr=190, resting_hr=60, sex="male"
    )
    assert tempo.value == pytest.approx(210, rel=0.05)


def test_an_effort_given_wins_over_heart_rate():
    load = heart_rate.session_load(6, 2700, recording((2700, 150)), max_hr=190)
    assert load.source == "effort"
    assert load.value == 6 * 45
    assert load.explanation == "perceived effort × minutes"


def test_without_a_stream_the_average_heart_rate_gives_the_load():
    load = heart_rate.session_load(None, 3600, avg_hr=120, max_hr=180, resting_hr=60, sex="male")
    assert load.source == "heart_rate"
    assert load.value == pytest.approx(50.14 * heart_rate.DEFAULT_LOAD_PER_TRIMP, abs=0.1)


def test_no_effort_and_no_heart_rate_gives_no_load():
    load = heart_rate.session_load(None, 3600, Stream(t=[0.0, 1.0]), max_hr=190)
    assert load.value is None
    assert load.source == ""


def test_the_scale_is_learnt_from_three_runs_with_both_as_the_median_ratio():
    assert heart_rate.load_per_trimp([(200, 100), (300, 100), (250, 50)]) == (3.0, True)
    assert heart_rate.load_per_trimp([(200, 100), (300, 100)]) == (
        heart_rate.DEFAULT_LOAD_PER_TRIMP,
        False,
    )


# --- maximum heart rate -----------------------------------------------------------------------


def test_a_one_second_spike_does_not_become_the_maximum():
    stream = recording((600, 150), (1, 235), (600, 150), (60, 180), (300, 150))
    assert heart_rate.highest_sustained_hr(stream) == 180
    assert max(stream.hr) == 235


def test_the_highest_30_second_average_over_several_runs():
    runs = [recording((600, 150), (30, 176)), recording((600, 140), (40, 184)), Stream(t=[0.0])]
    assert heart_rate.highest_reliable_max_hr(runs) == 184
    assert heart_rate.highest_reliable_max_hr([]) is None
