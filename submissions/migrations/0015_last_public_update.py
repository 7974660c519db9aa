"""The docket's "last update" is the date of the last event that changed what the public sees
(walk 45: it was the date of any event, a proposal only the Secretariat could see included).
``last_public_on`` is filled from the events by workflow 0009; the docket's indexes on the
updated order (0007, 0012: PostgreSQL only) now read it."""

from django.db import migrations, models

OLD = {
    "sem_docket_updated": "(last_event_on DESC, id DESC)",
    "sem_docket_year_updated": "((EXTRACT(YEAR FROM filed_on)), last_event_on DESC, id DESC)",
}
NEW = {name: columns.replace("last_event_on", "last_public_on") for name, columns in OLD.items()}


def _indexes(columns_by_name):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for name, columns in columns_by_name.items():
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")
            schema_editor.execute(
                f"CREATE INDEX {name} ON submissions_submission {columns} "
                "WHERE registered_on IS NOT NULL"
            )

    return run


class Migration(migrations.Migration):
    dependencies = [("submissions", "0014_french_texts")]

    operations = [
        migrations.AddField(
            model_name="submission",
            name="last_public_on",
            field=models.DateField(blank=True, null=True, verbose_name="last update"),
        ),
        migrations.AlterField(
            model_name="submission",
            name="last_event_on",
            field=models.DateField(blank=True, null=True, verbose_name="last event"),
        ),
        migrations.RunPython(_indexes(NEW), _indexes(OLD), elidable=False),
    ]
