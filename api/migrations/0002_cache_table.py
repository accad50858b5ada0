"""The database cache's table (settings.CACHES: throttle counts, lockouts and limits are shared
by every worker through it), created by `migrate` so no install needs a separate
`createcachetable`. Nothing happens when CACHES names Redis."""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("api", "0001_initial")]

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
