"""Best efforts found in real watch files match a brute-force search, are never slower than the
fastest whole split and never faster than the samples allow."""

import math
import random

import pytest

from tests.samples import SAMPLES
from tracker import best_efforts, streams
from tracker.best_efforts import DISTANCES, best_effort, cumulative
from tracker.transfer.parsers import parse_activity_file

# Files with a distance channel, and which distances they cover.
RUN_FILES = [
    "gpx/run-garmin-3.1km-hr.gpx",
    "gpx/run-strava-12km-hr-pauses.gpx",
    "gpx/run-strava-3.6km-gap.gpx",
    "tcx/run-12km-3laps-hr-pauses.tcx",
    "tcx/run-4.7km-3laps-hr.tcx",
    "fit/run-fr645m-5.8km-hr-gps.fit",
    "fit/run-fr70-10.2km-footpod-no-gps-pause.fit",
    "fit/run-stryd-6.8km-power-devfields.fit",
]


def first_stream(name):
    path = SAMPLES / name
    parsed = parse_activity_file(path.name, path.read_bytes())
    return next(a.stream for a in parsed.activities if a.stream is not None)


@pytest.fixture(scope="module", params=RUN_FILES)
def sample(request):
    stream = first_stream(request.param)
    return cumulative(stream.t, stream.distance)


def brute_force(t, d, distance_m):
    """Every sample as a start, scanning forward for the first moment the distance reaches
    d[i] + D, and every sample as an end, scanning backward for the last moment it was
    d[j] - D; O(n²), no pointer, no pruning."""
    best = math.inf
    n = len(t)
    for i in range(n):
        for k in range(i + 1, n):
            if d[k] >= d[i] + distance_m:
                d0, t0 = d[k - 1], t[k - 1]
                end = t0 + (d[i] + distance_m - d0) / (d[k] - d0) * (t[k] - t0)
                best = min(best, end - t[i])
                break
    for j in range(n):
        target = d[j] - distance_m
        if target < d[0]:
            continue
        for k in range(j - 1, -1, -1):
            if d[k] <= target:
                d1, t1 = d[k + 1], t[k + 1]
                start = t[k] + (target - d[k]) / (d1 - d[k]) * (t1 - t[k])
                best = min(best, t[j] - start)
                break
    return best


def fastest_sample_window(t, d, distance_m):
    """The fastest stretch between two samples covering at least the distance."""
    best = math.inf
    k = 0
    for i in range(len(t)):
        while k < len(t) and d[k] - d[i] < distance_m:
            k += 1
        if k == len(t):
            break
        best = min(best, t[k] - t[i])
    return best


@pytest.mark.parametrize("distance_m", [400.0, 1000.0, best_efforts.MILE_M, 5000.0])
def test_the_best_effort_matches_a_brute_force_search(sample, distance_m):
    t, d = sample
    if d[-1] - d[0] < distance_m:
        assert best_effort(t, d, distance_m) is None
        return
    effort = best_effort(t, d, distance_m)
    assert effort.elapsed_s == pytest.approx(brute_force(t, d, distance_m), abs=1e-6)


def test_a_best_effort_is_never_slower_than_the_fastest_split(sample):
    t, d = sample
    stream = streams.Stream(t=t, distance=d)
    for unit, distance_m in ((1000.0, 1000.0), (streams.MILE_M, best_efforts.MILE_M)):
        whole = [s for s in streams.splits(stream, unit) if s.distance_m == unit]
        if not whole:
            continue
        effort = best_effort(t, d, distance_m)
        assert effort.elapsed_s <= min(s.elapsed_s for s in whole) + 1e-6


def test_a_best_effort_is_never_faster_than_the_samples_allow(sample):
    t, d = sample
    # The fastest interval between two samples bounds every stretch's speed.
    top_speed = max(
        (d[i] - d[i - 1]) / (t[i] - t[i - 1]) for i in range(1, len(t)) if t[i] > t[i - 1]
    )
    total = d[-1] - d[0]
    previous = 0.0
    for effort in best_efforts.best_efforts(t, d):
        assert effort.elapsed_s >= effort.distance_m / top_speed - 1e-6
        # Never slower than the best stretch from one sample to another (interpolation only helps).
        assert effort.elapsed_s <= fastest_sample_window(t, d, effort.distance_m) + 1e-6
        # A longer distance never takes less time, and the whole run bounds them all.
        assert effort.elapsed_s >= previous
        assert effort.elapsed_s <= t[-1] - t[0] + 1e-6
        assert 0 <= effort.start_offset_s <= t[-1] - t[0] - effort.elapsed_s + 1e-6
        assert effort.distance_m <= total + best_efforts.DISTANCE_TOLERANCE_M
        previous = effort.elapsed_s


def test_the_effort_is_found_anywhere_inside_the_run_not_only_from_the_start():
    # 2 km slow, then 1 km fast, then 2 km slow: the best kilometre is the middle one.
    t, d = [0.0], [0.0]
    for speed, metres in ((2.5, 2000), (5.0, 1000), (2.5, 2000)):
        for _ in range(int(metres / speed)):
            t.append(t[-1] + 1)
            d.append(d[-1] + speed)
    effort = best_effort(t, d, 1000.0)
    assert effort.elapsed_s == pytest.approx(200.0)
    assert effort.start_offset_s == pytest.approx(800.0)


def test_the_crossing_between_samples_is_interpolated():
    # Samples every 10 s at 4 m/s: 1 km takes 250 s, which no pair of samples spans exactly.
    t = [10.0 * i for i in range(61)]
    d = [40.0 * i for i in range(61)]
    assert best_effort(t, d, 1000.0).elapsed_s == pytest.approx(250.0)


def test_pauses_count_against_an_effort():
    # 1 km at 4 m/s, a 2-minute stop, 1 km at 4 m/s: the best 2 km includes the stop.
    t = [float(i) for i in range(251)] + [370.0 + i for i in range(1, 251)]
    d = [4.0 * i for i in range(251)] + [1000.0 + 4.0 * i for i in range(1, 251)]
    assert best_effort(t, d, 2000.0).elapsed_s == pytest.approx(620.0)
    assert best_effort(t, d, 1000.0).elapsed_s == pytest.approx(250.0)


def test_a_run_shorter_than_a_distance_has_no_effort_at_it():
    t = [float(i) for i in range(300)]
    d = [3.0 * i for i in range(300)]
    found = best_efforts.best_efforts(t, d)
    assert [e.distance_m for e in found] == [400.0]


def test_missing_and_backward_distances_are_filled_forward():
    t, d = cumulative([0, 1, 2, 3], [0.0, None, 5.0, 4.0])
    assert d == [0.0, 0.0, 5.0, 5.0]


def test_random_streams_agree_with_the_brute_force_search():
    rng = random.Random(7)
    for _ in range(20):
        t, d = [0.0], [0.0]
        for _ in range(rng.randint(50, 400)):
            t.append(t[-1] + rng.choice([1, 1, 2, 5, 90]))
            d.append(d[-1] + rng.choice([0.0, 1.0, 3.0, 4.5, 12.0]))
        for distance_m, _ in DISTANCES[:3]:
            effort = best_effort(t, d, distance_m)
            if effort is None:
                assert d[-1] < distance_m
            else:
                assert effort.elapsed_s == pytest.approx(brute_force(t, d, distance_m), abs=1e-6)
