"""/progress/data/: the Progress charts' JSON, aggregated in the database."""

import datetime

import pytest
from django.urls import reverse

from tests.tracker.factories import (
    ExerciseFactory,
    LegMeasurementFactory,
    MuscleFactory,
    ProteinEntryFactory,
    RunFactory,
    StrengthSessionFactory,
    StrengthSetFactory,
)
from tracker import metrics
from tracker.log import lifts
from tracker.log.models import (
    LegMeasurement,
    ProteinEntry,
    Run,
    StrengthSession,
    StrengthSet,
    get_profile,
)
from tracker.progress import charts as progress

URL = reverse("tracker:progress_data")
# A Wednesday; the 4-week range starts on Monday 24 February.
TODAY = datetime.date(2025, 3, 19)


def day(month, date):
    return datetime.date(2025, month, date)


@pytest.fixture
def squat(db):
    return ExerciseFactory(
        name="Squat",
        primary_muscles=[MuscleFactory(name="Quadriceps")],
    )


def data_for(user, range_key="4w", **kwargs):
    return progress.chart_data(user, range_key, today=TODAY, **kwargs)


# Access -----------------------------------------------------------------------------------


def test_an_anonymous_visitor_gets_a_401_json_error(client):
    response = client.get(URL)

    assert response.status_code == 401
    assert response.json() == {"error": "Log in to see your progress."}


def test_an_unknown_range_is_a_400_with_a_message_not_a_500(signed_in):
    response = signed_in.get(URL, {"range": "5y"})

    assert response.status_code == 400
    assert "Unknown range '5y'" in response.json()["error"]
    assert "4w, 12w, 1y, all" in response.json()["error"]


@pytest.mark.parametrize("range_key", ["4w", "12w", "1y", "all"])
def test_every_range_answers_with_all_seven_charts(signed_in, runner, range_key):
    RunFactory(user=runner, date=get_profile(runner).today())

    response = signed_in.get(URL, {"range": range_key})

    assert response.status_code == 200
    body = response.json()
    assert body["range"]["key"] == range_key
    assert set(body["charts"]) == {
        "weekly_distance",
        "pace",
        "training_load",
        "strength_volume",
        "one_rep_max",
        "measurements",
        "protein",
        "time_in_zone",
        "fitness",
        "weekly_strain",
    }
    assert body["charts"]["weekly_distance"]["has_data"] is True


def test_without_a_range_the_endpoint_shows_twelve_weeks(signed_in):
    assert signed_in.get(URL).json()["range"]["key"] == "12w"


def test_a_strange_exercise_id_falls_back_to_the_most_logged_exercise(signed_in, runner, squat):
    StrengthSetFactory(
        session__user=runner, session__date=get_profile(runner).today(), exercise=squat
    )

    for value in ("abc", "999999", ""):
        response = signed_in.get(URL, {"exercise": value})
        assert response.status_code == 200
        assert response.json()["charts"]["one_rep_max"]["exercise_id"] == squat.pk


# Units -------------------------------------------------------------------------------------


def test_values_stay_in_si_units_with_the_runners_unit_factors(runner):
    profile = get_profile(runner)
    profile.units = "imperial"
    profile.save()

    units = data_for(runner)["units"]

    assert units["system"] == "imperial"
    assert (units["distance"], units["weight"], units["length"]) == ("mi", "lb", "in")
    assert units["metres_per_distance_unit"] == pytest.approx(1609.344)
    assert units["kg_per_weight_unit"] == pytest.approx(0.45359237)
    assert units["cm_per_length_unit"] == pytest.approx(2.54)


def test_the_guidelines_come_from_the_guide(runner, guideline):
    guideline(key="acwr_sweet_spot", minimum=0.8, maximum=1.3)
    guideline(key="acwr_danger", value=1.5)

    guidelines = data_for(runner)["guidelines"]

    assert guidelines["acwr_sweet_spot"]["minimum"] == 0.8
    assert guidelines["acwr_sweet_spot"]["maximum"] == 1.3
    assert guidelines["acwr_danger"]["value"] == 1.5
    assert guidelines["protein_g_per_kg"] is None  # not in this database


# The charts, against hand-computed numbers ------------------------------------------------


def test_weekly_distance_is_stacked_by_run_type_with_the_hard_share(runner):
    RunFactory(user=runner, date=day(3, 10), distance_m=10_000, duration_s=3000, run_type="easy")
    RunFactory(user=runner, date=day(3, 12), distance_m=5_000, duration_s=1000, run_type="tempo")
    RunFactory(user=runner, date=day(3, 17), distance_m=8_000, duration_s=2400, run_type="long")
    RunFactory(user=runner, date=day(2, 1), distance_m=7_000, run_type="easy")  # before the range

    chart = data_for(runner)["charts"]["weekly_distance"]

    assert chart["resolution"] == "week"
    assert chart["weeks"] == ["2025-02-24", "2025-03-03", "2025-03-10", "2025-03-17"]
    assert chart["periods"] == chart["weeks"]
    by_type = {s["run_type"]: s["distance_m"] for s in chart["series"]}
    assert by_type == {
        "easy": [0.0, 0.0, 10_000.0, 0.0],
        "long": [0.0, 0.0, 0.0, 8_000.0],
        "tempo": [0.0, 0.0, 5_000.0, 0.0],
    }
    assert chart["total_distance_m"] == [0.0, 0.0, 15_000.0, 8_000.0]
    # 1000 s of tempo in 4000 s of running.
    assert chart["hard_share_pct"] == [None, None, 25.0, 0.0]


def test_pace_is_total_time_over_total_distance_per_type(runner):
    RunFactory(user=runner, date=day(3, 10), distance_m=10_000, duration_s=3000, run_type="easy")
    RunFactory(user=runner, date=day(3, 10), distance_m=5_000, duration_s=1800, run_type="easy")

    chart = data_for(runner)["charts"]["pace"]

    # 4800 s over 15 km = 320 s per km.
    assert chart["series"] == [
        {"run_type": "easy", "label": "Easy", "dates": ["2025-03-10"], "pace_s_per_km": [320.0]}
    ]


def test_training_load_has_daily_load_rolling_sums_and_the_ratio(runner):
    # Effort 4 × 50 minutes = 200, every day from 3 to 16 February, then 400 on 17 March.
    for offset in range(14):
        RunFactory(user=runner, date=day(2, 3) + datetime.timedelta(days=offset), effort=4)
    RunFactory(user=runner, date=day(3, 17), effort=8)
    RunFactory(user=runner, date=day(3, 18), effort=None)  # no effort: no load

    chart = data_for(runner)["charts"]["training_load"]

    assert chart["dates"][0] == "2025-02-24"
    assert chart["dates"][-1] == "2025-03-19"
    loads = dict(zip(chart["dates"], chart["load"], strict=True))
    assert loads["2025-03-17"] == 400.0
    assert loads["2025-03-18"] == 0.0
    index = chart["dates"].index("2025-02-24")
    # On 24 February the 7 days (18-24 Feb) hold no run; the 28 days (28 Jan-24 Feb) hold all
    # 14 runs = 2800 → 700 a week; but the log is only 22 days old, too young for a ratio.
    assert chart["acute_7d"][index] == 0.0
    assert chart["chronic_weekly"][index] == 700.0
    assert chart["acwr"][index] is None
    # On 2 March (28 days in): 7 days hold nothing, 28 days (3 Feb-2 Mar) hold 2800: ratio 0.
    index = chart["dates"].index("2025-03-02")
    assert chart["acwr"][index] == 0.0
    index = chart["dates"].index("2025-03-17")
    # 7 days (11-17 Mar) = 400; 28 days (18 Feb-17 Mar) = 400 → 100 a week; ratio 4.
    assert chart["acute_7d"][index] == 400.0
    assert chart["chronic_weekly"][index] == 100.0
    assert chart["acwr"][index] == 4.0


def test_the_all_range_shows_weekly_load_at_each_weeks_end(runner):
    RunFactory(user=runner, date=day(3, 4), effort=4)  # 200
    RunFactory(user=runner, date=day(3, 6), effort=2)  # 100

    chart = data_for(runner, "all")["charts"]["training_load"]

    assert chart["resolution"] == "week"
    assert chart["dates"] == ["2025-03-09", "2025-03-16", "2025-03-19"]
    assert chart["load"] == [300.0, 0.0, 0.0]


def test_strength_volume_goes_to_each_exercises_muscles(runner):
    quads, glutes = MuscleFactory(name="Quadriceps"), MuscleFactory(name="Glutes")
    squat = ExerciseFactory(name="Squat", primary_muscles=[quads])
    squat.secondary_muscles.set([glutes])
    session = StrengthSessionFactory(user=runner, date=day(3, 11))
    for _ in range(3):
        StrengthSetFactory(session=session, exercise=squat, reps=5, weight_kg=100)

    chart = data_for(runner)["charts"]["strength_volume"]

    muscles = {m["slug"]: m for m in chart["muscles"]}
    # 3 × 5 × 100 = 1500 kg for the quadriceps, half of it for the glutes.
    assert muscles["quadriceps"]["volume_kg"] == [0.0, 0.0, 1500.0, 0.0]
    assert muscles["quadriceps"]["sets"] == [0.0, 0.0, 3.0, 0.0]
    assert muscles["glutes"]["volume_kg"] == [0.0, 0.0, 750.0, 0.0]
    assert muscles["glutes"]["sets"] == [0.0, 0.0, 1.5, 0.0]


def test_one_rep_max_marks_records_against_the_whole_history(runner, squat):
    StrengthSetFactory(
        session__user=runner, session__date=day(1, 6), exercise=squat, reps=5, weight_kg=100
    )  # 116.7, before the range
    StrengthSetFactory(
        session__user=runner, session__date=day(3, 3), exercise=squat, reps=3, weight_kg=100
    )  # 110: not a record
    StrengthSetFactory(
        session__user=runner, session__date=day(3, 10), exercise=squat, reps=5, weight_kg=110
    )  # 128.3: a record
    StrengthSetFactory(
        session__user=runner, session__date=day(3, 10), exercise=squat, reps=12, weight_kg=150
    )  # over 10 reps: not estimated

    chart = data_for(runner)["charts"]["one_rep_max"]

    assert chart["exercises"] == [{"id": squat.pk, "name": "Squat"}]
    assert chart["points"] == [
        {"date": "2025-03-03", "e1rm_kg": 110.0, "is_record": False},
        {"date": "2025-03-10", "e1rm_kg": 128.3, "is_record": True},
    ]


def test_the_first_day_ever_is_no_record_and_the_next_better_one_is(runner, squat):
    StrengthSetFactory(
        session__user=runner, session__date=day(3, 3), exercise=squat, reps=1, weight_kg=120
    )
    StrengthSetFactory(
        session__user=runner, session__date=day(3, 10), exercise=squat, reps=1, weight_kg=125
    )

    points = data_for(runner, "all")["charts"]["one_rep_max"]["points"]

    assert points == [
        {"date": "2025-03-03", "e1rm_kg": 120.0, "is_record": False},
        {"date": "2025-03-10", "e1rm_kg": 125.0, "is_record": True},
    ]


def test_the_default_exercise_does_not_change_with_the_range(runner, squat, deadlift):
    for _ in range(5):  # most deadlift sets over the whole log, all long ago
        StrengthSetFactory(session__user=runner, session__date=day(1, 6), exercise=deadlift)
    StrengthSetFactory(session__user=runner, session__date=day(3, 10), exercise=squat)

    for range_key in ("4w", "12w", "all"):
        chart = data_for(runner, range_key)["charts"]["one_rep_max"]
        assert chart["exercise_id"] == deadlift.pk, range_key
        assert [e["name"] for e in chart["exercises"]] == ["Deadlift", "Squat"]


def test_measurements_and_protein_per_kg_use_the_latest_weight_before_the_range(runner):
    LegMeasurementFactory(user=runner, date=day(2, 1), weight_kg=70.0)  # before the range
    LegMeasurementFactory(
        user=runner, date=day(3, 12), weight_kg=80.0, calf_left_cm=38.0, calf_right_cm=37.5
    )
    ProteinEntryFactory(user=runner, date=day(3, 10), protein_g=100)
    ProteinEntryFactory(user=runner, date=day(3, 10), protein_g=40)
    ProteinEntryFactory(user=runner, date=day(3, 14), protein_g=120)

    charts = data_for(runner)["charts"]

    assert charts["measurements"]["dates"] == ["2025-03-12"]
    assert charts["measurements"]["weight_kg"] == [80.0]
    assert charts["measurements"]["calf_left_cm"] == [38.0]
    assert charts["protein"]["dates"] == ["2025-03-10", "2025-03-14"]
    assert charts["protein"]["total_g"] == [140.0, 120.0]
    assert charts["protein"]["g_per_kg"] == [2.0, 1.5]  # 140 / 70, 120 / 80


def test_the_all_range_averages_protein_per_logged_day_of_each_week(runner):
    LegMeasurementFactory(user=runner, date=day(3, 1), weight_kg=80.0)
    ProteinEntryFactory(user=runner, date=day(3, 10), protein_g=100)
    ProteinEntryFactory(user=runner, date=day(3, 12), protein_g=140)

    chart = data_for(runner, "all")["charts"]["protein"]

    assert chart["dates"] == ["2025-03-10"]
    assert chart["total_g"] == [120.0]
    assert chart["g_per_kg"] == [1.5]


def test_an_all_range_of_up_to_two_years_stays_weekly(runner):
    # TODAY's week starts on Monday 17 March 2025; 104 weekly bars go back to 103 weeks before.
    first_monday = datetime.date(2025, 3, 17) - datetime.timedelta(weeks=103)
    RunFactory(user=runner, date=first_monday, distance_m=5_000)

    data = data_for(runner, "all")

    assert data["range"]["resolution"] == "week"
    chart = data["charts"]["weekly_distance"]
    assert len(chart["weeks"]) == 104
    assert chart["weeks"][0] == first_monday.isoformat()
    assert chart["periods"] == chart["weeks"]
    assert data["charts"]["training_load"]["resolution"] == "week"
    assert data["charts"]["strength_volume"]["resolution"] == "week"


def test_other_ranges_stay_daily_and_weekly_however_long_the_log(runner):
    RunFactory(user=runner, date=datetime.date(2015, 3, 2))
    RunFactory(user=runner, date=day(3, 10))

    for range_key in ("4w", "12w", "1y"):
        data = data_for(runner, range_key)
        assert data["range"]["resolution"] == ("week" if range_key == "1y" else "day")
        assert data["charts"]["weekly_distance"]["resolution"] == "week"
        assert data["charts"]["weekly_distance"]["weeks"][-1] == "2025-03-17"


# Long logs: the "all" range per calendar month -----------------------------------------------


def test_a_log_over_two_years_long_is_shown_per_month(runner):
    # A measurement 105 weeks back is enough: the log's first entry of any kind counts.
    first_monday = datetime.date(2025, 3, 17) - datetime.timedelta(weeks=104)
    LegMeasurementFactory(user=runner, date=first_monday, weight_kg=70.0)
    RunFactory(user=runner, date=day(3, 10))

    data = data_for(runner, "all")

    assert data["range"]["resolution"] == "month"
    for key in ("weekly_distance", "pace", "training_load", "strength_volume", "protein"):
        assert data["charts"][key]["resolution"] == "month", key


def test_monthly_distance_sums_each_calendar_months_runs(runner):
    RunFactory(user=runner, date=datetime.date(2022, 1, 10), distance_m=10_000, run_type="easy")
    RunFactory(
        user=runner,
        date=datetime.date(2022, 1, 31),
        distance_m=5_000,
        duration_s=1000,
        run_type="tempo",
    )
    RunFactory(user=runner, date=datetime.date(2023, 6, 1), distance_m=20_000, run_type="long")
    RunFactory(user=runner, date=datetime.date(2023, 6, 30), distance_m=2_000, run_type="long")
    RunFactory(user=runner, date=day(3, 1), distance_m=8_000, run_type="easy")
    RunFactory(user=runner, date=day(3, 19), distance_m=4_000, run_type="easy")

    chart = data_for(runner, "all")["charts"]["weekly_distance"]

    assert chart["resolution"] == "month"
    assert "weeks" not in chart  # these are months
    # January 2022 to March 2025: 3 × 12 + 3 months, each dated by its 1st.
    assert len(chart["periods"]) == 39
    assert chart["periods"][:2] == ["2022-01-01", "2022-02-01"]
    assert chart["periods"][-1] == "2025-03-01"
    june_2023 = chart["periods"].index("2023-06-01")
    by_type = {s["run_type"]: s["distance_m"] for s in chart["series"]}
    assert (by_type["easy"][0], by_type["tempo"][0], by_type["long"][0]) == (10_000, 5_000, 0)
    assert by_type["long"][june_2023] == 22_000.0
    assert by_type["easy"][-1] == 12_000.0
    assert chart["total_distance_m"][0] == 15_000.0
    assert chart["total_distance_m"][1] == 0.0
    # 1000 s of tempo in 4000 s of running in January 2022.
    assert chart["hard_share_pct"][0] == 25.0
    assert chart["hard_share_pct"][june_2023] == 0.0


def test_monthly_pace_is_each_months_total_time_over_distance(runner):
    RunFactory(user=runner, date=datetime.date(2022, 1, 10), distance_m=10_000, duration_s=3000)
    RunFactory(user=runner, date=day(3, 3), distance_m=10_000, duration_s=3000)
    RunFactory(user=runner, date=day(3, 17), distance_m=5_000, duration_s=1800)

    chart = data_for(runner, "all")["charts"]["pace"]

    # March 2025: 4800 s over 15 km = 320 s per km.
    assert chart["series"] == [
        {
            "run_type": "easy",
            "label": "Easy",
            "dates": ["2022-01-01", "2025-03-01"],
            "pace_s_per_km": [300.0, 320.0],
        }
    ]


def test_monthly_strength_volume_sums_each_months_sets(runner):
    quads, glutes = MuscleFactory(name="Quadriceps"), MuscleFactory(name="Glutes")
    squat = ExerciseFactory(name="Squat", primary_muscles=[quads])
    squat.secondary_muscles.set([glutes])
    StrengthSetFactory(
        session__user=runner, session__date=datetime.date(2022, 2, 7), exercise=squat
    )  # 5 × 100
    for date in (day(3, 3), day(3, 3), day(3, 17)):
        StrengthSetFactory(
            session__user=runner, session__date=date, exercise=squat, reps=5, weight_kg=60
        )

    chart = data_for(runner, "all")["charts"]["strength_volume"]

    assert chart["resolution"] == "month"
    assert chart["periods"][0] == "2022-02-01"
    assert chart["periods"][-1] == "2025-03-01"
    muscles = {m["slug"]: m for m in chart["muscles"]}
    assert muscles["quadriceps"]["volume_kg"][0] == 500.0
    assert muscles["quadriceps"]["volume_kg"][-1] == 900.0  # 3 × 5 × 60
    assert muscles["quadriceps"]["sets"][-1] == 3.0
    assert muscles["glutes"]["volume_kg"][-1] == 450.0
    assert muscles["glutes"]["sets"][-1] == 1.5
    assert sum(muscles["quadriceps"]["volume_kg"]) == 1400.0


def test_monthly_protein_is_the_average_of_the_days_logged(runner):
    RunFactory(user=runner, date=datetime.date(2022, 1, 10))  # makes the log long
    ProteinEntryFactory(user=runner, date=day(2, 3), protein_g=90)  # before any body weight
    LegMeasurementFactory(user=runner, date=day(3, 1), weight_kg=80.0)
    LegMeasurementFactory(user=runner, date=day(3, 12), weight_kg=65.0)
    ProteinEntryFactory(user=runner, date=day(3, 10), protein_g=100)
    ProteinEntryFactory(user=runner, date=day(3, 10), protein_g=40)
    ProteinEntryFactory(user=runner, date=day(3, 14), protein_g=120)

    chart = data_for(runner, "all")["charts"]["protein"]

    assert chart["resolution"] == "month"
    assert chart["dates"] == ["2025-02-01", "2025-03-01"]
    # March: 260 g over 2 logged days = 130 g a day, per the 65 kg of its last logged day.
    assert chart["total_g"] == [90.0, 130.0]
    assert chart["g_per_kg"] == [None, 2.0]


def test_monthly_training_load_is_shown_at_each_months_end(runner):
    RunFactory(user=runner, date=datetime.date(2022, 1, 3), effort=4)  # 4 × 50 min = 200
    RunFactory(user=runner, date=day(1, 6), effort=4)  # 200
    RunFactory(user=runner, date=day(2, 26), effort=4)  # 200
    RunFactory(user=runner, date=day(3, 3), effort=8)  # 400
    RunFactory(user=runner, date=day(3, 4), effort=2)  # 100

    chart = data_for(runner, "all")["charts"]["training_load"]

    assert chart["resolution"] == "month"
    # Each month's last day from January 2022 to February 2025, then today.
    assert len(chart["dates"]) == 3 * 12 + 2 + 1
    assert chart["dates"][:2] == ["2022-01-31", "2022-02-28"]
    assert chart["dates"][-3:] == ["2025-01-31", "2025-02-28", "2025-03-19"]
    # The month's load (March so far), then the 7 and 28 days up to that day.
    assert chart["load"][0] == 200.0
    assert chart["load"][-3:] == [200.0, 200.0, 500.0]
    # On 28 February: 7 days (22-28 Feb) hold 200, 28 days (1-28 Feb) 200 → 50 a week; ratio 4.
    assert chart["acute_7d"][-2] == 200.0
    assert chart["chronic_weekly"][-2] == 50.0
    assert chart["acwr"][-2] == 4.0
    # On 19 March: nothing in 13-19 March; 20 Feb-19 Mar hold 700 → 175 a week; ratio 0.
    assert chart["acute_7d"][-1] == 0.0
    assert chart["chronic_weekly"][-1] == 175.0
    assert chart["acwr"][-1] == 0.0
    # The ratio is the day's own, as the daily chart of a shorter range shows it (its warm-up
    # reaches 6 January, so 28 February has 28 days of history there too).
    daily = data_for(runner, "4w")["charts"]["training_load"]
    assert daily["acwr"][daily["dates"].index("2025-02-28")] == chart["acwr"][-2]
    # The weighted ratio runs day by day over the whole log, from 3 January 2022.
    loads = [0.0] * ((TODAY - datetime.date(2022, 1, 3)).days + 1)
    for date, load in (
        (datetime.date(2022, 1, 3), 200),
        (day(1, 6), 200),
        (day(2, 26), 200),
        (day(3, 3), 400),
        (day(3, 4), 100),
    ):
        loads[(date - datetime.date(2022, 1, 3)).days] = load
    ewma = metrics.acwr_ewma(loads)
    assert chart["acwr_ewma"][-2] == round(ewma[-20], 2)
    assert chart["acwr_ewma"][-1] == round(ewma[-1], 2)


def test_protein_without_a_body_weight_has_no_per_kg_values(runner):
    ProteinEntryFactory(user=runner, date=day(3, 10), protein_g=100)

    chart = data_for(runner)["charts"]["protein"]

    assert chart["has_data"] is True
    assert chart["has_body_weight"] is False
    assert chart["g_per_kg"] == [None]


def test_a_new_runner_gets_empty_charts(runner):
    charts = data_for(runner)["charts"]

    assert {key: chart["has_data"] for key, chart in charts.items()} == dict.fromkeys(charts, False)


# Privacy and query budget ------------------------------------------------------------------


def test_another_runners_data_never_appears(signed_in, runner, other_runner, squat):
    today = get_profile(runner).today()
    RunFactory(user=other_runner, date=today, effort=5)
    StrengthSetFactory(session__user=other_runner, session__date=today, exercise=squat)
    LegMeasurementFactory(user=other_runner, date=today)
    ProteinEntryFactory(user=other_runner, date=today)

    for range_key in progress.RANGES:
        charts = signed_in.get(URL, {"range": range_key}).json()["charts"]
        assert not any(chart["has_data"] for chart in charts.values())
        assert charts["one_rep_max"]["exercises"] == []
    # Asking for the other runner's exercise by id shows nothing of theirs either.
    charts = signed_in.get(URL, {"exercise": squat.pk}).json()["charts"]
    assert charts["one_rep_max"]["points"] == []


def log_entries(user, count, squat, today, span_days):
    """`count` entries spread over the types and `span_days` days, bulk-created, ending today."""
    per_type = count // 5
    dates = [
        today - datetime.timedelta(days=n * span_days // (per_type - 1)) for n in range(per_type)
    ]
    Run.objects.bulk_create(
        Run(
            user=user,
            date=d,
            distance_m=8000,
            duration_s=2700,
            effort=5,
            **dict.fromkeys(Run.ZONE_FIELDS, 540),
        )
        for d in dates
    )
    sessions = StrengthSession.objects.bulk_create(
        StrengthSession(user=user, date=d) for d in dates
    )
    StrengthSet.objects.bulk_create(
        StrengthSet(session=s, exercise=squat, reps=5, weight_kg=80 + n % 20)
        for n, s in enumerate(sessions)
    )
    lifts.refresh(user)
    LegMeasurement.objects.bulk_create(
        LegMeasurement(user=user, date=d, weight_kg=70, thigh_left_cm=55) for d in dates
    )
    ProteinEntry.objects.bulk_create(ProteinEntry(user=user, date=d, protein_g=30) for d in dates)


@pytest.mark.parametrize("count", [10, 2000])
@pytest.mark.parametrize(
    ("range_key", "span_days", "resolution"),
    [("12w", 700, "day"), ("all", 700, "week"), ("all", 3 * 365, "month")],
)
def test_the_query_count_does_not_grow_with_the_log(
    client, runner, squat, django_assert_num_queries, count, range_key, span_days, resolution
):
    profile = get_profile(runner)
    log_entries(runner, count, squat, profile.today(), span_days)
    client.force_login(runner)

    # session, user, profile, guidelines; the rows (tracker/progress/rows.py): training per
    # day and kind (one UNION), sets per day and exercise, those exercises' muscles,
    # measurements, protein per day; the exercises with weighted sets over the whole log (the
    # 1RM picker, one row each) and the chosen exercise's daily best 1RM; the leg ledger's
    # weights.
    with django_assert_num_queries(12):
        response = client.get(URL, {"range": range_key})

    assert response.status_code == 200
    body = response.json()
    assert body["range"]["resolution"] == resolution
    assert all(chart["has_data"] for chart in body["charts"].values())
