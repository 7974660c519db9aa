"""The tamper-evident chain: each event's hash covers the previous hash and all its content.

The canonical serialisation is JSON with sorted keys, no insignificant white space and UTF-8,
over every stored field of the event (dates as ISO strings, the recorder as a username) and
the documents it carries (metadata as recorded and each file's SHA-256, not where the file is
stored). The case keeps the head hash and the number of events, which are public.
"""

import hashlib
import json
from dataclasses import dataclass

from submissions.models import Document
from workflow.models import Event

GENESIS = ""


def canonical(obj) -> bytes:
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def _position_of(document, name: str, documents) -> int | list[int] | None:
    """Where the document that ``name`` (a self link) points to is: its index in
    ``documents`` (the same event), or ``[event_index, position]`` for a document of another
    event of the case (a later translation or redacted version). Works for stored rows (by
    key) and for rows about to be stored (by identity). Same-event links stay plain indices,
    so hashes recorded before cross-event links existed do not change."""
    target_id = getattr(document, f"{name}_id")
    target = document._state.fields_cache.get(name)
    for index, candidate in enumerate(documents):
        if (target_id is not None and candidate.pk == target_id) or (
            target is not None and candidate is target
        ):
            return index
    if target is not None and target.event_id is None and "event" in target._state.fields_cache:
        return [target.event.seq - 1, target.position]  # an import's row not yet inserted
    if target_id is None:
        return None
    seq, position = Document.objects.filter(pk=target_id).values_list("event__seq", "position")[0]
    return [seq - 1, position]


def document_content(document, documents) -> dict:
    """The hashed content of one document: as it was recorded with its event."""
    return {
        "language": document.language,
        "title": document.title,
        "kind": document.kind,
        "visibility": document.initial_visibility,
        "translation_of": _position_of(document, "translation_of", documents),
        "official_translation": document.official_translation,
        "redacted_version_of": _position_of(document, "redacted_version_of", documents),
        "sha256": document.sha256,
        "size": document.size,
    }


def _proposal_seq(event) -> int | None:
    if event.proposal_id is not None:
        return event.proposal.seq
    pending = event._state.fields_cache.get("proposal")  # an import's row not yet inserted
    return pending.seq if pending is not None else None


def event_content(event, documents, recorded_by: str | None) -> dict:
    documents = sorted(documents, key=lambda d: d.position)
    return {
        "seq": event.seq,
        "kind": event.kind,
        "on": event.on.isoformat(),
        "recorded_at": event.recorded_at.isoformat(),
        "recorded_by": recorded_by,
        "author": event.author,
        "stage_before": event.stage_before,
        "stage_after": event.stage_after,
        "data": event.data,
        "visibility": event.visibility,
        "code": event.code,
        "title": event.title,
        "note": event.note,
        "proposal": _proposal_seq(event),
        "documents": [document_content(d, documents) for d in documents],
    }


def compute_hash(prev_hash: str, content: dict) -> str:
    digest = hashlib.sha256()
    digest.update(prev_hash.encode())
    digest.update(b"\n")
    digest.update(canonical(content))
    return digest.hexdigest()


def hash_event(event, documents) -> str:
    recorded_by = event.recorded_by.username if event.recorded_by_id else None
    return compute_hash(event.prev_hash, event_content(event, documents, recorded_by))


@dataclass
class Break:
    submission: object
    seq: int | None
    message: str

    def __str__(self):
        where = f"event {self.seq}" if self.seq is not None else "case"
        return f"{self.submission.reference}: {where}: {self.message}"


def verify_submission(submission) -> Break | None:
    """The first broken link of a case's chain, or ``None`` when the chain is intact."""
    events = list(
        Event.objects.filter(submission=submission)
        .select_related("recorded_by", "proposal")
        .prefetch_related("documents")
        .order_by("seq", "id")
    )
    prev = GENESIS
    for expected_seq, event in enumerate(events, start=1):
        if event.seq != expected_seq:
            return Break(
                submission,
                expected_seq,
                f"event {expected_seq} is missing (found event {event.seq} in its place)",
            )
        if event.prev_hash != prev:
            return Break(
                submission,
                event.seq,
                "does not follow the previous event (events deleted, reordered or swapped)",
            )
        if hash_event(event, list(event.documents.all())) != event.hash:
            return Break(submission, event.seq, "content changed after it was recorded")
        prev = event.hash
    if submission.event_count != len(events):
        return Break(
            submission,
            None,
            f"the case records {submission.event_count} events "
            f"but {len(events)} remain (the last ones were deleted)",
        )
    if submission.chain_head != prev:
        return Break(submission, None, "the head hash does not match the last event")
    return None
