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

from collections import defaultdict

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


class Seals:
    """The history rows of the cases ``cases`` (a query of their keys) that do not match
    their seal, by case: a query per table for all the cases."""

    def __init__(self, cases):
        self.found = defaultdict(list)
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
        return [problem(None, describe(*found)) for found in self.found.get(submission.pk, ())]


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
