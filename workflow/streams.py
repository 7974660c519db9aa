"""Rows of many cases read as a few streamed queries, in step with the cases (the history
check, ``workflow.chain.verify_all``: a handful of queries for the whole installation)."""

CHUNK = 5000

# The columns the history check streams (chain.verify_all).
FILER = ("submitter__name", "submitter__kind", "submitter__nationality", "submitter__residence")
EVENT_FIELDS = (
    "submission_id",
    "id",
    "seq",
    "kind",
    "on",
    "recorded_at",
    "recorded_by_id",
    "author",
    "stage_before",
    "stage_after",
    "data",
    "visibility",
    "code",
    "title",
    "note",
    "proposal_id",
    "prev_hash",
    "hash",
    "key_id",
)
DOCUMENT_FIELDS = (
    "submission_id",
    "id",
    "event_id",
    "position",
    "language",
    "title",
    "kind",
    "initial_visibility",
    "visibility",
    "translation_of_id",
    "official_translation",
    "redacted_version_of_id",
    "sha256",
    "size",
    "file",
)


def by_case(queryset, fields):
    """Stream rows as dicts, grouped by case: (submission_id, [rows])."""
    current, rows = None, []
    for values in queryset.values_list(*fields).iterator(chunk_size=CHUNK):
        row = dict(zip(fields, values, strict=True))
        if row["submission_id"] != current:
            if rows:
                yield current, rows
            current, rows = row["submission_id"], []
        rows.append(row)
    if rows:
        yield current, rows


class Stream:
    """One streamed, case-ordered query, read in step with the cases."""

    def __init__(self, groups):
        self.groups, self.head = groups, next(groups, None)

    def take(self, submission_id) -> list:
        while self.head is not None and self.head[0] < submission_id:
            self.head = next(self.groups, None)  # rows of a case not asked about
        if self.head is not None and self.head[0] == submission_id:
            rows, self.head = self.head[1], next(self.groups, None)
            return rows
        return []
