"""The docket's two orders (newest filed, last updated) as partial indexes over public cases, so
a page of 20 is read in order instead of sorting every case. PostgreSQL only (SQLite's docket
is small)."""

from django.db import migrations

INDEXES = {
    "sem_docket_newest": "(filed_on DESC, id DESC)",
    "sem_docket_updated": "(last_event_on DESC, id DESC)",
}


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, columns in INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON submissions_submission {columns} "
            "WHERE registered_on IS NOT NULL"
        )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("submissions", "0006_docket_search")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
