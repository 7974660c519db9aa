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
# Cases carry their two search vectors as stored generated columns (PostgreSQL computes them on
# every write; the model does not declare them): a search that matches most cases then reads
# stored vectors instead of running unaccent and to_tsvector over every row. Laws and document
# titles use expression indexes: the same expressions, character for character, as
# submissions/search.py builds (PostgreSQL uses an expression index only for an identical one).
COLUMNS = {
    "sem_search_en": "to_tsvector('english'::regconfig, sem_unaccent(title_en || ' ' || summary_en))",
    "sem_search_es": "to_tsvector('spanish'::regconfig, sem_unaccent(title_es || ' ' || summary_es))",
}
COLUMN_STATEMENTS = [
    f"ALTER TABLE submissions_submission ADD COLUMN IF NOT EXISTS {name} tsvector "
    f"GENERATED ALWAYS AS ({expression}) STORED"
    for name, expression in COLUMNS.items()
]
INDEXES = {
    "sem_submission_en_fts": ("submissions_submission", "sem_search_en"),
    "sem_submission_es_fts": ("submissions_submission", "sem_search_es"),
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
DROP = (
    [f"DROP INDEX IF EXISTS {name}" for name in INDEXES]
    + [f"ALTER TABLE submissions_submission DROP COLUMN IF EXISTS {name}" for name in COLUMNS]
    + ["DROP FUNCTION IF EXISTS sem_unaccent(text)"]
)


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in CREATE + COLUMN_STATEMENTS + INDEX_STATEMENTS:
        schema_editor.execute(statement)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in DROP:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("submissions", "0004_counter_history"),
    ]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
