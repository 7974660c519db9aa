"""What an event's data says, as lines a person reads in the timeline.

Events store codes and data; the words are chosen here, when a page renders, in the reader's
language. Older rows that stored words (a reason typed or translated then) show them as they are.
"""

import datetime

from babel.lists import format_list
from django.utils.translation import get_language, gettext_lazy, ngettext, pgettext, pgettext_lazy
from django.utils.translation import gettext as _

from submissions import profiles
from submissions.access import WITHHELD_LABEL
from submissions.models import PARTY_CHOICES, Submission, SubmissionSubmitter, User
from submissions.published import NAME_PARTS_CONFIRMED, PRIVATE_DATA
from submissions.stages import ClosureReason, Stage, Visibility
from submissions.texts import TEXT_LABELS, semicolon
from workflow.deadlines import format_day
from workflow.periods import KIND_LABELS
from workflow.table import DECISION_KINDS
from workflow.treaty import (
    CRITERIA,
    FACTORS,
    OUTCOMES,
    criteria_for,
    factors_for,
    lettered_items,
    named_item,
)

# A Party as a label (a code is never shown to people).
PARTY_LABELS = dict(PARTY_CHOICES)

CRITERIA_LABELS = lettered_items(CRITERIA)
FACTOR_LABELS = lettered_items(FACTORS)

# A link between related cases (Art. 18.8.4(b)), stored as {"link": …, "other": reference}.
LINK_LABELS = {
    "linked": gettext_lazy("Linked to a related case"),
    "unlinked": gettext_lazy("Link to a related case removed"),
}

# Why deadlines were recomputed, stored as {"code": …, and its data}.
RECOMPUTE_REASONS = {
    "non_working_day_added": gettext_lazy("Non-working day added: %(date)s (%(what)s)"),
    "non_working_day_removed": gettext_lazy("Non-working day removed: %(date)s"),
    "length_set": gettext_lazy("Length of “%(kind)s” set to %(n)s days"),
}


# A `visibility_changed` of an event's own text (title, note) on the public surfaces.
TEXT_FIELD_LABELS = {
    "title": gettext_lazy("title"),
    "note": gettext_lazy("note"),
    "reasons": gettext_lazy("reasons for each criterion or factor"),
}
# The participle before the list (walk 24: French "titre, note rendu(s) public(s)").
TEXT_PUBLISHED = gettext_lazy("Entry no. %(number)s: text made public (%(fields)s)")
TEXT_REDACTED = gettext_lazy("Entry no. %(number)s: text withheld from the public (%(fields)s)")

# The steps a co-filer takes from a private link, which name who took it (``submitter``).
BY_SUBMITTER = {
    "withdrawn": gettext_lazy("Withdrawn by"),
    "submitter_left": gettext_lazy("Who left"),
    "information_added": gettext_lazy("Sent by"),
    "revision_filed": gettext_lazy("Filed by"),
}
# A withdrawal after the Council's instruction (REGISTRY-FORMAT.md, `withdrawn`).
WITHDRAWAL_GOES_ON_WORDS = gettext_lazy(
    "The case goes on: a Council member has instructed a factual record, which the Secretariat "
    "shall prepare (Article 18.9.2) and publish if instructed (Article 18.9.7)."
)


# Keys shown as they are, with their label (translated when a line needs it: the feeds describe
# fifty events a request).
SIMPLE_LABELS = {
    "delivered_on": gettext_lazy("Delivered on"),
    "officer": gettext_lazy("Officer"),
    "party": gettext_lazy("Party"),
    "comment": gettext_lazy("Comment"),
    "closes_on": gettext_lazy("Call closes on"),
    "new_due_on": gettext_lazy("New target date"),
    "date_reason": gettext_lazy("Why it is recorded with an earlier date"),
    # Walk 161: the proposer's confirmation was saved nowhere an auditor could read it.
    NAME_PARTS_CONFIRMED: gettext_lazy(
        "Part of a withheld name, which the proposer confirmed may be published as written"
    ),
    "name": gettext_lazy("Name"),
    "organization": gettext_lazy("Organization"),
}
# Kept from the docket, as the public export keeps them (workflow.registry.exporter's
# PRIVATE_KEYS): why a step bears an earlier date is the Secretariat's own account (walk 121:
# "Received by post; found in the mailroom" on the docket, the form saying nothing of it).
PRIVATE_LINES = PRIVATE_DATA
# A Council member's acts: their ``party`` is the member's, not a Party's own.
COUNCIL_ACTS = frozenset({"council_instructed", "publication_instructed", "council_declined"})
COUNCIL_MEMBER = gettext_lazy("Council member of")
# A criterion's finding, as the formal documents say it ("Cumple", walk 45: "Cumplido", a
# deadline's word, on the docket beside "Cumple" in the document).
MET, NOT_MET = pgettext_lazy("a criterion", "Met"), pgettext_lazy("a criterion", "Not met")
YES, NO = gettext_lazy("Yes"), gettext_lazy("No")

# Data keys that hold a day as an ISO string, shown in the reader's language.
DAY_KEYS = frozenset({"delivered_on", "closes_on", "new_due_on"})
# A Party's information with its response (Art. 18.8.5(b)), as the Parties' portal asks it.
INFORMATION_LABELS = {
    "earlier_proceedings": gettext_lazy("Earlier proceedings (Art. 18.8.5(b)(i))"),
    "private_remedies": gettext_lazy("Private remedies (Art. 18.8.5(b)(ii))"),
    "capacity_building": gettext_lazy("Capacity-building activities (Art. 18.8.5(b)(iii))"),
}
# The registry format's numbers for the same items (REGISTRY-FORMAT.md, `information`).
INFORMATION_CODES = {
    "i": "earlier_proceedings",
    "ii": "private_remedies",
    "iii": "capacity_building",
}


def _day(value) -> str:
    """An ISO day in the page's one date format; anything else (older rows) as it is."""
    try:
        return format_day(datetime.date.fromisoformat(str(value)))
    except ValueError:
        return str(value)


def _label(choices, value):
    try:
        return str(choices(value).label)
    except ValueError:
        return str(value)


class Finding(str):
    """A finding as one line ("Met — reasons"), whose parts a page keeps apart: the verdict in
    the page's language, the reasons as the Secretariat wrote them, in the case's language
    (templates/docket/_details.html marks them so)."""

    def __new__(cls, verdict: str, reasons: str):
        line = super().__new__(cls, f"{verdict} — {reasons}")
        line.verdict, line.reasons = verdict, reasons
        return line


class CaseText(str):
    """Text as the Secretariat wrote it (a proposal's reasons): in the case's language, which
    a page marks (templates/docket/_details.html; walk 28: English reasons read as Spanish)."""

    case_text = True


class SecretariatText(CaseText):
    """A proposal's title or reasons, which the Secretariat writes in the case's language: a
    page in another language says so (walk 153: English reasons on the Spanish approvals page
    with no word of it)."""

    secretariat = True


class CaseReference(str):
    """Another case named by its identifier (a related case, the case a submission was
    consolidated with), whose public page a page links to (``slug``)."""

    def __new__(cls, identifier: str):
        reference = super().__new__(cls, identifier)
        reference.slug = Submission.slug_for(identifier)
        return reference


def _findings(items, labels, yes, no):
    for letter, finding in (items or {}).items():
        if isinstance(finding, dict):
            verdict = yes if finding.get("met") else no
            yield str(labels.get(letter, letter)), Finding(str(verdict), finding.get("reasons", ""))


def _era_labels(event, data) -> tuple[dict, dict]:
    """The criteria's and factors' labels for the case's era: the profile's unless it has
    earlier texts and the event carries findings (no case is read otherwise)."""
    if not (data.get("criteria") or data.get("factors")) or not profiles.installed().earlier_eras:
        return CRITERIA_LABELS, FACTOR_LABELS
    filed_on = event.submission.filed_on
    return lettered_items(criteria_for(filed_on)), lettered_items(factors_for(filed_on))


def officers_named(events) -> dict[str, str]:
    """Each officer an assignment among ``events`` names, by username, with the signature
    the workspace shows: one query for a whole history (``describe``'s ``officers``)."""
    named = [(e.data or {}).get("proposal") or e.data or {} for e in events]
    usernames = {data["officer"] for data in named if isinstance(data.get("officer"), str)}
    if not usernames:
        return {}
    return {user.username: user.signature for user in User.objects.filter(username__in=usernames)}


def submitters_named(events) -> dict[int, list]:
    """The submitters of each case whose step among ``events`` names the co-filer who took it
    (``BY_SUBMITTER``), in the order an index names them ((name, withheld) pairs): one
    query."""
    cases = {e.submission_id for e in events if e.kind in BY_SUBMITTER and _named_submitter(e)}
    people = {case: [] for case in cases}
    rows = (
        SubmissionSubmitter.objects.filter(submission_id__in=cases)
        .order_by("submission_id", "position", "id")
        .values_list("submission_id", "submitter__name", "submitter__confidential")
    )
    for case, name, withheld in rows if cases else ():
        people[case].append((name, withheld))
    return people


def _named_submitter(event):
    index = (event.data or {}).get("submitter")
    return index if isinstance(index, int) and not isinstance(index, bool) else None


def not_sent_for_public(submission, codes) -> list[str]:
    """Of the Parties ``codes``, those whose comments on the draft of ``submission`` did not
    ask to be public (``publish_requested``), in the order given."""
    asked = {
        (data or {}).get("party")
        for data in submission.events.filter(kind="draft_commented").values_list("data", flat=True)
        if (data or {}).get("publish_requested")
    }
    return [code for code in codes if code not in asked]


def _not_sent_for_public(event, codes) -> list[str]:
    return not_sent_for_public(event.submission, codes) if codes else []


def describe_all(events, *, public: bool = False) -> None:
    """``describe`` each of ``events`` into its ``details``, the people they name read at
    once."""
    events = list(events)
    officers = officers_named(events)
    people = submitters_named(events)
    for event in events:
        event.details = describe(event, public=public, officers=officers, people=people)


def describe(
    event, *, public: bool = False, officers=None, people=None, known=frozenset()
) -> list[tuple[str, str]]:
    """(label, value) pairs for the data of one event (a proposal shows what it proposes).
    ``public``: for the docket, where a withheld name shows as the withheld label.
    ``officers``: ``officers_named`` for a history read whole (else read for this event);
    ``people``: ``submitters_named`` likewise. ``known``: withheld names this reader reads
    even so (a submitter, those of the people they joined with: walk 124)."""
    data = dict(event.data or {})
    lines = []
    kind = event.kind
    if event.kind == "proposed":
        proposal = dict(data.get("proposal") or {})
        kind = proposal.get("kind")
        lines.append((_("Proposed decision"), str(event.proposal_label)))
        if proposal.get("title"):  # walk 97: a reopening's title was not on the approvals
            lines.append((_("Title"), SecretariatText(proposal["title"])))
        if proposal.get("note"):
            # A decision's note is its reasons; a record made from a letter has a note (walk
            # 100: a Party's comments recorded by the officer read "Reasons: …").
            said = _("Reasons") if kind in DECISION_KINDS else _("Note")
            lines.append((said, SecretariatText(proposal["note"])))
        data = proposal
    if data.get("outcome"):
        lines.append((_("Outcome"), str(OUTCOMES.get(data["outcome"], data["outcome"]))))
    criteria, factors = _era_labels(event, data)
    if data.get("criteria") and data.get("factors"):
        # A combined determination: both lists are lettered from (a); say which is which.
        criteria = {k: named_item(_("Criterion %(item)s"), k, v) for k, v in criteria.items()}
        factors = {k: named_item(_("Factor %(item)s"), k, v) for k, v in factors.items()}
    lines.extend(_findings(data.get("criteria"), criteria, MET, NOT_MET))
    lines.extend(_findings(data.get("factors"), factors, YES, NO))
    if getattr(event, "reasons_withheld", False):  # published.public_timeline (walk 92)
        lines.append((_("Reasons"), _("withheld from the public by the Secretariat")))
    if data.get("link") in LINK_LABELS:
        lines.append((str(LINK_LABELS[data["link"]]), CaseReference(str(data.get("other", "")))))
    for name, text in sorted((data.get("texts") or {}).items()):  # set_public_texts
        field, code = name.rsplit("_", 1)
        if code in TEXT_LABELS:
            lines.append((str(TEXT_LABELS[code][0 if field == "title" else 1]), text or "—"))
    for key, label in SIMPLE_LABELS.items():
        if public and key in PRIVATE_LINES:
            continue
        if data.get(key):
            value = data[key]
            if key == "party":
                value = PARTY_LABELS.get(value, value)
                # Walk 47: "Party: United States" under a Council act, beside "Party
                # concerned: Peru", read as a change of the Party concerned.
                # Walk 59: a member's recommendation read "Party: United States" beside the
                # same member's instructions read "Council member of: United States".
                if kind in COUNCIL_ACTS or (event.author or "").startswith("council:"):
                    label = COUNCIL_MEMBER
            elif key in DAY_KEYS:
                value = _day(value)
            elif key == "officer":  # walk 77: "Officer: officer", the username alone
                if officers is None:
                    officers = officers_named([event])
                value = officers.get(value, value)
            elif key == NAME_PARTS_CONFIRMED and isinstance(value, list):
                value = ", ".join(str(part) for part in value)
            elif key == "date_reason":  # written with the step, in the case's language (walk
                # 155: the demo's English reason unmarked on a Spanish portal page)
                lines.append((str(label), CaseText(value)))
                continue
            lines.append((str(label), str(value)))
    # The proposal's kind for a proposal (walk 25: "Motivo: no_council_instruction").
    if kind == "closed" and data.get("reason"):
        lines.append((_("Closure reason"), _label(ClosureReason, data["reason"])))
    elif data.get("reason"):
        lines.append((_("Reason"), reason_text(data["reason"])))
    for change in data.get("changes") or []:
        lines.append(_change(change))
    if data.get("to_stage"):
        lines.append((_("Returns to"), _label(Stage, data["to_stage"])))
    if data.get("deadline"):
        lines.append((_("Target"), str(KIND_LABELS.get(data["deadline"], data["deadline"]))))
    if event.kind == "party_responded" and getattr(event, "stage_before", "") not in (
        "",
        Stage.AWAITING_RESPONSE,
    ):
        # REGISTRY-FORMAT.md: accepted in later stages, closed included, "as a late response"
        # (walk 141: "Received: after the stage…: a late…", of a case withdrawn before its
        # response was due).
        if event.stage_before == Stage.CLOSED:
            received = _("after the case was closed")
        else:
            received = _("after the stage of the Party's response, as a late or further response")
        lines.append((_("Received"), received))
    if getattr(event, "council_tally", None):  # council.tally: a rule of several members
        lines.append(_council_rule_line(*event.council_tally))
    if event.kind == "publication_instructed" and getattr(event, "stage_before", "") in (
        Stage.AWAITING_COUNCIL,
        Stage.FACTUAL_RECORD_PREPARATION,
        Stage.DRAFT_COMMENT_PERIOD,
    ):
        # REGISTRY-FORMAT.md: given in AC, FP or DC, it opens `publication` from the later
        # of itself and `final_submitted`.
        lines.append(
            (
                pgettext("an instruction", "Given"),
                _("before the final factual record was submitted, to take effect once it is"),
            )
        )
    if "pending_proceeding" in data:
        lines.append(
            (_("Pending proceeding declared"), _("Yes") if data["pending_proceeding"] else _("No"))
        )
    information = data.get("information")
    if isinstance(information, list):
        # The registry format's: the Art. 18.8.5(b) items the response addresses, by number
        # (an imported response with them broke the case page).
        items = [
            str(INFORMATION_LABELS[INFORMATION_CODES[c]])
            for c in information
            if c in INFORMATION_CODES
        ]
        if items:
            language = (get_language() or "en")[:2]
            lines.append((_("Information given on"), format_list(items, locale=language)))
    elif isinstance(information, dict):  # the portal's: each item as the Party wrote it
        for key, label in INFORMATION_LABELS.items():
            if information.get(key):
                # In the case's language (walk 31: unmarked on French pages).
                lines.append((str(label), CaseText(information[key])))
    if kind == "erratum" and isinstance(data.get("corrects"), int):
        lines.append((_("Corrects"), _corrected(event, data["corrects"])))
    if kind == "consolidated" and data.get("with"):
        lines.append((_("Consolidated with"), CaseReference(str(data["with"]))))
    if kind == "published" and isinstance(data.get("attach_comments"), list):
        # The Parties whose comments on the draft are published with the final factual record.
        names = ", ".join(str(PARTY_LABELS.get(code, code)) for code in data["attach_comments"])
        lines.append((_("Comments on the draft attached"), names or _("None")))
        # Walk 130: the Director approved Canada's comments for the public with no word that
        # Canada had not sent them for it (a Council's resolution may attach them all).
        unsent = _not_sent_for_public(event, data["attach_comments"])
        if unsent:
            names = ", ".join(str(PARTY_LABELS.get(code, code)) for code in unsent)
            lines.append((_("Attached, though not sent for the public by the Party"), names))
    if kind == "published" and isinstance(data.get("with_comments"), list):
        # The comments sent for the public it publishes as sent (published.WITH_COMMENTS).
        lines.append(
            (
                _("Comments published with it as sent for the public"),
                _commenting(event, data["with_comments"]),
            )
        )
    if kind == "visibility_changed" and data.get("document"):
        lines.append((_("Document"), _document_words(event, data["document"])))
        if isinstance(data.get("translations"), list) and data["translations"]:
            # Withheld with it (workflow.versions).
            words = [_document_words(event, ref) for ref in data["translations"]]
            lines.append((_("Its translations, withheld with it"), semicolon().join(words)))
    if kind == "visibility_changed" and "event" in data:
        fields = ", ".join(str(TEXT_FIELD_LABELS.get(f, f)) for f in data.get("fields") or [])
        words = TEXT_PUBLISHED if data.get("to") == Visibility.PUBLIC else TEXT_REDACTED
        number = data["event"] + 1 if isinstance(data.get("event"), int) else "?"
        lines.append((_("Public text"), str(words) % {"number": number, "fields": fields}))
        if isinstance(data.get("with_documents"), list) and data["with_documents"]:
            published = [_document_words(event, [data["event"], p]) for p in data["with_documents"]]
            lines.append((_("Documents published with it"), semicolon().join(published)))
    elif kind == "visibility_changed":
        lines.append(
            (
                _("Visibility"),
                f"{_label(Visibility, data.get('from'))} → {_label(Visibility, data.get('to'))}",
            )
        )
    if event.kind == "unrecorded_steps" and data.get("stage"):
        lines.append(
            (
                _("Gap in the record"),
                _(
                    "Steps not recorded in the registry: the case reached “%(stage)s” by "
                    "%(date)s; the steps in between and their dates are unknown."
                )
                % {"stage": _label(Stage, data["stage"]), "date": format_day(event.on)},
            )
        )
    index = _named_submitter(event) if event.kind in BY_SUBMITTER else None
    if index is not None:
        # Which co-filer took the step (from their private link; walks 85 and 91), the
        # withheld label for the public.
        if people is None:
            people = submitters_named([event])
        members = people.get(event.submission_id) or []
        if index < len(members):
            name, withheld = members[index]
            label = BY_SUBMITTER[event.kind]
            lines.append((str(label), str(WITHHELD_LABEL) if public and withheld else name))
    if event.kind == "withdrawn" and event.stage_after and event.stage_after != Stage.CLOSED:
        lines.append((_("Effect"), str(WITHDRAWAL_GOES_ON_WORDS)))
    joined = data.get("submitters") or []
    # Withheld when they joined, or since (an identity_withheld event later on): one query.
    withheld_names = (
        set(
            event.submission.memberships.filter(submitter__confidential=True).values_list(
                "submitter__name", flat=True
            )
        )
        if public and joined
        else set()
    )
    for person in joined:
        name = person.get("name", "")
        withheld = (
            public and name not in known and (person.get("confidential") or name in withheld_names)
        )
        lines.append((_("Joined"), str(WITHHELD_LABEL) if withheld else name))
    return lines


def _council_rule_line(count: int, needed: int, state: str, later=None) -> tuple[str, str]:
    # Walk 50: "The Council's rule: 1 of the 2 members it needs has instructed so far" and
    # "met by this instruction, which completes the 2 members it needs" read clumsily; the
    # line now says whether the Council has decided, and the count.
    if state == "short" and later is not None:
        # Walk 61: after the decision, the first vote still read "not yet".
        # Walk 101: "with a later instruction (with this one, 1 of the 2 members needed had
        # instructed)" read as a puzzle.
        words = ngettext(
            "taken on %(date)s, once %(needed)s member had instructed; this instruction was "
            "one of them",
            "taken on %(date)s, once %(needed)s members had instructed; this instruction was "
            "one of them",
            needed,
        )
        return _("Council's decision"), words % {
            "count": count,
            "needed": needed,
            "date": format_day(later),
        }
    if state == "closed":
        words = ngettext(
            "not taken: the case closed on %(date)s with %(count)s of the %(needed)s members "
            "needed",
            "not taken: the case closed on %(date)s with %(count)s of the %(needed)s members "
            "needed",
            count,
        )
        return _("Council's decision"), words % {
            "count": count,
            "needed": needed,
            "date": format_day(later),
        }
    if state == "short":
        words = ngettext(
            "not yet (%(count)s of the %(needed)s members needed so far)",
            "not yet (%(count)s of the %(needed)s members needed so far)",
            count,
        )
    elif state == "decides":
        # Walk 38: "remplie : avec cette instruction, 2 membres sur 2" read as two of two
        # members, and a second colon after the label's.
        words = _("taken with this instruction, which brings the members to the %(needed)s needed")
    else:
        words = _("already taken before this instruction")
    return _("Council's decision"), words % {"count": count, "needed": needed}


def _corrected(event, index: int) -> str:
    """The decision an erratum corrects, as its label, code and date (one query: errata are
    few)."""
    corrected = event.submission.events.filter(seq=index + 1).first()
    if corrected is None:
        return str(index + 1)
    return f"{corrected.kind_label} ({corrected.code}, {_day(corrected.on)})"


def _commenting(event, indexes) -> str:
    """The comments on the draft a publication publishes as sent, by Party (one query)."""
    seqs = [index + 1 for index in indexes if type(index) is int]
    parties = event.submission.events.filter(seq__in=seqs).order_by("seq")
    return ", ".join(
        str(PARTY_LABELS.get(code, code)) for code in parties.values_list("data__party", flat=True)
    )


def _document_words(event, reference) -> str:
    """A document a visibility change names ([event index, position]): its title and entry."""
    try:
        index, position = reference
    except (TypeError, ValueError):
        return str(reference)
    document = (
        event.submission.documents.filter(event__seq=index + 1, position=position)
        .only("title", "language")
        .first()
    )
    entry = _("entry no. %(number)s") % {"number": index + 1}
    return f"{document.title} ({entry})" if document else entry


def reason_text(reason) -> str:
    """A stored reason in words: a code with its data (deadlines recomputed) in the reader's
    language, or the text a person wrote (and older rows, which stored words) as it is."""
    if not isinstance(reason, dict):
        return str(reason)
    template = RECOMPUTE_REASONS.get(reason.get("code"))
    if template is None:
        return str(reason.get("code", ""))
    day = reason.get("date")
    kind = reason.get("deadline", "")
    values = {
        "date": format_day(datetime.date.fromisoformat(day)) if day else "",
        "what": reason.get("description", ""),
        "kind": str(KIND_LABELS.get(kind, kind)),
        "n": reason.get("length", ""),
    }
    return str(template) % values


def _change(change: dict) -> tuple[str, str]:
    """One moved due date of a `deadlines_recomputed` event."""
    kind = change.get("deadline", "")
    label = str(KIND_LABELS.get(kind, kind))
    if change.get("party"):
        label = f"{label} ({PARTY_LABELS.get(change['party'], change['party'])})"
    dates = [change.get("from"), change.get("to")]
    words = [format_day(datetime.date.fromisoformat(d)) if d else "—" for d in dates]
    return _("Due date moved"), _("%(deadline)s: from %(before)s to %(after)s") % {
        "deadline": label,
        "before": words[0],
        "after": words[1],
    }
