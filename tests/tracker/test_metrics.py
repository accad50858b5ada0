import datetime

import pytest

from tracker import metrics


def test_ten_kilometres_in_fifty_minutes_is_a_five_minute_pace_at_12_kmh():
    assert metrics.pace_s_per_km(10_000, 3000) == 300
    assert metrics.speed_kmh(10_000, 3000) == 12


def test_pace_and_speed_need_a_distance_and_a_duration():
    assert metrics.pace_s_per_km(0, 3000) is None
    assert metrics.pace_s_per_km(10_000, 0) is None
    assert metrics.speed_kmh(0, 3000) is None


def test_session_load_is_effort_times_minutes():
    assert metrics.session_load(4, 3000) == 200
    assert metrics.session_load(6, 2710) == 271  # 6 × 45.17 min
    assert metrics.session_load(None, 3000) is None


def test_volume_is_reps_times_weight():
    assert metrics.set_volume_kg(5, 100) == 500
    assert metrics.set_volume_kg(12, 0) == 0


def test_epley_estimates_the_one_rep_max_up_to_ten_reps():
    assert metrics.epley_e1rm_kg(100, 5) == pytest.approx(116.6667, abs=1e-4)
    assert metrics.epley_e1rm_kg(100, 10) == pytest.approx(133.3333, abs=1e-4)
    assert metrics.epley_e1rm_kg(100, 1) == 100


def test_no_one_rep_max_is_estimated_beyond_ten_reps_or_without_a_weight():
    assert metrics.epley_e1rm_kg(100, 11) is None
    assert metrics.epley_e1rm_kg(0, 5) is None


def test_the_default_protein_target_is_the_middle_of_the_guideline():
    assert metrics.default_protein_g_per_kg(1.2, 2.0) == 1.6
    assert metrics.default_protein_g_per_kg(1.4, 2.2) == 1.8
    assert metrics.default_protein_g_per_kg(None, 2.0) == metrics.FALLBACK_PROTEIN_G_PER_KG


def test_the_protein_target_is_grams_per_kg_times_body_weight():
    assert metrics.protein_target_g(1.6, 70) == pytest.approx(112.0)
    assert metrics.protein_target_g(1.6, None) is None


# Progress metrics -----------------------------------------------------------------------------


def test_rolling_sums_add_the_last_n_values():
    assert metrics.rolling_sums([1, 2, 3, 4, 5], 3) == [1, 3, 6, 9, 12]


def test_the_rolling_ratio_divides_the_last_week_by_the_four_week_weekly_average():
    # 21 days at 10, then 7 days at 20: acute 140, chronic 28-day 350 → 87.5 a week → 1.6.
    loads = [10.0] * 21 + [20.0] * 7
    ratios = metrics.acwr_rolling(loads)
    assert ratios[:27] == [None] * 27
    assert ratios[27] == pytest.approx(1.6)


def test_a_steady_load_has_a_rolling_ratio_of_one_and_no_load_has_none():
    assert metrics.acwr_rolling([30.0] * 35)[-1] == pytest.approx(1.0)
    assert metrics.acwr_rolling([0.0] * 35)[-1] is None


def test_the_weighted_ratio_blends_each_day_in():
    # λa = 2/8 = 0.25, λc = 2/29. After one load of 100 and 27 zero days:
    # acute = 25 × 0.75²⁷ = 0.010583, chronic = 100 × 2/29 × (27/29)²⁷ = 1.0016, ratio 0.010566.
    loads = [100.0] + [0.0] * 27
    expected = (0.25 * 0.75**27) / ((2 / 29) * (27 / 29) ** 27)
    ratios = metrics.acwr_ewma(loads)
    assert ratios[26] is None
    assert ratios[27] == pytest.approx(expected)
    assert ratios[27] == pytest.approx(0.010566, abs=1e-6)


def test_a_steady_load_has_a_weighted_ratio_near_one():
    assert metrics.acwr_ewma([50.0] * 200)[-1] == pytest.approx(1.0, abs=1e-4)


def test_protein_per_kg_uses_the_latest_weight_on_or_before_each_day():
    days = [(datetime.date(2025, 3, d), grams) for d, grams in ((1, 100), (3, 140), (9, 150))]
    weights = [(datetime.date(2025, 3, 2), 70.0), (datetime.date(2025, 3, 9), 75.0)]
    assert metrics.protein_g_per_kg_by_day(days, weights) == [
        (datetime.date(2025, 3, 1), None),  # before the first weight
        (datetime.date(2025, 3, 3), 2.0),  # 140 / 70
        (datetime.date(2025, 3, 9), 2.0),  # 150 / 75, weighed that day
    ]


def test_the_left_right_difference_is_a_share_of_the_bigger_side():
    assert metrics.left_right_difference_pct(50.0, 47.5) == pytest.approx(5.0)
    assert metrics.left_right_difference_pct(38.0, 40.0) == pytest.approx(5.0)
    assert metrics.left_right_difference_pct(None, 40.0) is None


def test_the_rate_of_change_is_the_least_squares_slope_per_week():
    start = datetime.date(2025, 1, 1)
    points = [
        (start, 55.0),
        (start + datetime.timedelta(days=7), 55.2),
        (start + datetime.timedelta(days=14), 55.4),
    ]
    assert metrics.rate_per_week(points) == pytest.approx(0.2)
    # 0, 14 days: 60 → 59 is −0.5 a week; a third point off the line pulls the fit.
    assert metrics.rate_per_week([(start, 60.0), (start + datetime.timedelta(days=14), 59.0)]) == (
        pytest.approx(-0.5)
    )
    assert metrics.rate_per_week([(start, 60.0)]) is None
    assert metrics.rate_per_week([(start, 60.0), (start, 61.0)]) is None


def test_the_hard_share_counts_tempo_intervals_sprints_hills_and_races():
    seconds = {"easy": 6000, "long": 3000, "tempo": 600, "intervals": 400}
    assert metrics.hard_share_pct(seconds) == pytest.approx(10.0)  # 1000 of 10,000 s
    assert metrics.hard_share_pct({}) is None
