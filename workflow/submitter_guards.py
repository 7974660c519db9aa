"""Guards on a submitter's leaving a submission the others go on with (``submitter_left``,
ours: docs/registry-extensions.md). Walk 141: any co-filer, one who joined by adhesion too,
could only withdraw the submission for everyone."""

from django.utils.translation import gettext as _

from workflow import cofilers
from workflow.exceptions import RuleViolation
from workflow.rule import before_input


@before_input
def another_submitter_stays(ctx):
    """One leaves only a submission someone else still pursues: the last withdraws it."""
    if ctx.submitter_count() - len(cofilers.left(ctx.facts)) < 2:
        raise RuleViolation(
            _("No other submitter goes on with this submission: withdraw it instead."),
            rule="leaving",
        )


def not_left_already(ctx):
    if ctx.data.get("submitter") in cofilers.left(ctx.facts):
        raise RuleViolation(_("This submitter has already left the submission."), rule="leaving")
