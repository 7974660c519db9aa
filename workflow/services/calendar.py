"""The calendar and the periods: non-working days, editable lengths, recomputation, and the
daily jobs over open deadlines."""

import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from submissions.history import acting_user
from submissions.models import (
    Submission,
)
from submissions.stages import OPEN_STAGES, Stage
from workflow.actors import Actor
from workflow.calendar import Calendar
from workflow.deadlines import configured_lengths
from workflow.exceptions import InvalidInput, NotAllowed
from workflow.models import Deadline, DeadlineLength, NonWorkingDay
from workflow.periods import SPECS
from workflow.services.context import Context, today
from workflow.services.effects import open_lapsed_decision
from workflow.services.recording import record_event


def recompute_deadlines(reason: dict, *, actor=None) -> int:
    """Recompute every open deadline after a calendar or length change and record a
    `deadlines_recomputed` event on each case whose due dates moved. Returns that count.

    ``reason`` is a code with its data (``{"code": "non_working_day_added", "date": …}``),
    never a sentence: the event is hashed, and each page words it in its reader's language
    (``workflow.describe.reason_text``)."""
    _require_secretariat_or_system(actor)
    calendar = Calendar()
    lengths = configured_lengths()
    changed = 0
    case_ids = (
        Deadline.objects.filter(state=Deadline.State.OPEN)
        .values_list("submission_id", flat=True)
        .distinct()
    )
    for pk in list(case_ids):
        with transaction.atomic(), acting_user(Actor.of(actor).user):
            submission = Submission.objects.select_for_update().select_related("party").get(pk=pk)
            if submission.stage not in OPEN_STAGES:
                continue
            ctx = Context(submission, calendar, lengths)
            changes = ctx.deadlines.recompute()
            if not changes:
                continue
            ctx.deadlines.save()
            ctx.deadlines.dirty.clear()
            record_event(
                submission,
                "deadlines_recomputed",
                actor=Actor.system() if actor is None else actor,
                data={"reason": reason, "changes": changes},
                context=ctx,
                on=max(today(), ctx.facts[-1]["on"]),
            )
            changed += 1
    return changed


def _require_secretariat_or_system(actor) -> None:
    """The calendar and the lengths are the Secretariat's: checked before anything changes."""
    actor = Actor.of(actor)
    if actor.kind != "system" and not actor.is_secretariat_user:
        raise NotAllowed(_("Only the Secretariat changes the calendar and the periods."))


def set_non_working_day(day: datetime.date, description: str, *, actor) -> NonWorkingDay:
    """Add (or rename) an extra non-working day at the seat and recompute open deadlines."""
    _require_secretariat_or_system(actor)
    with transaction.atomic(), acting_user(Actor.of(actor).user):
        row, _created = NonWorkingDay.objects.update_or_create(
            date=day, defaults={"description": description}
        )
        recompute_deadlines(
            {
                "code": "non_working_day_added",
                "date": day.isoformat(),
                "description": description,
            },
            actor=actor,
        )
    return row


def remove_non_working_day(day: datetime.date, *, actor) -> None:
    _require_secretariat_or_system(actor)
    with transaction.atomic(), acting_user(Actor.of(actor).user):
        for row in NonWorkingDay.objects.filter(date=day):
            row.delete()  # one by one, so that the history records the deletion
        recompute_deadlines(
            {"code": "non_working_day_removed", "date": day.isoformat()}, actor=actor
        )


def set_deadline_length(kind: str, length: int, *, actor) -> None:
    """Change an editable length ([ours] in PROCESS.md) and recompute open deadlines."""
    _require_secretariat_or_system(actor)
    if kind not in SPECS or not SPECS[kind].editable:
        raise InvalidInput(_("This period is set by the treaty and cannot be changed."))
    if length < 1:
        raise InvalidInput(_("A period lasts at least one day."))
    with transaction.atomic(), acting_user(Actor.of(actor).user):
        DeadlineLength.objects.update_or_create(kind=kind, defaults={"length": length})
        recompute_deadlines({"code": "length_set", "deadline": kind, "length": length}, actor=actor)


def open_lapsed_deadlines(on: datetime.date | None = None) -> int:
    """Daily: where the Party's response period ended unmet, open the Secretariat's
    factual-record decision period from the day after. Returns how many were opened."""
    on = on or today()
    opened = 0
    candidates = Deadline.objects.filter(
        kind="party_response",
        state=Deadline.State.OPEN,
        due_on__lt=on,
        submission__stage=Stage.AWAITING_RESPONSE,
    ).values_list("submission_id", flat=True)
    for pk in list(candidates):
        with transaction.atomic():
            submission = Submission.objects.select_for_update().get(pk=pk)
            ctx = Context(submission)
            if ctx.deadlines.open("factual_record_decision") is None:
                open_lapsed_decision(ctx)
                ctx.deadlines.save()
                opened += 1
    return opened


def due_deadlines(on: datetime.date | None = None, within_days: int = 14):
    """Open deadlines that are overdue or due within ``within_days``, soonest first, for
    reminders and dashboards."""
    on = on or today()
    return (
        Deadline.objects.filter(
            state=Deadline.State.OPEN,
            due_on__lte=on + datetime.timedelta(days=within_days),
        )
        .exclude(submission__stage=Stage.CLOSED)
        .select_related("submission", "submission__party")
        .order_by("due_on", "id")
    )
