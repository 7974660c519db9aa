"""The guards of a missed target's explanation (``deadline_missed_explained``): PROCESS.md,
Deadlines, "when a target is missed, the Secretariat may record a public reason and a new
target date". Walk 77 "explained" a target with thirty days left, and the docket published
"Missed target explained" beside it. A registry import keeps what the registry recorded."""

import datetime

from django.utils.translation import gettext as _

from submissions.dates import long_date
from workflow.exceptions import RuleViolation
from workflow.models import Deadline
from workflow.periods import KIND_LABELS
from workflow.rule import before_input


def missed(deadline, on: datetime.date) -> bool:
    """Whether a target is missed on ``on``: ended missed, met late, or still open past its
    due date (walk 81: a target met late could not be explained)."""
    return (
        deadline.state == Deadline.State.MISSED
        or (deadline.state == Deadline.State.MET and deadline.late)
        or (deadline.state == Deadline.State.OPEN and deadline.due_on < on)
    )


@before_input
def a_target_is_missed(ctx):
    if not ctx.importing and not any(missed(d, ctx.on) for d in ctx.deadlines.items):
        raise RuleViolation(_("No target of this case has been missed."), rule="no missed target")


def deadline_exists(ctx):
    target = ctx.deadlines.latest(ctx.data.get("deadline"), ctx.data.get("party", ""))
    if target is None:
        raise RuleViolation(_("This case has no deadline of that kind."), rule="deadline")
    new_due = ctx.data.get("new_due_on")
    if new_due:
        try:
            new_due = datetime.date.fromisoformat(new_due)
        except (TypeError, ValueError) as exc:
            raise RuleViolation(
                _("The new target date is not a valid date."), rule="new_due_on"
            ) from exc
    if ctx.importing:
        return
    if not missed(target, ctx.on):
        named = KIND_LABELS.get(target.kind, target.kind)
        if target.state == Deadline.State.OPEN:
            message = _("“%(deadline)s” has not been missed: it is due on %(due_on)s.") % {
                "deadline": named,
                "due_on": long_date(target.due_on),
            }
        else:
            message = _("“%(deadline)s” has not been missed (%(state)s).") % {
                "deadline": named,
                "state": target.get_state_display(),
            }
        raise RuleViolation(message, rule="target not missed")
    if new_due and target.state == Deadline.State.MET:
        raise RuleViolation(
            _("A target met late takes no new date: give the reason alone."),
            rule="new_due_on on a met target",
        )
    if new_due and new_due <= ctx.on:
        raise RuleViolation(
            _("The new target date must be a date still to come."), rule="new_due_on in the past"
        )
