"""Export of whole case histories in the `sem-registry/1` format (REGISTRY-FORMAT.md): by
default exactly what the public docket shows; with ``restricted=True`` everything, so that
export → import → export gives the same bytes."""

import datetime
import json

from submissions import access
from submissions.models import Submission
from submissions.stages import Stage, Visibility
from workflow.deadlines import explain
from workflow.models import Event
from workflow.registry.importer import FORMAT


def export_registry(queryset=None, *, restricted: bool = False) -> str:
    """The registry as JSON text (UTF-8, two-space indent, trailing newline)."""
    if queryset is None:
        queryset = Submission.objects.all()
    if not restricted:
        queryset = access.public_submissions(queryset)
    queryset = (
        queryset.select_related("party")
        .prefetch_related(
            "memberships__submitter", "submissionlaw_set__law", "related", "deadlines"
        )
        .order_by("filed_on", "receipt_number", "identifier")
    )
    cases = [_export_case(s, restricted) for s in queryset]
    payload = {"format": FORMAT, "submissions": cases}
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def public_case(submission) -> dict:
    """One case exactly as the public export writes it (the open-data API's detail)."""
    return _export_case(submission, restricted=False)


def public_submitter(submitter) -> dict:
    """A submitter as the public export writes it: no name when it is withheld."""
    return _export_submitter(submitter, restricted=False)


def _export_case(submission, restricted) -> dict:
    events = list(
        Event.objects.filter(submission=submission)
        .select_related("recorded_by")
        .prefetch_related("documents")
        .order_by("seq")
    )
    memberships = list(submission.memberships.all())
    withheld_later = {e.data.get("submitter") for e in events if e.kind == "identity_withheld"}
    joined_later = sum(
        len(e.data.get("submitters", [])) for e in events if e.kind == "submitters_joined"
    )
    initial = memberships[: len(memberships) - joined_later]
    case = {}
    if restricted or submission.identifier:
        case["identifier"] = submission.identifier
    if restricted:
        case["receipt_number"] = submission.receipt_number
    case["party"] = submission.party.code
    case["language"] = submission.language
    case["title"] = submission.texts("title")
    case["summary"] = submission.texts("summary")
    case["laws"] = [
        {
            "name": link.law.name,
            **({"provisions": link.law.provisions} if link.law.provisions else {}),
        }
        for link in submission.submissionlaw_set.all()
    ]
    case["submitters"] = [
        _export_submitter(m.submitter, restricted, position not in withheld_later)
        for position, m in enumerate(initial)
    ]
    related = sorted(r.identifier for r in submission.related.all() if r.identifier)
    if related:
        case["related"] = related
    if restricted:
        details = {
            key: getattr(submission, key)
            for key in (
                "facts",
                "authorities_communication",
                "authorities_response",
                "private_remedies",
                "harm",
            )
            if getattr(submission, key)
        }
        if submission.relies_on_media_only is not None:
            details["relies_on_media_only"] = submission.relies_on_media_only
        if details:
            case["details"] = details
    visible = [e for e in events if restricted or e.visibility == Visibility.PUBLIC]
    confidential_positions = {i for i, m in enumerate(memberships) if m.submitter.confidential}
    case["events"] = [
        _export_event(e, restricted, len(initial), confidential_positions, events) for e in visible
    ]
    case["stage"] = submission.stage
    case["status"] = "open" if submission.stage != Stage.CLOSED else "closed"
    case["closure_reason"] = submission.closure_reason or None
    case["chain_hash"] = submission.chain_head
    case["deadlines"] = [
        {
            "kind": d.kind,
            "party": d.party or None,
            "rule": d.rule,
            "start_on": d.start_on.isoformat(),
            "due_on": d.due_on.isoformat(),
            "state": d.state,
            "met_on": d.met_on.isoformat() if d.met_on else None,
            "late": d.late,
            "explanation": explain(d, "en"),  # the format's explanations are in English
        }
        for d in sorted(submission.deadlines.all(), key=lambda d: d.pk)
    ]
    return case


def _export_submitter(submitter, restricted, confidential_as_filed=True) -> dict:
    confidential = submitter.confidential and (confidential_as_filed or not restricted)
    item = {}
    if restricted or not submitter.confidential:
        item["name"] = submitter.name
    item["kind"] = submitter.kind
    item["country"] = submitter.nationality
    item["confidential"] = confidential
    if restricted:
        for key in ("residence", "email", "phone", "postal_address", "preferred_language"):
            if getattr(submitter, key):
                item[key] = getattr(submitter, key)
    return item


def _export_event(event, restricted, initial_count, confidential_positions, all_events) -> dict:
    item = {"on": event.on.isoformat(), "kind": event.kind}
    data = dict(event.data)
    if event.kind == "submitters_joined" and not restricted:
        offset = initial_count + sum(
            len(e.data.get("submitters", []))
            for e in all_events
            if e.kind == "submitters_joined" and e.seq < event.seq
        )
        data["submitters"] = [
            {
                k: v
                for k, v in s.items()
                if k in ("name", "kind", "country", "confidential")
                and not (k == "name" and offset + i in confidential_positions)
            }
            | ({"confidential": True} if offset + i in confidential_positions else {})
            for i, s in enumerate(data["submitters"])
        ]
    for key in sorted(data):
        if not restricted and key in ("date_reason", "proposal_event"):
            continue
        item[key] = data[key]
    item["author"] = event.author
    for key in ("title", "code", "note"):
        if getattr(event, key):
            item[key] = getattr(event, key)
    if restricted:
        item["visibility"] = event.visibility
    documents = sorted(event.documents.all(), key=lambda d: (d.position, d.pk))
    if not restricted:
        documents = [d for d in documents if d.visibility == Visibility.PUBLIC]
    index_of = {d.pk: i for i, d in enumerate(documents)}
    links = {d.translation_of_id for d in documents} | {d.redacted_version_of_id for d in documents}
    if restricted and links - set(index_of) - {None}:
        # Links to a document of an earlier event, as [event_index, position].
        for other in all_events:
            if other.seq < event.seq:
                for d in other.documents.all():
                    index_of.setdefault(d.pk, [other.seq - 1, d.position])
    if documents:
        item["documents"] = [_export_document(d, index_of, restricted) for d in documents]
    if restricted:
        item["recorded_at"] = event.recorded_at.astimezone(datetime.UTC).isoformat()
        item["recorded_by"] = event.recorded_by.username if event.recorded_by_id else None
        item["hash"] = event.hash
    return item


def _export_document(document, index_of, restricted) -> dict:
    item = {"language": document.language, "title": document.title}
    if document.file and restricted:
        item["file"] = document.file.name
    item["visibility"] = document.initial_visibility if restricted else document.visibility
    if document.translation_of_id in index_of:
        item["translation_of"] = index_of[document.translation_of_id]
        item["official_translation"] = document.official_translation
    if document.redacted_version_of_id in index_of:
        item["redacted_version_of"] = index_of[document.redacted_version_of_id]
    if restricted:
        item["kind"] = document.kind
        if document.sha256:
            item["sha256"] = document.sha256
            item["size"] = document.size
            if document.content_type:
                item["content_type"] = document.content_type
    return item
