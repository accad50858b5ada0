"""tracker/insights.py: each rule fires on data made for it and stays quiet on data against it."""

import datetime

import pytest

from knowledge.models import Guideline
from tests.tracker.factories import (
    ExerciseFactory,
    LegMeasurementFactory,
    MuscleFactory,
    ProteinEntryFactory,
    RunFactory,
    StrengthSessionFactory,
    StrengthSetFactory,
)
from tracker.log.models import Profile, get_profile
from tracker.progress.insights import GOOD_NEWS, TIP, WARNING, insights_for

TODAY = datetime.date(2025, 3, 19)


def days_ago(n):
    return TODAY - datetime.timedelta(days=n)


def keys(user):
    return [insight.key for insight in insights_for(user, today=TODAY)]


def insight(user, key):
    return next(i for i in insights_for(user, today=TODAY) if i.key == key)


def exercise(*muscles):
    return ExerciseFactory(primary_muscles=[MuscleFactory(name=m) for m in muscles])


def lift(user, exercise, day, sets=3):
    session = StrengthSessionFactory(user=user, date=day)
    for _ in range(sets):
        StrengthSetFactory(session=session, exercise=exercise, reps=8, weight_kg=40)


# Protein -----------------------------------------------------------------------------------


def test_protein_below_the_range_warns_with_the_average(guide, runner):
    LegMeasurementFactory(user=runner, date=days_ago(30), weight_kg=80)
    for n in range(1, 5):
        ProteinEntryFactory(user=runner, date=days_ago(n), protein_g=80)  # 1.0 g/kg
    ProteinEntryFactory(user=runner, date=TODAY, protein_g=8)  # today is not over: not counted

    found = insight(runner, "protein_below_range")

    assert found.kind == WARNING
    assert found.numbers == {"average_g_per_kg": 1.0, "days": 4, "minimum": 1.2}
    assert "1.00 g of protein per kg" in found.message
    assert found.article_url == "/guide/protein-for-runners/"
    assert found.article_title == "Protein for runners"


def test_protein_inside_the_range_or_on_too_few_days_is_quiet(guide, runner, other_runner):
    LegMeasurementFactory(user=runner, date=days_ago(30), weight_kg=80)
    for n in range(4):
        ProteinEntryFactory(user=runner, date=days_ago(n), protein_g=120)  # 1.5 g/kg
    LegMeasurementFactory(user=other_runner, date=days_ago(30), weight_kg=80)
    for n in range(2):
        ProteinEntryFactory(user=other_runner, date=days_ago(n), protein_g=40)

    assert "protein_below_range" not in keys(runner)
    assert "protein_below_range" not in keys(other_runner)


def test_editing_the_protein_guideline_changes_the_advice(guide, runner):
    LegMeasurementFactory(user=runner, date=days_ago(30), weight_kg=80)
    for n in range(4):
        ProteinEntryFactory(user=runner, date=days_ago(n), protein_g=120)  # 1.5 g/kg
    assert "protein_below_range" not in keys(runner)

    Guideline.objects.filter(key="protein_g_per_kg").update(minimum=1.6, maximum=2.2)

    assert insight(runner, "protein_below_range").numbers["minimum"] == 1.6


def test_no_body_weight_means_no_per_kg_and_says_so(guide, runner):
    ProteinEntryFactory(user=runner, date=days_ago(1), protein_g=100)

    found = insight(runner, "no_body_weight")

    assert found.kind == TIP
    assert found.numbers == {"protein_days": 1}
    assert "protein_below_range" not in keys(runner)


def test_a_body_weight_from_long_ago_is_enough(guide, runner):
    LegMeasurementFactory(user=runner, date=days_ago(400), weight_kg=70)
    ProteinEntryFactory(user=runner, date=days_ago(1), protein_g=100)

    assert "no_body_weight" not in keys(runner)


# Training load -----------------------------------------------------------------------------


def test_a_load_spike_warns_with_the_ratio(guide, runner):
    # Weeks of 200, then 1000 in the last seven days; the log started 40 days ago.
    RunFactory(user=runner, date=days_ago(40), effort=4)
    for week in range(1, 4):
        RunFactory(user=runner, date=days_ago(7 * week + 3), effort=4)  # 4 × 50 min = 200
    for n in range(5):
        RunFactory(user=runner, date=days_ago(n), effort=4)

    found = insight(runner, "load_spike")

    # Acute 1000; 28 days hold 1600 → 400 a week; ratio 2.5.
    assert found.numbers == {
        "acute_load": 1000,
        "chronic_weekly_load": 400,
        "ratio": 2.5,
        "danger": 1.5,
    }
    assert found.kind == WARNING
    assert found.article_url == "/guide/overtraining-and-recovery/"


def test_a_steady_load_or_a_new_log_is_no_spike(guide, runner, other_runner):
    for n in range(0, 35, 2):
        RunFactory(user=runner, date=days_ago(n), effort=4)
    for n in range(5):  # a new runner: no four weeks to compare against
        RunFactory(user=other_runner, date=days_ago(n), effort=8)

    assert "load_spike" not in keys(runner)
    assert "load_spike" not in keys(other_runner)


def test_a_weekly_distance_jump_beyond_the_guideline_is_a_tip(guide, runner):
    RunFactory(user=runner, date=days_ago(10), distance_m=20_000)
    RunFactory(user=runner, date=days_ago(2), distance_m=25_000)  # +25 %

    found = insight(runner, "weekly_distance_jump")

    assert found.numbers["increase_pct"] == 25.0
    assert "25.0 km in the last 7 days against 20.0 km" in found.message


def test_a_ten_percent_rise_is_within_the_rule(guide, runner):
    RunFactory(user=runner, date=days_ago(10), distance_m=20_000)
    RunFactory(user=runner, date=days_ago(2), distance_m=22_000)

    assert "weekly_distance_jump" not in keys(runner)


def test_training_every_day_is_too_few_rest_days(guide, runner, other_runner):
    for n in range(7):
        RunFactory(user=runner, date=days_ago(n))
    for n in range(0, 7, 2):
        RunFactory(user=other_runner, date=days_ago(n))

    assert insight(runner, "too_few_rest_days").numbers == {"rest_days": 0, "minimum": 1}
    assert "too_few_rest_days" not in keys(other_runner)


# Strength ----------------------------------------------------------------------------------


def test_a_long_stretch_without_strength_work_is_flagged(guide, runner):
    lift(runner, exercise("Quadriceps"), days_ago(20))

    found = insight(runner, "strength_gap")

    assert found.numbers["days_without"] == 20
    assert "27 February 2025, 20 days ago" in found.message
    assert found.article_url == "/guide/strength-training-for-runners/"


def test_recent_strength_work_is_no_gap_and_the_guideline_decides(guide, runner):
    lift(runner, exercise("Quadriceps"), days_ago(10))
    assert "strength_gap" not in keys(runner)

    Guideline.objects.filter(key="strength_gap_days").update(value=7)

    assert insight(runner, "strength_gap").numbers["days_without"] == 10


def test_a_runner_who_never_lifted_gets_a_nudge(guide, runner):
    RunFactory(user=runner, date=days_ago(3))

    assert insight(runner, "strength_gap").numbers["days_without"] is None


def test_running_often_without_hamstring_or_glute_work_is_flagged(guide, runner, other_runner):
    quads = exercise("Quadriceps")
    for person in (runner, other_runner):
        for n in range(0, 28, 2):  # 14 runs
            RunFactory(user=person, date=days_ago(n))
        lift(person, quads, days_ago(3))
    lift(other_runner, exercise("Hamstrings"), days_ago(4))

    assert insight(runner, "no_posterior_chain").numbers == {
        "runs_recent": 14,
        "hamstring_and_glute_sets": 0,
    }
    assert "no_posterior_chain" not in keys(other_runner)


def test_running_rarely_is_not_running_often(guide, runner):
    for n in range(0, 28, 7):
        RunFactory(user=runner, date=days_ago(n))

    assert "no_posterior_chain" not in keys(runner)


def test_calf_work_without_shin_work_is_flagged(guide, runner, other_runner):
    calves = exercise("Calves")
    lift(runner, calves, days_ago(2), sets=4)
    lift(other_runner, calves, days_ago(2))
    lift(other_runner, exercise("Tibialis anterior"), days_ago(1))

    found = insight(runner, "calves_without_shins")

    assert found.numbers == {"calf_sets": 4, "tibialis_sets": 0}
    assert found.article_url == "/guide/running-injuries/"
    assert "calves_without_shins" not in keys(other_runner)


# Measurements ------------------------------------------------------------------------------


def test_a_left_right_difference_above_the_guideline_is_flagged(guide, runner):
    LegMeasurementFactory(
        user=runner, date=days_ago(5), thigh_left_cm=60.0, thigh_right_cm=56.4
    )  # 6 % of 60

    found = insight(runner, "left_right_difference")

    assert found.kind == WARNING
    assert found.numbers["part"] == "thigh"
    assert found.numbers["difference_pct"] == 6.0
    assert "left thigh measured 60.0 cm and your right 56.4 cm" in found.message
    assert found.article_url == "/guide/muscle-balance-and-single-leg-work/"


def test_a_small_difference_is_normal_and_the_latest_pair_counts(guide, runner):
    LegMeasurementFactory(user=runner, date=days_ago(40), thigh_left_cm=60.0, thigh_right_cm=55)
    LegMeasurementFactory(user=runner, date=days_ago(5), thigh_left_cm=60.0, thigh_right_cm=58.5)

    assert "left_right_difference" not in keys(runner)


def test_the_difference_is_shown_in_the_runners_units(guide, runner):
    profile = get_profile(runner)
    profile.units = "imperial"
    profile.save()
    LegMeasurementFactory(user=runner, date=days_ago(5), thigh_left_cm=60.96, thigh_right_cm=55.88)

    assert "24.0 in and your right 22.0 in" in insight(runner, "left_right_difference").message


def test_growing_legs_with_a_steady_weight_is_good_news(guide, runner, other_runner):
    for n, (thigh, weight) in enumerate([(55.0, 70.0), (55.4, 70.1), (55.8, 69.9), (56.2, 70.0)]):
        LegMeasurementFactory(
            user=runner,
            date=days_ago(90 - 30 * n),
            weight_kg=weight,
            thigh_left_cm=thigh,
            thigh_right_cm=thigh,
        )
        # Same girths, but the weight climbs 1 kg a month: that is not clean muscle.
        LegMeasurementFactory(
            user=other_runner,
            date=days_ago(90 - 30 * n),
            weight_kg=70.0 + n,
            thigh_left_cm=thigh,
            thigh_right_cm=thigh,
        )

    found = insight(runner, "legs_growing_weight_stable")

    assert found.kind == GOOD_NEWS
    # 0.4 cm every 30 days = 0.0933 cm a week.
    assert found.numbers["thigh_cm_per_week"] == pytest.approx(0.093, abs=0.001)
    assert found.article_url == "/guide/tracking-your-progress/"
    assert "legs_growing_weight_stable" not in keys(other_runner)


# Goal --------------------------------------------------------------------------------------


def test_easy_running_without_strength_work_points_away_from_bigger_legs(guide, runner):
    profile = get_profile(runner)
    profile.goal = Profile.Goal.BUILD
    profile.save()
    for n in range(0, 28, 3):
        RunFactory(user=runner, date=days_ago(n), run_type="long", duration_s=3600)
    RunFactory(user=runner, date=days_ago(1), run_type="tempo", duration_s=300)

    found = insight(runner, "easy_running_for_bigger_legs")

    # 300 s of tempo in 10 × 3600 + 300 = 36,300 s: 0.83 % hard.
    assert found.numbers["hard_share_pct"] == pytest.approx(0.8)
    assert found.article_url == "/guide/intensity-and-leg-size/"


def test_the_goal_hard_running_or_strength_work_keep_it_quiet(guide, runner, other_runner):
    for person in (runner, other_runner):
        for n in range(0, 28, 3):
            RunFactory(user=person, date=days_ago(n), run_type="easy")
    # runner wants to run faster (the default goal); other_runner builds, but lifts.
    profile = get_profile(other_runner)
    profile.goal = Profile.Goal.BUILD
    profile.save()
    lift(other_runner, exercise("Quadriceps"), days_ago(2))

    assert "easy_running_for_bigger_legs" not in keys(runner)
    assert "easy_running_for_bigger_legs" not in keys(other_runner)


# All rules together ------------------------------------------------------------------------


def test_warnings_come_before_tips_and_good_news(guide, runner):
    LegMeasurementFactory(user=runner, date=days_ago(5), thigh_left_cm=60.0, thigh_right_cm=50.0)
    RunFactory(user=runner, date=days_ago(1))  # never lifted: a tip

    kinds = [i.kind for i in insights_for(runner, today=TODAY)]

    assert kinds == sorted(kinds, key=[WARNING, TIP, GOOD_NEWS].index)
    assert kinds[0] == WARNING


def test_without_guidelines_the_rules_stay_quiet_instead_of_crashing(runner):
    Guideline.objects.all().delete()  # other tests of this module share a loaded guide
    LegMeasurementFactory(user=runner, date=days_ago(5), thigh_left_cm=60.0, thigh_right_cm=50.0)
    ProteinEntryFactory(user=runner, date=days_ago(1))
    RunFactory(user=runner, date=days_ago(1))

    assert insights_for(runner, today=TODAY) == []


def test_another_runners_data_never_reaches_the_insights(guide, runner, other_runner):
    LegMeasurementFactory(user=other_runner, date=days_ago(5), thigh_left_cm=60, thigh_right_cm=50)
    ProteinEntryFactory(user=other_runner, date=days_ago(1))
    for n in range(7):
        RunFactory(user=other_runner, date=days_ago(n))

    assert insights_for(runner, today=TODAY) == []
    assert insights_for(other_runner, today=TODAY) != []


@pytest.mark.parametrize("runs", [2, 200])
def test_the_rules_run_in_a_fixed_number_of_queries(guide, runner, django_assert_num_queries, runs):
    get_profile(runner)
    quads = exercise("Quadriceps")
    for n in range(runs):
        RunFactory(user=runner, date=days_ago(n % 60))
    lift(runner, quads, days_ago(2))
    LegMeasurementFactory(user=runner, date=days_ago(3))
    ProteinEntryFactory(user=runner, date=days_ago(1))

    # profile, guidelines, articles, runs per day and type, strength session dates, sets per
    # muscle, protein per day with its weight, measurements, worn shoes.
    with django_assert_num_queries(9):
        insights_for(runner, today=TODAY)
