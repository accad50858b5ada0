"""0013: strength sessions logged before they had a duration get 3 minutes a set."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("tracker", "0012_import_upload_in_storage")]
AFTER = [("tracker", "0013_strength_durations_from_sets")]


@pytest.mark.django_db(transaction=True)
def test_old_sessions_get_a_duration_from_their_sets_and_keep_a_given_one():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    apps = executor.loader.project_state(BEFORE).apps
    User = apps.get_model("auth", "User")
    Exercise = apps.get_model("knowledge", "Exercise")
    Session = apps.get_model("tracker", "StrengthSession")
    Set = apps.get_model("tracker", "StrengthSet")
    user = User.objects.create(username="old-lifter")
    squat = Exercise.objects.create(name="Old squat", slug="old-squat")
    four_sets = Session.objects.create(user=user, date="2025-01-06", effort=7)
    timed = Session.objects.create(user=user, date="2025-01-08", effort=6, duration_s=2400)
    empty = Session.objects.create(user=user, date="2025-01-10")
    for order in range(4):
        Set.objects.create(session=four_sets, exercise=squat, order=order, reps=5, weight_kg=80)
    Set.objects.create(session=timed, exercise=squat, order=0, reps=5, weight_kg=80)

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    apps = executor.loader.project_state(AFTER).apps
    Session = apps.get_model("tracker", "StrengthSession")

    assert Session.objects.get(pk=four_sets.pk).duration_s == 4 * 180
    assert Session.objects.get(pk=timed.pk).duration_s == 2400
    assert Session.objects.get(pk=empty.pk).duration_s is None
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
