"""The leg ledger: a small log's stimulus points and girth changes, worked out by hand.

The guide's real muscles and exercises are loaded; each test sets round weights first, so the
expected numbers below follow from the log and these weights alone (not from the guide's
current figures, which an editor may change):

    hamstrings: hard 0.1, easy 0.02, hills 0.05 a minute; 1 a main set, 0.5 an assisting set;
                cycling 0.01 a minute
    calves:     hard 0.05, easy 0.04, hills 0.1 a minute; 1 and 0.5 a set; cycling 0.02

The log (today Wednesday 25 November 2026, the 4-week range from Monday 2 November):
    17 Nov  intervals, 40 min, typed in             → 40 hard minutes
    18 Nov  easy, 50 min, typed in                  → 50 easy minutes
    18 Nov  easy, 30 min, from a watch: 10 min hard → 10 hard and 20 easy minutes
    19 Nov  hills, 30 min                           → 30 hill minutes
    20 Nov  a 60-minute ride and a 30-minute swim   → 60 cycling minutes (the swim is no ride)
    21 Nov  Romanian deadlift 3 sets (hamstrings main, calves assisting),
            squat 4 sets (hamstrings and calves assisting)
    24 Nov  easy, 20 min                            → 20 easy minutes, in the week of 23 Nov
    Girths: 3 Nov thigh 55.0 / 54.6, calf 37.0 / 37.2; 17 Nov thigh 55.4 / 54.6;
            24 Nov thigh 55.6 / –, calf 37.3 / 37.0
"""

import datetime
import json

import pytest

from knowledge.models import Muscle
from tests.tracker.factories import LegMeasurementFactory, RunFactory
from tests.tracker.ledger_log import WEIGHTS, build_log, days_ago, set_weights
from tracker.log.models import Run
from tracker.progress.ledger import leg_ledger, muscle_month
from tracker.progress.periods import range_start
from tracker.progress.rows import read_rows

TODAY = datetime.date(2026, 11, 25)


@pytest.fixture
def rosa_log(guide, runner, other_runner):
    set_weights()
    build_log(runner, TODAY)
    # Someone else's training is never counted.
    RunFactory(user=other_runner, date=days_ago(TODAY, 3), run_type=Run.RunType.HILLS)
    return runner


def ledger_for(user, range_key="4w", resolution="week"):
    """The ledger from the rows the Progress page reads anyway (tracker/progress/rows.py)."""
    return leg_ledger(read_rows(user, range_start(range_key, TODAY), TODAY), resolution)


def muscle(ledger, slug):
    return next(m for m in ledger["muscles"] if m["slug"] == slug)


def test_each_source_gives_the_hamstrings_their_weighted_points_week_by_week(rosa_log):
    ledger = ledger_for(rosa_log)
    assert ledger["periods"] == ["2026-11-02", "2026-11-09", "2026-11-16", "2026-11-23"]
    assert ledger["minutes"] == {
        "hard_running": [0.0, 0.0, 50.0, 0.0],
        "easy_running": [0.0, 0.0, 70.0, 20.0],
        "hills": [0.0, 0.0, 30.0, 0.0],
        "cycling": [0.0, 0.0, 60.0, 0.0],
    }
    hamstrings = muscle(ledger, "hamstrings")
    assert hamstrings["sets"] == {
        "strength_primary": [0, 0, 3, 0],
        "strength_assisting": [0, 0, 4, 0],
    }
    # 50 × 0.1, 70 × 0.02, 30 × 0.05, 3 × 1, 4 × 0.5, 60 × 0.01; then 20 × 0.02.
    assert {kind: points[2] for kind, points in hamstrings["points"].items()} == {
        "hard_running": 5.0,
        "easy_running": 1.4,
        "hills": 1.5,
        "strength_primary": 3.0,
        "strength_assisting": 2.0,
        "cycling": 0.6,
    }
    assert hamstrings["total"] == [0.0, 0.0, 13.5, 0.4]
    assert hamstrings["range_total"] == 13.9


def test_assisting_sets_and_rides_count_for_the_calves(rosa_log):
    calves = muscle(ledger_for(rosa_log), "calves")
    # The deadlift's 3 sets and the squat's 4 both assist: 7 × 0.5 = 3.5.
    assert calves["sets"]["strength_assisting"] == [0, 0, 7, 0]
    # 50 × 0.05 + 70 × 0.04 + 30 × 0.1 + 3.5 + 60 × 0.02 = 2.5 + 2.8 + 3 + 3.5 + 1.2.
    assert calves["total"] == [0.0, 0.0, 13.0, 0.8]
    assert calves["range_points"]["cycling"] == 1.2


def test_girth_changes_sit_beside_the_muscles_left_and_right(rosa_log):
    ledger = ledger_for(rosa_log)
    hamstrings, calves = muscle(ledger, "hamstrings"), muscle(ledger, "calves")
    assert hamstrings["segment"] == "thigh"
    # 3 Nov is the first measurement (nothing to compare with); 55.4 − 55.0, then 55.6 − 55.4.
    assert hamstrings["girth_change_cm"] == {
        "left": [None, None, 0.4, 0.2],
        "right": [None, None, 0.0, None],
    }
    assert hamstrings["range_girth_change_cm"] == {"left": 0.6, "right": 0.0}
    assert calves["girth_change_cm"] == {
        "left": [None, None, None, 0.3],
        "right": [None] * 3 + [-0.2],
    }
    assert muscle(ledger, "glutes")["girth_change_cm"] == hamstrings["girth_change_cm"]
    assert muscle(ledger, "peroneals")["girth_change_cm"] is None


def test_the_ledger_adds_one_query_to_the_rows_the_page_has(rosa_log, django_assert_num_queries):
    rows = read_rows(rosa_log, range_start("4w", TODAY), TODAY)
    # The muscles left-joined to their weights; everything else comes from the page's rows.
    with django_assert_num_queries(1):
        ledger = leg_ledger(rows, "week")
    assert [m["slug"] for m in ledger["muscles"]] == list(
        Muscle.objects.order_by("order", "name").values_list("slug", flat=True)
    )
    assert ledger["has_data"]
    # The block goes into /progress/data/ as it is.
    assert json.loads(json.dumps(ledger))["muscles"][0]["points"].keys() == set(WEIGHTS["calves"])


def test_a_monthly_range_groups_by_month(rosa_log):
    ledger = leg_ledger(read_rows(rosa_log, None, TODAY), "month")
    assert ledger["periods"] == ["2026-11-01"]
    assert muscle(ledger, "hamstrings")["total"] == [13.9]


def test_an_empty_log_has_no_data(guide, other_runner):
    ledger = ledger_for(other_runner)
    assert not ledger["has_data"]
    assert all(m["range_total"] == 0 for m in ledger["muscles"])


def test_muscle_month_compares_the_last_30_days_with_the_30_before(rosa_log):
    RunFactory(user=rosa_log, date=days_ago(TODAY, 46), duration_s=6000)
    LegMeasurementFactory(
        user=rosa_log, date=days_ago(TODAY, 55), thigh_left_cm=54.8, thigh_right_cm=54.5
    )
    month = muscle_month(rosa_log, Muscle.objects.get(slug="hamstrings"), TODAY)
    assert month["current"]["start"] == "2026-10-27"
    assert month["current"]["minutes"] == {
        "hard_running": 50,
        "easy_running": 90,
        "hills": 30,
        "cycling": 60,
    }
    # 5.0 + 90 × 0.02 + 1.5 + 3 + 2 + 0.6; before: 100 easy minutes × 0.02.
    assert month["current"]["total"] == 13.9
    assert month["previous"]["total"] == 2.0
    assert month["change"] == 11.9
    # Against 54.8 / 54.5 from 55 days ago: 55.6 − 54.8 and 54.6 − 54.5.
    assert month["girth_change_cm"] == {"left": 0.8, "right": 0.1}


def test_muscle_month_compares_within_the_month_when_nothing_came_before(rosa_log):
    month = muscle_month(rosa_log, Muscle.objects.get(slug="calves"), TODAY)
    # 37.3 − 37.0 and 37.0 − 37.2, both inside the 30 days.
    assert month["girth_change_cm"] == {"left": 0.3, "right": -0.2}
    assert month["current"]["sets"] == {"strength_primary": 0, "strength_assisting": 7}


def test_muscle_month_costs_a_fixed_number_of_queries(rosa_log, django_assert_num_queries):
    hamstrings = Muscle.objects.get(slug="hamstrings")
    # The day-by-day UNION, the sets, their exercises' muscles and the measurements.
    with django_assert_num_queries(4):
        muscle_month(rosa_log, hamstrings, TODAY, weights=WEIGHTS["hamstrings"])
    # Without the weights: one more.
    with django_assert_num_queries(5):
        muscle_month(rosa_log, hamstrings, TODAY)
