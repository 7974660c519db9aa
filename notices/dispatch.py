"""Where the workflow hands a recorded event to the notices.

``queue_notices`` runs inside the event's transaction (a ``workflow.hooks`` hook): the
outbox rows commit or roll back with the event, so a message is never lost nor sent for an
event that did not happen. ``event_recorded`` runs after commit and hands the rows to the
workers; if the broker is unreachable the rows wait for the periodic ``send_pending`` sweep.
"""

import logging

from django.utils import translation
from kombu.exceptions import OperationalError
from simple_history.utils import bulk_create_with_history

from notices import recipients, rules, tasks
from notices.context import case_context
from notices.models import Notice
from submissions import access, published, withheld
from submissions.models import Document
from submissions.stages import Visibility
from workflow import cofilers, council, services
from workflow.models import Deadline
from workflow.table import TABLE

logger = logging.getLogger(__name__)

# The deadline whose due date a message states.
DUE_DATE_OF = {
    "receipt": "acknowledgement",
    "acknowledged": "admissibility",
    "admissible": "response_decision",
    "revision_received": "admissibility",
    "council_notification": "council_instruction",
    "record_instructed_party": "draft_factual_record",
    "revision_window": "revision",
    "request_to_party": "party_response",
    "request_sent": "party_response",
    "draft_for_comment": "draft_comments",
    "draft_submitted": "draft_comments",
    "council_draft": "draft_comments",
    "response_received": "factual_record_decision",
    "publication_instructed": "publication",
    "party_responded": "factual_record_decision",
    "factual_record_warranted": "council_instruction",
    "record_instructed": "draft_factual_record",
    "extension_to_staff": "party_response",
    "extension_received": "party_response",
    "extension_to_submitters": "party_response",
    # The staff's notices, and the response made public (walks 173, 175: still without a date).
    "new_filing": "acknowledgement",
    "revision_to_staff": "admissibility",
    "response_to_staff": "factual_record_decision",
    "response_published": "factual_record_decision",
    "instruction_to_staff": "draft_factual_record",
    "publication_to_staff": "publication",
}


def _due_on(submission, message: str) -> str:
    kind = DUE_DATE_OF.get(message)
    if not kind:
        return ""
    deadline = (
        Deadline.objects.filter(submission=submission, kind=kind, state=Deadline.State.OPEN)
        .order_by("due_on")
        .first()
    )
    return deadline.due_on.isoformat() if deadline else ""


def _label_in(language: str) -> str:
    """What the public reads in place of a withheld name, in ``language``."""
    with translation.override(language):
        return str(withheld.WITHHELD_LABEL)


def _who_left(submission, event) -> str:
    """The name of the submitter a ``submitter_left`` names ("" for another event)."""
    index = event.data.get("submitter") if event.kind == cofilers.LEFT else None
    if type(index) is not int:
        return ""
    names = list(
        submission.memberships.order_by("position", "id").values_list("submitter__name", flat=True)
    )
    return names[index] if 0 <= index < len(names) else ""


def _council_votes(event) -> dict:
    """Where a Council member's instruction leaves the Council's rule: ``states`` holds
    "decides" (it made the members' instructions the Council's), "met" (they are, with it)
    or "short" (they are not yet); empty for any other event."""
    if event.kind not in council.RULES:
        return {"states": set()}
    facts = [
        {"kind": kind, "data": data, "on": on}
        for kind, data, on in event.submission.events.filter(kind=event.kind, seq__lte=event.seq)
        .order_by("seq")
        .values_list("kind", "data", "on")
    ]
    met, before = council.decides(facts, event.kind), council.decides(facts[:-1], event.kind)
    states = {"decides", "met"} if met and not before else {"met"} if met else {"short"}
    given = len({fact["data"].get("party", "") for fact in facts})
    return {"states": states, "given": given, "needed": council.needed(event.kind)}


def _unmet(criteria) -> list[str]:
    """The letters of the criteria a determination found not met (none for another event)."""
    if not isinstance(criteria, dict):
        return []
    return [
        letter
        for letter, finding in criteria.items()
        if isinstance(finding, dict) and finding.get("met") is False
    ]


def _publishes(event, kind: str) -> bool:
    """Whether ``event`` is a decision publishing the text of an earlier event of ``kind``."""
    data = event.data or {}
    if event.kind != published.TEXT_DECISION or data.get("to") != Visibility.PUBLIC:
        return False
    if "event" not in data or (seq := published.decided_entry(data)) is None:
        return False  # a document's decision, or no entry named
    return event.submission.events.filter(seq=seq, kind=kind).exists()


def _proposal(proposed: dict) -> dict:
    """What names a proposal's decision in an email, as ``Event.proposal_label`` names it on
    the pages (EventRule.label_for): its kind and outcome, whether it is a combined
    determination, and the keys of its data that name it (walk 68: a proposal to publish an
    entry's text was emailed as "Visibility of a document changed")."""
    rule = TABLE.get(proposed["kind"])
    labelled = [key for key in (rule.data_labels if rule else ()) if key in proposed]
    return {
        "proposal": proposed["kind"],
        "proposal_outcome": proposed.get("outcome") or "",
        "proposal_combined": bool(proposed.get("criteria")),
        **({"proposal_keys": labelled} if labelled else {}),
    }


def _makes_public(submission, proposed: dict) -> dict:
    """The titles of the documents a proposed publication makes public, for the Director's
    email as the approvals page lists them (``services.published_with_the_record``); and
    those a decision to publish an entry or a document makes public (walk 122: publishing a
    Party's response with its letter was emailed as "Visibility of an entry's text changed"
    alone)."""
    if proposed["kind"] == "published":
        documents = services.published_with_the_record(submission, proposed)
    elif proposed["kind"] == "visibility_changed" and proposed.get("to") == Visibility.PUBLIC:
        documents = _decided_documents(submission, proposed)
    else:
        return {}
    titles = [d.title for d in documents if d.visibility != Visibility.PUBLIC]
    return {"makes_public": titles} if titles else {}


def _decided_documents(submission, proposed: dict) -> list:
    """The documents a visibility decision names: the one it decides, or those published
    with an entry's text (``with_documents``)."""
    seq = published.decided_entry(proposed)
    if seq is None:
        return []
    documents = Document.objects.filter(submission=submission, event__seq=seq)
    if "event" in proposed:
        positions = proposed.get("with_documents") or []
    else:
        positions = [proposed["document"][1]]
    return list(documents.filter(position__in=positions).order_by("position"))


def queue_notices(event) -> list[Notice]:
    """Write the outbox rows an event causes (rules.RULES). Must run inside the transaction
    that writes the event; sends nothing."""
    submission = event.submission
    rows, seen = [], set()
    moves = event.kind != "proposed" and event.stage_before not in ("", event.stage_after)
    votes = _council_votes(event)
    names = withheld.names_of(submission)  # masked in the title for those who may not read them
    approved = bool(event.proposal_id) and event.kind not in ("proposed", "returned")
    # A withdrawal of a submission filed by several (walk 129: the others were told nothing
    # they could do), not counting those who left it before.
    several = event.kind == "withdrawn" and cofilers.staying(submission) > 1
    who_left = _who_left(submission, event)
    for rule in rules.rules_for(
        event.kind, event.data.get("outcome"), moves=moves, approved=approved
    ):
        if rule.public_only and event.visibility != Visibility.PUBLIC:
            continue
        if rule.closed_only and submission.is_open:
            continue
        if rule.open_only and not submission.is_open:
            continue
        if rule.council and rule.council not in votes["states"]:
            continue
        if rule.by_party and not event.author.startswith("party:"):
            continue
        if rule.by_council and not event.author.startswith("council:"):
            continue
        if rule.publishes and not _publishes(event, rule.publishes):
            continue
        if rule.party_sees and not access.party_sees(submission):
            continue
        due_on = _due_on(submission, rule.message)
        for person in recipients.of(rule.audience, submission, event=event):
            key = f"event:{event.pk}:{rule.message}:{person.email.lower()}"
            if person.proposal is not None:
                key += f":{person.proposal.seq}"
            if key in seen:
                continue
            seen.add(key)
            hidden = person.hidden(names)
            context = case_context(submission, person.language, hidden) | {
                "code": event.code,
                "on": event.on.isoformat(),
                "kind": event.kind,
                "outcome": event.data.get("outcome") or "",
                "due_on": due_on,
                # The Party that acted (comments, a Council member's instruction), when it is
                # not necessarily the Party concerned.
                "acting_party": event.data.get("party") or event.author.partition("party:")[2],
                # A determination's criteria found not met, by letter.
                "unmet": _unmet(event.data.get("criteria")),
                # A closure whose reasons the submitters read on their page (walk 128).
                "reasons": event.kind == "closed"
                and bool(event.note)
                and event.visibility in (Visibility.PUBLIC, Visibility.SUBMITTER),
                "several": several,
                # A Council member's instruction: the members who have so far, and how many
                # the Council's rule asks for.
                **({"votes": votes["given"], "needed": votes["needed"]} if votes["states"] else {}),
                **person.link_context,
                **({"organisation": True} if person.organisation else {}),
                **({"withheld": _label_in(person.language)} if person.withheld else {}),
            }
            if who_left:  # as this person reads the name: the label where it is hidden
                context["who"] = withheld.masked(who_left, hidden, person.language)
            if person.proposal is not None:  # a proposal this step made lapse
                context["step"] = event.kind
                context["proposal_event"] = person.proposal.seq
                context.update(_proposal(person.proposal.data["proposal"]))
            elif event.kind == "proposed":
                context.update(_proposal(event.data["proposal"]))
                context.update(_makes_public(submission, event.data["proposal"]))
            elif event.kind == "returned" and event.proposal_id:
                context.update(_proposal(event.proposal.data["proposal"]))
                context["comment"] = event.data.get("comment", "")
            elif approved:
                context.update(_proposal(event.proposal.data["proposal"]))
                context["proposal_event"] = event.proposal.seq
            if event.kind == "consolidated":
                # The earlier case's identifier; an approved consolidation is also an approval
                # (walk 101: its approval email lacked ``proposal_event``, a 500).
                context["with"] = event.data.get("with", "")
            rows.append(
                Notice(
                    submission=submission,
                    event=event,
                    audience=rule.audience,
                    message=rule.message,
                    recipient_email=person.email,
                    recipient_name=person.name,
                    language=person.language,
                    context=context,
                    dedupe_key=key,
                )
            )
    if rows:
        bulk_create_with_history(rows, Notice)
    return rows


def event_recorded(event_pk: int) -> None:
    """Called once per committed event (never inside the transaction that wrote it)."""
    pks = list(
        Notice.objects.filter(event_id=event_pk, state=Notice.State.PENDING).values_list(
            "pk", flat=True
        )
    )
    enqueue(pks)


def enqueue(pks) -> None:
    for pk in pks:
        try:
            tasks.send_notice.delay(pk)
        except (
            OperationalError,
            OSError,
        ):  # the broker is down: the periodic sweep sends the row later
            logger.exception("could not enqueue notice %s; the sweep will send it", pk)
