"""The tamper-evident chain: each event's hash covers the previous hash and all its content.

The canonical serialisation is JSON with sorted keys, no insignificant white space and UTF-8,
over every stored field of the event (dates as ISO strings, the recorder as a user id) and
the documents it carries (metadata as recorded and each file's SHA-256, not where the file is
stored). The hash is an HMAC-SHA256 under a key kept outside the database
(``settings.SEM_CHAIN_KEYS``; the event stores the key's id, so keys can be rotated): whoever
can write to the database but does not hold the key cannot recompute a rewritten chain.
Events recorded before keys were introduced (empty ``key_id``) keep their unkeyed SHA-256 over
the recorder's username. The case keeps the head hash and the number of events, which are
public. ``workflow.verification`` checks whole installations in batches.
"""

import datetime
import hashlib
import hmac
import json

from django.conf import settings
from django.utils.translation import gettext as _

from submissions import published
from submissions.models import (
    Document,
    Submission,
    SubmissionLaw,
    SubmissionSubmitter,
    Submitter,
    User,
)
from submissions.stages import Stage, Visibility
from workflow import council
from workflow.chain_outside import Outside, changed_fields
from workflow.chain_problems import (
    Break,
    closure_label,
    file_problems,
    kind_label,
    label_of,
    row_problems,
)
from workflow.models import Event
from workflow.streams import CHUNK, DOCUMENT_FIELDS, EVENT_FIELDS, FILER, Stream, by_case
from workflow.table import TABLE

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


class UnknownKey(Exception):
    """The event was hashed under a key this installation does not hold."""


def chain_keys() -> dict:
    return settings.SEM_CHAIN_KEYS


def current_key_id() -> str:
    return settings.SEM_CHAIN_KEY_ID


def unkeyed_before() -> datetime.datetime | None:
    value = settings.SEM_CHAIN_UNKEYED_BEFORE
    return datetime.datetime.fromisoformat(value) if value else None


def keyed_hash(key_id: str, prev_hash: str, content: dict) -> str:
    key = chain_keys().get(key_id)
    if key is None:
        raise UnknownKey(key_id)
    mac = hmac.new(key.encode(), digestmod=hashlib.sha256)
    mac.update(prev_hash.encode())
    mac.update(b"\n")
    mac.update(canonical({**content, "key_id": key_id}))
    return mac.hexdigest()


def compute_hash(prev_hash: str, content: dict) -> str:
    """The unkeyed rule of the events recorded before keys were introduced."""
    digest = hashlib.sha256()
    digest.update(prev_hash.encode())
    digest.update(b"\n")
    digest.update(canonical(content))
    return digest.hexdigest()


def hash_event(event, documents) -> str:
    """The event's hash under its own rule: keyed (over the recorder's id) when it has a key
    id, else the legacy unkeyed rule (over the recorder's username)."""
    if event.key_id:
        content = event_content(event, documents, event.recorded_by_id)
        return keyed_hash(event.key_id, event.prev_hash, content)
    recorded_by = event.recorded_by.username if event.recorded_by_id else None
    return compute_hash(event.prev_hash, event_content(event, documents, recorded_by))


def seal(event, documents, imported_hash: str | None = None, imported_key_id: str = "") -> None:
    """Set the event's ``key_id`` and ``hash``. A live event (or an import without hashes) is
    hashed under the current key; an event of a restricted export keeps the exported key id
    (none: the legacy rule) and, when this installation does not hold that key, the exported
    hash, which it cannot check."""
    if imported_hash is None:
        event.key_id = current_key_id()
    else:
        event.key_id = imported_key_id or ""
        if event.key_id and event.key_id not in chain_keys():
            event.hash = imported_hash
            return
    event.hash = hash_event(event, documents)


def _council_decided(events, event, effect) -> bool:
    """Whether the Council's members' acts up to ``event`` (included) make the Council's
    decision that ``event``'s effect waits for, as the services decided when recording it."""
    facts = [
        {"kind": e["kind"], "data": e["data"], "on": e["on"]}
        for e in events
        if e["seq"] <= event["seq"]
    ]
    if effect.by_council_refusal:
        return council.refused(facts)
    return council.decides(facts, event["kind"])


def verify_submission(submission, check_files: bool = True) -> Break | None:
    """The first problem of a case (its chain, then what the events say its state is), or
    ``None`` when the case is intact."""
    problems = problems_of(submission, check_files)
    return problems[0] if problems else None


def problems_of(submission, check_files: bool = True) -> list[Break]:
    """Every problem of a case: its chain, the state its events lead to (stage, documents'
    visibility, withheld identities) and, with ``check_files``, its stored files."""
    case = Submission.objects.filter(pk=submission.pk)
    return next(iter(verify_all(case, check_files, seals=True)))[1]


def verify_all(submissions=None, check_files: bool = True, seals: bool = False):
    """Check every case in ``submissions`` (default: all), streamed in batches: a handful of
    queries for the whole installation. Yields ``(submission, [Break, ...])`` per case."""
    everything = submissions is None
    submissions = (Submission.objects.all() if everything else submissions).order_by("pk")
    submissions = submissions.select_related("party")  # the row's Party, checked (row_problems)

    def of_cases(queryset):
        return queryset if everything else queryset.filter(submission__in=submissions.values("pk"))

    events = Stream(
        by_case(of_cases(Event.objects.order_by("submission_id", "seq", "id")), EVENT_FIELDS)
    )
    docs = Stream(
        by_case(
            of_cases(Document.objects.order_by("submission_id", "position", "id")),
            DOCUMENT_FIELDS,
        )
    )
    members = Stream(
        by_case(
            of_cases(SubmissionSubmitter.objects.order_by("submission_id", "position")),
            ("submission_id", "position", "submitter_id", "submitter__confidential", *FILER),
        )
    )
    # The laws and the people filed, against the filing's digests of them (row_problems).
    laws = Stream(
        by_case(
            of_cases(SubmissionLaw.objects.order_by("submission_id", "position", "id")),
            ("submission_id", "law__name", "law__provisions"),
        )
    )
    outside = Outside(submissions, seals)
    withheld_when_created = set(
        Submitter.history.filter(history_type="+", confidential=True).values_list("id", flat=True)
    )
    usernames = None
    for submission in submissions.iterator(chunk_size=CHUNK):
        rows = events.take(submission.pk)
        if usernames is None and any(not row["key_id"] for row in rows):
            usernames = dict(User.objects.values_list("id", "username"))
        check = _CaseCheck(submission, rows, docs.take(submission.pk), usernames or {})
        problems = check.chain()
        problems += check.state(
            members.take(submission.pk), withheld_when_created, laws.take(submission.pk)
        )
        problems += outside.problems(submission, rows, check._break)
        if check_files:
            problems += check.files()
        yield submission, problems


def _link(target_id, index_in_event: dict, positions: dict):
    if target_id is None:
        return None
    if target_id in index_in_event:
        return index_in_event[target_id]
    return positions.get(target_id)


class _CaseCheck:
    """One case, from its streamed rows: its chain, then its state replayed from its events."""

    def __init__(self, submission, events, documents, usernames):
        self.submission, self.events, self.documents = submission, events, documents
        self.usernames = usernames
        self.seq_of = {e["id"]: e["seq"] for e in events}
        self.documents_of = {}
        for document in documents:  # ordered by position
            self.documents_of.setdefault(document["event_id"], []).append(document)
        self.positions = {
            d["id"]: [self.seq_of.get(d["event_id"], 0) - 1, d["position"]] for d in documents
        }

    def _break(self, seq, message) -> Break:
        return Break(self.submission, seq, message)

    def _content(self, event, recorded_by) -> dict:
        documents = self.documents_of.get(event["id"], [])
        index_in_event = {d["id"]: i for i, d in enumerate(documents)}
        return {
            "seq": event["seq"],
            "kind": event["kind"],
            "on": event["on"].isoformat(),
            "recorded_at": event["recorded_at"].isoformat(),
            "recorded_by": recorded_by,
            "author": event["author"],
            "stage_before": event["stage_before"],
            "stage_after": event["stage_after"],
            "data": event["data"],
            "visibility": event["visibility"],
            "code": event["code"],
            "title": event["title"],
            "note": event["note"],
            "proposal": self.seq_of.get(event["proposal_id"]),
            "documents": [
                {
                    "language": d["language"],
                    "title": d["title"],
                    "kind": d["kind"],
                    "visibility": d["initial_visibility"],
                    "translation_of": _link(d["translation_of_id"], index_in_event, self.positions),
                    "official_translation": d["official_translation"],
                    "redacted_version_of": _link(
                        d["redacted_version_of_id"], index_in_event, self.positions
                    ),
                    "sha256": d["sha256"],
                    "size": d["size"],
                }
                for d in documents
            ],
        }

    def chain(self) -> list[Break]:
        prev, keyed, cutoff, changed = GENESIS, False, unkeyed_before(), []
        for expected, event in enumerate(self.events, start=1):
            seq = event["seq"]
            if seq != expected:
                return [
                    self._break(
                        expected,
                        _("event %(expected)s is missing (found event %(seq)s in its place)")
                        % {"expected": expected, "seq": seq},
                    )
                ]
            if event["prev_hash"] != prev:
                return [
                    self._break(
                        seq,
                        _(
                            "does not follow the previous event (events deleted, reordered or "
                            "swapped)"
                        ),
                    )
                ]
            if event["key_id"]:
                keyed = True
                try:
                    digest = keyed_hash(
                        event["key_id"], prev, self._content(event, event["recorded_by_id"])
                    )
                except UnknownKey:
                    return [
                        self._break(
                            seq,
                            _(
                                "hashed under key “%(key)s”, which this installation does not "
                                "hold (SEM_CHAIN_KEYS): it cannot be verified"
                            )
                            % {"key": event["key_id"]},
                        )
                    ]
            elif keyed or (cutoff is not None and event["recorded_at"] >= cutoff):
                return [
                    self._break(
                        seq,
                        _(
                            "carries no key although it was recorded after keys were "
                            "introduced (rewritten with the unkeyed rule)"
                        ),
                    )
                ]
            else:
                username = self.usernames.get(event["recorded_by_id"])
                digest = compute_hash(prev, self._content(event, username))
            if digest != event["hash"]:
                # Each rewritten event is named, with what differs from its row history
                # (walk 84: only the first was, and not what had changed).
                fields = changed_fields(event)
                changed.append(
                    self._break(
                        seq,
                        _("content changed after it was recorded: %(fields)s") % {"fields": fields}
                        if fields
                        else _("content changed after it was recorded"),
                    )
                )
            prev = event["hash"]
        if changed:
            return changed
        submission = self.submission
        if submission.event_count != len(self.events):
            return [
                self._break(
                    None,
                    _(
                        "the case records %(recorded)s events but %(left)s remain (the last "
                        "ones were deleted)"
                    )
                    % {"recorded": submission.event_count, "left": len(self.events)},
                )
            ]
        if submission.chain_head != prev:
            return [self._break(None, _("the head hash does not match the last event"))]
        return []

    def state(self, members, withheld_when_created, laws=()) -> list[Break]:
        """Replay the events through the table: the stage and closure they lead to, each
        document's visibility, and whose identity they withhold; name every difference."""
        problems = []
        stage = closure = ""
        visibility = {d["id"]: d["initial_visibility"] for d in self.documents}
        at = {(self.seq_of.get(d["event_id"]), d["position"]): d for d in self.documents}
        joined = sum(
            len(e["data"].get("submitters", []))
            for e in self.events
            if e["kind"] == "submitters_joined"
        )
        next_position = len(members) - joined
        withheld = {}  # position -> why
        for event in self.events:
            seq, data, rule = event["seq"], event["data"], TABLE.get(event["kind"])
            if rule is None:
                problems.append(
                    self._break(seq, _("unknown event kind “%(kind)s”") % {"kind": event["kind"]})
                )
                continue
            if event["stage_before"] != stage or not rule.allowed_in(stage):
                problems.append(
                    self._break(
                        seq,
                        _("“%(kind)s” cannot follow the stage “%(stage)s”")
                        % {"kind": kind_label(event["kind"]), "stage": label_of(Stage, stage)},
                    )
                )
            effect = rule.effect(data.get("outcome"))
            to = effect.to if effect.from_stages is None or stage in effect.from_stages else None
            if (effect.by_council_rule or effect.by_council_refusal) and not _council_decided(
                self.events, event, effect
            ):
                to = None  # one member of several the Council's rule asks for (effects.apply)
            if rule.kind == "reopened":
                to, closure = data.get("to_stage"), ""
            if rule.kind == "unrecorded_steps":
                to = data.get("stage")
            elif to == Stage.CLOSED:
                closure = effect.closure or data.get("reason", "")
            expected = to or stage
            if event["stage_after"] != expected:
                problems.append(
                    self._break(
                        seq,
                        _("leaves the case at “%(recorded)s”; the table, at “%(expected)s”")
                        % {
                            "recorded": label_of(Stage, event["stage_after"]),
                            "expected": label_of(Stage, expected),
                        },
                    )
                )
            stage = expected
            if rule.kind == "visibility_changed":  # a document, or an event's text and its own
                targets = (
                    [data["document"], *data.get("translations", ())]
                    if "document" in data
                    else [[data.get("event"), p] for p in data.get("with_documents") or ()]
                )
                for index, position in targets:
                    document = at.get((index + 1, position)) if type(index) is int else None
                    if document is not None:
                        visibility[document["id"]] = data["to"]
            elif rule.kind == "published":
                self._publish(visibility, seq, data.get("attach_comments") or ())
                # The comments it publishes as sent (published.WITH_COMMENTS): their documents
                # marked for the public.
                by_seq = {e["seq"]: e for e in self.events}
                for target in published.published_comments(data):
                    sent = (by_seq.get(target) or {}).get("data")
                    for position in published.sent_for_public(sent)[1]:
                        if (document := at.get((target, position))) is not None:
                            visibility[document["id"]] = Visibility.PUBLIC
            elif rule.kind == "identity_withheld":
                withheld[data["submitter"]] = _("by event %(seq)s") % {"seq": seq}
            elif rule.kind == "submitters_joined":
                for item in data["submitters"]:
                    if item.get("confidential"):
                        withheld[next_position] = _("when they joined (event %(seq)s)") % {
                            "seq": seq
                        }
                    next_position += 1
        submission = self.submission
        problems += row_problems(self._break, submission, self.events, members, laws)
        if (submission.stage, submission.closure_reason) != (stage, closure):
            problems.append(
                self._break(
                    None,
                    _(
                        "the case shows the stage “%(shown)s” (%(shown_closure)s) but its "
                        "events lead to “%(stage)s” (%(closure)s)"
                    )
                    % {
                        "shown": label_of(Stage, submission.stage),
                        "shown_closure": closure_label(submission.closure_reason),
                        "stage": label_of(Stage, stage),
                        "closure": closure_label(closure),
                    },
                )
            )
        for document in self.documents:
            if document["visibility"] != visibility[document["id"]]:
                problems.append(
                    self._break(
                        self.seq_of.get(document["event_id"]),
                        _(
                            "document “%(title)s” is shown to “%(shown)s” but its events allow "
                            "“%(allowed)s”"
                        )
                        % {
                            "title": document["title"],
                            "shown": label_of(Visibility, document["visibility"]),
                            "allowed": label_of(Visibility, visibility[document["id"]]),
                        },
                    )
                )
        for member in members:
            why = withheld.get(member["position"])
            if why is None and member["submitter_id"] in withheld_when_created:
                why = _("when filed")
            if why and not member["submitter__confidential"]:
                problems.append(
                    self._break(
                        None,
                        _(
                            "submitter %(number)s's identity is public although it was "
                            "withheld %(why)s"
                        )
                        % {"number": member["position"] + 1, "why": why},
                    )
                )
        return problems

    def _publish(self, visibility, seq, attached=()) -> None:
        """The final factual record, its translations and redacted versions become public, and
        the attached Parties' comments on the draft with theirs (effects._published)."""
        earlier = [d for d in self.documents if (self.seq_of.get(d["event_id"]) or 0) < seq]
        event_of = {e["id"]: e for e in self.events}

        def published_with(document) -> bool:
            event = event_of.get(document["event_id"])
            return event is not None and published.attached_with_the_record(
                event["kind"], event["data"], document["position"], attached
            )

        found = {d["id"] for d in earlier if published_with(d)}
        while True:
            more = {
                d["id"]
                for d in earlier
                if d["id"] not in found
                and (d["translation_of_id"] in found or d["redacted_version_of_id"] in found)
            }
            if not more:
                break
            found |= more
        for document_id in found:
            visibility[document_id] = Visibility.PUBLIC

    def files(self) -> list[Break]:
        return file_problems(self._break, self.documents, self.seq_of)
