"""Querysets of the Secretariat's workspace: the queue and the approval list.

Each list is one query for its rows (annotations instead of per-row lookups) plus a fixed
number of aggregate queries, whatever the number of cases.
"""

import datetime

from babel.lists import format_list
from django.db.models import Count, Exists, F, OuterRef, Q, Subquery
from django.utils.translation import get_language

from secretariat.templatetags.sem_text import language_name
from submissions import profiles, published, withheld
from submissions.models import Document, Submission, SubmissionSubmitter
from submissions.stages import Stage, Visibility
from workflow import lapsing, services
from workflow.models import Deadline, Event
from workflow.periods import NOT_BINDING
from workflow.table import TABLE


def _open_deadlines():
    return Deadline.objects.filter(submission=OuterRef("pk"), state=Deadline.State.OPEN).order_by(
        "due_on", "id"
    )


def pending_proposals():
    """Proposals nobody has approved or returned yet (an answer points at its proposal), not
    lapsed (``workflow.lapsing``)."""
    return Event.objects.filter(lapsing.still_open(), kind="proposed").exclude(
        pk__in=Event.objects.filter(proposal__isnull=False).values("proposal_id")
    )


def annotate_queue(queryset):
    """Each case with its next open deadline (date and kind), whether a proposal awaits, and
    whether the Executive Director's return of a proposal is the last thing that happened."""
    return queryset.select_related("party", "assigned_officer").annotate(
        next_due_on=Subquery(_open_deadlines().values("due_on")[:1]),
        next_due_kind=Subquery(_open_deadlines().values("kind")[:1]),
        awaiting_approval=Exists(pending_proposals().filter(submission=OuterRef("pk"))),
        proposal_returned=Exists(
            Event.objects.filter(
                submission=OuterRef("pk"), kind="returned", seq=OuterRef("event_count")
            )
        ),
    )


def queue(queryset, *, user, today: datetime.date, params: dict):
    """The open cases (or the closed ones, when the stage filter asks) filtered as the queue's
    form says, soonest deadline first (cases without an open deadline last)."""
    stage = params.get("stage") or ""
    qs = queryset
    if params.get("awaiting_review"):  # closed cases too: closing publishes none of it
        qs = qs.filter(pk__in=awaiting_review(queryset))
        qs = qs.filter(stage=stage) if stage else qs
    else:
        qs = qs.filter(stage=stage) if stage else qs.exclude(stage=Stage.CLOSED)
    if stage == Stage.ADMISSIBILITY_REVIEW:
        qs = qs.exclude(UNACKNOWLEDGED)  # listed apart, as their rows say (walk 51)
    if params.get("party"):
        qs = qs.filter(party__code=params["party"])
    officer = params.get("officer") or ""
    if officer == "me":
        qs = qs.filter(assigned_officer=user)
    elif officer:
        qs = qs.filter(assigned_officer__username=officer)
    if params.get("unassigned"):
        qs = qs.filter(assigned_officer__isnull=True)
    if params.get("unregistered"):
        qs = qs.filter(registered_on__isnull=True)
    open_deadlines = Deadline.objects.filter(submission=OuterRef("pk"), state=Deadline.State.OPEN)
    if params.get("due_within") is not None:
        limit = today + datetime.timedelta(days=params["due_within"])
        qs = qs.filter(Exists(open_deadlines.filter(due_on__lte=limit)))
    if params.get("overdue"):
        # A period that binds no one is never overdue (the Council's instruction, a Party's
        # comments, a revision): past due, it is no one's failure.
        qs = qs.filter(
            Exists(open_deadlines.filter(due_on__lt=today).exclude(kind__in=NOT_BINDING))
        )
    qs = annotate_queue(qs)
    if params.get("awaiting_approval"):
        qs = qs.filter(awaiting_approval=True)
    if params.get("sort") == "filed":
        return qs.order_by("-filed_on", "-id")
    return qs.order_by(F("next_due_on").asc(nulls_last=True), "id")


# An open case the Secretariat has not acknowledged: its row reads "Received: not yet
# acknowledged" (stage_label), and the queue counts and lists it under that name, not under
# admissibility review (walk 51: "Revisión de admisibilidad: 2" beside a row that said
# "Recibida").
UNACKNOWLEDGED = Q(stage=Stage.ADMISSIBILITY_REVIEW, registered_on__isnull=True)


def stage_counts(queryset) -> dict[str, int]:
    """How many cases are in each stage (one query); those not yet acknowledged apart."""
    return dict(
        queryset.exclude(UNACKNOWLEDGED).values_list("stage").annotate(n=Count("id")).order_by()
    )


def awaiting_review(queryset) -> set[int]:
    """The cases (of ``queryset``) with an entry awaiting review (``held_entries``)."""
    return set(held_entries(queryset))


def held_entries(queryset) -> dict[int, list[int]]:
    """The cases (of ``queryset``, open or closed), each with the numbers of its entries that
    a Party, a Council member or a submitter sent for the public and on which the Secretariat
    has not yet decided: neither its text nor its documents published, nor attached to the
    published factual record (walk 55: a Party's response stayed unpublished past the case's
    closing, and nothing but its case page said so). Two queries, whatever the number of
    cases; the case page lists them, with a revision's files not yet public."""
    events = Event.objects.filter(submission__in=queryset)
    decided: set[tuple[int, int]] = set()
    attached: dict[int, set] = {}
    decisions = events.filter(
        Q(kind=published.TEXT_DECISION)
        | Q(kind=published.ATTACHING, data__has_key="attach_comments")
        | Q(kind=published.ATTACHING, data__has_key=published.WITH_COMMENTS)
    ).values_list("submission_id", "kind", "data")
    for submission_id, kind, data in decisions:
        # On its text, or on one of its documents (``[index, position]``): the index counts
        # the case's events from 0.
        target = data.get("event", (data.get("document") or [None])[0])
        if kind == published.TEXT_DECISION and type(target) is int:
            decided.add((submission_id, target + 1))
        elif isinstance(data.get("attach_comments"), list):
            attached.setdefault(submission_id, set()).update(data["attach_comments"])
        decided.update((submission_id, seq) for seq in published.published_comments(data))
    held: dict[int, list[int]] = {}
    for submission_id, seq, kind, party in (
        events.filter(data__publish_requested=True)
        .values_list("submission_id", "seq", "kind", "data__party")
        .order_by("submission_id", "seq")
    ):
        if (submission_id, seq) not in decided and not (
            kind == published.ATTACHED and party in attached.get(submission_id, ())
        ):
            held.setdefault(submission_id, []).append(seq)
    return held


def name_acting_submitters(events, memberships) -> None:
    """Each event's ``acting_submitter``: the name of the co-filer its data names by index
    (``data["submitter"]``, in the case's ``memberships`` by position: a withdrawal, a
    revision or a withheld identity sent from a private link or recorded from a letter), ""
    for the others. Staff know withheld names; the audit page and the case page said only
    "Submitter" where the history's JSON held the index."""
    for membership in memberships:
        membership.left_in = None
    for event in events:
        index = (event.data or {}).get("submitter")
        known = type(index) is int and 0 <= index < len(memberships)
        event.acting_submitter = memberships[index].submitter.name if known else ""
        if known and event.kind == "submitter_left":
            # The entry in which the co-filer left: their link is not reissued from the list.
            memberships[index].left_in = event


def name_parts_proposed(proposals, names=None) -> None:
    """Each proposal's ``name_parts``: the words of a withheld name of its case that its texts
    write (walk 90: "la señora Quispe" in a determination's reasons reached the docket; a
    part of a name may be anyone's, so the Director is told before approving). ``names``:
    the withheld names, when every proposal is of one case the caller read them for."""
    if names is None:
        names = withheld.names_by_case({p.submission_id for p in proposals})
    for proposal in proposals:
        words = "\n".join(published.strings_of(proposal.data.get("proposal") or {}))
        # And the words of another's entry it publishes (``texts_they_publish``; walk 160).
        words += "\n" + getattr(proposal, "opens_text", "")
        case_names = names if isinstance(names, list) else names.get(proposal.submission_id)
        proposal.name_parts = withheld.parts_named_in(words, case_names or [])
        # And a whole name (walk 151: unflagged): masked on every public surface by the phrase
        # for it, which the Director reads the sentence with.
        proposal.names_whole = len(withheld.named_in(words, case_names or []))
        # Walk 150: a Party's response naming the submitter in its file was published; no
        # file's text is read here, so the Director is asked to read those it makes public.
        proposal.withholds = bool(case_names)


def standing_against(proposals) -> None:
    """Each proposal's ``not_standing``: where it finds criterion (f) met, the submitters of
    its case who by their details may not file about the Party concerned (the form's
    suggestion, which the officer confirmed going against: walk 135's Director approved it
    unwarned). One query for every such proposal's submitters."""
    for proposal in proposals:
        proposal.not_standing = []
    found_met = [
        p
        for p in proposals
        if ((p.data.get("proposal") or {}).get("criteria") or {}).get("f", {}).get("met") is True
    ]
    if not found_met:
        return
    names: dict[int, list[str]] = {}
    for membership in (
        SubmissionSubmitter.objects.filter(submission_id__in={p.submission_id for p in found_met})
        .select_related("submitter", "submission__party")
        .order_by("position")
    ):
        if not membership.submitter.may_file_about(membership.submission.party.code):
            names.setdefault(membership.submission_id, []).append(membership.submitter.name)
    for proposal in found_met:
        proposal.not_standing = names.get(proposal.submission_id, [])


def out_of_date(proposals) -> None:
    """Each proposal's ``moved_on``: for a visibility change of a document whose visibility is
    no longer the one it proposes to change from (another approval changed it since), that
    visibility's label, else "" (walk 171: the card offered "Approve", and approving failed
    "The document's visibility is not the one given as 'from'"). One query."""
    wanted = {}
    for proposal in proposals:
        proposal.moved_on = ""
        proposed = proposal.data.get("proposal") or {}
        ref = proposed.get("document")
        if proposed.get("kind") == "visibility_changed" and isinstance(ref, list) and len(ref) == 2:
            wanted[(proposal.submission_id, ref[0] + 1, ref[1])] = proposal
    if not wanted:
        return
    rows = Document.objects.filter(
        submission_id__in={key[0] for key in wanted}, event__seq__in={key[1] for key in wanted}
    ).values_list("submission_id", "event__seq", "position", "visibility")
    for submission_id, seq, position, visibility in rows:
        proposal = wanted.get((submission_id, seq, position))
        if proposal is not None and visibility != proposal.data["proposal"].get("from"):
            proposal.moved_on = Visibility(visibility).label


def what_they_publish(proposals) -> None:
    """Each proposed publication with the documents approving it makes public (``widens``,
    empty for other proposals): walk 68's Director approved "factual record published" with
    only its notices listed, and the record's file and its cover letter became public too.
    And each proposal that may close its case, whether entries sent for the public on it
    still await review (``leaves_held``): closing does not publish them (walk 70: the
    Director closed a case whose revised submission the public never read)."""
    closing = {
        p.pk: p.submission_id
        for p in proposals
        if (rule := TABLE.get((p.data.get("proposal") or {}).get("kind"))) and rule.may_close
    }
    held = held_entries(Submission.objects.filter(pk__in=closing.values())) if closing else {}
    # An entry whose publication is itself proposed is not left behind (walk 78: the warning
    # stood under a publication beside the proposal that published the entry it warned of).
    opening = {
        (p.submission_id, p.data["proposal"]["event"] + 1)
        for p in pending_proposals().filter(
            submission__in=list(held), data__proposal__kind=published.TEXT_DECISION
        )
        if type(p.data["proposal"].get("event")) is int
    }
    # Each by its number and kind, as the case's history names it (walks 78, 80).
    kinds = {
        (submission_id, seq): kind
        for submission_id, seq, kind in Event.objects.filter(
            submission_id__in=list(held), seq__in={s for seqs in held.values() for s in seqs}
        ).values_list("submission_id", "seq", "kind")
    }
    for proposal in proposals:
        proposed = proposal.data.get("proposal") or {}
        # The entries it leaves unpublished (walk 78: not named).
        # Nor one it publishes itself (walk 98: a publication with the comments sent; walk
        # 108: with the comments it attaches).
        publishes = set(published.published_comments(proposed))
        if proposed.get("kind") == "published" and proposed.get("attach_comments"):
            publishes |= set(
                Event.objects.filter(
                    submission_id=proposal.submission_id,
                    kind=published.ATTACHED,
                    data__party__in=proposed["attach_comments"],
                ).values_list("seq", flat=True)
            )
        proposal.leaves_held = [
            (seq, TABLE[kinds[(proposal.submission_id, seq)]].label)
            for seq in held.get(closing.get(proposal.pk), ())
            if (proposal.submission_id, seq) not in opening and seq not in publishes
        ]
        proposal.widens, proposal.stays = [], []
        # Whether approving it makes any file public (walk 150: a file that named a withheld
        # submitter was published; the card asks the Director to read them).
        proposal.opens_files = proposed.get("kind") == published.TEXT_DECISION and (
            proposed.get("to") == Visibility.PUBLIC
            and bool(proposed.get("document") or proposed.get("with_documents"))
        )
        proposal.languages_missing = ""
        if proposed.get("kind") == "published":
            # The docket's languages it publishes the record without (walk 159: said to the
            # officer alone; the Director approved an English record for the Spanish docket).
            proposal.languages_missing = record_languages_missing(proposal.submission_id)
            documents = services.published_with_the_record(proposal.submission, proposed)
            proposal.widens = sorted(
                (d for d in documents if d.visibility != Visibility.PUBLIC),
                key=lambda d: (d.event_id, d.position, d.pk),
            )
            proposal.opens_files = bool(proposal.widens)
            # And the documents of the Parties' comments it leaves with them (walk 106: the
            # Director read what became public, not what stayed behind).
            widened = {d.pk for d in documents}
            proposal.stays = [
                d
                for d in Document.objects.filter(
                    submission_id=proposal.submission_id, event__kind=published.ATTACHED
                )
                .exclude(visibility=Visibility.PUBLIC)
                .order_by("event__seq", "position", "pk")
                if d.pk not in widened
            ]


def texts_they_publish(proposals) -> None:
    """Each proposed publication of an entry's text with the words approving it puts before
    the public (``opens_text``, "" for other proposals): walk 160's Director read "Public text:
    Entry no. 12: text made public (note)" and approved a Council member's reasons naming a
    withheld submitter, unread. And the documents it publishes, each linked (``widens``; walk
    161: "open each document this makes public", and no link to one). One query for all."""
    targets: dict[tuple, list] = {}
    for proposal in proposals:
        proposal.opens_text = ""
        proposed = proposal.data.get("proposal") or {}
        if proposed.get("kind") != published.TEXT_DECISION or proposed.get("to") != (
            Visibility.PUBLIC
        ):
            continue
        document = proposed.get("document")
        index = document[0] if isinstance(document, list) and document else proposed.get("event")
        if type(index) is int:
            targets.setdefault((proposal.submission_id, index + 1), []).append(proposal)
    if not targets:
        return
    where = Q()
    for submission_id, seq in targets:
        where |= Q(submission_id=submission_id, seq=seq)
    for event in Event.objects.filter(where).prefetch_related("documents"):
        for proposal in targets[(event.submission_id, event.seq)]:
            proposed = proposal.data["proposal"]
            document = proposed.get("document")
            if isinstance(document, list) and len(document) == 2:
                positions = {document[1]}
            else:
                positions = set(proposed.get("with_documents") or ())
                fields = proposed.get("fields") or ()
                proposal.opens_text = published.words_published(event, fields).strip()
            proposal.widens = [
                d
                for d in event.documents.all()
                if d.position in positions and d.visibility != Visibility.PUBLIC
            ]


def record_languages_missing(submission_id) -> str:
    """The docket's languages, named in a list, that neither the case's final factual record
    nor a translation of it is in; "" if none, or if there is no record yet. The form says it
    before proposing, the Director's card before approving (walk 159: told only the officer)."""
    records = Document.objects.filter(
        event__submission_id=submission_id,
        event__kind="final_submitted",
        kind=Document.Kind.FINAL_FACTUAL_RECORD,
    )
    has = set(records.values_list("language", flat=True)) | set(
        Document.objects.filter(translation_of__in=records).values_list("language", flat=True)
    )
    missing = [code for code in profiles.installed().languages if code not in has]
    if not has or not missing:
        return ""
    language = (get_language() or "en")[:2]
    names = [language_name(code) for code in missing]
    if language in ("es", "fr"):  # a language's name is no proper noun there
        names = [name[:1].lower() + name[1:] for name in names]
    return format_list(names, locale=language)


def approval_list(queryset):
    """Pending proposals with their case and proposer, oldest first."""
    return (
        pending_proposals()
        .filter(submission__in=queryset)
        .select_related("submission", "submission__party", "recorded_by")
        .prefetch_related("documents")
        .order_by("recorded_at", "id")
    )


def counts_for(queryset) -> dict[str, int]:
    """The numbers beside the queue's quick filters (one query)."""
    open_cases = queryset.exclude(stage=Stage.CLOSED)
    return open_cases.aggregate(
        unassigned=Count("id", filter=Q(assigned_officer__isnull=True)),
        unregistered=Count("id", filter=Q(registered_on__isnull=True)),
    )
