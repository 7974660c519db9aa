"""Who is told what: the one table, as data.

Each row says: when an event of this kind (and outcome) is recorded, this audience receives
this message (its words are in ``notices.messages``). The scheduled notices (reminders, the
staff digest) are listed in ``SCHEDULED``. ``manage.py notices_table`` prints both as the
Markdown table in the README; a test keeps the copy in step.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

# Audiences.
SUBMITTERS = "submitters"  # every submitter of the case with an email, by tracking link
PARTY_CONCERNED = "party_concerned"  # focal points of the Party the case is about
FOCAL_POINTS = "focal_points"  # focal points of both Parties
COUNCIL = "council"  # Council members of both Parties
# The Council members of the Parties other than the one whose member acted (``data["party"]``).
OTHER_COUNCIL = "other_council"
STAFF = "staff"  # Secretariat officers and the Executive Director
DIRECTOR = "director"  # the Executive Director
PROPOSER = "proposer"  # the officer who made the proposal the event answers
# The submitters of the earlier case a consolidation names (``consolidated``'s ``with``).
EARLIER_SUBMITTERS = "earlier_submitters"
# The officers whose proposals, pending in the stage a step moved the case out of, lapsed.
LAPSED_PROPOSERS = "lapsed_proposers"
# The person who sent information for a factual record through the docket (the address she
# gave with it).
INFORMANT = "informant"
# The submitters a ``submitters_joined`` added (an adhesion), by their own tracking links.
JOINED = "joined"
# The submitter who left (``submitter_left``), at her address: her link no longer works.
LEAVER = "leaver"

# A rule's kind for any step that moves the case to another stage.
MOVES = "*"
# A rule's kind for any decision the Executive Director approved (it answers a proposal).
APPROVED = "+"

AUDIENCE_LABELS = {
    SUBMITTERS: _("Submitters"),
    PARTY_CONCERNED: _("Focal points of the Party concerned"),
    FOCAL_POINTS: _("Focal points of every Party"),
    COUNCIL: _("Council members"),
    OTHER_COUNCIL: _("The other Council members"),
    STAFF: _("Secretariat staff"),
    DIRECTOR: _("Executive Director"),
    PROPOSER: _("The officer who proposed"),
    EARLIER_SUBMITTERS: _("Submitters of the earlier submission"),
    LAPSED_PROPOSERS: _("The officer whose pending proposal it made lapse"),
    INFORMANT: _("The person who sent the information"),
    JOINED: _("The submitters who joined"),
    LEAVER: _("The submitter who left"),
}

# Where each audience's link points.
LINKS = {
    SUBMITTERS: "track",
    PARTY_CONCERNED: "portal",
    FOCAL_POINTS: "portal",
    COUNCIL: "portal",
    OTHER_COUNCIL: "portal",
    STAFF: "workspace",
    DIRECTOR: "workspace",
    PROPOSER: "workspace",
    EARLIER_SUBMITTERS: "track",
    JOINED: "track",
    LAPSED_PROPOSERS: "workspace",
    INFORMANT: "docket",
    LEAVER: "none",
}


@dataclass(frozen=True)
class Rule:
    kind: str
    outcome: str | None  # None: any outcome
    audience: str
    message: str
    public_only: bool = False  # only when the event itself is public
    closed_only: bool = False  # only when the event closed the case
    open_only: bool = False  # only when the case is still open after it
    # A Council member's instruction, by the Council's rule (workflow.council): "decides",
    # only the one that makes the members' instructions the Council's; "met", once they are;
    # "short", while they are not (a vote under a two-thirds rule). Empty: any.
    council: str = ""
    by_party: bool = False  # only when a Party recorded it (its portal), not the Secretariat
    by_council: bool = False  # only when a Council member's own (its author is the member)
    # Only when the decision publishes the text of an earlier event of this kind (a
    # ``visibility_changed`` naming an ``event``, to *public*). Empty: any.
    publishes: str = ""
    # Only when the Party concerned's focal points see the case (asked for its response).
    party_sees: bool = False


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
    # Walk 47: told that the response arrived, the submitters were never told they could read
    # it once the Secretariat published it.
    Rule("visibility_changed", None, SUBMITTERS, "response_published", publishes="party_responded"),
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
    # Walk 45: the Council member of Peru heard nothing when the United States' member
    # instructed a factual record; the Council's decision, to the members who did not give it.
    Rule("council_instructed", None, OTHER_COUNCIL, "instruction_to_staff", council="decides"),
    # Walk 61: the Party concerned heard of the factual record only with its draft.
    Rule("council_instructed", None, PARTY_CONCERNED, "record_instructed_party", council="decides"),
    Rule("council_instructed", None, STAFF, "vote_to_staff", council="short"),
    Rule("draft_submitted", None, COUNCIL, "council_draft"),
    # Walk 45: months pass between the instruction and the final record with no word to them.
    Rule("draft_submitted", None, SUBMITTERS, "draft_submitted", public_only=True),
    Rule("draft_submitted", None, FOCAL_POINTS, "draft_for_comment"),
    Rule("draft_commented", None, STAFF, "comments_to_staff"),
    Rule("final_submitted", None, COUNCIL, "council_final"),
    # The Parties commented on the draft: their focal points are told of the final record and
    # of its publication, as the Council is (walk 38).
    Rule("final_submitted", None, FOCAL_POINTS, "council_final"),
    Rule("final_submitted", None, SUBMITTERS, "final_record_submitted", public_only=True),
    Rule("publication_instructed", None, STAFF, "publication_to_staff", council="met"),
    # Walk 47: told of the instruction to prepare the record, the submitters were not told of
    # the instruction to publish it.
    Rule(
        "publication_instructed",
        None,
        SUBMITTERS,
        "publication_instructed",
        public_only=True,
        council="decides",
    ),
    Rule("publication_instructed", None, OTHER_COUNCIL, "publication_to_staff", council="decides"),
    Rule("publication_instructed", None, STAFF, "publication_vote_to_staff", council="short"),
    Rule("published", None, SUBMITTERS, "published"),
    Rule("published", None, COUNCIL, "record_published"),
    Rule("published", None, FOCAL_POINTS, "record_published"),
    Rule("revision_filed", None, STAFF, "revision_to_staff"),
    Rule("information_added", None, STAFF, "information_to_staff"),
    # Walk 51: a revision or information sent through the private link was confirmed to no
    # one, nor told to the co-filers who had not sent it.
    Rule("revision_filed", None, SUBMITTERS, "revision_received"),
    Rule("information_added", None, SUBMITTERS, "information_received"),
    # Walk 68: information sent in answer to a call was thanked on the page only, and the
    # Secretariat, who must review it, was not told.
    Rule("information_submitted", None, INFORMANT, "information_thanks"),
    Rule("information_submitted", None, STAFF, "public_information_to_staff"),
    Rule("extension_notified", None, STAFF, "extension_to_staff"),
    Rule("extension_notified", None, PARTY_CONCERNED, "extension_received"),
    Rule("extension_notified", None, SUBMITTERS, "extension_to_submitters", public_only=True),
    Rule("party_information_added", None, STAFF, "supplement_to_staff"),
    # A Party's letter through its portal ("Write to the Secretariat") told no one.
    Rule("correspondence", None, STAFF, "letter_to_staff", by_party=True),
    Rule("withdrawn", None, STAFF, "withdrawal_to_staff"),
    # Walk 141: one co-filer leaves the submission to the others (ours).
    Rule("submitter_left", None, STAFF, "leaving_to_staff"),
    Rule("submitter_left", None, SUBMITTERS, "submitter_left"),
    # Walk 149: the one who left had no word of it but the page (anyone with her link could).
    Rule("submitter_left", None, LEAVER, "you_left"),
    # Walk 39: a submitter withheld her identity and the Secretariat learned it only on
    # opening the case; a title, summary or document may name her.
    Rule("identity_withheld", None, STAFF, "withholding_to_staff"),
    Rule("closed", None, SUBMITTERS, "case_closed"),
    # Walk 66: the co-filer read "queda cerrado: retirada", not who withdrew or why it
    # closed; and after a Council member's instruction, which keeps the case going (Art.
    # 18.9.2), the submitters were told it had closed.
    Rule("withdrawn", None, SUBMITTERS, "withdrawn", closed_only=True),
    Rule("withdrawn", None, SUBMITTERS, "withdrawn_goes_on", open_only=True),
    # Walk 141: the Party asked for its response was not told the case had closed.
    Rule("withdrawn", None, PARTY_CONCERNED, "closed_to_party", closed_only=True, party_sees=True),
    Rule("closed", None, PARTY_CONCERNED, "closed_to_party", party_sees=True),
    Rule("council_declined", None, SUBMITTERS, "case_closed", closed_only=True),
    Rule("council_declined", None, STAFF, "vote_against_to_staff"),
    Rule("council_declined", None, OTHER_COUNCIL, "council_declined_portal", closed_only=True),
    Rule("council_declined", None, PARTY_CONCERNED, "council_declined_portal", closed_only=True),
    # Walk 136: a member's recommendation sent for the public waited for the Secretariat's
    # review, and the Secretariat was not told of it.
    Rule("recommendation_made", None, STAFF, "recommendation_to_staff", by_council=True),
    Rule("erratum", None, SUBMITTERS, "erratum"),
    Rule("consolidated", None, SUBMITTERS, "consolidated"),
    Rule("consolidated", None, EARLIER_SUBMITTERS, "consolidated_into"),
    # Walk 120: a person who joined a submission was given no link to follow it.
    Rule("submitters_joined", None, JOINED, "joined"),
    Rule("proposed", None, DIRECTOR, "proposal_awaiting"),
    Rule("returned", None, PROPOSER, "proposal_returned"),
    # Walk 77: the officer learned of a return and a lapse by email, of an approval only by
    # opening the case again.
    Rule(APPROVED, None, PROPOSER, "proposal_approved"),
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
    # Walk 69: a history rewritten in the database was found only by someone who looked.
    ("histories", DIRECTOR, "histories_broken"),
]


def rules_for(kind: str, outcome, *, moves: bool = False, approved: bool = False) -> list[Rule]:
    """The rules of an event of ``kind`` with ``outcome``; with ``moves``, that moved the case
    to another stage, those of any such step (``MOVES``) too; with ``approved``, a decision
    the Executive Director approved, those of any such (``APPROVED``)."""
    return [
        r
        for r in RULES
        if (r.kind == kind or (moves and r.kind == MOVES) or (approved and r.kind == APPROVED))
        and r.outcome in (None, outcome)
    ]
