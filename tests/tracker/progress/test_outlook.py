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


def test_when_the_tape_and_the_training_disagree_the_headline_says_both():
    # The girths rise, but easy miles, little lifting and a falling weight point leaner.
    result = outlook(
        hard_share_pct=3,
        strength_sessions_per_week=0.5,
        weight_kg_per_week=-0.2,
        girth_cm_per_week=0.1,
    )

    assert result.direction == BIGGER
    assert result.headline == "Your legs measure bigger, but your training now points leaner"


@pytest.mark.parametrize(
    ("goal", "inputs", "note"),
    [
        ("build", {"hard_share_pct": 15, "strength_sessions_per_week": 3}, "is the way your goal"),
        ("build", {"hard_share_pct": 3, "weight_kg_per_week": -0.3}, "start with intensity, body"),
        ("lean", {"hard_share_pct": 3, "weight_kg_per_week": -0.3}, "is the way your goal of lean"),
        ("faster", {"hard_share_pct": 3}, "Your goal is to run faster"),
        ("", {"hard_share_pct": 3}, ""),
    ],
)
def test_the_outlook_speaks_to_the_runners_goal(goal, inputs, note):
    result = outlook(goal=goal, **inputs)

    assert (note in result.goal_note) if note else result.goal_note == ""


def test_the_leg_ledger_is_a_factor_naming_the_most_and_least_worked_muscles():
    stimulus = {"size_pct": 62.5, "most": ("Quadriceps", 250.0), "least": ("Peroneals", 4.0)}

    result = outlook(stimulus=stimulus)

    factor = result.factors[0]
    assert (factor.name, factor.points) == ("Leg ledger", BIGGER)
    assert "62 % of your thighs' stimulus" in factor.text  # 62.5 rounds to even
    assert "Quadriceps got the most (250 points), Peroneals the least" in factor.text
    lean = outlook(stimulus={**stimulus, "size_pct": 20})
    assert lean.factors[0].points == LEANER
