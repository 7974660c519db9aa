"""Which actions an actor may take on a case now: the one answer for pages, portals and the
services. An action offered here is one that ``record_event`` accepts when its own input is
valid: the stage, the actor's roles and every guard that needs no input (``@before_input`` in
``workflow.guards``) are checked before it is offered."""

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _

from submissions.stages import Stage
from workflow import guards
from workflow.actors import Actor
from workflow.exceptions import NotAllowed, RuleViolation, WorkflowError
from workflow.proposal_guards import conflicting_proposal
from workflow.rule import EventRule
from workflow.services.context import Context, today
from workflow.table import PROPOSABLE_KINDS, TABLE, WITHDRAWAL_GOES_ON

# Never offered as an action of its own: a case is filed once, through the filing forms; a
# proposal is made by recording a decision; a return is the Executive Director's answer to a
# proposal, given from the approval list; a legacy registry's unrecorded steps are imported.
NOT_OFFERED = frozenset({"filed", "proposed", "returned", "unrecorded_steps"})


@dataclass(frozen=True)
class Action:
    """An action offered now. ``replaces``: under four eyes, the ``seq`` of the pending
    proposal of the same decision that recording it again replaces (``record_event``'s
    ``replaces``); a decision already proposed is offered only that way."""

    rule: EventRule
    replaces: int | None = None

    @property
    def kind(self) -> str:
        return self.rule.kind

    @property
    def label(self) -> str:
        return self.rule.label


def available_actions(submission, actor, *, context: Context | None = None) -> list[Action]:
    """The actions this actor may take on this case now, in the table's order. Pass the page's
    ``context`` if it has one: the case's history and deadlines are read once."""
    actor = Actor.of(actor)
    ctx = context or Context(submission)
    roles = actor.table_roles(ctx.submission)
    return [
        Action(rule, _replaces(ctx, rule))
        for rule in TABLE.values()
        if rule.kind not in NOT_OFFERED and _refusal(ctx, actor, roles, rule) is None
    ]


def refusal(
    submission, actor, kind: str, *, context: Context | None = None
) -> WorkflowError | None:
    """Why ``actor`` may not take ``kind`` on this case now (``NotAllowed`` when their roles
    never may), or ``None`` when it is offered."""
    rule = TABLE.get(kind)
    if rule is None or kind in NOT_OFFERED:
        return RuleViolation(rule="not offered")
    actor = Actor.of(actor)
    ctx = context or Context(submission)
    return _refusal(ctx, actor, actor.table_roles(ctx.submission), rule)


def _refusal(ctx: Context, actor: Actor, roles: set, rule: EventRule) -> WorkflowError | None:
    stage = ctx.submission.stage
    if not roles & rule.roles:
        return NotAllowed()
    if not rule.allowed_in(stage):
        return RuleViolation(
            _("“%(event)s” cannot be recorded while the case is in “%(stage)s”.")
            % {"event": rule.label, "stage": Stage(stage).label},
            rule=f"{rule.kind} not allowed in {stage}",
        )
    saved = ctx.kind, ctx.data, ctx.on, ctx.author
    ctx.kind, ctx.data, ctx.on = rule.kind, {}, today()
    ctx.author = actor.default_author(ctx.submission)
    try:
        for name in rule.guards:
            guard = getattr(guards, name)
            if getattr(guard, "before_input", False):
                guard(ctx)
    except RuleViolation as error:
        return error
    finally:
        ctx.kind, ctx.data, ctx.on, ctx.author = saved
    if (
        settings.SEM_FOUR_EYES
        and actor.is_secretariat_user
        and rule.kind in PROPOSABLE_KINDS
        and _replaces(ctx, rule) is None
    ):
        # The Secretariat proposes it: not beside a pending proposal that would also move
        # the case (approving one would make the other lapse).
        return conflicting_proposal(ctx, rule.kind)
    return None


def reopening_stage(submission, *, context: Context | None = None) -> str:
    """The one stage a closed case may be reopened to: the stage it was closed from."""
    ctx = context or Context(submission)
    return guards.closed_from(ctx.facts)


def withdrawal_closes(submission) -> bool:
    """Whether a withdrawal recorded now would close the case: only before a Council member
    instructed a factual record (Art. 18.9.2); afterwards the case goes on."""
    return submission.stage not in WITHDRAWAL_GOES_ON


def _replaces(ctx: Context, rule: EventRule) -> int | None:
    if not (rule.decision and settings.SEM_FOUR_EYES):
        return None
    pending = ctx.pending_proposal(rule.kind)
    return pending["seq"] if pending else None
