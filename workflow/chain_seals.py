"""The row history's seals (``submissions.history``), for the history check.

The check of a case compares its rows with their last history row (``chain_outside``); a
history row rewritten to match a rewritten row would pass it, so every history row of a
case's tables (the case, its events, periods, documents, laws and submitters) must match its
seal. Reading every history row nearly doubles the time of a check of every case, so the
nightly check and ``verify_history --seals`` read them, and the plain ``verify_history`` does
not (``make bench``: within 5 s per 100,000 events); a case's page and its audit page always
do. ``elsewhere`` checks the history of the tables of no one case (accounts, Parties,
identifiers' counters, calendars, deadline lengths); the outbox's (``notices.Notice``) is not
the case's record and is not checked.
"""

import datetime
import hashlib
from collections import defaultdict

from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from submissions.dates import long_date
from submissions.history import ACCOUNT_DELETED, OK, UNKNOWN_KEY, seal_state, sealed_fields
from submissions.models import (
    Document,
    EnvironmentalLaw,
    IdentifierCounter,
    Party,
    Submission,
    SubmissionLaw,
    SubmissionSubmitter,
    Submitter,
    User,
)
from workflow.models import Deadline, DeadlineLength, Event, NonWorkingDay

# A case's own tables, by the column that names the case.
OF_CASE = (
    (Submission, "id"),
    (Event, "submission_id"),
    (Deadline, "submission_id"),
    (Document, "submission_id"),
    (SubmissionLaw, "submission_id"),
    (SubmissionSubmitter, "submission_id"),
)
# Rows a case shares with others, by the table that links them to it.
SHARED = (
    (Submitter, SubmissionSubmitter, "submitter_id"),
    (EnvironmentalLaw, SubmissionLaw, "law_id"),
)
ELSEWHERE = (User, Party, IdentifierCounter, NonWorkingDay, DeadlineLength)


def unsealed(history_model, rows):
    """The rows of a history table that do not match their seal: (values, state)."""
    columns = [f.attname for f in sealed_fields(history_model)] + ["history_seal"]
    for values in rows.values(*columns).iterator(chunk_size=2000):
        state = seal_state(history_model, values)
        if state not in (OK, ACCOUNT_DELETED):
            yield values, state


def describe(model, values, state) -> str:
    moment = timezone.localtime(values["history_date"])
    named = {
        "table": model._meta.verbose_name_plural,
        "date": f"{long_date(moment)}, {moment:%H:%M:%S}",
        "key": values["history_seal"].rsplit(":", 2)[0],
    }
    if state == UNKNOWN_KEY:
        return (
            _(
                "the row history of “%(table)s” holds a row of %(date)s sealed with the key "
                "“%(key)s”, which this installation does not hold"
            )
            % named
        )
    return (
        _(
            "changed outside the application: the row history of “%(table)s” holds a row of "
            "%(date)s that does not match its seal"
        )
        % named
    )


def rows_through(before) -> dict[str, int]:
    """Per table of ``OF_CASE`` (by its label), the newest history row saved by the moment
    ``before``: what a signed statement of chain heads counts (``statements.publish``). The
    moment lies some minutes back, so that a transaction still open while the statement is
    made cannot commit a row it should have counted."""
    through = {}
    for model, _column in OF_CASE:
        top = model.history.filter(history_date__lte=before).aggregate(top=Max("history_id"))
        through[model._meta.label_lower] = top["top"] or 0
    return through


def row_digests(cases, through) -> dict[int, dict]:
    """Per case of ``cases`` (a query of their keys): how many rows its own tables' history
    holds up to ``through`` (``rows_through``) and a SHA-256 over each one's id and moment, in
    table then id order. Once a signed statement holds them, deleting a history row it counted
    (with the row reverted to match what remains: the gap the seals leave) or copying another
    sealed row into a deleted one's id (a seal does not cover the id; it covers the moment)
    contradicts the statement. Sealing the rows again (``submissions.history.seal_rows``)
    leaves the digest as it was."""
    counts, digests = defaultdict(int), defaultdict(hashlib.sha256)
    for model, column in OF_CASE:
        label = model._meta.label_lower
        rows = (
            model.history.filter(**{f"{column}__in": cases})
            .filter(history_id__lte=through.get(label, 0))
            .order_by(column, "history_id")
            .values_list(column, "history_id", "history_date")
        )
        for case_id, history_id, moment in rows.iterator(chunk_size=5000):
            counts[case_id] += 1
            stamp = moment.astimezone(datetime.UTC).isoformat()
            digests[case_id].update(f"{label}:{history_id}:{stamp}\n".encode())
    return {pk: {"count": counts[pk], "digest": digests[pk].hexdigest()} for pk in counts}


def stated_rows(statement, case_ids) -> list[tuple[int, str]]:
    """What contradicts a statement's counts of the row history of the cases ``case_ids``
    (identifier by key): (key, what) for each such case."""
    through, heads = statement.get("rows_through"), statement.get("heads") or {}
    if not through:
        return []  # a statement made before it counted rows
    now = row_digests(list(case_ids), through)
    on = long_date(datetime.date.fromisoformat(statement["date"]))
    found = []
    for pk, ref in case_ids.items():
        stated = (heads.get(ref) or {}).get("rows")
        if not stated:
            continue
        held = now.get(pk, {"count": 0, "digest": ""})
        named = {"date": on, "found": held["count"], "count": stated["count"]}
        if held["count"] < stated["count"]:
            found.append(
                (
                    pk,
                    _(
                        "deleted outside the application: rows of its row history saved "
                        "before the signed statement of %(date)s: %(found)s, where the statement "
                        "counted %(count)s"
                    )
                    % named,
                )
            )
        elif held["digest"] != stated["digest"]:
            found.append(
                (
                    pk,
                    _(
                        "changed outside the application: its row history saved before the "
                        "signed statement of %(date)s differs from what the statement counted"
                    )
                    % named,
                )
            )
    return found


class Seals:
    """The history rows of the cases ``cases`` (a query of their keys) that do not match
    their seal, by case: a query per table for all the cases; and, where the last statement
    stored here counted their rows, what contradicts it (``stated_rows``)."""

    def __init__(self, cases, statement=None):
        self.found = defaultdict(list)
        if statement:
            ids = dict(
                Submission.objects.filter(pk__in=cases)
                .exclude(identifier__isnull=True)
                .values_list("pk", "identifier")
            )
            self.stated = defaultdict(list)
            for pk, what in stated_rows(statement, ids):
                self.stated[pk].append(what)
        else:
            self.stated = {}
        for model, column in OF_CASE:
            rows = model.history.filter(**{f"{column}__in": cases})
            for values, state in unsealed(model.history.model, rows):
                self.found[values[column]].append((model, values, state))
        for model, link, column in SHARED:
            named = link.objects.filter(submission__in=cases)
            rows = model.history.filter(id__in=named.values(column))
            bad = list(unsealed(model.history.model, rows))
            if not bad:
                continue
            cases_of = defaultdict(list)
            for case_id, row_id in named.filter(
                **{f"{column}__in": {values["id"] for values, _state in bad}}
            ).values_list("submission_id", column):
                cases_of[row_id].append(case_id)
            for values, state in bad:
                for case_id in cases_of[values["id"]]:
                    self.found[case_id].append((model, values, state))

    def problems(self, submission, problem) -> list:
        found = [problem(None, describe(*found)) for found in self.found.get(submission.pk, ())]
        return found + [problem(None, what) for what in self.stated.get(submission.pk, ())]


def elsewhere() -> list[str]:
    """What is wrong with the history rows that belong to no case (``ELSEWHERE``; a
    submitter or law no case names)."""
    found = []
    for model in ELSEWHERE:
        found += [
            describe(model, *bad) for bad in unsealed(model.history.model, model.history.all())
        ]
    for model, link, column in SHARED:
        rows = model.history.exclude(id__in=link.objects.values(column))
        found += [describe(model, *bad) for bad in unsealed(model.history.model, rows)]
    return found
