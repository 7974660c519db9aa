"""A case's title and summary in French (the CEC's working languages are English, French and
Spanish: submissions.profiles), and on PostgreSQL their French search vector and the French
indexes of laws and document titles, as migration 0006 made the English and Spanish ones."""

from django.db import migrations, models

COLUMN = (
    "ALTER TABLE submissions_submission ADD COLUMN IF NOT EXISTS sem_search_fr tsvector "
    "GENERATED ALWAYS AS (to_tsvector('french'::regconfig, sem_unaccent(title_fr || ' ' || "
    "summary_fr))) STORED"
)
INDEXES = {
    "sem_submission_fr_fts": ("submissions_submission", "sem_search_fr"),
    "sem_law_fr_fts": (
        "submissions_environmentallaw",
        "to_tsvector('french'::regconfig, sem_unaccent(name || ' ' || provisions))",
    ),
    "sem_document_fr_fts": (
        "submissions_document",
        "to_tsvector('french'::regconfig, sem_unaccent(title))",
    ),
}


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(COLUMN)
    for name, (table, expression) in INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin (({expression}))"
        )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")
    schema_editor.execute("ALTER TABLE submissions_submission DROP COLUMN IF EXISTS sem_search_fr")


class Migration(migrations.Migration):

    dependencies = [
        ('submissions', '0013_choices_read_from_the_profile'),
    ]

    operations = [
        migrations.AddField(
            model_name='historicalsubmission',
            name='summary_fr',
            field=models.TextField(blank=True, verbose_name='summary in French'),
        ),
        migrations.AddField(
            model_name='historicalsubmission',
            name='title_fr',
            field=models.CharField(blank=True, max_length=500, verbose_name='title in French'),
        ),
        migrations.AddField(
            model_name='submission',
            name='summary_fr',
            field=models.TextField(blank=True, verbose_name='summary in French'),
        ),
        migrations.AddField(
            model_name='submission',
            name='title_fr',
            field=models.CharField(blank=True, max_length=500, verbose_name='title in French'),
        ),
        migrations.RunPython(forwards, backwards, elidable=False),
    ]
