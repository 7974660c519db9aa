"""Guards on the submitters of a case: who joins it, which one a step names, withholding a
name, and leaving a submission the others go on with (``submitter_left``, ours:
docs/registry-extensions.md; walk 141: any co-filer, one who joined by adhesion too, could
only withdraw the submission for everyone)."""

from django.utils.translation import gettext as _

from submissions.stages import Stage
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


def submitters_given(ctx):
    submitters = ctx.data.get("submitters")
    if not isinstance(submitters, list) or not submitters:
        raise RuleViolation(_("Name at least one joining submitter."), rule="submitters")
    for item in submitters:
        if (
            not isinstance(item, dict)
            or not item.get("name")
            or item.get("kind") not in ("individual", "organization")
        ):
            raise RuleViolation(_("Each submitter needs a name and a kind."), rule="submitters")


def submitter_index_valid(ctx):
    index = ctx.data.get("submitter")
    if not isinstance(index, int) or not 0 <= index < ctx.submitter_count():
        raise RuleViolation(_("No such submitter on this case."), rule="submitter index")


def submitter_index_if_given(ctx):
    """A step a submitter took from a private link (a withdrawal, information, a revision)
    names the co-filer who took it, when it does, by a valid index: not one who left the
    submission (whose link ended; nor recorded for them from a letter or an import)."""
    if "submitter" in ctx.data:
        submitter_index_valid(ctx)
        if ctx.data["submitter"] in cofilers.left(ctx.facts):
            raise RuleViolation(
                _("This submitter has left the submission: no step is recorded for them."),
                rule="leaving",
            )


@before_input
def someone_to_withhold(ctx):
    """Walk 23: withholding was offered for a submitter already withheld (a second event,
    saying nothing new) and on a case closed before it ever reached the public docket. An
    imported history keeps what its registry recorded."""
    if ctx.importing:
        return
    if ctx.submission.stage == Stage.CLOSED and ctx.submission.registered_on is None:
        raise RuleViolation(
            _("This submission never reached the public docket: no identity is shown there."),
            rule="withholding",
        )
    if all(m.submitter.confidential for m in _memberships(ctx)):
        raise RuleViolation(
            _("Every submitter's identity is already withheld from the public."),
            rule="withholding",
        )


def not_withheld_already(ctx):
    index = ctx.data.get("submitter")
    members = _memberships(ctx)
    if (
        not ctx.importing
        and isinstance(index, int)
        and 0 <= index < len(members)
        and members[index].submitter.confidential
    ):
        raise RuleViolation(
            _("This submitter's identity is already withheld from the public."),
            rule="withholding",
        )


def _memberships(ctx) -> list:
    return list(ctx.submission.memberships.select_related("submitter").order_by("position", "id"))
