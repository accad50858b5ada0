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
