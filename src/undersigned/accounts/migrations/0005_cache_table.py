from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    # The database cache (the default without REDIS_URL) keeps its rows in a table of its
    # own; `createcachetable` does nothing when it exists or no cache uses the database.
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0004_audit_subject")]

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
