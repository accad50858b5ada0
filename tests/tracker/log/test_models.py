import datetime

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from knowledge.models import Article, Guideline, Topic
from tests.tracker.factories import (
    LegMeasurementFactory,
    ProteinEntryFactory,
    RunFactory,
    StrengthSessionFactory,
    StrengthSetFactory,
)
from tracker.log.models import (
    LegMeasurement,
    LiftHistory,
    Profile,
    Run,
    StrengthSession,
    StrengthSet,
    get_profile,
    protein_day_summary,
)

MARCH = datetime.date(2025, 3, 1)


def protein_guideline(minimum, maximum):
    topic = Topic.objects.create(slug="nutrition", title="Nutrition")
    article = Article.objects.create(
        topic=topic, title="Protein", slug="protein", summary="s", body="b"
    )
    return Guideline.objects.create(
        key="protein_g_per_kg",
        name="Daily protein",
        minimum=minimum,
        maximum=maximum,
        unit="g/kg/day",
        article=article,
    )


def test_a_profile_is_created_on_first_need_with_the_guidelines_midpoint(runner):
    protein_guideline(1.4, 2.2)
    profile = get_profile(runner)
    assert profile.protein_g_per_kg == pytest.approx(1.8)
    assert profile.units == Profile.Units.METRIC
    assert Profile.objects.filter(user=runner).count() == 1


def test_without_the_guideline_the_protein_target_falls_back_to_1_6(runner):
    assert get_profile(runner).protein_g_per_kg == 1.6


def test_an_existing_profile_is_fetched_in_one_query(runner, django_assert_num_queries):
    first = get_profile(runner)
    with django_assert_num_queries(1):
        assert get_profile(runner).pk == first.pk


def test_today_is_the_date_in_the_runners_time_zone(runner, monkeypatch):
    evening_in_utc = datetime.datetime(2025, 3, 10, 20, 0, tzinfo=datetime.UTC)
    monkeypatch.setattr(timezone, "now", lambda: evening_in_utc)
    profile = get_profile(runner)
    assert profile.today() == datetime.date(2025, 3, 10)
    profile.time_zone = "Pacific/Auckland"  # UTC+13 in March
    assert profile.today() == datetime.date(2025, 3, 11)


def test_for_user_returns_only_that_runners_rows(runner, other_runner):
    mine = RunFactory(user=runner)
    RunFactory(user=other_runner)
    set_of_mine = StrengthSetFactory(session__user=runner)
    StrengthSetFactory(session__user=other_runner)
    assert list(Run.objects.for_user(runner)) == [mine]
    assert list(StrengthSet.objects.for_user(runner)) == [set_of_mine]


def test_a_run_shows_pace_speed_and_session_load(runner):
    run = RunFactory(user=runner, distance_m=10_000, duration_s=3000, effort=4)
    assert run.pace_s_per_km == 300
    assert run.speed_kmh == 12
    assert run.session_load == 200


@pytest.mark.parametrize(
    ("factory", "fields"),
    [
        (RunFactory, {"distance_m": 0}),
        (RunFactory, {"duration_s": 0}),
        (RunFactory, {"effort": 11}),
        (RunFactory, {"elevation_gain_m": -1}),
        (StrengthSessionFactory, {"effort": 0}),
        (StrengthSetFactory, {"reps": 0}),
        (StrengthSetFactory, {"weight_kg": -2.5}),
        (LegMeasurementFactory, {"weight_kg": None, "thigh_left_cm": None, "thigh_right_cm": None}),
        (LegMeasurementFactory, {"thigh_left_cm": 0}),
        (ProteinEntryFactory, {"protein_g": 0}),
    ],
)
def test_the_database_refuses_impossible_values(runner, factory, fields):
    owner = {"session__user": runner} if factory is StrengthSetFactory else {"user": runner}
    with pytest.raises(IntegrityError), transaction.atomic():
        factory(**owner, **fields)


def test_a_body_weight_set_is_allowed(runner):
    assert StrengthSetFactory(session__user=runner, weight_kg=0).volume_kg == 0


def test_session_totals_are_computed_in_the_database(runner):
    session = StrengthSessionFactory(user=runner)
    StrengthSetFactory(session=session, reps=5, weight_kg=100)
    StrengthSetFactory(session=session, reps=8, weight_kg=60)
    StrengthSetFactory(session=session, reps=10, weight_kg=0)
    totals = StrengthSession.objects.for_user(runner).with_totals().get()
    assert totals.volume_kg == pytest.approx(980)  # 500 + 480 + 0
    assert totals.set_count == 3


def test_a_set_beating_every_earlier_estimated_1rm_is_a_record(runner, squat, deadlift):
    earlier = StrengthSessionFactory(user=runner, date=MARCH)
    StrengthSetFactory(session=earlier, exercise=squat, reps=5, weight_kg=100)  # 116.7
    session = StrengthSessionFactory(user=runner, date=MARCH + datetime.timedelta(days=3))
    StrengthSetFactory(session=session, exercise=squat, reps=3, weight_kg=110, order=0)  # 121.0
    StrengthSetFactory(session=session, exercise=squat, reps=8, weight_kg=80, order=1)  # 101.3
    StrengthSetFactory(session=session, exercise=deadlift, reps=5, weight_kg=100, order=2)
    StrengthSetFactory(session=session, exercise=deadlift, reps=12, weight_kg=0, order=3)
    sets = session.sets_with_records()
    # The deadlift's first session has nothing to beat: no record.
    assert [s.is_record for s in sets] == [True, False, False, False]
    assert sets[0].e1rm_kg == pytest.approx(121.0)


def test_a_first_session_sets_no_records(runner, squat):
    first = StrengthSessionFactory(user=runner, date=MARCH)
    StrengthSetFactory(session=first, exercise=squat, reps=5, weight_kg=100)
    StrengthSetFactory(session=first, exercise=squat, reps=5, weight_kg=105)
    assert [s.is_record for s in first.sets_with_records()] == [False, False]


def test_only_the_best_set_of_a_session_is_its_record(runner, squat):
    earlier = StrengthSessionFactory(user=runner, date=MARCH)
    StrengthSetFactory(session=earlier, exercise=squat, reps=5, weight_kg=80)
    later = StrengthSessionFactory(user=runner, date=MARCH + datetime.timedelta(days=2))
    StrengthSetFactory(session=later, exercise=squat, reps=5, weight_kg=90, order=0)
    StrengthSetFactory(session=later, exercise=squat, reps=5, weight_kg=100, order=1)
    assert [s.is_record for s in later.sets_with_records()] == [False, True]


def test_another_runners_sets_do_not_count_towards_records(runner, other_runner, squat):
    theirs = StrengthSessionFactory(user=other_runner, date=MARCH)
    StrengthSetFactory(session=theirs, exercise=squat, reps=5, weight_kg=200)
    StrengthSetFactory(session__user=runner, session__date=MARCH, exercise=squat, weight_kg=90)
    mine = StrengthSessionFactory(user=runner, date=MARCH + datetime.timedelta(days=1))
    StrengthSetFactory(session=mine, exercise=squat, reps=5, weight_kg=100)
    assert [s.is_record for s in mine.sets_with_records()] == [True]


def test_personal_records_are_the_best_per_exercise(runner, squat):
    session = StrengthSessionFactory(user=runner)
    StrengthSetFactory(session=session, exercise=squat, reps=5, weight_kg=100)  # 116.67
    StrengthSetFactory(session=session, exercise=squat, reps=2, weight_kg=115)  # 122.67
    StrengthSetFactory(session=session, exercise=squat, reps=15, weight_kg=120)  # too many reps
    (record,) = LiftHistory.objects.filter(user=runner)
    assert record.exercise == squat
    assert record.best_e1rm_kg == pytest.approx(122.6667, abs=1e-4)
    assert record.heaviest_kg == 120
    assert record.most_reps == 15


def test_a_measurement_shows_changes_since_the_previous_and_the_first(runner):
    LegMeasurementFactory(
        user=runner, date=datetime.date(2025, 1, 1), weight_kg=70, thigh_left_cm=55.0
    )
    LegMeasurementFactory(
        user=runner, date=datetime.date(2025, 2, 1), weight_kg=71, thigh_left_cm=None
    )
    latest = LegMeasurementFactory(
        user=runner, date=datetime.date(2025, 3, 1), weight_kg=70.5, thigh_left_cm=56.0
    )
    LegMeasurementFactory(user=runner, date=datetime.date(2025, 4, 1), weight_kg=90)  # later
    rows = {row["field"]: row for row in latest.changes()}
    assert rows["weight_kg"]["since_previous"] == pytest.approx(-0.5)
    assert rows["weight_kg"]["since_first"] == pytest.approx(0.5)
    # February had no left thigh: the previous left thigh is January's.
    assert rows["thigh_left_cm"]["since_previous"] == pytest.approx(1.0)
    assert rows["thigh_left_cm"]["since_first"] == pytest.approx(1.0)


def test_the_first_measurement_has_no_changes(runner):
    first = LegMeasurementFactory(user=runner)
    rows = first.changes()
    assert [row["field"] for row in rows] == ["weight_kg", "thigh_left_cm", "thigh_right_cm"]
    assert all(row["since_previous"] is None and row["since_first"] is None for row in rows)


def test_left_right_difference_is_left_minus_right(runner):
    measurement = LegMeasurementFactory(
        user=runner, thigh_left_cm=55.0, thigh_right_cm=54.5, calf_left_cm=37.0, calf_right_cm=37.4
    )
    assert measurement.thigh_difference_cm == pytest.approx(0.5)
    assert measurement.calf_difference_cm == pytest.approx(-0.4)
    assert LegMeasurement(thigh_left_cm=55.0).thigh_difference_cm is None


def test_a_days_protein_target_uses_the_latest_body_weight_on_or_before_it(runner):
    profile = get_profile(runner)  # 1.6 g/kg
    LegMeasurementFactory(user=runner, date=datetime.date(2025, 3, 1), weight_kg=80)
    LegMeasurementFactory(user=runner, date=datetime.date(2025, 3, 20), weight_kg=75)
    day = datetime.date(2025, 3, 10)
    ProteinEntryFactory(user=runner, date=day, protein_g=30)
    ProteinEntryFactory(user=runner, date=day, protein_g=45.5)
    summary = protein_day_summary(runner, profile, day)
    assert summary["total_g"] == pytest.approx(75.5)
    assert summary["target_g"] == pytest.approx(128.0)  # 1.6 × 80
    assert summary["percent_of_target"] == 59  # 75.5 / 128
    later = protein_day_summary(runner, profile, datetime.date(2025, 3, 25))
    assert later["total_g"] == 0
    assert later["target_g"] == pytest.approx(120.0)  # 1.6 × 75


def test_without_a_body_weight_there_is_no_protein_target(runner):
    ProteinEntryFactory(user=runner, date=MARCH)
    summary = protein_day_summary(runner, get_profile(runner), MARCH)
    assert summary["total_g"] == 30
    assert summary["target_g"] is None
