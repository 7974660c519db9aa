"""Which actions an actor may take on a case now: the one answer for pages, portals and the
services."""

from workflow.actors import Actor
from workflow.table import TABLE, EventRule


def available_actions(submission, actor) -> list[EventRule]:
    """The event kinds this actor may record on this case now (for templates and forms):
    allowed in the current stage and by the actor's roles. Conditions that need the
    action's own input (dates, outcomes) are checked when it is recorded."""
    actor = Actor.of(actor)
    roles = actor.table_roles(submission)
    return [
        rule
        for rule in TABLE.values()
        if rule.stages is not None and rule.allowed_in(submission.stage) and roles & rule.roles
    ]


# Re-exported for callers that build document inputs.
