"""Each runner's sets, weighted sets, heaviest weight, most reps and 1RM record days per
exercise (LiftHistory), filled in from the sets already logged. Epley and the record rule are
copied from tracker/metrics.py so this migration never changes."""

from itertools import groupby

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

EPLEY_MAX_REPS = 10


def e1rm(weight_kg, reps):
    """None for a body-weight set or one of more than EPLEY_MAX_REPS reps."""
    if weight_kg <= 0 or reps > EPLEY_MAX_REPS:
        return None
    return weight_kg if reps == 1 else weight_kg * (1.0 + reps / 30.0)


def fill_in(apps, schema_editor):
    StrengthSet = apps.get_model("tracker", "StrengthSet")
    LiftHistory = apps.get_model("tracker", "LiftHistory")
    sets = StrengthSet.objects.order_by(
        "session__user_id", "exercise_id", "session__date"
    ).values_list("session__user_id", "exercise_id", "session__date", "reps", "weight_kg")
    histories = []
    for (user_id, exercise_id), rows in groupby(sets.iterator(), lambda row: row[:2]):
        rows = list(rows)
        record, record_days = None, []
        for day, day_rows in groupby(rows, lambda row: row[2]):
            bests = [e for *_, reps, weight in day_rows if (e := e1rm(weight, reps)) is not None]
            if bests and (record is None or max(bests) > record + 1e-9):
                record = max(bests)
                record_days.append([day.isoformat(), record])
        histories.append(
            LiftHistory(
                user_id=user_id,
                exercise_id=exercise_id,
                sets=len(rows),
                weighted_sets=sum(1 for *_, reps, weight in rows if e1rm(weight, reps)),
                heaviest_kg=max(weight for *_, weight in rows),
                most_reps=max(reps for *_, reps, _ in rows),
                record_days=record_days,
            )
        )
    LiftHistory.objects.bulk_create(histories, batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("knowledge", "0004_stimulus_weights"),
        ("tracker", "0013_strength_durations_from_sets"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="LiftHistory",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("sets", models.PositiveIntegerField()),
                (
                    "weighted_sets",
                    models.PositiveIntegerField(
                        help_text="Sets with a weight and at most 10 reps."
                    ),
                ),
                (
                    "heaviest_kg",
                    models.FloatField(help_text="0 when every set was at body weight."),
                ),
                ("most_reps", models.PositiveIntegerField()),
                ("record_days", models.JSONField(blank=True, default=list)),
                (
                    "exercise",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="knowledge.exercise",
                    ),
                ),
                (
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="lift_histories",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name_plural": "lift histories",
                "constraints": [
                    models.UniqueConstraint(fields=("user", "exercise"), name="lift_history_once")
                ],
            },
        ),
        migrations.RunPython(fill_in, migrations.RunPython.noop),
    ]
