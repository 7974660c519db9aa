"""Formal documents: deciding which, gathering the facts, and storing them through the
workflow (a document belongs to an event and is covered by its hash).

A generated document goes in with the event that issues it: for a four-eyes decision that is
the proposal, whose documents ``approve_proposal`` carries to the decision with the visibility
given here. Staff who edit a generated draft propose again with the edited file in place of the
generated one (``edited``, with ``replaces``); the history keeps both versions (each with its
hash). The docket's reading view (``reading_facts``) composes the same content again from the
decision's stored data, so the .docx and the page say the same."""

import datetime

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from notices import documents, letterhead, redaction
from notices.wording import TITLES, tables_for
from submissions import access, profiles, withheld
from submissions.models import Document, IdentifierCounter, Submission
from submissions.stages import Visibility
from submissions.storage import UNCODED
from workflow import services as workflow
from workflow.exceptions import CaseMovedOn, InvalidInput
from workflow.table import TABLE

# The documents an event issues, by (event kind, outcome); None: any outcome.
ISSUED = {
    ("acknowledged", None): ("acknowledgement",),
    ("admissibility_determined", None): ("determination_18_8_2",),
    ("response_decided", "request"): ("determination_18_8_4", "request"),
    ("response_decided", "no_request"): ("determination_18_8_4",),
    # A combined determination (admissibility and the request in one, where the profile has
    # one): one document with both findings (issued_by).
    ("response_decided", "request", "combined"): ("determination_combined", "request"),
    ("response_decided", "no_request", "combined"): ("determination_combined",),
    ("factual_record_notified", "warranted"): ("notification",),
    ("factual_record_notified", "not_warranted"): ("not_warranted",),
    ("draft_submitted", None): ("draft_cover",),
    ("final_submitted", None): ("final_cover",),
    ("closed", None): ("closing",),
    ("published", None): ("publication",),
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
    "determination_combined": "determination",
    "not_warranted": "determination",
    "request": "request",
    "notification": "notification",
    "draft_cover": "correspondence",
    "final_cover": "correspondence",
    "closing": "notice",
    "publication": "notice",
}
# Shown names: a version seen only by the Secretariat, the submitters or the Party concerned
# may carry a withheld name; the public, the Council and the other Party see the label.
SHOWS_IDENTITY = {Visibility.PARTY_CONCERNED, Visibility.SUBMITTER, Visibility.SECRETARIAT}
# The events whose documents are the supporting information forwarded with a request
# (Art. 18.8.4: the submission "and all its supporting information").
SUPPORTING = ("filed", "revision_filed", "information_added")
# What the officer confirms or keeps restricted before acknowledgement makes it public.
REVIEWED_AT_ACKNOWLEDGEMENT = ("filed", "revision_filed")


def issued_by(kind: str, data: dict | None) -> tuple[str, ...]:
    """The documents an event of ``kind`` with ``data`` issues."""
    data = data or {}
    outcome = data.get("outcome")
    if data.get("criteria") and (kind, outcome, "combined") in ISSUED:
        return ISSUED[(kind, outcome, "combined")]
    return ISSUED.get((kind, outcome)) or ISSUED.get((kind, None)) or ()


def issues_documents(kind: str) -> bool:
    return any(key[0] == kind for key in ISSUED)


def visibility_of(doc_kind: str, event_kind: str) -> str:
    return VISIBILITY.get(doc_kind) or TABLE[event_kind].default_visibility


def _submitter_names(submission, show_identity: bool, language: str) -> list[str]:
    with translation.override(language):
        return [
            access.submitter_name(m.submitter, show_identity)
            for m in submission.memberships.select_related("submitter").order_by("position", "id")
        ]


def _predicted_code(submission, event_kind: str, outcome) -> str:
    letter = TABLE[event_kind].effect(outcome).code
    if not letter:
        return ""
    return workflow.Context(submission).next_code(letter)


def forwarded_titles(submission: Submission) -> list[str]:
    """The titles of the supporting information a request forwards (confidential included:
    the request goes to the Party concerned only)."""
    # Only what the Party concerned reads (walks 170, 174: information the submitters added,
    # theirs and the Secretariat's alone, was listed as forwarded, and the Party never saw it).
    reads = (Visibility.PUBLIC, Visibility.PARTIES, Visibility.PARTY_CONCERNED)
    rows = (
        Document.objects.filter(
            submission=submission,
            event__kind__in=SUPPORTING,
            event__visibility__in=reads,
            visibility__in=reads,
        )
        .order_by("event__seq", "position")
        .values_list("title", "original_name")
    )
    return [title or name for title, name in rows]


def _closure_of(event_kind: str, data: dict) -> str:
    if event_kind == "response_decided" and data.get("outcome") == "no_request":
        return "no_response_merited"
    if event_kind == "factual_record_notified" and data.get("outcome") == "not_warranted":
        return "factual_record_not_warranted"
    if event_kind == "published":
        return "factual_record_published"
    return data.get("reason") or ""


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
    code: str | None = None,
) -> documents.CaseFacts:
    data = data or {}
    outcome = data.get("outcome") or ""
    title, title_language = submission.shown_text("title", language)
    if visibility not in SHOWS_IDENTITY:  # a withheld name the title still writes: the label
        title = withheld.masked(title, withheld.names_of(submission), title_language)
        # And the reasons, in their own language, the case's (walk 152: the English Word file
        # of a Spanish decision wrote "identifica a a submitter whose name is withheld …").
        data, reasons = _reasons_masked(submission, data, reasons)
    return documents.CaseFacts(
        reference=reference or submission.reference,
        code=_predicted_code(submission, event_kind, outcome) if code is None else code,
        on=on or workflow.today(),
        title=title,
        title_language=title_language,
        party=submission.party.code,
        filed_on=submission.filed_on,
        submitters=_submitter_names(submission, visibility in SHOWS_IDENTITY, language),
        organizations=frozenset(
            submission.memberships.filter(submitter__kind="organization").values_list(
                "submitter__name", flat=True
            )
        ),
        outcome=outcome,
        findings=data.get("criteria") or data.get("factors") or {},
        factors=data.get("factors") or {},
        reasons=reasons,
        language=submission.language,
        closure=_closure_of(event_kind, data),
        letterhead=letterhead.for_language(language),
        forwarded=forwarded_titles(submission) if event_kind == "response_decided" else [],
        attached=list(data.get("attach_comments") or []) if event_kind == "published" else [],
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
    on: datetime.date | None = None,
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
        on=on,
        code="" if DOCUMENT_KIND[doc_kind] in UNCODED else None,  # as the row will have it
    )
    if DOCUMENT_KIND[doc_kind] in UNCODED:  # it names the determination it carries out
        facts.determination = _predicted_code(submission, event_kind, facts.outcome)
    filename, _content_type, content = documents.render(doc_kind, facts, language)
    return workflow.DocumentInput(
        title=tables_for(submission.filed_on)[1][language][doc_kind],
        language=language,
        file=ContentFile(content, name=filename),
        visibility=visibility,
        kind=DOCUMENT_KIND[doc_kind],
        official_translation=language != submission.language,
    )


def generated_documents(
    submission: Submission,
    kind: str,
    *,
    data: dict,
    reasons: str = "",
    visibility: str | None = None,
    reference: str | None = None,
    on: datetime.date | None = None,
    languages: tuple[str, ...] | None = None,
    edited: dict | None = None,
) -> list[workflow.DocumentInput]:
    """The documents ``kind`` issues, each in the case's language (the original) and the other
    (the Secretariat's official translation of it). ``edited`` ({language: file}) puts an
    officer's edited file in place of the first document's generated one in that language.
    ``visibility`` (the decision's own, when it is not the table's default: a closure that is
    never public) applies to documents whose kind has no visibility of its own."""
    inputs = []
    edited = edited or {}
    # Each document in every working language the formal wording exists in (notices.wording:
    # the TPA's English and Spanish), the submission's own first.
    languages = languages or tuple(
        code for code in profiles.installed().languages if code in TITLES
    )
    for number, doc_kind in enumerate(issued_by(kind, data)):
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
                visibility=VISIBILITY.get(doc_kind) or visibility,
                on=on,
            )
            if number == 0 and edited.get(language) is not None:
                item.file = edited[language]
            if len(inputs) > first:
                item.translation_of = first
            inputs.append(item)
    return inputs


def _shifted(items, offset: int) -> list:
    """Documents posted with an event, after the generated ones: their links by position move
    by the generated documents' count."""
    moved = []
    for item in items:
        for name in ("translation_of", "redacted_version_of"):
            target = getattr(item, name)
            if isinstance(target, int) and not isinstance(target, bool):
                setattr(item, name, target + offset)
        moved.append(item)
    return moved


def _next_identifier(submission: Submission) -> str:
    """The identifier the acknowledgement will assign, with its counter row locked until the
    caller's transaction ends (so no one else takes that number meanwhile)."""
    if submission.imported_identifier:
        return submission.imported_identifier
    return IdentifierCounter.identifier_for(
        submission, settings.SEM_IDENTIFIER_PREFIX, advance=False
    )


def record_with_documents(
    submission: Submission,
    kind: str,
    *,
    actor,
    data: dict | None = None,
    languages: tuple[str, ...] | None = None,
    reasons: str = "",
    note: str = "",
    documents_in=(),
    edited: dict | None = None,
    visibility: str | None = None,
    on=None,
    **kwargs,
):
    """Record an event (or, under four eyes, its proposal) with the formal documents it issues
    generated in each language, followed by ``documents_in`` (what the page posted with it).
    The Secretariat's reasons are ``reasons`` or else the event's ``note``. Returns the event
    written."""
    data = dict(data or {})
    with transaction.atomic():
        submission = (
            Submission.objects.select_for_update().select_related("party").get(pk=submission.pk)
        )
        reference = _next_identifier(submission) if kind == "acknowledged" else None
        on_date = datetime.date.fromisoformat(on) if isinstance(on, str) else on
        inputs = generated_documents(
            submission,
            kind,
            data=data,
            reasons=reasons or note,
            visibility=visibility,
            reference=reference,
            on=on_date,
            languages=languages,
            edited=edited,
        )
        inputs.extend(_shifted(list(documents_in), len(inputs)))
        if visibility is not None:
            kwargs["visibility"] = visibility
        event = workflow.record_event(
            submission,
            kind,
            actor=actor,
            data=data,
            documents_in=inputs,
            note=note,
            on=on,
            **kwargs,
        )
        submission.refresh_from_db()
        if reference and submission.identifier != reference:
            raise RuntimeError("the identifier changed although its counter was locked")
    return event


def acknowledge(
    submission: Submission,
    kind: str = "acknowledged",
    *,
    actor,
    keep_restricted=(),
    redacted: dict | None = None,
    review_reason: str = "",
    expected_event_count: int | None = None,
    **kwargs,
):
    """The acknowledgement of receipt with the officer's review of what it makes public, in
    one transaction: the acknowledgement and its documents; the filer's attachments in
    ``keep_restricted`` narrowed to the Party concerned (still forwarded with a request); each
    file in ``redacted`` ({document: file}) added as its document's public redacted version.
    Returns the acknowledgement."""
    if kind != "acknowledged":
        raise ValueError(f"acknowledge() records an acknowledgement, not {kind!r}")
    redacted = redacted or {}
    with transaction.atomic():
        locked = Submission.objects.select_for_update().get(pk=submission.pk)
        if expected_event_count is not None and locked.event_count != expected_event_count:
            raise CaseMovedOn()
        if (keep_restricted or redacted) and not review_reason.strip():
            raise InvalidInput(
                _("Say why these attachments stay restricted or get a redacted version."),
                rule="review reason",
            )
        # One transaction: nothing is public before the review's narrowing is recorded too
        # (and these come after the acknowledgement, which may carry an earlier date).
        event = record_with_documents(locked, "acknowledged", actor=actor, **kwargs)
        for document in keep_restricted:
            workflow.record_event(
                locked,
                "visibility_changed",
                actor=actor,
                data={
                    "document": [document.event.seq - 1, document.position],
                    "from": document.visibility,
                    "to": Visibility.PARTY_CONCERNED,
                    "reason": review_reason.strip(),
                },
            )
        for document, file in redacted.items():
            workflow.add_document_version(
                locked,
                actor=actor,
                document=document,
                file=file,
                language=document.language,
                title=document.title,
                redacted=True,
                visibility=Visibility.PUBLIC,
                reason=review_reason.strip(),
            )
        return event


def attachments_to_review(submission: Submission) -> list[Document]:
    """The filer's attachments that the acknowledgement would make public."""
    return list(
        Document.objects.filter(
            submission=submission,
            event__kind__in=REVIEWED_AT_ACKNOWLEDGEMENT,
            event__visibility=Visibility.PUBLIC,
            visibility=Visibility.PUBLIC,
        )
        .select_related("event")
        .order_by("event__seq", "position")
    )


# --- the docket's reading view ---------------------------------------------------------------
def generated_kind(document: Document, filed_on: datetime.date | None = None) -> str | None:
    """Which generated document ``document`` is (``None``: not one this module generates).
    ``filed_on``, its case's filing date (its era's titles), when the caller has it."""
    event = document.event
    titles = tables_for(filed_on or document.submission.filed_on)[1]
    for doc_kind in issued_by(event.kind, event.data):
        if titles.get(document.language, {}).get(doc_kind) == document.title:
            return doc_kind
    return None


def reading_facts(document: Document) -> documents.CaseFacts:
    """The facts of a public generated document, from its decision's stored data (codes and
    findings), its date and code, and the Secretariat's reasons: what the .docx was made of."""
    event = document.event
    submission = document.submission
    # A decision under four eyes carries the documents generated with its proposal, dated the
    # day it was proposed; the page shows the date the document bears.
    on = event.proposal.on if event.proposal_id else event.on
    # Walk 150: the reading page of a public determination wrote the withheld name its reasons
    # named ("La comunicación de María …"); ``facts_for`` masks them as in the Word file.
    return facts_for(
        submission,
        event.kind,
        document.language,
        data=event.data,
        visibility=document.visibility,
        on=on,
        reference=submission.identifier or submission.reference,
        reasons=event.note,
        code=event.code,
    )


def _reasons_masked(submission, data: dict, reasons: str) -> tuple[dict, str]:
    """A decision's reasons, and those for each criterion or factor, without the case's
    withheld names: the documents' phrase for one, in the case's language."""
    names = withheld.names_of(submission)
    if not names:
        return data, reasons
    labels = documents.tables_for(submission.filed_on)[0]
    phrase = labels.get(submission.language, labels["en"])["withheld_in_sentence"]
    data = dict(data or {})
    for key in ("criteria", "factors"):
        if isinstance(data.get(key), dict):
            data[key] = {
                letter: (
                    {**finding, "reasons": withheld.masked(finding["reasons"], names, label=phrase)}
                    if isinstance(finding, dict) and isinstance(finding.get("reasons"), str)
                    else finding
                )
                for letter, finding in data[key].items()
            }
    return data, withheld.masked(reasons or "", names, label=phrase)


def public_copy(document: Document) -> tuple[str, bytes] | None:
    """A public document's file with the names of its case's submitters who withhold their
    identity taken out, (content type, bytes), where the file stored when it was issued still
    names one of them (walk 19: a submitter withheld her name after the case closed, and ten
    public downloads still named her). ``None`` where the stored file stands.

    A Word file is redacted where it stands, so an officer's own wording is kept: a name in
    the particulars' table becomes the withheld label, one in a sentence the documents' phrase
    for it. Another file of a formal document (a PDF the officer issued) is composed again from
    its decision's stored data, as the page that reads it is. Whatever else a file carries (a
    Word file's author, an uploaded PDF's metadata: walk 30) goes through
    ``notices.redaction``."""
    names = list(
        document.submission.memberships.filter(submitter__confidential=True).values_list(
            "submitter__name", flat=True
        )
    )
    if not names or not document.file:
        return None
    doc_kind = generated_kind(document)
    if doc_kind is not None and document.content_type != documents.DOCX:
        _name, content_type, content = documents.render(
            doc_kind, reading_facts(document), document.language
        )
        return content_type, content
    with document.file.open("rb") as handle:
        stored = handle.read()
    content = stored
    if document.content_type == documents.DOCX:
        content = documents.redact_names(content, names, document.language) or content
    # What the file carries besides its text, and any file a person uploaded (walk 30).
    content = (
        redaction.without_names(content, document.content_type, names, document.language) or content
    )
    return None if content == stored else (document.content_type, content)


def reading_blocks(document: Document) -> list[documents.Block] | None:
    doc_kind = generated_kind(document)
    if doc_kind is None:
        return None
    return documents.compose(doc_kind, reading_facts(document), document.language)
