"""tracker/streams.py on streams built here, where every expected number is worked by hand."""

import math

import pytest

from tracker import streams
from tracker.streams import Stream


def steady(
    pieces: list[tuple[float, float]],
    *,
    hr: int | None = None,
    climb_m_per_s: float = 0.0,
    pause_after_s: float | None = None,
    pause_s: float = 0.0,
) -> Stream:
    """A 1-second stream from (seconds, m/s) pieces, starting at 0 s and 0 m, heading north."""
    t, d, alt = [0.0], [0.0], [10.0]
    clock = distance = 0.0
    for seconds, speed in pieces:
        for _ in range(int(seconds)):
            clock += 1
            if pause_after_s is not None and clock == pause_after_s + 1:
                clock += pause_s
            distance += speed
            t.append(clock)
            d.append(distance)
            alt.append(alt[-1] + climb_m_per_s)
    lat = [52.0 + x / 111_195 for x in d]
    return Stream(
        t=t,
        distance=d,
        lat=lat,
        lon=[4.0] * len(t),
        alt=alt,
        hr=[hr] * len(t) if hr is not None else None,
    )


# --- splits -----------------------------------------------------------------------------------


def test_two_and_a_half_km_at_4_ms_gives_two_full_splits_and_a_half():
    stream = steady([(625, 4.0)])  # 2500 m
    splits = streams.splits(stream)
    assert [s.distance_m for s in splits] == pytest.approx([1000, 1000, 500])
    assert [s.moving_s for s in splits] == pytest.approx([250, 250, 125])
    assert [s.pace_s_per_unit for s in splits] == pytest.approx([250, 250, 250])  # 4:10 /km


def test_a_pause_inside_a_split_counts_in_its_elapsed_time_but_not_its_pace():
    stream = steady([(625, 4.0)], pause_after_s=300, pause_s=120)  # in the 2nd km
    first, second, _ = streams.splits(stream)
    assert first.elapsed_s == pytest.approx(250)
    assert second.elapsed_s == pytest.approx(250 + 120)
    assert second.moving_s == pytest.approx(250 - 1)  # the step across the pause is a pause
    assert streams.moving_seconds(stream) == pytest.approx(624)


def test_a_boundary_inside_one_long_step_shares_its_time_by_distance():
    stream = Stream(t=[0.0, 10.0, 20.0], distance=[0.0, 600.0, 1800.0])
    first, second = streams.splits(stream)
    # 1000 m is 400 m into the 1200 m second step: a third of its 10 s.
    assert first.moving_s == pytest.approx(10 + 10 / 3)
    assert second.distance_m == pytest.approx(800)
    assert second.moving_s == pytest.approx(20 / 3)


def test_mile_splits_use_1609_344_metres():
    stream = steady([(1000, 4.0)])  # 4000 m
    splits = streams.splits(stream, streams.MILE_M)
    assert [round(s.distance_m, 3) for s in splits] == [1609.344, 1609.344, 781.312]
    assert splits[0].pace_s_per_unit == pytest.approx(1609.344 / 4)


def test_split_climb_and_heart_rate():
    stream = steady([(500, 4.0)], hr=150, climb_m_per_s=0.1)
    first, second = streams.splits(stream)
    assert first.elevation_gain_m == pytest.approx(25)  # 250 s × 0.1 m
    assert first.elevation_loss_m == 0
    assert first.avg_hr_bpm == 150


# --- moving time ------------------------------------------------------------------------------


def test_standing_still_is_a_pause_only_where_the_file_has_no_timer():
    stream = steady([(100, 3.0), (100, 0.1), (100, 3.0)])
    assert streams.moving_seconds(stream) == pytest.approx(300)  # a watch's timer ran on
    stream.stops_count_as_pauses = True
    assert streams.moving_seconds(stream) == pytest.approx(200)  # GPX: 0.1 m/s is stopped


# --- packing ----------------------------------------------------------------------------------


def test_pack_and_unpack_round_trip_with_gaps_and_missing_channels():
    stream = Stream(
        t=[0.0, 1.0, 2.0, 3.5, 200.0],
        distance=[0.0, 3.1, 6.25, None, 600.0],
        lat=[None, 52.1234567, 52.1234789, 52.1235, None],
        lon=[None, 4.7654321, 4.7654, 4.7653, None],
        hr=[120, None, None, 131, 250],
        power=[200, 210, 220, 230, 240],
        stops_count_as_pauses=True,
    )
    back = streams.unpack(streams.pack(stream))
    assert back.t == [0.0, 1.0, 2.0, 3.5, 200.0]
    assert back.distance == [0.0, 3.1, 6.2, None, 600.0]  # 0.1 m: 6.25 rounds to even
    assert back.lat == [None, 52.123457, 52.123479, 52.1235, None]
    assert back.hr == [120, None, None, 131, 250]
    assert back.power == [200, 210, 220, 230, 240]
    assert back.alt is None
    assert back.cadence is None
    assert back.speed is None
    assert back.stops_count_as_pauses is True


def test_an_hour_at_one_second_with_gps_heart_rate_altitude_and_cadence_is_small():
    n = 3600
    t = [float(i) for i in range(n)]
    # A wandering 10 km/h run with realistic noise in every channel (deterministic).
    d = [i * 2.78 + math.sin(i / 7) for i in range(n)]
    stream = Stream(
        t=t,
        distance=d,
        lat=[52.0 + x / 111_195 * math.cos(i / 500) for i, x in enumerate(d)],
        lon=[4.0 + x / 68_000 * math.sin(i / 500) for i, x in enumerate(d)],
        alt=[10 + 5 * math.sin(i / 300) + 0.3 * math.sin(i * 1.7) for i in range(n)],
        hr=[round(150 + 10 * math.sin(i / 200) + 2 * math.sin(i * 0.9)) for i in range(n)],
        cadence=[round(85 + 2 * math.sin(i * 1.3)) for i in range(n)],
    )
    packed = streams.pack(stream)
    assert len(packed) <= 40_000
    assert streams.unpack(packed).hr == stream.hr


def test_unpack_refuses_bytes_it_did_not_write():
    with pytest.raises(ValueError, match="Not a packed stream"):
        streams.unpack(b"nonsense")


# --- charts and route -------------------------------------------------------------------------


def test_chart_series_has_at_most_the_points_asked_for_with_pace_from_speed():
    stream = steady([(3000, 4.0)], hr=140)
    series = streams.chart_series(stream, max_points=100)
    assert len(series["distance_km"]) <= 100
    assert series["distance_km"][-1] == pytest.approx(12.0)
    assert set(series["pace_s_per_km"][2:]) == {250}  # 4 m/s is 250 s per km
    assert set(series["hr"]) == {140}


def test_route_is_projected_into_the_box_with_north_up_and_a_break_where_fixes_are_missing():
    stream = steady([(500, 4.0)])
    stream.lat[200:210] = [None] * 10
    route = streams.route_svg(stream, width=400, height=300)
    assert route["view_box"] == "0 0 400 300"
    assert len(route["polylines"]) == 2
    (sx, sy), (fx, fy) = route["start"], route["finish"]
    assert sx == pytest.approx(fx)  # straight north
    assert sy == pytest.approx(290)
    assert fy == pytest.approx(10)
    for line in route["polylines"]:
        for pair in line.split():
            x, y = map(float, pair.split(","))
            assert 0 <= x <= 400
            assert 0 <= y <= 300


def test_no_route_without_positions():
    assert streams.route_svg(Stream(t=[0.0, 1.0], distance=[0.0, 3.0])) is None


# --- run type ---------------------------------------------------------------------------------


def test_repeats_with_slow_recoveries_are_intervals_and_say_how_many():
    pieces = [(600, 3.0)] + [(90, 5.0), (90, 2.0)] * 6 + [(600, 3.0)]
    kind, reason = streams.suggest_run_type(steady(pieces))
    assert kind == "intervals"
    assert reason.startswith("6 fast repeats of about 90 s (averaging 3:20 /km)")


def test_short_flat_out_repeats_are_sprints():
    pieces = [(600, 3.0)] + [(25, 7.0), (120, 1.5)] * 8 + [(300, 3.0)]
    kind, reason = streams.suggest_run_type(steady(pieces))
    assert kind == "sprints"
    assert reason.startswith("8 fast repeats of about 25 s")


def test_an_hour_and_a_half_steady_is_long():
    assert streams.suggest_run_type(steady([(95 * 60, 3.0)])) == (
        "long",
        "1 h 35 min of moving time (90 min or more).",
    )


def test_steady_climbing_is_hills():
    # 20 min at 3 m/s climbing 0.1 m each second: 120 m up in 3.6 km (33 m per km).
    kind, reason = streams.suggest_run_type(steady([(1200, 3.0)], climb_m_per_s=0.1))
    assert kind == "hills"
    assert reason == "120 m of climbing (33 m per km)."


def test_half_an_hour_at_a_zone_3_heart_rate_is_tempo():
    stream = steady([(40 * 60, 3.5)], hr=165)
    assert streams.suggest_run_type(stream, hard_hr_bpm=150)[0] == "tempo"
    assert streams.suggest_run_type(stream, hard_hr_bpm=170)[0] == "easy"


def test_without_heart_rate_tempo_comes_from_threshold_pace():
    stream = steady([(40 * 60, 3.5)])
    assert streams.suggest_run_type(stream, threshold_speed_ms=3.7)[0] == "tempo"  # 95 %
    assert streams.suggest_run_type(stream, threshold_speed_ms=4.2)[0] == "easy"  # 83 %


def test_steady_running_is_easy_and_has_no_work_segments():
    stream = steady([(30 * 60, 3.0)])
    assert streams.suggest_run_type(stream)[0] == "easy"
    assert streams.work_segments(stream) == []


def test_work_segments_give_the_fast_parts_for_pace_by_run_type():
    pieces = [(600, 3.0)] + [(120, 5.0), (60, 2.0)] * 4 + [(300, 3.0)]
    segments = streams.work_segments(steady(pieces))
    assert len(segments) == 4
    for segment in segments:
        assert segment.speed_ms == pytest.approx(5.0, rel=0.1)


def test_best_20_minutes_finds_the_fast_stretch():
    stream = steady([(600, 3.0), (1200, 4.0), (600, 3.0)])
    assert streams.best_average_speed(stream, 1200) == pytest.approx(4.0, rel=0.01)
    assert streams.best_average_speed(steady([(600, 3.0)]), 1200) is None
