"""tracker/outlook.py: where the legs are heading, and why."""

import pytest

from tracker.progress.outlook import BIGGER, HOLDING, LEANER, UNKNOWN, leg_outlook

NOTHING = {
    "hard_share_pct": None,
    "strength_sessions_per_week": None,
    "protein_adherence_pct": None,
    "girth_cm_per_week": None,
    "weight_kg_per_week": None,
}


def outlook(**inputs):
    return leg_outlook(**{**NOTHING, **inputs})


def points(result):
    return {factor.name: factor.points for factor in result.factors}


def test_an_empty_log_has_no_outlook_yet():
    result = outlook()

    assert result.direction == UNKNOWN
    assert result.headline == "Not enough in your log yet"
    assert result.factors == ()


def test_hard_running_strength_and_protein_point_to_bigger_legs():
    result = outlook(hard_share_pct=15, strength_sessions_per_week=2.5, protein_adherence_pct=80)

    assert result.direction == BIGGER
    assert result.measured is False
    assert points(result) == {"Intensity": BIGGER, "Strength": BIGGER, "Protein": BIGGER}
    assert "15 % of your running was hard" in result.factors[0].text


def test_easy_miles_and_a_falling_weight_point_to_leaner_legs():
    result = outlook(hard_share_pct=4, strength_sessions_per_week=0.5, weight_kg_per_week=-0.25)

    assert result.direction == LEANER
    assert points(result) == {"Intensity": LEANER, "Strength": HOLDING, "Body weight": LEANER}
    # −0.25 kg a week × 30 / 7 = −1.07 kg a month.
    assert "about -1.1 kg a month" in result.factors[-1].text


def test_mixed_signals_hold_steady():
    result = outlook(hard_share_pct=15, strength_sessions_per_week=1, protein_adherence_pct=40)

    assert result.direction == HOLDING


def test_measured_girths_decide_over_the_training():
    # Training that points leaner, but the tape says the legs grow.
    result = outlook(hard_share_pct=3, weight_kg_per_week=-0.2, girth_cm_per_week=0.1)

    assert result.direction == BIGGER
    assert result.measured is True
    assert points(result)["Measurements"] == BIGGER
    assert "about +0.4 cm a month" in result.factors[-1].text  # 0.1 × 30 / 7 = 0.43


@pytest.mark.parametrize(("girth", "direction"), [(-0.08, LEANER), (0.02, HOLDING), (0.05, BIGGER)])
def test_the_girth_trend_needs_to_move_to_count(girth, direction):
    assert outlook(girth_cm_per_week=girth).direction == direction


def test_the_guides_thresholds_are_passed_in():
    assert points(outlook(hard_share_pct=12, hard_share_minimum=15))["Intensity"] == LEANER
    assert (
        points(outlook(strength_sessions_per_week=2, strength_sessions_minimum=3))["Strength"]
        == HOLDING
    )


def test_every_factor_links_to_an_article_of_the_guide():
    result = outlook(
        hard_share_pct=15,
        strength_sessions_per_week=2,
        protein_adherence_pct=90,
        girth_cm_per_week=0.1,
        weight_kg_per_week=0.0,
    )

    assert [f.article_slug for f in result.factors] == [
        "intensity-and-leg-size",
        "strength-training-for-runners",
        "protein-for-runners",
        "calories-fat-loss-and-leg-size",
        "tracking-your-progress",
    ]
