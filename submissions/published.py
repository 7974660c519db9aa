"""What the public sees of a case's events: which of them, and of each its own text (title,
note, its author's own words) and documents, as the Secretariat's decisions left them.

Derived from the events alone (the hashed rows never change; a withheld original stays in the
restricted history). ``submissions.access`` gates the querysets with ``event_pks``;
every public surface reads an event's text through ``public_timeline``.
"""

import copy

from django.db.models import Q

from submissions.models import Document
from submissions.stages import Visibility
from submissions.withheld import in_sentence, masked

V = Visibility

# The Secretariat's act that publishes or redacts an event's own title and note on the public
# surfaces: a ``visibility_changed`` naming ``{"event": index, "fields": [...]}`` instead of a
# document (widening is a decision under four eyes; narrowing takes effect at once). What the
# public sees is derived from the events: the hashed event row never changes and its original
# stays in the restricted history.
TEXT_DECISION = "visibility_changed"
TEXT_FIELDS = ("title", "note")
# A decision's reasons for each criterion or factor, in its data (walk 91: a withheld
# co-filer's surname in a determination's reasons could not be taken off the docket).
REASONS, FINDINGS = "reasons", ("criteria", "factors")
WITHHOLDABLE = (*TEXT_FIELDS, REASONS)
# Where the profile does so, publication (``published``) names the Parties whose comments on the
# draft (``draft_commented``, at *parties*) it publishes with the final factual record, whole.
ATTACHING, ATTACHED = "published", "draft_commented"
# Elsewhere (the TPA, CAFTA-DR: PROCESS.md, step 10, "the Parties' comments on the draft stay
# at *parties* unless a Party asked for them to be public"), publication names, by index, the
# comments sent for the public on which the Secretariat had not decided (``WITH_COMMENTS``),
# and publishes what each was sent with for the public: its text where its author asked
# (``publish_requested``), the documents it marked (``for_public``).
WITH_COMMENTS = "with_comments"
# Keys of an event's data that are its author's own words (a Party's Art. 18.8.5(b)
# information, its Art. 18.8.5(a) declaration and the details of a pending proceeding):
# withheld from the public with the event's note (walk 19: the API showed a court's case
# number the Party had sent for the Secretariat's review; walk 40: the docket and the feed
# showed "pending proceeding declared: no" before the Secretariat published the response).
TEXT_DATA = ("information", "pending_proceeding", "proceeding")
# An event shown only for the documents a decision made public (``public_text``) shows its
# kind, date, author and those documents: of its data only the Party it is of, never what
# else its author gave (walk 32's comments; a member of the public's name and email beside
# the information she sent).
OPENED, OPENED_DATA = "data", ("party",)


def public_text(events) -> dict[int, frozenset | None]:
    """For each event of one case (given in order), by ``seq``: ``None`` if the public does
    not see it, else the fields of its own text (title, note) withheld from the public, and
    ``OPENED`` where it is shown only for its documents.

    PROCESS.md: what a Party or the Council sends through a portal for the public
    (``publish_requested``) waits until the Secretariat publishes it — an item at *parties*
    is not shown at all, a public kind's text is withheld; a later decision may redact a
    field of any event. A publication that attaches Parties' comments on the draft shows
    them whole."""
    shown: dict[int, bool] = {}
    hidden: dict[int, set] = {}
    comments: dict[int, str] = {}  # seq -> the commenting Party, for ``attach_comments``
    sent: dict[int, dict] = {}  # seq -> a comment's data, for ``with_comments``
    # seq -> the documents (positions) of an event not otherwise shown that a decision made
    # public: the event is shown for them, its own text withheld (walk 32: a Party's comments
    # made public stayed off the docket while their event was held).
    opened: dict[int, tuple[set, set]] = {}  # seq -> (positions, its text withheld before)
    for event in events:
        data = event.data or {}
        if event.kind == ATTACHED:
            comments[event.seq] = data.get("party")
            sent[event.seq] = data
        if event.kind == ATTACHING and isinstance(data.get("attach_comments"), list):
            for seq, party in comments.items():
                if party in data["attach_comments"]:
                    shown[seq], hidden[seq] = True, set()
                    opened.pop(seq, None)
        for seq in published_comments(data) if event.kind == ATTACHING else ():
            if seq not in sent:
                continue
            text, positions = sent_for_public(sent[seq])
            if text:  # its words, and its documents as their rows say
                shown[seq], hidden[seq] = True, set()
                opened.pop(seq, None)
            elif positions:  # shown for its documents alone, as a decision on one shows it
                marked, before = opened.setdefault(seq, (set(), hidden[seq]))
                marked.update(positions)
                shown[seq], hidden[seq] = True, {*TEXT_FIELDS, OPENED}
        if event.kind == TEXT_DECISION and "event" in data:
            target = data.get("event")
            seq = target + 1 if isinstance(target, int) else None
            if seq not in shown:
                continue
            fields = set(data.get("fields") or ()) & set(WITHHOLDABLE)
            if data.get("to") == V.PUBLIC:
                if seq in opened:  # published now as any event is, whatever its documents
                    hidden[seq] = opened.pop(seq)[1]
                shown[seq] = True
                hidden[seq] -= fields
            else:
                hidden[seq] |= fields
            continue
        seq, position = _document_target(data) if event.kind == TEXT_DECISION else (None, None)
        widens = data.get("to") == V.PUBLIC
        if seq in shown and (seq in opened or (widens and not shown[seq])):
            positions, before = opened.setdefault(seq, (set(), hidden[seq]))
            (positions.add if widens else positions.discard)(position)
            shown[seq] = bool(positions)
            hidden[seq] = {*TEXT_FIELDS, OPENED} if positions else before
        shown[event.seq] = event.visibility == V.PUBLIC
        hidden[event.seq] = set(TEXT_FIELDS) if data.get("publish_requested") else set()
    return {seq: frozenset(hidden[seq]) if shown[seq] else None for seq in shown}


def strings_of(value):
    """Every text in ``value``, an event's data (a determination's reasons, a Party's
    information), however nested."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings_of(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings_of(item)


def without_reasons(data: dict) -> dict:
    """An event's data with each criterion's and factor's reasons left out, its finding kept."""
    kept = dict(data)
    for key in FINDINGS:
        if isinstance(kept.get(key), dict):
            kept[key] = {
                item: {k: v for k, v in found.items() if k != REASONS}
                if isinstance(found, dict)
                else found
                for item, found in kept[key].items()
            }
    return kept


def reasons_masked(data: dict, names, language=None) -> dict:
    """An event's data with each criterion's and factor's reasons writing any of ``names`` as
    a sentence says a withheld name (walk 151: "(b) … identifica a María Fernanda Quispe
    Huamán" on the docket, its feeds and the API; ``withheld.in_sentence``)."""
    if not names:
        return data
    kept = dict(data)
    for key in FINDINGS:
        if isinstance(kept.get(key), dict):
            kept[key] = {
                item: {**found, REASONS: in_sentence(found[REASONS], names, language)}
                if isinstance(found, dict) and isinstance(found.get(REASONS), str)
                else found
                for item, found in kept[key].items()
            }
    return kept


def words_beside_note(data) -> bool:
    """Whether an author sent words beside the note in ``data`` (``TEXT_DATA``: a Party's
    information; a declaration of no pending proceeding, ``False``, is words too)."""
    return any((data or {}).get(key) not in (None, "", {}, []) for key in TEXT_DATA)


def has_reasons(data) -> bool:
    return any(
        isinstance(found, dict) and found.get(REASONS)
        for key in FINDINGS
        if isinstance((data or {}).get(key), dict)
        for found in data[key].values()
    )


# The people an entry's data names (``submitters_joined``): the docket writes their names, a
# withheld one's label, never an address (walk 124: a withheld joiner's name, read here, was
# flagged as a withheld name the public reads).
PEOPLE_DATA = frozenset({"submitters"})


# The part of a withheld name the proposer confirmed does not identify the person, kept with
# the step for the Director and the auditor: never a public word (it says whose name it is).
NAME_PARTS_CONFIRMED = "name_parts_confirmed"
# Data the Secretariat keeps to itself: why a step bears an earlier date, and that.
PRIVATE_DATA = frozenset({"date_reason", NAME_PARTS_CONFIRMED})
# Data that are codes, not words (walk 167: the Director's card quoted a Council member's
# reasons ending "MX", its Party's code).
CODE_DATA = frozenset(
    {
        "party",
        "outcome",
        "deadline",
        "from",
        "to",
        "to_stage",
        "stage",
        "officer",
        "with",
        "identifier",
        "corrects",
        "attach_comments",
        "link",
        "other",
        "delivered_on",
        "new_due_on",
        "closes_on",
        "fields",
        "texts_sha256",
        "laws_sha256",
        "submitters_sha256",
    }
)


def words_published(event, fields) -> str:
    """The words of ``event`` that publishing its ``fields`` (a text decision's: title, note,
    reasons) puts before the public (walk 160: a Council member's reasons naming "Mme
    Lacoursière" were published with no word to the officer or the Director)."""
    return public_words(event, {f for f in (*TEXT_FIELDS, REASONS) if f not in set(fields)})


def public_words(event, hidden=frozenset()) -> str:
    """The words of ``event`` a reader of the docket reads, ``hidden`` (``public_text``'s)
    withheld: its title and note, and the texts of its data (walk 90: a determination's
    reasons and a Party's information), the author's own words going with the note."""
    parts = [getattr(event, name) or "" for name in TEXT_FIELDS if name not in hidden]
    data = without_reasons(event.data or {}) if REASONS in hidden else event.data or {}
    for key, value in data.items():
        if key in PRIVATE_DATA or key in CODE_DATA:
            continue
        if key in PEOPLE_DATA:  # the names the docket writes: not a withheld one's
            people = value if isinstance(value, list) else []
            parts.extend(
                str(p.get("name") or "")
                for p in people
                if isinstance(p, dict) and not p.get("confidential")
            )
            continue
        if not (key in TEXT_DATA and "note" in hidden):
            parts.extend(strings_of(value))
    return "\n".join(parts)


def sent_for_public(data) -> tuple[bool, list[int]]:
    """What an entry's author sent for the public: its text, and its documents by position."""
    data = data or {}
    positions = data.get("for_public")
    positions = [p for p in positions if type(p) is int] if isinstance(positions, list) else []
    return bool(data.get("publish_requested")), positions


def attached_with_the_record(kind: str, data, position: int, attached) -> bool:
    """Whether a publication attaching the comments of the Parties ``attached`` publishes the
    document at ``position`` of an event (``kind``, ``data``): the final record's, and those
    of an attached Party's comments, but for the documents its Party kept from the public
    when it sent the rest for it (walk 108: a reserved annex became public with them)."""
    if kind == "final_submitted":
        return True
    if kind != ATTACHED or (data or {}).get("party") not in attached:
        return False
    marked = (data or {}).get("for_public")
    return not isinstance(marked, list) or position in marked


def published_comments(data) -> list[int]:
    """The seqs of the comments a publication publishes as sent (``WITH_COMMENTS``)."""
    items = (data or {}).get(WITH_COMMENTS)
    return [index + 1 for index in items if type(index) is int] if isinstance(items, list) else []


def publishers(events) -> dict[int, int]:
    """By seq, the entry that last published each entry held from the public (its text or a
    document of it): a decision on it, or a publication of the final record that attached
    or published it as sent (walk 105: "a later entry published it" named none)."""
    found, comments = {}, {}
    for event in events:
        data = event.data or {}
        if event.kind == ATTACHED:
            comments[event.seq] = data.get("party")
        if event.kind == TEXT_DECISION and data.get("to") == V.PUBLIC:
            target = decided_entry(data)
            if target is not None:
                found[target] = event.seq
        elif event.kind == ATTACHING:
            attached = data.get("attach_comments")
            for seq, party in comments.items():
                if isinstance(attached, list) and party in attached:
                    found[seq] = event.seq
            found.update(dict.fromkeys(published_comments(data), event.seq))
    return found


def decided_entries(decisions) -> set:
    """The seqs of the entries the visibility decisions (their data) named, their text or a
    document of them: decided on, not to be published again as sent (``WITH_COMMENTS``)."""
    return {decided_entry(data or {}) for data in decisions}


def decided_entry(data) -> int | None:
    """The seq of the entry a visibility decision names: its text, or a document of it."""
    if "event" in data:
        return data["event"] + 1 if type(data["event"]) is int else None
    return _document_target(data)[0]


def _document_target(data) -> tuple:
    """The (seq, position) of the document a visibility decision names (``[index,
    position]``, the index counting the case's events from 0), or (None, None)."""
    reference = data.get("document")
    if (
        isinstance(reference, list)
        and len(reference) == 2
        and all(isinstance(part, int) for part in reference)
    ):
        return reference[0] + 1, reference[1]
    return None, None


def changes_public_view(kind: str, visibility: str, data: dict) -> bool:
    """Whether an event changes what the public sees of its case: a public event, or a
    decision that publishes or withdraws a document or an entry's text (the docket's "last
    update", ``Submission.last_public_on``)."""
    if visibility == V.PUBLIC:
        return True
    return kind == TEXT_DECISION and V.PUBLIC in (data.get("from"), data.get("to"))


def public_timeline(events, names=(), language=None) -> list:
    """The events of one case (all of them, in order) as the public sees them: only those
    shown, each withheld field blank on a copy (the rows are never changed), and any of
    ``names`` (the case's withheld submitters', ``withheld.names_of``) its title or note
    writes in the withheld label's place, in ``language`` (the case's, the pages mark an
    event's text in it)."""
    events = list(events)
    state = public_text(events)
    # Sent for the public and not yet decided on: the pages say that its text awaits the
    # Secretariat's review (walk 44: a Party's response stood on the docket with no words and
    # no word of why).
    decided = {
        e.data["event"] + 1
        for e in events
        if e.kind == TEXT_DECISION and type((e.data or {}).get("event")) is int
    } | {seq for e in events if e.kind == ATTACHING for seq in published_comments(e.data)}
    # And the comments a publication attached (walk 108: "documents were sent with it for the
    # public; the Secretariat has not published them" above its public documents).
    parties = {e.seq: (e.data or {}).get("party") for e in events if e.kind == ATTACHED}
    for e in events:
        attached = (e.data or {}).get("attach_comments") if e.kind == ATTACHING else None
        if isinstance(attached, list):
            decided |= {seq for seq, party in parties.items() if party in attached}
    # The documents the Secretariat decided on one by one, by event (walk 94: a response whose
    # document alone was published still read "its text and the documents sent with it await
    # the Secretariat's review").
    reviewed: dict[int, set] = {}
    for e in events:
        seq, position = _document_target(e.data or {}) if e.kind == TEXT_DECISION else (None, 0)
        if seq is not None:
            reviewed.setdefault(seq, set()).add(position)
    result = []
    for event in events:
        withheld = state.get(event.seq)
        if withheld is None:
            continue
        raw, original = event, event.data or {}
        shown = {name: masked(getattr(event, name), names, language) for name in TEXT_FIELDS}
        shown["note"] = in_sentence(event.note, names, language)  # a sentence, not a label
        reasons = reasons_masked(original, names, language)
        if (
            withheld
            or reasons != original
            or any(shown[name] != getattr(event, name) for name in TEXT_FIELDS)
        ):
            event = copy.copy(event)
            event.data = reasons
            for name, text in shown.items():
                setattr(event, name, "" if name in withheld else text)
            if "note" in withheld:
                event.data = {k: v for k, v in (event.data or {}).items() if k not in TEXT_DATA}
            if REASONS in withheld:
                event.data = without_reasons(event.data or {})
                event.reasons_withheld = True  # the docket says so (workflow.describe)
            if OPENED in withheld:
                event.data = {k: v for k, v in (event.data or {}).items() if k in OPENED_DATA}
        # Whether documents wait with it (walk 49: a Council member's reasons, sent alone,
        # read "its text and the documents sent with it"), and words (walk 100: a Party's
        # comments, sent as documents alone, read "its text awaits" once they were public).
        for_public = original.get("for_public")
        waiting = set(for_public if isinstance(for_public, list) else ()) - reviewed.get(
            event.seq, set()
        )
        words = any(getattr(raw, name) for name in TEXT_FIELDS if name in withheld) or (
            "note" in withheld and words_beside_note(original)
        )
        event.awaits_review = (
            bool(words or waiting)
            and event.seq not in decided
            and bool(original.get("publish_requested"))
        )
        event.awaits_text = event.awaits_review and bool(words)
        event.awaits_documents = event.awaits_review and bool(waiting)
        result.append(event)
    return result


def public_documents_of(timeline):
    """The public documents of one case's events as ``public_timeline`` gave them: the
    documents ``public_documents`` lets through for that case, without asking the database
    again which events the Secretariat published (the case page has them all in hand). With
    them the public translations of those documents, which the pages show beside their
    original, whatever entry added them (``access.public_documents``)."""
    shown = [event.pk for event in timeline]
    return Document.objects.filter(
        Q(event_id__in=shown)
        | Q(translation_of__event_id__in=shown, translation_of__visibility=V.PUBLIC),
        visibility=V.PUBLIC,
    )


def event_pks(events) -> list[int]:
    """Events at *parties* that the Secretariat published by a decision, or with the final
    factual record (``attach_comments``, ``with_comments``) (few: a query for the decisions,
    one for their targets)."""
    decisions = events.objects.filter(
        Q(kind=TEXT_DECISION, data__to=V.PUBLIC, data__has_key="event")
        | Q(kind=ATTACHING, data__has_key="attach_comments")
        | Q(kind=ATTACHING, data__has_key=WITH_COMMENTS)
        | Q(kind=TEXT_DECISION, data__has_key="document")
    ).values_list("submission_id", "kind", "data")
    targets = Q()
    # The events some of whose documents a decision made public (and none narrowed since):
    # shown for them (``public_text``); whether each is otherwise shown does not matter here.
    opened: dict[tuple, set] = {}
    for submission_id, kind, data in decisions.order_by("submission_id", "seq"):
        seq, position = _document_target(data) if kind == TEXT_DECISION else (None, None)
        if seq is not None:
            positions = opened.setdefault((submission_id, seq), set())
            if data.get("to") == V.PUBLIC:
                positions.add(position)
            else:
                positions.discard(position)
            continue
        for seq in published_comments(data) if kind == ATTACHING else ():
            targets |= Q(submission_id=submission_id, seq=seq, kind=ATTACHED)
        if kind == ATTACHING and isinstance(data.get("attach_comments"), list):
            targets |= Q(
                submission_id=submission_id,
                kind=ATTACHED,
                data__party__in=data["attach_comments"],
            )
        elif kind == TEXT_DECISION and isinstance(data.get("event"), int):
            targets |= Q(submission_id=submission_id, seq=data["event"] + 1)
    for (submission_id, seq), positions in opened.items():
        if positions:
            targets |= Q(submission_id=submission_id, seq=seq)
    if not targets:
        return []
    return list(
        events.objects.filter(targets).exclude(visibility=V.PUBLIC).values_list("pk", flat=True)
    )
