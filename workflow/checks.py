"""The check of every case's history, kept (``ChainCheck``): run each night by the beat and by
``manage.py verify_history``. The workspace's queue warns while the last check found a case
whose history does not verify; each case page checks its own case when it is opened."""

from django.utils.translation import gettext as _

from workflow.chain import verify_all
from workflow.chain_seals import elsewhere
from workflow.models import ChainCheck


def record(check_files: bool = True, seals: bool = False) -> ChainCheck:
    """Check every case (its chain, its state, with ``check_files`` its stored files, with
    ``seals`` every row history row's seal: ``workflow.chain_seals``) and keep the result."""
    checked, broken = 0, []
    for submission, problems in verify_all(check_files=check_files, seals=seals):
        checked += 1
        if problems:
            broken.append(
                {
                    "submission": submission.pk,
                    "reference": submission.reference,
                    # In the installation's language (the pages name the case and link its
                    # audit page, which says what is wrong in the reader's).
                    "problems": [f"{problem.where}: {problem.message}" for problem in problems],
                }
            )
    # The row history of no one case (accounts, Parties, calendars, notices): named apart.
    outside_cases = elsewhere() if seals else []
    if outside_cases:
        broken.append(
            {"submission": None, "reference": _("row history"), "problems": outside_cases}
        )
    return ChainCheck.objects.create(checked=checked, broken=broken)


def latest() -> ChainCheck | None:
    return ChainCheck.objects.first()
