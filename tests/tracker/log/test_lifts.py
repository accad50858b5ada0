"""Each runner's lift histories (weighted sets and 1RM record days per exercise) follow every
way the log's sets change: the strength form and its delete page, the API, the admin,
restoring an export, seed_demo, deleting the account, and the migration that fills them in."""

import datetime
from io import StringIO
from itertools import groupby

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from rest_framework.test import APIClient

from api.models import ApiToken
from tests.factories import PASSWORD, UserFactory
from tests.tracker.factories import StrengthSessionFactory, StrengthSetFactory
from tests.tracker.log.test_strength_views import session_data
from tracker import metrics
from tracker.log.models import LiftHistory, StrengthSession, StrengthSet
from tracker.transfer import exports
from tracker.transfer.imports import import_files

MONDAY = datetime.date(2025, 3, 10)


def stored(user) -> dict:
    return {
        h.exercise_id: (h.sets, h.weighted_sets, h.heaviest_kg, h.most_reps, h.record_days)
        for h in LiftHistory.objects.filter(user=user)
    }


def from_scratch(user) -> dict:
    """The histories worked out here, set by set in Python, not by tracker/log/lifts.py."""
    rows = sorted(
        (s.exercise_id, s.session.date, s.reps, s.weight_kg)
        for s in StrengthSet.objects.filter(session__user=user).select_related("session")
    )
    histories = {}
    for exercise_id, sets in groupby(rows, lambda r: r[0]):
        sets = list(sets)
        e1rms = [(d, e) for _, d, r, w in sets if (e := metrics.epley_e1rm_kg(w, r)) is not None]
        record, record_days = None, []
        for day in sorted({d for d, _ in e1rms}):
            best = max(e for d, e in e1rms if d == day)
            if record is None or best > record + 1e-9:
                record = best
                record_days.append([day.isoformat(), pytest.approx(best)])
        histories[exercise_id] = (
            len(sets),
            len(e1rms),
            max(w for *_, w in sets),
            max(r for _, _, r, _ in sets),
            record_days,
        )
    return histories


def weighted(user, exercise) -> int:
    return stored(user)[exercise.pk][1]


def records(user, exercise) -> list:
    return stored(user)[exercise.pk][4]


@pytest.fixture
def history(runner, squat, deadlift):
    """Three sessions over two weeks: squat records on the 3rd and 10th, a deadlift on the 10th."""
    for day, squat_kg in ((MONDAY - datetime.timedelta(days=7), 100), (MONDAY, 110)):
        session = StrengthSessionFactory(user=runner, date=day)
        StrengthSetFactory(session=session, exercise=squat, reps=5, weight_kg=squat_kg)
    later = StrengthSessionFactory(user=runner, date=MONDAY + datetime.timedelta(days=2))
    StrengthSetFactory(session=later, exercise=squat, reps=5, weight_kg=105)
    StrengthSetFactory(session=later, exercise=deadlift, reps=3, weight_kg=140, order=1)
    StrengthSetFactory(session=later, exercise=deadlift, reps=12, weight_kg=60, order=2)
    return later


def test_the_history_counts_weighted_sets_and_keeps_the_days_that_beat_every_earlier_one(
    runner, squat, deadlift, history
):
    assert stored(runner) == {
        squat.pk: (
            3,
            3,
            110.0,
            5,
            [
                ["2025-03-03", pytest.approx(116.667, abs=1e-3)],
                ["2025-03-10", pytest.approx(128.333, abs=1e-3)],
            ],
        ),
        # 12 reps is beyond Epley's range: a set, not a weighted set for the 1RM.
        deadlift.pk: (2, 1, 140.0, 12, [["2025-03-12", pytest.approx(154.0)]]),
    }
    assert stored(runner) == from_scratch(runner)


def test_the_form_keeps_the_history_when_a_session_is_added_edited_and_deleted(
    signed_in, runner, squat, deadlift, history
):
    earlier = MONDAY - datetime.timedelta(days=30)
    response = signed_in.post(
        "/log/strength/new/",
        session_data([{"exercise": squat.pk, "reps": 1, "weight": 150}], date=earlier),
    )
    assert response.status_code == 302
    assert records(runner, squat)[0] == ["2025-02-08", 150.0]
    assert stored(runner) == from_scratch(runner)

    # The deadlift session moves a week on and its squat becomes a deadlift.
    sets = list(history.sets.order_by("order"))
    edit = session_data(
        [
            {"id": sets[0].pk, "exercise": deadlift.pk, "reps": 5, "weight": 150},
            {"id": sets[1].pk, "exercise": deadlift.pk, "reps": 3, "weight": 140},
            {"id": sets[2].pk, "exercise": deadlift.pk, "reps": 12, "weight": 60, "DELETE": "on"},
        ],
        initial=3,
        date=MONDAY + datetime.timedelta(days=9),
    )
    response = signed_in.post(f"/log/strength/{history.pk}/edit/", edit)
    assert response.status_code == 302
    assert weighted(runner, deadlift) == 2
    assert weighted(runner, squat) == 3
    assert stored(runner) == from_scratch(runner)

    signed_in.post(f"/log/strength/{history.pk}/delete/")
    assert deadlift.pk not in stored(runner)
    assert stored(runner) == from_scratch(runner)


def test_the_api_keeps_the_history_on_create_replace_patch_and_delete(
    runner, squat, deadlift, history
):
    _, key = ApiToken.create_for(user=runner, name="tests")
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    body = {"date": "2025-03-20", "sets": [{"exercise": squat.pk, "reps": 2, "weight_kg": 130}]}
    created = api.post("/api/v1/strength-sessions/", body, format="json").json()
    assert weighted(runner, squat) == 4
    assert stored(runner) == from_scratch(runner)

    replaced = {
        "date": "2025-03-20",
        "sets": [{"exercise": deadlift.pk, "reps": 1, "weight_kg": 170}],
    }
    api.put(f"/api/v1/strength-sessions/{created['id']}/", replaced, format="json")
    assert weighted(runner, squat) == 3
    assert records(runner, deadlift)[-1] == ["2025-03-20", 170.0]
    assert stored(runner) == from_scratch(runner)

    api.patch(f"/api/v1/strength-sessions/{created['id']}/", {"date": "2025-01-01"}, format="json")
    assert records(runner, deadlift) == [["2025-01-01", 170.0]]
    assert stored(runner) == from_scratch(runner)

    assert api.delete(f"/api/v1/strength-sessions/{created['id']}/").status_code == 204
    assert stored(runner) == from_scratch(runner)
    assert weighted(runner, deadlift) == 1


def test_the_admin_keeps_the_history(client, admin_user, runner, squat, deadlift, history):
    client.force_login(admin_user)
    strength_set = history.sets.get(exercise=squat)
    page = f"/admin/tracker/strengthset/{strength_set.pk}/change/"
    form = {
        "session": history.pk,
        "exercise": deadlift.pk,
        "order": 0,
        "reps": 5,
        "weight_kg": 150,
        "reps_in_reserve": "",
    }
    assert client.post(page, form).status_code == 302
    assert weighted(runner, squat) == 2
    assert stored(runner) == from_scratch(runner)

    # The session moves back a month in its own admin page, its sets (inline) unchanged.
    sets = list(history.sets.order_by("order"))
    session_form = {
        "user": runner.pk,
        "date": "2025-02-12",
        "effort": 6,
        "duration_s": 1800,
        "notes": "",
        "sets-TOTAL_FORMS": len(sets),
        "sets-INITIAL_FORMS": len(sets),
        "sets-MIN_NUM_FORMS": 0,
        "sets-MAX_NUM_FORMS": 1000,
    }
    for index, row in enumerate(sets):
        for name in ("id", "exercise", "order", "reps", "weight_kg"):
            session_form[f"sets-{index}-{name}"] = getattr(row, f"{name}_id", getattr(row, name))
        session_form[f"sets-{index}-session"] = history.pk
        session_form[f"sets-{index}-reps_in_reserve"] = ""
    page = f"/admin/tracker/strengthsession/{history.pk}/change/"
    assert client.post(page, session_form).status_code == 302
    assert records(runner, deadlift)[0][0] == "2025-02-12"
    assert stored(runner) == from_scratch(runner)

    client.post(
        "/admin/tracker/strengthsession/",
        {"action": "delete_selected", "_selected_action": [history.pk], "post": "yes"},
    )
    assert not StrengthSession.objects.filter(pk=history.pk).exists()
    assert deadlift.pk not in stored(runner)
    assert stored(runner) == from_scratch(runner)


def test_a_restored_export_and_a_seeded_log_have_their_histories(runner, history):
    newcomer = UserFactory(username="nina")
    archive = exports.account_export_zip(runner)
    import_files(user=newcomer, files=[("export.zip", archive)])
    assert from_scratch(newcomer)
    assert stored(newcomer) == from_scratch(newcomer)

    call_command("seed_demo", user="demo", years=1, stdout=StringIO())
    demo = StrengthSet.objects.exclude(session__user__in=[runner, newcomer]).first().session.user
    assert len(stored(demo)) >= 2
    assert stored(demo) == from_scratch(demo)


def test_deleting_the_account_deletes_its_histories(signed_in, runner, history):
    assert LiftHistory.objects.filter(user=runner).exists()
    response = signed_in.post("/account/delete/", {"password": PASSWORD})
    assert response.status_code == 302
    assert not LiftHistory.objects.filter(user_id=runner.pk).exists()


BEFORE = [("tracker", "0013_strength_durations_from_sets")]
AFTER = [("tracker", "0014_lift_history")]


@pytest.mark.django_db(transaction=True)
def test_the_migration_fills_in_the_histories_of_sets_already_logged():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    apps = executor.loader.project_state(BEFORE).apps
    User = apps.get_model("auth", "User")
    Exercise = apps.get_model("knowledge", "Exercise")
    Session = apps.get_model("tracker", "StrengthSession")
    Set = apps.get_model("tracker", "StrengthSet")
    user = User.objects.create(username="old-lifter")
    squat = Exercise.objects.create(name="Old squat", slug="old-squat")
    for day, weight in (("2025-01-06", 80), ("2025-01-08", 75), ("2025-01-10", 90)):
        session = Session.objects.create(user=user, date=day)
        Set.objects.create(session=session, exercise=squat, reps=5, weight_kg=weight)
        Set.objects.create(session=session, exercise=squat, reps=15, weight_kg=weight)

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    apps = executor.loader.project_state(AFTER).apps
    history = apps.get_model("tracker", "LiftHistory").objects.get(user_id=user.pk)
    assert (history.sets, history.weighted_sets, history.heaviest_kg, history.most_reps) == (
        6,
        3,
        90,
        15,
    )
    assert history.record_days == [
        ["2025-01-06", pytest.approx(80 * (1 + 5 / 30))],
        ["2025-01-10", pytest.approx(90 * (1 + 5 / 30))],
    ]
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.parametrize("how", ["delete page", "delete action"])
@pytest.mark.parametrize("model", ["strengthset", "strengthsession"])
def test_deleting_in_the_admin_keeps_the_history(
    client, admin_user, runner, deadlift, history, model, how
):
    client.force_login(admin_user)
    pk = history.pk if model == "strengthsession" else history.sets.get(reps=3).pk
    if how == "delete page":
        response = client.post(f"/admin/tracker/{model}/{pk}/delete/", {"post": "yes"})
    else:
        action = {"action": "delete_selected", "_selected_action": [pk], "post": "yes"}
        response = client.post(f"/admin/tracker/{model}/", action)
    assert response.status_code == 302
    if model == "strengthset":  # its 12-rep set is left, weighed for no 1RM
        assert stored(runner)[deadlift.pk] == (1, 0, 60.0, 12, [])
    else:
        assert deadlift.pk not in stored(runner)
    assert stored(runner) == from_scratch(runner)


def test_the_best_before_a_day_is_the_last_record_before_it():
    days = metrics.record_days(
        (datetime.date(2025, 3, day), best) for day, best in ((3, 100.0), (5, 90.0), (7, 110.0))
    )
    assert days == [["2025-03-03", 100.0], ["2025-03-07", 110.0]]
    assert metrics.best_before(days, datetime.date(2025, 3, 3)) is None
    assert metrics.best_before(days, datetime.date(2025, 3, 7)) == 100.0
    assert metrics.best_before(days, datetime.date(2025, 3, 8)) == 110.0
