"""The transition table of REGISTRY-FORMAT.md, as data.

For each event kind: the stages it may happen in, whether it is public by default (P), who may
record it live, whether it is a Secretariat decision under four eyes, its extra keys, and its
effects per outcome (next stage, closure reason, document code, deadlines met and opened).
Further conditions ("once per case", "while the period runs") are named guards in
``workflow.guards``. The services, the forms, the templates ("what can be done now") and the
diagram (``manage.py workflow_graph``) all read this table and nothing else.
"""

from django.utils.translation import gettext_lazy as _

from submissions.stages import OPEN_STAGES, ClosureReason, Stage, Visibility
from workflow.profile_rules import PROFILE_RULES
from workflow.rule import (
    COUNCIL,
    DIRECTOR,
    PARTY,
    PARTY_CONCERNED,
    PUBLIC,
    SECRETARIAT,
    SUBMITTER,
    SYSTEM,
    Effect,
    EventRule,
    event_rule,
    profile_stages,
)

S = Stage
ANY_STAGE = frozenset(Stage)
OPEN = OPEN_STAGES

# The stages after the first Council instruction, where a withdrawal no longer closes a case.
WITHDRAWAL_GOES_ON = frozenset(
    {S.FACTUAL_RECORD_PREPARATION, S.DRAFT_COMMENT_PERIOD, S.FINAL_FACTUAL_RECORD}
)

RULES = [
    event_rule(
        "filed",
        _("Submission filed"),
        None,
        {SUBMITTER, SECRETARIAT},
        public=True,
        outcomes={
            None: Effect(to=S.ADMISSIBILITY_REVIEW, opens=("acknowledgement", "admissibility"))
        },
        # The digests of the title and summary, the laws and the people filed, and the Party
        # concerned (docs/registry-extensions.md).
        optional=("texts_sha256", "laws_sha256", "submitters_sha256", "party"),
        guards=("digests_well_formed", "party_is_the_cases"),
        document_kind="submission",
    ),
    event_rule(
        "acknowledged",
        _("Acknowledgement of receipt"),
        OPEN,
        {SECRETARIAT},
        public=True,
        outcomes={None: Effect(meets=("acknowledgement",))},
        # The identifier it assigns (docs/registry-extensions.md).
        optional=("identifier",),
        guards=("not_yet_acknowledged", "identifier_is_the_cases"),
        document_kind="acknowledgement",
    ),
    event_rule(
        "form_errors_noted",
        _("Minor errors of form pointed out"),
        {S.ADMISSIBILITY_REVIEW},
        {SECRETARIAT},
        visibility=Visibility.SUBMITTER,
        document_kind="correspondence",
    ),
    event_rule(
        "admissibility_determined",
        _("Determination under Article 18.8.2"),
        {S.ADMISSIBILITY_REVIEW},
        {SECRETARIAT},
        public=True,
        decision=True,
        required=("outcome",),
        optional=("criteria",),
        outcomes={
            "meets": Effect(
                to=S.RESPONSE_DECISION,
                code="D",
                meets=("admissibility",),
                opens=("response_decision",),
            ),
            "does_not_meet": Effect(
                to=S.AWAITING_REVISION, code="D", meets=("admissibility",), opens=("revision",)
            ),
        },
        guards=("criteria_agree_with_outcome", "registered_first"),
        document_kind="determination",
    ),
    event_rule(
        "revision_filed",
        _("Revised submission filed"),
        {S.AWAITING_REVISION},
        {SUBMITTER, SECRETARIAT},
        public=True,
        # Filed through the tracking page: the submitter's note waits for the Secretariat.
        optional=("publish_requested", "for_public", "submitter"),
        outcomes={
            None: Effect(to=S.ADMISSIBILITY_REVIEW, meets=("revision",), opens=("admissibility",))
        },
        guards=("revision_in_time_where_required", "submitter_index_if_given"),
        document_kind="revision",
    ),
    event_rule(
        "response_decided",
        _("Determination under Article 18.8.4"),
        {S.RESPONSE_DECISION},
        {SECRETARIAT},
        combined_label=_("Determination under Articles 18.8.2 and 18.8.4"),
        public=True,
        decision=True,
        required=("outcome",),
        # "criteria": a combined determination, where the profile has one (from admissibility
        # review: it determines the criteria met and meets the admissibility period too).
        optional=("factors", "delivered_on", "criteria"),
        outcomes={
            "request": Effect(
                to=S.AWAITING_RESPONSE,
                code="D",
                meets=("response_decision",),
                meets_if_open=("admissibility",),
                opens=("party_response",),
            ),
            "no_request": Effect(
                to=S.CLOSED,
                closure=ClosureReason.NO_RESPONSE_MERITED,
                code="D",
                meets=("response_decision",),
                meets_if_open=("admissibility",),
            ),
        },
        guards=("criteria_only_in_a_combined_determination", "registered_first"),
        document_kind="determination",
    ),
    event_rule(
        "request_delivered",
        _("Request for a response delivered"),
        {S.AWAITING_RESPONSE},
        {SECRETARIAT},
        visibility=Visibility.PARTY_CONCERNED,
        guards=("request_not_delivered_yet",),
        document_kind="request",
    ),
    event_rule(
        "extension_notified",
        _("Exceptional circumstances notified (60 days)"),
        {S.AWAITING_RESPONSE},
        {PARTY_CONCERNED, SECRETARIAT},
        public=True,
        optional=("publish_requested", "for_public"),
        guards=("author_is_party_concerned", "party_response_running", "once_per_case"),
        document_kind="correspondence",
    ),
    event_rule(
        "party_responded",
        _("Response of the Party"),
        {
            S.AWAITING_RESPONSE,
            S.FACTUAL_RECORD_DECISION,
            S.AWAITING_COUNCIL,
            S.FACTUAL_RECORD_PREPARATION,
            S.DRAFT_COMMENT_PERIOD,
            S.FINAL_FACTUAL_RECORD,
            S.CLOSED,
        },
        {PARTY_CONCERNED, SECRETARIAT},
        public=True,
        # proceeding: {authority, case_number, status} of a declared pending proceeding;
        # information: Art. 18.8.5(b)(i)-(iii) as given through the Parties' portal.
        optional=(
            "pending_proceeding",
            "proceeding",
            "information",
            "publish_requested",
            "for_public",
        ),
        outcomes={
            None: Effect(
                to=S.FACTUAL_RECORD_DECISION,
                from_stages=frozenset({S.AWAITING_RESPONSE}),
                meets=("party_response",),
                opens=("factual_record_decision",),
            )
        },
        guards=("author_is_party_concerned", "response_was_requested"),
        document_kind="response",
    ),
    event_rule(
        "factual_record_notified",
        _("Notification to the Council under Article 18.9.1"),
        {S.FACTUAL_RECORD_DECISION, S.AWAITING_RESPONSE},
        {SECRETARIAT},
        public=True,
        decision=True,
        required=("outcome",),
        outcome_labels={
            "not_warranted": _(
                "Determination that the submission does not warrant a factual record"
            )
        },
        outcomes={
            "warranted": Effect(
                to=S.AWAITING_COUNCIL,
                code="N",
                meets=("factual_record_decision",),
                opens=("council_instruction",),
            ),
            "not_warranted": Effect(
                to=S.CLOSED,
                closure=ClosureReason.FACTUAL_RECORD_NOT_WARRANTED,
                code="D",
                meets=("factual_record_decision",),
            ),
        },
        guards=("response_period_over_if_awaiting",),
        document_kind="notification",
    ),
    event_rule(
        "council_instructed",
        _("Council instruction to prepare a factual record"),
        {
            S.AWAITING_COUNCIL,
            S.FACTUAL_RECORD_PREPARATION,
            S.DRAFT_COMMENT_PERIOD,
            S.FINAL_FACTUAL_RECORD,
        },
        {COUNCIL, SECRETARIAT},
        public=True,
        required=("party",),
        optional=("publish_requested", "for_public"),
        outcomes={
            None: Effect(
                to=S.FACTUAL_RECORD_PREPARATION,
                from_stages=frozenset({S.AWAITING_COUNCIL}),
                meets=("council_instruction",),
                opens=("draft_factual_record",),
                by_council_rule=True,
            )
        },
        guards=("party_key_valid", "member_instructs_once"),
        document_kind="instruction",
    ),
    event_rule(
        "information_called",
        _("Call for information"),
        {S.FACTUAL_RECORD_PREPARATION, S.DRAFT_COMMENT_PERIOD},
        {SECRETARIAT},
        public=True,
        optional=("closes_on",),
        document_kind="notice",
    ),
    event_rule(
        "information_submitted",
        _("Information submitted for the factual record"),
        {S.FACTUAL_RECORD_PREPARATION, S.DRAFT_COMMENT_PERIOD},
        {PUBLIC, SECRETARIAT},
        visibility=Visibility.SECRETARIAT,
        optional=("name", "organization", "email"),
        guards=("call_is_open",),
        document_kind="information",
    ),
    event_rule(
        "draft_submitted",
        _("Draft factual record submitted to the Council"),
        {S.FACTUAL_RECORD_PREPARATION},
        {SECRETARIAT},
        public=True,
        outcomes={
            None: Effect(
                to=S.DRAFT_COMMENT_PERIOD,
                meets=("draft_factual_record",),
                opens=("draft_comments",),
            )
        },
        document_kind="draft_factual_record",
        documents_at_most=Visibility.PARTIES,
    ),
    event_rule(
        "draft_commented",
        _("Comments of a Party on the draft factual record"),
        {S.DRAFT_COMMENT_PERIOD, S.FINAL_FACTUAL_RECORD},
        {PARTY, SECRETARIAT},
        visibility=Visibility.PARTIES,
        required=("party",),
        optional=("publish_requested", "for_public"),
        outcomes={None: Effect(meets=("draft_comments",))},
        guards=("party_key_valid", "author_is_that_party"),
        document_kind="comment",
    ),
    event_rule(
        "final_submitted",
        _("Final factual record submitted to the Council"),
        {S.DRAFT_COMMENT_PERIOD},
        {SECRETARIAT},
        public=True,
        outcomes={None: Effect(to=S.FINAL_FACTUAL_RECORD, opens=("publication",))},
        guards=("comments_in_or_period_over",),
        document_kind="final_factual_record",
        documents_at_most=Visibility.PARTIES,
    ),
    event_rule(
        "publication_instructed",
        _("Council instruction to publish the factual record"),
        {
            S.AWAITING_COUNCIL,
            S.FACTUAL_RECORD_PREPARATION,
            S.DRAFT_COMMENT_PERIOD,
            S.FINAL_FACTUAL_RECORD,
        },
        {COUNCIL, SECRETARIAT},
        public=True,
        required=("party",),
        optional=("publish_requested", "for_public"),
        outcomes={None: Effect(opens=("publication",), by_council_rule=True)},
        guards=("party_key_valid", "member_instructs_once"),
        document_kind="instruction",
    ),
    # The steps a profile adds (workflow.profile_rules), where the table had them.
    *PROFILE_RULES,
    event_rule(
        "published",
        _("Factual record published"),
        {S.FINAL_FACTUAL_RECORD},
        {SECRETARIAT},
        public=True,
        decision=True,
        outcomes={
            None: Effect(
                to=S.CLOSED, closure=ClosureReason.FACTUAL_RECORD_PUBLISHED, meets=("publication",)
            )
        },
        # ``attach_comments``: the Parties whose draft comments it publishes, where the profile
        # does so; elsewhere ``with_comments``, those sent for the public (published.WITH_COMMENTS).
        optional=("attach_comments", "with_comments"),
        guards=("publication_was_instructed", "attached_comments_were_given", "comments_sent"),
        document_kind="final_factual_record",
    ),
    event_rule(
        "recommendation_made",
        _("Council recommendation"),
        {S.FINAL_FACTUAL_RECORD, S.CLOSED},
        {COUNCIL, SECRETARIAT},
        public=True,
        optional=("party", "publish_requested", "for_public"),
        guards=("follows_a_final_record",),
        # Walk 136: one member's own read as the Council's on the docket.
        data_labels={"party": _("Recommendation of a Council member")},
        document_kind="recommendation",
    ),
    event_rule(
        "submitters_joined",
        _("Submitters joined (adhesion)"),
        OPEN,
        {SECRETARIAT},
        public=True,
        required=("submitters",),
        guards=("submitters_given",),
    ),
    event_rule(
        "information_added",
        _("Information added by the submitters"),
        OPEN,
        {SUBMITTER, SECRETARIAT},
        visibility=Visibility.SUBMITTER,
        optional=("submitter",),  # which co-filer, by index (sent from a private link)
        guards=("submitter_index_if_given",),
        document_kind="information",
    ),
    event_rule(
        "identity_withheld",
        _("Identity withheld at the submitter's request"),
        ANY_STAGE,
        {SUBMITTER, SECRETARIAT},
        visibility=Visibility.SUBMITTER,
        required=("submitter",),
        guards=("submitter_index_valid", "someone_to_withhold", "not_withheld_already"),
    ),
    event_rule(
        "correspondence",
        _("Correspondence"),
        ANY_STAGE,
        {SECRETARIAT, PARTY},
        public=True,
        # A link between related cases: {"link": "linked"/"unlinked", "other": reference};
        # the public texts as the Secretariat set them: {"texts": {"title_en": …}}.
        optional=("link", "other", "texts", "publish_requested", "for_public"),
        # Walk 22: the auditor read a change of the public texts as "Correspondence".
        data_labels={"texts": _("Public title and summary changed")},
        guards=("texts_well_formed",),
        document_kind="correspondence",
    ),
    event_rule(
        "assigned",
        _("Case assigned"),
        OPEN,
        {SECRETARIAT},
        visibility=Visibility.SECRETARIAT,
        required=("officer",),
        guards=("officer_is_secretariat",),
    ),
    event_rule(
        "proposed",
        _("Decision proposed"),
        ANY_STAGE,
        {SECRETARIAT},
        visibility=Visibility.SECRETARIAT,
        required=("proposal",),
        guards=("proposal_is_legal_now",),
    ),
    event_rule(
        "returned",
        _("Proposal returned"),
        ANY_STAGE,
        {DIRECTOR},
        visibility=Visibility.SECRETARIAT,
        optional=("comment",),
        guards=("replies_to_pending_proposal",),
    ),
    event_rule(
        "visibility_changed",
        _("Visibility of a document changed"),
        ANY_STAGE,
        {SECRETARIAT},
        visibility=Visibility.SECRETARIAT,
        # A document ([event index, position]), or an event's own text: "event" (its index)
        # and "fields" (title, note) on the public surfaces (``published.public_text``), with
        # any "with_documents" of that event (positions) published with it (text_guards).
        required=("from", "to", "reason"),
        optional=("document", "event", "fields", "with_documents", "translations"),
        guards=("has_documents_or_text", "document_reference_valid", "visibility_within_limits"),
        # Walk 24: publishing an entry's text was proposed as "Visibility of a document".
        data_labels={"event": _("Visibility of an entry's text changed")},
    ),
    event_rule(
        "deadline_missed_explained",
        _("Missed target explained"),
        OPEN,
        {SECRETARIAT},
        public=True,
        required=("deadline", "reason"),
        optional=("party", "new_due_on"),
        guards=("a_target_is_missed", "deadline_exists"),
    ),
    event_rule(
        "deadlines_recomputed",
        _("Deadlines recomputed"),
        OPEN,
        {SECRETARIAT, SYSTEM},
        visibility=Visibility.SECRETARIAT,
        required=("reason",),
        optional=("changes",),
    ),
    event_rule(
        "withdrawn",
        _("Submission withdrawn"),
        OPEN,
        {SUBMITTER, SECRETARIAT},
        public=True,
        # After a Council member's instruction the Secretariat *shall* prepare the record (Art.
        # 18.9.2) and publish it if instructed (18.9.7): it is recorded; the case goes on.
        outcomes={
            None: Effect(
                to=S.CLOSED,
                closure=ClosureReason.WITHDRAWN,
                from_stages=OPEN - WITHDRAWAL_GOES_ON,
            )
        },
        optional=("submitter",),  # which co-filer, by index (recorded from a tracking link)
        guards=("not_withdrawn_already", "submitter_index_if_given"),
    ),
    event_rule(
        "submitter_left",
        _("A submitter left the submission"),
        OPEN,
        {SUBMITTER, SECRETARIAT},
        public=True,
        required=("submitter",),  # ours: one co-filer leaves, the others go on with it
        guards=("submitter_index_valid", "not_left_already", "another_submitter_stays"),
    ),
    event_rule(
        "closed",
        _("Case closed"),
        {
            S.AWAITING_REVISION,
            S.ADMISSIBILITY_REVIEW,
            S.FACTUAL_RECORD_DECISION,
            S.AWAITING_COUNCIL,
        },
        {SECRETARIAT},
        public=True,
        decision=True,
        required=("reason",),
        outcomes={None: Effect(to=S.CLOSED)},
        guards=("closure_reason_fits_stage", "closure_grounds_hold"),
        document_kind="notice",
    ),
    event_rule(
        "reopened",
        _("Case reopened"),
        {S.CLOSED},
        {SECRETARIAT},
        public=True,
        decision=True,
        required=("to_stage", "reason"),
        guards=("reopening_stage_given", "reopening_allowed"),
        document_kind="notice",
    ),
    # A legacy registry's undated steps: the case reached `stage` by this date. Import only,
    # never offered live; public, so that the docket states the gap in the history in words.
    event_rule(
        "unrecorded_steps",
        _("Steps not recorded in the registry"),
        OPEN,
        {SECRETARIAT},
        public=True,
        required=("stage",),
        guards=("import_only", "unrecorded_stage_is_later"),
    ),
]

TABLE: dict[str, EventRule] = {rule.kind: rule for rule in RULES}


def in_procedure(kind: str) -> bool:
    """Whether ``kind`` is a step of this installation's procedure: the registry format's, or
    one its profile adds (a kind with no stages of its own is a profile's: ``council_declined``)."""
    rule = TABLE.get(kind)
    return rule is not None and (rule.stages != frozenset() or bool(profile_stages(kind)))


EVENT_KINDS = tuple(kind for kind in TABLE if in_procedure(kind))
DECISION_KINDS = frozenset(rule.kind for rule in RULES if rule.decision)

# Portal posts for the public carry ``{"publish_requested": true}`` and, in ``for_public``, the
# positions of the documents sent for the public (the others to the Parties only): they wait at
# *parties*, their text withheld, until the Secretariat publishes them (PROCESS.md, Visibility).

# What a Party, a Council member or a submitter does, which the Secretariat may record on their
# behalf from a letter or an email (REGISTRY-FORMAT.md, PROCESS.md "Records made on someone
# else's behalf"): the record carries the author it stands for and the letter as evidence, and
# goes through four eyes like a decision. Only the actor's own account records it alone.
ON_BEHALF_KINDS = frozenset(
    {
        "extension_notified",
        "party_responded",
        "party_information_added",
        "draft_commented",
        "council_instructed",
        "publication_instructed",
        "council_declined",
        "withdrawn",
        "submitter_left",
        "revision_filed",
    }
)
# What an officer may propose to the Executive Director: the decisions, the records made on
# someone else's behalf, and a widening of a document's visibility.
PROPOSABLE_KINDS = DECISION_KINDS | ON_BEHALF_KINDS | {"visibility_changed"}


def stood_for(kind: str, party: str, data: dict) -> str:
    """The author a record of ``kind`` made on someone else's behalf stands for, on a case
    about ``party``: the Party concerned, the commenting Party, the instructing Council member
    (``data["party"]``) or the submitters."""
    if kind in ("extension_notified", "party_responded", "party_information_added"):
        return f"party:{party}"
    if kind == "draft_commented":
        return f"party:{data.get('party', '')}"
    if kind in ("council_instructed", "publication_instructed", "council_declined"):
        return f"council:{data.get('party', '')}"
    return "submitter"


# The closure reason that a `closed` event may give in each stage (the guard checks more).
CLOSURE_BY_STAGE = {
    S.AWAITING_REVISION: ClosureReason.NOT_ADMISSIBLE,
    S.ADMISSIBILITY_REVIEW: ClosureReason.NOT_A_SUBMISSION,
    S.FACTUAL_RECORD_DECISION: ClosureReason.PENDING_PROCEEDING,
    S.AWAITING_COUNCIL: ClosureReason.NO_COUNCIL_INSTRUCTION,
}

# Outcome values, for validation and forms.
OUTCOMES = {kind: tuple(o for o in rule.outcomes if o) for kind, rule in TABLE.items()}


def legal_pairs() -> set[tuple[str, str]]:
    """Every (stage, kind) pair the table accepts; stage "" stands for "no event yet"."""
    pairs = set()
    for rule in RULES:
        stages = {""} if rule.stages is None else rule.stages | profile_stages(rule.kind)
        pairs.update((str(stage), rule.kind) for stage in stages)
    return pairs
