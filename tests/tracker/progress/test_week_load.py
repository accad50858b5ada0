"""The whole training week in one load: runs, strength and cross-training stacked; fitness,
fatigue and form; monotony and strain; heavy leg sessions next to hard runs. Expected numbers
are worked out by hand in the comments."""

import datetime

import pytest
from django.urls import reverse

from knowledge.models import Exercise, Guideline
from tests.samples import SAMPLES
from tests.tracker.factories import (
    CrossTrainingFactory,
    RunFactory,
    StrengthSessionFactory,
    StrengthSetFactory,
)
from tracker import metrics
from tracker.log.models import StrengthSession, get_profile
from tracker.progress.insights import insights_for
from tracker.transfer.imports import import_files

DATA_URL = reverse("tracker:progress_data")
PAGE_URL = reverse("tracker:progress")


# --- the formulas -------------------------------------------------------------------------


def test_fitness_fatigue_and_form_by_hand():
    fitness, fatigue, form = metrics.fitness_fatigue_form([100.0, 0.0, 0.0])
    # Day 1: 100/42 = 2.381 and 100/7 = 14.286; then each keeps 41/42 and 6/7 of itself.
    assert fitness == pytest.approx([2.380952, 2.324263, 2.268924], abs=1e-6)
    assert fatigue == pytest.approx([14.285714, 12.244898, 10.495627], abs=1e-6)
    assert form == pytest.approx([-11.904762, -9.920635, -8.226703], abs=1e-6)


def test_monotony_and_strain_by_hand():
    # Three days of 60 and four rest days: mean 180/7, population SD √(p(1−p))·60 with
    # p = 3/7, so monotony = √(3/4) = 0.8660 and strain = 180 × 0.8660 = 155.88.
    monotony, strain = metrics.monotony_and_strain([60, 0, 60, 0, 60, 0, 0])
    assert monotony == pytest.approx(0.866025, abs=1e-6)
    assert strain == pytest.approx(155.885, abs=1e-3)
    assert metrics.monotony_and_strain([0] * 7) == (None, 0.0)


# --- the load chart -----------------------------------------------------------------------


def test_the_load_chart_stacks_runs_strength_and_cross_training(signed_in, runner):
    today = get_profile(runner).today()
    RunFactory(user=runner, date=today, effort=5, duration_s=3600)  # 5 × 60 = 300
    StrengthSessionFactory(user=runner, date=today, effort=6, duration_s=1800)  # 6 × 30 = 180
    CrossTrainingFactory(user=runner, date=today, effort=4, duration_s=3600)  # 4 × 60 = 240

    load = signed_in.get(DATA_URL, {"range": "4w"}).json()["charts"]["training_load"]

    assert load["dates"][-1] == today.isoformat()
    assert load["load"][-1] == 720
    assert {kind["kind"]: kind["load"][-1] for kind in load["kinds"]} == {
        "run": 300,
        "strength": 180,
        "cross_training": 240,
    }
    assert load["acute_7d"][-1] == 720


def test_weekly_bars_hold_each_kind_of_the_week(signed_in, runner):
    today = get_profile(runner).today()
    monday = today - datetime.timedelta(days=today.weekday())
    last_sunday = monday - datetime.timedelta(days=1)
    RunFactory(user=runner, date=last_sunday, effort=5, duration_s=3600)  # last week: 300
    StrengthSessionFactory(user=runner, date=monday, effort=8, duration_s=2700)  # 8 × 45 = 360

    load = signed_in.get(DATA_URL, {"range": "all"}).json()["charts"]["training_load"]
    by_kind = {kind["kind"]: kind["load"] for kind in load["kinds"]}

    # The bar ending last Sunday holds the run; the current week (ending today) the session.
    assert load["dates"][-2] == last_sunday.isoformat()
    assert (by_kind["run"][-2], by_kind["strength"][-2]) == (300, 0)
    assert (by_kind["run"][-1], by_kind["strength"][-1]) == (0, 360)


def test_fitness_chart_and_strain_chart_from_the_endpoint(signed_in, runner):
    today = get_profile(runner).today()
    RunFactory(user=runner, date=today, effort=10, duration_s=600)  # 10 × 10 = 100

    charts = signed_in.get(DATA_URL, {"range": "4w"}).json()["charts"]
    fitness = charts["fitness"]

    # A single day of 100 load: as in the by-hand test above.
    assert fitness["dates"][-1] == today.isoformat()
    assert fitness["fitness"][-1] == 2.4
    assert fitness["fatigue"][-1] == 14.3
    assert fitness["form"][-1] == -11.9
    assert fitness["form_pct"][-1] == -500.0  # −11.905 / 2.381
    strain = charts["weekly_strain"]
    # One day of 100 in 7: mean 100/7, SD √(6)·100/7, monotony 1/√6 = 0.41, strain 41.
    assert strain["dates"][-1] == today.isoformat()
    assert strain["monotony"][-1] == 0.41
    assert strain["strain"][-1] == 41
    assert strain["load_7d"][-1] == 100


def test_an_admin_edit_of_a_form_band_changes_the_page(client, runner, guide, admin_client):
    band = Guideline.objects.get(key="form_training_pct")
    client.force_login(runner)
    RunFactory(user=runner, effort=5)
    assert client.get(DATA_URL).json()["guidelines"]["form_training_pct"]["maximum"] == 30

    change = reverse("admin:knowledge_guideline_change", args=[band.pk])
    form = admin_client.get(change).context["adminform"].form
    data = {name: form[name].value() for name in form.fields}
    data = {name: "" if value is None else value for name, value in data.items()}
    data.update(minimum=15, maximum=35)
    response = admin_client.post(change, data)
    assert response.status_code == 302, response.context["adminform"].form.errors

    band.refresh_from_db()
    expected = {
        "minimum": 15.0,
        "maximum": 35.0,
        "article_url": "/guide/overtraining-and-recovery/",
        "article_title": band.article.title,
    }
    assert client.get(DATA_URL).json()["guidelines"]["form_training_pct"] == expected
    page = client.get(PAGE_URL).content.decode()
    assert '"form_training_pct": {"minimum": 15.0, "maximum": 35.0' in page  # the script's


def test_each_chart_links_to_the_article_that_explains_it(signed_in, guide):
    page = signed_in.get(PAGE_URL).content.decode()

    assert 'href="/guide/overtraining-and-recovery/#fitness-fatigue-form"' in page
    assert 'href="/guide/overtraining-and-recovery/#monotony-and-strain"' in page
    assert page.count(">In the guide<") == 9


# --- a log from files ---------------------------------------------------------------------


def test_imported_runs_and_rides_and_typed_strength_all_count(signed_in, runner, guide):
    """No typed effort anywhere: the watch's heart rate gives the runs and the ride a load,
    and a strength session typed without a duration gets one from its sets."""
    export = SAMPLES / "exports" / "garmin-connect-export-3-files.zip"
    report = import_files(user=runner, files=[(export.name, export.read_bytes())])
    assert report.runs
    assert report.cross_training
    squat = Exercise.objects.guide().get(slug="squat")
    today = get_profile(runner).today()
    response = signed_in.post(
        reverse("tracker:strength_create"),
        {
            "date": today.isoformat(),
            "effort": "7",
            "duration": "",
            "notes": "",
            "sets-TOTAL_FORMS": "3",
            "sets-INITIAL_FORMS": "0",
            "sets-MIN_NUM_FORMS": "1",
            "sets-MAX_NUM_FORMS": "50",
            **{
                f"sets-{n}-{field}": value
                for n in range(3)
                for field, value in (("exercise", squat.pk), ("reps", 5), ("weight", 80))
            },
        },
    )
    assert response.status_code == 302
    session = StrengthSession.objects.for_user(runner).get()
    assert session.duration_s == 3 * 180  # three sets, 3 minutes each
    assert session.session_load == 7 * 9  # effort 7 × 9 minutes

    load = signed_in.get(DATA_URL, {"range": "all"}).json()["charts"]["training_load"]

    kinds = {kind["kind"]: sum(kind["load"]) for kind in load["kinds"]}
    assert set(kinds) == {"run", "strength", "cross_training"}
    assert all(total > 0 for total in kinds.values())


# --- insights -----------------------------------------------------------------------------


def heavy_leg_session(runner, day, sets=6, effort=8):
    session = StrengthSessionFactory(user=runner, date=day, effort=effort, duration_s=3600)
    for _ in range(sets):
        StrengthSetFactory(session=session)  # the factory's exercise works the quadriceps
    return session


def test_a_heavy_leg_session_the_day_before_a_hard_run_is_flagged_with_dates(runner, guide):
    today = get_profile(runner).today()
    yesterday = today - datetime.timedelta(days=1)
    heavy_leg_session(runner, yesterday)
    RunFactory(user=runner, date=today, run_type="intervals", duration_s=2400)

    found = {i.key: i for i in insights_for(runner)}

    insight = found["leg_session_near_hard_run"]
    assert insight.numbers["pairs"] == [
        {"strength": yesterday.isoformat(), "hard_run": today.isoformat()}
    ]
    assert "the day before a hard run" in insight.message
    assert insight.article_url == "/guide/leg-day-or-run/"


def test_a_light_session_or_an_easy_run_next_to_each_other_is_not_flagged(runner, guide):
    today = get_profile(runner).today()
    heavy_leg_session(runner, today, sets=3)  # too few leg sets
    RunFactory(user=runner, date=today, run_type="intervals", duration_s=2400)
    heavy_leg_session(runner, today - datetime.timedelta(days=5))
    RunFactory(user=runner, date=today - datetime.timedelta(days=4), run_type="easy")
    heavy_leg_session(runner, today - datetime.timedelta(days=9), effort=4)  # not heavy
    RunFactory(user=runner, date=today - datetime.timedelta(days=9), run_type="tempo")

    assert "leg_session_near_hard_run" not in {i.key for i in insights_for(runner)}


def test_a_week_of_identical_days_is_called_monotonous(runner, guide):
    today = get_profile(runner).today()
    # Six days of 5 × 50 = 250 and one of 4 × 50 = 200: mean 242.86, population SD 17.50,
    # monotony 13.88 (far over 2).
    for back in range(6):
        RunFactory(user=runner, date=today - datetime.timedelta(days=back), effort=5)
    RunFactory(user=runner, date=today - datetime.timedelta(days=6), effort=4)

    found = {i.key: i for i in insights_for(runner)}

    assert found["monotonous_week"].numbers["monotony"] == pytest.approx(13.88, abs=0.01)
