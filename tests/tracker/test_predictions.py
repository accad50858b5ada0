"""Race predictions against values worked out by hand (Riegel 1981; Daniels and Gilbert 1979)."""

import pytest

from tracker import predictions
from tracker.predictions import Source, predict, riegel, vdot, vdot_time


def test_riegel_matches_the_hand_computed_value():
    # 20:00 for 5 km: 2 ** 1.06 = e^(1.06 × 0.693147) = 2.08493; × 1200 = 2501.9 s (41:42).
    assert riegel(1200, 5000, 10000) == pytest.approx(1200 * 2**1.06)
    assert riegel(1200, 5000, 10000) == pytest.approx(2501.9, abs=0.05)
    # 45:00 for 10 km: 4.2195 ** 1.06 = e^(1.06 × 1.439716) = 4.60008; × 2700 = 12,420 s (3:27:00).
    assert riegel(2700, 10000, 42195) == pytest.approx(2700 * 4.2195**1.06)
    assert riegel(2700, 10000, 42195) == pytest.approx(12420, abs=1)


def test_vdot_of_a_20_minute_5k_is_daniels_49_8():
    # v = 250 m/min; VO2 = -4.6 + 0.182258 × 250 + 0.000104 × 250² = 47.4645;
    # %max(20) = 0.8 + 0.1894393 e^-0.25556 + 0.2989558 e^-3.86521 = 0.95300; VDOT = 49.806.
    assert vdot(1200, 5000) == pytest.approx(49.806, abs=0.001)


def test_the_vdot_time_has_the_same_vdot():
    value = vdot(1200, 5000)
    ten_k = vdot_time(value, 10000)
    assert vdot(ten_k, 10000) == pytest.approx(value, abs=0.001)
    # Daniels' table for VDOT 50 gives 41:21 for 10 km; 49.8 is a few seconds slower.
    assert 41 * 60 + 21 < ten_k < 41 * 60 + 40


def test_each_target_uses_the_nearest_effort_and_the_range_spans_every_prediction():
    efforts = [Source(1000, 230), Source(5000, 1200), Source(10000, 2520), Source(5000, 1250)]
    found = {p.label: p for p in predict(efforts)}
    assert list(found) == ["5 km", "10 km", "Half marathon", "Marathon"]
    # The slower 5 km is not a source: only the best effort at each distance counts.
    assert [s.elapsed_s for s in found["5 km"].sources] == [230, 1200, 2520]
    assert found["5 km"].nearest.distance_m == 5000
    assert found["5 km"].riegel_s == pytest.approx(1200)
    assert found["Half marathon"].nearest.distance_m == 10000
    assert found["Half marathon"].riegel_s == pytest.approx(2520 * 2.10975**1.06)
    every = [riegel(230, 1000, 21097.5), riegel(1200, 5000, 21097.5), riegel(2520, 10000, 21097.5)]
    every += [vdot_time(vdot(t, d), 21097.5) for d, t in ((1000, 230), (5000, 1200), (10000, 2520))]
    assert found["Half marathon"].low_s == pytest.approx(min(every))
    assert found["Half marathon"].high_s == pytest.approx(max(every))


def test_efforts_under_1_km_are_not_used():
    assert predict([Source(400, 70)]) == []


def test_vdot_is_left_out_where_it_does_not_fit():
    # 1 km in 3:00 is under Daniels and Gilbert's 3.5 minutes.
    (five_k, *_) = predict([Source(1000, 180)])
    assert five_k.vdot_s is None
    assert five_k.low_s == five_k.high_s == pytest.approx(riegel(180, 1000, 5000))
    assert predictions.vdot_fits(1200)
