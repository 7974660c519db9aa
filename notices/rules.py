"""Who is told what: the one table, as data.

Each row says: when an event of this kind (and outcome) is recorded, this audience receives
this message. The scheduled notices (reminders, the staff digest) are listed in ``SCHEDULED``.
``manage.py notices_table`` prints both as the Markdown table in the README; a test keeps the
copy in step.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

# Audiences.
SUBMITTERS = "submitters"  # every submitter of the case with an email, by tracking link
PARTY_CONCERNED = "party_concerned"  # focal points of the Party the case is about
FOCAL_POINTS = "focal_points"  # focal points of both Parties
COUNCIL = "council"  # Council members of both Parties
STAFF = "staff"  # Secretariat officers and the Executive Director
DIRECTOR = "director"  # the Executive Director
PROPOSER = "proposer"  # the officer who made the proposal the event answers
# The submitters of the earlier case a consolidation names (``consolidated``'s ``with``).
EARLIER_SUBMITTERS = "earlier_submitters"
# The officers whose proposals, pending in the stage a step moved the case out of, lapsed.
LAPSED_PROPOSERS = "lapsed_proposers"

# A rule's kind for any step that moves the case to another stage.
MOVES = "*"

AUDIENCE_LABELS = {
    SUBMITTERS: _("Submitters"),
    PARTY_CONCERNED: _("Focal points of the Party concerned"),
    FOCAL_POINTS: _("Focal points of every Party"),
    COUNCIL: _("Council members"),
    STAFF: _("Secretariat staff"),
    DIRECTOR: _("Executive Director"),
    PROPOSER: _("The officer who proposed"),
    EARLIER_SUBMITTERS: _("Submitters of the earlier submission"),
    LAPSED_PROPOSERS: _("The officer whose pending proposal it made lapse"),
}

# Where each audience's link points.
LINKS = {
    SUBMITTERS: "track",
    PARTY_CONCERNED: "portal",
    FOCAL_POINTS: "portal",
    COUNCIL: "portal",
    STAFF: "workspace",
    DIRECTOR: "workspace",
    PROPOSER: "workspace",
    EARLIER_SUBMITTERS: "track",
    LAPSED_PROPOSERS: "workspace",
}


@dataclass(frozen=True)
class Message:
    """An email: its subject and paragraphs, with named placeholders filled from the notice's
    context at sending time (in the recipient's language)."""

    subject: str
    lines: tuple
    link_label: str = _("See the case")


@dataclass(frozen=True)
class Rule:
    kind: str
    outcome: str | None  # None: any outcome
    audience: str
    message: str
    public_only: bool = False  # only when the event itself is public
    closed_only: bool = False  # only when the event closed the case
    # A Council member's instruction, by the Council's rule (workflow.council): "decides",
    # only the one that makes the members' instructions the Council's; "met", once they are;
    # "short", while they are not (a vote under a two-thirds rule). Empty: any.
    council: str = ""
    by_party: bool = False  # only when a Party recorded it (its portal), not the Secretariat


RULES = [
    Rule("filed", None, SUBMITTERS, "receipt"),
    Rule("filed", None, STAFF, "new_filing"),
    Rule("acknowledged", None, SUBMITTERS, "acknowledged"),
    Rule("form_errors_noted", None, SUBMITTERS, "form_errors"),
    Rule("admissibility_determined", "meets", SUBMITTERS, "admissible"),
    Rule("admissibility_determined", "does_not_meet", SUBMITTERS, "revision_window"),
    Rule("response_decided", "request", SUBMITTERS, "request_sent"),
    Rule("response_decided", "no_request", SUBMITTERS, "determination_closed"),
    Rule("response_decided", "request", PARTY_CONCERNED, "request_to_party"),
    Rule("party_responded", None, SUBMITTERS, "party_responded", public_only=True),
    Rule("party_responded", None, PARTY_CONCERNED, "response_received"),
    Rule("party_responded", None, STAFF, "response_to_staff"),
    Rule("factual_record_notified", "warranted", SUBMITTERS, "factual_record_warranted"),
    Rule("factual_record_notified", "not_warranted", SUBMITTERS, "determination_closed"),
    Rule("factual_record_notified", "warranted", COUNCIL, "council_notification"),
    # Walk 24: under the CEC's two-thirds rule one member's vote was emailed to the
    # submitters and the staff as the Council's instruction.
    Rule(
        "council_instructed",
        None,
        SUBMITTERS,
        "record_instructed",
        public_only=True,
        council="decides",
    ),
    Rule("council_instructed", None, STAFF, "instruction_to_staff", council="met"),
    Rule("council_instructed", None, STAFF, "vote_to_staff", council="short"),
    Rule("draft_submitted", None, COUNCIL, "council_draft"),
    Rule("draft_submitted", None, FOCAL_POINTS, "draft_for_comment"),
    Rule("draft_commented", None, STAFF, "comments_to_staff"),
    Rule("final_submitted", None, COUNCIL, "council_final"),
    # The Parties commented on the draft: their focal points are told of the final record and
    # of its publication, as the Council is (walk 38).
    Rule("final_submitted", None, FOCAL_POINTS, "council_final"),
    Rule("final_submitted", None, SUBMITTERS, "final_record_submitted", public_only=True),
    Rule("publication_instructed", None, STAFF, "publication_to_staff", council="met"),
    Rule("publication_instructed", None, STAFF, "publication_vote_to_staff", council="short"),
    Rule("published", None, SUBMITTERS, "published"),
    Rule("published", None, COUNCIL, "record_published"),
    Rule("published", None, FOCAL_POINTS, "record_published"),
    Rule("revision_filed", None, STAFF, "revision_to_staff"),
    Rule("information_added", None, STAFF, "information_to_staff"),
    Rule("extension_notified", None, STAFF, "extension_to_staff"),
    Rule("party_information_added", None, STAFF, "supplement_to_staff"),
    # A Party's letter through its portal ("Write to the Secretariat") told no one.
    Rule("correspondence", None, STAFF, "letter_to_staff", by_party=True),
    Rule("withdrawn", None, STAFF, "withdrawal_to_staff"),
    # Walk 39: a submitter withheld her identity and the Secretariat learned it only on
    # opening the case; a title, summary or document may name her.
    Rule("identity_withheld", None, STAFF, "withholding_to_staff"),
    Rule("closed", None, SUBMITTERS, "case_closed"),
    Rule("withdrawn", None, SUBMITTERS, "case_closed"),
    Rule("council_declined", None, SUBMITTERS, "case_closed", closed_only=True),
    Rule("council_declined", None, STAFF, "vote_against_to_staff"),
    Rule("erratum", None, SUBMITTERS, "erratum"),
    Rule("consolidated", None, SUBMITTERS, "consolidated"),
    Rule("consolidated", None, EARLIER_SUBMITTERS, "consolidated_into"),
    Rule("proposed", None, DIRECTOR, "proposal_awaiting"),
    Rule("returned", None, PROPOSER, "proposal_returned"),
    # A proposal the case moved past can no longer be approved (its author is told; the case
    # page marks it): the Council's or a Party's step, or another approved proposal.
    Rule(MOVES, None, LAPSED_PROPOSERS, "proposal_lapsed"),
]

# Reminders before a due date: the deadline kind, who owes it, and the thresholds in days.
REMINDER_THRESHOLDS = (14, 7, 1)
REMINDED = {
    "party_response": (PARTY_CONCERNED, "reminder_response"),
    "draft_comments": (FOCAL_POINTS, "reminder_comments"),
    "council_instruction": (COUNCIL, "reminder_instruction"),
}

# Notices that come from the daily sweep rather than from an event.
SCHEDULED = [
    ("party_response", PARTY_CONCERNED, "reminder_response"),
    ("draft_comments", FOCAL_POINTS, "reminder_comments"),
    ("council_instruction", COUNCIL, "reminder_instruction"),
    ("daily", STAFF, "digest"),
]


def rules_for(kind: str, outcome, *, moves: bool = False) -> list[Rule]:
    """The rules of an event of ``kind`` with ``outcome``; with ``moves``, that moved the case
    to another stage, those of any such step (``MOVES``) too."""
    return [
        r
        for r in RULES
        if (r.kind == kind or (moves and r.kind == MOVES)) and r.outcome in (None, outcome)
    ]


MESSAGES = {
    "receipt": Message(
        _("Receipt %(reference)s: your submission has been received"),
        (
            _(
                "Your submission “%(title)s” was received on %(on)s. Its receipt number is "
                "%(reference)s."
            ),
            _(
                "This is an automatic receipt, not yet the Secretariat's acknowledgement. Keep "
                "the link below: it is your private page to follow the case, add information "
                "or withdraw."
            ),
        ),
        _("Follow your submission"),
    ),
    "new_filing": Message(
        _("%(reference)s: new submission filed"),
        (_("A new submission, “%(title)s”, %(concerning_party)s, was filed on %(on)s."),),
    ),
    "acknowledged": Message(
        _("%(reference)s: acknowledgement of receipt"),
        (
            _(
                "The Secretariat has acknowledged receipt of your submission “%(title)s”. "
                "Its identifier is %(reference)s and it now appears on the public docket."
            ),
        ),
        _("Follow your submission"),
    ),
    "form_errors": Message(
        _("%(reference)s: minor errors of form in your submission"),
        (
            _(
                "The Secretariat has pointed out minor errors of form in your submission. "
                "Please see the details on your page and correct them; the review goes on."
            ),
        ),
        _("Follow your submission"),
    ),
    "admissible": Message(
        _("%(reference)s: determination %(code)s under Article 18.8.2"),
        (
            _(
                "The Secretariat has determined (%(code)s) that your submission meets the "
                "criteria of Article 18.8.2. It will now consider whether to request a "
                "response from the Party."
            ),
        ),
        _("Follow your submission"),
    ),
    "revision_window": Message(
        _("%(reference)s: determination %(code)s under Article 18.8.2"),
        (
            _(
                "The Secretariat has determined (%(code)s) that your submission does not meet "
                "the criteria of Article 18.8.2."
            ),
            _("You may file a revised submission until %(due_on)s."),
        ),
        _("Follow your submission"),
    ),
    "request_sent": Message(
        _("%(reference)s: a response has been requested from the Party"),
        (
            _(
                "The Secretariat has determined (%(code)s) that your submission merits "
                "requesting a response %(from_party)s, and has sent the request."
            ),
        ),
        _("Follow your submission"),
    ),
    "determination_closed": Message(
        _("%(reference)s: determination %(code)s"),
        (
            _("The Secretariat has issued its determination %(code)s on your submission."),
            _("The case is now closed: %(closure)s."),
        ),
        _("Follow your submission"),
    ),
    "request_to_party": Message(
        _("%(reference)s: request for a response (Article 18.8.4)"),
        (
            _(
                "The Secretariat requests a response %(from_party)s to submission "
                "%(reference)s, “%(title)s”."
            ),
            _(
                "The submission and all its supporting documents, confidential ones included, "
                "are available to you in the portal."
            ),
            _("The response is due on %(due_on)s (Article 18.8.5)."),
        ),
        _("Open the case in the portal"),
    ),
    "party_responded": Message(
        _("%(reference)s: the Party has responded"),
        (
            _(
                "The response %(from_party)s to the Secretariat's request about your "
                "submission has been received."
            ),
        ),
        _("Follow your submission"),
    ),
    "response_received": Message(
        _("%(reference)s: your response has been received"),
        (_("The Secretariat has received the response %(from_party)s on %(on)s."),),
        _("Open the case in the portal"),
    ),
    "response_to_staff": Message(
        _("%(reference)s: the Party has responded"),
        (_("The response %(from_party)s to the Secretariat's request was received on %(on)s."),),
    ),
    "factual_record_warranted": Message(
        _("%(reference)s: the Secretariat has informed the Council"),
        (
            _(
                "The Secretariat considers that your submission warrants a factual record and "
                "has informed the Environmental Affairs Council (%(code)s)."
            ),
        ),
        _("Follow your submission"),
    ),
    "council_notification": Message(
        _("%(reference)s: notification under Article 18.9.1 (%(code)s)"),
        (
            _(
                "The Secretariat informs the Council that submission %(reference)s, "
                "“%(title)s”, warrants the development of a factual record (%(code)s)."
            ),
            _("Any member of the Council may instruct the Secretariat to prepare it."),
        ),
        _("Open the case in the portal"),
    ),
    "record_instructed": Message(
        _("%(reference)s: a factual record will be prepared"),
        (
            _(
                "The Environmental Affairs Council has instructed the Secretariat to prepare a "
                "factual record on your submission (%(on)s)."
            ),
        ),
        _("Follow your submission"),
    ),
    "instruction_to_staff": Message(
        _("%(reference)s: the Council instructs a factual record"),
        (
            _(
                "A member of the Council %(from_acting_party)s instructed the Secretariat on "
                "%(on)s to prepare a factual record on submission %(reference)s, “%(title)s”."
            ),
        ),
    ),
    "vote_to_staff": Message(
        _("%(reference)s: a Council member's vote for a factual record"),
        (
            _(
                "A member of the Council %(from_acting_party)s voted on %(on)s for a factual "
                "record on submission %(reference)s, “%(title)s”."
            ),
            _(
                "Members who have so far: %(votes)s of the %(needed)s the Council's rule asks "
                "for. The case waits for the others."
            ),
        ),
    ),
    "council_draft": Message(
        _("%(reference)s: draft factual record"),
        (
            _(
                "The Secretariat has submitted the draft factual record on submission "
                "%(reference)s to the Council."
            ),
        ),
        _("Open the case in the portal"),
    ),
    "draft_for_comment": Message(
        _("%(reference)s: draft factual record for comment"),
        (
            _(
                "The draft factual record on submission %(reference)s is available. Each "
                "Party may comment on its accuracy until %(due_on)s (Article 18.9.5)."
            ),
        ),
        _("Open the case in the portal"),
    ),
    "comments_to_staff": Message(
        _("%(reference)s: comments on the draft factual record"),
        (
            _(
                "Comments %(from_acting_party)s on the draft factual record on submission "
                "%(reference)s were received on %(on)s."
            ),
        ),
    ),
    "council_final": Message(
        _("%(reference)s: final factual record"),
        (
            _(
                "The Secretariat has submitted the final factual record on submission "
                "%(reference)s to the Council."
            ),
        ),
        _("Open the case in the portal"),
    ),
    "final_record_submitted": Message(
        _("%(reference)s: final factual record submitted to the Council"),
        (
            _(
                "The Secretariat has submitted the final factual record on your submission to "
                "the Environmental Affairs Council (%(on)s). It will be published if a member "
                "of the Council so instructs."
            ),
        ),
        _("Follow your submission"),
    ),
    "publication_to_staff": Message(
        _("%(reference)s: the Council instructs publication"),
        (
            _(
                "A member of the Council %(from_acting_party)s instructed the Secretariat on "
                "%(on)s to publish the final factual record on submission %(reference)s."
            ),
        ),
    ),
    "publication_vote_to_staff": Message(
        _("%(reference)s: a Council member's vote to publish the factual record"),
        (
            _(
                "A member of the Council %(from_acting_party)s voted on %(on)s to publish the "
                "final factual record on submission %(reference)s."
            ),
            _(
                "Members who have so far: %(votes)s of the %(needed)s the Council's rule asks "
                "for. The record is published once they are reached."
            ),
        ),
    ),
    "published": Message(
        _("%(reference)s: factual record published"),
        (_("The factual record on your submission has been published. The case is closed."),),
        _("Follow your submission"),
    ),
    "record_published": Message(
        _("%(reference)s: factual record published"),
        (
            _(
                "The Secretariat published the final factual record on submission "
                "%(reference)s on %(on)s. The case is closed."
            ),
        ),
        _("Open the case in the portal"),
    ),
    "withholding_to_staff": Message(
        _("%(reference)s: a submitter's identity withheld from the public"),
        (
            _(
                "On %(on)s a submitter of submission %(reference)s asked that their identity "
                "be withheld from the public. The public surfaces now show the label in their "
                "name's place; reword any public title, summary or document that names them."
            ),
        ),
    ),
    "erratum": Message(
        _("%(reference)s: erratum to a decision"),
        (
            _(
                "On %(on)s the Secretariat issued an erratum to one of its decisions on your "
                "submission. The decision and its erratum are both on the case's page."
            ),
        ),
        _("Follow your submission"),
    ),
    "consolidated": Message(
        _("%(reference)s: consolidated with an earlier submission"),
        (
            _(
                "On %(on)s the Secretariat consolidated your submission with %(with)s, an "
                "earlier submission about the same facts: the two are considered together. The "
                "pages of both in the public docket link to each other, and yours gives the "
                "reasons."
            ),
        ),
        _("Follow your submission"),
    ),
    "consolidated_into": Message(
        _("%(with)s: a later submission was consolidated with yours"),
        (
            _(
                "On %(on)s the Secretariat consolidated %(reference)s, a later submission about "
                "the same facts, with yours: the two are considered together. The pages of "
                "both in the public docket link to each other."
            ),
        ),
        _("Follow your submission"),
    ),
    "case_closed": Message(
        _("%(reference)s: the case is closed"),
        (_("The case of your submission is now closed: %(closure)s."),),
        _("Follow your submission"),
    ),
    "revision_to_staff": Message(
        _("%(reference)s: revised submission filed"),
        (
            _(
                "The submitters filed a revised submission on %(on)s. Its files wait for your "
                "review before the public sees them."
            ),
        ),
    ),
    "information_to_staff": Message(
        _("%(reference)s: information added by the submitters"),
        (_("The submitters added information to the case on %(on)s."),),
    ),
    "extension_to_staff": Message(
        _("%(reference)s: the Party notified exceptional circumstances"),
        (
            _(
                "The Party notified exceptional circumstances on %(on)s: its response is now due "
                "on %(due_on)s."
            ),
        ),
    ),
    "supplement_to_staff": Message(
        _("%(reference)s: supplemental information from the Party"),
        (
            _(
                "The Party concerned sent supplemental information on submission "
                "%(reference)s on %(on)s, after its response."
            ),
        ),
    ),
    "vote_against_to_staff": Message(
        _("%(reference)s: a Council member's vote against a factual record"),
        (
            _(
                "A member of the Council %(from_acting_party)s voted on %(on)s against "
                "preparing a factual record on submission %(reference)s."
            ),
        ),
    ),
    "letter_to_staff": Message(
        _("%(reference)s: a letter %(from_acting_party)s"),
        (
            _(
                "A letter %(from_acting_party)s on submission %(reference)s was received "
                "through its portal on %(on)s."
            ),
        ),
    ),
    "withdrawal_to_staff": Message(
        _("%(reference)s: submission withdrawn"),
        (_("The submitters withdrew the submission on %(on)s."),),
    ),
    "proposal_awaiting": Message(
        _("%(reference)s: a proposal awaits your approval"),
        (_("A proposed decision awaits your approval: %(proposal)s."),),
        _("Open the case"),
    ),
    "proposal_returned": Message(
        _("%(reference)s: your proposal was returned"),
        (
            _(
                "The Executive Director returned your proposal “%(proposal)s” on case "
                "%(reference)s with this comment:"
            ),
            "%(comment)s",
            _("Nothing was recorded. Propose again, changed, from the case page."),
        ),
        _("Open the case"),
    ),
    "proposal_lapsed": Message(
        _("%(reference)s: your proposal lapsed"),
        (
            _(
                "Your proposal no. %(proposal_event)s, “%(proposal)s”, on case %(reference)s can "
                "no longer be approved: “%(step)s” moved the case on, on %(on)s, before the "
                "Executive Director decided on it."
            ),
            _("Nothing was recorded. Propose it again from the case page if it still applies."),
        ),
        _("Open the case"),
    ),
    "reminder_response": Message(
        _("%(reference)s: response due on %(due_on)s"),
        (
            _(
                "Reminder: the response %(from_party)s to the Secretariat's request on "
                "submission %(reference)s is due on %(due_on)s (days remaining: %(days)s)."
            ),
        ),
        _("Open the case in the portal"),
    ),
    "reminder_comments": Message(
        _("%(reference)s: comments due on %(due_on)s"),
        (
            _(
                "Reminder: comments on the draft factual record on submission %(reference)s "
                "are due on %(due_on)s (days remaining: %(days)s)."
            ),
        ),
        _("Open the case in the portal"),
    ),
    "reminder_instruction": Message(
        _("%(reference)s: the Secretariat awaits the Council's instruction"),
        (
            _(
                "Reminder: the Secretariat notified the Council that submission %(reference)s "
                "warrants a factual record. The target for an instruction is %(due_on)s "
                "(days remaining: %(days)s)."
            ),
        ),
        _("Open the case in the portal"),
    ),
    "digest": Message(
        _("Deadlines due soon or overdue on %(on)s"),
        (_("Open deadlines that are overdue or due within 14 days:"),),
        _("Open the workspace"),
    ),
}
