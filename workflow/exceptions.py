"""Domain errors of the workflow. Every message is translated; views show it as it is."""

from django.utils.translation import gettext_lazy as _


class WorkflowError(Exception):
    """Base class: a transition that cannot be recorded, with a message for a person."""

    default_message = _("This action cannot be recorded.")

    def __init__(self, message=None, *, rule: str = ""):
        self.message = message or self.default_message
        self.rule = rule
        super().__init__(str(self.message))

    def __str__(self):
        return str(self.message)


class RuleViolation(WorkflowError):
    """The transition table or one of its conditions forbids this event now."""


class CaseMovedOn(RuleViolation):
    """Someone else changed the case first (a concurrent attempt, or a stale page)."""

    default_message = _(
        "This case has moved on since you opened it: an action was recorded on it meanwhile, "
        "by someone else or in another window. Reload the page to see its current state."
    )


class NotAllowed(WorkflowError):
    """The actor may see the case but may not record this event."""

    default_message = _("You are not allowed to record this action on this case.")


class InvalidInput(WorkflowError):
    """Missing or malformed data for the event."""
