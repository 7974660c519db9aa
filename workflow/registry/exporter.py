"""Export of whole case histories in the `sem-registry/1` format (REGISTRY-FORMAT.md): by
default exactly what the public docket shows; with ``restricted=True`` everything, so that
export → import → export gives the same bytes.

The export is streamed: cases are read in chunks of ``CHUNK_SIZE`` in the registry's order, each
chunk with a fixed number of queries (the cases, their submitters, laws, related cases,
deadlines, events and documents), and written case by case, so memory and the number of queries
per chunk stay the same whatever the number of cases.
"""

import datetime
import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from submissions import access, profiles, published, withheld
from submissions.models import Document, Submission, SubmissionLaw, SubmissionSubmitter
from submissions.stages import Stage, Visibility
from workflow.deadlines import explain
from workflow.models import Deadline, Event
from workflow.registry.importer import FORMAT

# Cases read per chunk: few enough for SQLite's limits on one statement, many enough that
# the fixed queries per chunk are a small cost per case.
CHUNK_SIZE = 500
ORDER = ("filed_on", "receipt_number", "identifier", "pk")


def export_registry(
    queryset=None, *, restricted: bool = False, chunk_size: int = CHUNK_SIZE
) -> str:
    """The registry as JSON text (UTF-8, two-space indent, trailing newline)."""
    return "".join(iter_registry(queryset, restricted=restricted, chunk_size=chunk_size))


def iter_registry(
    queryset=None, *, restricted: bool = False, chunk_size: int = CHUNK_SIZE
) -> Iterator[str]:
    """The same text as ``export_registry``, in pieces (one per case), for writing as it is
    read: the same bytes as ``json.dumps(payload, ensure_ascii=False, indent=2) + "\\n"``."""
    profile = profiles.installed_slug()
    # The default profile is the format's own (absent means us-peru-tpa): files stay as they were.
    named = "" if profile == profiles.DEFAULT else ',\n  "profile": ' + json.dumps(profile)
    yield '{\n  "format": ' + json.dumps(FORMAT) + named + ',\n  "submissions": ['
    empty = True
    for case in iter_cases(queryset, restricted=restricted, chunk_size=chunk_size):
        text = json.dumps(case, ensure_ascii=False, indent=2)
        # JSON escapes line breaks inside strings, so every line break here is the layout's.
        yield ("\n" if empty else ",\n") + "\n".join("    " + line for line in text.split("\n"))
        empty = False
    yield ("]" if empty else "\n  ]") + "\n}\n"


def iter_cases(
    queryset=None, *, restricted: bool = False, chunk_size: int = CHUNK_SIZE
) -> Iterator[dict]:
    """Each case of ``queryset`` (default: all; public ones unless ``restricted``) as the
    export writes it, in the registry's order, read ``chunk_size`` cases at a time."""
    if queryset is None:
        queryset = Submission.objects.all()
    if not restricted:
        queryset = access.public_submissions(queryset)
    keys = queryset.order_by(*ORDER).values_list("pk", flat=True)
    chunk: list[int] = []
    for pk in keys.iterator(chunk_size=chunk_size):
        chunk.append(pk)
        if len(chunk) >= chunk_size:
            yield from _export_chunk(chunk, restricted)
            chunk = []
    if chunk:
        yield from _export_chunk(chunk, restricted)


def public_case(submission, explained_in=()) -> dict:
    """One case exactly as the public export writes it (the open-data API's detail); with
    ``explained_in`` (language codes), each period's explanation in those too
    (``explanations``: walk 112, English alone for a Spanish or French reader)."""
    pks = [submission.pk]
    return _export_case(
        submission,
        False,
        _events_of(pks)[submission.pk],
        _documents_of(pks),
        _parts_of(pks),
        explained_in,
    )


def public_documents_by_event(submission, events, timeline) -> dict[int, list]:
    """The documents the public export lists under each event of ``timeline`` (the case's
    ``events`` as the public sees them), in its order (the API links each to its file)."""
    return public_listing(timeline, events, _documents_of([submission.pk]))


def public_submitter(submitter) -> dict:
    """A submitter as the public export writes it: no name when it is withheld."""
    return _export_submitter(submitter, restricted=False)


def _export_chunk(pks: list[int], restricted: bool) -> Iterator[dict]:
    """The cases ``pks`` (in that order) with seven queries, whatever their number."""
    by_pk = {
        case.pk: case for case in Submission.objects.filter(pk__in=pks).select_related("party")
    }
    events = _events_of(pks)
    documents = _documents_of(pks)
    parts = _parts_of(pks)
    for pk in pks:
        if pk in by_pk:  # removed since the keys were read
            yield _export_case(by_pk[pk], restricted, events[pk], documents, parts)


@dataclass
class Parts:
    """A case's rows besides its events: read for a whole chunk at once and grouped here (a
    ``prefetch_related`` makes a queryset per case, a third of the export's time)."""

    memberships: list = field(default_factory=list)
    laws: list = field(default_factory=list)
    related: list = field(default_factory=list)  # identifiers
    deadlines: list = field(default_factory=list)


def _parts_of(pks: Iterable[int]) -> dict[int, Parts]:
    parts = defaultdict(Parts)
    for membership in SubmissionSubmitter.objects.filter(submission_id__in=pks).select_related(
        "submitter"
    ):
        parts[membership.submission_id].memberships.append(membership)
    for link in SubmissionLaw.objects.filter(submission_id__in=pks).select_related("law"):
        parts[link.submission_id].laws.append(link.law)
    for pk, identifier in Submission.related.through.objects.filter(
        from_submission_id__in=pks
    ).values_list("from_submission_id", "to_submission__identifier"):
        if identifier:
            parts[pk].related.append(identifier)
    for deadline in Deadline.objects.filter(submission_id__in=pks).order_by("pk"):
        parts[deadline.submission_id].deadlines.append(deadline)
    return parts


def _events_of(pks: Iterable[int]) -> dict[int, list]:
    events = defaultdict(list)
    for event in (
        Event.objects.filter(submission_id__in=pks)
        .select_related("recorded_by")
        .order_by("submission_id", "seq")
    ):
        events[event.submission_id].append(event)
    return events


def _documents_of(pks: Iterable[int]) -> dict[int, list]:
    """The documents of the events of cases ``pks``, by event, in their order."""
    documents = defaultdict(list)
    for document in Document.objects.filter(submission_id__in=pks, event__isnull=False).order_by(
        "event_id", "position", "pk"
    ):
        documents[document.event_id].append(document)
    return documents


def _export_case(submission, restricted, events, documents, parts, explained_in=()) -> dict:
    """``events``: the case's events in order; ``documents``: their documents by event id;
    ``parts``: the other rows of the chunk's cases, by case (``_parts_of``)."""
    own = parts[submission.pk]
    memberships = own.memberships
    withheld_later = {e.data.get("submitter") for e in events if e.kind == "identity_withheld"}
    joined_later = sum(
        len(e.data.get("submitters", [])) for e in events if e.kind == "submitters_joined"
    )
    initial = memberships[: len(memberships) - joined_later]
    # The names the public does not read: in the case's texts, its events' and documents'
    # titles and notes, the label instead (withheld.masked).
    names = (
        [] if restricted else [m.submitter.name for m in memberships if m.submitter.confidential]
    )
    case = {}
    if restricted or submission.identifier:
        # An imported case not yet acknowledged keeps the identifier reserved for it.
        case["identifier"] = submission.identifier or submission.imported_identifier or None
    if restricted:
        case["receipt_number"] = submission.receipt_number
    case["party"] = submission.party.code
    case["language"] = submission.language
    withheld.mask_case(submission, names)
    case["title"] = submission.texts("title")
    case["summary"] = submission.texts("summary")
    case["laws"] = [
        {"name": law.name, **({"provisions": law.provisions} if law.provisions else {})}
        for law in own.laws
    ]
    case["submitters"] = [
        _export_submitter(m.submitter, restricted, position not in withheld_later)
        for position, m in enumerate(initial)
    ]
    related = sorted(own.related)
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
    # The public sees the public events, and those the Secretariat published by a decision,
    # with any title or note it withheld left blank (published.public_timeline, as the docket).
    # A withheld name typed into a title or note reads as the label there too.
    visible = (
        list(events)
        if restricted
        else published.public_timeline(events, names, submission.language)
    )
    confidential_positions = {i for i, m in enumerate(memberships) if m.submitter.confidential}
    if not restricted:
        documents = public_listing(visible, events, documents)
    case["events"] = [
        _export_event(e, restricted, len(initial), confidential_positions, events, documents, names)
        for e in visible
    ]
    if not restricted:
        _renumber_references(case["events"], visible)
    case["stage"] = submission.stage
    case["status"] = "open" if submission.stage != Stage.CLOSED else "closed"
    case["closure_reason"] = submission.closure_reason or None
    case["chain_hash"] = submission.chain_head
    # The public export lists only the periods a member of the public can see: not those
    # opened by an event the public does not see (a draft's date while it is unpublished).
    # A period a public event opened and a later one only moved (the request's delivery)
    # stays listed, as the docket lists it.
    shown = {e.pk for e in visible}
    hidden = {e.pk for e in events if e.pk not in shown}
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
            # The due date a missed target had before the Secretariat set a new one.
            **({"original_due_on": d.original_due_on.isoformat()} if d.original_due_on else {}),
            "explanation": explain(d, "en"),  # the format's explanations are in English
            **(
                {"explanations": {code: explain(d, code) for code in explained_in}}
                if explained_in
                else {}
            ),
        }
        for d in own.deadlines
        if restricted or d.listed_publicly(hidden)
    ]
    return case


def public_listing(visible, events, documents) -> dict[int, list]:
    """Each shown event's public documents, and after them the public translations of those
    that an entry the public does not see added (``access.public_documents``: the docket
    shows such a translation beside its original; walk 146, the English final record, added
    by a letter kept with the Parties, was on the page and not in the export)."""
    public = Visibility.PUBLIC
    listed = {e.pk: [d for d in documents.get(e.pk, ()) if d.visibility == public] for e in visible}
    event_of = {d.pk: pk for pk, own in listed.items() for d in own}
    for event in events:
        if event.pk not in listed:
            for d in documents.get(event.pk, ()):
                if d.visibility == public and d.translation_of_id in event_of:
                    listed[event_of[d.translation_of_id]].append(d)
    return listed


def _renumber_references(items, visible) -> None:
    """An erratum names the decision it corrects by its index in the case's events
    (``corrects``), a publication the comments it publishes as sent (``with_comments``);
    the public export lists only the public ones, so each index is the event's place in that
    list (walk 22: the API gave its place in the whole history, where hidden proposals count,
    and pointed at a Party's letter; walk 105, the same for ``with_comments``)."""
    place = {event.seq - 1: index for index, event in enumerate(visible)}
    for item in items:
        if isinstance(item.get("corrects"), int):
            if item["corrects"] in place:
                item["corrects"] = place[item["corrects"]]
            else:
                del item["corrects"]  # a decision the public does not see
        if isinstance(item.get(published.WITH_COMMENTS), list):
            item[published.WITH_COMMENTS] = [
                place[index] for index in item[published.WITH_COMMENTS] if index in place
            ]
        for document in item.get("documents", ()):  # a version of an earlier event's document
            for key in ("translation_of", "redacted_version_of"):
                target = document.get(key)
                if isinstance(target, list) and target[0] in place:
                    document[key] = [place[target[0]], target[1]]
                elif isinstance(target, list):  # its event not public
                    del document[key]
                    if key == "translation_of":
                        document.pop("official_translation", None)


def _export_submitter(submitter, restricted, confidential_as_filed=True) -> dict:
    """PROCESS.md: a withheld identity is withheld "on every surface": the public export
    writes it as ``{"confidential": true}`` alone, neither name nor kind nor country (walks
    111, 112: "an individual of Canada" narrowed down whom the docket kept unnamed). A gap in
    REGISTRY-FORMAT.md, which requires ``kind`` and ``country`` (docs/registry-extensions.md)."""
    confidential = submitter.confidential and (confidential_as_filed or not restricted)
    if submitter.confidential and not restricted:
        return {"confidential": True}
    item = {"name": submitter.name}
    item["kind"] = submitter.kind
    item["country"] = submitter.nationality
    item["confidential"] = confidential
    if restricted:
        for key in ("residence", "email", "phone", "postal_address", "preferred_language"):
            if getattr(submitter, key):
                item[key] = getattr(submitter, key)
    return item


# Kept from the public file: a filing's digests (a public file lacks the Secretariat-only
# events that later changed the texts; a withheld name's digest could be guessed).
PRIVATE_KEYS = (
    *published.PRIVATE_DATA,
    "proposal_event",
    "texts_sha256",
    "laws_sha256",
    "submitters_sha256",
)


def _export_event(
    event, restricted, initial_count, confidential_positions, all_events, documents_by_event, names
) -> dict:
    item = {"on": event.on.isoformat(), "kind": event.kind}
    data = dict(event.data)
    if event.kind == "submitters_joined" and not restricted:
        offset = initial_count + sum(
            len(e.data.get("submitters", []))
            for e in all_events
            if e.kind == "submitters_joined" and e.seq < event.seq
        )
        data["submitters"] = [  # a withheld identity as the case's list writes it
            {"confidential": True}
            if offset + i in confidential_positions
            else {k: v for k, v in s.items() if k in ("name", "kind", "country", "confidential")}
            for i, s in enumerate(data["submitters"])
        ]
    for key in sorted(data):
        # A filing's digest of its texts is left out too: a public file lacks the
        # Secretariat-only events that later changed them, so it could not be checked.
        if not restricted and key in PRIVATE_KEYS:
            continue
        item[key] = data[key]
    item["author"] = event.author
    for key in ("title", "code", "note"):
        if getattr(event, key):
            item[key] = getattr(event, key)
    if restricted:
        item["visibility"] = event.visibility
    documents = documents_by_event.get(event.pk, [])
    if not restricted:
        documents = [d for d in documents if d.visibility == Visibility.PUBLIC]
    index_of = {d.pk: i for i, d in enumerate(documents)}
    links = {d.translation_of_id for d in documents} | {d.redacted_version_of_id for d in documents}
    if links - set(index_of) - {None}:
        # Links to a document of an earlier event, as [event_index, position]; in the public
        # export, to a public one, by its place among that event's public documents (walk
        # 113: the API did not say a later translation translated anything), the event's
        # index renumbered among the public events (_renumber_references).
        for other in all_events:
            if other.seq < event.seq:
                listed = documents_by_event.get(other.pk, [])
                if not restricted:
                    listed = [d for d in listed if d.visibility == Visibility.PUBLIC]
                for place, d in enumerate(listed):
                    index_of.setdefault(d.pk, [other.seq - 1, d.position if restricted else place])
    if documents:
        item["documents"] = [_export_document(d, index_of, restricted, names) for d in documents]
    if restricted:
        item["recorded_at"] = event.recorded_at.astimezone(datetime.UTC).isoformat()
        item["recorded_by"] = event.recorded_by.username if event.recorded_by_id else None
        item["hash"] = event.hash
        if event.key_id:
            # A keyed hash covers the recorder's account id, not its name.
            item["key_id"] = event.key_id
            if event.recorded_by_id:
                item["recorded_by_id"] = event.recorded_by_id
    return item


def _export_document(document, index_of, restricted, names) -> dict:
    item = {
        "language": document.language,
        "title": withheld.masked(document.title, names, document.language),
    }
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
