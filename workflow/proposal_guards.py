"""The guards of four eyes: what an officer may propose to the Executive Director now, and
what answers a proposal (``workflow.guards`` lends them to the table by name)."""

from django.utils.translation import gettext as _

from submissions.stages import Stage
from workflow.exceptions import RuleViolation
from workflow.table import DECISION_KINDS, PROPOSABLE_KINDS, TABLE


def proposal_is_legal_now(ctx):
    proposal = ctx.data.get("proposal")
    if not isinstance(proposal, dict) or proposal.get("kind") not in PROPOSABLE_KINDS:
        raise RuleViolation(_("Only Secretariat decisions are proposed."), rule="four eyes")
    # A closed case's decisions may still be corrected where the profile has errata (CAFTA-DR's
    # erratum of 6 June 2012 came after the determination that closed the case).
    if (
        ctx.submission.stage == Stage.CLOSED
        and proposal["kind"] in DECISION_KINDS
        and proposal["kind"] not in ("reopened", "erratum")
    ):
        raise RuleViolation(
            _("On a closed case only a reopening can be proposed."), rule="CL for a reopening"
        )
    pending = _pending_like(ctx, proposal)
    replaces = ctx.data.get("proposal_event")
    if replaces is not None and (pending is None or replaces != pending["seq"] - 1):
        raise RuleViolation(
            _("There is no such proposal awaiting the Executive Director to replace."),
            rule="a proposal replaces only the pending one of its kind",
        )
    if pending is not None and replaces is None:
        raise RuleViolation(
            _("A proposal of this kind is already awaiting the Executive Director."),
            rule="one pending proposal per decision",
        )
    conflict = conflicting_proposal(ctx, proposal["kind"], proposal)
    if conflict is not None:
        raise conflict
    # A record proposed on someone's behalf (a Party's letter) is checked as theirs: the
    # proposal names its author, the ``proposed`` event itself is the Secretariat's (an import
    # replays it so; walk 19: "Only the Party concerned may record this").
    outer = ctx.author
    ctx.author = proposal.get("author") or outer
    try:
        ctx.check_legal(TABLE[proposal["kind"]], proposal)
    finally:
        ctx.author = outer


def _pending_like(ctx, proposal) -> dict | None:
    """The pending proposal this one would duplicate: of the same kind and, for the records
    that name a Party or a document, about the same one (both Parties' comments may await the
    Director at once, and so may the widening of two documents)."""
    for fact in ctx.pending_proposals():
        pending = fact["data"]["proposal"]
        if pending["kind"] == proposal["kind"] and all(
            pending.get(key) == proposal.get(key) for key in ("party", "document", "event")
        ):
            return fact
    return None


def replies_to_pending_proposal(ctx):
    # A return also closes out a proposal the case has moved past (lapsed): only approval
    # needs the proposal to be still pending in the current stage.
    index = ctx.data.get("proposal_event")
    if not isinstance(index, int) or ctx.unanswered_proposal_by_seq(index + 1) is None:
        raise RuleViolation(_("There is no such proposal awaiting a decision."), rule="four eyes")


def _moves(kind: str, data: dict | None, stage) -> bool:
    """Whether recording ``kind`` now would move the case out of ``stage``: with ``data``'s
    outcome, or (``data`` None, before any input) with any of its outcomes. A Council
    member's vote (recorded from a letter) is not counted: under a profile's rule one vote
    may move nothing, and members' letters for and against may await the Director together."""
    return any(
        not (effect.by_council_rule or effect.by_council_refusal)
        for effect in _moving_effects(kind, data, stage)
    )


def _moving_effects(kind: str, data: dict | None, stage) -> list:
    rule = TABLE[kind]
    effects = rule.outcomes.values() if data is None else [rule.effect(data.get("outcome"))]
    return [
        effect
        for effect in effects
        if effect.to not in (None, stage)
        and (effect.from_stages is None or stage in effect.from_stages)
    ]


def may_move(kind: str, stage) -> bool:
    """Whether recording ``kind`` now may move the case out of ``stage``, with any of its
    outcomes, a Council member's vote included: the workspace lists such steps first (walk
    75: the next step of the procedure stood among records that move nothing)."""
    return bool(_moving_effects(kind, None, stage))


def conflicting_proposal(ctx, kind: str, data: dict | None = None) -> RuleViolation | None:
    """Why ``kind`` may not be proposed now: a pending proposal of another kind would move
    the case on, as this one would, so approving one would make the other lapse (walk 22:
    the Director approved a combined determination, and the determination on the criteria
    alone proposed beside it vanished from the approvals with nothing said). ``data``: the
    proposal's, or None before any input (then any of its outcomes counts)."""
    stage = ctx.submission.stage
    if not _moves(kind, data, stage):
        return None
    for fact in ctx.pending_proposals():
        pending = fact["data"]["proposal"]
        if pending["kind"] != kind and _moves(pending["kind"], pending, stage):
            step = TABLE[pending["kind"]].label_for(pending.get("outcome"), pending)
            return RuleViolation(
                _(
                    "Proposal no. %(seq)s, “%(step)s”, already awaits the Executive Director "
                    "and would move the case on: it is approved or returned before another "
                    "step that moves the case is proposed."
                )
                % {"seq": fact["seq"], "step": step},
                rule="one pending proposal that moves the case",
            )
    return None
