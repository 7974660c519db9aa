"""Full-text search of the public docket on PostgreSQL: the unaccent extension, an immutable
wrapper around it (expression indexes need immutable functions) and GIN indexes on exactly the
expressions submissions/search.py queries. Nothing happens on SQLite, which searches with
icontains instead."""

from django.db import migrations

CREATE = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE OR REPLACE FUNCTION sem_unaccent(text) RETURNS text "
    "LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT "
    "AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$",
]
# The same expressions, character for character, as submissions/search.py builds: PostgreSQL
# uses an expression index only for an identical expression.
INDEXES = {
    "sem_submission_en_fts": (
        "submissions_submission",
        "to_tsvector('english'::regconfig, sem_unaccent(title_en || ' ' || summary_en))",
    ),
    "sem_submission_es_fts": (
        "submissions_submission",
        "to_tsvector('spanish'::regconfig, sem_unaccent(title_es || ' ' || summary_es))",
    ),
    "sem_law_en_fts": (
        "submissions_environmentallaw",
        "to_tsvector('english'::regconfig, sem_unaccent(name || ' ' || provisions))",
    ),
    "sem_law_es_fts": (
        "submissions_environmentallaw",
        "to_tsvector('spanish'::regconfig, sem_unaccent(name || ' ' || provisions))",
    ),
    "sem_document_en_fts": (
        "submissions_document",
        "to_tsvector('english'::regconfig, sem_unaccent(title))",
    ),
    "sem_document_es_fts": (
        "submissions_document",
        "to_tsvector('spanish'::regconfig, sem_unaccent(title))",
    ),
}
INDEX_STATEMENTS = [
    f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin (({expression}))"
    for name, (table, expression) in INDEXES.items()
]
DROP = [f"DROP INDEX IF EXISTS {name}" for name in INDEXES] + [
    "DROP FUNCTION IF EXISTS sem_unaccent(text)"
]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in CREATE + INDEX_STATEMENTS:
        schema_editor.execute(statement)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in DROP:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("submissions", "0005_tidy"),
    ]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
