"""Formal documents: deciding which, gathering the facts, and storing them through the
workflow (a document belongs to an event and is covered by its hash).

A generated document goes in with the event that issues it: for a four-eyes decision that is
the proposal, whose documents ``approve_proposal`` carries to the decision with the visibility
given here. Staff who edit a generated draft return the proposal and propose again with the
edited file; the history keeps both versions (each with its hash)."""

import datetime

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import translation

from notices import documents, letterhead
from notices.wording import TITLES
from submissions import access
from submissions.models import IdentifierCounter, Submission
from submissions.stages import Visibility
from workflow import services as workflow
from workflow.table import TABLE

# The documents an event issues, by (event kind, outcome); None: any outcome.
ISSUED = {
    ("acknowledged", None): ("acknowledgement",),
    ("admissibility_determined", None): ("determination_18_8_2",),
    ("response_decided", "request"): ("determination_18_8_4", "request"),
    ("response_decided", "no_request"): ("determination_18_8_4",),
    ("factual_record_notified", "warranted"): ("notification",),
    ("factual_record_notified", "not_warranted"): ("not_warranted",),
    ("draft_submitted", None): ("draft_cover",),
    ("final_submitted", None): ("final_cover",),
    ("closed", None): ("closing",),
}
# Visibility where it is not the event's default: the request goes to the Party concerned
# with the confidential attachments; cover letters go to the Council with their record.
VISIBILITY = {
    "request": Visibility.PARTY_CONCERNED,
    "draft_cover": Visibility.PARTIES,
    "final_cover": Visibility.PARTIES,
}
DOCUMENT_KIND = {
    "acknowledgement": "acknowledgement",
    "determination_18_8_2": "determination",
    "determination_18_8_4": "determination",
    "not_warranted": "determination",
    "request": "request",
    "notification": "notification",
    "draft_cover": "correspondence",
    "final_cover": "correspondence",
    "closing": "notice",
}
# Shown names: a version seen only by the Secretariat, the submitters or the Party concerned
# may carry a withheld name; the public, the Council and the other Party see the label.
SHOWS_IDENTITY = {Visibility.PARTY_CONCERNED, Visibility.SUBMITTER, Visibility.SECRETARIAT}


def issued_by(kind: str, outcome: str | None) -> tuple[str, ...]:
    return ISSUED.get((kind, outcome)) or ISSUED.get((kind, None)) or ()


def visibility_of(doc_kind: str, event_kind: str) -> str:
    return VISIBILITY.get(doc_kind) or TABLE[event_kind].default_visibility


def _submitter_names(submission, show_identity: bool, language: str) -> list[str]:
    with translation.override(language):
        return [
            access.submitter_name(m.submitter, show_identity)
            for m in submission.memberships.select_related("submitter")
        ]


def _predicted_code(submission, event_kind: str, outcome) -> str:
    letter = TABLE[event_kind].effect(outcome).code
    if not letter:
        return ""
    return workflow.Context(submission).next_code(letter)


def facts_for(
    submission: Submission,
    event_kind: str,
    language: str,
    *,
    data: dict | None = None,
    visibility: str,
    on: datetime.date | None = None,
    reference: str | None = None,
    reasons: str = "",
) -> documents.CaseFacts:
    data = data or {}
    outcome = data.get("outcome") or ""
    closure = data.get("reason") or ""
    if event_kind == "response_decided" and outcome == "no_request":
        closure = "no_response_merited"
    elif event_kind == "factual_record_notified" and outcome == "not_warranted":
        closure = "factual_record_not_warranted"
    return documents.CaseFacts(
        reference=reference or submission.reference,
        code=_predicted_code(submission, event_kind, outcome),
        on=on or workflow.today(),
        title=submission.text_in("title", language)[0],
        party=submission.party.code,
        filed_on=submission.filed_on,
        submitters=_submitter_names(submission, visibility in SHOWS_IDENTITY, language),
        outcome=outcome,
        findings=data.get("criteria") or data.get("factors") or {},
        reasons=reasons,
        closure=closure,
        letterhead=letterhead.for_language(language),
    )


def generated_document(
    submission: Submission,
    doc_kind: str,
    language: str,
    *,
    event_kind: str,
    data: dict | None = None,
    reference: str | None = None,
    reasons: str = "",
    visibility: str | None = None,
) -> workflow.DocumentInput:
    """A generated document ready to go with an event (``record_event(documents_in=…)``)."""
    visibility = visibility or visibility_of(doc_kind, event_kind)
    facts = facts_for(
        submission,
        event_kind,
        language,
        data=data,
        visibility=visibility,
        reference=reference,
        reasons=reasons,
    )
    filename, _content_type, content = documents.render(doc_kind, facts, language)
    return workflow.DocumentInput(
        title=TITLES[language][doc_kind],
        language=language,
        file=ContentFile(content, name=filename),
        visibility=visibility,
        kind=DOCUMENT_KIND[doc_kind],
        official_translation=language != submission.language,
    )


def _next_identifier(submission: Submission) -> str:
    """The identifier the acknowledgement will assign, with its counter row locked until the
    caller's transaction ends (so no one else takes that number meanwhile)."""
    if submission.imported_identifier:
        return submission.imported_identifier
    prefix = settings.SEM_IDENTIFIER_PREFIX
    party = submission.party.code
    year = submission.filed_on.year
    counter = IdentifierCounter._locked(prefix, party, year)
    number = counter.last + 1
    while Submission.objects.filter(identifier=f"{prefix}/{party}/{number:03d}/{year}").exists():
        number += 1
    return f"{prefix}/{party}/{number:03d}/{year}"


def record_with_documents(
    submission: Submission,
    kind: str,
    *,
    actor,
    data: dict | None = None,
    languages: tuple[str, ...] = ("en", "es"),
    reasons: str = "",
    **kwargs,
):
    """Record an event (or, under four eyes, its proposal) with the formal documents it issues
    generated in each language. Returns the event written."""
    data = dict(data or {})
    with transaction.atomic():
        submission = (
            Submission.objects.select_for_update().select_related("party").get(pk=submission.pk)
        )
        reference = _next_identifier(submission) if kind == "acknowledged" else None
        inputs = []
        for doc_kind in issued_by(kind, data.get("outcome")):
            first = len(inputs)
            # The submission's own language first: the other is its official translation.
            for language in sorted(languages, key=lambda code: code != submission.language):
                item = generated_document(
                    submission,
                    doc_kind,
                    language,
                    event_kind=kind,
                    data=data,
                    reference=reference,
                    reasons=reasons,
                )
                if len(inputs) > first:
                    item.translation_of = first
                inputs.append(item)
        event = workflow.record_event(
            submission, kind, actor=actor, data=data, documents_in=inputs, **kwargs
        )
        submission.refresh_from_db()
        if reference and submission.identifier != reference:
            raise RuntimeError("the identifier changed although its counter was locked")
    return event
