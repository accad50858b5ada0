"""Strength sessions logged before they had a duration get the one the form now suggests, so
they count in the training load: 3 minutes a set, rests included (SECONDS_PER_SET in
tracker/log/models/strength.py, copied here so this migration never changes)."""

from django.db import migrations
from django.db.models import Count, Exists, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce

SECONDS_PER_SET = 180


def fill_in(apps, schema_editor):
    StrengthSession = apps.get_model("tracker", "StrengthSession")
    StrengthSet = apps.get_model("tracker", "StrengthSet")
    sets = StrengthSet.objects.filter(session=OuterRef("pk"))
    set_count = Subquery(
        sets.order_by().values("session").annotate(n=Count("pk")).values("n")[:1],
        output_field=IntegerField(),
    )
    StrengthSession.objects.filter(duration_s__isnull=True).filter(Exists(sets)).update(
        duration_s=Coalesce(set_count, 1) * SECONDS_PER_SET
    )


class Migration(migrations.Migration):
    dependencies = [("tracker", "0012_import_upload_in_storage")]

    operations = [migrations.RunPython(fill_in, migrations.RunPython.noop)]
