"""A docket of 100,000 cases in a minute: copies of the imported ones, made in SQL.

Importing through the registry importer (every event through the transition table, every hash
chained) runs at a few hundred events a second: fine for 10,000 cases, an hour for 100,000. The
public pages only read what is stored, so ``grow_to(total)`` copies the cases already imported
(their submitters, memberships, laws, events and deadlines) with ``INSERT … SELECT``, each copy
under its own identifiers (``BENCH2/PE/0001/2019``, slug ``bench2-pe-0001-2019``) until the
docket holds ``total`` cases. The copies' chains are not re-made: ``verify_history`` is measured
before, on imported cases only.
"""

from django.db import connection, transaction

from submissions.models import Submission, SubmissionLaw, SubmissionSubmitter, Submitter
from workflow.models import Deadline, Event

# Models copied, parents first; each foreign key to one of them follows its copy.
COPIED = [Submission, Submitter, SubmissionSubmitter, SubmissionLaw, Event, Deadline]
# Columns that must stay unique, and what a copy ``k`` puts there.
UNIQUE = {
    (Submission, "identifier"): "'BENCH' || {k} || substr(identifier, 6)",
    (Submission, "slug"): "'bench' || {k} || substr(slug, 6)",
    (Submission, "receipt_number"): "left(receipt_number, 14) || '-' || {k}",
    (SubmissionSubmitter, "tracking_token"): "md5(random()::text) || {k}",
}


def _max_ids() -> dict:
    with connection.cursor() as cursor:
        found = {}
        for model in COPIED:
            cursor.execute(f"SELECT coalesce(max(id), 0) FROM {model._meta.db_table}")  # noqa: S608
            found[model] = cursor.fetchone()[0]
    return found


def _select(model, k: int, top: dict) -> str:
    expressions = []
    for field in model._meta.concrete_fields:
        column = connection.ops.quote_name(field.column)
        target = field.related_model if field.is_relation else None
        if field.primary_key:
            expressions.append(f"{column} + {k * top[model]}")
        elif target in top:
            expressions.append(f"{column} + {k * top[target]}")
        elif (model, field.name) in UNIQUE:
            expressions.append(UNIQUE[model, field.name].format(k=k + 1))
        else:
            expressions.append(column)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in model._meta.concrete_fields)
    table = model._meta.db_table
    return (
        f"INSERT INTO {table} ({columns}) SELECT {', '.join(expressions)} "  # noqa: S608
        f"FROM {table} WHERE id <= {top[model]}"
    )


def grow_to(total: int) -> int:
    """Copy the imported cases until the docket holds at least ``total`` (whole copies);
    returns the count reached."""
    have = Submission.objects.count()
    if have >= total:
        return have
    top = _max_ids()
    copies = -(-total // have) - 1
    with transaction.atomic(), connection.cursor() as cursor:
        for k in range(1, copies + 1):
            for model in COPIED:
                cursor.execute(_select(model, k, top))
        for model in COPIED:
            table = model._meta.db_table
            sql = f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"  # noqa: E501, S608 (our own table names)
            cursor.execute(sql)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return Submission.objects.count()
